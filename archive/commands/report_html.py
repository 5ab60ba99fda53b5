"""``archive report html``: one self-contained HTML page with charts and evidence."""

from __future__ import annotations

import click

from archive.cli import domain_errors
from archive.commands.report import report


@report.command(name="html")
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (- for standard output).")
@click.option("--since", metavar="DATE",
              help="Only events and articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE",
              help="Only events and articles dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--entity", metavar="NAME",
              help="Focus on one entity (any alias, any case): its events, quotes and network, "
                   "and the articles that mention it.")
@click.option("--limit", type=click.IntRange(min=1), default=25, show_default=True,
              help="Rows per table, nodes in the network, events listed.")
@click.option("--title", help="Page title [default: News archive report: DATABASE].")
@click.pass_obj
@domain_errors
def html(obj, output, since, until, entity, limit, title):
    """Write one self-contained HTML page: event timeline, actor network, top entities,
    themes and mentions over time, each event with its evidence sentences, and quotes.

    The page loads nothing from the network (inline CSS and SVG, no fonts or scripts from
    elsewhere): mail it, archive it, open it offline.

    Example: archive report html -o report.html --since 2021-10 --entity Taliban
    """
    from pathlib import Path

    from archive.htmlreport import write

    options = dict(since=since, until=until, entity=entity, limit=limit, title=title)
    if output == "-":
        page, _ = write(obj.target, None, **options)
        click.echo(page, nl=False)
        return
    _, s = write(obj.target, Path(output), **options)
    click.echo(
        f"Wrote {output} ({s.bytes / 1024:.0f} KB): {s.articles:,} article{'s' if s.articles != 1 else ''}, "
        f"{s.entities:,} entit{'ies' if s.entities != 1 else 'y'}, {s.events:,} event{'s' if s.events != 1 else ''}, "
        f"{s.quotes:,} quote{'s' if s.quotes != 1 else ''}. Open it in a browser."
    )
