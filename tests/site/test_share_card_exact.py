"""The fast share-card drawing is the exact one (issue 23, scale).

``share_card`` measures text as a sum of cached per-character advances, wraps in one pass,
pastes the mask of a repeated run rendered once, and turns its coverage image into the
palette image in place. Each shortcut holds only while it gives what the straightforward
drawing gives, byte for byte (a card's URL holds the hash of what is drawn, and cards are
compared across builds): these tests fail the day a font, Pillow or a change here breaks
that, against a reference that measures whole lines with ``Font.getlength`` and draws with
``ImageDraw.text``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.share_card_reference import reference_draw, reference_wrap, whole
from timeline_builder.site import share_card as sc

ROOT = Path(__file__).resolve().parents[2]
# Every weight and size a card sets text in: the title's sizes, the date and the site name.
SETTINGS = [(700, size) for size in sc.TITLE_SIZES] + [(400, 34), (400, 30)]
LATIN = "".join(chr(point) for point in range(0x20, 0x250) if chr(point).isprintable())
CYRILLIC = "".join(chr(point) for point in range(0x400, 0x460)) + "ҐґЎў№"
PUNCTUATION = "–—‘’“”„«»…€·"


def _title_characters() -> str:
    """The characters of the seed story's titles (English, Ukrainian, Russian)."""
    found: set[str] = set()
    for path in (ROOT / "content").rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("title:", "name:")):
                found.update(line.partition(":")[2])
    return "".join(sorted(char for char in found if sc._drawable(char) == char))


ALPHABET = "".join(sorted(set(_title_characters() + LATIN + CYRILLIC + PUNCTUATION)))


@pytest.mark.parametrize(("weight", "size"), SETTINGS)
def test_every_pair_of_characters_measures_as_the_sum_of_its_advances(
        weight: int, size: int) -> None:
    """No kerning, whole-pixel advances: what lets ``_Fonts.length`` add advances up. Pairs
    in different subsets are separate runs, added up by the reference too."""
    fonts = sc._font(weight, size)
    advances = {char: fonts.font_for(char).getlength(char) for char in ALPHABET}
    assert all(advance == int(advance) for advance in advances.values())
    by_font = itertools.groupby(sorted(ALPHABET, key=lambda c: id(fonts.font_for(c))),
                                key=lambda c: id(fonts.font_for(c)))
    for _, group in by_font:
        chars = list(group)
        font = fonts.font_for(chars[0])
        wrong = [a + b for a in chars for b in chars
                 if font.getlength(a + b) != advances[a] + advances[b]]
        assert not wrong, wrong[:10]


WORD = st.text(ALPHABET.replace(" ", ""), min_size=1, max_size=40)
TITLE = st.lists(WORD, max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(title=TITLE, setting=st.sampled_from(SETTINGS), width=st.sampled_from([1072, 632, 40]),
       most=st.integers(1, 6), exact=st.integers(0, 8))
def test_the_fast_wrap_gives_the_reference_lines(title: str, setting: tuple[int, int],
                                                 width: int, most: int, exact: int) -> None:
    """At fixed widths, and at a width that the first ``exact`` words fill to the pixel
    (where ``<=`` against ``<`` decides)."""
    fonts = sc._font(*setting)
    if exact and title:
        width = int(whole(fonts, " ".join(title.split()[:exact])))
    assert sc._wrap(title, fonts, width, most) == reference_wrap(title, fonts, width, most)
    assert sc._Fonts.length(fonts, title) == whole(fonts, title)


@settings(max_examples=100, deadline=None)
@given(word=st.text(ALPHABET, min_size=2, max_size=60), setting=st.sampled_from(SETTINGS),
       fill=st.integers(1, 60), slack=st.sampled_from([0, 0, 1, -1]))
def test_a_word_wider_than_a_line_is_cut_where_the_reference_cuts_it(
        word: str, setting: tuple[int, int], fill: int, slack: int) -> None:
    """At a width its first ``fill`` characters fill to the pixel, or one pixel either side."""
    fonts = sc._font(*setting)
    width = int(whole(fonts, word[:fill])) + slack
    cut = 1
    while cut < len(word) and whole(fonts, word[:cut + 1]) <= width:
        cut += 1
    assert sc._longest_prefix(word, fonts, width) == cut


@settings(max_examples=25, deadline=None)
@given(title=TITLE, site=st.sampled_from(["War Timeline", "Хронологія війни", "Сайт"]),
       day=st.integers(1, 31))
def test_a_card_is_the_reference_card_byte_for_byte(title: str, site: str, day: int) -> None:
    """Drawn twice, so the second card's repeated runs come from the mask cache."""
    card = sc.Card("x", f"{day} травня 2022 р.", ("89-й день війни",), title, site)
    assert sc.draw(card) == sc.draw(card) == reference_draw(card)


@pytest.mark.parametrize("title", ["Sanctions " * 300, "A" * 3000, "Ї" * 700 + " ok",
                                   "Zelensky and Truss meet in Kyiv — «Азовсталь» 89"])
def test_long_and_mixed_titles_are_the_reference_card(title: str) -> None:
    card = sc.Card("x", "Monday 23 May 2022", ("Day 89",), title, "War Timeline")
    assert sc.draw(card) == reference_draw(card)
