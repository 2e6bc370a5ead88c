"""Dates as readers read them: ``Monday 23 May 2022``, ``May 2022``, ``c. 2022``.

One wording for pages, feeds, calendars and indexes, so the precision of a date is shown the
same way everywhere and never silently upgraded."""

from __future__ import annotations

import datetime as dt

from timeline_builder.core.model import UNDATED, Event, ResolvedDate


def human_date(date: ResolvedDate | None, *, weekday: bool = False) -> str:
    """``Monday 23 May 2022``, ``May 2022`` or ``2022``: precision is shown, not hidden;
    ``n.d.`` for a source without a date."""
    if date is None:
        return UNDATED
    if date.precision == "year":
        return str(date.value.year)
    if date.precision == "month":
        return f"{date.value:%B} {date.value.year}"
    prefix = f"{date.value:%A} " if weekday else ""
    return f"{prefix}{date.value.day} {date.value:%B} {date.value.year}"


def long_date(day: dt.date) -> str:
    """``1 December 2026``: a plain calendar day (corrections, file changes, access)."""
    return human_date(ResolvedDate(day))


def date_range(event: Event) -> str:
    text = human_date(event.date)
    if event.end and event.end != event.date:
        text = f"{text} – {human_date(event.end)}"
    return f"c. {text}" if event.approximate else text
