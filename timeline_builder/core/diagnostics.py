"""Problems found in content, as data: the core reports, each door decides what to do.

Every diagnostic carries the file and the line of the offending key so that a contributor
(or a GitHub annotation) lands exactly on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

# A note is information for the contributor (a likely quote variant, a quote that cannot be
# checked because its source keeps no text): shown by `timeline check`, never a failure,
# and not a warning, so `mkdocs build --strict` does not count it.
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    severity: Severity
    message: str
    hint: str = ""

    def text(self) -> str:
        """``content/events/x.md:3: error: date: … ; write …`` (one line, like a compiler)."""
        message = f"{self.message}; {self.hint}" if self.hint else self.message
        return f"{self.path}:{self.line}: {self.severity}: {_one_line(message)}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the contributor's line."""
        message = f"{self.message}; {self.hint}" if self.hint else self.message
        command = "notice" if self.severity == "note" else self.severity
        return (
            f"::{command} file={_escape_property(self.path)},line={self.line}"
            f"::{_escape_data(message)}"
        )


def error(path: str, line: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, max(line, 1), "error", message, hint)


def warning(path: str, line: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, max(line, 1), "warning", message, hint)


def note(path: str, line: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, max(line, 1), "note", message, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def format_diagnostics(diagnostics: Iterable[Diagnostic], style: str) -> str:
    """All diagnostics in one output, sorted by file and line (deterministic)."""
    ordered = sorted(set(diagnostics))
    if style == "json":
        return json.dumps([asdict(d) for d in ordered], ensure_ascii=False, indent=2) + "\n"
    lines = [d.github() if style == "github" else d.text() for d in ordered]
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
