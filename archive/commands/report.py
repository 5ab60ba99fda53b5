"""``archive report ...``: the analyst's questions as commands (timeline, network, trends, html)."""

from __future__ import annotations

import click


@click.group()
def report():
    """Reports: timeline of events, who appears with whom, trends, a self-contained HTML page."""


from archive.commands import report_html  # noqa: E402,F401  (registers `report html`)
