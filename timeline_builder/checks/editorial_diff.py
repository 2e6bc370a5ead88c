"""What a change does to the published record: the editorial diff of two timelines.

``timeline diff BASE [HEAD]`` shows an editor not which lines of which files changed but
which events appear, disappear or move in time, which are retitled or rewritten, which
quotes change or stop verifying, which sources come and go, which events are left resting
on one source, and which disputes and corrections are added. Both sides are read by the
ordinary pipeline, so "verified" and "date" mean here exactly what they mean in a build.

The corrections policy (:func:`policy`) is the other half: an event published at BASE
whose title, date, quotes or body change must gain a ``corrections:`` entry, must never
lose its file (``withdrawn:`` takes it off the timeline instead), and keeps its id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from timeline_builder.core.diagnostics import Diagnostic, error, warning
from timeline_builder.core.model import Correction, Event, Quote, Source, Timeline
from timeline_builder.reading.load import load_file
from timeline_builder.reading.translations import Translations

WordOp = tuple[str, str]  # ("=", "same words"), ("-", "removed"), ("+", "added")


@dataclass(frozen=True)
class Change:
    """One editorial change. ``kind`` is stable (JSON readers match on it)."""

    kind: str
    subject: str  # the event or source id
    path: str  # the file, relative to the current directory (the HEAD side's when it has one)
    message: str  # one line a person reads
    before: str = ""
    after: str = ""
    words: tuple[WordOp, ...] = ()  # a word diff, when text was rewritten
    minor: bool = False  # a correction entry marked minor: true

    def record(self) -> dict[str, object]:
        found: dict[str, object] = {"kind": self.kind, "id": self.subject, "path": self.path,
                                    "message": self.message}
        if self.before or self.after:
            found |= {"before": self.before, "after": self.after}
        if self.words:
            found["words"] = [{"op": op, "text": words} for op, words in self.words]
        if self.kind == "correction-added":
            found["minor"] = self.minor
        return found


SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Events", ("event-added", "event-removed", "event-withdrawn", "event-restored",
                "event-renamed", "event-moved", "event-retitled", "event-rewritten",
                "event-invalid")),
    ("Quotes", ("quote-added", "quote-removed", "quote-changed", "quote-verification",
                "quote-attribution")),
    ("Sources", ("source-added", "source-removed", "source-lineage", "source-text",
                 "source-url-status")),
    ("Sourcing", ("single-source",)),
    ("Disputes and corrections", ("dispute-added", "correction-added")),
    ("Translations", ("translation-stale",)),
)


@dataclass(frozen=True)
class Side:
    """One state of the content: its valid timeline and every event file, valid or not."""

    label: str
    timeline: Timeline
    event_files: dict[str, Path]  # event id → its file on disk (BASE's: a temporary copy)
    shown: dict[str, str] = field(default_factory=dict)  # event id → path for messages
    errors: dict[str, list[Diagnostic]] = field(default_factory=dict)  # event id → its errors
    translations: Translations = field(default_factory=Translations)

    def all_events(self) -> dict[str, Event]:
        return {event.id: event for event in (*self.timeline.events, *self.timeline.withdrawn)}


@dataclass(frozen=True)
class Diff:
    base: str
    head: str
    changes: tuple[Change, ...]

    def section(self, kinds: Sequence[str]) -> list[Change]:
        return [change for change in self.changes if change.kind in kinds]


def compare(base: Side, head: Side, renamed_ids: dict[str, str]) -> Diff:
    """Every editorial change from ``base`` to ``head``; ``renamed_ids`` maps an event id
    to its new id where git saw the file renamed."""
    changes: list[Change] = []
    old_events, new_events = base.all_events(), head.all_events()
    followed = _counterparts(old_events, new_events, head, renamed_ids)
    for old_id, old in sorted(old_events.items()):
        new_id = followed.get(old_id)
        if new_id is None:
            changes += _gone(old, base, head)
            continue
        new = new_events[new_id]
        if new_id != old_id:
            changes.append(Change("event-renamed", new_id, head.shown[new_id],
                                  f"{old_id} is now {new_id}: its address "
                                  f"timeline/#{old_id} no longer leads to it",
                                  old_id, new_id))
        changes += _event_changes(old, new, head.shown[new_id], base.timeline, head.timeline)
    matched = set(followed.values())
    for new_id, new in sorted(new_events.items()):
        if new_id not in matched:
            state = " (withdrawn)" if new.withdrawn else ""
            changes.append(Change("event-added", new_id, head.shown[new_id],
                                  f"added{state}: {new.title} ({_when(new)})", after=new.title))
            changes += [_correction_added(new_id, head.shown[new_id], c)
                        for c in new.corrections]
            changes += [_dispute_added(new_id, head.shown[new_id], d.source, d.says)
                        for d in new.disputes]
    changes += _source_changes(base.timeline, head.timeline)
    changes += _single_source(base.timeline, head.timeline, head)
    changes += stale_translations(base, head)
    return Diff(base.label, head.label, tuple(changes))


def stale_translations(base: Side, head: Side) -> list[Change]:
    """Translations the change made stale: stale at HEAD (their original's translatable
    text no longer has the hash they were made from) and not at BASE, where they were
    current or did not exist yet. The translation itself is fine; the editions now show
    the older text, marked, until a translator updates it and stamps it."""
    was_stale = {(t.kind, t.id, t.language) for t in base.translations.items if t.stale}
    return [
        Change("translation-stale", t.id, t.path,
               f"the {t.language} translation of {t.kind} '{t.id}' is stale: its original "
               f"changed (update it, then `timeline translation stamp {t.path}`)")
        for t in sorted(head.translations.items, key=lambda t: (t.kind, t.id, t.language))
        if t.stale and (t.kind, t.id, t.language) not in was_stale
    ]


def _counterparts(old: dict[str, Event], new: dict[str, Event], head: Side,
                  renamed_ids: dict[str, str]) -> dict[str, str]:
    """Old id → new id: the same id, else the id git's rename detection leads to."""
    found = {event_id: event_id for event_id in old if event_id in new}
    taken = set(found.values())
    for old_id, new_id in renamed_ids.items():
        if old_id in old and old_id not in found and new_id in new and new_id not in taken \
                and old_id not in head.event_files:
            found[old_id] = new_id
            taken.add(new_id)
    return found


