"""``timeline export --format csv``: one row per event, for spreadsheets.

Lists are joined with ``;`` so each event stays one row. Content is contributed by
strangers and opened in spreadsheet programs, so a cell that a spreadsheet would run as a
formula (``=HYPERLINK(...)``) is neutralised with a leading apostrophe (OWASP's advice).
"""

from __future__ import annotations

import csv
import io

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Event, Timeline
from timeline_builder.core.urls import absolute

HEADER = ("id", "date", "end", "precision", "date_text", "title", "actors", "tags", "sources",
          "summary", "url")
# Tab and carriage return also start formulas in some spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(timeline: Timeline, settings: Settings) -> str:
    """RFC 4180 CSV (CRLF line endings, quoting only where needed), header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for event in sorted(timeline.events, key=lambda event: event.sort_key):
        writer.writerow([_defuse(cell) for cell in _row(event, settings)])
    return buffer.getvalue()


def _row(event: Event, settings: Settings) -> list[str]:
    url = absolute(settings.site_url, event.url)
    return [
        event.id,
        event.date.iso(),
        event.end.iso() if event.end else "",
        event.date.precision,
        event.date_text,
        event.title,
        ";".join(event.actors),
        ";".join(event.tags),
        ";".join(event.sources),
        event.summary,
        url,
    ]


def _defuse(cell: str) -> str:
    """``=1+1`` → ``'=1+1``: shown as text instead of being evaluated."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
