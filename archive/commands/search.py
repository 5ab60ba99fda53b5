"""``archive search QUERY``: full-text search over titles and bodies."""

from __future__ import annotations

import click


@click.command()
@click.argument("query")
def search(query):
    """Search articles (placeholder, being written).

    Example: archive search '"inclusive government"'
    """
    raise click.ClickException("search is not available yet")
