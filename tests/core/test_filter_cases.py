"""The shared table of filter cases (filter_cases.json) against core/filters.py.

The same file is read by ``node --test tests/js`` against the browser's filter-state module
(assets/timeline-state.js), so the two implementations of the URL contract cannot drift:
a case changed for one is changed for both.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from timeline_builder.core.filters import EventFilter, FilterError
from timeline_builder.core.model import Event, Quote, ResolvedDate

TABLE = json.loads((Path(__file__).parent / "filter_cases.json").read_text(encoding="utf-8"))
BLANK: dict[str, Any] = {"actor": [], "tag": [], "source": [], "text": "", "from": "", "to": ""}


def _date(iso: str) -> ResolvedDate:
    if len(iso) == 4:
        return ResolvedDate(dt.date(int(iso), 1, 1), "year")
    if len(iso) == 7:
        return ResolvedDate(dt.date.fromisoformat(iso + "-01"), "month")
    return ResolvedDate(dt.date.fromisoformat(iso))


def _event(row: dict[str, Any]) -> Event:
    return Event(
        id=row["id"], title=row["title"], date=_date(row["date"]), date_text=row["date"],
        sources=tuple(row["sources"]), path=f"events/{row['id']}.md",
        end=_date(row["end"]) if row.get("end") else None, actors=tuple(row["actors"]),
        tags=tuple(row["tags"]), summary=row["summary"],
        quotes=tuple(Quote(text, None, row["sources"][0], False) for text in row["quotes"]))


EVENTS = [_event(row) for row in TABLE["events"]]
CASES = TABLE["cases"]


def _state(selection: EventFilter) -> dict[str, Any]:
    """The filter as the browser's state: facet values once each, dates as written."""
    return {
        "actor": list(dict.fromkeys(selection.actors)), "tag": list(dict.fromkeys(selection.tags)),
        "source": list(dict.fromkeys(selection.sources)), "text": selection.text,
        "from": selection.date_from.isoformat() if selection.date_from else "",
        "to": selection.date_to.isoformat() if selection.date_to else "",
    }


def test_the_table_covers_every_key_and_both_outcomes() -> None:
    """Guards the table itself: each filter key appears, and so do refused values."""
    queries = "&".join(case["query"] for case in CASES)
    assert {key for key, _ in parse_qsl(queries)} >= set(BLANK)
    assert any("python" in case for case in CASES) and any(not c["matches"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["query"] or "(none)" for case in CASES])
def test_python_answers_the_table(case: dict[str, Any]) -> None:
    pairs = parse_qsl(case["query"], keep_blank_values=True)
    if "python" in case:
        with pytest.raises(FilterError) as refused:
            EventFilter.from_pairs(pairs)
        assert str(refused.value) == case["python"]
        return
    selection = EventFilter.from_pairs(pairs)
    assert _state(selection) == {**BLANK, **case["state"]}
    assert "".join(e.id for e in EVENTS if selection.matches(e)) == case["matches"]
    canonical = case.get("python_canonical", case.get("canonical", case["query"]))
    assert selection.query() == canonical
