"""mkdocs.yml's ``timeline`` options: one schema, the same errors from both doors.

CONTRACT section 4: a bad plugin option is ``mkdocs.yml:LINE: error: …`` with exit 2 from
``timeline check`` and from ``mkdocs build``, never a traceback, never silently ignored.
Plus the other ways to misuse the command line, each one clear line and exit 2.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, drop_translations, run_env
from timeline_builder.config.options import Options, read_options
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.core.model import Calendar

BIN = Path(sys.executable).parent
CALENDAR_LINE = ('          label: {en: "Day {n} of the war", uk: "{n}-й день війни", '
                 'ru: "{n}-й день войны"}\n')
# The timeline entry of the site's mkdocs.yml, as written there
OPTIONS_AT = next(i for i, line in enumerate((ROOT / "mkdocs.yml").read_text().splitlines(), 1)
                  if line.strip() == "- timeline:")


def project(tmp_path: Path, options: str) -> Path:
    """The site's mkdocs.yml and content, with ``options`` as the timeline entry's lines."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - timeline:\n")
    end = text.index(CALENDAR_LINE) + len(CALENDAR_LINE)
    indented = "".join(f"      {line}\n" for line in options.splitlines())
    (tmp_path / "mkdocs.yml").write_text(text[:start] + "  - timeline:\n" + indented + text[end:],
                                         encoding="utf-8")
    if not (tmp_path / "content").exists():
        shutil.copytree(ROOT / "content", tmp_path / "content")
        if "languages:" not in options:  # the seed's translations need the seed's languages
            drop_translations(tmp_path / "content")
        shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    return tmp_path


L = OPTIONS_AT + 1  # the first option's line
BAD = [
    ("max_file_bytes: lots",
     f"mkdocs.yml:{L}: error: timeline: max_file_bytes: 'lots' is not a whole number; write "
     "e.g. max_file_bytes: 1000000"),
    ("max_file_bytes: -5",
     f"mkdocs.yml:{L}: error: timeline: max_file_bytes: -5 is out of range; write a number "
     "from 1 to 1_000_000_000_000, e.g. max_file_bytes: 1000000"),
    ("max_file_bytes: 1.5",
     f"mkdocs.yml:{L}: error: timeline: max_file_bytes: 1.5 is not a whole number; write e.g. "
     "max_file_bytes: 1000000"),
    ("split_threshold: 0",
     f"mkdocs.yml:{L}: error: timeline: split_threshold: 0 is out of range; write a number "
     "from 1 to 1_000_000_000_000, e.g. split_threshold: 1000"),
    ("split_threshold: true",
     f"mkdocs.yml:{L}: error: timeline: split_threshold: true is not a whole number; write "
     "e.g. split_threshold: 1000"),
    ("embed_hosts: 5",
     f"mkdocs.yml:{L}: error: timeline: embed_hosts: 5 is not a list of host names; write e.g. "
     "embed_hosts: [www.youtube-nocookie.com]"),
    ("embed_hosts: www.youtube-nocookie.com",
     f"mkdocs.yml:{L}: error: timeline: embed_hosts: 'www.youtube-nocookie.com' is not a list "
     "of host names; write e.g. embed_hosts: [www.youtube-nocookie.com]"),
    ("embed_hosts: [https://player.vimeo.com/]",
     f"mkdocs.yml:{L}: error: timeline: embed_hosts: 'https://player.vimeo.com/' is not a host "
     "name (no scheme, path or port, lower case); write e.g. www.youtube-nocookie.com"),
    ("sanitize_pages: maybe",
     f"mkdocs.yml:{L}: error: timeline: sanitize_pages: 'maybe' is not true or false; write "
     "sanitize_pages: true"),
    ("calendar: {war: {start: 2022-02-24}}",
     f"mkdocs.yml:{L}: error: timeline: unknown option 'calendar' (did you mean 'calendars'?); "
     "the options are: calendars, max_file_bytes, split_threshold, period_size, embed_hosts, "
     "sanitize_pages, languages, corrections"),
    ("corrections: true",
     f"mkdocs.yml:{L}: error: timeline: corrections: true is not warn or require; write "
     "corrections: require (a changed published event needs a correction entry) or "
     "corrections: warn"),
    ("calendars:\n  war:\n    start: 2022-02-30",
     f"mkdocs.yml:{L + 2}: error: timeline: calendars: war: start: '2022-02-30' is not a real "
     "date; write e.g. start: 2022-02-24"),
    ("calendars:\n  war: {start: 24 February 2022}",
     f"mkdocs.yml:{L + 1}: error: timeline: calendars: war: start: '24 February 2022' is not "
     "a date; write YYYY-MM-DD, e.g. start: 2022-02-24"),
    ("calendars:\n  war: {start: 2022-02-24, label: Day of the war}",
     f"mkdocs.yml:{L + 1}: error: timeline: calendars: war: label 'Day of the war' must contain "
     '{n} once (where the day number goes); write e.g. label: "Day {n} of the war"'),
    ("calendars:\n  war: {stat: 2022-02-24}",
     f"mkdocs.yml:{L + 1}: error: timeline: calendars: war: needs a start date; write e.g. "
     "war: {start: 2022-02-24}"),
    ("calendars:\n  war: {start: 2022-02-24, lable: x}",
     f"mkdocs.yml:{L + 1}: error: timeline: calendars: war: unknown key 'lable' (did you mean "
     "'label'?); a calendar has start: and label:"),
    ("calendars: [war]",
     f"mkdocs.yml:{L}: error: timeline: calendars: a list is not a mapping of names to "
     "{start: …}; write e.g. calendars: {war: {start: 2022-02-24}}"),
    ("max_file_bytes: 10\nmax_file_bytes: 20",
     f"mkdocs.yml:{L + 1}: error: timeline: option 'max_file_bytes' is given twice; keep one; "
     "YAML would silently use the last"),
]


