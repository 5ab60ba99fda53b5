"""Run a user's SQL: read-only unless asked, parameters always bound."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exc, text

from archive.config import Target
from archive.dialect import read_only
from archive.errors import QueryError, ReadOnlyQuery
from archive.store import connect


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    rowcount: int


def run_query(target: Target, sql: str, params: dict[str, str] | None = None,
              *, write: bool = False) -> QueryResult:
    """Execute ``sql`` with bound ``params``. Writes are refused unless ``write``."""
    with connect(target) as conn:
        try:
            if not write:
                read_only(conn)
            result = conn.execute(text(sql), params or {})
            if result.returns_rows:
                columns = list(result.keys())
                rows = [tuple(r) for r in result]
                out = QueryResult(columns, rows, len(rows))
            else:
                out = QueryResult([], [], result.rowcount)
            if write:
                conn.commit()
            else:
                conn.rollback()
            return out
        except exc.DBAPIError as error:
            conn.rollback()
            message = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            if not write and _is_write_refusal(message):
                raise ReadOnlyQuery(
                    f"Refused: this query writes to the database ({message}). "
                    f"Add --write to allow changes."
                ) from None
            raise QueryError(f"SQL error: {message}") from None
        except exc.StatementError as error:
            raise QueryError(f"SQL error: {error.orig or error}") from None
        except exc.ArgumentError as error:
            raise QueryError(f"SQL error: {error}") from None


def _is_write_refusal(message: str) -> bool:
    lowered = message.lower()
    return "readonly" in lowered or "read-only" in lowered or "read only" in lowered

