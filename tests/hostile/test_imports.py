"""Hostile headlines and cells in imports (issue 24, point 3): no file leaves --out."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest

from timeline_builder.imports.timelinejs_csv import import_timelinejs_csv

HEADER = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
          "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
          "Media Thumbnail", "Type", "Group", "Background"]


def sheet(*headlines: str, bom: str = "") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    for headline in headlines:
        writer.writerow({"Year": "2022", "Month": "5", "Day": "23", "Headline": headline,
                         "Text": "x", "Media Credit": headline, "Group": headline})
    return bom + out.getvalue()


def _inside(written: list[Path], out: Path) -> None:
    assert written
    names = set()
    for path in written:
        resolved = path.resolve()
        assert resolved.is_relative_to(out.resolve()), path
        assert "\x00" not in str(path) and len(path.name.encode()) <= 255
        assert path.stem.upper() not in {"CON", "NUL", "PRN", "AUX", "COM1", "LPT1"}
        key = unicodedata.normalize("NFKC", str(resolved)).casefold()
        assert key not in names, path  # no two files collide on a case-insensitive disk
        names.add(key)


@pytest.mark.parametrize("headline", [
    "../../../etc/passwd", "/etc/passwd", "..\\..\\windows\\system32", "CON", "nul",
    "a\x00b", "x" * 5000, "..", ".", "",
])
def test_import_file_name_from_hostile_headline_stays_inside_out(tmp_path: Path,
                                                                 headline: str) -> None:
    out = tmp_path / "project" / "content"
    written, problems = import_timelinejs_csv(sheet(headline), out, input_name="s.csv")
    if written:
        _inside(written, out)
    else:  # refused: a clear error on the row's line, nothing written
        assert problems and all(p.path == "s.csv" and p.line in (1, 2) for p in problems)
        assert not out.exists() or not any(out.rglob("*"))
    assert not (tmp_path / "etc").exists()


def test_import_headlines_differing_only_in_case_or_unicode_form_do_not_collide(
        tmp_path: Path) -> None:
    written, _ = import_timelinejs_csv(
        sheet("Café talks", "CAFÉ TALKS", "Cafe\u0301 talks", "ｃａｆé talks"), tmp_path,
        input_name="s.csv")
    _inside(written, tmp_path)


def test_import_with_bom_and_formula_headline_reads_the_header(tmp_path: Path) -> None:
    written, problems = import_timelinejs_csv(sheet("=HYPERLINK(\"http://x\")", bom="\ufeff"),
                                              tmp_path, input_name="s.csv")
    assert written, problems


def test_import_never_overwrites_an_existing_file_and_writes_nothing_then(
        tmp_path: Path) -> None:
    first, _ = import_timelinejs_csv(sheet("Talks"), tmp_path, input_name="s.csv")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    first[0].write_text("mine", encoding="utf-8")
    before[first[0]] = b"mine"
    written, problems = import_timelinejs_csv(sheet("Talks", "Other"), tmp_path,
                                              input_name="s.csv")
    assert written == [] and problems
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_import_malformed_row_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    data = sheet("Talks") + "2022,13,40,,,,,,,Bad\r\n"
    written, problems = import_timelinejs_csv(data, tmp_path, input_name="s.csv")
    assert written == [] and problems and any(p.path == "s.csv" and p.line == 3 for p in problems)
    assert not any(tmp_path.rglob("*.md"))
