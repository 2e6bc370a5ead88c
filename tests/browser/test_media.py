"""Media in real Chromium: click-to-load embeds (request interception), the lightbox by
keyboard, graphic items, JavaScript off, forged attributes, the CSP, axe, screenshots.

Every request to another host is intercepted with ``page.route``: the embed host answers
with a stub page, so the tests see exactly what would have been asked of it, and when.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.test_accessibility import AXE, _axe, _report
from tests.browser.test_csp import CSP, _configure, _Watch
from tests.conftest import build_site
from tests.media_fixture import EMBED, EVENT, media_project

pytestmark = pytest.mark.browser

EMBED_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
# The site's policy with players allowed: frames from the embed hosts, nothing else.
CSP_WITH_PLAYERS = f"{CSP}; frame-src {' '.join(EMBED_HOSTS)}"
FORGED = """# Forged

<p><a data-tl-embed="https://evil.example/player" href="#x" id="forged-embed">Play</a></p>
<p><a data-tl-lightbox href="https://evil.example/big.png" id="forged-picture">Look</a></p>
"""


@pytest.fixture(scope="module")
def media_site(tmp_path_factory: pytest.TempPathFactory, serve) -> str:  # type: ignore[no-untyped-def]
    project = media_project(tmp_path_factory.mktemp("media-browser"))
    (project / "content" / "forged.md").write_text(FORGED, encoding="utf-8")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace(
        "      - about/contributing.md\n", "      - about/contributing.md\n      - forged.md\n"),
        encoding="utf-8")
    out = tmp_path_factory.mktemp("media-browser-site")
    url = serve(out)
    _configure(project / "mkdocs.yml", CSP_WITH_PLAYERS, url)
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return url


class Offsite:
    """Every request to another host, answered by a stub (nothing leaves the machine)."""

    def __init__(self, page: Page, origin: str) -> None:
        self.requests: list[str] = []
        self.origin = origin
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), self._answer)

    def _answer(self, route: Route) -> None:
        self.requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html",
                      body="<!doctype html><title>player</title><p>stub player</p>")


def open_timeline(page: Page, base: str, width: int = 1280) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + f"timeline/#{EVENT}")
    page.wait_for_function(
        "() => document.querySelector('[data-tl-controls]')?.hidden === false")


def test_nothing_is_asked_of_the_embed_host_before_play(page: Page, media_site: str) -> None:
    offsite = Offsite(page, media_site)
    watch = _Watch(page, media_site)
    open_timeline(page, media_site)
    card = page.locator(f"#{EVENT}")
    card.scroll_into_view_if_needed()
    page.mouse.wheel(0, 3000)  # lazy pictures load as they come into view; players must not
    page.wait_for_load_state("networkidle")
    assert offsite.requests == []
    assert card.locator("iframe").count() == 0
    play = card.get_by_role("button", name=re.compile(r"^Play: The press briefing"))
    play.click()
    frame = card.locator("iframe")
    expect(frame).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert offsite.requests == [EMBED + "?autoplay=1"]
    assert frame.get_attribute("src") == EMBED + "?autoplay=1"
    assert frame.get_attribute("referrerpolicy") == "strict-origin"
    assert set(frame.get_attribute("sandbox").split()) == {
        "allow-scripts", "allow-same-origin", "allow-presentation", "allow-popups",
        "allow-popups-to-escape-sandbox"}
    assert "fullscreen" in frame.get_attribute("allow")
    assert frame.get_attribute("title") == "The press briefing after the meeting."
    expect(frame).to_be_focused()
    # The CSP lets the player's frame in (frame-src) and nothing else complains.
    assert page.frame_locator(f"#{EVENT} iframe").get_by_text("stub player").is_visible()
    watch.problems = [p for p in watch.problems if not p.startswith("off-site request")]
    watch.check("after play")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_play_button_works_from_the_keyboard(page: Page, media_site: str,
                                                 key: str) -> None:
    offsite = Offsite(page, media_site)
    open_timeline(page, media_site)
    play = page.locator(f"#{EVENT}").get_by_role("button", name=re.compile("^Play: "))
    play.focus()
    page.keyboard.press(key)
    expect(page.locator(f"#{EVENT} iframe")).to_have_count(1)
    assert offsite.requests == [EMBED + "?autoplay=1"]


def test_without_javascript_an_embed_is_a_link(browser: Browser, media_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    offsite = Offsite(page, media_site)
    page.goto(media_site + "timeline/")
    card = page.locator(f"#{EVENT}")
    link = card.get_by_role("link", name=re.compile(r"^Play: The press briefing"))
    assert link.get_attribute("href") == EMBED
    assert offsite.requests == []
    link.click()
    page.wait_for_url(EMBED)
    assert offsite.requests == [EMBED]
    context.close()


def test_without_javascript_a_picture_links_to_its_full_copy(browser: Browser,
                                                           media_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(media_site + "timeline/")
    link = page.locator(f"#{EVENT}").get_by_role("link", name=re.compile("^Two men seated"))
    link.click()
    page.wait_for_url(re.compile(r"/assets/timeline/media/sochi-table-[0-9a-f]{12}-2000\.webp$"))
    context.close()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_lightbox_by_keyboard(page: Page, media_site: str, key: str) -> None:
    open_timeline(page, media_site)
    link = page.locator(f"#{EVENT}").get_by_role("link", name=re.compile("^Two men seated"))
    link.focus()
    page.keyboard.press(key)
    dialog = page.get_by_role("dialog", name="Two men seated at a long table with flags "
                                             "behind them")
    expect(dialog).to_be_visible()
    close = dialog.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    picture = dialog.get_by_role("img")
    expect(picture).to_have_attribute("src", re.compile(r"-2000\.webp$"))
    page.wait_for_function("() => document.querySelector('dialog img')?.complete === true")
    assert page.evaluate("document.querySelector('dialog img').naturalWidth") == 2000
    expect(dialog).to_contain_text("The two presidents in Sochi")
    for _ in range(3):  # focus stays in the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()


def test_the_lightbox_speaks_the_editions_language(page: Page, media_site: str) -> None:
    """Its one control was 'Close' in every edition: the link carries the edition's word."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(media_site + f"uk/timeline/#{EVENT}")
    page.wait_for_function(
        "() => document.querySelector('[data-tl-controls]')?.hidden === false")
    page.locator(f"#{EVENT}").get_by_role("link", name=re.compile("^Two men seated")).click()
    dialog = page.get_by_role("dialog", name=re.compile("^Two men seated"))
    expect(dialog.get_by_role("button", name="Закрити")).to_be_focused()


