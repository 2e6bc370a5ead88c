"""A build's writes into its site folder: only files whose bytes changed are written.

MkDocs cleans the site folder and writes all of it again on every build: at 1,000 events in
three editions that is 10,000 files and as many folders, a fifth of a rebuild under
``mkdocs serve`` after one edit (issue 23.3), and of a warm ``mkdocs build``. The MkDocs
door routes the builder's writes and copies through :class:`SiteWrites` and skips the clean:

- before the build, the folder's files are listed with their inode, size and date (the
  names the clean would have removed: not the hidden ones at its top);
- a write whose bytes the file already holds is skipped: known from the digest of this
  process's last write while the file is as it left it (a serve loop), else compared;
- after the build, the listed files nothing wrote, copied or left as they were, and that
  nobody changed during the build, are removed, with the folders this leaves empty. So the
  folder ends as the clean left it, and a file written by other means (a plugin's own
  writes, MkDocs' sitemap.xml.gz) is never removed: it has a new date.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Callable

from timeline_builder.core.atomic import holds

Write = Callable[[bytes, str], None]
Copy = Callable[[str, str], None]
Stamp = tuple[int, int, int]  # inode, size, modification time in ns


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def _listing(root: str) -> dict[str, Stamp]:
    """Every file under ``root`` but its hidden top-level entries (the clean keeps them)."""
    found: dict[str, Stamp] = {}
    for top, dirs, files in os.walk(root):
        if top == root:
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            files = [name for name in files if not name.startswith(".")]
        for name in files:
            path = os.path.join(top, name)
            if (stamp := _stamp(path)) is not None:
                found[path] = stamp
    return found


class SiteWrites:
    """One builder process's files in its site folder, build after build."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[bytes, Stamp]] = {}  # what this process last put there
        self.root = ""
        self.before: dict[str, Stamp] = {}
        self.touched: set[str] = set()
        self.written = self.skipped = 0

    def begin(self, root: str) -> None:
        """A build into ``root`` starts: list what is there (instead of cleaning it)."""
        self.root = os.path.abspath(root)
        self.before = _listing(self.root) if os.path.isdir(self.root) else {}
        self.touched, self.written, self.skipped = set(), 0, 0

    def write(self, data: bytes, path: str, write: Write) -> None:
        """``write(data, path)`` unless the file at ``path`` already holds ``data``."""
        self._put(os.path.abspath(path), hashlib.blake2b(data, digest_size=16).digest(),
                  lambda at: holds(at, data), lambda at: write(data, at))

    def copy(self, source: str, path: str, copy: Copy) -> None:
        """``copy(source, path)`` unless the file at ``path`` is already a copy of it."""
        if os.path.isdir(path):  # MkDocs' copy_file copies into a folder by the file's name
            path = os.path.join(path, os.path.basename(source))
        status = os.stat(source)
        key = hashlib.blake2b(f"{os.path.abspath(source)}\0{status.st_size}\0"
                              f"{status.st_mtime_ns}".encode(), digest_size=16).digest()

        def is_copy(at: str) -> bool:
            with open(source, "rb") as handle:
                return holds(at, handle.read())

        self._put(os.path.abspath(path), key, is_copy, lambda at: copy(source, at))

    def _put(self, path: str, key: bytes, already: Callable[[str], bool],
             put: Callable[[str], None]) -> None:
        self.touched.add(path)
        stamp = _stamp(path)
        known = self.known.get(path)
        if stamp is not None and (known[0] == key if known is not None and known[1] == stamp
                                  else already(path)):  # as this process left it, or compared
            self.known[path] = (key, stamp)
            self.skipped += 1
            return
        if stamp is not None:  # a new file, as after the clean: a hard link to the old
            _remove(path)      # one (a backup) or a symbolic one is never written through
        try:
            put(path)
        except OSError:  # a folder of an older build is a file now, or the other way
            if not _clear_way(path, self.root):
                raise
            put(path)
        self.written += 1
        if (stamp := _stamp(path)) is not None:
            self.known[path] = (key, stamp)

    def finish(self) -> list[str]:
        """After a build: remove the files listed before it that it did not touch and
        nobody changed since (what the clean would have removed), and the folders this
        leaves empty; the paths removed."""
        removed = []
        for path, stamp in self.before.items():
            if path not in self.touched and _stamp(path) == stamp:
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed.append(path)
                    self.known.pop(path, None)
                    _remove_empty_parents(os.path.dirname(path), self.root)
        self.before, self.touched = {}, set()
        return removed

    def abandon(self) -> None:
        """After a failed build: nothing is removed (the next build lists the folder anew)."""
        self.before, self.touched = {}, set()


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _clear_way(path: str, root: str) -> bool:
    """Remove what an older build left where this one writes ``path``: a file (or link)
    where a folder on its way must be; whether there was any."""
    cleared = False
    folder = os.path.dirname(path)
    while folder.startswith(root + os.sep):
        if os.path.lexists(folder) and (os.path.islink(folder) or not os.path.isdir(folder)):
            os.unlink(folder)
            cleared = True
        folder = os.path.dirname(folder)
    return cleared


def _remove_empty_parents(folder: str, root: str) -> None:
    """A deleted event's ``events/<id>/`` goes with its page (the clean removed it too);
    ``root`` itself and what is outside it stay."""
    with contextlib.suppress(OSError):
        while folder.startswith(root + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
