"""A split timeline in Chromium: filters and text search on `timeline/` cover every period,
as timeline_builder/core/filters.py (the Python truth) computes them; deep links land on events
with JavaScript on and off; a query loads only the text it needs.

The fixture is the seed site with ``split_threshold: 5`` and ``period_size: 15`` plus three
events in 2023: 2022
(18 events) is split by month, 2023 (4 events) has one year page.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import build_site, copy_project
from timeline_builder.builders.pipeline import build_timeline
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.core.filters import EventFilter

EXTRA = {
    "minsk-2023-talks": ("2023-03-02", "[putin, lukashenko]", "[diplomacy]",
                         "Talks in Minsk about grain corridors and sanctions relief."),
    "moscow-2023-parade": ("2023-05-09", "[putin]", "[military]",
                           "A parade in Moscow; Straße names and ÉCOLE in the body."),
    "kyiv-2023-visit": ("2023-06-10", "[zelensky]", "[diplomacy, sanctions]",
                        "A visit to Kyiv discussing sanctions and reconstruction.\n\n"
                        "Later the delegation toured a rebuilt hydroelectric turbine hall."),
}
HOSTILE_TITLE = '<img src=x onerror="document.title=666"> Hostile headline'



@pytest.fixture(scope="module")
def split_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("split") / "project", translations=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - timeline:\n", "  - timeline:\n      split_threshold: 5\n      period_size: 15\n", 1),
        encoding="utf-8")
    sources = sorted(p.stem for p in (project / "content" / "sources").glob("*.md"))
    for event_id, (date, actors, tags, body) in EXTRA.items():
        (project / "content" / "events" / f"{event_id}.md").write_text(
            f"---\ntitle: {event_id.replace('-', ' ').title()}\ndate: {date}\n"
            f"actors: {actors}\ntags: {tags}\nsources: [{sources[0]}]\n---\n{body}\n",
            encoding="utf-8")
    (project / "content" / "events" / "hostile-2023.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\ndate: 2023-07-01\nsources: [{sources[0]}]\n---\n"
        "Body of the hostile one.\n", encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def split_url(split_project: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(split_project / "site")


def truth(project: Path, query: str) -> list[str]:
    settings, problems = read_mkdocs_yml(project / "mkdocs.yml")
    assert not problems
    timeline, _ = build_timeline(settings)
    wanted = EventFilter.from_pairs(parse_qsl(query))
    return [e.id for e in timeline.events if wanted.matches(e)]


def expect_results(page: Page, expected: list[str], total: int = 22) -> None:
    """The status says how many, and the listed events are exactly these, in order
    (polled: the view updates after the index and text arrive)."""
    expect(page.get_by_role("status")).to_have_text(f"{len(expected)} of {total} events")
    deadline = time.monotonic() + 5
    while result_ids(page) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert result_ids(page) == expected


def result_ids(page: Page) -> list[str]:
    """The events listed as results: links (in the page's content) to `…/#<id>`."""
    hrefs = page.locator("article ol li a").evaluate_all("(as) => as.map((a) => a.href)")
    return [unquote(urlsplit(h).fragment) for h in hrefs]


QUERIES = [
    "actor=putin",
    "actor=putin&actor=zelensky",            # repeated key: any
    "actor=putin&tag=diplomacy",             # different keys: AND
    "text=sanctions",                        # every period, 2022 months and 2023
    "text=STRASSE",                          # case-folded as Python's casefold()
    "tag=diplomacy&from=2022-05-20&to=2023-03-02",
    "text=zzzz-nothing",
]


@pytest.mark.parametrize("query", QUERIES)
def test_filters_cover_every_period_as_python_does(page: Page, split_project: Path,
                                                   split_url: str, query: str) -> None:
    expected = truth(split_project, query)
    page.goto(split_url + "timeline/?" + query)
    expect_results(page, expected)
    if not expected:
        expect(page.get_by_text("No event matches these filters")).to_be_visible()


def test_results_lead_to_the_events_on_their_period_pages(page: Page, split_url: str) -> None:
    page.goto(split_url + "timeline/?text=sanctions")
    expect(page.get_by_role("status")).not_to_have_text(re.compile(r"^Searching|^22 of"))
    link = page.locator("article ol li a", has_text="Kyiv 2023 Visit")
    link.click()
    page.wait_for_url(re.compile(r"/timeline/2023/#kyiv-2023-visit$"))
    expect(page.locator("#kyiv-2023-visit")).to_be_focused()


def test_typing_and_ticking_update_the_url_and_the_results(page: Page, split_project: Path,
                                                           split_url: str) -> None:
    page.goto(split_url + "timeline/")
    page.get_by_label("Search titles, summaries and quotes").fill("talks")
    expect(page).to_have_url(re.compile(r"\?text=talks$"))
    expect_results(page, truth(split_project, "text=talks"))
    page.locator("summary", has_text="People and organisations").click()
    page.get_by_role("checkbox", name=re.compile("Vladimir Putin")).check()
    expect(page).to_have_url(re.compile(r"\?actor=putin&text=talks$"))
    expect_results(page, truth(split_project, "actor=putin&text=talks"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?text=talks$"))
    expect_results(page, truth(split_project, "text=talks"))


def test_the_first_view_loads_no_event_data(page: Page, split_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(split_url + "timeline/", wait_until="networkidle")
    assert not [path for path in fetched if "/timeline/data/" in path]
    # With no query the index shows the periods, each linked.
    expect(page.get_by_role("link", name="May 2022", exact=True)).to_be_visible()


def test_a_dated_text_search_loads_only_the_periods_it_needs(page: Page,
                                                              split_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(split_url + "timeline/?text=talks&from=2022-05-01&to=2022-05-31")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ of 22 events$"))
    texts = sorted(path.rsplit("/", 1)[1] for path in fetched if "/timeline/data/text/" in path)
    assert texts == ["2022-05.json"]


@pytest.mark.parametrize("event_id, period", [("sochi-meeting", "2022/05"),
                                              ("minsk-2023-talks", "2023")])
def test_deep_links_land_on_the_event(page: Page, split_url: str, event_id: str,
                                      period: str) -> None:
    page.goto(split_url + f"timeline/#{event_id}")
    page.wait_for_url(re.compile(rf"/timeline/{period}/#{event_id}$"))
    expect(page.locator(f"#{event_id}")).to_be_focused()


def test_without_javascript_the_index_links_every_period_page(browser: Browser,
                                                              split_project: Path,
                                                              split_url: str) -> None:
    site = split_project / "site"
    pages = sorted("/" + p.parent.relative_to(site).as_posix() + "/"
                   for p in site.glob("timeline/*/**/index.html"))
    assert pages == ["/timeline/2022/", "/timeline/2022/02/", "/timeline/2022/03/",
                     "/timeline/2022/05/", "/timeline/2023/"]  # 2022: a hub of months
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(split_url + "timeline/#sochi-meeting")
    hrefs = page.locator("a").evaluate_all("(as) => as.map((a) => a.href)")
    linked = {urlsplit(h).path for h in hrefs}
    assert set(pages) <= linked
    page.goto(split_url + "timeline/2022/05/#sochi-meeting")
    expect(page.locator("#sochi-meeting")).to_be_visible()
    expect(page.get_by_role("link", name="← March 2022").first).to_be_visible()
    context.close()


def site_search(page: Page, base: str, query: str) -> list[str]:
    """Type into Material's search box; the result links, best first."""
    page.goto(base)
    page.locator("input[name=query]").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__list > li a")
    results.first.wait_for()
    page.wait_for_timeout(300)  # the worker answers once per keystroke; let it settle
    return results.evaluate_all("(as) => as.map((a) => a.href)")


@pytest.mark.parametrize("query", [
    "Kyiv 2023 Visit",                       # the headline
    "rebuilt hydroelectric turbine",         # a phrase from the body, past its summary
    "hydroelec",                             # a word being typed
])
def test_site_search_lands_on_the_event(page: Page, split_url: str, query: str) -> None:
    hrefs = site_search(page, split_url, query)
    first = urlsplit(hrefs[0])
    assert (first.path, first.fragment) == ("/timeline/2023/", "kyiv-2023-visit")
    page.locator(".md-search-result__list > li a").first.click()
    page.wait_for_url(re.compile(r"/timeline/2023/[^#]*#kyiv-2023-visit$"))
    expect(page.locator("#kyiv-2023-visit")).to_be_focused()


def test_site_search_shows_hostile_titles_as_text(page: Page, split_url: str) -> None:
    hrefs = site_search(page, split_url, "hostile headline")
    assert urlsplit(hrefs[0]).fragment == "hostile-2023"
    result = page.locator(".md-search-result__list > li").first
    expect(result).to_contain_text(HOSTILE_TITLE)
    assert result.locator("img").count() == 0
    assert page.title() != "666"


def test_materials_index_stays_small_and_holds_no_generated_page(split_project: Path) -> None:
    import json

    index = json.loads((split_project / "site" / "search" / "search_index.json")
                       .read_text(encoding="utf-8"))
    places = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not {p for p in places if p.startswith(("timeline/", "actors/", "sources/"))}
    assert "explainers/sochi-meeting/" in places
