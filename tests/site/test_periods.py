"""Periods that follow density (issue 19): no period page over ``period_size`` events.

The splitting rules on events made here, then a real MkDocs build of the dense corpus
(tests/dense_corpus.py): its URLs, hub pages, navigation, compact index and sitemap.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

from tests.conftest import build_site
from tests.dense_corpus import EVENTS, dense_project
from timeline_builder.core.model import Event, ResolvedDate
from timeline_builder.site.periods import Period, period_label, plan


def made(dates: list[str]) -> list[Event]:
    """Events on these dates (``2025-03-09``, ``2025-03``, ``2025``), in timeline order."""
    events = []
    for number, written in enumerate(dates):
        parts = written.split("-")
        precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
        value = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                        int(parts[2]) if len(parts) > 2 else 1)
        events.append(Event(id=f"e{number:05d}", title="t", date=ResolvedDate(value, precision),
                            date_text=written, sources=(), path="x.md"))
    return sorted(events, key=lambda e: e.sort_key)


def days_of(month: str, count: int, first: int = 1, last: int = 28) -> list[str]:
    return [f"{month}-{first + n % (last - first + 1):02d}" for n in range(count)]


def leaves(tree: tuple[Period, ...]) -> list[Period]:
    return [leaf for year in tree for leaf in year.leaves()]


def keys(tree: tuple[Period, ...]) -> list[str]:
    return [leaf.key for leaf in leaves(tree)]


def test_a_year_of_exactly_period_size_is_one_page() -> None:
    tree = plan(made(days_of("2025-03", 10)), 10)
    assert keys(tree) == ["2025"]
    assert not tree[0].is_hub


def test_one_more_splits_the_year_into_its_months() -> None:
    tree = plan(made(days_of("2025-03", 6) + days_of("2025-07", 5)), 10)
    assert keys(tree) == ["2025/03", "2025/07"]
    assert tree[0].is_hub and [p.key for p in tree[0].parts] == ["2025/03", "2025/07"]


def test_a_dense_month_splits_into_weeks_with_fixed_bounds() -> None:
    # One event on each day of February 2024 (29 days), four pages of at most 7... and 8.
    tree = plan(made([f"2024-02-{day:02d}" for day in range(1, 30)]), 8)
    assert keys(tree) == ["2024/02/01-07", "2024/02/08-14", "2024/02/15-21", "2024/02/22-29"]
    assert [len(p.events) for p in leaves(tree)] == [7, 7, 7, 8]
    april = plan(made([f"2025-04-{day:02d}" for day in range(1, 31)]), 9)
    assert keys(april)[-1] == "2025/04/22-30"


def test_a_dense_week_splits_into_days_and_a_day_is_never_split() -> None:
    dates = ["2025-03-08"] * 5 + ["2025-03-09"] * 2 + ["2025-03-20"]
    tree = plan(made(dates), 4)
    assert keys(tree) == ["2025/03/08", "2025/03/09", "2025/03/15-21"]
    assert len(leaves(tree)[0].events) == 5  # more than 4, but one day is one page
    hubs = [hub.key for year in tree for hub in year.hubs()]
    assert hubs == ["2025", "2025/03", "2025/03/08-14"]


def test_coarse_dates_open_the_first_part_of_their_period() -> None:
    tree = plan(made(["2025", "2025-03", *days_of("2025-03", 4), "2025-06-01"]), 3)
    first = leaves(tree)[0]
    assert first.key == "2025/01"
    assert [e.date_text for e in first.events] == ["2025"]
    march = next(p for p in leaves(tree) if p.key.startswith("2025/03"))
    assert march.events[0].date_text == "2025-03"


def test_every_event_is_on_exactly_one_page_in_timeline_order() -> None:
    events = made(days_of("2024-11", 40) + days_of("2025-01", 90) + days_of("2025-02", 7)
                  + ["2025", "2025-02"])
    tree = plan(events, 12)
    placed = [event for leaf in leaves(tree) for event in leaf.events]
    assert placed == events
    assert all(len(leaf.events) <= 12 or len({e.date for e in leaf.events}) == 1
               for leaf in leaves(tree))


@pytest.mark.parametrize("key, label", [
    ("2025", "2025"), ("2025/03", "March 2025"), ("2025/03/08-14", "8–14 March 2025"),
    ("2025/02/22-28", "22–28 February 2025"), ("2025/03/09", "9 March 2025")])
def test_labels(key: str, label: str) -> None:
    assert period_label(key) == label


# ---- the dense corpus, built by MkDocs ----

@pytest.fixture(scope="module")
def dense_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = dense_project(tmp_path_factory.mktemp("dense") / "project")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def period_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site / "timeline").as_posix()
                  for p in (site / "timeline").glob("2*/**/index.html"))


def test_dense_year_splits_by_month_week_and_day(dense_site: Path) -> None:
    pages = period_pages(dense_site)
    assert "2022" in pages  # the seed's 2022 fits on one page
    assert {"2025", "2025/03", "2025/03/08-14", "2025/03/09", "2025/03/15-21",
            "2025/05"} <= set(pages)
    assert not [p for p in pages if re.fullmatch(r"2025/0[12456789]/.*|2025/1./.*", p)]


def test_no_page_is_over_period_size_and_every_event_is_on_one(dense_site: Path) -> None:
    index = json.loads((dense_site / "timeline/data/index.json").read_text(encoding="utf-8"))
    counts = [period["count"] for period in index["periods"]]
    assert max(counts) <= 300
    assert sum(counts) == len(index["events"]) >= EVENTS
    on_pages: list[str] = []
    for period in index["periods"]:
        html = (dense_site / period["url"] / "index.html").read_text(encoding="utf-8")
        on_pages += re.findall(r'<article class="tl-event[^"]*" id="([^"]+)"', html)
    assert sorted(on_pages) == sorted(row[0] for row in index["events"])


def test_hubs_list_their_parts_and_pages_link_around(dense_site: Path) -> None:
    year = (dense_site / "timeline/2025/index.html").read_text(encoding="utf-8")
    assert 'href="03/"' in year or 'href="../../timeline/2025/03/"' in year
    assert "March 2025" in year and "8–14 March 2025" in year
    assert 'class="tl-event' not in year  # a hub lists periods, not events
    day = (dense_site / "timeline/2025/03/09/index.html").read_text(encoding="utf-8")
    for rel, label in (("prev", "8 March 2025"), ("next", "10 March 2025"),
                       ("up", "8–14 March 2025")):
        assert re.search(rf'rel="{rel}" href="[^"]+">[←↑ ]*{label}', day), rel
    assert "All periods" in day


def test_index_links_every_period_and_deep_links_know_them(dense_site: Path) -> None:
    html = (dense_site / "timeline/index.html").read_text(encoding="utf-8")
    index = json.loads((dense_site / "timeline/data/index.json").read_text(encoding="utf-8"))
    for period in index["periods"]:
        assert f'href="../timeline/{period["key"]}/"' in html or \
            f'href="{period["key"]}/"' in html or f'timeline/{period["key"]}/"' in html
        assert (dense_site / period["text"]).is_file()
    assert "timeline/data/text/2025-03-08-14.json" not in [p["text"] for p in index["periods"]]
    assert "timeline/data/text/2025-03-09.json" in [p["text"] for p in index["periods"]]


def test_sitemap_lists_period_and_hub_pages(dense_site: Path) -> None:
    sitemap = (dense_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("timeline/2025/", "timeline/2025/03/", "timeline/2025/03/08-14/",
                 "timeline/2025/03/09/", "timeline/2025/05/"):
        assert f"{path}</loc>" in sitemap, path


def test_pages_fit_the_size_goals(dense_site: Path) -> None:
    """Issue 19: timeline/index.html under 100 KB gzip, no period page over 400 KB."""
    first = len(gzip.compress((dense_site / "timeline/index.html").read_bytes(), 9))
    assert first < 100_000, first
    for page in (dense_site / "timeline").glob("2*/**/index.html"):
        size = len(gzip.compress(page.read_bytes(), 9))
        assert size < 400_000, (page, size)
