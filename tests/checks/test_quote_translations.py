"""A quote's translations (CONTRACT "Translations"): each error on its line, the words beneath
the quote in that edition only, in the JSON export, and verification on the source's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_builder.builders.pipeline import load_content, outputs_of
from timeline_builder.checks.validate import validate
from timeline_builder.config.settings import read_mkdocs_yml
from timeline_builder.exports.json_export import export_json
from timeline_builder.reading.load import load_documents

SOURCE = ("---\ntitle: A report\noutlet: The Outlet\npublished: 2022-05-23\nlanguage: en\n---\n"
          "Putin said the economy is withstanding the sanctions, quite well, on Monday.\n")
ACTOR = "---\nname: Vladimir Putin\n---\n"
E = "content/events/ev.md"
HEAD = ("---\ntitle: Sochi\ndate: 2022-05-23\nactors: [putin]\nsources: [report]\nquotes:\n"
        "  - text: quite well\n    speaker: putin\n    source: report\n")


def _event(translations: str) -> str:
    return f"{HEAD}    translations:\n{translations}---\nBody.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _run(tmp_path: Path, event: str, languages: tuple[str, ...] = ("en", "uk", "ru")):
    files = {"content/sources/report.md": SOURCE, "content/actors/putin.md": ACTOR, E: event}
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    documents, _ = load_documents(Path("content"), max_bytes=1_000_000)
    timeline, problems = validate(documents, languages=languages)
    shown = [p.text() for p in problems if p.severity == "error"]
    return timeline, shown


# (translations: block, the errors of the run)
TABLE = [
    ("      uk: {text: цілком непогано, by: the editors}\n", []),
    ("      de: {text: ganz gut, by: the editors}\n",
     [f"{E}:11: error: quote: translations: de: 'de' is not one of the site's editions "
      "(en, uk, ru); add de to languages: in mkdocs.yml, or remove it"]),
    ("      en: {text: quite well, by: the editors}\n",
     [f"{E}:11: error: quote: translations: en: the quote is already in en, the language of "
      "its source 'report'; remove it: the quote itself is shown in that edition"]),
    ("      uk: {text: '', by: the editors}\n",
     [f"{E}:11: error: quote: translations: uk: text: is missing or empty; write the quote's "
      "words in this language"]),
    ("      uk:\n        text: цілком непогано\n",
     [f"{E}:11: error: quote: translations: uk: by: who translated is required; write by: "
      "the editors (or a name, or 'machine (engine)')"]),
    ("      uk:\n        text: цілком непогано\n        by: the editors\n        bye: x\n",
     [f"{E}:14: error: quote: translations: uk: unknown key 'bye' (did you mean 'by'?); a "
      "quote's translation has text: and by:"]),
    ("      uk: цілком непогано\n",
     [f"{E}:11: error: quote: translations: uk: must be {{text: …, by: …}}; write uk: "
      "{text: …, by: the editors}"]),
    ("      - uk\n",
     [f"{E}:10: error: quote: translations: must be a mapping of languages; write "
      "translations: {uk: {text: …, by: the editors}}"]),
]


@pytest.mark.parametrize(("block", "expected"), TABLE)
def test_each_error_on_its_line(tmp_path: Path, block: str, expected: list[str]) -> None:
    _, shown = _run(tmp_path, _event(block))
    assert shown == expected


def test_a_site_with_one_edition_says_to_add_languages(tmp_path: Path) -> None:
    _, shown = _run(tmp_path, _event("      uk: {text: цілком непогано, by: the editors}\n"),
                    languages=("en",))
    assert shown == [f"{E}:11: error: quote: translations: uk: 'uk' is not one of the site's "
                     "editions (en); add languages: [en, uk] to the timeline plugin in "
                     "mkdocs.yml, or remove it"]


def test_verification_and_export_keep_the_source_words(tmp_path: Path) -> None:
    timeline, shown = _run(tmp_path, _event(
        "      ru: {text: вполне неплохо, by: Ivan Petrov}\n"
        "      uk: {text: цілком непогано, by: the editors}\n"))
    assert shown == []
    quote = json.loads(export_json(timeline))["events"][0]["quotes"][0]
    assert (quote["text"], quote["verified"]) == ("quite well", True)
    assert quote["translations"] == {"ru": {"text": "вполне неплохо", "by": "Ivan Petrov"},
                                     "uk": {"text": "цілком непогано", "by": "the editors"}}
    # A quote without translations has no key at all (older readers see nothing new).
    timeline, _ = _run(tmp_path, HEAD + "---\nBody.\n")
    assert "translations" not in json.loads(export_json(timeline))["events"][0]["quotes"][0]


def test_shown_beneath_the_quote_in_its_edition_only(tmp_path: Path) -> None:
    _run(tmp_path, _event("      uk: {text: цілком <b>непогано</b>, by: Ivan Petrov}\n"))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\nplugins:\n  - timeline:\n      languages: [en, uk]\n",
        encoding="utf-8")
    settings, problems = read_mkdocs_yml(tmp_path / "mkdocs.yml")
    assert problems == []
    pages = {page.path: page.content for page in
             outputs_of(load_content(settings), settings).pages}
    beneath = ('<blockquote><p>quite well</p></blockquote><div class="tl-quote__translation" '
               'lang="uk"><p>цілком &lt;b&gt;непогано&lt;/b&gt;</p><p class="tl-quote__by">'
               "Переклад: Ivan Petrov</p></div>")
    assert beneath in pages["uk/events/ev.md"]
    assert beneath in pages["uk/timeline/index.md"]
    assert "tl-quote__translation" not in pages["events/ev.md"]
    assert "tl-quote__translation" not in pages["timeline/index.md"]
