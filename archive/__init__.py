"""archive: scraped news articles -> a normalised, migrated SQL database."""

__version__ = "0.1.0"
