"""Fuzzing the way in: no content file, however broken, crashes the loader, the validator,
``timeline check`` or a site build, and every problem names a real line of its file.

Front matter is generated as YAML text (not as dumped Python values) so that it covers
what people and tools really write: near-miss keys, every scalar type, YAML's special
values, anchors and aliases, ``!!python/object`` tags, flow and block collections, odd
Unicode, huge values and dates in many forms. Raw random bytes cover the decoder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import BIN, build_site, copy_project, run_env
from timeline_builder.checks.validate import ALLOWED, QUOTE_KEYS, validate
from timeline_builder.config.settings import Settings
from timeline_builder.core.diagnostics import Diagnostic
from timeline_builder.core.model import Calendar, Timeline
from timeline_builder.exports import FORMATS
from timeline_builder.exports.json_export import export_json
from timeline_builder.markup.sanitize import markdown_to_html
from timeline_builder.reading.load import load_documents, load_file, parse_document
from timeline_builder.site.render import Renderer

CALENDARS = (Calendar("war", dt.date(2022, 2, 24), "Day {n} of the war"),)
SETTINGS = Settings(calendars=CALENDARS, site_url="https://example.org/")
KINDS = ("event", "actor", "source")
ALL_KEYS = sorted({key for keys in ALLOWED.values() for key in keys} | set(QUOTE_KEYS))
IDS = ("putin", "lukashenko", "sochi-meeting", "interreviewed-lukashenko-letter", "a", "b")
# Fast, not exhaustive: the whole file runs in well under a minute.
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck), database=None)



# ---------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------

ODD_CHARACTERS = [
    "\u202e", "\u202d", "\u200f", "\u200e", "\u200b", "\ufeff", "\u2028", "\u2029", "\x85",
    "\t", "\u00a0", "\u3000", "\U0001f600", "\U0001f1fa\U0001f1e6", "\u0301", "é", "ß", "İ",
    "Ⅻ", "\ufffd", "\x01", "\x1b", "\x7f", "\ufffe", "\\ud800", "\\x00", "\\u0000",
    "\\U0010FFFF", "#", ":", "- ", "? ", "&", "*",
    "!", "|", ">", "'", '"', "%", "@", "`", "{", "}", "[", "]", ",", "---", "...", "\\",
]
YAML_SPECIALS = [
    "~", "null", "Null", "NULL", "true", "True", "yes", "no", "on", "off", "y", "n", ".nan",
    ".inf", "-.inf", "0x1F", "0o17", "017", "1_000", "1e3", "+12", "-0", "0.", "2022-05-23",
    "2022-05-23T10:00:00Z", "2022-05-23 10:00:00 +02:00", "12:30:45", "<<", "=", "''", '""',
    "!!python/object:os.system 'echo pwned'", "!!python/object/apply:os.system ['echo x']",
    "!!python/name:builtins.eval", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]",
    "!!str 1", "!!int '3'", "!!float x", "!!bool maybe", "!!timestamp nope", "!custom x",
    "!<tag:yaml.org,2002:str> x", "&anchor value", "*anchor", "*undefined", "|\n  block",
    ">-\n  folded\n  text", "[a, [b, [c]]]", "{a: {b: {c: d}}}", "[", "{", "]", "}", "- x",
    "'unclosed", '"unclosed', "a: b: c", "? complex\n: key", "[*anchor, *anchor]",
]
DATE_FORMS = [
    "%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%Y-%m", "%B %Y", "%Y", "%d/%m/%Y", "%m/%d/%Y",
    "%A %d %B %Y", "%A, %B %d, %Y", "the %dth of %B, %Y", "%d-%b-%Y", "%Y/%m/%d", "%d.%m.%Y",
    "%Y-%m-%dT%H:%M", "%b %d %Y", "%A", "on %A", "last %A",
]
RELATIVE = ["Monday", "on Saturday", "yesterday", "today", "last Sunday", "3 days ago",
            "two days ago", "day 89 of the war", "the 89th day of the war", "day 0 of the war",
            "day -5 of the war", "day 99999999999999999999 of the war", "day 1 of the peace",
            "31 February 2022", "05/06/2022", "0000-00-00", "9999-12-31", "10000-01-01",
            "Monday 22 May 2022", "Sunday 22 May 2022", "May 23 – 25, 2022", "noon", "2022-5-7",
            "Mayy 2022", "Sept 2022", "mid-May 2022", "2022 May 23", "23rd May 2022"]


def typos(word: str) -> list[str]:
    """Near misses of a real key: dropped, doubled, swapped letters, case, plural."""
    out = {word[:-1], word + "s", word.upper(), word.title(), word + word[-1], f" {word}",
           word.replace("_", "-"), word[1:]}
    if len(word) > 2:
        out.add(word[1] + word[0] + word[2:])
    return sorted(w for w in out if w and w != word)


KEY_NAMES = st.one_of(
    st.sampled_from(ALL_KEYS),
    st.sampled_from(sorted({t for key in ALL_KEYS for t in typos(key)})),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
)
odd_text = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(ODD_CHARACTERS)),
    max_size=30,
).map("".join)
huge_text = st.builds(lambda n, c: c * n, st.integers(1_000, 100_000),
                      st.sampled_from(["x", "é", "\U0001f600", "ab ", "<script>", "\\"]))
dates = st.one_of(
    st.builds(lambda d, f: d.strftime(f), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
              st.sampled_from(DATE_FORMS)),
    st.sampled_from(RELATIVE),
)
python_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), odd_text,
              st.dates(), st.datetimes(), st.sampled_from(IDS)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(KEY_NAMES, st.integers()), inner,
                                            max_size=4)),
    max_leaves=10,
)


def _dump(value: object) -> str:
    """One flow-style YAML value (multi-line strings stay on their lines)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return text.removesuffix("\n...\n").rstrip("\n")


