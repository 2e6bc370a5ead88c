"""Share cards from hostile and careless titles (issue 24, round two, point 1).

A card is drawn within bounded work whatever the title's length, the same bytes twice, never
blank, and never as boxes: a script the pinned Noto Sans subsets (Latin, Cyrillic) lack, or
that Pillow's basic layout would draw in the wrong order (right-to-left), gives way to the
site's name; symbols and invisible characters they lack are left out.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import build_site, copy_project
from tests.site.test_event_pages import local, read_head
from timeline_builder.site import share_card

DATE, LABELS, SITE = "Monday 23 May 2022", ("Day 89",), "War Timeline"
TITLE_AREA = (share_card.MARGIN, 170, 1200 - share_card.MARGIN, 500)
FOOTER_AREA = (share_card.MARGIN, 630 - share_card.MARGIN - 40, 1200, 630 - share_card.MARGIN + 4)

HOSTILE_TITLES = {
    "10000_characters_one_word": "A" * 10_000,
    "10000_characters_of_words": "word " * 2_000,
    "arabic": "اجتماع مجلس الأمن بشأن أوكرانيا",
    "hebrew": "ישיבת מועצת הביטחון על אוקראינה",
    "latin_with_one_hebrew_word": "Zelensky says שלום to the Knesset",
    "arabic_digits": "Talks on day ٨٩",
    "cjk": "安理会就乌克兰问题举行会议",
    "emoji_zwj_flags": "👩‍👩‍👧‍👦 Family 🇺🇦 flag",
    "combining_zalgo": "Z̷̢̛a̴l̸g̵o̶ " * 200,
    "zero_width_joiners": "a\u200db\u200cc\u200d\ufeff" * 300,
    "only_whitespace": " \t \u3000 \u2028 \u00a0 ",
    "only_combining_marks": "\u0301" * 10_000,
    "ten_thousand_marks_on_one_letter": "e" + "\u0301" * 10_000,
    "empty": "",
}


def _card(title: str, site: str = SITE) -> share_card.Card:
    return share_card.Card("x", DATE, LABELS, title, site)


def _ink(png: bytes, box: tuple[int, int, int, int]) -> int:
    """Pixels of text (palette index or grey level above the background's) inside ``box``."""
    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L").crop(box)
    return sum(grey.histogram()[80:])


@pytest.mark.parametrize("title", HOSTILE_TITLES.values(), ids=HOSTILE_TITLES.keys())
def test_a_hostile_title_gives_a_bounded_deterministic_card(title: str) -> None:
    png = share_card.draw(_card(title))
    assert png == share_card.draw(_card(title))  # the same bytes twice
    assert len(png) < 100_000
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (share_card.WIDTH, share_card.HEIGHT)
    assert _ink(png, TITLE_AREA) > 300  # a title (or the site's name) is drawn: not blank


@pytest.mark.parametrize("title", ["arabic", "hebrew", "latin_with_one_hebrew_word",
                                   "arabic_digits", "cjk", "only_whitespace",
                                   "only_combining_marks", "empty"])
def test_a_title_the_fonts_cannot_draw_shows_the_site_name_not_boxes(title: str) -> None:
    png = share_card.draw(_card(HOSTILE_TITLES[title]))
    # Exactly the card whose title is the site's name (drawn once: the footer stays empty).
    assert png == share_card.draw(_card(SITE, site=""))
    assert _ink(png, FOOTER_AREA) == 0


def test_symbols_and_invisible_characters_the_fonts_lack_are_left_out() -> None:
    assert (share_card.draw(_card(HOSTILE_TITLES["emoji_zwj_flags"]))
            == share_card.draw(_card("Family flag")))
    invisible = "Ze\u200dlen\u2067sky\u2069"
    assert share_card.draw(_card(invisible)) == share_card.draw(_card("Zelensky"))
    # A decomposed é is drawn as the precomposed letter, not e and a floating accent.
    assert share_card.draw(_card("Pe\u0301tain")) == share_card.draw(_card("P\u00e9tain"))


def test_a_site_name_and_labels_the_fonts_cannot_draw_leave_a_card_with_its_date() -> None:
    card = share_card.Card("x", DATE, ("اليوم ٨٩",), "שלום", "موقع")
    png = share_card.draw(card)
    assert png == share_card.draw(share_card.Card("x", DATE, (), "", ""))
    assert _ink(png, (share_card.MARGIN, share_card.MARGIN, 1200, 120)) > 1000  # the date


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many characters the card's fonts have measured (reset it to 0 to count)."""
    counted = [0]
    original = share_card._Fonts.length

    def counting(self: share_card._Fonts, text: str) -> float:
        counted[0] += len(text)
        return original(self, text)

    monkeypatch.setattr(share_card._Fonts, "length", counting)
    return counted


def test_the_work_of_a_title_does_not_grow_with_its_length(measured: list[int]) -> None:
    """Characters measured while wrapping: a 10,000-character title costs what a
    2,000-character one does (the card shows ~560 at most); it measured 50× more before."""

    def cost(title: str) -> int:
        measured[0] = 0
        share_card.draw(_card(title))
        return measured[0]

    for unit in ("A", "word "):
        short, long = cost(unit * (2_000 // len(unit))), cost(unit * (10_000 // len(unit)))
        assert long <= short * 1.1, unit
        assert long < 400_000, unit


@pytest.mark.slow
def test_hostile_titles_in_a_real_build_give_cards(tmp_path: Path) -> None:
    """The same titles as event files of a real MkDocs build: the build passes, and each
    event's og:image is its card, 1200×630, the same bytes as ``draw`` gives."""
    project = copy_project(tmp_path / "project", translations=False)
    titles = {"long-title": "Sanctions " * 1000, "arabic-title": HOSTILE_TITLES["arabic"],
              "emoji-title": HOSTILE_TITLES["emoji_zwj_flags"]}
    for event_id, title in titles.items():
        (project / "content" / "events" / f"{event_id}.md").write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: 2022-05-24\n"
            "actors: [putin]\nsources: [tass-csto-summit]\n---\nBody.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for event_id in titles:
        head = read_head(site, f"events/{event_id}")
        card = local(site, head.meta["og:image"])
        with Image.open(card) as image:
            assert image.size == (share_card.WIDTH, share_card.HEIGHT)
        assert _ink(card.read_bytes(), TITLE_AREA) > 1500
    # The Arabic title's card shows the site's name; its page keeps the real title.
    arabic = read_head(site, "events/arabic-title")
    assert HOSTILE_TITLES["arabic"] in arabic.meta["og:title"]


def test_a_10000_character_site_name_and_label_cost_what_short_ones_do(
        measured: list[int]) -> None:
    costs = []
    for length in (2_000, 10_000):
        measured[0] = 0
        card = share_card.Card("x", DATE, ("Day " * (length // 4),), "Title", "S" * length)
        png = share_card.draw(card)
        assert png == share_card.draw(card)
        costs.append(measured[0])
    assert costs[1] <= costs[0] * 1.1, costs
