"""Rendering rows for a terminal, CSV or JSON (strings out; the CLI does the printing)."""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Sequence


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("\r", " ").replace("\n", " ")


def table(columns: Sequence[str], rows: Iterable[Sequence], max_width: int = 60) -> str:
    """An aligned plain-text table; long cells are cut with an ellipsis."""
    cells = [[_clip(_cell(v), max_width) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def to_csv(columns: Sequence[str], rows: Iterable[Sequence]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def to_json(columns: Sequence[str], rows: Iterable[Sequence]) -> str:
    return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2,
                      default=str)
