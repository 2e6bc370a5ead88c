"""Content shaped like a real timeline, where bench/synthetic.py's is uniform (issue 19).

A timeline that many people built by pull requests does not look like 20 actors, 50 sources
and dates spread evenly: its actors and sources are long-tailed (a few are cited by hundreds
of events, most by one), its dates cluster (about 60% of the events in one year), one source
in five has no publication date (dockets, government pages, databases), some titles are very
long, and URLs are pasted as the browser showed them (spaces, Cyrillic, IDN hosts).
The figures below match the corpus issue 19 was filed from, scaled to ``events``:
about 1.8 actors and 3 sources an event, 0.9 actors and 2.6 sources per event in total.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAGS = tuple(f"topic-{n}" for n in range(40)) + ("courts", "elections", "sanctions", "media")
WORDS = ("court", "filing", "minister", "agency", "report", "hearing", "statement", "ruling",
         "appeal", "council", "inquiry", "contract", "budget", "protest", "vote", "leak")
SENTENCES = (
    "The filing was first reported by local outlets and later confirmed by the agency.",
    "A spokesperson declined to comment on the **details** of the agreement.",
    "Documents seen by reporters describe a [series of meetings](https://example.org/m).",
    "The ruling can be appealed within thirty days, according to the court's website.",
    "Several members of the council asked for an independent inquiry.",
)
# URLs as people paste them: a browser loads every one of these (issue 19, point 2).
ODD_URLS = (
    "https://vault.fbi.gov/Christopher (Biggie Smalls) Wallace",
    "https://ru.wikipedia.org/wiki/Новости_{n}",
    "https://пример.рф/статья/{n}",
    "https://example.org/search?q=court filing {n}&page=2#results",
)
NEW_ACTOR = 0.5     # chance that an actor citation names someone not cited before
NEW_SOURCE = 0.85   # the same for sources: most sources are cited once
UNDATED = 0.2       # share of sources without a publication date
DENSE_YEAR = 2025   # the year that holds about 60% of the events


class _LongTail:
    """Ids drawn with preferential attachment: a new id with probability ``new_share``, else
    one already cited, in proportion to how often (the long tail of real timelines)."""

    def __init__(self, rng: random.Random, new_share: float) -> None:
        self.rng, self.new_share = rng, new_share
        self.cited: list[int] = []
        self.distinct = 0

    def draw(self) -> int:
        if not self.cited or self.rng.random() < self.new_share:
            self.distinct += 1
            self.cited.append(self.distinct - 1)
        else:
            self.cited.append(self.rng.choice(self.cited))
        return self.cited[-1]


def _date(rng: random.Random) -> dt.date:
    if rng.random() < 0.6:
        return dt.date(DENSE_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365 + 3))


def _title(rng: random.Random, number: int) -> str:
    words = rng.randrange(30, 60) if rng.random() < 0.05 else rng.randrange(4, 12)
    return f"{' '.join(rng.choice(WORDS) for _ in range(words)).capitalize()} {number}"


def _events(rng: random.Random, events: int) -> tuple[list[str], int, int]:
    """The event files' text, and how many actors and sources they cite."""
    actors, sources = _LongTail(rng, NEW_ACTOR), _LongTail(rng, NEW_SOURCE)
    texts = []
    for number in range(events):
        people = sorted({actors.draw() for _ in range(rng.choice((1, 2, 2, 2)))})
        cited = sorted({sources.draw() for _ in range(rng.choice((2, 3, 4)))})
        body = "\n\n".join(" ".join(rng.sample(SENTENCES, 2)) for _ in range(rng.randrange(1, 4)))
        quote = (f"quotes:\n  - text: The ruling can be appealed within thirty days\n"
                 f"    speaker: actor-{people[0]}\n    source: source-{cited[0]}\n"
                 if rng.random() < 0.3 else "")
        texts.append(
            f"---\ntitle: \"{_title(rng, number)}\"\ndate: {_date(rng).isoformat()}\n"
            f"actors: [{', '.join(f'actor-{a}' for a in people)}]\n"
            f"tags: [{', '.join(sorted(set(rng.sample(TAGS, rng.randrange(1, 4)))))}]\n"
            f"sources: [{', '.join(f'source-{s}' for s in cited)}]\n{quote}---\n{body}\n")
    return texts, actors.distinct, sources.distinct


def _source(rng: random.Random, number: int, *, undated: float, odd_urls: bool) -> str:
    if rng.random() < undated:
        published = "published: n.d.\n" if number % 2 else ""  # both spellings of "no date"
    else:
        published = f"published: {_date(rng).isoformat()}\n"
    url = f"https://news{number % 97}.example.com/{number}"
    if odd_urls and rng.random() < 0.1:
        url = rng.choice(ODD_URLS).format(n=number)
    # The sentence events quote comes first: every quote verifies.
    body = " ".join([SENTENCES[3], *(rng.choice(SENTENCES) for _ in range(rng.randrange(12)))])
    return (f"---\ntitle: \"{_title(rng, number)}\"\noutlet: Outlet {number % 301}\n"
            f"{published}url: \"{url}\"\n---\n{body}\n")


def write_content(content: Path, events: int, *, seed: int = 19, undated: float = UNDATED,
                  odd_urls: bool = True) -> None:
    """Write events/, actors/ and sources/ shaped like a real timeline into ``content``.

    ``undated=0`` and ``odd_urls=False`` give the same shape that a timeline_builder from
    before issue 19 accepts (every source dated, every URL ASCII), to measure it against."""
    rng = random.Random(seed)
    for folder in ("events", "actors", "sources"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    texts, actors, sources = _events(rng, events)
    for number, text in enumerate(texts):
        (content / "events" / f"real-{number:05d}.md").write_text(text, encoding="utf-8")
    for number in range(actors):
        (content / "actors" / f"actor-{number}.md").write_text(
            f"---\nname: {rng.choice(WORDS).capitalize()} Person {number}\n---\n", encoding="utf-8")
    for number in range(sources):
        (content / "sources" / f"source-{number}.md").write_text(
            _source(rng, number, undated=undated, odd_urls=odd_urls), encoding="utf-8")


def project_with_real_events(target: Path, events: int, **options: object) -> Path:
    """A copy of this site whose content also holds ``events`` real-shaped events."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    write_content(target / "content", events, **options)  # type: ignore[arg-type]
    return target
