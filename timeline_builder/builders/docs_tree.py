"""``timeline render``: the complete docs tree of a site, as plain files any builder reads.

The tree holds the contributor's explainer pages and other files (embeds expanded, the
home page's featured events added), the generated pages (markdown whose content is our
HTML) and the data files and assets, and never the event, actor and source files: a
builder that publishes every file it finds (Zensical) publishes nothing it should not.

Writing is all or nothing: the tree is rendered in memory and staged in a temporary
folder next to the target before anything in the target changes, so a failed render (bad
content, a full disk) leaves the previous tree as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from timeline_builder.builders import tree_stamps
from timeline_builder.builders.builder_config import HEADER, builder_config
from timeline_builder.builders.pipeline import load_content, outputs_of
from timeline_builder.config.settings import Settings
from timeline_builder.core import front_matter
from timeline_builder.core.atomic import holds, write_atomic
from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.markup.body_cache import BodyCache, cache_folder
from timeline_builder.markup.page_clean import MANIFEST, manifest_text
from timeline_builder.markup.sanitize import markdown_to_html
from timeline_builder.reading import inventory
from timeline_builder.site.citations_ext import expand_citations
from timeline_builder.site.markdown_ext import expand_embeds
from timeline_builder.site.outputs import (
    SiteOutputs,
    media_tags,
    shows_media,
)
from timeline_builder.site.render_memo import RenderMemo

# Marks a folder as ours: render replaces only folders that carry it (or empty ones).
MARKER = ".timeline-render"


class RenderError(Exception):
    """The tree cannot be written where asked; the message says why and what to do."""


def docs_tree(site: SiteOutputs, settings: Settings, published: Iterable[inventory.Entry],
              *, stamps: bool = False) -> tuple[dict[str, bytes], list[Diagnostic], bytes]:
    """Every file of the tree by its path in it (the ``published`` content files and the
    generated ones), the problems found on the way, and with ``stamps`` the plan of the
    pages left out (builders/tree_stamps.py; else empty)."""
    tree: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    ours: list[str] = []  # excerpts and the like: HTML that page_clean keeps as it is
    for entry in published:
        path, relative = entry.path, entry.relative
        shown = f"{settings.content_dir.name}/{relative}"
        data = path.read_bytes()
        if relative.endswith(".md"):
            data, inserted, found = _explainer(data, relative, site, shown)
            ours += inserted
            problems += found
        tree[relative] = data
    for relative, text in site.edition_sources:  # the other editions' explainers
        data, inserted, found = _explainer(text.encode("utf-8"), relative, site,
                                           f"{settings.content_dir.name}/{relative}")
        ours += inserted
        problems += found
        tree[relative] = data
    pages = {page.path: page.content for page in site.pages}  # one element each
    plan = b""
    if stamps:  # it writes the pages Zensical builds (and leaves out the others)
        plan = tree_stamps.stamp_tree(tree, pages, site)
    else:
        for page in site.pages:
            tree[page.path] = page.markdown().encode("utf-8")
    for output in site.files:
        tree[output.path] = output.data()
    tree[MANIFEST] = manifest_text(ours, pages.values()).encode("utf-8")
    return dict(sorted(tree.items())), problems, plan


def _explainer(data: bytes, relative: str, site: SiteOutputs,
               shown: str) -> tuple[bytes, list[str], list[Diagnostic]]:
    """The page with its excerpts and appendix, the HTML of ours put in, the problems."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, [], [error(shown, 1, "not UTF-8 text", "save the file as UTF-8")]
    site.renderer.excerpted.clear()  # expanding the embeds fills it
    renderer, _base, root = site.page_renderer(relative)  # the page's edition's
    text, inserted, problems = expand_embeds(text, renderer, root, shown)
    text, cited = expand_citations(text, renderer, root)
    inserted += cited
    appendix = site.appendix(relative)
    # The builder's page_clean turns the page's own allowed <iframe>s into click-to-load
    # embeds, which media.js plays.
    with_media = shows_media("".join(inserted) + appendix) or "<iframe" in text
    media = media_tags(site.root(relative)) if with_media else ""
    for block in (appendix, media):
        if block:
            text = f"{text.rstrip()}\n\n{block.strip()}\n"
            inserted.append(block)
    front, has_front = _front_matter(text)
    added = site.contributor_meta(relative, markdown_to_html(text), front)
    return _with_meta(text, added, front, has_front).encode("utf-8"), inserted, problems


def _front_matter(text: str) -> tuple[dict[str, Any], bool]:
    """The page's front matter as the builder will read it (empty if it has none)."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return {}, False
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")),
               None)
    if end is None:
        return {}, False
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return {}, True
    return (data if isinstance(data, dict) else {}), True


def _with_meta(text: str, added: Mapping[str, Any], front: Mapping[str, Any],
               has_front: bool) -> str:
    """The page with ``added`` keys in its front matter (never one it already has), as JSON,
    which YAML reads as it is: the builder's theme prints them (og:description, JSON-LD)."""
    block = front_matter.lines({key: value for key, value in added.items() if key not in front})
    if not block:
        return text
    if has_front:
        opening, _, rest = text.lstrip("\ufeff").partition("\n")
        return f"{opening}\n{block}{rest}"
    return f"---\n{block}---\n{text}"


