"""One page per event (``events/<id>/``): its card in full, its place in time, how to cite
it, and what a link to it previews as when shared (CONTRACT section 6, "Event pages").

A period page shows hundreds of events, and a crawler that ignores ``#fragments`` cannot
tell them apart; a shared link to one event should preview as that event. So each event
gets a page of its own, with its share card (share_card.py) as ``og:image``, the event's
JSON-LD and a ``WebPage`` node carrying its publication dates and corrections. Nothing on
the page depends on other events but its neighbours' titles and dates (previous / next)
and its period, so an unchanged event's page is byte-identical from one build to the next.

The embed views and oEmbed files of an event are made in embed.py from the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from timeline_builder.core import editions, picture_copies
from timeline_builder.core.date_labels import date_range
from timeline_builder.core.model import Event
from timeline_builder.core.urls import absolute
from timeline_builder.site import images, share_card
from timeline_builder.site.render import Renderer

FOLDER = "events"


def page_path(event: Event) -> str:
    """The generated page's source path: ``events/<id>.md`` (URL ``events/<id>/``)."""
    return f"{FOLDER}/{event.id}.md"


def page_url(event: Event) -> str:
    return f"{FOLDER}/{event.id}/"


@dataclass(frozen=True)
class Citation:
    text: str
    csl: str
    bibtex: str


class EventPages:
    """The event pages of one build, and what their heads carry."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.events = renderer.timeline.events
        self.position = {event.id: at for at, event in enumerate(self.events)}

    def event(self, event_id: str) -> Event | None:
        at = self.position.get(event_id)
        return None if at is None else self.events[at]

    def withdrawn(self, event_id: str) -> Event | None:
        return next((e for e in self.renderer.timeline.withdrawn if e.id == event_id), None)

    @property
    def settings(self) -> Any:
        return self.renderer.settings

    def url(self, path: str) -> str:
        return absolute(self.settings.site_url, path)

    # The page ------------------------------------------------------------------------

    def page(self, event: Event, root: str) -> str:
        at = self.position[event.id]
        timeline = self.renderer.timeline
        return self.renderer.render(
            "event.html", root, e=event,
            prev=self.events[at - 1] if at > 0 else None,
            next=self.events[at + 1] if at + 1 < len(self.events) else None,
            on_timeline=self.renderer.event_href(event, root),
            period=self.period_label(event), changed=self.renderer.last_changed(event),
            # Called as lineage(s) and derived(s), over this event's sources only: the
            # page's inputs are then its own (render_memo.py keys a render by them).
            lineage={s: timeline.lineage(s) for s in event.sources}.__getitem__,
            derived={s: timeline.derived(s) for s in event.sources}.__getitem__,
            cite=self.citation(event),
            embed_snippet=self.embed_snippet(event))

    def withdrawn_page(self, event: Event, root: str) -> str:
        """A withdrawn event's page: its notice only (a published address never dies)."""
        return self.renderer.render("event_withdrawn.html", root, e=event)

    def withdrawn_meta(self, event: Event) -> dict[str, Any]:
        reason = event.withdrawn.reason if event.withdrawn else ""
        return {"description": f"{self._words('Withdrawn:')} {reason}"}

    def period_label(self, event: Event) -> str:
        if self.renderer.split:
            return self._words("in {period}").replace(
                "{period}", self.renderer.period_label(self.renderer.period_of(event)))
        return self._words("the whole timeline")

    def _words(self, message: str) -> str:
        return editions.translate(self.settings.language, message)

    def embed_snippet(self, event: Event) -> str:
        """The ``<iframe>`` a host page pastes to show this event (and embed.js to size it)."""
        return iframe_snippet(self.url(f"{page_url(event)}embed/"),
                              absolute(self.settings.shared_url, EMBED_SCRIPT),
                              f"{self.settings.site_name}: {event.title}", 420)

    # The head ------------------------------------------------------------------------

    def meta(self, event: Event) -> dict[str, Any]:
        """Front matter read by overrides/main.html: the share metadata of the page."""
        card = self.card(event)
        meta: dict[str, Any] = {
            "description": event.summary or event.title,
            "og_type": "article",
            # Site paths, which the theme joins to the site's URL (overrides/main.html).
            "og_image": self.settings.edition_prefix + card.path,
            "og_image_alt": card_alt(event, card),
            "oembed": f"{self.settings.edition_prefix}{page_url(event)}oembed.json",
            "jsonld": self.jsonld(event, card),
        }
        published, modified = self.dates(event)
        if published:
            meta["published_time"] = published.isoformat()
        if modified:
            meta["modified_time"] = modified.isoformat()
        return meta

    def dates(self, event: Event) -> tuple[dt.date | None, dt.date | None]:
        """First and last commit of the event's file (none outside a git checkout)."""
        return self.renderer.first_published(event), self.renderer.last_changed(event)

    def jsonld(self, event: Event, card: share_card.Card) -> dict[str, Any] | None:
        graph = self.renderer.structured_data([event])
        page = self.url(page_url(event))
        node: dict[str, Any] = {
            "@type": "WebPage", "@id": page, "url": page, "name": event.title,
            "mainEntity": {"@id": self.url(self.renderer.event_href(event, ""))},
            "primaryImageOfPage": {"@type": "ImageObject", "contentUrl": self.url(card.path),
                                   "width": share_card.WIDTH, "height": share_card.HEIGHT},
            "isPartOf": {"@type": "WebSite", "name": self.settings.site_name,
                         "url": self.url("")},
        }
        published, modified = self.dates(event)
        if published:
            node["datePublished"] = published.isoformat()
        if modified:
            node["dateModified"] = modified.isoformat()
        if event.corrections:
            node["correction"] = [
                {"@type": "CorrectionComment", "text": c.text, "datePublished": c.date.isoformat()}
                for c in event.corrections]
        return graph.add_node(node).data()

    # The share card ------------------------------------------------------------------

    def card(self, event: Event) -> share_card.Card:
        return self._cards[event.id]

    @cached_property
    def _cards(self) -> dict[str, share_card.Card]:
        return {event.id: self._card(event) for event in self.events}

    def _card(self, event: Event) -> share_card.Card:
        timeline, language = self.renderer.timeline, self.settings.language
        labels = tuple(calendar.format(number, language) for calendar in timeline.calendars
                       for name, number in event.calendar if name == calendar.name)
        picture, digest = None, ""
        shown = event.thumbnail  # never a graphic picture
        if shown is not None and shown.image is not None:
            copy = picture_copies.full(shown.image)
            picture = self._picture_files.get(copy.path)
            digest = shown.image.sha256 if picture else ""
        return share_card.Card(event.id, card_date(event, language), labels, event.title,
                               self.settings.site_name, picture, digest)

    @cached_property
    def _picture_files(self) -> dict[str, Path]:
        """The published copies of the pictures (encoded once, cached: see images.py)."""
        content = self.settings.content_dir
        return images.produce(picture_copies.pictures(self.renderer.timeline), content,
                              images.cache_dir_for(content))

    def card_files(self) -> dict[str, Path]:
        cache = share_card.cache_dir_for(self.settings.content_dir, self.settings.language)
        return share_card.produce(self._cards.values(), cache)

    # Citing --------------------------------------------------------------------------

    def citation(self, event: Event) -> Citation:
        """Plain text, CSL-JSON and biblatex. They name the event, its date, the site and
        the page, and nothing from git history (a build of a copy cites the same way); a
        reference manager adds the date the reader accessed it."""
        site, url = self.settings.site_name, self.url(page_url(event))
        text = f"“{event.title}” ({date_range(event)}). {site}. {url}"
        csl: dict[str, Any] = {"id": event.id, "type": "webpage", "title": event.title,
                               "container-title": site, "URL": url,
                               "event-date": {"date-parts": [_date_parts(event.date.iso())]}}
        if event.summary:
            csl["abstract"] = event.summary
        fields = {"title": event.title, "organization": site, "url": url,
                  "eventdate": event.date.iso()}
        bibtex = "@online{" + event.id + ",\n" + ",\n".join(
            f"  {name} = {{{_bibtex_text(value)}}}" for name, value in fields.items()) + "\n}"
        return Citation(text, json.dumps([csl], ensure_ascii=False, indent=2), bibtex)


