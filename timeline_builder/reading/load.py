"""Reading content files into documents whose every value remembers its line.

We split the front matter by hand and compose it with PyYAML's C loader instead of using
python-frontmatter: we need the file line of every key, must refuse duplicate keys and
aliases (MkDocs and ``yaml.safe_load`` silently accept both), and must turn every read
problem (size, encoding, a missing ``---``) into a diagnostic instead of an exception.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from timeline_builder.core.diagnostics import Diagnostic, error, warning

try:  # libyaml is ~10x faster; the pure-Python loader gives the same nodes and marks
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML resolves plain scalars by YAML 1.1, where ``Yes``, ``NO``, ``on`` and ``y``
    are booleans and ``2022-05-23`` a timestamp: ``country: NO`` (Norway) would turn into
    false. We resolve by the YAML 1.2 core schema instead (the spec's section 10.3): only
    ``true``/``false`` are booleans and only ``null``/``~``/nothing is null. Numbers are
    resolved too, but every scalar keeps the text as written, so ``title: 1e3`` stays 1e3.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


_CORE_SCHEMA = (
    ("tag:yaml.org,2002:null", r"null|Null|NULL|~|", "nN~"),
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", "-+.0123456789"),
)
for _tag, _pattern, _first in _CORE_SCHEMA:
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(rf"\A(?:{_pattern})\Z"),
                                            [*_first, ""] if _tag.endswith("null") else
                                            list(_first))
_Loader = _CoreSchemaLoader

Kind = Literal["event", "actor", "source"]
KIND_DIRS: dict[str, Kind] = {"events": "event", "actors": "actor", "sources": "source"}
MAX_DEPTH = 20
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

Data = str | bool | None | list["Value"] | dict[str, "Value"]
INVALID = "!invalid"  # the tag of a value that was refused (and reported) while reading


@dataclass(frozen=True)
class Value:
    """A YAML value and the file line it starts on. Scalars keep their written text."""

    data: Data
    line: int
    tag: str = "tag:yaml.org,2002:str"

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.data, list | dict)

    def text(self) -> str:
        """A scalar as written (``2022-05-23`` stays a string; ``null`` becomes '')."""
        if self.data is None:
            return ""
        if isinstance(self.data, bool):
            return "true" if self.data else "false"
        return self.data if isinstance(self.data, str) else ""


Report = Callable[[int, str, str], None]  # (line, message, how to fix)


def flag_of(value: Value | None, key: str, report: Report, where: str = "") -> bool | None:
    """``key: true``/``false`` (absent or empty: False); anything else is reported, None.

    ``where`` names the enclosing key in the message (``media: graphic: …``)."""
    if value is None or value.data is None:
        return False
    if not isinstance(value.data, bool):
        report(value.line, f"{where}{key}: '{value.text()}' is not true or false",
               f"write '{key}: true'")
        return None
    return value.data


@dataclass(frozen=True)
class Document:
    kind: Kind
    id: str
    path: str
    fields: dict[str, Value] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # Reading found errors (reported already): the file is checked but never published.
    broken: bool = False


def display_path(path: Path) -> str:
    """Paths in diagnostics are relative to the current directory, like a compiler's."""
    text = os.fspath(path)
    here = os.getcwd() + os.sep
    # The common case (every content file of a build), without relpath's normalising:
    # an absolute, already normal path under the current directory.
    if text.startswith(here) and not _NOT_NORMAL.search(text):
        return text[len(here):]
    if text and not os.path.isabs(text) and not _NOT_NORMAL.search(text):
        return text  # relative and normal already: what relpath would give, without its cost
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return text


_NOT_NORMAL = re.compile(r"(^|[\\/])\.\.?([\\/]|$)|[\\/]{2}|[\\/]$")


def discover(content_dir: Path) -> tuple[list[tuple[Kind, Path]], list[Diagnostic]]:
    """Every original ``*.md`` under events/, actors/, sources/ (sorted; translations
    beside them are read by reading.translations); symlinks are not followed."""
    found: list[tuple[Kind, Path]] = []
    problems: list[Diagnostic] = []
    for folder, kind in KIND_DIRS.items():
        base = content_dir / folder
        if base.is_symlink():
            problems.append(warning(display_path(base), 1, "symlinked folder not followed"))
            continue
        for path in _walk_markdown(base):
            if path.is_dir():  # a symlinked folder inside: os.walk does not enter it
                problems.append(warning(display_path(path), 1, "symlinked folder not followed",
                                        "copy the files into content/ instead"))
                continue
            # A file that is no link, in folders walked without following links, is inside
            # the content folder: no need to resolve every path.
            if path.is_symlink():
                problems.append(
                    warning(display_path(path), 1, "symlink not followed",
                            "copy the file into content/ instead")
                )
                continue
            found.append((kind, path))
    return sorted(found, key=lambda item: str(item[1])), problems


