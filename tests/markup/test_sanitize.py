"""The sanitiser, as a table: contributor HTML in, the exact HTML published out.

Which host a URL reaches was checked in Chromium (tests/core/test_urls.py and the browser
test of hostile content); here each row states the expected markup outright.
"""

from __future__ import annotations

import nh3
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_builder.markup import sanitize
from timeline_builder.markup.sanitize import clean_html, markdown_to_html

HOSTS = ("www.youtube-nocookie.com",)
REL = ' rel="noopener noreferrer nofollow"'

CLEAN: list[tuple[str, str]] = [
    # images, media and their posters and srcsets: the site's own files only
    ('<img src="/\\evil.example/p.png">', "<img>"),
    ('<img src="\\\\evil.example/p.png">', "<img>"),
    ('<img src="https:evil.example/p.png">', "<img>"),
    ('<img src="//evil.example/p.png" alt="x">', '<img alt="x">'),
    ('<IMG SRC="//EVIL.example/p.png">', "<img>"),
    ('<img src="data:image/png;base64,iVBORw0KGgo=">', "<img>"),
    ('<img src="../assets/p.png">', '<img src="../assets/p.png">'),
    ('<img src="a.png" srcset="a.png 1x, //evil.example/b.png 2x,c.png 300w">',
     '<img src="a.png" srcset="a.png 1x, c.png 300w">'),
    ('<img srcset="a.png 1x,//evil.example/b.png 2x">', '<img srcset="a.png 1x">'),
    ('<img srcset="x,//evil.example/p.png 2x">', "<img>"),  # a comma in a URL: dropped
    ('<img srcset="a.png 2x onerror">', "<img>"),
    ('<picture><source srcset="https://evil.example/x.webp"><img src="x.png"></picture>',
     '<picture><source><img src="x.png"></picture>'),
    ('<video src="//evil.example/v.mp4" poster="p.jpg" autoplay controls></video>',
     '<video controls="" poster="p.jpg"></video>'),
    ('<video poster="/\\evil.example/p.jpg"><track src="//evil.example/t.vtt"></video>',
     "<video><track></video>"),
    ('<audio src="clip.mp3" controls></audio>', '<audio src="clip.mp3" controls=""></audio>'),
    # frames: an https embed host exactly, read as the browser reads it
    ('<iframe src="https://evil.example\\@www.youtube-nocookie.com/x"></iframe>', ""),
    ('<iframe src="https://www.youtube-nocookie.com.evil.example/x"></iframe>', ""),
    # a kept frame is a click-to-load placeholder: a link to the player, no <iframe>
    ('<iframe src="https://www.youtube-nocookie.com/embed/x" title="Briefing"></iframe>',
     '<span class="tl-embed tl-embed--inline"><a class="tl-embed__open" '
     'href="https://www.youtube-nocookie.com/embed/x" rel="noopener noreferrer nofollow" '
     'data-tl-embed="https://www.youtube-nocookie.com/embed/x" data-tl-embed-title="Briefing">'
     '<span class="tl-embed__play"><svg viewBox="0 0 24 24" width="24" height="24" '
     'aria-hidden="true" focusable="false"><path d="M8 5v14l11-7z"/></svg> '
     '<span>Play: Briefing</span></span><span class="tl-embed__host">Loads from '
     'www.youtube-nocookie.com when you play it</span></a></span>'),
    ('<iframe src="https://www.youtube-nocookie.com/embed/x" title="&quot;&gt;<b>"></iframe>',
     '<span class="tl-embed tl-embed--inline"><a class="tl-embed__open" '
     'href="https://www.youtube-nocookie.com/embed/x" rel="noopener noreferrer nofollow" '
     'data-tl-embed="https://www.youtube-nocookie.com/embed/x" '
     'data-tl-embed-title="&quot;&gt;&lt;b&gt;">'
     '<span class="tl-embed__play"><svg viewBox="0 0 24 24" width="24" height="24" '
     'aria-hidden="true" focusable="false"><path d="M8 5v14l11-7z"/></svg> '
     '<span>Play: &quot;&gt;&lt;b&gt;</span></span><span class="tl-embed__host">Loads from '
     'www.youtube-nocookie.com when you play it</span></a></span>'),
    # links: script schemes however spelt go; other hosts are written as the browser reads
    ('<a href="&#106;avascript:alert(1)">x</a>', f"<a{REL}>x</a>"),
    ('<a href="java&#x09;script:alert(1)">x</a>', f"<a{REL}>x</a>"),
    ('<a href="/\\evil.example/">x</a>', f'<a href="https://evil.example/"{REL}>x</a>'),
    ('<a href="https:evil.example/x">x</a>', f"<a{REL}>x</a>"),
    ('<a href="../actors/putin/">x</a>', f'<a href="../actors/putin/"{REL}>x</a>'),
    ('<a href="https://example.org/" ping="https://evil.example/">x</a>',
     f'<a href="https://example.org/"{REL}>x</a>'),
    ('<blockquote cite="javascript:alert(1)">q</blockquote>', "<blockquote>q</blockquote>"),
    ('<svg><a href="javascript:alert(1)">x</a><use href="//evil.example/x.svg#a"/></svg>',
     f"<svg><a{REL}>x</a></svg>"),
    # the page's machinery: our class names, ids and data attributes are not contributors'
    ('<div class="tl-event foo tl TL-day">x</div>', '<div class="foo">x</div>'),
    ('<div class="tl tl--index"><p id="x" data-tl-moved="https://evil.example/">y</p></div>',
     '<div><p id="x">y</p></div>'),
    ('<span data-actor="putin" data-tag="t" data-source="s" data-date="2022" data-ok="1">x'
     "</span>", '<span data-ok="1">x</span>'),
    ('<span data-x="//evil.example/" data-y="javascript:alert(1)" data-z="plain words">x'
     "</span>", '<span data-z="plain words">x</span>'),
    ('<span id="tl-keys">x</span><span id="__drawer">y</span>', "<span>x</span><span>y</span>"),
    ('<label for="tl-keys">k</label>', "<label>k</label>"),
    # active elements that are not allowed at all
    ('<form action="https://evil.example/"><button formaction="x">b</button></form>', "b"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', ""),
    ('<base href="https://evil.example/">', ""),
    ('<link rel="prefetch" href="https://evil.example/">', ""),
    ('<p style="background:url(//evil.example/p.png)">x</p>', "<p>x</p>"),
    ('<object data="//evil.example/x"></object><embed src="//evil.example/x">', ""),
    ('<input type="image" src="//evil.example/p.png">', "<input>"),
]


@pytest.mark.parametrize(("html", "published"), CLEAN)
def test_clean_html(html: str, published: str) -> None:
    assert clean_html(html, HOSTS) == published


def test_ids_of_our_own_fragments_are_reserved_in_a_page() -> None:
    html = '<h2 id="featured-title">Mine</h2><p id="own">x</p>'
    assert clean_html(html, reserved_ids={"featured-title"}) == '<h2>Mine</h2><p id="own">x</p>'


BODIES: list[tuple[str, str]] = [
    # a body's ids are its owner's: no body can take over an event's deep link
    ('<span id="other-event">x</span>', '<p><span id="sochi:other-event">x</span></p>\n'),
    ("Text[^1]\n\n[^1]: note",
     f'<p>Text<sup id="sochi:fnref:1"><a class="footnote-ref" href="#sochi:fn:1"{REL}>1</a>'
     '</sup></p>\n<div class="footnote">\n<hr>\n<ol>\n<li id="sochi:fn:1">\n'
     f'<p>note&nbsp;<a class="footnote-backref" href="#sochi:fnref:1" title="Jump back to '
     f'footnote 1 in the text"{REL}>↩</a></p>\n</li>\n</ol>\n</div>'),
    ('[see](#other-event)', f'<p><a href="#other-event"{REL}>see</a></p>'),
    ('<label for="own">l</label><input id="own" type="checkbox">',
     '<p><label for="sochi:own">l</label><input id="sochi:own" type="checkbox"></p>'),
    ('<p aria-describedby="tl-keys own" id="own">x</p>',
     '<p aria-describedby="sochi:own" id="sochi:own">x</p>'),
    ('<div class="tl-event" data-actor="putin" data-x="1">x</div>', "<div>x</div>"),
    ("![x](\\\\evil.example/q.png) ![y](/\\evil.example/q.png) ![z](//evil.example/q.png)",
     '<p><img alt="x" src="\\evil.example/q.png"> <img alt="y"> <img alt="z"></p>'),
]


@pytest.mark.parametrize(("markdown", "published"), BODIES)
def test_bodies(markdown: str, published: str) -> None:
    assert markdown_to_html(markdown, HOSTS, "sochi").strip() == published.strip()


def test_an_explainer_with_60000_brackets_is_plain_text_and_said(caplog) -> None:  # type: ignore[no-untyped-def]
    """Explainers go through the builder's Markdown: past 1,000 "[" a paragraph holding one
    is shown as text (a minute of link scanning otherwise), other paragraphs render, and
    the build is told (a warning, which fails a strict build)."""
    import markdown

    from timeline_builder.markup.sanitize import BoundedLinksExtension

    md = markdown.Markdown(extensions=["extra", BoundedLinksExtension()])
    with caplog.at_level("WARNING", logger="mkdocs.plugins.timeline.sanitize"):
        html = md.convert("# Title\n\n" + "[" * 60_000 + "<b>\n\nPlain *words*.\n")
    assert html == ("<h1>Title</h1>\n<p>" + "[" * 60_000 + "&lt;b&gt;</p>\n"
                    "<p>Plain <em>words</em>.</p>")
    assert [r.getMessage() for r in caplog.records] == [
        "a page has more than 1,000 '[': 1 paragraph(s) with one are shown as plain text "
        "(no links, footnotes or embeds); split the page"]
    few = markdown.Markdown(extensions=["extra", BoundedLinksExtension()])
    assert few.convert("[a](https://example.org/)") == \
        '<p><a href="https://example.org/">a</a></p>'


_PIECES = ["<a", "<p", "<img", " ", "\t", "\n", "/", '"', "'", "id", "ID", "iD", "=", "x",
           ">", "a", "-", "&#105;d"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
@example("<a/id=x>")
@example('<a href="y"id=x>')
@example("<a href='y'id=x>")
@example("<A ID=x>")
@example("<a\nid\n=\nx>")
@example("<a id>")
@example("<a id/>")
def test_the_id_shortcut_never_misses_an_id_the_sanitiser_sees(html: str) -> None:
    """_ids_in skips parsing text that cannot hold an id attribute: it must never skip one."""
    found: set[str] = set()

    def collect(tag: str, attribute: str, value: str) -> str:
        if attribute == "id":
            found.add(value)
        return value

    nh3.clean(f"<p>{html}</p>", tags=sanitize._TAGS, attributes=sanitize._ATTRIBUTES,
              attribute_filter=collect)
    assert sanitize._ids_in(f"<p>{html}</p>") == frozenset(found)
