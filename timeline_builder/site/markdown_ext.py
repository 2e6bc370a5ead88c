"""``[[timeline tag=diplomacy actor=lukashenko]]``: a filtered excerpt of the timeline.

The line must be a paragraph of its own. Keys: ``actor``, ``tag``, ``source``, ``text``,
``from``, ``to`` (as in the timeline URL; a repeated key means any of its values) and
``limit=N``.

Two ways in, one implementation (:func:`excerpt_html`):

- :class:`TimelineEmbedExtension`, a Python-Markdown extension that a door builds with an
  :class:`EmbedState` (the build's renderer and the page being rendered), as mkdocstrings
  builds its extension: the MkDocs plugin adds it in ``on_config``. No module-level state,
  so nothing one build leaves behind reaches the next.
- :func:`expand_embeds`, which ``timeline render`` runs on the explainer pages it copies,
  so builders that run none of our Python (Zensical) show the same excerpts.
"""

from __future__ import annotations

import logging
import re
import shlex
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markupsafe import escape

from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.core.filters import EventFilter, FilterError
from timeline_builder.site.render import Renderer

# The "mkdocs." prefix lets `mkdocs build --strict` count our warnings; no import needed.
log = logging.getLogger("mkdocs.plugins.timeline.embed")
EMBED = re.compile(r"^\[\[timeline(?P<args>(?:\s[^\]\n]*)?)\]\]$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class EmbedState:
    """What an embed needs from the door building the site: set per build and per page."""

    renderer: Renderer | None = None
    page_url: str = ""


def excerpt_html(renderer: Renderer, args: str, written: str,
                 root: str) -> tuple[str, str | None]:
    """The excerpt's HTML for ``[[timeline ARGS]]``, links starting with ``root`` (the way
    back to the site root), and the problem with ARGS if there is one (the HTML then says
    so to the reader)."""
    try:
        pairs, limit = _parse(args)
        selection = EventFilter.from_pairs(pairs)
    except (ValueError, FilterError) as exc:
        return (f'<p class="tl-embed-error"><strong>Timeline excerpt error:</strong> '
                f"{escape(str(exc))} in <code>{escape(written)}</code></p>"), str(exc)
    events = [e for e in renderer.timeline.events if selection.matches(e)]
    if limit:
        events = events[:limit]
    return renderer.excerpt(events, root, selection.query()), None


def expand_embeds(markdown: str, renderer: Renderer, root: str,
                  path: str) -> tuple[str, list[str], list[Diagnostic]]:
    """Replace each embed paragraph of a markdown file by its excerpt HTML; the text, the
    excerpts put in, and the problems.

    Top-level paragraphs only, outside fenced and indented code and front matter
    (the extension also expands embeds nested in blockquotes; write them at top level).
    """
    lines = markdown.split("\n")
    problems: list[Diagnostic] = []
    excerpts: list[str] = []
    fence = ""
    in_front = bool(lines) and lines[0].rstrip() == "---"
    for number, line in enumerate(lines):
        if in_front:
            in_front = number == 0 or line.rstrip() not in ("---", "...")
            continue
        opening = _FENCE.match(line)
        if fence:
            fence = "" if opening and opening.group(1)[0] == fence[0] \
                and len(opening.group(1)) >= len(fence) else fence
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = EMBED.match(line.strip()) if not line.startswith("    ") else None
        alone = (number == 0 or not lines[number - 1].strip()) and \
            (number + 1 == len(lines) or not lines[number + 1].strip())
        if match and alone:
            html, problem = excerpt_html(renderer, match.group("args"), line.strip(), root)
            if problem:
                problems.append(error(path, number + 1, f"timeline embed: {problem}",
                                      "write e.g. [[timeline tag=diplomacy limit=5]]"))
            lines[number] = html.strip()
            excerpts.append(lines[number])
    return "\n".join(lines), excerpts, problems


class EmbedProcessor(BlockProcessor):
    def __init__(self, parser: Any, state: EmbedState) -> None:
        super().__init__(parser)
        self.state = state

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(EMBED.match(block.strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0).strip()
        match = EMBED.match(block)
        assert match is not None  # test() matched
        if self.state.renderer is None:
            log.warning("timeline embed %r: needs the timeline plugin (or `timeline render`)",
                        block)
            html = f'<p class="tl-embed-error">{escape(block)}</p>'
        else:
            html, problem = excerpt_html(self.state.renderer, match.group("args"), block,
                                         "../" * self.state.page_url.count("/"))
            if problem:
                log.warning("timeline embed %r: %s", block, problem)
            # The door cleans the whole page, contributor HTML and all, then puts our
            # excerpt back in place of this token (its tl-* names are ours to keep).
            html = self.state.renderer.trust(html)
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = self.parser.md.htmlStash.store(html)
        return True


class TimelineEmbedExtension(Extension):
    def __init__(self, state: EmbedState | None = None, **kwargs: Any) -> None:
        self.state = state or EmbedState()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # Above paragraphs (10) and lists; below fenced code, which is a preprocessor anyway.
        md.parser.blockprocessors.register(EmbedProcessor(md.parser, self.state),
                                           "timeline_embed", 75)


def _parse(args: str) -> tuple[list[tuple[str, str]], int]:
    """``tag=a actor="b c" limit=5`` → pairs and the limit (0 for none)."""
    pairs: list[tuple[str, str]] = []
    limit = 0
    for word in shlex.split(args):
        key, equals, value = word.partition("=")
        if not equals or not value:
            raise ValueError(f"'{word}' is not key=value")
        if key == "limit":
            if not value.isdigit() or int(value) < 1:
                raise ValueError(f"limit must be a positive number, not '{value}'")
            limit = int(value)
        else:
            pairs.append((key, value))
    return pairs, limit


def makeExtension(**kwargs: Any) -> TimelineEmbedExtension:  # noqa: N802 - Markdown's API
    return TimelineEmbedExtension(**kwargs)
