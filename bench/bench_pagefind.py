"""Pagefind against our compact index, for the cross-period filters and text search.

Same N synthetic events (bench/synthetic.py, default 10,000), same records: Pagefind gets
one custom record per event (title, summary and quotes, as filters.py searches; actor, tag
and source filters), our side is compact_index.py. Printed: build time and, measured in
Chromium, the bytes (gzip, or as served when already compressed) a reader's browser fetches
for a facet query and for a text query, each showing up to 100 results.
Needs Pagefind, which the project does not depend on:
    python3.11 -m venv /tmp/pf && /tmp/pf/bin/pip install 'pagefind[bin]==1.5.2'
    PAGEFIND_SITE_PACKAGES=/tmp/pf/lib/python3.11/site-packages python bench/bench_pagefind.py
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import os
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
if os.environ.get("PAGEFIND_SITE_PACKAGES"):
    sys.path.append(os.environ["PAGEFIND_SITE_PACKAGES"])

from synthetic import write_content  # noqa: E402

from timeline_builder.builders.pipeline import build_timeline  # noqa: E402
from timeline_builder.config.settings import Settings  # noqa: E402
from timeline_builder.core.filters import searchable_text  # noqa: E402
from timeline_builder.site.compact_index import index_files  # noqa: E402
from timeline_builder.site.render import Renderer  # noqa: E402

PAGE = """<!doctype html><meta charset=utf-8><script type=module>
const pf = await import('./pagefind/pagefind.js');
await pf.options({});
window.run = async (term, filters) => {
  const found = await pf.search(term, {filters});
  await Promise.all(found.results.slice(0, 100).map((r) => r.data()));
  return found.results.length;
};
window.ready = true;
</script>"""

OURS = """async ([url, facet, text]) => {
  const index = await (await fetch(url + 'timeline/data/index.json')).json();
  if (text) await Promise.all(index.periods.map(async (p) => (await fetch(url + p.text)).json()));
  return index.events.length;
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


async def pagefind_index(timeline: object, out: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    async with PagefindIndex(IndexConfig(output_path=str(out))) as index:
        await asyncio.gather(*(index.add_custom_record(
            url=f"/timeline/#{event.id}", content=searchable_text(event), language="en",
            meta={"title": event.title},
            filters={"actor": list(event.actors), "tag": list(event.tags),
                     "source": list(event.sources)})
            for event in timeline.events))  # type: ignore[attr-defined]


def fetched_bytes(site: Path, actions: list[tuple[str, object]]) -> list[int]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    totals = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"])
        for kind, argument in actions:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []

            def record(response: object, sizes: list[int] = sizes) -> None:
                try:
                    body = response.body()  # type: ignore[attr-defined]
                except Exception:  # noqa: BLE001 (a redirect or an aborted fetch has none)
                    return
                sizes.append(min(len(body), len(gzip.compress(body, 6))))

            page.on("response", record)
            page.goto(base + "pf.html")
            page.wait_for_function("window.ready === true")
            start = sum(sizes)
            if kind == "pagefind":
                page.evaluate("([t, f]) => window.run(t, f)", argument)
            else:
                page.evaluate(OURS, [base, *argument])  # type: ignore[misc]
            page.wait_for_timeout(300)
            totals.append(sum(sizes) - start)
            context.close()
        browser.close()
    server.shutdown()
    return totals


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        write_content(content, events)
        settings = Settings(content_dir=content, split_threshold=min(1000, events - 1))
        timeline, _ = build_timeline(settings)
        renderer = Renderer(timeline, settings)
        site = Path(tmp) / "site"
        started = time.process_time()
        files = index_files(renderer)
        ours_seconds = time.process_time() - started
        for name, text in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
        started = time.perf_counter()
        asyncio.run(pagefind_index(timeline, site / "pagefind"))
        pagefind_seconds = time.perf_counter() - started
        (site / "pf.html").write_text(PAGE, encoding="utf-8")
        pf_files = sum(1 for p in (site / "pagefind").rglob("*") if p.is_file())
        facet, text = ("actor", "actor-3"), "sanctions"
        sizes = fetched_bytes(site, [("pagefind", [None, {"actor": "actor-3"}]),
                                     ("pagefind", ["welcomed", {}]),
                                     ("ours", [facet, ""]), ("ours", [facet, text])])
    print(f"{events} events")
    print(f"{'':<34}{'build s':>9}{'facet query KB':>16}{'text query KB':>15}")
    print(f"{'Pagefind 1.5.2 (custom records)':<34}{pagefind_seconds:>9.2f}"
          f"{sizes[0] / 1024:>16.0f}{sizes[1] / 1024:>15.0f}   ({pf_files} files; wall s)")
    print(f"{'compact index (compact_index.py)':<34}{ours_seconds:>9.2f}"
          f"{sizes[2] / 1024:>16.0f}{sizes[3] / 1024:>15.0f}   (CPU s; cached after)")
    print("first view: neither loads anything before the first query. Pagefind's text "
          "query is word-based (stemmed), ours the contract's case-folded substring.")


if __name__ == "__main__":
    main()
