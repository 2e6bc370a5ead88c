"""`timeline links` against a local server: 200, 301, 404, a timeout, a TLS error."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.page_server import serving

BIN = Path(sys.executable).parent
SOURCE = """---
title: {name}
outlet: Test outlet
published: 2022-05-23
url: {url}{extra}
---
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    with serving() as plain, serving(tls_dir=tmp_path_factory.mktemp("tls")) as tls:
        yield plain, tls


def make_project(root: Path, urls: dict[str, tuple[str, str]]) -> Path:
    (root / "content/sources").mkdir(parents=True)
    (root / "content/events").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Links\ndocs_dir: content\n", encoding="utf-8")
    for name, (url, extra) in urls.items():
        (root / "content/sources" / f"{name}.md").write_text(
            SOURCE.format(name=name, url=url, extra=extra), encoding="utf-8")
    return root


def links(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), "links", "--timeout", "3", *args],
                          cwd=project, capture_output=True, text=True, timeout=120)


ARCHIVED = "\narchived_url: https://web.archive.org/web/2022/https://example.org/gone"


@pytest.fixture()
def project(tmp_path: Path, servers: tuple[str, str]) -> Path:
    plain, tls = servers
    return make_project(tmp_path, {
        "ok": (f"{plain}/pages/wire-sochi.html", ""),
        "moved": (f"{plain}/moved", ""),
        "gone": (f"{plain}/gone", ARCHIVED + "\n# checked by hand in May\naccessed: 2022-05-24"),
        "gone-unarchived": (f"{plain}/gone?x=1", ""),
        "slow": (f"{plain}/slow", ""),
        "no-head": (f"{plain}/no-head", ""),
        "tls": (f"{tls}/pages/wire-sochi.html", ""),
    })


def test_dead_links_are_reported_on_their_url_line(project: Path, servers: tuple[str, str]
                                                   ) -> None:
    plain, tls = servers
    result = links(project, "--allow-private")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"content/sources/gone-unarchived.md:5: error: url: dead link (HTTP 404): "
        f"{plain}/gone?x=1; find a snapshot (e.g. on web.archive.org), add archived_url:, "
        "then set url_status: dead (or run timeline links --write)",
        f"content/sources/gone.md:5: error: url: dead link (HTTP 404): {plain}/gone; run "
        "timeline links --write to mark it",
        f"content/sources/moved.md:5: note: url: moved permanently to "
        f"{plain}/pages/wire-sochi.html; cite the new address if it is the same page",
        f"content/sources/slow.md:5: warning: url: could not be checked (timeout: "
        f"{plain}/slow did not answer in time): {plain}/slow; it may be a passing failure; "
        "try again later",
        next(line for line in result.stdout.splitlines()
             if line.startswith("content/sources/tls.md:5: warning: url: could not be checked "
                                "(TLS error with 127.0.0.1: self-signed certificate)")),
    ]
    assert result.stderr.endswith("7 links: 3 live, 2 dead, 2 could not be checked\n")


def test_write_changes_only_url_status_of_dead_archived_sources(project: Path) -> None:
    sources = project / "content/sources"
    before = {path.name: path.read_bytes() for path in sources.iterdir()}
    result = links(project, "--allow-private", "--write")
    assert result.returncode == 1
    assert "timeline: links: content/sources/gone.md: url_status: dead" in result.stderr
    assert ("content/sources/gone-unarchived.md:5: error: url_status: not written: a dead url "
            "needs an archived_url first") in result.stdout
    after = {path.name: path.read_bytes() for path in sources.iterdir()}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"gone.md"}
    assert after["gone.md"] == before["gone.md"].replace(
        b"accessed: 2022-05-24\n", b"accessed: 2022-05-24\nurl_status: dead\n")
    check = subprocess.run([str(BIN / "timeline"), "check"], cwd=project, capture_output=True,
                           text=True, timeout=120)
    assert "gone.md" not in check.stdout
    again = links(project, "--allow-private")
    assert "content/sources/gone.md:5: note: url: still dead (HTTP 404)" in again.stdout


def test_without_allow_private_local_urls_are_refused_not_fetched(project: Path) -> None:
    result = links(project)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 7
    assert all(": warning: url: could not be checked (refused: 127.0.0.1 is a private or "
               "local address" in line for line in lines)


def test_a_live_url_marked_dead_is_reported_not_flipped(tmp_path: Path,
                                                        servers: tuple[str, str]) -> None:
    plain, _ = servers
    project = make_project(tmp_path, {"back": (f"{plain}/pages/wire-sochi.html",
                                               "\nurl_status: dead" + ARCHIVED)})
    kept = (project / "content/sources/back.md").read_bytes()
    result = links(project, "--allow-private", "--write")
    assert result.returncode == 0
    assert result.stdout.startswith(f"content/sources/back.md:6: note: url_status: dead, but "
                                    f"{plain}/pages/wire-sochi.html answers (HTTP 200)")
    assert (project / "content/sources/back.md").read_bytes() == kept
