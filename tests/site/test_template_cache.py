"""Compiled templates are kept for the process (mkdocs serve), never served stale."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from timeline_builder.site.template_cache import ProcessBytecodeCache


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    cache = ProcessBytecodeCache()
    page = tmp_path / "page.html"
    page.write_text("one {{ x }}", encoding="utf-8")

    def rendered() -> str:
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert rendered() == "one 1"
    assert rendered() == "one 1"  # a new environment, as each rebuild makes: from the cache
    stat = page.stat()
    page.write_text("two {{ x }}", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the text decides
    assert rendered() == "two 1"
