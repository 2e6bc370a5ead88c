"""Knight Lab's Google Sheets template, downloaded as CSV → event and source files.

The header is the template's own (CONTRACT section 4); each failure names its CSV line.
"""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import BIN, run_env
from timeline_builder.imports.timelinejs import import_timelinejs
from timeline_builder.imports.timelinejs_csv import import_timelinejs_csv

HEADER = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
          "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
          "Media Thumbnail", "Type", "Group", "Background"]


def sheet(*rows: dict[str, str], header: list[str] = HEADER) -> str:
    """A CSV as Sheets writes it (CRLF, quotes where needed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


SOCHI = {"Year": "2022", "Month": "5", "Day": "23", "Headline": "Putin & Lukashenko meet",
         "Text": "<p>They met in <b>Sochi</b>.</p>", "Media": "https://example.org/sochi",
         "Media Credit": "Kremlin pool", "Media Caption": "In Sochi", "Group": "Diplomacy"}


def test_a_sheet_becomes_events_and_sources_that_pass_check(tmp_path: Path) -> None:
    data = sheet(
        {"Year": "2022", "Headline": "The timeline", "Type": "title"},
        SOCHI,
        {"Year": "2,022", "Month": "5", "End Year": "2022", "End Month": "6",
         "Headline": "Talks stall", "Text": "Two\nlines"},
        {},  # an empty row, as Sheets exports trailing rows
        {"Year": "2022", "Headline": "Aid", "Group": "aid"},
    )
    written, problems = import_timelinejs_csv(data, tmp_path / "content", input_name="s.csv")
    assert [p.text() for p in problems] == [
        "s.csv:2: warning: row is the title slide (The timeline), not an event; not imported"]
    by_title = {front(p)["title"]: front(p) for p in written if p.parent.name == "events"}
    assert by_title["Putin & Lukashenko meet"] == {
        "title": "Putin & Lukashenko meet", "date": "2022-05-23", "tags": ["diplomacy"],
        "sources": ["in-sochi"]}
    assert (by_title["Talks stall"]["date"], by_title["Talks stall"]["end"]) == (
        "2022-05", "2022-06")
    assert by_title["Aid"]["date"] == "2022"
    source = front(tmp_path / "content" / "sources" / "in-sochi.md")
    assert (source["outlet"], source["url"], source["published"]) == (
        "Kremlin pool", "https://example.org/sochi", "2022-05-23")
    body = (tmp_path / "content" / "events" / "putin-lukashenko-meet.md").read_text()
    assert body.endswith("---\nThey met in Sochi.\n")
    check = subprocess.run([str(BIN / "timeline"), "check", "--content",
                            str(tmp_path / "content")], cwd=tmp_path, capture_output=True,
                           text=True, env=run_env(), timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(("row", "expected"), [
    ({"Year": "2022", "Month": "2", "Day": "30", "Headline": "x"},
     "s.csv:3: error: the start date (Year, Month, Day) 2022-2-30 is not a date"),
    ({"Month": "5", "Headline": "x"},
     "s.csv:3: error: the start date (Year, Month, Day) is missing"),
    ({"Year": "2022", "Month": "May", "Headline": "x"},
     "s.csv:3: error: Month must be a positive whole number, not 'May'"),
    ({"Year": "2022", "Day": "5", "Headline": "x"},
     "s.csv:3: error: the start date (Year, Month, Day) has a day but no month"),
    ({"Year": "2022"}, "s.csv:3: error: Headline is missing; every event needs a title"),
    ({"Year": "-500", "Headline": "x"},
     "s.csv:3: error: Year -500: years before 1 AD cannot be imported"),
    ({"Year": "2022", "Month": "6", "End Year": "2022", "End Month": "5", "Headline": "x"},
     "s.csv:3: error: the end date (End Year, End Month, End Day) 2022-05 is before the start "
     "date (Year, Month, Day) 2022-06"),
])
def test_rows_that_cannot_be_imported_name_their_line(tmp_path: Path, row: dict,
                                                      expected: str) -> None:
    data = sheet({"Year": "2022", "Headline": "fine"}, row)
    written, problems = import_timelinejs_csv(data, tmp_path, input_name="s.csv")
    assert written == [] and not any(tmp_path.iterdir())  # all or nothing
    assert any(p.text().startswith(expected) for p in problems), [p.text() for p in problems]


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("Time", "10:30", "s.csv:2: warning: the time of day is not kept"),
    ("End Time", "11:00", "s.csv:2: warning: the end time is not kept"),
    ("Display Date", "Late May", "s.csv:2: warning: Display Date is not kept"),
    ("Media Thumbnail", "https://example.org/t.png", "s.csv:2: warning: Media Thumbnail"),
    ("Background", "#ff0000", "s.csv:2: warning: Background is not kept"),
])
def test_what_has_no_place_is_reported_with_its_line(tmp_path: Path, column: str, value: str,
                                                     expected: str) -> None:
    written, problems = import_timelinejs_csv(sheet({**SOCHI, column: value}), tmp_path,
                                              input_name="s.csv")
    assert written and [p.text()[:len(expected)] for p in problems] == [expected]


def test_a_value_spanning_lines_keeps_later_line_numbers_right(tmp_path: Path) -> None:
    data = sheet({**SOCHI, "Text": "one\ntwo\nthree"}, {"Year": "2022", "Headline": ""})
    _, problems = import_timelinejs_csv(data, tmp_path, input_name="s.csv")
    assert [p.line for p in problems] == [5]  # header 1, row 2–4, the bad row on 5


@pytest.mark.parametrize(("data", "expected"), [
    ("", "s.csv:1: error: empty file"),
    ("Date,Title\n2022,x\n", "s.csv:1: error: not Knight Lab's TimelineJS sheet: no 'Year'"),
    ("Year,Headline,Headline\n2022,a,b\n", "s.csv:1: error: column 'Headline' appears twice"),
    ('Year,Headline\n2022,"unclosed\n', "s.csv:2: error: not valid CSV"),
    ("Year,Headline\n", "s.csv:1: error: no events in the file"),
])
def test_files_that_are_not_the_template(tmp_path: Path, data: str, expected: str) -> None:
    written, problems = import_timelinejs_csv(data, tmp_path, input_name="s.csv")
    assert written == []
    assert any(p.text().startswith(expected) for p in problems), [p.text() for p in problems]


def test_unknown_columns_are_a_warning_and_written_dates_are_read(tmp_path: Path) -> None:
    data = "Start Date,End Date,Headline,Notes\n23 May 2022,,Sochi,internal\n"
    written, problems = import_timelinejs_csv(data, tmp_path, input_name="s.csv")
    assert [p.text() for p in problems] == [
        "s.csv:1: warning: column 'Notes' is not a TimelineJS column; its values are not "
        "imported"]
    [event] = [p for p in written if p.parent.name == "events"]
    assert front(event)["date"] == "2022-05-23"


@pytest.mark.parametrize("out", ["content/events", "content/sources", "content"])
@pytest.mark.parametrize("kind", ["csv", "json"])
def test_out_may_name_the_events_folder_itself(tmp_path: Path, out: str, kind: str) -> None:
    """`--out content/events` means the content folder, not content/events/events/."""
    if kind == "csv":
        written, problems = import_timelinejs_csv(sheet(SOCHI), tmp_path / out)
    else:
        data = ('{"events": [{"start_date": {"year": 2022}, "text": {"headline": "x"}}]}')
        written, problems = import_timelinejs(data, tmp_path / out)
    assert problems == []
    assert {p.parent for p in written} == {tmp_path / "content" / "events",
                                           tmp_path / "content" / "sources"}


def test_the_cli_reads_csv_by_its_extension(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text(sheet(SOCHI), encoding="utf-8")
    result = subprocess.run([str(BIN / "timeline"), "import", "timelinejs", "sheet.csv",
                             "--out", "content/events"], cwd=tmp_path, capture_output=True,
                            text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["content/events/putin-lukashenko-meet.md",
                                     "content/sources/in-sochi.md"]
    again = subprocess.run([str(BIN / "timeline"), "import", "timelinejs", "sheet.csv",
                            "--out", "content"], cwd=tmp_path, capture_output=True,
                           text=True, env=run_env(), timeout=60)
    assert again.returncode == 1  # never overwrites
    assert "content/events/putin-lukashenko-meet.md:1: error: file already exists" in again.stderr
