"""``media:`` on events (CONTRACT section 2, "Media"): one row per failure mode, exact text.

Every picture here is generated with Pillow in tmp_path: the seed story ships none.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from timeline_builder.checks.media import MediaContext
from timeline_builder.checks.validate import validate
from timeline_builder.core.model import ImageFile, Media
from timeline_builder.reading.load import load_documents

SOURCE = "---\ntitle: A report\noutlet: The Outlet\npublished: 2022-05-23\n---\nText.\n"
HEAD = ("---\ntitle: Sochi\ndate: 2022-05-23\nsources: [report]\n")  # media: is on line 5
HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")
EMBED = "https://www.youtube-nocookie.com/embed/abc123"


def picture(path: Path, size: tuple[int, int] = (640, 480), fmt: str = "JPEG",
            **save: object) -> Path:
    """A real picture (a gradient, so encoders have something to do)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.save(path, fmt, **save)
    return path


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    (root / "events").mkdir()
    (root / "sources" / "report.md").write_text(SOURCE, encoding="utf-8")
    picture(root / "assets" / "media" / "sochi.jpg")
    picture(root / "assets" / "media" / "poster.png", fmt="PNG")
    return root


def run(content: Path, media_yaml: str) -> tuple[tuple[Media, ...], list[str]]:
    (content / "events" / "sochi.md").write_text(HEAD + media_yaml + "---\nBody.\n",
                                                 encoding="utf-8")
    documents, problems = load_documents(content, max_bytes=1_000_000)
    timeline, found = validate(documents, (), HOSTS, MediaContext(content, HOSTS))
    events = timeline.events
    return (events[0].media if events else ()), [p.text() for p in sorted(problems + found)]


def test_a_picture_and_an_embed(content: Path) -> None:
    media, problems = run(content, f"""media:
  - src: assets/media/sochi.jpg
    alt: Two men at a table
    caption: In Sochi.
    credit: Pool
  - src: {EMBED}
    poster: assets/media/poster.png
    caption: The briefing.
    graphic: true
""")
    assert problems == []
    picture_item, embed = media
    assert picture_item.kind == "image" and picture_item.src == "assets/media/sochi.jpg"
    assert (picture_item.alt, picture_item.caption, picture_item.credit) == (
        "Two men at a table", "In Sochi.", "Pool")
    assert picture_item.image is not None
    assert (picture_item.image.format, picture_item.image.width,
            picture_item.image.height) == ("JPEG", 640, 480)
    assert embed.kind == "embed" and embed.src == EMBED and embed.graphic
    assert embed.image is not None and embed.image.src == "assets/media/poster.png"


E = "content/events/sochi.md"


