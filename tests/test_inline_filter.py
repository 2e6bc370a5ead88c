"""The inline filter changes nothing: the same HTML as Python-Markdown's own loop."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_builder.markup.emphasis import WordSafeEmphasisExtension
from timeline_builder.markup.inline_filter import InlineFilterExtension, required
from timeline_builder.markup.sanitize import _MARKDOWN_EXTENSIONS, BoundedLinksExtension

ROOT = Path(__file__).resolve().parent.parent


def converter(*extra: markdown.extensions.Extension) -> markdown.Markdown:
    return markdown.Markdown(extensions=[*_MARKDOWN_EXTENSIONS, BoundedLinksExtension(),
                                         WordSafeEmphasisExtension(), *extra],
                             output_format="html")


STOCK, FILTERED = converter(), converter(InlineFilterExtension())
# Every character an inline pattern of Python-Markdown, extra or smarty looks for, in runs.
PIECES = ["*", "**", "_", "__", "`", "``", "\\", "\\\\", "[", "]", "(", ")", "![", "[^1]",
          "[^1]: note\n", "<", ">", "<b>", "</b>", "&", "&amp;", "&#8211;", "&nbsp;", "'",
          '"', "--", "---", "...", "  \n", "\n", "\n\n", "http://x.example", "<http://a.b>",
          "<a@b.c>", "'80s", "word", " ", "é", "2*3*4", "snake_case", "*[HTML]: Hyper\n",
          "HTML", "[x]: http://y.example\n", "[x]", "[^x]", "(http://a.example)", "    code\n",
          "```\nfenced\n```\n",
          "| a | b |\n|---|---|\n| 1 | 2 |\n", "{: .c }", "Term\n: Definition\n"]
MARKDOWN = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(MARKDOWN)
@example("[^x](http://a.example)")  # "[" found only inside the longer "[^"
@example("'80s -- \"it's\"... `a\\`b` <http://a.b> a&amp;b  \nc")
def test_the_filter_gives_python_markdowns_own_output(text: str) -> None:
    assert FILTERED.reset().convert(text) == STOCK.reset().convert(text)


def test_the_same_output_on_every_body_of_the_site() -> None:
    files = sorted((ROOT / "content").rglob("*.md"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert FILTERED.reset().convert(text) == STOCK.reset().convert(text), path


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"\[", {"["}),
    (r"(?<!\.)\.{3}(?!\.)", {"..."}),
    (r"\*|_", {"*", "_"}),
    (r"(\s|&nbsp;)'(?=\w)", {"'"}),
    (r"  \n", {"  \n"}),
    (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", {"://"}),
    (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", {"\\\\", "`"}),
    (r"a?b*", None),          # matches the empty string: nothing is certain
    (r"[^x]", None),          # a negated class
    (r"(?i)abc", None),       # letters under IGNORECASE
    (r"(?i)a-b", {"-"}),
])
def test_what_each_pattern_needs(pattern: str, needs: set[str] | None) -> None:
    found = required(re.compile(pattern))
    assert (set(found) if found is not None else None) == needs
