"""The ics, atom, csv and timelinejs exports: valid for their readers, and reproducible."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Event, ResolvedDate, Source, Timeline
from timeline_builder.exports import FORMATS
from timeline_builder.exports.atom import export_atom
from timeline_builder.exports.csv_export import HEADER, export_csv
from timeline_builder.exports.ics import export_ics, fold, text
from timeline_builder.exports.json_layout import records_json
from timeline_builder.exports.timelinejs import export_timelinejs

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = Settings(site_name="Belarus and the war", site_url="https://example.org/war/")


def day(text: str) -> ResolvedDate:
    return ResolvedDate(dt.date.fromisoformat(text))


def make_timeline() -> Timeline:
    """Every precision, a range, tags, unicode and a formula-looking summary."""
    source = Source("beast", "Lukashenko's letter", "The Daily Beast", day("2022-05-23"),
                    "content/sources/beast.md", url="https://example.com/letter")
    events = (
        Event("sochi", "Putin and Lukashenko meet in Sochi", day("2022-05-23"), "Monday",
              ("beast",), "content/events/sochi.md", actors=("putin", "lukashenko"),
              tags=("diplomacy", "sanctions"), summary="They met: «economy» holds."),
        Event("martial-law", "Rada extends martial law", ResolvedDate(dt.date(2022, 5, 1),
              "month"), "May 2022", ("beast", "missing"), "content/events/martial-law.md",
              end=day("2022-08-23"), summary="=HYPERLINK(\"http://evil\")"),
        Event("war-year", "The war, year one: <b>bold</b> & co", ResolvedDate(
              dt.date(2022, 1, 1), "year"), "2022", ("beast",), "content/events/war-year.md",
              approximate=True),
    )
    return Timeline(events=events, sources=(source,))


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_formats_registry() -> None:
    assert {"ics", "atom", "csv", "timelinejs"} <= set(FORMATS)


@pytest.mark.parametrize("name", ["ics", "atom", "csv", "timelinejs"])
@pytest.mark.parametrize("settings", [SITE, Settings()], ids=["site-url", "no-site-url"])
def test_exports_are_deterministic(name: str, settings: Settings) -> None:
    """Same content → same bytes, whatever order the events arrive in."""
    timeline = make_timeline()
    shuffled = Timeline(events=tuple(reversed(timeline.events)), sources=timeline.sources)
    first = FORMATS[name](timeline, settings)
    assert first == FORMATS[name](timeline, settings) == FORMATS[name](shuffled, settings)


@pytest.mark.parametrize("name", ["ics", "atom", "csv", "timelinejs"])
def test_exports_of_an_empty_timeline(name: str) -> None:
    assert FORMATS[name](Timeline(), SITE)


# --- ics ---------------------------------------------------------------------------------

def parsed_vevents(text: str) -> dict[str, icalendar.Component]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_ics_has_one_all_day_vevent_per_event() -> None:
    text = export_ics(make_timeline(), SITE)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = parsed_vevents(text)
    assert sorted(events) == ["martial-law@example.org", "sochi@example.org",
                              "war-year@example.org"]
    # (start, exclusive end): a day, a month-to-day range, a whole year
    expected = {
        "sochi@example.org": (dt.date(2022, 5, 23), dt.date(2022, 5, 24)),
        "martial-law@example.org": (dt.date(2022, 5, 1), dt.date(2022, 8, 24)),
        "war-year@example.org": (dt.date(2022, 1, 1), dt.date(2023, 1, 1)),
    }
    for uid, (start, end) in expected.items():
        assert events[uid].decoded("DTSTART") == start
        assert events[uid].decoded("DTEND") == end
    assert "DTSTART;VALUE=DATE:20220523" in text


def test_ics_month_precision_covers_the_whole_month() -> None:
    event = Event("may", "May", ResolvedDate(dt.date(2024, 2, 1), "month"), "Feb 2024",
                  ("beast",), "content/events/may.md")
    vevent = parsed_vevents(export_ics(Timeline(events=(event,)), Settings()))["may@timeline"]
    assert vevent.decoded("DTEND") == dt.date(2024, 3, 1)


def test_ics_fields() -> None:
    text = export_ics(make_timeline(), SITE)
    sochi = parsed_vevents(text)["sochi@example.org"]
    assert str(sochi["SUMMARY"]) == "Putin and Lukashenko meet in Sochi"
    assert str(sochi["URL"]) == "https://example.org/war/timeline/#sochi"
    assert str(sochi["DESCRIPTION"]) == (
        "They met: «economy» holds.\n\nSources:\n- Lukashenko's letter (The Daily Beast)"
    )
    assert "CATEGORIES:diplomacy,sanctions\r\n" in text
    # no clock: the latest date in the content
    assert sochi.decoded("DTSTAMP") == dt.datetime(2022, 8, 23, tzinfo=dt.UTC)


def test_ics_without_site_url_has_no_url() -> None:
    events = parsed_vevents(export_ics(make_timeline(), Settings()))
    assert "URL" not in events["sochi@timeline"]


def test_ics_dtstamp_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sochi = parsed_vevents(export_ics(make_timeline(), SITE))["sochi@example.org"]
    assert sochi.decoded("DTSTAMP") == dt.datetime.fromtimestamp(1700000000, tz=dt.UTC)


# Any text a contributor can write: escapes, line breaks, multi-byte runs at fold points.
ICS_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300) | \
    st.lists(st.sampled_from(["\\", ";", ",", "\n", "\r\n", "é", "€", "😀", "a", " "]),
             max_size=200).map("".join)


def readable(value: str) -> str:
    """What a calendar shows of ``value``: line breaks as LF, no control characters."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)


