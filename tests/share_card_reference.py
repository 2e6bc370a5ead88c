"""The share-card drawing as it was before issue 23's shortcuts: every trial line measured
whole with ``Font.getlength``, each run drawn with ``ImageDraw.text``, the coverage copied
into a new "P" image. tests/site/test_share_card_exact.py checks ``share_card`` against it
byte for byte, and bench/bench_cards.py times ``share_card.draw`` against it."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from timeline_builder.site import share_card as sc


def whole(fonts: sc._Fonts, text: str) -> float:
    """The reference measure: ``getlength`` of each subset's run, whole."""
    return sum(font.getlength(run) for run, font in fonts.runs(text))


def reference_wrap(text: str, fonts: sc._Fonts, width: int, most: int) -> list[str]:
    """``_wrap`` as it was: every trial line and every prefix of a long word measured whole."""
    text = text[:sc.TITLE_CHARACTERS]
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for word in words:
        trial = f"{line} {word}" if line else word
        if whole(fonts, trial) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        line = word
        while len(lines) <= most and whole(fonts, line) > width and len(line) > 1:
            cut = 1
            while cut < len(line) and whole(fonts, line[:cut + 1]) <= width:
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
        while last and whole(fonts, last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def reference_draw(card: sc.Card) -> bytes:
    """``draw`` without its shortcuts, for a card without a picture."""
    width = sc.WIDTH - 2 * sc.MARGIN
    coverage = Image.new("L", (sc.WIDTH, sc.HEIGHT), 0)
    pen = ImageDraw.Draw(coverage)

    def text(at: tuple[int, int], line: str, weight: int, size: int, level: int) -> None:
        x, y = at
        for run, font in sc._font(weight, size).runs(line):
            pen.text((x, y), run, font=font, fill=level)
            x += round(font.getlength(run))

    date_line, title, site_name = sc._shown(card)
    top = sc.MARGIN
    for line in reference_wrap(date_line, sc._font(400, 34), width, 2):
        text((sc.MARGIN, top), line, 400, 34, 200)
        top += 46
    pen.rectangle((sc.MARGIN, top + 14, sc.MARGIN + 96, top + 20), fill=140)
    top += 56
    size, lines = sc.TITLE_SIZES[-1], []
    for size in sc.TITLE_SIZES:  # noqa: B007 (the size that fits is used below)
        most = min(sc.TITLE_LINES, (sc.HEIGHT - top - 130) // round(size * 1.22))
        lines = reference_wrap(title, sc._font(700, size), width, most + 1)
        if len(lines) <= most:
            break
    else:
        lines = reference_wrap(title, sc._font(700, size), width, most)
    for line in lines:
        text((sc.MARGIN, top), line, 700, size, 255)
        top += round(size * 1.22)
    site = reference_wrap(site_name, sc._font(400, 30), width, 1)
    text((sc.MARGIN, sc.HEIGHT - sc.MARGIN - 34), site[0] if site else "", 400, 30, 190)
    image = Image.frombytes("P", coverage.size, coverage.tobytes())
    image.putpalette(list(sc._palette()))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()
