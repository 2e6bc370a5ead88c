"""`timeline export --format json` at N events, as a ratio to a floor measured in the same run.

The floor is the unavoidable work: read the same files, parse their front matter with
yaml.CSafeLoader and render their bodies with python-markdown. Goal: ratio <= 1.5 at 10k.
Cold: no rendered bodies kept (the project's cache folder removed before each run); warm:
the bodies a site build or an earlier export rendered are in the cache, as after any build.
Usage: python bench/bench_export.py [N]
"""

from __future__ import annotations

import shutil
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

from timeline_builder.markup.body_cache import cache_folder  # noqa: E402

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


def timed(function, content: Path, repeats: int, *,  # type: ignore[no-untyped-def]
          cold: bool = False) -> float:
    times = []
    for _ in range(repeats):
        if cold:  # the bodies' cache folder of the project whose content this is
            shutil.rmtree(cache_folder(content), ignore_errors=True)
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
        cold_time = timed(export, content, repeats, cold=True)
        floor_time = min(floor_time, timed(floor, content, repeats))
        warm_time = timed(export, content, repeats)
        print(f"events: {events}")
        print(f"floor (read + CSafeLoader + markdown): {floor_time:.2f} s")
        print(f"timeline export --format json, cold:   {cold_time:.2f} s  "
              f"(ratio {cold_time / floor_time:.2f})")
        print(f"timeline export --format json, warm:   {warm_time:.2f} s  "
              f"(ratio {warm_time / floor_time:.2f}; goal <= 1.5)")


if __name__ == "__main__":
    main()
