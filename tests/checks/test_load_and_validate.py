"""Content rules of CONTRACT section 2: one row per failure mode, with the exact message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_builder.checks.validate import validate
from timeline_builder.core.model import Calendar
from timeline_builder.reading.load import display_path, load_documents, parse_document

WAR = (Calendar("war", __import__("datetime").date(2022, 2, 24)),)

SOURCE = ("---\ntitle: A report\noutlet: The Outlet\npublished: 2022-05-23\n---\n"
          "Putin said the economy is withstanding the sanctions, quite well, on Monday.\n")
ACTOR = "---\nname: Vladimir Putin\n---\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagnostics name paths relative to the current directory, as a contributor runs it."""
    monkeypatch.chdir(tmp_path)


def write_site(tmp_path: Path, events: dict[str, str], *, sources: dict[str, str] | None = None,
               actors: dict[str, str] | None = None) -> Path:
    content = tmp_path / "content"
    for folder, files in (("events", events), ("sources", sources or {"report": SOURCE}),
                          ("actors", actors or {"putin": ACTOR})):
        (content / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (content / folder / f"{name}.md").write_text(text, encoding="utf-8")
    return content


def check(tmp_path: Path, events: dict[str, str], **kwargs: dict[str, str]) -> list[str]:
    content = write_site(tmp_path, events, **kwargs)
    documents, problems = load_documents(content, max_bytes=1_000_000)
    timeline, found = validate(documents, WAR)
    return [p.text() for p in sorted(problems + found)]


def event(*lines: str, body: str = "Body.") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


VALID = ("title: Sochi", "date: day 89 of the war", "actors: [putin]", "sources: [report]")


def test_a_valid_event_has_no_diagnostics(tmp_path: Path) -> None:
    assert check(tmp_path, {"sochi": event(*VALID)}) == []


@pytest.mark.parametrize("end", ["2022-05", "2022", "2022-05-23", "2022-06"])
def test_an_end_that_contains_or_follows_the_date_is_a_range(tmp_path: Path, end: str) -> None:
    """``date: 2022-05-23``, ``end: 2022-05``: until some time in May, not "before" it."""
    lines = ("title: x", "date: 2022-05-23", f"end: {end}", "actors: [putin]", "sources: [report]")
    assert check(tmp_path, {"ev": event(*lines)}) == []


@pytest.mark.parametrize(("lines", "expected"), [
    (("title: x", "date: 2022-05-23", "actor: [putin]", "sources: [report]"),
     ":4: error: unknown key 'actor' (did you mean 'actors'?)"),
    (("title: x", "date: 2022-05-23", "sources: report, other"),
     ":4: error: sources: must be a list, not 'report, other'; write sources: [report, other]"),
    (("title: x", "date: 2022-05-23", "actors: [putn]", "sources: [report]"),
     ":4: error: actors: no actor 'putn' (did you mean 'putin'?)"),
    (("title: x", "date: 2022-05-23", "sources: [nope]"),
     ":4: error: sources: no source 'nope'"),
    (("title: x", "date: 31 February 2022", "sources: [report]"),
     ":3: error: date: '31 February 2022' is not a real date: February 2022 has 28 days"),
    (("title: x", "date: 05/06/2022", "sources: [report]"), ":3: error: date: "),
    (("title: x", "date: Saturday", "sources: [report]", "reported: 2022-05"),
     ":5: error: reported: '2022-05' is not a day"),
    (("title: x", "date: 2022-05-23", "end: 2022-05-20", "sources: [report]"),
     ":4: error: end: 2022-05-20 is before date 2022-05-23"),
    (("title: x", "date: 2022-06", "end: 2022-05", "sources: [report]"),
     ":4: error: end: 2022-05 is before date 2022-06"),
    (("title: x", "date: 2022", "end: 2022-05-10", "sources: [report]"),
     ":4: error: end: 2022-05-10 falls inside date 2022, which may begin after it; write date"),
    (("title: x", "date: 2022-05", "end: 2022-05-10", "sources: [report]"),
     ":4: error: end: 2022-05-10 falls inside date 2022-05, which may begin after it"),
    (("title: x", "date: Monday 22 May 2022", "sources: [report]"),
     ":3: error: date: 22 May 2022 was a Sunday, not a Monday"),
    (("date: 2022-05-23", "sources: [report]"), ":2: error: missing required key 'title'"),
    (("title: x", "sources: [report]"), ":2: error: missing required key 'date'"),
    (("title: x", "date: 2022-05-23", "sources: []"), ":4: error: sources: list at least one"),
    (("title: x", "title: y", "date: 2022-05-23", "sources: [report]"),
     ":3: error: key 'title' is given twice; keep one 'title:' (the first is on line 2)"),
    (("title: x", "date: 2022-05-23", "sources: [report]", "featured: maybe"),
     ":5: error: featured: 'maybe' is not true or false"),
    (("id: other", "title: x", "date: 2022-05-23", "sources: [report]"),
     ":2: error: id 'other' does not match the file name 'ev.md'"),
    (("title: x", "date: 2022-05-23", "actors: [putin]", "sources: [report]", "quotes:",
      "  - text: the economy is collapsing", "    speaker: putin", "    source: report"),
     ":7: error: quote: not found in the text of source 'report'; closest passage"),
    (("title: x", "date: 2022-05-23", "actors: [putin]", "sources: [report]", "quotes:",
      "  - text: withstanding the sanctions", "    speaker: lukashenko", "    source: report"),
     ":8: error: quote: speaker 'lukashenko' is not one of this event's actors"),
    (("title: x", "date: 2022-05-23", "actors: [putin]", "sources: [report]", "quotes:",
      "  - txt: withstanding the sanctions", "    speaker: putin", "    source: report"),
     ":7: error: quote: unknown key 'txt' (did you mean 'text'?)"),
    (("title: x", "date: Monday", "sources: [report]", "tags: [a, &x b, *x]"),
     ":5: error: YAML alias '*x' is not allowed"),
    (("title: [unclosed", "date: 2022-05-23"), ":3: error: invalid YAML"),
])
def test_each_rule_has_its_own_message(tmp_path: Path, lines: tuple[str, ...],
                                       expected: str) -> None:
    messages = check(tmp_path, {"ev": event(*lines)})
    assert any(expected in message for message in messages), messages
    assert all(m.startswith("content/events/ev.md:") for m in messages if "/events/" in m)


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "1: error: empty file"),
    (b"title: x\n", "1: error: missing front matter: the first line must be '---'"),
    (b"---\ntitle: x\n", "1: error: front matter is not closed"),
    (b"---\ntitle: \xff\n---\n", "2: error: not valid UTF-8 (byte 0xff)"),
    (b"---\n- a\n- b\n---\n", "2: error: front matter must be a mapping"),
    (b"---\nt: !!python/object:os.system x\n---\n", "2: error: YAML tag"),
])
def test_unreadable_files_are_diagnostics(raw: bytes, expected: str) -> None:
    document, problems = parse_document(raw, "event", "ev", "ev.md")
    assert document is None or document.broken, "never published"
    assert [p.text() for p in problems][0].startswith(f"ev.md:{expected}")


