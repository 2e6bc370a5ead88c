"""``timeline render --stamps`` and ``timeline stamp``: Zensical builds one page per group.

Zensical renders each page of a tree through a new Python-Markdown instance and its
templates, about 18 ms a page: on a site with thousands of event, actor, source and tag
pages that is most of the build. Those pages differ in the theme's chrome only by their own
values (page_stamps.py), so ``render --stamps PLAN`` writes, for each group of like pages,
two of them into the tree: the group's first page (the *probe*) and a *shell* whose values
are sentinels. Every other page of the group goes into PLAN (its output path and values).
After ``zensical build``, ``timeline stamp PLAN SITE`` reads the shell Zensical wrote,
checks that stamping the probe's values into it gives Zensical's own probe byte for byte,
writes every other page of the group from it, takes the shell out of the site and its
sitemap, and puts the group's pages in.

It is never a guess: when a probe does not come out as Zensical wrote it (a theme override
that writes a title its own way, a Zensical release that changes its escaping), ``stamp``
changes nothing and exits 3, and ``make build`` renders the full tree and builds again.
Pages a contributor's Markdown links to by file (``[x](../actors/putin.md)``) stay in the
tree: Zensical resolves those links against the files it has.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline_builder.builders import page_stamps
from timeline_builder.markup import page_clean
from timeline_builder.site.outputs import (
    Page,
    SiteOutputs,
    is_item_page,
    link_base,
    page_url,
    root_of,
)

PLAN_VERSION = 1
# `timeline stamp` exits with this when the site cannot be stamped: build the full tree.
CANNOT_STAMP = 3
# Front matter too large to be in the page's source (Zensical scans it character by
# character): the period pages' JSON-LD is megabytes at 1,000 events.
_INCLUDED = ("jsonld",)
_FILE_LINK = re.compile(r"[\w./-]*\.md\b")
_SITEMAP_ENTRY = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


class CannotStamp(Exception):
    """The built site is not what the plan expects; the message says where."""


@dataclass(frozen=True)
class Shell:
    """The sentinels of one render's shells (all of them share the token)."""

    stamps: page_stamps.Stamps

    @property
    def name(self) -> str:
        """The shell page's name: letters and digits only, so it is the same in a file
        name, a URL and every escaped form of either."""
        return f"{self.stamps.token}n"

    def body(self, content: str) -> str:
        """The shell's content: a raw HTML block Markdown keeps as it is, holding the content
        sentinel, after an empty ``<h1>`` if the page has one: the theme then leaves out its
        own (Zensical drops comments, so it cannot be one)."""
        marker = f'{page_stamps.H1} class="{self.stamps.token}h"></h1>' \
            if page_stamps.H1 in content else ""
        return f'<div class="{self.stamps.token}w">{marker}{self.stamps.slot("content")}</div>'