def _walk_markdown(base: Path) -> Iterator[Path]:
    """Markdown files, and the symlinked folders that are not entered (so they are named)."""
    for directory, subdirs, files in os.walk(base, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        yield from (Path(directory) / d for d in subdirs if (Path(directory) / d).is_symlink())
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith(".") and \
                    language_suffix(name) is None and miscased_translation(name) is None:
                yield Path(directory) / name


_TRANSLATION = re.compile(r"(?P<stem>.+)\.(?P<language>[a-z]{2,3})\.md\Z")
_ANY_CASE_TRANSLATION = re.compile(r"(?P<stem>.+)\.(?P<language>[a-z]{2,3})\.md\Z",
                                   re.IGNORECASE)


def miscased_translation(name: str) -> str | None:
    """``sochi-meeting.UK.md`` (or ``.Uk.md``, ``.uk.MD``) → ``sochi-meeting.uk.md``: a
    translation whose language or suffix a contributor wrote in capitals, which would
    otherwise be read as an event called ``sochi-meeting.UK`` (issue 24). Only a language
    CLDR knows counts (``putin.Jr.md`` is just a bad id); a real translation → None."""
    found = _ANY_CASE_TRANSLATION.match(name)
    if found is None or language_suffix(name) is not None:
        return None
    language = found["language"].lower()
    from babel import localedata  # only for a name that looks like one: rare

    return f"{found['stem']}.{language}.md" if localedata.exists(language) else None


def language_suffix(name: str) -> tuple[str, str] | None:
    """``sochi-meeting.uk.md`` → ``("sochi-meeting", "uk")``: a translation beside its
    original (:mod:`timeline_builder.reading.translations`), not a content file of its own;
    an original → None."""
    found = _TRANSLATION.match(name)
    return (found["stem"], found["language"]) if found else None


def load_file(
    path: Path, kind: Kind, *, max_bytes: int, shown: str | None = None,
    parse: Parse | None = None,
) -> tuple[Document | None, list[Diagnostic]]:
    """Read one content file; on any problem return None and say exactly why.

    ``parse`` turns its bytes into a document: by default the last parse of this process
    (:class:`_LastParse`), or a door's cache of it (reading.parse_cache)."""
    shown = shown or display_path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the build forever
            return None, [error(shown, 1, "not a regular file")]
        size = info.st_size
        if size > max_bytes:
            return None, [error(shown, 1, f"file is {size:,} bytes, over the limit of "
                                f"{max_bytes:,}", "split it or raise max_file_bytes")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(shown, 1, f"cannot read file: {exc.strerror or exc}")]
    document, problems = (parse or _parsed)(raw, kind, path.stem, shown)
    return document, list(problems)


Parsed = tuple[Document | None, tuple[Diagnostic, ...]]
Parse = Callable[[bytes, Kind, str, str], Parsed]  # (bytes, kind, file stem, shown path)


class _LastParse:
    """The last parse of each file, reused while its bytes are the same: a ``mkdocs serve``
    rebuild after one edit parses one file again, not all of them (YAML with line numbers
    was a third of our share of a rebuild). One entry per file, replaced when it changes,
    so a long session holds one copy of the content, never every version of it; a process
    that builds many sites (a test run) keeps the files it read last."""

    def __init__(self, most: int = 1 << 16) -> None:
        self._by_file: dict[tuple[str, str, str], tuple[bytes, Parsed]] = {}
        self._most = most

    def __call__(self, raw: bytes, kind: Kind, stem: str, shown: str) -> Parsed:
        key = (shown, kind, stem)
        known = self._by_file.pop(key, None)
        if known is None or known[0] != raw:
            document, problems = parse_document(raw, kind, stem, shown)
            known = (raw, (document, tuple(problems)))
        self._by_file[key] = known  # last read last: the first entries are the oldest
        while len(self._by_file) > self._most:
            del self._by_file[next(iter(self._by_file))]
        return known[1]


_parsed = _LastParse()


def parse_document(
    raw: bytes, kind: Kind, stem: str, shown: str
) -> tuple[Document | None, list[Diagnostic]]:
    """Bytes → Document. Pure, so it can be fuzzed without touching the disk."""
    text, problem = _decode(raw, shown)
    if problem:
        return None, [problem]
    lines = text.split("\n")
    if not text.strip():
        return None, [error(shown, 1, "empty file",
                            "start with a '---' line, the front matter, and a closing '---'")]
    if lines[0].rstrip() != "---":
        return None, [error(shown, 1, "missing front matter: the first line must be '---'",
                            "put the keys between two '---' lines at the top")]
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")),
                   None)
    if closing is None:
        return None, [error(shown, 1, "front matter is not closed",
                            "add a line '---' after the last key")]
    fields, problems = parse_front_matter("\n".join(lines[1:closing]), shown)
    if fields is None:
        return None, problems
    body = "\n".join(lines[closing + 1:])
    broken = any(problem.severity == "error" for problem in problems)
    return Document(kind, stem, shown, fields, body, closing + 2, broken), problems