EMBED_SCRIPT = "assets/timeline/embed.js"


def iframe_snippet(src: str, script: str, title: str, height: int) -> str:
    """What a host page pastes: the iframe, and embed.js that sizes it to its content."""
    attr = _attribute
    return (f'<iframe src="{attr(src)}" title="{attr(title)}" data-timeline-embed '
            f'loading="lazy" style="width:100%;height:{height}px;border:0"></iframe>\n'
            f'<script src="{attr(script)}" async></script>')


def card_date(event: Event, language: str = editions.DEFAULT_LANGUAGE) -> str:
    """``Monday 23 May 2022``: the card has room for the weekday the timeline shows; an
    edition's card (and its og:image:alt) says it in its language, ``понеділок, 23 травня
    2022 р.`` (babel)."""
    text = editions.date_text(event.date, language, weekday=True)
    if event.end and event.end != event.date:
        text = f"{text} – {editions.date_text(event.end, language, weekday=True)}"
    return editions.approximate(text, language) if event.approximate else text


def card_alt(event: Event, card: share_card.Card) -> str:
    labels = "".join(f", {label}" for label in card.labels)
    return f"{card.date}{labels}: {event.title}"


def _attribute(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-")]


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_text(text: str) -> str:
    """Contributor text inside ``{…}``: TeX's special characters as literals."""
    def escape(match: re.Match[str]) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)
    return _BIBTEX_SPECIAL.sub(escape, " ".join(text.split()))

