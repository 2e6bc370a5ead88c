"""How fast the timeline page filters 10,000 events in Chromium.

Builds a copy of this site with N synthetic events (default 10,000, over three years, with
the seed's actors, tags, sources and quotes) on one page (`split_threshold: 100000`),
serves it, and measures in the page the time from a filter change (a checkbox click, a
search) to the updated view: the script's own figure (the `tl:updated` event's `ms`) and
the time until the next frame has been rendered. Median of 20 changes per filter.
Baselines, same run and page: toggling a class on every event (a trivial DOM pass), and
hiding then showing 6 in 7 events with no filtering logic at all (the browser's own cost of
such a change: style and layout of thousands of items, which no script can avoid).
Usage: python bench/bench_filter.py [N] [--keep DIR]   (--keep: build into DIR once, then
reuse it with the current timeline.js/.css, to try changes to the script quickly)
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import copy_project  # noqa: E402
from timeline_builder.builders.pipeline import build_timeline  # noqa: E402
from timeline_builder.config.settings import read_mkdocs_yml  # noqa: E402

GOAL_MS = 50
WORDS = ("talks", "ceasefire", "border", "grain", "corridor", "summit", "sanctions", "energy",
         "shelling", "evacuation", "drones", "refugees", "pipeline", "referendum", "prisoners")

# One change = one click (or one search), then wait for the view. `kind` picks the inputs.
MEASURE = """async ([kind, rounds, words]) => {
  const root = document.querySelector('.tl');
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const updated = () => new Promise((r) => root.addEventListener('tl:updated',
    (ev) => r(ev.detail.ms), { once: true }));
  const boxes = Array.from(document.querySelectorAll(`input[name="${kind}"]`)).slice(0, rounds);
  const text = document.querySelector('[data-tl-text]');
  const script = [], view = [];
  for (let i = 0; i < rounds * 2; i++) {
    await frame();
    const done = updated();
    const t0 = performance.now();
    if (kind === 'text') {
      text.value = i % 2 ? '' : words[(i / 2) % words.length];
      text.dispatchEvent(new Event('change', { bubbles: true }));  // no 100 ms debounce
    } else {
      boxes[(i >> 1) % boxes.length].click();  // on, then off again
    }
    script.push(await done);
    await frame();
    view.push(performance.now() - t0);
  }
  return [script, view, document.querySelector('[data-tl-status]').textContent];
}"""

BASELINE = """async ([rounds, kind]) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const events = Array.from(document.querySelectorAll('.tl-event'));
  const script = [], view = [];
  for (let i = 0; i < rounds * 2; i++) {
    await frame();
    const t0 = performance.now();
    if (kind === 'class') {
      for (const el of events) el.classList.toggle('bench-mark');
    } else {  // hide, then show again, 6 in 7 events: what an actor filter does to the page
      events.forEach((el, j) => { if (j % 7) el.parentElement.hidden = !(i % 2); });
    }
    script.push(performance.now() - t0);
    await frame();
    view.push(performance.now() - t0);
  }
  return [script, view];
}"""


def write_events(project: Path, count: int, seed: int = 7) -> None:
    """Valid events built from the seed's actors, tags, sources and (verified) quotes."""
    settings, _ = read_mkdocs_yml(ROOT / "mkdocs.yml")
    timeline, _ = build_timeline(settings)
    actors = [a.id for a in timeline.actors]
    sources = [s.id for s in timeline.sources]
    tags = sorted({t for e in timeline.events for t in e.tags})
    quotes = [q for e in timeline.events for q in e.quotes]
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    folder = project / "content" / "events"
    for number in range(count):
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        people = rng.sample(actors, rng.randint(1, 3))
        cited = rng.sample(sources, rng.randint(1, 2))
        lines = [f"title: Synthetic {rng.choice(WORDS)} event {number}",
                 f"date: {day.isoformat()}"]
        if number % 97 == 0:  # a few ranges, drawn as spans on the axis
            lines.append(f"end: {(day + dt.timedelta(days=rng.randint(3, 60))).isoformat()}")
        if number % 3 == 0:
            quote = rng.choice(quotes)
            people = sorted({*people, quote.speaker})
            cited = sorted({*cited, quote.source})
            lines += ["quotes:", f"  - text: {json.dumps(quote.text, ensure_ascii=False)}",
                      f"    speaker: {quote.speaker}", f"    source: {quote.source}"]
        lines += [f"actors: [{', '.join(people)}]",
                  f"tags: [{', '.join(rng.sample(tags, rng.randint(1, 2)))}]",
                  f"sources: [{', '.join(cited)}]"]
        body = " ".join(f"The {rng.choice(WORDS)} was discussed by officials ({number})."
                        for _ in range(rng.randint(2, 5)))
        (folder / f"synthetic-{number:05d}.md").write_text(
            "---\n" + "\n".join(lines) + "\n---\n" + body + "\n", encoding="utf-8")


