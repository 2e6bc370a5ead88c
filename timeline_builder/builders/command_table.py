"""The README's command table, made from the CLI's own parser so that the two cannot disagree.

`make readme` rewrites the table between the README's ``<!-- commands -->`` markers; a test
fails when the README's table is not what the parser makes (a new option, a reworded help).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

BEGIN, END = "<!-- commands: made by `make readme` from `timeline --help` -->", "<!-- /commands -->"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public accessor for subparsers
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def usage(command: argparse.ArgumentParser) -> str:
    """``timeline check [--content DIR] [--format text|github|json] [--stats]``."""
    text = " ".join(command.format_usage().split()).removeprefix("usage: ")
    text = text.replace(" [-h]", "")
    return re.sub(r"\{([^{}]*)\}", lambda m: m.group(1).replace(",", "|"), text)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table(parser: argparse.ArgumentParser) -> str:
    """One row per command, in the order the parser lists them."""
    rows = ["| command | does |", "|---|---|"]
    for command in _subcommands(parser).values():
        rows.append(f"| `{_cell(usage(command))}` | {_cell(command.description or '')} |")
    return "\n".join(rows) + "\n"


def with_table(readme: str, parser: argparse.ArgumentParser) -> str:
    """The README with its command table replaced; ValueError when the markers are missing."""
    start, stop = readme.find(BEGIN), readme.find(END)
    if start < 0 or stop < start:
        raise ValueError(f"the README needs the lines {BEGIN!r} and {END!r} around its table")
    return readme[:start + len(BEGIN)] + "\n" + table(parser) + readme[stop:]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m timeline_builder.builders.command_table README.md``: rewrite the table."""
    from timeline_builder.builders.cli import _parser

    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0] if args else "README.md")
    text = path.read_text(encoding="utf-8")
    try:
        updated = with_table(text, _parser())
    except ValueError as exc:
        print(f"{path}: error: {exc}", file=sys.stderr)
        return 1
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: command table updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