def stamp_tree(tree: dict[str, bytes], contents: dict[str, str], site: SiteOutputs) -> bytes:
    """Put into ``tree`` (the contributor's files, put in by docs_tree) the generated pages
    Zensical builds: every page but the groups' members, and each group's shell; take the
    members out of ``contents`` (what page_clean keeps as it is, by path) and add the
    shells; return the plan ``timeline stamp`` completes the site from.

    ``site`` was rendered with ``links="stamp"``: item pages link as browsers read them
    (their HTML is written into the built site as it is), every other page as Zensical
    reads them; each probe is rendered again in Zensical's form for the tree."""
    linked = _linked_by_file(tree)
    pages = site.pages
    token = "tlstamp" + _digest(pages)
    stamps = page_stamps.plan(
        ((page.path, page.in_nav or page.path in linked,
          page.front_matter(), page.content) for page in pages), token=token)
    shell = Shell(stamps)
    groups: dict[str, list[Page]] = {}
    kept: list[Page] = []  # what Zensical renders: everything but the groups' members
    for page in pages:
        if (group := stamps.group(page.path)) is not None:
            groups.setdefault(group.probe, []).append(page)
        elif page.relinked is not None and is_item_page(page.path):
            kept.append(_in_file_form(page, site))
        else:
            kept.append(page)
    plan, shells = [], []
    for members in groups.values():
        probe = members[0]
        folder = probe.path.rpartition("/")[0]
        shells.append(Page(f"{folder}/{shell.name}.md", stamps.slot("title"),
                           shell.body(probe.content), search=probe.search,
                           meta=_shell_meta(stamps, shell.name, probe)))
        kept.append(_in_file_form(probe, site))
        for page in members[1:]:
            del contents[page.path]
        plan.append({"shell": _output(shells[-1].path, site),
                     "body": shell.body(probe.content),
                     "pages": [_entry(stamps, page, site) for page in members]})
    for page in kept:
        included = {key: page.meta[key] for key in _INCLUDED if key in page.meta}
        element, files = page_clean.include_element(page.content, included)
        tree.update((f"{page_clean.INCLUDES}/{name}", data) for name, data in files.items())
        rest = {key: value for key, value in page.meta.items() if key not in included}
        tree[page.path] = dataclasses.replace(page, content=element, meta=rest) \
            .markdown().encode("utf-8")
        contents[page.path] = page.content
    for page in shells:  # found in the built page by its content: written out
        tree[page.path] = page.markdown().encode("utf-8")
        contents[page.path] = page.content
    return json.dumps({"version": PLAN_VERSION, "token": token, "name": shell.name,
                       "groups": plan}, ensure_ascii=False, sort_keys=True).encode("utf-8")


def check_plan_target(path: Path) -> None:
    """Overwrite only a plan that render wrote (raise RenderError for anything else)."""
    from timeline_builder.builders.docs_tree import RenderError

    if path.exists():
        try:
            head = path.read_bytes()[:len(_PLAN_HEAD)]
        except OSError:
            head = b""
        if head != _PLAN_HEAD:
            raise RenderError(f"--stamps {path} exists and was not written by "
                              "`timeline render`; choose another file name")


_PLAN_HEAD = b'{"groups": '


def _digest(pages: Iterable[Page]) -> str:
    """A token no page can hold by chance, the same for the same content (render's output
    is deterministic)."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(f"{page.path}\0{page.title}\0{page.content}\0".encode())
    return digest.hexdigest()[:12]


def _linked_by_file(tree: Mapping[str, bytes]) -> set[str]:
    """The paths of pages a contributor's Markdown (the ``.md`` files of ``tree``) may link
    to by file: every ``….md`` in it, read from its folder (or from the tree's root when it
    starts with ``/``)."""
    linked = set()
    for path, data in tree.items():
        if not path.endswith(".md"):
            continue
        folder = posixpath.dirname(path)
        for target in _FILE_LINK.findall(data.decode("utf-8", "replace")):
            joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            linked.add(posixpath.normpath(joined))
    return linked


def _shell_meta(stamps: page_stamps.Stamps, name: str, probe: Page) -> dict[str, Any]:
    """The probe's front matter with sentinels for its values and ``name`` for its own."""
    meta: dict[str, Any] = {key: stamps.slot(key) if key in page_stamps.TEXT_KEYS else value
                            for key, value in probe.meta.items()}
    if "alternates" in probe.meta:
        meta["alternates"] = page_stamps.alternates_for(
            probe.meta["alternates"], page_stamps.name_of(probe.path), name)
    return meta


def _in_file_form(page: Page, site: SiteOutputs) -> Page:
    """The probe as the rest of the tree: links from its file's folder."""
    assert page.relinked is not None, "render --stamps renders with links='stamp'"
    _renderer, base, _root = site.page_renderer(page.path)  # links from its edition's root
    root = root_of(link_base(base, "file", site.directory_urls))
    return dataclasses.replace(page, content=page.relinked(root))


