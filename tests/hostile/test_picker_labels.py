"""Markup in the filter pickers' data files (issue 24): an actor's name and a tag written as
HTML, with `</script>` and U+2028, travel to timeline/data/filters/*.json and into the
picker's options and chips. Real Chromium is the judge: nothing runs, nothing is parsed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import build_site, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NAME = "<img src=x onerror=window.__pwned=1> </script><!-- \u2028 Evil"
TAG = "<b onmouseover=window.__pwned=2>bold</b>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"), translations=False)
    content = project / "content"
    (content / "actors" / "evil.md").write_text(
        f"---\nname: {json.dumps(NAME, ensure_ascii=False)}\nrole: x\n---\nx\n", "utf-8")
    (content / "events" / "evil.md").write_text(
        "---\ntitle: Evil labels\ndate: 2022-05-24\nactors: [evil]\n"
        f"tags: [{json.dumps(TAG)}]\nsources: [tass-csto-summit]\n---\nBody.\n", "utf-8")
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_the_data_files_carry_the_labels_as_json_text(site: Path) -> None:
    for kind, label in (("actor", "<img src=x onerror=window.__pwned=1> </script><!--"),
                        ("tag", TAG)):
        options = json.loads((site / f"timeline/data/filters/{kind}.json").read_text("utf-8"))
        assert any(option[1].startswith(label) for option in options["options"]), kind


def test_a_label_written_as_html_is_text_in_the_picker_and_its_chip(
        page: Page, site: Path, serve) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve(site) + "timeline/")
    for name, typed, label in (("People and organisations", "Evil", NAME),
                               ("Tags", "bold", TAG)):
        box = page.get_by_role("combobox", name=name)
        box.click()
        box.press_sequentially(typed)
        listbox = page.get_by_role("listbox", name=name)
        option = listbox.get_by_role("option").first
        expect(option).to_contain_text(label.replace("\u2028", " ").split(" ")[0])
        assert listbox.locator("img, b").count() == 0
        box.press("Enter")
        assert page.locator("main img[src='x'], main b[onmouseover]").count() == 0
    assert page.evaluate("window.__pwned") is None
