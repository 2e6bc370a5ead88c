"""Inline citations, ``[@source-id]``: found the same way for checking and for linking.

Pandoc's citation syntax, so contributors who know it need nothing new. A citation is
``[@`` + an id + ``]`` that is not the text of a link (``[@x](…)``, ``[@x][ref]``) or a
reference definition (``[@x]: …`` opening a line), and not inside code. In an event body
it renders as the number of that source in the event's source list; on an explainer page,
sources are numbered in the order the page first cites them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# What a contributor meant as a citation: anything up to "]" without spaces, so that a
# malformed id ("[@Interfax]") is reported rather than silently left as text.
CITATION = re.compile(r"\[@([^\]\s\[]*)\](?![(\[])")
# As rendered, a citation takes the space before it ("votes [1]" reads "votes[1]").
SPACED_CITATION = re.compile(r"[ \t]*" + CITATION.pattern)
# "[@x]: https://…" opening a line defines a link reference; mid-sentence it is a citation.
_DEFINITION = re.compile(r"^ {0,3}\[@[^\]\s\[]*\]:", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# In rendered HTML: code, preformatted text, existing links and tags are never touched.
_HTML_SKIP = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<a\b.*?</a>|<[^>]*>)",
                        re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    source_id: str
    line: int  # 1-based, counted from the start of the text given


def find(text: str, first_line: int = 1) -> list[Citation]:
    """Every citation in markdown ``text``, with its line (``first_line`` is line 1's)."""
    return [Citation(match.group(1), first_line + text.count("\n", 0, match.start()))
            for match in _matches(text, CITATION)]


def _matches(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Citation matches outside code and reference definitions (offsets are ``text``'s)."""
    masked = _mask_code(text)
    definitions = {match.start() + match.group(0).index("[") for match in
                   _DEFINITION.finditer(masked)}
    return [match for match in pattern.finditer(masked)
            if match.start() + match.group(0).index("[") not in definitions]


def expand(markdown: str, replace: Callable[[str, int], str | None]) -> str:
    """Citations in markdown replaced by ``replace(id, number)`` (None: left as written),
    numbered in reading order: for builders that run no Markdown extension of ours."""
    numbers: dict[str, int] = {}
    pieces: list[str] = []
    position = 0
    for match in _matches(markdown, SPACED_CITATION):
        source_id = match.group(1)
        number = numbers.get(source_id, len(numbers) + 1)
        replacement = replace(source_id, number)
        if replacement is None:
            continue
        numbers[source_id] = number
        pieces += [markdown[position:match.start()], replacement]
        position = match.end()
    return "".join(pieces) + markdown[position:]


def _mask_code(text: str) -> str:
    """Blank out fenced blocks and code spans, keeping every offset and newline."""
    lines = text.split("\n")
    fence = ""
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            lines[number] = " " * len(line)
        elif opened:
            fence = opened.group(1)
            lines[number] = " " * len(line)
    joined = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), joined)


def link_html(html: str, replace: Callable[[str], str | None]) -> str:
    """Replace citations in the text of rendered HTML; ``replace(id)`` None leaves one as is."""
    def substitute(match: re.Match[str]) -> str:
        return replace(match.group(1)) or match.group(0)

    return "".join(part if index % 2 else SPACED_CITATION.sub(substitute, part)
                   for index, part in enumerate(_HTML_SKIP.split(html)))


def page_citations(text: str) -> Iterator[Citation]:
    """Citations in a whole page file: its front matter (if any) is skipped, lines kept."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        closing = next((i for i, line in enumerate(lines[1:], 1)
                        if line.rstrip() in ("---", "...")), None)
        if closing is not None:
            start = closing + 1
    yield from find("\n".join(lines[start:]), first_line=start + 1)
