"""Media in the real build (`mkdocs build --strict`): responsive pictures, published copies
without metadata, click-to-load embeds as links, graphic items behind a warning, exports."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import build_site
from tests.media_fixture import EMBED, EVENT, camera_exif, draw_picture, media_project
from timeline_builder.core.model import ImageFile
from timeline_builder.core.picture_copies import ENCODER
from timeline_builder.site import images

pytestmark = pytest.mark.slow


class _Tags(HTMLParser):
    """Start tags (with attributes) and text, in document order, inside one element id."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth = element_id, 0
        self.items: list[tuple[str, dict[str, str]] | str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.depth or values.get("id") == self.element_id:
            self.depth += tag not in ("img", "br", "source", "input", "path")
            self.items.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("img", "br", "source", "input", "path"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.items.append(data.strip())


def inside(html: str, element_id: str) -> list[tuple[str, dict[str, str]] | str]:
    parser = _Tags(element_id)
    parser.feed(html)
    return parser.items


def tags(items: list, name: str) -> list[dict[str, str]]:
    return [attrs for item in items if isinstance(item, tuple) and item[0] == name
            for attrs in [item[1]]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = media_project(tmp_path_factory.mktemp("media-project"))
    out = tmp_path_factory.mktemp("media-site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def card(site: Path) -> list:
    return inside((site / "timeline" / "index.html").read_text(encoding="utf-8"), EVENT)


def test_pictures_are_responsive(site: Path, card: list) -> None:
    table = next(i for i in tags(card, "img") if i["alt"].startswith("Two men seated"))
    assert (table["width"], table["height"]) == ("2000", "1333")
    assert (table["loading"], table["decoding"]) == ("lazy", "async")
    assert table["sizes"]
    candidates = [part.strip().split() for part in table["srcset"].split(",")]
    assert [w for _, w in candidates] == ["480w", "960w", "1600w", "2000w"]
    for url, width in candidates:
        file = site / "timeline" / url
        with Image.open(file) as copy:
            assert copy.width == int(width[:-1])
            assert copy.format == "WEBP"
            assert not copy.getexif(), f"{url} keeps EXIF"
            assert "xmp" not in copy.info and "exif" not in copy.info
    assert (site / "timeline" / table["src"]).is_file()


def test_small_pictures_are_never_scaled_up(site: Path, card: list) -> None:
    wreck = next(i for i in tags(card, "img") if i["alt"] == "A burnt-out car on a road")
    widths = [part.split()[1] for part in wreck["srcset"].split(",")]
    assert widths == ["480w", "960w", "1200w"]


def test_originals_are_not_published(site: Path) -> None:
    """They may carry GPS and camera data; the site has clean copies instead."""
    assert not (site / "assets" / "media" / "sochi-table.jpg").exists()
    assert not (site / "assets" / "media" / "wreck.jpg").exists()


def test_a_picture_is_a_figure_linking_to_its_full_size_copy(site: Path, card: list) -> None:
    figure_at = card.index(next(i for i in card if isinstance(i, tuple) and i[0] == "figure"))
    link = card[figure_at + 1]
    assert link[0] == "a"
    with Image.open(site / "timeline" / link[1]["href"]) as full:
        assert full.size == (2000, 1333)
    texts = [i for i in card if isinstance(i, str)]
    assert "The two presidents in Sochi (a generated test picture)." in texts
    assert "Credit: Test pattern" in texts


def test_an_embed_is_a_link_until_played(card: list) -> None:
    """No <iframe> in the page: the script makes one on click; without it, a link."""
    assert tags(card, "iframe") == []
    links = [a for a in tags(card, "a") if a.get("href") == EMBED]
    assert len(links) == 1
    assert "noreferrer" in links[0]["rel"]
    poster = [i for i in tags(card, "img") if "briefing-poster" in i["src"]]
    assert len(poster) == 1 and poster[0]["loading"] == "lazy"


def test_graphic_material_sits_behind_its_warning(card: list) -> None:
    """A <details>: closed, its content is neither shown nor in the accessibility tree, and
    the warning (its <summary>) comes first in the DOM."""
    opened = [i for i, item in enumerate(card)
              if isinstance(item, tuple) and item[0] == "details"]
    assert len(opened) == 1
    details = card[opened[0]][1]
    assert "open" not in details
    assert card[opened[0] + 1][0] == "summary"
    warning = next(item for item in card[opened[0]:] if isinstance(item, str))
    assert warning == "Warning: this picture shows graphic, possibly distressing material."
    picture_at = next(i for i, item in enumerate(card) if isinstance(item, tuple)
                      and item[0] == "img" and item[1]["alt"] == "A burnt-out car on a road")
    assert picture_at > opened[0] + 2


def test_json_export_carries_media(site: Path) -> None:
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    event = next(e for e in data["events"] if e["id"] == EVENT)
    picture, embed, graphic = event["media"]
    assert picture["type"] == "image" and picture["src"] == "assets/media/sochi-table.jpg"
    assert picture["alt"].startswith("Two men seated") and picture["credit"] == "Test pattern"
    assert picture["image"]["width"] == 2000 and picture["image"]["mime"] == "image/webp"
    assert (site / picture["image"]["url"]).is_file()
    assert embed["type"] == "embed" and embed["src"] == EMBED
    assert embed["image"]["mime"] == "image/png"
    assert graphic["graphic"] is True
    others = [e["media"] for e in data["events"] if e["id"] != EVENT]
    assert all(m == [] for m in others)


def test_excerpts_and_featured_cards_show_a_thumbnail(site: Path) -> None:
    for page in ("index.html", "explainers/sochi-meeting/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        # Cards outside the timeline carry no id: find the one that links to the event.
        card = next(chunk for chunk in html.split("<article")[1:]
                    if f'timeline/#{EVENT}"' in chunk.split("</article>")[0]
                    and "md-content" not in chunk.split(">")[0])
        thumbs = [i for i in tags(inside(f'<div id="card"><article{card}', "card"), "img")]
        assert len(thumbs) == 1, page
        assert thumbs[0]["alt"].startswith("Two men seated")
        assert (site / page).parent.joinpath(thumbs[0]["src"]).resolve().is_file()


# --- the cache: copies are made once per content hash ---------------------------------

def test_copies_come_from_the_cache_and_drop_metadata(tmp_path: Path) -> None:
    content = tmp_path / "content"
    source = draw_picture(content / "a.jpg", (1000, 700), (10, 20, 30),
                          exif=camera_exif(gps=True))
    import hashlib

    image = ImageFile("a.jpg", "JPEG", 1000, 700,
                      hashlib.sha256(source.read_bytes()).hexdigest())
    cache = tmp_path / "cache"
    first = images.produce([image], content, cache)
    assert sorted(re.sub(r"-[0-9a-f]{12}-", "-H-", p) for p in first) == [
        "assets/timeline/media/a-H-1000.webp", "assets/timeline/media/a-H-480.webp",
        "assets/timeline/media/a-H-960.webp"]
    stamps = {path: path.stat().st_mtime_ns for path in first.values()}
    source.write_bytes(b"")  # the cache must not need the original again
    again = images.produce([image], content, cache)
    assert {path: path.stat().st_mtime_ns for path in again.values()} == stamps
    for path in first.values():
        with Image.open(path) as copy:
            assert not copy.getexif()


def test_orientation_is_applied_before_the_metadata_goes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held upright: rotate 90° clockwise to show
    Image.new("RGB", (600, 400), "red").save(content / "p.jpg", "JPEG", exif=exif)
    image = ImageFile("p.jpg", "JPEG", 400, 600, "0" * 64)
    produced = images.produce([image], content, tmp_path / "cache")
    for path in produced.values():
        with Image.open(path) as copy:
            assert copy.height > copy.width


def test_media_assets_are_small(site: Path) -> None:
    """The timeline's own budget is 15 KB gzip (test_timeline.py); the media code has its
    own, 4 KB gzip, on top."""
    import gzip

    folder = site / "assets" / "timeline"
    size = sum(len(gzip.compress((folder / name).read_bytes(), 9))
               for name in ("media.js", "media.css"))
    assert size <= 4 * 1024, f"media JS + CSS is {size} bytes gzipped"
    page = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    for name in ("media.js", "media.css"):
        assert f"assets/timeline/{name}" in page
    # Only pages that show media load it: the sources index shows none.
    assert "assets/timeline/media" not in (site / "sources" / "index.html").read_text(
        encoding="utf-8")


def test_json_ld_event_has_its_picture(site: Path) -> None:
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    nodes = [node for block in blocks for node in json.loads(block).get("@graph", [])]
    event = next(n for n in nodes if n.get("@type") == "Event"
                 and n["@id"].endswith(f"#{EVENT}"))
    image = event["image"]
    assert image["@type"] == "ImageObject" and image["width"] == 2000
    path = re.sub(r"^https?://[^/]+/", "", image["contentUrl"])
    assert (site / path).is_file()
    assert image["creditText"] == "Test pattern"
    others = [n for n in nodes if n.get("@type") == "Event" and n is not event]
    assert all("image" not in n for n in others)


def test_copies_no_picture_uses_any_more_are_deleted(tmp_path: Path) -> None:
    """The picture cache never piles up: a build keeps the copies it publishes, no other."""
    import hashlib

    content = tmp_path / "content"
    source = draw_picture(content / "a.jpg", (1000, 700), (10, 20, 30))
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    image = ImageFile("a.jpg", "JPEG", 1000, 700, digest)
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / f"{'0' * 64}-{ENCODER}-480.webp"
    old.write_bytes(b"a picture removed from the content")
    produced = images.produce([image], content, cache)
    assert len(produced) == 3 and not old.exists()
    assert sorted(cache.iterdir()) == sorted(produced.values())
    for path in produced.values():
        with Image.open(path) as copy:
            assert copy.format == "WEBP"