@pytest.mark.parametrize(("options", "expected"), BAD)
def test_bad_option_in_process(tmp_path: Path, options: str, expected: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project(tmp_path, options))
    _, problems = read_mkdocs_yml(Path("mkdocs.yml"))
    assert [p.text() for p in problems] == [expected]


def timeline(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), *args], cwd=cwd, capture_output=True,
                          text=True, env=run_env(**env), timeout=120)


def mkdocs_build(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(cwd / "site")],
                          cwd=cwd, capture_output=True, text=True, env=run_env(), timeout=300)


@pytest.mark.parametrize(("options", "expected"), [BAD[0], BAD[5], BAD[9], BAD[10], BAD[12]])
def test_both_doors_refuse_a_bad_option_with_its_line(tmp_path: Path, options: str,
                                                      expected: str) -> None:
    site = project(tmp_path, options)
    check = timeline("check", cwd=site)
    assert (check.returncode, check.stderr.strip()) == (2, expected)
    assert check.stdout == ""
    # MkDocs' own loader turns 2022-02-30 into a crash before any plugin runs (YAML 1.1
    # timestamps); quoted, the plugin sees it like every other value.
    if "2022-02-30" in options:
        project(tmp_path, options.replace("2022-02-30", "'2022-02-30'"))
    built = mkdocs_build(site)
    assert built.returncode == 2, built.stderr
    assert expected in built.stderr and "Traceback" not in built.stderr
    assert not (site / "site" / "timeline").exists()


def test_good_options_are_read_the_same_by_both_doors(tmp_path: Path) -> None:
    site = project(tmp_path, 'calendars:\n  war: {start: 2022-02-24, label: "Day {n} of the war"}'
                             "\n  truce: {start: '2023-01-01'}\nmax_file_bytes: 2000000\n"
                             "split_threshold: 5\nperiod_size: 4\n"
                             "embed_hosts: [www.youtube-nocookie.com]\n"
                             "sanitize_pages: true")
    settings, problems = read_mkdocs_yml(site / "mkdocs.yml")
    assert problems == []
    assert settings.calendars == (Calendar("truce", dt.date(2023, 1, 1)),
                                  Calendar("war", dt.date(2022, 2, 24), "Day {n} of the war"))
    assert (settings.max_file_bytes, settings.split_threshold, settings.period_size,
            settings.embed_hosts) == (2_000_000, 5, 4, ("www.youtube-nocookie.com",))
    assert timeline("check", cwd=site).returncode == 0
    built = mkdocs_build(site)
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "timeline" / "2022").is_dir(), "split into periods at 5 events"
    assert (site / "site" / "timeline" / "2022" / "05").is_dir(), "pages of at most 4 events"


@pytest.mark.parametrize(("given", "expected"), [
    (None, Options()),
    ({}, Options()),
    ({"calendars": {}}, Options()),
    ({"embed_hosts": []}, Options(embed_hosts=())),
    ({"calendars": {"war": {"start": dt.date(2022, 2, 24)}}},  # as MkDocs' loader gives it
     Options(calendars=(Calendar("war", dt.date(2022, 2, 24)),))),
])
def test_defaults_and_loader_values(given: object, expected: Options) -> None:
    assert read_options(given) == (expected, [])