# Characters XML 1.0 cannot carry (feed.xml would fail to build) and that no one types on
# purpose: C0 controls other than tab and newlines, U+FFFE/U+FFFF, lone surrogates.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): one left open in a title
# runs on past it, over whatever the page or the browser's tab writes next. The marks
# U+200E/U+200F are kept: they change the direction of nothing but their neighbours.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _decode(raw: bytes, shown: str) -> tuple[str, Diagnostic | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _newlines(raw[:exc.start].decode("utf-8", "replace")).count("\n") + 1
        return "", error(shown, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                         "save the file as UTF-8")
    text = _newlines(text)
    if "\x00" in text:
        return "", error(shown, text.count("\n", 0, text.index("\x00")) + 1,
                         "file contains a NUL byte", "save it as plain UTF-8 text")
    if found := _UNSHOWABLE.search(text):
        return "", error(shown, text.count("\n", 0, found.start()) + 1,
                         f"file contains the control character U+{ord(found[0]):04X}",
                         "delete it: it cannot be shown or exported")
    return text, None


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


LineOf = Callable[[Any], int]  # a yaml.Mark, or the C parser's own
# YAML also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors, git and
# GitHub annotations count only \n, so there marks would name a later line than the file has.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")


def _line_counter(source: str) -> LineOf:
    """Mark → file line (the front matter starts on line 2), counting only \n."""
    if not _OTHER_BREAKS.search(source):
        return lambda mark: int(getattr(mark, "line", 0)) + 2
    newlines = [match.start() for match in re.finditer("\n", source)]
    return lambda mark: bisect_left(newlines, int(getattr(mark, "index", 0))) + 2


def _tab_at(source: str, mark: yaml.Mark) -> bool:
    """Whether a tab stands on the error's line at or before its column: PyYAML's own words
    for it ("found character that cannot start any token") do not say "tab"."""
    lines = source.split("\n")
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def parse_front_matter(source: str, shown: str) -> tuple[dict[str, Value] | None, list[Diagnostic]]:
    """YAML text (the lines between the ``---``) → top-level keys with their lines."""
    line_of = _line_counter(source)
    try:
        too_deep = _too_deep(source, shown, line_of) if len(source) > _DEEP_ENOUGH else None
        if too_deep:
            return None, [too_deep]
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = 2 if mark is None else line_of(mark)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        if mark is not None and _tab_at(source, mark):
            return None, [error(shown, line, "invalid YAML: a tab indents this line",
                                "YAML indents with spaces only: replace the tab with spaces")]
        return None, [error(shown, line, f"invalid YAML: {what}",
                            "check indentation, colons and quotes on this line")]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [error(shown, 2, f"invalid YAML: {exc}")]
    if node is None:
        return {}, []
    problems = _alias_uses(source, shown, line_of) if "*" in source else []
    # Aliases were just reported where they are used; do not report them again.
    value = _convert(node, shown, problems, line_of, seen=set(), depth=0,
                     aliases_reported=bool(problems))
    if not isinstance(value.data, dict):
        return None, [*problems, error(shown, 2, "front matter must be a mapping of keys to "
                                       "values", "write e.g. 'title: …' on its own line")]
    # A bad value (an alias, a tag, a key given twice) spoils its key, not the whole file:
    # the other keys are still checked, so a contributor sees every error in one run.
    return value.data, problems


# libyaml's composer recurses once per nesting level, in C: some 30,000 levels ("a: [[[…",
# 30 KB) overflow the stack and kill the process (SIGSEGV). Parser events come from a state
# machine, so a first pass over them finds deep nesting safely; it takes over 1,000
# characters to nest deep enough to matter, so small front matter skips it.
_DEEP_ENOUGH = 1_000


