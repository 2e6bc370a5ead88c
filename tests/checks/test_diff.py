"""`timeline diff`: the editorial difference of two git revisions, and the corrections
policy, on small git repositories made in each test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_builder.builders.diff_report import escape

BIN = Path(sys.executable).parent
CONFIG = """site_name: Diff test
docs_dir: content
plugins:
  - timeline:{options}
"""
SOURCE = """---
title: Leaders meet
outlet: Daily Record
published: 2022-05-23
language: en
---
The two presidents met in Sochi on Monday. "The economy is holding up quite well," he said.
"""
SECOND_SOURCE = """---
title: Meeting report
outlet: Evening Post
published: 2022-05-23
---
A meeting took place in Sochi. The economy is holding up, the president said.
"""
ACTOR = "---\nname: Vladimir Putin\n---\n"
EVENT = """---
title: Putin and Lukashenko meet in Sochi
date: 2022-05-23
actors: [putin]
sources: [record, post]
quotes:
  - text: The economy is holding up quite well
    speaker: putin
    source: record
---
The two presidents met in Sochi on Monday 23 May 2022 to talk about sanctions.
"""


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test",
                             "-c", "user.email=test@example.org", *args],
                            capture_output=True, text=True, check=True)
    return result.stdout


def make_repo(path: Path, *, policy: str | None = "require") -> Path:
    options = f"\n      corrections: {policy}" if policy else " {}"
    files = {
        "mkdocs.yml": CONFIG.format(options=options),
        "content/sources/record.md": SOURCE,
        "content/sources/post.md": SECOND_SOURCE,
        "content/actors/putin.md": ACTOR,
        "content/events/meeting.md": EVENT,
    }
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git(path, "init", "-q", "-b", "main")
    commit(path, "published")
    return path


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def diff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "timeline"), "diff", *args], cwd=repo,
                          capture_output=True, text=True, timeout=120)


def changes(repo: Path, *args: str) -> list[dict[str, object]]:
    result = diff(repo, *args, "--format", "json")
    return list(json.loads(result.stdout)["changes"])


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


CORRECTION = """  - text: The economy is holding up quite well
    speaker: putin
    source: record
corrections:
  - date: 2026-12-06
    text: The meeting was on 24 May.{minor}
