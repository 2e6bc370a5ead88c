"""A serve loop's writes into its site folder: only files whose bytes changed are written.

Under ``mkdocs serve`` every rebuild cleaned the site folder and wrote all of it again: at
1,000 events in three editions that is 10,000 files, a fifth of a rebuild after one edit
(issue 23.3). The MkDocs door routes the builder's writes and copies through
:class:`SiteWrites` instead, which remembers what it wrote last time (a digest of the bytes,
or the source file's size and date for a copy) and the file it left (inode, size, date).
A write whose bytes are those of the file it left is skipped; after the build, the files it
wrote last time and not this time are removed, which is what the clean was for. A file
someone else changed since (its inode, size or date differ) is always written again, and
never removed: only files exactly as this loop left them are skipped or deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

Write = Callable[[bytes, str], None]
Copy = Callable[[str, str], None]


@dataclass(frozen=True)
class _Left:
    """What a write put at a path, and the file it left there."""

    key: bytes | tuple[str, int, int]
    stamp: tuple[int, int, int]


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


class SiteWrites:
    """The files one serve loop wrote into its site folder, build after build."""

    def __init__(self) -> None:
        self.last: dict[str, _Left] = {}
        self.now: dict[str, _Left] = {}
        self.written = self.skipped = 0

    def begin(self) -> None:
        """A build starts: its counts start from nothing."""
        self.now, self.written, self.skipped = {}, 0, 0

    def write(self, data: bytes, path: str, write: Write) -> None:
        """``write(data, path)`` unless ``path`` holds these bytes as this loop left it."""
        self._put(path, hashlib.blake2b(data, digest_size=16).digest(),
                  lambda: write(data, path))

    def copy(self, source: str, path: str, copy: Copy) -> None:
        """``copy(source, path)`` unless ``path`` is this loop's copy of ``source`` as it is."""
        if os.path.isdir(path):  # MkDocs' copy_file copies into a folder by the file's name
            path = os.path.join(path, os.path.basename(source))
        status = os.stat(source)
        self._put(path, (os.path.abspath(source), status.st_size, status.st_mtime_ns),
                  lambda: copy(source, path))

    def _put(self, path: str, key: bytes | tuple[str, int, int], put: Callable[[], None]
             ) -> None:
        path = os.path.abspath(path)
        left = self.now.get(path) or self.last.get(path)  # a later write may overwrite one
        if left is not None and left.key == key and _stamp(path) == left.stamp:
            self.now[path] = left
            self.skipped += 1
            return
        put()
        stamp = _stamp(path)
        if stamp is not None:
            self.now[path] = _Left(key, stamp)
        self.written += 1

    def finish(self, root: str) -> list[str]:
        """After a build into ``root``: remove what the last build wrote and this one did
        not (as the clean did), if nobody changed it since, and the folders it leaves
        empty inside ``root``; the paths removed."""
        root = os.path.abspath(root)
        removed = []
        for path, left in self.last.items():
            if path not in self.now and _stamp(path) == left.stamp:
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed.append(path)
                    _remove_empty_parents(os.path.dirname(path), root)
        self.last, self.now = self.now, {}
        return removed

    def abandon(self) -> None:
        """After a failed build: nothing is removed, and what it wrote is remembered."""
        self.last, self.now = {**self.last, **self.now}, {}


def _remove_empty_parents(folder: str, root: str) -> None:
    """A deleted event's ``events/<id>/`` goes with its page (the clean removed it too);
    ``root`` itself and what is outside it stay."""
    with contextlib.suppress(OSError):
        while folder.startswith(root + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
