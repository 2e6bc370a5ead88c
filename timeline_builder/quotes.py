"""Checking that a quote really appears in its source's archived text.

Quotes are compared after normalising what differs between outlets and keyboards but not
between words: Unicode forms, curly vs straight quotes, dashes, ellipses, whitespace,
case, and the terminal punctuation a sentence gains or loses when it is quoted. An
ellipsis in the quote stands for omitted words, so each part must appear, in order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

_QUOTE_MARKS = dict.fromkeys(map(ord, "\"'`´‘’‚‛“”„‟«»‹›「」『』"), None)
_DASHES = {ord(c): "-" for c in "‐‑‒–—―−"}
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]|\.\s*\.\s*\.|…")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .,;:!?-"
# How far apart two parts of an elided quote may be in the source (characters).
MAX_ELISION_GAP = 2000
# How much of an unverified quote is aligned with the source to show the closest passage.
MAX_ALIGNED = 300
# How many places an elided quote's first part is tried at.
MAX_STARTS = 200


def normalise(text: str) -> str:
    """Text as compared: ``“Quite well,” he said…`` → ``quite well, he said…``."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).translate(_DASHES)
    text = _ELLIPSIS.sub("…", text)
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Verdict:
    found: bool
    closest: str = ""
    score: float = 0.0


def verify(quote: str, archived_text: str) -> Verdict:
    """Is ``quote`` in ``archived_text``? If not, the closest passage and its similarity."""
    haystack = _normalised_body(archived_text)
    parts = [part.strip(_EDGE_PUNCTUATION) for part in normalise(quote).split("…")]
    parts = [part for part in parts if part]
    if not parts:
        return Verdict(False)
    if _find_in_order(parts, haystack):
        return Verdict(True)
    # The alignment is quadratic: a prefix finds where the quote starts to go wrong.
    needle = " … ".join(parts)[:MAX_ALIGNED]
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if not alignment:
        return Verdict(False)
    return Verdict(False, _whole_words(haystack, alignment.dest_start, alignment.dest_end),
                   alignment.score)


def _whole_words(text: str, start: int, end: int) -> str:
    """Widen a match to word boundaries so the passage shown reads as the source does."""
    start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    return text[start:len(text) if stop == -1 else stop]


@lru_cache(maxsize=256)
def _normalised_body(text: str) -> str:
    # Sources are quoted many times; normalise each body once.
    return normalise(text)


def _find_in_order(parts: list[str], haystack: str) -> bool:
    position = haystack.find(parts[0])
    # Bounded: a first part that occurs everywhere ("the") must not make this quadratic.
    for _ in range(MAX_STARTS):
        if position == -1:
            return False
        if _rest_follows(parts[1:], haystack, position + len(parts[0])):
            return True
        position = haystack.find(parts[0], position + 1)
    return False


def _rest_follows(parts: list[str], haystack: str, start: int) -> bool:
    for part in parts:
        found = haystack.find(part, start, start + MAX_ELISION_GAP + len(part))
        if found == -1:
            return False
        start = found + len(part)
    return True
