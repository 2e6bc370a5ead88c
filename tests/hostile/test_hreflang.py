"""Hreflang and the language switcher where an edition lacks a page (issue 24, round two,
point 4), in a real MkDocs build with an explainer that exists only in English.

Every ``<link rel="alternate" hreflang>`` and every switcher link of every page leads to a
page that was built (never a 404), each alternate set is the same from each of its pages
(search engines ignore a set whose pages do not name each other), and the English-only
explainer's edition pages say it is shown untranslated. An edition that truly lacks a page
(``Alternates`` told of no such page) gets no link to it at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import build_site, copy_project
from timeline_builder.core import editions
from timeline_builder.site.editions import Alternates

pytestmark = pytest.mark.slow
SITE_URL = "https://example.org/"
LINK = re.compile(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">')
SWITCH = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]*" class="md-select__link"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hreflang") / "project")
    (project / "content" / "explainers" / "only-english.md").write_text(
        "---\ntitle: Only in English\n---\n\nAn explainer nobody translated.\n",
        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - explainers/concessions.md\n",
        "      - explainers/concessions.md\n      - explainers/only-english.md\n"),
        encoding="utf-8")
    out = project.parent / "site"
    result = build_site(project, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _url(site: Path, html: Path) -> str:
    relative = html.relative_to(site).as_posix()
    return SITE_URL + relative.removesuffix("index.html")


def _built(site: Path, url: str) -> bool:
    """Whether ``url`` (absolute, under the site) is a page of the build."""
    assert url.startswith(SITE_URL), url  # never another host
    path = urlsplit(url).path.lstrip("/")
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return file.is_file()


def _alternates(site: Path) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Page URL → (hreflang → URL of its head links, of its switcher's links)."""
    found = {}
    for html in sorted(site.rglob("*.html")):
        text, url = html.read_text(encoding="utf-8"), _url(site, html)
        links = {lang: href for lang, href in LINK.findall(text)}
        switch = {lang: urljoin(url, href) for href, lang in SWITCH.findall(text)}
        found[url] = (links, switch)
    return found


def test_every_alternate_and_switcher_link_leads_to_a_built_page(site: Path) -> None:
    alternates = _alternates(site)
    assert sum(bool(links) for links, _ in alternates.values()) > 150
    missing = [(page, lang, href) for page, (links, switch) in alternates.items()
               for lang, href in [*links.items(), *switch.items()] if not _built(site, href)]
    assert missing == []


def test_each_alternate_set_is_named_alike_by_all_its_pages(site: Path) -> None:
    alternates = _alternates(site)
    for page, (links, switch) in alternates.items():
        if not links:
            continue
        assert links == switch, page  # the switcher offers what the head announces
        assert page in links.values(), page  # a set names its own page too
        for other in links.values():
            assert alternates[other][0] == links, (page, other)


def test_the_english_only_explainer_is_reached_in_each_edition_and_says_so(site: Path) -> None:
    links, _ = _alternates(site)[f"{SITE_URL}explainers/only-english/"]
    assert links == {"en": f"{SITE_URL}explainers/only-english/",
                     "uk": f"{SITE_URL}uk/explainers/only-english/",
                     "ru": f"{SITE_URL}ru/explainers/only-english/"}
    for language in ("uk", "ru"):
        text = (site / language / "explainers" / "only-english" / "index.html").read_text("utf-8")
        assert f'<html lang="{language}"' in text
        assert '<div lang="en">' in text  # the untranslated body is marked as English
        note = editions.translate(language, "Not yet translated: shown in the original "
                                  "language.")
        assert note != "Not yet translated: shown in the original language."
        assert f"<em>{note}</em>" in text
        assert "An explainer nobody translated." in text


def test_an_edition_that_lacks_a_page_gets_no_link_to_it() -> None:
    alternates = Alternates(("en", "uk", "ru"), frozenset({
        "explainers/x.md", "ru/explainers/x.md", "uk/timeline/index.md", "timeline/index.md"}),
        site_url=SITE_URL)
    links = alternates.meta("explainers/x.md")["alternates"]
    assert [alt["lang"] for alt in links] == ["en", "ru"]  # type: ignore[index]
    assert [alt["url"] for alt in links] == [f"{SITE_URL}explainers/x/",  # type: ignore[index]
                                             f"{SITE_URL}ru/explainers/x/"]
    # A page in one edition only has no alternates: no switcher, no hreflang.
    assert "alternates" not in Alternates(("en", "uk"), frozenset({"about.md"})).meta("about.md")
