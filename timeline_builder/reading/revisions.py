"""The content as it was at a git revision, for ``timeline diff``.

A revision's content folder and mkdocs.yml are copied out of git (``git archive``, never a
checkout: the working tree and the index are left alone) into a temporary folder, where
the ordinary pipeline reads them. Renames come from git's own rename detection, so a file
moved to another name (another id) is followed rather than shown as deleted and added.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 120
# Git pairs files that were renamed and edited by comparing each deleted file with each
# added one; past its default limit of 1000 it stopped without a word and 1100 renamed
# events showed as 1100 deletions and 1100 additions (issue 24). 5000 of each are compared
# in about 3 s; past that, git skips the pairing and the diff says so.
RENAME_LIMIT = 5000
WORKING_TREE = "working tree"


class RevisionError(Exception):
    """Git is missing, this is no repository, or a revision does not exist: a usage error."""


@dataclass(frozen=True)
class Repository:
    top: Path  # the work tree's top folder

    @classmethod
    def around(cls, folder: Path) -> Repository:
        try:
            top = _git(folder, "rev-parse", "--show-toplevel").strip()
        except RevisionError as exc:
            raise RevisionError(f"{folder.resolve()} is not in a git repository ({exc})"
                                ) from None
        return cls(Path(top))

    def commit(self, revision: str) -> str:
        """The full commit id of ``revision``; RevisionError if git does not know it."""
        if revision.startswith("-"):
            raise RevisionError(f"'{revision}' is not a revision")
        try:
            return _git(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                        f"{revision}^{{commit}}").strip()
        except RevisionError:
            raise RevisionError(f"'{revision}' is not a revision of {self.top} (a branch, tag "
                                "or commit; fetch it first, e.g. git fetch origin main)"
                                ) from None

    def relative(self, path: Path) -> str:
        """``path`` as git names it: relative to the top, forward slashes."""
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    def extract(self, commit: str, paths: list[str], into: Path) -> list[str]:
        """Copy ``paths`` (files or folders) as they were at ``commit`` into ``into``;
        returns those that existed there."""
        listed = _git(self.top, "ls-tree", "--name-only", "-z", commit, "--",
                      *paths).split("\0")
        present = [path for path in paths if path in listed]
        if not present:
            return []
        archive = _git_bytes(self.top, "archive", "--format=tar", commit, "--", *present)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(into, filter="data")
        return present

    def renames(self, base: str, head: str | None, folder: str) -> tuple[dict[str, str], bool]:
        """Old path → new path of the files under ``folder`` git sees renamed from
        ``base`` to ``head`` (None: the working tree), and whether git compared every
        file (False: too many changed files, so edited renames were not paired; a rename
        of an unchanged file is found whatever the number)."""
        args = ["diff", "-M", f"-l{RENAME_LIMIT}", "--name-status", "-z", base,
                *([head] if head else []), "--", folder]
        result = _run(self.top, *args)
        complete = b"rename detection was skipped" not in result.stderr
        fields = result.stdout.decode("utf-8", "replace").split("\0")
        found: dict[str, str] = {}
        index = 0
        while index < len(fields):
            status = fields[index]
            if status.startswith("R") and index + 2 < len(fields):
                found[fields[index + 1]] = fields[index + 2]
                index += 3
            elif status.startswith("C") and index + 2 < len(fields):
                index += 3
            else:
                index += 2
        return found, complete


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="timeline-diff-")


def _git(folder: Path, *args: str) -> str:
    return _git_bytes(folder, *args).decode("utf-8", "replace")


def _git_bytes(folder: Path, *args: str) -> bytes:
    return _run(folder, *args).stdout


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(["git", "-C", str(folder), "-c", "core.quotePath=false", *args],
                                capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                                env={**os.environ, "LC_ALL": "C"})  # git's words, unlocalised
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {args[0]} took over {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[0] if message else f"git {args[0]} failed")
    return result
