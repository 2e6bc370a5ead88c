"""Sourcing (CONTRACT sections 2, 4, 5, 6): variants, unattributed quotes, disputes,
corrections, lineage and provenance, inline citations, and the sourcing figures."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

from tests.conftest import run_env
from timeline_builder.builders.pipeline import build_timeline
from timeline_builder.checks import variants
from timeline_builder.checks.stats import format_text, sourcing_stats
from timeline_builder.config.settings import Settings
from timeline_builder.core import citations
from timeline_builder.core.model import Quote
from timeline_builder.exports.atom import export_atom
from timeline_builder.exports.json_export import timeline_record
from timeline_builder.markup.sanitize import restore_trusted
from timeline_builder.reading.history import last_changed
from timeline_builder.site.citations_ext import CitationExtension, expand_citations
from timeline_builder.site.markdown_ext import EmbedState
from timeline_builder.site.render import Renderer

ATOM = "{http://www.w3.org/2005/Atom}"
REPORT_TEXT = ("Lukashenko said: refrain from the supply of weapons. The Rada extended martial "
               "law for another month. Any concession to Russia is no path to peace.")
COPY_TEXT = ("Lukashenko said: refrain from arms sales. The Rada extended martial law for "
             "another month, on Saturday.")
SOURCES = {
    "report": ("title: The report\noutlet: Daily Paper\npublished: 2022-05-23\n"
               "url: https://example.org/report", REPORT_TEXT),
    "copy": ("title: The copy\noutlet: Copy Site\npublished: 2023\n"
             "derived_from: report\naccessed: 2024-03-01", COPY_TEXT),
    "wire": ("title: The wire\noutlet: Wire\npublished: 2022-05-22\n"
             "url: https://example.org/wire\nurl_status: usurped\n"
             "archived_url: https://web.archive.org/web/2022/https://example.org/wire", ""),
}
ACTORS = {"lukashenko": "name: Alexander Lukashenko", "podolyak": "name: Mykhailo Podolyak"}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, events: dict[str, str], *, sources: dict | None = None,
          pages: dict[str, str] | None = None) -> Settings:
    content = tmp_path / "content"
    for folder in ("events", "sources", "actors"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for name, (front, body) in (sources or SOURCES).items():
        (content / "sources" / f"{name}.md").write_text(f"---\n{front}\n---\n{body}\n")
    for name, front in ACTORS.items():
        (content / "actors" / f"{name}.md").write_text(f"---\n{front}\n---\n")
    for name, text in events.items():
        (content / "events" / f"{name}.md").write_text(text)
    for name, text in (pages or {}).items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text)
    return Settings(content_dir=Path("content"))


def event(*lines: str, body: str = "Body.") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


BASE = ("title: Letter", "date: 2022-05-18", "actors: [lukashenko, podolyak]",
        "sources: [report, copy, wire]")


def messages(tmp_path: Path, events: dict[str, str], **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    _, problems = build_timeline(write(tmp_path, events, **kwargs))
    return [p.text() for p in problems if p.severity != "note"]


VARIANTS_OK = (*BASE, "quotes:",
               "  - id: weapons", "    text: refrain from the supply of weapons",
               "    speaker: lukashenko", "    source: report",
               "  - text: refrain from arms sales", "    speaker: lukashenko",
               "    source: copy", "    variant_of: weapons",
               "  - text: Any concession to Russia is no path to peace.",
               "    source: report", "    attribution: unattributed",
               "    note: A pull quote with no speaker.")


def test_declared_variants_and_an_unattributed_quote_are_valid(tmp_path: Path) -> None:
    settings = write(tmp_path, {"letter": event(*VARIANTS_OK)})
    timeline, problems = build_timeline(settings)
    assert [p.text() for p in problems] == []
    quotes = timeline.events[0].quotes
    assert [(q.id, q.variant_of, q.attribution, q.speaker) for q in quotes] == [
        ("weapons", "", "attributed", "lukashenko"),
        ("", "weapons", "attributed", "lukashenko"),
        ("", "", "unattributed", None),
    ]
    report_hash = hashlib.sha256(REPORT_TEXT.encode()).hexdigest()
    assert quotes[0].verified_against == report_hash
    assert timeline.source("report").text_sha256 == report_hash  # type: ignore[union-attr]


def quote_lines(*quotes: tuple[str, ...]) -> tuple[str, ...]:
    lines: list[str] = [*BASE, "quotes:"]
    for quote in quotes:
        lines += [("  - " if i == 0 else "    ") + line for i, line in enumerate(quote)]
    return tuple(lines)


Q_REPORT = ("text: refrain from the supply of weapons", "speaker: lukashenko", "source: report")
Q_COPY = ("text: refrain from arms sales", "speaker: lukashenko", "source: copy")


@pytest.mark.parametrize(("lines", "expected"), [
    (quote_lines(("id: weapons", *Q_REPORT), ("id: weapons", *Q_COPY)),
     ":12: error: quote: id 'weapons' is already used by the quote on line 8; "
     "give each quote of an event its own id"),
    (quote_lines(("id: weapons", *Q_REPORT), (*Q_COPY, "variant_of: weapon")),
     ":11: error: quote: variant_of 'weapon' is not the id of a quote of this event "
     "(did you mean 'weapons'?); give the other version id: and name it here"),
    (quote_lines(("id: weapons", *Q_REPORT, "variant_of: weapons")),
     ":8: error: quote: variant_of 'weapons' names the quote itself"),
    (quote_lines(("id: a", *Q_REPORT, "variant_of: b"), ("id: b", *Q_COPY, "variant_of: a")),
     ":8: error: quote: variant_of 'b' goes round in a circle; let one version be the "
     "original: remove its variant_of"),
    (quote_lines(("id: Weapons", *Q_REPORT)),
     ":7: error: quote: id 'Weapons' is not a valid id; use lowercase letters, digits and "
     "hyphens, e.g. id: refrain-weapons"),
    (quote_lines(("text: no path to peace", "speaker: podolyak", "source: report",
                  "attribution: unattributed", "note: pull quote")),
     ":8: error: quote: speaker 'podolyak' is given, but the quote is marked unattributed; "
     "remove speaker:, or remove attribution: unattributed"),
    (quote_lines(("text: no path to peace", "source: report", "attribution: unattributed")),
     ":9: error: quote: an unattributed quote needs a note:"),
    (quote_lines(("text: no path to peace", "source: report", "attribution: unatributed")),
     ":9: error: quote: attribution 'unatributed' is not one of attributed, unattributed "
     "(did you mean 'unattributed'?)"),
    (quote_lines(("text: no path to peace", "source: report")),
     ":7: error: quote: 'speaker:' is missing or empty"),
    (quote_lines((*Q_REPORT, "varient_of: x")),
     ":10: error: quote: unknown key 'varient_of' (did you mean 'variant_of'?)"),
])
def test_quote_rules(tmp_path: Path, lines: tuple[str, ...], expected: str) -> None:
    found = messages(tmp_path, {"letter": event(*lines)})
    assert any(f"content/events/letter.md{expected}" in m for m in found), found


def dispute_lines(*lines: str) -> tuple[str, ...]:
    return (*BASE, "disputes:", *[("  - " if i == 0 else "    ") + line
                                  for i, line in enumerate(lines)])


@pytest.mark.parametrize(("lines", "expected"), [
    (dispute_lines("source: other", "says: x", "note: y"),
     ":7: error: dispute: source 'other' is not one of this event's sources; a dispute is "
     "about a source the event cites: add it to sources:"),
    (dispute_lines("source: copy", "says: for another year", "note: It was 90 days."),
     ":8: error: dispute: not found in the text of source 'copy'; closest passage"),
    (dispute_lines("source: copy", "says: for another month"),
     ":7: error: dispute: 'note:' is missing or empty"),
    (dispute_lines("source: copy", "says: for another month", "note: 90 days.",
                   "sources: [copy]"),
     ":10: error: dispute: sources: 'copy' is the disputed source itself"),
    (dispute_lines("source: copy", "says: for another month", "note: 90 days.",
                   "sources: [reprot]"),
     ":10: error: dispute: sources: 'reprot' is not one of this event's sources "
     "(did you mean 'report'?)"),
    (dispute_lines("source: copy", "says: for another month", "note: 90 days.", "sayz: x"),
     ":10: error: dispute: unknown key 'sayz' (did you mean 'says'?)"),
    ((*BASE, "disputes: another month"), ":6: error: disputes: must be a list of "
     "{source, says, note, sources}"),
])
def test_dispute_rules(tmp_path: Path, lines: tuple[str, ...], expected: str) -> None:
    found = messages(tmp_path, {"rada": event(*lines)})
    assert any(f"content/events/rada.md{expected}" in m for m in found), found


def correction_lines(*entries: tuple[str, ...]) -> tuple[str, ...]:
    lines = [*BASE, "corrections:"]
    for entry in entries:
        lines += [("  - " if i == 0 else "    ") + line for i, line in enumerate(entry)]
    return tuple(lines)


@pytest.mark.parametrize(("lines", "expected"), [
    (correction_lines(("date: 2024-03-02", "text: b"), ("date: 2024-03-01", "text: a")),
     ":9: error: correction: 2024-03-01 comes after 2024-03-02; corrections are listed "
     "oldest first; move this correction above the later one"),
    (correction_lines(("date: March 2024", "text: a"),),
     ":7: error: correction: date 'March 2024' is not a day"),
    (correction_lines(("date: yesterday", "text: a"),), ":7: error: correction: date: "),
    (correction_lines(("date: 2024-03-01",),),
     ":7: error: correction: 'text:' is missing or empty; a correction has date: "
     "YYYY-MM-DD (the day it was made) and text:"),
])
def test_correction_rules(tmp_path: Path, lines: tuple[str, ...], expected: str) -> None:
    found = messages(tmp_path, {"rada": event(*lines)})
    assert any(f"content/events/rada.md{expected}" in m for m in found), found


def with_source(name: str, front: str, body: str = "") -> dict:
    return {**SOURCES, name: (front, body)}


@pytest.mark.parametrize(("sources", "expected"), [
    (with_source("copy", "title: c\noutlet: o\npublished: 2023\nderived_from: reprot"),
     "content/sources/copy.md:5: error: derived_from: no source 'reprot' (did you mean "
     "'report'?); add content/sources/reprot.md or fix the id"),
    (with_source("copy", "title: c\noutlet: o\npublished: 2023\nderived_from: copy"),
     "content/sources/copy.md:5: error: derived_from: a source cannot derive from itself"),
    ({**with_source("copy", "title: c\noutlet: o\npublished: 2023\nderived_from: wire"),
      "wire": ("title: w\noutlet: o\npublished: 2022\nderived_from: copy", "")},
     "content/sources/copy.md:5: error: derived_from: the lineage goes round in a circle: "
     "copy → wire → copy"),
    (with_source("copy", "title: c\noutlet: o\npublished: 2023\naccessed: 1 March 2024"),
     "content/sources/copy.md:5: error: accessed: '1 March 2024' is not a day written "
     "YYYY-MM-DD"),
    (with_source("copy", "title: c\noutlet: o\npublished: 2023\naccessed: 2024-02-30"),
     "content/sources/copy.md:5: error: accessed: '2024-02-30' is not a real day"),
    (with_source("copy", "title: c\noutlet: o\npublished: 2023\nurl_status: ded"),
     "content/sources/copy.md:5: error: url_status: 'ded' is not one of live, dead, usurped "
     "(did you mean 'dead'?)"),
    (with_source("copy", "title: c\noutlet: o\npublished: 2023\n"
                 "url: https://example.org/c\nurl_status: dead"),
     "content/sources/copy.md:6: error: url_status: a dead url needs an archived copy; "
     "add archived_url: (e.g. a web.archive.org address)"),
])
def test_source_provenance_rules(tmp_path: Path, sources: dict, expected: str) -> None:
    found = messages(tmp_path, {}, sources=sources)
    assert any(expected in m for m in found), found


def test_relative_dates_count_from_the_original_of_a_copy(tmp_path: Path) -> None:
    """The copy is dated only 2023; its "Saturday" is the original's (23 May 2022)."""
    settings = write(tmp_path, {"podolyak": event(
        "title: P", "date: Saturday", "sources: [copy, report]")})
    timeline, problems = build_timeline(settings)
    assert [p.text() for p in problems] == []
    assert timeline.events[0].date.iso() == "2022-05-21"


