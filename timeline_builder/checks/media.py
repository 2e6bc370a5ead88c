"""``media:`` on events: local pictures and click-to-load embeds, checked strictly.

A picture must be a real file under ``content/`` (never a remote URL: the site loads
nothing from other hosts, and remote files rot); its bytes are opened with Pillow so that a
``.jpg`` that is really an HTML error page is caught here, not in a reader's browser. An
embed must be an https URL on one of the ``embed_hosts``. Every problem is reported with
the line of the offending key, and every item is checked even after one fails.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from timeline_builder.core.model import ImageFile, Media
from timeline_builder.core.urls import allowed_embed, is_same_site, resolve
from timeline_builder.reading import schema
from timeline_builder.reading.load import Report, Value, flag_of

MEDIA_KEYS = tuple(key.name for key in schema.MEDIA_KEYS)
# What each file name ending must really contain (Pillow's format names).
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".avif": "AVIF",
           ".gif": "GIF"}
MAX_IMAGE_BYTES = 25_000_000
# Pillow warns past ~89 megapixels and refuses past twice that (decompression bombs); a
# news picture never needs more than this.
MAX_IMAGE_PIXELS = 60_000_000
_DRIVE = re.compile(r"[a-zA-Z]:[\\/]")
_ORIENTATION = 0x0112
_GPS_IFD = 0x8825
_SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height

Suggest = Callable[[str, Iterable[str]], str]


@dataclass(frozen=True)
class MediaContext:
    """What checking media needs beyond the file itself."""

    content_dir: Path
    embed_hosts: tuple[str, ...]


def looks_remote(src: str) -> bool:
    """A URL, not a path: whatever a browser would not load from the site itself
    (``https://…``, ``//host/…``, ``/\\host/…``, ``data:…``); ``C:\\…`` is a (bad) path."""
    return not _DRIVE.match(src) and not is_same_site(src)


def check_media(value: Value | None, context: MediaContext, error: Report, warn: Report,
                suggest: Suggest) -> tuple[Media, ...]:
    """Every valid item of an event's ``media:`` list; problems go to ``error``/``warn``."""
    if value is None or value.data is None:
        return ()
    if not isinstance(value.data, list):
        error(value.line, "media: must be a list of pictures or embeds",
              "write '- src: assets/media/NAME.jpg' with 'alt: …' under media:, indented")
        return ()
    checker = _ItemChecker(context, error, warn, suggest)
    return tuple(item for raw in value.data if (item := checker.item(raw)) is not None)


@dataclass
class _ItemChecker:
    context: MediaContext
    error: Report
    warn: Report
    suggest: Suggest

    def item(self, raw: Value) -> Media | None:
        if not isinstance(raw.data, dict):
            self.error(raw.line, "media: each item needs src: (and alt: for a picture)",
                       "write '- src: assets/media/NAME.jpg' and 'alt: …' on the next line")
            return None
        fields = raw.data
        ok = True
        for key, given in fields.items():
            if key not in MEDIA_KEYS:
                self.error(given.line, f"media: unknown key '{key}'"
                           f"{self.suggest(key, MEDIA_KEYS)}",
                           f"a media item has {', '.join(MEDIA_KEYS)}")
                ok = False
        texts = {key: self._text(fields, key) for key in ("src", "alt", "caption", "credit",
                                                          "poster")}
        graphic = self._flag(fields, "graphic")
        src = texts["src"]
        if src is None or graphic is None or None in texts.values():
            return None
        if not src:
            self.error(fields["src"].line if "src" in fields else raw.line,
                       "media: 'src:' is missing or empty",
                       "write src: assets/media/NAME.jpg (a file under content/) or an embed URL")
            return None
        line = fields["src"].line
        common = {"caption": texts["caption"] or "", "credit": texts["credit"] or "",
                  "graphic": graphic, "line": line}
        if looks_remote(src):
            media = self._embed(src, line, fields, texts, common)
        else:
            media = self._image(src, line, fields, texts, common)
        return media if ok else None

    def _embed(self, src: str, line: int, fields: dict[str, Value],
               texts: dict[str, str | None], common: dict) -> Media | None:
        hosts = self.context.embed_hosts
        if not allowed_embed(src, hosts):
            parsed = resolve(src)
            extension = PurePosixPath(parsed.pathname if parsed else src).suffix.lower()
            if extension in FORMATS:
                self.error(line, f"media: '{src}' is a remote picture; pictures must be files "
                           "under content/", "download it (if its licence allows) into "
                           "content/assets/media/ and write src: assets/media/NAME"
                           f"{extension}")
            else:
                self.error(line, f"media: '{src}' is not an https address on an embed host",
                           f"embeds may come from {', '.join(hosts) or 'no host'} "
                           "(embed_hosts in mkdocs.yml); link other media in the body")
            return None
        poster = None
        if texts["poster"]:
            poster = self._file(texts["poster"], fields["poster"].line, "poster")
            if poster is None:
                return None
        return Media(kind="embed", src=src, image=poster, alt=texts["alt"] or "", **common)

    def _image(self, src: str, line: int, fields: dict[str, Value],
               texts: dict[str, str | None], common: dict) -> Media | None:
        if "poster" in fields:
            self.error(fields["poster"].line, "media: 'poster:' is for embeds, not pictures",
                       "remove it: a picture is its own poster")
            return None
        image = self._file(src, line, "src")
        if not texts["alt"]:
            self.error(fields["alt"].line if "alt" in fields else line,
                       f"media: picture '{src}' needs 'alt:', a description for readers "
                       "who cannot see it", "say what the picture shows, in a sentence: "
                       "alt: Putin and Lukashenko at a table in Sochi")
            return None
        if image is None:
            return None
        return Media(kind="image", src=image.src, image=image, alt=texts["alt"], **common)

    def _file(self, src: str, line: int, key: str) -> ImageFile | None:
        """A picture file under content/: the path is judged first, then its bytes."""
        if looks_remote(src):
            self.error(line, f"media: {key}: '{src}' is a remote file; pictures must be files "
                       "under content/", "download it (if its licence allows) into "
                       "content/assets/media/ and give its path, e.g. assets/media/NAME.jpg")
            return None
        problem = _path_problem(src)
        if problem:
            self.error(line, f"media: {key}: '{src}' {problem}",
                       "give a path inside content/, e.g. assets/media/NAME.jpg")
            return None
        root = self.context.content_dir
        path = root / src
        if _through_symlink(root, path):
            self.error(line, f"media: {key}: '{src}' is a symlink", "copy the file into "
                       "content/ instead: a link could publish a file from outside it")
            return None
        if not path.is_file():
            self.error(line, f"media: {key}: no file content/{src}",
                       f"add the file under {root.name}/ or fix the path")
            return None
        expected = FORMATS.get(path.suffix.lower())
        if expected is None:
            self.error(line, f"media: {key}: '{src}' is not a picture file",
                       f"use one of {', '.join(sorted(FORMATS))}")
            return None
        return self._probe(src, path, line, key, expected)

    def _probe(self, src: str, path: Path, line: int, key: str, expected: str
               ) -> ImageFile | None:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            self.error(line, f"media: {key}: '{src}' is larger than "
                       f"{MAX_IMAGE_BYTES // 1_000_000} MB", "save a smaller copy (the build "
                       "makes the sizes readers need)")
            return None
        from PIL import Image, UnidentifiedImageError  # only a timeline with pictures pays for it

        data = path.read_bytes()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    found, width, height = image.format, image.width, image.height
                    animated = bool(getattr(image, "is_animated", False))
                    frames = int(getattr(image, "n_frames", 1)) if animated else 1
                    exif = image.getexif()
                    # Decoding catches a truncated file now, not while writing variants;
                    # a JPEG decodes at 1/8 scale for that (the whole stream is still read).
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                    image.load()
        except (UnidentifiedImageError, Image.DecompressionBombWarning,
                Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
            self.error(line, f"media: {key}: '{src}' cannot be read as a picture ({_why(exc)})",
                       "open it in an image editor and save it again as JPEG, PNG or WebP")
            return None
        if found != expected:
            self.error(line, f"media: {key}: '{src}' is named {path.suffix} but holds "
                       f"{found or 'something else'}", f"rename it to "
                       f"{path.stem}{_ending(found)} or save it as {expected}")
            return None
        if width * height > MAX_IMAGE_PIXELS:
            self.error(line, f"media: {key}: '{src}' is {width}x{height} pixels, too large",
                       "save a copy at most 6000 pixels on its longer side")
            return None
        if frames * width * height > MAX_IMAGE_PIXELS:
            # Every frame is decoded when the animation is re-encoded without its metadata.
            self.error(line, f"media: {key}: '{src}' is {frames} frames of {width}x{height} "
                       "pixels, too large an animation", "cut frames or pixels, or publish "
                       "it as a video embed")
            return None
        if exif.get(_ORIENTATION) in _SIDEWAYS:
            width, height = height, width
        if exif.get_ifd(_GPS_IFD):
            self.warn(line, f"media: {key}: '{src}' records where it was taken (GPS)",
                      "the published copies drop it, but the file in the repository keeps "
                      "it: remove it with an image editor or exiftool -gps:all= FILE")
        return ImageFile(src=PurePosixPath(src).as_posix(), format=expected, width=width,
                         height=height, sha256=hashlib.sha256(data).hexdigest(),
                         animated=animated)

    def _text(self, fields: dict[str, Value], key: str) -> str | None:
        """The stripped text ('' when absent); None (after an error) for a list or mapping."""
        given = fields.get(key)
        if given is None:
            return ""
        if not given.is_scalar:
            self.error(given.line, f"media: {key}: must be text, not a list or mapping",
                       f"write '{key}: …' on one line")
            return None
        return given.text().strip()

    def _flag(self, fields: dict[str, Value], key: str) -> bool | None:
        return flag_of(fields.get(key), key, self.error, where="media: ")


def _path_problem(src: str) -> str:
    """Why a written path cannot name a file under content/ (empty when it can)."""
    if "\\" in src:
        return "uses '\\'; write paths with '/'"
    if src.startswith("/") or _DRIVE.match(src):
        return "is an absolute path"
    if any(part == ".." for part in src.split("/")):
        return "leaves content/ with '..'"
    if any(ord(ch) < 32 for ch in src):
        return "contains control characters"
    return ""


def _through_symlink(root: Path, path: Path) -> bool:
    """Is the file, or any folder between content/ and it, a symlink (or outside)?"""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return True
    return path.exists() and not path.resolve().is_relative_to(root.resolve())


def _ending(found: str | None) -> str:
    return next((ending for ending, name in FORMATS.items() if name == found), ".jpg")


def _why(exc: BaseException) -> str:
    from PIL import Image, UnidentifiedImageError

    if isinstance(exc, Image.DecompressionBombWarning | Image.DecompressionBombError):
        return "too many pixels"
    if isinstance(exc, UnidentifiedImageError):
        return "not a picture format Pillow knows"
    return str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
