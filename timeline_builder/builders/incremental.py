"""``timeline check PATHS…``: a full check's problems for some files, at a fraction of its cost.

What is reported is a set of files, and for each of them exactly what a full check says
(a test compares the two after edits, renames and deletions behind the cache):

- the named files (a deleted one too: its id is what other files may still cite);
- the files whose check depends on them: events citing a named actor or source (or a
  source derived from a named source, whose dates count from the original), sources
  derived from a named source, events whose id clashes with a named one, translations of
  a named file;
- every file whose reference is broken now, found from the ids alone: an event listing an
  actor or source no file defines, a source deriving from a missing source, a translation
  without its original, an event picture that is gone, ids used twice. That covers what
  no file name can say (pre-commit passes no deleted files, and only the new name of a
  renamed one).

Every file is still read, but its front matter comes from the parse cache
(:mod:`timeline_builder.reading.parse_cache`) when its bytes are the same, and only the
reported events are checked (:func:`~timeline_builder.checks.validate.validate` with
``only``). A named file that is not an event, actor, source or translation (an explainer,
a picture), or a page citing a named source, needs the site's page list, which only a
check of every event gives: then the whole content is checked (still from the cache) and
its problems filtered to the reported files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from timeline_builder.builders.pipeline import load_content, validate_documents
from timeline_builder.checks.media import looks_remote
from timeline_builder.checks.validate import id_clashes
from timeline_builder.config.settings import Settings
from timeline_builder.core import citations
from timeline_builder.core.cache_home import project_cache
from timeline_builder.core.diagnostics import Diagnostic
from timeline_builder.reading import inventory
from timeline_builder.reading.load import (
    KIND_DIRS,
    Document,
    Kind,
    Parsed,
    Value,
    discover,
    display_path,
    language_suffix,
    load_file,
    miscased_translation,
    parse_document,
)
from timeline_builder.reading.parse_cache import ParseCache, References
from timeline_builder.reading.translations import originals_of, read_translations


@dataclass
class Checked:
    """The problems of the reported files, which files those are, and what it cost."""

    problems: list[Diagnostic]
    reported: set[str]  # paths as diagnostics show them
    files: int  # content files read
    parsed: int  # of which parsed again (the rest came from the cache)
    whole: bool  # the whole content had to be checked (see the module's docstring)


@dataclass
class _Named:
    """The named paths, sorted by what a check of them needs."""

    documents: set[str] = field(default_factory=set)  # shown paths of events/actors/sources
    ids: set[str] = field(default_factory=set)  # ids of named actors and sources
    sources: set[str] = field(default_factory=set)  # ids of named sources
    translations: set[Path] = field(default_factory=set)
    others: set[str] = field(default_factory=set)  # shown paths of pages, pictures, assets


def check_files(settings: Settings, paths: Sequence[Path]) -> Checked:
    """A full check's problems for ``paths`` and the files their change can break."""
    root = settings.content_dir
    cache = ParseCache(project_cache(root.parent, "check"))
    read = _read_all(settings, cache)
    named = _sort_named(root, paths)
    pages, translations = _pages_and_translations(root, bool(settings.languages))
    reported = named.documents | named.others | {display_path(p) for p in named.translations}
    reported |= _dependents(read, named, root)
    cited_pages = _pages_citing(pages, named.sources, {d.id for d in read.documents
                                                       if d.kind == "source"})
    reported |= cited_pages
    chosen_translations = named.translations | _translations_of(translations, reported)
    reported |= {display_path(path) for path in chosen_translations}
    whole = bool(named.others or cited_pages)
    if whole:  # events as documents, not from the cache (it keeps their references)
        problems = load_content(settings, parse=lambda raw, kind, stem, shown: cache(
            raw, kind, stem, shown) if kind != "event" else _parse(raw, kind, stem, shown)
        ).problems
    else:
        problems = _check_some(settings, read, reported, chosen_translations)
    cache.save()
    return Checked(sorted({p for p in problems if p.path in reported}), reported,
                   len(cache.used), cache.parsed, whole)


