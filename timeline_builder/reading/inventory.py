"""Which files under the content folder are published, and how: nothing goes out unchecked.

Every file is one of: validated ``content`` (an event, actor or source: its page is
generated, the file itself is never published), an explainer ``page`` (rendered by the
builder and sanitised), an allowed ``asset`` (published as is), or ``withheld`` with a
diagnostic saying why. Builders publish whatever they find in the docs folder, so this
is asked by every door: ``timeline check`` reports it, the MkDocs plugin drops what is
withheld, ``timeline render`` copies only what is publishable.

Decisions (each is a way a pull request could otherwise publish something unreviewed):

- Raw web pages (``.html``, ``.htm``, ``.xhtml``, ``.shtml``) are errors: served from our
  origin they run any script in them, bypass the sanitiser and the theme. Write markdown.
- SVG and XML are published only when inert: no script or event handler, no
  ``foreignObject`` or XHTML inside, no entity declarations, no ``xml-stylesheet``, and
  every reference is a fragment or a file of the site. Opened directly, an SVG is a
  document like any page; an XML file with XHTML elements is one too.
- XSLT (``.xsl``, ``.xslt``) is a program: an error.
- Scripts and style sheets (``.js``, ``.mjs``, ``.css``) are published only when the site
  loads them (listed in ``extra_javascript``/``extra_css``, or named in the theme's
  overrides): with ``script-src 'self'`` any script on the site could run once something
  loads it, and a file at a theme path would replace the theme's own.
- A content file with another markdown spelling (``x.MD``, ``x.Md``, ``x.markdown`` under
  events/) is an error: MkDocs reads only lower-case suffixes as markdown and would copy
  ``x.MD`` raw (a source's archived text, published in full).
- A page or file at a URL the build generates (``timeline.md`` and ``timeline/index.md`` are
  both ``timeline/``; ``actors.md``; ``timeline.json``; anything under ``timeline/``,
  ``assets/timeline/``, ``schema/`` or the theme's asset folders) is an error naming both.
- The original of a picture listed under an event's ``media:`` is withheld without a word:
  it may carry GPS and camera data, and the site publishes clean copies of it
  (:mod:`timeline_builder.site.images`).
- Anything else of a type not listed below is withheld with a warning.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal
from xml.parsers import expat

from timeline_builder.core import urls
from timeline_builder.core.diagnostics import Diagnostic, error, warning
from timeline_builder.reading.load import (
    KIND_DIRS,
    display_path,
    language_suffix,
    miscased_translation,
)

Role = Literal["content", "page", "asset", "withheld"]

# What MkDocs renders as a page (it compares suffixes case-sensitively).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
RAW_PAGES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
PROGRAMS = frozenset({".xsl", ".xslt", ".swf", ".wasm"})
CHECKED_XML = frozenset({".svg", ".xml", ".gpx", ".kml", ".rss", ".atom"})
SITE_CODE = frozenset({".js", ".mjs", ".css"})
ASSETS = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".ico", ".bmp",  # images
    ".mp4", ".webm", ".ogv", ".ogg", ".oga", ".mp3", ".m4a", ".wav", ".flac", ".vtt",  # media
    ".pdf", ".txt", ".csv", ".json", ".geojson",  # documents and data
    ".woff", ".woff2", ".ttf", ".otf",  # fonts
})
# Output folders that belong to the build (ours) or the theme (Material's bundle, search).
RESERVED_PREFIXES = ("timeline/", "assets/timeline/", "schema/", "search/",
                     "assets/javascripts/", "assets/stylesheets/", "embed/")
RESERVED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html", "_headers"})
_XHTML = "http://www.w3.org/1999/xhtml"
_ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "handler", "listener", "iframe",
                              "embed", "object", "meta", "base", "link", "form"})
_REFERENCES = frozenset({"href", "src", "action", "formaction", "data", "poster",
                         "background"})
_CSS_URL = re.compile(r"url\s*\(\s*(['\"]?)(?P<url>[^'\")]*)\1\s*\)|@import", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    path: Path
    relative: str
    """Its path under the content folder, with ``/`` (``explainers/sochi.md``)."""
    role: Role

    @property
    def published(self) -> bool:
        return self.role in ("page", "asset")


def scan(content_dir: Path, generated: Mapping[str, str] = {}, *,  # noqa: B006 - read only
         directory_urls: bool = True, site_assets: Collection[str] = (),
         theme_dir: Path | None = None, pictures: Collection[str] = (),
         editions: bool = False) -> tuple[list[Entry], list[Diagnostic]]:
    """Every file under ``content_dir`` with its role, and the problems found.

    ``generated`` maps each URL the build generates (``timeline/``, ``timeline.json``) to
    the generated page or file (``timeline/index.md``), from the core page list;
    ``pictures`` are the media originals (paths under the content folder). With
    ``editions``, a page's translation (``about.uk.md``) is content: reading.translations
    checks it and the site publishes it in its own edition, never at ``about.uk/``.
    """
    entries: list[Entry] = []
    problems: list[Diagnostic] = []
    loaded = _loaded_assets(site_assets, theme_dir)
    for path, relative in _files(content_dir):
        if relative in pictures:
            entries.append(Entry(path, relative, "withheld"))
            continue
        if editions and language_suffix(path.name) is not None:
            entries.append(Entry(path, relative, "content"))
            continue
        role, found = _classify(path, relative, generated, directory_urls, loaded, editions)
        entries.append(Entry(path, relative, role))
        problems += found
    return entries, problems


def classify(content_dir: Path, relative: str, *, directory_urls: bool = True
             ) -> list[Diagnostic]:
    """The inventory's problems of one event, actor or source file (``relative`` under the
    content folder), which depend on no other file: for a check of some files."""
    return _classify(content_dir / relative, relative, {}, directory_urls, frozenset())[1]


def _miscased(shown: str, name: str, translation: str) -> Diagnostic:
    language = translation.split(".")[-2]
    return error(shown, 1, f"'{name}' is neither a translation (its language and '.md' are "
                 f"written in lowercase: '.{language}.md') nor a file of its own (an id holds "
                 "no capitals or dots): it is not read", f"rename it to {translation}")


def _files(content_dir: Path) -> Iterator[tuple[Path, str]]:
    """Files as MkDocs lists them (no dot-files or dot-folders, no templates/)."""
    if not content_dir.is_dir():
        return
    for folder, dirs, files in os.walk(content_dir):  # never into a symlinked folder
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            path = base / name
            relative = path.relative_to(content_dir).as_posix()
            if not name.startswith(".") and not relative.startswith("templates/"):
                yield path, relative


def _classify(path: Path, relative: str, generated: Mapping[str, str], directory_urls: bool,
              loaded: Collection[str], editions: bool = False) -> tuple[Role, list[Diagnostic]]:
    shown = display_path(path)
    suffix = PurePosixPath(relative).suffix
    lower = suffix.lower()
    in_kind_dir = relative.split("/")[0] in KIND_DIRS and "/" in relative
    translation = miscased_translation(path.name)
    if translation is not None and (in_kind_dir or editions):
        return "withheld", [_miscased(shown, path.name, translation)]
    if _linked(path):
        if in_kind_dir and suffix == ".md":
            return "withheld", []  # load reports it, with the same words
        return "withheld", [warning(shown, 1, "symlink not followed",
                                    "copy the file into content/ instead")]
    if in_kind_dir and lower in MARKDOWN_SUFFIXES:
        kind = KIND_DIRS[relative.split("/")[0]]
        if suffix != ".md":
            stem = PurePosixPath(relative).stem
            return "withheld", [error(shown, 1, f"{kind} files must end in '.md', not "
                                      f"'{suffix}': this one would be ignored",
                                      f"rename it to {stem}.md")]
        return "content", _reserved_id(shown, relative, generated, directory_urls)
    if lower in MARKDOWN_SUFFIXES:
        if suffix not in MARKDOWN_SUFFIXES:
            stem = PurePosixPath(relative).stem
            return "withheld", [error(shown, 1, f"'{suffix}' is not read as markdown: the "
                                      "page would be published as raw text",
                                      f"rename it to {stem}.md")]
        return _published("page", shown, _url(relative, directory_urls), generated)
    if lower in RAW_PAGES:
        return "withheld", [error(shown, 1, "raw HTML pages are not published: they would "
                                  "run any script in them on the site",
                                  f"write the page in markdown ({PurePosixPath(relative).stem}"
                                  ".md); HTML inside markdown is sanitised")]
    if lower in PROGRAMS:
        return "withheld", [error(shown, 1, f"'{suffix}' files are programs and are not "
                                  "published", "remove the file")]
    if lower in CHECKED_XML:
        active = active_xml(path.read_bytes())
        if active is not None:
            line, why = active
            return "withheld", [error(shown, line, f"not published: {why}",
                                      "remove it, or export the file again without script "
                                      "or external references")]
    elif lower in SITE_CODE:
        role, found = _published("asset", shown, relative, generated)
        if found or relative not in loaded:
            return "withheld", found or [
                error(shown, 1, "a script or style sheet that the site does not load is "
                      "not published", "list it in mkdocs.yml extra_javascript/extra_css, or "
                      "remove it")]
        return role, found
    elif lower not in ASSETS:
        return "withheld", [warning(shown, 1, f"'{suffix or path.name}' is not a known asset "
                                    "type: not published",
                                    "use an image, media, PDF, text or data file")]
    return _published("asset", shown, relative, generated)


def _published(role: Role, shown: str, url: str, generated: Mapping[str, str]
               ) -> tuple[Role, list[Diagnostic]]:
    """The file goes out at ``url``, unless the build puts something there itself."""
    taken = generated.get(url)
    if taken is not None:
        return "withheld", [error(shown, 1, f"published at {url or 'the home page'}, where "
                                  f"the build puts the generated {taken}",
                                  "rename or move this file")]
    reserved = next((p for p in RESERVED_PREFIXES if url.startswith(p)), None)
    if reserved is not None or url in RESERVED_FILES:
        return "withheld", [error(shown, 1, f"published at {url}, inside "
                                  f"{reserved or url}, which the build generates",
                                  "move this file to another folder")]
    return role, []


def _reserved_id(shown: str, relative: str, generated: Mapping[str, str],
                 directory_urls: bool) -> list[Diagnostic]:
    """``actors/index.md`` would be an actor whose page is the generated list of actors."""
    folder, stem = relative.split("/")[0], PurePosixPath(relative).stem
    if folder == "events" or stem != "index":
        return []
    taken = generated.get(_url(f"{folder}/index.md", directory_urls), f"{folder}/index.md")
    return [error(shown, 1, f"the id 'index' is taken: {folder}/ is the generated {taken}",
                  f"rename it, e.g. {folder}/{folder[:-1]}-index.md")]


def _url(relative: str, directory_urls: bool) -> str:
    """A page's URL as builders give it (``about.md`` → ``about/``)."""
    source = PurePosixPath(relative)
    parent = "" if str(source.parent) == "." else f"{source.parent}/"
    if source.stem in ("index", "README"):
        return parent if directory_urls else f"{parent}index.html"
    return f"{parent}{source.stem}/" if directory_urls else f"{parent}{source.stem}.html"


