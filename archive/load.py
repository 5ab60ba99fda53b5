"""The importer: files -> parsed articles -> rows, in batches, idempotently.

Each batch is one transaction holding its articles, their attributions, its errors and the
run's counters, so a crash or Ctrl-C never leaves a half-written article and the run's
counts always match what was stored. Duplicates (same normalised body) are detected by the
``content_hash`` unique constraint, so two importers racing on one database cannot both
store the same article.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import bindparam, func, insert, select, update

from archive import __version__, migrate
from archive.config import Target
from archive.db import make_engine, utcnow
from archive.dialect import insert_ignore
from archive.errors import ParseError
from archive.ingest.files import (
    MAX_ARTICLE_CHARS,
    MAX_HTML_CHARS,
    InputFile,
    decode,
    display_name,
    find_files,
    read_bytes,
)
from archive.ingest.dates import date_from_names
from archive.ingest.language import detect_language
from archive.ingest.record import ParsedArticle
from archive.ingest.sources import registry
from archive.ingest.text import parse_text
from archive.models import Article, ArticleAttribution, ImportFailure, ImportRun, Source
from archive.workers import ordered_map, resolve_jobs

BATCH_SIZE = 200


def _batch_size() -> int:
    """``BATCH_SIZE``, or the (undocumented, for tests) ``ARCHIVE_BATCH_SIZE`` variable."""
    try:
        return max(1, int(os.environ.get("ARCHIVE_BATCH_SIZE", "")))
    except ValueError:
        return BATCH_SIZE


@dataclass(frozen=True)
class StoredArticle:
    id: int
    origin: str
    title: str | None
    source: str | None
    published_at: str | None
    published_precision: str
    published_text: str | None
    words: int


@dataclass(frozen=True)
class Duplicate:
    origin: str
    article_id: int | None
    of_origin: str | None


@dataclass(frozen=True)
class Failure:
    origin: str
    reason: str


@dataclass(frozen=True)
class Updated:
    origin: str
    article_id: int
    previous_id: int
    words_before: int
    words_after: int


@dataclass(frozen=True)
class NearDuplicate:
    origin: str
    article_id: int
    of_id: int
    similarity: float


@dataclass
class ImportReport:
    run_id: int
    schema_before: str | None
    schema_after: str | None
    seen: int = 0
    stored: list[StoredArticle] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    updated: list[Updated] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    interrupted: bool = False


ProgressCallback = Callable[[str, object], None]


def content_hash(body: str) -> str:
    """The identity of an article's text: whitespace- and case-insensitive SHA-256."""
    return hashlib.sha256(" ".join(body.split()).lower().encode("utf-8")).hexdigest()


HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}


def sniff_format(origin: str, text: str) -> str:
    """``html``, ``jsonl`` or ``text``: by file suffix, else by the first characters."""
    suffix = Path(origin).suffix.lower() if origin != "-" else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<head" in head:
        return "html"
    if head.startswith("{") and head.rstrip().endswith(("}", '"', ",")) or head.startswith('{"'):
        return "jsonl"
    return "text"


def parse_file(item: InputFile, stdin=None) -> list[tuple[str, ParsedArticle | Failure]]:
    """Read, decode and parse one input file (no database): one or more articles, or
    failures (a JSON Lines file has one entry per line). Raises :class:`ParseError` when
    the file as a whole cannot be read."""
    data = read_bytes(item, stdin=stdin)
    decoded = decode(data)
    kind = sniff_format(item.origin, decoded.text)
    if kind == "jsonl":
        from archive.ingest.jsonl import iter_jsonl

        out: list[tuple[str, ParsedArticle | Failure]] = []
        for origin, parsed in iter_jsonl(decoded.text, item.origin):
            if isinstance(parsed, ParsedArticle):
                parsed = _scrub(parsed)  # JSON "\ud800" escapes: lone surrogates
                if len(parsed.body) > MAX_ARTICLE_CHARS:
                    out.append((origin, Failure(origin, _too_large(len(parsed.body)))))
                    continue
                _finish(parsed, decoded)
                out.append((origin, parsed))
            else:
                out.append((origin, Failure(origin, str(parsed))))
        if not out:
            raise ParseError("empty JSON Lines file (no article lines)")
        return out
    if kind == "html":
        from archive.ingest.html import parse_html

        if len(decoded.text) > MAX_HTML_CHARS:
            raise ParseError(f"HTML page too large ({len(decoded.text):,} characters, "
                             f"the limit is {MAX_HTML_CHARS:,})")
        try:
            article = parse_html(decoded.text, item.origin)
        except ParseError as exc:
            depth = _html_depth(decoded.text)
            if depth > _HTML_MAX_DEPTH:
                raise ParseError(f"{exc} (elements nested {depth:,} deep; the HTML parser "
                                 f"drops what is deeper than {_HTML_MAX_DEPTH})") from None
            raise
        if len(article.body) > MAX_ARTICLE_CHARS:
            raise ParseError(_too_large(len(article.body)))
    else:
        # Checked before parsing: a 50 MB "article" would take a minute to parse and
        # several to run entity extraction on (see MAX_ARTICLE_CHARS).
        if len(decoded.text) > MAX_ARTICLE_CHARS:
            raise ParseError(_too_large(len(decoded.text)))
        article = parse_text(decoded.text, item.origin)
    _finish(article, decoded)
    return [(item.origin, article)]


