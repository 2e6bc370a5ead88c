"""Every file under content/ is content, a page, an allowed asset, or reported (issue 9.3).

One table: a file a pull request might add, and what `timeline check` says about it
(exact path, line and message start), or None when it is published as it is.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env

EVENT = "---\ntitle: T\ndate: 2022-05-23\nsources: [interreviewed-lukashenko-letter]\n---\nB.\n"
ACTOR = "---\nname: N\n---\nB.\n"
SVG_OK = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><path id="a" '
          'd="M0 0h10"/></defs><use href="#a"/><text style="fill:red">ok</text></svg>')
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'
HTML_PAGE = "<!doctype html><p>hi<script>alert(1)</script>"

# path under content/, file text, (line, message start) of the error/warning or None
FILES: list[tuple[str, str, tuple[int, str, str] | None]] = [
    # raw pages and programs
    ("explainers/raw.html", HTML_PAGE, (1, "error", "raw HTML pages are not published")),
    ("explainers/raw.HTM", "<p>x</p>", (1, "error", "raw HTML pages are not published")),
    ("page.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'/>",
     (1, "error", "raw HTML pages are not published")),
    ("transform.xsl", "<x/>", (1, "error", "'.xsl' files are programs")),
    # SVG and XML: inert ones are assets, active ones are reported on their line
    ("assets/ok.svg", SVG_OK, None),
    ("assets/script.svg", SVG.format("<script>alert(1)</script>"),
     (2, "error", "not published: a <script> element")),
    ("assets/onload.svg", SVG.format('<rect onload="alert(1)"/>'),
     (2, "error", "not published: an event handler (onload=)")),
    ("assets/use.svg", SVG.format('<use href="//evil.example/s.svg#a"/>'),
     (2, "error", "not published: href='//evil.example/s.svg#a' loads")),
    ("assets/xlink.svg", SVG.format('<a xlink:href="javascript:alert(1)"><text>x</text></a>'),
     (2, "error", "not published: href='javascript:alert(1)' loads")),
    ("assets/backslash.svg", SVG.format('<image href="/\\evil.example/p.png"/>'),
     (2, "error", "not published: href='/\\\\evil.example/p.png' loads")),
    ("assets/foreign.svg", SVG.format("<foreignObject><p>x</p></foreignObject>"),
     (2, "error", "not published: a <foreignObject> element")),
    ("assets/animate.svg", SVG.format('<a><set attributeName="href" to="javascript:x"/></a>'),
     (2, "error", "not published: an animation that rewrites a link")),
    ("assets/css.svg", SVG.format("<style>rect{fill:url(https://evil.example/f)}</style>"),
     (2, "error", "not published: CSS url('https://evil.example/f') loads another host")),
    ("assets/import.svg", SVG.format("<style>@import '//evil.example/x.css';</style>"),
     (2, "error", "not published: a CSS @import")),
    ("assets/entity.svg", '<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg/>',
     (1, "error", "not published: an entity declaration")),
    ("assets/broken.svg", "<svg><g></svg>", (1, "error", "not published: not well-formed XML")),
    ("data/feed.xml", "<?xml-stylesheet href='t.xsl'?><rss/>",
     (1, "error", "not published: an xml-stylesheet instruction")),
    ("data/page.xml", "<x><h:script xmlns:h='http://www.w3.org/1999/xhtml'/></x>",
     (1, "error", "not published: an HTML element <script>")),
    ("data/ok.xml", "<gpx><trk><name>route</name></trk></gpx>", None),
    # scripts and style sheets the site does not load
    ("assets/extra.js", "alert(1)", (1, "error", "a script or style sheet that the site")),
    ("assets/extra.css", "p{}", (1, "error", "a script or style sheet that the site")),
    ("assets/site.css", "p{}", None),  # listed in mkdocs.yml extra_css
    ("assets/site.js", "/* loaded by the theme overrides */", None),
    # markdown spelt otherwise
    ("events/shouting.MD", EVENT, (1, "error", "event files must end in '.md', not '.MD'")),
    ("events/mixed.Md", EVENT, (1, "error", "event files must end in '.md', not '.Md'")),
    ("events/long.markdown", EVENT,
     (1, "error", "event files must end in '.md', not '.markdown'")),
    ("actors/caps.MARKDOWN", ACTOR, (1, "error", "actor files must end in '.md'")),
    ("sources/text.MD", "---\ntitle: T\n---\narchived text",
     (1, "error", "source files must end in '.md'")),
    ("about/notes.MD", "# Notes", (1, "error", "'.MD' is not read as markdown")),
    ("about/notes2.markdown", "# Notes", None),  # MkDocs renders it (and we sanitise it)
    # pages and files at URLs the build generates
    ("timeline.md", "# Mine", (1, "error", "published at timeline/, where the build puts the "
                                          "generated timeline/index.md")),
    ("timeline/index.md", "# Mine", (1, "error", "published at timeline/, where the build")),
    ("actors.md", "# Mine", (1, "error", "published at actors/, where the build puts the "
                                        "generated actors/index.md")),
    ("sources/index.md", "---\ntitle: T\noutlet: O\npublished: 2022-05-01\n---\nx",
     (1, "error", "the id 'index' is taken: sources/ is the generated sources/index.md")),
    ("sources.md", "# Mine", (1, "error", "published at sources/, where the build puts the "
                                          "generated sources/index.md")),
    ("timeline.json", "{}", (1, "error", "published at timeline.json, where the build puts")),
    ("timeline/notes.md", "# Mine", (1, "error", "published at timeline/notes/, inside "
                                                "timeline/, which the build generates")),
    ("assets/timeline/timeline.js", "alert(1)", (1, "error", "published at")),
    ("assets/javascripts/bundle.js", "alert(1)", (1, "error", "published at")),
    ("schema/event.json", "{}", (1, "error", "published at schema/event.json, inside")),
    # ordinary assets, and types we do not know
    ("assets/photo.jpg", "jpg", None),
    ("assets/report.pdf", "%PDF", None),
    ("assets/tool.exe", "MZ", (1, "warning", "'.exe' is not a known asset type")),
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    project = copy_project(tmp_path_factory.mktemp("inventory") / "project")
    for relative, text, _ in FILES:
        path = project / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if relative != "assets/site.js":
            path.write_text(text, encoding="utf-8")
    result = subprocess.run([str(BIN / "timeline"), "check", "--format", "json"], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=120)
    assert result.returncode == 1, result.stderr
    return project, json.loads(result.stdout)


@pytest.mark.parametrize(("relative", "text", "expected"), FILES, ids=[f[0] for f in FILES])
def test_each_file_is_published_or_reported(checked: tuple[Path, list[dict]], relative: str,
                                            text: str, expected: tuple[int, str, str] | None
                                            ) -> None:
    _, diagnostics = checked
    mine = [d for d in diagnostics if d["path"] == f"content/{relative}"]
    if expected is None:
        assert mine == []
        return
    line, severity, start = expected
    assert [(d["line"], d["severity"]) for d in mine] == [(line, severity)], mine
    assert mine[0]["message"].startswith(start), mine[0]["message"]
    assert mine[0]["hint"]


def test_nothing_else_is_reported(checked: tuple[Path, list[dict]]) -> None:
    _, diagnostics = checked
    files = {f"content/{relative}" for relative, _, _ in FILES}
    # Notes are hints (the seed cites reports we hold no text of), not problems.
    assert [d for d in diagnostics if d["path"] not in files and d["severity"] != "note"] == []


@pytest.mark.slow
def test_withheld_files_are_not_in_the_site(tmp_path: Path) -> None:
    """A build that goes on despite warnings (no --strict) still publishes nothing withheld;
    allowed assets are copied."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "assets" / "tool.exe").write_text("MZ", encoding="utf-8")
    (project / "content" / "assets" / "ok.svg").write_text(SVG_OK, encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-d", str(site)], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "content/assets/tool.exe:1: warning:" in result.stderr
    assert not (site / "assets" / "tool.exe").exists()
    assert (site / "assets" / "ok.svg").read_text(encoding="utf-8") == SVG_OK
    assert (site / "assets" / "site.js").exists()


@pytest.mark.slow
def test_the_strict_build_fails_on_an_active_file_and_names_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    (project / "content" / "raw.html").write_text(HTML_PAGE, encoding="utf-8")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d",
                             str(tmp_path / "site")], cwd=project, capture_output=True,
                            text=True, env=run_env(), timeout=300)
    assert result.returncode == 1
    assert "content/timeline.md:1: error: published at timeline/, where the build puts the " \
           "generated timeline/index.md" in result.stderr
    assert "content/raw.html:1: error: raw HTML pages are not published" in result.stderr