@dataclass
class _Read:
    """Every content file read: actors and sources as documents, events as what they cite."""

    documents: list[Document]  # actors and sources
    events: dict[str, References | None]  # shown path → references (None: no document)
    files: list[tuple[Kind, Path, str]]  # every file discover found: kind, path, shown
    problems: list[Diagnostic]  # discover's and the actors' and sources' reading problems


def _read_all(settings: Settings, cache: ParseCache) -> _Read:
    found, problems = discover(settings.content_dir)
    documents: list[Document] = []
    events: dict[str, References | None] = {}
    files = []
    for kind, path in found:
        shown = display_path(path)
        files.append((kind, path, shown))
        if kind == "event":
            def refs(raw: bytes, _kind: Kind, stem: str, shown: str) -> Parsed:
                events[shown] = cache.references(raw, stem, shown)
                return None, ()
            load_file(path, kind, max_bytes=settings.max_file_bytes, shown=shown, parse=refs)
            continue
        document, file_problems = load_file(path, kind, max_bytes=settings.max_file_bytes,
                                            shown=shown, parse=cache)
        problems += file_problems
        if document is not None:
            documents.append(document)
    return _Read(documents, events, files, problems)


def _check_some(settings: Settings, read: _Read, reported: set[str],
                translations: set[Path]) -> list[Diagnostic]:
    """Validation of the reported events with every actor and source (an event's check
    depends on them all: a did-you-mean among every valid id), their inventory entries
    and the chosen translations."""
    root = settings.content_dir
    problems = list(read.problems)
    documents = []
    for kind, path, shown in read.files:  # discover's order, which validate reports by
        if kind == "event" and shown in reported:
            document, found = load_file(path, kind, max_bytes=settings.max_file_bytes,
                                        shown=shown)
            problems += found
            documents += [document] if document is not None else []
    order = {shown: index for index, (_, _, shown) in enumerate(read.files)}
    documents = sorted([*read.documents, *documents], key=lambda d: order[d.path])
    _, found = validate_documents(documents, settings)
    problems += found
    for _, path, shown in read.files:
        if shown in reported and (relative := _relative(root, path)) is not None:
            problems += inventory.classify(root, relative,
                                           directory_urls=settings.use_directory_urls)
    originals = originals_of([*documents, *_originals_needed(read, translations, settings)])
    _, translated = read_translations(root, originals, settings.languages,
                                      max_bytes=settings.max_file_bytes, only=translations)
    return [*problems, *translated]


def _originals_needed(read: _Read, translations: set[Path], settings: Settings
                      ) -> list[Document]:
    """The event documents the chosen translations are translations of."""
    wanted = set()
    for path in translations:
        stem, _ = language_suffix(path.name)  # type: ignore[misc]
        wanted.add(display_path(path.parent / f"{stem}.md"))
    found = []
    for kind, path, shown in read.files:
        if kind == "event" and shown in wanted:
            document, _ = load_file(path, kind, max_bytes=settings.max_file_bytes, shown=shown)
            found += [document] if document is not None else []
    return found


def _sort_named(root: Path, paths: Iterable[Path]) -> _Named:
    named = _Named()
    for path in _expanded(paths):
        relative = _relative(root, path)
        if relative is None:
            continue  # outside the content folder: nothing of the timeline's
        shown = display_path(root / relative)
        parts = PurePosixPath(relative).parts
        if miscased_translation(parts[-1]) is not None:
            named.others.add(shown)  # read by nothing: the inventory's scan says so
        elif len(parts) > 1 and parts[0] in KIND_DIRS and relative.endswith(".md"):
            if language_suffix(parts[-1]) is not None:
                named.translations.add(root / relative)
                continue
            named.documents.add(shown)
            stem = PurePosixPath(relative).stem
            if parts[0] != "events":
                named.ids.add(stem)
            if parts[0] == "sources":
                named.sources.add(stem)
        elif language_suffix(parts[-1]) is not None and relative.endswith(".md"):
            named.translations.add(root / relative)
        else:
            named.others.add(shown)
    return named


