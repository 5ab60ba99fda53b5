"""Domain exceptions. The CLI turns each into a one-line ``click.ClickException``."""


class ArchiveError(Exception):
    """Base class for every error the archive reports to a user."""


class NoDatabase(ArchiveError):
    """The database file does not exist yet."""


class OutdatedDatabase(ArchiveError):
    """The database schema is older than this version of archive needs."""


class NewerDatabase(ArchiveError):
    """The database was migrated by a newer version of archive."""


class NotAnArchive(ArchiveError):
    """The database exists but was not created by archive."""


class MigrationError(ArchiveError):
    """A migration command failed (unknown revision, ...)."""


class UnknownName(ArchiveError):
    """A table or view name that is not in the database."""


class QueryError(ArchiveError):
    """A SQL query failed or was refused."""


class ReadOnlyQuery(QueryError):
    """A write was attempted through a read-only query."""


class ParseError(ArchiveError):
    """An input file could not be turned into an article."""
