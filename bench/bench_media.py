"""How much the picture cache saves: writing every published copy of N pictures with an
empty cache (cold) and again with it filled (warm), as a ratio; then a whole strict build
of the seed site with those pictures on its events, cold and warm, against the same build
without media (the floor, measured in the same run).

The pictures are generated here (noise, so encoders work as hard as on photographs).
Usage: python bench/bench_media.py [N]  (default 12 pictures of 3000x2000)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from timeline_builder.core import picture_copies  # noqa: E402
from timeline_builder.core.model import ImageFile  # noqa: E402
from timeline_builder.site import images  # noqa: E402

BIN = Path(sys.executable).parent


def make_pictures(folder: Path, count: int) -> list[ImageFile]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        path = folder / f"photo-{number}.jpg"
        noise = Image.effect_noise((3000, 2000), 40 + number).convert("RGB")
        noise.save(path, "JPEG", quality=90)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        made.append(ImageFile(f"assets/media/{path.name}", "JPEG", 3000, 2000, digest))
    return made


def timed(function: object) -> float:
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - start


def build(project: Path, out: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "--strict", "-f",
                    str(project / "mkdocs.yml"), "-d", str(out)], check=True, env=env,
                   cwd=project)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        project = base / "site"
        project.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", project)
        for name in ("content", "overrides"):
            shutil.copytree(ROOT / name, project / name)
        floor = build(project, base / "out-floor")

        content = project / "content"
        pictures = make_pictures(content / "assets" / "media", count)
        cache = base / "cache"
        cold = timed(lambda: images.produce(pictures, content, cache))
        warm = timed(lambda: images.produce(pictures, content, cache))
        copies = sum(len(picture_copies.plan(p)) for p in pictures)
        print(f"{count} pictures of 3000x2000, {copies} copies")
        print(f"  produce, cold cache: {cold:7.2f} s")
        print(f"  produce, warm cache: {warm:7.3f} s   cold/warm = {cold / warm:,.0f}x")

        events = sorted((content / "events").glob("*.md"))
        for number, event in enumerate(events[:count]):
            text = event.read_text(encoding="utf-8")
            media = (f"media:\n  - src: assets/media/photo-{number}.jpg\n"
                     f"    alt: Test picture {number}\n")
            event.write_text(text.replace("\n---\n", f"\n{media}---\n", 1), encoding="utf-8")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        build_cold = build(project, base / "out-cold")
        build_warm = build(project, base / "out-warm")
        print(f"strict build, no media (floor): {floor:6.2f} s")
        print(f"strict build, media, cold cache: {build_cold:6.2f} s   "
              f"{build_cold / floor:.1f}x the floor")
        print(f"strict build, media, warm cache: {build_warm:6.2f} s   "
              f"{build_warm / floor:.1f}x the floor, cold/warm = {build_cold / build_warm:.1f}x")


if __name__ == "__main__":
    main()
