"""The embed views inside a page of another site (another origin) in Chromium: the frame
is sized to its content by embed.js, its filters and URL state work, its links open in
the top window, it listens to no message, and axe finds no serious issue in it. Also
"Embed this view" on the timeline, and screenshots of the host page, wide and phone
(``SCREENS_DIR=/tmp/shots`` keeps them)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"wide": 1280, "phone": 375}

# Records, in every frame, who listens for messages and what the frame posts to whom.
SPY = """(() => {
  const add = EventTarget.prototype.addEventListener;
  window.__messageListeners = 0;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (type === 'message' && (this === window || this === document)) window.__messageListeners++;
    return add.call(this, type, ...rest);
  };
  window.__heights = [];
  if (window.parent !== window) return;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && data.type === 'timeline:height') window.__heights.push(data.height);
  });
})();"""


def host_page(folder: Path, site_url: str, query: str, event: str | None = None) -> Path:
    """An article on another site framing our embed view, as embed/'s snippet says."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = [f'<iframe src="{site_url}embed/{query}" title="Timeline" data-timeline-embed '
              'style="width:100%;height:600px;border:0"></iframe>']
    if event:
        frames.append(f'<iframe src="{site_url}events/{event}/embed/" title="One event" '
                      'data-timeline-embed style="width:100%;height:300px;border:0"></iframe>')
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>An article elsewhere</title>"
        "<style>body{font:18px/1.6 Georgia,serif;max-width:44rem;margin:1rem auto;"
        "padding:0 1rem;color:#222}</style></head><body><main>"
        "<h1>An article on another site</h1><p>The text of the article, then the timeline.</p>"
        + "\n<p>And one event of it:</p>\n".join(frames)
        + f'<script src="{site_url}assets/timeline/embed.js" async></script>'
        "<p>The rest of the article.</p></main></body></html>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def export(built_site: Path) -> dict:
    return json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))


@pytest.fixture()
def host(tmp_path: Path, serve, site_url: str):  # type: ignore[no-untyped-def]
    def make(query: str, event: str | None = None) -> str:
        url = serve(host_page(tmp_path / "host", site_url, query, event))
        assert url.split("/")[2] != site_url.split("/")[2]  # another origin (port)
        return url
    return make


def _frame(page: Page, path: str) -> Frame:
    for _ in range(100):
        for frame in page.frames:
            if path in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame {path}")


def _iframe_height(page: Page, index: int = 0) -> float:
    return page.evaluate(
        "i => document.querySelectorAll('iframe')[i].getBoundingClientRect().height", index)


def _content_height(frame: Frame) -> float:
    return frame.evaluate("() => Math.ceil(document.querySelector("
                          "'[data-tl-embed-frame]').getBoundingClientRect().height)")


def test_the_frame_is_sized_filtered_and_quiet(page: Page, host, export: dict) -> None:
    page.add_init_script(SPY)
    page.goto(host("?actor=lukashenko"))
    frame = _frame(page, "/embed/")
    lukashenko = [e for e in export["events"] if "lukashenko" in e["actors"]]
    status = frame.locator("[data-tl-status]")
    expect(status).to_have_text(f"{len(lukashenko)} of {len(export['events'])} events")
    visible = frame.locator("article.tl-event:visible")
    expect(visible).to_have_count(len(lukashenko))
    # embed.js sized the iframe to the frame's content (not 600, not a scrollbox).
    page.wait_for_function("() => window.__heights.length > 0")
    expect_height = _content_height(frame)
    page.wait_for_function(
        "h => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) < 2",
        arg=expect_height)
    assert abs(_iframe_height(page) - 600) > 50
    # Another filter in the frame: fewer events, a new height, the frame's own URL state.
    before = _iframe_height(page)
    tag = next(t for e in lukashenko for t in e["tags"]
               if sum(t in x["tags"] for x in lukashenko) < len(lukashenko))
    frame.get_by_role("combobox", name="Tags").fill(tag)
    frame.get_by_role("option", name=re.compile(rf"^{re.escape(tag)} \d+$")).click()
    both = [e for e in lukashenko if tag in e["tags"]]
    expect(visible).to_have_count(len(both))
    assert f"tag={tag}" in frame.url and "actor=lukashenko" in frame.url
    page.wait_for_function(
        "b => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - b) > 20",
        arg=before)
    # It listens to no message, and the host saw only heights.
    assert frame.evaluate("() => window.__messageListeners") == 0
    assert all(isinstance(h, (int, float)) and h > 0
               for h in page.evaluate("() => window.__heights"))
    # "Open on <site>" leads to the same view, in the top window.
    with page.expect_navigation():
        frame.get_by_role("link", name="Open on Belarus, Russia and the war: May 2022").click()
    assert "/timeline/" in page.url and "actor=lukashenko" in page.url and f"tag={tag}" in page.url


