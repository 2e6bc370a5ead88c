"""Allow-list sanitising of contributor HTML with nh3 (Rust's ammonia).

Pull requests come from anyone, so markdown is rendered and then cleaned: no scripts,
styles, event handlers or ``javascript:``/``data:`` URLs; ``<iframe>`` only from the
configured embed hosts. Images only from the site itself (CONTRACT section 6: the site
loads nothing from third-party hosts, so a contributor cannot plant a tracking pixel).
Names in the theme's namespace (``id="__config"``, ``data-md-*``) are dropped: Material
looks its configuration and components up by them, so a contributor's element with such
a name would be read instead of the theme's (DOM clobbering).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from urllib.parse import SplitResult, urlsplit

import markdown as python_markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "iframe", "input", "label", "svg", "path",
    # Our own excerpts (embeds) are part of page HTML and must survive page sanitising.
    "article", "section", "header", "footer", "nav", "aside",
}
_COMMON = {"class", "id", "title", "lang", "dir", "tabindex", "role"}
_ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    # Material's content tabs and task lists are radio/checkbox inputs with labels.
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    "svg": {"viewbox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
# Attributes whose value names an element or a form control the theme's scripts look up.
_NAMING_ATTRIBUTES = frozenset({"id", "name", "for"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Python-Markdown's inline parsing is quadratic in a paragraph's length: links look for
# their closing bracket to the end of the paragraph from every "[" (100 KB of "[" takes
# minutes, 1 MB hours), and every inline match rebuilds the paragraph's text. A content
# file may hold 1 MB, so: links look no further than _LINK_WINDOW characters; a paragraph
# longer than _MAX_BLOCK is shown as plain text; and a body longer than _MAX_MARKDOWN or
# with more than _MAX_BRACKETS "[" (no prose has either) is shown as plain text whole.
# Worst case, a body then renders in seconds, not hours.
_LINK_WINDOW = 2_000
_MAX_BLOCK = 10_000
_MAX_MARKDOWN = 100_000
_MAX_BRACKETS = 1_000
_BLANK_LINES = re.compile(r"(\n[ \t]*\n)")


class _BoundedLinks:
    """Mixed into Python-Markdown's link and reference processors: scan a window only."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        text, end, handled = super().getText(data[index:index + _LINK_WINDOW], 0)  # type: ignore[misc]
        return text, index + end, handled

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        href, title, end, handled = super().getLink(  # type: ignore[misc]
            data[index:index + _LINK_WINDOW], 0)
        return href, title, index + end, handled

    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:  # noqa: N802
        ref, end, handled = super().evalId(  # type: ignore[misc]
            data[index:index + _LINK_WINDOW], 0, text)
        return ref, index + end, handled


class BoundedLinksExtension(Extension):
    def extendMarkdown(self, md: python_markdown.Markdown) -> None:  # noqa: N802
        for processor in md.inlinePatterns:
            cls = type(processor)
            if isinstance(processor, LinkInlineProcessor) and not isinstance(processor,
                                                                             _BoundedLinks):
                processor.__class__ = type(f"Bounded{cls.__name__}", (_BoundedLinks, cls), {})


_MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]
# One converter, reset per body: building a Markdown instance costs more than converting.
_MARKDOWN = python_markdown.Markdown(
    extensions=[*_MARKDOWN_EXTENSIONS, BoundedLinksExtension()], output_format="html")
_LONG_BLOCK = f"tllongblock{secrets.token_hex(8)}n"  # placeholder no contributor can guess


def clean_html(html: str, embed_hosts: Iterable[str] = (), *, data_attributes: bool = True) -> str:
    """Keep only allow-listed tags, attributes and URL schemes.

    ``data_attributes=False`` drops every ``data-*`` too: event and profile bodies sit
    inside the timeline's own markup, whose script reads ``data-actor``, ``data-tag``,
    ``data-source`` and ``data-tl-*`` (a body could otherwise file its event under an
    actor it does not name). Whole pages keep them for the embedded excerpts.
    """
    hosts = frozenset(embed_hosts)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _NAMING_ATTRIBUTES and value.startswith("__"):
            return None  # Material's own ids and names: __config, __drawer, __search, …
        if attribute.startswith("data-md-"):
            return None  # Material mounts components (and fetches repo facts) by these
        if attribute.startswith("data-") and _is_script_url(value):
            return None  # never hand a script URL to a script that reads data-* values
        if tag == "img" and attribute == "src":
            parts = _split(value)
            return value if parts and not parts.scheme and not parts.netloc else None
        if tag == "iframe" and attribute == "src":
            parts = _split(value)
            return value if parts and parts.scheme == "https" and parts.hostname in hosts \
                else None
        if tag == "input" and attribute == "type":
            return value if value in ("checkbox", "radio") else None
        return value

    return nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
        attribute_filter=keep, link_rel="noopener noreferrer nofollow",
        generic_attribute_prefixes={"data-", "aria-"} if data_attributes else {"aria-"},
        strip_comments=True,
    )


def _split(url: str) -> SplitResult | None:
    """``urlsplit`` that says None for what it cannot parse (``https://[x``) instead of
    raising inside nh3's callback (which would print a traceback and drop it anyway)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _is_script_url(value: str) -> bool:
    """``javascript:…`` however spelt: browsers drop whitespace and controls in schemes."""
    squeezed = "".join(ch for ch in value if ord(ch) > 32).lower()
    return squeezed.startswith(_SCRIPT_SCHEMES)


@lru_cache(maxsize=4096)
def markdown_to_html(text: str, embed_hosts: tuple[str, ...] = ()) -> str:
    """Contributor markdown → safe HTML (cached: a body is shown on several pages)."""
    if len(text) > _MAX_MARKDOWN or text.count("[") > _MAX_BRACKETS:
        paragraphs = (block.strip() for block in _BLANK_LINES.split(text)[::2])
        return "".join(f"<p>{escape(block)}</p>\n" for block in paragraphs if block)
    blocks = _BLANK_LINES.split(text)
    long_blocks = [block for block in blocks[::2] if len(block) > _MAX_BLOCK]
    if long_blocks:
        count = iter(range(len(blocks)))
        blocks = [f"{_LONG_BLOCK}{next(count)}" if i % 2 == 0 and len(block) > _MAX_BLOCK
                  else block for i, block in enumerate(blocks)]
    html = _MARKDOWN.reset().convert("".join(blocks))
    for number, block in reversed(list(enumerate(long_blocks))):  # n10 before n1
        placeholder, shown = f"{_LONG_BLOCK}{number}", escape(block.strip())
        html = html.replace(f"<p>{placeholder}</p>", f"<p>{shown}</p>", 1)
        html = html.replace(placeholder, shown, 1)  # inside a list or a code block
    return clean_html(html, embed_hosts, data_attributes=False)
