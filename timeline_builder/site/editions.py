"""The site's editions: one Timeline per language, rendered by the same page list.

An edition's Timeline is the default one with each event's and actor's translatable text
replaced by its translation (reading.translations); dates, ids, sources and quotes are the
original's, so deep links (``timeline/#sochi-meeting``) are the same in every edition. An
event with no translation keeps its original text and is marked ``lang="en"`` and labelled;
a stale one says that its original changed since. Each edition is rendered by
:func:`timeline_builder.site.outputs.site_outputs` under ``<lang>/``; validation, bodies and
pictures are shared work done once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup, escape

from timeline_builder.config.nav import NavEntry
from timeline_builder.core import citations, editions, front_matter
from timeline_builder.core.model import Actor, Event, Media, ResolvedDate, Timeline
from timeline_builder.markup.text import inert_text, summary_of
from timeline_builder.reading.translations import Translation, Translations, page_original

RenderBody = Callable[..., str]


@dataclass(frozen=True)
class Edition:
    """What a renderer of one edition needs besides its Timeline."""

    language: str
    default: str = editions.DEFAULT_LANGUAGE
    untranslated: frozenset[str] = frozenset()
    """Events shown in their original language."""
    stale: Mapping[str, Translation] = field(default_factory=dict)
    changed: Callable[[Event], dt.date | None] = lambda event: None
    """The day an event's original last changed (the stale notice names it)."""
    translations: Translations = field(default_factory=Translations)
    """Every edition's translations (the edition's ``timeline.json`` names its own)."""

    def lang_attr(self, event: Event) -> Markup:
        """`` lang="en"`` on an event shown untranslated; nothing otherwise."""
        if event.id in self.untranslated:
            return Markup(f' lang="{escape(self.default)}"')  # noqa: S704 - escaped
        return Markup("")

    def note(self, event: Event) -> Markup:
        """The label of an untranslated or stale event, in the edition's language."""
        if event.id in self.untranslated:
            text = editions.translate(self.language,
                                      "Not yet translated: shown in the original language.")
            return Markup('<p class="tl-translation tl-translation--missing">'  # noqa: S704
                          f"{escape(text)}</p>")
        if event.id in self.stale:
            day = self.changed(event)
            when = editions.date_text(ResolvedDate(day), self.language) if day else "?"
            text = editions.translate(
                self.language, "The original changed on {date}; this translation may be out "
                "of date.").replace("{date}", when)
            return Markup('<p class="tl-translation tl-translation--stale">'  # noqa: S704
                          f"{escape(text)}</p>")
        return Markup("")


def translated(timeline: Timeline, translations: Translations, language: str,
               render: RenderBody, embed_hosts: tuple[str, ...]
               ) -> tuple[Timeline, frozenset[str], dict[str, Translation]]:
    """The Timeline of ``language``'s edition, the events left untranslated, the stale."""
    untranslated: set[str] = set()
    stale: dict[str, Translation] = {}

    def event_in(event: Event) -> Event:
        found = translations.get("event", event.id, language)
        if found is None:
            untranslated.add(event.id)
            return event
        if found.stale:
            stale[event.id] = found
        body = found.body.strip() or event.body
        plain = citations.expand(body, lambda *_: "") if "[@" in body else body
        return dataclasses.replace(
            event, title=found.text("title") or event.title, body=body,
            summary=summary_of(render(plain, embed_hosts, f"{event.id}.{language}")),
            media=tuple(_media_in(item, found, position)
                        for position, item in enumerate(event.media)))

    def actor_in(actor: Actor) -> Actor:
        found = translations.get("actor", actor.id, language)
        if found is None:
            return actor
        return dataclasses.replace(actor, name=found.text("name") or actor.name,
                                   role=found.text("role") or actor.role,
                                   body=found.body.strip() or actor.body)

    # A new Timeline, not dataclasses.replace: that would share (and update) the indexes.
    edition = Timeline(events=tuple(event_in(e) for e in timeline.events),
                       actors=tuple(actor_in(a) for a in timeline.actors),
                       sources=timeline.sources, calendars=timeline.calendars,
                       withdrawn=tuple(event_in(e) for e in timeline.withdrawn))
    return edition, frozenset(untranslated), stale


def _media_in(item: Media, found: Translation, position: int) -> Media:
    return dataclasses.replace(item, alt=found.media_text(position, "alt") or item.alt,
                               caption=found.media_text(position, "caption") or item.caption)


