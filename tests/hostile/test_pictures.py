"""Published picture copies carry no EXIF, XMP, GPS or comment (issue 24, point 1): the
published bytes are read back."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image

from tests.site import test_media
from timeline_builder.core.model import ImageFile
from timeline_builder.site.images import produce

SECRET = b"GPS-SECRET-48.8584N"
content = test_media.content  # the media tests' content folder, as a fixture here


def _jpeg_with_metadata() -> bytes:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()  # ImageDescription
    exif[0x8825] = {2: (48.0, 51.0, 30.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=SECRET,
               xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>")
    return out.getvalue()


def _animated_gif_with_comment() -> bytes:
    frames = [Image.new("P", (16, 16), colour) for colour in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], comment=SECRET,
                   duration=100, loop=0)
    return out.getvalue()


def _publish(tmp_path: Path, name: str, data: bytes, fmt: str, animated: bool) -> list[bytes]:
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True)
    (content / "assets" / name).write_bytes(data)
    with Image.open(io.BytesIO(data)) as opened:
        width, height = opened.size
    image = ImageFile(f"assets/{name}", fmt, width, height, hashlib.sha256(data).hexdigest(),
                      animated=animated)
    published = produce([image], content, tmp_path / "cache")
    assert published
    return [path.read_bytes() for path in published.values()]


def test_published_jpeg_copy_keeps_no_exif_gps_xmp_or_comment(tmp_path: Path) -> None:
    for copy in _publish(tmp_path, "p.jpg", _jpeg_with_metadata(), "JPEG", False):
        assert SECRET not in copy
        with Image.open(io.BytesIO(copy)) as opened:
            assert not opened.getexif() and "xmp" not in opened.info


def test_published_animated_gif_keeps_no_comment(tmp_path: Path) -> None:
    for copy in _publish(tmp_path, "a.gif", _animated_gif_with_comment(), "GIF", True):
        assert SECRET not in copy


def test_animation_with_thousands_of_frames_is_refused_with_its_line(
        content: Path) -> None:
    frames = [Image.new("L", (600, 600), index % 256) for index in range(400)]
    frames[0].save(content / "assets" / "many.gif", "GIF", save_all=True,
                   append_images=frames[1:], duration=20)
    _, problems = test_media.run(content, "media:\n  - src: assets/many.gif\n    alt: x\n")
    assert len(problems) == 1 and "too large an animation" in problems[0]
    assert problems[0].startswith("content/events/sochi.md:")
