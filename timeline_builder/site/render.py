"""HTML fragments for the timeline, actor, source and index pages, with Jinja.

The fragments are plain HTML with links relative to the page (``root`` is the path back to
the site root, e.g. ``../../``), so any builder can wrap them: the MkDocs plugin puts them
inside Material's page, ``timeline render`` could write them as files. Autoescape is on;
markdown bodies go through :mod:`timeline_builder.markup.sanitize`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from timeline_builder.checks import variants
from timeline_builder.checks.stats import sourcing_stats
from timeline_builder.config.settings import Settings
from timeline_builder.core import citations, editions, picture_copies
from timeline_builder.core.code_version import code_version
from timeline_builder.core.model import UNDATED, Actor, Event, Quote, ResolvedDate, Source, Timeline
from timeline_builder.core.slugs import unique_slugs
from timeline_builder.core.urls import host_of, web_href
from timeline_builder.markup.body_cache import BodyCache
from timeline_builder.markup.sanitize import placeholder
from timeline_builder.markup.text import summary_of
from timeline_builder.reading import history
from timeline_builder.site import editions as site_editions
from timeline_builder.site.editions import Edition
from timeline_builder.site.jsonld import Graph
from timeline_builder.site.periods import Period, period_label, plan
from timeline_builder.site.render_memo import RenderMemo

if TYPE_CHECKING:
    from jinja2 import Environment

# Site overrides live in overrides/timeline/<template>.html and win over the package's.
OVERRIDES_SUBDIR = "timeline"


@dataclass(frozen=True)
class DayGroup:
    key: str
    label: str
    precision: str
    day_labels: tuple[str, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class PeriodGroup:
    key: str
    label: str
    days: tuple[DayGroup, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class VariantGroup:
    """Versions of the same words, shown side by side; ``pieces[i]`` marks what differs."""

    quotes: tuple[Quote, ...]
    pieces: tuple[tuple[variants.Piece, ...], ...]


def quote_layout(quotes: Sequence[Quote]) -> list[Quote | VariantGroup]:
    """An event's quotes in order, each variant group in the place of its first member."""
    by_member: dict[int, list[Quote]] = {}
    for group in variants.groups(quotes):
        for quote in group:
            by_member[id(quote)] = group
    layout: list[Quote | VariantGroup] = []
    shown: set[int] = set()
    for quote in quotes:
        members = by_member.get(id(quote))
        if members is None:
            layout.append(quote)
        elif id(members) not in shown:
            shown.add(id(members))
            layout.append(_variant_group(members))
    return layout


def source_date(date: ResolvedDate | None, language: str = editions.DEFAULT_LANGUAGE
                ) -> Markup:
    """A source's date as a ``<time>`` element, in the edition's language (the source is
    cited as published; the date is our wording); plain ``n.d.`` for an undated source (a
    ``<time>`` needs a machine-readable value)."""
    if date is None:
        return Markup(UNDATED)  # noqa: S704 - a constant
    return Markup('<time datetime="{}">{}</time>').format(date.iso(),
                                                          editions.date_text(date, language))


def _variant_group(group: Sequence[Quote]) -> VariantGroup:
    """The first quote (the one the others name) is compared with all; each other with it."""
    base, others = group[0], group[1:]
    pieces = [tuple(variants.marked(base.text, [q.text for q in others]))]
    pieces += [tuple(variants.marked(q.text, [base.text])) for q in others]
    return VariantGroup(tuple(group), tuple(pieces))


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _words(text: str, values: dict[str, Any]) -> Markup:
    """A catalog message as a template shows it (``_("Open on {site}", site=…)``): its own
    ``&``, ``<``, ``>`` and ``"`` escaped but an apostrophe kept (every attribute of ours is
    double-quoted, and the English pages stay byte for byte as they were), then each
    ``{name}`` filled with its value, escaped as Jinja escapes any value."""
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;")):
        text = text.replace(raw, entity)
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(escape(value)))
    return Markup(text)  # noqa: S704 - escaped above


def _emphasis(text: str, *words: str) -> Markup:
    """``text`` escaped, the first place of each of ``words`` in ``<em>``: a catalog message
    stays one sentence for translators while the page marks its terms."""
    html = str(escape(text))
    for word in words:
        shown = str(escape(word))
        html = html.replace(shown, f"<em>{shown}</em>", 1)
    return Markup(html)  # noqa: S704 - escaped above


