"""Where a project's build caches live: outside the project, one folder per project.

``$XDG_CACHE_HOME/timeline-builder/<project>-<hash of its path>/`` (``~/.cache`` when the
variable is unset), made 0700. A cache inside the project (``.cache/``) would sit where a
pull request can add files (``git add -f`` passes .gitignore), and what the caches hold is
published as it is (rendered HTML, resized pictures); outside it, nothing a contributor
commits is ever read back. CI keeps the folder between runs with its cache action
(``~/.cache/timeline-builder``). Deleting it is always safe. Where no such folder can be
made (a read-only home), a build gets a fresh temporary one and reuses nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from timeline_builder.core.slugs import slug


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/timeline-builder`` (the folder CI restores between runs)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "timeline-builder"


def project_cache(project: Path, part: str) -> Path:
    """The folder ``part`` (``bodies``, ``media``) of the project whose mkdocs.yml is in
    ``project``, made if missing."""
    resolved = project.resolve()
    name = f"{slug(resolved.name, 'project', length=40)}-" \
           f"{hashlib.sha256(str(resolved).encode()).hexdigest()[:12]}"
    folder = cache_root() / name / part
    try:
        cache_root().parent.mkdir(parents=True, exist_ok=True)
        for each in (cache_root(), folder.parent, folder):  # each 0700, not only the last
            each.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        folder = _scratch() / name / part
        folder.mkdir(parents=True, exist_ok=True)
    return folder


@lru_cache(maxsize=1)
def _scratch() -> Path:
    """A folder of this process alone, for a machine without a usable cache home."""
    return Path(tempfile.mkdtemp(prefix="timeline-builder-"))
