"""The one entry point every door uses: settings in, Timeline and diagnostics out."""

from __future__ import annotations

from pathlib import Path

from timeline_builder import citations, images, inventory
from timeline_builder.diagnostics import Diagnostic, error
from timeline_builder.load import display_path, load_documents
from timeline_builder.media import MediaContext
from timeline_builder.model import Timeline
from timeline_builder.settings import Settings
from timeline_builder.site import generated_urls
from timeline_builder.validate import did_you_mean, validate


def build_timeline(settings: Settings) -> tuple[Timeline, list[Diagnostic]]:
    """Load and validate all content under ``settings.content_dir``, and check every other
    file there that a builder would publish (:mod:`timeline_builder.inventory`)."""
    documents, read_problems = load_documents(settings.content_dir,
                                              max_bytes=settings.max_file_bytes)
    timeline, problems = validate(documents, settings.calendars, settings.embed_hosts,
                                  MediaContext(settings.content_dir, settings.embed_hosts))
    entries, found = scan_content(timeline, settings)
    source_files = {d.id for d in documents if d.kind == "source"}
    pages = [entry.path for entry in entries
             if entry.role == "page" and entry.path.suffix in inventory.MARKDOWN_SUFFIXES]
    cited = check_page_citations(pages, settings, timeline, source_files)
    return timeline, sorted(set(read_problems + problems + found + cited))


_last_scan: list[tuple[Timeline, Settings, tuple[list[inventory.Entry], list[Diagnostic]]]] = []


def scan_content(timeline: Timeline, settings: Settings
                 ) -> tuple[list[inventory.Entry], list[Diagnostic]]:
    """Every file under the content folder with its role (see inventory.scan).

    A build asks twice for the same timeline (checking it, then publishing), and a scan
    reads every file's metadata: the answer for the last timeline is kept (each build
    loads a new Timeline, so an answer never outlives the files it describes)."""
    if _last_scan and _last_scan[0][0] is timeline and _last_scan[0][1] == settings:
        entries, problems = _last_scan[0][2]
        return list(entries), list(problems)
    found = inventory.scan(settings.content_dir, generated_urls(timeline, settings),
                           directory_urls=settings.use_directory_urls,
                           site_assets=settings.site_assets, theme_dir=settings.overrides_dir,
                           pictures={picture.src for picture in images.pictures(timeline)})
    _last_scan[:] = [(timeline, settings, found)]
    return list(found[0]), list(found[1])


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