@pytest.mark.parametrize(("media_yaml", "expected"), [
    ("media: assets/media/sochi.jpg\n",
     f"{E}:5: error: media: must be a list of pictures or embeds; write '- src: "
     "assets/media/NAME.jpg' with 'alt: …' under media:, indented"),
    ("media:\n  - assets/media/sochi.jpg\n",
     f"{E}:6: error: media: each item needs src: (and alt: for a picture); write '- src: "
     "assets/media/NAME.jpg' and 'alt: …' on the next line"),
    ("media:\n  - src: assets/media/sochi.jpg\n",
     f"{E}:6: error: media: picture 'assets/media/sochi.jpg' needs 'alt:', a description for "
     "readers who cannot see it; say what the picture shows, in a sentence: alt: Putin and "
     "Lukashenko at a table in Sochi"),
    ("media:\n  - src: assets/media/sochi.jpg\n    alt: ''\n",
     f"{E}:7: error: media: picture 'assets/media/sochi.jpg' needs 'alt:', a description for "
     "readers who cannot see it; say what the picture shows, in a sentence: alt: Putin and "
     "Lukashenko at a table in Sochi"),
    ("media:\n  - src: assets/media/missing.jpg\n    alt: x\n",
     f"{E}:6: error: media: src: no file content/assets/media/missing.jpg; add the file under "
     "content/ or fix the path"),
    ("media:\n  - src: https://example.com/photo.jpg\n    alt: x\n",
     f"{E}:6: error: media: 'https://example.com/photo.jpg' is a remote picture; pictures must "
     "be files under content/; download it (if its licence allows) into content/assets/media/ "
     "and write src: assets/media/NAME.jpg"),
    ("media:\n  - src: https://www.youtube.com/watch?v=abc\n",
     f"{E}:6: error: media: 'https://www.youtube.com/watch?v=abc' is not an https address on "
     "an embed host; embeds may come from www.youtube-nocookie.com, player.vimeo.com "
     "(embed_hosts in mkdocs.yml); link other media in the body"),
    ("media:\n  - src: http://www.youtube-nocookie.com/embed/abc\n",
     f"{E}:6: error: media: 'http://www.youtube-nocookie.com/embed/abc' is not an https "
     "address on an embed host; embeds may come from www.youtube-nocookie.com, "
     "player.vimeo.com (embed_hosts in mkdocs.yml); link other media in the body"),
    ("media:\n  - src: //www.youtube-nocookie.com/embed/abc\n",
     f"{E}:6: error: media: '//www.youtube-nocookie.com/embed/abc' is not an https address on "
     "an embed host; embeds may come from www.youtube-nocookie.com, player.vimeo.com "
     "(embed_hosts in mkdocs.yml); link other media in the body"),
    ("media:\n  - src: https://evil.test\\@www.youtube-nocookie.com/embed/abc\n",
     f"{E}:6: error: media: 'https://evil.test\\@www.youtube-nocookie.com/embed/abc' is not an "
     "https address on an embed host; embeds may come from www.youtube-nocookie.com, "
     "player.vimeo.com (embed_hosts in mkdocs.yml); link other media in the body"),
    ("media:\n  - src: ../secret.jpg\n    alt: x\n",
     f"{E}:6: error: media: src: '../secret.jpg' leaves content/ with '..'; give a path "
     "inside content/, e.g. assets/media/NAME.jpg"),
    ("media:\n  - src: assets/../../secret.jpg\n    alt: x\n",
     f"{E}:6: error: media: src: 'assets/../../secret.jpg' leaves content/ with '..'; give a "
     "path inside content/, e.g. assets/media/NAME.jpg"),
    ("media:\n  - src: /etc/passwd.jpg\n    alt: x\n",
     f"{E}:6: error: media: src: '/etc/passwd.jpg' is an absolute path; give a path inside "
     "content/, e.g. assets/media/NAME.jpg"),
    ("media:\n  - src: 'C:\\photos\\a.jpg'\n    alt: x\n",
     f"{E}:6: error: media: src: 'C:\\photos\\a.jpg' uses '\\'; write paths with '/'; give a "
     "path inside content/, e.g. assets/media/NAME.jpg"),
    ("media:\n  - src: assets/media/sochi.jpg\n    alt: x\n    credits: Pool\n",
     f"{E}:8: error: media: unknown key 'credits' (did you mean 'credit'?); a media item has "
     "src, alt, caption, credit, poster, graphic"),
    ("media:\n  - src: assets/media/sochi.jpg\n    alt: x\n    graphic: yes please\n",
     f"{E}:8: error: media: graphic: 'yes please' is not true or false; write 'graphic: true'"),
    ("media:\n  - src: assets/media/sochi.jpg\n    alt: x\n    poster: assets/media/poster.png\n",
     f"{E}:8: error: media: 'poster:' is for embeds, not pictures; remove it: a picture is its "
     "own poster"),
    (f"media:\n  - src: {EMBED}\n    poster: https://example.com/p.jpg\n",
     f"{E}:7: error: media: poster: 'https://example.com/p.jpg' is a remote file; pictures "
     "must be files under content/; download it (if its licence allows) into "
     "content/assets/media/ and give its path, e.g. assets/media/NAME.jpg"),
    (f"media:\n  - src: {EMBED}\n    poster: assets/media/nope.png\n",
     f"{E}:7: error: media: poster: no file content/assets/media/nope.png; add the file under "
     "content/ or fix the path"),
    ("media:\n  - src: sources/report.md\n    alt: x\n",
     f"{E}:6: error: media: src: 'sources/report.md' is not a picture file; use one of .avif, "
     ".gif, .jpeg, .jpg, .png, .webp"),
    ("media:\n  - src: ''\n    alt: x\n",
     f"{E}:6: error: media: 'src:' is missing or empty; write src: assets/media/NAME.jpg (a "
     "file under content/) or an embed URL"),
    ("media:\n  - src: [a, b]\n    alt: x\n",
     f"{E}:6: error: media: src: must be text, not a list or mapping; write 'src: …' on one line"),
])
def test_media_errors(content: Path, media_yaml: str, expected: str) -> None:
    media, problems = run(content, media_yaml)
    assert problems == [expected]


def test_every_bad_item_is_reported(content: Path) -> None:
    _, problems = run(content, "media:\n  - src: a.jpg\n    alt: x\n  - src: b.jpg\n    alt: y\n")
    assert [p.split(": error:")[0] for p in problems] == [f"{E}:6", f"{E}:8"]


