"""The "Dates" section of CONTRACT.md, as tests: every accepted form, every refusal."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_builder.core import dates
from timeline_builder.core.dates import DateError, is_relative, resolve_date, resolve_reported
from timeline_builder.core.model import Calendar, Precision, ResolvedDate

MONDAY = dt.date(2022, 5, 23)  # the seed story's anchor: day 89 of the war
WAR = Calendar("war", dt.date(2022, 2, 24), "Day {n} of the war")
CALENDARS = (WAR,)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))

# (written, anchor, resolves to, precision): the contract's table first, then extra forms.
VALID = [
    ("2022-05-23", None, "2022-05-23", "day"),
    ("23 May 2022", None, "2022-05-23", "day"),
    ("May 23, 2022", None, "2022-05-23", "day"),
    ("2022-05", None, "2022-05", "month"),
    ("May 2022", None, "2022-05", "month"),
    ("2022", None, "2022", "year"),
    ("day 89 of the war", None, "2022-05-23", "day"),
    ("Monday", MONDAY, "2022-05-23", "day"),
    ("on Saturday", MONDAY, "2022-05-21", "day"),
    ("yesterday", MONDAY, "2022-05-22", "day"),
    ("last Sunday", MONDAY, "2022-05-22", "day"),
    # the same forms, spelled the other ways newsrooms write them
    ("23rd May 2022", None, "2022-05-23", "day"),
    ("May 23rd, 2022", None, "2022-05-23", "day"),
    ("23 May, 2022", None, "2022-05-23", "day"),
    ("May 23 2022", None, "2022-05-23", "day"),
    ("23 Sept 2022", None, "2022-09-23", "day"),
    ("Sept. 23, 2022", None, "2022-09-23", "day"),
    ("1 Feb 2024", None, "2024-02-01", "day"),
    ("29 February 2024", None, "2024-02-29", "day"),
    ("23 MAY 2022", None, "2022-05-23", "day"),
    ("  on 23\u00a0May  2022 ", None, "2022-05-23", "day"),
    ("on 2022-05-23", None, "2022-05-23", "day"),
    ("2022-5-3", None, "2022-05-03", "day"),
    ("23/05/2022", None, "2022-05-23", "day"),
    ("23.05.2022", None, "2022-05-23", "day"),
    ("23-05-2022", None, "2022-05-23", "day"),
    ("05/23/2022", None, "2022-05-23", "day"),
    ("05/05/2022", None, "2022-05-05", "day"),
    ("2022/05/23", None, "2022-05-23", "day"),
    ("Sept 2022", None, "2022-09", "month"),
    ("september, 2022", None, "2022-09", "month"),
    ("0001", None, "0001", "year"),
    ("9998-12-31", None, "9998-12-31", "day"),
    # read by dateparser, each part checked against what we saw
    ("the 23rd of May, 2022", None, "2022-05-23", "day"),
    ("23rd of May 2022", None, "2022-05-23", "day"),
    ("May the 23rd, 2022", None, "2022-05-23", "day"),
    ("23-May-2022", None, "2022-05-23", "day"),
    ("May-23-2022", None, "2022-05-23", "day"),
    ("2022 May 23", None, "2022-05-23", "day"),
    ("May of 2022", None, "2022-05", "month"),
    ("May-2022", None, "2022-05", "month"),
    ("2022 May", None, "2022-05", "month"),
    # calendars
    ("the 89th day of the war", None, "2022-05-23", "day"),
    ("Day 89 of the War", None, "2022-05-23", "day"),
    ("day 1 of the war", None, "2022-02-24", "day"),
    ("day 88 of war", None, "2022-05-22", "day"),
    ("Monday, day 89 of the war", None, "2022-05-23", "day"),
    # relative to the anchor: the latest such day on or before it
    ("Sunday", MONDAY, "2022-05-22", "day"),
    ("on Monday", MONDAY, "2022-05-23", "day"),
    ("Tuesday", MONDAY, "2022-05-17", "day"),
    ("last Monday", MONDAY, "2022-05-16", "day"),
    ("last Saturday", MONDAY, "2022-05-21", "day"),
    ("today", MONDAY, "2022-05-23", "day"),
    ("two days ago", MONDAY, "2022-05-21", "day"),
    ("3 days ago", MONDAY, "2022-05-20", "day"),
    ("1 day ago", MONDAY, "2022-05-22", "day"),
    # a weekday that agrees with its date; an anchor does not change an absolute date
    ("Sunday 22 May 2022", None, "2022-05-22", "day"),
    ("Sunday, May 22, 2022", None, "2022-05-22", "day"),
    ("Sun, 22 May 2022", None, "2022-05-22", "day"),
    ("Sunday the 22nd of May 2022", None, "2022-05-22", "day"),
    ("Monday 2022-05-23", None, "2022-05-23", "day"),
    ("23 May 2022", dt.date(2030, 1, 1), "2022-05-23", "day"),
]

# (written, anchor, substring the message must contain)
ERRORS = [
    ("31 February 2022", None, "February 2022 has 28 days"),
    ("2022-02-30", None, "February 2022 has 28 days"),
    ("29 Feb 2022", None, "write a day from 1 to 28"),
    ("2022-13-01", None, "there is no month 13"),
    ("2022-00", None, "there is no month 0"),
    ("0 May 2022", None, "May 2022 has 31 days"),
    ("0000", None, "year 0 is out of range"),
    ("05/06/2022", None, "ambiguous: 5 June or 6 May? write 2022-06-05 or 2022-05-06"),
    ("05/12/2022", None, "ambiguous: 5 December or 12 May? write 2022-12-05 or 2022-05-12"),
    ("12/05/2022", None, "ambiguous: 12 May or 5 December? write 2022-05-12 or 2022-12-05"),
    ("13/13/2022", None, "there is no month 13"),
    ("Monday 22 May 2022", None, "22 May 2022 was a Sunday, not a Monday"),
    ("Saturday, May 22, 2022", None, "was a Sunday, not a Saturday"),
    ("Monday May 2022", None, "a weekday needs a full date"),
    ("Mondy", None, "did you mean 'Monday'?"),
    ("Satruday", MONDAY, "did you mean 'Saturday'?"),
    ("Febuary 2022", None, "did you mean 'February'?"),
    ("Mon", MONDAY, "did you mean 'Monday'?"),
    ("soon", None, "cannot read 'soon' as a date; write e.g. 2022-05-23"),
    ("asdf", None, "cannot read 'asdf'"),
    ("", None, "empty"),
    ("   ", None, "empty"),
    ("2022-05-23T10:00", None, "has a time of day"),
    ("23 May 2022 10am", None, "has a time of day"),
    ("Monday morning", MONDAY, "has a time of day"),
    ("23-26 May 2022", None, "use end: for the last day"),
    ("23 to 26 May 2022", None, "use end: for the last day"),
    ("2022-05-23 – 2022-05-26", None, "use end: for the last day"),
    ("May 23", None, "has no 4-digit year"),
    ("23 May", None, "has no 4-digit year"),
    ("23/05/22", None, "has no 4-digit year"),
    ("23", None, "'23' is not a year or a full date"),
    ("99999999", None, "is not a year"),
    ("9999-12-31", None, "years after 9998 are not supported"),
    ("the the 23 May 2022", None, "cannot read"),
    ("23 May 2022.", None, "cannot read"),
    ("next Monday", MONDAY, "cannot read"),
    ("day 89 of the peace", None, "'day 89 of the peace': no calendar named 'peace' "
     "(configured: war); add it under calendars: in mkdocs.yml or write e.g. 2022-05-23"),
    ("day 0 of the war", None, "days are counted from 1"),
    ("day -3 of the war", None, "days are counted from 1"),
    ("day 99999999999999 of the war", None, "'day 99999999999999 of the war': day "
     "99999999999999 is out of range; write e.g. 2022-05-23"),
    ("Monday", None, "is relative: add reported: YYYY-MM-DD"),
    ("yesterday", None, "day-precision published"),
    ("yesterday", dt.date(1, 1, 1), "before year 1"),
    ("x" * 1_000_000, None, "too long"),
]


@pytest.mark.parametrize(("written", "anchor", "iso", "precision"), VALID)
def test_accepted_forms(written: str, anchor: dt.date | None, iso: str, precision: str) -> None:
    resolved = resolve_date(written, anchor=anchor, calendars=CALENDARS)
    assert (resolved.iso(), resolved.precision) == (iso, precision)


@pytest.mark.parametrize(("written", "anchor", "message"), ERRORS)
def test_refused_forms(written: str, anchor: dt.date | None, message: str) -> None:
    with pytest.raises(DateError) as raised:
        resolve_date(written, anchor=anchor, calendars=CALENDARS)
    assert message in str(raised.value)
    assert len(str(raised.value)) < 200, "messages stay short"


def test_unknown_calendar_with_none_configured_says_so() -> None:
    with pytest.raises(DateError, match=r"configured: none"):
        resolve_date("day 89 of the war")


def test_unknown_calendar_lists_every_configured_one() -> None:
    peace = Calendar("ceasefire", dt.date(2023, 1, 1))
    with pytest.raises(DateError, match=r"configured: ceasefire, war"):
        resolve_date("day 3 of the truce", calendars=(WAR, peace))


@pytest.mark.parametrize("written", ["Monday", "yesterday", "last Sunday", "two days ago"])
def test_published_must_be_absolute_even_with_an_anchor(written: str) -> None:
    with pytest.raises(DateError, match=r"must be an absolute date, e\.g\. 2022-05-23"):
        resolve_date(written, anchor=MONDAY, allow_relative=False)


@pytest.mark.parametrize(("written", "iso", "precision"), [
    ("2022-05-23", "2022-05-23", "day"), ("May 2022", "2022-05", "month"),
    ("2023", "2023", "year"), ("day 89 of the war", "2022-05-23", "day")])
def test_published_takes_absolute_forms(written: str, iso: str, precision: str) -> None:
    resolved = resolve_date(written, calendars=CALENDARS, allow_relative=False)
    assert (resolved.iso(), resolved.precision) == (iso, precision)


@pytest.mark.parametrize(
    ("written", "relative"),
    [("Monday", True), ("on Saturday", True), ("yesterday", True), ("today", True),
     ("last Sunday", True), ("2 days ago", True), ("ON MONDAY", True),
     ("23 May 2022", False), ("Sunday 22 May 2022", False), ("day 89 of the war", False),
     ("Mon", False), ("next Monday", False), ("", False), ("Monday" * 100_000, False)],
)
def test_is_relative(written: str, relative: bool) -> None:
    assert is_relative(written) is relative


def test_datetime_anchor_gives_a_plain_date() -> None:
    resolved = resolve_date("Saturday", anchor=dt.datetime(2022, 5, 23, 18, 30))
    assert resolved == ResolvedDate(dt.date(2022, 5, 21))
    assert type(resolved.value) is dt.date


# Properties


@settings(deadline=None)  # no timings in tests (a loaded machine)
@given(DAYS)
def test_iso_round_trips(day: dt.date) -> None:
    assert resolve_date(day.isoformat()) == ResolvedDate(day, "day")


@settings(deadline=None)  # no timings in tests (a loaded machine)
@given(DAYS, st.sampled_from(["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%A %d %B %Y", "%A, %B %d, %Y"]))
def test_written_spellings_round_trip(day: dt.date, spelling: str) -> None:
    assert resolve_date(day.strftime(spelling)) == ResolvedDate(day, "day")


@settings(deadline=None)  # no timings in tests (a loaded machine)
@given(DAYS)
def test_month_and_year_keep_their_precision(day: dt.date) -> None:
    first = day.replace(day=1)
    assert resolve_date(day.strftime("%B %Y")) == ResolvedDate(first, "month")
    assert resolve_date(day.strftime("%Y-%m")) == ResolvedDate(first, "month")
    assert resolve_date(f"{day.year:04d}") == ResolvedDate(first.replace(month=1), "year")


@settings(deadline=None)  # no timings in tests (a loaded machine)
@given(DAYS, st.sampled_from(WEEKDAY_NAMES), st.booleans())
def test_weekday_is_the_latest_on_or_before_the_anchor(anchor: dt.date, name: str,
                                                       on: bool) -> None:
    value = resolve_date(f"on {name}" if on else name, anchor=anchor).value
    assert 0 <= (anchor - value).days <= 6
    assert value.strftime("%A") == name


@settings(deadline=None)  # no timings in tests (a loaded machine)
@given(DAYS, st.sampled_from(WEEKDAY_NAMES))
def test_last_weekday_is_strictly_before_the_anchor(anchor: dt.date, name: str) -> None:
    value = resolve_date(f"last {name}", anchor=anchor).value
    assert 1 <= (anchor - value).days <= 7
    assert value.strftime("%A") == name


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@settings(deadline=None)  # no timings in tests (a loaded machine)
@given(st.integers(min_value=1, max_value=100_000))
def test_calendar_days_round_trip(n: int) -> None:
    assert resolve_date(f"day {n} of the war", calendars=CALENDARS).value == WAR.day(n)
    written = f"the {_ordinal(n)} day of the war"
    assert resolve_date(written, calendars=CALENDARS).value == WAR.day(n)
    assert WAR.day_number(WAR.day(n)) == n


DATEISH = st.lists(
    st.sampled_from(["23", "5", "05", "0", "31", "2022", "0000", "99999999", "May", "sept",
                     "February", "Monday", "sun", "last", "on", "the", "of", "day", "war", "89",
                     "rd", "th", "ago", "days", "two", "yesterday", "-", "/", ".", ",", ":",
                     "T10:00", " ", "–", "é", "\u0663", "²"]),
    max_size=8,
).map(" ".join)


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.text(), DATEISH, DATEISH.map(lambda s: s.replace(" ", ""))),
       st.one_of(st.none(), DAYS))
def test_any_text_resolves_or_raises_date_error(text: str, anchor: dt.date | None) -> None:
    try:
        resolved = resolve_date(text, anchor=anchor, calendars=CALENDARS)
    except DateError:
        return
    assert resolve_date(resolved.iso()) == resolved, "precision is never upgraded"


# dateparser: used for real, never trusted to guess


def test_dateparser_reads_the_extra_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dateparser's confirmation the extra spellings are refused."""
    assert resolve_date("the 23rd of May, 2022").iso() == "2022-05-23"
    monkeypatch.setattr(dates, "_dateparser", lambda text, precision: None)
    with pytest.raises(DateError, match="cannot read"):
        resolve_date("the 23rd of May, 2022")
    assert resolve_date("23 May 2022").iso() == "2022-05-23", "explicit forms need no dateparser"


