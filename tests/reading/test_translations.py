"""Translation files: each format error on its line, staleness by hash, pairing."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_builder.reading.load import discover, load_documents
from timeline_builder.reading.translations import (
    is_content_file,
    originals_of,
    read_translations,
    translatable_sha256,
)

EVENT = """---
title: Putin and Lukashenko meet in Sochi
date: 2022-05-23
actors: [putin]
sources: [tass]
media:
  - src: assets/a.jpg
    alt: Two men at a table
---
The two presidents met.
"""
LANGUAGES = ("en", "uk", "ru")


def _site(tmp_path: Path, translation: str, name: str = "events/sochi.uk.md") -> Path:
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    (content / "events/sochi.md").write_text(EVENT, encoding="utf-8")
    (content / name).parent.mkdir(parents=True, exist_ok=True)
    (content / name).write_text(translation, encoding="utf-8")
    return content


def _read(content: Path, languages: tuple[str, ...] = LANGUAGES):
    documents, _ = load_documents(content, max_bytes=1_000_000)
    return read_translations(content, originals_of(documents), languages, max_bytes=1_000_000)


def _stamp(content: Path) -> str:
    documents, _ = load_documents(content, max_bytes=1_000_000)
    return originals_of(documents)[("event", "sochi")].sha256


GOOD = """---
title: Путін і Лукашенко зустрілися в Сочі
media:
  - alt: Двоє чоловіків за столом
