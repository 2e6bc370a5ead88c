"""Pictures that lie about themselves (issue 24, point 1): a PNG header declaring 10^10
pixels, SVG (with script) under .png and .jpg, a GIF's magic under .jpg, a truncated JPEG
give an error on the media line before decoding; CMYK, 16-bit and ICC-tagged pictures give
copies a browser shows (8-bit RGB or grey), read back from the published bytes."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from tests.site import test_media
from timeline_builder.core.model import ImageFile
from timeline_builder.site.images import produce

content = test_media.content  # the media tests' content folder, as a fixture here
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                              8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b""))


def saved(mode: str, colour: object, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (64, 48), colour).save(out, fmt, **options)  # type: ignore[arg-type]
    return out.getvalue()


LIARS = {
    "huge.png": (png_declaring(100_000, 100_000), "too many pixels"),
    "script.png": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                   "not a picture format"),
    "script.jpg": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
                   b"<script>alert(1)</script></svg>", "not a picture format"),
    "magic.jpg": (b"GIF89a" + b"\0" * 20, "not a picture format"),
    "truncated.jpg": (saved("RGB", "red", "JPEG")[:200], "Truncated"),
}


@pytest.mark.parametrize("name", sorted(LIARS))
def test_a_lying_picture_is_refused_on_its_media_line(content: Path, name: str) -> None:
    data, words = LIARS[name]
    (content / "assets" / name).write_bytes(data)
    media, problems = test_media.run(content, f"media:\n  - src: assets/{name}\n    alt: x\n")
    assert not media and len(problems) == 1, problems
    assert problems[0].startswith("content/events/sochi.md:6: error: media: src: ")
    assert words in problems[0] and "save it again as JPEG, PNG or WebP" in problems[0]


ODD = {
    "cmyk.jpg": (saved("CMYK", (0, 255, 0, 0), "JPEG"), "JPEG"),
    "deep.png": (saved("I;16", 40000, "PNG"), "PNG"),
    "icc.jpg": (saved("RGB", "red", "JPEG", icc_profile=SRGB), "JPEG"),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_cmyk_16_bit_and_icc_pictures_publish_copies_a_browser_shows(
        content: Path, tmp_path: Path, name: str) -> None:
    data, fmt = ODD[name]
    (content / "assets" / name).write_bytes(data)
    media, problems = test_media.run(content, f"media:\n  - src: assets/{name}\n    alt: x\n")
    assert media and not [p for p in problems if ": error: " in p], problems
    image = ImageFile(f"assets/{name}", fmt, 64, 48, hashlib.sha256(data).hexdigest())
    published = produce([image], content, tmp_path / "cache")
    assert published
    for path in published.values():
        with Image.open(path) as copy:
            assert copy.mode in {"RGB", "RGBA", "L", "LA", "P"}, (path.name, copy.mode)
