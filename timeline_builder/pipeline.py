"""The one entry point every door uses: settings in, Timeline and diagnostics out."""

from __future__ import annotations

from timeline_builder.diagnostics import Diagnostic
from timeline_builder.load import load_documents
from timeline_builder.model import Timeline
from timeline_builder.settings import Settings
from timeline_builder.validate import validate


def build_timeline(settings: Settings) -> tuple[Timeline, list[Diagnostic]]:
    """Load and validate all content under ``settings.content_dir``."""
    documents, read_problems = load_documents(settings.content_dir,
                                              max_bytes=settings.max_file_bytes)
    timeline, problems = validate(documents, settings.calendars, settings.embed_hosts)
    return timeline, sorted(set(read_problems + problems))
