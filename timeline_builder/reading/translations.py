"""Translation files beside their originals: ``events/sochi-meeting.uk.md``.

A translation holds only what can be translated (an event's title, body and media captions
and alts by position; an actor's name, role, aliases and body; a page's title and body) and a
``translation:`` record (``from``, ``by``, ``status``, ``original_sha256``). Everything else is
the original's, so setting it here is an error on its line, as is a language the site has no
edition for, a missing original, or a ``from`` that is not the original's language.

Staleness is a hash: ``original_sha256`` is the SHA-256 of the original's translatable text
(:func:`translatable_sha256`) when the translation was made (``timeline translation stamp``
writes it); when the original's text no longer has it, ``check`` warns and the page says so.
Sources are never translated: a source is cited as it was published.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from timeline_builder.core.diagnostics import Diagnostic, error, warning
from timeline_builder.reading.load import (
    KIND_DIRS,
    Document,
    Value,
    display_path,
    language_suffix,
    parse_document,
)

TranslatedKind = Literal["event", "actor", "page"]
# What a translation may set, by kind (the body is always translatable).
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "event": ("title", "media", "translation"),
    "actor": ("name", "role", "aliases", "translation"),
    "page": ("title", "description", "translation"),
}
RECORD_KEYS = ("from", "by", "status", "original_sha256")
STATUSES = ("draft", "reviewed")
MEDIA_KEYS = ("caption", "alt")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


def is_content_file(path: Path) -> bool:
    """An original under events/, actors/ or sources/ (not a translation beside one)."""
    return language_suffix(path.name) is None


@dataclass(frozen=True)
class Translation:
    """One valid translation file; ``fields`` holds only translatable keys."""

    kind: TranslatedKind
    id: str
    """The original's id (events, actors) or its path under the content folder (pages)."""
    language: str
    path: str
    fields: Mapping[str, Value] = field(default_factory=dict)
    body: str = ""
    by: str = ""
    status: str = "draft"
    original_sha256: str = ""
    stale: bool = False

    def text(self, key: str) -> str:
        value = self.fields.get(key)
        return value.text().strip() if value is not None and value.is_scalar else ""

    def media_text(self, position: int, key: str) -> str:
        """The caption or alt of the original's ``position``-th media item, if translated."""
        value = self.fields.get("media")
        items = value.data if value is not None and isinstance(value.data, list) else []
        if position >= len(items) or not isinstance(items[position].data, dict):
            return ""
        found = items[position].data.get(key)  # type: ignore[union-attr]
        return found.text().strip() if found is not None else ""


@dataclass(frozen=True)
class Translations:
    """Every valid translation, found by (kind, id, language)."""

    items: tuple[Translation, ...] = ()

    def get(self, kind: str, identifier: str, language: str) -> Translation | None:
        return self._index.get((kind, identifier, language))

    @property
    def _index(self) -> dict[tuple[str, str, str], Translation]:
        cached = self.__dict__.get("_by_key")
        if cached is None:
            cached = {(t.kind, t.id, t.language): t for t in self.items}
            object.__setattr__(self, "_by_key", cached)
        return cached


def translatable_sha256(kind: str, fields: Mapping[str, Value], body: str) -> str:
    """The hash of what a translation translates, as written (not rendered): the title or
    name and role, media captions and alts, and the body, in a fixed JSON layout."""
    shown: dict[str, object] = {"body": body.strip()}
    for key in TRANSLATABLE[kind]:
        if key == "translation" or key not in fields:
            continue
        value = fields[key]
        if key == "media":
            items = value.data if isinstance(value.data, list) else []
            shown[key] = [{name: item.data[name].text() for name in MEDIA_KEYS
                           if isinstance(item.data, dict) and name in item.data}
                          for item in items]
        elif isinstance(value.data, list):
            shown[key] = [item.text() for item in value.data]
        else:
            shown[key] = value.text()
    text = json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Original:
    """What a translation is checked against: its original's kind, fields and body."""

    kind: TranslatedKind
    id: str
    path: str
    fields: Mapping[str, Value]
    body: str

    @property
    def sha256(self) -> str:
        return translatable_sha256(self.kind, self.fields, self.body)


def originals_of(documents: Iterable[Document]) -> dict[tuple[str, str], Original]:
    return {(d.kind, d.id): Original(d.kind, d.id, d.path, d.fields, d.body)  # type: ignore[arg-type]
            for d in documents if d.kind in ("event", "actor")}


