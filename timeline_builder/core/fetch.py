"""Fetching a contributor's URL without letting it reach what it should not.

``timeline archive`` and ``timeline links`` request URLs written in content files, which
come from pull requests: an address such as ``http://169.254.169.254/`` (a cloud metadata
service), ``http://localhost:8080/admin`` or a name whose DNS answer is ``10.0.0.5`` would
turn the tool into a way to read the machine's network (SSRF). So:

- only ``http`` and ``https``, read as a browser reads them (ada, the WHATWG parser of
  :mod:`timeline_builder.urls`: ``http://2130706433/`` is 127.0.0.1 there, as in Chromium);
- the host is resolved once, every address it resolves to must be public (``is_global``:
  loopback, private ranges, link-local, CGNAT, multicast, reserved, IPv4-mapped forms of
  them are refused), and the connection goes to the address that was checked, so a second
  DNS answer cannot swap it for another (DNS rebinding);
- redirects are followed by hand, and every hop is judged again;
- one deadline for the whole request, a cap on the body, at most a few redirects.

``allow_private`` lifts the address rule only (for a newsroom's intranet, and the tests'
local server); the scheme rule, the deadline and the cap always hold.

http.client rather than urllib or a client library: the connection must be made to the
address we checked, with TLS verified against the host name, which http.client allows by
overriding ``connect`` and which urllib's and requests' resolvers do not expose.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ada_url import URL

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = "timeline-builder/0.1 (checking and archiving the sources a timeline cites)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

Failure = Literal["refused", "timeout", "tls", "network", "too-large", "redirects", "dns"]


class FetchError(Exception):
    """Why a URL could not be fetched; ``kind`` says what sort of failure it is."""

    def __init__(self, kind: Failure, message: str, url: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names; a repeated header joined with ", "
    body: bytes = b""
    redirects: tuple[tuple[int, str], ...] = field(default=())  # (status, location) per hop
    truncated: bool = False  # the body was cut at the cap (only when asked to allow it)

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip("\"' ")
        return None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class Target:
    """A URL judged fit to request: scheme, host, port and the request path."""

    url: str
    scheme: str
    host: str  # as the Host header and TLS name carry it (IPv6 without brackets)
    port: int
    path: str


def judge(url: str) -> Target:
    """``url`` read as a browser reads it; FetchError("refused") unless http(s) with a host."""
    try:
        parsed = URL(url.strip())
    except ValueError:
        raise FetchError("refused", f"'{url}' is not a URL", url) from None
    scheme = parsed.protocol[:-1]
    if scheme not in ("http", "https"):
        raise FetchError("refused", f"'{url}' is a {scheme}: URL; only http and https are "
                         "fetched", url)
    host = parsed.hostname.strip("[]")
    if not host:
        raise FetchError("refused", f"'{url}' has no host", url)
    port = int(parsed.port) if parsed.port else (443 if scheme == "https" else 80)
    return Target(parsed.href, scheme, host, port, (parsed.pathname or "/") + parsed.search)


def is_public(address: str) -> bool:
    """An address on the public internet: not loopback, private, link-local, shared
    (100.64/10), multicast, reserved or unspecified, also when written IPv4-mapped."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


AddressRule = Callable[[str], bool]  # may this address be connected to?


