"""Knight Lab's own TimelineJS3 (npm `@knight-lab/timelinejs`, pinned in package-lock.json)
loads our `timeline export --format timelinejs` in Chromium: one marker per event, each
with its headline, and nothing printed to the console as an error.

Served from a local folder (no CDN): the library's files come from node_modules.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from playwright.sync_api import Page

from tests.conftest import BIN, ROOT, copy_project, run_env

pytestmark = pytest.mark.browser
DIST = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
EXTRA = {  # partial dates and ranges, which TimelineJS reads as {year[, month[, day]]}
    "month-talks": "---\ntitle: Talks stall\ndate: May 2022\nsources: [belta-lukashenko-letter]"
                   "\n---\nNo round was held.\n",
    "year-aid": "---\ntitle: Aid & <arms> over the year\ndate: 2022\napproximate: true\n"
                "sources: [belta-lukashenko-letter]\n---\nAid arrived through the year.\n",
    "range": "---\ntitle: Three days of talks\ndate: 2022-05-24\nend: 2022-05-26\n"
             "sources: [belta-lukashenko-letter]\n---\nTalks.\n",
}
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>TimelineJS</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="dist/css/timeline.css"></head>
<body><div id="timeline-embed" style="width: 100%; height: 600px"></div>
<script src="dist/js/timeline.js"></script>
<script src="load.js"></script></body></html>
"""
LOAD = """fetch("timeline.json").then((r) => r.json()).then((data) => {
  window.__timeline = new TL.Timeline("timeline-embed", data,
    // The default font is fetched from Google Fonts: a site of ours loads nothing from
    // other hosts, so it uses TimelineJS's system-font theme.
    {script_path: new URL("dist/js/", location.href).href, font: "georgia-helvetica"});
  window.__timeline.on("loaded", () => { window.__loaded = true; });
});
"""


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory, serve) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    assert (DIST / "js" / "timeline.js").exists(), "run `make node_modules/.installed`"
    project = copy_project(tmp_path_factory.mktemp("project"), translations=False)
    for name, text in EXTRA.items():
        (project / "content" / "events" / f"{name}.md").write_text(text, encoding="utf-8")
    folder = tmp_path_factory.mktemp("tljs")
    result = subprocess.run([str(BIN / "timeline"), "export", "--format", "timelinejs",
                             "-o", str(folder / "timeline.json")], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    shutil.copytree(DIST, folder / "dist")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "load.js").write_text(LOAD, encoding="utf-8")
    canonical = subprocess.run([str(BIN / "timeline"), "export", "--format", "json"],
                               cwd=project, capture_output=True, text=True, env=run_env(),
                               timeout=120)
    return serve(folder), json.loads(canonical.stdout)


def test_timelinejs_shows_one_marker_per_event(page: Page, harness: tuple[str, dict]) -> None:
    url, export = harness
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}")
            if response.status >= 400 else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda request: None if request.url.startswith(url)
            else problems.append(f"off-site request: {request.url}"))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    page.wait_for_function("window.__loaded === true")
    markers = page.locator(".tl-timemarker")
    assert markers.count() == len(export["events"])
    headlines = page.locator(".tl-timemarker .tl-headline").all_text_contents()
    assert sorted(" ".join(h.split()) for h in headlines) == sorted(
        e["title"] for e in export["events"])  # escaped once: `&` and `<arms>` read as text
    assert not problems, "\n".join(problems)
