"""Dates, month headings, day labels and counts in each edition's language (CLDR via babel)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_builder.core import editions
from timeline_builder.core.model import Calendar, ResolvedDate

# CLDR joins the year and its abbreviation with a narrow no-break space (U+202F), so a line
# never breaks between "2022" and "р.": "23 травня 2022 р." as a reader sees it.
DAY = ResolvedDate(dt.date(2022, 5, 23))
WAR = Calendar("war", dt.date(2022, 2, 24), "Day {n} of the war",
               (("en", "Day {n} of the war"), ("uk", "{n}-й день війни"),
                ("ru", "{n}-й день войны")))


@pytest.mark.parametrize(("language", "day", "month", "weekday"), [
    ("en", "23 May 2022", "May 2022", "Monday 23 May 2022"),
    ("uk", "23 травня 2022\u202fр.", "Травень 2022", "понеділок, 23 травня 2022\u202fр."),
    ("ru", "23 мая 2022\u202fг.", "Май 2022", "понедельник, 23 мая 2022\u202fг."),
])
def test_dates_in_each_language(language: str, day: str, month: str, weekday: str) -> None:
    assert editions.date_text(DAY, language) == day
    assert editions.date_text(DAY, language, weekday=True) == weekday
    assert editions.month_heading(DAY.value, language) == month


@pytest.mark.parametrize(("language", "precision", "expected"), [
    ("uk", "month", "травень 2022\u202fр."), ("ru", "month", "май 2022\u202fг."),
    ("uk", "year", "2022"), ("en", "month", "May 2022"),
])
def test_lower_precision_is_shown_not_upgraded(language: str, precision: str,
                                               expected: str) -> None:
    assert editions.date_text(ResolvedDate(DAY.value, precision), language) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["1 event", "2 events", "5 events", "21 events", "11 events"]),
    ("uk", ["1 подія", "2 події", "5 подій", "21 подія", "11 подій"]),
    ("ru", ["1 событие", "2 события", "5 событий", "21 событие", "11 событий"]),
])
def test_counts_take_the_cldr_plural_category(language: str, expected: list[str]) -> None:
    assert [editions.count(language, "{n} event", "{n} events", n)
            for n in (1, 2, 5, 21, 11)] == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Day 89 of the war"), ("uk", "89-й день війни"), ("ru", "89-й день войны"),
])
def test_day_label_per_language(language: str, expected: str) -> None:
    assert WAR.format(WAR.day_number(DAY.value) or 0, language) == expected


def test_language_names_are_written_in_themselves() -> None:
    assert [editions.language_name(x) for x in ("en", "uk", "ru")] == \
        ["English", "Українська", "Русский"]


def test_every_message_is_translated_in_every_catalog() -> None:
    """An untranslated msgid would show English in the middle of a Ukrainian page."""
    from babel.messages.pofile import read_po

    catalogs = {}
    for language in ("uk", "ru"):
        path = editions.LOCALE_DIR / language / "LC_MESSAGES" / "timeline.po"
        with path.open("rb") as handle:
            catalogs[language] = read_po(handle, locale=language)
        untranslated = [m.id for m in catalogs[language] if m.id and not (
            all(m.string) if isinstance(m.string, tuple) else m.string)]
        assert untranslated == [], language
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs["uk"] if m.id} == \
        {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs["ru"] if m.id}


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_an_undated_source_reads_n_d_in_every_edition(language: str) -> None:
    """A real corpus cites undated sources; /uk/ and /ru/ once raised on them."""
    assert editions.date_text(None, language) == "n.d."
