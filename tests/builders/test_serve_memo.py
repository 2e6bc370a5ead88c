"""Under ``mkdocs serve``, a rebuild that reuses the last build's renders publishes what a
fresh build publishes (site/render_memo.py; issue 23, point 3).

Each test edits the seed (three editions) the way a contributor does while serving, then
rebuilds in this process as ``mkdocs serve`` does (the same plugin, its memo kept, into the
same site folder, where only changed files are written: builders/site_writes.py), and
compares every file with a build of the same content that reuses nothing; and the same for
``timeline render --watch``, the Zensical serve loop.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_project, differing, site_files
from timeline_builder.builders.plugin import TimelinePlugin
from timeline_builder.builders.site_writes import SiteWrites
from timeline_builder.site.render_memo import RenderMemo

Edit = Callable[[Path], None]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _body(content: Path) -> None:
    path = content / "events/sochi-meeting.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                    encoding="utf-8")


def _title(content: Path) -> None:
    _replace(content / "events/sochi-meeting.md", "title: Putin and Lukashenko meet in Sochi",
             "title: Putin & Lukashenko meet in <Sochi>")


def _date(content: Path) -> None:
    _replace(content / "events/sochi-meeting.md", "date: day 89 of the war",
             "date: 2022-03-01")


def _new_event(content: Path) -> None:
    text = (content / "events/sochi-meeting.md").read_text(encoding="utf-8")
    (content / "events/sochi-meeting-again.md").write_text(
        text.replace("title: Putin and Lukashenko meet in Sochi", "title: They meet again")
        .replace("date: day 89 of the war", "date: 2022-05-30"), encoding="utf-8")


def _deleted_event(content: Path) -> None:
    for path in content.glob("events/csto-summit*.md"):
        path.unlink()


def _renamed_actor(content: Path) -> None:
    _replace(content / "actors/austin.md", "name: Lloyd Austin", "name: Lloyd J. Austin")


def _translation(content: Path) -> None:
    path = content / "events/sochi-meeting.uk.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nЩе одне речення.\n",
                    encoding="utf-8")


EDITS: dict[str, list[Edit]] = {
    "body": [_body],
    "title": [_title],
    "date": [_date],
    "new event": [_new_event],
    "deleted event": [_deleted_event],
    "renamed actor": [_renamed_actor],
    "translation": [_translation],
    "one after another": [_body, _title, _date],
}


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MkDocs keeps one plugin instance per process; this one serves for the test only."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    yield
    for plugin in _plugins():
        plugin.on_startup(command="build", dirty=False)
        plugin.memo = RenderMemo()
        plugin.writes = SiteWrites()


def _plugins() -> list[TimelinePlugin]:
    from mkdocs.config.defaults import MkDocsConfig

    cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
    return [p for p in cache.values() if isinstance(p, TimelinePlugin)]


def _build(project: Path, out: Path, *, serve: bool, keep: bool = False
           ) -> tuple[dict[str, bytes], TimelinePlugin]:
    """One build into ``out``; ``keep``: the folder stays for the next, as it does under
    ``mkdocs serve``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        build(config)
        plugin = config.plugins["timeline"]
    finally:
        os.chdir(cwd)
    assert isinstance(plugin, TimelinePlugin)
    files = site_files(out)
    if not keep:
        shutil.rmtree(out)
    return files, plugin


@pytest.mark.parametrize("kind", EDITS)
def test_a_rebuild_after_an_edit_publishes_what_a_fresh_build_does(
        kind: str, tmp_path: Path, serving: None) -> None:
    project = copy_project(tmp_path / "project")
    _build(project, tmp_path / "site", serve=True, keep=True)  # what the memo keeps
    for edit in EDITS[kind]:
        edit(project / "content")
        served, plugin = _build(project, tmp_path / "site", serve=True, keep=True)
        assert plugin.memo.hits > 0  # renders were reused: the memo is what is tested
        memo, plugin.memo = plugin.memo, RenderMemo()
        fresh, _ = _build(project, tmp_path / "fresh", serve=False)
        plugin.memo = memo
        assert differing(served, fresh) == []


def test_a_site_with_its_own_templates_reuses_no_render(tmp_path: Path, serving: None) -> None:
    # An override may read anything from the environment, beyond what a key covers.
    project = copy_project(tmp_path / "project")
    overrides = project / "overrides/timeline"
    overrides.mkdir(parents=True, exist_ok=True)
    source = Path(__file__).parents[2] / "timeline_builder/site/templates/actor.html"
    _build(project, tmp_path / "site", serve=True)
    (overrides / "actor.html").write_text(
        source.read_text(encoding="utf-8") + "<p>overridden</p>\n", encoding="utf-8")
    served, plugin = _build(project, tmp_path / "site", serve=True)
    assert b"<p>overridden</p>" in served["actors/austin/index.html"]
    assert plugin.memo.hits == 0


def test_a_rebuild_of_unchanged_content_renders_nothing_again(
        tmp_path: Path, serving: None) -> None:
    # Counted, not timed: a key that differs between two builds of the same content (a
    # context holding the whole timeline, or something made anew each build) would make
    # every rebuild a full one again.
    # (Without translations: editing an original makes its translations stale, which
    # every page of those editions may say, so they are all rendered again once.)
    project = copy_project(tmp_path / "project", translations=False)
    _build(project, tmp_path / "site", serve=True)
    _, plugin = _build(project, tmp_path / "site", serve=True)
    assert plugin.memo.misses == 0 and plugin.memo.hits > 100
    _body(project / "content")
    _, plugin = _build(project, tmp_path / "site", serve=True)
    # The edited event's page, embed and card, its period, actors, sources, tags, and its
    # neighbours' pages, in each of the three editions: not the other pages.
    assert 0 < plugin.memo.misses < plugin.memo.hits / 4


