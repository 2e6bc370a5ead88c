"""Build time of a site with three editions (en, uk, ru) against one edition, N events.

Every synthetic event and actor gets a Ukrainian and a Russian translation (stamped, so the
strict build is clean). Printed as ratios to floors measured in the same run, in CPU
seconds: the content floor of bench_scale.py (read + YAML + Python-Markdown of every content
file of the three-edition project, translations included: the work any builder of these
files does) and, for comparison with earlier notes, the plain Material build of the
explainers (bench_site.plain_material), which does not grow with N. The issue's budget is
3x the floor per edition: the three-edition build over three, divided by the floor. Builds
are cold (no caches: share cards are drawn).
Usage: python bench/bench_editions.py [N]   (default 1000 synthetic events; the issue's
figure is 10000)
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import BIN, FLOOR, best, timed  # noqa: E402
from bench_site import plain_material  # noqa: E402
from synthetic import project_with_events  # noqa: E402

from timeline_builder.reading.load import load_documents  # noqa: E402
from timeline_builder.reading.translations import originals_of  # noqa: E402

WORDS = {
    "uk": ("Синтетична подія номер", "Посадовці зустрілися, щоб обговорити пропозиції."),
    "ru": ("Синтетическое событие номер", "Чиновники встретились, чтобы обсудить предложения."),
}


def one_edition(project: Path) -> Path:
    """The same site without ``languages``: the seed's translations (files and quotes')
    go, the calendar has one label."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"      languages: .*\n", "", config)
    config = re.sub(r"label: \{en: (\"[^\"]*\"),.*\}", r"label: \1", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for path in (project / "content").rglob("*.*.md"):
        path.unlink()
    for path in (project / "content/events").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"    translations:\n(      [a-z]+: .*\n)+", "", text),
                        encoding="utf-8")
    return project


def translate_all(project: Path) -> Path:
    """A stamped uk and ru translation beside every synthetic event and actor."""
    content = project / "content"
    documents, _ = load_documents(content, max_bytes=1_000_000)
    originals = originals_of(documents)
    for (kind, name), original in originals.items():
        if not name.startswith(("event-", "actor-")):
            continue  # the seed's own are translated already
        for language, (title, body) in WORDS.items():
            key = "title" if kind == "event" else "name"
            record = (f"translation: {{from: en, by: the editors, status: draft, "
                      f"original_sha256: {original.sha256}}}")
            (Path(original.path).parent / f"{name}.{language}.md").write_text(
                f"---\n{key}: {title} {name}\n{record}\n---\n{body}\n", encoding="utf-8")
    return project


def build_seconds(project: Path) -> float:
    """CPU seconds of a cold strict build (bench_scale.timed drops every cache first); its
    wall seconds are kept in WALL (cards are drawn in a process per core)."""
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "--strict", "-d", str(project / "site")]
    seconds, _, wall = timed(mkdocs, project, 1, cold=True)
    WALL[project.name] = wall
    return seconds


WALL: dict[str, float] = {}


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        plain = build_seconds(plain_material(Path(tmp) / "plain"))
        one = build_seconds(one_edition(project_with_events(Path(tmp) / "one", events)))
        project = translate_all(project_with_events(Path(tmp) / "three", events))
        floor = best([sys.executable, "-c", FLOOR, str(project / "content")], project, 3)[0]
        three = build_seconds(project)
    print(f"content floor (read + YAML + Markdown of the {events}-event, three-edition "
          f"content): {floor:.2f} s; plain Material build of the explainers: {plain:.2f} s")
    print(f"{events} events, one edition (en):            {one:6.2f} s  "
          f"({one / floor:.2f}x the floor, {one / plain:.1f}x plain Material)")
    print(f"{events} events, three editions (en, uk, ru): {three:6.2f} s  "
          f"({three / floor:.2f}x the floor; per edition {three / 3 / floor:.2f}x; "
          f"{three / one:.2f}x one edition; {three / plain:.1f}x plain Material)")
    print(f"wall seconds of the same cold builds: one edition {WALL['one']:.2f} s, three "
          f"editions {WALL['three']:.2f} s (cards drawn in a process per core)")


if __name__ == "__main__":
    main()