def resolve(target: Target, *, allow_private: bool, allowed: AddressRule = is_public) -> str:
    """The address to connect to: every DNS answer must be ``allowed`` (public, unless
    ``allow_private``)."""
    try:
        ipaddress.ip_address(target.host)
        answers = [target.host]
    except ValueError:
        try:  # the system resolver's own timeout applies (getaddrinfo takes none)
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError("dns", f"no such host '{target.host}' ({exc})", target.url
                             ) from None
        answers = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not answers:
        raise FetchError("dns", f"no address for '{target.host}'", target.url)
    if not allow_private:
        private = [address for address in answers if not allowed(address)]
        if private:
            shown = target.host if target.host == private[0] else \
                f"{target.host} (which resolves to {private[0]})"
            raise FetchError("refused", f"{shown} is a private or local address; refusing "
                             "to fetch it (pass --allow-private for an intranet source)",
                             target.url)
    return answers[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the checked address while the Host header names the host."""

    def __init__(self, target: Target, address: str, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """The same over TLS, the certificate checked against the host name."""

    def __init__(self, target: Target, address: str, timeout: float,
                 context: ssl.SSLContext) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self._address = address
        self._tls = context

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        try:
            self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


def fetch(url: str, *, method: str = "GET", timeout: float = DEFAULT_TIMEOUT,
          max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False,
          cut_at_cap: bool = False, context: ssl.SSLContext | None = None,
          allowed: AddressRule = is_public) -> Response:
    """One request, redirects followed and judged; FetchError on any failure.

    ``timeout`` bounds the whole exchange, redirects included. A body over ``max_bytes``
    is an error, or with ``cut_at_cap`` cut there (link checks need only the status).
    ``allowed`` judges each address (every hop's); ``allow_private`` skips it."""
    deadline = time.monotonic() + timeout
    tls = context or ssl.create_default_context()
    hops: list[tuple[int, str]] = []
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        target = judge(current)
        _left(deadline, target.url)
        address = resolve(target, allow_private=allow_private, allowed=allowed)
        status, headers, body, truncated = _exchange(target, address, method, deadline,
                                                     max_bytes, cut_at_cap, tls)
        location = headers.get("location")
        if status in _REDIRECTS and location:
            try:
                current = URL(location, target.url).href
            except ValueError:
                raise FetchError("network", f"{target.url} redirects to '{location}', which "
                                 "is not a URL", target.url) from None
            hops.append((status, current))
            if status == 303:
                method = "GET"
            continue
        return Response(target.url, status, headers, body, tuple(hops), truncated)
    raise FetchError("redirects", f"more than {MAX_REDIRECTS} redirects from {url}", url)


def _left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("timeout", f"{url} did not answer in time", url)
    return left


def _exchange(target: Target, address: str, method: str, deadline: float, max_bytes: int,
              cut_at_cap: bool, tls: ssl.SSLContext
              ) -> tuple[int, dict[str, str], bytes, bool]:
    left = _left(deadline, target.url)
    connection: http.client.HTTPConnection = (
        _PinnedHTTPS(target, address, left, tls) if target.scheme == "https"
        else _PinnedHTTP(target, address, left))
    try:
        connection.request(method, target.path, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity"})
        response = connection.getresponse()
        headers: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        body, truncated = b"", False
        if method != "HEAD":
            body, truncated = _read(response, connection, target, deadline, max_bytes,
                                    cut_at_cap)
        return response.status, headers, body, truncated
    except ssl.SSLError as exc:
        reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or exc
        raise FetchError("tls", f"TLS error with {target.host}: {reason}", target.url) from None
    except TimeoutError:
        raise FetchError("timeout", f"{target.url} did not answer in time", target.url) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError("network", f"cannot fetch {target.url}: {exc}", target.url) from None
    finally:
        connection.close()


def _read(response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
          target: Target, deadline: float, max_bytes: int, cut_at_cap: bool
          ) -> tuple[bytes, bool]:
    declared = response.getheader("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes and not cut_at_cap:
        raise FetchError("too-large", f"{target.url} is {int(declared):,} bytes, over the cap "
                         f"of {max_bytes:,}", target.url)
    chunks: list[bytes] = []
    size = 0
    while True:
        # A server that drips bytes still meets the deadline: each read waits only for
        # what is left of it.
        if connection.sock is not None:
            connection.sock.settimeout(_left(deadline, target.url))
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            if cut_at_cap:
                return b"".join(chunks)[:max_bytes], True
            raise FetchError("too-large", f"{target.url} sends more than {max_bytes:,} bytes "
                             "(the cap)", target.url)
