"""Documents → a valid, sorted Timeline plus every problem found, all in one pass.

Nothing here stops at the first error: each file is checked completely, invalid files are
left out of the Timeline, and the caller decides whether errors fail the build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from timeline_builder import dates, page_ids, quotes, schema, text, urls
from timeline_builder.diagnostics import Diagnostic, error, warning
from timeline_builder.load import INVALID, Document, Value
from timeline_builder.media import MediaContext, check_media
from timeline_builder.model import Actor, Calendar, Event, Quote, ResolvedDate, Source, Timeline
from timeline_builder.sanitize import markdown_to_html

_UNKNOWN_DATE = ResolvedDate(dt.date(1, 1, 1), "year")  # only on sources that are dropped
ID_PATTERN = re.compile(schema.ID_REGEX.replace("$", r"\Z"))

# The key tables live in schema.py, the one definition the JSON Schema is generated from.
ALLOWED = {kind: schema.allowed(kind) for kind in schema.KIND_NAMES}
REQUIRED = {kind: schema.required(kind) for kind in schema.KIND_NAMES}
QUOTE_KEYS = tuple(key.name for key in schema.item_keys("event", "quotes"))
_QUOTE_REQUIRED = tuple(key.name for key in schema.item_keys("event", "quotes") if key.required)


# Past this many unknown ids in one file, the rest are reported without a did-you-mean:
# each hint compares the id with every known one (20,000 typos x 10,000 actors).
MAX_HINTS = 50


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'actors'?)`` or nothing: the hint for typos in keys and ids."""
    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{match[0]}'?)" if match else ""


