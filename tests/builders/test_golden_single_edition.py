"""A site without ``languages`` builds byte for byte as it did before editions existed.

The manifest in tests/golden/small-site.json was written from main's output before the
editions work began (``python tests/builders/test_golden_single_edition.py`` rewrites it,
which is a decision to review, never a way to make this test pass)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATED, run_env

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests/fixtures/small-site"
GOLDEN = ROOT / "tests/golden/small-site.json"
BIN = Path(sys.executable).parent


def _manifest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and path.relative_to(folder).as_posix() not in DATED}


def _outputs(tmp: Path) -> dict[str, dict[str, str]]:
    env = run_env()
    project = shutil.copytree(FIXTURE, tmp / "project")
    subprocess.run([BIN / "timeline", "render", "--out", tmp / "render"], cwd=project,
                   env=env, check=True, capture_output=True)
    subprocess.run([BIN / "mkdocs", "build", "--strict", "-d", tmp / "site"], cwd=project,
                   env=env, check=True, capture_output=True)
    return {"render": _manifest(tmp / "render"), "mkdocs": _manifest(tmp / "site")}


def test_single_edition_site_is_unchanged(tmp_path: Path) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = _outputs(tmp_path)
    for door in ("render", "mkdocs"):
        changed = sorted(path for path in expected[door].keys() | found[door].keys()
                         if expected[door].get(path) != found[door].get(path))
        assert changed == [], f"{door}: these outputs changed: {changed}"


if __name__ == "__main__":  # pragma: no cover - rewriting the golden file is a decision
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        GOLDEN.write_text(json.dumps(_outputs(Path(folder)), indent=1, sort_keys=True) + "\n",
                          encoding="utf-8")
