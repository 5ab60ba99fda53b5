"""``archive copy --to URL``: move an archive to another database (e.g. PostgreSQL)."""

from __future__ import annotations

import click

from archive.cli import domain_errors


@click.command(name="copy")
@click.option("--to", "to", required=True, metavar="PATH_OR_URL",
              help="The database to copy into (created or upgraded; must hold no articles).")
@click.pass_obj
@domain_errors
def copy_(obj, to):
    """Copy the whole archive (every table; views and search index are rebuilt) into another
    database, e.g. from SQLite to PostgreSQL for a team.

    Example: archive --db archive.db copy --to postgresql+psycopg://me@localhost/archive
    """
    from archive.config import resolve
    from archive.transfer import copy_archive

    target = resolve(to)
    report = copy_archive(obj.target, target)
    total = sum(n for _, n in report.tables)
    articles = dict(report.tables).get("articles", 0)
    click.echo(f"Copied {articles} articles ({total} rows in {len(report.tables)} tables) "
               f"to {target.label} (schema {report.schema}).")
