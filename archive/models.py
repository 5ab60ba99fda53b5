"""The archive's tables as typed SQLAlchemy models.

The models are the source of truth for the schema; Alembic migrations in ``migrations/``
create it, and a test checks that autogenerate finds no difference between the two.
Hot paths (the importer) write through Core ``insert()`` on ``Model.__table__``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from archive.db import Base

RUN_STATUSES = ("running", "finished", "interrupted")
SOURCE_KINDS = ("publisher", "agency", "broadcaster", "website", "unknown")
ATTRIBUTION_ROLES = ("publisher", "wire", "via", "photo")
PRECISIONS = ("second", "minute", "hour", "day", "month", "year", "no-year", "none")


def one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """``column IN (...)`` over one of the vocabularies above (named by the convention)."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


class ImportRun(Base):
    """One run of ``archive import``: what it was asked to do and how it went."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    tool_version: Mapped[str] = mapped_column(String(40))
    paths: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="running")
    n_seen: Mapped[int] = mapped_column(Integer, default=0)
    n_imported: Mapped[int] = mapped_column(Integer, default=0)
    n_duplicates: Mapped[int] = mapped_column(Integer, default=0)
    n_failed: Mapped[int] = mapped_column(Integer, default=0)
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        one_of("status", RUN_STATUSES),
    )


class ImportFailure(Base):
    """A file (or line) that could not be imported, and why."""

    __tablename__ = "import_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_run_id: Mapped[int] = mapped_column(
        ForeignKey("import_runs.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Source(Base):
    """A publisher, news agency or broadcaster, once however it is spelled."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="unknown")

    __table_args__ = (
        one_of("kind", SOURCE_KINDS),
    )


class Article(Base):
    """One article: its text without boilerplate and what is known of its origin."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id"), index=True
    )
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    title_origin: Mapped[str | None] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(Text, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(25), index=True)
    published_precision: Mapped[str] = mapped_column(String(10), default="none")
    published_text: Mapped[str | None] = mapped_column(Text)
    published_origin: Mapped[str | None] = mapped_column(String(40))
    retrieved_at: Mapped[str | None] = mapped_column(String(25))
    retrieved_text: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    language: Mapped[str | None] = mapped_column(String(12), index=True)
    encoding: Mapped[str | None] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    captions: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[str | None] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    provenance: Mapped[str | None] = mapped_column(Text)
    previous_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )  # indexed with superseded_at and published_at, below

    source: Mapped[Source | None] = relationship(foreign_keys=[source_id])
    attributions: Mapped[list["ArticleAttribution"]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )

    __table_args__ = (
        one_of("published_precision", PRECISIONS),
        # "current" articles (duplicate_of_id and superseded_at NULL) by publication date,
        # and the few that are not: read from the index alone, never from the wide rows
        # (these two columns are stored after the body)
        Index("ix_articles_current", "duplicate_of_id", "superseded_at", "published_at"),
    )


class ArticleShingle(Base):
    """The near-duplicate sketch of an article (see ingest/fingerprint.py)."""

    __tablename__ = "article_shingles"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)


class ArticleAttribution(Base):
    """A source credited by an article, and in what role."""

    __tablename__ = "article_attributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str | None] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="attributions")
    source: Mapped[Source] = relationship()

    __table_args__ = (
        UniqueConstraint("article_id", "source_id", "role"),
        one_of("role", ATTRIBUTION_ROLES),
        Index("ix_article_attributions_role", "role"),
    )


# -- entities (migration 0002) -----------------------------------------------------------------

ENTITY_TYPES = ("country", "person", "organization", "location")
ENTITY_STATUSES = ("known", "user", "extracted", "unresolved")
MENTION_KINDS = ("name", "alias", "surname", "demonym", "metonym", "dateline", "candidate")


class Meta(Base):
    """Key/value facts about the archive (e.g. the gazetteer version last synced)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class Entity(Base):
    """A country, person, organisation or place: one row however it is written."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    subtype: Mapped[str | None] = mapped_column(String(40))
    wikidata: Mapped[str | None] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    origin: Mapped[str] = mapped_column(String(20))  # gazetteer, user, extracted
    country_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    ambiguous: Mapped[bool] = mapped_column(default=False)
    example: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str | None] = mapped_column(Text)
    gazetteer_version: Mapped[str | None] = mapped_column(String(40))
    extractor_version: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # how sure the name finder is of an extracted name's type (0-1; None for known/user ones)
    confidence: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        one_of("type", ENTITY_TYPES),
        one_of("status", ENTITY_STATUSES),
    )


class EntityAlias(Base):
    """Another way of writing an entity's name (``kind``: name, alias, demonym, user)."""

    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)  # lower case, for lookups
    kind: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20))  # gazetteer, user

    __table_args__ = (UniqueConstraint("entity_id", "alias"),)


