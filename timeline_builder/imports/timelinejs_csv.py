"""``timeline import timelinejs FILE.csv --out DIR``: Knight Lab's Google Sheets template.

Newsrooms keep TimelineJS timelines in the Sheets template and can download it as CSV
(File → Download → Comma-separated values). Its columns: Year, Month, Day, Time, End Year,
End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media
Caption, Media Thumbnail, Type, Group, Background (newer copies add Alt Text). The rows are
read as TimelineJS itself reads them, then written like the JSON import (one event file
per row, sources from the media credits; all or nothing; nothing overwritten):

- values are trimmed; date numbers lose spaces and commas (Sheets may show ``2,022``);
- a row with nothing in it is skipped; ``Type`` ``title`` (the title slide) and ``era``
  rows are not events and are reported as skipped;
- ``Tag`` is read as ``Group``; ``Start Date``/``End Date`` columns (written dates) are read
  instead of Year/Month/Day when the sheet has them, strictly, as ``timeline date`` does.

What has no place in our files (times of day, Display Date, thumbnails, backgrounds, alt
text, unknown columns) is reported as a warning naming its CSV line; any error (no year,
an impossible date, no headline) names its line too, and then nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from timeline_builder.core import dates
from timeline_builder.core.diagnostics import Diagnostic, error, has_errors, warning
from timeline_builder.imports.timelinejs import Slide, SlideError, slide, write_slides

DATE_COLUMNS = ("Year", "Month", "Day", "End Year", "End Month", "End Day")
MAPPED = (*DATE_COLUMNS, "Headline", "Text", "Media", "Media Credit", "Media Caption",
          "Group", "Tag", "Type", "Start Date", "End Date")
# Read, but with no place in an event file: named in a warning when a row uses them.
NOT_KEPT = {
    "Time": "the time of day is not kept (events are dated to the day)",
    "End Time": "the end time is not kept (events are dated to the day)",
    "Display Date": "Display Date is not kept: the date is shown from Year/Month/Day",
    "Media Thumbnail": "Media Thumbnail is not kept",
    "Background": "Background is not kept",
    "Alt Text": "Alt Text is not kept (media become the event's source)",
}
_LIMIT = 10_000_000  # characters of CSV; a Sheets export of 100,000 rows is far less


def import_timelinejs_csv(data: str, out_dir: Path, *, force: bool = False,
                          input_name: str = "timeline.csv"
                          ) -> tuple[list[Path], list[Diagnostic]]:
    """Write the event and source files of a Sheets CSV; return them and the diagnostics."""
    slides, problems = read_csv(data, input_name)
    if has_errors(problems):
        return [], problems
    if not slides:
        return [], [*problems, error(input_name, 1, "no events in the file",
                                     "add rows under the header: Year, Headline, …")]
    written, write_problems = write_slides(slides, out_dir, force=force, input_name=input_name)
    return written, problems + write_problems


def read_csv(data: str, input_name: str) -> tuple[list[Slide], list[Diagnostic]]:
    """The rows as checked slides, with a diagnostic (and CSV line) for each problem."""
    if len(data) > _LIMIT:
        return [], [error(input_name, 1, f"file is over {_LIMIT:,} characters",
                          "split the sheet")]
    text = data.removeprefix("\ufeff")
    if "\x00" in text:
        return [], [error(input_name, 1, "not a CSV text file (it contains NUL bytes)",
                          "download the sheet as Comma-separated values (.csv)")]
    rows = _rows(text)
    try:
        header_line, header = next(rows)
    except StopIteration:
        return [], [error(input_name, 1, "empty file", "download the sheet with its header row")]
    except _BadCsv as exc:
        return [], [error(input_name, exc.line, f"not valid CSV: {exc}")]
    columns = [name.strip() for name in header]
    problems = _check_header(columns, header_line, input_name)
    if has_errors(problems):
        return [], problems
    slides: list[Slide] = []
    try:
        for line, values in rows:
            row = {name: (values[i].strip() if i < len(values) else "")
                   for i, name in enumerate(columns) if name}
            result = _row(row, line, input_name, problems)
            if result is not None:
                slides.append(result)
    except _BadCsv as exc:
        problems.append(error(input_name, exc.line, f"not valid CSV: {exc}",
                              "check the quotes in the row starting on this line"))
    return slides, problems


class _BadCsv(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, its values): a quoted value may span several lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _BadCsv(str(exc), start) from None
        yield start, values
        start = reader.line_num + 1


def _check_header(columns: list[str], line: int, input_name: str) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    dated = "Year" in columns or "Start Date" in columns
    if not dated or "Headline" not in columns:
        missing = [name for name in ("Year", "Headline") if name not in columns
                   and not (name == "Year" and "Start Date" in columns)]
        problems.append(error(input_name, line, f"not Knight Lab's TimelineJS sheet: no "
                              f"{' and no '.join(repr(name) for name in missing)} column",
                              "the first row must be the template's header: Year, Month, "
                              "Day, Time, End Year, …, Headline, Text, Media, …"))
    seen: set[str] = set()
    for name in columns:
        if name in seen and name:
            problems.append(error(input_name, line, f"column '{name}' appears twice",
                                  "keep one of them"))
        seen.add(name)
        if name and name not in MAPPED and name not in NOT_KEPT:
            problems.append(warning(input_name, line, f"column '{name}' is not a TimelineJS "
                                    "column; its values are not imported"))
    return problems


def _row(row: dict[str, str], line: int, input_name: str,
         problems: list[Diagnostic]) -> Slide | None:
    if not any(row.values()):
        return None  # TimelineJS skips empty rows too
    kind = row.get("Type", "").lower()
    headline = row.get("Headline", "")
    if kind in ("title", "era"):
        what = "the title slide" if kind == "title" else "an era"
        problems.append(warning(input_name, line, f"row is {what} ({headline or 'no headline'}),"
                                " not an event; not imported"))
        return None
    for name, why in NOT_KEPT.items():
        if row.get(name):
            problems.append(warning(input_name, line, f"{why} ('{row[name]}')"))
    try:
        start, end = _dates(row)
        return slide({
            "start_date": start, "end_date": end,
            "text": {"headline": headline, "text": row.get("Text", "")},
            "media": {"url": row.get("Media", ""), "credit": row.get("Media Credit", ""),
                      "caption": row.get("Media Caption", "")},
            "group": row.get("Group") or row.get("Tag", ""),
        })
    except SlideError as exc:
        problems.append(error(input_name, line, _column_names(str(exc)), exc.hint and
                              _column_names(exc.hint)))
        return None


def _dates(row: dict[str, str]) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    if "Start Date" in row or "End Date" in row:
        return _written(row.get("Start Date", ""), "Start Date"), \
            _written(row.get("End Date", ""), "End Date")
    parts = {key: "".join(row.get(column, "").replace(",", "").split())
             for key, column in (("year", "Year"), ("month", "Month"), ("day", "Day"))}
    end = {key: "".join(row.get(column, "").replace(",", "").split())
           for key, column in (("year", "End Year"), ("month", "End Month"),
                               ("day", "End Day"))}
    for column, value in (("Year", parts["year"]), ("End Year", end["year"])):
        if value.startswith("-") or value in ("0", "00", "000", "0000"):
            raise SlideError(f"{column} {value}: years before 1 AD cannot be imported",
                             "timeline dates start at year 1")
    return (parts if parts["year"] else None), (end if any(end.values()) else None)


def _written(text: str, column: str) -> dict[str, str] | None:
    """A written date (``2022-05-23``, ``May 2022``), resolved strictly, as parts."""
    if not text:
        return None
    try:
        resolved = dates.resolve_date(text, allow_relative=False)
    except dates.DateError as exc:
        raise SlideError(f"{column}: {exc}") from None
    parts = {"year": str(resolved.value.year)}
    if resolved.precision != "year":
        parts["month"] = str(resolved.value.month)
    if resolved.precision == "day":
        parts["day"] = str(resolved.value.day)
    return parts


_NAMES = {"start_date.year": "Year", "start_date.month": "Month", "start_date.day": "Day",
          "end_date.year": "End Year", "end_date.month": "End Month", "end_date.day": "End Day",
          "text.headline": "Headline", "start_date": "the start date (Year, Month, Day)",
          "end_date": "the end date (End Year, End Month, End Day)"}


def _column_names(message: str) -> str:
    """The JSON import's field names as the sheet's columns: ``start_date.year`` → Year."""
    for field, column in sorted(_NAMES.items(), key=lambda item: -len(item[0])):
        message = message.replace(field, column)
    return message.replace('write e.g. "the start date (Year, Month, Day)": '
                           '{"year": 2022, "month": 5, "day": 23}',
                           "fill in Year (and Month, Day), e.g. 2022, 5, 23")
