"""The one schema of the ``timeline`` options in mkdocs.yml, for the CLI and the plugin.

Both doors hand this module the options as YAML gave them (MkDocs' loader for the plugin,
ours for the CLI) and the text of mkdocs.yml, and get the same :class:`Options` and the
same diagnostics back: a bad value is ``mkdocs.yml:LINE: error: …`` on the line of its key,
an unknown key gets a did-you-mean, and nothing is ignored or half-read.

    plugins:
      - timeline:
          calendars:
            war: {start: 2022-02-24, label: "Day {n} of the war"}
          max_file_bytes: 1000000
          split_threshold: 1000
          period_size: 300           # most events on one period page
          embed_hosts: [www.youtube-nocookie.com, player.vimeo.com]
          sanitize_pages: true
          corrections: warn          # or require: see timeline diff
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.core.model import Calendar
from timeline_builder.core.suggest import did_you_mean

DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_SPLIT_THRESHOLD = 1000
DEFAULT_PERIOD_SIZE = 300
# Hosts whose <iframe> embeds survive sanitising; privacy-friendly variants only.
DEFAULT_EMBED_HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")
DEFAULT_LABEL = "Day {n}"
# A host name as written in a URL: labels of letters, digits and hyphens (IDNA in punycode).
_HOST = re.compile(r"(?=.{1,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*"
                   r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z")
_CALENDAR_NAME = re.compile(r"[^\W_](?:[\w -]{0,38}[^\W_])?\Z")
_CALENDAR_KEYS = ("start", "label")
# Past this, a value is a typo (a number of bytes with extra digits), not a setting.
_LARGEST = 10**12


@dataclass(frozen=True)
class Options:
    """The validated options; defaults where mkdocs.yml says nothing."""

    calendars: tuple[Calendar, ...] = ()
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD
    period_size: int = DEFAULT_PERIOD_SIZE
    embed_hosts: tuple[str, ...] = DEFAULT_EMBED_HOSTS
    sanitize_pages: bool = True
    corrections: str = "warn"
    languages: tuple[str, ...] = ()
    """The editions' languages, the default first; empty: one edition, as before editions."""


