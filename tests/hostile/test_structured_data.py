"""Hostile titles in JSON-LD and Open Graph of a real MkDocs build (issue 24, point 2)."""

from __future__ import annotations

import json
import re

import extruct
import pytest

from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.slow
TITLE = "Talks </script><script>alert(1)</script> <!-- \u2028\u2029 \"q\" 'a' & <b>"
SUMMARY = "Line one\nline \"two\" <img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "content" / "events" / "hostile.md").write_text(
        "---\ntitle: " + json.dumps(TITLE) + "\ndate: 2022-05-24\nactors: [putin]\n"
        "sources: [belta-lukashenko-letter]\n---\n" + SUMMARY + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    pages = [p for p in out.rglob("index.html") if "alert" in p.read_text(encoding="utf-8")]
    assert pages
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


def test_jsonld_cannot_end_its_script_or_open_a_comment(page: str) -> None:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page,
                            flags=re.S):
        assert "<" not in block and "\u2028" not in block and "\u2029" not in block
        json.loads(block)
    assert "<script>alert(1)" not in page


def test_jsonld_title_round_trips_through_an_extractor(page: str) -> None:
    blocks = extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]
    names = {node.get("name") or node.get("headline") for block in blocks
             for node in block.get("@graph", [block])}
    assert any(name and "</script>" in name for name in names), names


def test_open_graph_values_survive_quotes_newlines_and_markup(page: str) -> None:
    assert "<img src=x" not in page
    for match in re.findall(r'<meta (?:property|name)="(?:og|twitter):[^"]*" content="([^"]*)"',
                            page):
        assert "<" not in match and "\n" not in match
