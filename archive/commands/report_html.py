"""``archive report html``: one self-contained HTML page with charts and evidence."""

from __future__ import annotations

import click

from archive.commands.report import report  # noqa: F401
