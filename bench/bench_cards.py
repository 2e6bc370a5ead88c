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

import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))
from real_corpus import _title  # noqa: E402

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


# --- the reference: share_card.draw as it was before (measuring, drawing and encoding) ---

def _ref_length(fonts: sc._Fonts, text: str) -> float:
    return sum(font.getlength(run) for run, font in fonts.runs(text))


def _ref_wrap(text: str, fonts: sc._Fonts, width: int, most: int) -> list[str]:
    text = text[:sc.TITLE_CHARACTERS]
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for word in words:
        trial = f"{line} {word}" if line else word
        if _ref_length(fonts, trial) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        line = word
        while len(lines) <= most and _ref_length(fonts, line) > width and len(line) > 1:
            cut = 1
            while cut < len(line) and _ref_length(fonts, line[:cut + 1]) <= width:
                cut += 1
            lines.append(line[:cut])
            line = line[cut:]
        if len(lines) > most:
            break
    if line and len(lines) <= most:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and _ref_length(fonts, last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def _ref_fit_title(title: str, width: int, height: int) -> tuple[int, list[str]]:
    for size in sc.TITLE_SIZES:
        most = min(sc.TITLE_LINES, height // round(size * 1.22))
        lines = _ref_wrap(title, sc._font(700, size), width, most + 1)
        if len(lines) <= most:
            return size, lines
    size = sc.TITLE_SIZES[-1]
    most = min(sc.TITLE_LINES, height // round(size * 1.22))
    return size, _ref_wrap(title, sc._font(700, size), width, most)


def _ref_text(pen: ImageDraw.ImageDraw, at: tuple[int, int], text: str, weight: int,
              size: int, level: int) -> None:
    fonts = sc._font(weight, size)
    x, y = at
    for run, font in fonts.runs(text):
        pen.text((x, y), run, font=font, fill=level)
        x += round(font.getlength(run))


def reference_draw(card: sc.Card) -> bytes:
    """share_card.draw before issue 23's speed-up (cards without a picture)."""
    width = sc.WIDTH - 2 * sc.MARGIN
    coverage = Image.new("L", (sc.WIDTH, sc.HEIGHT), 0)
    pen = ImageDraw.Draw(coverage)
    top = sc.MARGIN
    date_line, title, site_name = sc._shown(card)
    for line in _ref_wrap(date_line, sc._font(400, 34), width, 2):
        _ref_text(pen, (sc.MARGIN, top), line, 400, 34, 200)
        top += 46
    pen.rectangle((sc.MARGIN, top + 14, sc.MARGIN + 96, top + 20), fill=140)
    top += 56
    size, lines = _ref_fit_title(title, width, sc.HEIGHT - top - 130)
    for line in lines:
        _ref_text(pen, (sc.MARGIN, top), line, 700, size, 255)
        top += round(size * 1.22)
    site = _ref_wrap(site_name, sc._font(400, 30), width, 1)
    _ref_text(pen, (sc.MARGIN, sc.HEIGHT - sc.MARGIN - 34), site[0] if site else "", 400, 30,
              190)
    out = io.BytesIO()
    image = Image.frombytes("P", coverage.size, coverage.tobytes())
    image.putpalette(list(sc._palette()))
    image.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


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
