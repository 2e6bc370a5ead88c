"""The filter picker (issue 19) in Chromium, on the dense corpus (tests/dense_corpus.py:
400 actors, 60 tags, 600 sources, 900 events in 2025, split by month, week and day).

Typing narrows, counts are per option, the keyboard alone chooses and removes, chosen
values are chips, the URL holds the state both ways, axe finds nothing serious, a phone
does not scroll sideways, and `timeline/#<id>` lands inside a split period.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import AXE, _axe, _report
from tests.conftest import build_site
from tests.dense_corpus import dense_project

pytestmark = pytest.mark.browser
PEOPLE = "People and organisations"


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = dense_project(tmp_path_factory.mktemp("picker") / "project")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def dense_url(dense: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(dense)


def options(site: Path, kind: str) -> list[list]:
    return json.loads((site / f"timeline/data/filters/{kind}.json").read_text())["options"]


def test_typing_narrows_and_the_keyboard_chooses(page: Page, dense: Path,
                                                 dense_url: str) -> None:
    page.goto(dense_url + "timeline/2025/05/")
    box = page.get_by_role("combobox", name=PEOPLE)
    box.click()
    listbox = page.get_by_role("listbox", name=PEOPLE)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option")).to_have_count(50)  # of 400: type to narrow
    value, label, _count = options(dense, "actor")[0]
    box.press_sequentially(label)
    expect(listbox.get_by_role("option").first).to_have_text(re.compile(
        rf"^{re.escape(label)} \d+$"))
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"\?actor={value}$"))
    chip = page.get_by_role("button", name=f"Remove {label}", exact=True)
    expect(chip).to_be_visible()
    expect(box).to_have_value("")
    # Backspace in the empty box removes the last chip; Escape closes the list.
    box.press("Backspace")
    expect(chip).to_have_count(0)
    assert not urlsplit(page.url).query
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_url_state_round_trip_and_counts(page: Page, dense: Path, dense_url: str) -> None:
    actor, actor_label, _ = options(dense, "actor")[1]
    tag, _tag_label, _ = options(dense, "tag")[0]
    page.goto(dense_url + f"timeline/?actor={actor}&tag={tag}")
    expect(page.get_by_role("button", name=f"Remove {actor_label}", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=f"Remove {tag}", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ of \d+ events$"))
    # Adding a source by the mouse keeps the others, in the URL too.
    box = page.get_by_role("combobox", name="Sources")
    box.click()
    first = page.get_by_role("listbox", name="Sources").get_by_role("option").first
    expect(first).to_have_text(re.compile(r" \d+$"))
    first.click()
    pairs = parse_qsl(urlsplit(page.url).query)
    assert [k for k, _ in pairs] == ["actor", "tag", "source"]
    page.reload()
    expect(page.get_by_role("list", name="Chosen: Sources").get_by_role("button")
           ).to_have_count(1)
    page.get_by_role("button", name=f"Remove {actor_label}", exact=True).click()
    assert [k for k, _ in parse_qsl(urlsplit(page.url).query)] == ["tag", "source"]


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core not installed")
@pytest.mark.parametrize("width", [1280, 375])
def test_open_picker_has_no_serious_axe_issue_and_fits_a_phone(page: Page, dense_url: str,
                                                               width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(dense_url + "timeline/2025/03/09/?tag=topic-00")
    page.get_by_role("combobox", name=PEOPLE).click()
    expect(page.get_by_role("listbox", name=PEOPLE).get_by_role("option").first).to_be_visible()
    bad = _axe(page)
    assert not bad, _report(bad)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_deep_links_land_in_split_periods(page: Page, dense: Path, dense_url: str) -> None:
    index = json.loads((dense / "timeline/data/index.json").read_text())
    row = next(r for r in index["events"] if index["periods"][r[5]]["key"] == "2025/03/09")
    page.goto(dense_url + f"timeline/#{row[0]}")
    page.wait_for_url(re.compile(rf"/timeline/2025/03/09/#{row[0]}$"))
    expect(page.locator(f"#{row[0]}")).to_be_focused()