def _quoted(value: str) -> str:
    return _dump(value)


nesting = st.builds(lambda n, opener: opener * n, st.integers(15, 3_000),
                    st.sampled_from(["[", "{a: ", "- ", "[{a: "]))
values = st.one_of(
    python_values.map(_dump),
    nesting,
    st.sampled_from(YAML_SPECIALS),
    dates,
    dates.map(_quoted),
    odd_text,                                  # raw, unquoted: often not valid YAML at all
    odd_text.map(_quoted),
    huge_text.map(lambda text: json.dumps(text, ensure_ascii=False)),  # YAML, and fast
    st.lists(st.sampled_from(IDS), max_size=4).map(_dump),   # ids that may resolve
    st.lists(st.sampled_from(IDS), max_size=3).map(", ".join),  # the comma-string mistake
    st.lists(st.sampled_from(IDS), min_size=1, max_size=3).map(
        lambda ids: "".join(f"\n  - {i}" for i in ids)),        # block list
    st.fixed_dictionaries({"text": odd_text, "speaker": st.sampled_from(IDS),
                           "source": st.sampled_from(IDS)}).map(lambda q: _dump([q])),
)
lines = st.one_of(
    st.tuples(KEY_NAMES, values).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(KEY_NAMES, values).map(lambda kv: f"{_quoted(kv[0])}: {kv[1]}"),
    st.sampled_from(["", "# comment", "  ", "\t", "- item", "? key", "&a x: y",
                     "<<: *a", "%YAML 1.2", "...", "--- ", "key with no colon", "  indented: x"]),
)
bodies = st.one_of(st.just(""), odd_text, huge_text,
                   st.sampled_from(["[[timeline tag=x]]", "<script>alert(1)</script>",
                                    "---\nnot: front matter\n---", "# Heading\n\ntext"]))


id_lists = st.lists(st.sampled_from(IDS), max_size=3).map(_dump)
flags = st.sampled_from(["true", "false", "yes", "no", "1", "0", "~", "'true'", "[true]"])
quote_lists = st.lists(st.fixed_dictionaries(
    {"text": st.one_of(odd_text, st.sampled_from(["quite well", "new world order", "…"])),
     "speaker": st.sampled_from(IDS), "source": st.sampled_from(IDS)}), max_size=3).map(_dump)
