"""Tables and views to RFC 4180 CSV files, streamed (a million rows need no memory)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from archive.config import Target
from archive.errors import UnknownName
from archive.store import connect, relations

CHUNK = 10_000


@dataclass(frozen=True)
class Exported:
    name: str
    path: Path
    rows: int


def export_csv(target: Target, names: list[str], out_dir: Path, *, all_: bool = False,
               bom: bool = False) -> list[Exported]:
    """Write ``<out_dir>/<name>.csv`` for each table or view named (or all of them)."""
    with connect(target) as conn:
        known = [r.name for r in relations(conn)]
        wanted = known if all_ else names
        unknown = [n for n in wanted if n not in known]
        if unknown:
            raise UnknownName(
                f"No table or view named {', '.join(repr(n) for n in unknown)}. "
                f"Valid names: {', '.join(known)}"
            )
        out_dir.mkdir(parents=True, exist_ok=True)
        done = []
        for name in wanted:
            path = out_dir / f"{name}.csv"
            done.append(Exported(name, path, _write(conn, name, path, bom)))
        return done


def _write(conn, name: str, path: Path, bom: bool) -> int:
    quoted = conn.dialect.identifier_preparer.quote(name)
    dbapi = conn.connection.dbapi_connection
    cursor = dbapi.cursor()
    count = 0
    tmp = path.with_name(path.name + ".part")
    try:
        cursor.execute(f"SELECT * FROM {quoted}")
        columns = [d[0] for d in cursor.description]
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(columns)
            while True:
                rows = cursor.fetchmany(CHUNK)
                if not rows:
                    break
                writer.writerows(rows)
                count += len(rows)
        tmp.replace(path)
    finally:
        cursor.close()
        if tmp.exists():
            tmp.unlink()
    return count