def group_events(events: Iterable[Event], timeline: Timeline,
                 language: str = editions.DEFAULT_LANGUAGE) -> list[PeriodGroup]:
    """Months (or years, for year-precision events) holding days, in timeline order."""
    periods: list[PeriodGroup] = []
    for period_key, in_period in groupby(events, key=_period_key):
        days = tuple(
            _day_group(day_key, tuple(in_day), timeline, language)
            for day_key, in_day in groupby(in_period, key=lambda e: e.date.iso())
        )
        periods.append(PeriodGroup(period_key, _period_label(period_key, language), days))
    return periods


def _period_key(event: Event) -> str:
    return event.date.iso()[:4] if event.date.precision == "year" else event.date.iso()[:7]


def _is_day(period: str | None) -> bool:
    """``2025/03/09`` (a day page: "on 9 March 2025"), not ``2025/03/08-14``."""
    return period is not None and period.count("/") == 2 and "-" not in period[8:]


def _period_label(key: str, language: str = editions.DEFAULT_LANGUAGE) -> str:
    """``May 2022``; a month heading in the edition's language (``Травень 2022``)."""
    if language == editions.DEFAULT_LANGUAGE or len(key) != 7:
        return period_label(key.replace("-", "/"))
    return editions.month_heading(dt.date.fromisoformat(key + "-01"), language)


def _day_group(key: str, events: tuple[Event, ...], timeline: Timeline,
               language: str = editions.DEFAULT_LANGUAGE) -> DayGroup:
    first = events[0].date
    labels = tuple(
        calendar.format(number, language) for calendar in timeline.calendars
        for name, number in events[0].calendar if name == calendar.name
    )
    label = editions.date_text(first, language, weekday=True)
    if first.precision != "day":
        label = editions.translate(language, "{date}, day not known").replace("{date}", label)
    return DayGroup(key, label, first.precision, labels, events)