plain_text = st.one_of(odd_text.map(_quoted), st.sampled_from(["Plain title", "A: b", "x"]))
# Each kind's keys with values of the right shape, so validation gets past "missing key".
FIELDS = {
    "event": {"title": plain_text, "date": dates.map(_quoted), "reported": dates.map(_quoted),
              "end": dates.map(_quoted), "actors": id_lists, "tags": id_lists,
              "sources": id_lists, "featured": flags, "approximate": flags,
              "quotes": quote_lists},
    "actor": {"name": plain_text, "role": plain_text, "country": plain_text,
              "aliases": id_lists},
    "source": {"title": plain_text, "outlet": plain_text, "published": dates.map(_quoted),
               "url": st.sampled_from(["https://example.org/a", "javascript:alert(1)",
                                       "http://[::1", "https://", "ftp://x/y", "//x"]),
               "author": plain_text, "language": plain_text, "note": plain_text,
               "archived_url": st.sampled_from(["https://web.archive.org/x", "nope"])},
}


# Right values that resolve against BASE_FILES: a clean document is often valid.
CLEAN = {
    "title": st.sampled_from(["Plain title", "Ünïcode — title", "'quoted'"]),
    "name": st.sampled_from(["Vladimir Putin", "Someone"]),
    "outlet": st.sampled_from(["Outlet", "The Daily Beast"]),
    "date": st.sampled_from(["2022-05-23", "Monday", "day 89 of the war", "May 2022",
                             "yesterday", "Sunday 22 May 2022", "2022"]),
    "published": st.sampled_from(["2022-05-23", "May 2022", "2023"]),
    "sources": st.just("[interreviewed-lukashenko-letter]"),
    "actors": st.sampled_from(["[putin]", "[]"]),
    "quotes": st.sampled_from(["[{text: quite well, speaker: putin, source: "
                               "interreviewed-lukashenko-letter}]",
                               "[{text: not said at all, speaker: putin, source: "
                               "interreviewed-lukashenko-letter}]"]),
}


@st.composite
def front_matter_lines(draw: st.DrawFn, kind: str, clean: bool) -> list[str]:
    """The kind's real keys with right-shaped values; unless clean, some are broken."""
    keys = draw(st.lists(st.sampled_from(sorted(FIELDS[kind])), unique=True,
                         max_size=len(FIELDS[kind])))
    required = {"event": ["title", "date", "sources"], "actor": ["name"],
                "source": ["title", "outlet", "published"]}[kind]
    if clean or draw(st.integers(0, 4)):
        keys = [*required, *(k for k in keys if k not in required)]
    out = []
    for key in keys:
        if clean:
            value = draw(CLEAN.get(key, FIELDS[kind][key]))
        else:
            value = draw(values) if draw(st.integers(0, 5)) == 0 else draw(FIELDS[kind][key])
        out.append(f"{key}: {value}")
    if not clean:
        out += draw(st.lists(lines, max_size=3))
    return draw(st.permutations(out))


@st.composite
def documents(draw: st.DrawFn, kind: str | None = None) -> bytes:
    """A content file: front matter lines between ``---``, a body, odd line endings.

    Three shapes: random lines (mostly refused), the kind's keys with some values broken,
    and clean documents that validation often accepts (so later checks run too).
    """
    shape = draw(st.integers(0, 2)) if kind is not None else 0
    if shape == 0:
        front_lines = draw(st.lists(lines, max_size=12))
    else:
        front_lines = draw(front_matter_lines(kind, clean=shape == 2))  # type: ignore[arg-type]
    front = "\n".join(front_lines)
    body = draw(bodies)
    if shape == 2:
        opening, closing = "---", "---"
    else:
        opening = draw(st.sampled_from(["---"] * 6 + ["--- ", "\ufeff---", "---\r", "", "+++"]))
        closing = draw(st.sampled_from(["---"] * 6 + ["...", "--- ", ""]))
    text = f"{opening}\n{front}\n{closing}\n{body}"
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    return text.replace("\n", newline).encode("utf-8", "surrogatepass")


kinds_and_documents = st.sampled_from(KINDS).flatmap(
    lambda kind: st.tuples(st.just(kind), documents(kind)))


def line_count(raw: bytes) -> int:
    """Lines as editors and GitHub count them (\\n, \\r\\n and lone \\r end a line)."""
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


