"""The site's feed and calendar read by real clients' parsers (CONTRACT section 6).

feedparser is what most feed readers and aggregators written in Python use; vobject is an
iCalendar parser independent of the icalendar library that writes timeline.ics.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import feedparser
import pytest
import vobject

from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.slow
SITE_URL = "https://news.example.org/may/"
EXTRA = {
    "month-talks": "---\ntitle: Talks stall\ndate: May 2022\nsources: [belta-lukashenko-letter]"
                   "\n---\nNo round was held.\n",
    "year-aid": "---\ntitle: Aid over the year\ndate: 2022\napproximate: true\n"
                "sources: [belta-lukashenko-letter]\n---\nAid arrived through the year.\n",
    "range": "---\ntitle: Three days of talks\ndate: 2022-05-24\nend: 2022-05-26\n"
             "sources: [belta-lukashenko-letter]\n---\nTalks.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    for name, text in EXTRA.items():
        (project / "content" / "events" / f"{name}.md").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def export(site: Path) -> dict[str, Any]:
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))


def test_feedparser_reads_every_event(site: Path, export: dict) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Belarus, Russia and the war: May 2022"
    assert feed.feed.link == SITE_URL + "timeline/"
    entries = {entry.link: entry for entry in feed.entries}
    assert sorted(entries) == sorted(SITE_URL + event["url"] for event in export["events"])
    for event in export["events"]:
        entry = entries[SITE_URL + event["url"]]
        assert entry.title == event["title"]
        assert entry.id == SITE_URL + event["url"]
        assert entry.get("summary", "") == event["summary"]
        first_day = event["date"] + "-01" * (3 - len(event["date"].split("-")))
        assert dt.date(*entry.updated_parsed[:3]).isoformat() == first_day
        assert [tag.term for tag in entry.get("tags", [])] == event["tags"]
    # Newest first, as readers expect.
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)


def _calendar(site: Path) -> Any:
    return vobject.readOne((site / "timeline.ics").read_text(encoding="utf-8"))


def test_vobject_reads_every_event_as_all_day(site: Path, export: dict) -> None:
    calendar = _calendar(site)
    events = {str(v.uid.value).split("@")[0]: v for v in calendar.vevent_list}
    assert sorted(events) == sorted(e["id"] for e in export["events"])
    for event in export["events"]:
        vevent = events[event["id"]]
        start, end = vevent.dtstart.value, vevent.dtend.value
        # all-day: a DATE, not a DATE-TIME (vobject gives datetime.date, not datetime)
        assert type(start) is dt.date and type(end) is dt.date, event["id"]
        assert vevent.url.value == SITE_URL + event["url"]
        assert vevent.x_timeline_precision.value == event["precision"]
        if event["precision"] == "day" and (event["end"] is None or len(event["end"]) == 10):
            assert start.isoformat() == event["date"]
            last = dt.date.fromisoformat(event["end"] or event["date"])
            assert end == last + dt.timedelta(days=1)  # DTEND is exclusive
            assert vevent.summary.value == event["title"]


@pytest.mark.parametrize(("event_id", "start", "end", "summary", "precision"), [
    ("month-talks", "2022-05-01", "2022-06-01", "[May 2022] Talks stall", "month"),
    ("year-aid", "2022-01-01", "2023-01-01", "[2022] c. Aid over the year", "year"),
    ("range", "2022-05-24", "2022-05-27", "Three days of talks", "day"),
])
def test_month_and_year_events_say_what_is_known(site: Path, event_id: str, start: str,
                                                 end: str, summary: str,
                                                 precision: str) -> None:
    """Not a silent month-long event: the span is the period, and it is named as such."""
    [vevent] = [v for v in _calendar(site).vevent_list
                if str(v.uid.value).startswith(f"{event_id}@")]
    assert (vevent.dtstart.value.isoformat(), vevent.dtend.value.isoformat()) == (start, end)
    assert vevent.summary.value == summary
    assert vevent.x_timeline_precision.value == precision
    assert vevent.transp.value == "TRANSPARENT"
    if precision != "day":
        assert vevent.description.value.startswith(f"Date known only to the {precision}: ")