def test_a_copy_whose_original_is_not_dated_to_the_day_cannot_anchor(tmp_path: Path) -> None:
    sources = {**SOURCES, "report": ("title: r\noutlet: o\npublished: May 2022", REPORT_TEXT)}
    found = messages(tmp_path, {"p": event("title: P", "date: Saturday", "sources: [copy]")},
                     sources=sources)
    assert found == ["content/events/p.md:3: error: date: 'Saturday' is relative and has "
                     "nothing to count from (no reported:, and 'report', the original of the "
                     "first source 'copy', is dated only 2022-05); add 'reported: YYYY-MM-DD' "
                     "(the day it was reported) or write the date in full, e.g. 2022-05-23"]


UNDATED_SOURCES = {
    **SOURCES,
    "docket": ("title: Case 1:22-cv-00123\noutlet: PACER\npublished: n.d.", ""),
    "registry": ("title: Company register entry\noutlet: Registry\n"
                 "url: https://example.org/registry", ""),
}


def test_undated_sources_are_valid_and_shown_as_nd(tmp_path: Path) -> None:
    """``published: n.d.`` and no ``published:`` both mean "no date" (issue 19): valid,
    null in the JSON, "n.d." in citations, counted by --stats."""
    settings = write(tmp_path, {"filing": event(
        "title: F", "date: 2022-05-20", "sources: [docket, registry]")},
        sources=UNDATED_SOURCES)
    timeline, problems = build_timeline(settings)
    assert [p.text() for p in problems if p.severity != "note"] == []
    assert [s.published for s in timeline.sources if s.id in ("docket", "registry")] == \
        [None, None]
    record = timeline_record(timeline)
    published = {s["id"]: s["published"] for s in record["sources"]}
    assert published["docket"] is None and published["registry"] is None
    assert published["report"] == "2022-05-23"
    stats = sourcing_stats(timeline)
    assert stats.undated_sources == 2 and stats.record()["undated_sources"] == 2
    assert "  undated (published: n.d.)" in format_text(stats)


@pytest.mark.parametrize(("first", "why"), [
    ("docket", "the first source 'docket' is undated: published: n.d."),
    ("registry", "the first source 'registry' is undated: published: n.d."),
    ("relay", "'docket', the original of the first source 'relay', is undated: "
              "published: n.d."),
])
def test_an_undated_source_cannot_anchor_a_relative_date(tmp_path: Path, first: str,
                                                         why: str) -> None:
    """The error is on the line that needs the date (the event's date:), not the source's."""
    sources = {**UNDATED_SOURCES, "relay": (
        "title: Relay\noutlet: Wire\npublished: 2022-05-24\nderived_from: docket", "")}
    found = messages(tmp_path, {"p": event("title: P", "date: Saturday",
                                           f"sources: [{first}]")}, sources=sources)
    assert found == [f"content/events/p.md:3: error: date: 'Saturday' is relative and has "
                     f"nothing to count from (no reported:, and {why}); add 'reported: "
                     "YYYY-MM-DD' (the day it was reported) or write the date in full, "
                     "e.g. 2022-05-23"]


def test_an_undated_source_with_reported_anchors_nothing(tmp_path: Path) -> None:
    found = messages(tmp_path, {"p": event("title: P", "date: Saturday",
                                           "reported: 2022-05-23", "sources: [docket]")},
                     sources=UNDATED_SOURCES)
    assert found == []


