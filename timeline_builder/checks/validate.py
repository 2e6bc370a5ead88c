"""Documents → a valid, sorted Timeline plus every problem found, all in one pass.

Nothing here stops at the first error: each file is checked completely, invalid files are
left out of the Timeline, and the caller decides whether errors fail the build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from timeline_builder.checks import quotes, variants
from timeline_builder.checks.media import MediaContext, check_media
from timeline_builder.core import citations, dates, page_ids, urls
from timeline_builder.core.diagnostics import Diagnostic, error, note, warning
from timeline_builder.core.model import (
    UNDATED,
    Actor,
    Attribution,
    Calendar,
    Correction,
    Dispute,
    Event,
    Quote,
    QuoteTranslation,
    ResolvedDate,
    Source,
    Timeline,
    UrlStatus,
    Withdrawal,
)
from timeline_builder.core.slugs import latin_twin, lookalike, slug
from timeline_builder.core.suggest import did_you_mean
from timeline_builder.markup import text
from timeline_builder.markup.body_cache import RenderBody
from timeline_builder.markup.sanitize import markdown_to_html
from timeline_builder.reading import schema
from timeline_builder.reading.load import INVALID, Document, Value, flag_of

ID_PATTERN = re.compile(schema.ID_REGEX.replace("$", r"\Z"))

# The key tables live in schema.py, the one definition the JSON Schema is generated from.
ALLOWED = {kind: schema.allowed(kind) for kind in schema.KIND_NAMES}
REQUIRED = {kind: schema.required(kind) for kind in schema.KIND_NAMES}
QUOTE_KEYS = tuple(key.name for key in schema.item_keys("event", "quotes"))
QUOTE_TRANSLATION_KEYS = tuple(key.name for key in schema.QUOTE_TRANSLATION_KEYS)
DISPUTE_KEYS = tuple(key.name for key in schema.item_keys("event", "disputes"))
CORRECTION_KEYS = tuple(key.name for key in schema.item_keys("event", "corrections"))
WITHDRAWN_KEYS = tuple(key.name for key in schema.item_keys("event", "withdrawn"))
ATTRIBUTIONS = cast("tuple[Attribution, ...]",
                    next(k for k in schema.QUOTE_KEYS if k.name == "attribution").choices)
URL_STATUSES = cast("tuple[UrlStatus, ...]", schema.key("source", "url_status").choices)


# Past this many unknown ids in one file, the rest are reported without a did-you-mean:
# each hint compares the id with every known one (20,000 typos x 10,000 actors).
MAX_HINTS = 50


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

    def note(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(note(self.document.path, line, message, hint))

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
            suggestion = slug(latin_twin(stem), "my-id")
            foreign = lookalike(stem)
            why = "" if foreign is None else f": '{foreign[0]}' is {foreign[1]}, not a Latin letter"
            self.error(1, f"file name '{stem}.md' is not a valid id{why}",
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
        return bool(flag_of(self.document.fields.get(key), key, self.error))

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
        problem = urls.web_address_problem(written) if written else None
        if problem:
            self.error(self.line(key), f"{key}: '{written}' {problem}",
                       "write the address as the browser shows it, e.g. "
                       "https://example.org/article")
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
    published = _published(check, calendars)
    derived_from = check.text("derived_from")
    if derived_from and not ID_PATTERN.match(derived_from):
        check.error(check.line("derived_from"), f"derived_from: '{derived_from}' is not a "
                    "source id", "write the file name of the original under content/sources/, "
                    "without .md")
    elif derived_from == document.id:
        check.error(check.line("derived_from"), "derived_from: a source cannot derive from "
                    "itself", "name the source it copies, translates or relays")
    url_status = _url_status(check)
    archived_url = check.url("archived_url")
    if url_status != "live" and not archived_url and "archived_url" not in document.fields:
        check.error(check.line("url_status"), f"url_status: a {url_status} url needs an "
                    "archived copy", "add archived_url: (e.g. a web.archive.org address)")
    body = document.body.strip()
    _check_archived_hash(check, body)
    source = Source(
        id=document.id, title=check.text("title"),
        outlet=check.text("outlet"),
        published=published, path=document.path,
        url=check.url("url"), author=check.text("author"), language=check.text("language"),
        archived_url=archived_url, note=check.text("note"), body=body,
        derived_from=derived_from, accessed=_accessed(check), url_status=url_status,
        text_sha256=text_sha256(body) if body else "",
    )
    return (None if _failed(check) else source), check.problems


def _published(check: _Checker, calendars: Sequence[Calendar]) -> ResolvedDate | None:
    """The source's date; None when it has none (``published: n.d.`` or no key): citation
    styles treat that as normal, and only what depends on the date refuses it."""
    if "published" not in check.document.fields or \
            check.text("published").strip().lower() == UNDATED:
        return None
    return check.date("published", calendars=calendars, allow_relative=False)


def text_sha256(archived_text: str) -> str:
    """SHA-256 of an archived text as the source file holds it: UTF-8, LF line endings,
    leading and trailing whitespace removed (``load`` has already turned CRLF into LF)."""
    return hashlib.sha256(archived_text.encode("utf-8")).hexdigest()


def _check_archived_hash(check: _Checker, body: str) -> None:
    """``text_sha256:`` (written by ``timeline archive``) must still be the body's hash: an
    archived text edited by hand afterwards no longer is what the page said."""
    written = check.text("text_sha256")
    if not written:
        return
    line = check.line("text_sha256")
    if not re.fullmatch(r"[0-9a-f]{64}", written):
        check.error(line, f"text_sha256: '{written[:80]}' is not a SHA-256 (64 lowercase hex "
                    "digits)", "let timeline archive write it, or delete the line")
    elif text_sha256(body) != written:
        check.warn(line, "text_sha256: the archived text has changed since it was archived "
                   "(the body no longer has this hash)", "archive it again with timeline "
                   f"archive {check.document.id} --force, or, if the edit is deliberate, "
                   "delete the text_sha256 line")


def _url_status(check: _Checker) -> UrlStatus:
    written = check.text("url_status")
    if not written:
        return "live"
    for status in URL_STATUSES:
        if written == status:
            return status
    check.error(check.line("url_status"), f"url_status: '{written}' is not one of "
                f"{', '.join(URL_STATUSES)}{did_you_mean(written, URL_STATUSES)}",
                "live: the url works; dead: it is gone; usurped: someone else now owns it")
    return "live"


def _accessed(check: _Checker) -> dt.date | None:
    written = check.text("accessed")
    if not written:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
        try:
            return dt.date.fromisoformat(written)
        except ValueError:
            message = f"accessed: '{written}' is not a real day"
    else:
        message = f"accessed: '{written}' is not a day written YYYY-MM-DD"
    check.error(check.line("accessed"), message,
                "write the day you last checked the url, e.g. 2024-03-01")
    return None


def _check_lineage(sources: list[Source], files: Mapping[tuple[str, str], str],
                   problems: list[Diagnostic], lines: Mapping[str, int]) -> list[Source]:
    """Every ``derived_from`` names a valid source and no lineage goes round in a circle;
    sources that fail either are left out, like any other invalid file."""
    by_id = {source.id: source for source in sources}
    bad: set[str] = set()
    for source in sources:
        target = source.derived_from
        if not target or target in by_id:
            continue
        bad.add(source.id)
        if ("source", target) in files:
            problems.append(error(source.path, lines[source.id], f"derived_from: source "
                                  f"'{target}' has errors of its own",
                                  f"fix {files[('source', target)]} first"))
        else:
            problems.append(error(source.path, lines[source.id], f"derived_from: no source "
                                  f"'{target}'{did_you_mean(target, by_id)}",
                                  f"add content/sources/{target}.md or fix the id"))
    for source in sources:
        chain = [source.id]
        current = source
        while current.derived_from in by_id and current.derived_from not in chain:
            current = by_id[current.derived_from]
            chain.append(current.id)
        if current.derived_from == source.id:
            bad.add(source.id)
            problems.append(error(source.path, lines[source.id], "derived_from: the lineage "
                                  f"goes round in a circle: {' → '.join([*chain, source.id])}",
                                  "a source derives from an earlier one; remove one link"))
    return [source for source in sources if source.id not in bad]


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
    # rendered once (markdown_to_html caches by content; a door's BodyCache across builds).
    embed_hosts: tuple[str, ...] = ()
    media: MediaContext | None = None  # None: the content folder holding the event's folder
    render: RenderBody = markdown_to_html
    languages: tuple[str, ...] = ("en",)  # the site's editions, the default first

    def media_for(self, document: Document) -> MediaContext:
        if self.media is not None:
            return self.media
        return MediaContext(Path(document.path).parent.parent, self.embed_hosts)


def _check_range(check: _Checker, start: ResolvedDate, end: ResolvedDate) -> None:
    """``end`` must be able to come after ``date``. A coarser end that contains the date
    (``date: 2022-05-23``, ``end: 2022-05``: until some time in May) is a range; an end
    inside a coarser date (``date: 2022``, ``end: 2022-05-10``) is refused, because the
    event may have begun after it."""
    if end.last_day() < start.value:
        check.error(check.line("end"), f"end: {end.iso()} is before date {start.iso()}",
                    "the end is the last day of the event; swap or fix them")
    elif start.value <= end.value and end.last_day() < start.last_day():
        check.error(check.line("end"), f"end: {end.iso()} falls inside date {start.iso()}, "
                    "which may begin after it",
                    "write date as the month or day the event began, or leave out end")


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
    if start and end:
        _check_range(check, start, end)
    event_quotes = _quotes(check, actors, sources, refs)
    event_media = check_media(document.fields.get("media"), refs.media_for(document),
                              check.error, check.warn, did_you_mean)
    disputes = _disputes(check, sources, refs)
    corrections = _corrections(check, refs)
    withdrawn = _withdrawn(check)
    _check_citations(check, sources, refs)
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
        # Citations are links in the page, noise in a plain-text summary: left out.
        summary=text.summary_of(refs.render(
            citations.expand(body, lambda *_: "") if "[@" in body else body,
            refs.embed_hosts, document.id)),
        calendar=numbers, media=event_media, disputes=disputes, corrections=corrections,
        withdrawn=withdrawn,
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
        written = check.text("reported")
        if not written:
            return None, None
        try:
            return dates.resolve_reported(written, calendars=refs.calendars), ""
        except dates.DateError as exc:
            check.error(check.line("reported"), f"reported: {exc}")
            return None, None
    first = refs.sources.get(sources[0]) if sources else None
    if first is None:
        cited = check.names("sources")
        return None, None if cited else " (no reported: and no source)"
    # A copy's "Saturday" is the original's Saturday: count from the root of its lineage.
    original = first
    for _ in range(len(refs.sources)):
        if original.derived_from not in refs.sources:
            break
        original = refs.sources[original.derived_from]
    if original.published is None:
        which = f"the first source '{first.id}' is" if original is first else \
            f"'{original.id}', the original of the first source '{first.id}', is"
        return None, f" (no reported:, and {which} undated: published: n.d.)"
    if original.published.precision != "day":
        which = f"the first source '{first.id}'" if original is first else \
            f"'{original.id}', the original of the first source '{first.id}',"
        return None, f" (no reported:, and {which} is dated only {original.published.iso()})"
    return original.published, ""


def _quotes(check: _Checker, actors: tuple[str, ...], sources: tuple[str, ...],
            refs: _References) -> tuple[Quote, ...]:
    value = check.document.fields.get("quotes")
    if value is None or value.data is None:
        return ()
    if not isinstance(value.data, list):
        check.error(value.line, "quotes: must be a list of {text, speaker, source}",
                    "write '- text: …' lines under quotes:, indented")
        return ()
    found = tuple(quote for item in value.data
                  if (quote := _quote(check, item, actors, sources, refs)) is not None)
    _check_variants(check, found)
    return found


def _scalar_field(check: _Checker, fields: Mapping[str, Value], key: str, what: str) -> str:
    """A quote's (or dispute's) text field; a list or mapping there is an error."""
    given = fields.get(key)
    if given is None:
        return ""
    if not given.is_scalar:
        check.error(given.line, f"{what}: '{key}:' must be text, not a list or mapping")
        return ""
    return given.text().strip()


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
    words = {key: _scalar_field(check, fields, key, "quote") for key in QUOTE_KEYS
             if key != "translations"}
    attribution = _attribution(check, fields, words)
    required = ("text", "source") if attribution == "unattributed" else \
        ("text", "speaker", "source")
    missing = False
    for key in required:  # every missing part reported, not only the first
        given = fields.get(key)
        if not words[key]:
            missing = True
            if given is None or given.tag != INVALID:
                check.error(given.line if given else item.line,
                            f"quote: '{key}:' is missing or empty")
    if missing:
        return None
    speaker, source_id, quote_text = words["speaker"] or None, words["source"], words["text"]
    if speaker is not None and speaker not in actors:
        check.error(fields["speaker"].line, f"quote: speaker '{speaker}' is not one of this "
                    f"event's actors{did_you_mean(speaker, actors)}", f"add {speaker} to actors:")
    if words["id"] and not ID_PATTERN.match(words["id"]):
        check.error(fields["id"].line, f"quote: id '{words['id']}' is not a valid id",
                    "use lowercase letters, digits and hyphens, e.g. id: refrain-weapons")
    if source_id not in sources:
        check.error(fields["source"].line, f"quote: source '{source_id}' is not one of this "
                    f"event's sources{did_you_mean(source_id, sources)}",
                    f"add {source_id} to sources:")
        return None
    source = refs.sources.get(source_id)
    if source is None:
        return None
    verified = _verify(check, fields["text"].line, quote_text, source)
    return Quote(quote_text, speaker, source_id, verified, fields["text"].line, id=words["id"],
                 variant_of=words["variant_of"], attribution=attribution, note=words["note"],
                 verified_against=source.text_sha256 if verified else "",
                 translations=_quote_translations(check, fields.get("translations"), source,
                                                  refs.languages))


def _quote_translations(check: _Checker, given: Value | None, source: Source,
                        languages: tuple[str, ...]) -> tuple[QuoteTranslation, ...]:
    """``translations: {uk: {text, by}}``: each for one of the site's editions other than the
    source's own language, with its words and its translator (CONTRACT "Translations")."""
    if given is None or given.data is None:
        return ()
    if not isinstance(given.data, dict):
        check.error(given.line, "quote: translations: must be a mapping of languages",
                    "write translations: {uk: {text: …, by: the editors}}")
        return ()
    found: list[QuoteTranslation] = []
    for language, value in given.data.items():
        where = f"quote: translations: {language}:"
        if language not in languages:
            hint = (f"add {language} to languages: in mkdocs.yml, or remove it"
                    if len(languages) > 1 else
                    f"add languages: [{languages[0]}, {language}] to the timeline plugin in "
                    "mkdocs.yml, or remove it")
            check.error(value.line, f"{where} '{language}' is not one of the site's editions "
                        f"({', '.join(languages)}){did_you_mean(language, languages)}", hint)
            continue
        if language == source.language:
            check.error(value.line, f"{where} the quote is already in {language}, the language "
                        f"of its source '{source.id}'",
                        "remove it: the quote itself is shown in that edition")
            continue
        if not isinstance(value.data, dict):
            check.error(value.line, f"{where} must be {{text: …, by: …}}",
                        f"write {language}: {{text: …, by: the editors}}")
            continue
        for key, item in value.data.items():
            if key not in QUOTE_TRANSLATION_KEYS:
                check.error(item.line, f"{where} unknown key '{key}'"
                            f"{did_you_mean(key, QUOTE_TRANSLATION_KEYS)}",
                            "a quote's translation has text: and by:")
        words = {key: _scalar_field(check, value.data, key, where[:-1])
                 for key in QUOTE_TRANSLATION_KEYS}
        line = {key: value.data[key].line if key in value.data else value.line
                for key in QUOTE_TRANSLATION_KEYS}
        if not words["text"]:
            check.error(line["text"], f"{where} text: is missing or empty",
                        "write the quote's words in this language")
        if not words["by"]:
            check.error(line["by"], f"{where} by: who translated is required",
                        "write by: the editors (or a name, or 'machine (engine)')")
        if words["text"] and words["by"]:
            found.append(QuoteTranslation(language, words["text"], words["by"]))
    return tuple(sorted(found, key=lambda t: t.language))


