"""``timeline archive``: a source's page fetched, its article text, date and title kept.

The text becomes the source file's body (the archived text quotes are verified against);
``accessed``, ``url_status`` and, when the page came from a Wayback Machine snapshot,
``archived_url`` are set; a new source (archived from a URL) also gets ``title``,
``outlet``, ``published``, ``url`` and ``language``. Then every quote citing the source is
checked again, and the command says which verify.

The extractor is trafilatura (favouring precision, without comments or tables): on the
saved pages under tests/fixtures/pages it kept every article sentence and no boilerplate,
where readability-lxml kept a cookie banner and a byline in the text and gives no
publication date or language (bench/compare_extractors.py prints the figures). The date
comes from htmldate, asked for the original publication date from the page's markup only
(``extensive_search`` off: a date merely mentioned in the text is not the page's date).

An archived text is never replaced without ``force``; ``dry_run`` shows what would be
written and writes nothing; a paywalled or empty page is said to be so, and nothing is
written from it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import htmldate
import lxml.html
import trafilatura
from trafilatura.utils import decode_file

from timeline_builder.builders.pipeline import load_content
from timeline_builder.checks.validate import text_sha256
from timeline_builder.config.settings import Settings
from timeline_builder.core import fetch
from timeline_builder.core.atomic import create_exclusive, write_atomic
from timeline_builder.core.slugs import slug
from timeline_builder.core.suggest import did_you_mean
from timeline_builder.reading import source_edit
from timeline_builder.reading.load import discover, display_path, load_file

# Fewer words than this is no article (a JavaScript shell, a cookie wall, an error page).
MIN_WORDS = 25
# A page marked as paywalled that shows fewer words than this shows only its teaser.
TEASER_WORDS = 150
_WAYBACK = re.compile(r"https?://web\.archive\.org/web/\d{8,14}[a-z_]*/", re.I)
_PAYWALL_MARK = re.compile(
    r"""isAccessibleForFree["']?\s*:\s*["']?false|"""
    r"""(?:class|id)\s*=\s*["'][^"']*\b(?:paywall|paywalled|regwall|subscriber-only|"""
    r"""premium-content|piano-offer)\b""", re.I)
HTML_TYPES = ("text/html", "application/xhtml+xml", "")

PageState = Literal["article", "paywalled", "empty"]


class ArchiveError(Exception):
    """The command cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str = ""
    published: str = ""  # YYYY-MM-DD, or "" when the page does not say
    outlet: str = ""
    author: str = ""
    language: str = ""
    state: PageState = "article"

    @property
    def words(self) -> int:
        return len(self.text.split())


def extract(page: bytes, url: str, charset: str | None = None, *,
            today: dt.date | None = None) -> Extracted:
    """The article of an HTML page: text (paragraphs separated by blank lines), metadata,
    and whether it is an article at all."""
    html = _decoded(page, charset)
    found = trafilatura.bare_extraction(html, url=url, favor_precision=True,
                                        include_comments=False, include_tables=False,
                                        with_metadata=True)
    meta: dict[str, object] = found if isinstance(found, dict) else \
        found.as_dict() if found is not None else {}

    def field_of(name: str) -> str:
        value = meta.get(name)
        return value if isinstance(value, str) else ""

    text = _paragraphs(field_of("text"))
    published = _published(html, url, today or dt.date.today())
    title, outlet, author = field_of("title"), field_of("sitename"), field_of("author")
    language = _language(html) or field_of("language")
    words = len(text.split())
    state: PageState = "article"
    if _PAYWALL_MARK.search(html) and words < TEASER_WORDS:
        state = "paywalled"
    elif words < MIN_WORDS:
        state = "empty"
    return Extracted(text, title.strip(), published, outlet.strip(), author.strip(),
                     language, state)


def _decoded(page: bytes, charset: str | None) -> str:
    if charset:
        try:
            return page.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return str(decode_file(page))


def _paragraphs(text: str) -> str:
    """trafilatura's one paragraph a line → markdown paragraphs (blank lines between)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _published(html: str, url: str, today: dt.date) -> str:
    try:
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=False,
                                   outputformat="%Y-%m-%d", max_date=today.isoformat())
    except (ValueError, TypeError):
        return ""
    return found or ""


