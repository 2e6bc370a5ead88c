"""Each event's share card: the 1200x630 PNG that its page names as ``og:image``.

Drawn at build time with Pillow from the event's date, its day-N labels, its title and the
site's name, with the event's first non-graphic picture beside them where it has one (a
graphic picture never reaches a card: ``Event.thumbnail`` skips it). The text is set in
Noto Sans, shipped in ``assets/fonts`` (``fonts.json`` pins the @fontsource release and the
hash of every file), with Pillow's basic layout (no system raqm), so a build on any
machine draws the same pixels and, with the pinned Pillow and zlib, the same bytes.

What the fonts cannot draw is not drawn as boxes (issue 24): the pinned subsets cover Latin
and Cyrillic, and the basic layout neither shapes Arabic nor orders right-to-left text. A
title with a letter or digit the fonts lack (Arabic, Hebrew, CJK, ...) shows the site's name
in its place; symbols they lack (emoji, flags), invisible format characters (ZWJ, bidi
marks) and uncovered combining marks are left out; an empty or blank title also shows the
site's name. A title of any length is wrapped only as far as the card shows it.

Cards are kept in the project's cache folder, outside the project (core/cache_home.py),
named by the hash of everything that is drawn: a rebuild draws only the cards of events
whose card changed, and cards no build shows any more are deleted.

Speed: a card without a picture is drawn in shades of one colour pair (a grayscale
coverage image whose palette runs from the background to the text colour), which Pillow
encodes as an 8-bit PNG several times faster than RGB; 10,000 cards are a build cost.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import itertools
import json
import os
import pickle
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.cache_home import project_cache

if TYPE_CHECKING:  # Pillow is imported where a card is drawn: check and export never load it
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
PUBLISHED_DIR = "assets/timeline/cards"
# Bump when the drawing changes, so cards drawn by the old code are not reused.
DRAWING = "v1"
FONT_DIR = Path(__file__).parent / "assets" / "fonts"
BACKGROUND = (26, 35, 94)   # Material's indigo 900-ish, the site's primary colour, darker
INK = (255, 255, 255)
MARGIN = 64
PICTURE_WIDTH = 440         # the picture's column on the right, full height
TITLE_SIZES = (68, 60, 52, 46, 40)
TITLE_LINES = 5
# More characters than any text of a card shows (five title lines of the narrowest glyphs
# hold ~560): a title, site name or label is cut there before it is measured.
TITLE_CHARACTERS = 1000


@dataclass(frozen=True)
class Card:
    """What one card shows; ``picture`` is the file of the picture's full copy, if any."""

    event_id: str
    date: str
    labels: tuple[str, ...]
    title: str
    site_name: str
    picture: Path | None = None
    picture_sha256: str = ""

    def fingerprint(self) -> str:
        """Everything that is drawn, the drawing's version and the font files."""
        return _fingerprint(self)

    @property
    def path(self) -> str:
        """Where the card is published: named by its content, so a changed card gets a new
        URL (social sites keep the picture of a URL for days)."""
        return f"{PUBLISHED_DIR}/{self.event_id}-{self.fingerprint()[:12]}.png"


# A card's name is asked for by its page, its oEmbed file and the card list, in each build
# of a serve loop: room for the cards of 10,000 events in three editions.
@lru_cache(maxsize=1 << 16)
def _fingerprint(card: Card) -> str:
    data: list[Any] = [DRAWING, _pillow_version(), _fonts_digest(), card.date,
                       list(card.labels), card.title, card.site_name, card.picture_sha256]
    shown = [" ".join(text.split()) for text in _shown(card)]
    given = [" ".join(text.split()) for text in
             ("  ·  ".join((card.date, *card.labels)), card.title, card.site_name)]
    if shown != given:
        data.append(shown)  # text the fonts lack: a card unlike the one v1 drew
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def produce(cards: Iterable[Card], cache_dir: Path) -> dict[str, Path]:
    """Site path → file of every card, drawing only those not in the cache yet; the
    cache's other files (cards no build shows any more) are deleted."""
    published: dict[str, Path] = {}
    missing: list[tuple[Card, Path]] = []
    for card in cards:
        cached = cache_dir / f"{card.fingerprint()}.png"
        if not _whole_png(cached):
            missing.append((card, cached))
        published[card.path] = cached
    if missing:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _draw_all(missing)
    _prune(cache_dir, set(published.values()))
    return published


# Fewer missing cards than this are drawn in this process: starting a worker (a fresh
# interpreter that imports Pillow and loads the fonts) costs about as much as 50 cards.
PARALLEL_FROM = 200


