"""CONTRACT section 4 through a real subprocess: exit codes, output, nothing written on error."""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_env

TIMELINE = str(Path(sys.executable).parent / "timeline")


def timeline(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TIMELINE, *args], cwd=cwd, capture_output=True, text=True,
                          env=run_env(), timeout=120)


@pytest.mark.parametrize(("args", "stdout", "code"), [
    (("date", "day 89 of the war"), "2022-05-23\n", 0),
    (("date", "Saturday", "--reported", "2022-05-23"), "2022-05-21\n", 0),
    (("date", "Monday", "--reported", "2022-05-23"), "2022-05-23\n", 0),
    (("date", "last Sunday", "--reported", "2022-05-23"), "2022-05-22\n", 0),
    (("date", "May 2022"), "2022-05\n", 0),
    (("date", "2022"), "2022\n", 0),
    (("date", "May 23, 2022"), "2022-05-23\n", 0),
    (("date", "31 February 2022"), "", 1),
    (("date", "05/06/2022"), "", 1),
    (("date", "Monday"), "", 1),
    (("date", "Mondy", "--reported", "2022-05-23"), "", 1),
    (("date", "Monday", "--reported", "2022-05"), "", 1),
    (("date", "Monday", "--reported", "Sunday"), "", 1),
    (("date", "23 травня 2022", "--language", "uk"), "2022-05-23\n", 0),
    (("date", "23 мая 2022", "--language", "uk", "--language", "ru"), "2022-05-23\n", 0),
    (("date", "травень 2022", "--language", "uk"), "2022-05\n", 0),
    (("date", "23 травня 2022"), "", 1),
    (("date", "вчора", "--language", "uk", "--reported", "2022-05-23"), "", 1),
])
def test_date(args: tuple[str, ...], stdout: str, code: int) -> None:
    result = timeline(*args)
    assert (result.stdout, result.returncode) == (stdout, code), result.stderr
    if code:
        assert result.stderr.startswith("timeline: date: ") and "Traceback" not in result.stderr


def test_check_seed_content_is_clean() -> None:
    result = timeline("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


def test_check_formats(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "bad.md").write_text("---\ntitle: x\ndate: Mondy\n---\n")
    text = timeline("check", "--content", str(tmp_path))
    github = timeline("check", "--content", str(tmp_path), "--format", "github")
    as_json = timeline("check", "--content", str(tmp_path), "--format", "json")
    assert text.returncode == github.returncode == as_json.returncode == 1
    assert f"{os.path.relpath(tmp_path, ROOT)}/events/bad.md:3: error: date: " \
        "cannot read 'Mondy'" in text.stdout
    shown = f"{os.path.relpath(tmp_path, ROOT)}/events/bad.md"
    assert text.stdout.splitlines() == [
        f"{shown}:2: error: missing required key 'sources'; add 'sources: …' to the front matter",
        f"{shown}:3: error: date: cannot read 'Mondy' as a date (did you mean 'Monday'?); write "
        "e.g. 2022-05-23, 'May 2022' or a weekday with reported:"]
    escaped = shown.replace(":", "%3A").replace(",", "%2C")
    assert github.stdout.splitlines()[1] == (
        f"::error file={escaped},line=3::date: cannot read 'Mondy' as a date (did you mean "
        "'Monday'?); write e.g. 2022-05-23, 'May 2022' or a weekday with reported:")
    records = json.loads(as_json.stdout)
    assert [(r["path"], r["line"], r["severity"]) for r in records] == [
        (shown, 2, "error"), (shown, 3, "error")]
    assert records[1]["message"].startswith("date: cannot read 'Mondy'")


def test_usage_errors_exit_2() -> None:
    assert timeline("check", "--format", "yaml").returncode == 2
    assert timeline("frobnicate").returncode == 2
    assert timeline().returncode == 2


def commands() -> list[str]:
    """Every subcommand the parser has: a new one is tested and documented, or this fails."""
    from timeline_builder.builders.cli import _parser
    [group] = [action for action in _parser()._actions
               if isinstance(action, argparse._SubParsersAction)]
    return sorted(group.choices)


def test_the_parser_has_the_contract_commands() -> None:
    assert {"check", "date", "export", "import", "new", "schema", "render", "diff", "archive",
            "links"} <= set(commands())


def test_the_readme_command_table_is_the_parsers() -> None:
    from timeline_builder.builders.cli import _parser
    from timeline_builder.builders.command_table import with_table
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_table(readme, _parser()) == readme, "run `make readme`"
    for command in commands():
        assert f"| `timeline {command}" in readme


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help(command: str) -> None:
    result = timeline(command, "--help")
    assert result.returncode == 0 and "usage: timeline" in result.stdout
    readme = (ROOT / "README.md").read_text()
    assert f"timeline {command}" in readme, f"README does not document 'timeline {command}'"


def test_export_refuses_invalid_content_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "bad.md").write_text("---\ntitle: x\n---\n")
    out = tmp_path / "out.json"
    result = timeline("export", "--format", "json", "--content", str(tmp_path), "-o", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "bad.md:2: error: missing required key 'date'" in result.stderr


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    out.write_text("precious")
    assert timeline("export", "--format", "json", "-o", str(out)).returncode == 1
    assert out.read_text() == "precious"
    assert timeline("export", "--format", "json", "-o", str(out), "--force").returncode == 0
    assert json.loads(out.read_text())["schema"] == 1


@pytest.mark.parametrize("fmt", ["json", "ics", "csv", "timelinejs", "atom"])
def test_export_formats_are_deterministic(fmt: str) -> None:
    first, second = timeline("export", "--format", fmt), timeline("export", "--format", fmt)
    assert first.returncode == 0 and first.stdout and first.stdout == second.stdout


def test_new_event_scaffolds_a_file_that_checks_once_sourced(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "report.md").write_text(
        "---\ntitle: A report\noutlet: The Outlet\npublished: 2022-03-29\n---\n")
    made = timeline("new", "event", "Talks resume in Istanbul", "--date", "2022-03-29",
                    "--content", str(content))
    path = content / "events" / "talks-resume-in-istanbul.md"
    assert (made.returncode, made.stdout.strip()) == (0, str(path))
    scaffold = path.read_text(encoding="utf-8")
    front = scaffold.split("---\n")[1]
    assert front.splitlines()[:2] == ["title: Talks resume in Istanbul", "date: '2022-03-29'"]
    # As scaffolded it names no source, and check says exactly that, on the sources line.
    check = timeline("check", "--content", str(content))
    line = scaffold.splitlines().index(next(x for x in scaffold.splitlines()
                                            if x.startswith("sources:"))) + 1
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        f"{os.path.relpath(path, ROOT)}:{line}: error: sources: list at least one source; "
        "write sources: [source-id], a file under content/sources/"]
    # Once sourced it checks clean and is in the export, with the title and date given.
    path.write_text(scaffold.replace("sources: []", "sources: [report]"), encoding="utf-8")
    assert timeline("check", "--content", str(content)).returncode == 0
    exported = json.loads(timeline("export", "--format", "json", "--content",
                                   str(content)).stdout)
    assert [(e["id"], e["title"], e["date"]) for e in exported["events"]] == [
        ("talks-resume-in-istanbul", "Talks resume in Istanbul", "2022-03-29")]
    again = timeline("new", "event", "Talks resume in Istanbul", "--date", "2022-03-29",
                     "--content", str(content))
    assert again.returncode == 1 and "exists" in again.stderr
    assert path.read_text(encoding="utf-8") != scaffold, "the edited file was not overwritten"
    bad = timeline("new", "event", "X", "--date", "31 February 2022", "--content", str(content))
    assert bad.returncode == 1 and not (content / "events" / "x.md").exists()
    # --reported is read as `timeline date` reads it: a day, or nothing is written.
    month = timeline("new", "event", "X", "--date", "Monday", "--reported", "2022-05",
                     "--content", str(content))
    assert month.returncode == 1 and not (content / "events" / "x.md").exists()
    assert month.stderr == ("timeline: --reported: '2022-05' is not a day; write the full day,"
                            " e.g. 2022-05-23\n")