def test_text_sha256_is_of_the_utf8_lf_text_whatever_the_file_line_endings(
        tmp_path: Path) -> None:
    settings = write(tmp_path, {})
    crlf = "---\r\ntitle: t\r\noutlet: o\r\npublished: 2022\r\n---\r\nLine one\r\nLine two\r\n"
    (tmp_path / "content" / "sources" / "crlf.md").write_bytes(crlf.encode())
    timeline, _ = build_timeline(settings)
    expected = hashlib.sha256(b"Line one\nLine two").hexdigest()
    assert timeline.source("crlf").text_sha256 == expected  # type: ignore[union-attr]
    assert timeline.source("wire").text_sha256 == ""  # type: ignore[union-attr]


@pytest.mark.parametrize(("body", "expected"), [
    ("One.\n\nTwo [@reprot].", "content/events/e.md:8: error: citation [@reprot]: no source "
     "'reprot' (did you mean 'report'?); cite one of this event's sources: report"),
    ("Line one.\nLine two [@copy].", "content/events/e.md:7: error: citation [@copy] is not "
     "one of this event's sources; add copy to sources:, or cite one of report"),
])
def test_event_citations_name_the_body_line(tmp_path: Path, body: str, expected: str) -> None:
    found = messages(tmp_path, {"e": event("title: E", "date: 2022-05-23", "sources: [report]",
                                           body=body)})
    assert found == [expected]


