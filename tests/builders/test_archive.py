"""`timeline archive` against saved pages served from a local HTTP server."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.page_server import MEMENTO, serving
from timeline_builder.builders.archive import extract
from timeline_builder.core import fetch

BIN = Path(sys.executable).parent
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving() as base:
        yield base


def timeline(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), *args], cwd=project, capture_output=True,
                          text=True, timeout=120)


def point(project: Path, source: str, url: str) -> Path:
    """Give a seed source the test server's page as its url."""
    path = project / "content" / "sources" / f"{source}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f"url: {url}" if line.startswith("url:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_archiving_fills_the_text_and_the_quotes_verify(project: Path, server: str) -> None:
    """Done when: the two seed sources without text get it, and their quotes verify."""
    before = timeline(project, "check")
    assert "source 'cnn-live-2022-05-23' has no archived text" in before.stdout
    cnn = point(project, "cnn-live-2022-05-23", f"{server}/pages/liveblog-sochi.html")
    interfax = point(project, "interfax-sochi-meeting", f"{server}/pages/wire-sochi.html")
    for source, path in (("cnn-live-2022-05-23", cnn), ("interfax-sochi-meeting", interfax)):
        original = path.read_text(encoding="utf-8")
        result = timeline(project, "archive", source, "--allow-private")
        assert result.returncode == 0, result.stderr
        assert f"1 quote cite {source}: 1 verify" in result.stderr
        written = path.read_text(encoding="utf-8")
        front, body = written.split("\n---\n", 1)
        # the contributor's keys stay as written; accessed, url_status and the text's hash
        # are added
        digest = hashlib.sha256(body.strip().encode("utf-8")).hexdigest()
        assert front == original.rstrip("\n").removesuffix("\n---") + \
            f"\naccessed: {TODAY}\nurl_status: live\ntext_sha256: {digest}"
        assert body.strip()
        assert f"(text_sha256 {digest})" in result.stderr
    assert "withstanding the impact of the sanctions quite well" in cnn.read_text("utf-8")
    assert "Terms of Use" not in cnn.read_text("utf-8")
    assert "coping with the sanctions commendably" in interfax.read_text("utf-8")
    after = timeline(project, "check")
    assert after.returncode == 0, after.stdout
    assert "has no archived text" not in after.stdout
    exported = timeline(project, "export", "--format", "json")
    assert '"verified": false' not in exported.stdout


def test_archived_text_edited_afterwards_is_a_warning_on_its_hash(project: Path,
                                                                   server: str) -> None:
    path = point(project, "interfax-sochi-meeting", f"{server}/pages/wire-sochi.html")
    assert timeline(project, "archive", "interfax-sochi-meeting", "--allow-private"
                    ).returncode == 0
    written = path.read_text(encoding="utf-8")
    line = written.split("\n").index(next(x for x in written.split("\n")
                                          if x.startswith("text_sha256:"))) + 1
    path.write_text(written.replace("commendably", "admirably"), encoding="utf-8")
    check = timeline(project, "check")
    assert (f"content/sources/interfax-sochi-meeting.md:{line}: warning: text_sha256: the "
            "archived text has changed since it was archived") in check.stdout
    path.write_text(written.replace(written.split("\n")[line - 1], "text_sha256: abc"),
                    encoding="utf-8")
    check = timeline(project, "check")
    assert check.returncode == 1
    assert (f"content/sources/interfax-sochi-meeting.md:{line}: error: text_sha256: 'abc' is "
            "not a SHA-256") in check.stdout


def test_archived_text_is_never_replaced_without_force(project: Path, server: str) -> None:
    path = point(project, "interfax-sochi-meeting", f"{server}/pages/wire-sochi.html")
    assert timeline(project, "archive", "interfax-sochi-meeting", "--allow-private"
                    ).returncode == 0
    point(project, "interfax-sochi-meeting", f"{server}/pages/liveblog-sochi.html")
    kept = path.read_text(encoding="utf-8")
    refused = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private")
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "timeline: archive: content/sources/interfax-sochi-meeting.md already has archived "
        "text (")
    assert refused.stderr.rstrip().endswith("words); pass --force to replace it")
    assert path.read_text(encoding="utf-8") == kept
    forced = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private",
                      "--force")
    assert forced.returncode == 1  # the Interfax quote is not in the live blog's text
    assert "quote: not found in the text of source 'interfax-sochi-meeting'" in forced.stderr
    assert "quite well" in path.read_text(encoding="utf-8")


def test_dry_run_shows_the_file_and_writes_nothing(project: Path, server: str) -> None:
    path = point(project, "interfax-sochi-meeting", f"{server}/pages/wire-sochi.html")
    kept = path.read_bytes()
    result = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private",
                      "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "coping with the sanctions commendably" in result.stdout
    assert f"accessed: {TODAY}" in result.stdout
    assert "--dry-run: nothing was written" in result.stderr
    assert path.read_bytes() == kept