def contributor_sources(language: str, default: str, translations: Translations,
                        pages: Sequence[tuple[str, Path]]) -> list[tuple[str, str]]:
    """The markdown of each explainer and other page in ``language``'s edition, by its path
    under ``<lang>/``: its translation (front matter of the translatable keys, the body), or
    the original marked as shown in ``default``'s language. Builders render them as they
    render the originals (citations, embeds, sanitising)."""
    found: list[tuple[str, str]] = []
    for relative, path in pages:
        translation = translations.get("page", relative, language)
        meta: dict[str, object] = {"edition": language}
        if translation is not None:
            for key in ("title", "description"):
                if translation.text(key):
                    meta[key] = translation.text(key)
            body = translation.body
            if translation.stale:
                note = editions.translate(language, "The original changed on {date}; this "
                                          "translation may be out of date.")
                body = f"*{note.replace('{date}', '?')}*\n\n{body.lstrip()}"
        else:
            original = page_original(path, relative)
            if original is None:
                continue
            meta.update({key: value.data for key, value in original.fields.items()
                         if value.is_scalar or isinstance(value.data, list)})
            meta.update({"edition": language, "content_lang": default})
            note = editions.translate(language,
                                      "Not yet translated: shown in the original language.")
            body = f"*{note}*\n\n{original.body.lstrip()}"
        found.append((f"{language}/{relative}",
                      f"---\n{front_matter.lines(meta)}---\n\n{body.strip()}\n"))
    return found


class NavItem(dict[str, Any]):
    """One entry of an edition's nav, as Material's ``partials/nav-item.html`` reads one:
    ``title``, then ``url`` (a page or link) or ``children`` (a section), and ``active``
    (true on the current page and the sections that hold it; Material prints it as JSON).

    Material tells the current page by ``nav_item == page``: a NavItem equals the page
    object at its URL, so the current page of an edition is marked and shows its table of
    contents as in the default edition's nav. Written as front matter (``timeline render``)
    it becomes a plain mapping: Zensical tells the current page by ``active``."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict.__eq__(self, other)
        return "url" in self and getattr(other, "url", None) == self["url"]

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]  # a dict: unhashable


_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def _urls(items: Sequence[NavItem]) -> set[str]:
    """Every page URL a nav leads to."""
    found: set[str] = set()
    for item in items:
        if "url" in item:
            found.add(item["url"])
        found |= _urls(item.get("children", ()))
    return found


_TITLE_LINE = re.compile(r'^title: (".*")$', re.MULTILINE)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")


def page_title(markdown: str) -> str | None:
    """The title a builder gives a page file we wrote (contributor_sources): its front
    matter's ``title``, else its first ``# heading`` (MkDocs and Zensical do the same)."""
    head, _, body = markdown.partition("\n---\n")
    if found := _TITLE_LINE.search(head):
        title = json.loads(found.group(1))
        return title if isinstance(title, str) and title.strip() else None
    if heading := _HEADING.search(body):
        text = _ATTRS.sub("", heading.group(1)).replace("`", "").strip("*_ ")
        return text or None
    return None


