"""Python-Markdown's internals, behind one door: its inline patterns, tried only on text
that could match them.

Private names this project depends on, each checked when the extension loads (a clear
error, not a silent slowdown) and guarded by a test in tests/markup/test_python_markdown.py:

- ``InlineProcessor.__handleInline`` (name-mangled): overridden, the loop over the
  patterns, run over the candidates only. Guarded by
  ``test_the_filter_skips_patterns_plain_text_cannot_match`` and
  ``test_the_filter_gives_python_markdowns_own_output``.
- ``InlineProcessor.__applyPattern`` (name-mangled): called, one pattern on one text,
  Python-Markdown's own code. Guarded by the same two tests.
- ``re._parser`` and ``re._constants`` (CPython): each pattern's regex is read to know
  which text it needs. Guarded by ``test_required_reads_the_needs_of_a_pattern`` and
  ``test_the_internals_we_use_are_there``.
- The priorities of the treeprocessors ``inline`` (20) and ``smarty`` (6): our subclass is
  registered in their places. Guarded by the output property test (another order gives
  other HTML).

``Markdown`` is pinned below its next minor release (pyproject.toml) because the
name-mangled loop changed within 3.x before.

Python-Markdown tries every inline pattern (about 15, and 16 more for smarty) on every
piece of text in Python, one regex at a time: at 10,000 events that loop was most of a
build (about 1 ms a body, three times the plain converter). Nearly every pattern needs a
given character or run to match (``[`` for links, ``` ` ``` for code, ``--`` for a dash,
``'`` or ``"`` for a smart quote), so a piece of text without any of them cannot match.

:func:`required` reads that from each pattern's own regex (parsed with the ``re``
module's parser, so nothing is listed by hand and a new pattern is covered or, when its
regex says nothing certain, always tried). :class:`FilteredInline` skips a pattern when
the text holds none of its needs, and otherwise runs Python-Markdown's own code. Matched
text is replaced by placeholders (``\\x02klzzwxh:0\\x03``) that hold no such character,
so text that lacks one never gains it. The output is the same, byte for byte; a property
test compares it with the stock converter.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

try:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # another Python: check_internals says so clearly
    sre = _parser = None
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

Needs = frozenset[str]
_SMALL_CLASS = 8  # a character class of more than this says little


def required(pattern: re.Pattern[str]) -> Needs | None:
    """Strings one of which every match of ``pattern`` contains, or None (no such set)."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    return _sequence(list(parsed), bool(pattern.flags & re.IGNORECASE))


def _sequence(items: list[tuple[Any, Any]], caseless: bool) -> Needs | None:
    """The best needs of a run of items: a run of fixed literals, or any one item's."""
    best: Needs | None = None
    run = ""
    for op, arg in [*items, (None, None)]:
        text = _fixed_text(op, arg, caseless)
        if text is not None:
            run += text
            continue
        if run:
            best = _better(best, frozenset([run]))
            run = ""
        if op is not None:
            best = _better(best, _item(op, arg, caseless))
    return best


def _fixed_text(op: Any, arg: Any, caseless: bool) -> str | None:
    """The exact text an item always matches (a literal, or one repeated a fixed number
    of times), or None."""
    if op is sre.LITERAL and not (caseless and chr(arg).isalpha()):
        return chr(arg)
    if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
        low, high, body = arg
        if low == high and low > 0 and len(body) == 1:
            (inner_op, inner_arg), = body
            inner = _fixed_text(inner_op, inner_arg, caseless)
            return inner * low if inner is not None else None
    return None