def test_citations_in_code_links_and_reference_definitions_are_not_citations() -> None:
    text = ("A [@one] b `[@code]` [@link](https://x.org) [@ref][r]\n\n```\n[@fenced]\n```\n"
            "[@def]: https://example.org\nmid [@two]: colon\n")
    assert [(c.source_id, c.line) for c in citations.find(text)] == [("one", 1), ("two", 7)]


def test_explainer_citations_are_checked_by_timeline_check(tmp_path: Path) -> None:
    page = "---\ntitle: E\n---\n# E\n\nFine [@report].\n\nBad [@repot].\n"
    found = messages(tmp_path, {}, pages={"explainers/e.md": page})
    assert found == ["content/explainers/e.md:8: error: citation [@repot]: no source 'repot' "
                     "(did you mean 'report'?); cite the id of a file under content/sources/"]


def test_undeclared_variants_get_a_note_and_identical_quotes_do_not(tmp_path: Path) -> None:
    lines = quote_lines(
        ("text: 'Together and each in our role, we can do a lot today: refrain from the "
         "supply of weapons'", "speaker: lukashenko", "source: report"),
        ("text: 'Together, and each in his own role, we can do a lot today: refrain from the "
         "supply of arms'", "speaker: lukashenko", "source: copy"),
        ("text: refrain from the supply of weapons", "speaker: lukashenko", "source: wire"))
    _, problems = build_timeline(write(tmp_path, {"letter": event(*lines)}))
    notes = [p.text() for p in problems if p.severity == "note"]
    assert notes[0].startswith("content/events/letter.md:10: note: quote: looks like a "
                               "variant of the quote on line 7 (")
    assert notes[0].endswith("if both render the same words, give the quote on line 7 an "
                             "id: and add variant_of: with it here")
    # The third is word for word inside the first: corroboration, not a variant. The wire
    # has no archived text, so its quote gets the other kind of note.
    assert len(notes) == 2 and "no archived text" in notes[1]


@pytest.mark.parametrize(("a", "b", "suggested"), [
    ("Despite all the difficulties, the economy is withstanding the sanctions, quite well",
     "Despite all the difficulties, the economy is withstanding the sanctions commendably",
     True),
    ("Any concession to Russia is no path to peace.",
     "Any concession to Russia is not a path to peace, but a war postponed for several years.",
     True),
    ("We are not traitors", "We are not aggressors, as some states try to portray us.", False),
    ("The security architecture in Europe has failed.",
     "The security architecture in Europe has failed.", False),
    ("We are not traitors", "Honesty and integrity in relationships are important to us.",
     False),
])
def test_suggestion_threshold(a: str, b: str, suggested: bool) -> None:
    quotes = [Quote(a, "x", "one", True, 1), Quote(b, "x", "two", True, 2)]
    assert bool(variants.suggestions(quotes)) is suggested


