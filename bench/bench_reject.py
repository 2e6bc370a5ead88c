"""How fast hostile files are refused: a YAML alias bomb, a 5 MB file (over the 1 MB
default limit) and 300,000 levels of nesting, each as a ratio to just reading the same
file's bytes; then how long pathological markdown bodies take to render.

The loader never expands aliases (it composes the YAML tree, where an alias is a shared
node, and refuses it), checks the size before reading, and finds deep nesting from parser
events before composing (libyaml's composer would overflow the C stack). Usage:
python bench/bench_reject.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timeline_builder.checks.validate import validate  # noqa: E402
from timeline_builder.markup.sanitize import markdown_to_html  # noqa: E402
from timeline_builder.reading.load import Document, load_file, parse_document  # noqa: E402

LIMIT = 1_000_000  # the default max_file_bytes


def alias_bomb(levels: int = 9, width: int = 9) -> bytes:
    """Billion laughs: width**levels 'lol's if anything expanded the aliases."""
    lines = ["---", "title: bomb", f'a0: &a0 [{", ".join(["lol"] * width)}]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join([*lines, "---", "Boom."]).encode()


def oversized(size: int = 5_000_000) -> bytes:
    head = b"---\ntitle: Big\ndate: 2022-05-23\nsources: [s]\n---\n"
    return head + b"A long body. " * ((size - len(head)) // 13 + 1)


def median_time(function: Callable[[], object], repeats: int = 21) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (("alias bomb (9 levels x 9)", alias_bomb()),
                           ("5 MB file", oversized()),
                           ("300,000 levels of [", b"---\na: " + b"[" * 300_000 + b"\n---\n")):
            path = Path(tmp) / "file.md"
            path.write_bytes(data)
            document, problems = load_file(path, "event", max_bytes=LIMIT, shown="file.md")
            assert document is None and problems, f"{name} was not refused"
            read = median_time(path.read_bytes)
            refuse = median_time(lambda p=path: load_file(p, "event", max_bytes=LIMIT))
            print(f"{name}: {len(data):,} bytes; refused as {problems[0].text()[:70]}…")
            print(f"  read bytes {read * 1e3:8.3f} ms   refuse {refuse * 1e3:8.3f} ms   "
                  f"ratio {refuse / read:6.2f}")
    print("pathological markdown bodies (Python-Markdown alone: minutes to hours):")
    for unit, size in (("[", 1_000_000), ("[a](", 1_000_000), ("*a", 100_000)):
        for shape in ("one paragraph", "9,000-character paragraphs"):
            body = unit * (size // len(unit)) if shape == "one paragraph" else \
                "\n\n".join([unit * (9000 // len(unit))] * (size // 9000))
            took = median_time(lambda b=body: markdown_to_html.__wrapped__(b), repeats=1)
            print(f"  {unit!r:8} x {size:>9,} chars, {shape:27} {took:6.2f} s")


SOURCE = b"---\ntitle: S\noutlet: O\npublished: 2022-05-23\n---\n"


def _document(raw: bytes, kind: str, stem: str) -> Document:
    document, problems = parse_document(raw, kind, stem, f"{stem}.md")  # type: ignore[arg-type]
    assert document is not None, problems
    return document


def _event(extra: bytes) -> Document:
    return _document(b"---\ntitle: x\ndate: 2022-05-23\nsources: [s]\n" + extra + b"---\n",
                     "event", "e")


def quadratic_corners() -> None:
    """Issue 9 item 8: each corner once, as a ratio to checking one ordinary event."""
    source = _document(SOURCE + b"Body.\n", "source", "s")
    archive = ("The quick brown fox jumps over the lazy dog near the river bank. " * 14_000)
    big_source = _document(SOURCE + archive[:900_000].encode(), "source", "s")
    speaker = _document(b"---\nname: A\n---\n", "actor", "a")
    actors = [_document(f"---\nname: A{i}\n---\n".encode(), "actor", f"known-{i}")
              for i in range(1_000)]
    quotes = b"".join(b"  - text: zebra number %d never said this anywhere at all\n"
                      b"    speaker: a\n    source: s\n" % i for i in range(1_000))
    corners: list[tuple[str, Callable[[], object]]] = [
        ("60,000 tags in one event", lambda: validate([source, _event(
            b"tags: [" + ", ".join(f"t{i}" for i in range(60_000)).encode() + b"]\n")])),
        ("20,000 unknown actor ids (1,000 known)", lambda: validate([source, *actors, _event(
            b"actors: [" + ", ".join(f"actor-{i}" for i in range(20_000)).encode() + b"]\n")])),
        ("1,000 unverifiable quotes, 900 KB source", lambda: validate([big_source, speaker,
                                                                      _event(b"actors: [a]\n"
                                                                             b"quotes:\n"
                                                                             + quotes)])),
        ("2,000-deep nested HTML body", lambda: validate([source, _document(
            b"---\ntitle: x\ndate: 2022-05-23\nsources: [s]\n---\n"
            + b"<div>" * 2_000 + b"text" + b"</div>" * 2_000, "event", "e")])),
        ("60,000 '[' in a body", lambda: markdown_to_html.__wrapped__("[" * 60_000)),
    ]
    baseline = median_time(lambda: validate([source, _event(b"tags: [a, b]\n")]), repeats=21)
    print(f"quadratic corners (baseline: one ordinary event checked in {baseline * 1e3:.2f} ms):")
    for name, corner in corners:
        took = median_time(corner, repeats=1)
        print(f"  {name:42} {took:7.2f} s   ratio {took / baseline:10,.0f}")


if __name__ == "__main__":
    main()
    quadratic_corners()
