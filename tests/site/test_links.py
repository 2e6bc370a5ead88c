"""Link integrity of the built site: nothing a reader can click or the browser loads is
missing, every ``#fragment`` has its anchor, every item of ``timeline.json`` has its page,
and the sitemap lists every page.

Internal links are the relative and root-relative ``href``/``src`` values; external
``http(s)`` links and ``mailto:`` are not followed (the site works offline).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.slow

LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data"}
EXTERNAL = ("http", "https", "mailto")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://site.invalid"  # stands for the site's origin while resolving links


class LinksAndAnchors(HTMLParser):
    """Every (line, tag, attribute, URL) and every id/name in one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES and tag != "base":
                self.links.append((self.getpos()[0], tag, name, value))
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)

    handle_startendtag = handle_starttag


class Site:
    """A built site on disk, with the site_url path its root-relative links start with."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        sitemap = ET.parse(root / "sitemap.xml").getroot()
        self.locs = [el.text or "" for el in sitemap.iter(f"{SITEMAP}loc")]
        self.site_url = self.locs[0] if self.locs else "/"  # the home page comes first
        self.prefix = urlsplit(self.site_url).path or "/"

    @cache  # noqa: B019 - one Site per session
    def parsed(self, page: str) -> LinksAndAnchors:
        parser = LinksAndAnchors()
        parser.feed((self.root / page).read_text(encoding="utf-8"))
        parser.close()
        return parser

    def html_pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html"))

    def target(self, path: str) -> str | None:
        """A URL path on the site (``/timeline/``) → the file it serves, or None."""
        if not path.startswith(self.prefix):
            return None
        relative = unquote(path[len(self.prefix):])
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        if relative in self.files:
            return relative
        if f"{relative}/index.html" in self.files:  # a folder without its slash
            return f"{relative}/index.html"
        return None

    def check(self, page: str, line: int, what: str, url: str) -> str | None:
        """None if ``url`` (as written on ``page``) resolves, else why not."""
        parts = urlsplit(url)
        if parts.scheme in EXTERNAL or (parts.netloc and not parts.scheme):
            return None
        if parts.scheme:
            return f"{page}:{line}: {what}={url!r}: scheme {parts.scheme!r} is not a link"
        page_url = BASE + self.prefix + page
        resolved = urlsplit(urljoin(page_url, url))
        file = self.target(resolved.path)
        if file is None:
            return f"{page}:{line}: {what}={url!r}: no such file ({resolved.path})"
        fragment = unquote(resolved.fragment)
        if fragment and file.endswith(".html") and fragment not in self.parsed(file).anchors:
            return f"{page}:{line}: {what}={url!r}: no id {fragment!r} in {file}"
        return None


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    return Site(built_site)


def test_site_has_pages(site: Site) -> None:
    assert "index.html" in site.files and "timeline/index.html" in site.files
    assert len(site.html_pages()) > 10


def test_every_internal_link_and_fragment_resolves(site: Site) -> None:
    broken = []
    for page in site.html_pages():
        for line, tag, attribute, url in site.parsed(page).links:
            problem = site.check(page, line, f"<{tag} {attribute}", url)
            if problem:
                broken.append(problem)
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:30])


def test_checker_finds_broken_links(site: Site) -> None:
    """The checker itself: what it must refuse (a checker that passes all is no check)."""
    assert site.check("index.html", 1, "href", "nowhere/") is not None
    assert site.check("index.html", 1, "href", "timeline/#no-such-event") is not None
    assert site.check("timeline/index.html", 1, "href", "../actors/nobody/") is not None
    assert site.check("index.html", 1, "href", "javascript:alert(1)") is not None
    assert site.check("index.html", 1, "href", "timeline/") is None
    assert site.check("index.html", 1, "href", "https://example.org/elsewhere") is None


def test_every_timeline_item_has_its_page_and_anchor(site: Site) -> None:
    data = json.loads((site.root / "timeline.json").read_text(encoding="utf-8"))
    assert data["events"], "timeline.json has no events"
    problems = []
    for event in data["events"]:
        for url in {event["url"], f"timeline/#{event['id']}"}:
            problems.append(site.check("timeline.json", 1, f"event {event['id']}", url))
    for actor in data["actors"]:
        for url in {actor.get("url", f"actors/{actor['id']}/"), f"actors/{actor['id']}/"}:
            problems.append(site.check("timeline.json", 1, f"actor {actor['id']}", url))
    for source in data["sources"]:
        for url in {source.get("page", f"sources/{source['id']}/"),
                    f"sources/{source['id']}/"}:
            problems.append(site.check("timeline.json", 1, f"source {source['id']}", url))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems[:30])


def test_feed_links_reach_their_events(site: Site) -> None:
    feed = ET.parse(site.root / "feed.xml").getroot()
    problems = []
    for link in feed.iter(f"{ATOM}link"):
        href = link.get("href") or ""
        if href.startswith(site.site_url):
            href = href[len(site.site_url):]
        problem = site.check("feed.xml", 1, f"link rel={link.get('rel')}", href)
        if problem:
            problems.append(problem)
    assert not problems, "\n".join(problems[:30])


def test_sitemap_lists_every_page_and_only_pages(site: Site) -> None:
    listed = set()
    for loc in site.locs:
        file = site.target(urlsplit(loc).path)
        assert file is not None, f"sitemap.xml lists {loc}, which is not in the site"
        listed.add(file)
    # Embed views (embed/, events/<id>/embed/) are for other sites' iframes, not search
    # engines: their page is the one listed.
    built = {f for f in site.files if f.endswith("index.html")
             and not (f.startswith("embed/") or f.endswith("/embed/index.html"))}
    missing = sorted(built - listed)
    assert not {f for f in listed if "embed/" in f}, "an embed view is in the sitemap"
    assert not missing, f"sitemap.xml leaves out: {missing[:20]}"
    assert "404.html" not in listed