def _linked(path: Path) -> bool:
    """A symlink: it may point anywhere, outside the content folder too. Only the file
    itself needs a look (one lstat, where resolving every path took seconds at 10,000
    files): :func:`_files` does not descend into symlinked folders."""
    return path.is_symlink()


def _loaded_assets(site_assets: Collection[str], theme_dir: Path | None) -> frozenset[str]:
    """Scripts and style sheets the site loads: from its config, or named in its theme."""
    loaded = {name.lstrip("/") for name in site_assets}
    if theme_dir is not None and theme_dir.is_dir():
        for path in sorted(theme_dir.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".js", ".css"):
                loaded |= set(re.findall(r"[\w./-]+\.(?:m?js|css)\b",
                                         path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(loaded)


def active_xml(data: bytes) -> tuple[int, str] | None:
    """The first thing in an SVG or XML file that would run, load or redirect when a
    browser opens it: ``(line, what)``, or None when it is inert. Malformed XML and
    entity declarations count (a browser or parser would not read it as we did)."""
    found: list[tuple[int, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def say(what: str) -> None:
        if not found:
            found.append((parser.CurrentLineNumber, what))

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace == _XHTML:
            say(f"an HTML element <{local}> (the file is a web page)")
        elif local.lower() in _ACTIVE_ELEMENTS:
            say(f"a <{local}> element")
        for key, value in attributes.items():
            attribute = key.rpartition(" ")[2].lower()
            if attribute.startswith("on"):
                say(f"an event handler ({attribute}=)")
            elif attribute in _REFERENCES and not _inert_reference(value):
                say(f"{attribute}={value[:60]!r} loads or opens another host or a script")
            elif attribute == "style" or (attribute == "attributename"
                                          and value.lower() in ("href", "xlink:href")):
                if attribute == "attributename":
                    say("an animation that rewrites a link")
                else:
                    _check_css(value, say)
            if local.lower() in ("animate", "set") and attribute in ("to", "values", "from") \
                    and urls.is_script_url(value.strip()):
                say("an animation to a script URL")

    parser.StartElementHandler = start
    parser.CharacterDataHandler = lambda text: _check_css(text, say) if "(" in text or \
        "@" in text else None
    parser.ProcessingInstructionHandler = lambda target, _: say(
        "an xml-stylesheet instruction") if target.lower() == "xml-stylesheet" else None
    parser.EntityDeclHandler = lambda *_: say("an entity declaration")

    def external(*_: object) -> int:
        say("an external entity")
        return 1

    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return found[0] if found else (exc.lineno, f"not well-formed XML ({exc})")
    return found[0] if found else None


def _inert_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or (urls.is_same_site(value) and not urls.is_script_url(value))


def _check_css(text: str, say: Callable[[str], None]) -> None:
    for match in _CSS_URL.finditer(text):
        url = match.group("url")
        if url is None:
            say("a CSS @import")
        elif not _inert_reference(url):
            say(f"CSS url({url[:60]!r}) loads another host")