def check_diagnostics(found: list[Diagnostic], files: dict[str, bytes]) -> None:
    for diagnostic in found:
        assert diagnostic.path in files, diagnostic
        assert diagnostic.message.strip(), diagnostic
        assert diagnostic.severity in ("error", "warning", "note"), diagnostic
        assert 1 <= diagnostic.line <= line_count(files[diagnostic.path]) + 1, diagnostic


def load_and_validate(files: dict[str, tuple[str, str, bytes]]
                      ) -> tuple[Timeline, list[Diagnostic]]:
    """{shown path: (kind, stem, bytes)} → all diagnostics, as the pipeline makes them."""
    docs, problems = [], []
    for shown, (kind, stem, raw) in files.items():
        document, found = parse_document(raw, kind, stem, shown)  # type: ignore[arg-type]
        problems += found
        if document is not None:
            docs.append(document)
    timeline, found = validate(docs, CALENDARS)
    problems += found
    check_diagnostics(problems, {shown: raw for shown, (_, _, raw) in files.items()})
    for event in timeline.events:  # what survives is usable by every door
        assert event.title and event.sources and event.date.iso()
    if timeline.events or timeline.actors or timeline.sources:
        use_everywhere(timeline)
    return timeline, problems


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _MemoryBytecodeCache()


def _in_year_9999(timeline: Timeline) -> bool:
    return any(d.value.year == 9999 for e in timeline.events for d in (e.date, e.end) if d)


def use_everywhere(timeline: Timeline) -> None:
    """What validation lets through must export and render without raising."""
    if not _in_year_9999(timeline):  # a known bug: test_last_representable_year_…
        export_and_render(timeline)


def export_and_render(timeline: Timeline) -> None:
    for name, exporter in (*FORMATS.items(), ("json", export_json)):
        output = exporter(timeline, SETTINGS)
        assert output, name
        if name == "atom":
            ET.fromstring(output.encode())
    renderer = Renderer(timeline, SETTINGS)
    renderer.env.bytecode_cache = TEMPLATE_CACHE  # compile the templates once per session
    renderer.timeline_page("../")
    renderer.actors_index("../")
    renderer.sources_index("../")
    renderer.featured("")
    for actor in timeline.actors:
        renderer.actor_page(actor, "../../")
    for source in timeline.sources:
        renderer.source_page(source, "../../")


# ---------------------------------------------------------------------------------------
# In-process fuzzing
# ---------------------------------------------------------------------------------------


BASE_FILES = {
    "content/actors/putin.md": ("actor", "putin", b"---\nname: Vladimir Putin\n---\nBio.\n"),
    "content/sources/interreviewed-lukashenko-letter.md": (
        "source", "interreviewed-lukashenko-letter",
        b"---\ntitle: Letter\noutlet: Outlet\npublished: 2022-05-23\n---\n"
        b"The economy is doing quite well, he said, calling for a new world order.\n"),
}


@QUICK
@given(kinds_and_documents)
def test_one_document_never_raises(item: tuple[str, bytes]) -> None:
    kind, raw = item
    load_and_validate({f"content/{kind}s/x.md": (kind, "x", raw)})


@QUICK
@given(st.lists(st.tuples(st.sampled_from(IDS), kinds_and_documents), min_size=2, max_size=6))
def test_documents_referring_to_each_other_never_raise(
        items: list[tuple[str, tuple[str, bytes]]]) -> None:
    """Events, actors and sources with ids that resolve (or are duplicated) together,
    beside a valid actor and source that events can name and quote."""
    files = {f"content/{kind}s/{stem}-{i}.md": (kind, stem, raw)
             for i, (stem, (kind, raw)) in enumerate(items)}
    files.update(BASE_FILES)
    load_and_validate(files)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(KINDS), st.binary(max_size=2_000))
def test_random_bytes_never_raise(kind: str, raw: bytes) -> None:
    load_and_validate({"content/x.md": (kind, "x", raw)})


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(KINDS), st.binary(max_size=300))
def test_random_bytes_after_front_matter_never_raise(kind: str, tail: bytes) -> None:
    load_and_validate({"content/x.md": (kind, "x", b"---\ntitle: " + tail + b"\n---\n")})