@dataclass(frozen=True)
class Alternates:
    """Each page's editions: ``<link rel="alternate" hreflang>``, the language switcher and,
    on the other editions' pages, the nav in their language."""

    languages: tuple[str, ...]
    paths: frozenset[str]
    """Every page of every edition, by its path in the docs tree (``uk/actors/putin.md``)."""
    directory_urls: bool = True
    site_url: str = ""
    """The site's root URL: ``<link rel="alternate" hreflang>`` wants absolute URLs."""
    nav: tuple[NavEntry, ...] = ()
    """mkdocs.yml's nav: the default edition's, which the builder makes itself."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """The title of each page of the other editions, by path (``uk/timeline/index.md``)."""
    translated: frozenset[str] = frozenset()
    """Those of them whose title is in their edition's language (not the original's)."""
    _navs: dict[str, list[NavItem]] = field(default_factory=dict, compare=False, repr=False)
    """Each edition's nav as every page outside it sees it (nothing active): one list,
    built once, for the thousands of event, actor and source pages."""

    def split(self, path: str) -> tuple[str, str]:
        """``uk/actors/putin.md`` → (``uk``, ``actors/putin.md``)."""
        first, _, rest = path.partition("/")
        if rest and first in self.languages[1:]:
            return first, rest
        return self.languages[0], path

    def meta(self, path: str) -> dict[str, object]:
        """``edition`` and ``alternates`` (``[{lang, name, href, url}]``: ``href`` relative
        to the page, for the switcher, which must work under ``mkdocs serve`` too; ``url``
        absolute under ``site_url`` when there is one, for hreflang) for the page at
        ``path``; nothing for a page in one edition only. A page of another edition than
        the default also gets ``edition_nav`` (:meth:`nav_of`) and ``edition_home``."""
        from timeline_builder.core.urls import absolute
        from timeline_builder.site.outputs import page_url, root_of

        language, base = self.split(path)
        root = root_of(page_url(path, self.directory_urls))
        found = []
        for other in self.languages:
            other_path = base if other == self.languages[0] else f"{other}/{base}"
            if other_path in self.paths:
                url = page_url(other_path, self.directory_urls)
                href = root + url or "./"
                found.append({"lang": other, "name": editions.language_name(other),
                              "href": href,
                              "url": absolute(self.site_url, url) if self.site_url else href})
        meta: dict[str, object] = {"edition": language, "editions": list(self.languages)}
        if len(found) > 1:
            meta["alternates"] = found
        if language != self.languages[0]:
            if f"{language}/index.md" in self.paths:  # the logo's link (overrides/)
                meta["edition_home"] = page_url(f"{language}/index.md", self.directory_urls)
            if self.nav:
                meta["edition_nav"] = self.nav_of(language, path)
        return meta

    def nav_of(self, language: str, current: str) -> list[NavItem]:
        """mkdocs.yml's nav for a page of ``language``'s edition (``current``, its path):
        each page replaced by its edition's (``uk/timeline/``) when there is one, titles in
        the edition's language where there is a word for them (:meth:`_item`), ``active``
        on ``current`` and its sections."""
        from timeline_builder.site.outputs import page_url

        if (shared := self._navs.get(language)) is None:
            shared = self._navs[language] = self._items(language, "")
        if page_url(current, self.directory_urls) not in _urls(shared):
            return shared
        return self._items(language, current)

    def _items(self, language: str, current: str) -> list[NavItem]:
        return [item for entry in self.nav
                if (item := self._item(entry, language, current)) is not None]

    def _item(self, entry: NavEntry, language: str, current: str) -> NavItem | None:
        from timeline_builder.site.outputs import page_url

        written = entry.title and editions.translate(language, entry.title)
        if entry.children or entry.target is None:
            children = [item for child in entry.children
                        if (item := self._item(child, language, current)) is not None]
            if not children:
                return None
            return NavItem(title=inert_text(written or ""), children=children,
                           active=any(child["active"] for child in children))
        if _URL.match(entry.target):
            return NavItem(title=inert_text(written or entry.target), url=entry.target,
                           active=False)
        target = entry.target.lstrip("/").removeprefix("./")
        path = f"{language}/{target}" if f"{language}/{target}" in self.paths else target
        # The catalog's word, else the page's own title in the edition's language, else
        # what mkdocs.yml says, else the title the (untranslated) page is shown with.
        title = (written if written and written != entry.title else None) \
            or (self.titles.get(path) if path in self.translated else None) \
            or entry.title or self.titles.get(path) or PurePosixPath(target).stem
        return NavItem(title=inert_text(title), url=page_url(path, self.directory_urls),
                       active=path == current)


# The scripts whose words the editions translate: their `_("…")` and `_n("…", "…", n)`
# calls are the msgids (read with babel's JavaScript extractor, as pybabel would).
SCRIPTS = ("timeline.js", "timeline-axis.js", "timeline-picker.js", "timeline-index.js",
           "timeline-share.js")
ASSETS = Path(__file__).parent / "assets"


@lru_cache(maxsize=1)
def script_msgids() -> tuple[str | tuple[str, str], ...]:
    """Every message of the timeline's scripts, in order of appearance."""
    from babel.messages.extract import extract_javascript

    found: dict[str | tuple[str, str], None] = {}
    for name in SCRIPTS:
        with (ASSETS / name).open("rb") as handle:
            for _line, function, message, _comments in extract_javascript(
                    handle, {"_": None, "_n": None}, [], {}):
                # Arguments that are not string literals (the values) come as None.
                parts = [message] if isinstance(message, str) else list(message)
                found[parts[0] if function == "_" else (parts[0], parts[1])] = None
    return tuple(found)


@lru_cache(maxsize=8)
def script_messages(language: str) -> dict[str, object] | None:
    """The page's ``data-tl-messages`` for ``language`` (None in the default edition)."""
    return editions.script_catalog(language, script_msgids())