def test_options_that_are_not_a_mapping() -> None:
    _, problems = read_options(["calendars"], "mkdocs.yml")
    assert [p.text() for p in problems] == [
        "mkdocs.yml:1: error: timeline: the plugin's options must be a mapping, not a list; "
        "write e.g. timeline: {calendars: {}}"]


# Command-line misuse: (args, extra environment, exit code, the one line on stderr)
MISUSE = [
    (("-f", "content", "check"), {}, 2,
     "content:1: error: is a folder, not a config file; pass -f the mkdocs.yml file itself"),
    (("-f", "nowhere.yml", "check"), {}, 2,
     "nowhere.yml:1: error: no such config file; run from the site's folder or pass -f"),
    (("check", "--content", "mkdocs.yml"), {}, 2,
     "timeline: --content: mkdocs.yml is a file, not the content folder"),
    (("check", "--content", "empty"), {}, 2,
     "timeline: --content: empty has no events/, actors/ or sources/ folder; is it the content "
     "folder?"),
    (("check", "--content", "missing"), {}, 2, "timeline: --content: no folder missing"),
    (("export", "--format", "json", "--content", "empty"), {}, 2,
     "timeline: --content: empty has no events/, actors/ or sources/ folder; is it the content "
     "folder?"),
    (("export", "--format", "json", "-o", "content"), {}, 2,
     "timeline: -o: content is a folder; name a file, e.g. content/out.json"),
    (("export", "--format", "ics"), {"SOURCE_DATE_EPOCH": "yesterday"}, 2,
     "timeline: SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds since "
     "1970-01-01 UTC; unset it or write e.g. SOURCE_DATE_EPOCH=1653264000"),
    (("export", "--format", "ics"), {"SOURCE_DATE_EPOCH": "-1"}, 2,
     "timeline: SOURCE_DATE_EPOCH='-1' is not a whole number of seconds since 1970-01-01 UTC; "
     "unset it or write e.g. SOURCE_DATE_EPOCH=1653264000"),
    (("export", "--format", "ics"), {"SOURCE_DATE_EPOCH": "9" * 30}, 2,
     f"timeline: SOURCE_DATE_EPOCH={'9' * 30} is after the year 9999; unset it or write e.g. "
     "SOURCE_DATE_EPOCH=1653264000"),
    (("check",), {"SOURCE_DATE_EPOCH": "1e9"}, 2,
     "timeline: SOURCE_DATE_EPOCH='1e9' is not a whole number of seconds since 1970-01-01 UTC; "
     "unset it or write e.g. SOURCE_DATE_EPOCH=1653264000"),
    (("new", "event", "X", "--date", "2022-05-23", "--content", "mkdocs.yml"), {}, 2,
     "timeline: --content: mkdocs.yml is a file, not a folder"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = project(tmp_path_factory.mktemp("misuse"), "calendars:\n  war: {start: 2022-02-24}")
    (folder / "empty").mkdir()
    return folder


@pytest.mark.parametrize(("args", "env", "code", "message"), MISUSE)
def test_misuse_is_one_clear_line(site: Path, args: tuple[str, ...], env: dict[str, str],
                                  code: int, message: str) -> None:
    result = timeline(*args, cwd=site, **env)
    assert (result.returncode, result.stderr.strip(), result.stdout) == (code, message, "")


def test_a_good_source_date_epoch_is_used(site: Path) -> None:
    result = timeline("export", "--format", "ics", cwd=site, SOURCE_DATE_EPOCH="1653264000")
    assert result.returncode == 0 and "DTSTAMP:20220523T000000Z" in result.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_a_message_not_a_traceback(site: Path) -> None:
    to_file = timeline("export", "--format", "json", "-o", "/dev/full", cwd=site)
    assert (to_file.returncode, to_file.stderr.strip()) == (
        1, "timeline: cannot write /dev/full: No space left on device")
    assert Path("/dev/full").is_char_device(), "the device was written to, not replaced"
    with open("/dev/full", "w") as full:
        to_stdout = subprocess.run([str(BIN / "timeline"), "export", "--format", "json"],
                                   cwd=site, stdout=full, stderr=subprocess.PIPE, text=True,
                                   env=run_env(), timeout=120)
    assert (to_stdout.returncode, to_stdout.stderr.strip()) == (
        1, "timeline: cannot write to standard output: No space left on device")
