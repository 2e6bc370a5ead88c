"""embed.js's message channel attacked in Chromium (issue 24, round two, point 2).

A host page (one origin) frames the timeline's embed view and one event's embed view (the
site's origin) beside a hostile frame (a third origin), as an advertisement would sit. The
hostile frame, and the embed views themselves made to misbehave, post fake and malformed
``timeline:height`` messages: embed.js resizes only the iframe whose own window sent the
message, from the origin of that iframe's ``src``, clamps the height to 100–100,000 px,
reads nothing else from a message, and runs nothing from it. The embed views listen to no
message: whatever the host posts into them changes nothing.

Mended here: a frame said its height once, when it loaded; when embed.js (loaded ``async``,
or added late by the host's scripts) arrived after that, the iframe stayed at the snippet's
600 px for good. The frame now says it again over half a minute. The page's clock is
Playwright's, paused, so those repeats come only when a test lets the time run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page

pytestmark = pytest.mark.browser

# In the host's top window only: every timeline:height it receives, in order (registered
# before embed.js, so when this one has seen a message, embed.js has handled it too).
HOST_SPY = """(() => {
  if (window.top !== window) return;
  window.__seen = [];
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'timeline:height') window.__seen.push(event.origin);
  });
})();"""

# In every frame: who adds a message listener (window or document), or sets onmessage.
FRAME_SPY = """(() => {
  const add = EventTarget.prototype.addEventListener;
  window.__messageListeners = 0;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (type === 'message' && (this === window || this === document)) window.__messageListeners++;
    return add.call(this, type, ...rest);
  };
})();"""

PAYLOAD = '<img src=x onerror="top.__pwned = 1">'
# Values a hostile or broken sender could put in `height`, and the height they must give.
CLAMPED = [(1e9, 100_000), (100_001, 100_000), (-5000, 100), (0, 100), (-0.0, 100),
           (99.4, 100), (777.6, 778)]
IGNORED: list[Any] = [float("nan"), float("inf"), float("-inf"), "5000", "5000px",
                      "100px; background: url(javascript:top.__pwned=1)", None, True,
                      [5000], {"valueOf": 5000}, PAYLOAD]


def host_page(folder: Path, site_url: str, evil_url: str, *, script: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tag = f'<script src="{site_url}assets/timeline/embed.js" async></script>' if script else ""
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
        "</head><body><h1>An article elsewhere</h1>"
        f'<iframe id="timeline" src="{site_url}embed/" title="Timeline" data-timeline-embed '
        'style="width:100%;height:600px;border:0"></iframe>'
        f'<iframe id="event" src="{site_url}events/sochi-meeting/embed/" title="One event" '
        'data-timeline-embed style="width:100%;height:300px;border:0"></iframe>'
        f'<iframe id="evil" src="{evil_url}" title="An advertisement" '
        'style="width:300px;height:250px;border:0"></iframe>'
        f"{tag}</body></html>", encoding="utf-8")
    return folder


def evil_page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        "<!doctype html><title>Advertisement</title><p>Buy now</p>", encoding="utf-8")
    return folder


@pytest.fixture()
def host(page: Page, tmp_path: Path, serve, site_url: str) -> Page:  # type: ignore[no-untyped-def]
    evil_url = serve(evil_page(tmp_path / "evil"))
    host_url = serve(host_page(tmp_path / "host", site_url, evil_url))
    origins = {url.split("/")[2] for url in (evil_url, host_url, site_url)}
    assert len(origins) == 3  # three origins (ports)
    page.add_init_script(HOST_SPY)
    page.add_init_script(FRAME_SPY)
    _pause_clock(page)
    page.goto(host_url)
    for path in ("/embed/", "/events/sochi-meeting/embed/"):
        _frame(page, path).wait_for_load_state("load")
    _frame(page, evil_url).wait_for_load_state("load")
    # Every repeat of the frames now (so none comes between a test's message and its look),
    # which also sizes them should embed.js have come after their first word.
    page.clock.run_for(40_000)
    # Both embeds sized themselves: their heights are no longer the snippet's.
    page.wait_for_function("() => ['timeline', 'event'].every(id => !['600px', '300px']"
                           ".includes(document.getElementById(id).style.height))")
    page.wait_for_timeout(300)  # the frames' last ResizeObserver reports
    page.clock.run_for(40_000)  # and their repeats of it
    return page


def _pause_clock(page: Page) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    page.clock.install(time=start)
    page.clock.pause_at(start + dt.timedelta(seconds=1))


def _frame(page: Page, part: str) -> Frame:
    for _ in range(100):
        for frame in page.frames:
            if part in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame {part}")


def _heights(page: Page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(['timeline', 'event', 'evil'].map("
                         "id => [id, document.getElementById(id).style.height]))")


def _post_from(page: Page, frame: Frame, messages: list[Any]) -> None:
    """``frame`` posts ``messages`` to its parent; returns once the host has seen them."""
    before = page.evaluate("() => window.__seen.length")
    frame.evaluate("ms => ms.forEach(m => parent.postMessage(m, '*'))", messages)
    typed = sum(isinstance(m, dict) and m.get("type") == "timeline:height" for m in messages)
    page.wait_for_function("n => window.__seen.length >= n", arg=before + typed)


def test_a_hostile_frame_cannot_resize_the_embeds(host: Page) -> None:
    before = _heights(host)
    evil = next(f for f in host.frames if "Advertisement" in f.title())
    messages = [{"type": "timeline:height", "height": h} for h in (5000, 100, 100_000, 1)]
    _post_from(host, evil, messages)
    # The hostile frame also tries the host's own window (top), its siblings' windows.
    evil.evaluate("() => { top.postMessage({type: 'timeline:height', height: 4444}, '*');"
                  " for (let i = 0; i < parent.frames.length; i++) parent.frames[i]"
                  ".postMessage({type: 'timeline:height', height: 4444}, '*'); }")
    _post_from(host, evil, [{"type": "timeline:height", "height": 3333}])
    assert _heights(host) == before
    assert host.evaluate("() => window.__pwned") is None


def test_an_embed_frame_that_went_elsewhere_is_not_believed(host: Page, tmp_path: Path,
                                                            serve) -> None:  # type: ignore[no-untyped-def]
    """The iframe's window, but no longer our origin (the host navigated its content): the
    message's origin is not that of the iframe's ``src``."""
    before = _heights(host)
    elsewhere = serve(evil_page(tmp_path / "elsewhere"))
    host.evaluate("url => document.getElementById('event').contentWindow.location.replace(url)",
                  elsewhere)
    moved = _frame(host, elsewhere)
    moved.wait_for_load_state("load")
    _post_from(host, moved, [{"type": "timeline:height", "height": 2222}])
    assert _heights(host) == before


@pytest.mark.parametrize(("sent", "shown"), CLAMPED, ids=[str(c[0]) for c in CLAMPED])
def test_heights_from_the_embed_are_clamped(host: Page, sent: float, shown: int) -> None:
    before = _heights(host)
    frame = _frame(host, "/events/sochi-meeting/embed/")
    _post_from(host, frame, [{"type": "timeline:height", "height": sent}])
    after = _heights(host)
    assert after["event"] == f"{shown}px"
    assert after["timeline"] == before["timeline"]  # only the iframe that sent it


@pytest.mark.parametrize("sent", IGNORED, ids=[repr(v)[:30] for v in IGNORED])
def test_heights_that_are_not_finite_numbers_are_ignored(host: Page, sent: Any) -> None:
    before = _heights(host)
    frame = _frame(host, "/embed/")
    _post_from(host, frame, [{"type": "timeline:height", "height": sent}])
    assert _heights(host) == before
    assert host.evaluate("() => window.__pwned") is None


def test_extra_fields_are_not_read_and_nothing_runs(host: Page) -> None:
    frame = _frame(host, "/embed/")
    attributes = "() => [...document.getElementById('timeline').attributes].map(a => a.name)"
    names = host.evaluate(attributes)
    _post_from(host, frame, [
        {"type": "timeline:height", "height": 640, "html": PAYLOAD, "src": "javascript:top."
         "__pwned=1", "style": "position:fixed;inset:0;z-index:9", "onload": "top.__pwned=1",
         "url": "https://evil.example/", "width": 10, "__proto__": {"polluted": 1}},
        {"type": "timeline:navigate", "url": "javascript:top.__pwned=1"},
        {"type": "timeline:html", "html": PAYLOAD},
        "javascript:top.__pwned=1", PAYLOAD,
    ])
    host.wait_for_timeout(200)
    timeline = host.locator("#timeline")
    assert timeline.evaluate("f => f.getAttribute('style')") == \
        "width: 100%; height: 640px; border: 0px;"
    assert host.evaluate(attributes) == names
    assert host.evaluate("() => [window.__pwned, ({}).polluted, location.href.includes('evil'),"
                         " document.querySelectorAll('img').length]") == [None, None, False, 0]
    assert "/embed/" in frame.url


def test_an_embed_js_that_arrives_late_still_sizes_the_frames(page: Page, tmp_path: Path,
                                                               serve, site_url: str) -> None:  # type: ignore[no-untyped-def]
    host_url = serve(host_page(tmp_path / "late", site_url, "about:blank", script=False))
    _pause_clock(page)
    page.goto(host_url)
    for path in ("/embed/", "/events/sochi-meeting/embed/"):
        _frame(page, path).wait_for_load_state("load")
    page.wait_for_timeout(300)  # the frames have said their heights, to no one
    page.evaluate("src => { const s = document.createElement('script'); s.src = src; "
                  "document.body.append(s); }", f"{site_url}assets/timeline/embed.js")
    page.wait_for_function("() => window.__timelineEmbed === true")
    assert _heights(page)["timeline"] == "600px"
    page.clock.run_for(1000)  # the frames say it again
    page.wait_for_function("() => ['timeline', 'event'].every(id => !['600px', '300px']"
                           ".includes(document.getElementById(id).style.height))")
    timeline = _frame(page, "/embed/")
    shown = timeline.evaluate("() => Math.ceil(document.querySelector('[data-tl-embed-frame]')"
                              ".getBoundingClientRect().height)")
    assert _heights(page)["timeline"] == f"{max(100, shown)}px"


def test_the_embed_views_accept_no_message(host: Page, site_url: str) -> None:
    for path in ("/embed/", "/events/sochi-meeting/embed/"):
        frame = _frame(host, path)
        url = frame.url
        assert frame.evaluate("() => [window.__messageListeners, window.onmessage, "
                              "document.onmessage]") == [0, None, None]
        # The host (and, through it, anyone) posts into the frame: nothing changes.
        host.evaluate("""p => {
            const frame = [...document.querySelectorAll('iframe')]
              .find(f => f.src.includes(p) && f.src.endsWith(p));
            for (const m of [{type: 'timeline:height', height: 9}, {type: 'timeline:navigate',
                url: 'javascript:top.__pwned=1'}, {type: 'timeline:filter', tag: '<img src=x '
                + 'onerror=top.__pwned=1>'}, 'javascript:top.__pwned=1'])
              frame.contentWindow.postMessage(m, '*');
        }""", path)
        host.wait_for_timeout(200)
        assert frame.url == url
        assert frame.evaluate("() => [window.__pwned, document.querySelectorAll('img[src=x]')"
                              ".length, document.activeElement === document.body]") == \
            [None, 0, True]
    assert host.evaluate("() => window.__pwned") is None
