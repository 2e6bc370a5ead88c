"""`.pre-commit-hooks.yaml`: any repository can run `timeline check` as a pre-commit hook."""

from __future__ import annotations

import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

from tests.conftest import BIN, ROOT, copy_project, run_env

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def hooks() -> dict[str, dict]:
    """The hooks as pre-commit itself reads and validates the manifest."""
    return {found["id"]: found for found in load_manifest(str(MANIFEST))}


def hook() -> dict:
    return hooks()["timeline-check"]


def test_the_fast_hook_passes_the_staged_files_to_the_same_command() -> None:
    fast = hooks()["timeline-check-changed"]
    assert set(hooks()) == {"timeline-check", "timeline-check-changed"}
    assert fast["pass_filenames"] is True and fast["require_serial"] is True
    assert fast["entry"] == hook()["entry"] and fast["files"] == hook()["files"]


def test_the_fast_hook_as_pre_commit_runs_it(tmp_path: Path) -> None:
    """pre-commit appends the staged file names: only their problems are printed."""
    project = copy_project(tmp_path / "site")
    entry = shlex.split(hooks()["timeline-check-changed"]["entry"])
    command = [str(BIN / entry[0]), *entry[1:]]
    for name in ("sochi-meeting", "full-scale-invasion"):
        event = project / "content" / "events" / f"{name}.md"
        event.write_text(event.read_text(encoding="utf-8").replace("date:", "dat:", 1),
                         encoding="utf-8")
    staged = subprocess.run([*command, "content/events/sochi-meeting.md"], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=120)
    assert staged.returncode == 1
    assert "content/events/sochi-meeting.md:" in staged.stdout
    assert "full-scale-invasion" not in staged.stdout  # not staged, breaks nothing staged


def test_manifest_is_valid_and_runs_the_check_once_per_commit() -> None:
    found = hook()
    assert found["id"] == "timeline-check"
    assert found["language"] == "python"  # pre-commit pip-installs this repository
    assert found["pass_filenames"] is False  # the check needs every file, not the staged ones
    assert found["entry"] == "timeline check"


def test_entry_is_a_console_script_of_this_package() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    command = shlex.split(hook()["entry"])[0]
    assert command in scripts
    assert (BIN / command).exists()


@pytest.mark.parametrize(("path", "runs"), [
    ("content/events/sochi-meeting.md", True),
    ("content/sources/belta-lukashenko-letter.md", True),
    ("content/explainers/concessions.md", True),
    ("mkdocs.yml", True),  # calendars and options change what content means
    ("README.md", False),
    ("overrides/main.html", False),
    ("tests/content/events/x.md", False),
])
def test_files_pattern(path: str, runs: bool) -> None:
    # pre-commit matches `files` with Python's re.search on the repository-relative path.
    assert bool(re.search(hook()["files"], path)) is runs


def test_the_entry_as_pre_commit_runs_it(tmp_path: Path) -> None:
    """From the repository root, no file names: clean content passes, broken fails."""
    project = copy_project(tmp_path / "site")
    command = [str(BIN / shlex.split(hook()["entry"])[0]), *shlex.split(hook()["entry"])[1:]]
    clean = subprocess.run(command, cwd=project, capture_output=True, text=True,
                           env=run_env(), timeout=120)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    event = project / "content" / "events" / "sochi-meeting.md"
    event.write_text(event.read_text(encoding="utf-8").replace("date:", "dat:", 1),
                     encoding="utf-8")
    broken = subprocess.run(command, cwd=project, capture_output=True, text=True,
                            env=run_env(), timeout=120)
    assert broken.returncode == 1
    assert "content/events/sochi-meeting.md:" in broken.stdout
