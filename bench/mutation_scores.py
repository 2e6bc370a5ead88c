"""Mutation scores per module from mutmut's results in mutants/ (run by `make mutate`).

A mutant is killed when a test fails on it or it times out (an infinite loop is caught);
it survives when every test passes, or when no test runs it at all (counted as survived:
untested code is not protected code).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SURVIVED = {0, 5, 33}  # tests passed; no tests (pytest's 5, mutmut's 33)
NOT_RUN = {None, 34}  # not checked yet; skipped


def scores(root: Path) -> list[tuple[str, int, int]]:
    """(module, killed, tested) for every mutated module under ``root``."""
    rows = []
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
        tested = [code for code in codes if code not in NOT_RUN]
        killed = sum(code not in SURVIVED for code in tested)
        rows.append((meta.relative_to(root).as_posix().removesuffix(".meta"), killed,
                     len(tested)))
    return rows


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "mutants")
    rows = scores(root)
    if not rows:
        print(f"no mutmut results under {root}/: run `make mutate`", file=sys.stderr)
        return 1
    print(f"{'module':45} {'killed':>7} {'tested':>7} {'score':>7}")
    for module, killed, tested in rows:
        print(f"{module:45} {killed:7d} {tested:7d} {killed / max(tested, 1):7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