def _too_deep(source: str, shown: str, line_of: LineOf) -> Diagnostic | None:
    """The first node nested deeper than MAX_DEPTH, found without composing the tree."""
    depth = 0
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
            return error(shown, line_of(event.start_mark),
                         f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _alias_uses(source: str, shown: str, line_of: LineOf) -> list[Diagnostic]:
    """Point at each ``*alias`` (the composed tree only knows where the anchor was)."""
    by_line: dict[int, Diagnostic] = {}
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line = (event.start_mark.line if event.start_mark else 0) + 2
            by_line.setdefault(line, error(shown, line, f"YAML alias '*{event.anchor}' is not "
                                           "allowed", "write the value out in full"))
    return list(by_line.values())


def _convert(node: yaml.Node, shown: str, problems: list[Diagnostic], line_of: LineOf, *,
             seen: set[int], depth: int, aliases_reported: bool = False) -> Value:
    """Node tree → Values, refusing aliases (a shared node), deep nesting and odd tags.

    A refused value becomes ``Value(None, line, INVALID)``: reported here, so later checks
    skip it instead of calling it empty.
    """
    line = line_of(node.start_mark)
    if id(node) in seen:
        if not aliases_reported:
            problems.append(error(shown, line, "YAML aliases (*name) are not allowed",
                                  "write the value out in full"))
        return Value(None, line, INVALID)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        problems.append(error(shown, line, f"nested deeper than {MAX_DEPTH} levels"))
        return Value(None, line, INVALID)
    if node.tag not in _STANDARD_TAGS:
        problems.append(error(shown, line, f"YAML tag {node.tag!r} is not allowed",
                              "remove the '!' tag"))
        return Value(None, line, INVALID)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(child, shown, problems, line_of, seen=seen, depth=depth + 1,
                          aliases_reported=aliases_reported) for child in node.value]
        return Value(items, line, node.tag)
    if isinstance(node, yaml.MappingNode):
        return Value(_mapping(node, shown, problems, line_of, seen, depth, aliases_reported),
                     line, node.tag)
    if found := _BIDI_CONTROL.search(str(node.value)):
        problems.append(error(shown, line, f"the bidirectional control U+{ord(found[0]):04X} "
                              f"({unicodedata.name(found[0])}) is not allowed",
                              "delete it: it reverses or reorders what a page shows after "
                              "this value (the site's name in a tab, a date in a list); "
                              "right-to-left text needs no control character"))
        return Value(None, line, INVALID)
    if found := _UNSHOWABLE.search(str(node.value)):  # written as "\x01", "\a", "\uFFFE"…
        problems.append(error(shown, line, f"the control character U+{ord(found[0]):04X} "
                              "is not allowed", "delete it: it cannot be shown or exported"))
        return Value(None, line, INVALID)
    return Value(_scalar(node), line, node.tag)


def _mapping(node: yaml.MappingNode, shown: str, problems: list[Diagnostic], line_of: LineOf,
             seen: set[int], depth: int, aliases_reported: bool) -> dict[str, Value]:
    result: dict[str, Value] = {}
    for key_node, value_node in node.value:
        line = line_of(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            problems.append(error(shown, line, "keys must be plain words",
                                  "write 'key: value'"))
            continue
        key = str(key_node.value)
        if _UNSHOWABLE.search(key):
            problems.append(error(shown, line, "keys must be plain words",
                                  "write 'key: value'"))
            continue
        if key in result:
            problems.append(error(shown, line, f"key '{key}' is given twice",
                                  f"keep one '{key}:' (the first is on line "
                                  f"{result[key].line})"))
            continue
        value = _convert(value_node, shown, problems, line_of, seen=seen, depth=depth + 1,
                         aliases_reported=aliases_reported)
        result[key] = Value(value.data, line, value.tag)
    return result


def _scalar(node: yaml.Node) -> str | bool | None:
    """Null, a YAML 1.2 boolean, or the text exactly as written (numbers included)."""
    written = str(node.value)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool" and written.lower() in ("true", "false"):
        return written.lower() == "true"
    return written


def load_documents(content_dir: Path, *, max_bytes: int, parse: Parse | None = None
                   ) -> tuple[list[Document], list[Diagnostic]]:
    """Every content document under ``content_dir`` plus every problem met reading them."""
    found, problems = discover(content_dir)
    documents: list[Document] = []
    for kind, path in found:
        document, file_problems = load_file(path, kind, max_bytes=max_bytes, parse=parse)
        problems.extend(file_problems)
        if document is not None:
            documents.append(document)
    return documents, problems
