"""The options of the filter pickers: ``timeline/data/filters/<kind>.json``.

No page carries one input per actor, tag or source (CONTRACT section 6): a real timeline has
thousands, and 8,000 checkboxes were 1.4 MB of HTML on every timeline page. Each picker
fetches its kind's file when the reader reaches for it (or when the URL names a value, for
the chip's label). One compact file per kind, so choosing a tag never loads 5,000 sources:

    {"schema": 1, "options": [["putin", "Vladimir Putin", 12], …]}

``[value, label, events]``, most events first, then by label: the order the picker offers
them in before the reader types. Counts are over the whole timeline; the page's script
recounts them under the other filters.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline_builder.site.render import Renderer

SCHEMA = 1
KINDS = ("actor", "tag", "source")


def options_path(kind: str) -> str:
    return f"timeline/data/filters/{kind}.json"


def filter_files(renderer: Renderer) -> dict[str, str]:
    """Path (under the site root) → JSON text, one file per kind."""
    facets = renderer.facets(renderer.timeline.events)
    return {options_path(kind): json.dumps(
        {"schema": SCHEMA, "options": [list(option) for option in facets[kind]]},
        ensure_ascii=False, separators=(",", ":")) for kind in KINDS}
