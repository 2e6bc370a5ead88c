"""Build settings: what mkdocs.yml's ``timeline`` plugin entry configures.

The CLI reads mkdocs.yml itself (without importing MkDocs) and the plugin passes the
options MkDocs read; :mod:`timeline_builder.config.options` validates both the same way, and both
end up with the same frozen :class:`Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from timeline_builder.config.nav import NavEntry, nav_entries
from timeline_builder.config.options import (
    DEFAULT_EMBED_HOSTS,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_PERIOD_SIZE,
    DEFAULT_SPLIT_THRESHOLD,
    Options,
    read_options,
)
from timeline_builder.core.diagnostics import Diagnostic, error
from timeline_builder.core.model import Calendar
from timeline_builder.core.urls import absolute


@dataclass(frozen=True)
class Settings:
    content_dir: Path = Path("content")
    calendars: tuple[Calendar, ...] = ()
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD
    period_size: int = DEFAULT_PERIOD_SIZE
    embed_hosts: tuple[str, ...] = DEFAULT_EMBED_HOSTS
    site_name: str = "Timeline"
    site_url: str = ""
    overrides_dir: Path | None = None
    use_directory_urls: bool = True
    site_assets: tuple[str, ...] = ()
    """Scripts and style sheets the site config loads (``extra_javascript``, ``extra_css``)."""
    sanitize_pages: bool = True
    corrections: str = "warn"  # the corrections policy of `timeline diff`: warn | require
    languages: tuple[str, ...] = ()
    """The editions, the default first (empty: one edition; see :attr:`editions`)."""
    nav: tuple[NavEntry, ...] = ()
    """mkdocs.yml's ``nav``, which the other editions show in their language."""

    edition: str = ""
    """The edition being rendered (``uk``); empty: the default edition. An edition's
    ``site_url`` is its own root (``https://example.org/news/uk/``): its pages, feeds, cards
    and JSON-LD are all under it; :attr:`shared_url` is the site's, where the one copy of
    our scripts lives."""
    site_root_url: str = ""

    @property
    def shared_url(self) -> str:
        """The site's root URL, also when rendering an edition (see :attr:`edition`)."""
        return self.site_root_url or self.site_url

    @property
    def edition_prefix(self) -> str:
        """The edition's folder from the site root (``uk/``); empty for the default."""
        return f"{self.edition}/" if self.edition else ""

    @property
    def up_to_shared(self) -> str:
        """From an edition's root to the site root, where the one copy of our scripts and
        styles lives (``../`` for ``uk/``): an edition's pages link ``root`` for its own
        pages and ``root + up_to_shared`` for assets."""
        return "../" if self.edition else ""

    @property
    def language(self) -> str:
        """The language of what is being rendered: the edition's, else the default's."""
        return self.edition or self.default_language

    @property
    def editions(self) -> tuple[str, ...]:
        """Every edition's language: ``("en",)`` for a site without ``languages``."""
        return self.languages or ("en",)

    @property
    def default_language(self) -> str:
        return self.editions[0]

    def for_edition(self, language: str) -> Settings:
        """The settings that render ``language``'s edition: its own root URL under the
        site's (``…/uk/``), the site's kept as :attr:`shared_url`. The default: itself."""
        if language == self.default_language:
            return self
        return replace(self, edition=language, site_root_url=self.site_url,
                       site_url=absolute(self.site_url, f"{language}/") if self.site_url
                       else "")


# SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970-01-01 UTC. Past the
# last second of 9999 no date can be written in the exports.
LAST_EPOCH = 253_402_300_799


def source_date_epoch(environ: Mapping[str, str] | None = None) -> tuple[int | None, str]:
    """The build time SOURCE_DATE_EPOCH asks for, or (None, why it cannot be used).

    Unset or empty: (None, ""). A value that is not a whole number in range is refused by
    every door with this message rather than ignored (the output would not be reproducible).
    """
    written = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    if not written.strip():
        return None, ""
    if not written.isascii() or not written.strip().isdigit():
        return None, (f"SOURCE_DATE_EPOCH={written[:40]!r} is not a whole number of seconds "
                      "since 1970-01-01 UTC; unset it or write e.g. SOURCE_DATE_EPOCH=1653264000")
    value = int(written.strip())
    if value > LAST_EPOCH:
        return None, (f"SOURCE_DATE_EPOCH={written[:40]} is after the year 9999; unset it or "
                      "write e.g. SOURCE_DATE_EPOCH=1653264000")
    return value, ""


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


