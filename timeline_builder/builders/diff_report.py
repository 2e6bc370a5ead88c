"""``timeline diff`` output: text for a terminal, JSON for tools, markdown for a pull
request's job summary (``$GITHUB_STEP_SUMMARY``), GitHub annotations for the policy.

Contributor text (titles, quotes, bodies) is untrusted in the markdown: every character
markdown or HTML would read is escaped, so a title cannot turn into a link, an image, a
table break or a tag in the editor's summary.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict

from timeline_builder.builders.diff_run import DiffResult
from timeline_builder.checks.editorial_diff import SECTIONS, Change, WordOp
from timeline_builder.core.diagnostics import Diagnostic, format_diagnostics

FORMATS = ("text", "json", "markdown", "github")
# Word diffs longer than this (in words of context) are cut around the changes.
CONTEXT_WORDS = 8


def render(result: DiffResult, style: str) -> str:
    if style == "json":
        return _json(result)
    if style == "markdown":
        return _markdown(result)
    if style == "github":
        return format_diagnostics(result.policy, "github")
    return _text(result)


def _counts(result: DiffResult) -> str:
    errors = sum(d.severity == "error" for d in result.policy)
    warnings = sum(d.severity == "warning" for d in result.policy)
    count = len(result.diff.changes)
    return (f"{count} change{'' if count == 1 else 's'}; corrections policy "
            f"({result.mode}): {errors} errors, {warnings} warnings")


def _text(result: DiffResult) -> str:
    diff = result.diff
    lines = [f"timeline diff: {diff.base} → {diff.head}"]
    for title, kinds in SECTIONS:
        changes = diff.section(kinds)
        if not changes:
            continue
        lines += ["", title]
        for change in changes:
            lines.append(f"  {change.subject}: {_one_line(change.message)}")
            if change.words and change.kind != "event-retitled":
                lines.append("      " + _text_words(change.words))
    if not diff.changes:
        lines += ["", "No editorial changes."]
    if result.policy:
        lines += ["", "Corrections policy"]
        lines += [diagnostic.text() for diagnostic in result.policy]
    lines += ["", _counts(result)]
    return "\n".join(lines) + "\n"


def _text_words(words: tuple[WordOp, ...]) -> str:
    """git's word-diff notation: [-removed-]{+added+}."""
    parts = [text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
             for op, text in _trimmed(words)]
    return _one_line(" ".join(parts))


def _trimmed(words: tuple[WordOp, ...]) -> list[WordOp]:
    """Long unchanged runs shortened to a few words either side of each change."""
    found: list[WordOp] = []
    last = len(words) - 1
    for index, (op, text) in enumerate(words):
        if op != "=":
            found.append((op, text))
            continue
        run = text.split()
        keep_before = CONTEXT_WORDS if index < last else 0  # words before the next change
        keep_after = CONTEXT_WORDS if index > 0 else 0  # words after the last change
        if len(run) <= keep_before + keep_after + 1 or (index == 0 and index == last):
            found.append((op, text))
            continue
        head = " ".join(run[:keep_after])
        tail = " ".join(run[len(run) - keep_before:]) if keep_before else ""
        found.append((op, " ".join(part for part in (head, "…", tail) if part)))
    return found


def _json(result: DiffResult) -> str:
    record = {
        "base": result.diff.base,
        "head": result.diff.head,
        "corrections": result.mode,
        "changes": [change.record() for change in result.diff.changes],
        "policy": [asdict(d) for d in sorted(set(result.policy))],
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


# Inline markdown that could turn text into a link, an image, emphasis, code or a table
# cell (the text never starts a line, so list and heading marks cannot act).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")


def escape(text: str) -> str:
    """Contributor text as literal characters in GitHub-flavoured markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(_one_line(text), quote=False))


def _markdown(result: DiffResult) -> str:
    diff = result.diff
    errors = [d for d in result.policy if d.severity == "error"]
    lines = [f"## Editorial diff: {escape(diff.base)} → {escape(diff.head)}", ""]
    if errors:
        lines += [f"> [!CAUTION]\n> {len(errors)} corrections-policy "
                  f"error{'' if len(errors) == 1 else 's'}: a published event changed "
                  "without a correction, or was deleted. See below.", ""]
    if not diff.changes:
        lines += ["No editorial changes.", ""]
    for title, kinds in SECTIONS:
        changes = diff.section(kinds)
        if not changes:
            continue
        lines += [f"### {title}", ""]
        lines += [_markdown_item(change) for change in changes]
        lines.append("")
    if result.policy:
        lines += [f"### Corrections policy ({result.mode})", ""]
        lines += [_markdown_diagnostic(d) for d in sorted(set(result.policy))]
        lines.append("")
    lines.append(escape(_counts(result)))
    return "\n".join(lines) + "\n"


def _markdown_item(change: Change) -> str:
    label = change.kind.replace("-", " ")
    item = f"- **{escape(label)}** `{_code(change.subject)}`: {escape(change.message)}"
    if change.words and change.kind != "event-retitled":
        item += "<br>" + _markdown_words(change.words)
    return item


def _markdown_words(words: tuple[WordOp, ...]) -> str:
    tags = {"-": "del", "+": "ins"}
    return " ".join(escape(text) if op == "=" else f"<{tags[op]}>{escape(text)}</{tags[op]}>"
                    for op, text in _trimmed(words))


def _markdown_diagnostic(diagnostic: Diagnostic) -> str:
    message = f"{diagnostic.message}; {diagnostic.hint}" if diagnostic.hint else \
        diagnostic.message
    return (f"- **{diagnostic.severity}** `{_code(f'{diagnostic.path}:{diagnostic.line}')}`: "
            f"{escape(message)}")


def _code(text: str) -> str:
    """Inside backticks nothing is markdown; a backtick itself cannot be, so it goes."""
    return _one_line(text).replace("`", "'")


def _one_line(text: str) -> str:
    return " ".join(text.split())
