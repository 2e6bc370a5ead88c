"""`timeline render --out DIR` (CONTRACT section 4): the docs tree any builder reads."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import BIN, ROOT, copy_project, run_env
from timeline_builder.site.outputs import page_url, root_of


def render(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), "render", *args], cwd=project,
                          capture_output=True, text=True, env=run_env(), timeout=120)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # This checkout itself, as built_site is: events show when their file last changed in
    # its git history, which a copy outside git does not have.
    out = tmp_path_factory.mktemp("render") / "docs"
    result = render(ROOT, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize(("path", "url", "root"), [
    ("index.md", "", ""),
    ("timeline/index.md", "timeline/", "../"),
    ("timeline/2022/index.md", "timeline/2022/", "../../"),
    ("actors/putin.md", "actors/putin/", "../../"),
    ("about/README.md", "about/", "../"),
])
def test_page_urls_are_those_builders_give(path: str, url: str, root: str) -> None:
    assert page_url(path) == url
    assert root_of(url) == root


def test_page_urls_without_directory_urls() -> None:
    assert page_url("actors/putin.md", directory_urls=False) == "actors/putin.html"
    assert root_of(page_url("actors/putin.md", directory_urls=False)) == "../"


def test_tree_holds_generated_pages_data_and_explainers_but_no_raw_content(
        rendered: Path) -> None:
    files = tree(rendered)
    for path in ("timeline/index.md", "actors/index.md", "sources/index.md",
                 "actors/putin.md", "actors/lukashenko.md",
                 "sources/interreviewed-lukashenko-letter.md", "timeline.json",
                 "timeline.ics", "feed.xml", "assets/timeline/timeline.js",
                 "assets/timeline/timeline.css", "index.md", "explainers/concessions.md",
                 "about/dating.md", "assets/site.css"):
        assert path in files, path
    # events/<id>.md are our event pages, not the contributor's event files.
    for path in [p for p in files if p.startswith("events/") and p.endswith(".md")]:
        source = (ROOT / "content" / path).read_text(encoding="utf-8")
        assert files[path] != source.encode() and b"\nsources:" not in files[path]
    # Source and actor pages are ours, not the contributor's files.
    archived = (ROOT / "content/sources/interreviewed-lukashenko-letter.md").read_text()
    body = max(archived.split("---\n", 2)[2].splitlines(), key=len)[:200]
    assert len(body) > 100 and all(body.encode() not in data for data in files.values())


def test_generated_pages_are_markdown_with_front_matter_and_our_html(rendered: Path) -> None:
    text = (rendered / "actors/putin.md").read_text()
    meta = front_matter(text)
    assert meta["title"] == "Vladimir Putin"
    assert meta["hide"] == ["toc"]
    body = text.split("---\n", 2)[2]
    assert body.lstrip().startswith('<div class="tl-profile">')
    # Relative links start from the source file's folder (actors/), as builders of
    # mkdocs.yml sites read them; the built page at actors/putin/ has ../../timeline/.
    assert 'href="../timeline/#sochi-meeting"' in body
    timeline = (rendered / "timeline/index.md").read_text()
    assert front_matter(timeline)["title"] == "Timeline"
    assert '<article class="tl-event' in timeline and 'id="sochi-meeting"' in timeline


def test_explainers_get_their_excerpts_and_the_home_its_featured_events(
        rendered: Path) -> None:
    concessions = (rendered / "explainers/concessions.md").read_text()
    assert "[[timeline" not in concessions
    assert '<div class="tl-excerpt"' in concessions
    assert 'href="../timeline/#' in concessions  # from the file's folder, explainers/
    home = (rendered / "index.md").read_text()
    assert '<section class="tl-featured"' in home and 'href="timeline/#' in home


def test_render_is_deterministic(tmp_path: Path, rendered: Path) -> None:
    assert render(ROOT, "--out", str(tmp_path / "out")).returncode == 0
    assert tree(tmp_path / "out") == tree(rendered)


def test_broken_content_writes_nothing_and_keeps_the_previous_tree(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert render(project, "--out", "out").returncode == 0
    before = tree(project / "out")
    event = project / "content/events/sochi-meeting.md"
    event.write_text(event.read_text().replace("date:", "dat:", 1))
    result = render(project, "--out", "out")
    assert result.returncode == 1
    assert "content/events/sochi-meeting.md:" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert tree(project / "out") == before
    assert sorted(p.name for p in (project).iterdir()) == \
        ["content", "mkdocs.yml", "out", "overrides"]  # no staging left, no cache inside


def test_a_bad_embed_is_an_error_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content/explainers/martial-law.md"
    lines = page.read_text().splitlines()
    lines += ["", "[[timeline limit=zero]]", ""]
    page.write_text("\n".join(lines))
    result = render(project, "--out", "out")
    assert result.returncode == 1
    assert (f"content/explainers/martial-law.md:{len(lines) - 1}: error: timeline embed: "
            "limit must be a positive number") in result.stderr
    assert not (project / "out").exists()


@pytest.mark.parametrize("out", ["content", "content/generated", "."])
def test_render_never_writes_over_or_into_the_content(tmp_path: Path, out: str) -> None:
    project = copy_project(tmp_path / "project")
    before = tree(project / "content")
    result = render(project, "--out", out)
    assert result.returncode == 1
    assert "overlaps the content folder" in result.stderr
    assert tree(project / "content") == before


def test_render_never_replaces_a_folder_it_did_not_write(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("keep me")
    result = render(project, "--out", "notes")
    assert result.returncode == 1
    assert "did not write" in result.stderr
    assert (project / "notes" / "mine.txt").read_text() == "keep me"


def test_missing_out_is_a_usage_error(tmp_path: Path) -> None:
    result = render(copy_project(tmp_path / "project"))
    assert result.returncode == 2
    assert "--out" in result.stderr


def test_config_out_builds_the_tree_without_the_plugin(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = render(project, "--out", "build/docs", "--config-out", "mkdocs.rendered.yml")
    assert result.returncode == 0, result.stderr
    text = (project / "mkdocs.rendered.yml").read_text()
    assert "!ENV" in text  # tags survive untouched
    assert "slugify: !!python/object/apply:pymdownx.slugs.slugify" in text
    config = yaml.load(text, Loader=_AnyTagLoader)  # noqa: S506 - constructs plain values
    assert config["docs_dir"] == "build/docs"
    assert config["plugins"] == ["search"]
    assert "assets/timeline/timeline.css" in config["extra_css"]
    # An ES module, in the form both MkDocs and Zensical read.
    assert {"path": "assets/timeline/timeline.js", "type": "module"} in config["extra_javascript"]
    assert "/actors/putin.md" in config["not_in_nav"].splitlines()
    assert "/actors/index.md" not in config["not_in_nav"].splitlines()
    # Run again: it replaces its own file, never someone else's.
    assert render(project, "--out", "build/docs", "--config-out",
                  "mkdocs.rendered.yml").returncode == 0
    mine = project / "mine.yml"
    mine.write_text("site_name: mine\n")
    result = render(project, "--out", "build/docs", "--config-out", "mine.yml")
    assert result.returncode == 1 and mine.read_text() == "site_name: mine\n"


class _AnyTagLoader(yaml.SafeLoader):
    pass


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: f"!{suffix}")
# mkdocs.yml's toc slugify (!!python/object/apply:pymdownx.slugs.slugify), kept as its name.
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: f"!!python/{suffix}")


def test_watch_renders_again_after_a_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    watcher = subprocess.Popen([str(BIN / "timeline"), "render", "--out", "out", "--watch"],
                               cwd=project, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=run_env())
    try:
        page = project / "out/actors/putin.md"
        _wait(lambda: page.exists())
        actor = project / "content/actors/putin.md"
        actor.write_text(actor.read_text().replace("name: Vladimir Putin", "name: V. Putin"))
        _wait(lambda: front_matter(page.read_text())["title"] == "V. Putin")
    finally:
        watcher.terminate()
        watcher.communicate(timeout=30)


def _wait(condition, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)



def test_undated_sources_render_as_nd_everywhere(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Source page, lineage, sources index, event citations, JSON-LD, ICS and CSV: an
    undated source (issue 19) is "n.d." or null, never a crash or a made-up date."""
    from tests.checks.test_sourcing import UNDATED_SOURCES, event, write
    from timeline_builder.builders.pipeline import build_timeline
    from timeline_builder.exports import FORMATS
    from timeline_builder.site.render import Renderer

    monkeypatch.chdir(tmp_path)
    sources = {**UNDATED_SOURCES, "relay": (
        "title: Relay\noutlet: Wire\npublished: 2022-05-24\nderived_from: docket", "")}
    settings = write(tmp_path, {"filing": event(
        "title: F", "date: 2022-05-20", "sources: [docket, relay]", body="Filed [@docket].")},
        sources=sources)
    timeline, problems = build_timeline(settings)
    assert [p.text() for p in problems if p.severity == "error"] == []
    renderer = Renderer(timeline, settings)
    docket = renderer.source_page(timeline.source("docket"), "../../")  # type: ignore[arg-type]
    assert "<dt>Published</dt><dd>n.d.</dd>" in docket
    assert "<a href=\"../../sources/relay/\">Wire: Relay</a> (<time datetime=\"2022-05-24\">" \
        in docket
    relay = renderer.source_page(timeline.source("relay"), "../../")  # type: ignore[arg-type]
    assert "PACER: Case 1:22-cv-00123</a> (n.d.), the original" in relay
    assert "PACER, n.d." in renderer.sources_index("../")
    page = renderer.timeline_page("../")
    assert "PACER (n.d.)" in page
    graph = renderer.source_data(timeline.source("docket"))  # type: ignore[arg-type]
    assert graph is not None
    nodes = [n for n in graph["@graph"] if n.get("@type") == "CreativeWork"]
    assert nodes and all(n["datePublished"] is None for n in nodes if "docket" in n["@id"])
    for form, exporter in FORMATS.items():
        assert exporter(timeline, settings), form


