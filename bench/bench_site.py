"""Full `mkdocs build` time of the site, and with 1,000 synthetic events added.

Printed as ratios to a baseline measured in the same run: a plain Material build of the
same explainer pages without the timeline plugin (the cost MkDocs + Material pay anyway).
Usage: python bench/bench_site.py [N]   (default 1000 synthetic events)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, project_with_events  # noqa: E402

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def build_time(project: Path, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([MKDOCS, "build", "-q", "--strict", "-d", str(project / "site")],
                       cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_material(target: Path) -> Path:
    """The explainers alone, built by MkDocs + Material without our plugin or extension."""
    project = project_with_events(target, 0)
    for folder in ("events", "actors", "sources"):
        shutil.rmtree(project / "content" / folder)
    config = (project / "mkdocs.yml").read_text()
    config = re.sub(r"  - timeline:\n(      .*\n)+", "", config)
    config = config.replace("  - timeline_embed\n", "")
    config = re.sub(r"  - (Timeline|People|Sources): .*\n", "", config)
    (project / "mkdocs.yml").write_text(config.replace("validation:", "validation_off:")
                                        .replace("  anchors: warn\n", "")
                                        .replace("  omitted_files: warn\n", "")
                                        .replace("  absolute_links: warn\n", "")
                                        .replace("  unrecognized_links: warn\n", "")
                                        .replace("validation_off:\n", ""))
    for page in (project / "content").rglob("*.md"):
        page.write_text(re.sub(r"\]\(\.\./(timeline|actors|sources)/[^)]*\)", "](#)",
                               page.read_text().replace("[[timeline", "[timeline")))
    return project


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        baseline = build_time(plain_material(Path(tmp) / "plain"))
        seed_project = Path(tmp) / "seed"
        shutil.copytree(ROOT, seed_project, ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "site", ".git", "tests", "bench"))
        seed = build_time(seed_project)
        big = build_time(project_with_events(Path(tmp) / "big", events))
    print(f"plain Material build of the explainers (baseline): {baseline:.2f} s")
    print(f"seed site with the timeline plugin:                {seed:.2f} s  "
          f"(ratio {seed / baseline:.2f})")
    print(f"seed site + {events} synthetic events:             {big:.2f} s  "
          f"(ratio {big / baseline:.2f})")


if __name__ == "__main__":
    main()
