"""The one entry point every door uses: settings in, Timeline and diagnostics out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_builder.checks.media import MediaContext
from timeline_builder.checks.validate import validate
from timeline_builder.config.settings import Settings
from timeline_builder.core import citations, picture_copies
from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.core.model import Timeline
from timeline_builder.core.suggest import did_you_mean
from timeline_builder.markup.body_cache import BodyCache, RenderBody, cache_folder
from timeline_builder.markup.sanitize import markdown_to_html
from timeline_builder.reading import inventory
from timeline_builder.reading.load import Document, Parse, display_path, load_documents
from timeline_builder.reading.translations import Translations, originals_of, read_translations

if TYPE_CHECKING:
    from timeline_builder.site.outputs import Links, SiteOutputs
    from timeline_builder.site.render_memo import RenderMemo


@dataclass(frozen=True)
class Content:
    """What one read of the content folder found: the valid timeline, every problem, and
    every file there with its role (see inventory.scan), which the doors publish from."""

    timeline: Timeline
    problems: list[Diagnostic]
    files: list[inventory.Entry]
    translations: Translations = Translations()
    """The valid translation files of every edition but the default (reading.translations)."""

    def published(self) -> list[inventory.Entry]:
        """The files a builder publishes as they are (explainers, pictures, assets)."""
        return [entry for entry in self.files if entry.published]

    def contributor_pages(self) -> list[tuple[str, Path]]:
        """The published markdown pages (explainers, home, about): each edition has them."""
        return [(entry.relative, entry.path) for entry in self.published()
                if entry.role == "page" and entry.path.suffix == ".md"]


def outputs_of(content: Content, settings: Settings, bodies: BodyCache | None = None, *,
               links: Links = "page", memo: RenderMemo | None = None) -> SiteOutputs:
    """Every output of the site from one read of the content, every edition included: the
    one call of site_outputs that the plugin, render and verify-site share."""
    from timeline_builder.site.outputs import site_outputs

    return site_outputs(content.timeline, settings, bodies, links=links,
                        translations=content.translations,
                        contributor_pages=content.contributor_pages(), memo=memo)


def load_content(settings: Settings, bodies: BodyCache | None = None, *,
                 parse: Parse | None = None) -> Content:
    """Load and validate all content under ``settings.content_dir``, and check every other
    file there that a builder would publish (:mod:`timeline_builder.reading.inventory`).

    With ``bodies``, the summaries' rendered bodies come from (and go to) that cache, which
    the door then hands to site_outputs: a build of unchanged content renders none. With
    ``parse``, files are parsed through it (``timeline check PATHS…``'s parse cache)."""
    documents, read_problems = load_documents(settings.content_dir,
                                              max_bytes=settings.max_file_bytes, parse=parse)
    render: RenderBody = markdown_to_html if bodies is None else bodies.render
    timeline, problems = validate_documents(documents, settings, render)
    # The site's page list (a content file may not take a generated page's URL); imported
    # here so that reading a date or a schema never loads the page renderer.
    from timeline_builder.site.outputs import generated_urls

    entries, found = inventory.scan(
        settings.content_dir, generated_urls(timeline, settings),
        directory_urls=settings.use_directory_urls, site_assets=settings.site_assets,
        theme_dir=settings.overrides_dir,
        pictures={picture.src for picture in picture_copies.pictures(timeline)},
        editions=bool(settings.languages))
    source_files = {d.id for d in documents if d.kind == "source"}
    pages = [entry.path for entry in entries
             if entry.role == "page" and entry.path.suffix in inventory.MARKDOWN_SUFFIXES]
    cited = check_page_citations(pages, settings, timeline, source_files)
    translations, translated = read_translations(
        settings.content_dir, originals_of(documents), settings.languages,
        max_bytes=settings.max_file_bytes)
    return Content(timeline, sorted(set(read_problems + problems + found + cited + translated)),
                   entries, translations)


def validate_documents(documents: list[Document], settings: Settings,
                       render: RenderBody = markdown_to_html
                       ) -> tuple[Timeline, list[Diagnostic]]:
    """:func:`~timeline_builder.checks.validate.validate` with the site's settings: the one
    call every door makes (a check of some files too), so none validates differently."""
    return validate(documents, settings.calendars, settings.embed_hosts,
                    MediaContext(settings.content_dir, settings.embed_hosts), render=render,
                    languages=settings.editions)


def read_timeline(settings: Settings) -> tuple[Timeline, list[Diagnostic]]:
    """The timeline and the problems of its own files only, for ``timeline export``: a data
    export publishes no pages, so it skips the page inventory and never loads the page
    renderer, Jinja or search (issue 23: that import alone was a third of a 2,000-event
    export). :func:`build_timeline` is the full check."""
    documents, read_problems = load_documents(settings.content_dir,
                                              max_bytes=settings.max_file_bytes)
    # Bodies from the cache the site build keeps (rendering them was half an export).
    bodies = BodyCache(cache_folder(settings.content_dir))
    timeline, problems = validate_documents(documents, settings, bodies.render)
    bodies.save(keep_unused=True)
    return timeline, sorted(set(read_problems + problems))


def build_timeline(settings: Settings) -> tuple[Timeline, list[Diagnostic]]:
    """The timeline and every problem of :func:`load_content`, for doors that publish no
    files of their own (check, export)."""
    content = load_content(settings)
    return content.timeline, content.problems


def check_page_citations(pages: list[Path], settings: Settings, timeline: Timeline,
                         source_files: set[str]) -> list[Diagnostic]:
    """``[@id]`` on explainer and other pages must name a source: checked here, so that
    ``timeline check`` reports them, not only the builder that renders the page."""
    known = {source.id for source in timeline.sources}
    problems: list[Diagnostic] = []
    for path in pages:
        try:
            if path.stat().st_size > settings.max_file_bytes:
                continue  # too big to be an explainer; the builder reports it
            text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            continue  # the inventory reports unreadable pages
        shown = display_path(path)
        for citation in citations.page_citations(text):
            name = citation.source_id
            if name in known:
                continue
            if name in source_files:
                problems.append(error(shown, citation.line, f"citation [@{name}]: source "
                                      f"'{name}' has errors of its own",
                                      f"fix content/sources/{name}.md first"))
            else:
                problems.append(error(shown, citation.line, f"citation [@{name}]: no source "
                                      f"'{name}'{did_you_mean(name, known)}",
                                      "cite the id of a file under content/sources/"))
    return problems