@settings(max_examples=200, deadline=None)
@given(title=ICS_TEXT, tag=ICS_TEXT.filter(bool))
def test_ics_text_reads_back_the_same_in_both_parsers(title: str, tag: str) -> None:
    event = Event("e", title, day("2022-05-23"), "2022-05-23", ("beast",),
                  "content/events/e.md", tags=(tag,), summary=title)
    text = export_ics(Timeline(events=(event,)), SITE)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    ours = parsed_vevents(text)["e@example.org"]
    assert str(ours["SUMMARY"]) == readable(title)
    assert ours["CATEGORIES"].cats == [readable(tag)]
    other = vobject.readOne(text).vevent
    assert other.summary.value == readable(title)
    assert other.description.value.startswith(readable(title))


def test_ics_folds_at_75_octets_between_characters_and_escapes() -> None:
    assert fold("X:" + "a" * 73) == "X:" + "a" * 73
    assert fold("X:" + "a" * 74) == "X:" + "a" * 73 + "\r\n a"
    assert fold("X:" + "a" * 72 + "€") == "X:" + "a" * 72 + "\r\n €"  # 3 octets: not split
    assert fold("X:" + "a" * 72 + "\\,b") == "X:" + "a" * 72 + "\r\n \\,b"
    assert fold("X:" + "a" * 71 + "\\\\b") == "X:" + "a" * 71 + "\\\\\r\n b"
    assert text("a\\b;c,d\r\ne\rf\x07") == "a\\\\b\\;c\\,d\\ne\\nf"


# --- atom --------------------------------------------------------------------------------

def test_atom_is_a_valid_feed_newest_first() -> None:
    root = ET.fromstring(export_atom(make_timeline(), SITE).encode())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        "https://example.org/war/timeline/#sochi",
        "https://example.org/war/timeline/#martial-law",
        "https://example.org/war/timeline/#war-year",
    ]
    assert root.findtext(f"{ATOM}updated") == "2022-05-23T00:00:00+00:00"
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Putin and Lukashenko meet in Sochi"
    assert first.findtext(f"{ATOM}updated") == "2022-05-23T00:00:00+00:00"
    assert first.findtext(f"{ATOM}summary") == "They met: «economy» holds."
    link = first.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "https://example.org/war/timeline/#sochi"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["diplomacy",
                                                                         "sanctions"]
    assert root.find(f"{ATOM}author/{ATOM}name") is not None


