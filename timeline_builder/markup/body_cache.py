"""Rendered markdown bodies by content hash, kept between builds.

Rendering a body (python-markdown, then the sanitiser) is the biggest per-event cost of a
build, and between two builds almost every body is unchanged: under ``mkdocs serve`` one
edited event should not re-render the other 999. The key is a hash of everything the HTML
depends on: the body, its owner id (which prefixes its ids), the embed hosts, and the code
that renders it (every module of this package and the versions of python-markdown and nh3),
so any change to the renderer invalidates the whole cache. Entries not used by a build are
dropped when it saves, so the file never outgrows the content. Like Material's plugins, it
lives in ``.cache/`` next to mkdocs.yml; deleting it is always safe.

The HTML in the cache is put in pages as it is, so a cache file is trusted only if this
machine wrote it: its first line is an HMAC of the rest under a key kept outside the
project (:mod:`timeline_builder.markup.cache_key`). A ``.cache/`` committed to the
repository (``git add -f``) by a hostile pull request, or copied from elsewhere, fails the
check and is ignored: its bodies are rendered and sanitised again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from timeline_builder.core.atomic import write_atomic
from timeline_builder.markup.cache_key import mac, machine_key
from timeline_builder.markup.sanitize import markdown_to_html

FILE_NAME = "bodies.json"
RenderBody = Callable[[str, tuple[str, ...], str], str]  # (markdown, embed hosts, owner)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of this package's code and of the renderers it calls."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    for package in ("markdown", "nh3"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


class BodyCache:
    """``render(text, hosts, owner)`` memoised in memory and, with a ``folder``, on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.key = machine_key() if folder else None
        self.path = folder / FILE_NAME if folder and self.key else None
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if self.path and self.key and self.path.is_file():
            self.stored = _read(self.path, self.key)

    def render(self, text: str, hosts: tuple[str, ...], owner: str) -> str:
        """:func:`~timeline_builder.markup.sanitize.markdown_to_html`, through the cache: what the
        summaries and the pages of a build call."""
        return self.get(text, hosts, owner, markdown_to_html)

    def get(self, text: str, hosts: tuple[str, ...], owner: str, render: RenderBody) -> str:
        key = hashlib.sha256("\0".join((owner, *hosts, "", text)).encode()).hexdigest()
        html = self.used.get(key)
        if html is None:
            html = self.stored.get(key)
            if not isinstance(html, str):
                html = render(text, hosts, owner)
            self.used[key] = html
        return html

    def save(self) -> None:
        """Keep what this build used, if it differs from what was stored."""
        if not self.path or self.used == self.stored:
            return
        data = {"version": code_version(), "bodies": dict(sorted(self.used.items()))}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert self.key is not None  # a path is set only with a key
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, f"{mac(self.key, payload.encode())}\n{payload}",
                         force=True)
        except OSError:
            pass  # a read-only checkout builds as well, only without the cache
        self.stored = self.used


def _read(path: Path, key: bytes) -> dict[str, str]:
    """The bodies of a cache file this machine signed for this code; else none."""
    try:
        signature, _, payload = path.read_bytes().partition(b"\n")
        if not hmac.compare_digest(signature, mac(key, payload).encode()):
            return {}  # not written here (committed, copied, edited): not trusted
        data = json.loads(payload.decode("utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged cache is no cache
    if isinstance(data, dict) and data.get("version") == code_version() \
            and isinstance(data.get("bodies"), dict):
        return data["bodies"]
    return {}
