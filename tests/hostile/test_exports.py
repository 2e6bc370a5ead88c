"""Hostile contributor text in the exports other programs read (issue 24, point 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import icalendar
import pytest

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Event, ResolvedDate, Source, Timeline
from timeline_builder.exports.atom import export_atom
from timeline_builder.exports.csv_export import HEADER, export_csv
from timeline_builder.exports.ics import export_ics

SITE = Settings(site_name="Hostile", site_url="https://example.org/war/")
ATOM = "{http://www.w3.org/2005/Atom}"


def _timeline(title: str, summary: str = "plain") -> Timeline:
    when = ResolvedDate(dt.date(2022, 5, 23))
    source = Source("s", "Source", "Pub", when, "content/sources/s.md", url="https://example.com/")
    event = Event("e", title, when, "Monday", ("s",), "content/events/e.md",
                  actors=(title,), tags=(title,), summary=summary)
    return Timeline(events=(event,), sources=(source,))


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_starting_with_formula_character_is_neutralised(start: str) -> None:
    payload = start + 'HYPERLINK("http://evil","x")'
    rows = list(csv.reader(io.StringIO(export_csv(_timeline(payload, payload), SITE))))
    assert rows[0] == list(HEADER)
    for name in ("title", "summary", "actors", "tags"):
        cell = rows[1][HEADER.index(name)]
        assert cell.startswith("'"), (name, cell)


def test_csv_cell_with_newline_and_quotes_stays_one_row() -> None:
    rows = list(csv.reader(io.StringIO(export_csv(_timeline('a"b\r\nc,d', "x\ny"), SITE))))
    assert len(rows) == 2 and rows[1][HEADER.index("title")] == 'a"b\r\nc,d'


@pytest.mark.parametrize("payload", [
    "x\r\nBEGIN:VALARM\r\nACTION:AUDIO",
    "x\nATTACH:http://evil",
    "x\rURL:http://evil",
    "a;b,c\\d",
    "x\x00\x1b[31m",
])
def test_ics_text_cannot_inject_a_property_or_line(payload: str) -> None:
    ics = export_ics(_timeline(payload, payload), SITE)
    assert "\r\nBEGIN:VALARM" not in ics and "\r\nATTACH:" not in ics
    assert "\r\nURL:http://evil" not in ics and "\x00" not in ics and "\x1b" not in ics
    calendar = icalendar.Calendar.from_ical(ics)
    events = [part for part in calendar.walk("VEVENT")]
    assert len(events) == 1 and not list(calendar.walk("VALARM"))
    assert payload.replace("\x00", "").replace("\x1b", "")[:1] in str(events[0]["SUMMARY"])
    assert "a;b,c\\d" in str(events[0]["SUMMARY"]) or payload != "a;b,c\\d"


@pytest.mark.parametrize("payload", [
    "</title><entry><title>forged</title></entry>",
    "<![CDATA[x]]><link href='http://evil'/>",
    "&ent; &amp; <script>alert(1)</script>",
    "x\x01\x0b\ufffe y",
])
def test_atom_title_and_content_cannot_inject_elements(payload: str) -> None:
    feed = ET.fromstring(export_atom(_timeline(payload, payload), SITE))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    title = entries[0].find(f"{ATOM}title")
    assert title is not None and not list(title)
    assert "forged" not in "".join(e.text or "" for e in feed.iter(f"{ATOM}title")
                                   if e is not title)
    assert not feed.findall(f".//{ATOM}script") and not feed.findall(".//script")