def test_a_dateparser_disagreement_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_dateparser", lambda text, precision: dt.date(2022, 5, 24))
    with pytest.raises(DateError):
        resolve_date("the 23rd of May, 2022")


@pytest.mark.parametrize(
    ("text", "precision"),
    [("may 23", "day"), ("23 may", "day"), ("23", "day"), ("may 2022", "day"), ("may", "month"),
     ("2022", "month"), ("monday", "day"), ("yesterday", "day"), ("in two days", "day")],
)
def test_strict_dateparser_never_fills_missing_parts(text: str, precision: Precision) -> None:
    """Asked directly, dateparser returns nothing rather than today's year, month or day."""
    assert dates._dateparser(text, precision) is None


@pytest.mark.parametrize("text", ["May 23", "23 May", "23", "May", "Monday 23", "May 23rd"])
def test_missing_parts_are_errors_not_today(text: str) -> None:
    """Lenient dateparser reads 'May 23' as May 2023; we must refuse it instead."""
    with pytest.raises(DateError):
        resolve_date(text, anchor=MONDAY)


def test_dateparser_is_imported_lazily() -> None:
    code = ("import sys; from timeline_builder.core.dates import resolve_date;"
            "resolve_date('23 May 2022'); resolve_date('Monday', anchor=__import__('datetime')"
            ".date(2022, 5, 23)); assert 'dateparser' not in sys.modules, 'eager import'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("text", "message"), [
    ("1" * 1_000_000, "is too long to be a date"),
    ("day " + "9" * 190 + " of the war", "is too long to be a date"),
    (("23 " * 66)[:199], "cannot read"),
    ("-" * 199, "has no 4-digit year"),
    ("May " * 49, "has no 4-digit year"),
    (" " * 1_000_000 + "2022-05-23", None),  # surrounding space is not part of the date
])
def test_huge_inputs_are_refused_with_a_reason(text: str, message: str | None) -> None:
    if message is None:
        assert resolve_date(text).iso() == "2022-05-23"
        return
    with pytest.raises(DateError) as raised:
        resolve_date(text, anchor=MONDAY, calendars=CALENDARS)
    assert message in str(raised.value)


