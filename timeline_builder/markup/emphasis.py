"""``2*3*4`` is arithmetic, not emphasis: asterisks inside a word stay asterisks.

Python-Markdown (like CommonMark) reads ``2*3*4`` as ``2<em>3</em>4``, so a contributor's
formula or a starred word (``un*believ*able``) silently loses characters on the page and
in every summary. Underscores already work this way ("smart" delimiters: ``snake_case``
stays as written); this makes ``*`` the same. ``*a*`` and ``**b**`` between words still
emphasise.
"""

from __future__ import annotations

import markdown
from markdown.extensions import Extension


class WordSafeEmphasisExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        delimiters = getattr(md, "delimiters", None)  # Python-Markdown >= 3.9
        if delimiters is not None:
            delimiters.add("*", "strong,em", smart=True)
