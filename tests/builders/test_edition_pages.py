"""The pages of an edition read in its language all the way: heading ids, the nav, labels.

Built once from the real seed site (``built_site``), with scratch copies for the edge cases."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import build_site, copy_project

_HEADING_IDS = re.compile(r'<h[1-6] id="([^"]*)"')


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_cyrillic_headings_keep_readable_ids(built_site: Path) -> None:
    """MkDocs' own slugify keeps ASCII only: every Ukrainian heading was ``_1``, ``_2``."""
    assert _HEADING_IDS.findall(_page(built_site, "uk/explainers/sochi-meeting")) == [
        "зустріч-у-сочі-23-травня-2022-року", "що-було-сказано", "чому-це-мало-значення",
        "події"]
    assert "что-было-сказано" in _HEADING_IDS.findall(_page(built_site,
                                                            "ru/explainers/sochi-meeting"))
    assert _HEADING_IDS.findall(_page(built_site, "explainers/sochi-meeting"))[1:3] == [
        "what-was-said", "why-it-mattered"]


def test_headings_that_slugify_alike_or_to_nothing_stay_unique(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content/explainers/sochi-meeting.uk.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip()
                    + "\n\n## Події!\n\nТекст.\n\n## —\n\nТекст.\n\n## …\n\nТекст.\n",
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    ids = _HEADING_IDS.findall(_page(tmp_path / "site", "uk/explainers/sochi-meeting"))
    assert ids[-4:] == ["події", "події_1", "_1", "_2"]
    assert len(set(ids)) == len(ids)