# Dates in the language of a source (CONTRACT "Dates"): strictly, through dateparser's data

IN_LANGUAGE = [
    ("23 травня 2022", "uk", "2022-05-23", "day"),
    ("23 травня 2022 року", "uk", "2022-05-23", "day"),
    ("неділя 22 травня 2022", "uk", "2022-05-22", "day"),
    ("травень 2022", "uk", "2022-05", "month"),
    ("травня 2022", "uk", "2022-05", "month"),
    ("23 мая 2022", "ru", "2022-05-23", "day"),
    ("23 мая 2022 г.", "ru", "2022-05-23", "day"),
    ("май 2022", "ru", "2022-05", "month"),
    ("23. Mai 2022", "de", "2022-05-23", "day"),
    ("Montag, 23. Mai 2022", "de", "2022-05-23", "day"),
    ("Mai 2022", "de", "2022-05", "month"),
    ("23 mai 2022", "fr", "2022-05-23", "day"),
    ("23 مايو 2022", "ar", "2022-05-23", "day"),
    ("2022-05-23", "uk", "2022-05-23", "day"),  # numeric forms need no language
]


@pytest.mark.parametrize(("written", "language", "iso", "precision"), IN_LANGUAGE)
def test_dates_in_a_source_language(written: str, language: str, iso: str,
                                    precision: str) -> None:
    resolved = resolve_date(written, languages=[language])
    assert (resolved.iso(), resolved.precision) == (iso, precision)


