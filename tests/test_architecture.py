"""The README's picture of the code is the code: every package's modules, no more, no less."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PACKAGE = ROOT / "timeline_builder"


def readme_tree() -> dict[str, set[str]]:
    """Package → the module files the README's "Shape of the code" block names under it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("```\ntimeline_builder/\n"):]
    block = block[4:block.index("```", 4)]
    named: dict[str, set[str]] = {}
    current: list[str] = []
    for line in block.splitlines()[1:]:
        if heading := re.match(r"  ((?:[a-z]+/(?: \| )?)+)", line):
            current = re.findall(r"([a-z]+)/", heading.group(1))
            for package in current:
                named.setdefault(package, set())
        # A module named under "exports/ | imports/" belongs to whichever has the file.
        for module in re.findall(r"\b([a-z_]+\.py)\b", line):
            owners = [p for p in current if (PACKAGE / p / module).exists()] or current
            for package in owners:
                named[package].add(module)
    return named


def test_the_readme_tree_names_every_module_of_every_package() -> None:
    named = readme_tree()
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert set(named) == packages
    for package in packages:
        files = {p.name for p in (PACKAGE / package).glob("*.py") if p.name != "__init__.py"}
        assert named[package] == files, (
            f"README's tree and timeline_builder/{package}/ differ: "
            f"not in README {sorted(files - named[package])}, "
            f"not in the package {sorted(named[package] - files)}")
