"""`make build BUILDER=zensical` builds one page per group and stamps the rest
(builders/tree_stamps.py): the site is the one Zensical builds from the full tree, byte for
byte, or, when the theme writes those pages its own way, it is that full build."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.builders.test_builders import verify, zensical_build
from tests.conftest import BIN, copy_project, differing, run_env

pytestmark = pytest.mark.slow


def every_file(site: Path) -> dict[str, bytes]:
    """Zensical's sitemap has no dates: it is compared too."""
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in site.rglob("*") if path.is_file()}


def timeline(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), *args], cwd=project, capture_output=True,
                          text=True, env=run_env(), timeout=300)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed (three editions) built by Zensical both ways."""
    sites = {}
    for way in ("stamped", "full"):
        project = copy_project(tmp_path_factory.mktemp(way) / "project")
        result = zensical_build(project, stamps=way == "stamped")
        assert result.returncode == 0, result.stdout + result.stderr
        sites[way] = project
    return sites


def test_a_stamped_build_is_the_full_build_byte_for_byte(both: dict[str, Path]) -> None:
    stamped, full = (every_file(both[way] / "site") for way in ("stamped", "full"))
    assert len(full) > 1000
    assert differing(stamped, full) == []
    assert verify(both["stamped"], both["stamped"] / "site").returncode == 0


def test_zensical_renders_one_page_of_each_group_and_a_shell(both: dict[str, Path]) -> None:
    project = both["stamped"]
    plan = json.loads((project / "build/stamps.json").read_text(encoding="utf-8"))
    docs = project / "build/docs"
    tree = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    stamped = {page["output"] for group in plan["groups"] for page in group["pages"][1:]}
    # Every edition's event, actor and tag pages are grouped; the source pages are not:
    # about/sources.md (and its copy in each edition) links each of them by file, which
    # Zensical resolves against the files it has.
    folders = {group["shell"].rsplit("/", 2)[0] for group in plan["groups"]}
    assert folders == {f"{edition}{folder}" for edition in ("", "uk/", "ru/")
                       for folder in ("events", "actors", "tags")}
    assert {"sources/guardian-day-89.md", "uk/sources/guardian-day-89.md"} <= tree
    assert len(stamped) > 100
    for output in stamped:  # left out of the tree, written into the site
        assert output.replace("/index.html", ".md") not in tree
        assert (project / "site" / output).is_file()
    shells = [group["shell"] for group in plan["groups"]]
    assert all(plan["name"] in shell for shell in shells)
    assert not any((project / "site" / shell).exists() for shell in shells)
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert plan["name"] not in sitemap and "/events/sochi-meeting/</loc>" in sitemap
    # The tree's pages hold an element naming their HTML, not the HTML.
    timeline_page = (docs / "timeline/index.md").read_text(encoding="utf-8")
    assert timeline_page.rstrip().endswith("></tl-page>")
    assert "jsonld" not in timeline_page


def test_a_theme_that_writes_a_title_its_own_way_gets_the_full_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    main = project / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8") +
                    "\n{% block footer %}<p class=\"shout\">{{ page.title | upper }}</p>"
                    "{{ super() }}{% endblock %}\n", encoding="utf-8")
    steps = [("render", "--out", "build/docs", "--config-out", "mkdocs.rendered.yml",
              "--stamps", "build/stamps.json")]
    assert timeline(project, *steps[0]).returncode == 0
    built = subprocess.run([str(BIN / "zensical"), "build", "--strict", "--clean", "-f",
                            "mkdocs.rendered.yml"], cwd=project, capture_output=True,
                           text=True, env=run_env(), timeout=300)
    assert built.returncode == 0, built.stderr
    before = every_file(project / "site")
    result = timeline(project, "stamp", "build/stamps.json", "site")
    assert result.returncode == 3
    assert "the theme writes these pages differently" in result.stderr
    assert every_file(project / "site") == before  # nothing changed
    result = zensical_build(project)  # as make build: the full tree instead
    assert result.returncode == 0, result.stderr
    page = (project / "site/actors/putin/index.html").read_text(encoding="utf-8")
    assert '<p class="shout">VLADIMIR PUTIN</p>' in page
    assert verify(project, project / "site").returncode == 0


def test_a_page_an_explainer_links_to_by_file_stays_in_the_tree(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    explainer = project / "content/explainers/martial-law.md"
    explainer.write_text(explainer.read_text(encoding="utf-8") +
                         "\nSee [Putin's page](../actors/putin.md).\n", encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "build/docs/actors/putin.md").is_file()
    built = (project / "site/explainers/martial-law/index.html").read_text(encoding="utf-8")
    assert '<a href="../../actors/putin/" rel="noopener noreferrer nofollow">Putin\'s ' \
        'page</a>' in built
    assert verify(project, project / "site").returncode == 0


def test_a_forged_include_in_an_explainer_is_contributor_text(tmp_path: Path) -> None:
    """The element that names our HTML is ours only when its hash is in the manifest:
    a contributor's copy naming anything else is cleaned like any other HTML."""
    project = copy_project(tmp_path / "project", translations=False)
    page = project / "content/about/contributing.md"
    page.write_text(f'---\ntitle: Forged\n---\n<tl-page sha256="{"0" * 64}"></tl-page>\n',
                    encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    built = (project / "site/about/contributing/index.html").read_text(encoding="utf-8")
    assert "tl-page" not in built.split('class="md-content"', 1)[1]


def test_stamps_needs_the_config_and_no_watch(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = timeline(project, "render", "--out", "build/docs", "--stamps", "plan.json")
    assert result.returncode == 2 and "--stamps needs --config-out" in result.stderr
    result = timeline(project, "render", "--out", "build/docs", "--config-out", "r.yml",
                      "--stamps", "plan.json", "--watch")
    assert result.returncode == 2 and "needs every page" in result.stderr


def test_stamps_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    notes = project / "notes.json"
    notes.write_text('{"mine": true}\n', encoding="utf-8")
    result = timeline(project, "render", "--out", "build/docs", "--config-out", "r.yml",
                      "--stamps", "notes.json")
    assert result.returncode == 1 and "was not written by `timeline render`" in result.stderr
    assert notes.read_text(encoding="utf-8") == '{"mine": true}\n'


def test_stamp_says_what_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "plan.json").write_text("not json", encoding="utf-8")
    result = timeline(tmp_path, "stamp", "plan.json", "site")
    assert result.returncode == 1 and "cannot read the plan plan.json" in result.stderr
    result = timeline(tmp_path, "stamp", "missing.json", "site")
    assert result.returncode == 1 and "missing.json" in result.stderr
