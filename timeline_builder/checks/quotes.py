"""Checking that a quote really appears in its source's archived text.

The archived text is compared as a reader sees it: the source's markdown is rendered with
the site's own sanitised renderer and reduced to plain text, so ``*emphasis*``, links and
entities in the archive do not block a match. Both sides are then normalised for what
differs between outlets and keyboards but not between words: Unicode forms, curly vs
straight quotes, dashes and the spacing around them, whitespace, case, and the terminal
punctuation a sentence gains or loses when it is quoted.

A quote matches on whole words only: "ny concession" is not in "any concession". An
elision (``…``, ``...``, ``[…]``, ``[...]``, ``(…)``) stands for omitted words: every part
around it must appear, in order, each on whole words, each starting at most
``MAX_ELISION_GAP`` characters after the previous part ends. An elision never stands for
part of a word ("econ… sanctions" does not verify). The text as written is searched too, so
rendering never blocks a match (an archive with literal ``<tags>`` in its words).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from timeline_builder.markup.text import body_text

_QUOTE_MARKS = dict.fromkeys(map(ord, "\"'`´‘’‚‛“”„‟«»‹›「」『』"), None)
_DASHES = {ord(c): "-" for c in "‐‑‒–—―−"}
_ELLIPSIS = re.compile(r"[\[(]\s*(?:…|\.\s*\.\s*\.)\s*[\])]|\.\s*\.\s*\.|…")
_SPACE = re.compile(r"\s+")
_DASH_RUN = re.compile(r"\s*-+\s*")  # "a — b", "a—b", "a -- b" and "a - b" are one spelling
_EDGE_PUNCTUATION = " .,;:!?-"
# How far apart two parts of an elided quote may be in the source (characters).
MAX_ELISION_GAP = 2000
# How much of an unverified quote is aligned with the source to show the closest passage.
MAX_ALIGNED = 300
# How many places a quote's first part is tried at (a part such as "the" is everywhere).
MAX_STARTS = 200
# The closest passage is looked for in this much of the source around the quote's rarest
# word: aligning with a whole 1 MB archive costs a second per quote.
ALIGN_WINDOW = 4_000


def normalise(text: str) -> str:
    """Text as compared: ``“Quite well,” he said…`` → ``quite well, he said…``."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).translate(_DASHES)
    text = _ELLIPSIS.sub("…", text)
    text = _DASH_RUN.sub("-", text)
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Verdict:
    found: bool
    closest: str = ""
    score: float = 0.0


def verify(quote: str, archived_markdown: str) -> Verdict:
    """Is ``quote`` in the source's text? If not, the closest passage and its similarity."""
    haystack = _normalised_body(archived_markdown)
    parts = [part.strip(_EDGE_PUNCTUATION) for part in normalise(quote).split("…")]
    parts = [part for part in parts if part]
    if not parts:
        return Verdict(False)
    if _find_in_order(parts, haystack):
        return Verdict(True)
    # Rendering must never block a match: an archive that carries markup as words (an
    # article about "<script>" tags) is also searched as written.
    if _find_in_order(parts, _normalised_source(archived_markdown)):
        return Verdict(True)
    needle = " … ".join(parts)[:MAX_ALIGNED]
    start, stop = _window(needle, haystack)
    alignment = fuzz.partial_ratio_alignment(needle, haystack[start:stop])
    if not alignment:
        return Verdict(False)
    return Verdict(False, _whole_words(haystack, start + alignment.dest_start,
                                       start + alignment.dest_end), alignment.score)


def _window(needle: str, haystack: str) -> tuple[int, int]:
    """Where to align: around the first place the quote's longest word occurs.

    ``partial_ratio_alignment`` is quadratic-ish in the two lengths; a bounded window keeps
    a thousand unverifiable quotes against a 900 KB source to seconds.
    """
    if len(haystack) <= ALIGN_WINDOW:
        return 0, len(haystack)
    first = _first_positions(haystack)
    words = sorted(set(re.findall(r"\w+", needle)), key=len, reverse=True)
    at = next((first[word] for word in words if word in first), 0)
    start = max(at - ALIGN_WINDOW // 2, 0)
    return start, min(start + ALIGN_WINDOW, len(haystack))


@lru_cache(maxsize=64)
def _first_positions(haystack: str) -> dict[str, int]:
    """Where each word of a source first occurs: found once per source, not per quote."""
    first: dict[str, int] = {}
    for match in re.finditer(r"\w+", haystack):
        first.setdefault(match[0], match.start())
    return first


def _whole_words(text: str, start: int, end: int) -> str:
    """Widen a match to word boundaries so the passage shown reads as the source does."""
    start = text.rfind(" ", 0, start) + 1
    stop = text.find(" ", end)
    return text[start:len(text) if stop == -1 else stop]


@lru_cache(maxsize=256)
def _normalised_body(markdown: str) -> str:
    # Sources are quoted many times; render and normalise each body once.
    return normalise(body_text(markdown))


@lru_cache(maxsize=256)
def _normalised_source(markdown: str) -> str:
    return normalise(markdown)


_WORD = r"[\w\p{M}]"  # letters, digits, _ and combining marks (a vowel sign is in its word)


@lru_cache(maxsize=4096)
def _whole_word_pattern(part: str) -> regex.Pattern[str]:
    """``part`` not touching a word character on a side where it starts or ends with one."""
    left = f"(?<!{_WORD})" if regex.match(_WORD, part[0]) else ""
    right = f"(?!{_WORD})" if regex.match(_WORD, part[-1]) else ""
    return regex.compile(left + regex.escape(part) + right)


def _find_word(haystack: str, part: str, start: int, stop: int | None = None) -> int:
    """The first place ``part`` occurs on word boundaries in ``haystack[start:stop]``."""
    if stop is None or stop >= len(haystack):
        found = _whole_word_pattern(part).search(haystack, start)
    else:  # one more character, so the boundary after a part ending at ``stop`` is seen
        found = _whole_word_pattern(part).search(haystack, start, stop + 1)
        if found is not None and found.end() > stop:
            return -1
    return -1 if found is None else found.start()


def _find_in_order(parts: list[str], haystack: str) -> bool:
    position = _find_word(haystack, parts[0], 0)
    # Bounded: a first part that occurs everywhere ("the") must not make this quadratic.
    for _ in range(MAX_STARTS):
        if position == -1:
            return False
        if _rest_follows(parts[1:], haystack, position + len(parts[0])):
            return True
        position = _find_word(haystack, parts[0], position + 1)
    return False


def _rest_follows(parts: list[str], haystack: str, start: int) -> bool:
    for part in parts:
        found = _find_word(haystack, part, start, start + MAX_ELISION_GAP + len(part))
        if found == -1:
            return False
        start = found + len(part)
    return True
