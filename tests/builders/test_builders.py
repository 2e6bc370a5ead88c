"""Both supported builders build the same site (CONTRACT section 6, "Builders").

MkDocs runs the plugin; Zensical runs no plugins and builds the tree `timeline render`
writes. Both sites must hold the same pages, the same events with the same dates, the
same data files, no archived source text, and a timeline whose filters work in Chromium.
`timeline verify-site` is the guard that says so after every build; it is tested here
against sites that lost something.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.conftest import BIN, ROOT, build_site, copy_project, run_env
from timeline_builder.builders.pipeline import load_content, outputs_of
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.site.markdown_ext import excerpt_html
from timeline_builder.site.outputs import page_url

pytestmark = pytest.mark.slow
BUILDERS = ("mkdocs", "zensical")
EVENT = re.compile(r'<article[^>]*\sid="([^"]+)"[^>]*>(.*?)</article>', re.S)
TIME = re.compile(r'<time datetime="([^"]+)"')


def zensical_build(project: Path, *, stamps: bool = True) -> subprocess.CompletedProcess[str]:
    """What `make build BUILDER=zensical` does: render (with --stamps), build the generated
    config, stamp the pages left out; when stamp says the theme writes them its own way
    (exit 3), render the full tree and build it. ``stamps=False``: the full tree only."""
    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / command[0]), *command[1:]], cwd=project,
                              capture_output=True, text=True, env=run_env(), timeout=300)

    render = ("timeline", "render", "--out", "build/docs", "--config-out",
              "mkdocs.rendered.yml")
    build = ("zensical", "build", "--strict", "--clean", "-f", "mkdocs.rendered.yml")
    steps = [(*render, "--stamps", "build/stamps.json"), build,
             ("timeline", "stamp", "build/stamps.json", "site")] if stamps else [render, build]
    for step in steps:
        result = run(*step)
        if result.returncode == 3 and step[1] == "stamp":
            return zensical_build(project, stamps=False)
        if result.returncode:
            return result
    return result


def verify(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), "verify-site", str(site)], cwd=project,
                          capture_output=True, text=True, env=run_env(), timeout=300)


@pytest.fixture(scope="module")
def sites(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"mkdocs": built_site, "zensical": project / "site"}


# "Entry last changed" comes from the git history of the checkout built: this one has it,
# the scratch copy the Zensical site is built from has none (tests/checks/test_sourcing.py).
_HISTORY = re.compile(r'<p class="tl-changed">.*?</p>')


def without_history(html: str) -> str:
    return _HISTORY.sub("", html)


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def events_on(site: Path, page: str = "timeline/index.html") -> dict[str, list[str]]:
    text = (site / page).read_text(encoding="utf-8")
    return {event_id: TIME.findall(body) for event_id, body in EVENT.findall(text)}


def test_each_site_is_built_by_its_builder(sites: dict[str, Path]) -> None:
    generator = re.compile(r'<meta name="generator" content="([a-z]+)-')
    for builder, site in sites.items():
        text = (site / "index.html").read_text(encoding="utf-8")
        found = generator.search(text)
        assert found and found.group(1) == builder


def test_same_pages(sites: dict[str, Path]) -> None:
    data = json.loads((ROOT / "tests/golden/seed-export.json").read_text())
    expected = {"index.html", "timeline/index.html", "actors/index.html", "sources/index.html",
                *(f"actors/{a['id']}/index.html" for a in data["actors"]),
                *(f"sources/{s['id']}/index.html" for s in data["sources"])}
    built = {builder: pages(site) - {"404.html"} for builder, site in sites.items()}
    assert expected <= built["mkdocs"]
    assert built["mkdocs"] == built["zensical"]
    # events/ holds our event pages and their embed views (never the contributor's files).
    assert {p for p in built["zensical"] if p.startswith("events/")} == {
        f"events/{e['id']}/{name}" for e in data["events"]
        for name in ("index.html", "embed/index.html")}


def test_same_events_with_the_same_dates(sites: dict[str, Path]) -> None:
    data = json.loads((sites["mkdocs"] / "timeline.json").read_text(encoding="utf-8"))
    expected = {e["id"]: e["date"] for e in data["events"]}
    for builder, site in sites.items():
        found = events_on(site)
        assert set(found) == set(expected), builder
        assert all(expected[event_id] in times for event_id, times in found.items()), builder


def test_same_data_files(sites: dict[str, Path]) -> None:
    names = ["timeline.json", "timeline.ics", "feed.xml", "schema/event.json",
             "schema/actor.json", "schema/source.json", "assets/timeline/timeline.js",
             "assets/timeline/timeline.css"]
    for name in names:
        assert (sites["mkdocs"] / name).read_bytes() == (sites["zensical"] / name).read_bytes()


def test_same_generated_html_under_both_builders(sites: dict[str, Path]) -> None:
    """One implementation: each generated page's HTML, and each excerpt in an explainer,
    is published byte for byte the same by the plugin (MkDocs) and from the tree
    `timeline render` wrote (Zensical)."""
    settings, _ = read_mkdocs_yml(ROOT / "mkdocs.yml")
    outputs = outputs_of(load_content(settings), settings)
    assert len(outputs.pages) >= 20
    for page in outputs.pages:
        for builder, site in sites.items():
            built = (site / page_url(page.path) / "index.html").read_text(encoding="utf-8")
            assert without_history(page.content.strip()) in without_history(built), \
                f"{builder}: {page.path}"
    written = "[[timeline actor=podolyak actor=yermak actor=budanov actor=duda]]"
    assert written in (ROOT / "content/explainers/concessions.md").read_text()
    excerpt, problem = excerpt_html(outputs.renderer, written[10:-2], written, "../../")
    assert problem is None and 'href="../../timeline/#' in excerpt
    for builder, site in sites.items():
        built = (site / "explainers/concessions/index.html").read_text(encoding="utf-8")
        assert excerpt.strip() in built, builder


def archived_passages() -> list[str]:
    """Passages of each source's archived text that no quote shares 30 characters with."""
    data = json.loads((ROOT / "tests/golden/seed-export.json").read_text())
    quotes = [q["text"] for e in data["events"] for q in e["quotes"]]

    def quoted(passage: str) -> bool:
        return any(passage[i:i + 30] in quote for quote in quotes
                   for i in range(len(passage) - 30))

    passages = []
    for path in sorted((ROOT / "content/sources").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        lines = [line.strip() for line in body.splitlines() if len(line.strip()) > 100]
        passages += [line[10:90] for line in lines if not quoted(line[10:90])][:3]
    assert len(passages) >= 4
    return passages


@pytest.mark.parametrize("builder", BUILDERS)
def test_an_editions_nav_is_its_own_under_both_builders(sites: dict[str, Path],
                                                         builder: str) -> None:
    """Both themes render the edition's nav (page.meta.edition_nav) with their own
    nav-item.html; each marks the current page its own way (Material: ``== page``,
    Zensical: ``active``)."""
    from tests.builders.test_edition_pages import nav_of

    page = sites[builder] / "uk/explainers/sochi-meeting/index.html"
    links, sections = nav_of(page.read_text(encoding="utf-8"))
    assert sections == ["Пояснення", "Про сайт"]
    assert ("../../timeline/", "Хронологія", False) in links
    assert ("../lukashenko-letter/", "Лист Лукашенка до ООН", False) in links
    assert [title for _, title, current in links if current] == [
        "Зустріч у Сочі 23 травня 2022 року"]
    # mkdocs.yml's unicode slugify, read by both: headings keep their letters in their ids.
    text = page.read_text(encoding="utf-8")
    assert '<h2 id="що-було-сказано"' in text
    # Its excerpt and citations are the edition's, leading into it (render expands them).
    assert "Саміт ОДКБ у Москві" in text and 'href="../../timeline/#csto-summit"' in text
    assert 'aria-label="Джерело 1: CNN: ' in text
    # The logo leads to /uk/, in the header and the drawer.
    assert text.count('<a href="../../" title="Belarus, Russia and the war: May 2022" '
                      'class="md-') == 2


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_archived_text_anywhere(sites: dict[str, Path], builder: str) -> None:
    passages = archived_passages()
    for path in sites[builder].rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".txt"):
            text = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
            text = json.dumps(text, ensure_ascii=False)[1:-1] + text  # search.json escapes
            leaked = [p for p in passages if p in text]
            assert not leaked, f"{path}: {leaked[0]}"


