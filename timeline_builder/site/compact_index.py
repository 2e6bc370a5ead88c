"""The compact index of a split timeline: what `timeline/` filters every period with.

A split timeline's first view carries no event data at all; its script loads these files
only when a query needs them:

- ``timeline/data/index.json``: one short row per event (id, title, date label, ISO date,
  last day, period, facet numbers) and the periods and facet values they point into. Enough
  for every filter but ``text`` and for drawing the results.
- ``timeline/data/text/<period>.json``: per period, the folded searchable text of its
  events (:func:`timeline_builder.core.filters.searchable_text`, the Python truth of ``text=``),
  in the order of the index rows. A text query loads only the periods it still needs.

Days are numbers of days since 1970-01-01, as the browser computes them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from timeline_builder.core.filters import searchable_text

if TYPE_CHECKING:
    from timeline_builder.site.render import Renderer

SCHEMA = 1
INDEX_PATH = "timeline/data/index.json"
EPOCH = dt.date(1970, 1, 1)


def text_path(period: str) -> str:
    """``2022/05/08-14`` → ``timeline/data/text/2022-05-08-14.json``."""
    return f"timeline/data/text/{period.replace('/', '-')}.json"


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def index_files(renderer: Renderer) -> dict[str, str]:
    """Every file of the compact index, path (under the site root) → JSON text.
    Empty when the timeline is not split (its one page filters itself)."""
    if not renderer.split:
        return {}
    from timeline_builder.core.date_labels import date_range

    timeline = renderer.timeline
    periods = renderer.periods()
    period_number = {period: number for number, period in enumerate(periods)}
    values: dict[str, dict[str, int]] = {"actor": {}, "tag": {}, "source": {}}

    def numbers(kind: str, items: tuple[str, ...]) -> list[int]:
        table = values[kind]
        return [table.setdefault(item, len(table)) for item in items]

    rows = []
    texts: dict[str, list[str]] = {period: [] for period in periods}
    firsts: dict[str, int] = {}
    for position, event in enumerate(timeline.events):
        period = renderer.period_of(event)
        firsts.setdefault(period, position)
        rows.append([event.id, event.title, date_range(event), event.date.iso(),
                     ((event.end or event.date).last_day() - EPOCH).days,
                     period_number[period], numbers("actor", event.actors),
                     numbers("tag", event.tags), numbers("source", event.sources)])
        texts[period].append(searchable_text(event))
    index = {
        "schema": SCHEMA,
        "periods": [{"key": period, "label": renderer.period_label(period),
                     "url": renderer.period_href(period, ""), "first": firsts[period],
                     "count": len(texts[period]), "text": text_path(period)}
                    for period in periods],
        "facets": {kind: list(table) for kind, table in values.items()},
        "events": rows,
    }
    files = {INDEX_PATH: _dumps(index)}
    files.update({text_path(period): _dumps(texts[period]) for period in periods})
    return files