def _attribution(check: _Checker, fields: Mapping[str, Value], words: dict[str, str]
                 ) -> Attribution:
    written = words["attribution"]
    if not written or written == "attributed":
        return "attributed"
    line = fields["attribution"].line
    if written != "unattributed":
        check.error(line, f"quote: attribution '{written}' is not one of "
                    f"{', '.join(ATTRIBUTIONS)}{did_you_mean(written, ATTRIBUTIONS)}",
                    "write attribution: unattributed for words with no reliable speaker")
        return "attributed"
    if "speaker" in fields and fields["speaker"].data is not None:
        check.error(fields["speaker"].line, f"quote: speaker '{words['speaker']}' is given, "
                    "but the quote is marked unattributed",
                    "remove speaker:, or remove attribution: unattributed")
    if not words["note"]:
        check.error(line, "quote: an unattributed quote needs a note:",
                    "say what is known of where the words come from, e.g. note: a pull "
                    "quote with no speaker in the text")
    return "unattributed"


def _check_variants(check: _Checker, found: Sequence[Quote]) -> None:
    """Ids unique within the event; ``variant_of`` names one of them, and not in a circle;
    likely variants nobody declared get a note (a hint, never an error)."""
    by_id: dict[str, Quote] = {}
    for quote in found:
        if not quote.id:
            continue
        if quote.id in by_id:
            check.error(quote.line, f"quote: id '{quote.id}' is already used by the quote on "
                        f"line {by_id[quote.id].line}", "give each quote of an event its own id")
        else:
            by_id[quote.id] = quote
    for quote in found:
        target = quote.variant_of
        if not target:
            continue
        if target == quote.id:
            check.error(quote.line, f"quote: variant_of '{target}' names the quote itself",
                        "name the id of the other version")
        elif target not in by_id:
            known = f"{did_you_mean(target, by_id)}" if by_id else ""
            check.error(quote.line, f"quote: variant_of '{target}' is not the id of a quote "
                        f"of this event{known}",
                        "give the other version id: and name it here")
        elif _variant_cycle(quote, by_id):
            check.error(quote.line, f"quote: variant_of '{target}' goes round in a circle",
                        "let one version be the original: remove its variant_of")
    for hint in variants.suggestions(found):
        fix = f"add variant_of: {hint.like.id} here" if hint.like.id else \
            f"give the quote on line {hint.like.line} an id: and add variant_of: with it here"
        check.note(hint.quote.line, f"quote: looks like a variant of the quote on line "
                   f"{hint.like.line} ({hint.score:.0f}% alike)",
                   f"if both render the same words, {fix}")


