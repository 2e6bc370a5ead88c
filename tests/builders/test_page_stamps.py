"""Stamped pages are the theme's own pages, byte for byte (builders/page_stamps.py).

Each build here runs in this process so that stamping can be switched off for the
comparison (``MIN_GROUP`` beyond any group): the same project built both ways must publish
the same bytes, for the seed's three editions, for hostile titles, and for a theme override
that writes a value in a way the shell cannot carry (its group is then rendered normally).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markupsafe import escape

from tests.conftest import copy_project, differing, site_files
from timeline_builder.builders import page_stamps
from timeline_builder.builders.page_stamps import Mismatch, Stamps
from timeline_builder.builders.plugin import TimelinePlugin


def _build(project: Path, out: Path) -> dict[str, bytes]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(project)
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True))
    finally:
        os.chdir(cwd)
    return site_files(out)


def _both_ways(project: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch
               ) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    counted: list[int] = []
    finish = TimelinePlugin.on_post_build

    def count(self: TimelinePlugin, *, config: object) -> None:
        counted.append(len(self.stamped))
        finish(self, config=config)  # type: ignore[arg-type]

    monkeypatch.setattr(TimelinePlugin, "on_post_build", count)
    stamped = _build(project, tmp / "stamped")
    monkeypatch.setattr(page_stamps, "MIN_GROUP", 10**9)
    plain = _build(project, tmp / "plain")
    return stamped, plain, counted[0]


def test_the_seed_in_three_editions_is_the_same_stamped(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    stamped, plain, count = _both_ways(project, tmp_path, monkeypatch)
    assert count > 100  # events, actors, sources and tags of every edition were stamped
    assert differing(stamped, plain) == []
    assert "uk/events/sochi-meeting/index.html" in stamped


def test_hostile_titles_and_descriptions_are_written_as_the_theme_writes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    hostile = ["O'Brien & \"Co\" <b>", "tlstamp000000000000_title' &#39; \\u0027",
               "a  b c &amp; &lt;/title&gt;", "{{ page.title }} {% raw %}", "Путін — ‘x’"]
    for index, title in enumerate(hostile):
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        (project / f"content/events/hostile-{index}.md").write_text(
            f'---\ntitle: "{quoted}"\ndate: 24 February 2022\n'
            f"actors: [putin]\nsources: [guardian-day-89]\n---\n{title} (the summary)\n",
            encoding="utf-8")
    stamped, plain, count = _both_ways(project, tmp_path, monkeypatch)
    assert count > 0
    assert differing(stamped, plain) == []
    page = stamped["events/hostile-0/index.html"].decode()
    assert "O&#39;Brien" in page and "<title>O'Brien & “Co” ‹b› - " in page
    assert stamped["events/hostile-1/index.html"].decode().count("tlstamp000000000000") >= 2


def test_a_theme_that_rewrites_a_value_gets_its_pages_rendered_one_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    main = project / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8") + (
        "\n{% block htmltitle %}<title>{{ (page.title or '') | upper | truncate(12) }}"
        "</title>{% endblock %}\n"), encoding="utf-8")
    stamped, plain, count = _both_ways(project, tmp_path, monkeypatch)
    assert count == 0  # every group failed its probe, so nothing was stamped
    assert differing(stamped, plain) == []
    assert b"<title>RUSSIA" in stamped["events/full-scale-invasion/index.html"]


def _json(value: object) -> str:
    import json

    return json.dumps(value)


def test_each_form_of_a_sentinel_gets_its_value_in_that_form() -> None:
    stamps = Stamps(token="tlstampabc")
    slot = stamps.slot("title")
    shell = f'<t>{slot}</t><m c="{escape(slot)}"><j>"tlstampabc_title\\u0027"</j>'
    found = stamps.stamp(shell, {"title": "O'B <x>"}, _json)
    assert found == '<t>O\'B <x></t><m c="O&#39;B &lt;x&gt;"><j>"O\'B <x>"</j>'


def test_a_value_that_holds_a_sentinel_is_not_read_again() -> None:
    stamps = Stamps(token="tlstampabc")
    shell = f"{stamps.slot('title')}|{stamps.slot('content')}"
    value = stamps.slot("content")
    assert stamps.stamp(shell, {"title": value, "content": "C"}, _json) == f"{value}|C"


def test_a_value_missing_or_of_the_wrong_kind_is_a_mismatch() -> None:
    stamps = Stamps(token="tlstampabc")
    with pytest.raises(Mismatch):
        stamps.stamp(stamps.slot("description"), {}, _json)
    with pytest.raises(Mismatch):
        stamps.stamp(stamps.slot("jsonld"), {"jsonld": {"a": 1}}, _json)


def test_pages_in_the_nav_indexes_and_odd_names_are_not_grouped() -> None:
    meta = {"title": "T", "hide": ["toc"]}
    pages = [(f"events/e{n}.md", False, meta, "<p>x</p>") for n in range(4)]
    pages += [("events/index.md", False, meta, ""), ("actors/a.md", True, meta, ""),
              ("tags/україна.md", False, meta, ""), ("explainers/x.md", False, meta, "")]
    stamps = page_stamps.plan(pages)
    assert sorted(stamps.groups) == [f"events/e{n}.md" for n in range(4)]
    group = stamps.groups["events/e3.md"]
    assert group.probe == "events/e0.md" and "events/e3.md" in group.members


def test_pages_whose_front_matter_differs_in_shape_are_grouped_apart() -> None:
    base = {"title": "T", "description": "D"}
    pages = [(f"events/a{n}.md", False, base, "") for n in range(3)]
    pages += [(f"events/b{n}.md", False, {**base, "content_lang": "en"}, "") for n in range(3)]
    pages += [(f"events/c{n}.md", False, base, "<h1>x</h1>") for n in range(3)]
    pages += [(f"uk/events/d{n}.md", False, base, "") for n in range(2)]  # too few
    stamps = page_stamps.plan(pages)
    probes = {stamps.groups[path].probe for path in stamps.groups}
    assert probes == {"events/a0.md", "events/b0.md", "events/c0.md"}


def test_a_page_the_shell_cannot_carry_is_rendered_by_the_theme(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    values = page_stamps.values

    def without_title(stamps: Stamps, name: str, *args: object) -> dict[str, object]:
        found = values(stamps, name, *args)  # type: ignore[arg-type]
        return {k: v for k, v in found.items() if k != "title" or name != "sochi-meeting"}

    monkeypatch.setattr(page_stamps, "values", without_title)
    stamped, plain, count = _both_ways(project, tmp_path, monkeypatch)
    assert count > 0
    assert differing(stamped, plain) == []