def test_atom_without_site_url_uses_tag_uris() -> None:
    root = ET.fromstring(export_atom(make_timeline(), Settings()).encode())
    ids = [entry.findtext(f"{ATOM}id") or "" for entry in root.findall(f"{ATOM}entry")]
    assert ids[0] == "tag:timeline,2000:timeline/sochi"
    assert all(entry_id.startswith("tag:") for entry_id in ids)


def test_atom_timestamps_come_from_the_content_only() -> None:
    text = export_atom(make_timeline(), SITE)
    assert set(re.findall(r"\d{4}-\d\d-\d\dT[\d:+]+", text)) == {
        "2022-05-23T00:00:00+00:00", "2022-05-01T00:00:00+00:00", "2022-01-01T00:00:00+00:00"}
    assert "python-feedgen" not in text  # its generator tag carries the library version


# --- csv ---------------------------------------------------------------------------------

def test_csv_rows() -> None:
    rows = list(csv.reader(io.StringIO(export_csv(make_timeline(), SITE))))
    assert tuple(rows[0]) == HEADER
    by_id = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert list(by_id) == ["war-year", "martial-law", "sochi"]
    assert by_id["sochi"] == {
        "id": "sochi", "date": "2022-05-23", "end": "", "precision": "day",
        "date_text": "Monday", "title": "Putin and Lukashenko meet in Sochi",
        "actors": "putin;lukashenko", "tags": "diplomacy;sanctions", "sources": "beast",
        "summary": "They met: «economy» holds.",
        "url": "https://example.org/war/timeline/#sochi",
    }
    assert by_id["martial-law"]["end"] == "2022-08-23"
    assert by_id["martial-law"]["date"] == "2022-05"
    assert by_id["war-year"]["date"] == "2022"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_csv_defuses_formulas(cell: str) -> None:
    event = Event("x", cell, day("2022-05-23"), "2022-05-23", ("beast",), "x.md", summary=cell)
    rows = list(csv.reader(io.StringIO(export_csv(Timeline(events=(event,)), Settings()))))
    assert rows[1][5] == rows[1][9] == "'" + cell


# --- timelinejs --------------------------------------------------------------------------

def test_timelinejs_structure() -> None:
    text = export_timelinejs(make_timeline(), SITE)
    assert text.endswith("}\n") and "«economy»" in text
    document = json.loads(text)
    assert document["title"]["text"]["headline"] == "Belarus and the war"
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert [slide["unique_id"] for slide in document["events"]] == [
        "war-year", "martial-law", "sochi"]
    assert slides["sochi"]["start_date"] == {"year": 2022, "month": 5, "day": 23}
    assert slides["martial-law"]["start_date"] == {"year": 2022, "month": 5}
    assert slides["martial-law"]["end_date"] == {"year": 2022, "month": 8, "day": 23}
    assert slides["war-year"]["start_date"] == {"year": 2022}
    assert slides["war-year"]["display_date"] == "c. 2022"
    assert slides["sochi"]["group"] == "diplomacy"
    assert "group" not in slides["war-year"] and "end_date" not in slides["sochi"]


def test_timelinejs_escapes_html() -> None:
    slides = json.loads(export_timelinejs(make_timeline(), SITE))["events"]
    assert slides[0]["text"]["headline"] == (
        "The war, year one: &lt;b&gt;bold&lt;/b&gt; &amp; co")
    assert slides[2]["text"]["text"] == "<p>They met: «economy» holds.</p>"


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _JSON, max_size=5), st.booleans())
def test_json_exports_read_back_as_the_same_value(document: dict, sort_keys: bool) -> None:
    """One record per line is only a layout: any JSON parser reads the same value."""
    written = records_json(document, sort_keys=sort_keys)
    assert json.loads(written) == document
    assert written.endswith("}\n")
    if sort_keys:
        assert list(json.loads(written)) == sorted(document)


def test_json_export_puts_one_record_per_line() -> None:
    timeline = make_timeline()
    lines = FORMATS["json"](timeline, SITE).splitlines()
    assert sum(line.startswith('    {"id": ') for line in lines) == len(timeline.events) + \
        len(timeline.actors) + len(timeline.sources)
