"""The MkDocs door: translate MkDocs events into calls of the core. Nothing else here.

The only module that imports mkdocs. Content files under events/, actors/ and sources/
are not built as pages; the timeline, actor, source and index pages, the data files and
the assets are generated with ``File.generated`` (MkDocs >= 1.6).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from timeline_builder import markdown_ext
from timeline_builder.compact_index import index_files
from timeline_builder.diagnostics import has_errors
from timeline_builder.exports import FORMATS
from timeline_builder.load import KIND_DIRS
from timeline_builder.pipeline import build_timeline
from timeline_builder.render import Renderer, asset_path
from timeline_builder.sanitize import (
    BoundedLinksExtension,
    clean_html,
    ids_of,
    restore_trusted,
)
from timeline_builder.schema import schema_files
from timeline_builder.settings import DEFAULT_EMBED_HOSTS, settings_from_options
from timeline_builder.text import inert_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
_ID = re.compile(r'\sid="([^"]+)"')
ASSETS = ("timeline.css", "timeline.js", "timeline-index.js")
DATA_FILES = {"timeline.json": FORMATS["json"], "timeline.ics": FORMATS["ics"],
              "feed.xml": FORMATS["atom"]}


class TimelineConfig(Config):
    calendars = c.Type(dict, default={})
    """Day counts shown next to dates: ``war: {start: 2022-02-24, label: "Day {n} of the war"}``."""
    max_file_bytes = c.Type(int, default=1_000_000)
    """Content files larger than this are rejected (fast, before parsing)."""
    split_threshold = c.Type(int, default=1000)
    """Past this many events the timeline is split into one page per year."""
    embed_hosts = c.ListOfItems(c.Type(str), default=list(DEFAULT_EMBED_HOSTS))
    """Hosts whose ``<iframe>`` embeds are kept in contributor markdown."""
    sanitize_pages = c.Type(bool, default=True)
    """Sanitise every page's HTML (explainers too), not only timeline content."""