def _too_large(n: int) -> str:
    return (f"too large for one article ({n:,} characters of text, the limit is "
            f"{MAX_ARTICLE_CHARS:,}); split it into articles")


_HTML_MAX_DEPTH = 255  # libxml2's HTML parser keeps elements up to this depth
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}


def _html_depth(html: str) -> int:
    """The deepest element nesting in ``html`` (an estimate: end tags HTML lets one omit
    count as open), to explain a page that parsed to nothing."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(value):
    """Lone surrogates (which no database can store) -> U+FFFD, in any field."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _scrub(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init})
    return value


def _finish(article: ParsedArticle, decoded) -> None:
    article.encoding = decoded.encoding
    article.file_hash = decoded.file_hash
    if decoded.note:
        article.provenance["decoding"] = decoded.note
    if article.language is None:
        article.language = detect_language(article.body)
    _publisher_from_url(article)



@dataclass
class Prepared:
    """One article read, parsed and (in a worker) analysed, or why it could not be."""

    origin: str
    parsed: ParsedArticle | Failure
    digest: str | None = None
    sketch: list[int] | None = None
    analysis: object | None = None  # extract.analysis.Analysis


_WORK: dict = {}  # what _prepare reads (set before the workers fork, cleared after the run)


def _prepare(item) -> list[Prepared]:
    """Read, parse and (when asked) analyse one input file: no database."""
    if isinstance(item, tuple):
        return [Prepared(item[0], Failure(item[0], item[1]))]
    try:
        parsed_all = parse_file(item, stdin=_WORK.get("stdin"))
    except ParseError as exc:
        return [Prepared(item.origin, Failure(item.origin, str(exc)))]
    from archive.ingest import fingerprint

    table = _WORK.get("manifest")
    matcher = _WORK.get("matcher") if _WORK.get("analyse") else None
    out = []
    for origin, parsed in parsed_all:
        if not isinstance(parsed, ParsedArticle):
            out.append(Prepared(origin, parsed))
            continue
        if table is not None and item.path is not None:
            _apply_manifest(parsed, item.path, table)
        # a JSON Lines record ("file:line") takes no date from its file's name
        date_from_names(parsed, item.origin if origin == item.origin and item.path is not None else None)
        digest = content_hash(parsed.body)
        prepared = Prepared(origin, parsed, digest, fingerprint.sketch(parsed.body))
        if matcher is not None and digest not in _WORK["known"]:  # stored already: no work
            from archive.extract.analysis import analyse

            prepared.analysis = analyse(article_text(parsed), matcher)
        out.append(prepared)
    return out


def article_text(parsed: ParsedArticle, article_id: int | None = None):
    """What the extractors read of a parsed article."""
    from archive.extract.analysis import ArticleText

    published = parsed.published
    return ArticleText(article_id, parsed.title, parsed.body, parsed.language,
                       published.iso if published else None,
                       published.precision if published else "none",
                       "\n".join(parsed.captions) or None)


