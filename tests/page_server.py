"""A local HTTP(S) server of the saved-page fixtures, for `timeline archive` and `links`.

Routes: /pages/NAME (a fixture, text/html; the windows-1251 page without a charset in the
header, so the page's own meta tag must be read), /moved (301 to a page), /gone (404),
/slow (answers after 8 s), /no-head (405 to HEAD, the page to GET), /big (300 KB),
/memento (a page naming its Wayback snapshot in a Link header), /to?url=U (302 to U),
/pdf (application/pdf). The HTTPS variant uses a self-signed certificate, which no
client trusts: a TLS error.
"""

from __future__ import annotations

import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
MEMENTO = "https://web.archive.org/web/20220523120000/https://example.org/sochi"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        if self.path == "/no-head":
            self._send(405, b"", "text/plain")
            return
        self._route(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._route(head=False)

    def _route(self, *, head: bool) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/pages/") and (PAGES / path[7:]).is_file():
            name = path[7:]
            kind = "text/html" if name.startswith("cp1251") else "text/html; charset=utf-8"
            self._send(200, (PAGES / name).read_bytes(), kind, head=head)
        elif path == "/moved":
            self._redirect(301, "/pages/wire-sochi.html")
        elif path == "/to":
            self._redirect(302, parse_qs(urlsplit(self.path).query)["url"][0])
        elif path == "/slow":
            time.sleep(8)
            self._send(200, b"<p>late</p>", "text/html", head=head)
        elif path == "/no-head":
            self._send(200, (PAGES / "wire-sochi.html").read_bytes(), "text/html", head=head)
        elif path == "/big":
            self._send(200, b"<p>" + b"word " * 60_000 + b"</p>", "text/html", head=head)
        elif path == "/memento":
            self._send(200, (PAGES / "wire-sochi.html").read_bytes(), "text/html", head=head,
                       extra={"Link": f'<{MEMENTO}>; rel="memento"; datetime="Mon, 23 May '
                                      '2022 12:00:00 GMT"'})
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4\n", "application/pdf", head=head)
        else:
            self._send(404, b"<h1>Not found</h1>", "text/html", head=head)

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, kind: str, *, head: bool = False,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def serving(host: str = "127.0.0.1", tls_dir: Path | None = None) -> Iterator[str]:
    """The server's base URL (``http://127.0.0.1:PORT``; https with ``tls_dir``)."""
    server = _Server((host, 0), _Handler)
    scheme = "http"
    if tls_dir is not None:
        certificate, key = tls_dir / "cert.pem", tls_dir / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "2", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out",
                        str(certificate)], check=True, capture_output=True, timeout=60)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{scheme}://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
