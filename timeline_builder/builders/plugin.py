"""The MkDocs door: hand MkDocs what the core renders. Nothing another door needs is here.

The only module that imports mkdocs. The pages, data files and assets come from
:func:`timeline_builder.site.outputs.site_outputs`, the same list ``timeline render`` writes, and
are added with ``File.generated`` (MkDocs >= 1.6); content files under events/, actors/
and sources/ are not built as pages. The event, actor, source and tag pages are written
from one theme render per group of like pages (page_stamps.py), checked against the
theme's own render of the group's first page. MkDocs' writes into the site folder go
through site_writes.py: a build writes only the files that changed, instead of cleaning it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, DictLoader
from jinja2.filters import do_tojson
from jinja2.nodes import EvalContext
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import get_context
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from timeline_builder.builders import page_stamps
from timeline_builder.builders.pipeline import load_content, outputs_of
from timeline_builder.builders.site_writes import SiteWrites
from timeline_builder.config.options import read_options
from timeline_builder.config.settings import settings_from_options, source_date_epoch
from timeline_builder.core.diagnostics import has_errors
from timeline_builder.markup.body_cache import BodyCache, cache_folder
from timeline_builder.markup.sanitize import BoundedLinksExtension
from timeline_builder.markup.text import inert_text
from timeline_builder.reading.load import display_path
from timeline_builder.site.citations_ext import CitationExtension
from timeline_builder.site.markdown_ext import EmbedState, TimelineEmbedExtension
from timeline_builder.site.outputs import (
    SCRIPTS,
    STYLESHEETS,
    SiteOutputs,
)
from timeline_builder.site.render_memo import RenderMemo
from timeline_builder.site.template_cache import THEME_TEMPLATES

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)
# The template of a stamped page (page_stamps.py): nothing to render, its HTML is stamped.
STAMP_TEMPLATE = "timeline-stamp.html"


class _ConfigAbort(Abort):
    """Bad options stop MkDocs like a usage error: exit 2, our lines, no traceback."""

    exit_code = code = 2

    def show(self, *args: Any, **kwargs: Any) -> None:
        print(self.format_message(), file=sys.stderr)  # errors go to stderr, as ours do


class TimelinePlugin(BasePlugin):
    def load_config(self, options: dict[str, Any], config_file_path: str | None = None
                    ) -> tuple[list[Any], list[Any]]:
        """Options are checked by options.py, the schema the CLI uses too (with the lines of
        mkdocs.yml), not by a second MkDocs scheme that would drift from it."""
        path = Path(config_file_path) if config_file_path else None
        text = path.read_text(encoding="utf-8-sig") if path and path.is_file() else ""
        self.options, problems = read_options(options, display_path(path) if path else
                                              "mkdocs.yml", text)
        epoch_problem = source_date_epoch()[1]
        if problems or epoch_problem:
            raise _ConfigAbort("\n".join([*(p.text() for p in problems), epoch_problem]).strip())
        return [], []

    def __init__(self) -> None:
        self.serving = self.dirty = False
        # Under `mkdocs serve` the plugin lives from one rebuild to the next, and so do the
        # renders of the last build that the next may reuse (site/render_memo.py).
        self.memo = RenderMemo()
        self.site: SiteOutputs | None = None
        self.embed = EmbedState()
        self.stamps = page_stamps.Stamps()
        self.stamped: dict[str, Page] = {}
        self.probes: dict[str, Page] = {}
        self.env: Environment | None = None
        self._nav: Navigation | None = None
        self._files = Files([])
        self.writes = SiteWrites()
        self._restore_writes: Callable[[], None] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Under `mkdocs serve` content errors are shown and the server keeps running.
        self.serving = command == "serve"
        self.dirty = dirty  # --dirty: MkDocs writes as it likes, and cleans nothing

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        docs_dir = Path(config.docs_dir)  # absolute once MkDocs has validated the config
        self.settings = settings_from_options(
            self.options, base_dir=docs_dir.parent, docs_dir=docs_dir.name,
            site_name=config.site_name, site_url=config.site_url or "",
            theme_dir=config.theme.custom_dir, use_directory_urls=config.use_directory_urls,
            site_assets=[*config.extra_javascript, *config.extra_css], nav=config.nav,
        )
        # The embed gets this build's state through its constructor (as mkdocstrings does);
        # a `timeline_embed` listed in mkdocs.yml would have none, so ours replaces it.
        self.embed = EmbedState()
        config.markdown_extensions[:] = [name for name in config.markdown_extensions
                                         if name not in ("timeline_embed", "timeline_citations")]
        config.markdown_extensions.append(TimelineEmbedExtension(self.embed))  # type: ignore[arg-type]
        config.markdown_extensions.append(CitationExtension(self.embed))  # type: ignore[arg-type]
        # Explainers go through MkDocs' own Markdown: bound its link scanning too (a body
        # of "[a](" repeated is quadratic otherwise).
        config.markdown_extensions.append(BoundedLinksExtension())  # type: ignore[arg-type]
        config.extra_css.extend(STYLESHEETS)
        for path, kind in SCRIPTS:
            script = ExtraScriptValue(path)
            script.type = kind
            config.extra_javascript.append(script)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty:  # before MkDocs cleans the site folder
            self.writes.begin(config.site_dir)
            self._restore_writes = _route_writes(self.writes)

    def on_build_error(self, *, error: Exception) -> None:
        if self._restore_writes is not None:
            self._restore_writes()
            self._restore_writes = None
            self.writes.abandon()

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # A serve rebuild makes a new theme environment: its templates are compiled once.
        env.bytecode_cache = THEME_TEMPLATES
        env.loader = ChoiceLoader([*([env.loader] if env.loader else []),
                                   DictLoader({STAMP_TEMPLATE: ""})])
        self.env = env
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Summaries and pages render from it (markup/body_cache.py).
        bodies = BodyCache(cache_folder(self.settings.content_dir))
        content = load_content(self.settings, bodies)
        problems = content.problems
        for problem in problems:
            # Notes (hints such as a likely quote variant) are info: --strict does not fail.
            {"error": log.error, "warning": log.warning}.get(problem.severity, log.info)(
                problem.text())
        if has_errors(problems) and not self.serving:
            raise PluginError(f"content has {sum(p.severity == 'error' for p in problems)} "
                              "errors (listed above)")
        self.site = outputs_of(content, self.settings, bodies,
                               memo=self.memo if self.serving else None)
        self.embed.renderer = self.site.renderer
        published = {str(entry.path) for entry in content.published()}
        for file in [f for f in files if f.src_dir == str(self.settings.content_dir)]:
            if file.abs_src_path not in published:
                files.remove(file)  # raw content, withheld files (see inventory.py)
        for page in self.site.pages:  # front matter, content: on_page_markdown/content
            files.append(File.generated(
                config, page.path, content="",
                inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV))
        for output in self.site.files:
            files.append(File.generated(config, output.path, content=output.data()))
        self.stamps = page_stamps.plan((page.path, page.in_nav, page.front_matter(),
                                        page.content) for page in self.site.pages)
        self.stamped, self.probes = {}, {}
        for path, text in self.site.edition_sources:  # other editions' explainers
            files.append(File.generated(config, path, content=text,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if self.site is not None and self.site.page(page.file.src_uri) is not None:
            page.__class__ = _GeneratedPage
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        self.embed.page_url = page.url  # the excerpt's links are relative to this page
        if self.site is not None:  # an edition's page: its renderer, links from its root
            self.embed.renderer, base, _root = self.site.page_renderer(page.file.src_uri)
            prefix = page.file.src_uri.removesuffix(base)  # "uk/" on a Ukrainian page
            self.embed.page_url = page.url.removeprefix(prefix)
            self.site.renderer.excerpted.clear()  # this page's embeds fill it
            if generated := self.site.page(page.file.src_uri):
                page.meta.update(generated.front_matter())  # as objects: no YAML round trip
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        generated = self.site.page(page.file.src_uri) if self.site else None
        if generated is not None:
            # Ours, rendered and sanitised by the core: MkDocs' Markdown had nothing to read
            # (parsing megabytes of our HTML again was most of a large build).
            page.present_anchor_ids = set(generated.ids())
            self._plan_stamp(page)
            return generated.content
        if self.site is None:
            return html
        html = self.site.finish(page.file.src_uri, html, self.settings)
        page.meta.update(self.site.contributor_meta(page.file.src_uri, html, page.meta))
        _make_titles_inert(page)
        return html

    def _plan_stamp(self, page: Page) -> None:
        """A member of a stamped group gets the empty template, if its URLs are the probe's
        with its own name (the probe is read first: pages are read in the files' order)."""
        path = page.file.src_uri
        group = self.stamps.group(path)
        if group is None:
            return
        if group.probe == path:
            self.probes[path] = page
            return
        probe = self.probes.get(group.probe)
        name, probe_name = page_stamps.name_of(path), page_stamps.name_of(group.probe)
        if probe is not None and all(
                page_stamps.swap_name(getattr(probe, key) or "", probe_name, name)
                == (getattr(page, key) or "") for key in ("url", "canonical_url", "abs_url")):
            page.meta["template"] = STAMP_TEMPLATE
            self.stamped[path] = page

    @event_priority(-100)  # last: the shell sees the context every other plugin made
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        group = self.stamps.group(page.file.src_uri)
        if group is not None and group.probe == page.file.src_uri and self.env is not None:
            group.shell = self._shell(context, page)
        return context

    def _shell(self, context: TemplateContext, page: Page) -> str | None:
        stamps, name = self.stamps, page_stamps.name_of(page.file.src_uri)
        slot = stamps.slot("name")
        shell = _ShellPage(page, title=stamps.slot("title"),
                           content=page_stamps.shell_content(stamps, page.content or ""),
                           meta=page_stamps.shell_meta(stamps, name, page.meta),
                           **{key: page_stamps.swap_name(value, name, slot)
                              if (value := getattr(page, key)) else value
                              for key in ("url", "canonical_url", "abs_url")})
        assert self.env is not None
        try:
            html = self.env.get_template(page.meta.get("template", "main.html")).render(
                {**context, "page": shell})
        except Exception as error:  # a theme that cannot take a sentinel: no stamping
            log.debug(f"no shell for {page.file.src_uri}: {error!r}")
            return None
        return html.replace(stamps.h1_marker(), "")

    @event_priority(100)  # first: a stamped page then passes through every other plugin
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        path = page.file.src_uri
        group = self.stamps.group(path)
        if group is not None and group.probe == path:
            if group.shell is None or self._stamp(group.shell, page) != output:
                # Its members are built after it: they get the theme again.
                log.info(f"timeline: the pages beside {path} are rendered one by one "
                         "(the theme writes them differently from the others)")
                for member in group.members:
                    if (unstamped := self.stamped.pop(member, None)) is not None:
                        del unstamped.meta["template"]
            return output
        if group is None or path not in self.stamped:
            return output
        if group.shell is not None and (html := self._stamp(group.shell, page)) is not None:
            return html
        return self._render(page, config)

    def _render(self, page: Page, config: MkDocsConfig) -> str:
        """A member the shell cannot carry, rendered as MkDocs would have."""
        assert self.env is not None and self._nav is not None
        del page.meta["template"]
        context = get_context(self._nav, self._files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config,
                                                 nav=self._nav)
        return self.env.get_template("main.html").render(context)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav, self._files = nav, files
        return nav

    def _stamp(self, shell: str, page: Page) -> str | None:
        name = page_stamps.name_of(page.file.src_uri)
        try:
            return self.stamps.stamp(shell, page_stamps.values(
                self.stamps, name, page.title or "", page.content or "", page.meta), self._json)
        except page_stamps.Mismatch as error:
            log.debug(f"cannot stamp {page.file.src_uri}: {error}")
            return None

    def _json(self, value: Any) -> str:
        assert self.env is not None
        return str(do_tojson(EvalContext(self.env), value))

    @event_priority(-100)  # last: other plugins' files (search) are written by then
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._restore_writes is not None:
            self._restore_writes()
            self._restore_writes = None
            self.writes.finish()
        # Tear down: nothing of this build (its timeline, its pages) reaches the next.
        self.site = None
        self.embed.renderer = None
        self.stamps, self.stamped, self.probes = page_stamps.Stamps(), {}, {}
        self._nav, self._files = None, Files([])


def _route_writes(writes: SiteWrites) -> Callable[[], None]:
    """MkDocs' writes and copies of this build go through ``writes``, and its clean is
    skipped (``writes`` removes what is gone instead); the returned call puts MkDocs' own
    functions back. (Material's projects plugin replaces the clean too.)"""
    write, copy = mkdocs_utils.write_file, mkdocs_utils.copy_file
    clean, copy_file = mkdocs_utils.clean_directory, File.copy_file

    def copy_generated(self: File, dirty: bool = False) -> None:
        if self.abs_src_path is None:  # in memory: File.generated(content=…)
            writes.write(self.content_bytes, self.abs_dest_path, write)
        else:
            copy_file(self, dirty)  # through copy_static below

    def write_file(content: bytes, output_path: str) -> None:
        writes.write(content, output_path, write)

    def copy_static(source_path: str, output_path: str) -> None:
        writes.copy(source_path, output_path, copy)

    def restore() -> None:
        mkdocs_utils.write_file, mkdocs_utils.copy_file = write, copy
        mkdocs_utils.clean_directory, File.copy_file = clean, copy_file  # type: ignore[method-assign]

    mkdocs_utils.write_file, mkdocs_utils.copy_file = write_file, copy_static
    def clean_other(directory: str) -> None:  # another plugin's own folder is cleaned
        if os.path.abspath(directory) != writes.root:
            clean(directory)

    mkdocs_utils.clean_directory = clean_other
    File.copy_file = copy_generated  # type: ignore[method-assign]
    return restore


class _GeneratedPage(Page):
    """A page whose HTML the core made (on_page_content hands it over): it has no Markdown
    to convert, and a Markdown instance per page was a fifth of a large build."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""


class _ShellPage:
    """A page as the theme sees it with its own values replaced (page_stamps.py)."""

    def __init__(self, page: Page, **values: Any) -> None:
        self.__dict__.update(values)
        self._page = page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


def _make_titles_inert(page: Page) -> None:
    """Material prints page.title and front matter unescaped (and `striptags` decodes
    entities in <title>). Every page's markdown is rendered before any template, so doing
    this here covers the nav of every page too."""
    page.title = inert_text(page.title or "")
    for key, value in list(page.meta.items()):
        if isinstance(value, str) and key != "jsonld":  # JSON text, escaped by the theme
            page.meta[key] = inert_text(value)
