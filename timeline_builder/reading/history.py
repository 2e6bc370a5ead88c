"""When each content file last changed, from git history (shown on events as a courtesy).

One ``git log`` pass lists every commit touching the content folder, newest first, with
the files it changed; a file's last change is the first commit that names it. The answer
depends only on the checked-out commit (committer dates, no working-tree state), so a
build of a given commit is reproducible. Outside a git checkout, with git missing, or
with a shallow clone's partial history, nothing breaks: files simply get no date (CI
clones with ``fetch-depth: 0`` so that every file has its real one).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

_MARK = "\x1e"  # starts each commit's line in the log: no file name contains it
TIMEOUT_SECONDS = 60


def last_changed(content_dir: Path) -> dict[str, dt.date]:
    """Resolved file path (str) → the committer date of the last commit that changed it."""
    return changes(content_dir)[1]


def changes(content_dir: Path) -> tuple[dict[str, dt.date], dict[str, dt.date]]:
    """(first, last): resolved file path (str) → the committer date of the first commit
    that added it (an event page's ``article:published_time``) and of the last that
    changed it (its ``modified_time``), from one ``git log`` pass."""
    folder = content_dir.resolve()
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        log = _git(folder, "-c", "core.quotePath=false", "log", "--no-renames",
                   f"--format={_MARK}%cs", "--name-only", "-z", "--", ".")
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return {}, {}
    root = Path(top)
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    day: dt.date | None = None
    for field in log.split("\0"):
        field = field.strip("\n")
        if not field:
            continue
        if _MARK in field:  # "\x1e2024-03-01\nfirst/file.md" (the first name follows)
            stamp, _, field = field.partition(_MARK)[2].partition("\n")
            try:
                day = dt.date.fromisoformat(stamp)
            except ValueError:
                day = None
        if field and day is not None:
            path = str((root / field).resolve())
            last.setdefault(path, day)
            first[path] = day  # newest first: the oldest commit is seen last
    return first, last


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                            check=True, timeout=TIMEOUT_SECONDS)
    return result.stdout.decode("utf-8")
