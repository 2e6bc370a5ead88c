"""TimelineJS3 JSON → event and source files: round trip, ids, safety, and refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Event, ResolvedDate, Timeline
from timeline_builder.exports.timelinejs import export_timelinejs
from timeline_builder.imports.timelinejs import import_timelinejs


def make_timeline() -> Timeline:
    """One event per precision, a range, and a title that is awkward in HTML and YAML."""
    return Timeline(events=(
        Event("sochi", "Putin and Lukashenko meet in Sochi",
              ResolvedDate(dt.date(2022, 5, 23)), "Monday", ("beast",), "sochi.md",
              summary="They met: «economy» holds."),
        Event("martial-law", "Rada extends martial law",
              ResolvedDate(dt.date(2022, 5, 1), "month"), "May 2022", ("beast",), "m.md",
              end=ResolvedDate(dt.date(2022, 8, 23))),
        Event("war-year", "The war: <b>year</b> one & co",
              ResolvedDate(dt.date(2022, 1, 1), "year"), "2022", ("beast",), "w.md"),
    ))


def front_matter(path: Path) -> dict[str, object]:
    _, header, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    loaded = yaml.safe_load(header)
    assert isinstance(loaded, dict)
    return loaded


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2].strip()


def slides(*events: object) -> str:
    return json.dumps({"events": list(events)})


def slide(headline: str, year: int = 2022, **extra: object) -> dict[str, object]:
    return {"start_date": {"year": year, "month": 5, "day": 23},
            "text": {"headline": headline, "text": ""}, **extra}


def test_round_trip_keeps_titles_and_dates(tmp_path: Path) -> None:
    exported = export_timelinejs(make_timeline(), Settings())
    written, problems = import_timelinejs(exported, tmp_path, input_name="war.json")
    assert problems == []
    events = sorted(path for path in written if path.parent.name == "events")
    got = {str(front_matter(path)["title"]): front_matter(path) for path in events}
    expected = {event.title: event for event in make_timeline().events}
    assert set(got) == set(expected)
    for title, event in expected.items():
        assert str(got[title]["date"]) == event.date.iso()
        assert got[title].get("end") == (event.end.iso() if event.end else None)
    assert body(tmp_path / "events/putin-and-lukashenko-meet-in-sochi.md") == (
        "They met: «economy» holds.")


def test_placeholder_source_is_named_after_the_input(tmp_path: Path) -> None:
    written, _ = import_timelinejs(slides(slide("A"), slide("B", 2023)), tmp_path,
                                   input_name="data/war-2022.json")
    source = tmp_path / "sources/war-2022.md"
    assert source in written and len(written) == 3
    assert front_matter(tmp_path / "events/a.md")["sources"] == ["war-2022"]
    assert source.read_text(encoding="utf-8").startswith("---\ntitle: ")  # block style
    meta = front_matter(source)
    assert meta["published"] == "2023-05-23"  # not before the latest event it reports
    assert "TODO" in str(meta["title"]) and "data/war-2022.json" in str(meta["note"])


def test_one_source_per_distinct_media(tmp_path: Path) -> None:
    media = {"url": "https://example.com/a", "credit": "Reuters", "caption": "<i>Talks</i>"}
    data = slides(slide("A", media=media), slide("B", media=media),
                  slide("C", media={"credit": "AP"}), slide("D"))
    written, problems = import_timelinejs(data, tmp_path)
    assert problems == []
    sources = sorted(path.name for path in written if path.parent.name == "sources")
    assert sources == ["ap.md", "talks.md", "timeline.md"]
    assert front_matter(tmp_path / "sources/talks.md") == {
        "title": "Talks", "outlet": "Reuters", "published": "2022-05-23",
        "url": "https://example.com/a",
        "note": "Imported from timeline.json: check title, outlet and published, "
                "and paste the archived text below.",
    }
    assert front_matter(tmp_path / "events/b.md")["sources"] == ["talks"]


@pytest.mark.parametrize(("start", "expected"), [
    ({"year": 2022}, "2022"),
    ({"year": "2022", "month": "05"}, "2022-05"),
    ({"year": 2022, "month": 5, "day": 3}, "2022-05-03"),
])
def test_dates_keep_their_precision(tmp_path: Path, start: dict[str, object],
                                    expected: str) -> None:
    data = slides({"start_date": start, "text": {"headline": "X"}})
    import_timelinejs(data, tmp_path)
    assert str(front_matter(tmp_path / "events/x.md")["date"]) == expected


def test_clashing_headlines_get_suffixes(tmp_path: Path) -> None:
    data = slides(slide("Talks!"), slide("talks"), slide("TALKS"), slide("Talks 2"),
                  slide("¿¡"))
    written, _ = import_timelinejs(data, tmp_path)
    names = [path.name for path in written if path.parent.name == "events"]
    assert names == ["talks.md", "talks-2.md", "talks-3.md", "talks-2-2.md", "event.md"]


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    existing = tmp_path / "events/talks.md"
    existing.parent.mkdir()
    existing.write_text("mine", encoding="utf-8")
    written, problems = import_timelinejs(slides(slide("Other"), slide("Talks")), tmp_path)
    assert written == []
    assert [(p.path, p.message) for p in problems] == [
        (str(existing), "file already exists; nothing was imported")]
    assert existing.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["events", "talks.md"]

    written, problems = import_timelinejs(slides(slide("Talks")), tmp_path, force=True)
    assert problems == [] and existing in written
    assert front_matter(existing)["title"] == "Talks"


def test_front_matter_quotes_awkward_titles(tmp_path: Path) -> None:
    titles = ["No", "Yes: a colon", "- dash", "'quoted' \"both\"", "# hash", "2022-05-23",
              "Ünïcode — ок"]
    import_timelinejs(slides(*(slide(title) for title in titles)), tmp_path)
    got = {front_matter(path)["title"] for path in (tmp_path / "events").iterdir()}
    assert got == set(titles)


def test_html_body_becomes_text_without_scripts(tmp_path: Path) -> None:
    html = ('<p>First &amp; <b>bold</b><script>alert(1)</script></p>'
            '<ul><li>one</li><li>two</li></ul>'
            '<p><a href="https://ex.org/a b">link</a> <a href="javascript:x()">js</a> '
            '&lt;script&gt;</p><style>p{}</style>')
    data = slides({"start_date": {"year": 2022}, "text": {"headline": "<i>X</i>", "text": html}})
    import_timelinejs(data, tmp_path)
    assert front_matter(tmp_path / "events/x.md")["title"] == "X"
    assert body(tmp_path / "events/x.md") == (
        "First & bold\n\n- one\n- two\n\n[link](https://ex.org/a%20b) js &lt;script>")


@pytest.mark.parametrize(("data", "message"), [
    ("{not json", "not valid JSON: Expecting property name enclosed in double quotes"),
    ("[]", 'not a TimelineJS file: no "events" list'),
    ("[" * 100_000, "not valid JSON: nested too deeply"),
    (slides({"text": {"headline": "X"}}), "events[0]: start_date is missing"),
    (slides({"start_date": {"month": 5}, "text": {"headline": "X"}}),
     "events[0]: start_date.year is missing"),
    (slides({"start_date": {"year": 2022, "month": 2, "day": 31}, "text": {"headline": "X"}}),
     "events[0]: start_date 2022-2-31 is not a date"),
    (slides({"start_date": {"year": "-44"}, "text": {"headline": "X"}}),
     "events[0]: start_date.year must be a positive whole number, not '-44'"),
    (slides({"start_date": {"year": "2²"}, "text": {"headline": "X"}}),
     "events[0]: start_date.year must be a positive whole number, not '2²'"),
    (slides({"start_date": {"year": 10**12}, "text": {"headline": "X"}}),
     "events[0]: start_date.year must be a positive whole number, not 1000000000000"),
    (slides({"start_date": {"year": 99999}, "text": {"headline": "X"}}),
     "events[0]: start_date 99999 is not a date"),
    (slides({"start_date": {"year": 2022}}), "events[0]: text.headline is missing; every "
     "event needs a title"),
    (slides(slide("X"), slide("Y", end_date={"year": 2021})),
     "events[1]: end_date 2021 is before start_date 2022-05-23"),
    (slides("oops"), "events[0]: an event must be an object"),
])
def test_bad_input_is_a_diagnostic_and_writes_nothing(tmp_path: Path, data: str,
                                                      message: str) -> None:
    written, problems = import_timelinejs(data, tmp_path / "out", input_name="in.json")
    assert written == []
    assert [(p.path, p.severity) for p in problems] == [("in.json", "error")]
    assert problems[0].message == message
    assert not (tmp_path / "out").exists()


def test_an_integer_too_long_for_python_is_a_diagnostic(tmp_path: Path) -> None:
    written, problems = import_timelinejs('{"events": [' + "1" * 5000 + "]}", tmp_path)
    assert written == [] and problems[0].message.startswith("not valid JSON: Exceeds the limit")


def test_a_failed_write_removes_what_it_created(tmp_path: Path) -> None:
    (tmp_path / "sources").write_text("a file where a folder should be", encoding="utf-8")
    written, problems = import_timelinejs(slides(slide("A")), tmp_path)
    assert written == [] and "cannot write file" in problems[0].message
    assert list((tmp_path / "events").iterdir()) == []