def _gone(old: Event, base: Side, head: Side) -> list[Change]:
    if old.id in head.event_files:  # the file is there but does not validate
        found = head.errors.get(old.id, [])
        first = f": line {found[0].line}: {found[0].message}" if found else ""
        more = f" (and {len(found) - 1} more; see timeline check)" if len(found) > 1 else ""
        return [Change("event-invalid", old.id, head.shown[old.id],
                       f"has errors and is left off the timeline{first}{more}")]
    return [Change("event-removed", old.id, base.shown[old.id],
                   f"removed: {old.title} ({_when(old)}); its file was deleted",
                   before=old.title)]


def _when(event: Event) -> str:
    text = event.date.iso() + (f" to {event.end.iso()}" if event.end else "")
    return ("c. " if event.approximate else "") + text


def _precision(event: Event) -> str:
    end = f"–{event.end.precision}" if event.end else ""
    return event.date.precision + end


def _event_changes(old: Event, new: Event, path: str, before: Timeline, after: Timeline
                   ) -> list[Change]:
    changes: list[Change] = []
    if old.withdrawn is None and new.withdrawn is not None:
        changes.append(Change("event-withdrawn", new.id, path,
                              f"withdrawn on {new.withdrawn.date.isoformat()}: "
                              f"{new.withdrawn.reason}", after=new.withdrawn.reason))
    elif old.withdrawn is not None and new.withdrawn is None:
        changes.append(Change("event-restored", new.id, path, "back on the timeline "
                              "(no longer withdrawn)"))
    if _when(old) != _when(new):
        precision = "" if _precision(old) == _precision(new) else \
            f" (precision {_precision(old)} → {_precision(new)})"
        changes.append(Change("event-moved", new.id, path,
                              f"moved: {_when(old)} → {_when(new)}{precision}",
                              _when(old), _when(new)))
    if old.title != new.title:
        changes.append(Change("event-retitled", new.id, path,
                              f"retitled: '{old.title}' → '{new.title}'", old.title, new.title,
                              word_diff(old.title, new.title)))
    if old.body != new.body:
        # The body as written, not the summary: a summary is cut at a word boundary, so a
        # cut that moves would show as a changed word that nobody changed.
        words = word_diff(old.body, new.body)
        changed = sum(len(text.split()) for op, text in words if op != "=")
        where = "" if old.summary != new.summary else ", after the summary"
        changes.append(Change("event-rewritten", new.id, path,
                              f"rewritten: {changed} words changed{where}", old.summary,
                              new.summary, words))
    changes += _quote_changes(old, new, path)
    known = {(d.source, d.says) for d in old.disputes}
    changes += [_dispute_added(new.id, path, d.source, d.says)
                for d in new.disputes if (d.source, d.says) not in known]
    changes += [_correction_added(new.id, path, c) for c in added_corrections(old, new)]
    return changes


def added_corrections(old: Event, new: Event) -> list[Correction]:
    known = {(c.date, c.text) for c in old.corrections}
    return [c for c in new.corrections if (c.date, c.text) not in known]


