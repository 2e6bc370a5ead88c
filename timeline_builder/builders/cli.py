"""The ``timeline`` command: a thin door over the core (CONTRACT section 4).

Exit codes: 0 success (warnings allowed), 1 content errors or a bad value, 2 usage: a bad
mkdocs.yml option (``mkdocs.yml:LINE: error: …``), a wrong ``-f``/``--content``/``-o``, or
an unusable SOURCE_DATE_EPOCH.
No input produces a traceback: every failure is a diagnostic or a one-line message.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from timeline_builder.config.settings import Settings, read_mkdocs_yml, source_date_epoch
from timeline_builder.core import dates
from timeline_builder.core.atomic import write_atomic
from timeline_builder.core.diagnostics import Diagnostic, format_diagnostics, has_errors
from timeline_builder.core.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from timeline_builder.core.model import Calendar, ResolvedDate, Timeline
from timeline_builder.core.slugs import slug
from timeline_builder.exports import FORMATS
from timeline_builder.reading.load import KIND_DIRS
from timeline_builder.reading.schema import KIND_NAMES, schema_text

if TYPE_CHECKING:  # imported where a render runs: `export` loads nothing of the site
    from timeline_builder.site.render_memo import RenderMemo

# `timeline diff --format`: builders/diff_report.FORMATS (a test keeps the two equal); named
# here so that building the parser imports no diff machinery.
DIFF_FORMATS = ("text", "json", "markdown", "github")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except OSError as exc:
        _drop_stdout()
        print(f"timeline: cannot write to standard output: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    return code


def _drop_stdout() -> None:
    """Send what is still buffered to /dev/null, so exiting does not fail a second time."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _parser() -> argparse.ArgumentParser:
    """Commands import what they need when they run: `timeline date` loads no renderer."""
    parser = argparse.ArgumentParser(
        prog="timeline", description="Check, date, export, render and scaffold timeline content.")
    parser.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the site's mkdocs.yml (default: ./mkdocs.yml if present)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser(
        "check", help="validate every content file",
        description="Validate every content file: `path:line: error: message` (exit 0 clean, "
                    "1 errors, 2 usage). `note:` lines are hints (a likely undeclared quote "
                    "variant, a quote whose source keeps no text): they never fail a check or "
                    "`mkdocs build --strict`. `--stats` prints sourcing figures on stdout "
                    "(events per source, events resting on a single source, quotes verified / "
                    "unverified / with variants / unattributed, derived sources whose original "
                    "is not cited, disputes, corrections; the `sourcing/` page shows the same) "
                    "and problems on stderr.")
    _content_option(check)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="check only these files (and the files whose references they "
                       "break), from a parse cache of the rest; a folder means its files; "
                       "mkdocs.yml means everything")
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (path:line: error: …), GitHub annotations, or JSON")
    check.add_argument("--stats", action="store_true",
                       help="print sourcing figures (text table, or JSON with --format json) "
                       "on standard output; problems go to standard error")
    check.set_defaults(run=_check)

    date = commands.add_parser(
        "date", help="print how a date expression resolves",
        description="Print how a date expression resolves (`YYYY-MM-DD`, `YYYY-MM` or "
                    "`YYYY`); `--language uk` also reads it in that language (repeatable).")
    date.add_argument("expression", metavar="EXPR",
                      help="e.g. '23 May 2022', 'Saturday', 'day 89 of the war'")
    date.add_argument("--reported", metavar="DAY",
                      help="YYYY-MM-DD that relative dates count back from")
    date.add_argument("--language", action="append", default=[], metavar="LANG",
                      help="also read the date in this language (a code such as uk, ru, de), "
                           "as for an event whose source has that language:")
    date.set_defaults(run=_date)

    export = commands.add_parser(
        "export", help="write the timeline as json, ics, csv, …",
        description="Write the timeline in that format (standard output by default; never "
                    "overwrites a file without `--force`).")
    _content_option(export)
    export.add_argument("--format", choices=sorted(FORMATS), required=True)
    export.add_argument("--language", metavar="LANG",
                        help="the export of this edition (one of `languages` in mkdocs.yml): "
                             "its translated titles and summaries, as the site publishes "
                             "`LANG/timeline.json`")
    _output_options(export, "-o", "write to FILE instead of standard output")
    export.set_defaults(run=_export)

    importer = commands.add_parser(
        "import", help="turn another tool's file into content",
        description="Turn a TimelineJS3 JSON file, or the CSV of Knight Lab's Google Sheets "
                    "template, into event and source files under `DIR/events` and "
                    "`DIR/sources` (`--out content/events` means `content`). What it cannot "
                    "keep (times, Display Date, thumbnails, backgrounds, title and era rows) "
                    "is a warning naming the line. Never overwrites without `--force`.")
    importer.add_argument("kind", choices=("timelinejs",))
    importer.add_argument("file", type=Path, metavar="FILE",
                          help="a TimelineJS3 JSON file, or the .csv of "
                          "Knight Lab's Google Sheets template (File > Download > CSV)")
    _output_options(importer, "--out", "the content folder (events/ and sources/ go in it; "
                    "content/events means content)", required=True)
    importer.set_defaults(run=_import)

    schema_command = commands.add_parser(
        "schema", help="print the JSON Schema of event, actor or source front matter",
        description="Print the JSON Schema (draft 2020-12) of that front matter, also "
                    "published as `schema/<kind>.json`.")
    schema_command.add_argument("kind", choices=KIND_NAMES)
    schema_command.set_defaults(run=_schema)

    new = commands.add_parser(
        "new", help="scaffold a content file",
        description="Scaffold `content/events/<slug>.md` with the title and date given "
                    "(`--reported` a day, as for `timeline date`).")
    new.add_argument("kind", choices=("event",))
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--date", required=True, metavar="EXPR",
                     help="a date expression (see 'timeline date')")
    new.add_argument("--reported", metavar="DAY", help="YYYY-MM-DD, needed for relative dates")
    _content_option(new)
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run=_new)

    render = commands.add_parser(
        "render", help="write every generated page, data file and asset as plain files",
        description="Write the site's complete docs tree (explainers with their excerpts, every "
                    "generated page as markdown whose content is our HTML, data files, assets; "
                    "never the event, actor and source files) for any builder; `--config-out` "
                    "also writes a copy of mkdocs.yml that builds DIR without the plugin; "
                    "`--stamps PLAN` (with --config-out, for Zensical) writes one event, actor, "
                    "source and tag page per group of like pages and leaves the rest to "
                    "`timeline stamp`; "
                    "atomic, nothing written on error (exit 0, 1 content errors, 2 usage).")
    _content_option(render)
    render.add_argument("--out", dest="output_dir", type=Path, required=True, metavar="DIR",
                        help="folder for the docs tree (replaced on every run)")
    render.add_argument("--config-out", type=Path, metavar="FILE",
                        help="also write a copy of mkdocs.yml that builds DIR without the "
                             "timeline plugin (beside mkdocs.yml, e.g. mkdocs.rendered.yml)")
    render.add_argument("--watch", action="store_true",
                        help="render again whenever content, mkdocs.yml or overrides change")
    render.add_argument("--stamps", type=Path, metavar="PLAN",
                        help="write one event, actor, source and tag page per group of like "
                             "pages and a shell; the rest go into PLAN, which `timeline stamp` "
                             "writes into the built site (make build BUILDER=zensical)")
    render.set_defaults(run=_render)

    stamp = commands.add_parser(
        "stamp", help="write the pages `render --stamps` left out into the built site",
        description="After `render --stamps PLAN` and a build of its tree: write every page of "
                    "PLAN from its group's shell, after checking that the group's first page "
                    "comes out as the builder wrote it; take the shells out of the site and its "
                    "sitemap (exit 0; 3 when the theme writes a page differently: nothing is "
                    "changed, build the full tree instead; 1 for an unreadable plan).")
    stamp.add_argument("plan", type=Path, metavar="PLAN", help="the plan render wrote")
    stamp.add_argument("site", type=Path, metavar="SITE", help="the built site, e.g. site/")
    stamp.set_defaults(run=_stamp)

    verify = commands.add_parser(
        "verify-site", help="check a built site holds every page and event render produced",
        description="After any build: fail (exit 1, one `path:1: error:` line each) if a page, an"
                    " event (its id and `<time datetime>`), a data file or an asset that `render`"
                    " produces is missing from the built site or differs, or if archived source "
                    "text is in it; 2 if SITE does not exist.")
    _content_option(verify)
    verify.add_argument("site", type=Path, metavar="SITE", help="the built site, e.g. site/")
    verify.set_defaults(run=_verify_site)

    diff = commands.add_parser(
        "diff", help="the editorial difference between two git revisions of the content",
        description="The editorial difference between two git revisions of the content (HEAD: the"
                    " working tree): events added, removed, withdrawn, renamed, moved in time "
                    "(old → new, precision), retitled or rewritten (a word diff of the body), "
                    "quotes added, removed, changed, or whose verification or attribution "
                    "changed, sources added or removed, lineage, archived text and `url_status` "
                    "changes, events now resting on a single source, disputes and corrections "
                    "added (minor ones marked). The corrections policy's findings are `PATH:LINE:"
                    " error:` lines under `corrections: require` (exit 1), warnings otherwise; "
                    "`--format markdown` is for a pull request's job summary, `github` prints the"
                    " policy as annotations; 2 for an unknown revision or outside git.")
    diff.add_argument("base", metavar="BASE", help="a git revision, e.g. origin/main or HEAD~1")
    diff.add_argument("head", metavar="HEAD", nargs="?", default=None,
                      help="a git revision (default: the working tree)")
    diff.add_argument("--format", choices=DIFF_FORMATS, default="text",
                      help="text, json, markdown (for a pull request's job summary), or "
                           "github (the policy's problems as annotations)")
    diff.set_defaults(run=_diff)

    archiver = commands.add_parser(
        "archive", help="fetch a source's page and keep its text, date and title",
        description="Fetch a source's page (its `url:`, or its `archived_url:` when the url is "
                    "dead), extract the article text (trafilatura), publication date (htmldate) "
                    "and title, and write them into the source file: the body, `accessed`, "
                    "`url_status: live`, `text_sha256` (check warns when the body is later "
                    "edited), `archived_url` when the page is (or names, in a `Link: "
                    "rel=\"memento\"` header) a Wayback Machine snapshot, and "
                    "`published`/`language` when the file has none; a URL makes a new source "
                    "file. Then every quote citing the source is checked again (exit 1 if one "
                    "does not verify). Never replaces archived text without `--force`; `--dry-"
                    "run` prints the file and writes nothing. A paywalled page (schema.org "
                    "`isAccessibleForFree: false` or a paywall element, with only a teaser), an "
                    "empty one (a JavaScript shell), a non-HTML answer or an HTTP error writes "
                    "nothing and says so.")
    archiver.add_argument("target", metavar="SOURCE-ID|URL")
    _content_option(archiver)
    archiver.add_argument("--force", action="store_true",
                          help="replace archived text that is already there")
    archiver.add_argument("--dry-run", action="store_true",
                          help="print the file as it would be written; write nothing")
    _fetch_options(archiver)
    archiver.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                          metavar="N", help="refuse pages larger than this "
                          f"(default {DEFAULT_MAX_BYTES:,})")
    archiver.set_defaults(run=_archive)

    links = commands.add_parser(
        "links", help="check every source url; report dead links",
        description="Check every source `url` (HEAD, then GET when HEAD fails; 4 at a time, one "
                    "at a time per host, half a second apart): 404/410 or an unknown host is a "
                    "dead link (`error` on its `url:` line, exit 1); a timeout, TLS error or 5xx "
                    "is a warning (\"could not be checked\"); a permanent redirect and a `dead` url"
                    " that answers again are notes. `--write` sets `url_status: dead` on dead "
                    "sources that have an `archived_url` (that line only, nothing else of the "
                    "file). `.github/workflows/links.yml` runs it weekly.")
    _content_option(links)
    links.add_argument("--write", action="store_true",
                       help="set url_status: dead where a url is dead (that key only)")
    links.add_argument("--format", choices=("text", "github", "json"), default="text")
    _fetch_options(links)
    links.set_defaults(run=_links)

    translation = commands.add_parser(
        "translation", help="manage translation files",
        description="`stamp FILE…` writes `original_sha256` (the hash of the original's "
                    "translatable text) into each translation's `translation:` record, the "
                    "only key it edits; `check` then warns when the original changes.")
    translation.add_argument("action", choices=("stamp",))
    translation.add_argument("files", nargs="+", type=Path, metavar="FILE",
                             help="translation files, e.g. content/events/sochi-meeting.uk.md")
    translation.set_defaults(run=_translation)
    return parser


