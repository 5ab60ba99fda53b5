"""``archive datasette-metadata``: Datasette configuration for an archive."""

from __future__ import annotations

import click

from archive.cli import domain_errors


@click.command(name="datasette-metadata")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the JSON to this file instead of standard output.")
@click.pass_obj
@domain_errors
def datasette_metadata(obj, output):
    """Print Datasette metadata for the archive: every saved view titled and described,
    full-text search on articles, and canned queries with parameters (timeline of events,
    everything about an entity, who appears with it, quotes by a speaker, coverage per
    source, search). The database name is the file name without its suffix.

    Example: archive datasette-metadata -o metadata.json
    """
    from archive.datasette_meta import QUERIES, metadata_json

    text = metadata_json(obj.target)
    if not output or output == "-":
        click.echo(text, nl=False)
        return
    from pathlib import Path

    Path(output).write_text(text, encoding="utf-8")
    click.echo(f"Wrote {output} ({len(QUERIES)} canned queries). "
               f"Serve it with: datasette {obj.target.label} -m {output}")
