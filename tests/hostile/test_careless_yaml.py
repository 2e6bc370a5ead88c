"""Careless front matter and look-alike names (issue 24): one `timeline check` of a scratch
project holding every careless file at once; each file must get its own `path:line: error`
that says what to do, and the well-meant ones (CRLF, a BOM) must simply be read."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import BIN, copy_project, run_env

TAIL = "date: 2022-05-24\nactors: [putin]\nsources: [tass-csto-summit]\n---\nBody.\n"
FILES = {
    "tab-indent": "---\ntitle: Tabbed\ndate: 2022-05-24\nactors:\n\t- putin\n"
                  "sources: [tass-csto-summit]\n---\nBody.\n",
    "crlf": ("---\ntitle: CRLF line ends\n" + TAIL).replace("\n", "\r\n"),
    "bom": "\ufeff---\ntitle: A byte order mark\n" + TAIL,
    "duplicate-key": "---\ntitle: One\ntitle: Two\n" + TAIL,
    "yes-as-boolean": "---\ntitle: Yes\nfeatured: yes\n" + TAIL,
    "date-as-number": "---\ntitle: A number\ndate: 20220524\nactors: [putin]\n"
                      "sources: [tass-csto-summit]\n---\nBody.\n",
    "python-tag": "---\ntitle: !!python/object/apply:os.system [touch pwned]\n" + TAIL,
    "alias": "---\ntitle: &a [*a]\n" + TAIL,
    "homoglyph-actor": "---\ntitle: Cyrillic ie\ndate: 2022-05-24\nactors: [z\u0435lensky]\n"
                       "sources: [tass-csto-summit]\n---\nBody.\n",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = copy_project(tmp_path_factory.mktemp("project"), translations=False)
    events = project / "content" / "events"
    for name, text in FILES.items():
        (events / f"{name}.md").write_bytes(text.encode("utf-8"))
    actor = (project / "content" / "actors" / "putin.md").read_text(encoding="utf-8")
    (project / "content" / "actors" / "\u0440utin.md").write_text(actor, encoding="utf-8")
    result = subprocess.run([str(BIN / "timeline"), "check"], cwd=project, capture_output=True,
                            text=True, env=run_env(), timeout=120)
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "pwned").exists()
    return result.stdout + result.stderr


def lines_of(report: str, name: str) -> list[str]:
    return [line for line in report.splitlines()
            if line.startswith(f"content/events/{name}.md:") and ": error: " in line]


def test_a_tab_in_the_indentation_is_named_as_a_tab(report: str) -> None:
    """Mended: PyYAML says "found character that cannot start any token"."""
    assert lines_of(report, "tab-indent") == [
        "content/events/tab-indent.md:5: error: invalid YAML: a tab indents this line; "
        "YAML indents with spaces only: replace the tab with spaces"]


@pytest.mark.parametrize("name", ["crlf", "bom"])
def test_crlf_and_a_bom_are_read_like_any_file(report: str, name: str) -> None:
    assert lines_of(report, name) == []


@pytest.mark.parametrize(("name", "line", "words"), [
    ("duplicate-key", 3, "key 'title' is given twice"),
    ("yes-as-boolean", 3, "featured: 'yes' is not true or false"),
    ("date-as-number", 3, "'20220524' is not a year or a full date"),
    ("python-tag", 2, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("alias", 2, "YAML alias '*a' is not allowed"),
    ("homoglyph-actor", 4, "no actor 'z\u0435lensky' (did you mean 'zelensky'?)"),
])
def test_careless_yaml_gets_an_error_on_its_line(report: str, name: str, line: int,
                                                 words: str) -> None:
    found = lines_of(report, name)
    assert found and found[0].startswith(f"content/events/{name}.md:{line}: error: "), found
    assert words in found[0]


def test_a_file_named_with_a_cyrillic_lookalike_is_told_the_letter_and_the_latin_name(
        report: str) -> None:
    """Mended: the rename suggested was `utin.md` (the Cyrillic letter dropped)."""
    assert ("content/actors/\u0440utin.md:1: error: file name '\u0440utin.md' is not a valid "
            "id: '\u0440' is CYRILLIC SMALL LETTER ER, not a Latin letter; use lowercase "
            "letters, digits and hyphens: rename it to putin.md") in report.splitlines()
