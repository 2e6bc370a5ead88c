"""`timeline render --watch` while the content is pulled from under it (issue 24, point 4):
the content folder moved away (a branch switch), mkdocs.yml broken mid-edit, a content file
swapped for a symlink to /etc/passwd. The watch must say so, keep the previous output, keep
watching, and render again once the content is back."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env

pytestmark = pytest.mark.slow


def _wait(condition: Callable[[], bool], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_watch_survives_a_vanished_content_folder_a_broken_config_and_a_symlink(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    log = tmp_path / "watch.log"
    with log.open("w") as stderr:
        watcher = subprocess.Popen([str(BIN / "timeline"), "render", "--out", "out", "--watch"],
                                   cwd=project, stdout=subprocess.DEVNULL, stderr=stderr,
                                   env=run_env())
    said = lambda words: lambda: words in log.read_text(encoding="utf-8")  # noqa: E731
    try:
        page = project / "out/actors/putin.md"
        _wait(page.exists)
        before = page.read_bytes()
        shutil.move(project / "content", tmp_path / "away")  # mended: an empty site replaced out/
        _wait(said("docs_dir: no folder content; nothing was written, still watching"))
        assert page.read_bytes() == before and watcher.poll() is None
        config = project / "mkdocs.yml"
        good = config.read_text(encoding="utf-8")
        config.write_text(good + "site_name: [\n", encoding="utf-8")
        shutil.move(tmp_path / "away", project / "content")
        _wait(said("mkdocs.yml:"))
        assert page.read_bytes() == before and watcher.poll() is None
        config.write_text(good, encoding="utf-8")
        actor = project / "content/actors/yermak.md"
        original = actor.read_text(encoding="utf-8")
        actor.unlink()
        actor.symlink_to("/etc/passwd")
        _wait(said("content/actors/yermak.md:1: warning: symlink not followed"))
        assert watcher.poll() is None
        assert "root:" not in "".join(p.read_text("utf-8", "replace")
                                      for p in (project / "out").rglob("*.md"))
        putin = project / "content/actors/putin.md"
        actor.unlink()
        actor.write_text(original, encoding="utf-8")
        putin.write_text(putin.read_text("utf-8").replace("Vladimir Putin", "V. Putin"), "utf-8")
        _wait(lambda: b"V. Putin" in page.read_bytes())
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
