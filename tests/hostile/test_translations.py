"""Hostile and careless translation files (issue 24): what a translation may not set, files
that are not translations of anything, bidirectional controls in titles, and hostile HTML in
a translated title and body as the /uk/ pages, the embed and oEmbed show it (a real build)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, build_site, copy_project, run_env

pytestmark = pytest.mark.slow
RECORD = "translation:\n  from: en\n  by: the editors\n  status: draft\n"
HOSTILE_TITLE = ("<img src=x onerror=alert(1)> </title><script>alert(2)</script>"
                 "\u200b \U0001f1fa\U0001f1e6")
HOSTILE_BODY = ('<script>alert(3)</script><a href="javascript:alert(4)">x</a> '
                '<div class="tl-event md-typeset" id="tl-app" data-tl-id="x" name="__proto__">'
                'clobber</div>\n\n<div class="md-dialog md-dialog--active">Session expired: log in '
                'at evil.example</div>\n\n<p class="md-button note">kept</p>\n')


def check(project: Path) -> list[str]:
    result = subprocess.run([str(BIN / "timeline"), "check"], cwd=project, capture_output=True,
                            text=True, env=run_env(), timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    return [line for line in (result.stdout + result.stderr).splitlines() if ": error: " in line]


@pytest.fixture(scope="module")
def errors(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    project = copy_project(tmp_path_factory.mktemp("careless"), translations=False)
    events = project / "content" / "events"
    files = {
        events / "sochi-meeting.uk.md": f"---\ntitle: Сочі\ndate: 2023-01-01\n{RECORD}---\nx\n",
        events / "no-such-event.uk.md": f"---\ntitle: Сирота\n{RECORD}---\nx\n",
        events / "sochi-meeting.xx.md": f"---\ntitle: x\n{RECORD}---\nx\n",
        events / "sochi-meeting.en.md": f"---\ntitle: x\n{RECORD}---\nx\n",
        events / "csto-summit.ru.md": f"---\ntitle: \"Зло \\u2067 x\"\n{RECORD}---\nx\n",
        project / "content" / "sources" / "tass-csto-summit.uk.md":
            f"---\ntitle: x\n{RECORD}---\nx\n",
        events / "bidi-original.md": "---\ntitle: \"Evil \\u202e reversed\"\ndate: 2022-05-24\n"
                                     "actors: [putin]\nsources: [tass-csto-summit]\n---\nBody.\n",
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return check(project)


@pytest.mark.parametrize(("path", "words"), [
    ("content/events/sochi-meeting.uk.md:3", "date: is the original's"),
    ("content/events/no-such-event.uk.md:1", "no original for this translation"),
    ("content/events/sochi-meeting.xx.md:1", "'xx' is not one of the site's editions"),
    ("content/events/sochi-meeting.en.md:1", "'en' is the default edition's language"),
    ("content/sources/tass-csto-summit.uk.md:1", "sources are not translated"),
])
def test_a_careless_translation_gets_an_error_on_its_line(errors: list[str], path: str,
                                                          words: str) -> None:
    assert any(line.startswith(f"{path}: error: ") and words in line for line in errors), errors


@pytest.mark.parametrize(("path", "control"), [
    ("content/events/bidi-original.md:2", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("content/events/csto-summit.ru.md:2", "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
])
def test_a_bidi_override_in_a_title_is_refused(errors: list[str], path: str,
                                               control: str) -> None:
    """Mended: an RLO left open in a title reversed what followed it (`<title>` ended
    "… - Belarus, Russia and the war", shown backwards in the tab, in og:title, in lists)."""
    assert any(line.startswith(f"{path}: error: the bidirectional control {control}")
               for line in errors), errors


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    uk = project / "content" / "events" / "sochi-meeting.uk.md"
    lines = uk.read_text(encoding="utf-8").split("\n")
    lines[1] = "title: " + json.dumps(HOSTILE_TITLE, ensure_ascii=False)
    uk.write_text("\n".join(lines) + "\n" + HOSTILE_BODY, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(out, ignore_errors=True)


def uk_pages(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8")
            for path in (site / "uk").rglob("*.html") if "alert(" in path.read_text("utf-8")}


def test_a_hostile_translated_title_and_body_run_nothing_in_uk_pages(site: Path) -> None:
    pages = uk_pages(site)
    assert {"uk/events/sochi-meeting/index.html", "uk/timeline/index.html",
            "uk/events/sochi-meeting/embed/index.html"} <= set(pages)
    for name, html in pages.items():
        for raw in ("<img src=x", "<script>alert", "javascript:alert", 'id="tl-app"',
                    'data-tl-id="x"', '__proto__'):
            assert raw not in html, (name, raw)


def test_contributor_html_cannot_wear_our_classes(site: Path) -> None:
    html = (site / "uk" / "events" / "sochi-meeting" / "index.html").read_text("utf-8")
    div = re.search(r"<div[^>]*>clobber</div>", html)
    assert div and "class=" not in div[0] and "data-" not in div[0], div


def test_contributor_html_cannot_pose_as_materials_chrome(site: Path) -> None:
    """Mended: md-* classes were kept, so class="md-dialog md-dialog--active" put a fixed
    notice that looked like the site's own over the page; Material's buttons still work."""
    html = (site / "uk" / "events" / "sochi-meeting" / "index.html").read_text("utf-8")
    dialog = re.search(r"<div[^>]*>Session expired", html)
    assert dialog and "md-dialog" not in dialog[0], dialog
    assert '<p class="md-button note">kept</p>' in html


def test_the_oembed_of_a_hostile_translation_is_json_with_an_escaped_iframe(site: Path) -> None:
    oembed = json.loads((site / "uk/events/sochi-meeting/oembed.json").read_text("utf-8"))
    assert oembed["title"] == HOSTILE_TITLE
    frame = oembed["html"]
    assert "<img" not in frame and "<script>alert" not in frame
    assert re.match(r'<iframe src="https://example\.org/uk/events/sochi-meeting/embed/" ', frame)
    assert frame.count("<script") == 1
    assert 'src="https://example.org/assets/timeline/embed.js"' in frame
