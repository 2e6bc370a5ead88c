"""Export formats by name, as ``timeline export --format NAME`` and the site use them.

Each exporter is a pure function ``(Timeline, Settings) -> str``: no clock, no
filesystem, sorted output, so identical content gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline_builder.exports.atom import export_atom
from timeline_builder.exports.csv_export import export_csv
from timeline_builder.exports.ics import export_ics
from timeline_builder.exports.json_export import export_json
from timeline_builder.exports.timelinejs import export_timelinejs
from timeline_builder.model import Timeline
from timeline_builder.settings import Settings

Exporter = Callable[[Timeline, Settings], str]

FORMATS: dict[str, Exporter] = {
    "atom": export_atom,
    "json": export_json,  # the canonical format, CONTRACT section 5
    "csv": export_csv,
    "ics": export_ics,
    "timelinejs": export_timelinejs,
}
