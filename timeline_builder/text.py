"""Plain text from markdown, for summaries in exports, feeds and the search index."""

from __future__ import annotations

import html
import re

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]{0,1000}>")
_MARKUP = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)|(?<=\S)(\*\*|__|\*|_|`|~~)")
_LEADING = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
SUMMARY_LENGTH = 280


def first_paragraph(markdown: str) -> str:
    for block in re.split(r"\n\s*\n", markdown.strip()):
        if block.strip() and not block.lstrip().startswith(("#", "[[", "<!--", "```")):
            return block
    return ""


def plain(markdown: str) -> str:
    """``A [link](x) and **bold**`` → ``A link and bold``; HTML tags are dropped."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _TAG.sub("", text)
    text = _LEADING.sub("", text)
    text = _MARKUP.sub("", text)
    return " ".join(html.unescape(text).split())


def summarise(markdown: str, length: int = SUMMARY_LENGTH) -> str:
    """The first paragraph as plain text, cut at a word boundary."""
    text = plain(first_paragraph(markdown))
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


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