def _fetch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-private", action="store_true",
                        help="also fetch private and local addresses (an intranet)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        metavar="SECONDS", help="give up on a page after this long "
                        f"(default {DEFAULT_TIMEOUT:g})")


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=None, metavar="DIR",
                        help="content folder (default: docs_dir of mkdocs.yml)")


def _output_options(parser: argparse.ArgumentParser, flag: str, help_text: str,
                    required: bool = False) -> None:
    parser.add_argument(flag, dest="output", type=Path, required=required, help=help_text,
                        metavar="DIR" if flag == "--out" else "FILE")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def _settings(args: argparse.Namespace) -> tuple[Settings, list[Diagnostic]]:
    """mkdocs.yml when there is one (or -f names one); otherwise defaults."""
    path = args.config_file or Path("mkdocs.yml")
    if args.config_file is None and not path.exists():
        settings, problems = Settings(), list[Diagnostic]()
    else:
        settings, problems = read_mkdocs_yml(path)
    content = getattr(args, "content", None)
    if content is not None:
        settings = dataclasses.replace(settings, content_dir=content)
    return settings, problems


class _Usage(Exception):
    """Misuse (a bad mkdocs.yml, a wrong folder, a bad environment): exit 2, one message."""


def _setup(args: argparse.Namespace, *, content: bool = True) -> Settings:
    """Settings, or _Usage when mkdocs.yml, --content or SOURCE_DATE_EPOCH cannot be used."""
    settings, problems = _settings(args)
    if problems:
        raise _Usage(format_diagnostics(problems, "text").rstrip("\n"))
    epoch_problem = source_date_epoch()[1]
    if epoch_problem:
        raise _Usage(f"timeline: {epoch_problem}")
    if content:
        _check_content_folder(settings.content_dir,
                              "--content" if getattr(args, "content", None) else "docs_dir")
    return settings


