"""Rendered templates kept from one build to the next in the same process (``mkdocs serve``).

Under ``mkdocs serve`` every edit rebuilds the whole site, and rendering our templates is
most of a rebuild (issue 23: 14.6 s of 24 s at 1,000 events and three editions). After one
event is edited, almost every page renders exactly what it rendered last time. A render is
reused only when everything it can read is the same, by value:

- what the page is given (its template, root and context, pickled: a pickle is a faithful
  copy of the values, so equal bytes mean equal inputs; a context that cannot be pickled
  is never reused);
- what any template can reach besides its context (:meth:`Renderer.reach`): the settings,
  the edition, the actors, sources, calendars, tag slugs, period plan and git dates.

Templates that read the whole timeline from the environment (the actor and source indexes,
the sourcing page) are always rendered, and so is everything of a site with its own
templates (``overrides/timeline/``), which may read anything. A reused render leaves the
body cache as it was: the search index (site_search.py) asks it for every event's and
actor's body each build, so the bodies that pages show are counted as used and stay in
its file.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from typing import Any

# Templates that read ``timeline`` or ``event(id)`` from the environment (every event or
# actor of the site), not only their context: a key of their context would not cover them.
UNKEYED = frozenset({"actors_index.html", "sources_index.html", "sourcing.html"})


@dataclass
class RenderMemo:
    """The renders of the last build and of this one, by key; one per serving process."""

    last: dict[bytes, str] = field(default_factory=dict)
    now: dict[bytes, str] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def begin(self) -> None:
        """A new build: what the last one rendered is what this one may reuse."""
        if self.now:
            self.last, self.now = self.now, {}
        self.hits = self.misses = 0

    def key(self, reach: bytes, template: str, root: str, context: dict[str, Any]
            ) -> bytes | None:
        """The key of one render, or None when it cannot be keyed (always rendered)."""
        if template in UNKEYED:
            return None
        try:
            given = pickle.dumps((template, root, context), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return hashlib.sha256(reach + given).digest()

    def get(self, key: bytes) -> str | None:
        # Moved, not copied, from the last build: a serving process holds about one
        # build's renders, not two.
        found = self.now.get(key) or self.last.pop(key, None)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.now[key] = found
        return found

    def put(self, key: bytes, html: str) -> None:
        self.now[key] = html
