"""How cost grows with the number of events: one table row per size.

For each size N (``BENCH_SIZES=1000,10000,50000`` by default) a copy of this site gets N
synthetic events (bench/synthetic.py, about 1.5 KB of markdown each, over three years;
default ``split_threshold``), and the row shows:

- ``floor``: the unavoidable work, the floor of bench/bench_export.py (the one issue 12
  measures against): a fresh Python reads every content file, parses its front matter with
  ``yaml.CSafeLoader`` and renders its body with python-markdown;
- ``check``, ``export`` (json), ``render`` (``timeline render --out``, when the CLI has it)
  and ``build`` (``mkdocs build --strict``, cold: no cache from an earlier build), each in
  CPU seconds and as a ratio to the floor;
- peak RSS of ``mkdocs build``;
- first view: the bytes (gzip -6 of each file, as a server would send them) of everything
  Chromium fetches for ``timeline/`` until the network is idle, workers included;
- filter latency on ``timeline/`` in Chromium: the script's own figure (``tl:updated``)
  and the time to the next painted frame, median of 10 actor-filter changes after the
  first (which may load the index), plus that first change on its own.

Also printed once: the constant "plain Material" build of the explainers that
bench/bench_site.py uses as its baseline (it does not grow with N).
Usage: BENCH_SIZES=1000,10000 python bench/bench_scale.py
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import project_with_events  # noqa: E402

from timeline_builder.core.cache_home import project_cache  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FLOOR = (
    "import sys, yaml, markdown, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md')):\n"
    "    text = p.read_text(encoding='utf-8')\n"
    "    parts = text.split('---\\n', 2)\n"
    "    if len(parts) == 3:\n"
    "        yaml.load(parts[1], Loader=yaml.CSafeLoader)\n"
    "    markdown.markdown(parts[-1])\n"
)

# One actor checkbox on, then off, per round; the first change is reported on its own.
MEASURE = """async (rounds) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const root = document.querySelector('.tl');
  const updated = () => new Promise((r) => root.addEventListener('tl:updated',
    (ev) => r(ev.detail.ms), { once: true }));
  const boxes = Array.from(document.querySelectorAll('input[type=checkbox][name="actor"]'));
  if (!boxes.length) return null;
  const script = [], view = [];
  for (let i = 0; i < rounds * 2 + 1; i++) {
    await frame();
    const done = updated();
    const t0 = performance.now();
    boxes[(i >> 1) % boxes.length].click();
    script.push(await done);
    await frame();
    view.push(performance.now() - t0);
  }
  return [script, view];
}"""


def run(command: list[str], cwd: Path) -> tuple[float, int, float]:
    """CPU seconds (user + system, its worker processes included), peak RSS (bytes) and
    wall seconds of one command, output discarded.

    CPU time is the ratio's measure: the machines this runs on are shared, and wall time
    drifts with them. Share cards are drawn in a process per core when many are missing,
    so a cold build's wall time is below its CPU time; both are reported where it matters."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    seconds = usage.ru_utime + usage.ru_stime
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss * 1024, wall


def best(command: list[str], cwd: Path, repeats: int, *, cold: bool = False) -> tuple[float, int]:
    """The fastest CPU time of ``repeats`` runs and the largest peak RSS (see :func:`timed`)."""
    seconds, rss, _ = timed(command, cwd, repeats, cold=cold)
    return seconds, rss


def timed(command: list[str], cwd: Path, repeats: int, *, cold: bool = False
          ) -> tuple[float, int, float]:
    """The fastest of ``repeats`` runs (CPU seconds, peak RSS, wall seconds of the fastest
    wall run); ``cold``: without the caches of the last one, the project's .cache/ and its
    folder under $XDG_CACHE_HOME (share cards, bodies, media live there: keeping it made
    every cold run after the first a warm one for cards)."""
    results = []
    for _ in range(repeats):
        if cold:
            shutil.rmtree(cwd / ".cache", ignore_errors=True)
            shutil.rmtree(project_cache(cwd, "cards").parent, ignore_errors=True)
        results.append(run(command, cwd))
    return (min(r[0] for r in results), max(r[1] for r in results),
            min(r[2] for r in results))


