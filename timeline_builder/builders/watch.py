"""Re-run a step whenever files under some folders change (``timeline render --watch``).

Polling, not OS events: it behaves the same on every system and inside containers, and a
scan of a few thousand files costs milliseconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = frozenset[tuple[str, int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(path, mtime in ns, size) of every file under ``paths`` (files or folders)."""
    found: set[tuple[str, int, int]] = set()
    for path in paths:
        if path.is_file():
            found.add(_entry(path))
        for folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                found.add(_entry(Path(folder) / name))
    return frozenset(found)


def _entry(path: Path) -> tuple[str, int, int]:
    try:
        status = path.stat()
    except OSError:  # removed between listing and stat
        return (str(path), -1, -1)
    return (str(path), status.st_mtime_ns, status.st_size)


def watch(paths: Iterable[Path], step: Callable[[], object], *, interval: float = 0.5,
          rounds: int | None = None) -> None:
    """Run ``step`` now and after every change; ``rounds`` bounds the polls (for tests).
    Each snapshot is taken before its step runs, so a file saved while a step runs is
    seen by the next poll, never lost."""
    watched = list(paths)
    seen = snapshot(watched)
    step()
    polls = 0
    while rounds is None or polls < rounds:
        time.sleep(interval)
        polls += 1
        current = snapshot(watched)
        if current != seen:
            seen = current
            step()
