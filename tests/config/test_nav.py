"""mkdocs.yml's nav as the editions read it: its shape only, the rest left to MkDocs."""

from __future__ import annotations

from timeline_builder.config.nav import NavEntry, nav_entries


def test_pages_titles_sections_and_links() -> None:
    assert nav_entries(["index.md", {"Timeline": "timeline/index.md"},
                        {"About": ["about/a.md", {"Repo": "https://example.org/"}]}]) == (
        NavEntry(target="index.md"), NavEntry("Timeline", "timeline/index.md"),
        NavEntry("About", children=(NavEntry(target="about/a.md"),
                                    NavEntry("Repo", "https://example.org/"))))


def test_what_mkdocs_would_refuse_is_left_out_not_a_crash() -> None:
    assert nav_entries(None) == nav_entries("index.md") == ()
    assert nav_entries([{"a": "x.md", "b": "y.md"}, 3, {"Empty": None}, [], {"S": []}]) == (
        NavEntry("S"),)