---"""


def move_and_rewrite(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "date: 2022-05-23", "date: 2022-05-24")
    edit(repo, "content/events/meeting.md", "on Monday 23 May 2022", "on Tuesday 24 May 2022")


def test_moved_date_and_rewritten_body_say_so_and_need_a_correction(repo: Path) -> None:
    move_and_rewrite(repo)
    commit(repo, "move the meeting")
    result = diff(repo, "HEAD~1")
    assert result.returncode == 1, result.stderr
    assert "meeting: moved: 2022-05-23 → 2022-05-24" in result.stdout
    assert "on [-Monday 23-] {+Tuesday 24+} May 2022" in result.stdout
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == [
        "content/events/meeting.md:3: error: date: changed since HEAD~1 "
        f"({git(repo, 'rev-parse', 'HEAD~1')[:10]}), but 'meeting' was published there and "
        "no correction was added; add a corrections: entry (- date: YYYY-MM-DD, text: what "
        "changed); for a typo fix add minor: true to it",
        f"content/events/meeting.md:11: error: body: changed since HEAD~1 "
        f"({git(repo, 'rev-parse', 'HEAD~1')[:10]}), but 'meeting' was published there and "
        "no correction was added; add a corrections: entry (- date: YYYY-MM-DD, text: what "
        "changed); for a typo fix add minor: true to it",
    ]
    edit(repo, "content/events/meeting.md", CORRECTION.split("corrections:")[0] + "---",
         CORRECTION.format(minor=""))
    fixed = diff(repo, "HEAD~1")  # the working tree: the correction is not committed yet
    assert fixed.returncode == 0, fixed.stdout
    assert "meeting: correction of 2026-12-06: The meeting was on 24 May." in fixed.stdout
    assert ": error: " not in fixed.stdout


def test_a_minor_correction_satisfies_the_policy_and_is_listed_as_minor(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "to talk about", "to talk abuot")
    commit(repo, "typo")
    edit(repo, "content/events/meeting.md", "to talk abuot", "to talk about")
    edit(repo, "content/events/meeting.md", CORRECTION.split("corrections:")[0] + "---",
         CORRECTION.format(minor="\n    minor: true"))
    result = diff(repo, "HEAD")
    assert result.returncode == 0, result.stdout
    assert "meeting: minor correction of 2026-12-06" in result.stdout
    found = [c for c in changes(repo, "HEAD") if c["kind"] == "correction-added"]
    assert [c["minor"] for c in found] == [True]


def test_without_require_the_policy_only_warns(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, policy=None)
    move_and_rewrite(repo)
    result = diff(repo, "HEAD")
    assert result.returncode == 0
    assert "content/events/meeting.md:3: warning: date: changed since HEAD" in result.stdout
    assert "corrections policy (warn): 0 errors, 2 warnings" in result.stdout


def test_a_pull_request_cannot_lift_the_policy_of_its_base(repo: Path) -> None:
    edit(repo, "mkdocs.yml", "corrections: require", "corrections: warn")
    move_and_rewrite(repo)
    result = diff(repo, "HEAD")
    assert result.returncode == 1
    assert "corrections policy (require): 2 errors" in result.stdout


def test_rewritten_quote_is_a_word_diff(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "The economy is holding up quite well",
         "The economy is holding up")
    commit(repo, "quote")
    found = changes(repo, "HEAD~1", "HEAD")
    assert [c["kind"] for c in found] == ["quote-changed"]
    assert found[0]["words"] == [{"op": "=", "text": "The economy is holding up"},
                                 {"op": "-", "text": "quite well"}]
    result = diff(repo, "HEAD~1", "HEAD")
    assert "content/events/meeting.md:6: error: quotes: changed since HEAD~1" in result.stdout


def test_a_quote_that_stops_verifying_takes_its_event_off_and_says_why(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "The economy is holding up quite well",
         "The economy is holding up very well")
    found = changes(repo, "HEAD")
    assert [c["kind"] for c in found] == ["event-invalid"]
    assert str(found[0]["message"]).startswith(
        "has errors and is left off the timeline: line 7: quote: not found in the text of "
        "source 'record'")
    # Under the policy that is an error on the line of the first problem: a published
    # event never leaves the timeline without a notice.
    result = diff(repo, "HEAD")
    assert result.returncode == 1
    assert ("content/events/meeting.md:7: error: published event 'meeting' has errors and "
            "would leave the timeline: quote: not found in the text of") in result.stdout


def test_archiving_a_source_makes_its_quote_verify(repo: Path) -> None:
    edit(repo, "content/sources/post.md", "A meeting took place in Sochi. The economy is "
         "holding up, the president said.\n", "")
    edit(repo, "content/events/meeting.md", "    source: record\n",
         "    source: record\n  - text: A meeting took place\n    speaker: putin\n"
         "    source: post\n")
    commit(repo, "quote from a source without text")
    (repo / "content/sources/post.md").write_text(SECOND_SOURCE, encoding="utf-8")
    found = {(c["kind"], c["message"]) for c in changes(repo, "HEAD")}
    assert found == {("quote-verification", "quote now verifies against post: "
                                            "'A meeting took place'"),
                     ("source-text", "archived text added")}


def test_attribution_change(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "    speaker: putin\n",
         "    attribution: unattributed\n    note: The report names no speaker.\n")
    found = [c for c in changes(repo, "HEAD") if c["kind"] == "quote-attribution"]
    assert [c["message"] for c in found] == [
        "quote attributed to unattributed, was putin: 'The economy is holding up quite well'"]


def test_a_file_moved_to_another_folder_keeps_its_event(repo: Path) -> None:
    (repo / "content/events/2022").mkdir()
    git(repo, "mv", "content/events/meeting.md", "content/events/2022/meeting.md")
    commit(repo, "move into a folder")
    result = diff(repo, "HEAD~1")
    assert result.returncode == 0, result.stdout
    assert "No editorial changes." in result.stdout


def test_a_renamed_event_is_followed_and_its_lost_address_is_an_error(repo: Path) -> None:
    git(repo, "mv", "content/events/meeting.md", "content/events/sochi-meeting.md")
    commit(repo, "rename")
    found = changes(repo, "HEAD~1")
    assert [c["kind"] for c in found] == ["event-renamed"]
    assert found[0]["message"] == ("meeting is now sochi-meeting: its address "
                                   "timeline/#meeting no longer leads to it")
    result = diff(repo, "HEAD~1")
    assert result.returncode == 1
    assert ("content/events/sochi-meeting.md:1: error: published event 'meeting' was renamed "
            "to 'sochi-meeting': links to timeline/#meeting would break") in result.stdout


def test_deleting_a_published_event_is_an_error(repo: Path) -> None:
    (repo / "content/events/meeting.md").unlink()
    result = diff(repo, "HEAD")
    assert result.returncode == 1
    assert "meeting: removed: Putin and Lukashenko meet in Sochi (2022-05-23)" in result.stdout
    assert ("content/events/meeting.md:1: error: published event 'meeting' was deleted; a "
            "published event is never deleted; restore the file and add withdrawn:"
            ) in result.stdout


def test_withdrawing_a_published_event_is_allowed(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "quotes:",
         "withdrawn: {date: 2026-12-06, reason: The meeting never took place.}\nquotes:")
    result = diff(repo, "HEAD")
    assert result.returncode == 0, result.stdout
    assert "meeting: withdrawn on 2026-12-06: The meeting never took place." in result.stdout


def test_added_event_sources_lineage_and_single_source(repo: Path) -> None:
    (repo / "content/events/later.md").write_text(
        "---\ntitle: A later meeting\ndate: May 2022\nsources: [record]\n---\nMore.\n",
        encoding="utf-8")
    (repo / "content/sources/copy.md").write_text(
        "---\ntitle: Copy\noutlet: Aggregator\npublished: 2022-05-24\n"
        "derived_from: record\n---\n", encoding="utf-8")
    edit(repo, "content/sources/post.md", "published: 2022-05-23",
         "published: 2022-05-23\nderived_from: record")
    found = {(c["kind"], c["id"], c["message"]) for c in changes(repo, "HEAD")}
    assert found == {
        ("event-added", "later", "added: A later meeting (2022-05)"),
        ("source-added", "copy", "source added: Copy (Aggregator); no archived text"),
        ("source-lineage", "post", "lineage: derived from record, was an original"),
        ("single-source", "meeting", "now rests on a single source: record"),
        ("single-source", "later", "now rests on a single source: record"),
    }


def test_a_dispute_added_is_listed(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "quotes:",
         "disputes:\n  - source: post\n    says: A meeting took place in Sochi\n"
         "    note: It was a summit.\n    sources: [record]\nquotes:")
    found = [c["message"] for c in changes(repo, "HEAD") if c["kind"] == "dispute-added"]
    assert found == ["dispute: post says 'A meeting took place in Sochi'"]


def test_markdown_summary_renders_changes_and_escapes_contributor_text(repo: Path) -> None:
    edit(repo, "content/events/meeting.md", "title: Putin and Lukashenko meet in Sochi",
         "title: \"Sochi ![x](https://evil.example/p.png) <img src=x> **bold** | cell\"")
    result = diff(repo, "HEAD", "--format", "markdown")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "## Editorial diff: HEAD (" + git(repo, "rev-parse", "HEAD")[:10] + \
        ") → working tree"
    assert "### Events" in lines
    retitled = next(line for line in lines if line.startswith("- **event retitled**"))
    assert retitled == (
        "- **event retitled** `meeting`: retitled: 'Putin and Lukashenko meet in Sochi' → "
        "'Sochi \\!\\[x\\](https://evil.example/p.png) &lt;img src=x&gt; \\*\\*bold\\*\\* "
        "\\| cell'")
    assert "### Corrections policy (require)" in lines
    assert any(line.startswith("- **error** `content/events/meeting.md:2`: title: changed")
               for line in lines)
    # the policy's problems also reach standard error as PATH:LINE: error: lines
    assert "content/events/meeting.md:2: error: title: changed since HEAD" in result.stderr


def test_github_format_annotates_the_line(repo: Path) -> None:
    move_and_rewrite(repo)
    result = diff(repo, "HEAD", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=content/events/meeting.md,line=3::date: "
                                    "changed since HEAD")


@pytest.mark.parametrize(("args", "message"), [
    (("no-such-branch",), "timeline: diff: 'no-such-branch' is not a revision of"),
    (("--", "--output=x"), "timeline: diff: '--output=x' is not a revision"),
])
def test_unknown_revisions_are_usage_errors(repo: Path, args: tuple[str, ...],
                                            message: str) -> None:
    result = diff(repo, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    make_repo(tmp_path)
    subprocess.run(["rm", "-rf", str(tmp_path / ".git")], check=True)
    result = diff(tmp_path, "HEAD")
    assert result.returncode == 2
    assert "is not in a git repository" in result.stderr


def test_a_bad_corrections_option_names_its_line(repo: Path) -> None:
    edit(repo, "mkdocs.yml", "corrections: require", "corrections: always")
    result = diff(repo, "HEAD")
    assert result.returncode == 2
    assert result.stderr.startswith("mkdocs.yml:5: error: timeline: corrections: 'always' is "
                                    "not warn or require")


def test_escape_leaves_no_markdown_active() -> None:
    assert escape("[a](b) `c` *d* _e_ <f> | ~g~ ![h]") == \
        "\\[a\\](b) \\`c\\` \\*d\\* \\_e\\_ &lt;f&gt; \\| \\~g\\~ \\!\\[h\\]"


def test_an_original_rewritten_under_its_translation_lists_the_stale_translation(
        tmp_path: Path) -> None:
    repo = make_repo(tmp_path, policy=None)
    edit(repo, "mkdocs.yml", "  - timeline: {}", "  - timeline:\n      languages: [en, uk]")
    translation = repo / "content/events/meeting.uk.md"
    translation.write_text("---\ntitle: Путін і Лукашенко зустрічаються в Сочі\ntranslation:\n"
                           "  from: en\n  by: the editors\n  status: draft\n---\n"
                           "Два президенти зустрілися в Сочі.\n", encoding="utf-8")
    stamped = subprocess.run([str(BIN / "timeline"), "translation", "stamp", str(translation)],
                             cwd=repo, capture_output=True, text=True, timeout=120)
    assert stamped.returncode == 0, stamped.stderr
    commit(repo, "translated")
    assert not [c for c in changes(repo, "HEAD") if c["kind"] == "translation-stale"]
    edit(repo, "content/events/meeting.md", "to talk about sanctions", "to talk about gas")
    stale = [c for c in changes(repo, "HEAD") if c["kind"] == "translation-stale"]
    assert [(c["id"], c["path"]) for c in stale] == [("meeting", "content/events/meeting.uk.md")]
    assert "timeline translation stamp content/events/meeting.uk.md" in str(stale[0]["message"])
    text = diff(repo, "HEAD").stdout
    assert "Translations" in text and "uk translation of event 'meeting' is stale" in text
    # Once stale at BASE, it is not news at HEAD.
    commit(repo, "rewritten")
    edit(repo, "content/events/meeting.md", "to talk about gas", "to talk about oil")
    assert not [c for c in changes(repo, "HEAD") if c["kind"] == "translation-stale"]
