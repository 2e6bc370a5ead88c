"""The editions in Chromium (CONTRACT section 6 "Editions"): each edition says its language,
the switcher leads to the same page and keeps ``#<event-id>``, and the timeline's text search
finds events written in Cyrillic, folding case (the site search per edition:
test_edition_search.py).

Built from the seed site itself (``languages: [en, uk, ru]``), served by a static server.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# The text search's label in each edition (the catalog's translation of its English label).
SEARCH = {"uk": "Пошук у заголовках, описах і цитатах",
          "ru": "Поиск в заголовках, описаниях и цитатах"}
SOCHI = {"uk": "Путін і Лукашенко зустрічаються в Сочі",
         "ru": "Путин и Лукашенко встречаются в Сочи"}


@pytest.mark.parametrize(("path", "lang"), [("", "en"), ("uk/", "uk"), ("ru/", "ru"),
                                            ("uk/timeline/", "uk"),
                                            ("ru/events/sochi-meeting/", "ru"),
                                            ("timeline/", "en")])
def test_each_page_says_its_language(page: Page, site_url: str, path: str, lang: str) -> None:
    page.goto(site_url + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_the_switcher_keeps_the_page_and_the_event(page: Page, site_url: str) -> None:
    page.goto(site_url + "timeline/#sochi-meeting")
    expect(page.get_by_role("heading", name="Putin and Lukashenko meet in Sochi")).to_be_visible()
    page.get_by_role("button", name=re.compile("language", re.I)).hover()
    page.get_by_role("link", name="Українська", exact=True).click()
    expect(page).to_have_url(re.compile(r"/uk/timeline/#sochi-meeting$"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    title = page.get_by_role("heading", name=SOCHI["uk"])
    expect(title).to_be_in_viewport()
    # And on to Russian from there: still the same event.
    page.get_by_role("button", name=re.compile("язык|мов", re.I)).hover()
    page.get_by_role("link", name="Русский", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ru/timeline/#sochi-meeting$"))
    expect(page.get_by_role("heading", name=SOCHI["ru"])).to_be_in_viewport()


@pytest.mark.parametrize(("lang", "query"), [("uk", "СОЧІ"), ("ru", "сочи")])
def test_the_timeline_search_reads_cyrillic(page: Page, site_url: str, lang: str,
                                            query: str) -> None:
    """Case folds in Cyrillic too: ``СОЧІ`` finds the title written ``Сочі``."""
    page.goto(site_url + f"{lang}/timeline/")
    box = page.get_by_role("searchbox", name=SEARCH[lang])
    box.fill(query)
    expect(page.get_by_role("heading", name=SOCHI[lang])).to_be_visible()
    others = page.get_by_role("heading", name=re.compile("Азовсталь|Азовстали|Азовсталі"))
    expect(others).to_have_count(0)
    expect(page).to_have_url(re.compile(r"\?text="))


def test_the_nav_of_an_edition_is_its_own(page: Page, site_url: str) -> None:
    """Material's nav on /uk/ is in Ukrainian and leads into /uk/ (instant navigation too)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "uk/explainers/sochi-meeting/")
    nav = page.locator("nav.md-nav--primary")
    current = nav.locator("a.md-nav__link--active")
    expect(current).to_have_text(re.compile("Зустріч у Сочі 23 травня 2022 року"))
    expect(nav.get_by_text("Explainers", exact=True)).to_have_count(0)
    nav.get_by_role("link", name="Хронологія", exact=True).click()
    expect(page).to_have_url(re.compile(r"/uk/timeline/$"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(nav.locator("a.md-nav__link--active")).to_have_text(re.compile("Хронологія"))
    nav.get_by_role("link", name="Люди", exact=True).click()
    expect(page).to_have_url(re.compile(r"/uk/actors/$"))


def test_copying_the_embed_snippet_says_so_in_the_edition(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "ru/timeline/")
    page.get_by_role("button", name="Встроить этот вид").click()
    copy = page.get_by_role("dialog").locator("[data-tl-embed-copy]")
    expect(copy).to_have_text("Копировать")
    copy.click()
    expect(copy).to_have_text("Скопировано")
    assert "<iframe src=" in page.evaluate("navigator.clipboard.readText()")
