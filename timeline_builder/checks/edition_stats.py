"""Per-edition translation figures for ``timeline check --stats``: translated, stale, missing.

Every event, actor and page (the home page, explainers, about pages) counts in every
edition: one without a translation is shown there in its original language (``missing``),
one whose original changed since is ``stale``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline_builder.core.model import Timeline
from timeline_builder.reading.translations import Translations

KINDS = ("event", "actor", "page")


@dataclass(frozen=True)
class EditionFigures:
    language: str
    counts: tuple[tuple[str, int, int, int], ...]
    """(kind, translated and current, stale, missing) for events, actors and pages."""

    def record(self) -> dict[str, dict[str, int]]:
        return {f"{kind}s": {"translated": fresh, "stale": stale, "missing": missing}
                for kind, fresh, stale, missing in self.counts}


def edition_figures(timeline: Timeline, translations: Translations,
                    languages: Sequence[str], pages: Sequence[str] = ()
                    ) -> list[EditionFigures]:
    """One entry per edition but the default (whose text is the originals'); ``pages``:
    the published markdown pages, by their path under the content folder."""
    ids = {"event": [e.id for e in timeline.events], "actor": [a.id for a in timeline.actors],
           "page": list(pages)}
    figures: list[EditionFigures] = []
    for language in languages[1:]:
        counts = []
        for kind in KINDS:
            found = [translations.get(kind, identifier, language) for identifier in ids[kind]]
            stale = sum(1 for t in found if t is not None and t.stale)
            missing = sum(1 for t in found if t is None)
            counts.append((kind, len(found) - stale - missing, stale, missing))
        figures.append(EditionFigures(language, tuple(counts)))
    return figures


def format_text(figures: Sequence[EditionFigures]) -> str:
    if not figures:
        return ""
    lines = ["", "Editions            translated   stale  missing"]
    for edition in figures:
        for kind, fresh, stale, missing in edition.counts:
            lines.append(f"  {edition.language} {kind + 's':<14}{fresh:>10}{stale:>8}"
                         f"{missing:>9}")
    return "\n".join(lines) + "\n"
