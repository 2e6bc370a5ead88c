"""This machine's secret for the build caches in ``.cache/``.

What the caches hold is published as it is (rendered HTML, resized pictures), and
``.cache/`` sits in the project, where a pull request can add files (``git add -f``
passes .gitignore). So a cache entry is trusted only if this machine made it: the body
cache is signed with this key, and a picture's cached copy is named by it, so no one
without the key can plant a file the build would pick up. The key lives outside the
project, in ``$XDG_CACHE_HOME/timeline-builder/`` (``~/.cache``), a 0700 folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from timeline_builder.core.atomic import create_exclusive


def machine_key() -> bytes | None:
    """The key, made on first use; None when there is no usable one (caches then run
    without their files)."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "timeline-builder"
    path = folder / "cache.key"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another build made it first
            create_exclusive(path, secrets.token_hex(32))  # whole or not at all
        key = path.read_bytes().strip()
    except OSError:
        return None
    return key if len(key) == 64 else None


@lru_cache(maxsize=1)
def process_key() -> bytes:
    """A key for this process alone, when the machine has none: nothing is reused."""
    return secrets.token_hex(32).encode()


def mac(key: bytes, payload: bytes) -> str:
    """HMAC-SHA256 of ``payload`` under ``key``, as hex."""
    return hmac.new(key, payload, hashlib.sha256).hexdigest()
