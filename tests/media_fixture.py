"""A copy of the site with media on one event: pictures generated here, never shipped."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from tests.conftest import copy_project

EMBED = "https://www.youtube-nocookie.com/embed/VIDEO_ID"
EVENT = "sochi-meeting"
MEDIA_YAML = f"""media:
  - src: assets/media/sochi-table.jpg
    alt: Two men seated at a long table with flags behind them
    caption: The two presidents in Sochi (a generated test picture).
    credit: Test pattern
  - src: {EMBED}
    poster: assets/media/briefing-poster.png
    caption: The press briefing after the meeting.
    credit: Test channel
  - src: assets/media/wreck.jpg
    alt: A burnt-out car on a road
    caption: A destroyed vehicle (a generated test picture).
    credit: Test pattern
    graphic: true
"""


def draw_picture(path: Path, size: tuple[int, int], colour: tuple[int, int, int],
                 fmt: str = "JPEG", **save: object) -> Path:
    """Stripes and a block, so that a wrong crop or rotation shows in a screenshot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 40):
        draw.line([(x, 0), (x + size[1] // 2, size[1])], fill=(255, 255, 255), width=3)
    draw.rectangle([size[0] // 3, size[1] // 3, 2 * size[0] // 3, 2 * size[1] // 3],
                   fill=(240, 200, 60))
    image.save(path, fmt, **save)
    return path


def camera_exif(*, gps: bool = False) -> Image.Exif:
    """What a phone writes: the camera, an orientation, and (if asked) where it was."""
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0131] = "TestFirmware 1.0"  # Software
    if gps:
        exif.get_ifd(0x8825)[2] = (53.0, 54.0, 0.0)  # GPSLatitude
    return exif


def media_project(target: Path) -> Path:
    """The seed site, plus a picture, an embed with a poster and a graphic picture."""
    project = copy_project(target, translations=False)
    media = project / "content" / "assets" / "media"
    draw_picture(media / "sochi-table.jpg", (2000, 1333), (60, 90, 150), exif=camera_exif())
    draw_picture(media / "briefing-poster.png", (1280, 720), (120, 40, 40), "PNG")
    draw_picture(media / "wreck.jpg", (1200, 800), (90, 30, 30))
    event = project / "content" / "events" / f"{EVENT}.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("featured: true\n", "featured: true\n" + MEDIA_YAML, 1),
                     encoding="utf-8")
    return project
