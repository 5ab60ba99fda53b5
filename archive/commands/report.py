"""``archive report ...``: the analyst's questions as commands (timeline, network, trends, html)."""

from __future__ import annotations

import click

from archive.cli import domain_errors, emit

EVENT_STATUSES = ("occurred", "planned", "historical", "negated")
ENTITY_TYPES = ("country", "person", "organization", "location")
_FORMAT_HELP = "Output format."


def _format_option(choices=("table", "csv", "json")):
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default="table",
                        show_default=True, help=_FORMAT_HELP)


def _period_options(what: str):
    def decorate(fn):
        fn = click.option("--until", metavar="DATE",
                          help=f"Only {what} on or before DATE (the whole day, month or year).")(fn)
        fn = click.option("--since", metavar="DATE",
                          help=f"Only {what} on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")(fn)
        return fn
    return decorate


@click.group()
def report():
    """Reports: timeline of events, who appears with whom, trends, a self-contained HTML page."""


@report.command(name="timeline")
@_period_options("events starting")
@click.option("--entity", metavar="NAME", help="Only events with this participant (any alias, any case).")
@click.option("--source", metavar="NAME",
              help="Only events reported in articles this source published, wired or relayed.")
@click.option("--type", "type_", metavar="TYPE", help="Only events of this type (meeting, talks, phone_call...).")
@click.option("--status", type=click.Choice(EVENT_STATUSES), help="Only events with this status.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True,
              help="At most this many events (0: all).")
@_format_option()
@click.pass_obj
@domain_errors
def timeline(obj, since, until, entity, source, type_, status, limit, fmt):
    """Events in date order (undated last): type, status, dates, place, participants, and how
    many articles and sources report each (view event_timeline; --since/--until apply to the
    start date).

    Example: archive report timeline --entity Lavrov --since 2021-10
    """
    from archive.reports import timeline as run

    columns, rows = run(obj.target, since=since, until=until, entity=entity, source=source,
                        type_=type_, status=status, limit=limit or None)
    if not rows and fmt == "table":
        click.echo("No events match.")
        return
    emit(columns, rows, fmt)



@report.command(name="network")
@_period_options("articles published (events starting)")
@click.option("--entity", metavar="NAME",
              help="An ego network: this entity, its strongest ties and the ties among them.")
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES),
              help="Only entities of this type (the --entity itself is always kept).")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only ties seen in at least this many articles (or events).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="At most this many entities: the most mentioned, or with --entity its strongest "
                   "ties (0: all).")
@_format_option(("table", "csv", "json", "gexf", "graphml"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of the screen (e.g. network.gexf for Gephi).")
@click.pass_obj
@domain_errors
def network(obj, since, until, entity, type_, min_weight, limit, fmt, output):
    """Who appears with whom: ties between entities mentioned in the same articles (weight)
    and taking part in the same events (events). Near-duplicates, superseded versions and
    unresolved names are left out. GEXF 1.3 opens in Gephi, GraphML in Gephi, yEd, Cytoscape.

    Example: archive report network --entity Russia --min-weight 2 --format gexf -o russia.gexf
    """
    from pathlib import Path

    from archive.network import network as build
    from archive.network import render, write

    net = build(obj.target, entity=entity, type_=type_, since=since, until=until,
                min_weight=min_weight, limit=limit or None)
    if output:
        write(net, fmt, Path(output))
        click.echo(f"Wrote {len(net.nodes)} entities and {len(net.edges)} ties to {output}.")
    elif not net.edges and fmt == "table":
        click.echo("No ties match.")
    else:
        content = render(net, fmt)
        click.echo(content, nl=not content.endswith("\n"))



@report.command(name="trends")
@_period_options("articles published (taken to the month)")
@click.option("--entity", "entities", metavar="NAME", multiple=True,
              help="Count articles mentioning this entity (repeatable; any alias, any case).")
@click.option("--theme", "themes", metavar="THEME", multiple=True,
              help="Count articles touching this theme (repeatable).")
@_format_option()
@click.pass_obj
@domain_errors
def trends(obj, since, until, entities, themes, fmt):
    """Articles per month for each entity and theme: one row per month and series, months
    without articles as 0. Undated articles (or dated to the year only), near-duplicates and
    superseded versions are not counted.

    Example: archive report trends --entity Russia --entity China --theme security --since 2021
    """
    from archive.reports import trends as run

    if not entities and not themes:
        raise click.UsageError("Name at least one --entity or --theme.")
    columns, rows = run(obj.target, entities=list(entities), themes=list(themes),
                        since=since, until=until)
    if not rows and fmt == "table":
        click.echo("No dated articles match.")
        return
    emit(columns, rows, fmt)



@report.command(name="coverage")
@_period_options("articles published")
@click.option("--entity", metavar="NAME", help="Only articles mentioning this entity (any alias).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="At most this many sources (0: all).")
@_format_option()
@click.pass_obj
@domain_errors
def coverage(obj, since, until, entity, limit, fmt):
    """Coverage and corroboration: per source, its articles, the entities they mention, the
    events it reports, and how many of those no other source reports.

    Example: archive report coverage --entity Taliban --since 2021
    """
    from archive.coverage import coverage as run

    columns, rows = run(obj.target, entity=entity, since=since, until=until, limit=limit or None)
    emit(columns, rows, fmt)


from archive.commands import report_html  # noqa: E402,F401  (registers `report html`)
