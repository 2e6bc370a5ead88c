"""Build settings: what mkdocs.yml's ``timeline`` plugin entry configures.

The CLI reads mkdocs.yml itself (without importing MkDocs) and the plugin passes its
validated config; both end up with the same frozen :class:`Settings`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from timeline_builder.diagnostics import Diagnostic, error
from timeline_builder.model import Calendar

DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_SPLIT_THRESHOLD = 1000
# Hosts whose <iframe> embeds survive sanitising; privacy-friendly variants only.
DEFAULT_EMBED_HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")


@dataclass(frozen=True)
class Settings:
    content_dir: Path = Path("content")
    calendars: tuple[Calendar, ...] = ()
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD
    embed_hosts: tuple[str, ...] = DEFAULT_EMBED_HOSTS
    site_name: str = "Timeline"
    site_url: str = ""
    overrides_dir: Path | None = None
    use_directory_urls: bool = True
    site_assets: tuple[str, ...] = ()
    """Scripts and style sheets the site config loads (``extra_javascript``, ``extra_css``)."""


def calendars_from_config(
    raw: object, path: str = "mkdocs.yml", line: int = 1
) -> tuple[tuple[Calendar, ...], list[Diagnostic]]:
    """``{war: {start: 2022-02-24, label: "Day {n} of the war"}}`` → calendars."""
    if raw is None:
        return (), []
    if not isinstance(raw, Mapping):
        return (), [error(path, line, "calendars: must be a mapping of name to {start: …}")]
    calendars: list[Calendar] = []
    problems: list[Diagnostic] = []
    for name, spec in sorted(raw.items(), key=lambda item: str(item[0])):
        start = spec.get("start") if isinstance(spec, Mapping) else None
        if isinstance(start, str):
            try:
                start = dt.date.fromisoformat(start)
            except ValueError:
                start = None
        if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
            problems.append(
                error(path, line, f"calendars: {name}: start must be a date",
                      "write e.g. war: {start: 2022-02-24}")
            )
            continue
        label = spec.get("label") or "Day {n}"
        calendars.append(Calendar(str(name), start, str(label)))
    return tuple(calendars), problems


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that reads ``!!python/name:`` and ``!ENV`` tags as plain values.

    mkdocs.yml commonly carries such tags (Material's emoji config); the CLI must read the
    timeline settings without executing anything and without importing MkDocs.
    """


def _construct_unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV VAR`` or ``!ENV [VAR, OTHER, default]``, as MkDocs reads it."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    names = [str(item) for item in loader.construct_sequence(node)]  # type: ignore[arg-type]
    for name in names[:-1]:
        if name in os.environ:
            return os.environ[name]
    return names[-1] if names else None


_TolerantLoader.add_constructor("!ENV", _construct_env)
_TolerantLoader.add_multi_constructor("!", _construct_unknown)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


def plugin_options(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """The options of the ``timeline`` entry in a mkdocs.yml ``plugins:`` list."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        options = plugins.get("timeline")
        return options if isinstance(options, Mapping) else {}
    for entry in plugins:
        if isinstance(entry, Mapping) and "timeline" in entry:
            options = entry["timeline"]
            return options if isinstance(options, Mapping) else {}
    return {}


def settings_from_options(
    options: Mapping[str, Any], *, base_dir: Path, docs_dir: str = "content",
    site_name: str = "Timeline", site_url: str = "", theme_dir: str | None = None,
    config_path: str = "mkdocs.yml", use_directory_urls: bool = True,
    site_assets: Iterable[object] = (),
) -> tuple[Settings, list[Diagnostic]]:
    """One place that turns plugin options into Settings, for the CLI and the plugin."""
    calendars, problems = calendars_from_config(options.get("calendars"), config_path)
    overrides = base_dir / theme_dir if theme_dir else None
    settings = Settings(
        content_dir=base_dir / docs_dir,
        calendars=calendars,
        max_file_bytes=int(options.get("max_file_bytes") or DEFAULT_MAX_FILE_BYTES),
        split_threshold=int(options.get("split_threshold") or DEFAULT_SPLIT_THRESHOLD),
        embed_hosts=tuple(options.get("embed_hosts") or DEFAULT_EMBED_HOSTS),
        site_name=site_name,
        site_url=site_url or "",
        overrides_dir=overrides if overrides and overrides.is_dir() else None,
        use_directory_urls=use_directory_urls,
        site_assets=tuple(asset_paths(site_assets)),
    )
    return settings, problems


def asset_paths(entries: Iterable[object]) -> Iterator[str]:
    """``extra_javascript`` entries are paths or ``{path: …, type: module}`` mappings."""
    for entry in entries:
        path = entry.get("path") if isinstance(entry, Mapping) else getattr(entry, "path", entry)
        if isinstance(path, str):
            yield path


def read_mkdocs_yml(path: Path) -> tuple[Settings, list[Diagnostic]]:
    """Settings from a mkdocs.yml; a missing or broken file is a diagnostic, not a crash."""
    shown = str(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)  # noqa: S506
    except FileNotFoundError:
        return Settings(content_dir=path.parent / "content"), [
            error(shown, 1, "no such config file", "run from the site's folder or pass -f")
        ]
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return Settings(content_dir=path.parent / "content"), [
            error(shown, line, f"cannot read config: {str(exc).splitlines()[0]}")
        ]
    config = raw if isinstance(raw, Mapping) else {}
    theme = config.get("theme") if isinstance(config.get("theme"), Mapping) else {}
    return settings_from_options(
        plugin_options(config),
        base_dir=path.parent,
        docs_dir=str(config.get("docs_dir") or "docs"),
        site_name=str(config.get("site_name") or "Timeline"),
        site_url=str(config.get("site_url") or ""),
        theme_dir=theme.get("custom_dir") if isinstance(theme, Mapping) else None,
        config_path=shown,
        use_directory_urls=config.get("use_directory_urls") is not False,
        site_assets=[*_as_list(config.get("extra_javascript")),
                     *_as_list(config.get("extra_css"))],
    )


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