def _item(op: Any, arg: Any, caseless: bool) -> Needs | None:
    if op is sre.IN:
        chars = [chr(value) for kind, value in arg if kind is sre.LITERAL]
        if len(chars) != len(arg) or len(chars) > _SMALL_CLASS or \
                (caseless and any(char.isalpha() for char in chars)):
            return None  # negated, a range, a category, or letters under IGNORECASE
        return frozenset(chars)
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]), caseless)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(arg), caseless)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = arg
        return _sequence(list(body), caseless) if low > 0 else None
    if op is sre.BRANCH:
        branches = [_sequence(list(branch), caseless) for branch in arg[1]]
        if any(needs is None for needs in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None  # lookarounds match nothing; ANY, NOT_LITERAL, … need nothing certain


def _better(current: Needs | None, other: Needs | None) -> Needs | None:
    """Fewer alternatives first, then longer ones (rarer in prose)."""
    if other is None:
        return current
    if current is None:
        return other
    def rank(needs: Needs) -> tuple[int, int]:
        return len(needs), -min(len(text) for text in needs)
    return other if rank(other) < rank(current) else current


class _Table:
    """One processor's patterns in order, and which of them each trigger text serves: a
    substring test per trigger (a dozen, each a C scan) finds the triggers present in a
    piece of text, so the patterns it cannot match are skipped without a Python step each.
    (One regex of all triggers, tried at every position, cost more than the patterns it
    saved on long text.)"""

    def __init__(self, patterns: list[Any]) -> None:
        self.patterns = patterns
        self.always: list[int] = []
        by_trigger: dict[str, list[int]] = {}
        for index, pattern in enumerate(patterns):
            needs = required(pattern.getCompiledRegExp())
            if needs is None:
                self.always.append(index)
            for text in needs or ():
                by_trigger.setdefault(text, []).append(index)
        self.by_trigger = sorted(by_trigger.items())

    def candidates(self, data: str) -> list[int]:
        """The indices of the patterns that could match somewhere in ``data``, in order."""
        found = set(self.always)
        for text, indices in self.by_trigger:
            if text in data:
                found.update(indices)
        return sorted(found)


@lru_cache(maxsize=64)
def _table_of(patterns: tuple[Any, ...]) -> _Table:
    return _Table(list(patterns))


class FilteredInline(InlineProcessor):
    """Python-Markdown's inline processor, skipping patterns the text cannot match."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._table = _table_of(tuple(self.inlinePatterns))
        return super().run(tree, ancestors)

    # Python-Markdown's private method (name-mangled), the loop over the patterns: its own
    # steps, over the candidates only. After a match the same pattern is tried again from
    # where it stopped, as Python-Markdown does; the candidates stay valid, since
    # placeholders bring no trigger into the text.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        table = self._table
        start = 0
        for index in table.candidates(data):
            if index < patternIndex:
                continue
            matched = True
            while matched:
                data, matched, start = self._InlineProcessor__applyPattern(  # type: ignore[attr-defined]
                    table.patterns[index], data, index, start)
        return data


class MarkdownInternalsChanged(RuntimeError):
    """The installed Python-Markdown (or Python) no longer has a private name we use."""


# Python-Markdown registers its inline processors at these priorities (treeprocessors.py,
# extensions/smarty.py); ours take their places. A wrong number changes the output, which
# the property test compares with the stock converter.
_INLINE_PROCESSORS = {"inline": 20, "smarty": 6}
_PRIVATE_METHODS = ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")


def check_internals() -> None:
    """Raise :class:`MarkdownInternalsChanged` unless every private name we use exists."""
    missing = [name for name in _PRIVATE_METHODS if not hasattr(InlineProcessor, name)]
    missing += ["re._parser and re._constants"] if _parser is None or sre is None else []
    if missing:
        import markdown

        raise MarkdownInternalsChanged(
            f"timeline_builder: Python-Markdown {markdown.__version__} on Python "
            f"{sys.version.split()[0]} lacks {', '.join(missing)}, which "
            "timeline_builder/markup/python_markdown.py relies on; install the Markdown "
            "version of requirements.lock (make serve / make test do) or update that module")


class InlineFilterExtension(Extension):
    """Last in the list: each of Python-Markdown's inline processors registered by then is
    replaced by a :class:`FilteredInline` over the same patterns."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        check_internals()
        for name, priority in _INLINE_PROCESSORS.items():
            if name in md.treeprocessors and type(md.treeprocessors[name]) is InlineProcessor:
                filtered = FilteredInline(md)
                filtered.inlinePatterns = md.treeprocessors[name].inlinePatterns  # type: ignore[attr-defined]
                md.treeprocessors.register(filtered, name, priority)
        unknown = [p for p in md.treeprocessors if type(p) is InlineProcessor]
        if unknown:
            raise MarkdownInternalsChanged(
                "timeline_builder: an inline processor of Python-Markdown is registered under "
                "a name markup/python_markdown.py does not know; add it to _INLINE_PROCESSORS")