def page_original(path: Path, relative: str) -> Original | None:
    """An explainer or other page as an original (its front matter is optional)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    document, _ = parse_document(raw, "event", path.stem, display_path(path))
    if document is None:  # no front matter: the whole file is the body
        text = raw.decode("utf-8-sig", "replace").replace("\r\n", "\n")
        return Original("page", relative, display_path(path), {}, text)
    return Original("page", relative, display_path(path), document.fields, document.body)


def translation_files(content_dir: Path, with_pages: bool
                      ) -> list[tuple[TranslatedKind | Literal["source"], Path, str]]:
    """Every ``*.<lang>.md`` (kind, path, path under the content folder); pages only on a
    site with editions (without, ``about.uk.md`` is an ordinary page, as it always was)."""
    found: list[tuple[TranslatedKind | Literal["source"], Path, str]] = []
    if not content_dir.is_dir():
        return found
    for path in sorted(content_dir.rglob("*.md")):
        relative = path.relative_to(content_dir).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(relative).parts) or \
                relative.startswith("templates/") or path.is_symlink() or \
                language_suffix(path.name) is None:
            continue
        folder = relative.split("/")[0]
        if folder in KIND_DIRS and "/" in relative:
            found.append((KIND_DIRS[folder], path, relative))  # type: ignore[arg-type]
        elif with_pages:
            found.append(("page", path, relative))
    return found


def _translation_files_among(content_dir: Path, paths: Collection[Path], with_pages: bool
                             ) -> list[tuple[TranslatedKind | Literal["source"], Path, str]]:
    """:func:`translation_files`, for the given paths only (a check of some files): the same
    rules, without walking the whole folder."""
    found: list[tuple[TranslatedKind | Literal["source"], Path, str]] = []
    root = content_dir.resolve()
    for path in sorted(set(paths)):
        try:
            relative = path.resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        if any(part.startswith(".") for part in PurePosixPath(relative).parts) or \
                relative.startswith("templates/") or path.is_symlink() or \
                not path.is_file() or language_suffix(path.name) is None:
            continue
        folder = relative.split("/")[0]
        if folder in KIND_DIRS and "/" in relative:
            found.append((KIND_DIRS[folder], content_dir / relative,  # type: ignore[arg-type]
                          relative))
        elif with_pages:
            found.append(("page", content_dir / relative, relative))
    return found


def read_translations(content_dir: Path, originals: Mapping[tuple[str, str], Original],
                      languages: Sequence[str], *, max_bytes: int,
                      only: Collection[Path] | None = None
                      ) -> tuple[Translations, list[Diagnostic]]:
    """Every translation file under ``content_dir`` (or, with ``only``, those of these
    paths that are translation files), checked against its original."""
    items: list[Translation] = []
    problems: list[Diagnostic] = []
    listed = translation_files(content_dir, bool(languages)) if only is None else \
        _translation_files_among(content_dir, only, bool(languages))
    for kind, path, relative in listed:
        shown = display_path(path)
        stem, language = language_suffix(path.name)  # type: ignore[misc]
        if kind == "source":
            problems.append(error(shown, 1, "sources are not translated: a source is cited "
                                  "as it was published", "remove this file; say the source's "
                                  "language with language: in the original"))
            continue
        if not languages:
            problems.append(error(shown, 1, f"a translation ('.{language}.md') on a site with "
                                  "one edition", "add languages: [en, "
                                  f"{language}] to the timeline plugin in mkdocs.yml"))
            continue
        if language not in languages[1:]:
            problems.append(_unknown_language(shown, language, languages))
            continue
        original = _original(kind, stem, relative, content_dir, originals)
        if original is None:
            problems.append(error(shown, 1, f"no original for this translation: "
                                  f"{_original_path(relative, stem)} does not exist",
                                  "name the file after its original: <id>."
                                  f"{language}.md beside <id>.md"))
            continue
        translation, found = _read(path, kind, stem, relative, language, original, languages,
                                   max_bytes)
        problems += found
        if translation is not None:
            items.append(translation)
    return Translations(tuple(items)), problems


def _unknown_language(shown: str, language: str, languages: Sequence[str]) -> Diagnostic:
    if language == languages[0]:
        return error(shown, 1, f"'{language}' is the default edition's language: the "
                     "original is its text", "remove this file, or edit the original")
    return error(shown, 1, f"'{language}' is not one of the site's editions "
                 f"({', '.join(languages[1:])})",
                 f"add {language} to languages: in mkdocs.yml, or rename the file")


def _original_path(relative: str, stem: str) -> str:
    parent = PurePosixPath(relative).parent
    return f"content/{(parent / f'{stem}.md').as_posix()}"


def _original(kind: TranslatedKind, stem: str, relative: str, content_dir: Path,
              originals: Mapping[tuple[str, str], Original]) -> Original | None:
    if kind != "page":
        return originals.get((kind, stem))
    original = (PurePosixPath(relative).parent / f"{stem}.md").as_posix()
    path = content_dir / original
    return page_original(path, original) if path.is_file() else None


def _read(path: Path, kind: TranslatedKind, stem: str, relative: str, language: str,
          original: Original, languages: Sequence[str], max_bytes: int
          ) -> tuple[Translation | None, list[Diagnostic]]:
    shown = display_path(path)
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= max_bytes else b""
    except OSError as exc:
        return None, [error(shown, 1, f"cannot read file: {exc.strerror or exc}")]
    if size > max_bytes:
        return None, [error(shown, 1, f"file is {size:,} bytes, over the limit of "
                            f"{max_bytes:,}", "split it or raise max_file_bytes")]
    document, problems = parse_document(raw, "event", stem, shown)
    if document is None:
        return None, problems
    problems = list(problems)
    for key, value in document.fields.items():
        if key not in TRANSLATABLE[kind]:
            problems.append(_not_translatable(shown, kind, key, value, original))
    if kind == "event" and "media" in document.fields:
        problems += _check_media(shown, document.fields["media"], original)
    record = document.fields.get("translation")
    if record is None:
        problems.append(error(shown, 1, "a translation needs a translation: record",
                              f"add translation: {{from: {languages[0]}, by: …, status: "
                              "draft}"))
        return None, problems
    checked = _check_record(shown, record, languages[0], problems)
    if checked is None or any(p.severity == "error" for p in problems):
        return None, problems
    by, status, stamped = checked
    if kind == "page" and not document.body.strip():
        # A page is its body: an empty one would publish a blank page in the edition.
        problems.append(warning(shown, record.line, "this translation has no text, so the "
                                "original is shown in its place, marked as not translated",
                                "translate the page below the front matter, or remove "
                                "this file"))
        return None, problems
    stale = bool(stamped) and stamped != original.sha256
    if stale:
        problems.append(warning(shown, record.line, f"stale translation: "
                                f"{original.path} changed since it was translated",
                                f"update the translation, then run timeline translation "
                                f"stamp {shown}"))
    elif not stamped:
        problems.append(warning(shown, record.line, "translation: no original_sha256, so a "
                                "change to the original would go unnoticed",
                                f"run timeline translation stamp {shown}"))
    fields = {key: value for key, value in document.fields.items()
              if key in TRANSLATABLE[kind] and key != "translation"}
    return Translation(kind, original.id, language, shown, fields, document.body, by, status,
                       stamped, stale), problems


def _not_translatable(shown: str, kind: TranslatedKind, key: str, value: Value,
                      original: Original) -> Diagnostic:
    allowed = ", ".join(k for k in TRANSLATABLE[kind] if k != "translation")
    if key == "quotes":
        return error(shown, value.line, "quotes: a quote keeps its source's words and is not "
                     "translated here", f"add translations: {{<lang>: {{text, by}}}} to the "
                     f"quote in {original.path}")
    return error(shown, value.line, f"{key}: is the original's ({original.path}), not "
                 "translatable", f"remove it; a translation holds {allowed} and the body")


def _check_media(shown: str, value: Value, original: Original) -> list[Diagnostic]:
    items = value.data if isinstance(value.data, list) else None
    if items is None:
        return [error(shown, value.line, "media: must be a list, one entry per item of the "
                      "original's media, in order", "write media: [{caption: …, alt: …}]")]
    given = original.fields.get("media")
    count = len(given.data) if given is not None and isinstance(given.data, list) else 0
    problems: list[Diagnostic] = []
    if len(items) > count:
        problems.append(error(shown, items[count].line, f"media: the original has {count} "
                              f"item(s); this is item {count + 1}",
                              "translate the original's items by position, no more"))
    for item in items:
        keys = item.data if isinstance(item.data, dict) else {}
        for key, found in keys.items():
            if key not in MEDIA_KEYS:
                problems.append(error(shown, found.line, f"media: {key}: is the original's, "
                                      "not translatable", "a translated item holds caption "
                                      "and alt"))
    return problems


def _check_record(shown: str, record: Value, default: str, problems: list[Diagnostic]
                  ) -> tuple[str, str, str] | None:
    if not isinstance(record.data, dict):
        problems.append(error(shown, record.line, "translation: must be a mapping",
                              f"write translation: {{from: {default}, by: the editors, "
                              "status: draft}"))
        return None
    values = record.data
    for key, value in values.items():
        if key not in RECORD_KEYS:
            problems.append(error(shown, value.line, f"translation: unknown key '{key}'",
                                  f"the keys are {', '.join(RECORD_KEYS)}"))
    written = {key: values[key].text().strip() if key in values else "" for key in RECORD_KEYS}
    line = {key: values[key].line if key in values else record.line for key in RECORD_KEYS}
    if written["from"] != default:
        problems.append(error(shown, line["from"], f"translation: from: "
                              f"'{written['from']}' is not the original's language",
                              f"write from: {default}"))
    if not written["by"]:
        problems.append(error(shown, line["by"], "translation: by: who translated is "
                              "required", "write by: the editors (or a name, or "
                              "'machine (engine)')"))
    if written["status"] not in STATUSES:
        problems.append(error(shown, line["status"], f"translation: status: "
                              f"'{written['status']}' is not draft or reviewed",
                              "write status: draft"))
    stamped = written["original_sha256"]
    if stamped and not _SHA256.match(stamped):
        problems.append(error(shown, line["original_sha256"], "translation: original_sha256: "
                              "not a SHA-256", "run timeline translation stamp FILE"))
    return written["by"], written["status"], stamped