def has_render() -> bool:
    help_text = subprocess.run([str(BIN / "timeline"), "--help"], capture_output=True,
                               text=True, env=ENV).stdout
    return bool(re.search(r"\brender\b", help_text))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def browser_figures(site: Path) -> tuple[int, list[str], tuple[float, float, float] | None]:
    """First-view gzip bytes of timeline/, the files fetched, and filter latency."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[str] = []
    names: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda request: fetched.append(request.url))
            page = context.new_page()
            page.goto(base + "timeline/", wait_until="networkidle", timeout=300_000)
            # Quiet for 3 s: Material fetches its search index and starts its worker after
            # the page is idle, later still on a busy machine.
            seen, quiet = -1, 0
            while quiet < 6 and len(fetched) < 10_000:
                quiet = quiet + 1 if len(fetched) == seen else 0
                seen = len(fetched)
                page.wait_for_timeout(500)
            first_view = list(fetched)
            latency = None
            if not page.locator("input[type=checkbox][name=actor]").count():
                # No filters on timeline/ (a split timeline before issue 12): measure on
                # the first period page instead, and say so.
                link = page.locator(".tl-periods a").first
                if link.count():
                    page.goto(link.evaluate("a => a.href"), wait_until="load", timeout=300_000)
                    names.append("(filters measured on a period page)")
            if page.locator("input[type=checkbox][name=actor]").count():
                page.wait_for_selector("[data-tl-controls]:not([hidden])")
                measured = page.evaluate(MEASURE, 5)
                if measured:
                    script, view = measured
                    latency = (median(script[1:]), median(view[1:]), view[0])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    total = 0
    for url in dict.fromkeys(first_view):
        parts = urlsplit(url)
        if not url.startswith(base):
            continue
        path = site / unquote(parts.path[len(urlsplit(base).path):])
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            size = len(gzip.compress(path.read_bytes(), 6))
            total += size
            names.insert(0, f"{path.relative_to(site)} {size / 1024:.1f} KB")
    return total, names, latency


def plain_material_seconds(tmp: Path) -> float:
    from bench_site import build_time, plain_material

    return build_time(plain_material(tmp / "plain"), repeats=1)


def row(events: int, tmp: Path, render: bool, verbose: bool) -> dict[str, object]:
    project = project_with_events(tmp / f"site-{events}", events)
    content = project / "content"
    repeats = 3 if events <= 10_000 else 1
    floor, _ = best([sys.executable, "-c", FLOOR, str(content)], project, repeats)
    check, _ = best([str(BIN / "timeline"), "check"], project, repeats)
    export, _ = best([str(BIN / "timeline"), "export", "--format", "json", "--force", "-o",
                      str(tmp / "out.json")], project, repeats)
    render_time = None
    if render:
        render_time, _ = best([str(BIN / "timeline"), "render", "--out",
                               str(tmp / f"render-{events}")], project, repeats)
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "--strict", "-d", str(project / "site")]
    build, rss = best(mkdocs, project, min(repeats, 2), cold=True)
    warm, _ = run(mkdocs, project)  # the cache of the cold build in place
    first_view, names, latency = browser_figures(project / "site")
    if verbose:
        print(f"  first view of timeline/ at {events}: " + ", ".join(names), flush=True)
    shutil.rmtree(project)
    return {"events": events, "floor": floor, "check": check, "export": export,
            "render": render_time, "build": build, "warm": warm, "rss": rss,
            "first_view": first_view, "latency": latency}


def table(rows: list[dict[str, object]]) -> str:
    head = (f"{'events':>7} {'floor s':>8} {'check s (x)':>13} {'export s (x)':>13} "
            f"{'render s (x)':>13} {'build s (x)':>13} {'warm s (x)':>13} {'RSS MB':>7} "
            f"{'1st view KB':>12} "
            f"{'filter ms':>10} {'frame ms':>9} {'1st ms':>7}")
    lines = [head, "-" * len(head)]
    for r in rows:
        floor = float(r["floor"])  # type: ignore[arg-type]

        def cell(key: str, r: dict[str, object] = r, floor: float = floor) -> str:
            value = r[key]
            if value is None:
                return f"{'—':>13}"
            return f"{value:>6.2f} ({float(value) / floor:>4.1f})"  # type: ignore[arg-type]

        latency = r["latency"]
        filt = (f"{latency[0]:>10.1f} {latency[1]:>9.1f} {latency[2]:>7.0f}"  # type: ignore[index]
                if latency else f"{'—':>10} {'—':>9} {'—':>7}")
        lines.append(f"{r['events']:>7} {floor:>8.2f} {cell('check')} {cell('export')} "
                     f"{cell('render')} {cell('build')} {cell('warm')} "
                     f"{int(r['rss']) / 2**20:>7.0f} "  # type: ignore[call-overload]
                     f"{int(r['first_view']) / 1024:>12.0f} {filt}")  # type: ignore[call-overload]
    return "\n".join(lines)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,50000").split(",") if s]
    verbose = "-v" in sys.argv
    render = has_render()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        plain = plain_material_seconds(tmp)
        for events in sizes:
            print(f"measuring {events} events…", file=sys.stderr, flush=True)
            rows.append(row(events, tmp, render, verbose))
    print(table(rows))
    print(f"(x) = ratio to the floor of the same row: read + yaml.CSafeLoader + python-markdown "
          f"of every content file. Plain Material build of the explainers alone "
          f"(bench_site.py's baseline): {plain:.2f} s.")
    print("build: cold (no .cache/); warm: rebuilt with the cache of the cold build.")
    print("filter/frame ms: median actor-filter change on timeline/ (script, to next frame); "
          "1st ms: the first change, to its frame (loads the index when it is lazy).")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        scale = int(last["events"]) / int(first["events"])  # type: ignore[call-overload]
        growth = {key: float(last[key]) / float(first[key])  # type: ignore[arg-type]
                  for key in ("floor", "check", "export", "build") if first[key]}
        print(f"growth {first['events']} -> {last['events']} events (x{scale:.0f}): " +
              ", ".join(f"{key} x{value:.1f}" for key, value in growth.items()))


if __name__ == "__main__":
    main()
