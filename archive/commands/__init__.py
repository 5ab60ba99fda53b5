"""CLI commands beyond the core ones in ``archive.cli``, one module per feature.

Each module defines click commands that import the library lazily; ``register`` attaches
them to the main group.
"""

from __future__ import annotations


def register(cli) -> None:
    from archive.commands import copy, datasette, events, report, search

    cli.add_command(copy.copy_)
    cli.add_command(events.events)
    cli.add_command(events.quotes)
    cli.add_command(search.search)
    cli.add_command(report.report)
    cli.add_command(datasette.datasette_metadata)
