"""Writing the published copies of each picture, once, into a cache (Pillow).

What the copies are is planned in :mod:`timeline_builder.core.picture_copies`; here they are
encoded into a cache folder keyed by the file's content hash (named with this machine's key,
see cache_key), so a rebuild re-encodes only pictures that changed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageOps

from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.model import ImageFile
from timeline_builder.core.picture_copies import ENCODER, ENDING, WEBP_QUALITY, Variant, plan
from timeline_builder.markup.cache_key import mac, machine_key, process_key


def cache_name(variant: Variant, key: bytes) -> str:
    """Its file in the cache, named by this machine's key (see cache_key): a copy no
    one here made, planted in the cache, is never found under it."""
    made = f"{variant.source.sha256}-{ENCODER}-{variant.width}.{ENDING[variant.format]}"
    return f"{mac(key, made.encode())[:40]}.{ENDING[variant.format]}"


def produce(images: Iterable[ImageFile], content_dir: Path, cache_dir: Path
            ) -> dict[str, Path]:
    """Site path → file of every copy, encoding only those not in the cache yet."""
    published: dict[str, Path] = {}
    key = machine_key() or process_key()
    for image in images:
        variants = plan(image)
        missing = [v for v in variants if not (cache_dir / cache_name(v, key)).is_file()]
        if missing:
            _encode(content_dir / image.src, missing, cache_dir, key)
        published.update({v.path: cache_dir / cache_name(v, key) for v in variants})
    return published


def _encode(path: Path, variants: list[Variant], cache_dir: Path, key: bytes) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    if variants[0].source.animated:
        write_atomic(cache_dir / cache_name(variants[0], key), path.read_bytes(), force=True)
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
        write_atomic(cache_dir / cache_name(variant, key), out.getvalue(), force=True)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info)


def cache_dir_for(content_dir: Path) -> Path:
    """``.cache/timeline-media`` beside the content folder (gitignored)."""
    return content_dir.parent / ".cache" / "timeline-media"
