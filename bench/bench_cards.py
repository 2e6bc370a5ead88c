"""What a share card costs to draw (issues 20, 21 and 23, scale): the drawing of
timeline_builder/site/share_card.py against the one it replaced, kept below as the
reference (it measured every trial line whole with ``Font.getlength``, drew each run with
``ImageDraw.text`` and copied the coverage into a new "P" image), on the same cards in the
same run, as a ratio. Every card must come out byte-identical from both, or the bench fails.

The cards: titles from bench/real_corpus.py's generator (one in twenty is 30-60 words),
Cyrillic titles, and a few of thousands of characters; the date changes from card to card,
the site's name does not (as in an edition).
Usage: python bench/bench_cards.py [CARDS]  (default 300)
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))
from real_corpus import _title  # noqa: E402

from tests.share_card_reference import reference_draw  # noqa: E402
from timeline_builder.site import share_card as sc  # noqa: E402

CYRILLIC = ("Зеленський", "зустрівся", "з", "прем'єр-міністром", "Великої", "Британії", "у",
            "Києві", "Совет", "безопасности", "ООН", "обсудил", "гуманитарный", "коридор",
            "Маріуполь", "«Азовсталь»", "евакуація", "переговоры", "в", "Стамбуле")


def cards(count: int) -> list[sc.Card]:
    rng = random.Random(23)
    made = []
    for number in range(count):
        kind = number % 10
        if kind < 6:
            title = _title(rng, number)
        elif kind < 9:
            title = " ".join(rng.choice(CYRILLIC) for _ in range(rng.randrange(4, 14)))
        else:
            title = " ".join(rng.choice(CYRILLIC) for _ in range(rng.randrange(300, 600)))
        day = 1 + number % 28
        made.append(sc.Card(f"e{number}", f"Monday {day} May 2022", (f"Day {number}",),
                            title, "War Timeline"))
    return made


# --- the run ---

def per_card(drawing: Callable[[sc.Card], bytes],
             shown: list[sc.Card]) -> tuple[float, list[bytes]]:
    """CPU seconds per card (best of three rounds) and the cards' bytes."""
    best, pngs = float("inf"), []
    for _ in range(3):
        started = time.process_time()
        pngs = [drawing(card) for card in shown]
        best = min(best, (time.process_time() - started) / len(shown))
    return best, pngs


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    shown = cards(count)
    sc.draw(shown[0])  # load the fonts once, outside the timings
    old, old_pngs = per_card(reference_draw, shown)
    new, new_pngs = per_card(sc.draw, shown)
    different = sum(a != b for a, b in zip(old_pngs, new_pngs, strict=True))
    print(f"share cards, {count} cards (Latin, Cyrillic, {count // 10} of 300-600 words)")
    print(f"  before (reference drawing): {old * 1000:7.2f} ms/card")
    print(f"  now (share_card.draw):      {new * 1000:7.2f} ms/card   "
          f"ratio {new / old:.2f} of before ({old / new:.1f}x faster)")
    print(f"  cards whose bytes differ: {different}")
    if different:
        sys.exit("share_card.draw no longer draws the reference's bytes")


if __name__ == "__main__":
    main()
