"""Sanitise whole pages in builders that run no plugins (Zensical), as the plugin does.

Under MkDocs the plugin cleans every explainer page's HTML after Markdown (``on_page_content``).
A builder without plugins still runs Python-Markdown extensions, so the config that
``timeline render --config-out`` writes lists this one: it cleans each page's HTML with
:func:`timeline_builder.markup.sanitize.clean_html`, keeping our own HTML (generated pages,
excerpts, the featured events) exactly as rendered.

Our HTML is recognised by content, not by position: ``timeline render`` writes the
SHA-256 of each raw HTML block it put in the tree to a manifest (``.timeline-trusted``);
a raw block of a page whose hash is listed is set aside before cleaning and put back
after. A contributor cannot forge a listed block except by copying ours byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from timeline_builder.config.settings import DEFAULT_EMBED_HOSTS
from timeline_builder.markup.sanitize import clean_html

MANIFEST = ".timeline-trusted"


def block_hashes(fragments: Iterable[str], elements: Iterable[str] = ()) -> list[str]:
    """The hashes of the raw HTML blocks Python-Markdown makes of our ``fragments``, and
    of our ``elements``: fragments that are one HTML element each (a generated page's
    content), which Python-Markdown keeps as one raw block, so they are hashed as they are
    instead of parsed (megabytes at 10,000 events; tests/markup/test_page_clean.py checks that
    the two agree)."""
    hashes = {_hash(element) for element in elements}
    for fragment in fragments:
        md = Markdown()
        md.convert(fragment)
        hashes.update(_hash(block) for block in md.htmlStash.rawHtmlBlocks)
    return sorted(hashes)


def manifest_text(fragments: Iterable[str], elements: Iterable[str] = ()) -> str:
    return json.dumps({"schema": 1, "blocks": block_hashes(fragments, elements)},
                      indent=0) + "\n"


def _hash(block: object) -> str:
    return hashlib.sha256(str(block).strip().encode("utf-8")).hexdigest()


_Identity = tuple[str, int, int, int]  # path, inode, mtime (ns), size
_MANIFESTS: dict[str, tuple[_Identity, frozenset[str]]] = {}


def _manifest_blocks(path: Path) -> frozenset[str]:
    """The hashes listed in the manifest at ``path`` (none when it is missing or damaged:
    then everything is cleaned).

    Zensical makes a new Markdown, and so a new extension, for every page: reading and
    parsing the manifest (a hash per generated page) each time was about half of its
    Markdown time per page (issue 23). The parsed set is kept while the file is the same
    file: ``timeline render`` replaces it atomically (a new inode), so a rebuild under
    ``zensical serve`` reads the new one."""
    try:
        info = path.stat()
    except OSError:
        return frozenset()
    identity = (str(path), info.st_ino, info.st_mtime_ns, info.st_size)
    known = _MANIFESTS.get(str(path))
    if known is not None and known[0] == identity:
        return known[1]
    try:
        blocks = json.loads(path.read_text(encoding="utf-8"))["blocks"]
        found = frozenset(str(block) for block in blocks)
    except (OSError, ValueError, KeyError, TypeError):
        found = frozenset()  # no manifest: nothing is ours, everything is cleaned
    _MANIFESTS[str(path)] = (identity, found)
    return found


# `timeline render --stamps` keeps each generated page's HTML (and its large front matter,
# the JSON-LD) in this folder beside the manifest, named by their hashes, and writes in the
# page only an element that names them.
INCLUDES = ".timeline-pages"
_INCLUDE = re.compile(r'<tl-page sha256="([0-9a-f]{64})"(?: meta="([0-9a-f]{64})")?></tl-page>')


def include_element(html: str, meta: Mapping[str, Any]) -> tuple[str, dict[str, bytes]]:
    """The element that stands for our ``html`` and front matter ``meta`` in a page, and
    the files of :data:`INCLUDES` it names."""
    html = html.strip()
    files = {f"{_hash(html)}.html": html.encode("utf-8")}
    element = f'<tl-page sha256="{_hash(html)}"'
    if meta:
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
        files[f"{_hash(text)}.json"] = text.encode("utf-8")
        element += f' meta="{_hash(text)}"'
    return f"{element}></tl-page>", files


class _Whole(Preprocessor):
    """A page that is one of our elements (a generated page) is stashed whole, as the
    HTML block parser would stash it, without parsing it: Python-Markdown's HTML parser
    over a period page (hundreds of KB) was most of Zensical's time per page. A page that
    is only an include element gets the HTML it names: Zensical scans each page's source
    for links in Python, character by character, which was most of a large build."""

    def __init__(self, md: Markdown, extension: PageCleanExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines).strip()
        trusted = self.extension.trusted()
        found = _INCLUDE.fullmatch(text)
        if found is not None and found.group(1) in trusted:  # else a contributor's text
            text = self.extension.included(f"{found.group(1)}.html")
        if not text.startswith("<") or _hash(text) not in trusted:
            return lines
        if found is not None and found.group(2):
            self._set_meta(json.loads(self.extension.included(f"{found.group(2)}.json")))
        return [self.md.htmlStash.store(text)]

    def _set_meta(self, meta: dict[str, Any]) -> None:
        """Front matter kept out of the page's source, given to Zensical's page (its
        rendering context, which its own extensions read the same way)."""
        try:
            from zensical.extensions.context import ContextPreprocessor
        except ImportError:
            context = None
        else:
            context = ContextPreprocessor.from_markdown(self.md)
        if context is None:
            raise RuntimeError("a page of `timeline render --stamps` is built without "
                               "Zensical; render without --stamps for another builder")
        context.page.meta.update(meta)


class _SetAside(Postprocessor):
    """Before raw HTML is put back (priority 30): our blocks become tokens."""

    def __init__(self, md: Markdown, extension: PageCleanExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        # Runs more than once per page (toc runs every postprocessor on each heading), so
        # it only adds: a block set aside before is a token now and stays one.
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if str(block) not in self.extension.kept and _hash(block) in self.extension.trusted():
                token = f"tlkept{secrets.token_hex(8)}x{index}x"
                self.extension.kept[token] = str(block)
                stash[index] = token
        return text


class _Clean(Postprocessor):
    """Last: clean the page, then put our blocks back."""

    def __init__(self, md: Markdown, extension: PageCleanExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        return clean_html(text, self.extension.getConfig("embed_hosts"),
                          trusted=self.extension.kept)


class PageCleanExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "manifest": ["", f"path of the {MANIFEST} file `timeline render` wrote"],
            "embed_hosts": [list(DEFAULT_EMBED_HOSTS), "hosts whose <iframe> embeds stay"],
        }
        super().__init__(**kwargs)
        self.kept: dict[str, str] = {}
        self._trusted: frozenset[str] | None = None

    def trusted(self) -> frozenset[str]:
        if self._trusted is None:
            self._trusted = _manifest_blocks(Path(self.getConfig("manifest")))
        return self._trusted

    def included(self, name: str) -> str:
        """A file an include element names, checked against its name; the build fails
        when it is missing (a tree copied without its include folder)."""
        digest = name.partition(".")[0]
        path = Path(self.getConfig("manifest")).parent / INCLUDES / name
        try:
            html = path.read_text(encoding="utf-8")
        except OSError as error:
            raise RuntimeError(f"{path}: cannot read it ({error}); render the tree again "
                               "with `timeline render`") from None
        if _hash(html) != digest:
            raise RuntimeError(f"{path}: changed since `timeline render` wrote it; render "
                               "the tree again")
        return html

    def reset(self) -> None:
        self.kept = {}

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)  # so that md.reset() calls reset()
        # After whitespace is normalised (30), before HTML blocks are read (20).
        md.preprocessors.register(_Whole(md, self), "timeline_whole", 25)
        md.postprocessors.register(_SetAside(md, self), "timeline_set_aside", 35)
        md.postprocessors.register(_Clean(md, self), "timeline_clean", 0)


def makeExtension(**kwargs: Any) -> PageCleanExtension:  # noqa: N802 - Markdown's API
    return PageCleanExtension(**kwargs)
