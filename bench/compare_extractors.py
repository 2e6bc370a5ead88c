"""Which extractor `timeline archive` uses: trafilatura and readability-lxml on saved pages.

For each page under tests/fixtures/pages/: how many of the article's sentences each
extractor keeps (recall) and how many pieces of boilerplate it lets through (menus,
sidebars, comments, cookie banners, footers). Run: .venv/bin/python bench/compare_extractors.py
(readability-lxml is not a dependency of the project: install it to compare,
`.venv/bin/pip install readability-lxml`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import trafilatura

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"

# page → (sentences of the article, boilerplate that must not be kept)
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "wire-sochi.html": (
        ["held talks in Sochi on Monday", "coping with the sanctions commendably",
         "thanked his host for the invitation", "joint import substitution projects"],
        ["Latest news", "Central bank keeps key rate", "All rights reserved", "Newsroom",
         "Share"]),
    "liveblog-sochi.html": (
        ["withstanding the impact of the sanctions quite well",
         "Western officials blame him", "extend martial law",
         "first foreign leader to address"],
        ["Terms of Use", "Entertainment", "what the sanctions mean for Russian consumers"]),
    "ukrinform-uk.html": (
        ["прийняв у Сочі", "доволі добре витримує вплив санкцій",
         "мають разом протистояти тиску Заходу", "третя зустріч двох диктаторів"],
        ["Останні новини", "Сили оборони відбили", "Усі права захищені"]),
    "cp1251-ru.html": (
        ["провели в понедельник переговоры в Сочи", "достойно справляется",
         "поблагодарил за приглашение"],
        ["Главная", "Все права защищены"]),
    "magazine-longread.html": (
        ["few diplomats expected it to change anything",
         "refrain from the supply of weapons", "overtaken by events",
         "contradicted by the facts on the ground"],
        ["We use cookies", "best analysis I have read", "Total nonsense", "Subscribe for",
         "Ten years of summits"]),
}


def with_trafilatura(page: bytes) -> str:
    return trafilatura.extract(page, favor_precision=True, include_comments=False,
                               include_tables=False) or ""


def with_readability(page: bytes) -> str:
    from readability import Document  # type: ignore[import-not-found]

    html = Document(page.decode(_charset(page), "replace")).summary(html_partial=True)
    return lxml.html.fromstring(html).text_content()


def _charset(page: bytes) -> str:
    return "cp1251" if b"windows-1251" in page[:500] else "utf-8"


def score(text: str, wanted: list[str], unwanted: list[str]) -> tuple[int, int]:
    flat = " ".join(text.split())
    return sum(w in flat for w in wanted), sum(u in flat for u in unwanted)


def main() -> int:
    extractors = {"trafilatura": with_trafilatura}
    try:
        import readability  # type: ignore[import-not-found]  # noqa: F401
        extractors["readability-lxml"] = with_readability
    except ImportError:
        print("readability-lxml is not installed: comparing trafilatura alone", file=sys.stderr)
    totals = {name: [0, 0] for name in extractors}
    print(f"{'page':<26}" + "".join(f"{name:>28}" for name in extractors))
    for name, (wanted, unwanted) in EXPECTED.items():
        page = (PAGES / name).read_bytes()
        row = f"{name:<26}"
        for extractor, run in extractors.items():
            kept, leaked = score(run(page), wanted, unwanted)
            totals[extractor][0] += kept
            totals[extractor][1] += leaked
            row += f"{f'kept {kept}/{len(wanted)}, leaked {leaked}/{len(unwanted)}':>28}"
        print(row)
    all_wanted = sum(len(w) for w, _ in EXPECTED.values())
    all_unwanted = sum(len(u) for _, u in EXPECTED.values())
    print(f"{'total':<26}" + "".join(
        f"{f'kept {k}/{all_wanted}, leaked {u}/{all_unwanted}':>28}"
        for k, u in totals.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