def _correction_added(event_id: str, path: str, correction: Correction) -> Change:
    label = "minor correction" if correction.minor else "correction"
    return Change("correction-added", event_id, path,
                  f"{label} of {correction.date.isoformat()}: {correction.text}",
                  after=correction.text, minor=correction.minor)


def _dispute_added(event_id: str, path: str, source: str, says: str) -> Change:
    return Change("dispute-added", event_id, path, f"dispute: {source} says '{says}'",
                  after=says)


def _quote_key(quote: Quote) -> tuple[str, str]:
    return (quote.source, quote.text)


def _quote_changes(old: Event, new: Event, path: str) -> list[Change]:
    """Quotes paired by id, else by source and words; unpaired ones on the same source
    that read alike are one quote rewritten, the rest added or removed."""
    pairs: list[tuple[Quote, Quote]] = []
    left, right = list(old.quotes), list(new.quotes)
    for finder in (lambda q: q.id or None, _quote_key):
        index = {finder(q): q for q in right if finder(q)}
        for quote in list(left):
            match = index.get(finder(quote))
            if match is not None and match in right:
                pairs.append((quote, match))
                left.remove(quote)
                right.remove(match)
    for quote in list(left):
        alike = [(difflib.SequenceMatcher(None, quote.text, other.text).ratio(), n)
                 for n, other in enumerate(right) if other.source == quote.source]
        best = max(alike, default=None)
        if best and best[0] >= 0.5:
            pairs.append((quote, right.pop(best[1])))
            left.remove(quote)
    changes = [Change("quote-removed", new.id, path, f"quote removed: '{q.text}' ({q.source})",
                      before=q.text) for q in left]
    changes += [Change("quote-added", new.id, path, f"quote added: '{q.text}' ({q.source})"
                       + ("" if q.verified else ", not verified"), after=q.text) for q in right]
    for before, after in pairs:
        changes += _quote_pair(new.id, path, before, after)
    return changes


def _speaker(quote: Quote) -> str:
    return quote.speaker or "unattributed"


def _quote_pair(event_id: str, path: str, before: Quote, after: Quote) -> list[Change]:
    changes: list[Change] = []
    if before.text != after.text or before.source != after.source:
        changes.append(Change("quote-changed", event_id, path,
                              f"quote changed ({after.source}): '{before.text}' → "
                              f"'{after.text}'", before.text, after.text,
                              word_diff(before.text, after.text)))
    if before.verified != after.verified:
        state = "now verifies" if after.verified else "no longer verifies"
        changes.append(Change("quote-verification", event_id, path,
                              f"quote {state} against {after.source}: '{after.text}'",
                              str(before.verified).lower(), str(after.verified).lower()))
    if _speaker(before) != _speaker(after):
        changes.append(Change("quote-attribution", event_id, path,
                              f"quote attributed to {_speaker(after)}, was "
                              f"{_speaker(before)}: '{after.text}'",
                              _speaker(before), _speaker(after)))
    return changes


def _source_changes(before: Timeline, after: Timeline) -> list[Change]:
    old = {source.id: source for source in before.sources}
    new = {source.id: source for source in after.sources}
    changes = [Change("source-removed", source_id, old[source_id].path,
                      f"source removed: {old[source_id].title} ({old[source_id].outlet})")
               for source_id in sorted(old.keys() - new.keys())]
    changes += [Change("source-added", source_id, new[source_id].path,
                       f"source added: {new[source_id].title} ({new[source_id].outlet})"
                       + ("" if new[source_id].has_text else "; no archived text"))
                for source_id in sorted(new.keys() - old.keys())]
    for source_id in sorted(old.keys() & new.keys()):
        changes += _source_pair(old[source_id], new[source_id])
    return changes


def _source_pair(old: Source, new: Source) -> list[Change]:
    changes: list[Change] = []
    if old.derived_from != new.derived_from:
        was = old.derived_from or "an original"
        now = new.derived_from or "an original"
        changes.append(Change("source-lineage", new.id, new.path,
                              f"lineage: derived from {now}, was {was}",
                              old.derived_from, new.derived_from))
    if old.text_sha256 != new.text_sha256:
        state = "archived text removed" if not new.has_text else \
            "archived text added" if not old.has_text else "archived text changed"
        changes.append(Change("source-text", new.id, new.path, state, old.text_sha256,
                              new.text_sha256))
    if old.url_status != new.url_status:
        changes.append(Change("source-url-status", new.id, new.path,
                              f"url_status: {old.url_status} → {new.url_status}",
                              old.url_status, new.url_status))
    return changes


def _originals(timeline: Timeline, event: Event) -> set[str]:
    return {timeline.original(source) for source in event.sources}