def test_a_pasted_url_is_kept_as_written_and_published_percent_encoded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.checks.test_sourcing import SOURCES, event, write
    from timeline_builder.builders.pipeline import build_timeline
    from timeline_builder.exports.json_export import timeline_record
    from timeline_builder.site.render import Renderer

    monkeypatch.chdir(tmp_path)
    written = "https://vault.fbi.gov/Christopher (Biggie Smalls) Wallace"
    encoded = "https://vault.fbi.gov/Christopher%20(Biggie%20Smalls)%20Wallace"
    sources = {**SOURCES, "vault": (f"title: Vault\noutlet: FBI\nurl: {written}\n"
                                    "archived_url: https://web.archive.org/web/2022/пример.рф",
                                    "")}
    settings = write(tmp_path, {"e": event("title: E", "date: 2022-05-20", "sources: [vault]")},
                     sources=sources)
    timeline, problems = build_timeline(settings)
    assert [p.text() for p in problems if p.severity == "error"] == []
    assert timeline.source("vault").url == written  # type: ignore[union-attr]
    page = Renderer(timeline, settings).source_page(timeline.source("vault"), "../../")  # type: ignore[arg-type]
    assert f'<a href="{encoded}" rel="noopener noreferrer">{written}</a>' in page
    archived = "%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84"
    assert f'href="https://web.archive.org/web/2022/{archived}"' in page
    graph = Renderer(timeline, settings).source_data(timeline.source("vault"))  # type: ignore[arg-type]
    assert any(n.get("url") == encoded for n in graph["@graph"])  # type: ignore[index]
    assert [s["url"] for s in timeline_record(timeline)["sources"] if s["id"] == "vault"] == \
        [encoded]