def test_import_timelinejs(tmp_path: Path) -> None:
    source = tmp_path / "tl.json"
    source.write_text(json.dumps({"events": [
        {"start_date": {"year": 2022, "month": 5, "day": 23},
         "text": {"headline": "Sochi <b>meeting</b>", "text": "<p>They met.</p>"}}]}))
    result = timeline("import", "timelinejs", str(source), "--out", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    check = timeline("check", "--content", str(tmp_path / "content"))
    assert check.returncode == 0, check.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = timeline("import", "timelinejs", str(bad), "--out", str(tmp_path / "c2"))
    assert result.returncode == 1 and "Traceback" not in result.stderr


RENDERERS = {"jinja2", "PIL", "feedgen", "markdown", "nh3"}


@pytest.mark.parametrize(("argv", "unwanted"), [
    (["date", "Monday", "--reported", "2022-05-23"], RENDERERS),
    (["schema", "event"], RENDERERS),
    (["check"], {"jinja2", "PIL", "feedgen"}),
    (["export", "--format", "json"], {"jinja2", "PIL", "feedgen"}),
    (["export", "--format", "csv"], {"jinja2", "PIL", "feedgen"}),
])
def test_a_command_imports_only_what_it_needs(argv: list[str], unwanted: set[str]) -> None:
    """The layers keep small commands small: reading a date loads no renderer or codec."""
    code = ("import sys\nfrom timeline_builder.builders.cli import main\n"
            f"code = main({argv!r})\n"
            "print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)\n"
            "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    loaded = set(ast.literal_eval(result.stderr.strip().splitlines()[-1]))
    assert not loaded & unwanted, loaded & unwanted


def test_the_diff_formats_the_parser_offers_are_the_reports_formats() -> None:
    from timeline_builder.builders import cli
    from timeline_builder.builders.diff_report import FORMATS as REPORTS

    assert tuple(cli.DIFF_FORMATS) == tuple(REPORTS)


def test_json_export_loads_no_renderer_jinja_or_search() -> None:
    """A data export publishes no pages: the page renderer, Jinja, MkDocs and the search
    index stay unimported (issue 23: importing them was a third of a 2,000-event export)."""
    code = ("import sys, io, contextlib\n"
            "from timeline_builder.builders.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    code = main(['export', '--format', 'json'])\n"
            "assert code == 0 and out.getvalue().startswith('{'), code\n"
            "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(\n"
            "    ('jinja2', 'mkdocs', 'pymdownx', 'timeline_builder.site')))))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=run_env(),
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == []
