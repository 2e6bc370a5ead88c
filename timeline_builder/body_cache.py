"""Rendered markdown bodies by content hash, kept between builds.

Rendering a body (python-markdown, then the sanitiser) is the biggest per-event cost of a
build, and between two builds almost every body is unchanged: under ``mkdocs serve`` one
edited event should not re-render the other 999. The key is a hash of everything the HTML
depends on: the body, its owner id (which prefixes its ids), the embed hosts, and the code
that renders it (every module of this package and the versions of python-markdown and nh3),
so any change to the renderer invalidates the whole cache. Entries not used by a build are
dropped when it saves, so the file never outgrows the content. Like Material's plugins, it
lives in ``.cache/`` next to mkdocs.yml; deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from timeline_builder.atomic import write_atomic

FILE_NAME = "bodies.json"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of this package's code and of the renderers it calls."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    for package in ("markdown", "nh3"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


class BodyCache:
    """``render(text, hosts, owner)`` memoised in memory and, with a ``folder``, on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = folder / FILE_NAME if folder else None
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if self.path and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None  # a damaged cache is no cache
            if isinstance(data, dict) and data.get("version") == code_version() \
                    and isinstance(data.get("bodies"), dict):
                self.stored = data["bodies"]

    def get(self, text: str, hosts: tuple[str, ...], owner: str,
            render: Callable[[str, tuple[str, ...], str], str]) -> str:
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(data, ensure_ascii=False,
                                               separators=(",", ":")), force=True)
        except OSError:
            pass  # a read-only checkout builds as well, only without the cache
        self.stored = self.used