@pytest.mark.parametrize("builder", BUILDERS)
def test_verify_site_passes_a_complete_site(sites: dict[str, Path], builder: str) -> None:
    result = verify(ROOT, sites[builder])
    assert result.returncode == 0, result.stderr


def test_verify_site_fails_what_zensical_alone_builds(tmp_path: Path) -> None:
    """The failure this guards against: Zensical on the raw content folder builds without
    a word, drops every generated page and publishes the archived texts."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run([str(BIN / "zensical"), "build", "-f", "mkdocs.yml"], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=300)
    assert result.returncode == 0, result.stderr
    result = verify(project, project / "site")
    assert result.returncode == 1
    assert "page missing: timeline/index.md" in result.stderr
    assert "file missing: timeline.json" in result.stderr
    assert "archived text of source interreviewed-lukashenko-letter is published" \
        in result.stderr
    assert "page actors/putin.md is not the rendered one" in result.stderr


@pytest.mark.parametrize(("damage", "message"), [
    (lambda site: (site / "actors/putin/index.html").unlink(),
     "page missing: actors/putin.md"),
    (lambda site: (site / "explainers/martial-law/index.html").unlink(),
     "page missing: explainers/martial-law.md"),
    (lambda site: (site / "timeline/index.html").write_text(
        EVENT.sub("", (site / "timeline/index.html").read_text(), count=1)),
     "event missing: no element id=\"full-scale-invasion\""),
    (lambda site: (site / "timeline/index.html").write_text(
        (site / "timeline/index.html").read_text().replace(
            '<time datetime="2022-05-23">', '<time datetime="2022-05-24">')),
     "event missing: no element id=\"sochi-meeting\" holding <time datetime=\"2022-05-23\">"),
    (lambda site: (site / "feed.xml").unlink(), "file missing: feed.xml"),
    (lambda site: (site / "timeline.json").write_text("{}"),
     "file differs from the rendered timeline.json"),
])
def test_verify_site_names_what_is_missing(built_site: Path, tmp_path: Path, damage,  # type: ignore[no-untyped-def]
                                           message: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    damage(site)
    result = verify(ROOT, site)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr


def test_verify_site_without_a_site_is_a_usage_error(tmp_path: Path) -> None:
    result = verify(ROOT, tmp_path / "nothing")
    assert result.returncode == 2
    assert "no built site" in result.stderr


def test_the_mkdocs_fixture_is_a_real_build(tmp_path: Path) -> None:
    """Sanity for the comparison: the plugin build fails on broken content, so the two
    sites above cannot both be empty shells."""
    project = copy_project(tmp_path / "project")
    event = project / "content/events/sochi-meeting.md"
    event.write_text(event.read_text().replace("title:", "titel:", 1))
    assert build_site(project, tmp_path / "site").returncode == 1
    assert zensical_build(project).returncode == 1


@pytest.mark.browser
@pytest.mark.parametrize("builder", BUILDERS)
def test_timeline_filters_work_in_chromium(sites: dict[str, Path], builder: str, serve,  # type: ignore[no-untyped-def]
                                           browser: Browser) -> None:
    data = json.loads((sites[builder] / "timeline.json").read_text(encoding="utf-8"))
    actor = "lukashenko"
    chosen = {e["id"] for e in data["events"] if actor in e["actors"]}
    others = {e["id"] for e in data["events"]} - chosen
    assert chosen and others
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{serve(sites[builder])}timeline/?actor={actor}")
    page.wait_for_function(
        "ids => ids.every(id => document.getElementById(id).getClientRects().length === 0)",
        arg=sorted(others))
    assert all(page.locator(f"[id='{event_id}']").is_visible() for event_id in chosen)
    # Unfiltered again through the page's own control: every event is back.
    page.goto(f"{serve(sites[builder])}timeline/")
    page.wait_for_function(
        "ids => ids.every(id => document.getElementById(id).getClientRects().length > 0)",
        arg=sorted(chosen | others))
    assert not errors
    page.close()


HOSTILE = """
<script>alert("script")</script>
<p onclick="alert('click')">Click</p>
<a href="javascript:alert('href')">link</a>
<img src="https://tracker.example/pixel.gif" alt="">
<div class="tl" data-tl-root="https://evil.example/">ours?</div>
"""


@pytest.mark.parametrize("builder", BUILDERS)
def test_explainer_html_is_cleaned_under_both_builders(tmp_path: Path, builder: str) -> None:
    """Explainers are contributor content too: under Zensical, the config render writes
    runs the plugin's page cleaning as a Markdown extension, and our own HTML stays.
    (Without the translations: editing the original would make them stale, a warning.)"""
    project = copy_project(tmp_path / "project", translations=False)
    page = project / "content/explainers/martial-law.md"
    page.write_text(page.read_text() + "\n" + HOSTILE)
    if builder == "mkdocs":
        result = build_site(project, project / "site")
    else:
        result = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    built = (project / "site/explainers/martial-law/index.html").read_text(encoding="utf-8")
    content = built.split('class="md-content"', 1)[1]
    for bad in ('alert("script")', "onclick", "javascript:alert", "tracker.example",
                "evil.example"):
        assert bad not in content, bad
    assert verify(project, project / "site").returncode == 0
