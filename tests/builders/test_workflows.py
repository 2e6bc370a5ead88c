"""The CI workflows: lint-clean, SHA-pinned, least privilege, safe for fork pull requests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "pr.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
LINKS = WORKFLOWS / "links.yml"
ALL = [PR, DEPLOY, LINKS]

SHA_PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+\.\d+\.\d+\s*$")
SECRET_USE = re.compile(r"\bsecrets\s*[.\[]|\bgithub\.token\b")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), "workflow has no `on:` triggers"
    return on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def all_uses(workflow: dict[Any, Any]) -> list[str]:
    refs = [step["uses"] for step in steps(workflow) if "uses" in step]
    refs += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return refs


def run_scripts(workflow: dict[Any, Any]) -> str:
    return "\n".join(step["run"] for step in steps(workflow) if "run" in step)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_workflow_exists(path: Path) -> None:
    assert path.is_file(), f"missing {path.relative_to(ROOT)}"


def test_actionlint_is_clean() -> None:
    actionlint = Path(sys.executable).parent / "actionlint"
    assert actionlint.exists(), f"{actionlint} missing: install the test extras (make test)"
    result = subprocess.run(
        [str(actionlint), "-no-color", *(str(p) for p in ALL)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output == ""


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha(path: Path) -> None:
    refs = all_uses(load(path))
    assert refs, f"{path.name} uses no actions"
    for ref in refs:
        if ref.startswith("./"):
            continue  # a local action is versioned with the repository
        assert SHA_PINNED.match(ref), f"{path.name}: `{ref}` is not pinned to a 40-hex commit SHA"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_pin_names_its_release_in_a_comment(path: Path) -> None:
    lines = [m for m in map(USES_LINE.match, path.read_text(encoding="utf-8").splitlines()) if m]
    assert lines
    for m in lines:
        if m["ref"].startswith("./"):
            continue
        assert VERSION_COMMENT.match(m["rest"]), f"{path.name}: `{m['ref']}` lacks `# vX.Y.Z`"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path: Path) -> None:
    assert load(path).get("permissions") == {"contents": "read"}


def test_only_the_deploy_job_can_write() -> None:
    writers: dict[tuple[str, str], Any] = {}
    for path in ALL:
        for name, job in load(path)["jobs"].items():
            perms = job.get("permissions", {})
            if isinstance(perms, str):
                assert perms == "read-all", f"{path.name}:{name}: permissions {perms!r}"
                continue
            if "write" in perms.values():
                writers[(path.name, name)] = perms
    assert writers == {("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"}}


def test_pr_jobs_add_no_permissions() -> None:
    for name, job in load(PR)["jobs"].items():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}, name


def test_deploy_build_job_only_reads() -> None:
    build = load(DEPLOY)["jobs"]["build"]
    assert set(build["permissions"].values()) == {"read"}
    assert build["permissions"]["contents"] == "read"


def test_pr_workflow_runs_on_pull_request_never_pull_request_target() -> None:
    on = triggers(load(PR))
    assert "pull_request" in on
    assert "pull_request_target" not in on
    assert set(on) <= {"pull_request", "workflow_dispatch"}


def test_pr_workflow_uses_no_secrets() -> None:
    text = PR.read_text(encoding="utf-8")
    assert not SECRET_USE.search(text), "fork pull requests must not need credentials"


def test_deploy_runs_on_push_to_main() -> None:
    on = triggers(load(DEPLOY))
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_checkout_does_not_persist_credentials(path: Path) -> None:
    checkouts = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


def test_concurrency() -> None:
    pr = load(PR)["concurrency"]
    assert pr["cancel-in-progress"] is True
    assert "github.workflow" in pr["group"]
    deploy = load(DEPLOY)["concurrency"]
    assert deploy == {"group": "pages", "cancel-in-progress": False}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_deterministic_build_environment(path: Path) -> None:
    workflow = load(path)
    assert workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"
    assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in run_scripts(workflow)
    python = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert [s["with"]["python-version"] for s in python] == ["3.11"]


def test_pr_workflow_checks_content_builds_and_tests() -> None:
    script = run_scripts(load(PR))
    for command in (
        "make .venv/bin/.installed",
        "pip check",
        ".venv/bin/timeline check --format github",
        ".venv/bin/mkdocs build --strict",
        ".venv/bin/timeline verify-site site",
        "make build BUILDER=zensical",
        "apt-get install -y chromium",
        "make test",
    ):
        assert command in script, command
    assert script.index("make .venv/bin/.installed") < script.index("timeline check")
    assert script.index("apt-get install -y chromium") < script.index("make test")


def test_deploy_builds_then_publishes_the_site() -> None:
    jobs = load(DEPLOY)["jobs"]
    build = jobs["build"]
    script = run_scripts({"jobs": {"build": build}})
    assert "make .venv/bin/.installed" in script
    assert ".venv/bin/mkdocs build --strict" in script
    assert script.index("mkdocs build") < script.index("timeline verify-site site")
    build_uses = [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s]
    assert build_uses[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    upload = build["steps"][-1]
    assert upload["with"]["path"] == "site"

    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    (step,) = deploy["steps"]
    assert step["id"] == "deployment"
    assert step["uses"].startswith("actions/deploy-pages@")


def test_pull_request_template_is_a_checklist() -> None:
    template = ROOT / ".github" / "pull_request_template.md"
    text = template.read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    assert "timeline check" in text


def test_pr_workflow_writes_the_editorial_diff_and_uploads_the_preview() -> None:
    workflow = load(PR)
    script = run_scripts(workflow)
    assert '.venv/bin/timeline diff "$BASE" --format markdown > editorial-diff.md' in script
    assert 'cat editorial-diff.md >> "$GITHUB_STEP_SUMMARY"' in script
    assert '.venv/bin/timeline diff "$BASE" --format github' in script
    assert 'exit "$status"' in script  # policy errors fail the step
    diff_step = next(s for s in steps(workflow) if s.get("name") == "Editorial diff")
    # the base branch reaches the script through the environment, never spliced into it
    assert diff_step["env"] == {"BASE": "origin/${{ github.base_ref || 'main' }}"}
    assert "${{" not in diff_step["run"]
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    upload = next(s for s in steps(workflow)
                  if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site"
    names = [s.get("name") for s in steps(workflow)]
    assert names.index("Build the site") < names.index("Upload the site preview")


def test_links_workflow_runs_weekly_and_only_reads() -> None:
    workflow = load(LINKS)
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    (cron,) = on["schedule"]
    minute, hour, day, month, weekday = cron["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    script = run_scripts(workflow)
    assert ".venv/bin/timeline links --format github" in script
    assert "--write" not in script