def test_bom_and_crlf_are_fine() -> None:
    raw = "\ufeff---\r\ntitle: x\r\ndate: 2022-05-23\r\n---\r\nBody\r\n".encode()
    document, problems = parse_document(raw, "event", "ev", "ev.md")
    assert problems == [] and document is not None
    assert document.fields["date"].line == 3 and document.body.strip() == "Body"


def test_all_problems_of_all_files_in_one_run(tmp_path: Path) -> None:
    messages = check(tmp_path, {
        "a": event("title: x", "date: Mondy", "sources: [report]"),
        "b": event("title: y", "date: 2022-05-23", "sources: [report]", "actor: [x]"),
        "c": "no front matter",
    })
    assert [m.split(": error")[0] for m in messages] == [
        "content/events/a.md:3", "content/events/b.md:5", "content/events/c.md:1"]


def test_relative_dates_use_reported_then_first_source(tmp_path: Path) -> None:
    content = write_site(tmp_path, {
        "anchored": event("title: x", "date: Saturday", "reported: 2022-05-23",
                          "sources: [report]"),
        "from-source": event("title: y", "date: yesterday", "sources: [report]"),
    })
    documents, _ = load_documents(content, max_bytes=1_000_000)
    timeline, problems = validate(documents, WAR)
    assert problems == []
    assert {e.id: e.date.iso() for e in timeline.events} == {
        "anchored": "2022-05-21", "from-source": "2022-05-22"}


def test_relative_date_without_a_day_anchor_is_an_error(tmp_path: Path) -> None:
    month_source = SOURCE.replace("published: 2022-05-23", "published: May 2022")
    messages = check(tmp_path, {"ev": event("title: x", "date: Monday", "sources: [report]")},
                     sources={"report": month_source})
    assert messages == [
        "content/events/ev.md:3: error: date: 'Monday' is relative and has nothing to count "
        "from (no reported:, and the first source 'report' is dated only 2022-05); add "
        "'reported: YYYY-MM-DD' (the day it was reported) or write the date in full, "
        "e.g. 2022-05-23"]


