"""The pages of an edition read in its language all the way: heading ids, the nav, labels.

Built once from the real seed site (``built_site``), with scratch copies for the edge cases."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import build_site, copy_project, drop_translations

_HEADING_IDS = re.compile(r'<h[1-6] id="([^"]*)"')


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


_LOGOS = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-(?:header|nav)__button '
                    r'md-logo"')


def test_the_logo_leads_to_the_editions_home(built_site: Path) -> None:
    assert _LOGOS.findall(_page(built_site, "uk/explainers/sochi-meeting")) == ["../../"] * 2
    assert _LOGOS.findall(_page(built_site, "ru/events/sochi-meeting")) == ["../../"] * 2
    assert _LOGOS.findall(_page(built_site, "uk")) == ["./"] * 2
    assert _LOGOS.findall(_page(built_site, "explainers/sochi-meeting")) == ["../.."] * 2


def test_cyrillic_headings_keep_readable_ids(built_site: Path) -> None:
    """MkDocs' own slugify keeps ASCII only: every Ukrainian heading was ``_1``, ``_2``."""
    assert _HEADING_IDS.findall(_page(built_site, "uk/explainers/sochi-meeting")) == [
        "зустріч-у-сочі-23-травня-2022-року", "що-було-сказано", "чому-це-мало-значення",
        "події"]
    assert "что-было-сказано" in _HEADING_IDS.findall(_page(built_site,
                                                            "ru/explainers/sochi-meeting"))
    assert _HEADING_IDS.findall(_page(built_site, "explainers/sochi-meeting"))[1:3] == [
        "what-was-said", "why-it-mattered"]


def test_headings_that_slugify_alike_or_to_nothing_stay_unique(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content/explainers/sochi-meeting.uk.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip()
                    + "\n\n## Події!\n\nТекст.\n\n## —\n\nТекст.\n\n## …\n\nТекст.\n",
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    ids = _HEADING_IDS.findall(_page(tmp_path / "site", "uk/explainers/sochi-meeting"))
    assert ids[-4:] == ["події", "події_1", "_1", "_2"]
    assert len(set(ids)) == len(ids)


_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link( md-nav__link--active)?">\s*'
                       r'<span class="md-ellipsis">\s*([^<]*?)\s*<')
_NAV_SECTION = re.compile(r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label"'
                          r'[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*<')


