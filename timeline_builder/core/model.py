"""The frozen, typed content model: what every door (CLI, plugin, exports) reads.

Models are built once by :mod:`timeline_builder.checks.validate` and never mutated, so a build
cannot depend on the order in which pages happen to be rendered.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
# Coarser first: a period sorts before the days it starts with, as its ISO string does.
PRECISION_ORDER: tuple[Precision, ...] = ("year", "month", "day")
# What a source with no publication date writes (``published: n.d.``) and shows: "no date",
# as citation styles have it.
UNDATED = "n.d."


@dataclass(frozen=True, order=True)
class ResolvedDate:
    """A date and how much of it is known.

    ``value`` is the first day of the period, so month and year dates sort before the
    days inside them. Precision is never upgraded: ``May 2022`` stays a month.
    """

    value: dt.date
    precision: Precision = "day"

    def iso(self) -> str:
        """``2022-05-23``, ``2022-05`` or ``2022``, as written in every export."""
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def last_day(self) -> dt.date:
        """The last day the period covers (for ranges, filters and the axis)."""
        if self.precision == "year":
            return dt.date(self.value.year, 12, 31)
        if self.precision == "month":
            days = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=days)
        return self.value


@dataclass(frozen=True)
class Calendar:
    """A day count such as the war calendar: ``start`` is day 1."""

    name: str
    start: dt.date
    label: str = "Day {n}"
    labels: tuple[tuple[str, str], ...] = ()
    """The label per edition language (``("uk", "{n}-й день війни")``), when given so."""

    def day_number(self, day: dt.date) -> int | None:
        """Day 1 is ``start``; days before it have no number."""
        number = (day - self.start).days + 1
        return number if number >= 1 else None

    def day(self, number: int) -> dt.date:
        return self.start + dt.timedelta(days=number - 1)

    def format(self, number: int, language: str = "") -> str:
        """``Day 89 of the war``; in ``language``'s own label when the config gives one."""
        label = dict(self.labels).get(language, self.label)
        return label.replace("{n}", str(number))


Attribution = Literal["attributed", "unattributed"]
UrlStatus = Literal["live", "dead", "usurped"]


@dataclass(frozen=True)
class QuoteTranslation:
    """A quote's words in another edition's language, and who translated them: shown beneath
    the quote, which keeps its source's words (and is verified on them alone)."""

    language: str
    text: str
    by: str


@dataclass(frozen=True)
class Quote:
    """Words a source carries. ``speaker`` is ``None`` when the source gives no reliable one
    (``attribution: unattributed``, with ``note`` saying what is known)."""

    text: str
    speaker: str | None
    source: str
    verified: bool
    line: int = 0
    id: str = ""
    variant_of: str = ""
    attribution: Attribution = "attributed"
    note: str = ""
    verified_against: str = ""  # the source's text_sha256 when verified
    translations: tuple[QuoteTranslation, ...] = ()  # sorted by language

    def translation(self, language: str) -> QuoteTranslation | None:
        """The translation shown in ``language``'s edition, if the quote has one."""
        return next((t for t in self.translations if t.language == language), None)


@dataclass(frozen=True)
class Dispute:
    """What a cited source says that we believe is wrong, and the sources that say so."""

    source: str
    says: str
    note: str
    sources: tuple[str, ...] = ()
    verified: bool = False  # ``says`` was found in the disputed source's archived text
    line: int = 0


@dataclass(frozen=True)
class Correction:
    """One of our own corrections to an event, dated the day it was made.

    A ``minor`` one (a typo fix) stays in the event's history and in ``timeline diff`` but
    is not announced: not on the corrections page, not in the feed."""

    date: dt.date
    text: str
    line: int = 0
    minor: bool = False


@dataclass(frozen=True)
class Withdrawal:
    """Why and when a published event was taken off the timeline (its file stays)."""

    date: dt.date
    reason: str
    line: int = 0


# Widths of the resized copies in an image's srcset; an image is never scaled up.
VARIANT_WIDTHS = (480, 960, 1600)
MediaKind = Literal["image", "embed"]


@dataclass(frozen=True)
class ImageFile:
    """A local image as validation found it: enough to plan its published copies without
    opening it again (``sha256`` names them, so a changed file gets new URLs)."""

    src: str  # path under content/, with forward slashes: ``assets/media/sochi.jpg``
    format: str  # Pillow's name: JPEG, PNG, WEBP, AVIF, GIF
    width: int  # as displayed: after the EXIF orientation is applied
    height: int
    sha256: str
    animated: bool = False


