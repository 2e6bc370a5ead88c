"""Allow-list sanitising of contributor HTML with nh3 (Rust's ammonia).

Pull requests come from anyone, so markdown is rendered and then cleaned: no scripts,
styles, event handlers or script URLs; ``<iframe>`` only from the configured embed hosts.
Images, media and their posters and srcsets only from the site itself (CONTRACT section 6:
the site loads nothing from third-party hosts, so a contributor cannot plant a tracking
pixel). Every URL is judged by :mod:`timeline_builder.core.urls`, as a browser reads it.
The timeline's own names (``tl-*`` classes and ids, ``data-tl-*``, ``data-actor``…) are
removed from contributor HTML, and body ids are prefixed with their owner's id, so that
contributor markup never drives the timeline script or takes over a deep link.
Names in the theme's namespace (``id="__config"``, ``data-md-*``) are dropped: Material
looks its configuration and components up by them, so a contributor's element with such
a name would be read instead of the theme's (DOM clobbering).
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable, Mapping
from functools import lru_cache
from html import escape

import markdown as python_markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.preprocessors import Preprocessor

from timeline_builder.core import urls
from timeline_builder.markup.emphasis import WordSafeEmphasisExtension
from timeline_builder.markup.python_markdown import InlineFilterExtension

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "iframe", "input", "label", "svg", "path",
    "article", "section", "header", "footer", "nav", "aside",
    # Media, with every URL judged like an image's: local files only (CONTRACT section 6).
    # Kept rather than stripped because a still, a clip or a recording of a local file is
    # ordinary reporting and loads nothing from another host; `autoplay` is not kept.
    "picture", "source", "video", "audio", "track",
}
_COMMON = {"class", "id", "title", "lang", "dir", "tabindex", "role"}
_ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "hreflang"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading"},
    "picture": set(),
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "video": {"src", "poster", "controls", "width", "height", "muted", "loop", "playsinline",
              "preload"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    # Material's content tabs and task lists are radio/checkbox inputs with labels.
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    "svg": {"viewbox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d"},
}
# nh3 checks these schemes in the URL attributes it knows; every URL attribute is judged
# again below by the browser's reading (timeline_builder.core.urls), which is the one that counts.
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes whose value is a URL a browser loads with the page: local files only.
_LOADED = frozenset({"src", "poster"})
_SRCSETS = frozenset({"srcset"})
# Attributes whose value is a URL a reader may follow or look up.
_FOLLOWED = frozenset({"href", "cite"})
# Attributes whose value names an element or a form control the theme's scripts look up.
_NAMING_ATTRIBUTES = frozenset({"id", "name", "for"})
# Attributes that refer to elements by id (space-separated lists for aria-*).
_IDREFS = frozenset({"for", "aria-labelledby", "aria-describedby", "aria-controls",
                     "aria-owns", "aria-activedescendant", "aria-details",
                     "aria-errormessage", "aria-flowto"})
# Our own names: the timeline script and styles find their elements by these, so in
# contributor HTML they are removed (a body's class="tl-event" would be read as an event).
_OUR_NAME = re.compile(r"^(?:tl|md)(?:$|[-_])", re.IGNORECASE)
# Material's md-* classes place its chrome (md-header is sticky, md-dialog--active a fixed
# notice over every page): a body's class="md-dialog md-dialog--active" would pose as the
# site's own message. Only the buttons Material documents for content are kept.
_OUR_CLASS = re.compile(r"^(?:tl(?:$|[-_])|md(?:$|[-_])(?!button(?:--primary)?$))",
                        re.IGNORECASE)
# data-* attributes the timeline script or the theme reads, besides data-tl-* / data-md-*.
_OUR_DATA = frozenset({"data-actor", "data-tag", "data-source", "data-date", "data-start",
                       "data-end", "data-precision", "data-period", "data-day",
                       "data-calendar"})
_SRCSET_DESCRIPTOR = re.compile(r"^(?:\d+w|\d+h|\d+(?:\.\d+)?x)$")
_HTML_SPACE = " \t\n\r\f"
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
# The "mkdocs." prefix lets `mkdocs build --strict` count the warning; no import needed.
log = logging.getLogger("mkdocs.plugins.timeline.sanitize")


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


class _PlainWhenBracketed(Preprocessor):
    """Explainers go through the builder's Markdown, not :func:`markdown_to_html`: on a
    page with more than _MAX_BRACKETS "[", every paragraph holding one is shown as escaped
    plain text (stashed, so no inline pattern scans it). Even windowed, 60,000 "[" take
    over a minute otherwise; no prose has that many, and the build says so."""

    def run(self, lines: list[str]) -> list[str]:
        if sum(line.count("[") for line in lines) <= _MAX_BRACKETS:
            return lines
        blocks = _BLANK_LINES.split("\n".join(lines))
        plain = 0
        for index in range(0, len(blocks), 2):
            block = blocks[index]
            if "[" in block and not block.startswith(("```", "~~~", "    ", "\t")):
                blocks[index] = self.md.htmlStash.store(f"<p>{escape(block.strip())}</p>")
                plain += 1
        log.warning("a page has more than %s '[': %s paragraph(s) with one are shown as "
                    "plain text (no links, footnotes or embeds); split the page",
                    f"{_MAX_BRACKETS:,}", plain)
        return "".join(blocks).split("\n")


class BoundedLinksExtension(Extension):
    def extendMarkdown(self, md: python_markdown.Markdown) -> None:  # noqa: N802
        # After normalize_whitespace (30: it deletes the stash's marker characters), before
        # fenced code (25) and raw HTML blocks (20).
        md.preprocessors.register(_PlainWhenBracketed(md), "timeline_plain_when_bracketed", 27)
        for processor in md.inlinePatterns:
            cls = type(processor)
            if isinstance(processor, LinkInlineProcessor) and not isinstance(processor,
                                                                             _BoundedLinks):
                processor.__class__ = type(f"Bounded{cls.__name__}", (_BoundedLinks, cls), {})


_MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]
# One converter, reset per body: building a Markdown instance costs more than converting.
_MARKDOWN = python_markdown.Markdown(
    extensions=[*_MARKDOWN_EXTENSIONS, BoundedLinksExtension(), WordSafeEmphasisExtension(),
                InlineFilterExtension()],  # last: it speeds up every inline processor before it
    output_format="html")
_LONG_BLOCK = f"tllongblock{secrets.token_hex(8)}n"  # placeholder no contributor can guess
_TRUSTED = f"tltrusted{secrets.token_hex(8)}n"
_ID = re.compile(r'\sid="([^"]+)"')


def clean_html(html: str, embed_hosts: Iterable[str] = (), *, data_attributes: bool = True,
               id_prefix: str = "", reserved_ids: Iterable[str] = (),
               trusted: Mapping[str, str] | None = None) -> str:
    """Keep only allow-listed tags, attributes and URLs a browser reads as safe.

    Every URL attribute is judged by :mod:`timeline_builder.core.urls`: ``src``, ``poster`` and
    each ``srcset`` candidate must stay on the site; ``<iframe src>`` must be an https
    ``embed_hosts`` URL; ``href``/``cite`` must be a page or an http(s)/mailto/tel link;
    a ``data-*`` value that reads as a URL to another host or a script scheme goes.

    Our names are made inert: ``tl-*`` and ``md-*`` classes (but ``md-button``),
    ``tl-*``/``__*``/``reserved_ids`` ids and
    the ``data-*`` attributes the timeline script reads. ``data_attributes=False`` drops
    every ``data-*`` too (event and profile bodies sit inside the timeline's own markup).
    ``id_prefix`` renames every id of the fragment (and the links, labels and ARIA
    references to them) so that two bodies' footnotes, or a body's ``id="other-event"``,
    never collide with each other or with the page's own ids.

    ``trusted`` maps placeholder tokens (unguessable text a renderer put in the page, see
    :func:`placeholder`) to our own rendered HTML, put back after cleaning.
    """
    hosts = tuple(embed_hosts)
    reserved = frozenset(reserved_ids).union(*map(ids_of, (trusted or {}).values()))
    ids = _ids_in(html) if id_prefix else frozenset()

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            return " ".join(c for c in value.split() if not _OUR_CLASS.match(c)) or None
        if attribute == "id" and id_prefix:
            return id_prefix + value
        if attribute in _NAMING_ATTRIBUTES and (value.startswith("__") or value in reserved
                                                or _OUR_NAME.match(value)):
            return None  # Material's __config/__drawer/…, our tl-*, the page's own ids
        if id_prefix and attribute in _IDREFS:
            kept = [id_prefix + ref for ref in value.split() if ref in ids]
            return " ".join(kept) or None
        if attribute.startswith("data-"):
            return _data_value(attribute, value)
        if tag == "iframe" and attribute == "src":
            return value if urls.allowed_embed(value, hosts) else None
        if attribute in _LOADED:
            return value if urls.is_same_site(value) else None
        if attribute in _SRCSETS:
            return _local_srcset(value)
        if attribute in _FOLLOWED:
            href = urls.link_href(value)
            if href is not None and id_prefix and href.startswith("#") and href[1:] in ids:
                return f"#{id_prefix}{href[1:]}"
            return href
        if tag == "input" and attribute == "type":
            return value if value.lower() in ("checkbox", "radio") else None
        return value

    cleaned = nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
        attribute_filter=keep, link_rel="noopener noreferrer nofollow",
        generic_attribute_prefixes={"data-", "aria-"} if data_attributes else {"aria-"},
        strip_comments=True,
    )
    return restore_trusted(click_to_load(cleaned), trusted or {})


_IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
_PLAY_ICON = ('<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
              'focusable="false"><path d="M8 5v14l11-7z"/></svg>')


def click_to_load(html: str) -> str:
    """Every ``<iframe>`` the cleaning kept becomes a click-to-load placeholder.

    An iframe in a body or an explainer would contact its host (YouTube, Vimeo) as soon as
    the page loads, telling it who reads what (CONTRACT section 6). The placeholder is the
    one ``media:`` embeds use: a link to the player (all a reader gets with JavaScript
    off) that ``assets/media.js`` replaces by the iframe when the reader presses play, after
    checking the host against ``embed_hosts`` again. Runs on nh3's output, so attribute
    values are already escaped and double-quoted; an iframe whose src was dropped goes.
    """
    def placeholder(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        src = attributes.get("src")
        if not src:
            return ""
        host = escape(urls.host_of(src.replace("&amp;", "&")) or "")
        title = attributes.get("title") or f"Video from {host}"
        return (f'<span class="tl-embed tl-embed--inline"><a class="tl-embed__open" '
                f'href="{src}" rel="noopener noreferrer nofollow" data-tl-embed="{src}" '
                f'data-tl-embed-title="{title}"><span class="tl-embed__play">{_PLAY_ICON} '
                f'<span>Play: {title}</span></span><span class="tl-embed__host">Loads from '
                f"{host} when you play it</span></a></span>")

    return _IFRAME.sub(placeholder, html) if "<iframe" in html else html


def restore_trusted(html: str, trusted: Mapping[str, str]) -> str:
    """Put our own HTML back in place of its :func:`placeholder` tokens."""
    for token, fragment in trusted.items():
        if token in html:
            html = html.replace(f"<p>{token}</p>", fragment).replace(token, fragment)
    return html


def ids_of(html: str) -> frozenset[str]:
    """The ids in our own rendered HTML (double-quoted, as Jinja writes them)."""
    return frozenset(_ID.findall(html))


def placeholder(number: int) -> str:
    """A token for our own HTML inside a page that is cleaned as a whole (the embed's
    excerpts): plain text no contributor can guess, so only ours are put back."""
    return f"{_TRUSTED}{number}x"


def _data_value(attribute: str, value: str) -> str | None:
    if attribute.startswith(("data-tl-", "data-md-")) or attribute in _OUR_DATA:
        return None  # the timeline script and the theme read these
    if urls.names_other_host_or_script(value):
        return None  # never hand another host or a script URL to a script reading data-*
    return value


def _local_srcset(value: str) -> str | None:
    """A ``srcset`` with only its candidates that stay on the site, rewritten in one
    unambiguous spelling (``url descriptor, …``), so a browser reads exactly what was
    judged; a candidate with a comma in its URL or an odd descriptor is dropped."""
    kept = []
    for url, descriptor in _parse_srcset(value):
        if "," in url or not urls.is_same_site(url):
            continue
        if descriptor and not _SRCSET_DESCRIPTOR.match(descriptor):
            continue
        kept.append(f"{url} {descriptor}".strip())
    return ", ".join(kept) or None


def _parse_srcset(value: str) -> list[tuple[str, str]]:
    """The HTML standard's srcset parsing: the URL is a run of non-space characters (its
    trailing commas cut off); descriptors run to the next comma outside parentheses."""
    candidates: list[tuple[str, str]] = []
    position, length = 0, len(value)
    while True:
        while position < length and (value[position] in _HTML_SPACE or value[position] == ","):
            position += 1
        if position >= length:
            return candidates
        start = position
        while position < length and value[position] not in _HTML_SPACE:
            position += 1
        url = value[start:position]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start, depth = position, 0
            while position < length:
                char = value[position]
                if char == "," and not depth:
                    break
                depth += 1 if char == "(" else -1 if char == ")" and depth else 0
                position += 1
            descriptor = " ".join(value[start:position].split())
            position += 1
        candidates.append((url, descriptor))


def _ids_in(html: str) -> frozenset[str]:
    """Every id the fragment defines, as the sanitiser will see it (entities decoded)."""
    found: set[str] = set()

    def collect(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            found.add(value)
        return value

    if _MAY_HAVE_ID.search(html):
        nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=collect)
    return frozenset(found)


# Where an HTML tokenizer may start an attribute named id: after a space, a "/" or a
# quoted value (``<a/id=x>``, ``<a href="y"id=x>``), any case, ended by a space, "/", ">"
# or "=". Only a shortcut: text without it has no id; text with it is parsed.
_MAY_HAVE_ID = re.compile(r"""[\s/"']id[\s/>=]""", re.IGNORECASE)


# Room for every body of a large timeline (about 2 KB of HTML each): the summaries and the
# pages of one build then render each body once, not twice.
@lru_cache(maxsize=1 << 16)
def markdown_to_html(text: str, embed_hosts: tuple[str, ...] = (), owner: str = "") -> str:
    """Contributor markdown → safe HTML (cached: a body is shown on several pages).

    ``owner`` (the event, actor or source id) prefixes the body's ids: ``sochi:fn:1``.
    Ids of the page itself never contain ``:``, so no body can take one over.
    """
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
    return clean_html(html, embed_hosts, data_attributes=False,
                      id_prefix=f"{owner or '_'}:")
