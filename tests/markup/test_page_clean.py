"""The trusted-block manifest of `timeline render`: a generated page is one raw HTML block.

page_clean hashes each generated page's content as it is, instead of running
Python-Markdown over megabytes to learn its raw blocks; this holds only while every page
is one HTML element, whatever the bodies inside it hold. Checked on the seed site and on
a split site whose bodies try to break out of their element.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.conftest import copy_project
from timeline_builder.builders.pipeline import build_timeline
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.markup.page_clean import _hash, block_hashes
from timeline_builder.site.outputs import site_outputs

BODIES = [
    "</div></div>\n\nText after closing tags.\n\n<div>\n\nunclosed",
    "<pre>\n\n</div>\n\n</pre>\n\n```\n</article>\n\n<div>\n```",
    "<!-- </div> -->\n\n<script>alert(1)</script>\n\n<p>a\n\n\nb",
    "    <div>indented code</div>\n\n> </section>\n\n* </li></ul>\n\n<![CDATA[ </div> ]]>",
    "<details><summary>x</summary>\n\n</details></details>\n\n<?php echo 1 ?>",
    # A click-to-load embed: the page gets media.css and media.js inside its element.
    '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n\n</div>',
]


def pages(project: Path, split_threshold: int | None = None) -> list[str]:
    cwd = os.getcwd()
    os.chdir(project)
    try:
        settings, problems = read_mkdocs_yml(project / "mkdocs.yml")
        assert not problems
        if split_threshold is not None:
            settings = dataclasses.replace(settings, split_threshold=split_threshold,
                                           period_size=split_threshold)
        timeline, _ = build_timeline(settings)
        return [page.content for page in site_outputs(timeline, settings, links="file").pages]
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("split", [None, 3])
def test_every_generated_page_is_one_raw_block(tmp_path: Path, split: int | None) -> None:
    project = copy_project(tmp_path / "project")
    for number, body in enumerate(BODIES):
        (project / f"content/events/hostile-{number}.md").write_text(
            f"---\ntitle: Hostile {number}\ndate: 2022-0{number + 1}-10\n"
            f"sources: [interreviewed-lukashenko-letter]\n---\n{body}\n")
        (project / f"content/actors/hostile-{number}.md").write_text(
            f"---\nname: Hostile {number}\n---\n{body}\n")
    contents = pages(project, split)
    assert len(contents) > 40
    assert any("assets/timeline/media.js" in content for content in contents)
    for content in contents:
        assert block_hashes([content]) == [_hash(content)], content[:200]
