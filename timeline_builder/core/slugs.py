"""The one slug: readable ``[a-z0-9-]`` names from titles, file stems and site names.

Ids of new events and imported files, picture file names, feed tag URIs and the rename a
bad file name is told to make all come from :func:`slug`, so the same title gives the same
name everywhere. Accents are folded (``café`` → ``cafe``); letters with no ASCII form
(Cyrillic, Greek, CJK) are dropped, and the caller's ``fallback`` stands in when nothing is
left. The result always matches the content id pattern ``[a-z0-9][a-z0-9-]*`` or is the
fallback.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str, *, length: int | None = None) -> str:
    """``Putin & Lukashenko meet in Sochi`` → ``putin-lukashenko-meet-in-sochi``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    found = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if length is not None:
        found = found[:length].rstrip("-")
    return found or fallback


# Cyrillic and Greek letters drawn like Latin ones: an id typed on a Cyrillic keyboard layout
# (`рutin` with a Cyrillic `р`) looks right and is not; the rename we suggest keeps the
# intended word instead of dropping the letter.
_LOOKALIKES = str.maketrans("аеіјосрхуѕԁһӏԛԝαεικνορτυχ", "aeijocpxysdhlqwaeikvoptux")


def lookalike(text: str) -> tuple[str, str] | None:
    """The first letter of ``text`` that is not ASCII, with its Unicode name (or None)."""
    for char in text:
        if not char.isascii():
            return char, unicodedata.name(char, f"U+{ord(char):04X}")
    return None


def latin_twin(text: str) -> str:
    """``text`` with Cyrillic/Greek letters that look Latin replaced by those Latin letters."""
    return text.translate(_LOOKALIKES)


def unique_slugs(names: Iterable[str], fallback: str,
                 reserved: frozenset[str] = frozenset({"index"})) -> dict[str, str]:
    """A distinct slug per name, the same whatever order the names come in: ``Human rights``
    → ``human-rights``. A name that is its own slug (``sanctions``) always keeps it; other
    names that fold to the same slug (``Sanctions``) or to nothing (``санкції``) are told
    apart by a short hash of the name itself, so no two differ only in case (one folder on
    a case-insensitive disk). A ``reserved`` slug (the folder's own ``index``) is hashed."""
    plain: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        plain.setdefault(slug(name, "", length=60), []).append(name)
    found: dict[str, str] = {}
    for base, group in plain.items():
        owner = base if base in group else group[0] if len(group) == 1 else None
        for name in group:
            if name == owner and base and base not in reserved:
                found[name] = base
            else:
                digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
                found[name] = f"{base or fallback}-{digest}"
    return found