def test_line_numbers_count_only_newlines() -> None:
    """YAML breaks lines at U+2028, U+2029 and NEL too; diagnostics must not (they name
    the line an editor and GitHub show)."""
    raw = "---\ntitle: 'a\u2028\u2028\u2028\u2028b'\ntitle: again\nfoo: [\n---\n".encode()
    _, found = parse_document(raw, "event", "x", "x.md")
    assert [d.line for d in found] == [4], found
    raw = "---\nnote: x\x85\x85\x85\nactor: [a]\n---\n".encode()
    document, found = parse_document(raw, "event", "x", "x.md")
    assert document is not None and document.fields["actor"].line == 3


@pytest.mark.parametrize("date, end", [("2022-05-23", "9999-12-31"), ("December 9999", None),
                                       ("9999", None), ("December 9999", "December 9999")])
def test_the_year_9999_is_refused_with_a_message(date: str, end: str | None) -> None:
    """Calendar exports need the day after an event, which 9999-12-31 does not have."""
    front = f"title: Far\ndate: {date}\nsources: [interreviewed-lukashenko-letter]\n"
    front += f"end: {end}\n" if end else ""
    files = {**BASE_FILES, "content/events/far.md": ("event", "far", f"---\n{front}---\n".encode())}
    timeline, problems = load_and_validate(files)
    assert [e.id for e in timeline.events] == []
    assert any("years after 9998 are not supported" in p.message for p in problems)
    export_and_render(timeline)


# ---------------------------------------------------------------------------------------
# The command line and a real build, on folders of fuzzed files
# ---------------------------------------------------------------------------------------

FILE_NAMES = st.one_of(st.sampled_from(IDS), st.sampled_from(
    ["Bad Name", "ÜBER", "-x", "a..b", "UPPER", "x" * 120, "emoji-\U0001f600", "rtl-\u202e"]))


def write_files(content: Path, items: list[tuple[str, str, bytes]]) -> None:
    for i, (kind, stem, raw) in enumerate(items):
        folder = content / f"{kind}s"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}-fuzz{i}.md").write_bytes(raw)


def run_check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), "check", *args], cwd=cwd,
                          capture_output=True, text=True, env=run_env(), timeout=60)


@SLOW
@given(st.lists(st.tuples(FILE_NAMES, kinds_and_documents), min_size=15, max_size=25)
       .map(lambda items: [(kind, name, raw) for name, (kind, raw) in items]))
def test_timeline_check_on_fuzzed_folder(tmp_path_factory: pytest.TempPathFactory,
                                         items: list[tuple[str, str, bytes]]) -> None:
    folder = tmp_path_factory.mktemp("fuzz-check")
    write_files(folder / "content", items)
    for style in ("text", "github", "json"):
        result = run_check(folder, "--content", "content", "--format", style)
        assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
        assert result.returncode in (0, 1), result.stderr[-3000:]


