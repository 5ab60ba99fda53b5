"""The ``archive`` command line: thin click commands over the library.

Heavy modules (SQLAlchemy, Alembic, the extractors) are imported inside the commands that
need them, so ``archive --help`` stays fast.
"""

from __future__ import annotations

import functools
import sys

import click

from archive import __version__


class Context:
    def __init__(self, db: str | None):
        self.db = db

    @property
    def target(self):
        from archive.config import resolve

        return resolve(self.db)


def domain_errors(fn):
    """Turn the archive's domain exceptions into one-line ``ClickException``\\ s."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from archive.errors import ArchiveError

        try:
            return fn(*args, **kwargs)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def output_options(fn):
    """``--table`` (default) / ``--csv`` / ``--json``."""
    fn = click.option("--json", "fmt", flag_value="json", help="Output JSON.")(fn)
    fn = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(fn)
    fn = click.option("--table", "fmt", flag_value="table", default=True,
                      help="Output an aligned table (default).")(fn)
    return fn


def emit(columns, rows, fmt: str) -> None:
    from archive import formatting

    if fmt == "csv":
        click.echo(formatting.to_csv(columns, rows), nl=False)
    elif fmt == "json":
        click.echo(formatting.to_json(columns, rows))
    else:
        click.echo(formatting.table(columns, rows))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="archive")
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="ARCHIVE_DB",
    help="Database file or SQLAlchemy URL [env ARCHIVE_DB; default: archive.db].",
)
@click.pass_context
def cli(ctx, db):
    """Turn scraped news articles into a queryable SQL archive.

    Example: archive import seeds/ && archive sql "select * from article_overview"
    """
    ctx.obj = Context(db)


# -- import ---------------------------------------------------------------------------------


def jobs_option(f):
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
        help="Worker processes that read and analyse articles while this one writes "
             "[default: 0, one per CPU; 1: no workers].")(f)


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line.")
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True),
              help="CSV with file, url, title, published, source, language (any subset) "
                   "overriding what extraction finds.")
@click.option("--no-extract", is_flag=True,
              help="Store articles without entity extraction (run archive reextract later).")
@jobs_option
@click.pass_obj
@domain_errors
def import_(obj: Context, paths, quiet, manifest, no_extract, jobs):
    """Import article files (and directories, recursively; - for stdin).

    Plain text, HTML pages and JSON Lines (news-please / trafilatura fields) are
    recognised by suffix or content. Creates the database, or upgrades its schema, first
    (and says so). Files that cannot be read or parsed are reported, recorded in
    import_errors, and skipped; the exit code is 1 when any file failed.

    Example: archive import seeds/
    """
    from archive.load import import_paths

    target = obj.target
    bar = _Progress(enabled=not quiet and sys.stderr.isatty())

    def progress(kind, item):
        bar.step()
        if kind == "failed":
            click.echo(f"Error: {item.origin}: {item.reason}", err=True)

    from pathlib import Path

    report = import_paths(target, list(paths), progress=progress, stdin=sys.stdin,
                          extract=not no_extract, manifest=Path(manifest) if manifest else None,
                          jobs=jobs)
    bar.close()
    before, after = report.schema_before, report.schema_after
    if quiet:
        pass
    elif before is None:
        click.echo(f"Created database {target.label} (schema {after}).")
    elif before != after:
        click.echo(f"Upgraded database {target.label} from schema {before} to {after}.")
    if report.stored and not quiet:
        from archive.formatting import table

        rows = [
            (a.id, _published(a), a.source or "", a.title or "")
            for a in report.stored
        ]
        click.echo(table(["id", "published", "source", "title"], rows))
    if not quiet:
        for u in report.updated:
            click.echo(f"New version: {u.origin} (article {u.article_id} replaces article "
                       f"{u.previous_id}, kept as history; {u.words_before} -> {u.words_after} words)")
        for n in report.near_duplicates:
            click.echo(f"Near-duplicate: {n.origin} (article {n.article_id} ~ article {n.of_id}, "
                       f"{n.similarity:.0%} similar; not counted twice)")
    if report.duplicates and not quiet:
        for dup in report.duplicates:
            same = dup.of_origin in (None, dup.origin)
            where = f"article {dup.article_id}" + ("" if same else f", from {dup.of_origin}")
            click.echo(f"Already stored: {dup.origin} ({where})")
    summary = (
        f"{len(report.stored)} new article{'s' if len(report.stored) != 1 else ''} stored in "
        f"{target.label} ({report.seen} files seen, {len(report.duplicates)} already stored, "
        f"{len(report.failures)} failed; run {report.run_id})."
    )
    if report.interrupted:
        click.echo(f"Interrupted. {summary} Run the same command again to continue.", err=True)
        sys.exit(130)
    click.echo(summary)
    if report.failures:
        sys.exit(1)


def _published(a) -> str:
    if a.published_at:
        return a.published_at.replace("T", " ")
    if a.published_precision == "no-year":
        return f"{a.published_text} (no year)"
    return "unknown"


class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.n = 0

    def step(self):
        if self.enabled:
            self.n += 1
            if self.n % 25 == 0:
                click.echo(f"\r{self.n} files...", err=True, nl=False)

    def close(self):
        if self.enabled and self.n >= 25:
            click.echo("", err=True)


# -- db -------------------------------------------------------------------------------------


@cli.group()
def db():
    """Create, upgrade and inspect the database schema."""


@db.command()
@click.argument("revision", default="head")
@click.pass_obj
@domain_errors
def upgrade(obj: Context, revision):
    """Upgrade the schema to REVISION (default: the newest).

    Example: archive db upgrade
    """
    from archive import migrate

    before, after = migrate.upgrade(obj.target, revision)
    if before == after:
        click.echo(f"{obj.target.label} is already at schema {after}.")
    else:
        click.echo(f"Upgraded {obj.target.label} from schema {before or 'empty'} to {after}.")


@db.command()
@click.argument("revision")
@click.pass_obj
@domain_errors
def downgrade(obj: Context, revision):
    """Downgrade the schema to REVISION (``base`` removes every table).

    Example: archive db downgrade base
    """
    from archive import migrate

    before, after = migrate.downgrade(obj.target, revision)
    click.echo(f"Downgraded {obj.target.label} from schema {before} to {after or 'empty'}.")


@db.command()
@click.pass_obj
@domain_errors
def current(obj: Context):
    """Print the schema revision of the database, and whether it is up to date.

    Example: archive db current
    """
    from archive import migrate

    rev = migrate.current(obj.target)
    head = migrate.head()
    if rev == head:
        click.echo(f"{rev} (head)")
    else:
        click.echo(f"{rev or 'empty'} (out of date: head is {head}; run archive db upgrade)")


@db.command()
@domain_errors
def history():
    """List the schema revisions, newest first.

    Example: archive db history
    """
    from archive import migrate

    for rev in migrate.history():
        mark = " (head)" if rev.is_head else ""
        click.echo(f"{rev.revision}{mark}  {rev.message}")


# -- querying -------------------------------------------------------------------------------


@cli.command()
@click.argument("query")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="Bind :NAME to VALUE (repeatable).")
@click.option("--write", is_flag=True, help="Allow statements that change the database.")
@output_options
@click.pass_obj
@domain_errors
def sql(obj: Context, query, params, write, fmt):
    """Run a SQL query (read-only unless --write).

    Example: archive sql "select title from articles where id = :id" -p id 1
    """
    from archive.query import run_query

    result = run_query(obj.target, query, dict(params), write=write)
    if result.columns:
        emit(result.columns, result.rows, fmt)
    else:
        click.echo(f"{result.rowcount} row{'s' if result.rowcount != 1 else ''} affected.")


@cli.command()
@click.argument("names", nargs=-1)
@click.option("-o", "--output", "out_dir", default=".", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the CSV files.")
@click.option("--all", "all_", is_flag=True, help="Export every table and view.")
@click.option("--bom", is_flag=True, help="Start files with a UTF-8 byte order mark (Excel).")
@click.pass_obj
@domain_errors
def export(obj: Context, names, out_dir, all_, bom):
    """Export tables or views to CSV files (NAME.csv in the output folder).

    Example: archive export articles article_overview -o out/
    """
    from pathlib import Path

    from archive.export import export_csv

    if not names and not all_:
        raise click.UsageError("Name at least one table or view, or use --all.")
    for item in export_csv(obj.target, list(names), Path(out_dir), all_=all_, bom=bom):
        click.echo(f"{item.path}: {item.rows} row{'s' if item.rows != 1 else ''}")


@cli.command()
@click.pass_obj
@domain_errors
def stats(obj: Context):
    """Row counts per table and the schema revision.

    Example: archive stats
    """
    from archive.formatting import table
    from archive.store import stats as get_stats

    result = get_stats(obj.target)
    click.echo(f"Database: {obj.target.label}")
    click.echo(f"Schema: {result.revision}")
    click.echo(table(["table", "rows"], result.counts))


@cli.command()
@output_options
@click.pass_obj
@domain_errors
def views(obj: Context, fmt):
    """List the saved views with a one-line description each.

    Example: archive views
    """
    from archive.store import connect, relations
    from archive.views import load_all

    defs = load_all()
    with connect(obj.target) as conn:
        present = [r.name for r in relations(conn) if r.kind == "view"]
    rows = [(name, defs[name].description if name in defs else "") for name in present]
    emit(["view", "description"], rows, fmt)


# -- entities -------------------------------------------------------------------------------


@cli.group()
def entities():
    """List, inspect and correct the entities (countries, people, organisations, places)."""


@entities.command(name="list")
@click.option("--type", "type_", type=click.Choice(["country", "person", "organization", "location"]),
              help="Only entities of this type.")
@click.option("--status", type=click.Choice(["known", "user", "extracted", "unresolved"]),
              help="known (shipped gazetteer), user (added by you), extracted (found in the "
                   "articles by the name finder) or unresolved (candidates of older versions).")
@click.option("--search", help="Only names containing this text (also lists unmentioned entities).")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many rows (0: all).")
@output_options
@click.pass_obj
@domain_errors
def entities_list(obj: Context, type_, status, search, limit, fmt):
    """List entities by number of articles that mention them.

    Example: archive entities list --type person --limit 20
    """
    from archive.entities import list_entities

    columns, rows = list_entities(obj.target, type_=type_, status=status, limit=limit or None,
                                  search=search)
    emit(columns, rows, fmt)


@entities.command(name="show")
@click.argument("name")
@click.option("--limit", type=int, default=10, show_default=True, help="Rows per section.")
@click.pass_obj
@domain_errors
def entities_show(obj: Context, name, limit):
    """Everything about one entity: aliases, affiliation, roles, mentions per month, who it
    appears with, the sources that cover it, its events and quotes, and evidence sentences.
    NAME is any alias, in any case.

    Example: archive entities show Lavrov
    """
    from archive.entities import show
    from archive.formatting import table

    r = show(obj.target, name, limit=limit)
    e = r.entity
    click.echo(f"{e.name}  [{e.type}{', ' + e.subtype if e.subtype else ''}]  id {e.id}")
    click.echo(f"  Wikidata: {e.wikidata or '-'}   status: {e.status}   affiliation: {e.affiliation or '-'}")
    others = [a for a, kind in r.aliases if a != e.name]
    click.echo(f"  Aliases: {', '.join(others) if others else '-'}")
    if r.roles:
        click.echo("  Roles:")
        for title, of, start, end in r.roles:
            span = f"{start or '?'} to {end or 'now'}"
            click.echo(f"    {title}{' (' + of + ')' if of else ''}, {span}")
    click.echo(f"  Articles: {r.n_articles}   mentions: {r.n_mentions}")
    if r.by_month:
        click.echo("\nMentions per month (articles)")
        click.echo(table(["month", "articles"], r.by_month))
    if r.cooccurring:
        click.echo("\nAppears most with")
        click.echo(table(["entity", "type", "articles"], r.cooccurring))
    if r.sources:
        click.echo("\nSources")
        click.echo(table(["source", "articles"], r.sources))
    if r.events:
        click.echo("\nEvents")
        click.echo(table(["event", "date", "type", "status", "location", "participants"], r.events))
    if r.quotes:
        click.echo("\nQuotes")
        for published, cue, quote in r.quotes:
            click.echo(f"  {published or 'undated'} ({cue}): {quote}")
    if r.evidence:
        click.echo("\nEvidence")
        for article_id, origin, sentence in r.evidence:
            click.echo(f"  [{article_id}] {origin}: {sentence}")
    if e.example and e.status in ("unresolved", "extracted"):
        click.echo(f"\nExample: {e.example}")


@entities.command(name="add")
@click.argument("name")
@click.option("--type", "type_", required=True,
              type=click.Choice(["country", "person", "organization", "location"]), help="Entity type.")
@click.option("--alias", "aliases", multiple=True, help="Another spelling (repeatable).")
@click.option("--wikidata", help="Wikidata id, e.g. Q123.")
@click.option("--country", help="Affiliation: a country (or organisation) name.")
@click.option("--subtype", help="A free label, e.g. envoy, news_agency, province.")
@click.pass_obj
@domain_errors
def entities_add(obj: Context, name, type_, aliases, wikidata, country, subtype):
    """Add an entity (or promote an unresolved name). Run archive reextract afterwards.

    Example: archive entities add "Jean Arnault" --type person --alias Arnault --country "United Nations"
    """
    from archive.entities import add

    outcome, entity_id = add(obj.target, name, type_, aliases=list(aliases), wikidata=wikidata,
                             country=country, subtype=subtype)
    verb = "Promoted" if outcome == "promoted" else "Added"
    click.echo(f"{verb} {name} ({type_}, id {entity_id}). Run archive reextract to find its mentions.")


@entities.command(name="alias")
@click.argument("name")
@click.argument("aliases", nargs=-1, required=True)
@click.pass_obj
@domain_errors
def entities_alias(obj: Context, name, aliases):
    """Add spellings to an entity. Run archive reextract afterwards.

    Example: archive entities alias "Sergey Lavrov" "S. Lavrov"
    """
    from archive.entities import alias

    canonical, added = alias(obj.target, name, list(aliases))
    click.echo(f"{canonical}: {added} new alias{'es' if added != 1 else ''}.")


@entities.command(name="merge")
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@click.pass_obj
@domain_errors
def entities_merge(obj: Context, keep, others):
    """Merge OTHERS into KEEP: their aliases, roles and mentions move to KEEP.

    Example: archive entities merge "Islamic State" "ISIS Amaq"
    """
    from archive.entities import merge

    canonical, merged = merge(obj.target, keep, list(others))
    click.echo(f"Merged {', '.join(merged)} into {canonical}.")


@entities.command(name="load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
@domain_errors
def entities_load(obj: Context, path):
    """Add or update entities from your own gazetteer file (JSON Lines, shipped format).

    Example: archive entities load my-gazetteer.jsonl
    """
    from pathlib import Path

    from archive.entities import load

    n = load(obj.target, Path(path))
    click.echo(f"Loaded {n} entit{'ies' if n != 1 else 'y'} from {path}. Run archive reextract to apply.")


@cli.command()
@click.option("--stale", is_flag=True,
              help="Only articles extracted by another extractor or gazetteer version.")
@click.option("--batch-size", type=int, default=500, show_default=True, help="Articles per transaction.")
@jobs_option
@click.pass_obj
@domain_errors
def reextract(obj: Context, stale, batch_size, jobs):
    """Run extraction again over stored articles (after gazetteer changes or an upgrade).

    Idempotent: earlier results of each article are replaced in the same transaction.

    Example: archive reextract
    """
    from archive.enrich import reextract as run

    r = run(obj.target, only_stale=stale, batch_size=batch_size, jobs=jobs)
    click.echo(
        f"Re-extracted {r.articles} article{'s' if r.articles != 1 else ''}: {r.mentions} mentions, "
        f"{r.candidates} names no gazetteer knows ({r.removed_candidates} no longer mentioned removed), "
        f"{r.events} event reports, {r.quotes} quotes."
    )


from archive.commands import register as _register_commands  # noqa: E402

_register_commands(cli)