@dataclass(frozen=True)
class Media:
    """One picture or embedded player on an event.

    ``image`` is the picture itself (kind ``image``) or an embed's optional ``poster``;
    ``src`` is the content path of an image or the https URL of an embed.
    """

    kind: MediaKind
    src: str
    image: ImageFile | None = None
    alt: str = ""
    caption: str = ""
    credit: str = ""
    graphic: bool = False
    line: int = 0


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date: ResolvedDate
    date_text: str
    sources: tuple[str, ...]
    path: str
    end: ResolvedDate | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    featured: bool = False
    approximate: bool = False
    body: str = ""
    summary: str = ""
    calendar: tuple[tuple[str, int], ...] = ()
    disputes: tuple[Dispute, ...] = ()
    corrections: tuple[Correction, ...] = ()
    media: tuple[Media, ...] = ()
    withdrawn: Withdrawal | None = None

    @property
    def announced_corrections(self) -> tuple[Correction, ...]:
        """The corrections readers are told about (corrections page, feed): not minor ones."""
        return tuple(c for c in self.corrections if not c.minor)

    @property
    def thumbnail(self) -> Media | None:
        """The first item with a picture that is not graphic: what cards, feeds and social
        previews show (graphic material is never shown without the reader's choice)."""
        return next((m for m in self.media if m.image is not None and not m.graphic), None)

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        """Date, then id; a period sorts before the days it starts with, as its ISO does."""
        return (self.date.value, PRECISION_ORDER.index(self.date.precision), self.id)

    @property
    def url(self) -> str:
        return f"timeline/#{self.id}"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    path: str
    type: str = "person"  # or "organization": schema.org's Person / Organization
    role: str = ""
    country: str = ""
    aliases: tuple[str, ...] = ()
    body: str = ""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    outlet: str
    published: ResolvedDate | None  # None: undated (``published: n.d.`` or no key)
    path: str
    url: str = ""
    author: str = ""
    language: str = ""
    archived_url: str = ""
    note: str = ""
    body: str = ""
    derived_from: str = ""
    accessed: dt.date | None = None
    url_status: UrlStatus = "live"
    text_sha256: str = ""  # of the archived text; empty without one

    @property
    def has_text(self) -> bool:
        return bool(self.body.strip())

    @property
    def live_url(self) -> str:
        """The address to send readers to: a usurped one is never linked as if live."""
        return self.url if self.url_status != "usurped" else ""


@dataclass(frozen=True)
class Timeline:
    """Everything valid in the content, sorted; invalid files are left out."""

    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    calendars: tuple[Calendar, ...] = ()
    # Events taken off the timeline (``withdrawn:``): only their notice is published.
    withdrawn: tuple[Event, ...] = ()
    _actor_index: dict[str, Actor] = field(default_factory=dict, compare=False, repr=False)
    _source_index: dict[str, Source] = field(default_factory=dict, compare=False, repr=False)
    _derived_index: dict[str, list[Source]] = field(default_factory=dict, compare=False,
                                                    repr=False)

    def __post_init__(self) -> None:
        self._actor_index.update({actor.id: actor for actor in self.actors})
        self._source_index.update({source.id: source for source in self.sources})
        for source in self.sources:
            if source.derived_from:
                self._derived_index.setdefault(source.derived_from, []).append(source)

    def actor(self, actor_id: str) -> Actor | None:
        return self._actor_index.get(actor_id)

    def source(self, source_id: str) -> Source | None:
        return self._source_index.get(source_id)

    def lineage(self, source_id: str) -> tuple[Source, ...]:
        """The sources ``source_id`` derives from, nearest first (validation refuses cycles)."""
        chain: list[Source] = []
        current = self.source(source_id)
        while current is not None and current.derived_from and len(chain) < len(self.sources):
            current = self.source(current.derived_from)
            if current is not None:
                chain.append(current)
        return tuple(chain)

    def derived(self, source_id: str) -> tuple[Source, ...]:
        """The sources that copy, translate or relay ``source_id`` directly."""
        return tuple(self._derived_index.get(source_id, ()))

    def original(self, source_id: str) -> str:
        """The root of a source's lineage: itself unless it derives from another."""
        chain = self.lineage(source_id)
        return chain[-1].id if chain else source_id
