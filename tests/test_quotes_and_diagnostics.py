"""Quote verification (normalisation, elision, closest passage) and diagnostic formats."""

from __future__ import annotations

import json

import pytest

from timeline_builder.diagnostics import Diagnostic, format_diagnostics
from timeline_builder.quotes import normalise, verify

SOURCE = ("“Despite all the difficulties, the Russian economy is withstanding the impact of the "
          "sanctions, quite well,” Putin said.  “We are not aggressors — as some  states try "
          "to portray us. Belarus has never been the initiator of wars or conflicts…”")


@pytest.mark.parametrize(("quote", "found"), [
    ("Despite all the difficulties, the Russian economy is withstanding the impact of the "
     "sanctions, quite well.", True),                                  # terminal punctuation
    ('"despite ALL the difficulties"', True),                          # case, straight quotes
    ("We are not aggressors - as some states try to portray us.", True),  # dash, spaces
    ("We are not aggressors … never been the initiator of wars", True),   # elision
    ("We are not aggressors ... never been the initiator of wars", True),  # three dots
    ("We are not aggressors [...] never been the initiator", True),       # bracketed
    ("never been the initiator … We are not aggressors", False),         # order matters
    ("the Russian economy is withstanding the sanctions commendably", False),
    ("…", False),
])
def test_verify(quote: str, found: bool) -> None:
    assert verify(quote, SOURCE).found is found


def test_unverified_quote_shows_the_closest_passage() -> None:
    verdict = verify("the Russian economy is withstanding the sanctions commendably", SOURCE)
    assert "the russian economy is withstanding" in verdict.closest and verdict.score > 60


def test_normalise() -> None:
    assert normalise("“Quite  well,”\u00a0he said…") == "quite well, he said…"


def test_formats_are_sorted_and_escaped() -> None:
    problems = [Diagnostic("b.md", 2, "warning", "w"),
                Diagnostic("a.md", 9, "error", "50% of x, y: z", "fix\nit")]
    assert format_diagnostics(problems, "text").splitlines() == [
        "a.md:9: error: 50% of x, y: z; fix it", "b.md:2: warning: w"]
    assert format_diagnostics(problems, "github").splitlines()[0] == (
        "::error file=a.md,line=9::50%25 of x, y: z; fix%0Ait")
    assert json.loads(format_diagnostics(problems, "json"))[1]["severity"] == "warning"