def _expanded(paths: Iterable[Path]) -> list[Path]:
    """Folders stand for every file under them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found += sorted(Path(folder) / name for folder, _, names in os.walk(path)
                            for name in names)
        else:
            found.append(path)
    return found


def _relative(root: Path, path: Path) -> str | None:
    """``path`` under the content folder, with ``/``; None outside it. Symlinks are not
    resolved (a symlinked file is reported as itself)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return None


def _pages_and_translations(root: Path, editions: bool) -> tuple[list[Path], list[Path]]:
    """Markdown pages outside events/, actors/ and sources/, and translation files, as the
    inventory lists files (no dot-files, no templates/)."""
    pages: list[Path] = []
    translations: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        relative_base = base.relative_to(root).as_posix()
        in_kind_dir = relative_base.split("/")[0] in KIND_DIRS
        if relative_base.startswith("templates"):
            continue
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(".md"):
                continue
            if language_suffix(name) is not None and (in_kind_dir or editions):
                translations.append(base / name)
            elif not in_kind_dir:
                pages.append(base / name)
    return pages, translations


def _dependents(read: _Read, named: _Named, root: Path) -> set[str]:
    """Shown paths of the files whose check depends on the named ones, or whose
    reference is broken now (see the module's docstring)."""
    defined: set[tuple[str, str]] = {(kind, path.stem) for kind, path, _ in read.files}
    changed = set(named.ids)
    derived: dict[str, list[Document]] = {}
    for document in read.documents:
        if document.kind == "source":
            derived.setdefault(_text(document.fields.get("derived_from")), []).append(document)
    found = id_clashes([(kind, path.stem, shown) for kind, path, shown in read.files])
    # Sources derived (at any remove) from a named source: their lineage and their events'
    # dates depend on it.
    queue = list(named.sources)
    while queue:
        for document in derived.get(queue.pop(), []):
            if document.path not in found:
                found.add(document.path)
                changed.add(document.id)
                queue.append(document.id)
    for document in read.documents:
        target = _text(document.fields.get("derived_from"))
        if document.kind == "source" and target and ("source", target) not in defined:
            found.add(document.path)
    for shown, refs in read.events.items():
        if refs is not None and _event_depends(refs, changed, defined, root):
            found.add(shown)
    return found


def _event_depends(refs: References, changed: set[str], defined: set[tuple[str, str]],
                   root: Path) -> bool:
    """The event mentions a changed id anywhere, lists an actor or source that no file
    defines, or shows a local picture that is not there."""
    if any(("actor", name) not in defined for name in refs.actors) or \
            any(("source", name) not in defined for name in refs.sources):
        return True
    if changed and not changed.isdisjoint(refs.words):
        return True
    return any(not looks_remote(src) and not (root / src).is_file() for src in refs.pictures)


def _pages_citing(pages: list[Path], changed: set[str], sources: set[str]) -> set[str]:
    """Pages that cite a named source, or a source no file defines."""
    found = set()
    for path in pages:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the inventory reports it, in a check of that page
        if "[@" not in text:
            continue
        for citation in citations.page_citations(text.replace("\r\n", "\n")):
            if citation.source_id in changed or citation.source_id not in sources:
                found.add(display_path(path))
                break
    return found


def _translations_of(translations: list[Path], reported: set[str]) -> set[Path]:
    """Translations of reported files, and those whose original is gone."""
    chosen = set()
    for path in translations:
        stem, _language = language_suffix(path.name)  # type: ignore[misc]
        original = path.parent / f"{stem}.md"
        if display_path(original) in reported or not original.is_file():
            chosen.add(path)
    return chosen


def _parse(raw: bytes, kind: Kind, stem: str, shown: str) -> Parsed:
    document, problems = parse_document(raw, kind, stem, shown)
    return document, tuple(problems)


def _text(value: Value | None) -> str:
    return value.text().strip() if value is not None and value.is_scalar else ""
