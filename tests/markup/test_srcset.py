"""srcset is read as the HTML standard's parser reads it, so what we judge is what loads.

A sanitiser that splits srcset differently from the browser can pass a candidate it never
looked at (``a.png,//evil.example/x.png`` is ONE URL to a browser; ``a.png, //evil…`` two).
"""

from __future__ import annotations

import pytest

from timeline_builder.markup.sanitize import _parse_srcset


@pytest.mark.parametrize(("srcset", "candidates"), [
    ("", []),
    ("  ,, ", []),
    ("a.png", [("a.png", "")]),
    ("a.png 1x, b.png 2x", [("a.png", "1x"), ("b.png", "2x")]),
    ("  a.png  1x ,\t\nb.png \f 2x  ", [("a.png", "1x"), ("b.png", "2x")]),
    ("a.png,b.png 2x", [("a.png,b.png", "2x")]),  # commas inside a URL stay in it
    ("a.png, b.png", [("a.png", ""), ("b.png", "")]),  # a trailing comma ends the URL
    ("a.png,,, b.png 2x", [("a.png", ""), ("b.png", "2x")]),
    (",,,a.png 1x", [("a.png", "1x")]),
    ("data:image/png;base64,iVBO 1x", [("data:image/png;base64,iVBO", "1x")]),
    ("a.png (1x, 2x), b.png", [("a.png", "(1x, 2x)"), ("b.png", "")]),
    ("a.png ((1x, 2x)), b.png 3x", [("a.png", "((1x, 2x))"), ("b.png", "3x")]),
    ("a.png x)y, b.png", [("a.png", "x)y"), ("b.png", "")]),  # ")" at depth 0 is text
    ("a.png 100w  2x", [("a.png", "100w 2x")]),
    ("a.png 1x,", [("a.png", "1x")]),
])
def test_srcset_candidates_as_the_html_standard_reads_them(
        srcset: str, candidates: list[tuple[str, str]]) -> None:
    assert _parse_srcset(srcset) == candidates
