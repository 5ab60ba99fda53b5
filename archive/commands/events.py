"""``archive events`` and ``archive quotes``: who met whom, when, where; who said what."""

from __future__ import annotations

import click

from archive.cli import domain_errors, emit, output_options

EVENT_TYPES = ["meeting", "talks", "phone_call", "visit", "summit", "conference", "statement",
               "agreement", "appointment", "recognition", "sanctions", "aid", "military_exercise",
               "deployment", "attack"]


@click.group(invoke_without_command=True)
@click.option("--entity", help="Only events with this participant (any alias).")
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES), help="Only events of this type.")
@click.option("--status", type=click.Choice(["occurred", "planned", "historical", "negated"]),
              help="Only events with this status.")
@click.option("--since", metavar="DATE", help="Only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only events on or before DATE.")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all).")
@output_options
@click.pass_context
@domain_errors
def events(ctx, entity, type_, status, since, until, limit, fmt):
    """List events (merged across the articles reporting them), oldest first.

    Example: archive events --entity Taliban --type talks --since 2021
    """
    if ctx.invoked_subcommand is not None:
        return
    from archive.eventsquery import list_events

    columns, rows = list_events(ctx.obj.target, entity=entity, type_=type_, status=status,
                                since=since, until=until, limit=limit or None)
    emit(columns, rows, fmt)


@events.command(name="show")
@click.argument("event_id", type=int)
@click.pass_obj
@domain_errors
def events_show(obj, event_id):
    """One event with its participants, the sentences that state it and their sources.

    Example: archive events show 1
    """
    from archive.eventsquery import show_event
    from archive.formatting import table

    d = show_event(obj.target, event_id)
    f = d.fields
    when = f["date_start"] or "date unknown"
    if f["date_end"] and f["date_end"] != f["date_start"]:
        when += f" to {f['date_end']}"
    click.echo(f"Event {f['id']}: {f['event_type']} ({f['plover_type'] or '-'}"
               f"{', ' + f['mode'] if f['mode'] else ''}), {f['status']}")
    click.echo(f"  When: {when} [precision {f['date_precision']}, {f['date_resolution']}"
               f"{': ' + repr(f['date_text']) if f['date_text'] else ''}]")
    click.echo(f"  Where: {f['location'] or 'not stated'}")
    click.echo("\nParticipants")
    click.echo(table(["entity", "type", "role"], d.participants))
    click.echo("\nEvidence")
    for article_id, source, published, origin, sentence in d.evidence:
        click.echo(f"  [{article_id}] {source or 'unknown source'}, {published or 'undated'}, {origin}")
        click.echo(f"      {sentence}")


@click.command()
@click.option("--speaker", help="Only quotes of this speaker (any alias, or words of the speaker text).")
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles published on or before DATE.")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all).")
@output_options
@click.pass_obj
@domain_errors
def quotes(obj, speaker, since, until, limit, fmt):
    """Who said what: quotes and reported statements with their speakers.

    Example: archive quotes --speaker Kabulov
    """
    from archive.eventsquery import list_quotes

    columns, rows = list_quotes(obj.target, speaker=speaker, since=since, until=until,
                                limit=limit or None)
    emit(columns, rows, fmt)
