"""Is the output of this tree byte-identical to a git revision's? (``make same-output REF=…``)

A refactor must not change what readers get. This renders the seed site and a 1,000-event
synthetic site with ``timeline render`` and ``timeline export --format json`` twice: once
with the code of REF (checked out into a temporary worktree and run from it) and once with
this tree, then compares the two outputs file by file. ``timeline render`` is the door every
builder opens, so it holds every generated page, data file and asset. Exit 1 on a difference.

Comments in our shipped JS that name a module's path are expected to change when modules
move; pass ``--ignore-comment-paths`` to compare those files with such lines removed.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, project_with_events  # noqa: E402

_PATH_COMMENT = re.compile(rb"^\s*\*.*timeline_builder/[\w/]+\.py.*$", re.M)


def _outputs(code: Path, project: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1700000000"}
    run = [sys.executable, "-m", "timeline_builder"]
    subprocess.run([*run, "render", "--out", str(out / "docs")], cwd=project, env=env,
                   check=True, capture_output=True)
    with (out / "timeline.json").open("wb") as sink:
        subprocess.run([*run, "export", "--format", "json"], cwd=project, env=env, check=True,
                       stdout=sink)


def _differences(before: Path, after: Path, ignore_comment_paths: bool) -> list[str]:
    found: list[str] = []
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    for name in sorted(names):
        old, new = before / name, after / name
        if not old.exists() or not new.exists():
            found.append(f"{name}: only in {'after' if new.exists() else 'before'}")
        elif not filecmp.cmp(old, new, shallow=False):
            if ignore_comment_paths and _PATH_COMMENT.sub(b"", old.read_bytes()) == \
                    _PATH_COMMENT.sub(b"", new.read_bytes()):
                continue
            found.append(f"{name}: differs")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", nargs="?", default="main")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--ignore-comment-paths", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tmp / "ref"), args.ref],
                       cwd=ROOT, check=True)
        try:
            sites = {"seed": ROOT, f"{args.events} events": project_with_events(
                tmp / "synthetic", args.events)}
            problems: list[str] = []
            for label, project in sites.items():
                for side, code in (("before", tmp / "ref"), ("after", ROOT)):
                    _outputs(code, project, tmp / label / side)
                diff = _differences(tmp / label / "before", tmp / label / "after",
                                    args.ignore_comment_paths)
                count = sum(1 for p in (tmp / label / "after").rglob("*") if p.is_file())
                print(f"{label}: {count} files, {len(diff)} differ from {args.ref}")
                problems += [f"{label}: {line}" for line in diff]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "ref")], cwd=ROOT,
                           check=False)
    print("\n".join(problems[:50]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
