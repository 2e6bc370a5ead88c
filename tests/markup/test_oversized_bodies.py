"""Bodies too large or too bracketed to format are shown as text: escaped, never live HTML.

Past 100 KB, or past 1,000 ``[``, a body skips Python-Markdown (which is quadratic there)
and each paragraph is printed as text. That path skips the sanitiser too, so it must
escape everything itself.
"""

from __future__ import annotations

import pytest

from timeline_builder.markup.sanitize import markdown_to_html

HOSTILE = ('<script>alert(1)</script> <img src=x onerror="alert(2)"> '
           '<a href="javascript:alert(3)" id="tl-filters">x</a>')


@pytest.mark.parametrize(("label", "body"), [
    ("over 100 KB", HOSTILE + "\n\n" + "words " * 20_000),
    ("over 1,000 brackets", HOSTILE + "\n\n" + "[a] " * 1_001),
])
def test_an_oversized_body_comes_out_as_escaped_text(label: str, body: str) -> None:
    html = markdown_to_html(body, (), "ev")
    assert "<script" not in html and "<img" not in html and "<a " not in html, label
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.startswith("<p>") and html.count("<p>") == 2


def test_just_under_the_limits_the_body_is_formatted_and_sanitised() -> None:
    html = markdown_to_html(HOSTILE + "\n\n" + "[a] " * 999, (), "ev")
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert 'id="tl-filters"' not in html