def _output(path: str, site: SiteOutputs) -> str:
    """Where a builder writes the page of ``path`` in the site."""
    url = page_url(path, site.directory_urls)
    return f"{url}index.html" if site.directory_urls else url


def _entry(stamps: page_stamps.Stamps, page: Page, site: SiteOutputs) -> dict[str, Any]:
    name = page_stamps.name_of(page.path)
    return {"output": _output(page.path, site), "name": name,
            "values": page_stamps.values(stamps, name, page.title, page.content.strip(),
                                         page.front_matter())}


def stamp_site(plan_path: Path, site_dir: Path) -> int:
    """Write every page of the plan into ``site_dir``; return the number written.
    Raise CannotStamp (nothing written) when a probe does not come out as Zensical wrote
    it, or OSError/ValueError for an unreadable plan."""
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    if plan.get("version") != PLAN_VERSION:
        raise ValueError(f"{plan_path}: not a plan of this version of timeline render")
    stamps = page_stamps.Stamps(token=plan["token"])
    writes: dict[str, str] = {}
    shells = []
    for group in plan["groups"]:
        shell_path = site_dir / group["shell"]
        shells.append(shell_path)
        shell = _read(shell_path)
        if shell.count(group["body"]) != 1:
            raise CannotStamp(f"{group['shell']}: the shell's content is not where it was put")
        shell = shell.replace(group["body"], stamps.slot("content"))
        probe, *others = group["pages"]
        expected = _read(site_dir / probe["output"])
        if _stamp(stamps, shell, plan["name"], probe) != expected:
            raise CannotStamp(f"{probe['output']}: the theme writes these pages differently "
                              "from the shell")
        for page in others:
            writes[page["output"]] = _stamp(stamps, shell, plan["name"], page)
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        writes["sitemap.xml"] = _sitemap(_read(sitemap), plan)
    for relative, text in writes.items():
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for shell_path in shells:
        if shell_path.name == "index.html":  # directory URLs: the shell's own folder
            shutil.rmtree(shell_path.parent)
        else:
            shell_path.unlink()
    return len(writes)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CannotStamp(f"{path}: not in the built site") from None


def _stamp(stamps: page_stamps.Stamps, shell: str, name_token: str,
           page: Mapping[str, Any]) -> str:
    try:
        return stamps.stamp(shell.replace(name_token, page["name"]), page["values"],
                            minijinja_json, page_stamps.minijinja_escape)
    except page_stamps.Mismatch as error:
        raise CannotStamp(f"{page['output']}: {error}") from None


def minijinja_json(value: Any) -> str:
    """MiniJinja's ``tojson``: compact JSON, non-ASCII as it is, ``<>&'`` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def _sitemap(text: str, plan: Mapping[str, Any]) -> str:
    """The sitemap with each shell's entry replaced by one per page of its group (the
    probe's is there already), in the order of their URLs, as Zensical writes them."""
    entries = [(match.group(1), match.group(0)) for match in _SITEMAP_ENTRY.finditer(text)]
    if not entries:
        return text
    start, end = text.index(entries[0][1]), text.index(entries[-1][1]) + len(entries[-1][1])
    by_url = {group["shell"].removesuffix("index.html"): group for group in plan["groups"]}
    merged = []
    for loc, entry in entries:
        if plan["name"] not in loc:
            merged.append((loc, entry))
            continue
        url = max((url for url in by_url if loc.endswith(f"/{url}")), key=len, default=None)
        if url is None:
            raise CannotStamp(f"sitemap.xml: {loc} is no shell of the plan")
        merged += [(loc.replace(plan["name"], page["name"]),
                    entry.replace(plan["name"], page["name"]))
                   for page in by_url[url]["pages"][1:]]
    merged.sort(key=lambda item: item[0])
    return text[:start] + "".join(entry for _, entry in merged) + text[end:]
