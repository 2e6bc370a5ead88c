"""Ids on the timeline page are unique: an event id the page already uses is an error."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env
from timeline_builder.core import page_ids

EVENT = """---
title: Colliding
date: 2022-05-23
sources: [interreviewed-lukashenko-letter]
---
Body.
"""

# file stem, what the message says it collides with
COLLIDING = [
    ("tl-keys", "an id the timeline page itself uses"),
    ("tl-axis-hint", "an id the timeline page itself uses"),
    ("period-2022-05", "an id the timeline page itself uses"),
    ("period-2022", "an id the timeline page itself uses"),
    ("timeline", "an id the timeline page itself uses"),
    ("timeline-2022", "an id the timeline page itself uses"),
    ("events", "an id the timeline page itself uses"),
    ("quotes", "an id the timeline page itself uses"),
    ("sochi-meeting-title", "the heading of event 'sochi-meeting'"),
]


def test_colliding_event_ids_are_errors_on_their_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for stem, _ in COLLIDING:
        (project / "content" / "events" / f"{stem}.md").write_text(EVENT, encoding="utf-8")
    (project / "content" / "events" / "period-of-calm.md").write_text(EVENT, encoding="utf-8")
    result = subprocess.run([str(BIN / "timeline"), "check", "--format", "json"], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=120)
    assert result.returncode == 1, result.stderr
    found = {(d["path"], d["line"], d["message"]) for d in json.loads(result.stdout)
             if d["severity"] == "error"}
    expected = {(f"content/events/{stem}.md", 1, f"event id '{stem}' is {what}")
                for stem, what in COLLIDING}
    assert found == expected


@pytest.mark.slow
def test_the_reserved_list_covers_every_id_of_the_timeline_page(built_site: Path) -> None:
    """Every id on the page is an event's, an event heading's, a body's (``owner:id``),
    the theme's (``__*``) or one that page_ids reserves: the list cannot drift from the
    templates unnoticed. And no id is there twice."""
    html = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    data = json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))
    events = {event["id"] for event in data["events"]}
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert events <= set(ids)
    unexplained = [i for i in ids if i not in events and i.removesuffix("-title") not in events
                   and ":" not in i and not i.startswith("__")
                   and page_ids.collision(i, events) is None]
    assert unexplained == []