def _single_source(before: Timeline, after: Timeline, head: Side) -> list[Change]:
    """Events that rest on one source now and did not before (copies count as their
    original, as on the sourcing page)."""
    earlier = {event.id: event for event in before.events}
    changes = []
    for event in after.events:
        if len(_originals(after, event)) != 1:
            continue
        was = earlier.get(event.id)
        if was is not None and len(_originals(before, was)) == 1:
            continue
        (only,) = _originals(after, event)
        changes.append(Change("single-source", event.id, head.shown[event.id],
                              f"now rests on a single source: {only}", after=only))
    return changes


_WORD = re.compile(r"\S+")


def word_diff(before: str, after: str) -> tuple[WordOp, ...]:
    """Word-level diff (difflib over whitespace-separated words), runs merged."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(old[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(new[j1:j2])))
    return tuple(ops)


# ---- the corrections policy -------------------------------------------------------------

POLICY_KEYS = ("title", "date", "quotes", "body")


def policy(base: Side, head: Side, renamed_ids: dict[str, str], mode: str
           ) -> list[Diagnostic]:
    """What the corrections policy says of the change; errors under ``require``, warnings
    under ``warn``. Only events published at BASE (on its timeline, not withdrawn) count."""
    report = error if mode == "require" else warning
    problems: list[Diagnostic] = []
    new_events = head.all_events()
    for old in base.timeline.events:
        new_id = renamed_ids.get(old.id, old.id) if old.id not in head.event_files \
            else old.id
        if new_id not in head.event_files:
            problems.append(report(
                base.shown[old.id], 1, f"published event '{old.id}' was deleted; a published "
                "event is never deleted", "restore the file and add withdrawn: {date: "
                "YYYY-MM-DD, reason: …} to take it off the timeline with a notice"))
            continue
        if new_id != old.id:
            problems.append(report(
                head.shown[new_id], 1, f"published event '{old.id}' was renamed to "
                f"'{new_id}': links to timeline/#{old.id} would break",
                f"keep the file name {old.id}.md (the id is the file name)"))
        new = new_events.get(new_id)
        if new is None:  # invalid at HEAD: it would leave the timeline without a notice
            found = head.errors.get(new_id, [])
            problems.append(report(
                head.shown[new_id], found[0].line if found else 1,
                f"published event '{new_id}' has errors and would leave the timeline"
                + (f": {found[0].message}" if found else ""),
                "fix them (timeline check lists every one); to take it off the timeline, "
                "add withdrawn: {date: YYYY-MM-DD, reason: …}"))
            continue
        if new.withdrawn is not None:
            continue  # withdrawn: its notice stays
        changed = changed_keys(old, new)
        if not changed or added_corrections(old, new):
            continue
        lines = _key_lines(head.event_files[new_id], head.shown[new_id])
        for key in changed:
            problems.append(report(
                head.shown[new_id], lines.get(key, 1),
                f"{key}: changed since {base.label}, but '{new_id}' was published there and "
                "no correction was added",
                "add a corrections: entry (- date: YYYY-MM-DD, text: what changed); for a "
                "typo fix add minor: true to it"))
    return problems


def changed_keys(old: Event, new: Event) -> list[str]:
    """Which of title, date, quotes, body differ (a date compares as resolved)."""
    changed = []
    if old.title != new.title:
        changed.append("title")
    if (old.date, old.end, old.approximate) != (new.date, new.end, new.approximate):
        changed.append("date")
    if [(q.text, q.speaker, q.source) for q in old.quotes] != \
            [(q.text, q.speaker, q.source) for q in new.quotes]:
        changed.append("quotes")
    if old.body != new.body:
        changed.append("body")
    return changed


def _key_lines(path: Path, shown: str) -> dict[str, int]:
    """Lines of an event file's title, date, quotes and body (its first line)."""
    document, _ = load_file(path, "event", max_bytes=1 << 30, shown=shown)
    if document is None:
        return {}
    lines = {key: value.line for key, value in document.fields.items()}
    lines["body"] = document.body_line
    return lines


def renamed_event_ids(renames: dict[str, str], events_folder: str) -> dict[str, str]:
    """Git's renames of event files (paths) → old id → new id, where the id changed."""
    found: dict[str, str] = {}
    for old, new in renames.items():
        old_path, new_path = PurePosixPath(old), PurePosixPath(new)
        if not _under(old_path, events_folder) or not _under(new_path, events_folder):
            continue
        if old_path.suffix == ".md" and new_path.suffix == ".md" and old_path.stem != \
                new_path.stem:
            found[old_path.stem] = new_path.stem
    return found


def _under(path: PurePosixPath, folder: str) -> bool:
    return str(path).startswith(folder.rstrip("/") + "/")


def kinds(changes: Iterable[Change]) -> list[str]:
    return [change.kind for change in changes]
