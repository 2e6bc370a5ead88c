"""The ids the generated pages use themselves, which no event may take.

An event's id is its element's id on the timeline page and its deep link
(``timeline/#<id>``). An event called ``tl-keys`` or ``period-2022-05`` would share its
id with our own markup, and the browser (and the theme's scripts) would find the first
of the two: a broken deep link, or a broken page. Ids of contributor bodies are prefixed
by their owner (``sochi-meeting:fn:1``, see :mod:`timeline_builder.markup.sanitize`) and the
theme's all start with ``__``, so neither can collide with an event id.
A test builds the site and checks that this list covers every id of the timeline page.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Headings MkDocs gives an id ("# Timeline" → timeline), our templates' own ids.
RESERVED = frozenset({"timeline", "tl-keys", "tl-axis-hint", "events", "quotes",
                      "featured-title"})
_RESERVED_PATTERN = re.compile(r"(?:period|timeline)-\d{4}(?:-\d{2})?\Z|tl(?:-|\Z)")
TITLE_SUFFIX = "-title"  # an event's heading: <h4 id="<event-id>-title">


def collision(event_id: str, event_ids: Collection[str]) -> str | None:
    """What ``event_id`` would collide with on the timeline page, or None."""
    if event_id in RESERVED or _RESERVED_PATTERN.match(event_id):
        return "an id the timeline page itself uses"
    if event_id.endswith(TITLE_SUFFIX) and event_id[:-len(TITLE_SUFFIX)] in event_ids:
        return f"the heading of event '{event_id[:-len(TITLE_SUFFIX)]}'"
    return None
