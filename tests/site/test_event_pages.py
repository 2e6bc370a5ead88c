"""Event pages, share cards, oEmbed and framing rules, read back from a real build as a
social site, a search engine, a reference manager and a static host would read them
(CONTRACT section 6, "Event pages" and "Embedding")."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import pytest
from PIL import Image

from tests.conftest import ROOT, build_site, copy_project
from tests.media_fixture import media_project
from timeline_builder.site import share_card

SITE_URL = "https://example.org/"
EVENT = "sochi-meeting"


class OpenGraph(HTMLParser):
    """A plain Open Graph reader, as a social site's crawler is: the <meta property> and
    <meta name> of the head, and its <link> elements; the first value of each wins."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and (key := values.get("property") or values.get("name")):
            self.meta.setdefault(key, values.get("content", ""))
        elif tag == "link":
            self.links.append(values)


def read_head(site: Path, page: str) -> OpenGraph:
    reader = OpenGraph()
    reader.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return reader


def local(site: Path, url: str) -> Path:
    """The built file an absolute URL under SITE_URL names."""
    assert url.startswith(SITE_URL), url
    return site / urlsplit(url).path.lstrip("/")


def seed_events() -> list[str]:
    return sorted(path.stem for path in (ROOT / "content/events").glob("*.md")
                  if "." not in path.stem)  # not the translations (<id>.uk.md)


@pytest.fixture(scope="module")
def export(built_site: Path) -> dict:
    return json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))


# --- the page -------------------------------------------------------------------------