def _variant_cycle(quote: Quote, by_id: Mapping[str, Quote]) -> bool:
    seen = {quote.id} if quote.id else set()
    current = quote
    while current.variant_of in by_id:
        current = by_id[current.variant_of]
        if current.id in seen:
            return True
        seen.add(current.id)
    return False


def _verify(check: _Checker, line: int, quote_text: str, source: Source, what: str = "quote"
            ) -> bool:
    if not source.has_text:
        check.note(line, f"{what}: source '{source.id}' has no archived text, so this {what} "
                   "cannot be verified", f"paste the source's text into {source.path}")
        return False
    verdict = quotes.verify(quote_text, source.body)
    if not verdict.found:
        closest = f"closest passage ({verdict.score:.0f}% alike): \"{verdict.closest}\"" \
            if verdict.closest else "nothing close"
        check.error(line, f"{what}: not found in the text of source '{source.id}'; {closest}",
                    "copy the words exactly as the source has them; mark cuts with …")
    return verdict.found


def _mappings(check: _Checker, key: str, shape: str) -> list[Value]:
    """The items of a list-of-mappings key (disputes:, corrections:); bad items reported."""
    value = check.document.fields.get(key)
    if value is None or value.data is None:
        return []
    if not isinstance(value.data, list):
        check.error(value.line, f"{key}: must be a list of {{{shape}}}",
                    f"write '- {shape.split(',')[0]}: …' lines under {key}:, indented")
        return []
    items = []
    for item in value.data:
        if isinstance(item.data, dict):
            items.append(item)
        else:
            check.error(item.line, f"{key}: each item needs {shape}")
    return items


