"""Cost growth, n against 4n (issue 24, point 7): what `timeline render` writes must grow
linearly with a hostile input, measured as sizes and counts (never as timings). A chain of
variant_of quotes, each the variant of the one before, would grow quadratically if every
quote showed its whole lineage; a body citing the same source n times, if every citation
repeated the reference list."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, run_env

pytestmark = pytest.mark.slow
N = 20


def chain(n: int) -> str:
    quotes = "".join(f"  - id: q{i}\n    text: chained words {i}\n    speaker: putin\n"
                     "    source: tass-csto-summit\n"
                     + (f"    variant_of: q{i - 1}\n" if i else "") for i in range(n))
    return ("---\ntitle: Chain\ndate: 2022-05-24\nactors: [putin]\n"
            f"sources: [tass-csto-summit]\nquotes:\n{quotes}---\nBody.\n")


def citations(n: int) -> str:
    return ("---\ntitle: Citations\ndate: 2022-05-24\nactors: [putin]\n"
            "sources: [tass-csto-summit]\n---\n" + "cited words [@tass-csto-summit] " * n + "\n")


def rendered(tmp_path: Path, text: str, needle: str) -> tuple[int, int]:
    """(occurrences of ``needle``, bytes) in the tree `timeline render` writes."""
    project = copy_project(tmp_path / "project", translations=False)
    (project / "content" / "events" / "hostile.md").write_text(text, encoding="utf-8")
    out = tmp_path / "docs"
    result = subprocess.run([str(BIN / "timeline"), "render", "--out", str(out)], cwd=project,
                            capture_output=True, text=True, env=run_env(), timeout=300)
    assert result.returncode == 0, result.stderr
    texts = [path.read_bytes() for path in out.rglob("*") if path.is_file()]
    return sum(data.count(needle.encode()) for data in texts), sum(map(len, texts))


@pytest.mark.parametrize(("make", "needle"), [(chain, "chained words"),
                                              (citations, "cited words")])
def test_output_grows_linearly_from_n_to_4n(tmp_path: Path, make, needle: str) -> None:  # type: ignore[no-untyped-def]
    small, small_bytes = rendered(tmp_path / "n", make(N), needle)
    large, large_bytes = rendered(tmp_path / "4n", make(4 * N), needle)
    assert small > 0
    assert large <= 4.5 * small, (small, large)
    base = rendered(tmp_path / "0", make(1), needle)[1]
    assert large_bytes - base <= 4.5 * (small_bytes - base), (base, small_bytes, large_bytes)
