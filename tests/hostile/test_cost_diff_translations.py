"""Cost growth of `timeline diff` with many renames and of translations, n against 4n (issue
24, round two, point 3).

Work is counted, never timed: the Python function calls a command makes and the lines of
this package it runs (sys.settrace; the same on every run of the same input), at n, 2n and
4n after a warm-up run (so the process's caches are filled before anything is counted).
What the second doubling adds is compared with what the first added: 2× for linear work,
whatever its fixed part, and 4× for a quadratic step (each renamed file compared with each
other, each translation found by a scan); the bound is 3×. What git itself does (its
rename detection) is outside the count (git is given room to pair 5000 renamed files,
about 3 s); the tests also check that every rename is followed, not shown as a deletion.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

import timeline_builder
from timeline_builder.builders import cli
from timeline_builder.reading import revisions

pytestmark = pytest.mark.slow
N = 100
SIZES = (N, 2 * N, 4 * N)
GROWTH = 3.0  # of the second doubling's added work over the first's: linear 2, quadratic 4
CONFIG = "site_name: Cost\ndocs_dir: content\nplugins:\n  - timeline:{options}\n"
SOURCE = "---\ntitle: Report\noutlet: Daily Record\npublished: 2022-05-23\n---\nText.\n"
ACTOR = "---\nname: Vladimir Putin\n---\n"


def _event(i: int, words: str = "") -> str:
    day = 1 + i % 28
    return (f"---\ntitle: Meeting number {i}\ndate: 2022-05-{day:02d}\nactors: [putin]\n"
            f"sources: [record]\n---\nThe leaders met for the {i}th time to talk about "
            f"sanctions, grain and the border.{words}\n")


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c",
                    "user.email=test@example.org", *args], check=True, capture_output=True)


PACKAGE = str(Path(timeline_builder.__file__).parent)


def _calls(run: Callable[[], int]) -> tuple[int, int]:
    """(exit code, work of ``run``): the Python functions it calls, anywhere, plus the lines
    it runs in this package (a loop inside a loop of ours calls no function)."""
    count = [0]

    def lines(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        count[0] += 1
        return lines

    def calls(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        count[0] += 1
        return lines if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(calls)
    try:
        code = run()
    finally:
        sys.settrace(None)
    return code, count[0]


def _growth(work: dict[int, int]) -> float:
    first, second, third = (work[n] for n in SIZES)
    return (third - second) / (second - first)


def _renamed_repo(root: Path, n: int) -> Path:
    """n published events, then a commit renaming every one (and editing a word of each,
    so git's inexact rename detection has to pair them)."""
    _write(root, {"mkdocs.yml": CONFIG.format(options=" {}"),
                  "content/sources/record.md": SOURCE, "content/actors/putin.md": ACTOR,
                  **{f"content/events/meeting-{i}.md": _event(i) for i in range(n)}})
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "published")
    for i in range(n):
        (root / f"content/events/meeting-{i}.md").unlink()
        (root / f"content/events/talks-{i}.md").write_text(_event(i, " Edited."), "utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "renamed")
    return root


def _diff(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
          ) -> tuple[int, list[dict[str, object]]]:
    monkeypatch.chdir(repo)
    capsys.readouterr()
    code, calls = _calls(lambda: cli.main(["diff", "HEAD~1", "HEAD", "--format", "json"]))
    report = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    return calls, report["changes"]


def test_a_diff_of_many_renames_grows_linearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    work = {}
    for n in (N // 2, *SIZES):  # the first is the warm-up
        calls, changes = _diff(_renamed_repo(tmp_path / str(n), n), monkeypatch, capsys)
        kinds = [change["kind"] for change in changes]
        # Every rename followed (none reported as a deletion and an addition).
        assert kinds.count("event-renamed") == n, kinds[:5]
        assert "event-removed" not in kinds and "event-added" not in kinds
        work[n] = calls
    assert _growth(work) < GROWTH, work


def _translated_project(root: Path, n: int) -> Path:
    """n events, each with a Ukrainian translation, on a site with two editions."""
    _write(root, {
        "mkdocs.yml": CONFIG.format(options="\n      languages: [en, uk]"),
        "content/sources/record.md": SOURCE, "content/actors/putin.md": ACTOR,
        "content/actors/putin.uk.md": "---\nname: Володимир Путін\ntranslation:\n  from: en\n"
                                      "  by: the editors\n  status: reviewed\n---\n",
        **{f"content/events/meeting-{i}.md": _event(i) for i in range(n)},
        **{f"content/events/meeting-{i}.uk.md":
           f"---\ntitle: Зустріч номер {i}\ntranslation:\n  from: en\n  by: the editors\n"
           f"  status: reviewed\n---\nЛідери зустрілися вже {i}-й раз.\n" for i in range(n)},
    })
    return root


@pytest.mark.parametrize("command", [["check"], ["render", "--out", "docs"]])
def test_translations_grow_linearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    command: list[str]) -> None:
    work, outputs = {}, {}
    for n in (N // 2, *SIZES):  # the first is the warm-up
        project = _translated_project(tmp_path / str(n), n)
        monkeypatch.chdir(project)
        code, work[n] = _calls(lambda: cli.main(command))
        assert code == 0  # warnings (translations not stamped), no error
        if command[0] == "render":
            outputs[n] = len(list((project / "docs" / "uk" / "events").rglob("*.md")))
    assert _growth(work) < GROWTH, work
    if outputs:
        assert outputs[4 * N] == 2 * outputs[2 * N] == 4 * outputs[N] > 0


def test_more_renames_than_gits_default_limit_are_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Mended: git pairs edited renames only up to diff.renameLimit (1000 by default) and
    then says nothing on our channel: 1100 renamed events were 1100 deletions and 1100
    additions (and, under ``corrections: require``, 1100 errors of the wrong kind)."""
    _, changes = _diff(_renamed_repo(tmp_path / "many", 1100), monkeypatch, capsys)
    kinds = [change["kind"] for change in changes]
    assert kinds.count("event-renamed") == 1100
    assert "event-removed" not in kinds and "event-added" not in kinds


def test_past_the_rename_limit_the_diff_says_so(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(revisions, "RENAME_LIMIT", 20)
    monkeypatch.chdir(_renamed_repo(tmp_path / "past", 30))
    capsys.readouterr()
    assert cli.main(["diff", "HEAD~1", "HEAD"]) == 0
    out, err = capsys.readouterr()
    assert "meeting-0: removed" in out  # git did not pair them, and the diff says so:
    assert "content/events:1: warning: over 20 files changed: git did not pair files that " \
           "were renamed and edited" in out + err