# Dates stay text (``start: 2022-02-30`` would otherwise crash the loader): options.py reads
# them, so an impossible date is an error on its line.
_TolerantLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TolerantLoader.add_constructor("!ENV", _construct_env)
_TolerantLoader.add_multi_constructor("!", _construct_unknown)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


def plugin_options(config: Mapping[str, Any]) -> object:
    """The value of the ``timeline`` entry in a mkdocs.yml ``plugins:`` list (None if bare)."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        return plugins.get("timeline")
    if isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, Mapping) and "timeline" in entry:
                return entry["timeline"]
    return None


def settings_from_options(
    options: Options, *, base_dir: Path, docs_dir: str = "content",
    site_name: str = "Timeline", site_url: str = "", theme_dir: str | None = None,
    use_directory_urls: bool = True, site_assets: Iterable[object] = (), nav: object = None,
) -> Settings:
    """One place that turns validated options and the site's config into Settings."""
    overrides = base_dir / theme_dir if theme_dir else None
    return Settings(
        content_dir=base_dir / docs_dir,
        calendars=options.calendars,
        max_file_bytes=options.max_file_bytes,
        split_threshold=options.split_threshold,
        period_size=options.period_size,
        embed_hosts=options.embed_hosts,
        site_name=site_name,
        site_url=site_url or "",
        overrides_dir=overrides if overrides and overrides.is_dir() else None,
        use_directory_urls=use_directory_urls,
        site_assets=tuple(asset_paths(site_assets)),
        sanitize_pages=options.sanitize_pages,
        corrections=options.corrections,
        languages=options.languages,
        nav=nav_entries(nav),
    )


def asset_paths(entries: Iterable[object]) -> Iterator[str]:
    """``extra_javascript`` entries are paths or ``{path: …, type: module}`` mappings."""
    for entry in entries:
        path = entry.get("path") if isinstance(entry, Mapping) else getattr(entry, "path", entry)
        if isinstance(path, str):
            yield path


def read_mkdocs_yml(path: Path) -> tuple[Settings, list[Diagnostic]]:
    """Settings from a mkdocs.yml; a missing or broken file is a diagnostic, not a crash."""
    shown = str(path)
    fallback = Settings(content_dir=path.parent / "content")
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506
    except FileNotFoundError:
        return fallback, [error(shown, 1, "no such config file",
                                "run from the site's folder or pass -f")]
    except IsADirectoryError:
        return fallback, [error(shown, 1, "is a folder, not a config file",
                                "pass -f the mkdocs.yml file itself")]
    except OSError as exc:
        return fallback, [error(shown, 1, f"cannot read config: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return fallback, [error(shown, 1, f"cannot read config: not UTF-8 ({exc.reason})")]
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return fallback, [error(shown, line, f"cannot read config: {str(exc).splitlines()[0]}")]
    except (ValueError, TypeError, RecursionError) as exc:  # !!int abc, deep nesting
        return fallback, [error(shown, 1, f"cannot read config: {exc}")]
    if not isinstance(raw, Mapping):
        return fallback, [error(shown, 1, "cannot read config: not a mapping of settings")]
    options, problems = read_options(plugin_options(raw), shown, text)
    theme = raw.get("theme")
    settings = settings_from_options(
        options,
        base_dir=path.parent,
        docs_dir=str(raw.get("docs_dir") or "docs"),
        site_name=str(raw.get("site_name") or "Timeline"),
        site_url=str(raw.get("site_url") or ""),
        theme_dir=theme.get("custom_dir") if isinstance(theme, Mapping) else None,
        use_directory_urls=raw.get("use_directory_urls") is not False,
        site_assets=[*_as_list(raw.get("extra_javascript")), *_as_list(raw.get("extra_css"))],
        nav=raw.get("nav"),
    )
    return settings, problems


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
