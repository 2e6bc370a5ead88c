"""timeline_builder: sourced news timelines as static sites.

The core (everything except ``plugin.py``) imports nothing from MkDocs, so the same
pipeline serves the ``timeline`` CLI, the MkDocs plugin and any other builder.
"""

from __future__ import annotations

__version__ = "0.1.0"
