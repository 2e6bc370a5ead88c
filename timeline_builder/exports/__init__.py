"""Export formats by name, as ``timeline export --format NAME`` and the site use them.

Each exporter is a pure function ``(Timeline, Settings) -> str``: no clock, no
filesystem, sorted output, so identical content gives byte-identical files.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Timeline

Exporter = Callable[[Timeline, Settings], str]

_WHERE = {
    "atom": "atom:export_atom",
    "json": "json_export:export_json",  # the canonical format, CONTRACT section 5
    "csv": "csv_export:export_csv",
    "ics": "ics:export_ics",
    "timelinejs": "timelinejs:export_timelinejs",
}


class _Exporters(Mapping[str, Exporter]):
    """Format name → exporter, each module imported when first asked for: a JSON export
    never loads the feed writer."""

    def __getitem__(self, name: str) -> Exporter:
        module, _, function = _WHERE[name].partition(":")
        exporter: Exporter = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return exporter

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


FORMATS: Mapping[str, Exporter] = _Exporters()
