"""Synthetic but valid content for benchmarks: N events with actors, sources and quotes."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAGS = ("diplomacy", "military", "sanctions", "aid", "territory", "peace-talks", "energy")
SENTENCES = (
    "Officials met to discuss the proposals put forward during the previous week.",
    "The statement was welcomed by some partners and criticised by others.",
    "Reporters at the scene described long queues at the border crossing.",
    "The ministry said further talks would be held **in the coming days**.",
    "Analysts noted that the [announcement](https://example.org/a) had been expected.",
)


def write_content(content: Path, events: int, *, actors: int = 50, sources: int = 200,
                  seed: int = 1) -> None:
    """Write a fresh content tree (events/, actors/, sources/) into ``content``."""
    rng = random.Random(seed)
    for folder in ("events", "actors", "sources"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for number in range(actors):
        (content / "actors" / f"actor-{number}.md").write_text(
            f"---\nname: Person {number}\nrole: Official\ncountry: Nowhere\n---\nA biography.\n")
    for number in range(sources):
        body = " ".join([SENTENCES[1], *(rng.choice(SENTENCES) for _ in range(20))])
        (content / "sources" / f"source-{number}.md").write_text(
            f"---\ntitle: Report {number}\noutlet: Outlet {number % 17}\n"
            f"published: 2022-05-23\nurl: https://example.org/{number}\n---\n{body}\n")
    start = dt.date(2020, 1, 1)
    for number in range(events):
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        people = rng.sample(range(actors), 2)
        source = rng.randrange(sources)
        body = "\n\n".join(" ".join(rng.sample(SENTENCES, 3)) for _ in range(2))
        (content / "events" / f"event-{number:05d}.md").write_text(
            f"---\ntitle: Synthetic event number {number}\ndate: {day.isoformat()}\n"
            f"actors: [actor-{people[0]}, actor-{people[1]}]\n"
            f"tags: [{rng.choice(TAGS)}, {rng.choice(TAGS)}-x]\n"
            f"sources: [source-{source}]\nquotes:\n"
            f"  - text: The statement was welcomed by some partners\n"
            f"    speaker: actor-{people[0]}\n    source: source-{source}\n"
            f"---\n{body}\n")


def copy_site(target: Path) -> Path:
    """A fresh copy of this site's content and overrides in ``target`` (emptied first)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


def project_with_events(target: Path, events: int, *, split_threshold: int = 1000) -> Path:
    """A copy of this site with ``events`` synthetic events added to its content."""
    copy_site(target)
    config = (ROOT / "mkdocs.yml").read_text()
    option = f"  - timeline:\n      split_threshold: {split_threshold}\n"
    config = config.replace("  - timeline:\n", option, 1)
    (target / "mkdocs.yml").write_text(config)
    write_content(target / "content", events)
    return target
