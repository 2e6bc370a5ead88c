"""``timeline import timelinejs FILE --out DIR``: a TimelineJS3 JSON file → content files.

Newsrooms often start a timeline in TimelineJS; this turns it into one event file per
slide under ``DIR/events/`` and source files under ``DIR/sources/`` (CONTRACT section 2),
for contributors to complete. The import is all or nothing: any problem in the input is a
diagnostic and nothing is written; existing files are never overwritten without force.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.diagnostics import Diagnostic, error, warning
from timeline_builder.core.model import Precision, ResolvedDate
from timeline_builder.core.slugs import slug

_SLUG_LENGTH = 60


@dataclass(frozen=True)
class Slide:
    """One TimelineJS event, checked: everything an event file needs but its ids."""

    title: str
    date: ResolvedDate
    end: ResolvedDate | None
    body: str
    group: str
    media: tuple[str, str, str] | None  # (url, credit, caption) as plain text


@dataclass
class _SourcePlan:
    id: str
    title: str
    outlet: str
    url: str
    dates: list[ResolvedDate] = field(default_factory=list)


def import_timelinejs(
    data: str, out_dir: Path, *, force: bool = False, input_name: str = "timeline.json"
) -> tuple[list[Path], list[Diagnostic]]:
    """Write the event and source files; return the paths written and any diagnostics.

    ``input_name`` is the input file as the user named it: diagnostics point at it and the
    placeholder source (for slides without media credit) is named after it.
    """
    slides, problems = _read(data, input_name)
    if problems:
        return [], problems
    return write_slides(slides, out_dir, force=force, input_name=input_name)


def content_root(out_dir: Path) -> Path:
    """``--out content/events`` (or ``…/sources``) means the content folder it is in: the
    files go to ``content/events/`` and ``content/sources/``, not ``content/events/events/``."""
    return out_dir.parent if out_dir.name in ("events", "sources") else out_dir


def write_slides(slides: list[Slide], out_dir: Path, *, force: bool,
                 input_name: str) -> tuple[list[Path], list[Diagnostic]]:
    """The event and source files of checked slides, all or none (never overwriting)."""
    out_dir = content_root(out_dir)
    files = [(out_dir / relative, text) for relative, text in _plan(slides, input_name)]
    if not force:
        existing = [path for path, _ in files if path.exists()]
        if existing:
            return [], [error(str(path), 1, "file already exists; nothing was imported",
                              "pass --force to overwrite it") for path in existing]
    written, problems = _write(files, force=force)
    return written, problems or _remote_pictures(slides, files, input_name)


def _remote_pictures(slides: list[Slide], files: list[tuple[Path, str]], input_name: str
                     ) -> list[Diagnostic]:
    """A remote picture became a link in the body: say that the file must be added here."""
    return [
        warning(input_name, 1, f"events[{index}]: the picture {item.media[0]} is on another "
                f"site, so {path} links to it instead of showing it",
                "download it (if its licence allows) into content/assets/media/ and list it "
                "under media: with alt:, caption: and credit:")
        for index, (item, (path, _)) in enumerate(zip(slides, files, strict=False))
        if item.media and _is_picture(item.media[0])
    ]


_PICTURE_ENDINGS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")


def _is_picture(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(_PICTURE_ENDINGS)


def _embed_url(url: str) -> str:
    """A YouTube or Vimeo address as the privacy-friendly player that ``media:`` accepts
    (the default ``embed_hosts``); '' for anything else."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video = ""
    if host == "youtube.com" and parts.path == "/watch":
        video = next((v for k, v in (pair.partition("=")[::2]
                                     for pair in parts.query.split("&")) if k == "v"), "")
    elif host == "youtu.be" or (host in ("youtube.com", "youtube-nocookie.com")
                                and parts.path.startswith(("/embed/", "/shorts/"))):
        video = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if re.fullmatch(r"[A-Za-z0-9_-]{6,20}", video):
        return f"https://www.youtube-nocookie.com/embed/{video}"
    if host in ("vimeo.com", "player.vimeo.com"):
        number = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if number.isdigit():
            return f"https://player.vimeo.com/video/{number}"
    return ""


