"""A copy of the site with a dense year added: many actors, tags and sources, 900 events in
2025, clustered (a busy March whose second week is busier still), long-tailed references.

Shaped like the real timelines of issue 19 at a size tests can build: it splits 2025 into
months, March into weeks and 8-14 March into days under ``period_size: 300``. Until
bench/real_corpus.py lands (the realistic generator), the tests of periods and of the
filter picker use this one.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tests.conftest import copy_project

YEAR = 2025
EVENTS = 900
ACTORS = 400
TAGS = 60
SOURCES = 600
# Events per part of the year (the rest go to other months, evenly at random).
BUSY_WEEK = 330            # 8-14 March: more than one page, so split into days
REST_OF_MARCH = 120        # the other weeks of March
# Long-tailed names: a few cited often, most once or twice.
FIRST = ("Anna", "Oleh", "Maria", "Pavel", "Iryna", "Sergei", "Olena", "Dmitri", "Yulia")
LAST = ("Kovalenko", "Ivanova", "Shevchenko", "Petrov", "Bondarenko", "Sokolova", "Melnyk")


def _pick(rng: random.Random, count: int) -> int:
    """A long-tailed index into ``count`` things: low numbers far more often."""
    return min(count - 1, int(rng.paretovariate(1.2)) - 1)


def _days(rng: random.Random) -> list[dt.date]:
    days = [dt.date(YEAR, 3, rng.randint(8, 14)) for _ in range(BUSY_WEEK)]
    days += [dt.date(YEAR, 3, rng.choice([*range(1, 8), *range(15, 32)]))
             for _ in range(REST_OF_MARCH)]
    others = [dt.date(YEAR, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    others = [day for day in others if day.month != 3]
    days += [rng.choice(others) for _ in range(EVENTS - len(days) - 2)]
    return days


def write_dense(content: Path, seed: int = 19) -> None:
    """Add the dense year's actors, sources and events to a content tree."""
    rng = random.Random(seed)
    for number in range(ACTORS):
        name = f"{FIRST[number % len(FIRST)]} {LAST[number % len(LAST)]} {number}"
        (content / "actors" / f"person-{number:03d}.md").write_text(
            f"---\nname: {name}\nrole: Official\n---\nA biography.\n", encoding="utf-8")
    for number in range(SOURCES):
        (content / "sources" / f"report-{number:03d}.md").write_text(
            f"---\ntitle: Report number {number} on the situation\n"
            f"outlet: Outlet {number % 23}\npublished: {YEAR}-01-01\n"
            f"url: https://example.org/report/{number}\n---\n", encoding="utf-8")
    dates = [day.isoformat() for day in _days(rng)] + [f"{YEAR}-03", f"{YEAR}"]
    for number, date in enumerate(dates):
        actors = sorted({f"person-{_pick(rng, ACTORS):03d}" for _ in range(rng.randint(1, 3))})
        tags = sorted({f"topic-{_pick(rng, TAGS):02d}" for _ in range(rng.randint(1, 2))})
        sources = sorted({f"report-{_pick(rng, SOURCES):03d}"
                          for _ in range(rng.randint(1, 2))})
        (content / "events" / f"dense-{number:04d}.md").write_text(
            f"---\ntitle: Dense event {number} about {tags[0]}\ndate: '{date}'\n"
            f"actors: [{', '.join(actors)}]\ntags: [{', '.join(tags)}]\n"
            f"sources: [{', '.join(sources)}]\n---\nWhat happened on that day, "
            f"in a sentence or two [@{sources[0]}].\n", encoding="utf-8")


def dense_project(target: Path, *, split_threshold: int = 500, period_size: int = 300) -> Path:
    """This site plus the dense year, split at ``split_threshold`` into pages of at most
    ``period_size`` events."""
    project = copy_project(target)
    write_dense(project / "content")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - timeline:\n", f"  - timeline:\n      split_threshold: {split_threshold}\n"
        f"      period_size: {period_size}\n", 1), encoding="utf-8")
    return project
