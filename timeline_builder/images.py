"""The published copies of each picture: planned from the model, written once, cached.

``plan`` is pure (it needs only the :class:`ImageFile` that validation made), so templates,
the JSON export and the feed can name a copy without opening the file. ``produce`` writes
the copies into a cache folder keyed by the file's content hash (named with this machine's
key, see cache_key), so a rebuild re-encodes only pictures that changed.

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

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from timeline_builder.atomic import write_atomic
from timeline_builder.cache_key import mac, machine_key, process_key
from timeline_builder.model import VARIANT_WIDTHS, ImageFile, Timeline

PUBLISHED_DIR = "assets/timeline/media"
# Bump when the encoding changes, so cached copies from the old encoder are not reused.
ENCODER = "v1"
WEBP_QUALITY = 80
_OUTPUT = {"JPEG": "WEBP", "WEBP": "WEBP", "AVIF": "WEBP", "PNG": "PNG", "GIF": "PNG"}
_ENDING = {"WEBP": "webp", "PNG": "png", "GIF": "gif"}
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

    def cache_name(self, key: bytes) -> str:
        """Its file in the cache, named by this machine's key (see cache_key): a copy no
        one here made, planted in .cache/, is never found under it."""
        made = f"{self.source.sha256}-{ENCODER}-{self.width}.{_ENDING[self.format]}"
        return f"{mac(key, made.encode())[:40]}.{_ENDING[self.format]}"


def plan(image: ImageFile) -> tuple[Variant, ...]:
    """The copies of one picture, narrowest first; the last is the full-size one."""
    stem = _slug(PurePosixPath(image.src).stem)
    if image.animated:
        ending = PurePosixPath(image.src).suffix.lower().lstrip(".")
        return (Variant(f"{PUBLISHED_DIR}/{stem}-{image.sha256[:12]}.{ending}", image.width,
                        image.height, image.format, image),)
    output = _OUTPUT[image.format]
    widths = [w for w in VARIANT_WIDTHS if w < image.width] + [image.width]
    return tuple(
        Variant(f"{PUBLISHED_DIR}/{stem}-{image.sha256[:12]}-{width}.{_ENDING[output]}",
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


def produce(images: Iterable[ImageFile], content_dir: Path, cache_dir: Path
            ) -> dict[str, Path]:
    """Site path → file of every copy, encoding only those not in the cache yet."""
    published: dict[str, Path] = {}
    key = machine_key() or process_key()
    for image in images:
        variants = plan(image)
        missing = [v for v in variants if not (cache_dir / v.cache_name(key)).is_file()]
        if missing:
            _encode(content_dir / image.src, missing, cache_dir, key)
        published.update({v.path: cache_dir / v.cache_name(key) for v in variants})
    return published


def _encode(path: Path, variants: list[Variant], cache_dir: Path, key: bytes) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    if variants[0].source.animated:
        write_atomic(cache_dir / variants[0].cache_name(key), path.read_bytes(), force=True)
        return
    with Image.open(path) as opened:
        icc = opened.info.get("icc_profile") if opened.mode != "CMYK" else None
        upright = ImageOps.exif_transpose(opened)
        upright = upright.convert("RGBA" if _has_alpha(upright) else "RGB")
    for variant in variants:
        resized = upright if variant.width == upright.width else upright.resize(
            (variant.width, variant.height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        options: dict[str, object] = {"icc_profile": icc} if icc else {}
        if variant.format == "WEBP":
            resized.save(out, "WEBP", quality=WEBP_QUALITY, method=4, **options)
        else:
            resized.save(out, "PNG", **options)
        write_atomic(cache_dir / variant.cache_name(key), out.getvalue(), force=True)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info)


def _slug(stem: str) -> str:
    """A file name readers can read in a URL; the hash after it keeps names unique."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "image"


def cache_dir_for(content_dir: Path) -> Path:
    """``.cache/timeline-media`` beside the content folder (gitignored)."""
    return content_dir.parent / ".cache" / "timeline-media"
