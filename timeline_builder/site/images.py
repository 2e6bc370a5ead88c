"""Writing the published copies of each picture, once, into a cache (Pillow).

What the copies are is planned in :mod:`timeline_builder.core.picture_copies`; here they are
encoded into the project's cache folder, which lives outside the project
(:mod:`timeline_builder.core.cache_home`), under the picture's content hash: a rebuild
re-encodes only pictures that changed, and copies no build uses any more are deleted, so
the folder never piles up.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.cache_home import project_cache
from timeline_builder.core.model import ImageFile
from timeline_builder.core.picture_copies import ENCODER, ENDING, WEBP_QUALITY, Variant, plan

if TYPE_CHECKING:  # Pillow is imported where a copy is encoded: check never loads it
    from PIL import Image


def cache_name(variant: Variant) -> str:
    """Its file in the cache: the picture's content hash, the encoder and the width."""
    return f"{variant.source.sha256}-{ENCODER}-{variant.width}.{ENDING[variant.format]}"


def produce(images: Iterable[ImageFile], content_dir: Path, cache_dir: Path
            ) -> dict[str, Path]:
    """Site path → file of every copy, encoding only those not in the cache yet; the
    cache's other files (copies of pictures no longer shown) are deleted."""
    published: dict[str, Path] = {}
    for image in images:
        variants = plan(image)
        missing = [v for v in variants if not (cache_dir / cache_name(v)).is_file()]
        if missing:
            _encode(content_dir / image.src, missing, cache_dir)
        published.update({v.path: cache_dir / cache_name(v) for v in variants})
    _prune(cache_dir, set(published.values()))
    return published


def _prune(cache_dir: Path, kept: set[Path]) -> None:
    if not cache_dir.is_dir():
        return
    for path in cache_dir.iterdir():
        if path not in kept and path.is_file():
            with contextlib.suppress(OSError):  # another build may be reading it
                path.unlink()


def _encode(path: Path, variants: list[Variant], cache_dir: Path) -> None:
    from PIL import Image, ImageOps

    cache_dir.mkdir(parents=True, exist_ok=True)
    if variants[0].source.animated:
        write_atomic(cache_dir / cache_name(variants[0]), _animation(path), force=True)
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
        write_atomic(cache_dir / cache_name(variant), out.getvalue(), force=True)


def _animation(path: Path) -> bytes:
    """An animation re-encoded frame by frame in its own format, with its timing and loop but
    without the comment, XMP or EXIF a byte copy would publish."""
    from PIL import Image, ImageSequence

    with Image.open(path) as opened:
        fmt = opened.format or "GIF"
        frames, durations = [], []
        for frame in ImageSequence.Iterator(opened):
            durations.append(frame.info.get("duration", 100))
            frames.append(frame.copy())
        loop = opened.info.get("loop", 0)
    for frame in frames:
        for key in ("comment", "xmp", "exif", "extension"):
            frame.info.pop(key, None)
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=durations,
                   loop=loop)
    return out.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info)


def cache_dir_for(content_dir: Path) -> Path:
    """The project's picture cache (the project is the folder of the content folder)."""
    return project_cache(content_dir.parent, "media")