def test_links_open_in_the_top_window(page: Page, host, export: dict, site_url: str) -> None:
    page.goto(host("?actor=lukashenko"))
    frame = _frame(page, "/embed/")
    first = next(e for e in export["events"] if "lukashenko" in e["actors"])
    with page.expect_navigation():
        frame.locator(f"#{first['id']}-title a").click()
    assert page.url == f"{site_url}events/{first['id']}/"
    assert page.main_frame.url == page.url and len(page.frames) == 1


def test_an_event_embed(page: Page, host, site_url: str) -> None:
    page.goto(host("", event="sochi-meeting"))
    frame = _frame(page, "/events/sochi-meeting/embed/")
    expect(frame.locator("h1.tl-event__title")).to_have_text("Putin and Lukashenko meet in Sochi")
    page.wait_for_function("() => document.querySelectorAll('iframe')[1]"
                           ".getBoundingClientRect().height > 320")
    assert abs(_iframe_height(page, 1) - _content_height(frame)) < 2
    with page.expect_navigation():
        frame.locator("a.tl-chip--actor").first.click()
    assert page.url.startswith(site_url + "actors/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_issue_in_the_frames(page: Page, host, width: str,
                                                  scheme: str) -> None:
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(host("?actor=lukashenko", event="sochi-meeting"))
    for path in ("/embed/", "/events/sochi-meeting/embed/"):
        frame = _frame(page, path)
        frame.wait_for_load_state("load")
        frame.add_script_tag(path=str(AXE))
        result = frame.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
              .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target).join(' '));
        }""")
        assert result == [], (path, result)


def test_embed_this_view_gives_the_snippet_for_the_filters(page: Page, site_url: str,
                                                           tmp_path: Path, serve) -> None:
    page.goto(site_url + "timeline/?actor=putin&from=2022-05-01")
    page.get_by_role("button", name="Embed this view").click()
    dialog = page.get_by_role("dialog", name="Embed this view on another site")
    expect(dialog).to_be_visible()
    code = dialog.locator("[data-tl-embed-code]").inner_text()
    assert f'src="{site_url}embed/?actor=putin&amp;from=2022-05-01"' in code
    assert f'<script src="{site_url}assets/timeline/embed.js" async></script>' in code
    # The snippet works as pasted into a page of another site.
    folder = tmp_path / "pasted"
    folder.mkdir()
    (folder / "index.html").write_text(f"<!doctype html><title>x</title>{code}", "utf-8")
    page.goto(serve(folder))
    frame = _frame(page, "/embed/")
    expect(frame.locator("[data-tl-status]")).to_contain_text(" of ")
    assert "actor=putin" in frame.url
    page.wait_for_function("() => document.querySelector('iframe')"
                           ".getBoundingClientRect().height !== 600")


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_the_embed_in_a_host_page(page: Page, host, width: str,
                                                tmp_path: Path) -> None:
    folder = Path(os.environ.get("SCREENS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(host("?actor=lukashenko&tag=diplomacy", event="sochi-meeting"))
    for path in ("/embed/", "/events/sochi-meeting/embed/"):
        _frame(page, path).wait_for_load_state("load")
    page.wait_for_function("() => [...document.querySelectorAll('iframe')].every(f => "
                           "f.getBoundingClientRect().height !== 600 && "
                           "f.getBoundingClientRect().height !== 300)")
    page.wait_for_timeout(300)
    # Chromium leaves cross-origin frames below the fold blank in a full-page capture:
    # the top of the host page, then the event's frame scrolled into view.
    shot = folder / f"embed-host-{width}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    event_frame = page.locator("iframe").nth(1)
    event_frame.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    event_shot = folder / f"embed-host-event-{width}.png"
    event_frame.screenshot(path=str(event_shot))
    assert event_shot.stat().st_size > 20_000
    overflow = page.evaluate("() => document.documentElement.scrollWidth > "
                             "document.documentElement.clientWidth")
    assert not overflow
