"""What a filter selects (CONTRACT section 6) in Python, and what a bad embed says.

A table of filters and the event ids they select, over a small timeline written as
content files; then the embed syntax's errors, each an exact `path:line: error:` line.
"""

from __future__ import annotations

import pytest

from timeline_builder.checks.validate import validate
from timeline_builder.config.settings import Settings
from timeline_builder.core.filters import EventFilter, FilterError
from timeline_builder.core.model import Timeline
from timeline_builder.reading.load import load_documents
from timeline_builder.site.markdown_ext import expand_embeds
from timeline_builder.site.render import Renderer

EVENTS = {  # id: (date, end, actors, tags, sources, title, body)
    "a": ("2022-05-20", None, ["putin"], ["military"], ["tass"], "Azovstal falls", "Surrender."),
    "b": ("2022-05-23", None, ["putin", "lukashenko"], ["diplomacy"], ["tass", "belta"],
          "Sochi meeting", "They discussed sanctions."),
    "c": ("2022-05", None, ["lukashenko"], ["diplomacy", "letters"], ["belta"],
          "A letter in May", "Weapons supplies."),
    "d": ("2022-05-22", "2022-05-26", ["zelensky"], [], ["ukrinform"], "Martial law",
          "Extended for 90 days."),
    "e": ("2022-02-24", None, [], ["military"], ["tass"], "Invasion", "SANCTIONS followed."),
}


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    content = tmp_path_factory.mktemp("filters")
    for folder in ("events", "actors", "sources"):
        (content / folder).mkdir()
    for actor in ("putin", "lukashenko", "zelensky"):
        (content / "actors" / f"{actor}.md").write_text(f"---\nname: {actor.title()}\n---\n")
    for source in ("tass", "belta", "ukrinform"):
        (content / "sources" / f"{source}.md").write_text(
            f"---\ntitle: {source}\noutlet: {source.upper()}\npublished: 2022-05-26\n---\n")
    for event_id, (date, end, actors, tags, sources, title, body) in EVENTS.items():
        lines = [f"title: {title}", f"date: {date}", f"actors: [{', '.join(actors)}]",
                 f"tags: [{', '.join(tags)}]", f"sources: [{', '.join(sources)}]"]
        lines += [f"end: {end}"] if end else []
        (content / "events" / f"{event_id}.md").write_text(
            "---\n" + "\n".join(lines) + f"\n---\n{body}\n")
    documents, problems = load_documents(content, max_bytes=1_000_000)
    built, found = validate(documents)
    assert problems + found == []
    return built


SELECTS = [
    ([], "ecadb"),                                     # no filter: everything, in date order
    ([("actor", "putin")], "ab"),
    ([("actor", "putin"), ("actor", "zelensky")], "adb"),   # repeated: any of them
    ([("actor", "putin"), ("tag", "diplomacy")], "b"),      # different keys: AND
    ([("tag", "diplomacy")], "cb"),
    ([("source", "belta")], "cb"),
    ([("source", "belta"), ("source", "ukrinform")], "cdb"),
    ([("text", "sanctions")], "eb"),                   # title, summary and quotes; any case
    ([("text", "SOCHI")], "b"),
    ([("text", "nothing like this")], ""),
    ([("from", "2022-05-24")], "cd"),                  # a month and a range overlap the day
    ([("to", "2022-05-21")], "eca"),                   # May 2022 starts before the 21st
    ([("from", "2022-05-21"), ("to", "2022-05-22")], "cd"),
    ([("from", "2022-05-27")], "c"),                   # only May 2022 reaches the 27th
    ([("actor", "nobody")], ""),
    ([("tag", "military"), ("from", "2022-03-01")], "a"),
]


@pytest.mark.parametrize(("pairs", "expected"), SELECTS)
def test_filters_select(timeline: Timeline, pairs: list[tuple[str, str]], expected: str) -> None:
    selection = EventFilter.from_pairs(pairs)
    assert "".join(e.id for e in timeline.events if selection.matches(e)) == expected


@pytest.mark.parametrize(("pairs", "message"), [
    ([("actors", "putin")], "unknown filter 'actors'; use one of actor, tag, source, text, "
     "from, to"),
    ([("q", "x")], "unknown filter 'q'; use one of actor, tag, source, text, from, to"),
    ([("from", "May 2022")], "from: 'May 2022' is not a date; write YYYY-MM-DD"),
    ([("to", "2022-02-30")], "to: '2022-02-30' is not a date; write YYYY-MM-DD"),
])
def test_bad_filters(pairs: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(FilterError) as raised:
        EventFilter.from_pairs(pairs)
    assert str(raised.value) == message


def test_a_filter_round_trips_through_its_query(timeline: Timeline) -> None:
    selection = EventFilter.from_pairs([("actor", "putin"), ("actor", "lukashenko"),
                                        ("text", "a b"), ("from", "2022-05-01")])
    assert selection.query() == "actor=putin&actor=lukashenko&text=a+b&from=2022-05-01"


HINT = "write e.g. [[timeline tag=diplomacy limit=5]]"


@pytest.mark.parametrize(("line", "message"), [
    ("[[timeline actors=putin]]", "unknown filter 'actors'; use one of actor, tag, source, "
     "text, from, to"),
    ("[[timeline from=yesterday]]", "from: 'yesterday' is not a date; write YYYY-MM-DD"),
])
def test_embed_errors_name_the_line(timeline: Timeline, line: str, message: str) -> None:
    markdown = f"# An explainer\n\nSome text.\n\n{line}\n\nMore text.\n"
    text, inserted, problems = expand_embeds(markdown, Renderer(timeline, Settings()), "",
                                             "x.md")
    html = " ".join([text, *inserted])
    assert [p.text() for p in problems] == [f"x.md:5: error: timeline embed: {message}; {HINT}"]
    assert "Timeline excerpt error" in html and "More text." in html


def test_a_good_embed_lists_the_selected_events(timeline: Timeline) -> None:
    text, inserted, problems = expand_embeds("[[timeline tag=diplomacy]]\n",
                                             Renderer(timeline, Settings()), "", "x.md")
    html = " ".join([text, *inserted])
    assert problems == []
    assert "A letter in May" in html and "Sochi meeting" in html and "Azovstal" not in html


def test_bad_limits(timeline: Timeline) -> None:
    for line in ("[[timeline limit=many]]", "[[timeline limit=-1]]"):
        _, _, problems = expand_embeds(line + "\n", Renderer(timeline, Settings()), "",
                                       "x.md")
        assert len(problems) == 1 and problems[0].line == 1, (line, problems)
        assert problems[0].text().startswith("x.md:1: error: timeline embed: "), problems


def test_fold_is_casefold_with_yo_read_as_ye() -> None:
    from timeline_builder.core.filters import fold

    assert fold("Straße ΟΔΟΣ ſ Ё всё") == "strasse οδοσ s е все"