def _unknown_keys(check: _Checker, fields: Mapping[str, Value], allowed: Sequence[str],
                  what: str) -> None:
    for key, value in fields.items():
        if key not in allowed:
            check.error(value.line, f"{what}: unknown key '{key}'{did_you_mean(key, allowed)}",
                        f"{what} keys are: {', '.join(allowed)}")


def _disputes(check: _Checker, sources: tuple[str, ...], refs: _References
              ) -> tuple[Dispute, ...]:
    found: list[Dispute] = []
    for item in _mappings(check, "disputes", "source, says, note, sources"):
        fields = item.data
        assert isinstance(fields, dict)
        _unknown_keys(check, fields, DISPUTE_KEYS, "dispute")
        words = {key: _scalar_field(check, fields, key, "dispute")
                 for key in ("source", "says", "note")}
        missing = [key for key, written in words.items() if not written]
        for key in missing:
            given = fields.get(key)
            check.error(given.line if given else item.line,
                        f"dispute: '{key}:' is missing or empty",
                        "a dispute names the source:, what it says: and our note:")
        source_id = words["source"]
        if source_id and source_id not in sources:
            check.error(fields["source"].line, f"dispute: source '{source_id}' is not one of "
                        f"this event's sources{did_you_mean(source_id, sources)}",
                        "a dispute is about a source the event cites: add it to sources:")
            continue
        backing = _dispute_sources(check, fields.get("sources"), sources, source_id)
        if missing or source_id not in refs.sources:
            continue
        verified = _verify(check, fields["says"].line, words["says"], refs.sources[source_id],
                           "dispute")
        found.append(Dispute(source_id, words["says"], words["note"], backing, verified,
                             item.line))
    return tuple(found)


