"""The site under a strict Content-Security-Policy, and nothing loaded from other hosts.

Material inlines a few scripts in its templates; ``overrides/partials/javascripts/`` runs
the same code from ``assets/site.js`` so that ``script-src 'self'`` is enough, and
``overrides/main.html`` writes ``extra.csp`` into a ``<meta http-equiv>`` when it is set.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.browser

# frame-ancestors, report-uri and sandbox are ignored in a <meta> policy: headers only.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'self'")
PAGES = ["", "timeline/", "actors/putin/", "explainers/sochi-meeting/"]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                    + `at ${e.sourceFile}:${e.lineNumber}`);
});
"""




def _configure(mkdocs_yml: Path, csp: str, site_url: str) -> None:
    """Add ``extra.csp`` to a copied mkdocs.yml (keeping any ``extra:`` it has), and point
    ``site_url`` at the local server: Material's instant navigation only takes over links
    that its sitemap lists under site_url."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    text = re.sub(r"^site_url:.*$", f"site_url: {site_url}", text, count=1, flags=re.M)
    line = f"  csp: {yaml.safe_dump(csp, default_style=chr(34)).strip()}\n"
    if re.search(r"^extra:\s*$", text, flags=re.M):
        text = re.sub(r"^extra:\s*\n", lambda m: m.group(0) + line, text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + "\nextra:\n" + line
    mkdocs_yml.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def csp_site_url(tmp_path_factory: pytest.TempPathFactory, serve) -> str:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path_factory.mktemp("csp-project"), translations=False)
    out = tmp_path_factory.mktemp("csp-site")
    url = serve(out)
    _configure(project / "mkdocs.yml", CSP, url)
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html.replace(
        "&#39;", "'")
    return url


class _Watch:
    """CSP violations, CSP console messages, script errors and off-site requests."""

    def __init__(self, page, origin: str) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.problems.append(f"script error: {err}"))
        page.on("request", lambda req: None if req.url.startswith((origin, "data:"))
                else self.problems.append(f"off-site request: {req.url}"))

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text:
            self.problems.append(f"console: {message.text}")

    def check(self, where: str) -> None:
        violations = self.page.evaluate("window.__csp")
        problems = self.problems + [f"violation: {v}" for v in violations]
        assert not problems, f"{where}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_pages_work_under_strict_csp(page, csp_site_url: str, path: str) -> None:
    watch = _Watch(page, csp_site_url)
    page.goto(csp_site_url + path)
    page.wait_for_load_state("load")
    # Material's bundle ran: it drops the no-js class and wires up the header.
    page.wait_for_function("!document.documentElement.classList.contains('no-js')")
    # The helpers from assets/site.js exist (the inline ones would have been blocked).
    assert page.evaluate("typeof __md_get === 'function' && typeof __md_set === 'function'")
    if path == "timeline/":
        # The timeline's script ran: it reveals the filter controls.
        expect(page.get_by_role("searchbox", name="Search titles, summaries and quotes")
               ).to_be_visible()
    watch.check(path or "home")


def test_palette_toggle_and_persistence_under_csp(page, csp_site_url: str) -> None:
    watch = _Watch(page, csp_site_url)
    page.emulate_media(color_scheme="light")
    page.goto(csp_site_url)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    page.wait_for_function(f"{scheme} === 'default'")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"{scheme} === 'slate'")
    # Following a link keeps the choice: Material's instant navigation swaps the content
    # in the same document and re-runs the content scripts (external ones, under CSP)...
    page.evaluate("window.__same_document = true")
    page.locator(".md-sidebar--primary a[href$='explainers/sochi-meeting/']").click()
    page.wait_for_url("**/explainers/sochi-meeting/")
    page.get_by_role("heading", level=1, name="The Sochi meeting of 23 May 2022").wait_for()
    assert page.evaluate("window.__same_document === true"), "instant navigation not used"
    assert page.evaluate(scheme) == "slate"
    # ...and so does a full load of another page, where assets/site.js restores it before
    # Material's bundle runs: with the bundle blocked, only that script can set it.
    page.route(re.compile(r".*/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page.goto(csp_site_url + "actors/putin/")
    assert page.evaluate(scheme) == "slate"
    page.unroute(re.compile(r".*/bundle\.[0-9a-f]+\.min\.js$"))
    page.goto(csp_site_url)
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"{scheme} === 'default'")
    watch.check("palette toggle")


def test_search_works_under_csp(page, csp_site_url: str) -> None:
    """Material's search runs in a web worker that fetches the index: both from 'self'."""
    watch = _Watch(page, csp_site_url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(csp_site_url + "about/dating/")
    page.locator(".md-search__input").click()
    page.keyboard.type("sochi")
    page.locator(".md-search-result__item a[href*='explainers/sochi-meeting/']").first.wait_for()
    watch.check("search")


# --- the built site (no browser): no inline scripts, nothing from other hosts -----------

LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                "preconnect", "dns-prefetch", "modulepreload", "manifest", "mask-icon"}
OFF_SITE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)""",
                     re.I)


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.off_site: list[str] = []
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.handlers += [f"<{tag} {k}>" for k in a if k.startswith("on")]
        urls: list[str] = []
        if tag == "script":
            urls.append(a.get("src", ""))
            kind = a.get("type", "").lower()
            self._in_script = not a.get("src") and kind in ("", "module", "text/javascript")
        elif tag == "link" and LOADING_RELS & set(a.get("rel", "").lower().split()):
            urls.append(a.get("href", ""))
        elif tag in ("img", "iframe", "source", "video", "audio", "embed", "track", "input"):
            urls += [a.get("src", ""), a.get("poster", "")]
            urls += [part.split()[0] for part in a.get("srcset", "").split(",") if part.split()]
        elif tag == "object":
            urls.append(a.get("data", ""))
        urls += [m.group(1) or m.group(2) for m in CSS_URL.finditer(a.get("style", ""))]
        self.off_site += [f"<{tag}> {u}" for u in urls if u and OFF_SITE.match(u)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data.strip()[:80])
        if self.lasttag == "style":
            self.off_site += [f"<style> {m.group(1) or m.group(2)}" for m in
                              CSS_URL.finditer(data) if OFF_SITE.match(m.group(1) or m.group(2))]


def test_built_html_has_no_inline_scripts_and_loads_nothing_off_site(built_site: Path) -> None:
    problems = []
    for path in sorted(built_site.rglob("*.html")):
        scan = _Scan()
        scan.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(built_site)
        problems += [f"{rel}: off-site {item}" for item in scan.off_site]
        problems += [f"{rel}: inline script {s!r}" for s in scan.inline_scripts]
        problems += [f"{rel}: inline event handler {h}" for h in scan.handlers]
        html = path.read_text(encoding="utf-8")
        # Material's bundle fetches Mermaid from unpkg.com when a page has a diagram, and
        # repository facts from api.github.com when repo_url is set.
        if 'class="mermaid"' in html:
            problems.append(f"{rel}: a Mermaid diagram makes Material load unpkg.com")
        if 'class="md-source"' in html:
            problems.append(f"{rel}: repo_url makes Material call api.github.com")
    assert not problems, "\n".join(problems)


def test_built_css_loads_nothing_off_site(built_site: Path) -> None:
    problems = []
    for path in sorted(built_site.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        for m in CSS_URL.finditer(css):
            url = m.group(1) or m.group(2)
            if OFF_SITE.match(url):
                problems.append(f"{path.relative_to(built_site)}: {url}")
    assert not problems, "\n".join(problems)


def test_scan_catches_what_it_should() -> None:
    """The scanners themselves: a Google Fonts page would not pass."""
    scan = _Scan()
    scan.feed('<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'
              '<link rel="canonical" href="https://example.org/timeline/">'
              '<script>__md_scope=1</script><script id="c" type="application/json">{}</script>'
              '<img src="//cdn.example/x.png"><a href="https://example.com" onclick="x()">a</a>'
              '<div style="background:url(https://cdn.example/bg.png)"></div>'
              "<style>@import url('https://fonts.googleapis.com/css?family=Roboto');</style>")
    assert scan.off_site == ["<link> https://fonts.gstatic.com", "<img> //cdn.example/x.png",
                             "<div> https://cdn.example/bg.png",
                             "<style> https://fonts.googleapis.com/css?family=Roboto"]
    assert scan.inline_scripts == ["__md_scope=1"]
    assert scan.handlers == ["<a onclick>"]
    assert [m.group(1) or m.group(2) for m in CSS_URL.finditer(
        "@import 'https://x.test/a.css'; a{background:url(data:image/png;base64,AA)}")] == [
        "https://x.test/a.css", "data:image/png;base64,AA"]
