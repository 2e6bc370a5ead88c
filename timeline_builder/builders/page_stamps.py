"""Generated pages that differ only in their own values are stamped from one theme render.

A site with editions has thousands of event, actor, source and tag pages: none is in the
nav, all of a folder sit at the same depth, and their theme chrome (header, nav, footer,
scripts) is the same but for a handful of values: the title, the content, the description,
the share metadata, the JSON-LD and the page's own name in its URLs. Rendering Material's
templates for each was most of a large build (about 2.5 ms a page). So each group of such
pages (same folder, same edition, same shape of front matter) is rendered once as a
*shell*: the group's first page with every one of its values replaced by a sentinel; each
other page is the shell with the sentinels replaced by its values, in the form the
template wrote them (raw, HTML-escaped, or as JSON).

It is never a guess: the group's first page (the probe) is also rendered normally, and the
group is stamped only when stamping the probe from the shell gives the probe's own bytes;
otherwise (a theme override that truncates a title, say) every page of the group is
rendered normally. A page whose values the shell cannot carry exactly (its URLs do not
follow the probe's) is rendered normally too. No MkDocs import: the plugin is the glue.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markupsafe import escape

from timeline_builder.site.outputs import is_item_page

# Front matter that differs from page to page (strings; the JSON-LD is text too).
TEXT_KEYS = ("title", "description", "og_image", "og_image_alt", "oembed", "published_time",
             "modified_time", "jsonld")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Fewer pages than this in a group: rendering them is as cheap as checking a shell.
MIN_GROUP = 3

ToJson = Callable[[Any], str]
Escape = Callable[[str], str]


def html_escape(value: str) -> str:
    """Jinja's (markupsafe's) escaping: how Material under MkDocs writes ``&#39;``."""
    return str(escape(value))


def minijinja_escape(value: str) -> str:
    """MiniJinja's escaping, which writes ``'`` as ``&#x27;``: Zensical's templates."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;").replace("/", "&#x2f;"))


class Mismatch(Exception):
    """The shell cannot carry a value in the form the template wrote it."""


@dataclass
class Group:
    probe: str
    """The path of the group's first page: rendered normally, and checked against."""
    members: list[str] = field(default_factory=list)
    shell: str | None = None


@dataclass
class Stamps:
    """The groups of one build, keyed by the source path of each of their pages."""

    token: str = field(default_factory=lambda: f"tlstamp{secrets.token_hex(6)}")
    groups: dict[str, Group] = field(default_factory=dict)

    def group(self, path: str) -> Group | None:
        return self.groups.get(path)

    def slot(self, key: str) -> str:
        """A sentinel: letters, digits and one quote, so that each form a template can
        write it in (raw, ``&#39;``, ``\\u0027``) tells how to write the value."""
        return f"{self.token}_{key}'"

    def h1_marker(self) -> str:
        """Put before the content sentinel of a page with an <h1>, taken out of the shell."""
        return f"{H1} {self.token}>"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Every sentinel of this build in each of its forms (made once: each stamped page
        is one pass of it)."""
        token = re.escape(self.token)
        return re.compile(rf'"{token}_(\w+)\\u0027"|{token}_(\w+)(&#39;|&#x27;|\')')

    def stamp(self, shell: str, values: Mapping[str, Any], to_json: ToJson,
              escape_x27: Escape = html_escape) -> str:
        """The shell with every sentinel replaced by ``values`` in its form (one pass: a
        value that happens to hold a sentinel's text is not read again). ``&#39;`` is
        markupsafe's escaping, ``&#x27;`` that of ``escape_x27``: each engine writes one."""

        def one(match: re.Match[str]) -> str:
            key = match.group(1) or match.group(2)
            if key not in values:
                raise Mismatch(f"no value for {key}")
            value = values[key]
            if match.group(1):
                return to_json(value)
            if not isinstance(value, str):
                raise Mismatch(f"{key} written as text")
            form = match.group(3)
            return value if form == "'" else html_escape(value) if form == "&#39;" \
                else escape_x27(value)

        return self.pattern.sub(one, shell)


def plan(pages: Iterable[tuple[str, bool, Mapping[str, Any], str]],
         token: str | None = None) -> Stamps:
    """Group pages (source path, in nav, front matter, content) by folder, edition and
    shape; ``token`` makes the sentinels (a random one by default)."""
    stamps = Stamps() if token is None else Stamps(token)
    by_shape: dict[tuple[Any, ...], Group] = {}
    for path, in_nav, meta, content in pages:
        key = None if in_nav else shape(path, meta, content)
        if key is None:
            continue
        group = by_shape.get(key)
        if group is None:
            by_shape[key] = group = Group(path)
        else:
            group.members.append(path)
    for group in by_shape.values():
        if len(group.members) + 1 >= MIN_GROUP:
            for path in (group.probe, *group.members):
                stamps.groups[path] = group
    return stamps


def shape(path: str, meta: Mapping[str, Any], content: str) -> tuple[Any, ...] | None:
    """What pages must share to be stamped from one shell, or None for a page that is not
    stamped: its folder (with the edition's prefix), the constant part of its front
    matter, for each varying value whether it is there, set, and a full URL, and whether
    its content has its own ``<h1`` (the templates branch on these)."""
    folder, _, name = path.rpartition("/")
    if not is_item_page(path) or not _NAME.fullmatch(name[:-3]):
        return None
    varying = {*TEXT_KEYS, "alternates"}
    constant = tuple(sorted((key, repr(value)) for key, value in meta.items()
                            if key not in varying))
    texts = tuple((key, key in meta, bool(meta.get(key)),
                   str(meta.get(key, "")).startswith(("http:", "https:")))
                  for key in TEXT_KEYS)
    alternates = tuple((alt.get("lang"), alt.get("name")) for alt in meta.get("alternates", ()))
    return folder, constant, texts, alternates, H1 in content


# Material writes the page's title as an <h1> unless the content has one.
H1 = "<h1"


def shell_content(stamps: Stamps, content: str) -> str:
    """The shell's content: a sentinel, behind an ``<h1`` marker if the page has one."""
    return (stamps.h1_marker() if H1 in content else "") + stamps.slot("content")


def name_of(path: str) -> str:
    """A page's own name, as it appears in its URLs: ``events/sochi-meeting.md`` →
    ``sochi-meeting``."""
    return path.rpartition("/")[2].removesuffix(".md")


def swap_name(text: str, old: str, new: str) -> str:
    """``text`` (a URL of the page) with the last ``old`` name in it replaced."""
    before, found, after = text.rpartition(old)
    return f"{before}{new}{after}" if found else text


def shell_meta(stamps: Stamps, name: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    """The probe's front matter with its varying values as sentinels."""
    shell = dict(meta)
    for key in TEXT_KEYS:
        if key in shell:
            shell[key] = stamps.slot(key)
    if "alternates" in shell:
        shell["alternates"] = alternates_for(shell["alternates"], name, stamps.slot("name"))
    return shell


def alternates_for(alternates: Iterable[Mapping[str, Any]], name: str, new: str
                   ) -> list[dict[str, Any]]:
    """The alternates of a page renamed from ``name`` to ``new``: only their URLs change."""
    return [{key: swap_name(value, name, new) if key in ("href", "url") else value
             for key, value in alt.items()} for alt in alternates]


def values(stamps: Stamps, name: str, title: str, content: str, meta: Mapping[str, Any]
           ) -> dict[str, Any]:
    """What a page puts in place of the shell's sentinels."""
    found: dict[str, Any] = {"name": name, "title": title, "content": content}
    found.update({key: meta[key] for key in TEXT_KEYS if key != "title" and key in meta})
    return found
