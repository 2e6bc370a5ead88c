"""Reproducible output: the same content gives the same bytes, build after build.

Two builds of the site, from copies of the project in two different folders, with
``SOURCE_DATE_EPOCH`` fixed and different ``PYTHONHASHSEED`` values (which reorders every
set and dict of strings built from a set), must be byte-identical; so must two runs of
every export format.
"""

from __future__ import annotations

import difflib
import gzip
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, build_site, copy_project, run_env

pytestmark = pytest.mark.slow

EPOCH = "1653264000"  # 2022-05-23T00:00:00Z
EXPORT_FORMATS = ("json", "ics", "csv", "timelinejs", "atom")


def first_difference(name: str, one: bytes, two: bytes) -> str:
    """Where two versions of a file part: a unified diff for text, an offset otherwise."""
    try:
        a, b = one.decode("utf-8"), two.decode("utf-8")
    except UnicodeDecodeError:
        offset = next((i for i, (x, y) in enumerate(zip(one, two, strict=False)) if x != y),
                      min(len(one), len(two)))
        return f"{name}: binary files differ first at byte {offset}"
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), f"build1/{name}",
                                f"build2/{name}", n=2, lineterm="")
    lines = [line[:300] for line in diff]
    return f"{name} differs:\n" + "\n".join(lines[:40])


def comparable(name: str, data: bytes) -> bytes:
    """A file's content as compared. Gzip files are compared decompressed: their header
    holds an mtime (and maybe a file name), which MkDocs sets from SOURCE_DATE_EPOCH;
    :func:`test_gzip_headers_are_reproducible` checks those header bytes on their own."""
    return gzip.decompress(data) if name.endswith(".gz") else data


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes],
                                                                  dict[str, bytes]]:
    builds = []
    for number, seed in ((1, "1"), (2, "4242")):
        base = tmp_path_factory.mktemp(f"determinism-{number}")
        project = copy_project(base / f"project-{number}")  # different paths on purpose
        site = base / "site"
        result = build_site(project, site, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED=seed)
        assert result.returncode == 0, result.stderr[-3000:]
        builds.append(tree(site))
    return builds[0], builds[1]


def test_two_builds_have_the_same_files(two_builds: tuple[dict[str, bytes], ...]) -> None:
    one, two = two_builds
    assert sorted(one) == sorted(two)


def test_two_builds_are_byte_identical(two_builds: tuple[dict[str, bytes], ...]) -> None:
    one, two = two_builds
    differing = [name for name in sorted(one.keys() & two.keys())
                 if comparable(name, one[name]) != comparable(name, two[name])]
    assert not differing, (f"{len(differing)} files differ: {differing[:10]}\n"
                           + first_difference(differing[0], comparable(differing[0],
                                              one[differing[0]]),
                                              comparable(differing[0], two[differing[0]])))


def test_builds_used_source_date_epoch(two_builds: tuple[dict[str, bytes], ...]) -> None:
    """The dates MkDocs writes (sitemap lastmod) come from SOURCE_DATE_EPOCH, not today:
    without that, the comparison above would only hold on one day."""
    one, _ = two_builds
    sitemap = one["sitemap.xml"].decode()
    assert "<lastmod>2022-05-23</lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count("<lastmod>2022-05-23</lastmod>")


def test_gzip_headers_are_reproducible(two_builds: tuple[dict[str, bytes], ...]) -> None:
    """The compressed bytes themselves (mtime in the header) are equal too."""
    one, two = two_builds
    for name in sorted(n for n in one if n.endswith(".gz")):
        assert one[name] == two[name], f"{name}: gzip header differs (mtime or name)"


def test_build_embeds_no_project_path(two_builds: tuple[dict[str, bytes], ...]) -> None:
    """The checkout's folder never ends up in the site (it differs between machines)."""
    one, _ = two_builds
    for name, data in one.items():
        assert b"determinism-1" not in data and b"project-1" not in data, name


def export(fmt: str, seed: str, **env: str) -> str:
    result = subprocess.run([str(BIN / "timeline"), "export", "--format", fmt], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env=run_env(PYTHONHASHSEED=seed, **env))
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_is_identical_twice(fmt: str) -> None:
    one = export(fmt, "1", SOURCE_DATE_EPOCH=EPOCH)
    two = export(fmt, "777", SOURCE_DATE_EPOCH=EPOCH)
    assert one, f"export --format {fmt} wrote nothing"
    assert one == two, first_difference(f"export.{fmt}", one.encode(), two.encode())


def test_ics_is_identical_without_source_date_epoch() -> None:
    """Without SOURCE_DATE_EPOCH the ics stamp comes from the content, not the clock."""
    env = run_env()
    env.pop("SOURCE_DATE_EPOCH", None)
    outputs = []
    for seed in ("3", "5"):
        result = subprocess.run([str(BIN / "timeline"), "export", "--format", "ics"],
                                cwd=ROOT, capture_output=True, text=True, timeout=120,
                                env={**env, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr[-3000:]
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1], first_difference("timeline.ics", outputs[0].encode(),
                                                      outputs[1].encode())
