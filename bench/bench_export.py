"""`timeline export --format json` at N events, as a ratio to a floor measured in the same run.

The floor is the unavoidable work: read the same files, parse their front matter with
yaml.CSafeLoader and render their bodies with python-markdown. Goal: ratio <= 1.5 at 10k.
Usage: python bench/bench_export.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import markdown
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_content  # noqa: E402

TIMELINE = str(Path(sys.executable).parent / "timeline")


def floor(content: Path) -> None:
    """Read, parse front matter with CSafeLoader, render bodies: in a fresh process too."""
    code = (
        "import sys, yaml, markdown, pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md')):\n"
        "    text = p.read_text(encoding='utf-8')\n"
        "    _, front, body = text.split('---\\n', 2)\n"
        "    yaml.load(front, Loader=yaml.CSafeLoader)\n"
        "    markdown.markdown(body)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(content)], check=True)


def export(content: Path) -> None:
    subprocess.run([TIMELINE, "export", "--format", "json", "--content", str(content)],
                   check=True, stdout=subprocess.DEVNULL)


def timed(function, content: Path, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(content)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    assert markdown and yaml  # the floor's libraries are the ones we benchmark against
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        write_content(content, events)
        repeats = 3
        # Interleave to share the machine's noise between the two measurements.
        floor_time = timed(floor, content, repeats)
        export_time = timed(export, content, repeats)
        floor_time = min(floor_time, timed(floor, content, repeats))
        print(f"events: {events}")
        print(f"floor (read + CSafeLoader + markdown): {floor_time:.2f} s")
        print(f"timeline export --format json:         {export_time:.2f} s")
        print(f"ratio export/floor: {export_time / floor_time:.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()
