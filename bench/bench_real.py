"""The cost of a timeline shaped like a real one (bench/real_corpus.py), one row per size.

bench/bench_scale.py measures uniform content (50 actors, 200 sources, every source dated);
this measures what issue 19 found on a real corpus: thousands of actors and sources cited
about once each, 60% of the events in one year, one source in five undated. Each row shows
the floor (bench_scale's: read + yaml.CSafeLoader + python-markdown of every content file,
measured in the same run), ``timeline check`` and a cold ``mkdocs build --strict`` in CPU
seconds and as a ratio to that floor, the pages and megabytes built, and the gzip size of
``timeline/index.html`` and of the largest timeline page. Then, with the translations
removed (issue 19's corpus is in one language), a warm build against that content's floor.

Usage: BENCH_REAL_SIZES=2000,10000 python bench/bench_real.py
       BENCH_REAL_LEGACY=1 ...  every source dated and every URL ASCII: the same shape that a
       timeline_builder from before issue 19 accepts, to measure it before and after.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_editions import one_edition  # noqa: E402
from bench_scale import BIN, FLOOR, best  # noqa: E402
from real_corpus import project_with_real_events  # noqa: E402


def _site_figures(site: Path) -> dict[str, float]:
    pages = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    timeline = [p for p in pages if p.relative_to(site).parts[0] == "timeline"]
    gz = {p: len(gzip.compress(p.read_bytes(), 6)) for p in timeline}
    return {"pages": len(pages), "mb": size / 2**20,
            "index_kb": gz.get(site / "timeline" / "index.html", 0) / 1024,
            "largest_kb": max(gz.values(), default=0) / 1024}


def row(events: int, tmp: Path, legacy: bool) -> dict[str, float]:
    options = {"undated": 0.0, "odd_urls": False} if legacy else {}
    project = project_with_real_events(tmp / f"real-{events}", events, **options)
    repeats = 3 if events <= 2_000 else 1
    floor, _ = best([sys.executable, "-c", FLOOR, str(project / "content")], project, repeats)
    check, _ = best([str(BIN / "timeline"), "check"], project, repeats)
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "--strict", "-d", str(project / "site")]
    build, rss = best(mkdocs, project, min(repeats, 2), cold=True)
    figures = _site_figures(project / "site")
    # Issue 19's corpus is in one language: its warm build (cards and bodies cached, the
    # site folder of the last build there), against the floor of that content.
    one_edition(project)
    one_floor, _ = best([sys.executable, "-c", FLOOR, str(project / "content")], project,
                        repeats)
    best(mkdocs, project, 1)
    warm, _ = best(mkdocs, project, min(repeats, 2))
    shutil.rmtree(project)
    return {"events": events, "floor": floor, "check": check, "build": build,
            "rss": rss / 2**20, "one_floor": one_floor, "warm": warm, **figures}


def table(rows: list[dict[str, float]]) -> str:
    head = (f"{'events':>7} {'floor s':>8} {'check s (x)':>13} {'build s (x)':>13} "
            f"{'RSS MB':>7} {'pages':>6} {'site MB':>8} {'timeline/ KB':>13} {'largest KB':>11}")
    lines = [head, "-" * len(head)]
    for r in rows:
        floor = r["floor"]
        lines.append(
            f"{r['events']:>7.0f} {floor:>8.2f} {r['check']:>6.2f} ({r['check'] / floor:>4.1f}) "
            f"{r['build']:>6.2f} ({r['build'] / floor:>4.1f}) {r['rss']:>7.0f} "
            f"{r['pages']:>6.0f} {r['mb']:>8.0f} {r['index_kb']:>13.0f} {r['largest_kb']:>11.0f}")
    lines.append("one edition (translations removed), warm build: " + ", ".join(
        f"{r['events']:.0f} events {r['warm']:.2f} s ({r['warm'] / r['one_floor']:.2f}x its "
        f"floor of {r['one_floor']:.2f} s; goal 4x)" for r in rows))
    return "\n".join(lines)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_REAL_SIZES", "2000,10000").split(",") if s]
    legacy = os.environ.get("BENCH_REAL_LEGACY") == "1"
    rows = []
    with tempfile.TemporaryDirectory() as name:
        for events in sizes:
            print(f"measuring {events} real-shaped events…", file=sys.stderr, flush=True)
            rows.append(row(events, Path(name), legacy))
    print("Real-shaped corpus (bench/real_corpus.py)" + (" without undated sources or odd "
          "URLs (BENCH_REAL_LEGACY=1)" if legacy else "") + ":")
    print(table(rows))
    print("(x) = ratio to the floor of the same row: read + yaml.CSafeLoader + python-markdown "
          "of every content file. build: cold (no .cache/). KB: gzip -6 of timeline/index.html "
          "and of the largest page under timeline/.")


if __name__ == "__main__":
    main()
