"""Editions through the doors: check --stats per edition, translation stamp, builds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_project, run_env

BIN = Path(sys.executable).parent


def _timeline(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), *args], cwd=project, capture_output=True,
                          text=True, env=run_env(), timeout=300)


def test_stats_per_edition_for_the_seed_story(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    result = _timeline(project, "check", "--stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    editions = json.loads(result.stdout)["editions"]
    assert editions == {language: {"events": {"translated": 18, "stale": 0, "missing": 0},
                                   "actors": {"translated": 13, "stale": 0, "missing": 0},
                                   "pages": {"translated": 8, "stale": 0, "missing": 0}}
                        for language in ("uk", "ru")}


def test_stats_count_the_translated_pages_stale_and_missing(tmp_path: Path) -> None:
    """The home page, explainers and about pages are an edition's too: an explainer whose
    original changed is stale, one with no translation is missing."""
    project = copy_project(tmp_path / "site")
    original = project / "content/explainers/sochi-meeting.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nOne more line.\n",
                        encoding="utf-8")
    (project / "content/explainers/concessions.uk.md").unlink()
    result = _timeline(project, "check", "--stats")
    assert result.returncode == 0, result.stderr
    pages = {line.split()[0]: line.split()[2:] for line in result.stdout.splitlines()
             if line.startswith("  ") and line.split()[1:2] == ["pages"]}
    assert pages == {"uk": ["6", "1", "1"], "ru": ["7", "1", "0"]}


def test_an_edited_original_is_stale_until_stamped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    original = project / "content/events/sochi-meeting.md"
    original.write_text(original.read_text(encoding="utf-8").replace(
        "on Monday 23 May 2022", "on 23 May 2022"), encoding="utf-8")
    (project / "content/events/csto-summit.uk.md").unlink()
    result = _timeline(project, "check", "--stats")
    assert result.returncode == 0
    assert "  uk events                16       1        1\n" in result.stdout
    stale = [line for line in result.stderr.splitlines() if "stale translation" in line]
    assert [line.split(": warning:")[0] for line in stale] == [
        "content/events/sochi-meeting.ru.md:3", "content/events/sochi-meeting.uk.md:3"]
    translation = project / "content/events/sochi-meeting.uk.md"
    before = translation.read_text(encoding="utf-8")
    assert _timeline(project, "translation", "stamp", str(translation)).returncode == 0
    after = translation.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("  original_sha256: ")
    result = _timeline(project, "check", "--stats")
    assert "  uk events                17       0        1\n" in result.stdout


def test_each_edition_exports_itself_and_names_its_alternates(tmp_path: Path) -> None:
    """CONTRACT 5: ``uk/timeline.json`` says its language, each title's language and its
    translation record, and is what ``timeline export --language uk`` writes; CONTRACT 6:
    hreflang links are absolute under site_url (the switcher's stay relative)."""
    from tests.conftest import ROOT, build_site

    site = tmp_path / "site"
    result = build_site(ROOT, site, SITE_URL="https://news.example.org/may/")
    assert result.returncode == 0, result.stderr
    published = (site / "uk/timeline.json").read_text(encoding="utf-8")
    exported = subprocess.run(
        [str(BIN / "timeline"), "export", "--format", "json", "--language", "uk"], cwd=ROOT,
        capture_output=True, text=True, env=run_env(SITE_URL="https://news.example.org/may/"),
        check=True).stdout
    assert exported == published
    data = json.loads(published)
    assert list(data)[:2] == ["schema", "language"] and data["language"] == "uk"
    sochi = next(e for e in data["events"] if e["id"] == "sochi-meeting")
    assert (sochi["title"], sochi["title_language"]) == (
        "Путін і Лукашенко зустрічаються в Сочі", "uk")
    assert sochi["translation"] == {"from": "en", "by": "the editors", "status": "draft",
                                    "stale": False}
    assert sochi["url"] == "timeline/#sochi-meeting"
    root = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert root["language"] == "en" and root["events"][0]["translation"] is None
    page = (site / "ru/events/sochi-meeting/index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<link rel="alternate "? ?hreflang="([a-z]+)" href="([^"]+)"',
                            page))
    assert links == {"en": "https://news.example.org/may/events/sochi-meeting/",
                     "uk": "https://news.example.org/may/uk/events/sochi-meeting/",
                     "ru": "https://news.example.org/may/ru/events/sochi-meeting/"}
    assert 'href="../../../uk/events/sochi-meeting/" hreflang="uk"' in page
    unknown = subprocess.run([str(BIN / "timeline"), "export", "--format", "json",
                              "--language", "de"], cwd=ROOT, capture_output=True, text=True,
                             env=run_env())
    assert unknown.returncode == 2
    assert "--language de: not one of the site's editions (en, uk, ru)" in unknown.stderr
