"""``timeline export --format timelinejs``: the JSON that TimelineJS3 reads.

See https://timeline.knightlab.com/docs/json-format.html. A date carries only the parts
that are known (a month-precision event has no ``day``), so TimelineJS shows ``May 2022``
rather than inventing ``1 May 2022``. TimelineJS renders ``headline`` and ``text`` as
HTML, so both are escaped here.
"""

from __future__ import annotations

import html
from typing import Any

from timeline_builder.config.settings import Settings
from timeline_builder.core import picture_copies
from timeline_builder.core.model import Event, Media, ResolvedDate, Timeline
from timeline_builder.core.urls import absolute
from timeline_builder.exports.json_layout import records_json


def export_timelinejs(timeline: Timeline, settings: Settings) -> str:
    """Sorted keys, one event per line, UTF-8 kept readable, trailing newline."""
    events = sorted(timeline.events, key=lambda event: event.sort_key)
    document = {
        "title": {"text": {"headline": html.escape(settings.site_name), "text": ""}},
        "events": [_event(event, settings) for event in events],
    }
    return records_json(document, sort_keys=True)


def _event(event: Event, settings: Settings) -> dict[str, Any]:
    text = f"<p>{html.escape(event.summary)}</p>" if event.summary else ""
    slide: dict[str, Any] = {
        "start_date": _date(event.date),
        "text": {"headline": html.escape(event.title), "text": text},
        "unique_id": event.id,
    }
    if event.end:
        slide["end_date"] = _date(event.end)
    if event.tags:
        slide["group"] = html.escape(event.tags[0])
    if event.approximate:
        slide["display_date"] = f"c. {event.date.iso()}"
    # TimelineJS shows one media item a slide, with no warning: graphic items stay out.
    shown = next((m for m in event.media if not m.graphic), None)
    if shown is not None:
        slide["media"] = _media(shown, settings)
    return slide


def _media(media: Media, settings: Settings) -> dict[str, str]:
    """A picture's full-size published copy (an embed's player URL), caption and credit."""
    record = {"caption": html.escape(media.caption), "credit": html.escape(media.credit)}
    if media.kind == "image" and media.image is not None:
        record["url"] = absolute(settings.site_url, picture_copies.full(media.image).path)
        record["alt"] = media.alt
    else:
        record["url"] = media.src
    if media.image is not None:
        record["thumbnail"] = absolute(settings.site_url, picture_copies.plan(media.image)[0].path)
    return record


def _date(date: ResolvedDate) -> dict[str, int]:
    """``{"year": 2022, "month": 5}`` for May 2022: only the known parts."""
    parts = {"year": date.value.year}
    if date.precision != "year":
        parts["month"] = date.value.month
    if date.precision == "day":
        parts["day"] = date.value.day
    return parts