def test_graphic_material_waits_for_the_reader(page: Page, media_site: str) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/wreck-" in r.url else None)
    open_timeline(page, media_site)
    card = page.locator(f"#{EVENT}")
    card.scroll_into_view_if_needed()
    page.mouse.wheel(0, 3000)
    page.wait_for_load_state("networkidle")
    hidden = card.get_by_role("img", name="A burnt-out car on a road")
    # Not shown, not in the accessibility tree, not even downloaded.
    expect(hidden).to_have_count(0)
    assert asked == []
    warning = card.get_by_text("Warning: this picture shows graphic, possibly distressing "
                               "material.")
    expect(warning).to_be_visible()
    card.get_by_text("Show the picture").click()
    expect(hidden).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('img')].some(i => "
                           "i.alt === 'A burnt-out car on a road' && i.complete "
                           "&& i.naturalWidth > 0)")
    assert asked, "the picture should load once revealed"
    card.get_by_text("Hide the picture").click()
    expect(hidden).to_have_count(0)


def test_forged_attributes_in_a_page_load_nothing(page: Page, media_site: str) -> None:
    offsite = Offsite(page, media_site)
    page.goto(media_site + "forged/")
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    page.locator("#forged-embed").click()
    assert page.locator("iframe").count() == 0
    page.goto(media_site + "forged/")
    page.locator("#forged-picture").click(no_wait_after=True)
    assert page.locator("dialog[open]").count() == 0
    page.wait_for_load_state()
    # The forged picture link is an ordinary link to another host, followed only on click.
    assert all(url.startswith("https://evil.example/big.png") for url in offsite.requests)
    assert not any("player" in url for url in offsite.requests)