class Renderer:
    """Renders every generated page body of one Timeline."""

    def __init__(self, timeline: Timeline, settings: Settings,
                 bodies: BodyCache | None = None, edition: Edition | None = None,
                 memo: RenderMemo | None = None) -> None:
        self.timeline = timeline
        self.memo = memo  # the last build's renders, under `mkdocs serve` (render_memo.py)
        self.settings = settings
        # The language's translation notes (site.editions); None: the default edition.
        self.edition = edition
        self.bodies = bodies or BodyCache()
        self._shared: dict[tuple[Any, ...], Markup] = {}
        self.split = len(timeline.events) > settings.split_threshold
        self.trusted: dict[str, str] = {}  # placeholder -> our HTML in cleaned pages
        # The events the embeds of the page being rendered show; its door empties it first.
        self.excerpted: list[Event] = []
        self.event_nodes: dict[str, list[dict[str, Any]]] = {}  # JSON-LD, see jsonld.Graph
        # Periods follow density (periods.py): no page over period_size events.
        self.tree = plan(timeline.events, settings.period_size) if self.split else ()
        self._period: dict[str, Period] = {}
        self._parent: dict[str, str] = {}
        self._leaf_of: dict[str, str] = {}  # event id -> its period page
        for year in self.tree:
            self._index_period(year, None)
        self._periods = [leaf.key for year in self.tree for leaf in year.leaves()]
        # Each period's events, gathered once (every period page and its summary and
        # JSON-LD read them: filtering all events per period is quadratic at 10,000).
        self.by_period: dict[str, list[Event]] = {
            key: list(self._period[key].events) for key in self._periods}
        # One pass over the events serves every profile page and both index pages.
        self.by_actor: dict[str, list[Event]] = {a.id: [] for a in timeline.actors}
        self.by_source: dict[str, list[Event]] = {s.id: [] for s in timeline.sources}
        self.by_tag: dict[str, list[Event]] = {}
        for event in timeline.events:
            for actor_id in event.actors:
                self.by_actor.setdefault(actor_id, []).append(event)
            for source_id in event.sources:
                self.by_source.setdefault(source_id, []).append(event)
            for tag in event.tags:
                self.by_tag.setdefault(tag, []).append(event)
        # Tags are free words ("Human rights", "санкції"): each gets a page under a slug.
        self.tag_slugs = unique_slugs(self.by_tag, "tag")
        self.tag_named = {found: tag for tag, found in self.tag_slugs.items()}

    @cached_property
    def env(self) -> Environment:
        """The template environment, made when the first page is rendered: Jinja is imported
        here, so a door that only lists page URLs (``timeline check``) never loads it."""
        from jinja2 import (
            ChoiceLoader,
            Environment,
            FileSystemLoader,
            PackageLoader,
            StrictUndefined,
        )

        from timeline_builder.site.template_cache import TEMPLATES

        settings, timeline = self.settings, self.timeline
        loaders: list[Any] = [PackageLoader("timeline_builder.site", "templates")]
        if settings.overrides_dir and (settings.overrides_dir / OVERRIDES_SUBDIR).is_dir():
            loaders.insert(0, FileSystemLoader(settings.overrides_dir / OVERRIDES_SUBDIR))
        env = Environment(loader=ChoiceLoader(loaders), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          bytecode_cache=TEMPLATES)
        language = settings.language
        env.filters.update(
            markdown=self._markdown,
            human_date=lambda date, weekday=False: editions.date_text(date, language,
                                                                      weekday=weekday),
            count_of=lambda number, noun: editions.nouns(language, number, noun),
            long_date=lambda day: editions.date_text(ResolvedDate(day), language),
            source_date=lambda date: source_date(date, language), web_href=web_href)
        env.globals.update(
            timeline=timeline, date_range=lambda e: editions.event_dates(e, language),
            actor=timeline.actor,
            source=timeline.source, event_href=self.event_href, quote_layout=quote_layout,
            last_changed=self.last_changed, cited_body=self.cited_body,
            is_group=lambda item: isinstance(item, VariantGroup),
            event={e.id: e for e in timeline.events}.get,
            variants=picture_copies.plan, full_copy=picture_copies.full,
            srcset=picture_copies.srcset,
            embed_host=embed_host, shared=self.shared,
            timeline_title=editions.translate(language, "{site}: timeline").replace(
                "{site}", settings.site_name),
            day_label=self.day_label, tag_slug=self.tag_slugs.get,
            lang_attr=self.edition.lang_attr if self.edition else lambda _: "",
            translation_note=self.edition.note if self.edition else lambda _: "",
            # What an edition never translates (corrections, dispute and quote notes) is
            # marked as the original's language; nothing in the default edition.
            original_lang=Markup(f' lang="{escape(self.edition.default)}"')  # noqa: S704
            if self.edition else "",
            quote_translation=lambda quote: quote.translation(language),
            _=lambda message, **values: _words(editions.translate(language, message), values),
            n_=lambda singular, plural, number, **values: _words(
                editions.count(language, singular, plural, number), values),
            # The timeline script's words in this edition (data-tl-messages; None in English).
            script_messages=site_editions.script_messages(language),
        )
        env.filters["emphasis"] = _emphasis
        return env

    def day_label(self, name: str, number: int) -> str:
        """``Day 89`` beside a date; an edition's own calendar label (``89-й день війни``)."""
        if self.edition is None:
            return f"Day {number}"
        calendar = next((c for c in self.timeline.calendars if c.name == name), None)
        return calendar.format(number, self.edition.language) if calendar else str(number)

    def trust(self, html: str) -> str:
        """A placeholder for our own ``html`` inside a page that is cleaned as a whole;
        :func:`timeline_builder.markup.sanitize.clean_html` puts it back (see ``trusted``)."""
        token = placeholder(len(self.trusted))
        self.trusted[token] = html
        return token

    def body_html(self, text: str, owner: str = "") -> str:
        """A body as the page shows it (cached: rendered once per build, and kept)."""
        return str(self._markdown(text, owner))

    def _markdown(self, text: str, owner: str = "") -> Markup:
        """``{{ e.body | markdown(e.id) }}``: the owner's id prefixes the body's ids."""
        html = self.bodies.render(text, tuple(self.settings.embed_hosts), owner)
        return Markup(html)  # noqa: S704

    def cited_body(self, event: Event, root: str) -> Markup:
        """The body as HTML, each ``[@id]`` a numbered link: the number of that source in
        the event's list of sources (linked after sanitising, so no contributor HTML can
        forge or restyle one)."""
        html = str(self._markdown(event.body, event.id))
        if "[@" not in html:
            return Markup(html)  # noqa: S704 - sanitised above

        def link(source_id: str) -> str | None:
            if source_id not in event.sources:
                return None
            return citation_link(self.timeline.source(source_id), source_id,
                                 event.sources.index(source_id) + 1, root,
                                 self.settings.language)

        return Markup(citations.link_html(html, link))  # noqa: S704 - sanitised, then ours

    @cached_property
    def _history(self) -> tuple[dict[str, dt.date], dict[str, dt.date]]:
        return history.changes(self.settings.content_dir)

    def last_changed(self, event: Event) -> dt.date | None:
        """When the event's file last changed in git (None outside a git checkout)."""
        if not self._history[1]:
            return None
        return self._history[1].get(str(Path(event.path).resolve()))

    def first_published(self, event: Event) -> dt.date | None:
        """When the event's file was first committed (None outside a git checkout)."""
        if not self._history[0]:
            return None
        return self._history[0].get(str(Path(event.path).resolve()))

    def shared(self, macro: str, *args: Any) -> Markup:
        """A macro of _macros.html rendered once per build for the same arguments.

        An event's line in a list, and each of its quotes, are on every page of its actors
        and sources, all at the same depth: 10,000 events made 30,000 renders of each.
        Models are keyed by identity (the timeline holds them for the whole build)."""
        key = (macro, *(arg if isinstance(arg, str) else id(arg) for arg in args))
        if (html := self._shared.get(key)) is None:
            render = getattr(self.env.get_template("_macros.html").module, macro)
            html = self._shared[key] = Markup(render(*args))  # noqa: S704 - autoescaped template
        return html

    def event_href(self, event: Event, root: str) -> str:
        """Where an event lives: ``timeline/#id``, or its period page when the timeline is split."""
        if self.split:
            return f"{self.period_href(self.period_of(event), root)}#{event.id}"
        return f"{root}timeline/#{event.id}"

    def _index_period(self, period: Period, parent: str | None) -> None:
        self._period[period.key] = period
        if parent:
            self._parent[period.key] = parent
        if not period.parts:
            self._leaf_of.update((event.id, period.key) for event in period.events)
        for part in period.parts:
            self._index_period(part, period.key)

    def period_of(self, event: Event) -> str:
        """The period page an event is on: ``2022``, ``2022/05``, ``2022/05/08-14``, …"""
        return self._leaf_of[event.id]

    @staticmethod
    def period_href(period: str, root: str) -> str:
        """``2022/05`` → ``{root}timeline/2022/05/``."""
        return f"{root}timeline/{period}/"

    def period_label(self, period: str) -> str:
        """A period page's label; a month in the edition's language (``Травень 2022``)."""
        parts = period.split("/")
        if self.edition is not None and len(parts) == 2:
            return _period_label("-".join(parts), self.edition.language)
        return period_label(period)

    def periods(self) -> list[str]:
        """The period pages of a split timeline, oldest first (none when not split)."""
        return list(self._periods)

    def hubs(self) -> list[str]:
        """The split periods, whose pages list their parts (``2025`` → its months)."""
        return [hub.key for year in self.tree for hub in year.hubs()]

    def period(self, key: str) -> Period | None:
        return self._period.get(key)

    @staticmethod
    def period_src(period: str) -> str:
        """The generated page of a period: ``timeline/2022/05/index.md``."""
        return f"timeline/{period}/index.md"

    def render(self, template: str, root: str, **context: Any) -> str:
        """One template, or the same render of the last build when nothing it can read has
        changed (with a memo: see render_memo.py)."""
        memo, reach = self.memo, self.reach
        key = memo.key(reach, template, root, context) if memo and reach else None
        if key is not None and memo and (found := memo.get(key)) is not None:
            return found
        html = self.env.get_template(template).render(
            root=root, assets=f"{root}{self.settings.up_to_shared}assets/timeline/",
            lang=self.settings.language, **context)
        if key is not None and memo:
            memo.put(key, html)
        return html

    @cached_property
    def reach(self) -> bytes | None:
        """The digest of what every template can read besides its context (see
        render_memo.py); None (nothing reused) when it cannot be pickled."""
        overrides = self.settings.overrides_dir
        if self.memo is None or (overrides and any((overrides / OVERRIDES_SUBDIR).glob("*"))):
            return None  # a contributor's template may read anything: always rendered
        edition = self.edition
        try:
            return hashlib.sha256(pickle.dumps((
                code_version(), self.settings,
                edition and (edition.language, edition.default, sorted(edition.untranslated),
                             sorted(edition.stale.items())),
                self.timeline.actors, self.timeline.sources, self.timeline.calendars,
                self.tag_slugs, self.split, self._periods, self._leaf_of, self._parent,
                self._history,
            ), protocol=pickle.HIGHEST_PROTOCOL)).digest()
        except (pickle.PicklingError, TypeError, AttributeError):
            return None

    def timeline_page(self, root: str, period: str | None = None, *,
                      embedded: bool = False) -> str:
        """The whole timeline, or one period of it (split sites), with its filter controls;
        ``embedded``: for the embed view (embed.py), without "Embed this view"."""
        if self.split and period is None:
            return self.timeline_index(root, embedded=embedded)
        if period is not None and (hub := self._period[period]).is_hub:
            return self.render("timeline_hub.html", root, hub=hub, total=len(hub.events),
                               pager=self.pager(period, root))
        events = self.events_of(period)
        return self.render("timeline.html", root, groups=group_events(events, self.timeline,
                                                               self.settings.language),
                           kinds=self.kinds(events), total=len(events),
                           period=period and self.period_label(period),
                           on_day=_is_day(period),
                           pager=self.pager(period, root) if period else None,
                           withdrawn=() if period else self.timeline.withdrawn,
                           embedded=embedded)

    def pager(self, period: str, root: str) -> dict[str, tuple[str, str] | None]:
        """Links to the previous and next period pages, the period this one is part of,
        and all periods (``(href, label)`` or None). A hub's previous and next are the
        pages just before and after its own."""
        periods = self._periods
        leaves = self._period[period].leaves()
        first, last = periods.index(leaves[0].key), periods.index(leaves[-1].key)
        def link(other: str) -> tuple[str, str]:
            return self.period_href(other, root), self.period_label(other)
        up = self._parent.get(period)
        return {"prev": link(periods[first - 1]) if first > 0 else None,
                "next": link(periods[last + 1]) if last + 1 < len(periods) else None,
                "up": link(up) if up else None,
                "index": (f"{root}timeline/", "All periods")}

    def events_of(self, period: str | None) -> list[Event]:
        """The events of one period (a hub's: all its parts'), or all of them (``None``)."""
        if period is None:
            return list(self.timeline.events)
        found = self._period.get(period)
        return list(found.events) if found else []

    def timeline_index(self, root: str, *, embedded: bool = False) -> str:
        """A split timeline's first view: every period page linked (readable without
        JavaScript), and the filter controls that search every period through the
        compact index (timeline_builder/site/compact_index.py), loaded only when asked."""
        return self.render("timeline_index.html", root, tree=self.tree,
                           total=len(self.timeline.events),
                           kinds=self.kinds(self.timeline.events),
                           withdrawn=self.timeline.withdrawn, embedded=embedded)

    @staticmethod
    def kinds(events: Sequence[Event]) -> list[str]:
        """The filters a page offers: actor, tag, source, where its events have any."""
        return [kind for kind, values in (("actor", "actors"), ("tag", "tags"),
                                          ("source", "sources"))
                if any(getattr(event, values) for event in events)]

    def facets(self, events: Sequence[Event]) -> dict[str, list[tuple[str, str, int]]]:
        """(value, label, count) per actor, tag and source, most events first: the
        options of the filter pickers (filter_options.py)."""
        counts: dict[str, dict[str, int]] = {"actor": {}, "tag": {}, "source": {}}
        for event in events:
            for kind, values in (("actor", event.actors), ("tag", event.tags),
                                 ("source", event.sources)):
                for value in values:
                    counts[kind][value] = counts[kind].get(value, 0) + 1
        actor_name = {a.id: a.name for a in self.timeline.actors}
        source_name = {s.id: f"{s.outlet}: {s.title}" for s in self.timeline.sources}
        labels = {"actor": actor_name, "tag": {}, "source": source_name}
        return {
            kind: sorted(((value, labels[kind].get(value, value), count)
                          for value, count in found.items()),
                         key=lambda item: (-item[2], item[1].casefold()))
            for kind, found in counts.items()
        }

    def actor_page(self, actor: Actor, root: str) -> str:
        events = self.by_actor[actor.id]
        quotes = _quotes_where(events, lambda q: q.speaker == actor.id)
        return self.render("actor.html", root, item=actor, events=events, quotes=quotes)

    def source_page(self, source: Source, root: str) -> str:
        events = self.by_source[source.id]
        quotes = _quotes_where(events, lambda q: q.source == source.id)
        disputes = [(event, dispute) for event in events for dispute in event.disputes
                    if dispute.source == source.id]
        return self.render("source.html", root, item=source, events=events, quotes=quotes,
                           disputes=disputes, lineage=self.timeline.lineage(source.id),
                           derived=self.timeline.derived(source.id))

    def corrections_page(self, root: str) -> str:
        """Every correction of every event, newest first (then by event, as written); a
        minor one (a typo fix) stays on its event only."""
        found = [(correction, number, event) for event in self.timeline.events
                 for number, correction in enumerate(event.corrections, 1)
                 if not correction.minor]
        found.sort(key=lambda item: (item[0].date, item[2].sort_key, item[1]), reverse=True)
        return self.render("corrections.html", root, corrections=found)

    def sourcing_page(self, root: str) -> str:
        return self.render("sourcing.html", root, stats=sourcing_stats(self.timeline))

    def actors_index(self, root: str) -> str:
        counts = {actor_id: len(events) for actor_id, events in self.by_actor.items()}
        return self.render("actors_index.html", root, counts=counts)

    def tags(self) -> list[str]:
        """Every tag of a published event, most events first, then alphabetically."""
        return sorted(self.by_tag, key=lambda tag: (-len(self.by_tag[tag]), tag.casefold(), tag))

    def tags_index(self, root: str) -> str:
        return self.render("tags_index.html", root, tags=self.tags(), by_tag=self.by_tag)

    def tag_page(self, tag: str, root: str) -> str:
        """A tag's events: without JavaScript, the way to filter the timeline by a tag."""
        return self.render("tag.html", root, tag=tag, events=self.by_tag[tag])

    def sources_index(self, root: str) -> str:
        counts = {source_id: len(events) for source_id, events in self.by_source.items()}
        return self.render("sources_index.html", root, counts=counts)

    def featured(self, root: str) -> str:
        events = [e for e in self.timeline.events if e.featured]
        return self.render("featured.html", root, events=events)

    def excerpt(self, events: Sequence[Event], root: str, query: str) -> str:
        self.excerpted.extend(events)
        return self.render("excerpt.html", root, events=events, query=query)

    # The page's own summary: og:description and <meta name="description"> of generated pages.

    def timeline_description(self, period: str | None = None) -> str:
        events = self.events_of(period)
        if not events:
            return self._say("No events yet.")
        first = events[0].date
        last = max((e.end or e.date for e in events), key=lambda date: date.last_day())
        span = self._date(first) if last == first else self._say(
            "{first} to {last}", first=self._date(first), last=self._date(last))
        return self._say("{events}, {span}, each with its sources and quotes.",
                         events=self._count(len(events), "event"), span=span)

    def actor_description(self, actor: Actor) -> str:
        """The biography's first paragraph, else name, role and country; then the count."""
        events = self._count(len(self.by_actor.get(actor.id, ())), "event")
        about = ", ".join(part for part in (actor.name, actor.role, actor.country) if part)
        summary = summary_of(self._markdown(actor.body)) if actor.body else ""
        return f"{summary or about + '.'} {self._say('{events} in the timeline.', events=events)}"

    def tag_description(self, tag: str) -> str:
        return self._say("The {events} tagged #{tag} in the timeline.",
                         events=self._count(len(self.by_tag[tag]), "event"), tag=tag)

    def source_description(self, source: Source) -> str:
        values = {"title": source.title, "outlet": source.outlet, "author": source.author,
                  "date": self._date(source.published),
                  "events": self._count(len(self.by_source.get(source.id, ())), "event")}
        text = self._say("{title}. {outlet} by {author}, {date}; cited by {events}."
                         if source.author else "{title}. {outlet}, {date}; cited by {events}.",
                         **values)
        return f"{text} {source.note}" if source.note else text

    def index_description(self, kind: str) -> str:
        if kind == "actors":
            return editions.count(
                self.settings.language,
                "The {n} person or organisation in the timeline, with their events and quotes.",
                "The {n} people and organisations in the timeline, with their events and quotes.",
                len(self.timeline.actors))
        if kind == "sourcing":
            figures = sourcing_stats(self.timeline)
            return self._say("How the timeline's {events} rest on {sources}: single-source "
                             "events, verified quotes, variants, disputes and corrections.",
                             events=self._count(figures.events, "event"),
                             sources=self._count(figures.sources, "source"))
        if kind == "corrections":
            number = sum(len(event.corrections) for event in self.timeline.events)
            return self._say("{corrections} to the timeline's events, newest first.",
                             corrections=self._count(number, "correction"))
        if kind == "tags":
            return self._say("The {tags} of the timeline's events.",
                             tags=self._count(len(self.by_tag), "tag"))
        return self._say("The {sources} the timeline cites, with the events each is cited "
                         "for.", sources=self._count(len(self.timeline.sources), "source"))

    # The words of the descriptions (plain text: the theme prints them in attributes, after
    # inert_text), in the edition's language; English: the msgids, as they always read.

    def _say(self, message: str, **values: str) -> str:
        # One pass: a value (a contributor's title) holding "{date}" stays as written.
        return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group()),
                                editions.translate(self.settings.language, message))

    def _count(self, number: int, noun: str) -> str:
        return editions.nouns(self.settings.language, number, noun)

    def _date(self, date: ResolvedDate | None) -> str:
        return editions.date_text(date, self.settings.language)

    # schema.org JSON-LD (timeline_builder.site.jsonld) of what each page shows. It goes into the
    # page's `jsonld` meta, which the theme prints in <head> with `tojson`: a script inside
    # the content would be run as JavaScript by Material's instant navigation, which
    # re-creates every script of the new page without its type.

    def structured_data(self, events: Iterable[Event]) -> Graph:
        return Graph(self.timeline, self.settings.site_url,
                     lambda event: self.event_href(event, ""), self.event_nodes
                     ).add_events(events)

    def timeline_data(self, period: str | None = None) -> dict[str, Any] | None:
        if self.split and (period is None or self._period[period].is_hub):
            return None  # the split timeline's first view and hubs list periods, not events
        events = self.events_of(period)
        return self.structured_data(events).data()

    def actor_data(self, actor: Actor) -> dict[str, Any] | None:
        graph = self.structured_data(self.by_actor[actor.id])
        return graph.add_node(graph.actor(actor)).data()

    def source_data(self, source: Source) -> dict[str, Any] | None:
        graph = self.structured_data(self.by_source[source.id])
        return graph.add_node(graph.source(source)).data()

    def events_data(self, events: Iterable[Event]) -> dict[str, Any] | None:
        """The featured events of the home page, or those an explainer embeds."""
        return self.structured_data(events).data()


