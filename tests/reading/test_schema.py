"""JSON Schema (CONTRACT sections 4 and 6) and `timeline check` agree about front matter.

The schema is checked with the real `jsonschema` validator, on front matter as an editor's
YAML 1.2 parser reads it: `2022-05-23` is text, `2022` a number, `true` a boolean.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from tests import test_fuzz
from tests.checks import test_load_and_validate
from timeline_builder.builders.cli import main
from timeline_builder.checks.validate import validate
from timeline_builder.core.model import Calendar
from timeline_builder.reading.load import Document, Value, parse_document

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("event", "actor", "source")
WAR = (Calendar("war", __import__("datetime").date(2022, 2, 24)),)
# What a schema can know: the shape of the front matter. References, dates that do not
# resolve, ids that disagree with file names and unverified quotes are for `timeline check`.
SHAPE_ERRORS = re.compile(
    r"error: (unknown key|missing required key|quote: unknown key|quote: '\w+:' is missing"
    r"|quotes: must be a list|quotes: each quote|\w+: must be (text|a list)|\w+: each item"
    r"|\w+: '[^']*' is listed twice|\w+: '[^']*' is not true or false|\w+: must not be empty"
    r"|\w+: '[^']*' is not one of"
    r"|sources: list at least one|file name '[^']*' is not a valid id|nested deeper)")
@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    return SCHEMAS


def _schema_from_cli(kind: str) -> Any:
    """What `timeline schema KIND` prints, as JSON."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["-f", str(ROOT / "mkdocs.yml"), "schema", kind]) == 0
    return json.loads(out.getvalue())


SCHEMAS = {kind: _schema_from_cli(kind) for kind in KINDS}


def as_json(value: Value) -> Any:
    """A loaded value as a YAML 1.2 editor sees it (numbers are numbers, dates are text)."""
    if isinstance(value.data, list):
        return [as_json(item) for item in value.data]
    if isinstance(value.data, dict):
        return {key: as_json(item) for key, item in value.data.items()}
    if value.data is None or isinstance(value.data, bool):
        return value.data
    if value.tag.endswith((":int", ":float")):
        return _number(value.data)
    return value.data


def _number(written: str) -> Any:
    """The number an editor sees; only its type matters to the schema."""
    for read in (lambda w: int(w, 10), lambda w: int(w, 0), float):
        try:
            return read(written.replace("_", ""))
        except ValueError:
            continue
    return written  # .inf, .nan, 1:30 (YAML 1.1 only): text to a YAML 1.2 editor


def schema_accepts(schemas: dict[str, Any], document: Document) -> bool:
    instance = {key: as_json(value) for key, value in document.fields.items()}
    validator = jsonschema.Draft202012Validator(schemas[document.kind])
    return validator.is_valid(instance)


def file_errors(document: Document) -> list[str]:
    """Every error the validator finds in this file (next to a valid source and actor)."""
    base = [_parse(test_load_and_validate.SOURCE, "source", "report"),
            _parse(test_load_and_validate.ACTOR, "actor", "putin")]
    _, problems = validate([*base, document], WAR)
    return [p.text() for p in problems if p.path == document.path and p.severity == "error"]


def agree(document: Document) -> None:
    """A shape error ⇒ the schema refuses the file; no error at all ⇒ it accepts it.

    A file with only other errors (an unknown id, a date that does not resolve, a URL whose
    host a browser would read differently) may go either way: a schema cannot know.
    """
    errors = file_errors(document)
    shape = [e for e in errors if SHAPE_ERRORS.search(e)]
    accepted = schema_accepts(SCHEMAS, document)
    if shape:
        assert not accepted, f"the schema accepts what the validator refuses: {shape}"
    elif not errors:
        assert accepted, "the schema refuses what the validator accepts"


def _parse(text: str, kind: Any, stem: str) -> Document:
    document, problems = parse_document(text.encode(), kind, stem, f"{kind}s/{stem}.md")
    assert document is not None, problems
    return document


def _suite_bad_events() -> list[str]:
    """The failure table of test_load_and_validate: every row that loads as front matter."""
    test = test_load_and_validate.test_each_rule_has_its_own_message
    rows = next(mark.args[1] for mark in test.pytestmark if mark.name == "parametrize")
    return [test_load_and_validate.event(*lines) for lines, _ in rows]


SEED = sorted(path for folder in ("events", "actors", "sources")
              for path in (ROOT / "content" / folder).glob("*.md"))
GOOD = [
    ("event", test_load_and_validate.event(*test_load_and_validate.VALID)),
    ("event", "---\ntitle: 1984\ndate: 2022\nsources: [report]\nfeatured: true\n---\n"),
    ("actor", "---\nname: CSTO\ntype: organization\naliases: [a, 2]\n---\n"),
    ("source", "---\ntitle: t\noutlet: o\npublished: 2022-05\nurl: HTTPS://example.org/x\n"
               "---\n"),
    # Undated sources (issue 19): the key left out, or n.d. written.
    ("source", "---\ntitle: t\noutlet: o\n---\n"),
    ("source", "---\ntitle: t\noutlet: o\npublished: n.d.\n---\n"),
]
BAD = [
    ("event", "---\ntitle: x\ndate: 2022-05-23\nsources: [report]\napproximate: 1\n---\n"),
    ("event", "---\ntitle: ''\ndate: 2022-05-23\nsources: [report]\n---\n"),
    ("event", "---\ntitle: x\ndate:\nsources: [report]\n---\n"),
    ("event", "---\ntitle: x\ndate: 2022\nsources: [report]\ntags: ~\n---\n"),
    ("event", "---\ntitle: x\ndate: 2022\nsources: [report, report]\n---\n"),
    ("event", "---\ntitle: [x]\ndate: 2022\nsources: [report]\n---\n"),
    ("event", "---\ntitle: x\ndate: 2022\nsources: [report]\nquotes: [{text: a, "
              "speaker: putin}]\n---\n"),
    ("event", "---\ntitle: x\ndate: 2022\nsources: [report]\nquotes: text\n---\n"),
    ("actor", "---\nname: CSTO\ntype: company\n---\n"),
    ("actor", "---\nname: CSTO\naliases: CSTO, ODKB\n---\n"),
    ("source", "---\ntitle: t\noutlet: o\npublished: 2022\nurl: ftp://example.org/x\n---\n"),
    ("source", "---\ntitle: t\noutlet: o\npublished: ~\n---\n"),
]


@pytest.mark.parametrize(("kind", "text"), [
    *GOOD, *BAD, *(("event", text) for text in _suite_bad_events()),
    *((path.parent.name[:-1], path.read_text(encoding="utf-8")) for path in SEED),
])
def test_schema_and_validator_agree(kind: str, text: str, schemas: dict[str, Any]) -> None:
    document, _ = parse_document(text.encode(), kind, "ev", f"{kind}s/ev.md")  # type: ignore[arg-type]
    if document is None:  # not front matter at all (invalid YAML): no schema question
        return
    agree(document)


@pytest.mark.parametrize(("kind", "text"), BAD)
def test_bad_examples_are_refused_by_both(kind: str, text: str) -> None:
    document = _parse(text, kind, "ev")
    assert not schema_accepts(SCHEMAS, document)
    assert file_errors(document)


def test_the_examples_cover_both_verdicts(schemas: dict[str, Any]) -> None:
    """The agreement test above would pass vacuously if every example were good (or bad)."""
    verdicts = {schema_accepts(schemas, d) for kind, text in GOOD + BAD
                if (d := parse_document(text.encode(), kind, "ev", "ev.md")[0]) is not None}  # type: ignore[arg-type]
    assert verdicts == {True, False}
    assert len(SEED) >= 30 and len(_suite_bad_events()) >= 10


# The fuzzer's documents: random lines, right keys with broken values, clean files.
AGREEMENT = settings(test_fuzz.QUICK, max_examples=150)


@given(test_fuzz.documents("event"))
@AGREEMENT
def test_random_events_agree(raw: bytes) -> None:
    _agree_on(raw, "event")


@given(test_fuzz.documents("source"))
@AGREEMENT
def test_random_sources_agree(raw: bytes) -> None:
    _agree_on(raw, "source")


@given(test_fuzz.documents("actor"))
@AGREEMENT
def test_random_actors_agree(raw: bytes) -> None:
    _agree_on(raw, "actor")


def _agree_on(raw: bytes, kind: str) -> None:
    document, _ = parse_document(raw, kind, "ev", f"{kind}s/ev.md")  # type: ignore[arg-type]
    if document is None or document.broken:  # reading errors (a control character, a tag)
        return
    agree(document)


def _keys_in_hint(text: str) -> list[str]:
    """The validator lists the keys it accepts in its unknown-key hint."""
    found = re.search(r"keys are: (.*)$", text)
    assert found, text
    return found.group(1).split(", ")


@pytest.mark.parametrize("kind", KINDS)
def test_every_key_the_validator_accepts_is_in_the_schema(kind: str,
                                                          schemas: dict[str, Any]) -> None:
    document = _parse("---\nzzz-not-a-key: 1\n---\n", kind, "x")  # type: ignore[arg-type]
    _, problems = validate([document], WAR)
    hint = next(p.text() for p in problems if "unknown key 'zzz-not-a-key'" in p.message)
    assert sorted(_keys_in_hint(hint)) == sorted(schemas[kind]["properties"])
    for key in schemas[kind]["properties"]:
        probe = _parse(f"---\n{key}: x\n---\n", kind, "x")  # type: ignore[arg-type]
        _, problems = validate([probe], WAR)
        assert not any("unknown key" in p.message for p in problems), (key, problems)


def test_every_quote_key_the_validator_accepts_is_in_the_schema(
        schemas: dict[str, Any]) -> None:
    quote = schemas["event"]["properties"]["quotes"]["items"]
    document = _parse("---\nquotes: [{zzz-not-a-key: 1}]\n---\n", "event", "x")
    _, problems = validate([document], WAR)
    hint = next(p.text() for p in problems if "unknown key 'zzz-not-a-key'" in p.message)
    assert sorted(_keys_in_hint(hint)) == sorted(quote["properties"])


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_2020_12(kind: str, schemas: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schemas[kind])
    assert schemas[kind]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schemas[kind]["additionalProperties"] is False


def test_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["schema", "explainer"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'explainer'" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_the_site_publishes_the_schemas(kind: str, built_site: Path) -> None:
    published = json.loads((built_site / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
    assert published == SCHEMAS[kind]
    assert published["$id"].endswith(f"/schema/{kind}.json")
