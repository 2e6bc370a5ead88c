"""Hostile URLs for archive and links (issue 24, point 5), against a local HTTP server."""

from __future__ import annotations

import http.server
from collections.abc import Iterator

import pytest

from tests.conftest import http_server
from timeline_builder.core.fetch import FetchError, fetch


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.2:1/secret")
            self.end_headers()
            return
        body = b"x" * 100_000
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with http_server(_Handler) as port:
        yield f"http://127.0.0.1:{port}"


def _only_this_server(address: str) -> bool:
    return address == "127.0.0.1"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "javascript:alert(1)",
    "data:text/html,x", "http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/",
    "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://2130706433/",
    "http://0x7f.1/", "http://localhost/", "http://100.64.0.1/", "http://[fe80::1]/",
])
def test_fetch_refuses_non_http_and_private_addresses(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, timeout=5)


def test_fetch_redirect_to_a_private_address_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="private or local"):
        fetch(server + "/redirect", timeout=5, allowed=_only_this_server)


def test_fetch_body_over_the_size_cap_is_an_error(server: str) -> None:
    with pytest.raises(FetchError):
        fetch(server + "/big", timeout=5, max_bytes=1000, allowed=_only_this_server)
