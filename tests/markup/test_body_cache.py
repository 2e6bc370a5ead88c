"""Rendered bodies are kept by content hash between builds, and never served stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from timeline_builder.builders import pipeline
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.core.cache_home import cache_root, project_cache
from timeline_builder.markup import body_cache
from timeline_builder.markup.body_cache import BodyCache, cache_folder, code_version
from timeline_builder.markup.sanitize import markdown_to_html
from timeline_builder.site import render as renderer
from timeline_builder.site.outputs import site_outputs

ROOT = Path(__file__).resolve().parents[2]


def counting() -> tuple[list[str], object]:
    calls: list[str] = []

    def render(text: str, hosts: tuple[str, ...], owner: str) -> str:
        calls.append(text)
        return f"<p>{owner}:{text}</p>"

    return calls, render


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has a cache home of its own (project_cache reads $XDG_CACHE_HOME)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("home-cache")))


def stored(path: Path) -> dict:
    return json.loads(path.read_bytes())


def test_a_second_build_reuses_the_bodies_of_the_first(tmp_path: Path) -> None:
    calls, render = counting()
    first = BodyCache(tmp_path)
    assert first.get("Body *one*", (), "e1", render) == "<p>e1:Body *one*</p>"  # type: ignore[arg-type]
    assert first.get("Body *one*", (), "e1", render) == "<p>e1:Body *one*</p>"  # type: ignore[arg-type]
    first.save()
    second = BodyCache(tmp_path)
    assert second.get("Body *one*", (), "e1", render) == "<p>e1:Body *one*</p>"  # type: ignore[arg-type]
    assert calls == ["Body *one*"]


def test_the_key_covers_text_owner_and_hosts(tmp_path: Path) -> None:
    calls, render = counting()
    cache = BodyCache(tmp_path)
    for text, hosts, owner in (("a", (), "e1"), ("a", (), "e2"), ("a", ("h",), "e1"),
                               ("b", (), "e1")):
        cache.get(text, hosts, owner, render)  # type: ignore[arg-type]
    assert calls == ["a", "a", "a", "b"]


def test_unused_entries_are_dropped_and_a_damaged_or_stale_file_is_ignored(
        tmp_path: Path) -> None:
    calls, render = counting()
    cache = BodyCache(tmp_path)
    cache.get("old", (), "e1", render)  # type: ignore[arg-type]
    cache.save()
    cache = BodyCache(tmp_path)
    cache.get("new", (), "e1", render)  # type: ignore[arg-type]
    cache.save()
    data = stored(tmp_path / "bodies.json")
    assert list(data["bodies"].values()) == ["<p>e1:new</p>"]
    data["version"] = "other code"
    (tmp_path / "bodies.json").write_text(json.dumps(data), encoding="utf-8")
    BodyCache(tmp_path).get("new", (), "e1", render)  # type: ignore[arg-type]
    (tmp_path / "bodies.json").write_text("{not json", encoding="utf-8")
    BodyCache(tmp_path).get("new", (), "e1", render)  # type: ignore[arg-type]
    assert calls == ["old", "new", "new", "new"]


def test_a_build_of_unchanged_content_renders_no_body(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Summaries (taken while validating) and pages read the same cache: a warm build of
    the seed story renders nothing, and an edited event renders only its own body."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    settings, problems = read_mkdocs_yml(project / "mkdocs.yml")
    assert problems == [] and settings.content_dir == project / "content"
    rendered: list[str] = []

    def counted(text: str, hosts: tuple[str, ...] = (), owner: str = "") -> str:
        rendered.append(owner)
        return markdown_to_html.__wrapped__(text, hosts, owner)

    # Every door to the renderer a build goes through: the cache's, and the direct ones a
    # regression could take instead (a missing name is set, so a new import is counted too).
    for module in (body_cache, pipeline, renderer):
        monkeypatch.setattr(module, "markdown_to_html", counted, raising=False)

    def build() -> None:
        bodies = BodyCache(cache_folder(settings.content_dir))
        content = pipeline.load_content(settings, bodies)
        site_outputs(content.timeline, settings, bodies)

    build()
    assert "sochi-meeting" in rendered
    rendered.clear()
    build()
    assert rendered == []
    event = project / "content" / "events" / "sochi-meeting.md"
    event.write_text(event.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    build()
    assert set(rendered) == {"sochi-meeting"}


def test_an_export_reads_the_build_s_bodies_and_keeps_those_it_does_not_show(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``timeline export`` after a build renders no body (they were half of an export), and
    keeps the cache's other entries: actor bodies and translations, which it does not
    render, are still there for the next build."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    settings, _ = read_mkdocs_yml(project / "mkdocs.yml")
    bodies = BodyCache(cache_folder(settings.content_dir))
    site_outputs(pipeline.load_content(settings, bodies).timeline, settings, bodies)
    built = stored(cache_folder(settings.content_dir) / body_cache.FILE_NAME)["bodies"]
    rendered: list[str] = []

    def counted(text: str, hosts: tuple[str, ...] = (), owner: str = "") -> str:
        rendered.append(owner)
        return markdown_to_html.__wrapped__(text, hosts, owner)

    monkeypatch.setattr(body_cache, "markdown_to_html", counted)
    timeline, problems = pipeline.read_timeline(settings)
    assert rendered == [] and timeline.events
    assert not [p for p in problems if p.severity == "error"]
    assert stored(cache_folder(settings.content_dir) / body_cache.FILE_NAME)["bodies"] == built
    event = project / "content" / "events" / "sochi-meeting.md"
    event.write_text(event.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    pipeline.read_timeline(settings)
    assert rendered == ["sochi-meeting"]
    after = stored(cache_folder(settings.content_dir) / body_cache.FILE_NAME)["bodies"]
    assert set(built) < set(after) and len(after) == len(built) + 1


def test_the_caches_live_outside_the_project_and_a_committed_cache_is_never_read(
        tmp_path: Path) -> None:
    """Cached HTML goes into pages as it is. The cache folder is under $XDG_CACHE_HOME, one
    per project, so a `.cache/` committed by a hostile pull request (the old place) is not
    read: the body is rendered again."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    folder = project_cache(project, "bodies")
    assert folder.is_relative_to(cache_root()) and not folder.is_relative_to(project)
    assert oct(folder.parent.stat().st_mode & 0o777) == "0o700"
    assert project_cache(tmp_path / "other", "bodies") != folder  # one folder per project
    calls, render = counting()
    planted = project / ".cache" / "timeline"
    planted.mkdir(parents=True)
    cache = BodyCache(planted)
    cache.get("Body", (), "e1", render)  # type: ignore[arg-type]
    cache.save()
    data = stored(planted / "bodies.json")
    data["bodies"] = {key: "<script>alert(1)</script>" for key in data["bodies"]}
    (planted / "bodies.json").write_text(json.dumps(data), encoding="utf-8")
    settings, _ = read_mkdocs_yml(_minimal_config(project))
    cache = BodyCache(cache_folder(settings.content_dir))
    assert cache.get("Body", (), "e1", render) == "<p>e1:Body</p>"  # type: ignore[arg-type]
    assert data["version"] == code_version()


def _minimal_config(project: Path) -> Path:
    config = project / "mkdocs.yml"
    config.write_text("site_name: T\ndocs_dir: content\nplugins:\n  - timeline\n",
                      encoding="utf-8")
    return config


def test_without_a_usable_cache_home_the_build_caches_in_a_scratch_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    folder = project_cache(tmp_path / "project", "bodies")
    assert folder.is_dir() and not folder.is_relative_to(blocked)
    calls, render = counting()
    cache = BodyCache(folder)
    assert cache.get("a", (), "e1", render) == "<p>e1:a</p>"  # type: ignore[arg-type]
    cache.save()
    assert calls == ["a"]
