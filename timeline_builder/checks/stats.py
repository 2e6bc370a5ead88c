"""Sourcing figures: how well the timeline's claims rest on its sources.

One computation for every door: ``timeline check --stats`` prints it (text or JSON) and
the ``sourcing/`` page shows it, so the two can never disagree.

Definitions (also on the sourcing page):
- an event *rests on a single source* when all its sources come down to one original:
  a copy, translation or relay (``derived_from``) counts as its original, not as a second
  source;
- a quote *has variants* when it belongs to a declared variant group (``variant_of``);
- a derived source *whose original is not cited* is cited by some event while the root of
  its lineage is cited by none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from timeline_builder.checks import variants
from timeline_builder.core.model import Timeline


@dataclass(frozen=True)
class SourcingStats:
    events: int
    sources: int
    undated_sources: int  # published: n.d. (or none): fine, but worth knowing
    events_per_source: tuple[tuple[str, int], ...]  # most cited first, then by id
    single_source_events: tuple[str, ...]
    quotes: int
    verified: int
    unverified: int
    with_variants: int
    unattributed: int
    uncited_originals: tuple[tuple[str, str], ...]  # (derived source, its original)
    disputes: int
    corrections: int

    def record(self) -> dict[str, Any]:
        """The figures as JSON-ready data (``check --stats --format json``)."""
        return {
            "events": self.events,
            "sources": self.sources,
            "undated_sources": self.undated_sources,
            "events_per_source": dict(self.events_per_source),
            "single_source_events": {"count": len(self.single_source_events),
                                     "events": list(self.single_source_events)},
            "quotes": {"total": self.quotes, "verified": self.verified,
                       "unverified": self.unverified, "with_variants": self.with_variants,
                       "unattributed": self.unattributed},
            "derived_sources_original_not_cited": {
                "count": len(self.uncited_originals),
                "sources": [{"source": derived, "original": original}
                            for derived, original in self.uncited_originals]},
            "disputes": self.disputes,
            "corrections": self.corrections,
        }

    def rows(self) -> list[tuple[str, int]]:
        """(label, figure) in the order the text table and the page show them."""
        return [
            ("events", self.events),
            ("sources", self.sources),
            ("  undated (published: n.d.)", self.undated_sources),
            ("events resting on a single source", len(self.single_source_events)),
            ("quotes", self.quotes),
            ("  verified against an archived text", self.verified),
            ("  not verified", self.unverified),
            ("  with variants", self.with_variants),
            ("  unattributed", self.unattributed),
            ("derived sources whose original is not cited", len(self.uncited_originals)),
            ("disputes", self.disputes),
            ("corrections", self.corrections),
        ]


def sourcing_stats(timeline: Timeline) -> SourcingStats:
    cited = {source.id: 0 for source in timeline.sources}
    for event in timeline.events:
        for source_id in event.sources:
            cited[source_id] = cited.get(source_id, 0) + 1
    quotes = [quote for event in timeline.events for quote in event.quotes]
    in_groups = sum(len(group) for event in timeline.events
                    for group in variants.groups(event.quotes))
    single = tuple(event.id for event in timeline.events
                   if len({timeline.original(s) for s in event.sources}) == 1)
    uncited = tuple(
        (source.id, original) for source in timeline.sources
        if source.derived_from and cited.get(source.id)
        and not cited.get(original := timeline.original(source.id))
    )
    return SourcingStats(
        events=len(timeline.events),
        sources=len(timeline.sources),
        undated_sources=sum(source.published is None for source in timeline.sources),
        events_per_source=tuple(sorted(cited.items(), key=lambda item: (-item[1], item[0]))),
        single_source_events=single,
        quotes=len(quotes),
        verified=sum(quote.verified for quote in quotes),
        unverified=sum(not quote.verified for quote in quotes),
        with_variants=in_groups,
        unattributed=sum(quote.attribution == "unattributed" for quote in quotes),
        uncited_originals=uncited,
        disputes=sum(len(event.disputes) for event in timeline.events),
        corrections=sum(len(event.corrections) for event in timeline.events),
    )


def format_text(stats: SourcingStats) -> str:
    """A plain table, aligned, one figure a line; the lists named follow their figure."""
    width = max(len(label) for label, _ in stats.rows()) + 2
    lines = ["Sourcing figures"]
    for label, figure in stats.rows():
        lines.append(f"  {label.ljust(width)}{figure:>6}")
        if label.startswith("events resting") and stats.single_source_events:
            lines += [f"      - {event_id}" for event_id in stats.single_source_events]
        if label.startswith("derived sources") and stats.uncited_originals:
            lines += [f"      - {derived} (original: {original})"
                      for derived, original in stats.uncited_originals]
    lines += ["", "Events per source"]
    source_width = max((len(name) for name, _ in stats.events_per_source), default=0) + 2
    lines += [f"  {name.ljust(max(source_width, width))}{count:>6}"
              for name, count in stats.events_per_source]
    return "\n".join(lines) + "\n"


def format_json(stats: SourcingStats) -> str:
    return json.dumps(stats.record(), ensure_ascii=False, indent=2) + "\n"
