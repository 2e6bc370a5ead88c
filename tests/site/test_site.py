"""The real site (CONTRACT sections 3 and 6), built with `mkdocs build --strict`."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest

from tests.conftest import BIN, ROOT, build_site, copy_project, run_env

pytestmark = pytest.mark.slow


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(built_site: Path) -> dict:
    return json.loads(read(built_site, "timeline.json"))


def test_every_event_is_on_the_timeline_with_anchor_and_time(built_site: Path,
                                                               data: dict) -> None:
    html = read(built_site, "timeline/index.html")
    for event in data["events"]:
        match = re.search(rf'<article[^>]* id="{event["id"]}"(.*?)</article>', html, re.S)
        assert match, f"event {event['id']} missing from timeline/"
        assert f'<time datetime="{event["date"]}">' in match.group(1)
        if event["calendar"]:
            assert f'Day {event["calendar"]["war"]}' in match.group(1)


def test_timeline_groups_by_month_and_day(built_site: Path) -> None:
    html = read(built_site, "timeline/index.html")
    assert '<h2 class="tl-period__title" id="period-2022-05">May 2022</h2>' in html
    assert "Monday 23 May 2022</time> <span class=\"tl-daynum\">Day 89 of the war</span>" in html


def test_actor_and_source_pages_exist_and_link_back(built_site: Path, data: dict) -> None:
    for kind, key in (("actors", "actors"), ("sources", "sources")):
        index = read(built_site, f"{kind}/index.html")
        for item in data[key]:
            page = read(built_site, f"{kind}/{item['id']}/index.html")
            assert f'href="../{item["id"]}/"' in index or f'href="{item["id"]}/"' in index \
                or f'href="../{kind}/{item["id"]}/"' in index
            for event in data["events"]:
                if item["id"] in event[key]:
                    assert f'href="../../timeline/#{event["id"]}"' in page


def test_content_files_are_not_pages_and_not_in_nav(built_site: Path) -> None:
    # events/ holds our event pages (CONTRACT section 6), never the contributor's files.
    ids = {path.stem for path in (ROOT / "content/events").glob("*.md")
           if "." not in path.stem}  # not the translations (<id>.uk.md)
    assert {entry.name for entry in (built_site / "events").iterdir()} == ids
    published = {str(path.relative_to(built_site / "events"))
                 for path in (built_site / "events").rglob("*") if path.is_file()}
    assert published == {f"{i}/{name}" for i in ids
                         for name in ("index.html", "oembed.json", "embed/index.html")}
    nav = read(built_site, "index.html").split('<div class="md-container"', 1)[1]
    assert "actors/putin/" not in nav.split('class="md-content"')[0]


def test_published_json_equals_cli_export(built_site: Path) -> None:
    export = subprocess.run([str(BIN / "timeline"), "export", "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True, env=run_env(), timeout=60)
    assert read(built_site, "timeline.json") == export.stdout


def test_ics_and_feed_parse(built_site: Path, data: dict) -> None:
    calendar = icalendar.Calendar.from_ical((built_site / "timeline.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(data["events"])
    sochi = next(e for e in events if str(e["UID"]).startswith("sochi-meeting@"))
    assert sochi.decoded("DTSTART").isoformat() == "2022-05-23"
    feed = read(built_site, "feed.xml")
    # One entry per event, and one per correction (CONTRACT section 6).
    corrections = sum(len(e["corrections"]) for e in data["events"])
    assert corrections >= 1
    assert feed.count("<entry>") == len(data["events"]) + corrections


def test_explainers_embed_filtered_excerpts(built_site: Path, data: dict) -> None:
    html = read(built_site, "explainers/concessions/index.html")
    excerpt = html.split('class="tl-excerpt"', 1)[1].split("</ol>", 1)[0]
    # An excerpt's cards link to their events (ids live on the timeline page only).
    shown = re.findall(r'href="\.\./\.\./timeline/#([^"]+)"', excerpt)
    assert shown and all(
        {"podolyak", "yermak", "budanov", "duda"} & set(e["actors"])
        for e in data["events"] if e["id"] in shown)
    home = read(built_site, "index.html")
    featured = [e["id"] for e in data["events"] if e["featured"]]
    assert featured and all(f'href="timeline/#{event_id}"' in home for event_id in featured)


def test_breaking_an_event_fails_the_strict_build_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "content" / "events" / "sochi-meeting.md"
    path.write_text(path.read_text().replace("date:", "dat:", 1))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "content/events/sochi-meeting.md:" in result.stderr
    assert "unknown key 'dat' (did you mean 'date'?)" in result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_shows_errors_and_keeps_running(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    broken = project / "content" / "events" / "sochi-meeting.md"
    broken.write_text(broken.read_text().replace("date:", "dat:", 1))
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=run_env())
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/timeline/")
        assert 'id="csto-summit"' in page and 'id="sochi-meeting"' not in page
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "content/events/sochi-meeting.md:" in output and "Traceback" not in output


def _wait_for(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_every_module_but_the_mkdocs_door_imports_with_mkdocs_blocked() -> None:
    """Walks the package, so a module added later is covered without editing a list here."""
    code = ("import importlib, pkgutil, sys; sys.modules['mkdocs'] = None\n"
            "import timeline_builder as tb\n"
            "names = [m.name for m in pkgutil.walk_packages(tb.__path__, 'timeline_builder.')]\n"
            "door = 'timeline_builder.builders.plugin'\n"
            "assert door in names and len(names) > 40, names\n"
            "for name in names:\n"
            "    if name not in (door, 'timeline_builder.__main__'):  # __main__ runs the CLI\n"
            "        importlib.import_module(name)\n"
            "assert not [m for m in sys.modules if m.startswith('mkdocs.')]")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_site_overrides_templates_from_overrides_timeline(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "timeline").mkdir(parents=True, exist_ok=True)
    (project / "overrides" / "timeline" / "actor.html").write_text(
        '<div class="custom-actor"><h1>{{ item.name }}</h1>{{ events | length }} events</div>')
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = read(tmp_path / "site", "actors/putin/index.html")
    assert '<div class="custom-actor"><h1>Vladimir Putin</h1>3 events</div>' in page


def test_a_large_timeline_is_split_into_period_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - timeline:\n", "  - timeline:\n      split_threshold: 5\n      period_size: 15\n", 1))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    index = read(site, "timeline/index.html")
    # 2022 has more than 5 events: one page per month, each linked from the index.
    months = sorted(p.parent.relative_to(site).as_posix()
                    for p in site.glob("timeline/2022/*/index.html"))
    assert months == ["timeline/2022/02", "timeline/2022/03", "timeline/2022/05"]
    # The year's own address lists its months (a hub page, no events).
    year = read(site, "timeline/2022/index.html")
    assert 'href="../../timeline/2022/05/"' in year and 'id="sochi-meeting"' not in year
    for month in months:
        assert f'href="../{month}/"' in index
    period = read(site, "timeline/2022/05/index.html")
    assert re.search(r'<article[^>]* id="sochi-meeting"', period)
    # Each period page links its neighbours and the index.
    march = read(site, "timeline/2022/03/index.html")
    assert re.search(r'<a [^>]*rel="prev" href="\.\./\.\./\.\./timeline/2022/02/"', march)
    assert re.search(r'<a [^>]*rel="next" href="\.\./\.\./\.\./timeline/2022/05/"', march)
    assert 'rel="next"' not in period and 'href="../../../timeline/"' in period
    assert 'href="../../timeline/2022/05/#sochi-meeting"' in read(site, "actors/putin/index.html")
    # The first view carries no event: events are in the compact index, loaded on demand.
    assert "#sochi-meeting" not in index and "Putin and Lukashenko meet" not in index
    compact = json.loads(read(site, "timeline/data/index.json"))
    row = next(r for r in compact["events"] if r[0] == "sochi-meeting")
    assert compact["periods"][row[5]]["url"] == "timeline/2022/05/"
    # Period pages stay out of Material's search index.
    search = json.loads(read(site, "search/search_index.json"))
    assert not [d for d in search["docs"] if d["location"].startswith("timeline/2022/")]
    data = json.loads(read(site, "timeline.json"))
    assert next(e for e in data["events"] if e["id"] == "sochi-meeting")["url"] \
        == "timeline/#sochi-meeting"
