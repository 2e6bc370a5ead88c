"""``timeline.ics``: every event as an all-day calendar entry (RFC 5545).

An event known only to the month or the year spans that whole month or year (DTEND is
exclusive), and says so three ways, since a calendar cannot show "some day in May":
the summary starts with the period (``[May 2022] Talks stall``), the description's first
line says what is known, and ``X-TIMELINE-PRECISION: month`` (``day``, ``year``) with
``X-TIMELINE-DATE: 2022-05`` carries it for programs. Every entry is TRANSPARENT: a past
news event does not make anyone busy.

The icalendar library does the escaping and line folding, which are easy to get subtly
wrong by hand. The output is reproducible: DTSTAMP comes from ``SOURCE_DATE_EPOCH`` or
from the content itself, never from the clock, so an unchanged timeline gives an
unchanged file (and calendar clients see no spurious updates).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar

from timeline_builder.model import Event, Timeline
from timeline_builder.render import date_range
from timeline_builder.settings import Settings, source_date_epoch

_ONE_DAY = dt.timedelta(days=1)


def export_ics(timeline: Timeline, settings: Settings) -> str:
    """The timeline as an iCalendar file (CRLF line endings, as the RFC requires)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//timeline_builder//{settings.site_name}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.site_name)
    stamp = _stamp(timeline)
    host = urlsplit(settings.site_url).hostname or "timeline"
    for event in sorted(timeline.events, key=lambda event: event.sort_key):
        calendar.add_component(_vevent(event, timeline, settings, stamp, host))
    return calendar.to_ical().decode("utf-8")


def _vevent(
    event: Event, timeline: Timeline, settings: Settings, stamp: dt.datetime, host: str
) -> icalendar.Event:
    """One all-day VEVENT; DTEND is exclusive, so it is the day after the last day."""
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.id}@{host}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.date.value)
    vevent.add("dtend", (event.end or event.date).last_day() + _ONE_DAY)
    vevent.add("summary", _summary(event))
    vevent.add("description", _description(event, timeline))
    vevent.add("transp", "TRANSPARENT")
    vevent.add("x-timeline-precision", event.date.precision)
    vevent.add("x-timeline-date", event.date.iso())
    if event.end is not None:
        vevent.add("x-timeline-end", event.end.iso())
    if event.approximate:
        vevent.add("x-timeline-approximate", "TRUE")
    if settings.site_url:
        vevent.add("url", settings.site_url.rstrip("/") + "/" + event.url)
    if event.tags:
        vevent.add("categories", list(event.tags))
    return vevent


def _coarse(event: Event) -> bool:
    return event.date.precision != "day" or (event.end is not None
                                             and event.end.precision != "day")


def _summary(event: Event) -> str:
    """``[May 2022] Talks stall`` when the day is not known; ``c.`` when approximate."""
    title = f"c. {event.title}" if event.approximate else event.title
    return f"[{date_range(event).removeprefix('c. ')}] {title}" if _coarse(event) else title


def _description(event: Event, timeline: Timeline) -> str:
    """What is known of the date, the summary, then the sources, so a calendar entry still
    says where it comes from."""
    titles = []
    for source_id in event.sources:
        source = timeline.source(source_id)
        titles.append(f"{source.title} ({source.outlet})" if source else source_id)
    parts = [f"Date known only to the {event.date.precision}: {date_range(event)}."] \
        if _coarse(event) else []
    parts += [event.summary] if event.summary else []
    if titles:
        parts.append("Sources:\n" + "\n".join(f"- {title}" for title in titles))
    return "\n\n".join(parts)


def _stamp(timeline: Timeline) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` if set and valid, else the latest date in the content.

    DTSTAMP is required on every VEVENT; using the content's latest date makes the file
    change only when the content does.
    """
    epoch, _ = source_date_epoch()  # a bad value was refused by the door already
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    dates = [event.date.value for event in timeline.events]
    dates += [event.end.value for event in timeline.events if event.end]
    dates += [source.published.value for source in timeline.sources]
    latest = max(dates, default=dt.date(1970, 1, 1))
    return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)
