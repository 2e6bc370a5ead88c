"""Full-page screenshots of the main page types, wide and phone, light and dark.

The PNGs go to a temporary folder, or to ``$SCREENS_DIR`` when set (to look at them:
``SCREENS_DIR=/tmp/shots .venv/bin/pytest tests/browser/test_screens.py``). The test
checks that each page renders something substantial and that no page scrolls sideways.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = {"home": "", "timeline": "timeline/", "explainer": "explainers/sochi-meeting/",
         "actor": "actors/putin/", "source-lineage": "sources/interreviewed-lukashenko-letter/",
         "source-original": "sources/daily-beast-lukashenko-letter/", "sourcing": "sourcing/",
         "corrections": "corrections/", "event": "events/sochi-meeting/"}
WIDTHS = {"wide": 1280, "phone": 375}
SCHEMES = {"light": "default", "dark": "slate"}




@pytest.fixture(scope="module")
def screens_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("SCREENS_DIR")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.mktemp("screens")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(page, site_url: str, screens_dir: Path, name: str, width: str,
                    scheme: str) -> None:
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("load")
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme])
    page.evaluate("document.fonts.ready.then(() => true)")
    if name == "timeline":
        expect(page.get_by_role("searchbox", name="Search titles, summaries and quotes")
               ).to_be_visible()
    overflow = page.evaluate("""() => {
        const doc = document.documentElement;
        if (doc.scrollWidth <= doc.clientWidth) return null;
        const wide = [...document.querySelectorAll('body *')].filter(el => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > doc.clientWidth + 1;
        }).slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (el.className && typeof el.className === 'string'
               ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
        return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide};
    }""")
    assert overflow is None, f"{name} scrolls sideways at {WIDTHS[width]}px: {overflow}"
    shot = screens_dir / f"{name}-{WIDTHS[width]}-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000, f"{shot.name} is nearly empty"