@pytest.mark.parametrize(("name", "fmt", "ending"), [
    ("fake.jpg", "PNG", ".png"), ("fake.png", "JPEG", ".jpg"), ("fake.webp", "GIF", ".gif"),
    ("fake.avif", "WEBP", ".webp"),
])
def test_the_bytes_must_match_the_name(content: Path, name: str, fmt: str, ending: str) -> None:
    picture(content / "assets" / name, fmt=fmt)
    _, problems = run(content, f"media:\n  - src: assets/{name}\n    alt: x\n")
    stem, suffix = name.split(".")
    expected = "JPEG" if suffix == "jpg" else suffix.upper()
    assert problems == [f"{E}:6: error: media: src: 'assets/{name}' is named .{suffix} but "
                        f"holds {fmt}; rename it to {stem}{ending} or save it as {expected}"]


@pytest.mark.parametrize("data", [b"<html>404 Not Found</html>", b"",
                                  b"\xff\xd8\xff\xe0" + b"\x00" * 40])
def test_not_a_picture_at_all(content: Path, data: bytes) -> None:
    (content / "assets" / "broken.jpg").write_bytes(data)
    _, problems = run(content, "media:\n  - src: assets/broken.jpg\n    alt: x\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{E}:6: error: media: src: 'assets/broken.jpg' cannot be "
                                  "read as a picture (")
    assert problems[0].endswith("; open it in an image editor and save it again as JPEG, PNG "
                                "or WebP")


