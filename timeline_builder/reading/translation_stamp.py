"""``timeline translation stamp FILE``: record which text of the original a translation is of.

It writes one key, ``original_sha256``, inside the file's ``translation:`` record and keeps
every other byte: a block record gets (or has replaced) its ``original_sha256:`` line; a
one-line flow record ``{from: en, …}`` gets the key before its ``}``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.reading.load import display_path, language_suffix, load_documents
from timeline_builder.reading.translations import (
    Original,
    originals_of,
    page_original,
)


def stamp(path: Path, content_dir: Path, languages: Sequence[str], *, max_bytes: int
          ) -> list[Diagnostic]:
    """Write the original's current hash into ``path``; problems instead when it cannot."""
    shown = display_path(path)
    parts = language_suffix(path.name)
    if parts is None or not path.is_file():
        return [error(shown, 1, "not a translation file (<id>.<lang>.md)",
                      "name a file such as content/events/sochi-meeting.uk.md")]
    original = _original_of(path, parts[0], content_dir, max_bytes)
    if original is None:
        return [error(shown, 1, "no original for this translation",
                      f"add {path.with_name(parts[0] + '.md')} first")]
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    record = next((i for i, line in enumerate(lines[:closing or 0])
                   if re.match(r"translation\s*:", line)), None)
    if closing is None or record is None:
        return [error(shown, 1, "no translation: record to stamp",
                      f"add translation: {{from: {languages[0] if languages else 'en'}, "
                      "by: the editors, status: draft}")]
    stamped = _stamped(lines, record, closing, original.sha256)
    if stamped is None:
        return [error(shown, record + 1, "translation: write the record as a block or on "
                      "one line", "e.g. translation: {from: en, by: the editors, status: draft}")]
    if stamped != lines:
        write_atomic(path, "\n".join(stamped).encode("utf-8"), force=True)
    return []


def _original_of(path: Path, stem: str, content_dir: Path, max_bytes: int) -> Original | None:
    relative = path.resolve().relative_to(content_dir.resolve()).as_posix() \
        if path.resolve().is_relative_to(content_dir.resolve()) else ""
    folder = relative.split("/")[0]
    if folder in ("events", "actors"):
        documents, _ = load_documents(content_dir, max_bytes=max_bytes)
        kind = folder[:-1]
        return originals_of(documents).get((kind, stem))
    original = path.with_name(f"{stem}.md")
    if not original.is_file():
        return None
    return page_original(original, str(Path(relative).with_name(f"{stem}.md")))


def _stamped(lines: list[str], record: int, closing: int, sha: str) -> list[str] | None:
    line = lines[record]
    after = line.split(":", 1)[1].strip()
    if after.startswith("{"):
        if not after.endswith("}"):
            return None
        if "original_sha256" in after:
            new = re.sub(r"original_sha256\s*:\s*[^,}]*", f"original_sha256: {sha}", line)
        else:
            new = line.rstrip()[:-1].rstrip() + f", original_sha256: {sha}}}"
        return [*lines[:record], new, *lines[record + 1:]]
    if after:
        return None
    children = [i for i in range(record + 1, closing) if lines[i].startswith((" ", "\t"))
                and lines[i].strip()]
    block = []
    for i in range(record + 1, closing):
        if not lines[i].startswith((" ", "\t")) and lines[i].strip():
            break
        block.append(i)
    if not children:
        return None
    indent = re.match(r"[ \t]*", lines[children[0]]).group(0)  # type: ignore[union-attr]
    found = next((i for i in block if lines[i].strip().startswith("original_sha256")), None)
    entry = f"{indent}original_sha256: {sha}"
    if found is not None:
        return [*lines[:found], entry, *lines[found + 1:]]
    last = block[-1] if block else record
    while last > record and not lines[last].strip():
        last -= 1
    return [*lines[:last + 1], entry, *lines[last + 1:]]
