"""DNS answers that change (issue 24, point 5): a name that resolves to an allowed address
when checked and to a forbidden one when connected to must reach only the checked one; an
answer mixing both is refused; a server that never answers ends in a timeout error.

Only loopback is used: 127.0.0.1 plays the public address (``allowed``), 127.0.0.2 the
private one, so no test sends a packet off this machine."""

from __future__ import annotations

import http.server
import socket
import time
from collections.abc import Iterator

import pytest

from tests.conftest import http_server
from timeline_builder.core import fetch as fetching
from timeline_builder.core.fetch import FetchError, fetch

PUBLIC, PRIVATE = "127.0.0.1", "127.0.0.2"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if self.path == "/slow":
            time.sleep(2)
        body = b"<p>public page</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with http_server(_Handler, PUBLIC) as found:
        yield found


def _public(address: str) -> bool:
    return address == PUBLIC


@pytest.fixture
def connected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address fetch connects to; a connection anywhere but loopback fails the test."""
    seen: list[str] = []
    real = socket.create_connection

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(address[0])
        assert address[0] in (PUBLIC, PRIVATE)
        return real(address, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(fetching.socket, "create_connection", create_connection)
    return seen


def _answers(monkeypatch: pytest.MonkeyPatch, *rounds: list[str]) -> list[str]:
    """The fake resolver: each lookup of a name gets the next round of answers; an address
    literal (create_connection resolves the pinned address too) answers itself."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        if host[0].isdigit():
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        addresses = rounds[min(len(asked), len(rounds)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]
    monkeypatch.setattr(fetching.socket, "getaddrinfo", getaddrinfo)
    return asked


def test_a_name_rebound_to_a_private_address_reaches_only_the_checked_one(
        monkeypatch: pytest.MonkeyPatch, connected: list[str], port: int) -> None:
    asked = _answers(monkeypatch, [PUBLIC], [PRIVATE])
    response = fetch(f"http://rebind.test:{port}/page", timeout=5, allowed=_public)
    assert response.status == 200 and b"public page" in response.body
    assert connected == [PUBLIC] and asked == ["rebind.test"]


def test_an_answer_mixing_public_and_private_addresses_is_refused(
        monkeypatch: pytest.MonkeyPatch, connected: list[str], port: int) -> None:
    _answers(monkeypatch, [PUBLIC, PRIVATE])
    with pytest.raises(FetchError, match="private or local"):
        fetch(f"http://mixed.test:{port}/page", timeout=5, allowed=_public)
    assert connected == []


def test_a_server_that_does_not_answer_ends_in_a_timeout_error(
        monkeypatch: pytest.MonkeyPatch, connected: list[str], port: int) -> None:
    _answers(monkeypatch, [PUBLIC])
    with pytest.raises(FetchError) as caught:
        fetch(f"http://slow.test:{port}/slow", timeout=0.5, allowed=_public)
    assert caught.value.kind in {"timeout", "network"}, caught.value
