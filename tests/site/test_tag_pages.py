"""Tag pages (issue 19: with JavaScript off, the pages of people, tags and sources are the
way to filter): ``tags/`` lists every tag, ``tags/<slug>/`` its events; event pages link
their tags there. Tags are free words, so their folders are slugs that never collide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project

HOSTILE = '<img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"), translations=False)
    event = project / "content/events/sochi-meeting.md"
    text = event.read_text(encoding="utf-8")
    tags = re.search(r"^tags: \[(.*)\]$", text, re.MULTILINE)
    assert tags, "the seed event lists its tags in flow style"
    extra = f'Sanctions, SANCTIONS, санкції, index, "{HOSTILE}"'
    event.write_text(text.replace(tags.group(0), f"tags: [{tags.group(1)}, {extra}]"), "utf-8")
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def links(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="(?:\.\./)*({re.escape(prefix)}[^"]*)"', html)


def test_every_tag_has_a_page_listed_on_the_index(site: Path) -> None:
    index = (site / "tags/index.html").read_text(encoding="utf-8")
    listed = sorted(set(links(index, "tags/")) - {"tags/"})
    folders = sorted(f"tags/{p.name}/" for p in (site / "tags").iterdir() if p.is_dir())
    assert listed == folders
    assert "tags/diplomacy/" in listed and "tags/index/" not in listed
    # Case and script never share a folder, and the index page keeps its own.
    assert len([f for f in folders if f.startswith("tags/sanctions")]) == 3
    assert "tags/sanctions/" in folders  # the seed's own tag keeps its plain folder
    assert any(re.fullmatch(r"tags/tag-[0-9a-f]{8}/", f) for f in folders)  # санкції


def test_a_tag_page_lists_its_events_and_leads_to_the_filtered_timeline(site: Path) -> None:
    page = (site / "tags/diplomacy/index.html").read_text(encoding="utf-8")
    assert "<h1>#diplomacy</h1>" in page
    assert "timeline/#sochi-meeting" in links(page, "timeline/")
    assert "timeline/?tag=diplomacy" in page


def test_event_pages_link_their_tags_and_the_timeline_says_so_without_javascript(
        site: Path) -> None:
    event = (site / "events/sochi-meeting/index.html").read_text(encoding="utf-8")
    assert "tags/diplomacy/" in links(event, "tags/")
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    nojs = re.search(r'<p class="tl-nojs">.*?</p>', timeline, re.DOTALL)
    assert nojs and "tags/" in links(nojs.group(0), "tags/")


def test_a_tag_is_text_everywhere(site: Path) -> None:
    for page in site.glob("tags/*/index.html"):
        assert HOSTILE not in page.read_text(encoding="utf-8"), page
    index = (site / "tags/index.html").read_text(encoding="utf-8")
    assert "#&lt;img src=x onerror=alert(1)&gt;" in index
