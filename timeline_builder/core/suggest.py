"""Did-you-mean hints: the nearest known word for a typo in a key, an id or an option."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'actors'?)`` or nothing: the hint for typos in keys and ids."""
    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{match[0]}'?)" if match else ""