translation: {from: en, by: the editors, status: draft, original_sha256: HASH}
---
Двоє президентів зустрілися.
"""


def test_a_translation_is_paired_with_its_original(tmp_path: Path) -> None:
    content = _site(tmp_path, GOOD)
    (content / "events/sochi.uk.md").write_text(GOOD.replace("HASH", _stamp(content)),
                                                encoding="utf-8")
    translations, problems = _read(content)
    assert problems == []
    found = translations.get("event", "sochi", "uk")
    assert found is not None
    assert (found.text("title"), found.body.strip(), found.by, found.status, found.stale) == \
        ("Путін і Лукашенко зустрілися в Сочі", "Двоє президентів зустрілися.", "the editors",
         "draft", False)
    assert found.media_text(0, "alt") == "Двоє чоловіків за столом"
    assert translations.get("event", "sochi", "ru") is None


def test_translations_are_not_content_files(tmp_path: Path) -> None:
    content = _site(tmp_path, GOOD)
    found, _ = discover(content)
    assert [path.name for _, path in found] == ["sochi.md"]
    assert not is_content_file(content / "events/sochi.uk.md")
    assert is_content_file(content / "events/sochi.md")


@pytest.mark.parametrize(("front", "expected"), [
    ("title: Т\ndate: 2022-05-24\ntranslation: {from: en, by: x, status: draft}",
     "sochi.uk.md:3: error: date: is the original's"),
    ("title: Т\nactors: [putin]\ntranslation: {from: en, by: x, status: draft}",
     "sochi.uk.md:3: error: actors: is the original's"),
    ("title: Т\nsources: [tass]\ntranslation: {from: en, by: x, status: draft}",
     "sochi.uk.md:3: error: sources: is the original's"),
    ("title: Т\nquotes:\n  - text: x\ntranslation: {from: en, by: x, status: draft}",
     "sochi.uk.md:3: error: quotes: a quote keeps its source's words"),
    ("title: Т\ntranslation: {from: ru, by: x, status: draft}",
     "sochi.uk.md:3: error: translation: from: 'ru' is not the original's language"),
    ("title: Т\ntranslation:\n  from: en\n  by: x\n  status: final",
     "sochi.uk.md:6: error: translation: status: 'final' is not draft or reviewed"),
    ("title: Т\ntranslation:\n  from: en\n  status: draft",
     "sochi.uk.md:3: error: translation: by: who translated is required"),
    ("title: Т",
     "sochi.uk.md:1: error: a translation needs a translation: record"),
    ("title: Т\nmedia:\n  - alt: a\n  - alt: b\ntranslation: {from: en, by: x, status: draft}",
     "sochi.uk.md:5: error: media: the original has 1 item(s); this is item 2"),
    ("title: Т\nmedia:\n  - src: b.jpg\ntranslation: {from: en, by: x, status: draft}",
     "sochi.uk.md:4: error: media: src: is the original's"),
])
def test_each_format_error_is_on_its_line(tmp_path: Path, front: str, expected: str) -> None:
    content = _site(tmp_path, f"---\n{front}\n---\nТіло.\n")
    translations, problems = _read(content)
    errors = [p.text() for p in problems if p.severity == "error"]
    assert len(errors) == 1 and expected in errors[0], errors
    assert translations.items == ()


@pytest.mark.parametrize(("name", "expected"), [
    ("events/sochi.de.md", "sochi.de.md:1: error: 'de' is not one of the site's editions "
     "(uk, ru)"),
    ("events/sochi.en.md", "sochi.en.md:1: error: 'en' is the default edition's language"),
    ("events/minsk.uk.md", "minsk.uk.md:1: error: no original for this translation: "
     "content/events/minsk.md does not exist"),
    ("sources/tass.uk.md", "tass.uk.md:1: error: sources are not translated"),
])
def test_language_and_original_must_exist(tmp_path: Path, name: str, expected: str) -> None:
    content = _site(tmp_path, GOOD, name)
    _, problems = _read(content)
    assert [p.text() for p in problems if expected in p.text()], [p.text() for p in problems]


def test_a_site_with_one_edition_says_how_to_add_languages(tmp_path: Path) -> None:
    content = _site(tmp_path, GOOD)
    _, problems = _read(content, ())
    assert [p.text().split(": ", 1)[1] for p in problems] == [
        "error: a translation ('.uk.md') on a site with one edition; add languages: [en, uk] "
        "to the timeline plugin in mkdocs.yml"]


def test_a_changed_original_makes_the_translation_stale(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    content = _site(tmp_path, GOOD)
    (content / "events/sochi.uk.md").write_text(GOOD.replace("HASH", _stamp(content)),
                                                encoding="utf-8")
    original = content / "events/sochi.md"
    # Untranslatable keys do not matter: a new tag changes nothing a translator translates.
    original.write_text(EVENT.replace("sources: [tass]", "sources: [tass]\ntags: [x]"),
                        encoding="utf-8")
    translations, problems = _read(content)
    assert problems == [] and not translations.items[0].stale
    original.write_text(EVENT.replace("The two presidents met.", "The two met in Sochi."),
                        encoding="utf-8")
    translations, problems = _read(content)
    assert translations.items[0].stale
    assert [p.text().split(": ", 1)[1] for p in problems] == [
        "warning: stale translation: content/events/sochi.md changed since it was translated; "
        "update the translation, then run timeline translation stamp "
        "content/events/sochi.uk.md"]


def test_the_hash_covers_exactly_the_translatable_text(tmp_path: Path) -> None:
    content = _site(tmp_path, GOOD)
    documents, _ = load_documents(content, max_bytes=1_000_000)
    event = next(d for d in documents if d.id == "sochi")
    assert translatable_sha256("event", event.fields, event.body) == _stamp(content)
    assert translatable_sha256("event", event.fields, event.body + "More.") != _stamp(content)


@pytest.mark.parametrize("body", ["", "\n   \n\n"])
def test_a_page_translation_with_no_text_is_not_used(tmp_path: Path, body: str) -> None:
    """A page is its body: an empty translation would publish a blank page; the original is
    shown instead, marked as not translated (and counted as missing)."""
    content = _site(tmp_path, GOOD)
    (content / "about").mkdir()
    (content / "about/dating.md").write_text("# How we date events\n\nText.\n", "utf-8")
    (content / "about/dating.uk.md").write_text(
        "---\ntitle: ''\ntranslation: {from: en, by: the editors, status: draft}\n---\n" + body,
        encoding="utf-8")
    translations, problems = _read(content)
    assert translations.get("page", "about/dating.md", "uk") is None
    assert [p.text().split("content/", 1)[1] for p in problems if "about/" in p.path] == [
        "about/dating.uk.md:3: warning: this translation has no text, so the original is "
        "shown in its place, marked as not translated; translate the page below the front "
        "matter, or remove this file"]
