"""``python -m timeline_builder`` is the ``timeline`` command."""

from __future__ import annotations

import sys

from timeline_builder.builders.cli import main

sys.exit(main())
