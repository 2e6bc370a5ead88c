"""``timeline verify-site site/``: did the builder publish everything, and nothing more?

Zensical drops what it does not understand without a word, and publishes every file it
is given. After any build this compares the built site with what the core produced:

- every page (generated or explainer) exists at the URL builders give it;
- every event is on its timeline page as an element with its id holding its
  ``<time datetime>``;
- every data file and asset is published byte for byte;
- no archived source text is anywhere in the site (pages, search index, data files).
"""

from __future__ import annotations

import contextlib
import html
import json
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from timeline_builder.builders.docs_tree import explainer_paths
from timeline_builder.checks.quotes import normalise
from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.core.model import Timeline
from timeline_builder.markup.text import body_text, html_text
from timeline_builder.reading.inventory import Entry
from timeline_builder.site.outputs import SiteOutputs, page_url

# A probe is this long: long enough that no sentence of ours repeats it by chance.
_PROBE = 80
_TEXT_SUFFIXES = (".html", ".json", ".xml", ".txt", ".js", ".ics", ".md")


def verify_site(site_dir: Path, outputs: SiteOutputs,
                published: Iterable[Entry]) -> list[Diagnostic]:
    """Every way ``site_dir`` falls short of ``outputs`` and the ``published`` content
    files, as diagnostics on the built files."""
    problems: list[Diagnostic] = []
    for path in sorted(set(explainer_paths(published))):
        built = _built(site_dir, page_url(path, outputs.directory_urls))
        if not built.is_file():
            problems.append(error(str(built), 1, f"page missing: {path} was rendered but "
                                  "not published", _HINT))
    for page in outputs.pages:
        built = _built(site_dir, page_url(page.path, outputs.directory_urls))
        if not built.is_file():
            problems.append(error(str(built), 1, f"page missing: {page.path} was rendered "
                                  "but not published", _HINT))
            continue
        lacking = _parse(page.content).ids - _parse(_read(built)).ids
        if lacking:
            problems.append(error(str(built), 1, f"page {page.path} is not the rendered one: "
                                  f"it lacks id={sorted(lacking)[0]!r} and "
                                  f"{len(lacking) - 1} more", _HINT))
    problems += _events(site_dir, outputs)
    for output in outputs.files:
        built = site_dir / output.path
        if not built.is_file():
            problems.append(error(str(built), 1, f"file missing: {output.path}", _HINT))
        elif built.read_bytes() != output.data():
            problems.append(error(str(built), 1, f"file differs from the rendered "
                                  f"{output.path}", "rebuild the site from a fresh render"))
    problems += _leaks(site_dir, outputs.renderer.timeline)
    return problems


_HINT = "the builder dropped it: build from `timeline render` output, or with the plugin"


def _built(site_dir: Path, url: str) -> Path:
    return site_dir / (url if url.endswith(".html") else f"{url}index.html")


def _events(site_dir: Path, outputs: SiteOutputs) -> list[Diagnostic]:
    renderer = outputs.renderer
    by_page: dict[str, list[tuple[str, str]]] = {}
    for event in renderer.timeline.events:
        href = renderer.event_href(event, "")
        by_page.setdefault(href.split("#", 1)[0], []).append((event.id, event.date.iso()))
    problems: list[Diagnostic] = []
    for url, expected in sorted(by_page.items()):
        if not outputs.directory_urls:
            url = page_url(f"{url}index.md", directory_urls=False)
        built = _built(site_dir, url)
        if not built.is_file():
            continue  # reported as a missing page
        found = _parse(_read(built)).times
        for event_id, iso in expected:
            if iso not in found.get(event_id, ()):
                problems.append(error(str(built), 1, f"event missing: no element "
                                      f"id=\"{event_id}\" holding <time datetime=\"{iso}\">",
                                      _HINT))
    return problems


class _Elements(HTMLParser):
    """Every id, and for each element with an id the ``datetime`` of each ``<time>`` in it."""

    _VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.times: dict[str, set[str]] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "time" and values.get("datetime"):
            for _, element_id in self.open:
                if element_id:
                    self.times.setdefault(element_id, set()).add(str(values["datetime"]))
        if tag not in self._VOID:
            self.open.append((tag, values.get("id")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return


def _parse(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _leaks(site_dir: Path, timeline: Timeline) -> list[Diagnostic]:
    """Archived text found in the site: passages of each source body that no quote uses."""
    probes = dict(_probes(timeline))
    if not probes:
        return []
    problems: list[Diagnostic] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
            continue
        text = _readable(path)
        for probe, source_id in probes.items():
            if probe in text:
                problems.append(error(str(path), 1, f"archived text of source {source_id} "
                                      "is published", "build from `timeline render` output: "
                                      "the builder must not read content/sources/"))
    return problems


def _probes(timeline: Timeline) -> Iterator[tuple[str, str]]:
    """Up to three passages per source body, none overlapping a quote from it and none
    that our own published text repeats (an event body may restate a source's sentence)."""
    quoted = {source_id: [normalise(q.text) for e in timeline.events for q in e.quotes
                          if q.source == source_id] for source_id in
              {s.id for s in timeline.sources}}
    bodies = [event.body for event in timeline.events] + [a.body for a in timeline.actors]
    ours = "\n".join(normalise(body_text(body)) for body in bodies)
    for source in timeline.sources:
        words = normalise(body_text(source.body)) if source.body else ""
        taken = 0
        for start in range(0, max(len(words) - _PROBE, 0), _PROBE * 3):
            probe = words[start:start + _PROBE]
            if taken < 3 and probe not in ours \
                    and not any(_overlaps(probe, quote) for quote in quoted[source.id]):
                taken += 1
                yield probe, source.id


def _overlaps(probe: str, quote: str) -> bool:
    quote = _squeeze(quote)
    return probe in quote or any(quote[i:i + 20] in probe for i in range(0, len(quote), 10))


def _readable(path: Path) -> str:
    """The file as a reader or a search engine sees it: entities and JSON escapes decoded,
    whitespace squeezed, normalised as quotes are."""
    raw = _read(path)
    if path.suffix == ".json":
        with contextlib.suppress(ValueError):
            raw = " ".join(_strings(json.loads(raw)))
    elif path.suffix in (".html", ".xml"):
        raw = html_text(raw)
    return normalise(html.unescape(raw))


def _strings(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _squeeze(text: str) -> str:
    return " ".join(text.split())

