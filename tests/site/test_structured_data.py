"""Structured data of the built site (CONTRACT section 6), read as other tools read it.

JSON-LD and Open Graph are extracted with extruct (the extractor crawlers and SEO tools
use), and every value is checked against the canonical JSON export, not against our code.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import extruct
import pytest
import yaml

from tests.conftest import BIN, ROOT, build_site, copy_project, run_env

pytestmark = pytest.mark.slow
SITE_URL = "https://news.example.org/timelines/may-2022/"


def jsonld(site: Path, page: str) -> list[dict[str, Any]]:
    """Every node of every JSON-LD block on the page."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    blocks = extruct.extract(html, base_url=SITE_URL + page, syntaxes=["json-ld"],
                             uniform=False)["json-ld"]
    return [node for block in blocks for node in block.get("@graph", [block])]


def opengraph(site: Path, page: str) -> dict[str, str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(html, base_url=SITE_URL + page, syntaxes=["opengraph"],
                            uniform=False)["opengraph"]
    assert len(found) == 1, found
    properties = found[0]["properties"]
    assert len({key for key, _ in properties}) == len(properties), properties  # no repeats
    return dict(properties)


def by_type(nodes: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {node["@id"]: node for node in nodes if node["@type"] == kind}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site under a site_url with a path, plus a month-precision range event."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "content" / "events" / "may-talks.md").write_text(
        "---\ntitle: Talks stall\ndate: May 2022\nend: June 2022\nactors: [csto, putin]\n"
        "sources: [belta-lukashenko-letter]\n---\nNo round of talks was held.\n",
        encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def export(site: Path) -> dict[str, Any]:
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))


def check_events(nodes: list[dict[str, Any]], expected: list[dict[str, Any]],
                 export: dict[str, Any]) -> None:
    """The page's Event nodes are exactly ``expected``, with the export's values."""
    events, people = by_type(nodes, "Event"), by_type(nodes, "Person")
    organizations, works = by_type(nodes, "Organization"), by_type(nodes, "CreativeWork")
    actors = {a["id"]: a for a in export["actors"]}
    sources = {s["id"]: s for s in export["sources"]}
    assert sorted(events) == sorted(SITE_URL + e["url"] for e in expected)
    quotes = by_type(nodes, "Quotation")
    for event in expected:
        node = events[SITE_URL + event["url"]]
        assert node["name"] == event["title"]
        assert node["startDate"] == event["date"]  # 2022-05 stays a month
        assert node.get("endDate") == event["end"]
        assert node.get("description", "") == event["summary"]
        assert node["url"] == SITE_URL + event["url"]
        about = [ref["@id"] for ref in node.get("about", [])]
        assert about == [SITE_URL + f"actors/{a}/" for a in event["actors"]]
        for actor_id, ref in zip(event["actors"], about, strict=True):
            actor = actors[actor_id]
            kinds = organizations if actor["type"] == "organization" else people
            assert kinds[ref]["name"] == actor["name"]
        cited = [ref["@id"] for ref in node["subjectOf"]]
        assert cited == [SITE_URL + f"sources/{s}/" for s in event["sources"]]
        for source_id, ref in zip(event["sources"], cited, strict=True):
            source, work = sources[source_id], works[ref]
            assert (work["name"], work["datePublished"], work["publisher"]["name"]) == (
                source["title"], source["published"], source["outlet"])
            assert work["url"] == (source["url"] or ref)
            assert work.get("archivedAt", "") == source["archived_url"]
        said = [q for q in quotes.values() if q["about"]["@id"] == node["@id"]]
        assert [q["text"] for q in said] == [q["text"] for q in event["quotes"]]
        for quote, node_quote in zip(event["quotes"], said, strict=True):
            if quote["speaker"] is None:  # unattributed: the outlet that printed the words
                assert "spokenByCharacter" not in node_quote
                assert node_quote["creator"] == {"@type": "Organization",
                                                 "name": sources[quote["source"]]["outlet"]}
                continue
            speaker = node_quote["spokenByCharacter"]["@id"]
            assert speaker == SITE_URL + f"actors/{quote['speaker']}/"
            assert node_quote["isBasedOn"]["@id"] == SITE_URL + f"sources/{quote['source']}/"


