"""Should event bodies move to a faster Markdown engine? A diff over real content first.

Renders every body of the seed story (events, actors, sources, explainers) and of a
synthetic corpus with our engine (Python-Markdown with extra, sane_lists and smarty, then
nh3) and with markdown-it-py configured as close to it as it goes (CommonMark, tables,
footnotes, definition lists, attributes, typographer), both through the same sanitiser,
and prints how many bodies come out different, the first differences, and the time ratio.

    .venv/bin/python bench/compare_engines.py [EVENTS]
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_content  # noqa: E402

from timeline_builder.markup.sanitize import clean_html, markdown_to_html  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_SPACE = re.compile(r"\s+")


def bodies(folder: Path) -> list[tuple[str, str]]:
    """(file, body) of every markdown file under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and (end := text.find("\n---\n", 4)) != -1:
            text = text[end + 5:]
        found.append((str(path.relative_to(folder)), text))
    return found


# What contributors write that the two dialects read differently (each seen in real bodies:
# lists under a sentence, two-space nesting, abbreviations, markdown inside HTML).
DIALECT = [
    ("list right under a sentence", "The talks covered:\n- grain\n- gas"),
    ("two-space nested list", "- Minsk\n  - Sochi\n- Kyiv"),
    ("abbreviation", "The UN met.\n\n*[UN]: United Nations"),
    ("markdown inside HTML", '<div markdown="1">**bold**</div>'),
    ("numbered list from 3", "3. third\n4. fourth"),
    ("smart quotes and dashes", "\"Yes\" -- he said... 'no'"),
    ("intraword underscores", "snake_case_name and _emphasis_"),
    ("footnote", "Claim.[^1]\n\n[^1]: The source."),
]


def markdown_it() -> MarkdownIt:
    engine = MarkdownIt("commonmark", {"typographer": True, "html": True})
    engine.enable(["table", "replacements", "smartquotes"])
    return engine.use(footnote_plugin).use(deflist_plugin).use(attrs_plugin)


def normal(html: str) -> str:
    return _SPACE.sub(" ", html).replace("> <", "><").strip()


def main() -> int:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    corpus = bodies(ROOT / "content")
    with tempfile.TemporaryDirectory() as tmp:
        write_content(Path(tmp), events)
        synthetic = bodies(Path(tmp))
    engine = markdown_it()
    for name, items in (("seed story", corpus), (f"synthetic, {events} events", synthetic),
                        ("dialect cases", DIALECT)):
        ours_s = theirs_s = 0.0
        differ: list[tuple[str, str, str]] = []
        for file, body in items:
            start = time.process_time()
            ours = markdown_to_html.__wrapped__(body)
            ours_s += time.process_time() - start
            start = time.process_time()
            theirs = clean_html(engine.render(body), data_attributes=False, id_prefix="_:")
            theirs_s += time.process_time() - start
            if normal(ours) != normal(theirs):
                differ.append((file, ours, theirs))
        print(f"{name}: {len(items)} bodies, {len(differ)} render differently; "
              f"markdown-it-py takes {theirs_s / max(ours_s, 1e-9):.2f}x our time "
              f"({theirs_s:.2f} s against {ours_s:.2f} s CPU)")
        for file, ours, theirs in differ[:3] if items is not DIALECT else differ:
            print(f"  {file}:")
            for line in list(difflib.unified_diff(normal(ours).split("><"),
                                                  normal(theirs).split("><"), "ours",
                                                  "markdown-it-py", lineterm="", n=0))[2:8]:
                print(f"    {line[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
