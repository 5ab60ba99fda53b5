"""Readers: files in, plain :class:`~archive.ingest.record.ParsedArticle` records out.

Nothing here touches the database.
"""