def test_a_rebuild_writes_only_the_files_that_changed_and_removes_the_gone(
        tmp_path: Path, serving: None) -> None:
    # Counted, not timed: writing every file again was a fifth of a rebuild at 1,000 events.
    project, site = copy_project(tmp_path / "project", translations=False), tmp_path / "site"
    _build(project, site, serve=True, keep=True)
    _, plugin = _build(project, site, serve=True, keep=True)
    assert plugin.writes.written == 0 and plugin.writes.skipped > 300
    _body(project / "content")
    _, plugin = _build(project, site, serve=True, keep=True)
    # Its page and embed, the timeline, the embed, three search shards: in each edition.
    assert 0 < plugin.writes.written < plugin.writes.skipped / 20
    for unchanged in ("404.html", "_headers", "assets/images/favicon.png"):  # written, copied
        (site / unchanged).write_bytes(b"changed by someone else")
    page = site / "events/csto-summit/index.html"
    assert page.is_file()
    for path in project.glob("content/events/csto-summit*.md"):
        path.unlink()
    served, plugin = _build(project, site, serve=True, keep=True)
    assert not page.parent.exists()  # the deleted event's folder went with its page
    fresh, _ = _build(project, tmp_path / "fresh", serve=False)
    assert differing(served, fresh) == []  # the files changed behind it written again


def test_a_build_into_a_built_site_writes_only_changes_and_ends_as_a_clean_one(
        tmp_path: Path, serving: None) -> None:
    # A plain `mkdocs build` into the folder of an earlier one (a new process: nothing
    # known, the bytes are compared): what the clean would have removed is removed, and
    # nothing else; a file written by other means (a plugin's) is kept.
    project, site = copy_project(tmp_path / "project", translations=False), tmp_path / "site"
    _build(project, site, serve=False, keep=True)
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    (site / "events/gone").mkdir()
    (site / "events/gone/index.html").write_text("an event no more", encoding="utf-8")
    (site / ".git-like").write_text("hidden at the top: the clean keeps it", encoding="utf-8")
    # What an older build or the user left where this build writes: never written through.
    backup = tmp_path / "backup.html"
    os.link(site / "events/sochi-meeting/index.html", backup)  # a hard link (cp -al)
    old_page = backup.read_bytes()
    shutil.rmtree(site / "tags")
    (site / "tags").write_text("a file where a folder goes", encoding="utf-8")
    (site / "timeline.json").unlink()
    (site / "timeline.json").mkdir()  # a folder where a file goes
    (site / "timeline.json/x").write_text("", encoding="utf-8")
    _body(project / "content")
    for plugin in _plugins():
        plugin.writes = SiteWrites()
    _, plugin = _build(project, site, serve=False, keep=True)
    assert 0 < plugin.writes.written < plugin.writes.skipped / 20
    assert backup.read_bytes() == old_page
    assert not (site / "events/gone").exists() and not (site / "stale.html").exists()
    assert (site / "sitemap.xml.gz").is_file()  # MkDocs writes it by itself, not through us
    for path in project.glob("content/events/csto-summit*.md"):
        path.unlink()  # its pages go, and the search shards that numbered it change
    built, plugin = _build(project, site, serve=False, keep=True)
    assert not (site / "events/csto-summit").exists()
    assert (site / ".git-like").is_file()
    fresh, _ = _build(project, tmp_path / "fresh", serve=False)
    assert differing(built, fresh) == [".git-like"]


def _render(project: Path, out: Path, memo: RenderMemo | None) -> dict[str, bytes]:
    from timeline_builder.builders.docs_tree import render_to
    from timeline_builder.config.settings import read_mkdocs_yml

    cwd = Path.cwd()
    os.chdir(project)
    try:
        settings, problems = read_mkdocs_yml(Path("mkdocs.yml"))
        assert not problems
        written, _ = render_to(settings, out, memo=memo)
        assert written
    finally:
        os.chdir(cwd)
    return site_files(out)


def test_render_watch_reuses_renders_and_writes_what_a_fresh_render_does(
        tmp_path: Path) -> None:
    # `timeline render --watch` (the Zensical serve loop) keeps one memo across renders.
    project = copy_project(tmp_path / "project")
    memo = RenderMemo()
    _render(project, tmp_path / "tree", memo)
    for edit in (_body, _title, _deleted_event):
        edit(project / "content")
        watched = _render(project, tmp_path / "tree", memo)
        assert memo.hits > 0
        assert differing(watched, _render(project, tmp_path / "fresh", None)) == []


def test_only_the_site_folder_s_clean_is_skipped(tmp_path: Path) -> None:
    # Another plugin that cleans a folder of its own still gets it cleaned.
    from mkdocs import utils

    from timeline_builder.builders.plugin import _route_writes

    site, other = tmp_path / "site", tmp_path / "other"
    for folder in (site, other):
        folder.mkdir()
        (folder / "page.html").write_text("x", encoding="utf-8")
    writes = SiteWrites()
    writes.begin(str(site))
    restore = _route_writes(writes)
    try:
        utils.clean_directory(str(site))
        utils.clean_directory(str(other))
    finally:
        restore()
    assert (site / "page.html").is_file() and not (other / "page.html").exists()
    assert utils.clean_directory.__module__ == "mkdocs.utils"  # MkDocs' own, back
