"""The inline filter changes nothing: the same HTML as Python-Markdown's own loop."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from timeline_builder.markup.emphasis import WordSafeEmphasisExtension
from timeline_builder.markup.python_markdown import (
    FilteredInline,
    InlineFilterExtension,
    MarkdownInternalsChanged,
    check_internals,
    required,
)
from timeline_builder.markup.sanitize import _MARKDOWN_EXTENSIONS, BoundedLinksExtension

ROOT = Path(__file__).resolve().parents[2]


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
def test_required_reads_the_needs_of_a_pattern(pattern: str, needs: set[str] | None) -> None:
    found = required(re.compile(pattern))
    assert (set(found) if found is not None else None) == needs


def _applied(md: markdown.Markdown, text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times Python-Markdown's per-pattern step ran while converting ``text``."""
    calls = [0]
    original = InlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    def counted(self: InlineProcessor, *args: object) -> object:
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
    md.reset().convert(text)
    monkeypatch.undo()
    return calls[0]


def test_the_filter_skips_patterns_plain_text_cannot_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole point of the filter: on plain words, most patterns are never tried."""
    text = "Officials met in the capital on Monday and spoke for an hour\n"
    stock, filtered = _applied(STOCK, text, monkeypatch), _applied(FILTERED, text, monkeypatch)
    assert stock >= 20 and filtered * 4 <= stock, (stock, filtered)


def test_the_filter_replaces_every_stock_inline_processor_by_registration() -> None:
    names = [name for name in ("inline", "smarty") if name in FILTERED.treeprocessors]
    assert names and all(type(FILTERED.treeprocessors[n]) is FilteredInline for n in names)
    assert not [p for p in FILTERED.treeprocessors if type(p) is InlineProcessor]


def test_the_internals_we_use_are_there() -> None:
    check_internals()  # raises MarkdownInternalsChanged, with what is missing, otherwise


def test_a_missing_private_name_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(InlineProcessor, "_InlineProcessor__applyPattern")
    with pytest.raises(MarkdownInternalsChanged, match="lacks InlineProcessor|lacks _Inline"):
        converter(InlineFilterExtension())
