"""A careless contributor's casing of a translation's name (issue 24, round two, point 5):
``sochi-meeting.UK.md`` was read as an event with the id ``sochi-meeting.UK``, and the fix
offered was a new event, ``sochi-meeting-uk.md``, plus a missing date and an unknown key
``translation``; now one error names the file and the lowercase name."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env

pytestmark = pytest.mark.slow
TRANSLATION = ("---\ntitle: Зустріч у Сочі\ntranslation:\n  from: en\n  by: the editors\n"
               "  status: draft\n---\nТекст.\n")
MISCASED = {  # file written → the name the error tells the contributor to use
    "events/sochi-meeting.UK.md": "sochi-meeting.uk.md",
    "events/csto-summit.Uk.md": "csto-summit.uk.md",
    "events/sochi-meeting.uk.MD": "sochi-meeting.uk.md",
    "events/csto-summit.Ru.Md": "csto-summit.ru.md",
    "actors/putin.UK.md": "putin.uk.md",
}


def _check(project: Path, *paths: str) -> tuple[int, list[str]]:
    result = subprocess.run([str(BIN / "timeline"), "check", *paths], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    return result.returncode, [line for line in lines if ": error: " in line]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("casing"), translations=False)
    for relative in MISCASED:
        (project / "content" / relative).write_text(TRANSLATION, encoding="utf-8")
    (project / "content" / "actors" / "putin.Jr.md").write_text(
        "---\nname: Jr\n---\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def full_check(project: Path) -> tuple[int, list[str]]:
    return _check(project)


@pytest.mark.parametrize(("relative", "fix"), MISCASED.items(), ids=MISCASED.keys())
def test_a_capitalised_language_gets_one_error_with_the_lowercase_name(
        full_check: tuple[int, list[str]], relative: str, fix: str) -> None:
    code, errors = full_check
    assert code == 1
    about = [line for line in errors if line.startswith(f"content/{relative}:")]
    assert len(about) == 1, about  # not also "missing required key 'date'", "unknown key"
    assert about[0].startswith(f"content/{relative}:1: error: ")
    assert "written in lowercase" in about[0] and about[0].endswith(f"rename it to {fix}")
    assert "-uk.md" not in about[0] and "-ru.md" not in about[0]  # never a new event id


@pytest.mark.parametrize("relative", ["events/sochi-meeting.UK.md", "events/csto-summit.Ru.Md"])
def test_a_check_of_that_file_alone_says_the_same(project: Path, relative: str) -> None:
    code, errors = _check(project, f"content/{relative}")
    assert code == 1
    assert [line for line in errors if line.startswith(f"content/{relative}:1: error: ")
            and "written in lowercase" in line], errors


def test_a_dot_that_is_no_language_is_still_a_bad_id(full_check: tuple[int, list[str]]
                                                     ) -> None:
    _, errors = full_check
    assert any(line.startswith("content/actors/putin.Jr.md:1: error: file name 'putin.Jr.md' "
                               "is not a valid id") for line in errors), errors
