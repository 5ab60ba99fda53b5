"""``archive datasette-metadata``: Datasette configuration for an archive."""

from __future__ import annotations

import click


@click.command(name="datasette-metadata")
def datasette_metadata():
    """Print Datasette metadata for the archive (placeholder, being written).

    Example: archive datasette-metadata > metadata.json
    """
    raise click.ClickException("datasette-metadata is not available yet")
