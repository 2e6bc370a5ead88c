"""Plain text of rendered bodies, for summaries in exports, feeds, cards and search."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

import regex

from timeline_builder.markup.sanitize import markdown_to_html

SUMMARY_LENGTH = 280
# Top-level blocks a summary never starts with: headings, code, rules, figures, tables.
_NOT_SUMMARY = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "figure", "table",
                          "script", "style", "template", "iframe"})
# Elements whose start or end separates words (``<li>a</li><li>b</li>`` is "a b", not "ab").
_BREAKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "details", "div",
                     "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
                     "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
                     "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
# Collapse what HTML collapses; NBSP and other typed spaces are the contributor's choice.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_GRAPHEME = regex.compile(r"\X")


class _Blocks(HTMLParser):
    """The text of each top-level element, in order: ``[(tag, text), …]``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[str]]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.blocks.append((tag, []))
        elif tag in _BREAKS and self.blocks:
            self.blocks[-1][1].append(" ")
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if tag in _BREAKS and self.blocks:
            self.blocks[-1][1].append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth == 0 or not self.blocks:
            self.blocks.append(("", []))
        self.blocks[-1][1].append(data)


def _blocks(rendered: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(rendered)
    parser.close()
    return [(tag, _HTML_SPACE.sub(" ", "".join(parts)).strip()) for tag, parts in parser.blocks]


def html_text(rendered: str) -> str:
    """All the text a reader sees in rendered HTML: ``<p>x &lt; y</p>`` → ``x < y``."""
    return " ".join(text for _, text in _blocks(rendered) if text)


# Python-Markdown slows down on long inputs and the renderer falls back to escaped text past
# 100 KB; archived sources may hold 1 MB. Rendered a few paragraphs at a time, each part
# stays fast and is still real markdown (reference links across parts are the price).
_CHUNK = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def body_text(markdown: str) -> str:
    """The plain text of a markdown body as the page renders it (the sanitised renderer)."""
    return " ".join(html_text(markdown_to_html(part)) for part in _chunks(markdown))


def _chunks(markdown: str) -> list[str]:
    if len(markdown) <= _CHUNK:
        return [markdown]
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in _PARAGRAPH_BREAK.split(markdown):
        if current and size + len(paragraph) > _CHUNK:
            chunks.append("\n\n".join(current))
            current = []
            size = 0
        current.append(paragraph)
        size += len(paragraph) + 2
    chunks.append("\n\n".join(current))
    return chunks


@lru_cache(maxsize=1 << 16)  # pure; under `mkdocs serve` each body's summary is taken once
def summary_of(rendered: str, length: int = SUMMARY_LENGTH) -> str:
    """The plain text of the first paragraph-like block of a rendered body, cut to length.

    Taken from the HTML the reader sees (the same sanitised renderer), never from the
    markdown source: ``snake_case``, ``x < y`` and ``[Sochi](…/Sochi_(city))`` come out as
    the page shows them.
    """
    for tag, text in _blocks(rendered):
        if text and tag not in _NOT_SUMMARY and not text.startswith("[["):
            return cut(text, length)
    return ""


def cut(text: str, length: int = SUMMARY_LENGTH) -> str:
    """At most ``length`` characters, ending at a word boundary with ``…``.

    Cuts fall between graphemes (``\\X``), so an emoji ZWJ sequence, a flag or a letter
    with combining accents is kept whole or left out whole, never split.
    """
    if len(text) <= length:
        return text
    kept: list[str] = []
    size = 0
    for grapheme in _GRAPHEME.findall(text, endpos=length + 1):
        if size + len(grapheme) > length - 1:  # room for the ellipsis
            break
        kept.append(grapheme)
        size += len(grapheme)
    spaces = [i for i, grapheme in enumerate(kept) if grapheme == " "]
    if spaces and spaces[-1] >= len(kept) // 2:  # a word boundary not too far back
        kept = kept[:spaces[-1]]
    return "".join(kept).rstrip(" ,;:") + "…"


_OPENING_QUOTE = re.compile(r'(?:^|(?<=[\s(\[]))"')


def inert_text(text: str) -> str:
    """Text that stays text wherever a theme prints it raw (titles, ``<meta content>``).

    Material prints ``page.title`` and front matter without escaping, and its ``<title>``
    uses ``striptags``, which decodes entities. So entities are decoded until nothing
    changes, then ``<``, ``>`` and ``"`` become look-alikes that no parser reads as markup:
    ``&lt;/title&gt;`` → ``‹/title›``; ``"new world order"`` → ``“new world order”``.
    """
    for _ in range(10):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = text.replace("<", "‹").replace(">", "›")
    return _OPENING_QUOTE.sub("“", text).replace('"', "”")