class TimelinePlugin(BasePlugin[TimelineConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.renderer: Renderer | None = None
        self.pages: dict[str, Any] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Under `mkdocs serve` content errors are shown and the server keeps running.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        docs_dir = Path(config.docs_dir)  # absolute once MkDocs has validated the config
        self.settings, problems = settings_from_options(
            self.config, base_dir=docs_dir.parent, docs_dir=docs_dir.name,
            site_name=config.site_name, site_url=config.site_url or "",
            theme_dir=config.theme.custom_dir,
        )
        if problems:
            raise PluginError("\n".join(p.text() for p in problems))
        # Explainers go through MkDocs' own Markdown: bound its link scanning too (a body
        # of "[a](" repeated is quadratic otherwise).
        config.markdown_extensions.append(BoundedLinksExtension())  # type: ignore[arg-type]
        config.extra_css.append("assets/timeline/timeline.css")
        config.extra_javascript.append("assets/timeline/timeline.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        timeline, problems = build_timeline(self.settings)
        for problem in problems:
            (log.error if problem.severity == "error" else log.warning)(problem.text())
        if has_errors(problems) and not self.serving:
            raise PluginError(f"content has {sum(p.severity == 'error' for p in problems)} "
                              "errors (listed above)")
        self.renderer = Renderer(timeline, self.settings)
        markdown_ext.CONTEXT.renderer = self.renderer
        self.pages = {}
        for file in list(files):
            if file.src_uri.split("/")[0] in KIND_DIRS and file.src_uri.endswith(".md"):
                files.remove(file)
            elif _outside(file, self.settings.content_dir):
                # MkDocs follows symlinks; a link in content/ must not publish its target.
                log.warning("%s: symlink not followed; copy the file into content/ instead",
                            file.src_uri)
                files.remove(file)
        for src_uri, title, render in self._generated_pages():
            # Profiles and period pages are reached from the indexes, not listed in the nav.
            in_nav = src_uri.count("/") == 1 and src_uri.endswith("/index.md")
            files.append(File.generated(
                config, src_uri, content="",
                inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV))
            self.pages[src_uri] = (title, render)
        for name in ASSETS:
            files.append(File.generated(config, f"assets/timeline/{name}",
                                        content=asset_path(name).read_bytes()))
        for name, export in DATA_FILES.items():
            files.append(File.generated(config, name, content=export(timeline, self.settings)))
        files_data = index_files(self.renderer) | schema_files(self.settings.site_url)
        for name, text in files_data.items():
            files.append(File.generated(config, name, content=text))
        return files

    def _generated_pages(self) -> list[tuple[str, str, Any]]:
        renderer = self.renderer
        assert renderer is not None
        timeline = renderer.timeline
        pages: list[tuple[str, str, Any]] = [
            ("timeline/index.md", "Timeline", renderer.timeline_page),
            ("actors/index.md", "People and organisations", renderer.actors_index),
            ("sources/index.md", "Sources", renderer.sources_index),
        ]
        if renderer.split:
            pages += [(renderer.period_src(period), f"Timeline: {renderer.period_label(period)}",
                       lambda root, p=period: renderer.timeline_page(root, p))
                      for period in renderer.periods()]
        pages += [(f"actors/{a.id}.md", a.name, lambda root, a=a: renderer.actor_page(a, root))
                  for a in timeline.actors]
        pages += [(f"sources/{s.id}.md", s.title,
                   lambda root, s=s: renderer.source_page(s, root)) for s in timeline.sources]
        return pages

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        markdown_ext.CONTEXT.page_url = page.url
        if page.file.src_uri in self.pages:
            title = self.pages[page.file.src_uri][0]
            page.title = title
            # Their headings are in the fragment, not the markdown: an empty TOC would remain.
            page.meta["hide"] = ["toc"]
            if self.renderer is not None and self.renderer.split \
                    and page.file.src_uri != "timeline/index.md" \
                    and page.file.src_uri.startswith("timeline/"):
                # Period pages stay out of Material's index (every reader's browser fetches
                # it); events are searched through the compact index instead.
                page.meta["search"] = {"exclude": True}
            return f"# {html.escape(title)}\n" if page.file.src_uri.startswith("timeline/") \
                else ""
        return markdown

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        _make_titles_inert(page)
        root = "../" * page.url.count("/")
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            fragment = generated[1](root)
            _register_anchors(page, fragment)
            if page.file.src_uri == "timeline/index.md" and self.renderer is not None:
                # timeline/#<id> is a contract link on a split timeline too: its script
                # leads to the period page, so links to it are not broken anchors.
                page.present_anchor_ids = (page.present_anchor_ids or set()) \
                    | {e.id for e in self.renderer.timeline.events}
            return html_text + fragment
        assert self.renderer is not None  # on_files ran
        featured = self.renderer.featured(root) if page.is_homepage else ""
        if self.config.sanitize_pages:
            html_text = clean_html(html_text, self.settings.embed_hosts,
                                   trusted=self.renderer.trusted, reserved_ids=ids_of(featured))
        else:
            html_text = restore_trusted(html_text, self.renderer.trusted)
        return html_text + featured


def _make_titles_inert(page: Page) -> None:
    """Material prints page.title and front matter unescaped (and `striptags` decodes
    entities in <title>). Every page's markdown is rendered before any template, so doing
    this here covers the nav of every page too."""
    page.title = inert_text(page.title or "")
    for key, value in list(page.meta.items()):
        if isinstance(value, str):
            page.meta[key] = inert_text(value)


def _outside(file: File, content_dir: Path) -> bool:
    """A content file reached through a symlink, or resolving outside the content folder."""
    if not file.abs_src_path or not file.src_dir or Path(file.src_dir) != content_dir:
        return False  # generated, or the theme's own files
    path = Path(file.abs_src_path)
    root = content_dir.resolve()
    inside = path.resolve().is_relative_to(root)
    linked = any(part.is_symlink() for part in (path, *path.parents)
                 if part.is_relative_to(content_dir))
    return linked or not inside


def _register_anchors(page: Page, fragment: str) -> None:
    """MkDocs collects anchors while rendering markdown; ours arrive after, so add them
    (this is what lets `validation: anchors: warn` check links to timeline/#<id>)."""
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ID.findall(fragment))
