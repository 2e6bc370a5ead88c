"""Links, images and references still work under the windowed link processors, and only
Python-Markdown's link processors are windowed (markup/sanitize.py, BoundedLinksExtension)."""

from __future__ import annotations

import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from timeline_builder.markup.sanitize import BoundedLinksExtension


def converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", BoundedLinksExtension()])


@pytest.mark.parametrize(("text", "html"), [
    ("[a](/x)", '<p><a href="/x">a</a></p>'),
    ('[a](/x "T")', '<p><a href="/x" title="T">a</a></p>'),
    ("[a][r]\n\n[r]: /x", '<p><a href="/x">a</a></p>'),
    ("[r][]\n\n[r]: /x", '<p><a href="/x">r</a></p>'),
    ("[r]\n\n[r]: /x", '<p><a href="/x">r</a></p>'),
    ("![p](/p.png)", '<p><img alt="p" src="/p.png" /></p>'),
    ("![p][i]\n\n[i]: /p.png", '<p><img alt="p" src="/p.png" /></p>'),
    ("x [a][r] y [b][s]\n\n[r]: /1\n[s]: /2",
     '<p>x <a href="/1">a</a> y <a href="/2">b</a></p>'),
    ("[a][missing]", "<p>[a][missing]</p>"),
])
def test_links_and_references_render_as_stock_markdown(text: str, html: str) -> None:
    assert converter().convert(text) == html
    assert markdown.Markdown(extensions=["extra"]).convert(text) == html


def test_only_the_link_processors_are_windowed() -> None:
    md = converter()
    windowed = {type(p).__name__ for p in md.inlinePatterns if type(p).__name__.startswith(
        "Bounded")}
    links = {f"Bounded{type(p).__mro__[2].__name__}" for p in md.inlinePatterns
             if isinstance(p, LinkInlineProcessor)}
    assert windowed == links and len(links) >= 4
    assert all(isinstance(p, LinkInlineProcessor) for p in md.inlinePatterns
               if type(p).__name__.startswith("Bounded"))
    assert "timeline_plain_when_bracketed" in md.preprocessors
    # registered once however often the extension runs
    BoundedLinksExtension().extendMarkdown(md)
    assert not any(type(p).__name__.startswith("BoundedBounded") for p in md.inlinePatterns)