def test_the_timeline_page_has_an_event_per_event(site: Path, export: dict) -> None:
    nodes = jsonld(site, "timeline/")
    check_events(nodes, export["events"], export)
    counts = Counter(node["@type"] for node in nodes)
    assert counts["Quotation"] == sum(len(e["quotes"]) for e in export["events"])
    month = by_type(nodes, "Event")[SITE_URL + "timeline/#may-talks"]
    assert (month["startDate"], month["endDate"]) == ("2022-05", "2022-06")
    assert by_type(nodes, "Organization")[SITE_URL + "actors/csto/"]["name"] \
        == "Collective Security Treaty Organization"


@pytest.mark.parametrize("kind", ["actors", "sources"])
def test_profile_pages_have_their_events(site: Path, export: dict, kind: str) -> None:
    for item in export[kind]:
        nodes = jsonld(site, f"{kind}/{item['id']}/")
        shown = [e for e in export["events"] if item["id"] in e[kind]]
        check_events(nodes, shown, export)
        own = SITE_URL + f"{kind}/{item['id']}/"
        assert own in {node["@id"] for node in nodes}  # the page's own subject is described


def test_home_page_has_its_featured_events(site: Path, export: dict) -> None:
    featured = [e for e in export["events"] if e["featured"]]
    assert featured
    check_events(jsonld(site, ""), featured, export)


def test_explainers_are_articles_with_their_embedded_events(site: Path, export: dict) -> None:
    nodes = jsonld(site, "explainers/sochi-meeting/")
    [article] = [node for node in nodes if node["@type"] == "Article"]
    assert article["headline"] == "The Sochi meeting of 23 May 2022"
    assert article["url"] == SITE_URL + "explainers/sochi-meeting/"
    assert article["description"].startswith("Vladimir Putin received Alexander Lukashenko")
    # [[timeline actor=putin actor=lukashenko from=2022-05-01]], read here from the export:
    # an event counts when any of it is on or after 1 May (May 2022 – June 2022 does).
    shown = [e for e in export["events"] if {"putin", "lukashenko"} & set(e["actors"])
             and (e["end"] or e["date"]) + "-31" >= "2022-05-01"]
    check_events(nodes, shown, export)


