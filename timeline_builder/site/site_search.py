"""The site search index of events, people and sources: one result each, chunked.

Material's search fetches its whole index on every page view, so the generated pages (the
timeline's, the profiles) stay out of it, and their results come from this index instead,
through a small worker that wraps Material's own (assets/timeline-search.js): each event
is its own result and leads to the event itself (``timeline/2022/05/#sochi-meeting``).

A query loads only what it needs:

- ``search/timeline/meta.json``: how many documents, the chunk size, which term chunks exist;
- ``search/timeline/terms/<key>.json``: for every term (case-folded word) starting with the
  two characters of ``key``, the documents that contain it, in the title (``t``) or in
  the text (``b``), as gaps between sorted document numbers;
- ``search/timeline/docs/<n>.json``: the results' titles, places and snippets, 500 a file.

``key`` is the terms' first two characters as hex code points (``sa`` → ``73-61``), so file
names stay plain ASCII whatever the language.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from timeline_builder.core.filters import fold

if TYPE_CHECKING:
    from timeline_builder.site.render import Renderer

FOLDER = "search/timeline"
DOCS_PER_CHUNK = 500
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: the browser's [\p{L}\p{N}]+


def terms(text: str) -> list[str]:
    """``Putin's visit`` → ``["putin", "s", "visit"]``: case-folded words."""
    return _WORD.findall(fold(text))


def _text(rendered: str) -> str:
    """The words of rendered, sanitised HTML (tags dropped, entities decoded). Only its
    words are used, so a fast cut at tags is enough."""
    return html.unescape(_TAG.sub(" ", rendered))


def chunk_key(term: str) -> str:
    return "-".join(f"{ord(character):x}" for character in term[:2])


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _gaps(numbers: Iterable[int]) -> list[int]:
    out, last = [], 0
    for number in sorted(set(numbers)):
        out.append(number - last)
        last = number
    return out


def documents(renderer: Renderer) -> list[tuple[str, str, str, str]]:
    """(location, title, snippet, full text) of every event, person and source; locations
    from the site root, an edition's under its folder (``uk/actors/putin/``)."""
    timeline = renderer.timeline
    at = renderer.settings.edition_prefix
    docs = []
    for event in timeline.events:
        body = _text(renderer.body_html(event.body, event.id))
        text = " ".join([body, *(quote.text for quote in event.quotes)])
        docs.append((renderer.event_href(event, at), event.title, event.summary, text))
    for actor in timeline.actors:
        about = " · ".join(part for part in (actor.role, actor.country) if part)
        docs.append((f"{at}actors/{actor.id}/", actor.name, about,
                     " ".join([about, *actor.aliases,
                               _text(renderer.body_html(actor.body, actor.id))])))
    for source in timeline.sources:
        docs.append((f"{at}sources/{source.id}/", source.title, source.outlet,
                     " ".join([source.outlet, source.author, source.note])))
    return docs


def search_files(renderer: Renderer) -> dict[str, str]:
    """Every file of the index, path under the site root → JSON text."""
    docs = documents(renderer)
    by_word: dict[str, dict[str, list[int]]] = {}
    for number, (_, title, _, text) in enumerate(docs):
        for field, words in (("t", terms(title)), ("b", terms(text))):
            for word in set(words):
                by_word.setdefault(word, {}).setdefault(field, []).append(number)
    postings: dict[str, dict[str, dict[str, list[int]]]] = {}
    for word, fields in by_word.items():
        postings.setdefault(chunk_key(word), {})[word] = fields
    files = {}
    for key, chunk in postings.items():
        files[f"{FOLDER}/terms/{key}.json"] = _dumps({
            word: {field: _gaps(numbers) for field, numbers in sorted(fields.items())}
            for word, fields in sorted(chunk.items())})
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        files[f"{FOLDER}/docs/{start // DOCS_PER_CHUNK}.json"] = _dumps(
            [[location, title, snippet] for location, title, snippet, _ in
             docs[start:start + DOCS_PER_CHUNK]])
    files[f"{FOLDER}/meta.json"] = _dumps({"schema": 1, "docs": len(docs),
                                           "chunk": DOCS_PER_CHUNK,
                                           "keys": sorted(postings)})
    return files
