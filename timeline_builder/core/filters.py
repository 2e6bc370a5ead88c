"""Which events a filter selects: one definition for embeds, tests and the URL contract.

Semantics (CONTRACT section 6): repeating a key means any of its values; different keys
combine with AND; ``text`` matches titles, summaries and quotes case-insensitively;
``from``/``to`` keep events whose period overlaps the range. The browser script applies
the same rules, and the browser tests compare it with this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from timeline_builder.core.model import Event

KEYS = ("actor", "tag", "source", "text", "from", "to")


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class EventFilter:
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> EventFilter:
        """``[("actor", "putin"), ("tag", "diplomacy")]`` → a filter; unknown keys raise."""
        values: dict[str, list[str]] = {key: [] for key in KEYS}
        for key, value in pairs:
            if key not in values:
                raise FilterError(f"unknown filter '{key}'; use one of {', '.join(KEYS)}")
            values[key].append(value.strip())
        return cls(
            actors=tuple(values["actor"]), tags=tuple(values["tag"]),
            sources=tuple(values["source"]), text=" ".join(values["text"]).strip(),
            date_from=_day(values["from"], "from"), date_to=_day(values["to"], "to"),
        )

    def matches(self, event: Event) -> bool:
        if self.actors and not set(self.actors) & set(event.actors):
            return False
        if self.tags and not set(self.tags) & set(event.tags):
            return False
        if self.sources and not set(self.sources) & set(event.sources):
            return False
        last = (event.end or event.date).last_day()
        if self.date_from and last < self.date_from:
            return False
        if self.date_to and event.date.value > self.date_to:
            return False
        return not self.text or fold(self.text) in searchable_text(event)

    def query(self) -> str:
        """The timeline URL's query string for this filter (``actor=putin&tag=…``)."""
        pairs = [("actor", a) for a in self.actors] + [("tag", t) for t in self.tags]
        pairs += [("source", s) for s in self.sources]
        pairs += [("text", self.text)] if self.text else []
        pairs += [("from", self.date_from.isoformat())] if self.date_from else []
        pairs += [("to", self.date_to.isoformat())] if self.date_to else []
        return urlencode(pairs)


def fold(text: str) -> str:
    """Case folded, and ``ё`` read as ``е``: Russian writes ``всё`` and ``все`` for the same
    word, and a reader types the one without dots. The text search of the timeline, of its
    split index and of the site all fold this way (assets/timeline-state.js ``fold``)."""
    return text.casefold().replace("ё", "е")


def searchable_text(event: Event) -> str:
    """What the text search looks at, folded once per event."""
    parts = [event.title, event.summary, *(quote.text for quote in event.quotes)]
    return fold(" ".join(" ".join(parts).split()))


def _day(values: list[str], key: str) -> dt.date | None:
    if not values:
        return None
    try:
        return dt.date.fromisoformat(values[-1])
    except ValueError:
        raise FilterError(f"{key}: '{values[-1]}' is not a date; write YYYY-MM-DD") from None
