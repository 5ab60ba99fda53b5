"""``archive search QUERY``: full-text search over titles and bodies."""

from __future__ import annotations

import sys

import click

from archive.cli import domain_errors


@click.command()
@click.argument("query")
@click.option("--entity", metavar="NAME",
              help="Only articles mentioning this entity (any alias, any case).")
@click.option("--source", metavar="NAME",
              help="Only articles this source published, wired or relayed (any spelling).")
@click.option("--since", metavar="DATE",
              help="Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE",
              help="Only articles published on or before DATE (the whole day, month or year).")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="At most this many articles (0: all).")
@click.option("--all-versions", is_flag=True,
              help="Include near-duplicates and superseded versions of articles.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True,
              help="Output format; matches are bold on a terminal, else between ** markers.")
@click.pass_obj
@domain_errors
def search(obj, query, entity, source, since, until, limit, all_versions, fmt):
    """Search article titles and bodies, best matches first, with highlighted snippets.

    QUERY uses SQLite FTS5 syntax with stemming ("talks" finds "talk"): words (all must
    occur), "a phrase" in double quotes, AND / OR / NOT, prefixes (talib*), NEAR(a b, 10)
    and columns (title: taliban). Titles weigh more than bodies in the ranking.
    Near-duplicates and superseded versions are left out unless --all-versions.

    Example: archive search '"inclusive government"' --since 2021-10
    """
    from archive.search import render
    from archive.search import search as run

    hits = run(obj.target, query, entity=entity, source=source, since=since, until=until,
               limit=limit or None, all_versions=all_versions)
    if not hits and fmt == "table":
        click.echo(f"No articles match {query!r}.")
        return
    bold = (lambda s: click.style(s, bold=True)) if fmt == "table" and sys.stdout.isatty() else None
    click.echo(render(hits, fmt, bold=bold), nl=fmt != "csv")
