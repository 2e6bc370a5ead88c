"""schema.org JSON-LD for the pages that show events (CONTRACT section 6).

Each page gets one ``<script type="application/ld+json">`` holding a ``@graph``: an
``Event`` per event shown, the ``Person``/``Organization`` nodes of its actors, the
``CreativeWork`` of each cited source, and a ``Quotation`` per quote. Nodes are named by
``@id`` (the page where we show them, absolute under ``site_url``) and referred to by that
id, so an actor in fifty events is written once.

Choices, and why:

- Dates keep their precision: ``2022-05`` is a month and ``2022`` a year, both valid ISO
  8601 values of schema.org ``Date``; turning them into a first day would claim a day we
  do not know.
- Actors are ``about`` an event, not its ``actor``: schema.org's ``actor`` takes only a
  ``Person`` or ``PerformingGroup``, ``about`` any ``Thing``, so a parliament or an
  alliance (``type: organization``) is valid there too.
- A quote is a ``Quotation`` ``about`` its event, ``spokenByCharacter`` its speaker, or,
  with no known speaker, ``creator`` the outlet that printed it; ``isBasedOn`` its source.
- The build serialises the document once, as Jinja's ``tojson`` does (:func:`script_text`:
  keys sorted; ``<``, ``>``, ``&`` and ``'`` become JSON escapes, ``\\u003c`` …), so
  contributor text cannot end the script, every JSON parser reads back the same
  characters, and both builders print the same bytes in ``<head>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from timeline_builder.core import picture_copies
from timeline_builder.core.model import Actor, Event, Quote, Source, Timeline
from timeline_builder.core.urls import absolute, web_href

CONTEXT = "https://schema.org"


def script_text(data: dict[str, Any]) -> str:
    """The JSON-LD as its ``<script>`` holds it: Jinja's ``tojson``, once per page. Passed
    to the theme as text, not as a mapping: Zensical converts a page's front matter
    between Rust and Python for every page, and nested JSON-LD was a third of its time."""
    from jinja2.utils import htmlsafe_json_dumps

    return str(htmlsafe_json_dumps(data, sort_keys=True))


class Graph:
    """The JSON-LD of one page: the events it shows and everything they refer to."""

    def __init__(self, timeline: Timeline, site_url: str,
                 event_path: Callable[[Event], str],
                 shared: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.timeline = timeline
        self.site_url = site_url
        self.event_path = event_path  # where the event is shown: timeline/#id, a period page
        self.nodes: dict[str, dict[str, Any]] = {}
        # Each event's nodes by its id, for the graphs of one build that share this
        # timeline, site_url and event_path: an event is on its period page, two actor
        # pages and a source page, and is described once (10,000 events: 40,000 times).
        self.shared = shared if shared is not None else {}

    def url(self, path: str) -> str:
        return absolute(self.site_url, path)

    def add_events(self, events: Iterable[Event]) -> Graph:
        for event in events:
            for node in self._event_nodes(event):
                self._add(node)
        return self

    def _event_nodes(self, event: Event) -> list[dict[str, Any]]:
        """The event's nodes in the order adding it puts them in a graph: its actors and
        sources (referred to), the event, its quotations."""
        if (known := self.shared.get(event.id)) is not None:
            return known
        alone = Graph(self.timeline, self.site_url, self.event_path)
        alone._add(alone.event(event))
        for position, quote in enumerate(event.quotes, 1):
            alone._add(alone.quotation(event, quote, position))
        self.shared[event.id] = nodes = list(alone.nodes.values())
        return nodes

    def add_node(self, node: dict[str, Any] | None) -> Graph:
        if node is not None:
            self._add(node)
        return self

    def _add(self, node: dict[str, Any]) -> None:
        self.nodes.setdefault(node["@id"], node)

    def event(self, event: Event) -> dict[str, Any]:
        url = self.url(self.event_path(event))
        node: dict[str, Any] = {"@type": "Event", "@id": url, "name": event.title,
                                "startDate": event.date.iso()}
        if event.end is not None:
            node["endDate"] = event.end.iso()
        if event.summary:
            node["description"] = event.summary
        node["url"] = url
        about = [self._ref(self.actor(actor)) for actor_id in event.actors
                 if (actor := self.timeline.actor(actor_id)) is not None]
        if about:
            node["about"] = about
        sources = [self._ref(self.source(source)) for source_id in event.sources
                   if (source := self.timeline.source(source_id)) is not None]
        if sources:
            node["subjectOf"] = sources
        if event.tags:
            node["keywords"] = ", ".join(event.tags)
        picture = event.thumbnail  # the first picture that is not graphic
        if picture is not None and picture.image is not None:
            copy = picture_copies.full(picture.image)
            node["image"] = {"@type": "ImageObject", "contentUrl": self.url(copy.path),
                             "width": copy.width, "height": copy.height}
            if picture.caption:
                node["image"]["caption"] = picture.caption
            if picture.credit:
                node["image"]["creditText"] = picture.credit
        return node

    def actor(self, actor: Actor) -> dict[str, Any]:
        kind = "Organization" if actor.type == "organization" else "Person"
        node: dict[str, Any] = {"@type": kind, "@id": self.url(f"actors/{actor.id}/"),
                                "name": actor.name, "url": self.url(f"actors/{actor.id}/")}
        if actor.aliases:
            node["alternateName"] = list(actor.aliases)
        if actor.role:
            node["jobTitle" if kind == "Person" else "description"] = actor.role
        if actor.country:
            place = {"@type": "Country", "name": actor.country}
            node["nationality" if kind == "Person" else "location"] = place
        return node

    def source(self, source: Source) -> dict[str, Any]:
        page = self.url(f"sources/{source.id}/")
        node: dict[str, Any] = {"@type": "CreativeWork", "@id": page, "name": source.title,
                                "headline": source.title, "url": web_href(source.url) or page,
                                "datePublished": source.published.iso() if source.published
                                else None,
                                "publisher": {"@type": "Organization", "name": source.outlet}}
        if source.archived_url:
            node["archivedAt"] = web_href(source.archived_url)
        if source.author:
            node["author"] = {"@type": "Person", "name": source.author}
        if source.language:
            node["inLanguage"] = source.language
        return node

    def quotation(self, event: Event, quote: Quote, position: int) -> dict[str, Any]:
        event_url = self.url(self.event_path(event))
        node: dict[str, Any] = {"@type": "Quotation", "@id": f"{event_url}-quote-{position}",
                                "text": quote.text, "about": {"@id": event_url}}
        speaker = self.timeline.actor(quote.speaker) if quote.speaker else None
        source = self.timeline.source(quote.source)
        if speaker is not None:
            node["spokenByCharacter"] = self._ref(self.actor(speaker))
        elif source is not None:  # no known speaker: the outlet that printed the words
            node["creator"] = {"@type": "Organization", "name": source.outlet}
        if source is not None:
            node["isBasedOn"] = self._ref(self.source(source))
        return node

    def _ref(self, node: dict[str, Any]) -> dict[str, str]:
        self._add(node)
        return {"@id": node["@id"]}

    def data(self) -> dict[str, Any] | None:
        """The JSON-LD document, or None when the page shows nothing."""
        if not self.nodes:
            return None
        return {"@context": CONTEXT, "@graph": list(self.nodes.values())}
