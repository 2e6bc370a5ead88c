"""``[[timeline tag=diplomacy actor=lukashenko]]``: a filtered excerpt of the timeline.

A Python-Markdown extension, not plugin logic, so that any builder that runs Markdown
extensions (MkDocs, Zensical) expands it. The line must be a paragraph of its own.
Keys: ``actor``, ``tag``, ``source``, ``text``, ``from``, ``to`` (as in the timeline URL;
a repeated key means any of its values) and ``limit=N``.

The timeline comes from :data:`CONTEXT` when the MkDocs plugin has loaded it for this
build; otherwise the extension loads the content itself from ``config_file``.
"""

from __future__ import annotations

import logging
import re
import shlex
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markupsafe import escape

from timeline_builder.filters import EventFilter, FilterError
from timeline_builder.pipeline import build_timeline
from timeline_builder.render import Renderer
from timeline_builder.settings import read_mkdocs_yml

# The "mkdocs." prefix lets `mkdocs build --strict` count our warnings; no import needed.
log = logging.getLogger("mkdocs.plugins.timeline.embed")
EMBED = re.compile(r"^\[\[timeline(?P<args>(?:\s[^\]\n]*)?)\]\]$")


@dataclass
class EmbedContext:
    """Shared with the plugin: the build's renderer and the current page's URL."""

    renderer: Renderer | None = None
    page_url: str = ""
    loaded: dict[str, Renderer] = field(default_factory=dict)

    def root(self) -> str:
        return "../" * self.page_url.count("/")


CONTEXT = EmbedContext()


class EmbedProcessor(BlockProcessor):
    def __init__(self, parser: Any, extension: TimelineEmbedExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(EMBED.match(block.strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0).strip()
        match = EMBED.match(block)
        assert match is not None  # test() matched
        html = self.extension.excerpt(match.group("args"), block)
        if CONTEXT.renderer is not None:
            # The plugin cleans the whole page, contributor HTML and all, then puts our
            # excerpt back in place of this token (its tl-* names are ours to keep).
            html = CONTEXT.renderer.trust(html)
        placeholder = self.parser.md.htmlStash.store(html)
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = placeholder
        return True


class TimelineEmbedExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"config_file": ["mkdocs.yml", "mkdocs.yml to read content settings from"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # Above paragraphs (10) and lists; below fenced code, which is a preprocessor anyway.
        md.parser.blockprocessors.register(EmbedProcessor(md.parser, self), "timeline_embed", 75)

    def renderer(self) -> Renderer:
        if CONTEXT.renderer is not None:
            return CONTEXT.renderer
        path = Path(self.getConfig("config_file")).resolve()
        if str(path) not in CONTEXT.loaded:
            settings, _ = read_mkdocs_yml(path)
            timeline, _ = build_timeline(settings)
            CONTEXT.loaded[str(path)] = Renderer(timeline, settings)
        return CONTEXT.loaded[str(path)]

    def excerpt(self, args: str, written: str) -> str:
        try:
            pairs, limit = _parse(args)
            selection = EventFilter.from_pairs(pairs)
        except (ValueError, FilterError) as exc:
            log.warning("timeline embed %r: %s", written, exc)
            return (f'<p class="tl-embed-error"><strong>Timeline excerpt error:</strong> '
                    f"{escape(str(exc))} in <code>{escape(written)}</code></p>")
        renderer = self.renderer()
        events = [e for e in renderer.timeline.events if selection.matches(e)]
        if limit:
            events = events[:limit]
        return renderer.excerpt(events, CONTEXT.root(), selection.query())


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