def _check_content_folder(folder: Path, named_by: str) -> None:
    if not folder.exists():
        raise _Usage(f"timeline: {named_by}: no folder {folder}")
    if not folder.is_dir():
        raise _Usage(f"timeline: {named_by}: {folder} is a file, not the content folder")
    if not any((folder / kind).is_dir() for kind in KIND_DIRS):
        raise _Usage(f"timeline: {named_by}: {folder} has no events/, actors/ or sources/ "
                     "folder; is it the content folder?")


def _usage_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace],
                                                                         int]:
    """Every command: misuse is one clear message and exit 2, never a traceback."""
    def guarded(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except _Usage as usage:
            print(usage, file=sys.stderr)
            return 2
    return guarded


@_usage_errors
def _check(args: argparse.Namespace) -> int:
    from timeline_builder.builders.pipeline import load_content
    from timeline_builder.checks import edition_stats
    from timeline_builder.checks.stats import format_text, sourcing_stats

    settings = _setup(args)
    if args.paths and not _names_config(args):
        if args.stats:
            raise _Usage("timeline: check --stats needs the whole content: drop the paths")
        return _check_files(args, settings)
    problems: list[Diagnostic] = []
    content = load_content(settings)
    timeline = content.timeline
    problems += content.problems
    if args.stats:
        if args.format == "github":
            print("timeline: check --stats prints text or json, not github", file=sys.stderr)
            return 2
        sys.stderr.write(format_diagnostics(problems, "text"))
        figures = sourcing_stats(timeline)
        editions = edition_stats.edition_figures(
            timeline, content.translations, settings.languages,
            [relative for relative, _path in content.contributor_pages()])
        if args.format == "json":
            record = figures.record()
            if editions:
                record["editions"] = {e.language: e.record() for e in editions}
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(format_text(figures) + edition_stats.format_text(editions))
    else:
        sys.stdout.write(format_diagnostics(problems, args.format))
    errors = sum(d.severity == "error" for d in problems)
    warnings = sum(d.severity == "warning" for d in problems)
    print(f"{len(timeline.events)} events, {len(timeline.actors)} actors, "
          f"{len(timeline.sources)} sources; {errors} errors, {warnings} warnings, "
          f"{len(problems) - errors - warnings} notes", file=sys.stderr)
    return 1 if errors else 0


def _names_config(args: argparse.Namespace) -> bool:
    """A named mkdocs.yml changes what every file means (calendars, options)."""
    config = (args.config_file or Path("mkdocs.yml")).resolve()
    return any(path.resolve() == config for path in args.paths)


def _check_files(args: argparse.Namespace, settings: Settings) -> int:
    from timeline_builder.builders.incremental import check_files

    checked = check_files(settings, args.paths)
    problems = checked.problems
    sys.stdout.write(format_diagnostics(problems, args.format))
    errors = sum(d.severity == "error" for d in problems)
    warnings = sum(d.severity == "warning" for d in problems)
    how = "every event checked" if checked.whole else \
        f"{checked.files - checked.parsed} of {checked.files} files from the cache"
    print(f"{len(checked.reported)} files checked ({how}); {errors} errors, {warnings} "
          f"warnings, {len(problems) - errors - warnings} notes", file=sys.stderr)
    return 1 if errors else 0


def _reported(written: str | None, calendars: Sequence[Calendar]) -> ResolvedDate | None:
    """``--reported`` as ``date`` and ``new`` both read it: a day, or DateError."""
    return dates.resolve_reported(written, calendars=calendars) if written else None


@_usage_errors
def _date(args: argparse.Namespace) -> int:
    settings = _setup(args, content=False)
    try:
        anchor = _reported(args.reported, settings.calendars)
        resolved = dates.resolve_date(args.expression, anchor=anchor.value if anchor else None,
                                      calendars=settings.calendars, languages=args.language)
    except dates.DateError as exc:
        print(f"timeline: date: {exc}", file=sys.stderr)
        return 1
    print(resolved.iso())
    return 0


@_usage_errors
def _export(args: argparse.Namespace) -> int:
    from timeline_builder.builders.pipeline import read_timeline

    settings = _setup(args)
    _check_output(args.output, "-o")
    timeline, problems = read_timeline(settings)
    if has_errors(problems):
        sys.stderr.write(format_diagnostics([d for d in problems if d.severity == "error"],
                                            "text"))
        print("timeline: export: content has errors; nothing was written", file=sys.stderr)
        return 1
    if settings.languages and not args.language:  # the default edition, as the site has it
        args.language = settings.default_language
    output = (_edition_export(args, settings, timeline) if args.language
              else FORMATS[args.format](timeline, settings))
    if args.output is None:
        sys.stdout.write(output)
        return 0
    return _write(args.output, output, force=args.force)


def _edition_export(args: argparse.Namespace, settings: Settings, timeline: Timeline) -> str:
    """One edition's export: the Timeline with that language's translations, as the site's
    ``<lang>/`` pages show it; in JSON with the edition's fields (CONTRACT section 5)."""
    from timeline_builder.exports.json_export import EditionExport, export_json
    from timeline_builder.reading.translations import Translations

    language, default = args.language, settings.default_language
    if language not in settings.editions:
        raise _Usage(f"timeline: export: --language {language}: not one of the site's "
                     f"editions ({', '.join(settings.editions)}); add it to languages: in "
                     "mkdocs.yml")
    translations = Translations()
    if language != default:  # the default edition is the content as it is: nothing to read
        from timeline_builder.markup.sanitize import markdown_to_html
        from timeline_builder.reading.load import load_documents
        from timeline_builder.reading.translations import originals_of, read_translations
        from timeline_builder.site.editions import translated

        documents, _ = load_documents(settings.content_dir, max_bytes=settings.max_file_bytes)
        translations, _ = read_translations(settings.content_dir, originals_of(documents),
                                            settings.languages,
                                            max_bytes=settings.max_file_bytes)
        timeline = translated(timeline, translations, language, markdown_to_html,
                              settings.embed_hosts)[0]
        settings = settings.for_edition(language)
    if args.format == "json":
        edition = EditionExport(language, default, translations) if settings.languages else None
        return export_json(timeline, settings, edition=edition)
    return FORMATS[args.format](timeline, settings)


def _check_output(path: Path | None, flag: str) -> None:
    if path is not None and path.is_dir():
        raise _Usage(f"timeline: {flag}: {path} is a folder; name a file, e.g. {path}/out.json")


def _write(path: Path, data: str, *, force: bool) -> int:
    try:
        write_atomic(path, data, force=force)
    except FileExistsError:
        print(f"timeline: {path} exists; pass --force to overwrite it", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"timeline: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _import(args: argparse.Namespace) -> int:
    from timeline_builder.imports.timelinejs import import_timelinejs
    from timeline_builder.imports.timelinejs_csv import import_timelinejs_csv

    try:
        data = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"timeline: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    reader = import_timelinejs_csv if args.file.suffix.lower() == ".csv" else import_timelinejs
    written, problems = reader(data, args.output, force=args.force, input_name=str(args.file))
    sys.stderr.write(format_diagnostics(problems, "text"))
    for path in written:
        print(path)
    return 1 if has_errors(problems) else 0


@_usage_errors
def _schema(args: argparse.Namespace) -> int:
    settings = _setup(args, content=False)
    sys.stdout.write(schema_text(args.kind, base_url=settings.site_url))
    return 0


@_usage_errors
def _render(args: argparse.Namespace) -> int:
    from timeline_builder.builders.watch import watch
    from timeline_builder.site.render_memo import RenderMemo

    if args.watch and args.stamps:
        raise _Usage("timeline render: --stamps leaves pages out for `timeline stamp` to "
                     "write after a build; a watched tree (zensical serve) needs every page")
    if args.stamps and not args.config_out:
        raise _Usage("timeline render: --stamps needs --config-out: the pages it writes are "
                     "put together by the page_clean extension of that config")
    settings = _setup(args)
    if not args.watch:
        return _render_once(args, settings)
    config = args.config_file or Path("mkdocs.yml")
    paths = [settings.content_dir, config, *([settings.overrides_dir]
                                               if settings.overrides_dir else [])]
    # Each render of the watch reuses the last one's template renders (site/render_memo.py),
    # as the MkDocs plugin does under `mkdocs serve`.
    memo = RenderMemo()
    try:
        watch(paths, lambda: _render_watched(args, memo))
    except KeyboardInterrupt:
        print("timeline: render: stopped watching", file=sys.stderr)
    return 0


def _render_watched(args: argparse.Namespace, memo: RenderMemo) -> int:
    """One render of ``--watch``: a content folder moved away (a branch switch, a rename)
    or a broken mkdocs.yml is said and waited out, never rendered as an empty site over
    the previous output, and never ends the watch."""
    try:
        settings = _setup(args)
    except _Usage as exc:
        print(f"{exc}; nothing was written, still watching", file=sys.stderr)
        return 2
    return _render_once(args, settings, memo)


def _render_once(args: argparse.Namespace, settings: Settings,
                 memo: RenderMemo | None = None) -> int:
    from timeline_builder.builders.builder_config import ConfigError
    from timeline_builder.builders.docs_tree import RenderError, render_to

    try:
        written, problems = render_to(settings, args.output_dir,
                                      config=args.config_file or Path("mkdocs.yml"),
                                      config_out=args.config_out, memo=memo,
                                      stamps=args.stamps)
    except (RenderError, ConfigError) as exc:
        print(f"timeline: render: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"timeline: render: cannot write {args.output_dir}: {exc.strerror or exc}; "
              "the previous output is unchanged", file=sys.stderr)
        return 1
    sys.stderr.write(format_diagnostics(problems, "text"))
    if not written:
        errors = sum(p.severity == "error" for p in problems)
        print(f"timeline: render: content has {errors} errors; nothing was written",
              file=sys.stderr)
        return 1
    print(f"timeline: render: {written} files in {args.output_dir}", file=sys.stderr)
    return 0


def _stamp(args: argparse.Namespace) -> int:
    from timeline_builder.builders.tree_stamps import CANNOT_STAMP, CannotStamp, stamp_site

    try:
        written = stamp_site(args.plan, args.site)
    except CannotStamp as exc:
        print(f"timeline: stamp: {exc}; nothing was changed: build the full tree "
              "(timeline render without --stamps)", file=sys.stderr)
        return CANNOT_STAMP
    except (OSError, ValueError, KeyError) as exc:
        print(f"timeline: stamp: cannot read the plan {args.plan}: {exc}", file=sys.stderr)
        return 1
    print(f"timeline: stamp: {written} files written into {args.site}", file=sys.stderr)
    return 0


@_usage_errors
def _verify_site(args: argparse.Namespace) -> int:
    from timeline_builder.builders.pipeline import load_content, outputs_of
    from timeline_builder.builders.verify_site import verify_site

    settings = _setup(args)
    problems: list[Diagnostic] = []
    if not args.site.is_dir():
        print(f"timeline: verify-site: no built site at {args.site}; build it first",
              file=sys.stderr)
        return 2
    content = load_content(settings)
    timeline = content.timeline
    problems += content.problems
    if has_errors(problems):
        sys.stderr.write(format_diagnostics(problems, "text"))
        print("timeline: verify-site: content has errors; fix them and build again",
              file=sys.stderr)
        return 1
    outputs = outputs_of(content, settings)
    missing = verify_site(args.site, outputs, content.published())
    sys.stderr.write(format_diagnostics(missing, "text"))
    if missing:
        print(f"timeline: verify-site: {len(missing)} problems in {args.site}", file=sys.stderr)
        return 1
    print(f"timeline: verify-site: {args.site} holds all {len(outputs.pages)} generated pages, "
          f"{len(timeline.events)} events and {len(outputs.files)} files, and no archived "
          "text", file=sys.stderr)
    return 0


@_usage_errors
def _diff(args: argparse.Namespace) -> int:
    from timeline_builder.builders.diff_report import render as render_diff
    from timeline_builder.builders.diff_run import run_diff
    from timeline_builder.reading.revisions import RevisionError

    settings = _setup(args)
    try:
        result = run_diff(settings, args.config_file or Path("mkdocs.yml"), args.base,
                          args.head)
    except RevisionError as exc:
        raise _Usage(f"timeline: diff: {exc}") from None
    sys.stdout.write(render_diff(result, args.format))
    if args.format in ("json", "markdown") and result.policy:
        sys.stderr.write(format_diagnostics(result.policy, "text"))
    return 1 if has_errors(result.policy) else 0


@_usage_errors
def _archive(args: argparse.Namespace) -> int:
    from timeline_builder.builders.archive import ArchiveError, Request, archive

    settings = _setup(args)
    if args.timeout <= 0 or args.max_bytes <= 0:
        raise _Usage("timeline: archive: --timeout and --max-bytes must be positive")
    request = Request(args.target, force=args.force, dry_run=args.dry_run,
                      allow_private=args.allow_private, timeout=args.timeout,
                      max_bytes=args.max_bytes)
    try:
        outcome = archive(settings, request)
    except ArchiveError as exc:
        print(f"timeline: archive: {exc}", file=sys.stderr)
        return 1
    if outcome.preview:
        sys.stdout.write(outcome.preview)
    for message in outcome.messages:
        print(message, file=sys.stderr)
    return outcome.code


@_usage_errors
def _links(args: argparse.Namespace) -> int:
    from timeline_builder.checks import links as link_check
    from timeline_builder.reading.load import display_path

    settings = _setup(args)
    if args.timeout <= 0:
        raise _Usage("timeline: links: --timeout must be positive")
    sources, problems = link_check.sources_with_urls(settings)
    verdicts = link_check.check_links(sources, timeout=args.timeout,
                                      allow_private=args.allow_private)
    found = link_check.report(verdicts)
    if args.write:
        written, refused = link_check.write_dead(verdicts)
        found += refused
        for path in written:
            print(f"timeline: links: {display_path(path)}: url_status: dead", file=sys.stderr)
    sys.stdout.write(format_diagnostics(problems + found, args.format))
    counts = {state: sum(v.state == state for v in verdicts)
              for state in ("live", "dead", "unchecked")}
    print(f"{len(verdicts)} links: {counts['live']} live, {counts['dead']} dead, "
          f"{counts['unchecked']} could not be checked", file=sys.stderr)
    newly_dead = [v for v in verdicts if v.state == "dead" and v.source.url_status != "dead"]
    return 1 if newly_dead or has_errors(problems) else 0


@_usage_errors
def _new(args: argparse.Namespace) -> int:
    settings = _setup(args, content=False)
    if settings.content_dir.exists() and not settings.content_dir.is_dir():
        raise _Usage(f"timeline: --content: {settings.content_dir} is a file, not a folder")
    try:
        anchor = _reported(args.reported, settings.calendars)
    except dates.DateError as exc:
        print(f"timeline: --reported: {exc}", file=sys.stderr)
        return 1
    try:
        dates.resolve_date(args.date, anchor=anchor.value if anchor else None,
                           calendars=settings.calendars)
    except dates.DateError as exc:
        print(f"timeline: --date: {exc}", file=sys.stderr)
        return 1
    path = settings.content_dir / "events" / f"{slug(args.title, 'event', length=60)}.md"
    front = {"title": args.title, "date": args.date}
    if args.reported:
        front["reported"] = args.reported
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + (
        "actors: []\ntags: []\nsources: []  # at least one id from content/sources/\n---\n"
        "What happened, in your own words, with context.\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    code = _write(path, text, force=args.force)
    if code == 0:
        print(path)
    return code


@_usage_errors
def _translation(args: argparse.Namespace) -> int:
    from timeline_builder.reading.translation_stamp import stamp

    settings = _setup(args)
    problems: list[Diagnostic] = []
    for path in args.files:
        problems += stamp(path, settings.content_dir, settings.languages,
                          max_bytes=settings.max_file_bytes)
    sys.stderr.write(format_diagnostics(problems, "text"))
    return 1 if has_errors(problems) else 0