def build(project: Path, out: Path) -> float:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - timeline:\n", "  - timeline:\n      split_threshold: 100000\n", 1), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "--strict",
                    "-d", str(out)], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - started


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def main() -> None:
    from playwright.sync_api import sync_playwright

    args = sys.argv[1:]
    keep = Path(args.pop(args.index("--keep") + 1)) if "--keep" in args else None
    args = [a for a in args if a != "--keep"]
    count = int(args[0]) if args else 10_000
    rounds = 10
    with tempfile.TemporaryDirectory() as tmp:
        site = keep / "site" if keep else Path(tmp) / "site"
        seconds = 0.0
        if not (keep and site.is_dir()):
            project = copy_project((keep or Path(tmp)) / "project")
            write_events(project, count)
            seconds = build(project, site)
        for name in ("timeline.js", "timeline.css"):
            shutil.copy(ROOT / "timeline_builder" / "site" / "assets" / name,
                        site / "assets" / "timeline")
        html = (site / "timeline" / "index.html").read_bytes()
        assets = sum(len(gzip.compress((site / "assets" / "timeline" / name).read_bytes(), 9))
                     for name in ("timeline.js", "timeline.css"))
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/timeline/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="load", timeout=120_000)
            page.wait_for_selector("[data-tl-controls]:not([hidden])")
            loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            setup = page.evaluate("performance.getEntriesByName('tl:setup')[0]?.duration ?? NaN")
            total = page.locator(".tl-event").count()
            results = {kind: page.evaluate(MEASURE, [kind, rounds, list(WORDS)])
                       for kind in ("actor", "tag", "text")}
            base_script, base_view = page.evaluate(BASELINE, [rounds, "class"])
            floor_script, floor_view = page.evaluate(BASELINE, [rounds, "hide"])
            browser.close()
        server.shutdown()

    base = median(base_script)
    base_frame = median(base_view)
    built = f"built in {seconds:.1f} s, " if seconds else ""
    print(f"{total} events on one page, {built}loaded in {loaded / 1000:.1f} s "
          f"(the script's index and first view: {setup:.0f} ms)")
    print(f"timeline/index.html: {len(html) / 1e6:.1f} MB raw, "
          f"{len(gzip.compress(html, 6)) / 1e6:.2f} MB gzipped; "
          f"timeline JS + CSS: {assets / 1024:.1f} KB gzipped")
    print()
    print(f"{'change':<28}{'script ms':>10}{'x base':>8}{'to frame ms':>13}{'x base':>8}")
    print(f"{'baseline: class on all':<28}{base:>10.1f}{1:>8.1f}{base_frame:>13.1f}{1:>8.1f}")
    floor, floor_frame = median(floor_script), median(floor_view)
    print(f"{'baseline: hide 6 in 7, bare':<28}{floor:>10.1f}{floor / base:>8.1f}"
          f"{floor_frame:>13.1f}{floor_frame / base_frame:>8.1f}")
    for kind, (script, view, _status) in results.items():
        label = {"actor": "actor checkbox", "tag": "tag checkbox",
                 "text": "text search"}[kind]
        s, v = median(script), median(view)
        print(f"{label:<28}{s:>10.1f}{s / base:>8.1f}{v:>13.1f}{v / base_frame:>8.1f}")
    slowest = max(median(script) for script, _, _ in results.values())
    print(f"\nmedian of {rounds * 2} changes each; goal <= {GOAL_MS} ms per change in the "
          f"script: {'met' if slowest <= GOAL_MS else 'NOT met'} (slowest {slowest:.1f} ms)")


if __name__ == "__main__":
    main()
