"""``[@source-id]`` on explainer pages: a numbered link to the source's page.

Two ways in, one numbering (the order the page first cites its sources) and one link
(:func:`timeline_builder.site.render.citation_link`):

- :class:`CitationExtension`, a Python-Markdown extension a door builds with the build's
  :class:`~timeline_builder.site.markdown_ext.EmbedState` (the renderer and the page being
  rendered): the MkDocs plugin adds it in ``on_config``.
- :func:`expand_citations`, which ``timeline render`` runs on the pages it copies, so
  builders that run none of our Python (Zensical) show the same links.

``timeline check`` validates the ids (``pipeline.check_page_citations``); here an unknown
one is left as written, never guessed.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

from timeline_builder.core import citations
from timeline_builder.site.markdown_ext import EmbedState
from timeline_builder.site.render import Renderer, citation_link

log = logging.getLogger("mkdocs.plugins.timeline.citations")


def expand_citations(markdown: str, renderer: Renderer, root: str
                     ) -> tuple[str, list[str]]:
    """The page's citations as inline HTML links (numbered in reading order), and those
    links (ours, for the page cleaner to keep); ``root`` leads back to the site root."""
    inserted: list[str] = []

    def link(source_id: str, number: int) -> str | None:
        source = renderer.timeline.source(source_id)
        if source is None:
            return None
        inserted.append(citation_link(source, source_id, number, root,
                                      renderer.settings.language))
        return inserted[-1]

    return citations.expand(markdown, link), inserted


class CitationProcessor(InlineProcessor):
    def __init__(self, extension: CitationExtension, md: Markdown) -> None:
        super().__init__(citations.SPACED_CITATION.pattern, md)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[str | etree.Element | None, int, int]:
        source_id = m.group(1)
        renderer = self.extension.state.renderer
        source = renderer.timeline.source(source_id) if renderer else None
        if renderer is None or source is None:
            log.warning("citation [@%s]: %s", source_id, "needs the timeline plugin (or "
                        "`timeline render`)" if renderer is None else
                        f"no source '{source_id}' (see timeline check)")
            return None, m.start(0), m.end(0)
        numbers = self.extension.numbers
        number = numbers.setdefault(source_id, len(numbers) + 1)  # numbered up front
        html = citation_link(source, source_id, number,
                             "../" * self.extension.state.page_url.count("/"),
                             renderer.settings.language)
        # The door cleans the whole page, then puts our link back for this token
        # (contributor HTML cannot forge a tl-cite link; ours keeps its class).
        return self.md.htmlStash.store(renderer.trust(html)), m.start(0), m.end(0)


class NumberingPreprocessor(Preprocessor):
    """Numbers the page's sources in reading order before any inline parsing (Markdown
    parses paragraphs in no promised order), with the scanner ``timeline check`` uses."""

    def __init__(self, extension: CitationExtension, md: Markdown) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        renderer = self.extension.state.renderer
        if renderer is None:
            return lines
        numbers = self.extension.numbers
        for citation in citations.find("\n".join(lines)):
            if renderer.timeline.source(citation.source_id) is not None:
                numbers.setdefault(citation.source_id, len(numbers) + 1)
        return lines


class CitationExtension(Extension):
    def __init__(self, state: EmbedState | None = None, **kwargs: Any) -> None:
        self.state = state or EmbedState()
        self.numbers: dict[str, int] = {}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        # Above links (160) so "[@id]" is not taken for a reference link; below code spans
        # (190) and escapes (180), so `[@id]` in code and \[@id] stay as written.
        md.inlinePatterns.register(CitationProcessor(self, md), "timeline_citation", 175)
        # Before fenced code is stashed (25) and anything else touches the text.
        md.preprocessors.register(NumberingPreprocessor(self, md), "timeline_citation_numbers",
                                  40)

    def reset(self) -> None:
        """A new page: numbering starts again at 1."""
        self.numbers = {}


def makeExtension(**kwargs: Any) -> CitationExtension:  # noqa: N802 - Markdown's API
    return CitationExtension(**kwargs)