def _dispute_sources(check: _Checker, value: Value | None, sources: tuple[str, ...],
                     disputed: str) -> tuple[str, ...]:
    if value is None or value.data is None:
        return ()
    if not isinstance(value.data, list):
        check.error(value.line, f"dispute: sources: must be a list, not '{value.text()}'",
                    f"write sources: [{value.text() or '…'}]")
        return ()
    result: list[str] = []
    for item in value.data:
        name = item.text().strip() if item.is_scalar else ""
        if not name:
            check.error(item.line, "dispute: sources: each item must be a source id")
        elif name == disputed:
            check.error(item.line, f"dispute: sources: '{name}' is the disputed source itself",
                        "list the sources that give the correct account")
        elif name not in sources:
            check.error(item.line, f"dispute: sources: '{name}' is not one of this event's "
                        f"sources{did_you_mean(name, sources)}", f"add {name} to sources:")
        elif name not in result:
            result.append(name)
    return tuple(result)


def _corrections(check: _Checker, refs: _References) -> tuple[Correction, ...]:
    found: list[Correction] = []
    for item in _mappings(check, "corrections", "date, text"):
        fields = item.data
        assert isinstance(fields, dict)
        _unknown_keys(check, fields, CORRECTION_KEYS, "correction")
        written_date = _scalar_field(check, fields, "date", "correction")
        written_text = _scalar_field(check, fields, "text", "correction")
        line = fields["date"].line if "date" in fields else item.line
        if not written_date or not written_text:
            key = "date" if not written_date else "text"
            check.error(fields[key].line if key in fields else item.line,
                        f"correction: '{key}:' is missing or empty",
                        "a correction has date: YYYY-MM-DD (the day it was made) and text:")
            continue
        day = _correction_day(check, line, written_date, refs)
        if day is None:
            continue
        if found and day < found[-1].date:
            check.error(line, f"correction: {day.isoformat()} comes after "
                        f"{found[-1].date.isoformat()}; corrections are listed oldest first",
                        "move this correction above the later one")
        minor = flag_of(fields.get("minor"), "minor", check.error, "correction: ")
        found.append(Correction(day, written_text, line, bool(minor)))
    return tuple(found)