@pytest.mark.parametrize(("text", "other", "marked"), [
    ("refrain from the supply of weapons", "refrain from arms sales",
     ["refrain from", "*the supply of weapons"]),
    ("“We are not traitors,” he said", "We are not traitors", ["“We are not traitors,”",
                                                               "*he said"]),
    ("encouraging racism and Discrimination", "encouraging racism and discrimination",
     ["encouraging racism and Discrimination"]),
])
def test_word_diff_marks_only_the_differing_words(text: str, other: str,
                                                  marked: list[str]) -> None:
    pieces = variants.marked(text, [other])
    assert [("*" if p.differs else "") + p.text for p in pieces] == marked


FULL = {
    "letter": event(*VARIANTS_OK, "disputes:", "  - source: copy",
                    "    says: for another month", "    note: It was 90 days.",
                    "    sources: [report]",
                    "corrections:", "  - date: 2024-03-01", "    text: First fix.",
                    "  - date: 2024-03-05", "    text: Second fix.",
                    body="The Rada voted [@report] and a wire said so [@wire] [@report]."),
    "solo": event("title: Solo", "date: 2022-05-20", "sources: [copy, report]",
                  "corrections:", "  - date: 2024-03-03", "    text: Middle fix."),
    "wire-only": event("title: Wire", "date: 2022-05-21", "sources: [wire]", "quotes:",
                       "  - text: unchecked words", "    speaker: podolyak",
                       "    source: wire", "actors: [podolyak]"),
}


@pytest.fixture
def full(tmp_path: Path) -> tuple[Renderer, Settings]:
    settings = write(tmp_path, FULL)
    timeline, problems = build_timeline(settings)
    assert [p.text() for p in problems if p.severity != "note"] == []
    return Renderer(timeline, settings), settings


def test_stats_on_a_fixture_with_known_figures(full: tuple[Renderer, Settings]) -> None:
    record = sourcing_stats(full[0].timeline).record()
    assert record == {
        "events": 3, "sources": 3, "undated_sources": 0,
        "events_per_source": {"report": 2, "copy": 2, "wire": 2},
        # "solo" cites a copy and its original: one source. "wire-only" has one.
        "single_source_events": {"count": 2, "events": ["solo", "wire-only"]},
        "quotes": {"total": 4, "verified": 3, "unverified": 1, "with_variants": 2,
                   "unattributed": 1},
        "derived_sources_original_not_cited": {"count": 0, "sources": []},
        "disputes": 1, "corrections": 3,
    }


def test_stats_name_a_copy_cited_without_its_original(tmp_path: Path) -> None:
    settings = write(tmp_path, {"e": event("title: E", "date: 2022-05-20",
                                           "sources: [copy]")})
    timeline, _ = build_timeline(settings)
    figures = sourcing_stats(timeline)
    assert figures.record()["derived_sources_original_not_cited"] == {
        "count": 1, "sources": [{"source": "copy", "original": "report"}]}
    assert "  derived sources whose original is not cited       1\n" \
        "      - copy (original: report)\n" in format_text(figures)


def test_check_stats_prints_text_and_json(full: tuple[Renderer, Settings]) -> None:
    timeline_bin = Path(sys.executable).parent / "timeline"
    text = subprocess.run([str(timeline_bin), "check", "--stats", "--content", "content"],
                          capture_output=True, text=True, env=run_env(), timeout=60)
    assert text.returncode == 0, text.stderr
    assert text.stdout == format_text(sourcing_stats(full[0].timeline))
    assert re.search(r"^  events resting on a single source +2$", text.stdout, re.M)
    assert "note: quote: source 'wire' has no archived text" in text.stderr
    as_json = subprocess.run([str(timeline_bin), "check", "--stats", "--format", "json",
                              "--content", "content"], capture_output=True, text=True,
                             env=run_env(), timeout=60)
    assert json.loads(as_json.stdout)["quotes"]["with_variants"] == 2


