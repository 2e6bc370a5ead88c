"""Every output of one build, as data: the page list lives here, not in a door.

:func:`site_outputs` turns a Timeline into the pages, data files and assets a site needs.
Each door hands them to its builder unchanged: the MkDocs plugin as generated files,
``timeline render`` as plain files on disk that any builder of ``mkdocs.yml`` sites reads.
A page is markdown with front matter whose content is our rendered HTML, so no builder
runs our Python to show it, and both doors publish byte-identical pages.

To add a generated page or file, add it to :func:`_pages` or :func:`_files`; both doors
then publish it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from timeline_builder.config.settings import Settings
from timeline_builder.core import editions, front_matter, picture_copies
from timeline_builder.core.model import Timeline
from timeline_builder.exports import FORMATS
from timeline_builder.exports.json_export import EditionExport, export_json
from timeline_builder.markup.body_cache import BodyCache
from timeline_builder.markup.sanitize import clean_html, ids_of, restore_trusted
from timeline_builder.markup.text import inert_text, summary_of
from timeline_builder.reading.schema import schema_files
from timeline_builder.reading.translations import Translations
from timeline_builder.site import embed, images
from timeline_builder.site.compact_index import index_files
from timeline_builder.site.event_pages import EventPages, page_path
from timeline_builder.site.filter_options import filter_files
from timeline_builder.site.jsonld import script_text
from timeline_builder.site.render import Renderer, asset_bytes, asset_path
from timeline_builder.site.render_memo import RenderMemo
from timeline_builder.site.site_search import search_files

HOME_PAGE = "index.md"
TIMELINE_PAGE = "timeline/index.md"
ASSET_DIR = "assets/timeline"
# Added to every page by the builder's config (extra_css / extra_javascript).
STYLESHEETS = (f"{ASSET_DIR}/timeline.css",)
# (path, type). timeline.js is an ES module: it imports timeline-state.js (the filter state)
# and timeline-picker.js (the facet pickers), both shared with timeline-index.js, and a
# module runs once per document, whatever order
# Material's instant navigation puts scripts in. timeline-share.js: "Embed this view" on
# the timeline (every page: instant navigation).
SCRIPTS = ((f"{ASSET_DIR}/timeline.js", "module"), (f"{ASSET_DIR}/timeline-share.js", ""))
# What media.css and media.js act on (pictures, click-to-load embeds, graphic warnings,
# card thumbnails): a page showing one of them loads the two (:func:`media_tags`).
_MEDIA = re.compile(r'class="tl-(?:media|graphic|embed|event__thumb)[ "]')
# Published, loaded only by the pages that need them (timeline-index.js: split timelines;
# embed-frame.js and embed.css: the embed views; embed.js: the pages of other sites).
_ASSETS = ("timeline.css", "timeline.js", "timeline-state.js", "timeline-picker.js",
           "timeline-axis.js", "timeline-index.js", "media.css", "media.js", *embed.FRAME_ASSETS)
SEARCH_WORKER = "assets/javascripts/workers/timeline-search.js"
_DATA_FILES = {"timeline.json": "json", "timeline.ics": "ics", "feed.xml": "atom"}

_ID = re.compile(r'\sid="([^"]*)"')


@dataclass(frozen=True)
class Page:
    """One generated page: ``path`` is its source path in the docs tree (``actors/putin.md``)."""

    path: str
    title: str
    content: str
    """HTML whose relative links start from :func:`link_base` of ``path``."""
    in_nav: bool = False
    search: bool = True
    """False keeps the page out of the site search (``search: {exclude: true}``)."""
    anchors: frozenset[str] = frozenset()
    """Ids links may point to besides those in ``content`` (its script resolves them)."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """More front matter (``description``, …); ``title`` and ``hide`` are set already."""
    relinked: Callable[[str], str] | None = field(default=None, compare=False, repr=False)
    """The content again with links from another root (``timeline render --stamps``
    writes each group's probe page as Zensical reads links, and the rest as browsers do)."""

    def front_matter(self) -> dict[str, Any]:
        # Headings are in the content, so the theme's TOC would be empty: hide it.
        front: dict[str, Any] = {"title": self.title, "hide": ["toc"]}
        if not self.search:
            front["search"] = {"exclude": True}
        return {**front, **self.meta}

    def markdown(self) -> str:
        """The page file: front matter, then the HTML as one raw block that markdown keeps."""
        return f"---\n{front_matter.lines(self.front_matter())}---\n\n{self.content.strip()}\n"

    def ids(self) -> frozenset[str]:
        """Every id the page defines (ours are written ``id="…"``; bodies' ids are
        sanitised, so written the same way), and the ids its script resolves."""
        return frozenset(_ID.findall(self.content)) | self.anchors


@dataclass(frozen=True)
class OutputFile:
    """A data file or asset published as is at ``path`` (``timeline.json``)."""

    path: str
    content: str | bytes

    def data(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content


@dataclass(frozen=True)
class SiteOutputs:
    renderer: Renderer
    pages: tuple[Page, ...]
    files: tuple[OutputFile, ...]
    directory_urls: bool = True
    links: Links = "page"
    edition_sources: tuple[tuple[str, str], ...] = ()
    """Explainers and other pages of the other editions: (path, markdown), rendered by the
    builder like the originals (site.editions.contributor_sources)."""
    alternates: Any = None
    """site.editions.Alternates of a site with editions; None for one edition."""
    edition_renderers: Mapping[str, Renderer] = field(default_factory=dict)
    """The other editions' renderers, by language: the excerpts, citations and featured
    events of their contributor pages are in their language and lead into their edition."""

    def root(self, path: str) -> str:
        """The way back to the site root from the page of ``path``, as its links need it."""
        return root_of(link_base(path, self.links, self.directory_urls))

    def page_renderer(self, path: str) -> tuple[Renderer, str, str]:
        """The renderer of the edition of the page at ``path``, the page's path in that
        edition and the root its links start from (``uk/explainers/x.md``: the Ukrainian
        renderer, ``explainers/x.md``, ``../../``, so ``timeline/`` is /uk/timeline/)."""
        if self.alternates is not None:
            language, base = self.alternates.split(path)
            if language in self.edition_renderers:
                return self.edition_renderers[language], base, self.root(base)
        return self.renderer, path, self.root(path)

    def appendix(self, path: str) -> str:
        """HTML that goes after a contributor's own page (the featured events on the home)."""
        renderer, base, root = self.page_renderer(path)
        return renderer.featured(root) if base == HOME_PAGE else ""

    def contributor_meta(self, path: str, rendered: str,
                         meta: Mapping[str, Any]) -> dict[str, Any]:
        """What a contributor's page gets added to its front matter ``meta``: its summary
        (the first paragraph) unless it has a ``description``, and the JSON-LD of the events
        it shows (the home page's featured events, its embeds' events; see
        ``Renderer.excerpted``, filled while its embeds are rendered)."""
        added: dict[str, Any] = {}  # ``rendered``: the page's HTML
        if not meta.get("description") and (summary := summary_of(rendered)):
            added["description"] = _one_line(inert_text(summary))
        renderer, base, _root = self.page_renderer(path)
        shown = [e for e in renderer.timeline.events if e.featured] if base == HOME_PAGE \
            else []
        shown += [e for e in dict.fromkeys(renderer.excerpted) if e not in shown]
        if shown and (data := renderer.events_data(shown)):
            added["jsonld"] = script_text(data)
        if self.alternates is not None:
            added.update(self.alternates.meta(path))
        return added

    def finish(self, path: str, html: str, settings: Settings) -> str:
        """A contributor's page as rendered by the builder's Markdown → what is published:
        cleaned (``sanitize_pages``) with our excerpts put back, then its appendix."""
        appendix, trusted = self.appendix(path), self.renderer.trusted
        if settings.sanitize_pages:
            html = clean_html(html, settings.embed_hosts, trusted=trusted,
                              reserved_ids=ids_of(appendix))
        else:
            html = restore_trusted(html, trusted)
        html += appendix
        return (html + media_tags(self.root(path))) if shows_media(html) else html

    def page(self, path: str) -> Page | None:
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}


def shows_media(html: str) -> bool:
    """Whether a page's HTML holds something media.css and media.js act on."""
    return _MEDIA.search(html) is not None


def media_tags(root: str) -> str:
    """The tags that load media.css and media.js, put only in pages that show media: a page
    without pictures or embeds does not pay for their code. A module script runs once per
    document, however often Material's instant navigation puts the tag back into a page,
    and media.js delegates from the document, so pages swapped in later need nothing more."""
    return (f'<link rel="stylesheet" href="{root}{ASSET_DIR}/media.css">'
            f'<script type="module" src="{root}{ASSET_DIR}/media.js"></script>')


def _with_media(html: str, root: str) -> str:
    """A generated page with its media tags inside its last element: the page stays the
    raw HTML block(s) that page_clean hashes (see :func:`timeline_builder.markup.page_clean
    .block_hashes`)."""
    if not shows_media(html):
        return html
    end = html.rstrip().rfind("</")
    return html[:end] + media_tags(root) + html[end:]


@lru_cache(maxsize=1 << 17)  # pure, asked ~8 times a page a build (alternates, nav, embeds)
def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL a builder gives a source page, as MkDocs and Zensical do.

    >>> page_url("actors/putin.md"), page_url("timeline/index.md"), page_url("index.md")
    ('actors/putin/', 'timeline/', '')
    >>> page_url("actors/putin.md", directory_urls=False)
    'actors/putin.html'
    """
    source = PurePosixPath(path)
    parent = "" if str(source.parent) == "." else f"{source.parent}/"
    if source.stem in ("index", "README"):
        return parent if directory_urls else f"{parent}index.html"
    return f"{parent}{source.stem}/" if directory_urls else f"{parent}{source.stem}.html"


Links = Literal["page", "file", "stamp"]
# One page per event, actor, source or tag: none in the nav, all of a folder at one depth,
# so a builder can stamp them from one theme render (builders/page_stamps.py).
ITEM_FOLDERS = frozenset({"events", "actors", "sources", "tags"})


def is_item_page(path: str) -> bool:
    """``actors/putin.md`` (or ``uk/actors/putin.md``) is; ``actors/index.md`` is not."""
    folder, _, name = path.rpartition("/")
    return folder.rpartition("/")[2] in ITEM_FOLDERS and name.endswith(".md") \
        and name != "index.md"


def link_base(path: str, links: Links = "page", directory_urls: bool = True) -> str:
    """What relative links in the page of ``path`` are read against.

    ``page``: the page's URL (``actors/putin/``), as a browser reads them: MkDocs leaves raw
    HTML alone, so the plugin hands over links in their final form. ``file``: the folder of
    the source file (``actors/``), as Zensical reads them: it rewrites every relative
    ``href``, ``src`` and ``srcset`` in a page from there to the page's URL. So
    ``timeline render`` writes ``../timeline/`` in actors/putin.md, and Zensical publishes
    the ``../../timeline/`` that the plugin publishes. ``stamp``: ``page`` for the pages of
    :data:`ITEM_FOLDERS` (``render --stamps`` writes them into the built site itself),
    ``file`` for every other.
    """
    if links == "stamp":
        links = "page" if is_item_page(path) else "file"
    if links == "page":
        return page_url(path, directory_urls)
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else f"{parent}/"


def root_of(url: str) -> str:
    """The way back to the site root from a page URL: ``actors/putin/`` → ``../../``."""
    return "../" * url.count("/")


def generated_urls(timeline: Timeline, settings: Settings) -> dict[str, str]:
    """Each URL the build publishes a generated page or data file at, to that page's or
    file's path (``timeline/`` → ``timeline/index.md``), without rendering anything. The
    folders of the compact index, the schemas and our assets are reserved whole (see
    :data:`timeline_builder.reading.inventory.RESERVED_PREFIXES`)."""
    renderer = Renderer(timeline, settings)
    found = {page_url(path, settings.use_directory_urls): path
             for path, _title, _render, _nav in _pages(renderer, EventPages(renderer))}
    found.update({name: name for name in _DATA_FILES})
    return found


def site_outputs(timeline: Timeline, settings: Settings, bodies: BodyCache | None = None, *,
                 links: Links = "page", translations: Translations | None = None,
                 contributor_pages: Sequence[tuple[str, Path]] = (),
                 memo: RenderMemo | None = None) -> SiteOutputs:
    """Every generated page, data file and asset of a site, rendered with ``links`` (see
    :func:`link_base`): ``page`` for the MkDocs plugin, ``file`` for ``timeline render``.

    With ``bodies`` (a door's choice: the MkDocs plugin keeps one in
    :func:`~timeline_builder.markup.body_cache.cache_folder`),
    bodies rendered by an earlier build of unchanged content are reused, so under
    ``mkdocs serve`` one edited event re-renders one body, not all of them.

    With ``languages`` in the settings, every other edition is rendered the same way under
    ``<lang>/`` from ``translations`` (site.editions), with the explainers and other
    ``contributor_pages`` (path under the content folder, file) in their translation or,
    untranslated, in the original's language; every page then names its alternates.

    With ``memo`` (``mkdocs serve``: the plugin keeps one), a template whose inputs are
    those of the last build is not rendered again (render_memo.py)."""
    if memo is not None:
        memo.begin()
    renderer = Renderer(timeline, settings, bodies, memo=memo)
    events = EventPages(renderer)
    pages = _edition_pages(renderer, events, links)
    files = _files(renderer, events)
    sources: tuple[tuple[str, str], ...] = ()
    alternates = None
    renderers: dict[str, Renderer] = {}
    if len(settings.languages) > 1:
        pages, files, sources, alternates = _with_editions(
            renderer, pages, files, translations or Translations(), links, contributor_pages,
            renderers)
    renderer.bodies.save()
    return SiteOutputs(renderer, pages, files, settings.use_directory_urls, links,
                       sources, alternates, renderers)


def _edition_pages(renderer: Renderer, events: EventPages, links: Links) -> tuple[Page, ...]:
    directory_urls = renderer.settings.use_directory_urls
    every_event = frozenset(event.id for event in renderer.timeline.events)
    language = renderer.settings.language
    def content(render: Callable[[str], str], root: str) -> str:
        return _with_media(render(root), root + renderer.settings.up_to_shared)

    return tuple(
        Page(path, _one_line(inert_text(title)),
             content(render, root_of(link_base(path, links, directory_urls))),
             in_nav=in_nav,
             # Generated pages stay out of the theme's search index (every reader's browser
             # fetches it whole): their events, people and sources are results of
             # site_search.py's chunked index, through assets/timeline-search.js.
             search=False,
             # timeline/#<id> is a contract link on a split timeline too: its script leads
             # to the period page, so links to it are not broken anchors.
             anchors=every_event if renderer.split and path == TIMELINE_PAGE else frozenset(),
             meta=_kept_meta(renderer, events, path),
             relinked=partial(content, render) if links == "stamp" else None)
        for path, title, render, in_nav in _pages(renderer, events, language)
    )


def _with_editions(renderer: Renderer, pages: tuple[Page, ...], files: tuple[OutputFile, ...],
                   translations: Translations, links: Links,
                   contributor_pages: Sequence[tuple[str, Path]],
                   renderers: dict[str, Renderer]
                   ) -> tuple[tuple[Page, ...], tuple[OutputFile, ...],
                              tuple[tuple[str, str], ...], Any]:
    """The default edition's outputs plus every other edition's under ``<lang>/``; each
    edition's renderer goes into ``renderers``."""
    from timeline_builder.site import editions as site_editions

    settings = renderer.settings
    default, others = settings.languages[0], settings.languages[1:]
    all_pages = [*pages]
    all_files = [*files]
    sources: list[tuple[str, str]] = []
    # Published once, at the root: our scripts, Material's worker, the schemas, _headers.
    shared = {f"{ASSET_DIR}/{name}" for name in _ASSETS} | {SEARCH_WORKER, "_headers"}
    for language in others:
        edition_timeline, untranslated, stale = site_editions.translated(
            renderer.timeline, translations, language, renderer.bodies.render,
            settings.embed_hosts)
        edition_settings = settings.for_edition(language)
        edition = site_editions.Edition(language, default, untranslated, stale,
                                        changed=renderer.last_changed,
                                        translations=translations)
        other = Renderer(edition_timeline, edition_settings, renderer.bodies, edition,
                         renderer.memo)
        # One page at a time is rendered, in any edition: the doors clear and read the
        # default renderer's lists of the excerpts put in a page and the events they show.
        other.trusted, other.excerpted = renderer.trusted, renderer.excerpted
        renderers[language] = other
        other_events = EventPages(other)
        prefix = f"{language}/"
        all_pages += [dataclasses.replace(page, path=prefix + page.path, in_nav=False)
                      for page in _edition_pages(other, other_events, links)]
        sources += site_editions.contributor_sources(language, default, translations,
                                                     contributor_pages)
        all_files += [dataclasses.replace(output, path=prefix + output.path)
                      for output in _files(other, other_events)
                      if output.path not in shared and not output.path.startswith("schema/")]
    all_files.append(OutputFile(f"{ASSET_DIR}/editions.js", asset_bytes("editions.js", settings)))
    every = frozenset({page.path for page in all_pages} | {path for path, _ in sources}
                      | {path for path, _ in contributor_pages})
    # The other editions' page titles, for their nav: in their language when the page's
    # title differs from the default edition's, or the page has a translation.
    default_titles = {page.path: page.title for page in pages}
    titles = {page.path: page.title for page in all_pages if page.path not in default_titles}
    translated = {path for path, title in titles.items()
                  if title != default_titles.get(path.partition("/")[2])}
    for path, text in sources:
        if title := site_editions.page_title(text):
            titles[path] = title
            language, _, relative = path.partition("/")
            if translations.get("page", relative, language) is not None:
                translated.add(path)
    alternates = site_editions.Alternates(settings.languages, every,
                                          settings.use_directory_urls, settings.site_url,
                                          settings.nav, titles, frozenset(translated))
    return (tuple(dataclasses.replace(page, meta={**page.meta, **alternates.meta(page.path)})
                  for page in all_pages), tuple(all_files), tuple(sources), alternates)


def _one_line(title: str) -> str:
    """Themes print a title raw inside ``<title>`` and headers; a line break has no place."""
    return " ".join(title.split())


RenderPage = Callable[[str], str]


def _pages(renderer: Renderer, events: EventPages, language: str = editions.DEFAULT_LANGUAGE
           ) -> list[tuple[str, str, RenderPage, bool]]:
    """(path, title, render(root) → HTML, in nav). Indexes are in the nav; profiles,
    period pages and event pages are reached from them."""
    timeline = renderer.timeline

    def words(text: str) -> str:
        return editions.translate(language, text)

    pages: list[tuple[str, str, RenderPage, bool]] = [
        (TIMELINE_PAGE, words("Timeline"), renderer.timeline_page, True),
        ("actors/index.md", words("People and organisations"), renderer.actors_index, True),
        ("sources/index.md", words("Sources"), renderer.sources_index, True),
        ("tags/index.md", words("Tags"), renderer.tags_index, True),
        ("sourcing/index.md", words("Sourcing"), renderer.sourcing_page, True),
        ("corrections/index.md", words("Corrections"), renderer.corrections_page, True),
    ]
    pages += [(renderer.period_src(period),
               words("Timeline: {period}").replace("{period}", renderer.period_label(period)),
               partial(renderer.timeline_page, period=period), False)
              for period in renderer.periods()]  # none unless the timeline is split
    pages += [(renderer.period_src(hub),
               words("Timeline: {period}").replace("{period}", renderer.period_label(hub)),
               partial(renderer.timeline_page, period=hub), False)
              for hub in renderer.hubs()]  # a split period's address lists its parts
    pages += [(f"actors/{a.id}.md", a.name, partial(renderer.actor_page, a), False)
              for a in timeline.actors]
    pages += [(f"sources/{s.id}.md", s.title, partial(renderer.source_page, s), False)
              for s in timeline.sources]
    pages += [(f"tags/{renderer.tag_slugs[t]}.md", f"#{t}", partial(renderer.tag_page, t),
               False) for t in renderer.tags()]
    pages += [(page_path(e), e.title, partial(events.page, e), False)
              for e in timeline.events]
    pages += [(page_path(e), f"{words('Withdrawn:')} {e.title}",
               partial(events.withdrawn_page, e), False)
              for e in timeline.withdrawn]
    return pages


def _kept_meta(renderer: Renderer, events: EventPages, path: str) -> dict[str, Any]:
    """:func:`_meta`, through the render memo for an event's page (under ``mkdocs serve``):
    its share metadata and JSON-LD read only the event and what every template can reach
    (the card from the event and the settings, its period from the plan, its actors and
    sources, its git dates), and making them was a tenth of a serve rebuild."""
    memo, reach = renderer.memo, renderer.reach
    folder, _, name = path.removesuffix(".md").partition("/")
    event = events.event(name) if folder == "events" else None
    if memo is None or reach is None or event is None:
        return _meta(renderer, events, path)
    key = memo.key(reach, "meta", path, {"event": event})
    if key is not None and (found := memo.get(key)) is not None:
        return dict(json.loads(found))
    meta = _meta(renderer, events, path)
    if key is not None:
        memo.put(key, json.dumps(meta, ensure_ascii=False))
    return meta


def _meta(renderer: Renderer, events: EventPages, path: str) -> dict[str, Any]:
    """A generated page's own summary (its og:description) and its schema.org JSON-LD,
    which the theme prints in <head> (overrides/main.html)."""
    folder, _, name = path.removesuffix(".md").partition("/")
    meta: dict[str, Any]
    if folder == "actors" and (actor := renderer.timeline.actor(name)):
        meta = {"description": renderer.actor_description(actor),
                "jsonld": renderer.actor_data(actor)}
    elif folder == "sources" and (source := renderer.timeline.source(name)):
        meta = {"description": renderer.source_description(source),
                "jsonld": renderer.source_data(source)}
    elif folder == "events" and (event := events.event(name)):
        meta = events.meta(event)
    elif folder == "events" and (gone := events.withdrawn(name)):
        meta = events.withdrawn_meta(gone)
    elif folder == "tags" and name != "index":
        tag = renderer.tag_named[name]
        meta = {"description": renderer.tag_description(tag),
                "jsonld": renderer.structured_data(renderer.by_tag[tag]).data()}
    elif folder in ("actors", "sources", "tags", "sourcing", "corrections"):
        meta = {"description": renderer.index_description(folder)}
    else:
        period = name.removesuffix("index").strip("/") or None
        meta = {"description": renderer.timeline_description(period),
                "jsonld": renderer.timeline_data(period)}
        if path == TIMELINE_PAGE:
            meta["oembed"] = renderer.settings.edition_prefix + embed.TIMELINE_OEMBED
    if "description" in meta:  # themes print it raw in <meta name="description">
        meta["description"] = _one_line(inert_text(meta["description"]))
    if meta.get("jsonld"):
        meta["jsonld"] = script_text(meta["jsonld"])
    return {key: value for key, value in meta.items() if value}


def _files(renderer: Renderer, events: EventPages) -> tuple[OutputFile, ...]:
    timeline, settings = renderer.timeline, renderer.settings
    data = [OutputFile(name, FORMATS[fmt](timeline, settings)) for name, fmt in _DATA_FILES.items()]
    if settings.languages:  # each edition's timeline.json says which it is (CONTRACT 5)
        edition = renderer.edition
        data[0] = OutputFile("timeline.json", export_json(timeline, settings, edition=(
            EditionExport(edition.language, edition.default, edition.translations)
            if edition else EditionExport(settings.default_language, settings.default_language))))
    generated = (index_files(renderer) | filter_files(renderer) | search_files(renderer)
                 | schema_files(settings.site_url))
    index = [OutputFile(name, text) for name, text in generated.items()]
    assets = [OutputFile(f"{ASSET_DIR}/{name}", asset_bytes(name, settings))
              for name in _ASSETS]
    # Next to Material's own worker, which it loads (Material's relative paths then hold);
    # overrides/main.html points the theme's search at it.
    assets.append(OutputFile(SEARCH_WORKER, asset_path("timeline-search.js").read_bytes()))
    # The pictures' resized, metadata-free copies, made once per content hash (cached).
    copies = images.produce(picture_copies.pictures(timeline), settings.content_dir,
                            images.cache_dir_for(settings.content_dir))
    pictures = [OutputFile(path, file.read_bytes()) for path, file in sorted(copies.items())]
    # Each event's share card (og:image), drawn once per content (cached like the copies).
    cards = [OutputFile(path, file.read_bytes())
             for path, file in sorted(events.card_files().items())]
    framed = [OutputFile(path, text) for path, text in embed.embed_files(renderer, events)]
    return (*data, *index, *assets, *pictures, *cards, *framed)
