"""Hostile contributor HTML in real Chromium: nothing loads from, or navigates to, another
host, and none of it drives the timeline.

A copy of the site gets an event body, an actor biography and an explainer page full of
URLs spelt to slip past a careless judge, plus the timeline's own class names, ids and
data attributes. Chromium loads the pages with every request intercepted: the test
judges by the requests the browser actually makes (their host is Chromium's reading of
the URL), never by our own parser. Elements are found by the contract (ids are event
ids, ``<time datetime>``, visible text, roles and labels), not by the script's selectors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route, expect

from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.browser

EVIL = "evil.example"
# Every spelling a browser reads as a request to evil.example (or as script), in markup
# a contributor may write in markdown.
LOADS = [
    '<img src="/\\evil.example/p1.png" alt="p1">',
    '<img src="\\\\evil.example/p2.png" alt="p2">',
    '<img src="\\/evil.example/p3.png" alt="p3">',
    '<img src="//evil.example/p4.png" alt="p4">',
    '<img src=" //evil.example/p5.png" alt="p5">',
    '<img src="/&#x09;/evil.example/p6.png" alt="p6">',
    '<img src="//%65vil.example/p7.png" alt="p7">',
    '<img src="//EVIL.example/p8.png" alt="p8">',
    '<img src="https:evil.example/p9.png" alt="p9">',
    '<img src="http:evil.example/p10.png" alt="p10">',
    '<IMG SRC="https://evil.example/p11.png" ALT="p11">',
    '<img src="x.png" srcset="x.png 1x, //evil.example/p12.png 2x, /\\evil.example/p13.png 3x">',
    '<img srcset="a.png,//evil.example/p14.png 2x">',
    '<img srcset="https://evil.example/p,15.png 1x">',
    '<picture><source srcset="//evil.example/p16.webp"><img src="x.png" alt="p16"></picture>',
    '<video src="//evil.example/v1.mp4" poster="/\\evil.example/p17.jpg" controls></video>',
    '<video controls><source src="//evil.example/v2.mp4"><track src="//evil.example/t.vtt">'
    "</video>",
    '<audio src="\\\\evil.example/a1.mp3" controls></audio>',
    '<iframe src="https://evil.example\\@www.youtube-nocookie.com/embed/x"></iframe>',
    '<iframe src="https://www.youtube-nocookie.com@evil.example/embed/x"></iframe>',
    '<iframe src="//evil.example/f1"></iframe>',
    '<iframe srcdoc="&lt;img src=//evil.example/p18.png&gt;"></iframe>',
    '<svg><use href="//evil.example/s.svg#a"></use><image href="//evil.example/p19.png">'
    "</image></svg>",
    '<p style="background:url(//evil.example/p20.png)">styled</p>',
    "<style>body{background:url(//evil.example/p21.png)}</style>",
    '<link rel="prefetch" href="//evil.example/l1">',
    '<link rel="stylesheet" href="/\\evil.example/l2.css">',
    '<meta http-equiv="refresh" content="0;url=//evil.example/m1">',
    '<base href="//evil.example/">',
    '<object data="//evil.example/o1"></object><embed src="//evil.example/e1">',
    '<input type="image" src="//evil.example/p22.png" alt="p22">',
    '<table background="//evil.example/p23.png"><tr><td>t</td></tr></table>',
    '<a href="https://example.org/" ping="//evil.example/ping">pinged link</a>',
    '<form action="//evil.example/f"><button>Send form</button></form>',
    '<span data-src="//evil.example/d1" data-tl-moved="//evil.example/d2">data</span>',
]
# Links that must not survive (script schemes, disguised hosts): clicking them goes nowhere.
DROPPED_LINKS = [
    ("js plain", "javascript:alert(1)"),
    ("js entity", "&#106;avascript:alert(2)"),
    ("js tab", "java&#x09;script:alert(3)"),
    ("js upper", "JaVaScRiPt:alert(4)"),
    ("vbscript", "vbscript:msgbox(5)"),
    ("data html", "data:text/html,<script>alert(6)</script>"),
    ("disguised https", "https:evil.example/x"),
]
# The page's machinery, borrowed.
MACHINERY = [
    '<div class="tl-event" id="fake-event" data-start="2022-01-01" data-end="2022-01-01">'
    "<div class='tl-event__meta'><a data-actor='putin'>fake chip</a></div></div>",
    '<div class="tl-period"><div class="tl-day"><ol class="tl-events"><li>'
    '<article class="tl-event" id="fake-two"></article></li></ol></div></div>',
    '<span id="csto-summit">not the event</span>',
    '<p id="tl-keys">fake keys</p><button data-tl-clear>fake clear</button>',
    '<input type="checkbox" name="actor" value="putin" checked>',
]


# Markdown images: event and actor bodies only (MkDocs itself warns about these in pages).
MARKDOWN = ("![m1](/\\evil.example/m1.png) ![m2](\\\\evil.example/m2.png) "
            "![m3](//evil.example/m3.png) ![m4](https:evil.example/m4.png)")


def hostile_html() -> str:
    links = " ".join(f'<a href="{href}">{text}</a>' for text, href in DROPPED_LINKS)
    return "\n\n".join([*LOADS, f"<p>{links}</p>", "[md link](javascript:alert(7))",
                        *MACHINERY])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path_factory.mktemp("hostile-browser") / "project",
                           translations=False)
    content = project / "content"
    # The first event of the page carries it all, so its body comes before every event.
    for body in (content / "events" / "full-scale-invasion.md", content / "actors" / "putin.md"):
        body.write_text(f"{body.read_text(encoding='utf-8')}\n\n{hostile_html()}\n\n{MARKDOWN}\n",
                        encoding="utf-8")
    (content / "explainers" / "hostile.md").write_text(
        "# Hostile\n\n" + hostile_html() + "\n\n"
        '<div class="tl tl--index" data-tl-root=""><ol class="tl-list">'
        '<li id="moved" data-tl-moved="https://evil.example/moved">moved</li></ol></div>\n\n'
        "[[timeline actor=putin limit=2]]\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - explainers/concessions.md\n",
        "      - explainers/concessions.md\n      - explainers/hostile.md\n"), encoding="utf-8")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return serve(site)


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[BrowserContext, list[str], list[str]]]:
    """A context whose every request to a host other than 127.0.0.1 is recorded and
    refused, with every dialog (an alert would mean script ran) recorded too."""
    context = browser.new_context()
    foreign: list[str] = []
    dialogs: list[str] = []

    def route(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda r: _record_foreign(r, foreign))
    context.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(d.message),
                                                            d.dismiss())))
    yield context, foreign, dialogs
    context.close()


def _record_foreign(request: Request, foreign: list[str]) -> None:
    host = urlsplit(request.url).hostname
    if host not in ("127.0.0.1", None) and request.url not in foreign:
        foreign.append(request.url)


def load(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("path", ["timeline/", "actors/putin/", "explainers/hostile/"])
def test_nothing_loads_from_another_host(watched, hostile_site: str, path: str) -> None:  # type: ignore[no-untyped-def]
    context, foreign, dialogs = watched
    page = load(context, hostile_site + path)
    # Media that Chromium loads only when asked, and lazy images: make it ask.
    page.evaluate("""() => { document.querySelectorAll('video, audio').forEach((m) => {
        try { m.load(); } catch (e) {} });
        document.querySelectorAll('img').forEach((i) => { i.loading = 'eager'; });
        window.scrollTo(0, document.body.scrollHeight); }""")
    page.wait_for_load_state("networkidle")
    assert foreign == []
    assert dialogs == []
    assert EVIL not in page.url


def test_dropped_links_go_nowhere(watched, hostile_site: str) -> None:  # type: ignore[no-untyped-def]
    context, foreign, dialogs = watched
    page = load(context, hostile_site + "explainers/hostile/")
    start = page.url
    for text, _ in DROPPED_LINKS:
        link = page.get_by_text(text, exact=True)
        expect(link).to_have_count(1)
        link.click()
        page.wait_for_load_state("networkidle")
        assert page.url == start, text
    page.get_by_text("md link", exact=True).click()
    assert page.url == start
    page.get_by_text("Send form").click()  # what is left of the form: its text
    page.wait_for_load_state("networkidle")
    assert page.url == start
    assert foreign == []
    assert dialogs == []


def test_a_borrowed_moved_marker_sends_nobody_away(watched, hostile_site: str) -> None:  # type: ignore[no-untyped-def]
    context, foreign, _ = watched
    page = load(context, hostile_site + "explainers/hostile/#moved")
    page.evaluate("location.hash = '#other'; location.hash = '#moved'")
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.endswith("/explainers/hostile/")
    assert foreign == []


def shown_ids(page: Page, published: list[str]) -> list[str]:
    return [event_id for event_id in published
            if page.locator(f'[id="{event_id}"]').is_visible()]


def test_borrowed_machinery_does_not_drive_the_timeline(watched, hostile_site: str) -> None:  # type: ignore[no-untyped-def]
    context, _, _ = watched
    page = load(context, hostile_site + "timeline/")
    data = json.loads(page.evaluate("fetch('../timeline.json').then((r) => r.text())"))
    ids = [event["id"] for event in data["events"]]
    # Every event is an element with its id holding <time datetime>: one each, unique.
    for event in data["events"]:
        expect(page.locator(f'[id="{event["id"]}"]')).to_have_count(1)
        expect(page.locator(f'[id="{event["id"]}"] time[datetime="{event["date"]}"]')
               ).to_have_count(1)
    ids_on_page = page.evaluate("Array.from(document.querySelectorAll('[id]'), (el) => el.id)")
    duplicates = sorted({i for i in ids_on_page if ids_on_page.count(i) > 1})
    assert duplicates == []
    # The filters still work and count only real events.
    status = page.get_by_role("status")
    expect(status).to_have_text(f"{len(ids)} of {len(ids)} events")
    page.get_by_role("searchbox", name="Search titles, summaries and quotes").fill("fake")
    expect(status).to_have_text(f"0 of {len(ids)} events")
    page.get_by_role("button", name="Clear all filters").first.click()
    expect(status).to_have_text(f"{len(ids)} of {len(ids)} events")
    putin = [e["id"] for e in data["events"] if "putin" in e["actors"]]
    page.goto(hostile_site + "timeline/?actor=putin")
    expect(status).to_have_text(f"{len(putin)} of {len(ids)} events")
    assert shown_ids(page, ids) == putin
    # The keyboard help opens our list of keys, not a contributor's element.
    page.get_by_role("button", name="Keyboard shortcuts").click()
    expect(page.get_by_text("next / previous event")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_deep_link_reaches_the_event_not_a_borrowed_id(browser: Browser, hostile_site: str,
                                                       javascript: bool) -> None:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(hostile_site + "timeline/#csto-summit")
    target = page.locator(":target")
    expect(target).to_have_count(1)
    expect(target.locator("time[datetime]").first).to_have_attribute("datetime", "2022-05-16")
    expect(target).to_contain_text("CSTO summit in Moscow")
    expect(target).to_be_in_viewport()
    context.close()


def test_excerpt_in_a_hostile_explainer_keeps_its_markup(watched, hostile_site: str) -> None:  # type: ignore[no-untyped-def]
    context, _, _ = watched
    page = load(context, hostile_site + "explainers/hostile/")
    link = page.get_by_role("link", name="See these events in the full timeline")
    expect(link).to_have_attribute("href", re.compile(r"timeline/\?actor=putin$"))
    excerpt_events = page.locator("a[href*='timeline/#']")
    assert excerpt_events.count() >= 2


def test_fixture_really_is_hostile(hostile_site: str, tmp_path: Path) -> None:
    """The corpus holds what it claims (a test with no hostile content would pass)."""
    html = hostile_html()
    assert html.count(EVIL) >= 40
    assert "tl-event" in html and "data-tl-moved" in html
