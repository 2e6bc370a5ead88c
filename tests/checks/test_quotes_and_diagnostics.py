"""Quote verification (normalisation, elision, closest passage) and diagnostic formats."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from timeline_builder.checks.quotes import normalise, verify
from timeline_builder.core.diagnostics import Diagnostic, format_diagnostics

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


# Whole words, against the rendered text of the source (CONTRACT section 2, issue 9 item 6)

ARCHIVE = ("Any concession to Russia is no path to peace. The *Russian* economy is "
           "**withstanding** the impact of the [sanctions](https://example.org/s), quite well. "
           "We are not aggressors—as some states try to portray us. Lukashenko&nbsp;said so. "
           "Це `дуже` добре, сказав він. तुम्हारा नाम क्या है")


@pytest.mark.parametrize(("quote", "found"), [
    ("ny concession", False),                       # a fragment of "Any"
    ("conomy is withstandin", False),               # fragments at both ends
    ("concession to Russi", False),
    ("Any concession", True),
    ("the Russian economy is withstanding the impact of the sanctions", True),  # emphasis, link
    ("We are not aggressors - as some states", True),    # dash spacing normalised
    ("We are not aggressors — as some states", True),
    ("not aggressors -- as some", True),
    ("Lukashenko said so", True),                   # an entity in the archive is a space
    ("Це дуже добре", True),                        # code spans are text too
    ("Це дуже добр", False),
    ("तुम्हारा नाम क्या", True),
    ("तुम्हारा नाम क", False),                         # क without its vowel sign is not a word
    ("Any concession … no path to peace", True),    # an elision stands for words
    ("Any concession [...] path to peace", True),
    ("Any concession (…) path to peace", True),
    ("Any conc… to peace", False),                  # never for part of a word
    ("Any concession … ath to peace", False),
    ("peace … Any concession", False),              # in order
    ("Russia is no path … quite well", True),
])
def test_whole_words_in_the_rendered_text(quote: str, found: bool) -> None:
    assert verify(quote, ARCHIVE).found is found


def test_an_elision_gap_is_bounded() -> None:
    source = "start here " + "filler words " * 300 + "end there"
    assert verify("start here … end there", source).found is False
    assert verify("start here … filler words", source).found is True


WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
                                  "theta", "iota", "kappa", "lambda", "mu"]), min_size=8,
                 max_size=40)


@settings(deadline=None)  # the first example renders with a cold cache
@given(WORDS, st.data())
def test_any_run_of_whole_words_verifies(words: list[str], data: st.DataObject) -> None:
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    assert verify(" ".join(words[first:last + 1]), " ".join(words)).found


@settings(deadline=None)  # the first example renders with a cold cache
@given(WORDS, st.data())
def test_a_cut_word_never_verifies(words: list[str], data: st.DataObject) -> None:
    """Cut letters off the first word of a run: no word in the source starts that way."""
    unique = [f"{word}{i}x" for i, word in enumerate(words)]  # every word occurs once
    first = data.draw(st.integers(0, len(unique) - 1))
    last = data.draw(st.integers(first, len(unique) - 1))
    run = " ".join(unique[first:last + 1])
    cut = data.draw(st.integers(1, 3))
    assert not verify(run[cut:], " ".join(unique)).found
    assert not verify(run[:-cut], " ".join(unique)).found


@settings(deadline=None)  # the first example renders with a cold cache
@given(WORDS, st.data())
def test_an_elision_stands_for_the_words_between(words: list[str], data: st.DataObject) -> None:
    a, b, c, d = sorted(data.draw(st.lists(st.integers(0, len(words)), min_size=4, max_size=4)))
    assume(a < b and c < d)
    quote = f"{' '.join(words[a:b])} … {' '.join(words[c:d])}"
    assert verify(quote, " ".join(words)).found, "each part occurs, in order"
