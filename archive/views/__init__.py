"""Saved queries as data: one ``.sql`` file per view, with a title/description header.

The same definitions feed the database views (created by migrations), ``archive views``
and (later) Datasette metadata. A file looks like::

    -- title: Articles at a glance
    -- description: One row per article with its source, date and length.
    SELECT ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class SavedView:
    name: str
    title: str
    description: str
    sql: str

    def create_sql(self, dialect: str = "sqlite") -> str:
        return f"CREATE VIEW {self.name} AS\n{render(self.sql, dialect)}"


_LIST = re.compile(r"LIST_DISTINCT\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


def render(sql: str, dialect: str) -> str:
    """The one portable macro of the view files: ``LIST_DISTINCT(expr)``, the distinct
    values of ``expr`` joined by commas (GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL)."""
    if dialect == "postgresql":
        return _LIST.sub(r"STRING_AGG(DISTINCT CAST(\1 AS TEXT), ',')", sql)
    return _LIST.sub(r"GROUP_CONCAT(DISTINCT \1)", sql)


def parse(name: str, text: str) -> SavedView:
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not body and stripped.startswith("--") and ":" in stripped:
            key, _, value = stripped[2:].partition(":")
            meta[key.strip().lower()] = value.strip()
        elif body or stripped:
            body.append(line)
    sql = "\n".join(body).strip().rstrip(";").strip()
    return SavedView(
        name=name,
        title=meta.get("title", name),
        description=meta.get("description", ""),
        sql=sql,
    )


def load_all() -> dict[str, SavedView]:
    """The current definition of every saved view, by name, in file-name order."""
    folder = resources.files(__package__)
    views = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            name = entry.name[: -len(".sql")]
            views[name] = parse(name, entry.read_text(encoding="utf-8"))
    return views
