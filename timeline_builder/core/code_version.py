"""A hash of this package's code and of the renderers it calls: every cache that keeps what
the code computed (rendered bodies, parsed content files) is keyed by it, so any change to
the code empties them."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path


@lru_cache(maxsize=1)
def code_version() -> str:
    """The first 16 hex digits of a SHA-256 over every module of this package and the
    versions of python-markdown and nh3."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    for package in ("markdown", "nh3"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]