def test_json_carries_the_sourcing_fields(full: tuple[Renderer, Settings]) -> None:
    record = timeline_record(full[0].timeline)
    letter = next(e for e in record["events"] if e["id"] == "letter")
    report_hash = hashlib.sha256(REPORT_TEXT.encode()).hexdigest()
    assert letter["quotes"][0] == {
        "id": "weapons", "text": "refrain from the supply of weapons", "speaker": "lukashenko",
        "source": "report", "verified": True, "attribution": "attributed", "variant_of": None,
        "note": "", "verified_against": report_hash}
    assert letter["summary"] == "The Rada voted and a wire said so."  # citations left out
    assert letter["quotes"][2]["speaker"] is None
    assert letter["quotes"][2]["attribution"] == "unattributed"
    assert letter["disputes"] == [{"source": "copy", "says": "for another month",
                                   "note": "It was 90 days.", "sources": ["report"],
                                   "verified": True}]
    assert letter["corrections"] == [{"date": "2024-03-01", "text": "First fix."},
                                     {"date": "2024-03-05", "text": "Second fix."}]
    wire_only = next(e for e in record["events"] if e["id"] == "wire-only")
    assert "verified_against" not in wire_only["quotes"][0]
    sources = {s["id"]: s for s in record["sources"]}
    assert {k: sources["copy"][k] for k in ("derived_from", "accessed", "url_status")} == {
        "derived_from": "report", "accessed": "2024-03-01", "url_status": "live"}
    assert sources["wire"]["text_sha256"] is None and sources["wire"]["url_status"] == "usurped"


def test_timeline_shows_variants_disputes_corrections_and_numbered_citations(
        full: tuple[Renderer, Settings]) -> None:
    html = full[0].timeline_page("../")
    card = html[html.index('id="letter"'):html.index('id="solo"')]
    variant = card[card.index('class="tl-variants"'):]
    assert '<mark class="tl-diff">the supply of weapons</mark>' in variant
    assert '<mark class="tl-diff">arms sales</mark>' in variant
    assert "Words that differ are highlighted and underlined." in variant
    assert re.search(r'class="tl-badge[^"]*">Unattributed<', card)
    assert "A pull quote with no speaker." in card
    dispute = card[card.index('<aside class="tl-dispute"'):]
    assert 'role="note"' in dispute[:80]
    assert "says “for another month”" in dispute and "It was 90 days." in dispute
    assert card.index("First fix.") < card.index("Second fix.")  # oldest first, as written
    # [@report] is source 1 of the event (twice), [@wire] source 3; each links its page.
    links = re.findall(r'<sup class="tl-cite"><a href="([^"]+)"[^>]*>\[(\d)\]</a></sup>', card)
    assert links == [("../sources/report/", "1"), ("../sources/wire/", "3"),
                     ("../sources/report/", "1")]
    assert "The Rada voted<sup" in card  # the citation takes the space before it


def test_source_pages_show_lineage_both_ways_and_never_link_a_usurped_url(
        full: tuple[Renderer, Settings]) -> None:
    renderer = full[0]
    timeline = renderer.timeline
    copy = renderer.source_page(timeline.source("copy"), "../../")  # type: ignore[arg-type]
    assert re.search(r'derived from <a href="../../sources/report/">Daily Paper: The report</a>',
                     copy)
    assert '<time datetime="2024-03-01">1 March 2024</time>' in copy
    assert hashlib.sha256(COPY_TEXT.encode()).hexdigest() in copy
    assert "Disputed claims in it (1)" in copy
    report = renderer.source_page(timeline.source("report"), "../../")  # type: ignore[arg-type]
    assert "Relayed, copied or translated by:" in report
    assert '<a href="../../sources/copy/">Copy Site: The copy</a>' in report
    wire = renderer.source_page(timeline.source("wire"), "../../")  # type: ignore[arg-type]
    assert 'href="https://example.org/wire"' not in wire and "https://example.org/wire" in wire
    assert "usurped" in wire
    assert 'href="https://web.archive.org/web/2022/https://example.org/wire"' in wire


