"""The published copies of each picture, planned from the model alone.

``plan`` is pure (it needs only the :class:`ImageFile` that validation made), so templates,
the JSON export and the feed can name a copy without opening the file or importing an image
codec; :mod:`timeline_builder.site.images` writes the copies.

Decisions:
- Widths 480, 960 and 1600 (``VARIANT_WIDTHS``) plus the full width; never scaled up.
- Photographs (JPEG, WebP, AVIF) become WebP (quality 80): every current browser shows
  it and it is about a third smaller than JPEG. PNG stays PNG: PNGs are mostly charts and
  screenshots, where lossy compression smears text. A still GIF becomes PNG.
- Every copy is re-encoded from pixels, so EXIF (GPS, camera serial, owner) and XMP are
  dropped; the EXIF orientation is applied first, so the picture stays upright. The ICC
  colour profile is kept: it is not personal and colours depend on it.
- An animated GIF or WebP is published as the file itself (re-encoding frames would lose
  timing and grow it), at its own size only: no resized copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from timeline_builder.core.model import VARIANT_WIDTHS, ImageFile, Timeline
from timeline_builder.core.slugs import slug

PUBLISHED_DIR = "assets/timeline/media"
# Bump when the encoding changes, so cached copies from the old encoder are not reused.
ENCODER = "v1"
WEBP_QUALITY = 80
_OUTPUT = {"JPEG": "WEBP", "WEBP": "WEBP", "AVIF": "WEBP", "PNG": "PNG", "GIF": "PNG"}
ENDING = {"WEBP": "webp", "PNG": "png", "GIF": "gif"}
MIME = {"WEBP": "image/webp", "PNG": "image/png", "GIF": "image/gif", "JPEG": "image/jpeg",
        "AVIF": "image/avif"}


@dataclass(frozen=True)
class Variant:
    """One published copy: ``path`` is relative to the site root."""

    path: str
    width: int
    height: int
    format: str
    source: ImageFile

    @property
    def mime(self) -> str:
        return MIME[self.format]


def plan(image: ImageFile) -> tuple[Variant, ...]:
    """The copies of one picture, narrowest first; the last is the full-size one."""
    # a name readers can read in a URL; the hash after it keeps names unique
    stem = slug(PurePosixPath(image.src).stem, 'image', length=40)
    if image.animated:
        ending = PurePosixPath(image.src).suffix.lower().lstrip(".")
        return (Variant(f"{PUBLISHED_DIR}/{stem}-{image.sha256[:12]}.{ending}", image.width,
                        image.height, image.format, image),)
    output = _OUTPUT[image.format]
    widths = [w for w in VARIANT_WIDTHS if w < image.width] + [image.width]
    return tuple(
        Variant(f"{PUBLISHED_DIR}/{stem}-{image.sha256[:12]}-{width}.{ENDING[output]}",
                width, max(round(image.height * width / image.width), 1), output, image)
        for width in widths
    )


def full(image: ImageFile) -> Variant:
    """The full-size copy: what the lightbox, exports and feeds point at."""
    return plan(image)[-1]


def srcset(image: ImageFile, root: str) -> str:
    return ", ".join(f"{root}{v.path} {v.width}w" for v in plan(image))


def pictures(timeline: Timeline) -> list[ImageFile]:
    """Every distinct picture the timeline shows (images and posters), in a fixed order."""
    found = {m.image.sha256 + m.image.src: m.image for e in timeline.events for m in e.media
             if m.image is not None}
    return [found[key] for key in sorted(found)]


