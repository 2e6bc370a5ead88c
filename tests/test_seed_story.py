"""The seed story as content: dates of ../shared/FACTS.md, quotes verified, golden export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_env

GOLDEN = Path(__file__).parent / "golden" / "seed-export.json"

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


def test_export_matches_golden(export: dict) -> None:
    """After a deliberate content change: UPDATE_GOLDEN=1 pytest tests/test_seed_story.py"""
    text = json.dumps(export, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