def _withdrawn(check: _Checker) -> Withdrawal | None:
    """``withdrawn: {date: YYYY-MM-DD, reason: …}``: both keys, the date a day."""
    value = check.document.fields.get("withdrawn")
    if value is None or value.data is None or value.tag == INVALID:
        return None
    shape = "write withdrawn: {date: 2026-12-06, reason: why it was taken down}"
    if not isinstance(value.data, dict):
        check.error(value.line, "withdrawn: must be a mapping of date: and reason:", shape)
        return None
    fields = value.data
    _unknown_keys(check, fields, WITHDRAWN_KEYS, "withdrawn")
    written = {key: _scalar_field(check, fields, key, "withdrawn") for key in WITHDRAWN_KEYS}
    for key in WITHDRAWN_KEYS:
        if not written[key]:
            check.error(fields[key].line if key in fields else value.line,
                        f"withdrawn: '{key}:' is missing or empty", shape)
    if not all(written.values()):
        return None
    line = fields["date"].line
    try:
        day = dt.date.fromisoformat(written["date"]) \
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written["date"]) else None
    except ValueError:
        day = None
    if day is None:
        check.error(line, f"withdrawn: date '{written['date']}' is not a day written "
                    "YYYY-MM-DD", "write the day it was withdrawn, e.g. 2026-12-06")
        return None
    return Withdrawal(day, written["reason"], value.line)


