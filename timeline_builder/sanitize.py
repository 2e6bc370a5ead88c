"""Allow-list sanitising of contributor HTML with nh3 (Rust's ammonia).

Pull requests come from anyone, so markdown is rendered and then cleaned: no scripts,
styles, event handlers or ``javascript:``/``data:`` URLs; ``<iframe>`` only from the
configured embed hosts.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

import markdown as python_markdown
import nh3

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
_MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]


def clean_html(html: str, embed_hosts: Iterable[str] = ()) -> str:
    """Keep only allow-listed tags, attributes and URL schemes."""
    hosts = frozenset(embed_hosts)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and parts.hostname in hosts else None
        if tag == "input" and attribute == "type":
            return value if value in ("checkbox", "radio") else None
        return value

    return nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
        attribute_filter=keep, link_rel="noopener noreferrer nofollow",
        generic_attribute_prefixes={"data-", "aria-"},
        strip_comments=True,
    )


@lru_cache(maxsize=4096)
def markdown_to_html(text: str, embed_hosts: tuple[str, ...] = ()) -> str:
    """Contributor markdown → safe HTML (cached: a body is shown on several pages)."""
    html = python_markdown.markdown(text, extensions=_MARKDOWN_EXTENSIONS,
                                    output_format="html")
    return clean_html(html, embed_hosts)