def _read(data: str, input_name: str) -> tuple[list[Slide], list[Diagnostic]]:
    try:
        document = json.loads(data.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        return [], [error(input_name, exc.lineno, f"not valid JSON: {exc.msg}")]
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        return [], [error(input_name, 1, f"not valid JSON: {exc}")]
    except RecursionError:
        return [], [error(input_name, 1, "not valid JSON: nested too deeply")]
    events = document.get("events") if isinstance(document, dict) else None
    if not isinstance(events, list):
        return [], [error(input_name, 1, "not a TimelineJS file: no \"events\" list",
                          'expected {"events": [{"start_date": {...}, "text": {...}}]}')]
    slides: list[Slide] = []
    problems: list[Diagnostic] = []
    for index, raw in enumerate(events):
        try:
            slides.append(slide(raw))
        except SlideError as exc:
            problems.append(error(input_name, 1, f"events[{index}]: {exc}", exc.hint))
    return slides, problems


class SlideError(ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def slide(raw: object) -> Slide:
    if not isinstance(raw, dict):
        raise SlideError("an event must be an object")
    text: dict[str, Any] = raw["text"] if isinstance(raw.get("text"), dict) else {}
    title = " ".join(_plain(text.get("headline")).split())
    if not title:
        raise SlideError("text.headline is missing; every event needs a title")
    date = _date(raw.get("start_date"), "start_date")
    end = _date(raw["end_date"], "end_date") if raw.get("end_date") else None
    if end is not None and end.last_day() < date.value:
        raise SlideError(f"end_date {end.iso()} is before start_date {date.iso()}")
    return Slide(title, date, None if end == date else end, _markdown(text.get("text")),
                  _plain(raw.get("group")), _media(raw.get("media")))


def _date(raw: object, name: str) -> ResolvedDate:
    """``{"year": "2022", "month": 5}`` → 2022-05 (month precision): only what is given."""
    example = f'write e.g. "{name}": {{"year": 2022, "month": 5, "day": 23}}'
    if not isinstance(raw, dict):
        raise SlideError(f"{name} is missing" if raw is None else f"{name} must be an object",
                          example)
    year, month, day = (_number(raw.get(key), f"{name}.{key}") for key in ("year", "month", "day"))
    if year is None:
        raise SlideError(f"{name}.year is missing", example)
    if day is not None and month is None:
        raise SlideError(f"{name} has a day but no month", example)
    precision: Precision = "day" if day is not None else "month" if month is not None else "year"
    try:
        return ResolvedDate(dt.date(year, month or 1, day or 1), precision)
    except ValueError:
        shown = "-".join(str(part) for part in (year, month, day) if part is not None)
        raise SlideError(f"{name} {shown} is not a date") from None


def _number(raw: object, name: str) -> int | None:
    """TimelineJS writes date parts as numbers or as strings of digits."""
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
    if isinstance(raw, bool) or not re.fullmatch(r"[0-9]{1,9}", text):
        raise SlideError(f"{name} must be a positive whole number, not {raw!r}")
    return int(text)


def _media(raw: object) -> tuple[str, str, str] | None:
    """The media's web address and credit, the only hint of a source TimelineJS has."""
    if not isinstance(raw, dict):
        return None
    url = str(raw.get("url") or "").strip()
    url = url if urlsplit(url).scheme in ("http", "https") else ""
    credit = " ".join(_plain(raw.get("credit")).split())
    caption = " ".join(_plain(raw.get("caption")).split())
    return (url, credit, caption) if url or credit else None


def _plan(slides: list[Slide], input_name: str) -> list[tuple[Path, str]]:
    """Every file to write, with unique ids, events first; pure so it can be tested."""
    sources: dict[tuple[str, str], _SourcePlan] = {}
    source_ids: set[str] = set()
    event_ids: set[str] = set()
    events: list[tuple[Path, str]] = []
    for slide in slides:
        key = _source_key(slide)
        if key not in sources:
            sources[key] = _source_plan(slide, input_name, source_ids)
        sources[key].dates.append(slide.end or slide.date)
        event_id = _unique(_slug(slide.title, "event"), event_ids)
        events.append((Path("events", f"{event_id}.md"), _event_file(slide, sources[key].id)))
    return events + [(Path("sources", f"{plan.id}.md"), _source_file(plan, input_name))
                     for plan in sources.values()]


def _source_key(slide: Slide) -> tuple[str, str]:
    """Slides share a source when their media has the same address (or, without one, the
    same credit); slides without media share the placeholder."""
    if slide.media is None:
        return ("placeholder", "")
    url, credit, _ = slide.media
    return ("url", url) if url else ("credit", credit)


def _source_plan(slide: Slide, input_name: str, taken: set[str]) -> _SourcePlan:
    if slide.media is None:
        stem = PurePosixPath(input_name.replace("\\", "/")).stem
        return _SourcePlan(_unique(_slug(stem, "timelinejs-import"), taken),
                           f"TODO: the source of the events imported from {input_name}",
                           "TODO", "")
    url, credit, caption = slide.media
    outlet = credit or urlsplit(url).hostname or "TODO"
    title = caption or credit or url
    return _SourcePlan(_unique(_slug(title, "source"), taken), title, outlet, url)


def _event_file(slide: Slide, source_id: str) -> str:
    front: dict[str, Any] = {"title": slide.title, "date": slide.date.iso()}
    if slide.end:
        front["end"] = slide.end.iso()
    group = _slug(slide.group, "")
    if group:
        front["tags"] = [group]
    front["sources"] = [source_id]
    body = slide.body
    if slide.media and slide.media[0]:
        url, credit, caption = slide.media
        embed = _embed_url(url)
        if embed:
            item = {"src": embed, "caption": caption, "credit": credit}
            front["media"] = [{key: value for key, value in item.items() if value}]
        elif _is_picture(url):  # never loaded by the site: a link, for a human to act on
            text = re.sub(r"[\[\]]", "", caption) or url
            safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            credit_note = f" ({credit})" if credit else ""
            body = f"{body}\n\nMedia: [{text}]({safe}){credit_note}".strip()
    return _markdown_file(front, body)


def _source_file(plan: _SourcePlan, input_name: str) -> str:
    # A source cannot be published before the events it reports: the latest is the guess.
    published = max(plan.dates, key=lambda date: date.last_day())
    front: dict[str, Any] = {"title": plan.title, "outlet": plan.outlet,
                             "published": published.iso()}
    if plan.url:
        front["url"] = plan.url
    front["note"] = (f"Imported from {input_name}: check title, outlet and published, "
                     "and paste the archived text below.")
    return _markdown_file(front, "")


def _markdown_file(front: dict[str, Any], body: str) -> str:
    """yaml.safe_dump quotes whatever needs quoting (a title such as ``No: never``)."""
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True,
                            default_flow_style=False, width=10_000)
    return f"---\n{header}---\n{body}\n" if body else f"---\n{header}---\n"


def _write(files: list[tuple[Path, str]], *, force: bool) -> tuple[list[Path], list[Diagnostic]]:
    """Write every file, or, if one fails, remove those this run created."""
    created: list[Path] = []
    written: list[Path] = []
    for path, text in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fresh = not path.exists()
            write_atomic(path, text, force=force)
        except OSError as exc:
            for done in created:
                done.unlink(missing_ok=True)
            return [], [error(str(path), 1, f"cannot write file: {exc.strerror or exc}",
                              "nothing was imported")]
        written.append(path)
        if fresh:
            created.append(path)
    return written, []


# Names Windows reserves for devices whatever the extension: ``con.md`` cannot be opened
# there, so an imported headline "CON" would make a checkout that Windows users cannot use.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                       *(f"lpt{n}" for n in range(1, 10))})


def _slug(text: str, fallback: str) -> str:
    found = slug(text, fallback, length=_SLUG_LENGTH)
    return f"{found}-{fallback or 'file'}" if found in _RESERVED else found


def _unique(base: str, taken: set[str]) -> str:
    """``sochi``, then ``sochi-2``, ``sochi-3`` for later clashes."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _plain(raw: object) -> str:
    """HTML → its text only (entities decoded), for one-line fields such as titles."""
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        return ""
    parser = _TextExtractor(keep_structure=False)
    parser.feed(str(raw))
    parser.close()
    return parser.result()


def _markdown(raw: object) -> str:
    """HTML → plain markdown-ish text: paragraphs, list items and http(s) links survive."""
    if not isinstance(raw, str):
        return ""
    parser = _TextExtractor(keep_structure=True)
    parser.feed(raw)
    parser.close()
    lines = [line.strip() for line in parser.result().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextExtractor(HTMLParser):
    """Keeps text, drops every tag; the content of script, style and similar is dropped.

    ``<`` in the text is written as ``&lt;`` so that escaped markup in the input
    (``&lt;script&gt;``) cannot become live HTML in the markdown body.
    """

    _DROPPED = frozenset({"script", "style", "template", "iframe", "object", "noscript"})
    _BLOCKS = frozenset({"p", "div", "blockquote", "ul", "ol", "table", "tr",
                         "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self, *, keep_structure: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._structure = keep_structure
        self._parts: list[str] = []
        self._dropping = 0
        self._links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._DROPPED:
            self._dropping += 1
        elif not self._structure:
            return
        elif tag in self._BLOCKS:
            self._parts.append("\n\n")
        elif tag == "br":
            self._parts.append("\n")
        elif tag == "li":
            self._parts.append("\n- ")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self._links.append(href if urlsplit(href).scheme in ("http", "https") else "")
            if self._links[-1]:
                self._parts.append("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._DROPPED:
            self._dropping = max(self._dropping - 1, 0)
        elif self._structure and tag in self._BLOCKS:
            self._parts.append("\n\n")
        elif self._structure and tag == "a" and self._links:
            href = self._links.pop()
            if href:
                # Spaces and parentheses would end a markdown link early.
                safe = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                self._parts.append(f"]({safe})")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self._parts.append(re.sub(r"\s+", " ", data).replace("<", "&lt;")
                               if self._structure else data)

    def result(self) -> str:
        return "".join(self._parts)
