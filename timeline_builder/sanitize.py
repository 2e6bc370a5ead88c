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

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

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
# Attributes whose value names an element or a form control the theme's scripts look up.
_NAMING_ATTRIBUTES = frozenset({"id", "name", "for"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]
# One converter, reset per body: building a Markdown instance costs more than converting.
_MARKDOWN = python_markdown.Markdown(extensions=_MARKDOWN_EXTENSIONS, output_format="html")


def clean_html(html: str, embed_hosts: Iterable[str] = ()) -> str:
    """Keep only allow-listed tags, attributes and URL schemes."""
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
        generic_attribute_prefixes={"data-", "aria-"},
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
    html = _MARKDOWN.reset().convert(text)
    return clean_html(html, embed_hosts)
