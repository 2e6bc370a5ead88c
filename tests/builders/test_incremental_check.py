"""`timeline check PATHS…` against a full check: the same problems for every reported file,
after edits, renames and deletions behind its parse cache, and with the cache file broken."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env
from timeline_builder.builders.incremental import Checked, check_files
from timeline_builder.builders.pipeline import load_content
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.core.cache_home import project_cache
from timeline_builder.core.diagnostics import Diagnostic


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed site (with its translations) as the current folder, with a cache home of
    its own."""
    site = copy_project(tmp_path / "site")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(site)
    return site


def full_check() -> list[Diagnostic]:
    return load_content(read_mkdocs_yml(Path("mkdocs.yml"))[0]).problems


def incremental(*paths: str) -> Checked:
    return check_files(read_mkdocs_yml(Path("mkdocs.yml"))[0], [Path(p) for p in paths])


def assert_as_full(checked: Checked) -> None:
    expected = sorted(p for p in full_check() if p.path in checked.reported)
    assert checked.problems == expected


def edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


EVENT = "content/events/sochi-meeting.md"
ACTOR = "content/actors/lukashenko.md"


def break_date() -> tuple[str, ...]:
    edit(EVENT, "date:", "dat:")
    return (EVENT,)


def rename_actor() -> tuple[str, ...]:
    os.rename(ACTOR, "content/actors/lukashenka.md")
    return ("content/actors/lukashenka.md",)  # what pre-commit names: the new file only


def delete_actor_name_nothing_of_it() -> tuple[str, ...]:
    os.remove(ACTOR)
    for translation in Path("content/actors").glob("lukashenko.*.md"):
        translation.unlink()
    return ("content/events/full-scale-invasion.md",)  # pre-commit never names a deleted file


def change_source_text() -> tuple[str, ...]:
    path = "content/sources/rawstory-lukashenko-letter.md"  # events quote it
    text = Path(path).read_text(encoding="utf-8")
    head, _, _ = text.partition("\n---\n")
    Path(path).write_text(head + "\n---\nThe archived text was replaced by something else.\n",
                          encoding="utf-8")
    return (path,)


def break_actor_behind_the_cache() -> tuple[str, ...]:
    edit(ACTOR, "name:", "nam:")  # not named: events citing it say it has errors
    return (EVENT,)


def break_original_of_derived_sources() -> tuple[str, ...]:
    path = "content/sources/daily-beast-lukashenko-letter.md"
    edit(path, "title:", "titel:")
    return (path,)


def rename_cited_source() -> tuple[str, ...]:
    os.rename("content/sources/pentagon-udcg-briefing.md", "content/sources/udcg.md")
    return ("content/sources/udcg.md",)  # an explainer cites the old id


def edit_keeping_mtime() -> tuple[str, ...]:
    stat = os.stat(EVENT)
    edit(EVENT, "date:", "dat:")
    os.utime(EVENT, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return (EVENT,)


def edit_explainer() -> tuple[str, ...]:
    path = "content/explainers/concessions.md"
    with open(path, "a", encoding="utf-8") as file:
        file.write("\nSee [@no-such-source].\n")
    return (path,)


def break_translation_original() -> tuple[str, ...]:
    edit("content/actors/putin.md", "name:", "name: X\nrole: changed\nnam:")
    return ("content/actors/putin.md",)


@pytest.mark.parametrize("change", [
    break_date, rename_actor, delete_actor_name_nothing_of_it, change_source_text,
    break_actor_behind_the_cache, break_original_of_derived_sources, rename_cited_source,
    edit_keeping_mtime, edit_explainer, break_translation_original,
], ids=lambda change: change.__name__)
def test_same_problems_as_a_full_check(project: Path, change: Callable[[], tuple[str, ...]]
                                       ) -> None:
    incremental(EVENT)  # the cache now holds the clean content
    named = change()
    cold = incremental(*named)
    assert_as_full(cold)
    assert cold.problems, "each change breaks something"
    warm = incremental(*named)  # now from the cache written by the run before
    assert warm.problems == cold.problems
    assert warm.parsed == 0


def test_deleted_and_renamed_references_are_reported(project: Path) -> None:
    incremental(EVENT)
    rename_actor()
    checked = incremental("content/actors/lukashenka.md")
    broken = {p.path for p in checked.problems if "no actor 'lukashenko'" in p.message}
    assert EVENT in broken and len(broken) > 3
    rename_cited_source()
    checked = incremental("content/sources/udcg.md")
    assert checked.whole
    assert any(p.path == "content/explainers/sochi-meeting.md"
               and "[@pentagon-udcg-briefing]" in p.message for p in checked.problems)


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],
    lambda data: b"{}",
    lambda data: data.replace(b'"date"', b'"dat"', 1),  # valid JSON, wrong checksum
    lambda data: b"\xff\xfe garbage",
], ids=["truncated", "empty", "edited", "garbage"])
def test_a_damaged_cache_is_no_cache(project: Path, damage: Callable[[bytes], bytes]) -> None:
    incremental(EVENT)
    cache = project_cache(project, "check") / "documents.json"
    # Hide the error the cache would otherwise not know of: break the file, then put the
    # broken version's mtime back, and damage the cache.
    break_date()
    cache.write_bytes(damage(cache.read_bytes()))
    checked = incremental(EVENT)
    assert_as_full(checked)
    assert any(p.severity == "error" for p in checked.problems)


def test_a_clean_file_checks_clean_and_from_the_cache(project: Path) -> None:
    first = incremental(EVENT)
    second = incremental(EVENT)
    assert first.problems == second.problems
    assert_as_full(second)
    assert second.parsed == 0 and second.files > 40
    assert not second.whole


def test_command_line(project: Path) -> None:
    command = [str(BIN / "timeline"), "check"]
    break_date()
    result = subprocess.run([*command, EVENT], capture_output=True, text=True,
                            env=run_env(XDG_CACHE_HOME=os.environ["XDG_CACHE_HOME"]),
                            timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{EVENT}:")
    assert "files checked" in result.stderr
    stats = subprocess.run([*command, "--stats", EVENT], capture_output=True, text=True,
                           env=run_env(), timeout=120)
    assert stats.returncode == 2 and "--stats" in stats.stderr
    everything = subprocess.run([*command, "mkdocs.yml"], capture_output=True, text=True,
                                env=run_env(), timeout=120)
    assert everything.returncode == 1 and "events," in everything.stderr
