"""Writing files so that a reader never sees half of one.

Every file the tools write (exports, imported events, scaffolds) goes through a temporary
file in the target's own directory, fsynced, then moved into place in one step. An
interrupted run (an error, a full disk, Ctrl-C) leaves the old file or none, never a
truncated one, and never a stray temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, force: bool = False,
                 durable: bool = True) -> None:
    """Write ``data`` to ``path`` in one step; an existing file is replaced only with force.

    Without ``force`` this is :func:`create_exclusive`, so even a file created by someone
    else between our check and our write is never overwritten. ``durable=False`` skips the
    fsyncs, for cache files a reader checks anyway and can make again (a share card per
    event: 10,000 fsyncs were a fifth of a cold build).
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device or a pipe (/dev/stdout, /dev/full, a FIFO): there is nothing to replace
        # atomically, and renaming over it would replace the device itself.
        _write_stream(path, data)
        return
    if not force:
        create_exclusive(path, data)
        return
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    temporary = _write_temporary(path, data, mode, durable=durable)
    try:
        os.replace(temporary, path)
    except BaseException:
        _discard(temporary)
        raise
    if durable:
        _sync_directory(path.parent)


def _write_stream(path: Path, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with path.open("wb") as handle:  # a full disk raises here (ENOSPC), not later
        handle.write(payload)
        handle.flush()


def create_exclusive(path: Path, data: str | bytes) -> None:
    """Create ``path`` with ``data``; raise FileExistsError if it exists, never overwrite.

    ``os.link`` fails when the target exists (like ``O_EXCL``) and, unlike ``O_EXCL``,
    makes the complete file appear at once.
    """
    temporary = _write_temporary(path, data, _default_mode())
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; pass --force to overwrite it") from None
    finally:
        _discard(temporary)
    _sync_directory(path.parent)


def _write_temporary(path: Path, data: str | bytes, mode: int, *, durable: bool = True
                     ) -> Path:
    """A fully written (and, if ``durable``, fsynced) sibling of ``path``; removed again if
    anything fails."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); the result should look like any other file.
        os.chmod(temporary, mode)
    except BaseException:
        _discard(temporary)
        raise
    return temporary


def _default_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 minus the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _discard(temporary: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()


def _sync_directory(directory: Path) -> None:
    """Persist the rename itself; directories cannot be opened for this on Windows."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def holds(path: Path | str, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``data``: a write of
    ``data`` there can be skipped. Reads at most one byte more than ``data``."""
    path = Path(path)
    try:
        if not path.is_file() or path.is_symlink():
            return False
        with path.open("rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False
