"""Period pages that follow density: no page holds more than ``period_size`` events.

A split timeline has one page per year; a year with more than ``period_size`` events is
split into months, such a month into week ranges of days 1-7, 8-14, 15-21 and 22 to the
month's end, and such a week into days (a day is never split: a day with more events than
``period_size`` is one page). Only periods with events exist. Keys are the URL path under
``timeline/``, so URLs are stable as long as the period's events stay dense:

    2025            timeline/2025/
    2025/03         timeline/2025/03/
    2025/03/08-14   timeline/2025/03/08-14/
    2025/03/09      timeline/2025/03/09/

A split period keeps its address as a hub page listing its parts. An event is placed by the
first day of its date (``ResolvedDate.value``), as it sorts: a month-precision event opens
the month's first part, a year-precision one the year's. Every event is on exactly one page.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from timeline_builder.core.model import Event

WEEK_STARTS = (1, 8, 15, 22)
# Labels of the periods (translated by the editions: keep them here, in one place).
MONTH_LABEL = "{month} {year}"
WEEK_LABEL = "{first}–{last} {month} {year}"
DAY_LABEL = "{day} {month} {year}"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Period:
    """One period: a page of events (no ``parts``) or a hub listing its ``parts``."""

    key: str
    events: tuple[Event, ...]
    parts: tuple[Period, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return period_label(self.key)

    @property
    def is_hub(self) -> bool:
        return bool(self.parts)

    def leaves(self) -> list[Period]:
        """The pages of events under this period (itself unless it is a hub), in order."""
        if not self.parts:
            return [self]
        return [leaf for part in self.parts for leaf in part.leaves()]

    def hubs(self) -> list[Period]:
        """This period and every period under it that is split, outermost first."""
        if not self.parts:
            return []
        return [self, *(hub for part in self.parts for hub in part.hubs())]


def plan(events: Sequence[Event], size: int) -> tuple[Period, ...]:
    """The years of a split timeline, each split as deep as ``size`` needs."""
    return tuple(_split(f"{year:04d}", tuple(group), size, 0)
                 for year, group in groupby(events, key=lambda e: e.date.value.year))


def _split(key: str, events: tuple[Event, ...], size: int, depth: int) -> Period:
    """A year is depth 0; its months 1, their weeks 2, their days 3 (never split)."""
    if len(events) <= size or depth == len(_SPLITTERS):
        return Period(key, events)
    return Period(key, events, tuple(_split(part, group, size, depth + 1)
                                     for part, group in _SPLITTERS[depth](key, events)))


def _grouped(events: Iterable[Event], part: Callable[[dt.date], str]
             ) -> list[tuple[str, tuple[Event, ...]]]:
    return [(key, tuple(group)) for key, group in groupby(events, key=lambda e: part(e.date.value))]


def _months(key: str, events: tuple[Event, ...]) -> list[tuple[str, tuple[Event, ...]]]:
    return _grouped(events, lambda day: f"{key}/{day.month:02d}")


def _weeks(key: str, events: tuple[Event, ...]) -> list[tuple[str, tuple[Event, ...]]]:
    def week(day: dt.date) -> str:
        first = max(start for start in WEEK_STARTS if start <= day.day)
        last = first + 6 if first < WEEK_STARTS[-1] else \
            calendar.monthrange(day.year, day.month)[1]
        return f"{key}/{first:02d}-{last:02d}"
    return _grouped(events, week)


def _days(key: str, events: tuple[Event, ...]) -> list[tuple[str, tuple[Event, ...]]]:
    month = key.rsplit("/", 1)[0]
    return _grouped(events, lambda day: f"{month}/{day.day:02d}")


def period_label(key: str) -> str:
    """``2025``, ``March 2025``, ``8–14 March 2025``, ``9 March 2025``."""
    parts = key.split("/")
    if len(parts) == 1:
        return key
    year, month = parts[0], MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return MONTH_LABEL.format(month=month, year=year)
    if "-" in parts[2]:
        first, last = (int(n) for n in parts[2].split("-"))
        return WEEK_LABEL.format(first=first, last=last, month=month, year=year)
    return DAY_LABEL.format(day=int(parts[2]), month=month, year=year)


_SPLITTERS = (_months, _weeks, _days)
