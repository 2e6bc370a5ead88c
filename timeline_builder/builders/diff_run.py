"""``timeline diff``: read both sides through the pipeline, compare, apply the policy."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from timeline_builder.builders.pipeline import load_content
from timeline_builder.checks.editorial_diff import Diff, Side, compare, policy, renamed_event_ids
from timeline_builder.config.settings import Settings, read_mkdocs_yml
from timeline_builder.core.diagnostics import Diagnostic, warning
from timeline_builder.core.model import Timeline
from timeline_builder.reading import revisions
from timeline_builder.reading.load import discover, display_path
from timeline_builder.reading.revisions import (
    WORKING_TREE,
    Repository,
    RevisionError,
    temporary_folder,
)


@dataclass(frozen=True)
class DiffResult:
    diff: Diff
    policy: list[Diagnostic]
    mode: str  # the corrections policy in force: warn | require


def run_diff(settings: Settings, config: Path, base: str, head: str | None) -> DiffResult:
    """The editorial diff from revision ``base`` to ``head`` (None: the working tree).

    RevisionError for misuse: no repository, an unknown revision, content outside it."""
    repo = Repository.around(config.parent if config.exists() else Path.cwd())
    base_commit = repo.commit(base)
    head_commit = repo.commit(head) if head else None
    try:
        content_rel = repo.relative(settings.content_dir)
        config_rel = repo.relative(config)
    except ValueError:
        raise RevisionError(f"{settings.content_dir} is outside the repository {repo.top}"
                            ) from None
    with temporary_folder() as scratch:
        old, base_settings = _committed_side(repo, base_commit, f"{base} ({base_commit[:10]})",
                                             settings, config_rel, content_rel,
                                             Path(scratch) / "base")
        if head_commit is None:
            new = _side(WORKING_TREE, settings, display_path)
        else:
            new, _ = _committed_side(repo, head_commit, f"{head} ({head_commit[:10]})",
                                     settings, config_rel, content_rel, Path(scratch) / "head")
        moved, complete = repo.renames(base_commit, head_commit, content_rel)
        renames = renamed_event_ids(moved, f"{content_rel}/events")
        # The stricter of the two sides: a pull request cannot lift the policy that is in
        # force on its base by editing mkdocs.yml in the same change.
        mode = "require" if "require" in (settings.corrections, base_settings.corrections) \
            else "warn"
        diff = compare(old, new, renames)
        problems = policy(old, new, renames, mode)
        if not complete:
            problems.insert(0, _renames_unpaired(settings))
    return DiffResult(diff, problems, mode)


def _renames_unpaired(settings: Settings) -> Diagnostic:
    limit = revisions.RENAME_LIMIT
    return warning(display_path(settings.content_dir / "events"), 1,
                   f"over {limit:,} files changed: git did not pair files that were "
                   "renamed and edited, so such events show as removed and added",
                   "rename files in a commit of their own (a rename without edits is always "
                   "followed), or diff smaller steps")


def _committed_side(repo: Repository, commit: str, label: str, settings: Settings,
                    config_rel: str, content_rel: str, folder: Path) -> tuple[Side, Settings]:
    """The content at ``commit``, read with that commit's own mkdocs.yml (its calendars
    date its events) when it has one and it reads cleanly."""
    folder.mkdir(parents=True)
    at_commit = settings
    if repo.extract(commit, [config_rel], folder):
        found, problems = read_mkdocs_yml(folder / config_rel)
        if not problems:
            at_commit = found
    relative = content_rel
    with contextlib.suppress(ValueError):  # docs_dir outside the repository: ours
        relative = at_commit.content_dir.resolve().relative_to(folder.resolve()).as_posix()
    at_commit = dataclasses.replace(at_commit, content_dir=folder / relative)
    if not repo.extract(commit, [relative], folder):
        return Side(label, Timeline(), {}, {}), at_commit
    top = repo.top
    return _side(label, at_commit,
                 lambda path: display_path(top / path.relative_to(folder))), at_commit


def _side(label: str, settings: Settings, shown_as: Callable[[Path], str]) -> Side:
    content = load_content(settings)
    found, _ = discover(settings.content_dir)
    files = {path.stem: path for kind, path in found if kind == "event"}
    shown = {event_id: shown_as(path) for event_id, path in files.items()}
    by_path = {display_path(path): event_id for event_id, path in files.items()}
    errors: dict[str, list[Diagnostic]] = {}
    for problem in content.problems:
        if problem.severity == "error" and problem.path in by_path:
            errors.setdefault(by_path[problem.path], []).append(problem)
    return Side(label, content.timeline, files, shown, errors, content.translations)
