"""The one URL judge: what a browser would load or navigate to, read the way it reads it.

Contributor URLs are untrusted, and the only spelling that counts is the browser's: the
WHATWG URL standard reads ``\\`` as ``/`` in http(s) URLs, drops tabs and newlines,
strips leading controls and spaces, decodes ``%65vil`` and full-width dots in hosts, and
puts everything before ``@`` in the userinfo, not the host. So ``/\\evil.example/p.png``,
``\\\\evil.example/q.png`` and ``https://evil.example\\@www.youtube-nocookie.com/`` all load
from evil.example. urllib reads all three differently; ada (a WHATWG-compliant parser,
the one Node.js uses) reads them as Chromium and Firefox do.

A contributor URL is resolved against the page it will sit on. We do not know that page
(the site may be served over http on 127.0.0.1, over https under site_url, from a
subfolder), so it is resolved against a placeholder page under each scheme: a URL is
"same-site" only if it stays on the placeholder host from both. That matters:
``https:evil.example/x`` is a path on an https page but the host evil.example on an http
one. The placeholder's ``.invalid`` top-level domain never resolves (RFC 2606), so a URL
that names it outright loads nothing either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ada_url import URL, idna_to_ascii

SITE_HOST = "site.invalid"
# The page a contributor URL is read from, once per scheme a site may be served with.
PAGE_URLS = (f"https://{SITE_HOST}/some/page/", f"http://{SITE_HOST}/some/page/")
# A second placeholder host: a URL that names the first outright (``//site.invalid/x``)
# is not relative, and would still make the browser look that name up.
_OTHER_PAGE = "https://other-site.invalid/some/page/"
WEB_SCHEMES = frozenset({"http", "https"})
# Schemes that run script, or carry a document or a resource the contributor wrote
# (data:, blob:, filesystem:): never in an attribute a browser loads or follows.
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "blob", "filesystem"})
# Links may also open a mail client or a phone dialler; nothing else (no file:, ftp:,
# custom app schemes).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@lru_cache(maxsize=8192)
def resolve(url: str, page_url: str = PAGE_URLS[0]) -> URL | None:
    """``url`` as a browser on ``page_url`` reads it, or None where it cannot (a browser
    then loads nothing: ``https://[x``, ``//evil.example%2F``)."""
    try:
        return URL(url, page_url)
    except ValueError:
        return None


def scheme_of(url: str) -> str | None:
    """The scheme a browser gives ``url`` on an https page, lower case, without ``:``
    (``java\\tscript:`` → ``javascript``); None when it does not parse."""
    parsed = resolve(url)
    return parsed.protocol[:-1] if parsed is not None else None


def is_same_site(url: str, page_url: str | None = None) -> bool:
    """True when a browser would load ``url`` from the page's own host and port, over
    http(s), whatever the page's scheme: this loads nothing from another host.

    >>> is_same_site("../assets/p.png"), is_same_site("/\\\\evil.example/p.png")
    (True, False)
    """
    pages = (page_url,) if page_url else (*PAGE_URLS, _OTHER_PAGE)
    for page in pages:
        parsed, base = resolve(url, page), resolve(page)
        if parsed is None or base is None or parsed.protocol[:-1] not in WEB_SCHEMES \
                or parsed.host != base.host or parsed.protocol != base.protocol:
            return False
    return True


def host_of(url: str) -> str | None:
    """The host (ASCII, lower case) a browser would contact for ``url`` from either
    placeholder page; None for the site itself, for hostless URLs and unparseable ones."""
    for page in PAGE_URLS:
        parsed = resolve(url, page)
        if parsed is not None and parsed.hostname and parsed.hostname != SITE_HOST:
            return parsed.hostname
    return None


def is_script_url(url: str) -> bool:
    """``javascript:`` (and vbscript:, data:, blob:, filesystem:) however it is spelt."""
    return any(scheme in SCRIPT_SCHEMES
               for scheme in (_scheme(url, page) for page in PAGE_URLS))


def _scheme(url: str, page: str) -> str | None:
    parsed = resolve(url, page)
    return parsed.protocol[:-1] if parsed is not None else None


def normalize_host(host: str) -> str:
    """A configured host as a browser would write it (``WWW.Example.COM`` →
    ``www.example.com``, ``bücher.example`` → ``xn--bcher-kva.example``)."""
    ascii_host = idna_to_ascii(host.strip().lower())
    return ascii_host.decode("ascii") if isinstance(ascii_host, bytes) else str(ascii_host)


def allowed_embed(url: str, hosts: Iterable[str]) -> bool:
    """An ``<iframe src>`` we keep: an absolute https URL whose host is exactly one of
    ``hosts`` (no userinfo, no other port, no trailing dot), read as a browser reads it.

    >>> allowed_embed("https://evil.example\\\\@www.youtube-nocookie.com/x",
    ...               ["www.youtube-nocookie.com"])
    False
    """
    allowed = {normalize_host(host) for host in hosts}
    for page in PAGE_URLS:
        parsed = resolve(url, page)
        if parsed is None or parsed.protocol != "https:" or parsed.hostname not in allowed \
                or parsed.port or parsed.username or parsed.password:
            return False
    return True


# A source's ``url`` as both ``timeline check`` and the published JSON Schema read it (one
# pattern, valid in Python and ECMA-262): http(s), a host written plainly (no space, ``@``,
# ``\\``, ``%`` or other character no host name has), an optional port, then anything but
# controls and backslashes. Spaces and non-ASCII after the host are fine: browsers
# percent-encode them, and so does :func:`web_href` where the URL is published.
WEB_URL_REGEX = ("^[Hh][Tt][Tt][Pp][Ss]?://"
                 "(\\[[0-9A-Fa-f:.]+\\]|[^\\s\\x00-\\x1f\\x7f/?#\\\\@:\\[\\]<>^|%]+)"
                 "(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
                 "([/?#][^\\x00-\\x1f\\x7f\\\\]*)?$")
_WEB_URL = re.compile(WEB_URL_REGEX.replace("$", "\\Z"))
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_CHARS = re.compile(r"[<>^|%\[\]]")


def web_address_problem(url: str) -> str | None:
    """What is wrong with a source's ``url``, in words (None: nothing). An absolute http(s)
    address with a host written plainly: no controls, no backslash and no userinfo
    (``https://reuters.com@evil.example`` and ``https://evil.example\\@reuters.com`` go to
    another host than they seem to). Spaces and non-ASCII after the host are fine."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "has a control character (a tab or a line break) in it"
    if "\\" in url:
        return ("has a backslash, which a browser reads as '/' (so the host may not be what "
                "it seems)")
    scheme = _SCHEME.match(url)
    if scheme is None:
        return "has no http:// or https:// in front"
    if scheme.group(1).lower() not in WEB_SCHEMES:
        return f"uses {scheme.group(1).lower()}:, not http: or https:"
    rest = url[scheme.end():]
    if not rest.startswith("//"):
        return "has no // after the scheme (write https://host/…)"
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    if not authority:
        return "has no host"
    if "@" in authority:
        return (f"has '@' before the host: a browser would go to "
                f"'{authority.rsplit('@', 1)[1] or 'nothing'}', not to "
                f"'{authority.split('@', 1)[0]}'")
    if any(ch.isspace() for ch in authority):
        return "has a space in the host"
    if not authority.startswith("[") and (bad := _HOST_CHARS.search(authority)):
        return f"has '{bad.group()}' in the host, which no host name has"
    parsed = resolve(url)
    if not _WEB_URL.match(url) or parsed is None or not parsed.hostname:
        return "cannot be read as a URL: a browser would load nothing"
    return None


def is_web_address(url: str) -> bool:
    """A source's ``url`` that :func:`web_address_problem` finds nothing wrong with."""
    return web_address_problem(url) is None


def web_href(url: str) -> str:
    """A checked URL as published (every ``href``, export and JSON-LD): as a browser reads
    it, WHATWG-serialised: spaces and non-ASCII percent-encoded, IDN hosts in punycode
    (``https://пример.рф/a b`` → ``https://xn--e1afmkfd.xn--p1ai/a%20b``). The content
    keeps it as written. Empty for one a browser cannot read (never published)."""
    try:
        return URL(url).href if url else ""
    except ValueError:
        return ""


def is_navigable_link(url: str) -> bool:
    """An ``<a href>`` a reader may follow: a page of this site, or an http(s), mailto:
    or tel: URL elsewhere. Never a script scheme, never a URL a browser cannot read."""
    for page in PAGE_URLS:
        scheme = _scheme(url, page)
        if scheme is None or scheme not in LINK_SCHEMES:
            return False
    return True


def link_href(url: str) -> str | None:
    """The value to publish for a contributor's link, or None to drop it.

    A link to another host is written out as the browser reads it
    (``/\\evil.example/`` → ``https://evil.example/``), so the markup says where it goes;
    a link within the site keeps its (relative) spelling. A link that goes to another host
    from an http page but stays on the site from an https one (``https:evil.example``) is
    a disguise, and dropped.
    """
    if not is_navigable_link(url):
        return None
    parsed = [resolve(url, page) for page in PAGE_URLS]
    hosts = {p.hostname if p is not None else None for p in parsed}
    if hosts == {SITE_HOST} or hosts == {""}:
        return url  # within the site, or mailto:/tel:
    if SITE_HOST in hosts or parsed[0] is None:
        return None
    return parsed[0].href


def names_other_host_or_script(value: str) -> bool:
    """True when ``value`` (say a ``data-*`` attribute a script might read) parses as a
    URL that leaves the site or runs script; plain words resolve as relative paths."""
    return is_script_url(value) or host_of(value) is not None


def absolute(site_url: str, path: str) -> str:
    """A site path under ``site_url``: ``timeline/#x`` → ``https://example.org/news/timeline/#x``.

    Without a site_url the path stays relative. Every export and the JSON-LD join their
    links here, so they agree on the slash between the two.
    """
    return f"{site_url.rstrip('/')}/{path}" if site_url else path
