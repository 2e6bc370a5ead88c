"""`timeline render --watch` never loses an edit (builders/watch.py)."""

from __future__ import annotations

from pathlib import Path

from timeline_builder.builders.watch import watch


def test_a_file_saved_while_a_step_runs_runs_the_step_again(tmp_path: Path) -> None:
    watched = tmp_path / "event.md"
    watched.write_text("one", encoding="utf-8")
    runs: list[str] = []

    def step() -> None:
        runs.append(watched.read_text(encoding="utf-8"))
        if len(runs) == 1:  # a contributor saves while the first render runs
            watched.write_text("two, longer", encoding="utf-8")

    watch([tmp_path], step, interval=0.01, rounds=3)
    assert runs == ["one", "two, longer"]


def test_nothing_changed_runs_the_step_once(tmp_path: Path) -> None:
    (tmp_path / "event.md").write_text("one", encoding="utf-8")
    runs: list[int] = []
    watch([tmp_path], lambda: runs.append(1), interval=0.01, rounds=3)
    assert runs == [1]
