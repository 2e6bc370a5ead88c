"""The MkDocs door: hand MkDocs what the core renders. Nothing another door needs is here.

The only module that imports mkdocs. The pages, data files and assets come from
:func:`timeline_builder.site.outputs.site_outputs`, the same list ``timeline render`` writes, and
are added with ``File.generated`` (MkDocs >= 1.6); content files under events/, actors/
and sources/ are not built as pages.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from timeline_builder.builders.pipeline import load_content, outputs_of
from timeline_builder.config.options import read_options
from timeline_builder.config.settings import settings_from_options, source_date_epoch
from timeline_builder.core.diagnostics import has_errors
from timeline_builder.markup.body_cache import BodyCache
from timeline_builder.markup.sanitize import BoundedLinksExtension
from timeline_builder.markup.text import inert_text
from timeline_builder.reading.load import display_path
from timeline_builder.site.citations_ext import CitationExtension
from timeline_builder.site.markdown_ext import EmbedState, TimelineEmbedExtension
from timeline_builder.site.outputs import (
    SCRIPTS,
    STYLESHEETS,
    SiteOutputs,
    cache_folder,
)
from timeline_builder.site.template_cache import THEME_TEMPLATES

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


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
        self.serving = False
        self.site: SiteOutputs | None = None
        self.embed = EmbedState()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Under `mkdocs serve` content errors are shown and the server keeps running.
        self.serving = command == "serve"

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

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # A serve rebuild makes a new theme environment: its templates are compiled once.
        env.bytecode_cache = THEME_TEMPLATES
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        bodies = BodyCache(cache_folder(self.settings))  # summaries and pages render from it
        content = load_content(self.settings, bodies)
        problems = content.problems
        for problem in problems:
            # Notes (hints such as a likely quote variant) are info: --strict does not fail.
            {"error": log.error, "warning": log.warning}.get(problem.severity, log.info)(
                problem.text())
        if has_errors(problems) and not self.serving:
            raise PluginError(f"content has {sum(p.severity == 'error' for p in problems)} "
                              "errors (listed above)")
        self.site = outputs_of(content, self.settings, bodies)
        self.embed.renderer = self.site.renderer
        published = {str(entry.path) for entry in content.published()}
        for file in [f for f in files if f.src_dir == str(self.settings.content_dir)]:
            if file.abs_src_path not in published:
                files.remove(file)  # raw content, withheld files (see inventory.py)
        for page in self.site.pages:  # their content and JSON-LD: on_page_markdown/content
            files.append(File.generated(
                config, page.path, content=page.stub(),
                inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV))
        for output in self.site.files:
            files.append(File.generated(config, output.path, content=output.data()))
        for path, text in self.site.edition_sources:  # other editions' explainers
            files.append(File.generated(config, path, content=text,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        self.embed.page_url = page.url  # the excerpt's links are relative to this page
        if self.site is not None:
            self.site.renderer.excerpted.clear()  # this page's embeds fill it
            if generated := self.site.page(page.file.src_uri):
                page.meta.update(generated.front_matter())  # as objects: no YAML round trip
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        generated = self.site.page(page.file.src_uri) if self.site else None
        if generated is not None:
            # Ours, rendered and sanitised by the core: MkDocs' Markdown had only the stub
            # (parsing megabytes of our HTML again was most of a large build).
            page.present_anchor_ids = set(generated.ids())
            return generated.content
        if self.site is None:
            return html
        html = self.site.finish(page.file.src_uri, html, self.settings)
        page.meta.update(self.site.contributor_meta(page.file.src_uri, html, page.meta))
        _make_titles_inert(page)
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Tear down: nothing of this build (its timeline, its pages) reaches the next.
        self.site = None
        self.embed.renderer = None


def _make_titles_inert(page: Page) -> None:
    """Material prints page.title and front matter unescaped (and `striptags` decodes
    entities in <title>). Every page's markdown is rendered before any template, so doing
    this here covers the nav of every page too."""
    page.title = inert_text(page.title or "")
    for key, value in list(page.meta.items()):
        if isinstance(value, str):
            page.meta[key] = inert_text(value)
