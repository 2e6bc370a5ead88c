"""An edition's nav (site.editions.Alternates.nav_of): mkdocs.yml's nav, in the edition."""

from __future__ import annotations

import json

from timeline_builder.config.nav import nav_entries
from timeline_builder.core import front_matter
from timeline_builder.site.editions import Alternates, NavItem, page_title

NAV = nav_entries([
    {"Home": "index.md"}, {"Timeline": "timeline/index.md"},
    {"Explainers": ["explainers/a.md", "explainers/b.md"]},
    {"Our people": "actors/index.md"},
    {"Code": "https://example.org/code"},
    {"About": ["about/only-english.md"]},
])
PATHS = frozenset({"index.md", "uk/index.md", "timeline/index.md", "uk/timeline/index.md",
                   "explainers/a.md", "uk/explainers/a.md", "explainers/b.md",
                   "uk/explainers/b.md", "actors/index.md", "uk/actors/index.md",
                   "about/only-english.md"})
TITLES = {"uk/timeline/index.md": "Хронологія", "uk/explainers/a.md": "Пояснення А",
          "uk/actors/index.md": "Люди й організації", "uk/explainers/b.md": "<b>Б</b>"}


def _alternates(languages: tuple[str, ...] = ("en", "uk")) -> Alternates:
    return Alternates(languages, PATHS, nav=NAV, titles=TITLES, translated=frozenset(TITLES))


def test_titles_from_the_catalog_else_the_edition_page() -> None:
    nav = _alternates().nav_of("uk", "uk/explainers/a.md")
    assert [(item["title"], item.get("url")) for item in nav] == [
        ("Головна", "uk/"), ("Хронологія", "uk/timeline/"), ("Пояснення", None),
        # Not a word of the catalog: the edition page's own title.
        ("Люди й організації", "uk/actors/"), ("Code", "https://example.org/code"),
        ("Про сайт", None)]
    explainers = nav[2]["children"]
    assert [(i["title"], i["url"], i["active"]) for i in explainers] == [
        ("Пояснення А", "uk/explainers/a/", True), ("‹b›Б‹/b›", "uk/explainers/b/", False)]
    assert nav[2]["active"] and not nav[5]["active"]
    # A page the edition does not have: the default edition's, under its written title.
    assert nav[5]["children"] == [{"title": "only-english", "url": "about/only-english/",
                                   "active": False}]


def test_the_current_page_is_the_item_at_its_url() -> None:
    """Material marks the current page by ``nav_item == page``."""

    class Page:
        url = "uk/timeline/"

    timeline = _alternates().nav_of("uk", "uk/timeline/index.md")[1]
    assert timeline == Page() and timeline != type("Other", (), {"url": "uk/"})()
    assert timeline == {"title": "Хронологія", "url": "uk/timeline/", "active": True}
    assert NavItem(title="Section", children=[]) != Page()


def test_a_language_with_no_catalog_keeps_the_written_titles() -> None:
    """Nothing to say it in German: mkdocs.yml's words, else the untranslated page's own."""
    alternates = Alternates(("en", "de"), PATHS | {"de/timeline/index.md", "de/index.md",
                                                   "de/explainers/a.md"}, nav=NAV,
                            titles={"de/timeline/index.md": "Timeline",
                                    "de/index.md": "Lukashenko's letter",
                                    "de/explainers/a.md": "Explainer A"})
    nav = alternates.nav_of("de", "de/timeline/index.md")
    assert [item["title"] for item in nav] == ["Home", "Timeline", "Explainers",
                                               "Our people", "Code", "About"]
    assert [item["title"] for item in nav[2]["children"]] == ["Explainer A", "b"]
    assert nav[1]["url"] == "de/timeline/" and nav[0]["url"] == "de/"


def test_only_other_editions_carry_a_nav_and_it_survives_front_matter() -> None:
    alternates = _alternates()
    assert "edition_nav" not in alternates.meta("timeline/index.md")
    meta = alternates.meta("uk/timeline/index.md")
    written = front_matter.value_text(meta["edition_nav"])
    assert json.loads(written) == meta["edition_nav"]
    assert "edition_nav" not in Alternates(("en", "uk"), PATHS).meta("uk/timeline/index.md")


def test_a_section_whose_pages_are_all_missing_is_left_out() -> None:
    nav = Alternates(("en", "uk"), PATHS, nav=nav_entries([{"Empty": []}, "index.md"]),
                     titles={"uk/index.md": "Головна сторінка"},
                     translated=frozenset({"uk/index.md"})).nav_of("uk", "uk/index.md")
    assert nav == [{"title": "Головна сторінка", "url": "uk/", "active": True}]


def test_page_title_reads_front_matter_then_the_first_heading() -> None:
    assert page_title('---\ntitle: "Заголовок"\nedition: "uk"\n---\n\n# Інше\n') == "Заголовок"
    assert page_title('---\nedition: "uk"\n---\n\n# Зустріч *у* Сочі {#id}\n') == \
        "Зустріч *у* Сочі"
    assert page_title('---\ntitle: "  "\n---\n\nТекст без заголовка.\n') is None
    assert page_title('---\nedition: "uk"\n---\n\n## Лише другий рівень\n') is None


def test_pages_outside_the_nav_share_one_nav() -> None:
    """Thousands of event pages: one list, built once; a page in the nav gets its own."""
    alternates = _alternates()
    first, second = (alternates.nav_of("uk", f"uk/events/e{n}.md") for n in (1, 2))
    assert first is second and not any(item["active"] for item in first)
    own = alternates.nav_of("uk", "uk/timeline/index.md")
    assert own is not first and own[1]["active"] and not first[1]["active"]