def test_precision_is_kept_and_day_numbers_only_for_days(tmp_path: Path) -> None:
    content = write_site(tmp_path, {
        "month": event("title: x", "date: May 2022", "sources: [report]"),
        "day": event("title: y", "date: 23 May 2022", "sources: [report]"),
    })
    timeline, problems = validate(load_documents(content, max_bytes=10**6)[0], WAR)
    by_id = {e.id: e for e in timeline.events}
    assert (by_id["month"].date.iso(), by_id["month"].date.precision) == ("2022-05", "month")
    assert by_id["month"].calendar == () and by_id["day"].calendar == (("war", 89),)


def test_source_rules(tmp_path: Path) -> None:
    bad = "---\ntitle: t\noutlet: o\npublished: yesterday\nurl: javascript:alert(1)\n---\n"
    messages = check(tmp_path, {}, sources={"bad": bad})
    assert "content/sources/bad.md:4: error: published: " in messages[0]
    assert messages[1].startswith(
        "content/sources/bad.md:5: error: url: 'javascript:alert(1)' uses javascript:, not "
        "http: or https:")


def test_quote_from_a_source_without_text_is_a_note(tmp_path: Path) -> None:
    no_text = "---\ntitle: t\noutlet: o\npublished: 2022-05-23\n---\n"
    messages = check(tmp_path, {"ev": event(
        "title: x", "date: 2022-05-23", "actors: [putin]", "sources: [report]", "quotes:",
        "  - text: anything", "    speaker: putin", "    source: report")},
        sources={"report": no_text})
    # A note, not a warning: citing a report we hold no text of is legitimate, and
    # `mkdocs build --strict` must not fail on it (CONTRACT: it is exported verified: false).
    assert len(messages) == 1 and ":7: note: quote: source 'report' has no archived text" \
        in messages[0]


def test_oversized_file_is_rejected_before_reading(tmp_path: Path) -> None:
    content = write_site(tmp_path, {"big": event(*VALID, body="x" * 2_000_000)})
    _, problems = load_documents(content, max_bytes=1_000_000)
    assert problems[0].text().endswith("over the limit of 1,000,000; split it or raise "
                                       "max_file_bytes")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b.md", ".", "..", "", ".x", "..y", "/"]), max_size=6),
       st.booleans())
def test_display_path_is_relpath_from_the_current_folder(parts: list[str], absolute: bool) -> None:
    """Diagnostics name files as os.path.relpath does (the fast path must agree)."""
    text = "/".join(parts) or "."
    if absolute:
        text = os.getcwd() + "/" + text
    assert display_path(text) == os.path.relpath(text)  # type: ignore[arg-type]
    assert display_path(Path(text)) == os.path.relpath(Path(text))


def test_a_reload_reads_each_edit_and_reuses_unchanged_files(tmp_path: Path) -> None:
    """Under `mkdocs serve` every rebuild loads again: an edited file is parsed again (same
    size, same second), an unchanged one is not."""
    content = write_site(tmp_path, {"a": "---\ntitle: One\n---\n", "b": "---\ntitle: Bee\n---\n"})
    first, _ = load_documents(content, max_bytes=10_000)
    (content / "events" / "a.md").write_text("---\ntitle: Two\n---\n", encoding="utf-8")
    second, _ = load_documents(content, max_bytes=10_000)
    by_id = {d.id: d for d in second}
    assert by_id["a"].fields["title"].data == "Two"
    assert by_id["b"] is next(d for d in first if d.id == "b")


def test_the_parse_cache_keeps_only_the_files_read_last() -> None:
    from timeline_builder.reading.load import _LastParse

    cache = _LastParse(most=2)
    raw = b"---\ntitle: T\n---\n"
    first = cache(raw, "event", "a", "a.md")
    second = cache(raw, "event", "b", "b.md")
    assert cache(raw, "event", "a", "a.md") is first  # read again: now the newest
    cache(raw, "event", "c", "c.md")  # b, the oldest, goes
    assert cache(raw, "event", "a", "a.md") is first
    assert cache(raw, "event", "b", "b.md") is not second  # parsed again
    assert cache(b"---\ntitle: U\n---\n", "event", "a", "a.md")[0].fields["title"].data == "U"
