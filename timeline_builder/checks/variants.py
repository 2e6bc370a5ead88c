"""Quote variants: the same words rendered differently by different sources.

Two jobs: grouping the variants a contributor declared (``variant_of``) and marking the
words in which they differ (a word-level diff, difflib), and spotting likely variants
nobody declared (a fuzzy alignment, rapidfuzz) so ``timeline check`` can suggest them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from timeline_builder.checks.quotes import normalise
from timeline_builder.core.model import Quote

# A suggestion needs this much alike (the shorter quote aligned inside the longer, 0-100)
# and is never made for the same words: two sources quoting alike corroborate, they do
# not vary. Measured on the seed story: its real variants (reworded translations) score
# 80-98, while different sentences of one speech score up to 78, the highest being a
# short quote sharing its first words with a long one ("We are not traitors" against
# "We are not aggressors, …"). Short quotes align by chance, so they must score higher.
SUGGEST_SCORE = 78.0
SUGGEST_SCORE_SHORT = 90.0
SHORT_WORDS = 8
# Below this many words an alignment finds "matches" everywhere.
MIN_WORDS = 4
# Suggestions compare every pair of an event's quotes: bound the work on huge inputs.
MAX_COMPARED_QUOTES = 200
MAX_COMPARED_CHARS = 300
_WORD = re.compile(r"\S+")
_EDGE = "\"'“”‘’«»„.,;:!?…()[]-–—"


@dataclass(frozen=True)
class Piece:
    """A run of a quote's text, and whether it differs from the other version(s)."""

    text: str
    differs: bool


def compare_key(word: str) -> str:
    """What two words must share to count as the same: case, quotes, punctuation aside."""
    return normalise(word).strip(_EDGE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def differing_words(text: str, other: str) -> set[int]:
    """Indices of the words of ``text`` that have no counterpart in ``other``."""
    mine, theirs = _words(text), _words(other)
    matcher = difflib.SequenceMatcher(None, [compare_key(w) for w in mine],
                                      [compare_key(w) for w in theirs], autojunk=False)
    same = {index for block in matcher.get_matching_blocks()
            for index in range(block.a, block.a + block.size)}
    return {index for index in range(len(mine)) if index not in same}


def marked(text: str, others: Sequence[str]) -> list[Piece]:
    """``text`` cut into runs, a run ``differs`` where it differs from any of ``others``."""
    words = _words(text)
    differs: set[int] = set()
    for other in others:
        differs |= differing_words(text, other)
    pieces: list[Piece] = []
    for index, word in enumerate(words):
        flag = index in differs
        if pieces and pieces[-1].differs == flag:
            pieces[-1] = Piece(f"{pieces[-1].text} {word}", flag)
        else:
            pieces.append(Piece(word, flag))
    return pieces


def groups(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Declared variant groups (two quotes or more), each led by the quote the others name.

    A chain (c variant_of b, b variant_of a) is one group led by ``a``; validation has
    refused unknown ids and cycles, so following ``variant_of`` always ends.
    """
    by_id = {quote.id: quote for quote in quotes if quote.id}

    def root(quote: Quote) -> Quote:
        seen = {id(quote)}
        while quote.variant_of in by_id and id(by_id[quote.variant_of]) not in seen:
            quote = by_id[quote.variant_of]
            seen.add(id(quote))
        return quote

    members: dict[int, list[Quote]] = {}
    for quote in quotes:
        members.setdefault(id(root(quote)), []).append(quote)
    return [sorted(group, key=lambda q: q is not root(group[0])) for group in members.values()
            if len(group) > 1]


@dataclass(frozen=True)
class Suggestion:
    quote: Quote
    like: Quote
    score: float


def alike(text: str, other: str) -> float:
    """How alike two quotes are (0-100): the shorter aligned inside the longer."""
    short, long = sorted((normalise(text)[:MAX_COMPARED_CHARS * 2],
                          normalise(other)[:MAX_COMPARED_CHARS * 2]), key=len)
    short = short[:MAX_COMPARED_CHARS]
    if len(short.split()) < MIN_WORDS:
        return 0.0
    if short.strip(_EDGE) in long:
        return 100.0
    return float(fuzz.partial_ratio(short, long))


def _threshold(text: str, other: str) -> float:
    words = min(len(text.split()), len(other.split()))
    return SUGGEST_SCORE_SHORT if words < SHORT_WORDS else SUGGEST_SCORE


def suggestions(quotes: Sequence[Quote]) -> list[Suggestion]:
    """Pairs of quotes from different sources that look like one passage but are not
    declared variants of each other (one suggestion per later quote, its best match)."""
    grouped = {id(q): index for index, group in enumerate(groups(quotes)) for q in group}
    found: list[Suggestion] = []
    for position, quote in enumerate(quotes[:MAX_COMPARED_QUOTES]):
        best: Suggestion | None = None
        for earlier in quotes[:position]:
            if earlier.source == quote.source:
                continue
            if id(quote) in grouped and grouped.get(id(earlier)) == grouped[id(quote)]:
                continue
            score = alike(quote.text, earlier.text)
            if not _threshold(quote.text, earlier.text) <= score < 100:
                continue
            if best is None or score > best.score:
                best = Suggestion(quote, earlier, score)
        if best is not None:
            found.append(best)
    return found
