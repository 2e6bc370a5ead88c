"""The one entry point every door uses: settings in, Timeline and diagnostics out."""

from __future__ import annotations

from timeline_builder import images, inventory
from timeline_builder.diagnostics import Diagnostic
from timeline_builder.load import load_documents
from timeline_builder.media import MediaContext
from timeline_builder.model import Timeline
from timeline_builder.settings import Settings
from timeline_builder.site import generated_urls
from timeline_builder.validate import validate


def build_timeline(settings: Settings) -> tuple[Timeline, list[Diagnostic]]:
    """Load and validate all content under ``settings.content_dir``, and check every other
    file there that a builder would publish (:mod:`timeline_builder.inventory`)."""
    documents, read_problems = load_documents(settings.content_dir,
                                              max_bytes=settings.max_file_bytes)
    timeline, problems = validate(documents, settings.calendars, settings.embed_hosts,
                                  MediaContext(settings.content_dir, settings.embed_hosts))
    _, found = scan_content(timeline, settings)
    return timeline, sorted(set(read_problems + problems + found))


def scan_content(timeline: Timeline, settings: Settings
                 ) -> tuple[list[inventory.Entry], list[Diagnostic]]:
    """Every file under the content folder with its role (see inventory.scan)."""
    return inventory.scan(settings.content_dir, generated_urls(timeline, settings),
                          directory_urls=settings.use_directory_urls,
                          site_assets=settings.site_assets, theme_dir=settings.overrides_dir,
                          pictures={picture.src for picture in images.pictures(timeline)})