def nav_of(html: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The primary nav's links (href, title, current) and section titles."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    nav = html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]
    return ([(href, title, bool(active)) for href, active, title in _NAV_LINK.findall(nav)],
            _NAV_SECTION.findall(nav))


def test_an_editions_nav_is_in_its_language_and_leads_into_it(built_site: Path) -> None:
    links, sections = nav_of(_page(built_site, "uk/explainers/sochi-meeting"))
    assert sections == ["Пояснення", "Про сайт"]
    pages = [(href, title) for href, title, _ in links if not href.startswith("#")]
    assert pages[:3] == [("../../", "Головна"), ("../../timeline/", "Хронологія"),
                         ("../lukashenko-letter/", "Лист Лукашенка до ООН")]
    assert ("../../actors/", "Люди") in pages and ("../../corrections/", "Виправлення") in pages
    # The current page is marked, with its table of contents, as in the English nav.
    assert [(href, title) for href, title, current in links if current] == [
        ("./", "Зустріч у Сочі 23 травня 2022 року")]
    assert ("#що-було-сказано", "Що було сказано", False) in links
    # Every link stays in the edition: /uk/… from /uk/explainers/sochi-meeting/.
    assert all(href.startswith(("../../", "../", "./", "#")) and "../../../" not in href
               for href, _, _ in links)
    english, _ = nav_of(_page(built_site, "explainers/sochi-meeting"))
    assert [href for href, _, _ in english if not href.startswith("#")][:2] == [
        "../..", "../../timeline/"]
    assert ("../../timeline/", "Timeline", False) in english
    russian, _ = nav_of(_page(built_site, "ru/timeline"))
    assert ("./", "Хронология", True) in russian
    assert ("../explainers/sochi-meeting/", "Встреча в Сочи 23 мая 2022 года", False) in russian


def test_an_editions_words_of_ours_are_in_its_language(built_site: Path) -> None:
    """The share card's date (og:image:alt), the event page's period, the embed title."""
    event = _page(built_site, "uk/events/sochi-meeting")
    assert ('<meta property="og:image:alt" content="понеділок, 23 травня 2022\u202fр., 89-й день '
            'війни: Путін і Лукашенко зустрічаються в Сочі">') in event
    assert "</a> (уся хронологія)</p>" in event and "whole timeline" not in event
    assert ('data-tl-embed-title="Belarus, Russia and the war: May 2022: хронология"'
            in _page(built_site, "ru/timeline"))
    english = _page(built_site, "events/sochi-meeting")
    assert ('<meta property="og:image:alt" content="Monday 23 May 2022, Day 89 of the war: '
            'Putin and Lukashenko meet in Sochi">') in english


def test_what_an_edition_never_translates_says_its_language(built_site: Path) -> None:
    """Corrections and dispute notes are the original's words (a translation cannot hold
    them): marked ``lang="en"`` in the other editions, as an untranslated event is."""
    rada = _page(built_site, "uk/events/rada-extends-martial-law")
    assert '<span lang="en">This entry gave the 90 days and the vote counts' in rada
    assert '<span lang="en">The Rada extended martial law' in rada
    assert '<p lang="en">This entry said translations' in _page(built_site, "ru/corrections")
    english = _page(built_site, "events/rada-extends-martial-law")
    assert "</time>: This entry gave the 90 days" in english and '<span lang="en">' not in english


_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_the_generated_pages_summaries_are_in_the_editions_language(built_site: Path) -> None:
    """<meta name="description"> and og:description of our pages: the catalog's words with
    CLDR plural forms (babel), not English with Ukrainian numbers. (A summary is one line:
    babel's narrow no-break space before "р." is a plain space there.)"""
    def description(path: str) -> str:
        return _DESCRIPTION.findall(_page(built_site, path))[0]

    assert description("uk/timeline") == (
        "18 подій, 24 лютого 2022 р. – 23 травня 2022 р., кожна з джерелами й "
        "цитатами.")
    assert description("uk/actors") == ("У хронології 13 осіб чи організацій, з їхніми "
                                        "подіями й цитатами.")
    assert description("ru/actors") == ("В хронологии 13 человек или организаций, с их "
                                        "событиями и цитатами.")
    assert description("uk/tags") == "7 тегів подій хронології."
    assert description("uk/actors/putin").endswith(" У хронології: 3 події.")
    assert description("ru/sources/cnn-live-2022-05-23").startswith(
        "Russia-Ukraine war news, 23 May 2022 (CNN live updates). CNN, 23 мая 2022 г.; "
        "источник для: 1 событие.")
    assert description("timeline") == ("18 events, 24 February 2022 to 23 May 2022, each "
                                       "with its sources and quotes.")
    assert description("actors") == ("The 13 people and organisations in the timeline, "
                                      "with their events and quotes.")


def test_a_sources_date_is_written_in_the_edition(built_site: Path) -> None:
    """A source is cited as published, but its date is our wording."""
    page = _page(built_site, "uk/sources/cnn-live-2022-05-23")
    assert '<time datetime="2022-05-23">23 May 2022</time>' not in page
    assert '<time datetime="2022-05-23">23 травня 2022\u202fр.</time>' in page
    # Its note is the editors' English (sources are not translated): marked so.
    assert '<strong>Примітка:</strong> <span lang="en">CNN&#39;s live coverage' in page


def test_an_untranslated_page_is_in_the_nav_under_its_own_title(tmp_path: Path) -> None:
    """No translation: the edition still has the page, in English, marked so; its nav entry
    leads to it, under the title it is shown with."""
    project = copy_project(tmp_path / "project")
    (project / "content/about/contributing.uk.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    links, _ = nav_of(_page(tmp_path / "site", "uk/timeline"))
    assert ("../about/contributing/", "How to contribute", False) in links
    assert ("../about/dating/", "Як ми датуємо події", False) in links
    page = _page(tmp_path / "site", "uk/about/contributing")
    assert '<div lang="en">' in page and "Ще не перекладено" in page


def test_a_language_with_no_catalog_builds_with_the_written_words(tmp_path: Path) -> None:
    """``languages: [en, de]``: no German catalog and no German translations. The edition
    is complete, its dates German (babel has them), its nav mkdocs.yml's own words leading
    into de/, and nothing in it is a stem or blank."""
    project = copy_project(tmp_path / "project")
    drop_translations(project / "content")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      .replace("languages: [en, uk, ru]", "languages: [en, de]")
                      # The logo's link is found by its title: a name to escape.
                      .replace('site_name: "Belarus, Russia and the war: May 2022"',
                               "site_name: \"Tom & Jerry's <war>\"")
                      .replace('uk: "{n}-й день війни", ru: "{n}-й день войны"',
                               'de: "Tag {n} des Krieges"'), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = _page(tmp_path / "site", "de/explainers/sochi-meeting")
    links, sections = nav_of(page)
    assert sections == ["Explainers", "About"]
    pages = [(href, title) for href, title, _ in links if not href.startswith("#")]
    assert pages[:2] == [("../../", "Home"), ("../../timeline/", "Timeline")]
    assert ("../../about/contributing/", "How to contribute") in pages
    assert '<html lang="de"' in page
    assert _LOGOS.findall(page) == ["../../", "../../"]  # /de/, header and drawer
    assert "23. Mai 2022" in _page(tmp_path / "site", "de/timeline")


def test_an_editions_feed_says_its_language(built_site: Path) -> None:
    feed = (built_site / "uk/feed.xml").read_text(encoding="utf-8")
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk">' in feed
    assert "<title>Виправлення: Путін і Лукашенко зустрічаються в Сочі</title>" in feed
    assert "Correction:" not in feed
    english = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Correction: Putin and Lukashenko meet in Sochi</title>" in english


def test_an_editions_explainers_show_its_timeline(built_site: Path) -> None:
    """``[[timeline …]]`` and ``[@source]`` on a Ukrainian explainer: the Ukrainian events,
    dates and labels, leading into /uk/ (they were the English edition's), and the JSON-LD
    of the events it shows is the edition's."""
    page = _page(built_site, "uk/explainers/sochi-meeting")
    excerpt = page[page.index('id="події"'):]
    assert "Саміт ОДКБ у Москві" in excerpt and "CSTO summit in Moscow" not in excerpt
    assert "16 травня 2022\u202fр." in excerpt and "82-й день війни" in excerpt
    assert 'href="../../timeline/#csto-summit"' in excerpt
    assert 'href="../../../timeline/' not in page
    assert 'aria-label="Джерело 1: CNN: ' in page and 'aria-label="Source 1:' not in page
    assert '"url": "https://example.org/uk/timeline/#sochi-meeting"' in page
    english = _page(built_site, "explainers/sochi-meeting")
    assert 'aria-label="Source 1: CNN: ' in english
    assert 'href="../../timeline/#csto-summit"' in english


def test_an_editions_home_page_shows_its_featured_events(built_site: Path) -> None:
    """The featured events under the home page: there were none on /uk/ and /ru/."""
    home = _page(built_site, "ru")
    assert "Путин и Лукашенко встречаются в Сочи" in home
    assert 'href="timeline/#sochi-meeting"' in home


def test_navigation_tabs_are_the_editions_too(tmp_path: Path) -> None:
    """A site with Material's ``navigation.tabs`` shows the edition's nav as its tabs."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    - navigation.sections\n", "    - navigation.sections\n    - navigation.tabs\n"),
        encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = _page(tmp_path / "site", "uk/timeline")
    tabs = page[page.index('<nav class="md-tabs"'):]
    tabs = tabs[:tabs.index("</nav>")]
    titles = re.findall(r'class="md-tabs__link">\s*([^<]*?)\s*</a>', tabs)
    assert titles == ["Головна", "Хронологія", "Пояснення", "Люди", "Джерела", "Теги",
                      "Про сайт"]
    assert re.search(r'md-tabs__item--active">\s*<a href="\./"', tabs)
    assert 'href="../explainers/lukashenko-letter/" class="md-tabs__link"' in tabs