@dataclass
class _Checker:
    """Collects diagnostics for one document while its fields are read."""

    document: Document
    problems: list[Diagnostic] = field(default_factory=list)
    # Dates may be written in these languages too (the language: of the cited sources).
    languages: tuple[str, ...] = ()
    item_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # key → item → line
    hints: int = 0  # did-you-mean hints given so far (bounded: each one compares all ids)

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(error(self.document.path, line, message, hint))

    def warn(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(warning(self.document.path, line, message, hint))

    def line(self, key: str) -> int:
        value = self.document.fields.get(key)
        return value.line if value else 2

    def check_keys(self) -> None:
        kind = self.document.kind
        for key, value in self.document.fields.items():
            if key not in ALLOWED[kind]:
                self.error(value.line, f"unknown key '{key}'{did_you_mean(key, ALLOWED[kind])}",
                           f"{kind} keys are: {', '.join(ALLOWED[kind])}")
            elif is_empty(value):  # `key:`, `key: ~`, `key: ""`: never silently dropped
                self.error(value.line, f"{key}: must not be empty",
                           f"give '{key}:' a value or delete the line")
        for key in REQUIRED[kind]:
            if key not in self.document.fields:
                self.error(2, f"missing required key '{key}'",
                           f"add '{key}: …' to the front matter")
        stem = self.document.id
        if not ID_PATTERN.match(stem):
            suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-id"
            self.error(1, f"file name '{stem}.md' is not a valid id",
                       f"use lowercase letters, digits and hyphens: rename it to {suggestion}.md")
        if "id" in self.document.fields and self.text("id") != stem:
            self.error(self.line("id"), f"id '{self.text('id')}' does not match the file name "
                       f"'{stem}.md'", "remove 'id:' or rename the file")

    def text(self, key: str) -> str:
        value = self.document.fields.get(key)
        if value is None:
            return ""
        if not value.is_scalar:
            self.error(value.line, f"{key}: must be text, not a list or mapping",
                       f"write '{key}: …' on one line")
            return ""
        return value.text().strip()  # an empty value was reported by check_keys

    def choice(self, key: str) -> str:
        """One of the spec's choices for ``key``; absent means the spec's default."""
        spec = schema.key(self.document.kind, key)
        written = self.text(key)
        if not written:
            return str(spec.default)
        if written not in spec.choices:
            self.error(self.line(key), f"{key}: '{written}' is not one of "
                       f"{', '.join(spec.choices)}{did_you_mean(written, spec.choices)}",
                       f"write '{key}: {spec.choices[0]}'")
            return str(spec.default)
        return written

    def flag(self, key: str) -> bool:
        value = self.document.fields.get(key)
        if value is None or value.data is None:
            return False
        if not isinstance(value.data, bool):
            self.error(value.line, f"{key}: '{value.text()}' is not true or false",
                       f"write '{key}: true'")
            return False
        return value.data

    def names(self, key: str) -> tuple[str, ...]:
        """A YAML list of words; a comma-separated string gets the list form as its fix."""
        value = self.document.fields.get(key)
        if value is None or value.data is None:
            return ()
        if not isinstance(value.data, list):
            words = [w.strip() for w in value.text().split(",") if w.strip()]
            self.error(value.line, f"{key}: must be a list, not '{value.text()}'",
                       f"write {key}: [{', '.join(words) or '…'}]")
            return ()
        result: dict[str, int] = {}  # a dict keeps the order; 60,000 tags stay linear
        for item in value.data:
            if not item.is_scalar or not item.text().strip():
                self.error(item.line, f"{key}: each item must be a word, e.g. {key}: [a, b]")
                continue
            if item.text().strip() in result:
                self.error(item.line, f"{key}: '{item.text().strip()}' is listed twice")
                continue
            result[item.text().strip()] = item.line
        self.item_lines[key] = result
        return tuple(result)

    def url(self, key: str) -> str:
        written = self.text(key)
        if written and not _is_web_url(written):
            self.error(self.line(key), f"{key}: '{written}' is not an http(s) URL",
                       "write the full address, e.g. https://example.org/article")
            return ""
        return written

    def date(self, key: str, *, anchor: ResolvedDate | None = None,
             anchor_note: str | None = "", calendars: Sequence[Calendar] = (),
             allow_relative: bool = True) -> ResolvedDate | None:
        """``anchor_note`` None: the anchor is missing for a reason already reported."""
        written = self.text(key)
        if not written:
            return None
        line = self.line(key)
        if allow_relative and dates.is_relative(written) and anchor is None:
            if anchor_note is None:
                return None
            self.error(line, f"{key}: '{written}' is relative and has nothing to count from"
                       f"{anchor_note}", "add 'reported: YYYY-MM-DD' (the day it was reported) "
                       "or write the date in full, e.g. 2022-05-23")
            return None
        try:
            return dates.resolve_date(written, anchor=anchor.value if anchor else None,
                                      calendars=calendars, allow_relative=allow_relative,
                                      languages=self.languages)
        except dates.DateError as exc:
            self.error(line, f"{key}: {exc}")
            return None


def is_empty(value: Value) -> bool:
    """``key:``, ``key: ~``, ``key: null``, ``key: ""`` or only spaces: present, no value.

    A refused value (an alias, a tag) was reported when it was read, so it is not empty.
    An empty list ``[]`` is a value: "none" (``sources`` has its own rule).
    """
    if value.tag == INVALID or not value.is_scalar:
        return False
    return not value.text().strip()


def _is_web_url(url: str) -> bool:
    return urls.is_web_address(url)


def _build_actor(document: Document) -> tuple[Actor | None, list[Diagnostic]]:
    check = _Checker(document)
    check.check_keys()
    actor = Actor(
        id=document.id, name=check.text("name"), path=document.path,
        type=check.choice("type"), role=check.text("role"), country=check.text("country"),
        aliases=check.names("aliases"), body=document.body.strip(),
    )
    return (None if _failed(check) else actor), check.problems


def _build_source(document: Document, calendars: Sequence[Calendar]
                  ) -> tuple[Source | None, list[Diagnostic]]:
    check = _Checker(document)
    check.check_keys()
    check.languages = tuple(filter(None, [check.text("language")]))
    published = check.date("published", calendars=calendars, allow_relative=False)
    source = Source(
        id=document.id, title=check.text("title"),
        outlet=check.text("outlet"),
        published=published or _UNKNOWN_DATE, path=document.path,
        url=check.url("url"), author=check.text("author"), language=check.text("language"),
        archived_url=check.url("archived_url"), note=check.text("note"),
        body=document.body.strip(),
    )
    if published is None and not _failed(check):  # never dropped without a word
        check.error(check.line("published"), "published: could not be read",
                    "write e.g. published: 2022-05-23")
    return (None if _failed(check) or published is None else source), check.problems


def _failed(check: _Checker) -> bool:
    """Errors while reading the file (already reported) or while checking it."""
    return check.document.broken or any(problem.severity == "error"
                                        for problem in check.problems)


@dataclass(frozen=True)
class _References:
    actors: dict[str, Actor]
    sources: dict[str, Source]
    calendars: tuple[Calendar, ...]
    files: dict[tuple[str, str], str]  # (kind, id) → path of every actor/source file
    # The pages render bodies with these; summaries use the same call, so each body is
    # rendered once (markdown_to_html caches by content).
    embed_hosts: tuple[str, ...] = ()
    media: MediaContext | None = None  # None: the content folder holding the event's folder

    def media_for(self, document: Document) -> MediaContext:
        if self.media is not None:
            return self.media
        return MediaContext(Path(document.path).parent.parent, self.embed_hosts)


def _build_event(document: Document, refs: _References) -> tuple[Event | None, list[Diagnostic]]:
    check = _Checker(document)
    check.check_keys()
    actors = _known(check, "actors", refs.actors, refs.files)
    sources = _known(check, "sources", refs.sources, refs.files)
    if "sources" in document.fields and not sources and not _failed(check):
        check.error(check.line("sources"), "sources: list at least one source",
                    "write sources: [source-id], a file under content/sources/")
    cited = [refs.sources[s] for s in sources if s in refs.sources]
    check.languages = tuple(dict.fromkeys(source.language for source in cited if source.language))
    anchor, note = _anchor(check, sources, refs)
    start = check.date("date", anchor=anchor, anchor_note=note, calendars=refs.calendars)
    end = check.date("end", anchor=anchor, anchor_note=note, calendars=refs.calendars)
    if start and end and (end.value < start.value or end.last_day() < start.last_day()):
        check.error(check.line("end"), f"end: {end.iso()} is before date {start.iso()}",
                    "the end is the last day of the event; swap or fix them")
    event_quotes = _quotes(check, actors, sources, refs)
    event_media = check_media(document.fields.get("media"), refs.media_for(document),
                              check.error, check.warn, did_you_mean)
    title, featured = check.text("title"), check.flag("featured")
    approximate, tags = check.flag("approximate"), check.names("tags")
    if start is None and not _failed(check):  # never dropped without a word
        check.error(check.line("date"), "date: could not be read", f"{dates.HINT}")
    if _failed(check) or start is None:
        return None, check.problems
    numbers = tuple(
        (calendar.name, number) for calendar in refs.calendars
        if start.precision == "day" and (number := calendar.day_number(start.value)) is not None
    )
    body = document.body.strip()
    event = Event(
        id=document.id, title=title, date=start, date_text=check.text("date"),
        sources=sources, path=document.path, end=end, actors=actors, tags=tags,
        quotes=event_quotes, featured=featured, approximate=approximate, body=body,
        # The same arguments as the page's `markdown(e.id)` filter: one render, cached.
        summary=text.summary_of(markdown_to_html(body, refs.embed_hosts, document.id)),
        calendar=numbers,
        media=event_media,
    )
    return event, check.problems


def _known(check: _Checker, key: str, known: Mapping[str, object],
           files: Mapping[tuple[str, str], str]) -> tuple[str, ...]:
    """The listed ids, with an error (and did-you-mean) for every one that has no file."""
    result = check.names(key)
    lines = check.item_lines.get(key, {})
    for name in result:
        if name in known:
            continue
        line = lines.get(name, 2)
        if (key[:-1], name) in files:
            check.error(line, f"{key}: {key[:-1]} '{name}' has errors of its own",
                        f"fix {files[(key[:-1], name)]} first")
        else:
            check.hints += 1
            hint = did_you_mean(name, known) if check.hints <= MAX_HINTS else ""
            check.error(line, f"{key}: no {key[:-1]} '{name}'{hint}",
                        f"add content/{key}/{name}.md or fix the id")
    return result


def _anchor(check: _Checker, sources: tuple[str, ...], refs: _References
            ) -> tuple[ResolvedDate | None, str | None]:
    """What relative dates count from: ``reported:``, else the first source's day.

    The note says why there is no anchor; None when that was reported already (a bad
    ``reported:``, a first source with errors), so one mistake gives one error.
    """
    if "reported" in check.document.fields:
        reported = check.date("reported", calendars=refs.calendars, allow_relative=False)
        if reported and reported.precision != "day":
            check.error(check.line("reported"), f"reported: '{reported.iso()}' is not a day",
                        "write the full day, e.g. reported: 2022-05-23")
            return None, None
        return reported, None if reported is None else ""
    first = refs.sources.get(sources[0]) if sources else None
    if first is None:
        cited = check.names("sources")
        return None, None if cited else " (no reported: and no source)"
    if first.published.precision != "day":
        return None, (f" (no reported:, and the first source '{first.id}' is dated only "
                      f"{first.published.iso()})")
    return first.published, ""


def _quotes(check: _Checker, actors: tuple[str, ...], sources: tuple[str, ...],
            refs: _References) -> tuple[Quote, ...]:
    value = check.document.fields.get("quotes")
    if value is None or value.data is None:
        return ()
    if not isinstance(value.data, list):
        check.error(value.line, "quotes: must be a list of {text, speaker, source}",
                    "write '- text: …' lines under quotes:, indented")
        return ()
    return tuple(quote for item in value.data
                 if (quote := _quote(check, item, actors, sources, refs)) is not None)


def _quote(check: _Checker, item: Value, actors: tuple[str, ...], sources: tuple[str, ...],
           refs: _References) -> Quote | None:
    if not isinstance(item.data, dict):
        check.error(item.line, "quotes: each quote needs text:, speaker: and source:")
        return None
    fields = item.data
    for key, value in fields.items():
        if key not in QUOTE_KEYS:
            check.error(value.line, f"quote: unknown key '{key}'{did_you_mean(key, QUOTE_KEYS)}",
                        f"quote keys are: {', '.join(QUOTE_KEYS)}")
    words = {}
    for key in _QUOTE_REQUIRED:  # every missing part reported, not only the first
        given = fields.get(key)
        if given is None or not given.is_scalar or not given.text().strip():
            if given is None or given.tag != INVALID:
                check.error(given.line if given else item.line,
                            f"quote: '{key}:' is missing or empty")
            continue
        words[key] = given.text().strip()
    if len(words) < len(_QUOTE_REQUIRED):
        return None
    speaker, source_id, quote_text = words["speaker"], words["source"], words["text"]
    if speaker not in actors:
        check.error(fields["speaker"].line, f"quote: speaker '{speaker}' is not one of this "
                    f"event's actors{did_you_mean(speaker, actors)}", f"add {speaker} to actors:")
    if source_id not in sources:
        check.error(fields["source"].line, f"quote: source '{source_id}' is not one of this "
                    f"event's sources{did_you_mean(source_id, sources)}",
                    f"add {source_id} to sources:")
        return None
    source = refs.sources.get(source_id)
    if source is None:
        return None
    verified = _verify(check, fields["text"].line, quote_text, source)
    return Quote(quote_text, speaker, source_id, verified, fields["text"].line)


def _verify(check: _Checker, line: int, quote_text: str, source: Source) -> bool:
    if not source.has_text:
        check.warn(line, f"quote: source '{source.id}' has no archived text, so this quote "
                   "cannot be verified", f"paste the source's text into {source.path}")
        return False
    verdict = quotes.verify(quote_text, source.body)
    if not verdict.found:
        closest = f"closest passage ({verdict.score:.0f}% alike): \"{verdict.closest}\"" \
            if verdict.closest else "nothing close"
        check.error(line, f"quote: not found in the text of source '{source.id}'; {closest}",
                    "copy the words exactly as the source has them; mark cuts with …")
    return verdict.found


def _unique(documents: list[Document], problems: list[Diagnostic]) -> list[Document]:
    """One document per (kind, id): a second file with the same id is an error."""
    seen: dict[tuple[str, str], Document] = {}
    for document in documents:
        key = (document.kind, document.id)
        if key in seen:
            problems.append(error(document.path, 1, f"{document.kind} id '{document.id}' is "
                                  f"already used by {seen[key].path}", "rename one of them"))
            continue
        seen[key] = document
    return list(seen.values())


def _page_id_collisions(documents: list[Document]) -> list[Diagnostic]:
    """An event id the timeline page already uses for something else (its own markup, or
    another event's heading) would hijack or lose the deep link: an error, on the file."""
    ids = {d.id for d in documents if d.kind == "event"}
    found = []
    for document in documents:
        taken = page_ids.collision(document.id, ids) if document.kind == "event" else None
        if taken:
            value = document.fields.get("id")
            found.append(error(document.path, value.line if value else 1,
                               f"event id '{document.id}' is {taken}",
                               f"rename {document.path} (its id is the file name)"))
    return found


def validate(documents: list[Document], calendars: Sequence[Calendar] = (),
             embed_hosts: Sequence[str] = (), media: MediaContext | None = None
             ) -> tuple[Timeline, list[Diagnostic]]:
    """Check everything, report everything; the Timeline holds only what is valid."""
    problems: list[Diagnostic] = []
    documents = _unique(documents, problems)

    def build(kind: str, builder: Callable[[Document], tuple[object | None, list[Diagnostic]]]
              ) -> list:
        built = []
        for document in documents:
            if document.kind == kind:
                item, found = builder(document)
                problems.extend(found)
                if item is not None:
                    built.append(item)
        return built

    actors: list[Actor] = build("actor", _build_actor)
    sources: list[Source] = build("source", lambda d: _build_source(d, calendars))
    files: dict[tuple[str, str], str] = {
        (d.kind, d.id): d.path for d in documents if d.kind != "event"}
    refs = _References({a.id: a for a in actors}, {s.id: s for s in sources}, tuple(calendars),
                       files, tuple(embed_hosts), media)
    events: list[Event] = build("event", lambda d: _build_event(d, refs))
    collisions = _page_id_collisions(documents)
    problems.extend(collisions)
    clashing = {problem.path for problem in collisions}
    events = [event for event in events if event.path not in clashing]  # never published
    timeline = Timeline(
        events=tuple(sorted(events, key=lambda e: e.sort_key)),
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
        calendars=tuple(calendars),
    )
    return timeline, sorted(set(problems))