VALID_EVENT = st.builds(
    lambda title, date, quote: "---\n" + yaml.safe_dump(
        {"title": title, "date": date, "actors": ["putin"],
         "sources": ["interreviewed-lukashenko-letter"],
         "quotes": [{"text": quote, "speaker": "putin",
                     "source": "interreviewed-lukashenko-letter"}]},
        allow_unicode=True) + "---\nA body.\n",
    odd_text.map(lambda t: t.translate(dict.fromkeys(map(ord, "\x01\x1b\ufffe")))).filter(
        str.strip), st.sampled_from(["2022-05-23", "day 89 of the war", "May 2022"]),
    st.sampled_from(["quite well", "new world order"]),
).map(lambda text: text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@SLOW
@given(st.lists(st.one_of(
    st.tuples(FILE_NAMES, kinds_and_documents).map(lambda t: (t[1][0], t[0], t[1][1])),
    st.tuples(st.just("event"), st.just("valid"), VALID_EVENT)),
    min_size=20, max_size=20))
def test_site_build_with_fuzzed_files_fails_cleanly(
        tmp_path_factory: pytest.TempPathFactory, items: list[tuple[str, str, bytes]]) -> None:
    project = copy_project(tmp_path_factory.mktemp("fuzz-build") / "project")
    write_files(project / "content", items)
    result = build_site(project, project.parent / "site")
    assert "Traceback" not in result.stderr, result.stderr[-5000:]
    if result.returncode != 0:
        assert result.returncode == 1, result.stderr[-3000:]
        assert "errors (listed above)" in result.stderr or "Aborted" in result.stderr, \
            result.stderr[-3000:]


# ---------------------------------------------------------------------------------------
# Denial of service: alias bombs, oversized files, symlinks out of content/
# ---------------------------------------------------------------------------------------


def alias_bomb(levels: int = 9, width: int = 9) -> bytes:
    """Billion laughs: 9**9 'lol's if anything expanded the aliases."""
    lines = ["---", "title: bomb", f'a0: &a0 [{", ".join(["lol"] * width)}]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines += ["date: 2022-05-23", "sources: [x]", "---", "Boom."]
    return "\n".join(lines).encode()


def test_alias_bomb_is_rejected_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_bytes(alias_bomb())
    started = time.perf_counter()
    document, found = load_file(path, "event", max_bytes=1_000_000, shown="bomb.md")
    assert time.perf_counter() - started < 5  # generous: it takes milliseconds
    assert document is None or document.broken, "never published"
    assert found and all(d.severity == "error" and "alias" in d.message for d in found)
    assert sorted(d.line for d in found) == list(range(4, 12))  # each line using an alias


def test_oversized_file_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"---\ntitle: big\n---\n" + b"x" * 5_000_000)
    document, found = load_file(path, "event", max_bytes=1_000_000, shown="big.md")
    assert document is None
    assert [(d.path, d.line, d.severity) for d in found] == [("big.md", 1, "error")]
    assert "over the limit of 1,000,000" in found[0].message


def test_check_rejects_bomb_and_oversized_file_and_the_limit_is_configurable(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    events = project / "content" / "events"
    (events / "bomb.md").write_bytes(alias_bomb())
    big = ("---\ntitle: Big\ndate: 2022-05-23\nsources: [interreviewed-lukashenko-letter]\n"
           "---\n" + "A long body. " * 400_000).encode()
    assert len(big) > 5_000_000
    (events / "big.md").write_bytes(big)
    result = run_check(project)
    assert result.returncode == 1
    assert "content/events/big.md:1: error: file is" in result.stdout
    assert "content/events/bomb.md:4: error: YAML alias" in result.stdout
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - timeline:\n", "  - timeline:\n      max_file_bytes: 6000000\n"))
    (events / "bomb.md").unlink()
    result = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "big.md" not in result.stdout


def test_deep_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    """libyaml's composer recurses per level in C: ~30,000 levels (a 30 KB line) used to
    overflow the stack and kill `timeline check` and the build with SIGSEGV."""
    events = tmp_path / "content" / "events"
    events.mkdir(parents=True)
    deep = {"flow": "a: " + "[" * 300_000, "mapping": "a: " + "{a: " * 100_000,
            "compact": "a:\n" + "- " * 200_000 + "x", "keys": "a:\n" + "? " * 200_000 + "x"}
    for name, front in deep.items():
        (events / f"{name}.md").write_text(f"---\n{front}\n---\nBody.\n")
    result = run_check(tmp_path, "--content", "content")
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    for name in deep:
        assert f"content/events/{name}.md:" in result.stdout
    assert result.stdout.count("nested deeper than 20 levels") == len(deep), result.stdout


PATHOLOGICAL_BODIES = {
    # (unit, size): Python-Markdown is quadratic in these; 100 KB took minutes, 1 MB hours
    "brackets": ("[", 1_000_000), "links": ("[a](", 1_000_000), "images": ("![a](", 100_000),
    "references": ("[a][", 100_000), "emphasis": ("*a", 50_000), "escapes": ("\\", 100_000),
    "breaks": ("a  \n", 50_000), "comments": ("<!--", 100_000),
}


def test_pathological_markdown_bodies_render_in_bounded_time() -> None:
    """Each body (one paragraph, or paragraphs of 9,000 characters) renders in seconds.

    In a subprocess with a timeout, so a regression fails instead of hanging the suite."""
    code = (
        "import sys, time\n"
        "from timeline_builder.markup.sanitize import markdown_to_html\n"
        f"bodies = {PATHOLOGICAL_BODIES!r}\n"
        "for name, (unit, size) in bodies.items():\n"
        "    one = unit * (size // len(unit))\n"
        "    blocks = '\\n\\n'.join([unit * (9000 // len(unit))] * (size // 9000))\n"
        "    for body in (one, blocks):\n"
        "        html = markdown_to_html(body)\n"
        "        assert '<script' not in html and html, name\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=run_env())
    assert result.stdout.strip() == "ok", result.stderr[-3000:]


def test_long_body_keeps_its_text() -> None:
    """A paragraph too long for markdown is shown as escaped text, not dropped."""
    long = "<b>bold</b> *not em* " * 600
    html = markdown_to_html(f"Intro [link](https://example.org/).\n\n{long}\n\nEnd *em*.")
    assert '<a href="https://example.org/"' in html and "<em>em</em>" in html
    assert html.count("&lt;b&gt;bold&lt;/b&gt; *not em*") == 600


def test_long_unverifiable_quote_is_refused_quickly() -> None:
    code = (
        "import random\n"
        "from timeline_builder.checks.quotes import verify\n"
        "random.seed(1)\n"
        "words = [''.join(random.choice('abcdefghij') for _ in range(5)) for _ in range(999)]\n"
        "body = ' '.join(random.choice(words) for _ in range(4000))\n"
        "quote = ' '.join(random.choice(words) for _ in range(2000))\n"
        "assert not verify(quote, body).found\n"
    )
    subprocess.run([sys.executable, "-c", code], timeout=5, env=run_env(), check=True)


SECRET = "SECRET-7f3a9c-DO-NOT-PUBLISH"


@pytest.mark.slow
def test_symlinks_out_of_content_are_not_followed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    secret_event = (f"---\ntitle: {SECRET}\ndate: 2022-05-23\n"
                    f"sources: [interreviewed-lukashenko-letter]\n---\n{SECRET}\n")
    (outside / "secret.md").write_text(secret_event)
    (outside / "folder" / "inside.md").write_text(f"---\nname: {SECRET}\n---\n{SECRET}\n")
    content = project / "content"
    (content / "events" / "leak.md").symlink_to(outside / "secret.md")
    (content / "events" / "same.md").symlink_to(content / "events" / "sochi-meeting.md")
    (content / "actors" / "linked").symlink_to(outside / "folder", target_is_directory=True)
    (content / "sources" / "nested").mkdir()
    (content / "sources" / "nested" / "deep").symlink_to(outside / "folder",
                                                         target_is_directory=True)

    documents, found = load_documents(content, max_bytes=1_000_000)
    assert all(SECRET not in (d.body + str(d.fields)) for d in documents)
    flagged = {Path(d.path).name: d for d in found}
    for name in ("leak.md", "same.md", "linked", "deep"):
        assert name in flagged, (name, found)
        assert flagged[name].severity == "warning" and flagged[name].line == 1
        assert "not followed" in flagged[name].message

    result = run_check(project)
    assert SECRET not in result.stdout + result.stderr
    assert "content/events/leak.md:1: warning: symlink not followed" in result.stdout
    assert "content/actors/linked:1: warning: symlinked folder not followed" in result.stdout
    exported = subprocess.run([str(BIN / "timeline"), "export", "--format", "json"],
                              cwd=project, capture_output=True, text=True, env=run_env(),
                              timeout=60)
    assert SECRET not in exported.stdout

    site = tmp_path / "site"
    build = build_site(project, site)
    assert build.returncode != 0  # a warning fails the strict build
    assert "symlink not followed" in build.stderr
    for path in site.rglob("*") if site.exists() else ():
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.slow
def test_symlinked_pages_and_files_are_not_published(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"# Secret\n\n{SECRET}\n")
    (outside / "secret.txt").write_text(SECRET)
    content = project / "content"
    (content / "explainers" / "leak.md").symlink_to(outside / "secret.md")
    (content / "events" / "leak.txt").symlink_to(outside / "secret.txt")
    site = tmp_path / "site"
    build_site(project, site)
    leaked = [path for path in site.rglob("*")
              if path.is_file() and SECRET.encode() in path.read_bytes()]
    assert not leaked


def test_fifo_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    folder = tmp_path / "content" / "events"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.md")
    documents, found = load_documents(tmp_path / "content", max_bytes=1_000_000)
    assert documents == []
    assert [d.message for d in found] == ["not a regular file"]
