"""``timeline links``: is every source's ``url`` still there?

Each url is asked with HEAD, and with a GET (the body cut at a small cap) when the server
refuses HEAD or answers it with an error, as many do. Requests go out a few at a time and
never two at once to the same host, a short pause apart (polite to small sites, bounded
for CI). The same rules as ``timeline archive`` apply (:mod:`timeline_builder.core.fetch`):
http(s) only, no private or local addresses unless allowed, a deadline, a cap.

Only a definite answer counts as dead: 404 or 410, or a host name that does not exist.
A timeout, a TLS error, a refused connection or a 5xx is "could not check": reported,
never written, since it may pass by next week. ``--write`` sets ``url_status: dead`` on a
source whose url is dead, and only when it has an ``archived_url`` (a dead url without one
is an error of ``timeline check``); it changes that one key and nothing else of the file.
A url marked dead that answers again is reported, not flipped back: a revived address may
now belong to someone else (``usurped``), which a person has to judge.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from timeline_builder.config.settings import Settings
from timeline_builder.core import fetch
from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.diagnostics import Diagnostic, error, note, warning
from timeline_builder.reading import source_edit
from timeline_builder.reading.load import discover, display_path, load_file

WORKERS = 4
HOST_INTERVAL = 0.5  # seconds between two requests to one host
GET_CAP = 65_536  # a GET after a refused HEAD reads at most this much
DEAD_STATUSES = frozenset({404, 410})
LinkState = Literal["live", "dead", "unchecked"]


@dataclass(frozen=True)
class LinkSource:
    id: str
    path: Path
    url: str
    url_status: str
    archived_url: str
    line: int  # of url:
    status_line: int  # of url_status:, else of url:


@dataclass(frozen=True)
class Verdict:
    source: LinkSource
    state: LinkState
    detail: str  # "HTTP 404", "timeout", "moved permanently to …"


def sources_with_urls(settings: Settings) -> tuple[list[LinkSource], list[Diagnostic]]:
    found, problems = discover(settings.content_dir)
    sources: list[LinkSource] = []
    for kind, path in found:
        if kind != "source":
            continue
        document, read = load_file(path, "source", max_bytes=settings.max_file_bytes)
        problems += read
        if document is None or "url" not in document.fields:
            continue
        fields = document.fields
        url = fields["url"]
        if not url.is_scalar or not url.text().strip():
            continue
        status = fields.get("url_status")
        archived = fields.get("archived_url")
        sources.append(LinkSource(
            document.id, path, url.text().strip(),
            status.text().strip() if status is not None and status.is_scalar else "live",
            archived.text().strip() if archived is not None and archived.is_scalar else "",
            url.line, status.line if status is not None else url.line))
    return sources, problems


class _Polite:
    """One request at a time per host, HOST_INTERVAL apart."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def run(self, host: str, call: Callable[[], Verdict]) -> Verdict:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, 0.0) + self._interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return call()
            finally:
                self._last[host] = time.monotonic()


def check_links(sources: list[LinkSource], *, timeout: float, allow_private: bool,
                interval: float = HOST_INTERVAL) -> list[Verdict]:
    polite = _Polite(interval)

    def one(source: LinkSource) -> Verdict:
        try:
            host = fetch.judge(source.url).host
        except fetch.FetchError as exc:
            return Verdict(source, "unchecked", str(exc))
        return polite.run(host, lambda: _check(source, timeout, allow_private))

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(one, sources))


def _check(source: LinkSource, timeout: float, allow_private: bool) -> Verdict:
    try:
        response = fetch.fetch(source.url, method="HEAD", timeout=timeout,
                               allow_private=allow_private)
        if response.status >= 400:  # many servers mishandle HEAD: ask again with GET
            response = fetch.fetch(source.url, timeout=timeout, max_bytes=GET_CAP,
                                   cut_at_cap=True, allow_private=allow_private)
    except fetch.FetchError as exc:
        if exc.kind == "dns":
            return Verdict(source, "dead", str(exc))
        label, message = _failure(exc.kind), str(exc)
        detail = message if message.startswith(label) else f"{label}: {message}"
        return Verdict(source, "unchecked", detail)
    moved = next((f"moved permanently to {location}" for status, location in response.redirects
                  if status in (301, 308)), "")
    if response.status in DEAD_STATUSES:
        return Verdict(source, "dead", f"HTTP {response.status}")
    if response.status >= 400:
        return Verdict(source, "unchecked", f"HTTP {response.status}")
    return Verdict(source, "live", moved or f"HTTP {response.status}")


def _failure(kind: str) -> str:
    return {"timeout": "timeout", "tls": "TLS error", "refused": "refused",
            "too-large": "too large", "redirects": "too many redirects"}.get(kind, "network error")


def report(verdicts: list[Verdict]) -> list[Diagnostic]:
    """One diagnostic per link worth a word, on the line of its url."""
    found: list[Diagnostic] = []
    for verdict in verdicts:
        source, shown = verdict.source, display_path(verdict.source.path)
        if verdict.state == "dead" and source.url_status != "dead":
            hint = "run timeline links --write to mark it" if source.archived_url else \
                "find a snapshot (e.g. on web.archive.org), add archived_url:, then set " \
                "url_status: dead (or run timeline links --write)"
            found.append(error(shown, source.line, f"url: dead link ({verdict.detail}): "
                               f"{source.url}", hint))
        elif verdict.state == "dead":
            found.append(note(shown, source.line, f"url: still dead ({verdict.detail}); "
                              "url_status: dead is right"))
        elif verdict.state == "unchecked":
            found.append(warning(shown, source.line, f"url: could not be checked "
                                 f"({verdict.detail}): {source.url}",
                                 "it may be a passing failure; try again later"))
        elif source.url_status == "dead":
            found.append(note(shown, source.status_line, f"url_status: dead, but {source.url} "
                              f"answers ({verdict.detail})", "check it is still the page "
                              "cited (not someone else's now: usurped), then set url_status: "
                              "live"))
        elif verdict.detail.startswith("moved permanently"):
            found.append(note(shown, source.line, f"url: {verdict.detail}",
                              "cite the new address if it is the same page"))
    return found


def write_dead(verdicts: list[Verdict]) -> tuple[list[Path], list[Diagnostic]]:
    """``url_status: dead`` into each dead source that has an archived copy."""
    written: list[Path] = []
    problems: list[Diagnostic] = []
    for verdict in verdicts:
        source = verdict.source
        if verdict.state != "dead" or source.url_status == "dead":
            continue
        shown = display_path(source.path)
        if not source.archived_url:
            problems.append(error(shown, source.line, "url_status: not written: a dead url "
                                  "needs an archived_url first",
                                  "add archived_url: with a snapshot of the page"))
            continue
        raw = source.path.read_bytes()
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        text = source_edit.set_keys(raw.decode("utf-8-sig"), {"url_status": "dead"})
        write_atomic(source.path, bom + text, force=True)
        written.append(source.path)
    return written, problems
