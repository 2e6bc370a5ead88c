"""`withdrawn:` and `minor: true` corrections in a real build of the seed site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from tests.conftest import build_site, copy_project

BIN = Path(sys.executable).parent
WITHDRAWN = "withdrawn: {date: 2026-12-06, reason: \"The interview was misattributed.\"}\n"
MINOR = ("corrections:\n  - date: 2026-12-05\n    text: Fixed the spelling of Budanov.\n"
         "    minor: true\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    event = project / "content/events/budanov-wsj-interview.md"
    event.write_text(event.read_text(encoding="utf-8").replace("---\n", "---\n" + WITHDRAWN, 1),
                     encoding="utf-8")
    other = project / "content/events/csto-summit.md"
    other.write_text(other.read_text(encoding="utf-8").replace("---\n", "---\n" + MINOR, 1),
                     encoding="utf-8")
    out = project / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    verified = subprocess.run([str(BIN / "timeline"), "verify-site", str(out)], cwd=project,
                              capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stderr
    return out


def test_a_withdrawn_event_leaves_the_timeline_and_keeps_a_notice_at_its_address(
        site: Path) -> None:
    page = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert page.count('id="budanov-wsj-interview"') == 1
    notice = re.search(r'<li id="budanov-wsj-interview" class="tl-withdrawn__item">(.*?)</li>',
                       page, re.S)
    assert notice is not None
    assert "was withdrawn on <time datetime=\"2026-12-06\">6 December 2026</time>: The " \
        "interview was misattributed." in notice.group(1)
    exported = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert "budanov-wsj-interview" not in [event["id"] for event in exported["events"]]


def test_the_feed_announces_the_withdrawal(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    entries = [e for e in feed.entries if e.title.startswith("Withdrawn: ")]
    assert len(entries) == 1
    assert entries[0].summary == "The interview was misattributed."
    assert entries[0].link.endswith("timeline/#budanov-wsj-interview")


def test_a_minor_correction_is_on_its_event_only(site: Path) -> None:
    page = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert "Fixed the spelling of Budanov. <span class=\"tl-corrections__minor\">(minor)" \
        "</span>" in page
    corrections = (site / "corrections/index.html").read_text(encoding="utf-8")
    assert "Fixed the spelling of Budanov." not in corrections
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "Fixed the spelling of Budanov." not in feed


@pytest.mark.parametrize(("written", "message"), [
    ("withdrawn: yes", "withdrawn: must be a mapping of date: and reason:"),
    ("withdrawn: {date: 2026-12-06}", "withdrawn: 'reason:' is missing or empty"),
    ("withdrawn: {date: 6 December 2026, reason: x}",
     "withdrawn: date '6 December 2026' is not a day written YYYY-MM-DD"),
    ("withdrawn: {date: 2026-12-06, reason: x, by: me}", "withdrawn: unknown key 'by'"),
])
def test_bad_withdrawn_values_are_errors_on_their_line(tmp_path: Path, written: str,
                                                       message: str) -> None:
    project = copy_project(tmp_path)
    event = project / "content/events/csto-summit.md"
    event.write_text(event.read_text(encoding="utf-8").replace("---\n", f"---\n{written}\n", 1),
                     encoding="utf-8")
    result = subprocess.run([str(BIN / "timeline"), "check"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert f"content/events/csto-summit.md:2: error: {message}" in result.stdout
