"""``feed.xml``: the events, and our corrections to them, as an Atom feed (RFC 4287),
newest first. A correction is an entry of its own, so feed readers show it as news
instead of silently updating an entry the reader has already read.

feedgen writes the XML, but it defaults every ``updated`` to the current time; we set
each one from the content, so an unchanged timeline gives a byte-identical feed and
readers are not told that old events changed.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from feedgen.feed import FeedGenerator

from timeline_builder.config.settings import Settings
from timeline_builder.core import editions, picture_copies
from timeline_builder.core.model import Correction, Event, Timeline
from timeline_builder.core.slugs import slug
from timeline_builder.core.urls import absolute

# A tag: URI (RFC 4151) gives entries a permanent id when the site has no URL yet.
_TAG_AUTHORITY = "tag:timeline,2000:"
# Characters XML 1.0 cannot carry at all (section 2.2): lxml refuses them with a traceback,
# so contributor text loses them before it reaches the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value: str) -> str:
    """Contributor text with the characters XML cannot hold removed (a title with a stray
    control character still gives a valid feed)."""
    return _NOT_XML.sub("", value)


def export_atom(timeline: Timeline, settings: Settings) -> str:
    """The feed as a UTF-8 XML document (with declaration and trailing newline)."""
    events = sorted(timeline.events, key=lambda event: event.sort_key, reverse=True)
    feed = FeedGenerator()
    feed.id(settings.site_url or _TAG_AUTHORITY + slug(settings.site_name, 'timeline'))
    feed.title(_xml(settings.site_name))
    feed.author({"name": settings.site_name})
    feed.link(href=absolute(settings.site_url, "timeline/"), rel="alternate")
    feed.link(href=absolute(settings.site_url, "feed.xml"), rel="self")
    feed.generator("timeline_builder")
    if settings.languages:  # an edition's feed says its language (xml:lang)
        feed.language(settings.language)
    corrections = sorted(
        ((correction, number, event) for event in events
         for number, correction in enumerate(event.corrections, 1)
         if not correction.minor),  # a typo fix is not news
        key=lambda item: (item[0].date, item[2].sort_key, item[1]), reverse=True)
    # Events are dated in the past, so the newest event or correction is when the feed
    # last changed.
    days = [e.date.value for e in events[:1]] + [c.date for c, _, _ in corrections[:1]] + \
        [e.withdrawn.date for e in timeline.withdrawn if e.withdrawn]
    feed.updated(_midnight(max(days, default=dt.date(1970, 1, 1))))
    pending = list(corrections)
    for event in events:
        while pending and pending[0][0].date >= event.date.value:
            _add_correction(feed, *pending.pop(0), settings)
        _add_entry(feed, event, settings)
    for item in pending:
        _add_correction(feed, *item, settings)
    for event in sorted(timeline.withdrawn, key=lambda e: e.sort_key, reverse=True):
        _add_withdrawal(feed, event, settings)
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def _add_correction(feed: FeedGenerator, correction: Correction, number: int, event: Event,
                    settings: Settings) -> None:
    entry = feed.add_entry(order="append")
    anchor = f"{event.id}-correction-{number}"
    if settings.site_url:
        entry.id(absolute(settings.site_url, f"corrections/#{anchor}"))
    else:
        entry.id(f"{_TAG_AUTHORITY}{slug(settings.site_name, 'timeline')}/corrections/{anchor}")
    entry.title(_xml(f"{editions.translate(settings.language, 'Correction:')} {event.title}"))
    entry.updated(_midnight(correction.date))
    entry.link(href=absolute(settings.site_url, event.url), rel="alternate")
    entry.summary(_xml(correction.text))
    entry.category(term="correction")


def _add_withdrawal(feed: FeedGenerator, event: Event, settings: Settings) -> None:
    """A published event taken off the timeline: readers who saw it are told, and why."""
    assert event.withdrawn is not None
    entry = feed.add_entry(order="append")
    if settings.site_url:
        entry.id(absolute(settings.site_url, f"{event.url}-withdrawn"))
    else:
        entry.id(f"{_TAG_AUTHORITY}{slug(settings.site_name, 'timeline')}/{event.id}/withdrawn")
    entry.title(_xml(f"{editions.translate(settings.language, 'Withdrawn:')} {event.title}"))
    entry.updated(_midnight(event.withdrawn.date))
    entry.link(href=absolute(settings.site_url, event.url), rel="alternate")
    entry.summary(_xml(event.withdrawn.reason))
    entry.category(term="withdrawn")


def _add_entry(feed: FeedGenerator, event: Event, settings: Settings) -> None:
    entry = feed.add_entry(order="append")
    if settings.site_url:
        entry.id(absolute(settings.site_url, event.url))
    else:
        entry.id(f"{_TAG_AUTHORITY}{slug(settings.site_name, 'timeline')}/{event.id}")
    entry.title(_xml(event.title))
    entry.updated(_midnight(event.date.value))
    entry.link(href=absolute(settings.site_url, event.url), rel="alternate")
    if event.summary:
        entry.summary(_xml(event.summary))
    picture = event.thumbnail  # never a graphic item
    if picture is not None and picture.image is not None:
        # The picture in the entry's content: an enclosure would need the byte length of
        # a copy that is only made at build time, and exports are pure functions.
        copies = picture_copies.plan(picture.image)
        copy = copies[1 if len(copies) > 2 else 0]
        figure = (f'<figure><img src="{escape(absolute(settings.site_url, copy.path))}" '
                  f'alt="{escape(picture.alt)}" width="{copy.width}" height="{copy.height}">'
                  + (f"<figcaption>{escape(picture.caption)}</figcaption>"
                     if picture.caption else "") + "</figure>")
        entry.content(_xml(f"<p>{escape(event.summary)}</p>{figure}"), type="html")
    for tag in event.tags:
        entry.category(term=_xml(tag))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
