"""Rendered markdown bodies by content hash, kept between builds.

Rendering a body (python-markdown, then the sanitiser) is the biggest per-event cost of a
build, and between two builds almost every body is unchanged: under ``mkdocs serve`` one
edited event should not re-render the other 999. The key is a hash of everything the HTML
depends on: the body, its owner id (which prefixes its ids), the embed hosts, and the code
that renders it (every module of this package and the versions of python-markdown and nh3),
so any change to the renderer invalidates the whole cache. Entries not used by a build are
dropped when it saves, so the file never outgrows the content. It lives in the project's
cache folder outside the project (:mod:`timeline_builder.core.cache_home`): the HTML in it
is put in pages as it is, so it must never be somewhere a pull request can write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.cache_home import project_cache
from timeline_builder.core.code_version import code_version
from timeline_builder.markup.sanitize import markdown_to_html

FILE_NAME = "bodies.json"
RenderBody = Callable[[str, tuple[str, ...], str], str]  # (markdown, embed hosts, owner)


def cache_folder(content_dir: Path) -> Path:
    """Where a project's rendered bodies are kept between builds and exports: its cache
    folder, outside the project (:mod:`timeline_builder.core.cache_home`)."""
    return project_cache(content_dir.parent, "bodies")


class BodyCache:
    """``render(text, hosts, owner)`` memoised in memory and, with a ``folder``, on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = folder / FILE_NAME if folder else None
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if self.path and self.path.is_file():
            self.stored = _read(self.path)

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

    def save(self, *, keep_unused: bool = False) -> None:
        """Keep what this build used, if it differs from what was stored; ``keep_unused``:
        and what it did not use (``timeline export`` renders no actor page or translation,
        whose bodies the next site build would otherwise render again)."""
        kept = {**self.stored, **self.used} if keep_unused else self.used
        if not self.path or kept == self.stored:
            return
        data = {"version": code_version(), "bodies": dict(sorted(kept.items()))}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # No fsync: a file cut short by a crash is no JSON, and no cache (_read).
            write_atomic(self.path, payload, force=True, durable=False)
        except OSError:
            pass  # a read-only checkout builds as well, only without the cache
        self.stored = kept


def _read(path: Path) -> dict[str, str]:
    """The bodies of a cache file written for this code; else none."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged cache is no cache
    if isinstance(data, dict) and data.get("version") == code_version() \
            and isinstance(data.get("bodies"), dict):
        return data["bodies"]
    return {}
