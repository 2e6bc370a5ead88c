"""Words and dates in an edition's language: CLDR through babel, messages through gettext.

Dates, month names and plural categories come from CLDR (babel), never from tables of our
own: ``23 травня 2022 р.``, ``Травень 2022``, ``5 подій``. Our own words (``c.``, ``event``,
the timeline script's strings) are gettext messages in ``core/locale/<lang>/LC_MESSAGES/
timeline.po``, compiled with babel when first asked for; the English edition is the msgids
themselves, so a site without ``languages`` reads exactly as it did before editions.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from timeline_builder.core.date_labels import human_date
from timeline_builder.core.model import Event, ResolvedDate

DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "timeline"


@lru_cache(maxsize=16)
def messages(language: str) -> gettext.NullTranslations:
    """The message catalog of ``language`` (English: the msgids as they are)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translate(language: str, message: str) -> str:
    return messages(language).gettext(message)


def count(language: str, singular: str, plural: str, number: int) -> str:
    """``1 подія``, ``2 події``, ``5 подій``: the catalog's CLDR plural rule picks the form;
    ``singular``/``plural`` contain ``{n}``."""
    return messages(language).ngettext(singular, plural, number).replace("{n}", str(number))


@lru_cache(maxsize=16384)  # babel takes ~40 us a date; a site shows the same days again
def date_text(date: ResolvedDate | None, language: str, *, weekday: bool = False) -> str:
    """A date at its precision in ``language``: ``23 травня 2022 р.``, ``травень 2022 р.``,
    ``2022``; English keeps the site's own wording (``Monday 23 May 2022``); an undated
    source's ``n.d.`` in every edition (it is a citation convention, not a word)."""
    if language == DEFAULT_LANGUAGE or date is None:
        return human_date(date, weekday=weekday)
    from babel.dates import format_date, format_skeleton

    if date.precision == "year":
        return str(date.value.year)
    if date.precision == "month":
        return format_skeleton("yMMMM", date.value, locale=language)
    return format_date(date.value, "full" if weekday else "long", locale=language)


def nouns(language: str, number: int, noun: str) -> str:
    """``5 подій`` for ``(uk, 5, "event")``: the catalog's ``{n} event``/``{n} events``."""
    return count(language, f"{{n}} {noun}", f"{{n}} {noun}s", number)


def event_dates(event: Event, language: str) -> str:
    """An event's date or range, ``c.`` when approximate, in ``language``."""
    text = date_text(event.date, language)
    if event.end and event.end != event.date:
        text = f"{text} – {date_text(event.end, language)}"
    return approximate(text, language) if event.approximate else text


def month_heading(day: dt.date, language: str) -> str:
    """A month as a heading, in the nominative (CLDR's stand-alone form): ``Травень 2022``."""
    if language == DEFAULT_LANGUAGE:
        return f"{day:%B} {day.year}"
    from babel.dates import format_date

    text = format_date(day, "LLLL y", locale=language)
    return text[:1].upper() + text[1:]


def approximate(text: str, language: str) -> str:
    """``c. 23 May 2022`` in the edition's words."""
    return translate(language, "c. {date}").replace("{date}", text)


def language_name(language: str) -> str:
    """The language's name in itself, for the switcher: ``English``, ``Українська``."""
    from babel import Locale

    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def script_catalog(language: str, msgids: Iterable[str | tuple[str, str]]
                   ) -> dict[str, object] | None:
    """What the timeline script needs of ``language``'s catalog, for the page to carry:
    ``{"lang": "uk", "messages": {msgid: text, singular: {CLDR category: form}}}``; None in
    the default edition (the script's msgids are its words). Each plural form is the one
    the catalog's own rule gives a number of that CLDR category (babel), so the script
    picks it with ``Intl.PluralRules`` and carries no plural rules of its own."""
    if language == DEFAULT_LANGUAGE:
        return None
    from babel import Locale

    catalog = messages(language)
    category = Locale.parse(language).plural_form
    found: dict[str, object] = {}
    for msgid in msgids:
        if isinstance(msgid, str):
            if (text := catalog.gettext(msgid)) != msgid:
                found[msgid] = text
            continue
        one, other = msgid
        forms: dict[str, str] = {}
        for number in range(200):  # every integer category shows up below 200 (CLDR)
            forms.setdefault(category(number), catalog.ngettext(one, other, number))
        forms.setdefault("other", catalog.ngettext(one, other, 5))
        if set(forms.values()) - {one, other}:
            found[one] = dict(sorted(forms.items()))
    return {"lang": language, "messages": found}
