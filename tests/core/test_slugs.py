"""The one slug (core/slugs.py): every name made from a title comes out the same way."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from timeline_builder.core.slugs import slug, unique_slugs

ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def test_a_title_becomes_lowercase_words_joined_by_hyphens() -> None:
    assert slug("Putin & Lukashenko meet in Sochi", "event") == "putin-lukashenko-meet-in-sochi"


def test_accents_are_folded_and_other_scripts_fall_back() -> None:
    assert slug("Café crème", "event") == "cafe-creme"
    assert slug("Путін і Лукашенко", "event") == "event"


def test_a_cut_never_ends_on_a_hyphen() -> None:
    assert slug("aaaa bbbb", "x", length=5) == "aaaa"


@given(st.text(max_size=200), st.integers(min_value=1, max_value=80))
def test_a_slug_is_always_a_valid_id_or_the_fallback(text: str, length: int) -> None:
    found = slug(text, "fallback", length=length)
    assert found == "fallback" or (ID.fullmatch(found) and len(found) <= length
                                   and not found.endswith("-"))


def test_unique_slugs_tell_apart_what_folds_together() -> None:
    names = ["diplomacy", "Human rights", "Sanctions", "sanctions", "санкції", "index", "--"]
    found = unique_slugs(names, "tag")
    assert found["diplomacy"] == "diplomacy" and found["Human rights"] == "human-rights"
    assert len(set(found.values())) == len(names)  # one folder each, whatever the disk
    assert len({value.casefold() for value in found.values()}) == len(names)
    assert re.fullmatch(r"sanctions-[0-9a-f]{8}", found["Sanctions"])
    assert re.fullmatch(r"tag-[0-9a-f]{8}", found["санкції"])
    assert re.fullmatch(r"index-[0-9a-f]{8}", found["index"])  # not the folder's own page
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", value) for value in found.values())


def test_a_name_that_is_its_own_slug_keeps_it_whatever_else_comes() -> None:
    assert unique_slugs(["sanctions", "Sanctions", "SANCTIONS"], "tag")["sanctions"] == "sanctions"
    alone = unique_slugs(["санкції"], "tag")["санкції"]
    assert unique_slugs(["санкції", "war", "мир"], "tag")["санкції"] == alone
    assert unique_slugs(["a" * 300], "tag")["a" * 300] == "a" * 60