def test_a_url_makes_a_new_source_in_ukrainian(project: Path, server: str) -> None:
    result = timeline(project, "archive", f"{server}/pages/ukrinform-uk.html",
                      "--allow-private")
    assert result.returncode == 0, result.stderr
    created = sorted((project / "content/sources").glob("127*.md"))
    assert len(created) == 1, result.stderr
    path = created[0]
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Путін і Лукашенко провели переговори в Сочі"\n'
                           'outlet: "Укрінформ"\npublished: 2022-05-23\n'
                           f"url: {server}/pages/ukrinform-uk.html\nlanguage: uk\n"
                           f"accessed: {TODAY}\nurl_status: live\ntext_sha256: ")
    assert "доволі добре витримує вплив санкцій" in text
    assert "Останні новини" not in text
    check = timeline(project, "check")
    assert check.returncode == 0, check.stdout
    again = timeline(project, "archive", f"{server}/pages/ukrinform-uk.html",
                     "--allow-private")
    assert again.returncode == 1
    assert f"is already the url of {path.relative_to(project)}" in again.stderr


@pytest.mark.parametrize(("page", "words"), [
    ("cp1251-ru.html", "достойно справляется с санкционным давлением"),
    ("magazine-longread.html", "refrain from the supply of weapons"),
])
def test_layouts_and_encodings(page: str, words: str) -> None:
    found = extract((PAGES / page).read_bytes(), f"https://example.org/{page}")
    assert found.state == "article"
    assert words in found.text
    assert "Total nonsense" not in found.text and "We use cookies" not in found.text


def test_paywalled_and_empty_pages_are_named_and_nothing_is_written(project: Path,
                                                                  server: str) -> None:
    path = point(project, "interfax-sochi-meeting", f"{server}/pages/paywalled.html")
    kept = path.read_bytes()
    paywalled = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private")
    assert paywalled.returncode == 1
    assert paywalled.stderr == (
        f"timeline: archive: {server}/pages/paywalled.html is paywalled: it shows 13 words and "
        "marks the rest for subscribers; nothing was written. Paste the full text into the "
        "source file by hand (or archive a snapshot that has it)\n")
    point(project, "interfax-sochi-meeting", f"{server}/pages/js-shell.html")
    kept = path.read_bytes()
    empty = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private")
    assert empty.returncode == 1
    assert "has no article text (0 words found: a page that needs JavaScript" in empty.stderr
    assert path.read_bytes() == kept


@pytest.mark.parametrize(("route", "message"), [
    ("/gone", "answered HTTP 404; nothing was written (if the page is gone, set url_status: "
              "dead and archived_url: to a snapshot)"),
    ("/pdf", "is application/pdf, not a web page"),
    ("/big", "/big is 300,007 bytes, over the cap of 100,000; nothing was written"),
    ("/slow", "did not answer in time; nothing was written"),
])
def test_failures_are_one_line_and_write_nothing(project: Path, server: str, route: str,
                                                 message: str) -> None:
    path = point(project, "interfax-sochi-meeting", f"{server}{route}")
    kept = path.read_bytes()
    result = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private",
                      "--timeout", "3", "--max-bytes", "100000")
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == kept


@pytest.mark.parametrize(("url", "message"), [
    ("file:///etc/passwd", "'file:///etc/passwd' is a file: URL; only http and https are "
                           "fetched"),
    ("gopher://example.org/", "is a gopher: URL"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a private or local "
                                                 "address; refusing to fetch it"),
    ("http://2130706433/", "127.0.0.1 is a private or local address"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a private or local address"),
    ("http://10.1.2.3/", "10.1.2.3 is a private or local address"),
])
def test_refused_urls(project: Path, url: str, message: str) -> None:
    result = timeline(project, "archive", url)
    assert result.returncode == 1
    assert message in result.stderr


def test_a_local_host_name_is_refused_by_its_dns_answer(project: Path, server: str) -> None:
    port = server.rsplit(":", 1)[1]
    result = timeline(project, "archive", f"http://localhost:{port}/pages/wire-sochi.html")
    assert result.returncode == 1
    assert ("localhost (which resolves to 127.0.0.1) is a private or local address; refusing "
            "to fetch it (pass --allow-private for an intranet source)") in result.stderr


def test_every_redirect_hop_is_judged(server: str) -> None:
    """The first hop is allowed (the test server's address), the next is not."""
    def only_the_server(address: str) -> bool:
        return address == "127.0.0.1"

    page = fetch.fetch(f"{server}/moved", allowed=only_the_server)
    assert page.status == 200 and page.redirects == ((301, f"{server}/pages/wire-sochi.html"),)
    for target in ("http://169.254.169.254/latest/", "http://127.0.0.2:9/", "file:///etc/passwd"):
        with pytest.raises(fetch.FetchError) as refused:
            fetch.fetch(f"{server}/to?url={target}", allowed=only_the_server)
        assert refused.value.kind == "refused"


def test_a_wayback_memento_becomes_the_archived_url(project: Path, server: str) -> None:
    path = point(project, "interfax-sochi-meeting", f"{server}/memento")
    result = timeline(project, "archive", "interfax-sochi-meeting", "--allow-private")
    assert result.returncode == 0, result.stderr
    assert f"archived_url: {MEMENTO}\n" in path.read_text(encoding="utf-8")


def test_unknown_source_gets_a_did_you_mean(project: Path) -> None:
    result = timeline(project, "archive", "interfax-sochi")
    assert result.returncode == 1
    assert result.stderr.startswith("timeline: archive: no source 'interfax-sochi' (did you "
                                    "mean 'interfax-sochi-meeting'?)")
