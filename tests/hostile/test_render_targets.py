"""`timeline render --out` pointed where it must not write (issue 24, point 4): the content
folder, the project root, `/`, a parent of the content, someone else's folder, a symlink, a
file, and an earlier render that someone has since put their own file into."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), translations=False)


def render(project: Path, out: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), "render", "--out", str(out)], cwd=project,
                          capture_output=True, text=True, env=run_env(), timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


@pytest.mark.parametrize("out", ["content", ".", "/", "..", "content/build"])
def test_out_overlapping_the_content_is_refused(project: Path, out: str) -> None:
    before = snapshot(project)
    result = render(project, out)
    assert result.returncode != 0 and "overlaps the content folder" in result.stderr
    assert "Traceback" not in result.stderr and snapshot(project) == before


def test_someone_elses_folder_a_symlink_and_a_file_are_refused(project: Path,
                                                               tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "thesis.docx").write_bytes(b"years of work")
    (tmp_path / "link").symlink_to(theirs)
    (tmp_path / "file").write_text("x")
    for out, words in ((theirs, "holds files that `timeline render` did not write"),
                       (tmp_path / "link", "exists and is not a folder"),
                       (tmp_path / "file", "exists and is not a folder")):
        result = render(project, out)
        assert result.returncode != 0 and words in result.stderr, result.stderr
    assert (theirs / "thesis.docx").read_bytes() == b"years of work"
    assert [path.name for path in theirs.iterdir()] == ["thesis.docx"]


def test_a_file_added_to_an_earlier_render_is_not_deleted(project: Path,
                                                          tmp_path: Path) -> None:
    """Mended: the folder was replaced whole, deleting a file the render never wrote."""
    out = tmp_path / "docs"
    assert render(project, out).returncode == 0
    (out / "notes.md").write_text("my notes", encoding="utf-8")
    result = render(project, out)
    assert result.returncode != 0, result.stderr
    assert "holds files that `timeline render` did not write (notes.md)" in result.stderr
    assert (out / "notes.md").read_text(encoding="utf-8") == "my notes"
    (out / "notes.md").unlink()
    assert render(project, out).returncode == 0
