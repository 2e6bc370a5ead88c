"""The seed story as content: dates of ../shared/FACTS.md, quotes verified, golden export."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_env

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "seed-export.json"

# FACTS.md, row by row: event id → date.
FACTS = {
    "belarus-talks-round-1": "2022-02-28",
    "belarus-talks-round-2": "2022-03-03",
    "belarus-talks-round-3": "2022-03-07",
    "csto-summit": "2022-05-16",
    "lukashenko-letter-to-guterres": "2022-05-18",
    "zelensky-martial-law-bills": "2022-05-18",
    "azovstal-surrender": "2022-05-20",
    "budanov-wsj-interview": "2022-05-20",
    "podolyak-concessions": "2022-05-21",
    "zelensky-diplomacy-interview": "2022-05-21",
    "rada-extends-martial-law": "2022-05-22",
    "yermak-territorial-integrity": "2022-05-22",
    "duda-addresses-rada": "2022-05-22",
    "gaidai-severodonetsk": "2022-05-22",
    "sochi-meeting": "2022-05-23",
    "lukashenko-letter-published": "2022-05-23",
    "contact-group-meeting": "2022-05-23",
}


@pytest.fixture(scope="module")
def export() -> dict:
    result = subprocess.run([str(Path(sys.executable).parent / "timeline"), "export",
                             "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                            env=run_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_dates_follow_facts_with_war_day_numbers(export: dict) -> None:
    events = {e["id"]: e for e in export["events"]}
    assert {key: events[key]["date"] for key in FACTS} == FACTS
    assert events["sochi-meeting"]["calendar"] == {"war": 89}
    assert events["rada-extends-martial-law"]["calendar"] == {"war": 88}
    assert all(e["precision"] == "day" for e in events.values())


def test_relative_days_are_anchored_to_the_original_report(export: dict) -> None:
    events = {e["id"]: e for e in export["events"]}
    assert (events["podolyak-concessions"]["date_text"], events["podolyak-concessions"]["date"]) \
        == ("Saturday", "2022-05-21")
    assert events["yermak-territorial-integrity"]["date_text"] == "Sunday"


def test_size_and_sources(export: dict) -> None:
    assert len(export["events"]) >= 15 and len(export["actors"]) >= 10
    sources = {s["id"]: s for s in export["sources"]}
    assert sources["interreviewed-lukashenko-letter"]["published"] == "2023"
    assert sources["rawstory-lukashenko-letter"]["published"] == "2022-05"
    assert sources["daily-beast-lukashenko-letter"]["published"] == "2022-05-23"
    assert not sources["daily-beast-lukashenko-letter"]["has_text"]


def test_every_quote_is_verified_unless_its_source_has_no_text(export: dict) -> None:
    has_text = {s["id"]: s["has_text"] for s in export["sources"]}
    quotes = [q for e in export["events"] for q in e["quotes"]]
    assert len(quotes) >= 20
    assert all(q["verified"] == has_text[q["source"]] for q in quotes)


def test_seed_quotes_are_all_in_the_content(export: dict) -> None:
    texts = " ".join(q["text"] for e in export["events"] for q in e["quotes"])
    for words in ("refrain from arms sales", "refrain from the supply of weapons",
                  "withstanding the impact of the sanctions", "overall strategy",
                  "full restoration of Ukraine", "war postponed for several years",
                  "We are not traitors", "The security architecture in Europe has failed"):
        assert words in texts


def test_the_copy_and_the_relay_derive_from_the_daily_beast(export: dict) -> None:
    sources = {s["id"]: s for s in export["sources"]}
    assert sources["interreviewed-lukashenko-letter"]["derived_from"] \
        == "daily-beast-lukashenko-letter"
    assert sources["rawstory-lukashenko-letter"]["derived_from"] \
        == "daily-beast-lukashenko-letter"
    # The copy is dated 2023; its "Saturday" is the original's, with no reported: of its own.
    events = {e["id"]: e for e in export["events"]}
    podolyak = ROOT / "content" / "events" / "podolyak-concessions.md"
    assert "reported:" not in podolyak.read_text(encoding="utf-8")
    assert events["podolyak-concessions"]["sources"][0] == "interreviewed-lukashenko-letter"


def test_verified_quotes_name_the_hash_of_their_source_text(export: dict) -> None:
    """Recomputed here from the files (UTF-8, LF, body without surrounding whitespace)."""
    hashes = {}
    for path in (ROOT / "content" / "sources").glob("*.md"):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip()
        hashes[path.stem] = hashlib.sha256(body.encode()).hexdigest() if body else None
    assert {s["id"]: s["text_sha256"] for s in export["sources"]} == hashes
    for quote in (q for e in export["events"] for q in e["quotes"]):
        assert quote["verified"] == (hashes[quote["source"]] is not None)
        assert quote.get("verified_against") == hashes[quote["source"]]


def test_translation_variants_pull_quote_dispute_and_corrections(export: dict) -> None:
    events = {e["id"]: e for e in export["events"]}
    letter = {q["text"]: q for q in events["lukashenko-letter-to-guterres"]["quotes"]}
    weapons = letter["Together and each in our role, we can do a lot today: refrain from the "
                     "supply of weapons"]
    arms = letter["Together, and each in his own role, we can do a lot today: refrain from "
                  "arms sales"]
    assert arms["variant_of"] == weapons["id"] == "refrain-weapons"
    sochi = {q["text"]: q for q in events["sochi-meeting"]["quotes"]}
    assert sochi["commendably"]["variant_of"] == sochi["quite well"]["id"]
    assert not sochi["commendably"]["verified"]
    pull = next(q for q in events["podolyak-concessions"]["quotes"]
                if q["text"] == "Any concession to Russia is no path to peace.")
    assert (pull["attribution"], pull["speaker"], pull["variant_of"]) == (
        "unattributed", None, "podolyak-postponed")
    rada = events["rada-extends-martial-law"]
    assert [(d["source"], d["says"], d["verified"]) for d in rada["disputes"]] == [
        ("interreviewed-lukashenko-letter", "extend martial law for another month", True)]
    assert {"babel-rada-extends-martial-law", "interfax-ukraine-rada-vote"} \
        <= set(rada["sources"])
    assert rada["corrections"] and rada["corrections"][0]["date"] == "2026-12-01"


def test_no_event_rests_on_the_reworded_copy_alone(export: dict) -> None:
    lone = [e["id"] for e in export["events"]
            if e["sources"] == ["interreviewed-lukashenko-letter"]]
    assert lone == []


@pytest.mark.parametrize(("event_id", "figures"), [
    ("rada-extends-martial-law", ("90 days", "320 votes", "315")),
    ("contact-group-meeting", ("47 countries", "about 20")),
])
def test_key_figures_carry_inline_citations(event_id: str, figures: tuple[str, ...]) -> None:
    body = (ROOT / "content" / "events" / f"{event_id}.md").read_text(encoding="utf-8")
    body = body.split("\n---\n", 1)[1]
    for figure in figures:
        after = body[body.index(figure):]
        assert re.match(r"[^.\[]*\[@[a-z0-9-]+\]", after), figure


def test_explainers_never_say_seed() -> None:
    for path in (ROOT / "content").rglob("*.md"):
        assert "seed" not in path.read_text(encoding="utf-8").lower(), path


def test_export_matches_golden(export: dict) -> None:
    """After a deliberate content change:
    UPDATE_GOLDEN=1 pytest tests/builders/test_seed_story.py"""
    text = json.dumps(export, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
