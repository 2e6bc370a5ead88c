"""``feed.xml``: the events as an Atom feed (RFC 4287), newest first.

feedgen writes the XML, but it defaults every ``updated`` to the current time; we set
each one from the content, so an unchanged timeline gives a byte-identical feed and
readers are not told that old events changed.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from feedgen.feed import FeedGenerator

from timeline_builder import images
from timeline_builder.jsonld import absolute
from timeline_builder.model import Event, Timeline
from timeline_builder.settings import Settings

# A tag: URI (RFC 4151) gives entries a permanent id when the site has no URL yet.
_TAG_AUTHORITY = "tag:timeline,2000:"


def export_atom(timeline: Timeline, settings: Settings) -> str:
    """The feed as a UTF-8 XML document (with declaration and trailing newline)."""
    events = sorted(timeline.events, key=lambda event: event.sort_key, reverse=True)
    feed = FeedGenerator()
    feed.id(settings.site_url or _TAG_AUTHORITY + _site_slug(settings))
    feed.title(settings.site_name)
    feed.author({"name": settings.site_name})
    feed.link(href=absolute(settings.site_url, "timeline/"), rel="alternate")
    feed.link(href=absolute(settings.site_url, "feed.xml"), rel="self")
    feed.generator("timeline_builder")
    # Events are dated in the past, so the newest event is when the feed last changed.
    newest = events[0].date.value if events else dt.date(1970, 1, 1)
    feed.updated(_midnight(newest))
    for event in events:
        _add_entry(feed, event, settings)
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def _add_entry(feed: FeedGenerator, event: Event, settings: Settings) -> None:
    entry = feed.add_entry(order="append")
    if settings.site_url:
        entry.id(absolute(settings.site_url, event.url))
    else:
        entry.id(f"{_TAG_AUTHORITY}{_site_slug(settings)}/{event.id}")
    entry.title(event.title)
    entry.updated(_midnight(event.date.value))
    entry.link(href=absolute(settings.site_url, event.url), rel="alternate")
    if event.summary:
        entry.summary(event.summary)
    picture = event.thumbnail  # never a graphic item
    if picture is not None and picture.image is not None:
        # The picture in the entry's content: an enclosure would need the byte length of
        # a copy that is only made at build time, and exports are pure functions.
        copy = images.plan(picture.image)[1 if len(images.plan(picture.image)) > 2 else 0]
        figure = (f'<figure><img src="{escape(absolute(settings.site_url, copy.path))}" '
                  f'alt="{escape(picture.alt)}" width="{copy.width}" height="{copy.height}">'
                  + (f"<figcaption>{escape(picture.caption)}</figcaption>"
                     if picture.caption else "") + "</figure>")
        entry.content(f"<p>{escape(event.summary)}</p>{figure}", type="html")
    for tag in event.tags:
        entry.category(term=tag)


def _site_slug(settings: Settings) -> str:
    return re.sub(r"[^a-z0-9]+", "-", settings.site_name.lower()).strip("-") or "timeline"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
