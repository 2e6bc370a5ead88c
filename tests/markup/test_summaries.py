"""Summaries are the plain text of the rendered body (CONTRACT section 5), in every output.

JSON, ICS, Atom, CSV, cards and the text search all carry the same summary: the text a
reader sees in the first paragraph, cut between graphemes at a word boundary.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import icalendar
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_builder.checks.validate import validate
from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Timeline
from timeline_builder.exports import FORMATS
from timeline_builder.markup.text import SUMMARY_LENGTH, cut
from timeline_builder.reading.load import load_documents
from timeline_builder.site.render import Renderer

SOURCE = "---\ntitle: A report\noutlet: The Outlet\npublished: 2022-05-23\n---\n"


def timeline_of(tmp_path: Path, body: str, title: str = "An event") -> Timeline:
    (tmp_path / "events").mkdir(exist_ok=True)
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "report.md").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "events" / "ev.md").write_text(
        f"---\ntitle: {json.dumps(title)}\ndate: 2022-05-23\nsources: [report]\nfeatured: true"
        f"\n---\n{body}\n", encoding="utf-8")
    documents, problems = load_documents(tmp_path, max_bytes=1_000_000)
    timeline, found = validate(documents)
    assert problems + found == []
    return timeline


SUMMARIES = [
    ("snake_case_name is kept", "snake_case_name is kept"),
    ("x < y and y > z", "x < y and y > z"),
    ("2*3*4 is 24", "2*3*4 is 24"),
    ("un*believ*able", "un*believ*able"),
    ("[Sochi](https://en.wikipedia.org/wiki/Sochi_(city)) hosted it.", "Sochi hosted it."),
    ("**Bold** and *italic* and `code_here`", "Bold and italic and code_here"),
    ("# A heading\n\nThe first paragraph.\n\nThe second.", "The first paragraph."),
    ("A &amp; B, AT&T, &lt;tag&gt;", "A & B, AT&T, <tag>"),
    ("<b>bold</b> <span>span</span> <script>alert(1)</script>text", "bold span text"),
    ("Putin's \"special operation\"", "Putin’s “special operation”"),
    ("- one\n- two", "one two"),
    ("![a photo](p.png)\n\nAfter the photo.", "After the photo."),
    ("```\ncode block\n```\n\nProse.", "Prose."),
    ("Tabs\tand\t\tspaces  collapse", "Tabs and spaces collapse"),
    ("10\u00a0000 people", "10\u00a0000 people"),                  # NBSP is the writer's
    ("שלום עולם, مرحبا بالعالم", "שלום עולם, مرحبا بالعالم"),          # RTL text as written
    ("e\u0301 and 👩‍👩‍👧 and 🇺🇦", "e\u0301 and 👩‍👩‍👧 and 🇺🇦"),
    ("", ""),
]


@pytest.mark.parametrize(("body", "summary"), SUMMARIES)
def test_summary_is_the_rendered_text(tmp_path: Path, body: str, summary: str) -> None:
    assert timeline_of(tmp_path, body).events[0].summary == summary


def _page_text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", page)).split())


@pytest.mark.parametrize("body", ["snake_case_name, x < y and y > z, 2*3*4 & "
                                  "[Sochi](https://en.wikipedia.org/wiki/Sochi_(city))"])
def test_every_output_carries_the_same_summary(tmp_path: Path, body: str) -> None:
    timeline = timeline_of(tmp_path, body)
    expected = "snake_case_name, x < y and y > z, 2*3*4 & Sochi"
    assert timeline.events[0].summary == expected
    settings = Settings(content_dir=tmp_path, site_url="https://example.org/")
    record = json.loads(FORMATS["json"](timeline, settings))
    assert record["events"][0]["summary"] == expected
    rows = list(csv.DictReader(io.StringIO(FORMATS["csv"](timeline, settings))))
    assert rows[0]["summary"] == expected
    calendar = icalendar.Calendar.from_ical(FORMATS["ics"](timeline, settings))
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["DESCRIPTION"]).startswith(expected)
    feed = ElementTree.fromstring(FORMATS["atom"](timeline, settings).encode())
    atom = "{http://www.w3.org/2005/Atom}"
    assert [e.text for e in feed.iter(f"{atom}summary")] == [expected]
    featured = Renderer(timeline, settings).featured("")
    assert expected in _page_text(featured)
    page = Renderer(timeline, settings).timeline_page("")
    assert f'"{html.escape(expected)}"' in page, "the text search reads the same summary"


def test_a_long_body_is_cut_at_a_word(tmp_path: Path) -> None:
    body = "word " * 100
    summary = timeline_of(tmp_path, body).events[0].summary
    assert summary == ("word " * 55).strip() + "…" and len(summary) <= SUMMARY_LENGTH


GRAPHEMES = st.sampled_from(["a", "é", "e\u0301", "👩‍👩‍👧‍👦", "🇺🇦", "👍🏽", "ש", "م", " ", "\u00a0",
                             "क्षि", "ก่", "한", "\u200d", ","])


@settings(deadline=None)
@given(st.lists(GRAPHEMES, min_size=0, max_size=400).map("".join))
def test_a_cut_never_splits_a_grapheme(text: str) -> None:
    summary = cut(text)
    assert len(summary) <= SUMMARY_LENGTH
    if summary == text:
        return
    assert summary.endswith("…")
    kept = summary[:-1]
    boundaries = {0}
    for match in regex.finditer(r"\X", text):
        boundaries.add(match.end())
    assert text.startswith(kept) and len(kept) in boundaries


def test_emoji_sequences_at_the_cut_are_kept_whole_or_left_out() -> None:
    family = "👩‍👩‍👧‍👦"
    for shift in range(len(family) + 1):
        text = "x" * (SUMMARY_LENGTH - 3 - shift) + family + " tail " * 10
        summary = cut(text)
        assert family in summary or "\u200d" not in summary, (shift, summary[-12:])