def import_paths(
    target: Target,
    paths: list[str],
    *,
    progress: ProgressCallback | None = None,
    batch_size: int | None = None,
    stdin=None,
    extract: bool = True,
    manifest: Path | None = None,
    jobs: int | None = None,
) -> ImportReport:
    """Import every article file under ``paths`` into the database at ``target``.

    Creates or upgrades the database first. ``progress(kind, payload)`` is called for each
    file with kind ``stored``, ``duplicate`` or ``failed``. Files are read, parsed and
    analysed by ``jobs`` worker processes (default: one per CPU; 1: all in this process);
    this process writes, in the order of the files.
    """
    if batch_size is None:
        batch_size = _batch_size()
    table_of_metadata = None
    manifest_file = None
    if manifest is not None:
        from archive.ingest.manifest import read_manifest

        table_of_metadata = read_manifest(manifest)  # a bad manifest stops before any work
        manifest_file = _resolved(manifest)
    before, after = migrate.upgrade(target)
    engine = make_engine(target.url)
    try:
        with engine.begin() as conn:
            _close_dead_runs(conn)
            run_id = conn.execute(
                insert(ImportRun.__table__).values(
                    started_at=utcnow(), tool_version=__version__, paths=json.dumps(paths),
                    status="running", n_seen=0, n_imported=0, n_duplicates=0, n_failed=0,
                    host=socket.gethostname(), pid=os.getpid(),
                )
            ).inserted_primary_key[0]
        report = ImportReport(run_id=run_id, schema_before=before, schema_after=after)
        matcher = None
        if extract:
            from archive import enrich

            with engine.begin() as conn:
                enrich.sync_gazetteer(conn)
                matcher = enrich.build_matcher(conn)
        loader = _Loader(engine, report, progress, matcher)
        items = []
        for item in find_files(paths):
            if not isinstance(item, tuple) and manifest_file is not None \
                    and item.path is not None and _resolved(item.path) == manifest_file:
                continue  # the manifest inside the imported folder is not an article
            items.append(item)
        jobs = resolve_jobs(jobs, len(items))  # a few files are quicker in-process
        if any(not isinstance(i, tuple) and i.path is None for i in items):
            jobs = 1  # standard input is read in this process
        known: set[str] = set()
        if jobs > 1 and matcher is not None:
            with engine.connect() as conn:
                known = set(conn.execute(select(Article.__table__.c.content_hash)).scalars())
        _WORK.update(matcher=matcher, analyse=jobs > 1, known=known, stdin=stdin,
                     manifest=table_of_metadata)
        prepared = ordered_map(_prepare, items, jobs=jobs)
        batch: list[Prepared] = []
        try:
            for done in prepared:
                batch.extend(done)
                if len(batch) >= batch_size:
                    loader.flush(batch)
                    batch = []
            if table_of_metadata is not None:
                for missing in map(display_name, table_of_metadata.missing_files()):
                    batch.append(Prepared(missing, Failure(missing, f"named in manifest {manifest} but missing")))
            loader.flush(batch)
            status = "finished"
        except KeyboardInterrupt:
            report.interrupted = True
            status = "interrupted"
        finally:
            prepared.close()  # stops the workers
            _WORK.clear()
        with engine.begin() as conn:
            from archive.pairs import refresh_dirty

            refresh_dirty(conn)  # entity_stats of what this run (or a killed one) touched
            conn.execute(
                update(ImportRun.__table__)
                .where(ImportRun.__table__.c.id == run_id)
                .values(finished_at=utcnow(), status=status)
            )
        if report.stored and engine.dialect.name == "sqlite":
            with engine.connect() as conn:  # keep the planner's statistics current
                conn.connection.dbapi_connection.execute("PRAGMA optimize")
        return report
    finally:
        engine.dispose()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def _close_dead_runs(conn) -> None:
    """Runs still 'running' whose process on this host is gone were killed: say so."""
    runs = ImportRun.__table__
    here = socket.gethostname()
    for run in conn.execute(select(runs.c.id, runs.c.pid).where(runs.c.status == "running",
                                                                 runs.c.host == here)).all():
        if run.pid is not None and not _alive(run.pid):
            conn.execute(update(runs).where(runs.c.id == run.id).values(status="interrupted"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _apply_manifest(article: ParsedArticle, path: Path, table) -> None:
    from archive.ingest.manifest import apply

    row = table.lookup(path)
    if row:
        apply(article, row, table.path)
    _publisher_from_url(article)


def _publisher_from_url(article: ParsedArticle) -> None:
    """No publisher credited, but a URL: the site it came from published it."""
    from urllib.parse import urlparse

    from archive.ingest.record import Credit

    if not article.url or any(c.role == "publisher" for c in article.credits):
        return
    host = urlparse(article.url).hostname
    if host:
        article.credits.append(Credit(host.removeprefix("www."), "publisher", f"url {article.url}"))


def _statements():
    """The importer's per-article queries, built once (bound parameters, not literals)."""
    from archive.ingest import fingerprint
    from archive.models import ArticleShingle

    a = Article.__table__
    sh = ArticleShingle.__table__
    previous = (select(a.c.id, a.c.words)
                .where(a.c.origin == bindparam("origin"), a.c.id != bindparam("id"),
                       a.c.superseded_at.is_(None))
                .order_by(a.c.id.desc()).limit(1))
    shared = func.count().label("shared")
    near = (select(sh.c.article_id, shared)
            .where(sh.c.hash.in_(bindparam("hashes", expanding=True)), sh.c.article_id != bindparam("id"))
            .group_by(sh.c.article_id)
            .having(func.count() >= fingerprint.THRESHOLD)
            .order_by(shared.desc(), sh.c.article_id).limit(1))
    return previous, near


_PREVIOUS_VERSION, _NEAR_DUPLICATE = _statements()


class _Loader:
    def __init__(self, engine, report: ImportReport, progress: ProgressCallback | None, matcher=None):
        self.engine = engine
        self.matcher = matcher
        self.report = report
        self.progress = progress or (lambda kind, payload: None)
        self.source_ids: dict[str, int] = {}
        self._bodies: dict = {}  # article id -> (ArticleText, Analysis or None), for extraction
        self.source_names: dict[int, str] = {}
        self._insert_stmt = None

    def flush(self, batch: list[Prepared]) -> None:
        if not batch:
            return
        stored: list[StoredArticle] = []
        duplicates: list[Duplicate] = []
        failures: list[Failure] = []
        self._updated: list[Updated] = []
        self._near: list[NearDuplicate] = []
        articles = Article.__table__
        with self.engine.begin() as conn:
            hashes = {p.digest for p in batch if isinstance(p.parsed, ParsedArticle)}
            existing = {
                row.content_hash: (row.id, row.origin)
                for row in conn.execute(
                    select(articles.c.content_hash, articles.c.id, articles.c.origin).where(
                        articles.c.content_hash.in_(list(hashes))
                    )
                )
            } if hashes else {}
            for prepared in batch:
                origin, parsed, digest = prepared.origin, prepared.parsed, prepared.digest
                if isinstance(parsed, Failure):
                    failures.append(parsed)
                    continue
                if digest in existing:
                    article_id, of_origin = existing[digest]
                    duplicates.append(Duplicate(origin, article_id, of_origin))
                    continue
                article_id = self._insert_article(conn, prepared)
                if article_id is None:  # stored meanwhile by a concurrent importer
                    row = conn.execute(
                        select(articles.c.id, articles.c.origin).where(articles.c.content_hash == digest)
                    ).first()
                    duplicates.append(Duplicate(origin, row.id if row else None, row.origin if row else None))
                    continue
                existing[digest] = (article_id, origin)
                stored.append(
                    StoredArticle(
                        id=article_id,
                        origin=origin,
                        title=parsed.title,
                        source=self._publisher_name(parsed),
                        published_at=parsed.published.iso if parsed.published else None,
                        published_precision=parsed.published.precision if parsed.published else "none",
                        published_text=parsed.published.text if parsed.published else None,
                        words=parsed.words,
                    )
                )
            if stored and self.matcher is not None:
                from archive.enrich import extract_articles
                from archive.extract.analysis import analyse

                texts = [self._bodies[s.id][0] for s in stored]
                analyses = [self._bodies[s.id][1] or analyse(text, self.matcher)
                            for text, s in zip(texts, stored)]
                extract_articles(conn, self.matcher, texts, analyses)
            self._bodies.clear()
            if failures:
                conn.execute(
                    insert(ImportFailure.__table__),
                    [
                        {"import_run_id": self.report.run_id, "path": f.origin,
                         "reason": f.reason, "created_at": utcnow()}
                        for f in failures
                    ],
                )
            runs = ImportRun.__table__
            conn.execute(
                update(runs)
                .where(runs.c.id == self.report.run_id)
                .values(
                    n_seen=runs.c.n_seen + len(batch),
                    n_imported=runs.c.n_imported + len(stored),
                    n_duplicates=runs.c.n_duplicates + len(duplicates),
                    n_failed=runs.c.n_failed + len(failures),
                )
            )
        # Only report what the committed transaction holds.
        self.report.updated.extend(self._updated)
        self.report.near_duplicates.extend(self._near)
        self.report.seen += len(batch)
        self.report.stored.extend(stored)
        self.report.duplicates.extend(duplicates)
        self.report.failures.extend(failures)
        for kind, items in (("stored", stored), ("duplicate", duplicates), ("failed", failures)):
            for item in items:
                self.progress(kind, item)

    def _link_versions(self, conn, parsed: ParsedArticle, sketch: list[int], article_id: int) -> None:
        """Same origin, other content: a new version (the old row stays, marked superseded).
        Most of the same 4-grams as an earlier article: a near-duplicate (linked)."""
        from archive.ingest import fingerprint
        from archive.models import ArticleShingle

        a = Article.__table__
        previous = None
        if parsed.origin != "-":
            previous = conn.execute(_PREVIOUS_VERSION, {"origin": parsed.origin, "id": article_id}).first()
        values = {}
        if previous is not None:
            from archive import pairs

            values["previous_version_id"] = previous.id
            pairs.adjust(conn, [previous.id], -1)  # the old version no longer counts
            conn.execute(update(a).where(a.c.id == previous.id).values(superseded_at=utcnow()))
            pairs.mark_dirty(conn, pairs.entities_of(conn, [previous.id]))
            self._updated.append(Updated(parsed.origin, article_id, previous.id, previous.words, parsed.words))
        if len(sketch) >= fingerprint.THRESHOLD:
            sh = ArticleShingle.__table__
            candidate = conn.execute(_NEAR_DUPLICATE, {"hashes": sketch, "id": article_id}).first()
            if candidate is not None and (previous is None or candidate.article_id != previous.id):
                original = conn.execute(
                    select(a.c.duplicate_of_id).where(a.c.id == candidate.article_id)
                ).scalar_one_or_none() or candidate.article_id
                values["duplicate_of_id"] = original
                self._near.append(NearDuplicate(parsed.origin, article_id, original,
                                                candidate.shared / fingerprint.K))
            conn.execute(insert(sh), [{"article_id": article_id, "hash": h} for h in sketch])
        if values:
            conn.execute(update(a).where(a.c.id == article_id).values(**values))

    def _source_id(self, conn, name: str) -> int:
        known = registry().resolve(name)
        if known.key in self.source_ids:
            return self.source_ids[known.key]
        table = Source.__table__
        conn.execute(
            insert_ignore(conn, table, ["key"]).values(
                key=known.key, name=known.name, domain=known.domain, kind=known.kind
            )
        )
        source_id = conn.execute(select(table.c.id).where(table.c.key == known.key)).scalar_one()
        self.source_ids[known.key] = source_id
        self.source_names[source_id] = known.name
        return source_id

    def _publisher_name(self, parsed: ParsedArticle) -> str | None:
        for credit in parsed.credits:
            if credit.role == "publisher":
                return registry().resolve(credit.name).name
        return None

    def _insert_article(self, conn, prepared: Prepared) -> int | None:
        parsed, digest = prepared.parsed, prepared.digest
        publisher_id = None
        credits: dict[tuple[int, str], str] = {}
        for credit in parsed.credits:
            source_id = self._source_id(conn, credit.name)
            if credit.role == "publisher" and publisher_id is None:
                publisher_id = source_id
            credits.setdefault((source_id, credit.role), credit.evidence)
        published = parsed.published
        provenance = dict(parsed.provenance)
        provenance["title"] = parsed.title_origin
        if published:
            provenance["published"] = parsed.published_origin
        values = dict(
            source_id=publisher_id,
            import_run_id=self.report.run_id,
            title=parsed.title,
            title_origin=parsed.title_origin,
            origin=parsed.origin,
            url=parsed.url,
            published_at=published.iso if published else None,
            published_precision=published.precision if published else "none",
            published_text=published.text if published else None,
            published_origin=parsed.published_origin if published else None,
            retrieved_at=parsed.retrieved.iso if parsed.retrieved else None,
            retrieved_text=parsed.retrieved.text if parsed.retrieved else None,
            imported_at=utcnow(),
            language=parsed.language,
            encoding=parsed.encoding,
            body=parsed.body,
            captions="\n".join(parsed.captions) or None,
            authors="; ".join(parsed.authors) or None,
            words=parsed.words,
            content_hash=digest,
            file_hash=parsed.file_hash,
            provenance=json.dumps(provenance, ensure_ascii=False, sort_keys=True),
        )
        table = Article.__table__
        if self._insert_stmt is None:  # built once: only the parameters change
            self._insert_stmt = insert_ignore(conn, table, ["content_hash"]).returning(table.c.id)
        result = conn.execute(self._insert_stmt, values).first()
        if result is None:
            return None
        article_id = result[0]
        self._bodies[article_id] = (article_text(parsed, article_id), prepared.analysis)
        self._link_versions(conn, parsed, prepared.sketch or [], article_id)
        if credits:
            conn.execute(
                insert(ArticleAttribution.__table__),
                [
                    {"article_id": article_id, "source_id": sid, "role": role, "evidence": evidence}
                    for (sid, role), evidence in credits.items()
                ],
            )
        return article_id
