"""Shared fixtures: the real site built once per session, served on localhost."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler

import pytest
from hypothesis import settings

# `make test` (and CI) replays the same examples every run, so a red run is reproducible and
# never depends on the draw; `make fuzz` (HYPOTHESIS_PROFILE=explore) draws new ones.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# The builds of a test run keep their caches in a cache home of the run's own (it is
# inherited by the builds the tests start), not in the developer's ~/.cache: every scratch
# project would leave a folder there.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="timeline-tests-cache-")


def run_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def build_site(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of a project folder into ``out`` (a real build)."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(out)],
        cwd=project, capture_output=True, text=True, env=run_env(**env), timeout=300,
    )


_QUOTE_TRANSLATIONS = re.compile(r"^ +translations:\n(?: {6,}[a-z]{2,3}: .*\n)+", re.MULTILINE)


def drop_translations(content: Path) -> None:
    """Make the seed's content a one-language site's: no translation files and no quote
    translations (a translation into a language the site does not publish is an error)."""
    for translation in content.rglob("*.*.md"):
        translation.unlink()
    for event in (content / "events").glob("*.md"):
        text = event.read_text(encoding="utf-8")
        if (kept := _QUOTE_TRANSLATIONS.sub("", text)) != text:
            event.write_text(kept, encoding="utf-8")


# The sitemap carries the day of the build; nothing else of two builds of the same content
# may differ.
DATED = frozenset({"sitemap.xml", "sitemap.xml.gz"})


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by its path there, the dated sitemap left out."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*")
            if path.is_file() and path.relative_to(folder).as_posix() not in DATED}


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """The paths whose bytes differ between two sites' files, or that only one has."""
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def copy_project(target: Path, *, translations: bool = True) -> Path:
    """A scratch copy of this site (mkdocs.yml, content, overrides) to break or extend.

    ``translations=False`` leaves out the seed's translations (``<id>.uk.md``): a test that
    edits an original would otherwise make them stale, a warning that fails a strict build."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content",
                    ignore=None if translations else shutil.ignore_patterns("*.*.md"))
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def http_server(handler: Callable[..., BaseRequestHandler], host: str = "127.0.0.1"
                ) -> Iterator[int]:
    """A threaded HTTP server with ``handler`` on a free port of ``host`` for the block:
    yields the port."""
    server = ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """``serve(folder) -> base URL``: a static server per folder, stopped at the end."""
    with contextlib.ExitStack() as servers:

        def start(folder: Path) -> str:
            handler = functools.partial(_QuietHandler, directory=str(folder))
            return f"http://127.0.0.1:{servers.enter_context(http_server(handler))}/"

        yield start


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve) -> str:  # type: ignore[no-untyped-def]
    return serve(built_site)


@pytest.fixture(scope="session")
def base_url() -> None:
    """Shadows pytest-playwright's fallback ``base_url`` (an instance-method fixture that
    pytest 9 deprecates, an error under ``filterwarnings = error``); pages use site_url."""
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium (Playwright's own download does not work here)."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }
