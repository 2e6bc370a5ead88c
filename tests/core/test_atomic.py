"""Atomic writes: never overwrite without force, never leave a half-written or temp file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_builder.core import atomic
from timeline_builder.core.atomic import create_exclusive, write_atomic


def test_writes_text_as_utf8_and_bytes_as_is(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "día\r\n")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "día\r\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_no_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError, match="pass --force"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_force_overwrites_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_new_files_get_the_usual_mode_not_mkstemps_0600(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a", "x")
        write_atomic(tmp_path / "b", "x", force=True)
    finally:
        os.umask(umask)
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o644


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "event.md"
    create_exclusive(target, "first")
    with pytest.raises(FileExistsError, match="already exists"):
        create_exclusive(target, "second")
    assert target.read_text(encoding="utf-8") == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["event.md"]


def fail(*args: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(("force", "broken"), [
    (True, "fsync"), (True, "replace"), (False, "fsync"), (False, "link")])
def test_failure_mid_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str, force: bool
) -> None:
    """Ctrl-C at any step: neither the target nor a temporary file is left behind."""
    monkeypatch.setattr(atomic.os, broken, fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "timeline.ics", "x" * 100_000, force=force)
    assert list(tmp_path.iterdir()) == []


def test_failure_while_forcing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "timeline.ics"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.ics"]


def test_failure_while_writing_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk surfaces as OSError, with the temp file gone."""

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        create_exclusive(tmp_path / "a.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_holds_is_true_only_for_a_regular_file_with_exactly_those_bytes(tmp_path: Path) -> None:
    from timeline_builder.core.atomic import holds

    page = tmp_path / "page.html"
    page.write_bytes(b"<p>x</p>")
    (tmp_path / "link.html").symlink_to(page)
    (tmp_path / "folder").mkdir()
    assert holds(page, b"<p>x</p>") and holds(str(page), b"<p>x</p>")
    assert not holds(page, b"<p>x</p") and not holds(page, b"<p>x</p>\n")  # shorter, longer
    assert not holds(tmp_path / "link.html", b"<p>x</p>")  # a link is replaced, as by a clean
    assert not holds(tmp_path / "folder", b"") and not holds(tmp_path / "none", b"")
