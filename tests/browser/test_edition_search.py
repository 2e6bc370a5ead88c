"""Search per edition (issue 20): the site search of /uk/ finds the Ukrainian edition's
events and pages, in Cyrillic, and none of another edition's; the English edition's
finds no /uk/ or /ru/ page; the switcher loads the other edition afresh (its search
worker is made for the edition it starts in) and keeps #<event-id>."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect


def type_query(page: Page, query: str) -> None:
    """Playwright types letters a US keyboard lacks as text input, without the keyup that
    Material's search box waits for (a reader's Cyrillic layout sends it): End sends one."""
    page.keyboard.type(query)
    page.keyboard.press("End")


def site_search(page: Page, url: str, query: str) -> list[str]:
    """Type into Material's search box; the result links' paths, best first."""
    page.goto(url)
    page.locator("input[name=query]").click()
    type_query(page, query)
    results = page.locator(".md-search-result__list > li a")
    results.first.wait_for()
    page.wait_for_timeout(300)  # the worker answers once per keystroke; let it settle
    hrefs = results.evaluate_all("(as) => as.map((a) => a.href)")
    return [urlsplit(href).path + ("#" + urlsplit(href).fragment if "#" in href else "")
            for href in hrefs]


def test_the_ukrainian_edition_searches_itself_in_cyrillic(page: Page, site_url: str) -> None:
    found = site_search(page, site_url + "uk/timeline/", "Сочі")
    assert found and all(path.startswith("/uk/") for path in found), found
    assert any(path.endswith("#sochi-meeting") for path in found), found


def test_the_russian_edition_searches_itself(page: Page, site_url: str) -> None:
    found = site_search(page, site_url + "ru/timeline/", "Сочи")
    assert found and all(path.startswith("/ru/") for path in found), found
    assert any(path.endswith("#sochi-meeting") for path in found), found


def test_the_default_edition_finds_no_other_editions_page(page: Page, site_url: str) -> None:
    found = site_search(page, site_url + "timeline/", "Sochi")
    assert found and not [p for p in found if p.startswith(("/uk/", "/ru/"))], found
    assert any(path.endswith("#sochi-meeting") for path in found), found


def test_the_switcher_keeps_the_event_and_the_new_edition_searches_itself(
        page: Page, site_url: str) -> None:
    # Material navigates instantly only to URLs in sitemap.xml, rebased on the page's
    # protocol and host but not its port: serve it with this server's origin, so that
    # instant navigation is on, as on the published site.
    def sitemap(route: Route) -> None:
        body = route.fetch().text()
        route.fulfill(body=re.sub(r"<loc>https?://[^/<]+/", "<loc>" + site_url, body),
                      content_type="application/xml")

    page.route("**/sitemap.xml", sitemap)
    page.goto(site_url + "timeline/#sochi-meeting", wait_until="networkidle")
    page.evaluate("window.tlMarker = 1")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a[data-tl-edition=uk]").click()
    page.wait_for_url(re.compile(r"/uk/timeline/#sochi-meeting$"))
    assert page.evaluate("document.documentElement.lang") == "uk"
    assert page.evaluate("window.tlMarker") is None  # loaded afresh, with its own worker
    page.locator("input[name=query]").click()
    type_query(page, "Лукашенко")
    results = page.locator(".md-search-result__list > li a")
    results.first.wait_for()
    page.wait_for_timeout(300)
    paths = [urlsplit(h).path for h in results.evaluate_all("(as) => as.map((a) => a.href)")]
    assert paths and all(path.startswith("/uk/") for path in paths), paths
    expect(page.locator("#sochi-meeting")).to_be_visible()