def _language(html: str) -> str:
    """The page's own ``<html lang>``, primary subtag (``uk-UA`` → ``uk``)."""
    try:
        root = lxml.html.fromstring(html.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return ""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    primary = lang.split("-")[0].split("_")[0].strip().lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""


@dataclass
class Outcome:
    """What the command did: lines for standard error, the file, and the exit code."""

    messages: list[str] = field(default_factory=list)
    path: Path | None = None
    preview: str = ""  # --dry-run: the file as it would be written
    code: int = 0

    def say(self, message: str) -> None:
        self.messages.append(message)


@dataclass(frozen=True)
class Request:
    target: str  # a source id or a URL
    force: bool = False
    dry_run: bool = False
    allow_private: bool = False
    timeout: float = fetch.DEFAULT_TIMEOUT
    max_bytes: int = fetch.DEFAULT_MAX_BYTES
    today: dt.date = field(default_factory=dt.date.today)


def archive(settings: Settings, request: Request) -> Outcome:
    """Archive one source (by id) or a new one (by URL); ArchiveError when it cannot."""
    if re.match(r"[a-z][a-z0-9+.-]*:", request.target, re.I):
        return _archive_new(settings, request)
    return _archive_existing(settings, request)


def _source_files(settings: Settings) -> dict[str, Path]:
    found, _ = discover(settings.content_dir)
    return {path.stem: path for kind, path in found if kind == "source"}


def _archive_existing(settings: Settings, request: Request) -> Outcome:
    files = _source_files(settings)
    path = files.get(request.target)
    if path is None:
        raise ArchiveError(f"no source '{request.target}'{did_you_mean(request.target, files)}"
                           f"; name a file under {display_path(settings.content_dir)}/sources/"
                           " (without .md), or give a URL to archive a new source")
    shown = display_path(path)
    document, problems = load_file(path, "source", max_bytes=settings.max_file_bytes)
    if document is None:
        raise ArchiveError(problems[0].text() if problems else f"{shown}: cannot be read")
    fields = {key: value.text().strip() for key, value in document.fields.items()
              if value.is_scalar}
    if document.body.strip() and not request.force:
        raise ArchiveError(f"{shown} already has archived text "
                           f"({len(document.body.split())} words); pass --force to replace it")
    url = fields.get("url", "")
    status = fields.get("url_status", "live")
    from_snapshot = status in ("dead", "usurped") and bool(fields.get("archived_url"))
    address = fields["archived_url"] if from_snapshot else url
    if not address:
        raise ArchiveError(f"{shown} has no url: to archive; add 'url: https://…' first")
    page, response = _page(address, request)
    outcome = Outcome(path=path)
    values = {"accessed": request.today.isoformat()}
    if not from_snapshot:
        values["url_status"] = "live"
    snapshot = _snapshot_of(response)
    if snapshot and not fields.get("archived_url"):
        values["archived_url"] = snapshot
    if not fields.get("published") and page.published:
        values["published"] = page.published
    elif page.published and fields.get("published") and \
            not page.published.startswith(fields["published"]) and \
            fields["published"] != "n.d.":
        outcome.say(f"{shown}: note: the page says it was published {page.published}; the "
                    f"file says {fields['published']} (left as it is)")
    if not fields.get("language") and page.language:
        values["language"] = page.language
    values["text_sha256"] = text_sha256(page.text.strip())
    raw = path.read_bytes().decode("utf-8-sig")
    had_bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    try:
        updated = source_edit.set_body(source_edit.set_keys(raw, values), page.text)
    except source_edit.EditError as exc:
        raise ArchiveError(f"{shown}: {exc}") from None
    return _finish(settings, request, outcome, path, ("\ufeff" if had_bom else "") + updated,
                   page, replace=True)


def _archive_new(settings: Settings, request: Request) -> Outcome:
    try:
        target = fetch.judge(request.target)
    except fetch.FetchError as exc:
        raise ArchiveError(str(exc)) from None
    for source_id, path in sorted(_source_files(settings).items()):
        document, _ = load_file(path, "source", max_bytes=settings.max_file_bytes)
        written = document.fields.get("url") if document else None
        if written is not None and written.is_scalar:
            try:
                same = fetch.judge(written.text()).url == target.url
            except fetch.FetchError:
                same = False
            if same:
                raise ArchiveError(f"{target.url} is already the url of {display_path(path)}; "
                                   f"run timeline archive {source_id}")
    page, response = _page(target.url, request)
    host = target.host.removeprefix("www.")
    source_id = slug(f"{host.split('.')[0]} {page.title}" if page.title else host,
                     "source", length=60)
    taken = _source_files(settings)
    base_id, number = source_id, 2
    while source_id in taken or (settings.content_dir / "sources" / f"{source_id}.md").exists():
        source_id, number = f"{base_id}-{number}", number + 1  # never another source's file
    path = settings.content_dir / "sources" / f"{source_id}.md"
    values = {"title": page.title or host, "outlet": page.outlet or host,
              "published": page.published or "n.d.", "url": target.url}
    if page.author:
        values["author"] = page.author
    if page.language:
        values["language"] = page.language
    values["accessed"] = request.today.isoformat()
    values["url_status"] = "live"
    snapshot = _snapshot_of(response)
    if snapshot:
        values["archived_url"] = snapshot
    values["text_sha256"] = text_sha256(page.text.strip())
    text = source_edit.set_body(source_edit.set_keys("---\n---\n", values), page.text)
    outcome = Outcome(path=path)
    return _finish(settings, request, outcome, path, text, page, replace=False)


def _page(url: str, request: Request) -> tuple[Extracted, fetch.Response]:
    try:
        response = fetch.fetch(url, timeout=request.timeout, max_bytes=request.max_bytes,
                               allow_private=request.allow_private)
    except fetch.FetchError as exc:
        raise ArchiveError(f"{exc}; nothing was written") from None
    if response.status != 200:
        hint = " (if the page is gone, set url_status: dead and archived_url: to a snapshot)" \
            if response.status in (404, 410) else ""
        raise ArchiveError(f"{response.url} answered HTTP {response.status}; nothing was "
                           f"written{hint}")
    if response.content_type not in HTML_TYPES:
        raise ArchiveError(f"{response.url} is {response.content_type}, not a web page; "
                           "paste its text into the source file by hand")
    page = extract(response.body, response.url, response.charset, today=request.today)
    if page.state == "paywalled":
        raise ArchiveError(
            f"{response.url} is paywalled: it shows {page.words} words and marks the rest "
            "for subscribers; nothing was written. Paste the full text into the source file "
            "by hand (or archive a snapshot that has it)")
    if page.state == "empty":
        raise ArchiveError(
            f"{response.url} has no article text ({page.words} words found: a page that "
            "needs JavaScript, a cookie wall or an error page); nothing was written")
    return page, response


def _snapshot_of(response: fetch.Response) -> str:
    """A Wayback Machine snapshot URL, when the page came from one (or names its memento)."""
    if _WAYBACK.match(response.url):
        return response.url
    for part in response.headers.get("link", "").split(","):
        if 'rel="memento"' in part or "rel=memento" in part:
            found = re.search(r"<([^>]+)>", part)
            if found and _WAYBACK.match(found.group(1)):
                return found.group(1)
    return ""


def _finish(settings: Settings, request: Request, outcome: Outcome, path: Path, text: str,
            page: Extracted, *, replace: bool) -> Outcome:
    shown = display_path(path)
    digest = text_sha256(page.text.strip())
    if request.dry_run:
        outcome.preview = text
        outcome.say(f"{shown}: would write {page.words} words of archived text "
                    f"(text_sha256 {digest}); --dry-run: nothing was written")
        return outcome
    try:
        if replace:
            write_atomic(path, text, force=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_exclusive(path, text)
    except FileExistsError:
        raise ArchiveError(f"{shown} exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise ArchiveError(f"cannot write {shown}: {exc.strerror or exc}") from None
    outcome.say(f"{shown}: archived {page.words} words (text_sha256 {digest})")
    _reverify(settings, path.stem, outcome)
    return outcome


def _reverify(settings: Settings, source_id: str, outcome: Outcome) -> None:
    """Every quote citing the source, checked against its new text."""
    content = load_content(settings)
    verified = [(event, quote) for event in (*content.timeline.events,
                                             *content.timeline.withdrawn)
                for quote in event.quotes if quote.source == source_id]
    failing = [problem for problem in content.problems if problem.severity == "error"
               and f"text of source '{source_id}'" in problem.message]
    for event, quote in verified:
        state = "verifies" if quote.verified else "does not verify"
        outcome.say(f"{event.path}:{quote.line}: quote {state}: '{quote.text}'")
    for problem in failing:
        outcome.say(problem.text())
    total = len(verified) + len(failing)
    good = sum(quote.verified for _, quote in verified)
    outcome.say(f"{total} quote{'' if total == 1 else 's'} cite {source_id}: {good} verify"
                + (f", {total - good} do not" if total - good else ""))
    if total - good:
        outcome.code = 1
