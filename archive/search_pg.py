"""The FTS5 query language on PostgreSQL: one search syntax whatever the database.

``archive search`` takes SQLite FTS5 queries. On PostgreSQL they are translated into a
``tsquery`` expression over the ``search_vector`` column (title weighted A, body B):

- words (``taliban``) and phrases (``"inclusive government"``), next to each other or joined
  by ``AND``: all of them (``&&``); ``OR``: either (``||``); ``a NOT b``: ``a && !!b``;
  parentheses group; precedence as in FTS5 (NOT, then AND, then OR);
- ``talib*``: a prefix (``talib:*``);
- ``title: x`` / ``body: x`` / ``-title: x``: only in that column (the lexeme weight);
- ``NEAR(...)`` has no PostgreSQL counterpart: a clear error, as are unbalanced quotes and
  operators with nothing to join (the messages FTS5 gives for the same mistakes).
"""

from __future__ import annotations

import re

COLUMNS = {"title": "A", "body": "B"}
_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"]|"")*")|(?P<open>\()|(?P<close>\))|(?P<colon>:)|'
                    r'(?P<minus>-)|(?P<star>\*)|(?P<word>[\w\x80-\U0010ffff]+)|(?P<other>\S))')
_WORDS = re.compile(r"\w+")


class QuerySyntaxError(ValueError):
    """``args[0]`` is FTS5's own wording of the mistake (see ``search._invalid``)."""


def tsquery_sql(query: str, params: dict) -> str:
    """An SQL expression of type ``tsquery`` for the FTS5 ``query``; its values are added to
    ``params`` (as ``:pgq0``, ``:pgq1`` ...)."""
    parser = _Parser(_tokens(query), params)
    expr = parser.or_()
    if parser.peek() is not None:
        raise QuerySyntaxError(f'syntax error near "{parser.peek()[1]}"')
    return expr


def _tokens(query: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if m is None or m.end() == pos:
            break  # only whitespace left
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "string":
            value = value[1:-1].replace('""', '"')
        elif kind == "other" and value == '"':
            raise QuerySyntaxError("unterminated string")
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens, params: dict):
        self.tokens = tokens
        self.i = 0
        self.params = params

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.i += 1
        return token

    def _keyword(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token == ("word", word)

    def or_(self) -> str:
        expr = self.and_()
        while self._keyword("OR"):
            self.take()
            expr = f"({expr} || {self.and_()})"
        return expr

    def and_(self) -> str:
        expr = self.not_()
        while True:
            if self._keyword("AND"):
                self.take()
            elif not self._starts_unary():
                return expr
            expr = f"({expr} && {self.not_()})"

    def not_(self) -> str:
        expr = self.unary()
        while self._keyword("NOT"):
            self.take()
            expr = f"({expr} && !!{self.unary()})"
        return expr

    def _starts_unary(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        kind, value = token
        if kind == "word":
            return value not in ("AND", "OR", "NOT")
        return kind in ("string", "open", "minus")

    def unary(self, weight: str | None = None) -> str:
        token = self.take()
        if token is None:
            raise QuerySyntaxError("syntax error near \"\"")
        kind, value = token
        if kind == "open" and weight is None:
            expr = self.or_()
            if self.take() != ("close", ")"):
                raise QuerySyntaxError('syntax error near ""')
            return expr
        if kind == "minus" and weight is None:  # -column: every other column
            column = self.take()
            if column is None or column[0] != "word":
                raise QuerySyntaxError(f'syntax error near "{column[1] if column else ""}"')
            if column[1] not in COLUMNS:
                raise QuerySyntaxError(f"no such column: {column[1]}")
            if self.take() != ("colon", ":"):
                raise QuerySyntaxError('syntax error near ""')
            others = "".join(w for c, w in COLUMNS.items() if c != column[1])
            return self.unary(others)
        if kind == "word" and value in ("AND", "OR", "NOT"):
            raise QuerySyntaxError(f'syntax error near "{value}"')
        if kind == "word" and value == "NEAR" and self.peek() == ("open", "("):
            raise QuerySyntaxError("NEAR() has no PostgreSQL counterpart: use a phrase or AND")
        if kind == "word" and weight is None and self.peek() == ("colon", ":"):
            self.take()
            if value not in COLUMNS:
                raise QuerySyntaxError(f"no such column: {value}")
            if self.peek() is None:
                raise QuerySyntaxError('syntax error near ""')
            return self.unary(COLUMNS[value])
        if kind == "word" or kind == "string":
            prefix = self.peek() == ("star", "*")
            if prefix:
                self.take()
            return self._phrase(value, prefix, weight)
        raise QuerySyntaxError(f'syntax error near "{value}"')

    def _phrase(self, text: str, prefix: bool, weight: str | None) -> str:
        name = f"pgq{sum(1 for k in self.params if k.startswith('pgq'))}"
        words = _WORDS.findall(text)
        if (not prefix and weight is None) or not words:
            self.params[name] = text  # stop words and punctuation as PostgreSQL parses them
            return f"phraseto_tsquery('english', :{name})"
        parts = []
        for i, word in enumerate(words):
            mark = ("*" if prefix and i == len(words) - 1 else "") + (weight or "")
            parts.append(f"{word}:{mark}" if mark else word)
        self.params[name] = " <-> ".join(parts)
        return f"to_tsquery('english', :{name})"