def test_open_graph_on_every_page(site: Path, export: dict) -> None:
    pages = [str(path.parent.relative_to(site)) for path in sorted(site.rglob("index.html"))]
    # The embed views (embed/, events/<id>/embed/) are framed, not shared: no theme head.
    pages = [("" if page == "." else page + "/") for page in pages
             if page != "404" and not (page == "embed" or page.endswith("/embed"))]
    assert "timeline/" in pages and "actors/putin/" in pages
    for page in pages:
        og = opengraph(site, page)
        assert og["og:url"] == SITE_URL + page, page
        assert og["og:site_name"] == "Belarus, Russia and the war: May 2022"
        edition, _, in_edition = page.partition("/") if page[:3] in ("uk/", "ru/") \
            else ("", "", page)
        article = in_edition.startswith(("explainers/", "events/"))
        assert og["og:type"] == ("article" if article else "website"), page
        assert og["og:title"] and og["og:description"], page
        if in_edition.startswith("events/"):  # its share card (test_event_pages.py)
            cards = f"{SITE_URL}{edition + '/' if edition else ''}assets/timeline/cards/"
            assert og["og:image"].startswith(cards), page
        else:
            assert og["og:image"] == SITE_URL + "assets/og-default.png"
        parsed = _Scripts()
        parsed.feed((site / page / "index.html").read_text(encoding="utf-8"))
        assert parsed.meta["twitter:card"] == "summary_large_image"
        assert parsed.meta["twitter:title"] == og["og:title"]
    assert (site / "assets" / "og-default.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    putin = opengraph(site, "actors/putin/")
    assert putin["og:title"] == "Vladimir Putin"
    assert putin["og:description"].startswith("President of Russia since 2012")
    # An explainer without `description:` is summarised by its first paragraph.
    assert opengraph(site, "explainers/sochi-meeting/")["og:description"].startswith(
        "Vladimir Putin received Alexander Lukashenko in the Black Sea resort of Sochi on "
        "Monday 23 May 2022, day 89 of the war (timeline).")
    assert opengraph(site, "timeline/")["og:description"] == (
        f"{len(export['events'])} events, 24 February 2022 to June 2022, each with its "
        "sources and quotes.")


# --- hostile text --------------------------------------------------------------------------

HOSTILE = '</script><script>alert(1)</script> "q" & \'s <!-- <b>x</b> ]]>'


class _Scripts(HTMLParser):
    """Script elements as a browser's tokenizer sees them: type and raw text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[str, str]] = []
        self.meta: dict[str, str] = {}
        self._type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "script":
            self._type = values.get("type", "") if "src" not in values else None
            if self._type is not None:
                self.scripts.append((self._type, ""))
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values.get("name", "")] = \
                values.get("content", "")

    def handle_data(self, data: str) -> None:
        if self._type is not None and self.scripts:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._type = None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Without translations: the explainer rewritten below would make its own stale.
    project = copy_project(tmp_path_factory.mktemp("hostile"), translations=False)
    content = project / "content"
    title = json.dumps(HOSTILE)
    (content / "events" / "hostile.md").write_text(
        f"---\ntitle: {title}\ndate: 2022-05-23\nactors: [hostile-actor]\n"
        f"sources: [hostile-source]\nquotes:\n  - text: {title}\n    speaker: hostile-actor\n"
        f"    source: hostile-source\n---\nBody {HOSTILE}\n", encoding="utf-8")
    (content / "actors" / "hostile-actor.md").write_text(
        f"---\nname: {title}\n---\n", encoding="utf-8")
    (content / "sources" / "hostile-source.md").write_text(
        f"---\ntitle: {title}\noutlet: {title}\npublished: 2022-05-23\n---\n{HOSTILE}\n",
        encoding="utf-8")
    (content / "explainers" / "sochi-meeting.md").write_text(  # a page already in the nav
        f"---\ntitle: {title}\ndescription: {title}\n---\n# Hostile\n\n"
        "[[timeline actor=hostile-actor]]\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-site")
    result = build_site(project, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("page", ["timeline/", "actors/hostile-actor/",
                                  "sources/hostile-source/", "explainers/sochi-meeting/"])
def test_hostile_text_stays_inside_its_json(hostile_site: Path, page: str) -> None:
    html = (hostile_site / page / "index.html").read_text(encoding="utf-8")
    parsed = _Scripts()
    parsed.feed(html)
    # Only data blocks (our JSON-LD, Material's JSON config): the text did not close one
    # and open a script of its own.
    assert {kind for kind, _ in parsed.scripts} == {"application/ld+json", "application/json"}
    inline = [(kind, text) for kind, text in parsed.scripts if kind == "application/ld+json"]
    data = [json.loads(text) for _, text in inline]  # every block is whole, valid JSON
    nodes = [node for block in data for node in block.get("@graph", [block])]
    names = {node.get("name") or node.get("headline") for node in nodes}
    if page != "explainers/sochi-meeting/":
        assert HOSTILE in names  # the contributor's text, exactly, once parsed
        assert HOSTILE in {node.get("text") for node in nodes}
    for _, text in inline:
        assert "<" not in text and ">" not in text and "&" not in text


@pytest.mark.parametrize("page", ["actors/hostile-actor/", "explainers/sochi-meeting/"])
def test_hostile_text_in_open_graph_is_an_attribute_value(hostile_site: Path,
                                                          page: str) -> None:
    parsed = _Scripts()
    parsed.feed((hostile_site / page / "index.html").read_text(encoding="utf-8"))
    for key in ("og:title", "twitter:title"):
        value = parsed.meta[key]
        # Markup characters were turned into look-alikes, and nothing became a tag.
        assert "alert(1)" in value and "<" not in value and ">" not in value
    assert opengraph(hostile_site, page)["og:title"].startswith("‹/script›‹script›alert(1)")


def test_timeline_render_gives_other_builders_the_same_metadata(tmp_path: Path) -> None:
    """`timeline render` (the door of builders that run no plugin): the explainers' and the
    home page's files carry their summary and JSON-LD in front matter for the theme."""
    out = tmp_path / "tree"
    result = subprocess.run([str(BIN / "timeline"), "render", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env=run_env(), timeout=300)
    assert result.returncode == 0, result.stderr
    for page, types in (("explainers/sochi-meeting.md", {"Event", "Person", "Quotation"}),
                        ("index.md", {"Event"}), ("actors/putin.md", {"Person", "Event"})):
        text = (out / page).read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        assert front["description"], page
        # Text, serialised once as tojson does (site/jsonld.script_text)
        assert types <= {node["@type"] for node in json.loads(front["jsonld"])["@graph"]}, page
    explainer = yaml.safe_load((out / "explainers/sochi-meeting.md").read_text(
        encoding="utf-8").split("---\n")[1])
    assert explainer["description"].startswith("Vladimir Putin received Alexander Lukashenko")
