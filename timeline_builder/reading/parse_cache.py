"""Parsed content files kept between runs of ``timeline check PATHS…``, keyed by content.

Parsing the front matter of every file (YAML with line numbers) is most of what reading
10,000 events costs; between two pre-commit runs almost every file is byte for byte the
same. Each entry is found by the file's path as shown, its kind and the SHA-256 of its
bytes (never its mtime: a checkout, a rebase or a clock can keep an mtime while the bytes
change), so an edited, renamed or deleted file always misses and is parsed again.

The file starts with a line naming the code version (:mod:`timeline_builder.core.code_version`)
and the SHA-256 of the rest: a cache written by other code, truncated, or edited is no cache,
never a source of documents the content does not have. It lives in the project's cache
folder outside the project (:mod:`timeline_builder.core.cache_home`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline_builder.core import citations
from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.code_version import code_version
from timeline_builder.core.diagnostics import Diagnostic
from timeline_builder.reading.load import Document, Kind, Parsed, Value, parse_document

FILE_NAME = "documents.json"
_SCALAR, _LIST, _MAP = 0, 1, 2


@dataclass(frozen=True)
class References:
    """What an event could cite, read from its front matter alone: the ids it lists as
    actors and sources, every other word-like value and ``[@id]`` in its body (a quote's
    speaker, a dispute's source), and its local pictures. Enough to tell whether it
    depends on a changed file, without keeping (or rebuilding) the whole document."""

    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    pictures: tuple[str, ...] = ()

    @classmethod
    def of(cls, document: Document) -> References:
        words = {text for text in _scalars(document.fields.values())
                 if len(text) <= _LONGEST_ID and not any(c.isspace() for c in text)}
        if "[@" in document.body:
            words.update(c.source_id for c in citations.find(document.body))
        media = document.fields.get("media")
        pictures = [text for item in (media.data if media and isinstance(media.data, list)
                                      else [])
                    if isinstance(item.data, dict)
                    for key in ("src", "poster") if (text := _text(item.data.get(key)))]
        return cls(_listed(document.fields.get("actors")),
                   _listed(document.fields.get("sources")), frozenset(words), tuple(pictures))


_LONGEST_ID = 200


def _text(value: Value | None) -> str:
    return value.text().strip() if value is not None and value.is_scalar else ""


def _listed(value: Value | None) -> tuple[str, ...]:
    if value is None or not isinstance(value.data, list):
        return ()
    return tuple(text for item in value.data if (text := _text(item)))


def _scalars(values: Iterable[Value]) -> Iterator[str]:
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value.data, list):
            stack += value.data
        elif isinstance(value.data, dict):
            stack += value.data.values()
        elif isinstance(value.data, str):
            yield value.data.strip()


class ParseCache:
    """``parse(raw, kind, stem, shown)`` as :func:`~timeline_builder.reading.load.parse_document`
    gives it, from the cache file when the bytes are the same; for events, only their
    :class:`References` (:meth:`references`): a check of some files rebuilds none of the
    events it does not report, and parses those it reports again."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILE_NAME if folder else None
        self.stored = _read(self.path) if self.path else {}
        self.used: dict[str, list[Any]] = {}
        self.parsed = 0  # files parsed in this run (the others came from the cache)

    def __call__(self, raw: bytes, kind: Kind, stem: str, shown: str) -> Parsed:
        digest = hashlib.sha256(raw).hexdigest()
        entry = self.stored.get(shown)
        if entry is not None and entry[0] == digest and entry[1] == kind and entry[2] == stem:
            try:
                parsed = _document(entry[3], kind, stem, shown), tuple(
                    Diagnostic(*problem) for problem in entry[4])
                self.used[shown] = entry
                return parsed
            except (TypeError, ValueError, KeyError, IndexError):
                pass  # a damaged entry: parse the file
        document, problems = parse_document(raw, kind, stem, shown)
        self.parsed += 1
        self.used[shown] = [digest, kind, stem, _document_record(document),
                            [list(_problem(problem)) for problem in problems]]
        return document, tuple(problems)

    def references(self, raw: bytes, stem: str, shown: str) -> References | None:
        """What the event file with these bytes cites; None if it is no document."""
        digest = hashlib.sha256(raw).hexdigest()
        entry = self.stored.get(shown)
        if entry is not None and entry[:3] == [digest, "refs", stem]:
            try:
                record = entry[3]
                found = None if record is None else References(
                    tuple(map(str, record[0])), tuple(map(str, record[1])),
                    frozenset(map(str, record[2])), tuple(map(str, record[3])))
                self.used[shown] = entry
                return found
            except (TypeError, ValueError, IndexError):
                pass  # a damaged entry: parse the file
        document, _ = parse_document(raw, "event", stem, shown)
        self.parsed += 1
        found = None if document is None else References.of(document)
        self.used[shown] = [digest, "refs", stem, None if found is None else [
            list(found.actors), list(found.sources), sorted(found.words), list(found.pictures)]]
        return found

    def save(self) -> None:
        """Keep the entries of this run (files gone since are dropped), if anything changed."""
        if not self.path or self.used == self.stored:
            return
        body = json.dumps(dict(sorted(self.used.items())), ensure_ascii=False,
                          separators=(",", ":"))
        header = json.dumps({"version": code_version(),
                             "sha256": hashlib.sha256(body.encode()).hexdigest()})
        with contextlib.suppress(OSError):  # a read-only cache home: the next run parses
            write_atomic(self.path, f"{header}\n{body}", force=True)
        self.stored = self.used


def _read(path: Path) -> dict[str, list[Any]]:
    """The entries of a whole cache file written by this code; otherwise none."""
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if not isinstance(meta, dict) or meta.get("version") != code_version() or \
                meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return {}
        entries = json.loads(body)
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _problem(problem: Diagnostic) -> tuple[str, int, str, str, str]:
    return problem.path, problem.line, problem.severity, problem.message, problem.hint


def _document_record(document: Document | None) -> list[Any] | None:
    if document is None:
        return None
    return [{key: _value_record(value) for key, value in document.fields.items()},
            document.body, document.body_line, document.broken]


def _value_record(value: Value) -> list[Any]:
    data = value.data
    if isinstance(data, list):
        return [_LIST, [_value_record(item) for item in data], value.line, value.tag]
    if isinstance(data, dict):
        return [_MAP, {key: _value_record(item) for key, item in data.items()}, value.line,
                value.tag]
    return [_SCALAR, data, value.line, value.tag]


def _document(record: list[Any] | None, kind: Kind, stem: str, shown: str) -> Document | None:
    if record is None:
        return None
    fields, body, body_line, broken = record
    return Document(kind, stem, shown, {key: _value(item) for key, item in fields.items()},
                    str(body), int(body_line), bool(broken))


def _value(record: list[Any]) -> Value:
    shape, data, line, tag = record
    if shape == _LIST:
        return Value([_value(item) for item in data], int(line), str(tag))
    if shape == _MAP:
        return Value({str(key): _value(item) for key, item in data.items()}, int(line),
                     str(tag))
    if not (data is None or isinstance(data, str | bool)):
        raise TypeError("not a scalar")
    return Value(data, int(line), str(tag))