IN_LANGUAGE_REFUSED = [
    ("23 травня 2022", (), "a date in another language needs that language as the language: "
     "of one of the event's sources, e.g. language: uk"),
    ("23 травня 2022", ("ru",), "cannot read '23 травня 2022' as a date in English or ru"),
    ("23 травня 2022", ("xx",), "cannot read '23 травня 2022' as a date in English or xx"),
    ("31 лютого 2022", ("uk",), "'31 лютого 2022' is not a real date: February 2022 has 28"),
    ("понеділок 22 травня 2022", ("uk",), "22 May 2022 was a Sunday, not a Monday"),
    ("23 травня", ("uk",), "'23 травня' has no 4-digit year"),
    ("вчора", ("uk",), "'вчора' is a relative date in uk; write relative dates in English"),
    ("понеділок", ("uk",), "'понеділок' is a relative date in uk"),
    ("gestern", ("de",), "'gestern' is a relative date in de"),
    ("am Montag", ("de",), "cannot read 'am Montag' as a date in English or de"),
    ("travnya 2022", ("uk",), "cannot read 'travnya 2022'"),
]


@pytest.mark.parametrize(("written", "languages", "message"), IN_LANGUAGE_REFUSED)
def test_dates_in_a_language_never_guess(written: str, languages: tuple[str, ...],
                                         message: str) -> None:
    with pytest.raises(DateError) as raised:
        resolve_date(written, anchor=MONDAY, languages=languages)
    assert message in str(raised.value)


def test_dateparser_must_agree_in_that_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_dateparser", lambda text, precision, language="en": None)
    with pytest.raises(DateError, match="dateparser does not read it as 2022-05-23 in uk"):
        resolve_date("23 травня 2022", languages=["uk"])


@pytest.mark.parametrize(("written", "iso"), [("2022-05-23", "2022-05-23"),
                                              ("day 89 of the war", "2022-05-23")])
def test_a_report_day_may_be_written_as_a_calendar_day(written: str, iso: str) -> None:
    assert resolve_reported(written, calendars=CALENDARS).iso() == iso


@pytest.mark.parametrize(("written", "message"), [
    ("2022-05", "'2022-05' is not a day; write the full day, e.g. 2022-05-23"),
    ("2022", "'2022' is not a day; write the full day, e.g. 2022-05-23"),
    ("Monday", "must be an absolute date"),
])
def test_a_report_day_is_a_day(written: str, message: str) -> None:
    with pytest.raises(DateError) as raised:
        resolve_reported(written, calendars=CALENDARS)
    assert message in str(raised.value)
