"""Where the database is: ``--db``, then ``ARCHIVE_DB``, then ``archive.db`` here."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "archive.db"
ENV_VAR = "ARCHIVE_DB"

_URL = re.compile(r"^[a-z][a-z0-9+]*://", re.I)


@dataclass(frozen=True)
class Target:
    """A database location: a SQLAlchemy URL and how to name it to a user."""

    url: str
    label: str
    path: Path | None  # the file, for SQLite files

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def resolve(db: str | None = None) -> Target:
    """Turn a path or URL (or nothing) into a :class:`Target`."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if _URL.match(value):
        path = None
        if value.startswith("sqlite:///") and value != "sqlite:///:memory:":
            path = Path(value[len("sqlite:///") :])
        return Target(url=value, label=_redact(value), path=path)
    path = Path(value).expanduser()
    return Target(url=f"sqlite:///{path}", label=str(value), path=path)


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