def explainer_paths(published: Iterable[inventory.Entry]) -> list[str]:
    """The contributor's own pages among the published files (``about/dating.md``)."""
    return [entry.relative for entry in published if entry.relative.endswith(".md")]


def write_tree(tree: Mapping[str, bytes], out: Path, content_dir: Path) -> None:
    """Make the folder ``out`` hold exactly ``tree``; raise RenderError or OSError.

    Everything is first written to a staging folder beside ``out`` (a full disk fails
    here, with ``out`` untouched); then changed files are renamed into place one by one
    and files no longer rendered are removed. Renames need no space and cannot half-
    happen, and ``out`` stays the same folder, so a builder watching it (``zensical
    serve``) sees the changes and unchanged files keep their dates.
    """
    out = out.absolute()
    _check_target(out, content_dir.absolute())
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    try:
        listing = "".join(f"{relative}\n" for relative in sorted(tree))
        tree = {**tree, MARKER: (_MARKER_HEAD + listing).encode("utf-8")}
        changed = [relative for relative, data in tree.items()
                   if not holds(out / relative, data)]
        for relative in changed:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tree[relative])
            os.chmod(target, 0o666 & ~_umask())
        if not out.exists():
            os.chmod(staging, 0o777 & ~_umask())
            os.rename(staging, out)
            return
        for relative in changed:
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, out / relative)
        _remove_stale(out, tree)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_stale(out: Path, tree: Mapping[str, bytes]) -> None:
    """Files and then-empty folders of an earlier render that this one did not write."""
    for folder, dirs, files in os.walk(out, topdown=False):
        base = Path(folder)
        for name in files:
            if (base / name).relative_to(out).as_posix() not in tree:
                (base / name).unlink()
        for name in dirs:
            with contextlib.suppress(OSError):  # not empty: it still holds rendered files
                (base / name).rmdir()


def _check_target(out: Path, content_dir: Path) -> None:
    resolved, content = out.resolve(), content_dir.resolve()
    if resolved == content or content.is_relative_to(resolved) or \
            resolved.is_relative_to(content):
        raise RenderError(f"--out {out} overlaps the content folder {content_dir}; "
                          "render into a folder of its own, e.g. --out build/docs")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RenderError(f"--out {out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise RenderError(f"--out {out} holds files that `timeline render` did not write; "
                          "choose an empty or new folder")
    if (out / MARKER).is_file():
        foreign = _not_ours(out)
        if foreign:
            raise RenderError(f"--out {out} holds files that `timeline render` did not write "
                              f"({', '.join(foreign[:3])}); move them out of the folder "
                              "(every render replaces it)")


_MARKER_HEAD = "written by `timeline render`; replaced on every run; its files:\n"


def _not_ours(out: Path) -> list[str]:
    """Files in an earlier render's folder that its marker does not list: someone put them
    there, and replacing the folder would delete them. A marker without a list (an older
    render's) vouches for every file."""
    lines = (out / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    if not lines or lines[0] + "\n" != _MARKER_HEAD:
        return []
    ours = set(lines[1:]) | {MARKER}
    return sorted(path.relative_to(out).as_posix() for path in out.rglob("*")
                  if (path.is_file() or path.is_symlink())
                  and path.relative_to(out).as_posix() not in ours)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def render_to(settings: Settings, out: Path, *, config: Path | None = None,
              config_out: Path | None = None, memo: RenderMemo | None = None,
              stamps: Path | None = None) -> tuple[int, list[Diagnostic]]:
    """Load, render and write the tree (and the builder config); nothing on any error.
    With ``memo`` (``--watch``), the last render's templates are reused where their inputs
    are equal (site/render_memo.py). With ``stamps``, like pages are written once each
    with a shell and the plan goes to that file (builders/tree_stamps.py).

    Returns the number of files written (0 when nothing was) and every diagnostic.
    Raises RenderError (or ConfigError) for a target that must not be written.
    """
    bodies = BodyCache(cache_folder(settings.content_dir))  # as the MkDocs plugin keeps it
    content = load_content(settings, bodies)
    problems = content.problems
    if any(p.severity == "error" for p in problems):
        return 0, problems
    site = outputs_of(content, settings, bodies, links="stamp" if stamps else "file",
                      memo=memo)
    tree, found, plan = docs_tree(site, settings, content.published(),
                                  stamps=stamps is not None)
    problems = sorted(set(problems + found))
    if any(p.severity == "error" for p in problems):
        return 0, problems
    config_text = None
    if config_out is not None:
        config_text = builder_config(config or Path("mkdocs.yml"), config_out, out, site,
                                     settings)
        _check_config_target(config_out)
    if stamps is not None:
        tree_stamps.check_plan_target(stamps)
    write_tree(tree, out, settings.content_dir)
    if stamps is not None:
        write_atomic(stamps, plan, force=True)
    if config_out is not None and config_text is not None:
        write_atomic(config_out, config_text, force=True)
    return len(tree), problems


def _check_config_target(path: Path) -> None:
    """Overwrite only a config that render wrote itself (it starts with our header)."""
    if path.exists():
        try:
            head = path.read_text(encoding="utf-8")[:40]
        except (OSError, UnicodeDecodeError):
            head = ""
        if not head.startswith(HEADER[:30]):
            raise RenderError(f"--config-out {path} exists and was not written by "
                              "`timeline render`; choose another file name")