def test_a_truncated_jpeg_is_caught(content: Path) -> None:
    whole = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(whole, "JPEG")
    (content / "assets" / "cut.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    _, problems = run(content, "media:\n  - src: assets/cut.jpg\n    alt: x\n")
    assert len(problems) == 1 and "cannot be read as a picture" in problems[0]


def test_symlinks_are_refused(content: Path, tmp_path: Path) -> None:
    outside = picture(tmp_path / "outside.jpg")
    os.symlink(outside, content / "assets" / "link.jpg")
    os.symlink(tmp_path, content / "assets" / "dir")
    _, problems = run(content, "media:\n  - src: assets/link.jpg\n    alt: x\n"
                               "  - src: assets/dir/outside.jpg\n    alt: y\n")
    hint = "copy the file into content/ instead: a link could publish a file from outside it"
    assert problems == [f"{E}:6: error: media: src: 'assets/link.jpg' is a symlink; {hint}",
                        f"{E}:8: error: media: src: 'assets/dir/outside.jpg' is a symlink; {hint}"]


def test_exif_orientation_swaps_the_size_and_gps_is_warned(content: Path) -> None:
    image = Image.new("RGB", (600, 400), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° to display
    exif.get_ifd(0x8825)[2] = (53.0, 54.0, 0.0)  # GPSLatitude
    image.save(content / "assets" / "phone.jpg", "JPEG", exif=exif)
    media, problems = run(content, "media:\n  - src: assets/phone.jpg\n    alt: x\n")
    assert media[0].image is not None
    assert (media[0].image.width, media[0].image.height) == (400, 600)
    assert problems == [f"{E}:6: warning: media: src: 'assets/phone.jpg' records where it was "
                        "taken (GPS); the published copies drop it, but the file in the "
                        "repository keeps it: remove it with an image editor or exiftool "
                        "-gps:all= FILE"]


def test_formats_read(content: Path) -> None:
    for name, fmt in (("a.webp", "WEBP"), ("b.avif", "AVIF"), ("c.gif", "GIF"),
                      ("d.jpeg", "JPEG")):
        picture(content / "assets" / name, size=(300, 200), fmt=fmt)
    media, problems = run(content, "media:\n" + "".join(
        f"  - src: assets/{n}\n    alt: x\n" for n in ("a.webp", "b.avif", "c.gif", "d.jpeg")))
    assert problems == []
    assert [(m.image.format, m.image.width) for m in media if m.image] == [
        ("WEBP", 300), ("AVIF", 300), ("GIF", 300), ("JPEG", 300)]


def test_thumbnail_skips_graphic_items(content: Path) -> None:
    media, _ = run(content, f"""media:
  - src: assets/media/sochi.jpg
    alt: x
    graphic: true
  - src: {EMBED}
  - src: {EMBED}
    poster: assets/media/poster.png
""")
    from timeline_builder.core.model import Event, ResolvedDate

    event = Event("e", "t", ResolvedDate(__import__("datetime").date(2022, 1, 1)), "", (),
                  "p", media=media)
    assert event.thumbnail is media[2]
    assert isinstance(media[2].image, ImageFile)


# --- exports and import ---------------------------------------------------------------

def timeline_with(content: Path, media_yaml: str):  # type: ignore[no-untyped-def]
    (content / "events" / "sochi.md").write_text(HEAD + media_yaml + "---\nBody.\n",
                                                 encoding="utf-8")
    documents, _ = load_documents(content, max_bytes=1_000_000)
    timeline, problems = validate(documents, (), HOSTS, MediaContext(content, HOSTS))
    assert [p for p in problems if p.severity == "error"] == []
    return timeline


PICTURE = """media:
  - src: assets/media/sochi.jpg
    alt: Two men at a table
    caption: In <Sochi> & after
    credit: Pool
"""
GRAPHIC_ONLY = """media:
  - src: assets/media/sochi.jpg
    alt: A wreck
    graphic: true
"""
SITE = "https://example.org/war/"


def test_timelinejs_export_carries_the_first_picture(content: Path) -> None:
    import json

    from timeline_builder.config.settings import Settings
    from timeline_builder.exports.timelinejs import export_timelinejs

    timeline = timeline_with(content, PICTURE)
    slide = json.loads(export_timelinejs(timeline, Settings(site_url=SITE)))["events"][0]
    media = slide["media"]
    assert re.fullmatch(re.escape(SITE) + r"assets/timeline/media/sochi-[0-9a-f]{12}-640\.webp",
                        media["url"])
    assert re.fullmatch(re.escape(SITE) + r"assets/timeline/media/sochi-[0-9a-f]{12}-480\.webp",
                        media["thumbnail"])
    assert (media["caption"], media["credit"], media["alt"]) == (
        "In &lt;Sochi&gt; &amp; after", "Pool", "Two men at a table")
    graphic = timeline_with(content, GRAPHIC_ONLY)
    assert "media" not in json.loads(export_timelinejs(graphic, Settings()))["events"][0]


def test_the_feed_shows_the_picture_but_never_a_graphic_one(content: Path) -> None:
    import xml.etree.ElementTree as ET

    from timeline_builder.config.settings import Settings
    from timeline_builder.exports.atom import export_atom

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(export_atom(timeline_with(content, PICTURE), Settings(site_url=SITE)))
    content_html = feed.find(f"{atom}entry/{atom}content")
    assert content_html is not None and content_html.get("type") == "html"
    from html.parser import HTMLParser

    found: list[dict[str, str | None]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.append(dict(attrs)) if tag == "img" \
        else None  # type: ignore[method-assign]
    parser.feed(content_html.text or "")
    img = found[0]
    assert (img.get("src") or "").startswith(SITE + "assets/timeline/media/sochi-")
    assert (img.get("alt"), img.get("width"), img.get("height")) == (
        "Two men at a table", "480", "360")
    feed = ET.fromstring(export_atom(timeline_with(content, GRAPHIC_ONLY), Settings()))
    assert feed.find(f"{atom}entry/{atom}content") is None


@pytest.mark.parametrize(("url", "front", "body"), [
    ("https://www.youtube.com/watch?v=abcdefghijk&t=3",
     ["media:", "- src: https://www.youtube-nocookie.com/embed/abcdefghijk",
      "  caption: The briefing", "  credit: MoD"], None),
    ("https://youtu.be/abcdefghijk", ["- src: https://www.youtube-nocookie.com/embed/abcdefghijk"],
     None),
    ("https://vimeo.com/123456", ["- src: https://player.vimeo.com/video/123456"], None),
    ("https://cdn.example/photo (1).JPG", [],
     "Media: [The briefing](https://cdn.example/photo%20%281%29.JPG) (MoD)"),
    # Any other media is a page, kept as the event's source (its url), not repeated.
    ("https://twitter.com/x/status/1", [], "Said things.\n"),
])
def test_import_turns_media_into_embeds_or_links(tmp_path: Path, url: str, front: list[str],
                                                 body: str | None) -> None:
    import json

    from timeline_builder.imports.timelinejs import import_timelinejs

    document = {"events": [{"start_date": {"year": 2022, "month": 5, "day": 23},
                            "text": {"headline": "Briefing", "text": "<p>Said things.</p>"},
                            "media": {"url": url, "caption": "The briefing", "credit": "MoD"}}]}
    written, problems = import_timelinejs(json.dumps(document), tmp_path / "out",
                                          input_name="tl.json")
    event = next(p for p in written if p.parent.name == "events")
    text = event.read_text(encoding="utf-8")
    for line in front:
        assert f"\n{line}\n" in text, text
    if body:
        assert text.endswith(body if body == "Said things.\n" else
                             f"Said things.\n\n{body}\n"), text
        assert "media:" not in text
    is_picture = url.lower().endswith(".jpg")
    assert [p.text() for p in problems] == ([
        f"tl.json:1: warning: events[0]: the picture {url} is on another site, so {event} "
        "links to it instead of showing it; download it (if its licence allows) into "
        "content/assets/media/ and list it under media: with alt:, caption: and credit:"]
        if is_picture else [])