def test_corrections_page_and_feed_list_corrections_newest_first(
        full: tuple[Renderer, Settings]) -> None:
    renderer, settings = full
    page = renderer.corrections_page("../")
    assert [page.index(t) for t in ("Second fix.", "Middle fix.", "First fix.")] == sorted(
        page.index(t) for t in ("Second fix.", "Middle fix.", "First fix."))
    assert 'id="letter-correction-2"' in page
    feed = ET.fromstring(export_atom(renderer.timeline, Settings(site_url="https://ex.org/")))
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated")[:10],
                e.findtext(f"{ATOM}id")) for e in feed.iter(f"{ATOM}entry")]
    corrections = [entry for entry in entries if entry[0].startswith("Correction: ")]
    assert corrections == [
        ("Correction: Letter", "2024-03-05", "https://ex.org/corrections/#letter-correction-2"),
        ("Correction: Solo", "2024-03-03", "https://ex.org/corrections/#solo-correction-1"),
        ("Correction: Letter", "2024-03-01", "https://ex.org/corrections/#letter-correction-1"),
    ]
    assert entries[0][0] == "Correction: Letter"  # newer than every event
    assert feed.findtext(f"{ATOM}updated", "")[:10] == "2024-03-05"


def test_sourcing_page_shows_the_stats_figures(full: tuple[Renderer, Settings]) -> None:
    page = full[0].sourcing_page("../")
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', page)
    assert rows == [(label.strip(), str(figure))
                    for label, figure in sourcing_stats(full[0].timeline).rows()]


PAGE = "First [@wire].\n\nThen [@report] and [@wire].\n\n`[@copy]` stays, [@nobody] too."


def test_explainer_citations_are_numbered_in_reading_order(
        full: tuple[Renderer, Settings]) -> None:
    extension = CitationExtension(EmbedState(full[0], page_url="explainers/e/"))
    md = markdown.Markdown(extensions=[extension])
    html = restore_trusted(md.convert(PAGE), full[0].trusted)
    assert re.findall(r'href="../../sources/(\w+)/"[^>]*>\[(\d)\]', html) == [
        ("wire", "1"), ("report", "2"), ("wire", "1")]
    assert "<code>[@copy]</code>" in html and "[@nobody]" in html
    md.reset()
    again = md.convert("Now [@report].")
    assert re.findall(r"\[(\d)\]</a>", restore_trusted(again, full[0].trusted)) == ["1"]


def test_timeline_render_expands_the_same_citations(full: tuple[Renderer, Settings]) -> None:
    """For builders that run no extension of ours: the same links, in the markdown."""
    extension = CitationExtension(EmbedState(full[0], page_url="explainers/e/"))
    by_extension = restore_trusted(markdown.Markdown(extensions=[extension]).convert(PAGE),
                                   full[0].trusted)
    text, inserted = expand_citations(PAGE, full[0], "../../")
    assert markdown.Markdown().convert(text) == by_extension
    assert len(inserted) == 3  # handed to the page cleaner as ours


def test_last_changed_comes_from_one_git_log_and_is_absent_outside_git(tmp_path: Path) -> None:
    settings = write(tmp_path, FULL)
    assert last_changed(settings.content_dir) == {}
    env = run_env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t",
                  GIT_COMMITTER_EMAIL="t@e", GIT_COMMITTER_DATE="2024-03-01T12:00:00Z",
                  GIT_AUTHOR_DATE="2024-03-01T12:00:00Z")
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "one"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    (tmp_path / "content" / "events" / "solo.md").write_text(FULL["solo"] + "More.\n")
    env["GIT_COMMITTER_DATE"] = "2024-04-02T12:00:00Z"
    subprocess.run(["git", "commit", "-qam", "two"], cwd=tmp_path, env=env, check=True)
    dates = last_changed(settings.content_dir)
    events = tmp_path / "content" / "events"
    assert (dates[str(events / "letter.md")].isoformat(),
            dates[str(events / "solo.md")].isoformat()) == ("2024-03-01", "2024-04-02")
    timeline, _ = build_timeline(settings)
    html = Renderer(timeline, settings).timeline_page("../")
    solo = html[html.index('id="solo"'):]
    assert 'Entry last changed <time datetime="2024-04-02">2 April 2024</time>' in solo