def embed_host(url: str) -> str:
    """The host an embed loads from, named on its play button."""
    return host_of(url) or ""


def citation_link(source: Source | None, source_id: str, number: int, root: str,
                  language: str = editions.DEFAULT_LANGUAGE) -> str:
    """``[1]`` as a superscript link to the source page, named for screen readers in the
    edition's words (``Джерело 1: …``)."""
    label = f"{source.outlet}: {source.title}" if source else source_id
    name = editions.translate(language, "Source {n}:").replace("{n}", str(number))
    return (f'<sup class="tl-cite"><a href="{escape(root)}sources/{escape(source_id)}/" '
            f'title="{escape(label)}" aria-label="{escape(name)} {escape(label)}">'
            f"[{number}]</a></sup>")


def _quotes_where(events: Iterable[Event], keep: Any) -> list[tuple[Event, Quote]]:
    return [(event, quote) for event in events for quote in event.quotes if keep(quote)]


def asset_path(name: str) -> Path:
    """A file shipped in ``timeline_builder/site/assets`` (the timeline's JS and CSS)."""
    return Path(__file__).parent / "assets" / name


def asset_bytes(name: str, settings: Settings) -> bytes:
    """An asset as published: media.js gets the embed hosts it may load players from
    (contributor HTML can carry our data- attributes, so the script judges URLs itself);
    scripts lose their comments and white space (rjsmin), which their sources keep."""
    data = asset_path(name).read_bytes()
    if name == "media.js":
        hosts = json.dumps(list(settings.embed_hosts)).replace("</", "<\\/")
        data = data.replace(b"[/* embed_hosts */]", hosts.encode("utf-8"), 1)
    if name.endswith(".js"):
        from rjsmin import jsmin

        data = jsmin(data)
    return data
