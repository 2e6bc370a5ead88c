"""data-* in contributor HTML: the names our script and the theme read are dropped, other
names keep their value unless it points at another host or a script."""

from __future__ import annotations

import pytest

from timeline_builder.markup.sanitize import clean_html


@pytest.mark.parametrize("attribute", ["data-tl-summary", "data-tl-x", "data-md-color-scheme",
                                       "data-md-component", "data-actor", "data-tag",
                                       "data-source", "data-date", "data-period",
                                       "data-calendar"])
def test_the_names_our_machinery_reads_are_dropped(attribute: str) -> None:
    assert clean_html(f'<span {attribute}="x">t</span>') == "<span>t</span>"


@pytest.mark.parametrize(("value", "kept"), [
    ("plain words", True),
    ("/timeline/", True),
    ("https://evil.example/x.js", False),
    ("//evil.example/x", False),
    ("javascript:alert(1)", False),
])
def test_other_data_values_are_judged_as_urls(value: str, kept: bool) -> None:
    html = clean_html(f'<span data-note="{value}">t</span>')
    assert html == (f'<span data-note="{value}">t</span>' if kept else "<span>t</span>")


def test_data_attributes_can_be_refused_whole() -> None:
    assert clean_html('<span data-note="x">t</span>', data_attributes=False) == "<span>t</span>"