class EntityRole(Base):
    """A dated office or role of a person ("Foreign Minister of Russia, 2004-")."""

    __tablename__ = "entity_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    of_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))


class EntityMerge(Base):
    """An entity key merged into another, so later gazetteer syncs do not bring it back."""

    __tablename__ = "entity_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_key: Mapped[str] = mapped_column(String(300), unique=True)
    into_entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    merged_at: Mapped[datetime] = mapped_column(DateTime)


class Mention(Base):
    """One occurrence of an entity in an article's stored body: the evidence."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    field: Mapped[str] = mapped_column(String(10), default="body")  # body or title
    sentence_index: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))


class ArticleEntityCount(Base):
    """Mentions per (article, entity): maintained by extraction, read by the views."""

    __tablename__ = "article_entity_counts"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    n_mentions: Mapped[int] = mapped_column(Integer)
    first_start: Mapped[int] = mapped_column(Integer)


class Extraction(Base):
    """Which extractor versions have run on an article, and with what outcome."""

    __tablename__ = "extractions"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    extractor_version: Mapped[str] = mapped_column(String(100), index=True)
    gazetteer_version: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))  # done, skipped
    note: Mapped[str | None] = mapped_column(Text)
    extracted_at: Mapped[datetime] = mapped_column(DateTime)


# -- events, quotes, themes (migration 0004) ---------------------------------------------------

EVENT_STATUSES = ("occurred", "planned", "historical", "negated")


class Event(Base):
    """One happening (a meeting, a call, a summit...), however many articles report it.

    The date, place and participants are the consensus of its reports (``event_reports``);
    ``participants`` is kept as text ("A; B; C", alphabetical) for the views.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_type: Mapped[str] = mapped_column(String(30))  # indexed with date_start, below
    plover_type: Mapped[str | None] = mapped_column(String(30))
    mode: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), index=True)
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str] = mapped_column(String(10))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_resolution: Mapped[str] = mapped_column(String(20))
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    participants: Mapped[str] = mapped_column(Text, default="")
    extractor_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        one_of("status", EVENT_STATUSES),
        # the merge lookup: same type on the same (or a neighbouring) day
        Index("ix_events_event_type_date_start", "event_type", "date_start"),
    )


class EventParty(Base):
    """A participant of an event, with its role (host, guest, participant, speaker...)."""

    __tablename__ = "event_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))

    __table_args__ = (UniqueConstraint("event_id", "entity_id", "role"),)


class EventReport(Base):
    """One article's statement of an event: the evidence, and what that report says."""

    __tablename__ = "event_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))  # indexed below
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(10))  # body, title, caption
    sentence_index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str] = mapped_column(String(10))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_resolution: Mapped[str] = mapped_column(String(20))
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    extractor_version: Mapped[str] = mapped_column(String(40))

    __table_args__ = (
        # per event: its articles (event_timeline), dates and places (event_conflicts),
        # read from the index alone
        Index("ix_event_reports_event_article_date_location",
              "event_id", "article_id", "date_start", "location_id"),
    )


class Quote(Base):
    """Who said what: a direct quote or reported speech, with its speaker and cue."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    speaker_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    speaker_text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))  # direct, reported
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence_index: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))


class QuoteSpeaker(Base):
    """Every party a quote is attributed to (several for a joint statement)."""

    __tablename__ = "quote_speakers"

    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ThemeHit(Base):
    """How many times an article hits a theme of the shipped theme dictionary."""

    __tablename__ = "theme_hits"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
    hits: Mapped[int] = mapped_column(Integer)


class EntityPair(Base):
    """Articles in which two resolved entities appear together (entity_a_id < entity_b_id).

    Maintained exactly by extraction (current articles only: no near-duplicates, no
    superseded versions), so ``entity_cooccurrence`` needs no self-join at query time.
    """

    __tablename__ = "entity_pairs"

    entity_a_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    entity_b_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    n_articles: Mapped[int] = mapped_column(Integer)


class EntityStat(Base):
    """Per-entity counts behind ``entity_overview`` (current articles only), recomputed when
    an import or re-extraction finishes for the entities it touched (``entity_stats_dirty``)."""

    __tablename__ = "entity_stats"

    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    n_articles: Mapped[int] = mapped_column(Integer)
    n_mentions: Mapped[int] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[str | None] = mapped_column(String(25))
    last_seen: Mapped[str | None] = mapped_column(String(25))


class EntityStatDirty(Base):
    """Entities whose ``entity_stats`` row awaits recomputation (set per batch, cleared when
    the import or re-extraction finishes; a killed run leaves them for the next one)."""

    __tablename__ = "entity_stats_dirty"

    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
