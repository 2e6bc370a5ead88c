"""Build time with each supported builder, cold and warm, seed content and +N events.

- MkDocs: `mkdocs build --strict` (the plugin renders in-process). Cold is the first
  build of a fresh copy; warm is the median of the next builds (MkDocs keeps no cache).
- Zensical: what `make build BUILDER=zensical` runs (`timeline render --stamps`,
  `zensical build --strict` of the generated config, `timeline stamp`), and the full tree
  it falls back to. Cold clears Zensical's cache (`--clean`); warm rebuilds unchanged
  content with it.

Printed as ratios to a baseline measured in the same run: a plain Material build of the
same explainer pages without the timeline (what MkDocs + Material cost anyway).
Usage: python bench/bench_builders.py [N] [--quick]   (default 1000 synthetic events;
--quick: only the +N site, without the full-tree row, for N = 10000 where a full run is long)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import plain_material  # noqa: E402
from synthetic import ROOT, project_with_events  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WARM_RUNS = 2


# Zensical 0.0.73 does not finish a 10,000-event build in three editions (README, "Known
# limit"): a command past this many seconds is stopped, and its row says so.
TIMEOUT = float(os.environ.get("BENCH_BUILDER_TIMEOUT", "900"))


class _Unfinished(Exception):
    pass


def _run(project: Path, *command: str) -> float:
    start = time.perf_counter()
    try:
        subprocess.run(command, cwd=project, check=True, env=ENV, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as stopped:
        raise _Unfinished(f"{Path(command[0]).name} {command[1]}") from stopped
    return time.perf_counter() - start


def mkdocs(project: Path) -> tuple[float, float]:
    def build() -> float:
        return _run(project, str(BIN / "mkdocs"), "build", "-q", "--strict")
    cold = build()
    return cold, statistics.median(build() for _ in range(WARM_RUNS))


def zensical(project: Path, *, stamps: bool = True) -> tuple[float, float]:
    """`make build BUILDER=zensical`: render --stamps, zensical build, timeline stamp
    (``stamps=False``: the full tree, as `make build` falls back to)."""
    plan = ["--stamps", "build/stamps.json"] if stamps else []

    def build(*flags: str) -> float:
        render = _run(project, str(BIN / "timeline"), "render", "--out", "build/docs",
                      "--config-out", "mkdocs.rendered.yml", *plan)
        built = _run(project, str(BIN / "zensical"), "build", "--strict", *flags,
                     "-f", "mkdocs.rendered.yml")
        return render + built + (_run(project, str(BIN / "timeline"), "stamp",
                                      "build/stamps.json", "site") if stamps else 0.0)
    cold = build("--clean")
    return cold, statistics.median(build() for _ in range(WARM_RUNS))


def zensical_full(project: Path) -> tuple[float, float]:
    return zensical(project, stamps=False)


def seed_copy(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", "node_modules", "site", "build", ".cache", ".git", "tests", "bench",
        "mkdocs.rendered.yml"))
    return target


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    events = int(numbers[0]) if numbers else 1000
    quick = "--quick" in sys.argv[1:]
    sites = (("seed", seed_copy), (f"seed + {events} events",
                                   lambda p: project_with_events(p, events)))
    builders = (("mkdocs", mkdocs), ("zensical", zensical),
                ("zensical, full tree", zensical_full))
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        plain = plain_material(Path(tmp) / "plain")
        baseline = statistics.median(
            _run(plain, str(BIN / "mkdocs"), "build", "-q") for _ in range(3))
        for label, make in sites[1:] if quick else sites:
            for builder, measure in builders[:2] if quick else builders:
                project = make(Path(tmp) / f"{builder}-{len(rows)}")
                try:
                    cold, warm = measure(project)
                except _Unfinished as unfinished:
                    print(f"{label}, {builder}: {unfinished} did not finish in {TIMEOUT:.0f} s")
                    cold = warm = float("nan")
                rows.append((f"{label}, {builder}", cold, warm))
                shutil.rmtree(project)
    print(f"baseline: plain Material build of the explainers: {baseline:.2f} s")
    print(f"{'site, builder':46} {'cold s':>7} {'ratio':>6} {'warm s':>7} {'ratio':>6}")
    for label, cold, warm in rows:
        print(f"{label:46} {cold:7.2f} {cold / baseline:6.2f} {warm:7.2f} {warm / baseline:6.2f}")
    by_label = {label: (cold, warm) for label, cold, warm in rows}
    print("Zensical against MkDocs (goal: within 1.5x):")
    for label, (cold, warm) in by_label.items():
        site, _, builder = label.partition(", ")
        mkdocs_cold, mkdocs_warm = by_label[f"{site}, mkdocs"]
        if builder != "mkdocs":
            print(f"  {label:44} cold {cold / mkdocs_cold:5.2f}x  warm {warm / mkdocs_warm:5.2f}x")


if __name__ == "__main__":
    main()
