"""`timeline check ONE-FILE` (a pre-commit hook after one edit) against a full `timeline check`
at N events, in the same run. Goal (issue 23): the ratio under 0.1 at 10,000 events.

Each incremental run follows an edit of one event (its body, then its title), so the file
named really changed; the parse cache was filled once before (a first run, as after a
clone). Runs interleave, so the machine's noise falls on both.
Usage: python bench/bench_check.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_content  # noqa: E402

TIMELINE = str(Path(sys.executable).parent / "timeline")


def run(project: Path, *paths: str) -> float:
    start = time.perf_counter()
    subprocess.run([TIMELINE, "check", *paths], cwd=project, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_content(project / "content", events)
        os.environ["XDG_CACHE_HOME"] = str(project / "cache")
        edited = project / "content" / "events" / "event-00042.md"
        named = "content/events/event-00042.md"
        first = run(project, named)  # fills the parse cache
        full, one = [], []
        for round_number in range(3):
            full.append(run(project))
            edited.write_text(edited.read_text().replace(
                "Synthetic event", f"Synthetic edited {round_number} event", 1))
            one.append(run(project, named))
        full_s, one_s = statistics.median(full), statistics.median(one)
        print(f"timeline check at {events} events (median of 3, same run):")
        print(f"  full check            {full_s:6.2f} s")
        print(f"  check one edited file {one_s:6.2f} s   ratio {one_s / full_s:.3f} "
              "(goal < 0.1)")
        print(f"  first check of a file (fills the cache) {first:6.2f} s")


if __name__ == "__main__":
    main()