def test_every_event_has_a_page_in_the_sitemap_and_not_in_the_nav(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    for event in seed_events():
        assert (built_site / "events" / event / "index.html").is_file()
        assert f"<loc>{SITE_URL}events/{event}/</loc>" in sitemap
        assert f"events/{event}/" not in nav


def test_the_page_holds_the_whole_card(built_site: Path, export: dict) -> None:
    html = (built_site / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    event = next(e for e in export["events"] if e["id"] == EVENT)
    assert '<h1 class="tl-event__title" id="event-title">Putin and Lukashenko meet in Sochi</h1>' \
        in html
    assert '<time datetime="2022-05-23">' in html and "Day 89" in html
    for quote in event["quotes"]:
        assert quote["text"] in html
    assert 'class="tl-variants"' in html  # the two translations side by side
    assert "tl-corrections" in html
    assert event["corrections"][0]["text"] in _unescape(html)
    # Actors and tags as links, and sources with their lineage.
    for actor in event["actors"]:
        assert f'href="../../actors/{actor}/"' in html
    for tag in event["tags"]:
        assert f'href="../../tags/{tag}/"' in html  # seed tags are their own slugs
    for source in event["sources"]:
        assert f'href="../../sources/{source}/"' in html
    assert "derived from" in html and "the original" in html


def test_previous_next_and_on_the_timeline(built_site: Path, export: dict) -> None:
    order = [e["id"] for e in export["events"]]
    for at, event in enumerate(order):
        html = (built_site / "events" / event / "index.html").read_text(encoding="utf-8")
        prev = re.search(r'rel="prev" href="\.\./\.\./events/([^/]+)/"', html)
        nxt = re.search(r'rel="next" href="\.\./\.\./events/([^/]+)/"', html)
        assert (prev.group(1) if prev else None) == (order[at - 1] if at else None)
        assert (nxt.group(1) if nxt else None) == (order[at + 1] if at + 1 < len(order)
                                                   else None)
        assert f'href="../../timeline/#{event}">See it on the timeline</a>' in html


def test_timeline_card_titles_lead_to_event_pages_and_ids_stay(built_site: Path) -> None:
    html = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    for event in seed_events():
        assert '<article class="tl-event' in html and f' id="{event}"' in html
        assert re.search(rf'id="{event}-title"><a class="tl-event__link" '
                         rf'href="\.\./events/{event}/">', html), event


def test_cite_this_event(built_site: Path) -> None:
    html = (built_site / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    codes = [_unescape(code) for code in
             re.findall(r'<pre class="tl-cite__code" data-tl-copyable><code>(.*?)</code>',
                        html, re.S)]
    csl = json.loads(codes[0])
    assert csl[0]["id"] == EVENT and csl[0]["type"] == "webpage"
    assert csl[0]["URL"] == f"{SITE_URL}events/{EVENT}/"
    assert csl[0]["event-date"] == {"date-parts": [[2022, 5, 23]]}
    assert csl[0]["container-title"] == "Belarus, Russia and the war: May 2022"
    bibtex = codes[1]
    assert bibtex.startswith(f"@online{{{EVENT},") and bibtex.endswith("}")
    assert f"url = {{{SITE_URL}events/{EVENT}/}}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    assert f'src="{SITE_URL}events/{EVENT}/embed/"' in codes[2]
    text = re.search(r'<p class="tl-cite__text" data-tl-copyable>(.*?)</p>', html).group(1)
    assert "Putin and Lukashenko meet in Sochi" in text and f"{SITE_URL}events/{EVENT}/" in text


def test_bibtex_escapes_what_tex_would_read() -> None:
    from timeline_builder.site.event_pages import _bibtex_text

    assert _bibtex_text("50% of {x} & $y_1 \\ ~#^") == \
        r"50\% of \{x\} \& \$y\_1 \textbackslash{} \~{}\#\^{}"


# --- share metadata -------------------------------------------------------------------


def test_share_metadata_as_a_social_site_reads_it(built_site: Path, export: dict) -> None:
    event = next(e for e in export["events"] if e["id"] == EVENT)
    head = read_head(built_site, f"events/{EVENT}")
    og = head.meta
    url = f"{SITE_URL}events/{EVENT}/"
    assert og["og:type"] == "article"
    assert og["og:title"] == event["title"]
    assert og["og:description"] == event["summary"]
    assert og["og:url"] == url
    assert og["twitter:card"] == "summary_large_image"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", og["article:published_time"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", og["article:modified_time"])
    assert og["article:published_time"] <= og["article:modified_time"]
    assert "Day 89 of the war" in og["og:image:alt"]
    assert {"rel": "canonical", "href": url} in head.links
    card = local(built_site, og["og:image"])
    with Image.open(card) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
    oembed = [link for link in head.links if link.get("type") == "application/json+oembed"]
    assert [link["href"] for link in oembed] == [f"{url}oembed.json"]


def test_structured_data_as_a_search_engine_reads_it(built_site: Path) -> None:
    html = (built_site / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=f"{SITE_URL}events/{EVENT}/",
                           syntaxes=["json-ld", "opengraph"], uniform=True)
    graph = data["json-ld"][0]["@graph"]
    by_type: dict[str, list[dict]] = {}
    for node in graph:
        by_type.setdefault(node["@type"], []).append(node)
    [event] = by_type["Event"]
    assert event["startDate"] == "2022-05-23" and event["name"].startswith("Putin")
    assert len(by_type["Quotation"]) >= 3
    assert all(q["about"] == {"@id": event["@id"]} for q in by_type["Quotation"])
    [page] = by_type["WebPage"]
    assert page["@id"] == f"{SITE_URL}events/{EVENT}/"
    assert page["mainEntity"] == {"@id": event["@id"]}
    assert page["correction"][0]["@type"] == "CorrectionComment"
    assert page["correction"][0]["datePublished"] == "2026-12-01"
    assert page["primaryImageOfPage"]["width"] == 1200
    og = data["opengraph"][0]
    assert og["@type"] == "article" and og["og:url"] == f"{SITE_URL}events/{EVENT}/"
    assert og["article:published_time"] and og["og:image"].endswith(".png")


def test_the_timeline_has_oembed_discovery(built_site: Path) -> None:
    head = read_head(built_site, "timeline")
    [link] = [link for link in head.links if link.get("type") == "application/json+oembed"]
    oembed = json.loads(local(built_site, link["href"]).read_text(encoding="utf-8"))
    assert oembed["version"] == "1.0" and oembed["type"] == "rich"
    assert f'src="{SITE_URL}embed/"' in oembed["html"]
    assert f'<script src="{SITE_URL}assets/timeline/embed.js" async></script>' in oembed["html"]
    # rel is a token list: oEmbed consumers read the token "alternate"; Material's language
    # switcher selects [rel=alternate] exactly and would fetch a sitemap from the oEmbed host.
    assert link["rel"].split() == ["alternate"] and link["rel"] != "alternate"


def test_event_oembed_names_its_embed_view_and_card(built_site: Path) -> None:
    oembed = json.loads((built_site / "events" / EVENT / "oembed.json").read_text("utf-8"))
    assert oembed["type"] == "rich" and oembed["title"].startswith("Putin and Lukashenko")
    src = re.search(r'<iframe src="([^"]+)"', oembed["html"]).group(1)
    assert src == f"{SITE_URL}events/{EVENT}/embed/"
    assert (local(built_site, src) / "index.html").is_file()
    assert local(built_site, oembed["thumbnail_url"]).is_file()
    assert (oembed["thumbnail_width"], oembed["thumbnail_height"]) == (1200, 630)


# --- share cards ----------------------------------------------------------------------


def _card_of(site: Path, event: str) -> Path:
    return local(site, read_head(site, f"events/{event}").meta["og:image"])


def test_cards_are_real_pictures(built_site: Path) -> None:
    for event in seed_events():
        with Image.open(_card_of(built_site, event)) as image:
            assert image.size == (1200, 630)
            pixels = image.convert("L")
            low, high = pixels.getextrema()
            assert high - low > 150, event  # text on a background, not a blank card
            # The title's ink covers a fair part of the card, not a line of it.
            inked = sum(pixels.histogram()[200:])
            assert inked > 3000, event


def test_cards_are_the_same_bytes_on_every_build(built_site: Path, tmp_path: Path) -> None:
    card = share_card.Card("x", "Monday 23 May 2022", ("Day 89 of the war",),
                           "Путін і Лукашенко зустрілися в Сочі: Putin and Lukashenko meet",
                           "Site")
    assert share_card.draw(card) == share_card.draw(card)
    # A fresh cache draws them again: the same bytes as the session build's.
    project = copy_project(tmp_path / "project", translations=False)
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    for event in seed_events():
        assert _card_of(site, event).read_bytes() == _card_of(built_site, event).read_bytes()


def test_cards_come_from_the_cache(tmp_path: Path) -> None:
    card = share_card.Card("x", "2022", (), "A title", "Site")
    cache = tmp_path / "cache"
    first = share_card.produce([card], cache)[card.path]
    whole = first.read_bytes()
    first.write_bytes(whole[:8] + b"marker" + whole[8:])  # a cached card is used, not redrawn
    assert share_card.produce([card], cache)[card.path].read_bytes()[8:14] == b"marker"
    # One cut short (cards are cached without fsync; a crash can truncate one) is redrawn.
    first.write_bytes(whole[:len(whole) // 2])
    assert share_card.produce([card], cache)[card.path].read_bytes() == whole
    # A changed card is drawn anew, and the one no build shows any more is deleted.
    changed = share_card.Card("x", "2022", (), "Another title", "Site")
    assert changed.path != card.path
    assert share_card.produce([changed], cache)[changed.path].read_bytes()[:4] == b"\x89PNG"
    assert [path.name for path in cache.iterdir()] == [f"{changed.fingerprint()}.png"]


def test_many_missing_cards_are_drawn_in_worker_processes_with_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cards = [share_card.Card(f"e{n}", f"{n} May 2022", ("Day 89 of the war",),
                             f"Подія {n}: an event title long enough to wrap " * 2, "Site")
             for n in range(6)]
    monkeypatch.setattr(share_card, "PARALLEL_FROM", 2)  # six cards, not two hundred
    drawn_here: list[str] = []
    draw = share_card.draw
    monkeypatch.setattr(share_card, "draw", lambda card: drawn_here.append(card.event_id)
                        or draw(card))
    produced = share_card.produce(cards, tmp_path / "pool")
    if share_card._cores() > 1:
        assert drawn_here == []  # the workers drew them
    for card in cards:
        assert produced[card.path].read_bytes() == draw(card)
    # Workers that cannot start: every card is drawn here instead.
    monkeypatch.setattr(share_card.sys, "executable", str(tmp_path / "no-python"))
    produced = share_card.produce(cards, tmp_path / "no-pool")
    assert sorted(drawn_here) == sorted(card.event_id for card in cards)
    assert all(produced[card.path].read_bytes() == draw(card) for card in cards)


def test_card_workers_never_run_the_callers_script_again(tmp_path: Path) -> None:
    """A build script without a ``__main__`` guard runs once: multiprocessing's spawned
    workers would import it again in each worker (and this one deletes its project)."""
    runs = tmp_path / "runs.txt"
    script = tmp_path / "build_cards.py"
    script.write_text(
        "from pathlib import Path\n"
        "from timeline_builder.site import share_card\n"
        f"with open({str(runs)!r}, 'a') as log: log.write('ran\\n')\n"
        "share_card.PARALLEL_FROM = 2\n"
        "cards = [share_card.Card(f'e{n}', '2022', (), f'Title {n}', 'Site') for n in range(4)]\n"
        f"share_card.produce(cards, Path({str(tmp_path / 'cards')!r}))\n", encoding="utf-8")
    subprocess.run([sys.executable, str(script)], check=True, cwd=tmp_path)
    assert runs.read_text(encoding="utf-8") == "ran\n"
    assert len(list((tmp_path / "cards").glob("*.png"))) == 4


def test_a_second_build_draws_no_card_in_any_edition(tmp_path: Path) -> None:
    # Each edition keeps its own cards: one edition's build once deleted the others', so
    # that every build of a three-edition site drew all of its cards again.
    project = copy_project(tmp_path / "project")
    cache_home = str(tmp_path / "cache")
    assert build_site(project, tmp_path / "site", XDG_CACHE_HOME=cache_home).returncode == 0
    cards = {path: path.stat().st_mtime_ns for path in Path(cache_home).rglob("*.png")
             if "cards" in path.parts}
    assert len(cards) == 3 * len(seed_events())  # en, uk and ru
    assert build_site(project, tmp_path / "site", XDG_CACHE_HOME=cache_home).returncode == 0
    assert {path: path.stat().st_mtime_ns for path in Path(cache_home).rglob("*.png")
            if "cards" in path.parts} == cards


def test_long_and_cyrillic_titles_fit(tmp_path: Path) -> None:
    title = "Верховна Рада продовжила воєнний стан " * 12 + "Supercalifragilistic" * 6
    card = share_card.Card("x", "c. May 2022", ("Day 89 of the war",), title, "Сайт")
    with Image.open(io.BytesIO(share_card.draw(card))) as image:
        assert image.size == (1200, 630)
    lines = share_card._fit_title(title, 1200 - 2 * share_card.MARGIN, 400)[1]
    assert lines[-1].endswith("…") and len(lines) <= share_card.TITLE_LINES
    fonts = share_card._font(700, 40)
    assert all(fonts.length(line) <= 1200 - 2 * share_card.MARGIN for line in lines)
    # Cyrillic is drawn with the Cyrillic subset, not as missing-glyph boxes.
    assert fonts.font_for("Р") is not fonts.font_for("R")


def test_the_font_files_are_the_pinned_ones() -> None:
    import hashlib

    manifest = json.loads((share_card.FONT_DIR / "fonts.json").read_text(encoding="utf-8"))
    assert manifest["package"] == "@fontsource/noto-sans"
    shipped = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
               for path in share_card.font_files()}
    assert shipped == manifest["sha256"]
    assert "SIL Open Font License" in (share_card.FONT_DIR / "OFL.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def media_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = media_project(tmp_path_factory.mktemp("media") / "project")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _picture_column(card: Path) -> Image.Image:
    with Image.open(card) as image:
        return image.convert("RGB").crop((1200 - share_card.PICTURE_WIDTH, 0, 1200, 630))


def test_a_card_shows_the_first_non_graphic_picture(media_site: Path) -> None:
    column = _picture_column(_card_of(media_site, EVENT))
    colours = column.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # the photograph, not the flat background
    # The generated picture's yellow block is in it.
    assert any(r > 200 and g > 170 and b < 120 for _count, (r, g, b) in colours)


def test_a_graphic_picture_never_reaches_a_card(tmp_path: Path) -> None:
    project = media_project(tmp_path / "project")
    event = project / "content" / "events" / f"{EVENT}.md"
    text = event.read_text(encoding="utf-8")
    # Only the graphic picture is left (first, and alone).
    start = text.index("  - src: assets/media/sochi-table.jpg")
    end = text.index("  - src: assets/media/wreck.jpg")
    event.write_text(text[:start] + text[end:], encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    column = _picture_column(_card_of(site, EVENT))
    # Every pixel is a shade between the card's background and its ink: no picture.
    back, ink = share_card.BACKGROUND, share_card.INK
    for _count, colour in column.getcolors(maxcolors=1 << 20) or []:
        share = (colour[0] - back[0]) / (ink[0] - back[0])
        expected = [b + (i - b) * share for b, i in zip(back, ink, strict=True)]
        assert all(abs(c - e) <= 3 for c, e in zip(colour, expected, strict=True)), colour


# --- stable pages ---------------------------------------------------------------------


def test_unchanged_events_pages_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    first, second = tmp_path / "first", tmp_path / "second"
    assert build_site(project, first).returncode == 0
    event = project / "content" / "events" / "csto-summit.md"
    event.write_text(event.read_text(encoding="utf-8").rstrip() + "\n\nOne more line.\n",
                     encoding="utf-8")
    assert build_site(project, second).returncode == 0
    changed = [name for name in seed_events()
               if (first / "events" / name / "index.html").read_bytes()
               != (second / "events" / name / "index.html").read_bytes()]
    assert changed == ["csto-summit"]
    for name in seed_events():
        assert (first / "events" / name / "embed" / "index.html").read_bytes() == (
            second / "events" / name / "embed" / "index.html").read_bytes() or \
            name == "csto-summit"


# --- framing rules --------------------------------------------------------------------


def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """``_headers`` as Netlify and Cloudflare Pages read it: a path at the start of a line,
    then indented ``Name: value`` lines (``! Name`` detaches a header, Cloudflare)."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            assert line.startswith("/"), line
            rules.append((line.strip(), []))
            continue
        entry = line.strip()
        if entry.startswith("!"):
            rules[-1][1].append(("!", entry[1:].strip()))
        else:
            name, _, value = entry.partition(":")
            assert value.strip(), line
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, path: str) -> bool:
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return re.match(regex, path) is not None


def cloudflare(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> dict[str, str]:
    """Every matching rule applies in order; values of one header are joined; ``!``
    detaches what earlier rules set."""
    headers: dict[str, str] = {}
    for pattern, entries in rules:
        if not _matches(pattern, path):
            continue
        for name, value in entries:
            if name == "!":
                headers.pop(value.lower(), None)
            else:
                key = name.lower()
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def netlify(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> dict[str, str]:
    """The later matching rule's value of a header wins (netlify-cli's headersForPath)."""
    headers: dict[str, str] = {}
    for pattern, entries in rules:
        if _matches(pattern, path):
            headers.update({name.lower(): value for name, value in entries if name != "!"})
    return headers


def frame_ancestors(policy: str) -> list[str]:
    """Each policy of a (possibly comma-joined) CSP header's frame-ancestors sources."""
    found = []
    for one in policy.split(","):
        for directive in one.split(";"):
            name, _, value = directive.strip().partition(" ")
            if name == "frame-ancestors":
                found.append(value.strip())
    return found


def test_headers_forbid_framing_except_the_embed_views(built_site: Path) -> None:
    rules = parse_headers((built_site / "_headers").read_text(encoding="utf-8"))
    assert rules, "no rules"
    for host in (cloudflare, netlify):
        for path in ("/", "/timeline/", f"/events/{EVENT}/", "/actors/putin/",
                     "/explainers/sochi-meeting/", "/timeline.json"):
            policy = host(rules, path)["content-security-policy"]
            assert frame_ancestors(policy) == ["'self'"], (host.__name__, path)
        for path in ("/embed/", "/embed/index.html", f"/events/{EVENT}/embed/"):
            policy = host(rules, path)["content-security-policy"]
            assert frame_ancestors(policy) == ["*"], (host.__name__, path)


def test_embed_views_open_links_in_the_top_window(built_site: Path) -> None:
    for page in ["embed/index.html", f"events/{EVENT}/embed/index.html"]:
        html = (built_site / page).read_text(encoding="utf-8")
        assert '<base target="_top">' in html.split("</head>", 1)[0]
        assert "md-header" not in html and "md-nav" not in html  # none of the chrome
        assert 'data-tl-open' in html


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_both_builders_publish_the_same_event_pages_files(tmp_path: Path) -> None:
    """timeline render writes the event pages, cards, embed views and _headers too."""
    import subprocess

    from tests.conftest import BIN, run_env

    out = tmp_path / "docs"
    result = subprocess.run([str(BIN / "timeline"), "render", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env=run_env(), timeout=300)
    assert result.returncode == 0, result.stderr
    for event in seed_events():
        assert (out / "events" / f"{event}.md").is_file()
        assert (out / "events" / event / "embed" / "index.html").is_file()
        assert (out / "events" / event / "oembed.json").is_file()
    assert (out / "embed" / "index.html").is_file() and (out / "_headers").is_file()
    assert list((out / "assets" / "timeline" / "cards").glob("*.png"))
    shutil.rmtree(out)


def test_a_withdrawn_event_keeps_a_notice_at_its_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", translations=False)
    event = project / "content/events/budanov-wsj-interview.md"
    reason = "The interview was misattributed."
    event.write_text(event.read_text(encoding="utf-8").replace(
        "---\n", f'---\nwithdrawn: {{date: 2026-12-06, reason: "{reason}"}}\n', 1), "utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "events/budanov-wsj-interview/index.html").read_text(encoding="utf-8")
    assert "Withdrawn: " in page and reason in page
    assert "tl-event__body" not in page
    assert not (site / "events/budanov-wsj-interview/embed").exists()
    # Its neighbours lead past it.
    # (Its own page names itself among its editions' alternates.)
    linking = [p for p in site.rglob("events/*/index.html")
               if p.parent.name != "budanov-wsj-interview"
               and 'href="../../events/budanov-wsj-interview/"' in p.read_text("utf-8")]
    assert not linking, linking
