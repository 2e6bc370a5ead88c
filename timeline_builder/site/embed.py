"""Views of the timeline meant to be framed by other sites, and what hosts need to use them
(CONTRACT section 6, "Embedding").

- ``embed/``: the timeline with its filters and URL state (``embed/?tag=diplomacy``), and
  none of the site's chrome; ``events/<id>/embed/``: one event's card. Both are plain HTML
  files, not theme pages, so every builder publishes the same bytes and the theme's
  header, nav and search stay out of the frame. The server-rendered list reads without
  JavaScript, as on the site.
- Inside the frame: ``<base target="_top">`` opens every link in the top window;
  embed-frame.js sends the frame's height to its parent, and only that
  (``postMessage({type: "timeline:height", height: N}, "*")``: the height is no secret,
  and the host's origin is unknown). Nothing listens for messages and nothing reads the
  host page.
- ``assets/timeline/embed.js``: the host side, which sizes each iframe marked
  ``data-timeline-embed`` from the messages of that iframe's own window.
- oEmbed (``application/json+oembed``): static JSON per event and for the timeline, named
  by discovery links in the heads of event pages and the timeline (overrides/main.html).
- ``_headers``: framing rules for hosts that read the file (Netlify, Cloudflare Pages):
  ``frame-ancestors 'self'`` for the site, any ancestor for the embed views. GitHub Pages
  reads no such file, and a meta CSP cannot carry frame-ancestors (README).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from timeline_builder.core.model import Event
from timeline_builder.site.event_pages import EMBED_SCRIPT, EventPages, iframe_snippet, page_url
from timeline_builder.site.render import Renderer

EMBED_PAGE = "embed/index.html"
TIMELINE_OEMBED = "embed/oembed.json"
HEADERS_FILE = "_headers"
FRAME_ASSETS = ("embed-frame.js", "embed.css", "embed.js", "timeline-share.js")
WIDTH, HEIGHT = 640, 600
EVENT_HEIGHT = 420


def embed_files(renderer: Renderer, pages: EventPages) -> list[tuple[str, str]]:
    """(path, text) of the embed views, their oEmbed files and the framing rules."""
    files = [(EMBED_PAGE, timeline_embed(renderer)),
             (TIMELINE_OEMBED, timeline_oembed(renderer)),
             (HEADERS_FILE, headers_file())]
    for event in renderer.timeline.events:
        files.append((f"{page_url(event)}embed/index.html", event_embed(renderer, event)))
        files.append((f"{page_url(event)}oembed.json", event_oembed(pages, event)))
    return files


def timeline_embed(renderer: Renderer) -> str:
    root = "../"
    content = renderer.timeline_page(root, embedded=True)
    site = renderer.settings.site_name
    return _document(renderer, root, f"{site}: timeline", content, f"{root}timeline/",
                     "timeline/")


def event_embed(renderer: Renderer, event: Event) -> str:
    root = "../../../"
    card = renderer.render("event_embed.html", root, e=event)
    return _document(renderer, root, f"{renderer.settings.site_name}: {event.title}", card,
                     f"{root}{page_url(event)}", page_url(event))


def _document(renderer: Renderer, root: str, title: str, content: str, open_href: str,
              canonical: str) -> str:
    settings = renderer.settings
    return renderer.render(
        "embed_page.html", root, title=" ".join(title.split()), content=Markup(content),  # noqa: S704 - ours
        open_href=open_href, site_name=settings.site_name,
        canonical=_absolute(settings.site_url, canonical))


def timeline_oembed(renderer: Renderer) -> str:
    settings = renderer.settings
    site = settings.site_name
    return _oembed(settings, f"{site}: timeline", _absolute(settings.site_url, "embed/"),
                   HEIGHT)


def event_oembed(pages: EventPages, event: Event) -> str:
    settings = pages.settings
    card = pages.card(event)
    data = json.loads(_oembed(settings, event.title,
                              _absolute(settings.site_url, f"{page_url(event)}embed/"),
                              EVENT_HEIGHT))
    data.update(thumbnail_url=_absolute(settings.site_url, card.path),
                thumbnail_width=1200, thumbnail_height=630)
    return _json(data)


def _oembed(settings: Any, title: str, src: str, height: int) -> str:
    """oEmbed 1.0 ``rich`` response: the iframe snippet a consumer inserts."""
    html = iframe_snippet(src, _absolute(settings.shared_url, EMBED_SCRIPT),
                          title, height)
    data: dict[str, Any] = {"version": "1.0", "type": "rich", "title": title,
                            "provider_name": settings.site_name,
                            "html": html, "width": WIDTH, "height": height}
    if settings.shared_url:
        data["provider_url"] = settings.shared_url
    return _json(data)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _absolute(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


EMBED_PATHS = ("/embed/*", "/events/*/embed/*")


def headers_file() -> str:
    """Netlify / Cloudflare Pages ``_headers``: the site may be framed by itself only; the
    embed views by any site. On Cloudflare Pages every matching rule's headers are joined,
    so the embed rules first detach the site-wide policy (``! Content-Security-Policy``);
    on Netlify the later matching rule's value of a header wins."""
    lines = ["# Framing rules for hosts that read this file (Netlify, Cloudflare Pages).",
             "# GitHub Pages reads no _headers file: see the README, \"Embedding\".",
             "/*", "  Content-Security-Policy: frame-ancestors 'self'", ""]
    for path in EMBED_PATHS:
        lines += [path, "  ! Content-Security-Policy",
                  "  Content-Security-Policy: frame-ancestors *", ""]
    return "\n".join(lines)
