"""Reading the dates contributors write (CONTRACT.md section 2, "Dates").

A wrong date on a news timeline is worse than none, so this module never guesses: every
form it accepts is explicit, an anchor is required for relative words, and anything it
cannot read for certain is a :class:`DateError` whose message quotes the value and says
what to write instead. ``dateparser`` is only asked to confirm a small set of extra
English spellings whose day, month and year we have already identified ourselves.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from timeline_builder.core.model import Calendar, Precision, ResolvedDate

__all__ = ["DateError", "UnreadableDate", "is_relative", "resolve_date"]


class DateError(ValueError):
    """Raised with a message that says what was understood and what to write instead."""


class UnreadableDate(DateError):
    """Not a date form we know at all (as opposed to a known form with a wrong value)."""


MAX_LENGTH = 200  # no real date is longer; refusing early keeps 1 MB inputs fast
_MONTH_NAMES = [calendar.month_name[m].lower() for m in range(1, 13)]
_WEEKDAY_NAMES = [calendar.day_name[d].lower() for d in range(7)]
MONTHS: dict[str, int] = {name: m for m, name in enumerate(_MONTH_NAMES, 1)}
MONTHS.update({name[:3]: m for name, m in list(MONTHS.items())} | {"sept": 9})
WEEKDAYS: dict[str, int] = {name: d for d, name in enumerate(_WEEKDAY_NAMES)}
WEEKDAYS.update({name[:3]: d for name, d in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_NUMBER_WORDS = {word: n for n, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1)}
_ORDINALS = ("st", "nd", "rd", "th")
_KNOWN_WORDS = {*MONTHS, *WEEKDAYS, *_NUMBER_WORDS, *_ORDINALS, "on", "last", "the", "of", "day",
                "days", "ago", "today", "yesterday"}
_SUGGESTIONS = [*_MONTH_NAMES, *_WEEKDAY_NAMES, "yesterday", "today"]
HINT = "write e.g. 2022-05-23, 'May 2022' or a weekday with reported:"


def _alt(words: Sequence[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # pragma: no mutate (import time)


_M, _W, _ORD = _alt(list(MONTHS)), _alt(list(WEEKDAYS)), r"(?:st|nd|rd|th)?"
_A = re.ASCII
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", _A)
_YMD_NUMERIC = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})", _A)
_DMY_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", _A)
_DMY = re.compile(rf"(\d{{1,2}}){_ORD} ({_M})\.?,? (\d{{4}})", _A)
_MDY = re.compile(rf"({_M})\.? (\d{{1,2}}){_ORD},? (\d{{4}})", _A)
_MY = re.compile(rf"({_M})\.?,? (\d{{4}})", _A)
_WEEKDAY_PREFIX = re.compile(rf"({_W})\.?,? (.+)", _A)
_RELATIVE = re.compile(
    rf"(?:(last) )?({_alt(_WEEKDAY_NAMES)})|(today|yesterday)"
    rf"|(\d{{1,3}}|{_alt(list(_NUMBER_WORDS))}) days? ago", _A)
_CALENDAR = re.compile(
    r"(?:the )?(?:day (-?\d+)|(-?\d+)(?:st|nd|rd|th) day) of (?:the )?(\S.*)", _A)
_TOKEN = re.compile(r"[a-z]+|\d+|[^ a-z\d]", _A)
_TIME = re.compile(r"\d:\d|\dt\d|\d ?[ap]\.?m\b|\b(?:noon|midnight|utc|gmt|morning|afternoon"
                   r"|evening|night|tonight)\b", _A)
_RANGE = re.compile(r"[–—]| - |\b(?:to|until|till|through|and|from|between)\b"
                    r"|(?<![-/.\d])\d{1,2}-\d{1,2}(?![-/.\d])", _A)
# Layouts handed to dateparser, over tokens: D day, M month, Y year, t "the", o "of",
# p one of , - / . ("the 23rd of May, 2022", "May-23-2022", "2022 May 23", "May of 2022").
_DATEPARSER_LAYOUTS = re.compile(r"t?Do?p?Mp?Y|Mp?t?Dp?Y|Yp?Mp?D|Mo?p?Y|Yp?M")


def _quote(raw: str) -> str:
    return f"'{raw[:60]}…'" if len(raw) > 60 else f"'{raw}'"


def _normalize(text: str) -> str:
    """Lower case, single spaces and no leading 'on ', so each form is written once."""
    s = " ".join(text.split()).lower()
    return s[3:] if s.startswith("on ") else s


def _long(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def is_relative(text: str) -> bool:
    """True for 'Monday', 'on Saturday', 'last Sunday', 'yesterday', 'today', '2 days ago'.

    Callers use it to decide whether an anchor (``reported:``) is needed at all.
    """
    return len(text) <= MAX_LENGTH and _RELATIVE.fullmatch(_normalize(text)) is not None


LAST_YEAR = 9998


def resolve_date(text: str, *, anchor: dt.date | None = None,
                 calendars: Sequence[Calendar] = (), allow_relative: bool = True,
                 languages: Sequence[str] = ()) -> ResolvedDate:
    """Resolve what a contributor wrote to a date and its precision, or raise DateError.

    ``languages`` (the ``language:`` codes of the event's sources, e.g. ``uk``) are tried,
    strictly, when the text is not a date in English: see :func:`_in_language`.
    """
    raw = text.strip()
    if not raw:
        raise DateError(f"the date is empty; {HINT}")
    if len(raw) > MAX_LENGTH:
        raise DateError(f"{_quote(raw)} is too long to be a date; {HINT}")
    try:
        return _resolve(_normalize(raw), raw, anchor, calendars, allow_relative)
    except UnreadableDate as english:
        if not languages:
            if re.search(r"[^\W\d_]", raw) and not raw.isascii():
                raise UnreadableDate(f"{english}; a date in another language needs that "
                                     "language as the language: of one of the event's "
                                     "sources, e.g. language: uk") from None
            raise
        return _in_language(raw, languages, anchor, calendars, allow_relative, english)


def resolve_reported(text: str, *, calendars: Sequence[Calendar] = ()) -> ResolvedDate:
    """The day relative dates count back from (``reported:``, ``--reported``), or DateError.

    The one reader of it: the CLI's flags and the validator's key agree on what is a day.
    """
    reported = resolve_date(text, calendars=calendars, allow_relative=False)
    if reported.precision != "day":
        raise DateError(f"'{reported.iso()}' is not a day; write the full day, e.g. 2022-05-23")
    return reported


def _resolve(s: str, raw: str, anchor: dt.date | None, calendars: Sequence[Calendar],
             allow_relative: bool) -> ResolvedDate:
    """``s``: the normalised English text; ``raw``: what the contributor wrote (quoted)."""
    relative = _RELATIVE.fullmatch(s)
    if relative:
        return ResolvedDate(_relative(relative, raw, anchor, allow_relative))
    prefix = _WEEKDAY_PREFIX.fullmatch(s)
    weekday, rest = (WEEKDAYS[prefix[1]], prefix[2]) if prefix else (None, s)
    counted = _CALENDAR.fullmatch(rest)
    if counted:
        result: ResolvedDate | None = ResolvedDate(_calendar_day(counted, raw, calendars))
    else:
        result = _absolute(rest, raw) or _with_dateparser(rest, raw)
    if result is None:
        raise _unreadable(raw, s)
    if weekday is not None:
        _check_weekday(result, weekday, raw)
    if result.value.year > LAST_YEAR:
        raise DateError(f"{_quote(raw)}: years after {LAST_YEAR} are not supported "
                        "(calendar files need the day after an event)")
    return result


# What dateparser's translations leave that the English forms do not take: the German
# ordinal dot ("23. may 2022"), "year"/"г." after the year ("2022 року", "2022 г.").
_TRANSLATION_LEFTOVERS = ((re.compile(r"(?<=\d)\.(?= )"), ""),
                          (re.compile(r"(?<=\d{4}) year\.?$"), ""))


def _in_language(raw: str, languages: Sequence[str], anchor: dt.date | None,
                 calendars: Sequence[Calendar], allow_relative: bool,
                 english: DateError) -> ResolvedDate:
    """``23 травня 2022`` with ``uk``: dateparser's own word list translates the month and
    weekday names, our strict English forms read the result, and dateparser, asked in that
    language with every guessing feature off, must read the same date. Relative words
    (``вчора``, ``am Montag``) are refused: write them in English with ``reported:``.
    """
    for language in dict.fromkeys(code.strip().lower() for code in languages if code.strip()):
        translated = _translate(raw, language)
        if translated is None:
            continue
        s = _normalize(translated)
        for pattern, replacement in _TRANSLATION_LEFTOVERS:
            s = pattern.sub(replacement, s)
        if _RELATIVE.fullmatch(s):
            raise DateError(f"{_quote(raw)} is a relative date in {language}; write relative "
                            f"dates in English (e.g. Monday, yesterday) with reported:, or the "
                            "full date")
        try:
            result = _resolve(s, raw, None, calendars, allow_relative)
        except UnreadableDate:
            continue
        confirmed = _dateparser(raw, result.precision, language)
        if confirmed != result.value:
            raise DateError(f"{_quote(raw)}: dateparser does not read it as {result.iso()} in "
                            f"{language}; write it as 2022-05-23")
        return result
    named = ", ".join(dict.fromkeys(languages))
    raise UnreadableDate(f"cannot read {_quote(raw)} as a date in English or {named}; {HINT}"
                         ) from english


@lru_cache(maxsize=64)
def _locale(language: str) -> object | None:
    from dateparser.languages.loader import LocaleDataLoader

    try:
        return next(LocaleDataLoader().get_locales(languages=[language]), None)
    except (ValueError, KeyError):
        return None  # not a language code dateparser knows


def _translate(text: str, language: str) -> str | None:
    """``23 травня 2022`` → ``23 may 2022`` with dateparser's data for ``language``."""
    from dateparser.conf import settings

    locale = _locale(language)
    if locale is None:
        return None
    try:
        translated = locale.translate(text, keep_formatting=False, settings=settings)  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return translated if isinstance(translated, str) else None


def _relative(match: re.Match[str], raw: str, anchor: dt.date | None,
              allow_relative: bool) -> dt.date:
    """Count back from the anchor: news is written in the past tense."""
    if not allow_relative:
        raise DateError(f"{_quote(raw)} must be an absolute date, e.g. 2022-05-23")
    if anchor is None:
        raise DateError(f"{_quote(raw)} is relative: add reported: YYYY-MM-DD "
                        "(or give the first source a day-precision published:)")
    anchor = dt.date(anchor.year, anchor.month, anchor.day)  # a datetime becomes a date
    last, weekday, word, count = match.groups()
    if weekday:
        back = (anchor.weekday() - WEEKDAYS[weekday]) % 7
        back = 7 if last and back == 0 else back
    elif word:
        back = 1 if word == "yesterday" else 0
    else:
        back = _NUMBER_WORDS.get(count) or int(count)
    try:
        return anchor - dt.timedelta(days=back)
    except OverflowError:
        raise DateError(f"{_quote(raw)} falls before year 1 with anchor {anchor}") from None


def _calendar_day(match: re.Match[str], raw: str, calendars: Sequence[Calendar]) -> dt.date:
    """'day 89 of the war': day 1 is the calendar's start."""
    number, name = int(match[1] or match[2]), match[3]
    by_name = {c.name.lower(): c for c in calendars}
    found = by_name.get(name)  # the pattern has taken "the " off already
    if found is None:
        known = ", ".join(sorted(c.name for c in calendars)) or "none"
        raise DateError(f"{_quote(raw)}: no calendar named '{name}' (configured: {known}); "
                        "add it under calendars: in mkdocs.yml or write e.g. 2022-05-23")
    if number < 1:
        raise DateError(f"{_quote(raw)}: days are counted from 1 "
                        f"(day 1 of the {found.name} is {found.start.isoformat()})")
    try:
        return found.day(number)
    except (OverflowError, ValueError):
        raise DateError(f"{_quote(raw)}: day {number} is out of range; "
                        "write e.g. 2022-05-23") from None


def _make(year: int, month: int, day: int | None, raw: str) -> ResolvedDate:
    """Build the date, or say exactly which part does not exist."""
    what = f"{_quote(raw)} is not a real date"
    if not 1 <= year <= 9999:
        raise DateError(f"{what}: year {year} is out of range; write e.g. 2022-05-23")
    if not 1 <= month <= 12:
        raise DateError(f"{what}: there is no month {month}; write e.g. 2022-05-23")
    if day is None:
        return ResolvedDate(dt.date(year, month, 1), "month")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = calendar.month_name[month]
        raise DateError(f"{what}: {month_name} {year} has {days} days; "
                        f"write a day from 1 to {days}, e.g. {dt.date(year, month, days)}")
    return ResolvedDate(dt.date(year, month, day))


def _absolute(s: str, raw: str) -> ResolvedDate | None:
    """The explicit forms of the contract; None when none of them matches."""
    if m := _ISO.fullmatch(s):
        if m[2] is None:
            return ResolvedDate(_make(int(m[1]), 1, 1, raw).value, "year")
        return _make(int(m[1]), int(m[2]), None if m[3] is None else int(m[3]), raw)
    if m := _YMD_NUMERIC.fullmatch(s):
        return _make(int(m[1]), int(m[3]), int(m[4]), raw)
    if m := _DMY_NUMERIC.fullmatch(s):
        return _numeric(int(m[1]), int(m[3]), int(m[4]), raw)
    if m := _DMY.fullmatch(s):
        return _make(int(m[3]), MONTHS[m[2]], int(m[1]), raw)
    if m := _MDY.fullmatch(s):
        return _make(int(m[3]), MONTHS[m[1]], int(m[2]), raw)
    if m := _MY.fullmatch(s):
        return _make(int(m[2]), MONTHS[m[1]], None, raw)
    return None


def _numeric(first: int, second: int, year: int, raw: str) -> ResolvedDate:
    """23/05/2022 is clear, 05/23/2022 too; 05/06/2022 could be either, so it is refused."""
    if second > 12:  # only month/day/year fits
        return _make(year, first, second, raw)
    if first == second or first > 12 or 0 in (first, second):
        return _make(year, second, first, raw)
    one, other = _make(year, second, first, raw).value, _make(year, first, second, raw).value
    raise DateError(f"{_quote(raw)} is ambiguous: {one.day} {one:%B} or {other.day} "
                    f"{other:%B}? write {one.isoformat()} or {other.isoformat()}")


def _layout(s: str) -> tuple[str, dict[str, int]] | None:
    """Classify tokens (D, M, Y, t, o, p) so only known-safe layouts reach dateparser."""
    layout, parts = "", {}
    for token in _TOKEN.findall(s):
        if token in MONTHS:
            role, parts["M"] = "M", MONTHS[token]
        elif token.isascii() and token.isdigit() and len(token) in (1, 2, 4):
            role = "Y" if len(token) == 4 else "D"
            parts[role] = int(token)
        elif token in _ORDINALS and layout.endswith("D"):
            continue
        elif token in ("the", "of", ",", "-", "/", "."):
            role = {"the": "t", "of": "o"}.get(token, "p")
        else:
            return None
        layout += role
    return (layout, parts) if _DATEPARSER_LAYOUTS.fullmatch(layout) else None


def _with_dateparser(s: str, raw: str) -> ResolvedDate | None:
    """Other English spellings ('the 23rd of May, 2022', '23-May-2022', 'May of 2022').

    We identify day, month and year ourselves and dateparser must read the same three
    parts from the text; it can never supply a part we did not see, nor fill from today.
    """
    found = _layout(s)
    if found is None:
        return None
    parts = found[1]
    result = _make(parts["Y"], parts["M"], parts.get("D"), raw)
    confirmed = _dateparser(s, result.precision)
    return result if confirmed == result.value else None


def _dateparser(text: str, precision: Precision, language: str = "en") -> dt.date | None:
    """dateparser with every guessing feature off; imported lazily because it is slow."""
    import dateparser

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"] if precision == "day" else ["month", "year"],
        "STRICT_PARSING": precision == "day",
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": dt.datetime(1111, 11, 11),  # a sentinel: never today
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=[language], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    return parsed.date() if parsed is not None else None


def _check_weekday(result: ResolvedDate, weekday: int, raw: str) -> None:
    """'Monday 22 May 2022' is a contradiction: one of the two is wrong, so say which."""
    said = calendar.day_name[weekday]
    if result.precision != "day":
        raise DateError(f"{_quote(raw)}: a weekday needs a full date, e.g. {said} 23 May 2022")
    actual = calendar.day_name[result.value.weekday()]
    if actual != said:
        raise DateError(f"{_long(result.value)} was a {actual}, not a {said}")


def _unreadable(raw: str, s: str) -> DateError:
    """Say why the text is not a date in the most specific words we can find."""
    q = _quote(raw)
    if _TIME.search(s):
        return DateError(f"{q} has a time of day; write only the date, e.g. 2022-05-23")
    if _RANGE.search(s):
        return DateError(f"{q} looks like a range; write its first day in date: "
                         "and use end: for the last day")
    if s.isascii() and s.isdigit():
        return DateError(f"{q} is not a year or a full date; write e.g. 2022 or 2022-05-23")
    words = re.findall(r"[a-z]+", s, _A)
    if not re.search(r"\d{4}", s, _A) and (any(w in MONTHS for w in words)
                                           or re.fullmatch(r"[\d/.-]+", s, _A)):
        return DateError(f"{q} has no 4-digit year; write e.g. 'May 23, 2022' or 2022-05-23")
    suggestion = next(filter(None, map(_did_you_mean, words)), None)
    meant = f" (did you mean '{suggestion}'?)" if suggestion else ""
    return UnreadableDate(f"cannot read {q} as a date{meant}; {HINT}")


def _did_you_mean(word: str) -> str | None:
    """A month or weekday the word is probably a typo (or a lone abbreviation) of."""
    if word in WEEKDAYS and word not in _WEEKDAY_NAMES:
        return calendar.day_name[WEEKDAYS[word]]
    if word in _KNOWN_WORDS:
        return None
    best = process.extractOne(word, _SUGGESTIONS, scorer=fuzz.ratio, score_cutoff=75)
    return best[0].capitalize() if best else None
