"""Every word our templates show goes through the catalog, and the catalogs of the editions
have each of them (a missing one would leave English in a Ukrainian or Russian page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment, nodes

from timeline_builder.core.editions import LOCALE_DIR

TEMPLATES = Path(__file__).resolve().parents[2] / "timeline_builder/site/templates"
# Messages built from a value in the template (a precision, a kind of media).
DYNAMIC = {
    *(f"Only the {precision} is known" for precision in ("month", "year")),
    *(f"{precision} only" for precision in ("month", "year")),
    *(text.format(noun=noun) for noun in ("picture", "video") for text in (
        "Warning: this {noun} shows graphic, possibly distressing material.",
        "Show the {noun}", "Hide the {noun}", "{noun} from {{host}}")),
}


def template_messages() -> set[str]:
    """The literal first argument of every ``_()`` and ``n_()`` call, read by Jinja's parser."""
    found: set[str] = set()
    env = Environment(autoescape=True)
    for path in TEMPLATES.glob("*.html"):
        for call in env.parse(path.read_text(encoding="utf-8")).find_all(nodes.Call):
            name = getattr(call.node, "name", "")
            if name in ("_", "n_") and call.args and isinstance(call.args[0], nodes.Const):
                found.add(call.args[0].value)
    return found


def catalog(language: str) -> dict[str, object]:
    with (LOCALE_DIR / language / "LC_MESSAGES/timeline.po").open("rb") as handle:
        return {message.id if isinstance(message.id, str) else message.id[0]: message.string
                for message in read_po(handle) if message.id}


def test_the_templates_words_are_found() -> None:
    words = template_messages()
    assert {"Sources", "Correction", "Tags", "Entry last changed", "Open on {site}",
            "Cite this event"} <= words


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_edition_translates_every_word(language: str) -> None:
    known = catalog(language)
    missing = sorted(word for word in template_messages() | DYNAMIC
                     if not known.get(word) or known[word] == ("",) * 3)
    assert missing == []


def _script_ids() -> set[str]:
    from timeline_builder.site.editions import script_msgids

    return {msgid if isinstance(msgid, str) else msgid[0] for msgid in script_msgids()}


def test_the_scripts_words_are_found() -> None:
    """timeline-share.js's words too: "Copied" was a literal, English in every edition."""
    assert {"Copied", "Timeline", "Day {n}", "{shown} of {total} event"} <= _script_ids()


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_each_edition_translates_every_word_of_the_scripts(language: str) -> None:
    from timeline_builder.site.editions import script_messages

    page = script_messages(language)
    assert page is not None
    assert sorted(_script_ids() - set(page["messages"])) == []  # type: ignore[arg-type]
