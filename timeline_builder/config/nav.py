"""The site's ``nav`` (mkdocs.yml), read once so that every edition can show it.

MkDocs and Zensical build one nav, the default edition's; the other editions' pages carry
their own (site.editions), made from these entries. Only the shape is read here: MkDocs
itself reports a nav that points at nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    """A page (``target`` a docs path or a URL) or a section (``children``)."""

    title: str | None = None
    """The title written in mkdocs.yml; None: the page's own."""
    target: str | None = None
    children: tuple[NavEntry, ...] = ()


def nav_entries(raw: object) -> tuple[NavEntry, ...]:
    """``nav:`` as MkDocs reads it: a list of ``path``, ``{title: path}`` and
    ``{title: [entries]}``; anything else is left to MkDocs to report."""
    if not isinstance(raw, list):
        return ()
    found: list[NavEntry] = []
    for item in raw:
        if isinstance(item, str):
            found.append(NavEntry(target=item))
        elif isinstance(item, Mapping) and len(item) == 1:
            [(title, value)] = item.items()
            if isinstance(value, str):
                found.append(NavEntry(str(title), value))
            elif isinstance(value, list):
                found.append(NavEntry(str(title), children=nav_entries(value)))
    return tuple(found)