def _draw_all(missing: list[tuple[Card, Path]]) -> None:
    """Draw and write the missing cards; many at once in a process per core (a cold build
    of 10,000 events draws 10,000 cards per edition, then half of its time). A card's bytes
    do not depend on the process that draws it. The workers are ``python -m
    timeline_builder.site.card_worker``, not multiprocessing's: its spawned workers run
    the main module again, and a contributor's own build script without a ``__main__``
    guard would then run again in each of them (forking instead is unsafe in a process
    with threads, as MkDocs' server has). Cards the workers did not draw (they could not
    start, or failed) are drawn here, where a failure is reported as it always was."""
    workers = min(_cores(), 8)
    if workers > 1 and len(missing) >= PARALLEL_FROM:
        _draw_in_workers([missing[start::workers] for start in range(workers)])
    for job in missing:
        if not _whole_png(job[1]):
            write_card(*job)


def _cores() -> int:
    """The cores this process may run on (``sched_getaffinity`` is Linux's; elsewhere all)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _draw_in_workers(shares: list[list[tuple[Card, Path]]]) -> None:
    package_root = str(Path(__file__).resolve().parents[2])  # the code this process runs
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, path)))}
    command = [sys.executable, "-m", "timeline_builder.site.card_worker"]
    started: list[subprocess.Popen[bytes]] = []
    try:
        for share in shares:
            worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, env=env)
            started.append(worker)
            assert worker.stdin is not None
            with contextlib.suppress(OSError):  # a worker that died: drawn here instead
                worker.stdin.write(pickle.dumps(share))
                worker.stdin.close()
    except OSError:
        pass  # no worker could start (no interpreter to run): every card is drawn here
    finally:
        for worker in started:
            if worker.stdin is not None and not worker.stdin.closed:
                with contextlib.suppress(OSError):
                    worker.stdin.close()
            worker.wait()


def write_card(card: Card, path: Path) -> None:
    """Draw ``card`` into ``path`` (the cache's file for it)."""
    write_atomic(path, draw(card), force=True, durable=False)


_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _whole_png(path: Path) -> bool:
    """A cached card ends with PNG's IEND chunk: cards are written without fsync, so one
    cut short by a crash is drawn again rather than published."""
    try:
        with path.open("rb") as handle:
            handle.seek(-len(_PNG_END), 2)
            return handle.read() == _PNG_END
    except OSError:  # missing, or shorter than the trailer
        return False


def _prune(cache_dir: Path, kept: set[Path]) -> None:
    if not cache_dir.is_dir():
        return
    for path in cache_dir.iterdir():
        if path not in kept and path.is_file():
            with contextlib.suppress(OSError):  # another build may be reading it
                path.unlink()


def cache_dir_for(content_dir: Path, language: str) -> Path:
    """The project's card cache for one edition, outside the project (see
    core/cache_home.py). One folder per edition: each edition's :func:`produce` deletes
    the cards it no longer shows, and would otherwise delete the other editions' cards,
    so that every build drew them all again."""
    return project_cache(content_dir.parent, "cards") / language


@cache
def _pillow_version() -> str:
    """Pillow's version without importing Pillow (a cached card is reused without it)."""
    return version("pillow")


def draw(card: Card) -> bytes:
    """The PNG of one card."""
    from PIL import Image, ImageDraw, ImageOps

    text_width = WIDTH - 2 * MARGIN - (PICTURE_WIDTH if card.picture else 0)
    coverage = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(coverage)
    top = MARGIN
    date_line, title, site_name = _shown(card)
    for line in _wrap(date_line, _font(400, 34), text_width, 2):
        _text(pen, (MARGIN, top), line, 400, 34, 200)
        top += 46
    pen.rectangle((MARGIN, top + 14, MARGIN + 96, top + 20), fill=140)
    top += 56
    size, lines = _fit_title(title, text_width, HEIGHT - top - 130)
    for line in lines:
        _text(pen, (MARGIN, top), line, 700, size, 255)
        top += round(size * 1.22)
    site = _wrap(site_name, _font(400, 30), text_width, 1)
    _text(pen, (MARGIN, HEIGHT - MARGIN - 34), site[0] if site else "", 400, 30, 190)
    out = io.BytesIO()
    if card.picture is None:
        coverage.putpalette(_palette())  # the coverage becomes the "P" image: no copy
        coverage.save(out, "PNG", optimize=False, compress_level=3)
    else:
        image = ImageOps.colorize(coverage, BACKGROUND, INK)
        _paste_picture(image, card.picture)
        image.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


@lru_cache(maxsize=1 << 16)  # asked for by the fingerprint and by the drawing
def _shown(card: Card) -> tuple[str, str, str]:
    """The date line, title and site name as drawn: a title the fonts cannot draw, or none,
    gives way to the site's name (then not drawn twice)."""
    parts = (_drawable(part) for part in (card.date, *card.labels))
    title, site_name = _drawable(card.title), _drawable(card.site_name)
    if not title:
        title, site_name = site_name, ""
    return "  ·  ".join(part for part in parts if part), title, site_name


_UNSHOWN_BIDI = frozenset({"R", "AL", "AN"})  # right-to-left letters and Arabic digits


def _drawable(text: str) -> str:
    """``text`` as the pinned fonts draw it truthfully, or "" when they cannot: a letter or
    digit they lack (or any right-to-left character, which the basic layout would draw in
    the wrong order) would turn the text into boxes, so the caller shows something else;
    a symbol, format character or combining mark they lack is only left out."""
    if text.isascii() and text.isprintable():  # most titles: every character is covered
        return " ".join(text.split())
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp") or category[0] == "Z":
            kept.append(" ")
        elif category == "Cf":
            continue  # ZWJ, ZWNJ, bidi marks, soft hyphen: invisible, and no glyph here
        elif unicodedata.bidirectional(char) in _UNSHOWN_BIDI:
            return ""
        elif category[0] == "M" and (not kept or kept[-1] == " "):
            continue  # a mark on nothing: Pillow draws it left of the margin
        elif _covered(char):
            kept.append(char)
        elif category[0] in "LN":
            return ""
    return " ".join("".join(kept).split())


def _paste_picture(image: Image.Image, file: Path) -> None:
    """The picture fills the right column, cropped to it from its centre."""
    from PIL import Image, ImageOps

    with Image.open(file) as opened:
        picture = ImageOps.fit(opened.convert("RGB"), (PICTURE_WIDTH, HEIGHT),
                               Image.Resampling.LANCZOS)
    image.paste(picture, (WIDTH - PICTURE_WIDTH, 0))


@cache
def _palette() -> bytes:
    """Coverage 0..255 → the background blended towards the ink."""
    return bytes(round(b + (i - b) * level / 255) for level in range(256)
                 for b, i in zip(BACKGROUND, INK, strict=True))


def _fit_title(title: str, width: int, height: int) -> tuple[int, list[str]]:
    """The largest size at which the title fits in ``height``; cut with … at the smallest."""
    for size in TITLE_SIZES:
        most = min(TITLE_LINES, height // round(size * 1.22))
        lines = _wrap(title, _font(700, size), width, most + 1)
        if len(lines) <= most:
            return size, lines
    size = TITLE_SIZES[-1]
    most = min(TITLE_LINES, height // round(size * 1.22))
    return size, _wrap(title, _font(700, size), width, most)


def _wrap(text: str, fonts: _Fonts, width: int, most: int) -> list[str]:
    """Lines of whole words no wider than ``width``; past ``most`` lines the last ends in …
    (a word longer than a line is cut where it reaches the edge).

    Linear in the text: a trial line's length is the line's, plus a space's, plus the
    word's, because the pinned fonts' advances add up (see :meth:`_Fonts.length`)."""
    text = text[:TITLE_CHARACTERS]  # past it nothing is drawn, so nothing is measured
    words, lines, line, used = " ".join(text.split()).split(" "), [], "", 0.0
    space = fonts.length(" ")
    for word in words:
        size = fonts.length(word)
        trial = used + space + size if line else size
        if trial <= width:
            line, used = f"{line} {word}" if line else word, trial
            continue
        if line:
            lines.append(line)
        line, used = word, size
        while len(lines) <= most and used > width and len(line) > 1:
            cut = _longest_prefix(line, fonts, width)  # one word wider than a line
            lines.append(line[:cut])
            line = line[cut:]
            used = fonts.length(line)
        if len(lines) > most:  # the card shows no more: a 10,000-character title stops here
            break
    if line and len(lines) <= most:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and fonts.length(last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def _longest_prefix(text: str, fonts: _Fonts, width: int) -> int:
    """How many of ``text``'s characters fit in ``width`` (at least one), added up one
    advance at a time rather than measuring each longer prefix whole."""
    cut, used = 1, fonts.length(text[0])
    while cut < len(text) and used + (advance := fonts.length(text[cut])) <= width:
        used += advance
        cut += 1
    return cut


def _text(pen: ImageDraw.ImageDraw, at: tuple[int, int], text: str, weight: int, size: int,
          level: int) -> None:
    """Draws ``text`` run by run, each run in the subset that covers its characters: the
    mask ``ImageDraw.text`` would render, pasted the way it pastes it."""
    fonts = _font(weight, size)
    x, y = at
    for run, font in fonts.runs(text):
        mask, (left, top) = _mask(run, font, level)
        pen.draw.draw_bitmap((x + left, y + top), mask, level)
        x += round(fonts.length(run))


@lru_cache(maxsize=64)
def _mask(run: str, font: ImageFont.FreeTypeFont, level: int) -> tuple[Any, tuple[int, int]]:
    """The coverage of one run at a whole-pixel position, as ``ImageDraw.text`` asks it of
    the font, kept for the runs every card of an edition repeats (the site's name, a date
    shared by events): rendering is a third of a card's cost."""
    return font.getmask2(run, "L", None, None, None, 0, "la", level, (0.0, 0.0),
                         stroke_filled=True)


class _Fonts:
    """One weight and size of Noto Sans: its latin, latin-ext and cyrillic subsets."""

    def __init__(self, weight: int, size: int) -> None:
        from PIL import ImageFont

        manifest = _manifest()
        self.subsets: list[tuple[list[tuple[int, int]], ImageFont.FreeTypeFont]] = []
        for name, ranges in manifest["subsets"].items():
            file = FONT_DIR / f"noto-sans-{name}-{weight}-normal.woff"
            font = ImageFont.truetype(str(file), size, layout_engine=ImageFont.Layout.BASIC)
            self.subsets.append((_ranges(ranges), font))
        self.fallback = self.subsets[0][1]
        self._chosen: dict[str, ImageFont.FreeTypeFont] = {}
        self._advances: dict[str, float] = {}

    def font_for(self, char: str) -> ImageFont.FreeTypeFont:
        """The subset that covers ``char``, looked up once per character (a card's text
        asks for every character of every trial line: millions of look-ups a build)."""
        font = self._chosen.get(char)
        if font is None:
            font = self._chosen[char] = self._search(ord(char))
        return font

    def _search(self, point: int) -> ImageFont.FreeTypeFont:
        for ranges, font in self.subsets:
            at = bisect.bisect_right(ranges, (point, 0x10FFFF)) - 1
            if at >= 0 and ranges[at][0] <= point <= ranges[at][1]:
                return font
        return self.fallback

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """``text`` cut where the covering subset changes."""
        return [("".join(chars), font)
                for font, chars in itertools.groupby(text, key=self.font_for)]

    def length(self, text: str) -> float:
        """What ``Font.getlength`` gives for ``text`` run by run, as the sum of its
        characters' advances, each measured once. Exact for the pinned fonts in the basic
        layout: their advances are whole pixels and no pair of characters is kerned (the
        basic layout kerns only with a legacy ``kern`` table), which the share-card tests
        check against ``getlength`` of whole lines."""
        try:
            return sum(map(self._advances.__getitem__, text))
        except KeyError:
            for char in set(text).difference(self._advances):
                self._advances[char] = self.font_for(char).getlength(char)
            return sum(map(self._advances.__getitem__, text))


@cache
def _font(weight: int, size: int) -> _Fonts:
    return _Fonts(weight, size)


@cache
def _manifest() -> dict[str, Any]:
    return json.loads((FONT_DIR / "fonts.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _all_ranges() -> list[tuple[int, int]]:
    return sorted(pair for ranges in _manifest()["subsets"].values() for pair in _ranges(ranges))


@cache
def _covered(char: str) -> bool:
    """Whether a shipped subset declares ``char`` (its unicode-range), read from the
    manifest: a card's fingerprint asks, and a cached card is reused without Pillow."""
    point = ord(char)
    return any(low <= point <= high for low, high in _all_ranges())


@cache
def _fonts_digest() -> str:
    hashes = _manifest()["sha256"]
    return hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()


def _ranges(text: str) -> list[tuple[int, int]]:
    """``U+0000-00FF,U+0131`` → [(0, 255), (305, 305)], sorted."""
    found = []
    for part in text.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        found.append((int(low, 16), int(high or low, 16)))
    return sorted(found)


def font_files() -> Sequence[Path]:
    """The shipped font files, for the check that they are the pinned ones."""
    return sorted(FONT_DIR.glob("*.woff"))