class _Bad(ValueError):
    """A value that does not fit; the message says what to write instead."""

    def __init__(self, message: str, path: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.path = path  # deeper than the option itself (calendars → war → start)


def _count(name: str, example: str) -> Callable[[object], int]:
    def read(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Bad(f"{name}: {_shown(value)} is not a whole number; write e.g. "
                       f"{name}: {example}")
        if not 1 <= value <= _LARGEST:
            raise _Bad(f"{name}: {value} is out of range; write a number from 1 to "
                       f"{_LARGEST:_}, e.g. {name}: {example}")
        return value
    return read


def _hosts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(f"embed_hosts: {_shown(value)} is not a list of host names; write e.g. "
                   "embed_hosts: [www.youtube-nocookie.com]")
    hosts: list[str] = []
    for item in value:
        if not isinstance(item, str) or not _HOST.match(item):
            raise _Bad(f"embed_hosts: {_shown(item)} is not a host name (no scheme, path or "
                       "port, lower case); write e.g. www.youtube-nocookie.com")
        if item not in hosts:
            hosts.append(item)
    return tuple(hosts)


def _flag(name: str) -> Callable[[object], bool]:
    def read(value: object) -> bool:
        if not isinstance(value, bool):
            raise _Bad(f"{name}: {_shown(value)} is not true or false; write {name}: true")
        return value
    return read


CORRECTION_POLICIES = ("warn", "require")


def _policy(value: object) -> str:
    if not isinstance(value, str) or value not in CORRECTION_POLICIES:
        raise _Bad(f"corrections: {_shown(value)} is not warn or require; write "
                   "corrections: require (a changed published event needs a correction "
                   "entry) or corrections: warn")
    return value


def _start(name: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _Bad(f"calendars: {name}: start has a time of day; write only the date, e.g. "
                   "start: 2022-02-24", (name, "start"))
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _Bad(f"calendars: {name}: start: '{value}' is not a real date; write e.g. "
                       "start: 2022-02-24", (name, "start")) from None
    raise _Bad(f"calendars: {name}: start: {_shown(value)} is not a date; write YYYY-MM-DD, "
               "e.g. start: 2022-02-24", (name, "start"))


def _labels(name: str, value: object) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``label: "Day {n}"`` or one per language: ``label: {en: "Day {n}", uk: "{n}-й день"}``
    → (the default label, the labels by language); the first language's is the default."""
    if not isinstance(value, Mapping):
        return _label(name, value), ()
    if not value:
        raise _Bad(f"calendars: {name}: label: an empty mapping; write e.g. "
                   'label: {en: "Day {n} of the war"}', (name, "label"))
    labels = tuple((_language(str(key), (name, "label")), _label(name, text))
                   for key, text in value.items())
    return labels[0][1], labels


_LANGUAGE = re.compile(r"[a-z]{2,3}\Z")


def _language(value: object, path: tuple[str, ...] = ()) -> str:
    """A language as CLDR (babel) names it: ``en``, ``uk``, ``ru``."""
    from babel import Locale, UnknownLocaleError  # only a site with editions needs CLDR

    if not isinstance(value, str) or not _LANGUAGE.match(value):
        raise _Bad(f"languages: {_shown(value)} is not a language code; write a lower-case "
                   "ISO 639 code such as en, uk or ru", path)
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError):
        raise _Bad(f"languages: '{value}' is not a language CLDR knows; write an ISO 639 "
                   "code such as en, uk or ru", path) from None
    return value


def _languages(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _Bad(f"languages: {_shown(value)} is not a list of languages; write e.g. "
                   "languages: [en, uk, ru] (the first is the default edition)")
    found = tuple(_language(item) for item in value)
    twice = next((item for item in found if found.count(item) > 1), None)
    if twice is not None:
        raise _Bad(f"languages: '{twice}' is given twice; list each edition once")
    return found


def _label(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"calendars: {name}: label: {_shown(value)} is not text; write e.g. "
                   'label: "Day {n} of the war"', (name, "label"))
    if value.count("{n}") != 1:
        raise _Bad(f"calendars: {name}: label '{value}' must contain {{n}} once (where the "
                   'day number goes); write e.g. label: "Day {n} of the war"', (name, "label"))
    return value


def _calendars(value: object) -> tuple[Calendar, ...]:
    if not isinstance(value, Mapping):
        raise _Bad(f"calendars: {_shown(value)} is not a mapping of names to {{start: …}}; "
                   "write e.g. calendars: {war: {start: 2022-02-24}}")
    calendars: list[Calendar] = []
    for name, spec in value.items():
        shown_name = str(name)
        if not isinstance(name, str) or not _CALENDAR_NAME.match(name):
            raise _Bad(f"calendars: {_shown(name)} is not a calendar name (a word such as "
                       "war, used in 'day 89 of the war')", (shown_name,))
        if not isinstance(spec, Mapping) or "start" not in spec:
            raise _Bad(f"calendars: {name}: needs a start date; write e.g. "
                       f"{name}: {{start: 2022-02-24}}", (name,))
        for key in spec:
            if key not in _CALENDAR_KEYS:
                raise _Bad(f"calendars: {name}: unknown key '{key}'"
                           f"{did_you_mean(str(key), _CALENDAR_KEYS)}; a calendar has "
                           "start: and label:", (name, str(key)))
        label, labels = _labels(name, spec["label"]) if "label" in spec else (DEFAULT_LABEL, ())
        calendars.append(Calendar(name, _start(name, spec["start"]), label, labels))
    seen: set[str] = set()
    for calendar in calendars:  # dates name calendars case-insensitively
        if calendar.name.lower() in seen:
            raise _Bad(f"calendars: '{calendar.name}' is given twice (names ignore case)",
                       (calendar.name,))
        seen.add(calendar.name.lower())
    return tuple(sorted(calendars, key=lambda calendar: calendar.name))


@dataclass(frozen=True)
class _Option:
    read: Callable[[object], Any]
    doc: str


SCHEMA: dict[str, _Option] = {
    "calendars": _Option(_calendars, 'Day counts shown next to dates: war: {start: 2022-02-24, '
                         'label: "Day {n} of the war"}; day 1 is the start.'),
    "max_file_bytes": _Option(_count("max_file_bytes", "1000000"),
                              "Content files larger than this are rejected, before parsing."),
    "split_threshold": _Option(_count("split_threshold", "1000"),
                               "Past this many events the timeline is split into periods."),
    "period_size": _Option(_count("period_size", "300"),
                           "The most events one period page of a split timeline holds: a "
                           "denser year is split into months, a denser month into weeks "
                           "(1-7, 8-14, 15-21, 22-end), a denser week into days."),
    "embed_hosts": _Option(_hosts, "Hosts whose <iframe> embeds are kept (https only)."),
    "sanitize_pages": _Option(_flag("sanitize_pages"),
                              "Sanitise every page's HTML (explainers too), not only content."),
    "languages": _Option(_languages, "The editions, the default first, at the site root; the "
                         "others at /<lang>/: languages: [en, uk, ru]."),
    "corrections": _Option(_policy, "require: timeline diff fails when an event published at "
                           "the base revision changes its title, date, quotes or body without "
                           "a new corrections: entry (warn: it only says so)."),
}


def read_options(given: object, config_path: str = "mkdocs.yml", config_text: str = ""
                 ) -> tuple[Options, list[Diagnostic]]:
    """``given`` (the ``timeline:`` entry's value) → Options and every problem, with lines.

    ``config_text`` is mkdocs.yml's text, read only for the lines of the keys.
    """
    found = option_lines(config_text)
    lines = found.lines
    if given is None:
        return Options(), []
    if not isinstance(given, Mapping):
        return Options(), [error(config_path, lines.get((), 1),
                                 f"timeline: the plugin's options must be a mapping, not "
                                 f"{_shown(given)}", "write e.g. timeline: {calendars: {}}")]
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in given.items():
        name = str(key)
        line = lines.get((name,), lines.get((), 1))
        option = SCHEMA.get(name)
        if option is None:
            problems.append(error(config_path, line, f"timeline: unknown option '{name}'"
                                  f"{did_you_mean(name, SCHEMA)}",
                                  f"the options are: {', '.join(SCHEMA)}"))
            continue
        try:
            values[name] = option.read(value)
        except _Bad as bad:
            deeper = next((lines[(name, *bad.path[:depth])]
                           for depth in range(len(bad.path), 0, -1)
                           if (name, *bad.path[:depth]) in lines), line)
            problems.append(error(config_path, deeper, f"timeline: {bad}"))
    for name, line in found.twice:
        problems.append(error(config_path, line, f"timeline: option '{name}' is given twice",
                              "keep one; YAML would silently use the last"))
    problems += _label_languages(values, lines, config_path)
    return (Options() if problems else Options(**values)), problems


def _label_languages(values: dict[str, Any], lines: Mapping[tuple[str, ...], int],
                     config_path: str) -> list[Diagnostic]:
    """Labels by language name editions of the site; the default edition's is the label."""
    languages: tuple[str, ...] = values.get("languages", ())
    calendars: list[Calendar] = []
    problems: list[Diagnostic] = []
    for calendar in values.get("calendars", ()):
        given = dict(calendar.labels)
        line = lines.get(("calendars", calendar.name, "label"), lines.get((), 1))
        unknown = [language for language in given if language not in languages]
        if unknown:
            problems.append(error(config_path, line, f"timeline: calendars: {calendar.name}: "
                                  f"label: '{unknown[0]}' is not one of the site's languages "
                                  f"({', '.join(languages) or 'none'})",
                                  "add it to languages: or remove its label"))
        elif given and languages[0] in given:
            calendar = dataclasses.replace(calendar, label=given[languages[0]])
        calendars.append(calendar)
    if "calendars" in values:
        values["calendars"] = tuple(calendars)
    return problems


@dataclass(frozen=True)
class OptionLines:
    """Lines (1-based) of the timeline entry ``()`` and of every key under it, by path."""

    lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    twice: list[tuple[str, int]] = field(default_factory=list)  # options given twice


def option_lines(config_text: str) -> OptionLines:
    if not config_text:
        return OptionLines()
    try:
        root = yaml.compose(config_text, Loader=_LineLoader)
    except yaml.YAMLError:
        return OptionLines()
    entry = _timeline_entry(root)
    if entry is None:
        return OptionLines()
    key_node, value_node = entry
    found = OptionLines({(): key_node.start_mark.line + 1})
    _collect(value_node, (), found)
    return found


class _LineLoader(yaml.SafeLoader):
    """Composing only (no values are built), so any tag in mkdocs.yml is fine."""


def _timeline_entry(root: yaml.Node | None) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    plugins = next((value for key, value in root.value if key.value == "plugins"), None)
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(plugins, yaml.MappingNode):
        entries = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):
        entries = [pair for item in plugins.value if isinstance(item, yaml.MappingNode)
                   for pair in item.value]
    return next(((key, value) for key, value in entries
                 if isinstance(key, yaml.ScalarNode) and key.value == "timeline"), None)


def _collect(node: yaml.Node, path: tuple[str, ...], found: OptionLines) -> None:
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        here = (*path, name)
        if here in found.lines and not path:
            found.twice.append((name, key.start_mark.line + 1))
        found.lines.setdefault(here, key.start_mark.line + 1)
        _collect(value, here, found)


def _shown(value: object) -> str:
    """A value as the contributor wrote it, short: ``'lots'``, ``5``, ``a list``."""
    if isinstance(value, str):
        return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)[:60]