def _correction_day(check: _Checker, line: int, written: str, refs: _References
                    ) -> dt.date | None:
    try:
        day = dates.resolve_date(written, calendars=refs.calendars, allow_relative=False)
    except dates.DateError as exc:
        check.error(line, f"correction: date: {exc}")
        return None
    if day.precision != "day":
        check.error(line, f"correction: date '{written}' is not a day",
                    "write the day the correction was made, e.g. 2024-03-01")
        return None
    return day.value


def _check_citations(check: _Checker, sources: tuple[str, ...], refs: _References) -> None:
    """``[@id]`` in the body: a source this event cites (so its number is in the list)."""
    document = check.document
    for citation in citations.find(document.body, document.body_line):
        name = citation.source_id
        if name in sources:
            continue
        if name in refs.sources or ("source", name) in refs.files:
            check.error(citation.line, f"citation [@{name}] is not one of this event's sources",
                        f"add {name} to sources:, or cite one of {', '.join(sources) or '…'}")
        else:
            check.error(citation.line, f"citation [@{name}]: no source '{name}'"
                        f"{did_you_mean(name, sources or refs.sources)}",
                        f"cite one of this event's sources: {', '.join(sources) or '…'}")


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


def id_clashes(files: Sequence[tuple[str, str, str]]) -> set[str]:
    """The paths of the files (kind, id, path) whose id clashes with another file's (two
    files of one kind and id, or an event id that another event's heading or the page
    itself uses): a check of some files adds them, since a change can break these."""
    groups: dict[tuple[str, str], list[str]] = {}
    for kind, name, path in files:
        groups.setdefault((kind, name), []).append(path)
    clashing = {path for paths in groups.values() if len(paths) > 1 for path in paths}
    events = [(name, path) for kind, name, path in files if kind == "event"]
    ids = {name for name, _ in events}
    for name, path in events:
        if page_ids.collision(name, ids):
            clashing.add(path)
            base = name.removesuffix(page_ids.TITLE_SUFFIX)
            clashing.update(other for other_name, other in events if other_name == base)
    return clashing


def validate(documents: list[Document], calendars: Sequence[Calendar] = (),
             embed_hosts: Sequence[str] = (), media: MediaContext | None = None, *,
             render: RenderBody = markdown_to_html, languages: Sequence[str] = ("en",)
             ) -> tuple[Timeline, list[Diagnostic]]:
    """Check everything, report everything; the Timeline holds only what is valid.

    ``languages`` are the site's editions (the default first): a quote's translations
    must be into one of them.

    ``render`` turns a body into the HTML its summary is taken from: markdown_to_html, or
    a door's cache of it (:class:`timeline_builder.markup.body_cache.BodyCache`)."""
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
    lineage_lines = {d.id: d.fields["derived_from"].line for d in documents
                     if d.kind == "source" and "derived_from" in d.fields}
    sources = _check_lineage(sources, files, problems, lineage_lines)
    refs = _References({a.id: a for a in actors}, {s.id: s for s in sources}, tuple(calendars),
                       files, tuple(embed_hosts), media, render, tuple(languages))
    events: list[Event] = build("event", lambda d: _build_event(d, refs))
    collisions = _page_id_collisions(documents)
    problems.extend(collisions)
    clashing = {problem.path for problem in collisions}
    events = [event for event in events if event.path not in clashing]  # never published
    withdrawn = [event for event in events if event.withdrawn is not None]
    events = [event for event in events if event.withdrawn is None]
    timeline = Timeline(
        events=tuple(sorted(events, key=lambda e: e.sort_key)),
        withdrawn=tuple(sorted(withdrawn, key=lambda e: e.sort_key)),
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
        calendars=tuple(calendars),
    )
    return timeline, sorted(set(problems))

