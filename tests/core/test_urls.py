"""The URL judge against a table of spellings, and the table against Chromium's own parser.

Each row says which host a browser contacts for a contributor URL on an http page and on
an https page of the site (``SITE`` for the site itself, None for no host). The last test
asks real Chromium (``new URL(url, page)``) for the same, so the table is the browser's
view, not ours.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from timeline_builder.core import urls

SITE = "site.invalid"
HTTPS_PAGE = "https://site.invalid/some/page/"
HTTP_PAGE = "http://site.invalid/some/page/"
E = "evil.example"

# url, scheme a browser gives it, host from an https page, host from an http page
SPELLINGS: list[tuple[str, str | None, str | None, str | None]] = [
    ("../assets/p.png", "https", SITE, SITE),
    ("p.png", "https", SITE, SITE),
    ("/assets/p.png", "https", SITE, SITE),
    ("#sochi-meeting", "https", SITE, SITE),
    ("?tag=diplomacy", "https", SITE, SITE),
    ("\\evil.example/q.png", "https", SITE, SITE),  # one backslash: a path on the site
    ("/\\evil.example/p.png", "https", E, E),
    ("\\\\evil.example/q.png", "https", E, E),
    ("\\/evil.example/q.png", "https", E, E),
    ("//evil.example/x", "https", E, E),
    (" //evil.example/x", "https", E, E),
    ("\t/\n/evil.example/x", "https", E, E),
    ("\x00//evil.example/x", "https", E, E),
    ("//%65vil.example/", "https", E, E),
    ("//evil\u3002example/", "https", E, E),  # ideographic full stop
    ("//EVIL.example/", "https", E, E),
    ("https://evil.example\\@www.youtube-nocookie.com/x", "https", E, E),
    ("https://www.youtube-nocookie.com@evil.example/x", "https", E, E),
    ("https:evil.example/x", "https", SITE, E),  # a path on https pages, a host on http
    ("http:evil.example/x", "http", E, SITE),
    ("https:/evil.example/x", "https", SITE, E),
    ("HtTpS://evil.example/", "https", E, E),
    ("//0x7f.1/", "https", "127.0.0.1", "127.0.0.1"),
    ("//[::1]/", "https", "[::1]", "[::1]"),
    ("//site.invalid:8080/x", "https", SITE + ":8080", SITE + ":8080"),  # another origin
    ("https://xn--80ak6aa92e.com/", "https", "xn--80ak6aa92e.com", "xn--80ak6aa92e.com"),
    ("https://\u0430pple.com/", "https", "xn--pple-43d.com", "xn--pple-43d.com"),
    ("javascript:alert(1)", "javascript", None, None),
    ("JaVaScRiPt:alert(1)", "javascript", None, None),
    ("java\tscript:alert(1)", "javascript", None, None),
    (" javascript:alert(1)", "javascript", None, None),
    ("vbscript:msgbox(1)", "vbscript", None, None),
    ("data:image/png;base64,iVBORw0KGgo=", "data", None, None),
    ("blob:https://site.invalid/0b3f", "blob", None, None),
    ("filesystem:https://site.invalid/temporary/x", "filesystem", None, None),
    ("mailto:desk@example.org", "mailto", None, None),
    ("ws://evil.example/", "ws", E, E),
    ("file:///etc/passwd", "file", None, None),
    ("https://[x", None, None, None),  # not a URL: a browser loads nothing
]

# url, loads only from the site, link a reader may follow, allowed as an embed
VERDICTS: list[tuple[str, bool, bool, bool]] = [
    ("../assets/p.png", True, True, False),
    ("#sochi-meeting", True, True, False),
    ("/\\evil.example/p.png", False, True, False),
    ("https:evil.example/x", False, True, False),
    ("//site.invalid:8080/x", False, True, False),
    ("https://site.invalid/x.png", False, True, False),  # names the placeholder: not relative
    ("https://evil.example/", False, True, False),
    ("javascript:alert(1)", False, False, False),
    ("java\tscript:alert(1)", False, False, False),
    ("data:image/png;base64,iVBORw0KGgo=", False, False, False),
    ("blob:https://site.invalid/0b3f", False, False, False),
    ("mailto:desk@example.org", False, True, False),
    ("tel:+380441234567", False, True, False),
    ("file:///etc/passwd", False, False, False),
    ("ftp://example.org/x", False, False, False),
    ("https://[x", False, False, False),
    ("https://www.youtube-nocookie.com/embed/x", False, True, True),
    ("https://WWW.YouTube-NoCookie.com/embed/x", False, True, True),
    ("//www.youtube-nocookie.com/embed/x", False, True, False),  # http on an http page
    ("http://www.youtube-nocookie.com/embed/x", False, True, False),
    ("https://www.youtube-nocookie.com./embed/x", False, True, False),
    ("https://www.youtube-nocookie.com:8443/embed/x", False, True, False),
    ("https://u:p@www.youtube-nocookie.com/embed/x", False, True, False),
    ("https://evil.example\\@www.youtube-nocookie.com/x", False, True, False),
    ("https://www.youtube-nocookie.com.evil.example/x", False, True, False),
]
EMBED_HOSTS = ["www.youtube-nocookie.com"]


def host_or_site(url: str, page: str) -> str | None:
    parsed = urls.resolve(url, page)
    return parsed.host if parsed is not None and parsed.host else None


@pytest.mark.parametrize(("url", "scheme", "https_host", "http_host"), SPELLINGS)
def test_hosts_as_a_browser_reads_them(url: str, scheme: str | None, https_host: str | None,
                                       http_host: str | None) -> None:
    assert urls.scheme_of(url) == scheme
    assert host_or_site(url, HTTPS_PAGE) == https_host
    assert host_or_site(url, HTTP_PAGE) == http_host


@pytest.mark.parametrize(("url", "same_site", "link", "embed"), VERDICTS)
def test_verdicts(url: str, same_site: bool, link: bool, embed: bool) -> None:
    assert urls.is_same_site(url) is same_site
    assert urls.is_navigable_link(url) is link
    assert urls.allowed_embed(url, EMBED_HOSTS) is embed


@pytest.mark.parametrize("url", [row[0] for row in SPELLINGS if row[2] != SITE
                                 or row[3] != SITE])
def test_urls_to_another_host_are_never_same_site(url: str) -> None:
    assert not urls.is_same_site(url)


@pytest.mark.parametrize(("url", "published"), [
    ("/\\evil.example/p", "https://evil.example/p"),
    ("//evil.example/x", "https://evil.example/x"),
    ("https://evil.example\\@example.org/", "https://evil.example/@example.org/"),
    ("https:evil.example/x", None),  # a disguise: which host depends on the page's scheme
    ("../actors/putin/", "../actors/putin/"),
    ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
    ("mailto:desk@example.org", "mailto:desk@example.org"),
    ("&#106;avascript:alert(1)", "&#106;avascript:alert(1)"),  # undecoded: a relative path
    ("javascript:alert(1)", None),
])
def test_links_to_other_hosts_are_published_as_the_browser_reads_them(
        url: str, published: str | None) -> None:
    assert urls.link_href(url) == published


def test_configured_hosts_are_compared_as_a_browser_writes_them() -> None:
    assert urls.allowed_embed("https://xn--bcher-kva.example/x", ["B\u00fccher.example"])
    assert not urls.allowed_embed("https://bucher.example/x", ["b\u00fccher.example"])


@pytest.mark.browser
def test_the_table_is_chromium_s_reading(page: Page) -> None:
    """Chromium's own URL parser agrees with every row: the scheme (on an https page) and
    the host on both pages."""
    page.set_content("<!doctype html><title>urls</title>")
    rows = page.evaluate("""(rows) => rows.map(([url, pages]) => pages.map((base) => {
        try { const u = new URL(url, base); return [u.protocol.slice(0, -1), u.host || null]; }
        catch (e) { return [null, null]; } }))""",
                         [[url, [HTTPS_PAGE, HTTP_PAGE]] for url, *_ in SPELLINGS])
    for (url, scheme, https_host, http_host), (on_https, on_http) in zip(SPELLINGS, rows,
                                                                         strict=True):
        assert on_https == [scheme, https_host], url
        assert on_http[1] == http_host, url


# Source URLs as people paste them (issue 19), with what `timeline check` says (None: fine)
# and, for the fine ones, the href published (WHATWG-serialised, as Chromium writes it).
SOURCE_URLS = [
    ("https://vault.fbi.gov/Christopher (Biggie Smalls) Wallace", None,
     "https://vault.fbi.gov/Christopher%20(Biggie%20Smalls)%20Wallace"),
    ("https://ru.wikipedia.org/wiki/Новости", None,
     "https://ru.wikipedia.org/wiki/%D0%9D%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"),
    ("https://пример.рф/статья", None,
     "https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F"),
    ("https://bücher.example/", None, "https://xn--bcher-kva.example/"),
    ("https://example.org/search?q=court filing&page=2#the results", None,
     "https://example.org/search?q=court%20filing&page=2#the%20results"),
    ("https://example.org/a?q=ü#ä", None, "https://example.org/a?q=%C3%BC#%C3%A4"),
    ("HTTPS://Example.ORG/x", None, "https://example.org/x"),
    ("https://example.org/mail@example.org", None, "https://example.org/mail@example.org"),
    ("https://example.org:8443/x", None, "https://example.org:8443/x"),
    ("https://[2001:db8::1]/x", None, "https://[2001:db8::1]/x"),
    ("https://reuters.com@evil.example/", "has '@' before the host: a browser would go to "
     "'evil.example', not to 'reuters.com'", None),
    ("https://evil.example\\@reuters.com/", "has a backslash, which a browser reads as '/' "
     "(so the host may not be what it seems)", None),
    ("https://example.org/a\\b", "has a backslash, which a browser reads as '/' (so the "
     "host may not be what it seems)", None),
    ("https://exa mple.org/", "has a space in the host", None),
    ("https:///example.org/", "has no host", None),
    ("https://", "has no host", None),
    ("https:example.org/x", "has no // after the scheme (write https://host/…)", None),
    ("example.org/x", "has no http:// or https:// in front", None),
    ("ftp://example.org/x", "uses ftp:, not http: or https:", None),
    ("javascript:alert(1)", "uses javascript:, not http: or https:", None),
    ("https://example.org/a\tb", "has a control character (a tab or a line break) in it", None),
    ("https://ev%69l.example/", "has '%' in the host, which no host name has", None),
    ("https://a<b.example/", "has '<' in the host, which no host name has", None),
    ("https://example.org:99999/", "cannot be read as a URL: a browser would load nothing",
     None),
]


@pytest.mark.parametrize(("url", "problem", "href"), SOURCE_URLS)
def test_source_urls_as_people_write_them(url: str, problem: str | None,
                                          href: str | None) -> None:
    assert urls.web_address_problem(url) == problem
    assert urls.is_web_address(url) is (problem is None)
    assert urls.web_href(url) == href or problem is not None


def test_the_json_schema_pattern_agrees_with_check_on_every_source_url() -> None:
    """One list for both: the published schema refuses exactly what `timeline check` does."""
    import jsonschema

    from timeline_builder.reading.schema import json_schema

    url_schema = json_schema("source")["properties"]["url"]
    validator = jsonschema.Draft202012Validator(url_schema)
    for url, problem, _ in SOURCE_URLS:
        assert validator.is_valid(url) is (problem is None), url


@pytest.mark.browser
def test_published_hrefs_are_chromium_s_serialisation(page: Page) -> None:
    page.set_content("<!doctype html><title>urls</title>")
    fine = [url for url, problem, _ in SOURCE_URLS if problem is None]
    hrefs = page.evaluate("(urls) => urls.map((u) => new URL(u).href)", fine)
    assert hrefs == [urls.web_href(url) for url in fine]