needs_axe = pytest.mark.skipif(not AXE.is_file(), reason="axe-core not installed")


@needs_axe
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_page_with_media(browser: Browser, media_site: str, scheme: str,
                                  width: int) -> None:
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    Offsite(page, media_site)
    page.emulate_media(color_scheme=scheme)
    open_timeline(page, media_site, width)
    bad = _axe(page)
    assert not bad, f"timeline with media ({scheme}, {width}px):\n{_report(bad)}"
    card = page.locator(f"#{EVENT}")
    card.get_by_text("Show the picture").click()
    card.get_by_role("button", name=re.compile("^Play: ")).click()
    expect(card.locator("iframe")).to_have_count(1)
    bad = _axe(page)
    assert not bad, f"media revealed and played ({scheme}, {width}px):\n{_report(bad)}"
    card.get_by_role("link", name=re.compile("^Two men seated")).click()
    expect(page.get_by_role("dialog", name=re.compile("^Two men seated"))).to_be_visible()
    bad = _axe(page)
    assert not bad, f"lightbox ({scheme}, {width}px):\n{_report(bad)}"
    context.close()


SHOTS = os.environ.get("SCREENS_DIR")


def loaded(page: Page) -> None:
    """Every shown picture of the event loaded (lazy ones are asked for now)."""
    page.evaluate(f"document.querySelectorAll('#{EVENT} img').forEach(i => i.loading = 'eager')")
    page.wait_for_function(f"() => [...document.querySelectorAll('#{EVENT} img')]"
                           ".every(i => i.complete || !i.getClientRects().length)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_media_screenshots(page: Page, media_site: str, tmp_path: Path, scheme: str,
                           width: int) -> None:
    """Before and after play and reveal (``SCREENS_DIR=… pytest -k screenshots`` keeps them);
    nothing may scroll sideways."""
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    Offsite(page, media_site)
    page.emulate_media(color_scheme=scheme)
    open_timeline(page, media_site, width)
    card = page.locator(f"#{EVENT}")
    card.scroll_into_view_if_needed()
    loaded(page)
    card.screenshot(path=str(folder / f"media-{width}-{scheme}-before.png"))
    card.get_by_text("Show the picture").click()
    card.get_by_role("button", name=re.compile("^Play: ")).click()
    expect(card.locator("iframe")).to_have_count(1)
    loaded(page)
    card.screenshot(path=str(folder / f"media-{width}-{scheme}-after.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= "
                         "document.documentElement.clientWidth")
    card.get_by_role("link", name=re.compile("^Two men seated")).click()
    expect(page.get_by_role("dialog", name=re.compile("^Two men seated"))).to_be_visible()
    page.wait_for_function("() => document.querySelector('dialog img')?.complete === true")
    page.screenshot(path=str(folder / f"media-{width}-{scheme}-lightbox.png"))


def test_media_code_comes_with_the_first_page_that_shows_media(page: Page,
                                                               media_site: str) -> None:
    """media.js and media.css are in the pages that show media only; reached by Material's
    instant navigation from a page without, they load then, and run once however often
    the reader comes back (one click, one player)."""
    offsite = Offsite(page, media_site)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/media." in r.url else None)
    page.goto(media_site + "sources/")
    page.wait_for_function("document.readyState === 'complete'")
    assert asked == []
    page.evaluate("window.tlMarker = 1")
    for _ in range(2):  # there, away, and there again
        page.locator(".md-nav__link", has_text="Timeline").first.click()
        play = page.locator(f"#{EVENT}").get_by_role("button", name=re.compile("^Play: "))
        play.click()
        expect(page.locator(f"#{EVENT} iframe")).to_have_count(1)
        page.locator(".md-nav__link", has_text="Sources").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sources")
    assert page.evaluate("window.tlMarker") == 1, "instant navigation not used"
    assert sorted({url.rsplit("/", 1)[1] for url in asked}) == ["media.css", "media.js"]
    assert offsite.requests == [EMBED + "?autoplay=1"] * 2
