"""Editing a contributor's file in place: named top-level keys, and the body, nothing else.

``timeline links --write`` changes one key (``url_status``) and ``timeline archive`` the
keys it fills and the body; every other byte of the file stays as the contributor wrote it:
comments, key order, quoting, blank lines, the BOM, CRLF line endings. So the edit is made
on lines, not by loading the YAML and dumping it again (which would drop comments and
re-quote everything). A key holding a block (a list, a mapping, a multi-line scalar) is
replaced whole.
"""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/%?&=+~@!,()-]*\Z|"
                    r"https?://[^\s#'\"]+(?:#[^\s'\"]*)?\Z")
_RESERVED = frozenset({"null", "true", "false", "yes", "no", "on", "off", "~"})


class EditError(ValueError):
    """The file's front matter cannot be found (no ``---`` lines)."""


def yaml_scalar(value: str) -> str:
    """A value YAML reads back exactly: plain when it is safe, else double-quoted (JSON
    strings are YAML)."""
    if value and _PLAIN.match(value) and value.lower() not in _RESERVED and \
            not value.endswith((" ", ":")) and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def split(text: str) -> tuple[list[str], list[str], str]:
    """(front matter lines, body lines, newline) of a file's text; lines without ends."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    start = 1 if lines and lines[0].lstrip("\ufeff").rstrip() == "---" else None
    if start is None:
        raise EditError("no front matter: the first line is not '---'")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise EditError("the front matter is not closed by a '---' line")
    return lines[:end + 1], lines[end + 1:], newline


def set_keys(text: str, values: dict[str, str]) -> str:
    """``text`` with each top-level key of ``values`` set (replaced where it is, or added
    before the closing ``---`` in the order given); the rest unchanged."""
    front, body, newline = split(text)
    for key, value in values.items():
        line = f"{key}: {yaml_scalar(value)}"
        span = _key_span(front, key)
        if span is None:
            front.insert(len(front) - 1, line)
        else:
            front[span[0]:span[1]] = [line + _comment(front[span[0]], span[1] - span[0])]
    return newline.join(front + body)


def set_body(text: str, body: str) -> str:
    """``text`` with its body (everything after the front matter) replaced."""
    front, _, newline = split(text)
    lines = body.strip("\n").split("\n") if body.strip() else []
    return newline.join(front + lines + [""])


def body_of(text: str) -> str:
    return "\n".join(split(text)[1])


def _key_span(front: list[str], key: str) -> tuple[int, int] | None:
    """Lines [start, end) of a top-level key and its value's continuation lines."""
    pattern = re.compile(rf"{re.escape(key)}\s*:(\s|$)")
    for index in range(1, len(front) - 1):
        if pattern.match(front[index]):
            end = index + 1
            while end < len(front) - 1 and (front[end][:1] in (" ", "\t") or
                                            (front[end].strip() == "" and
                                             _continues(front, end))):
                end += 1
            return index, end
    return None


def _continues(front: list[str], index: int) -> bool:
    """A blank line inside a block scalar: the next non-blank line is still indented."""
    for line in front[index + 1:len(front) - 1]:
        if line.strip():
            return line[:1] in (" ", "\t")
    return False


def _comment(line: str, length: int) -> str:
    """A trailing ``# comment`` of a one-line plain value is kept."""
    if length != 1:
        return ""
    found = re.search(r"\s(#.*)$", line.split(":", 1)[1]) if ":" in line else None
    value = line.split(":", 1)[1] if ":" in line else ""
    if found and not value.strip().startswith(("'", '"')):
        return "  " + found.group(1)
    return ""
