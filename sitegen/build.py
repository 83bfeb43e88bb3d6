"""`sitegen build`: discover -> read (parallel) -> resolve -> render -> write.

Like MkDocs' build(), all reading finishes before anything is resolved or written: cross-links and
backlinks need every report, and a site is only swapped in once every page of it exists.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sitegen.cache import ReaderCache
from sitegen.config import SiteConfig
from sitegen.connections import CONNECTIONS_FILE, read_site_connections, types_from_settings
from sitegen.deploy import redirects_file, sitemap_files
from sitegen.discover import discover_inputs
from sitegen.errors import Diagnostic, Diagnostics
from sitegen.executors import OnRead, ReadResult, input_keys, read_inputs, remember_summaries
from sitegen.families import SiteFamilies, apply_site_corrigenda
from sitegen.incremental import LastGood, PageMemo, UpToDate, build_key, code_signature, out_state
from sitegen.memo import Memo, open_memo
from sitegen.model import Report
from sitegen.readers import ReadOptions
from sitegen.render import render_site
from sitegen.render.connections import SiteConnections
from sitegen.render.html import default_templates_dir, source_file_name
from sitegen.render.search import search_site_outputs
from sitegen.resolve import (
    Backlinks,
    SiteIndex,
    build_index,
    check_references,
    find_backlinks,
    resolve_citation,
)
from sitegen.views import AS_TUPLE, report_view
from sitegen.write import Output, write_site

log = logging.getLogger("sitegen.build")
P = ParamSpec("P")
T = TypeVar("T")

WARNINGS_SHOWN_PER_CODE = 5
"""Beyond this many warnings of one kind, print a count instead (-v prints them all; Pelican's LimitFilter)."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to run one build (the command line's choices); what to build is the `SiteConfig`."""

    jobs: int | None = None
    executor: str | None = None
    """Where inputs are read (sitegen.executors)."""
    cache: Path | None = None
    """The cache folder (sitegen.memo); None builds from scratch and keeps nothing."""
    strict: bool = False
    """Any warning is fatal and OUT is left as it was."""
    on_read: OnRead | None = None
    """Told of each input read (the progress bar)."""
    log_problems: bool = True
    show_all_warnings: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    """How PDFs are read (OCR, character source): part of every PDF's cache key."""


@dataclass(slots=True)
class BuildResult:
    reports: int = 0
    failed: list[str] = field(default_factory=list)
    """One line per input that could not be built: "path: message"."""
    warnings: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    written: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage (check, up-to-date, read, resolve, render, search, write, record), for the
    benchmark."""
    paragraphs: int = 0
    footnotes: int = 0
    citations: int = 0
    """Citations of reports in the site (linked inside it)."""
    cached: int = 0
    """Inputs whose model came from the reader cache."""
    pages_rendered: int = 0
    pages_reused: int = 0
    """Report pages taken unchanged from the previous build (sitegen.incremental)."""
    up_to_date: bool = False
    """Nothing changed since the last build into OUT, so nothing was done (sitegen.incremental.UpToDate)."""
    out_state: dict[str, list[int]] = field(default_factory=dict, repr=False)
    """Every file of the OUT just written with its size and modification time (for the next build)."""

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build starts from: the settings, the inputs and their keys, and the code signature."""

    config: SiteConfig
    paths: list[Path]
    keys: dict[Path, str | None]
    user_templates: Path | None
    signature: str

    @property
    def key(self) -> str:
        return build_key(self.keys, self.signature)


@dataclass(frozen=True, slots=True)
class Resolved:
    """The reports linked into one site, and what went wrong on the way."""

    reads: list[ReadResult]
    index: SiteIndex
    backlinks: Backlinks
    failed: list[str]
    warnings: list[Diagnostic]
    connections: SiteConnections
    families: SiteFamilies


def _unfreezing(build: Callable[P, T]) -> Callable[P, T]:
    """Give what the build froze (its models) back to the garbage collector when it ends, however it
    ends, so a long-lived process (sitegen serve) frees them as usual."""

    @functools.wraps(build)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return build(*args, **kwargs)
        finally:
            gc.unfreeze()

    return run


@_unfreezing
def build_site(config: SiteConfig, options: BuildOptions = BuildOptions()) -> BuildResult:
    """Build `config.content` into `config.output`. Inputs that fail are logged and left out; OUT is
    replaced only at the end, and not at all when `options.strict` and there are warnings.

    With a cache folder, every stage keeps what it made there (sitegen.memo) and takes what did not
    change from the last build; when nothing at all changed, the last build's result is all there is
    to do (sitegen.incremental.UpToDate)."""
    memo = open_memo(options.cache)
    timings: dict[str, float] = {}
    with _timed(timings, "check"):
        plan = plan_build(config, options.read, memo)
    shortcut = UpToDate(memo, config.output, plan.key)
    result = unless_up_to_date(shortcut, lambda: full_build(plan, options, memo))
    result.timings = timings | result.timings
    if result.up_to_date and options.log_problems:
        _log_problems(result, show_all=options.show_all_warnings)
    return result


def unless_up_to_date(shortcut: UpToDate, build: Callable[[], BuildResult]) -> BuildResult:
    """Make's shortcut around a build: when the inputs, code, theme, settings and OUT are as the last
    recorded build left them, its result again, and nothing done; else `build()`, recorded if it
    wrote the site without failures (failed inputs must be tried again next time)."""
    timings: dict[str, float] = {}
    with _timed(timings, "up-to-date"):
        last = shortcut.previous_result()
    result = result_from_record(last) if last is not None else build()
    if not result.up_to_date and result.written and result.ok:
        shortcut.record(record_of(result), result.out_state)
    result.timings = timings | result.timings
    return result


def plan_build(config: SiteConfig, read: ReadOptions | None = None, memo: Memo | None = None) -> Plan:
    paths = discover_inputs(config.content)
    user_templates = user_templates_for(config.content, config.templates)
    settings = [
        config.title,
        config.default_language,
        config.base_url,
        repr(config.connection_types),
        file_digest(config.content / CONNECTIONS_FILE),
    ]
    signature = code_signature(default_templates_dir(), user_templates, extra=settings)
    keys = input_keys(paths, read, memo=memo, folder=config.content)
    return Plan(config, paths, keys, user_templates, signature)


def full_build(plan: Plan, options: BuildOptions, memo: Memo) -> BuildResult:
    """Read, resolve, render, write and record; each stage takes from `memo` what did not change."""
    result, config = BuildResult(), plan.config
    last_good = LastGood(ReaderCache(memo), config.content)
    with _timed(result.timings, "read"):
        reads = read_all(plan, options, last_good)
    with _timed(result.timings, "resolve"):
        site = resolve_site(reads, config)
        result.failed, result.warnings = site.failed, site.warnings
        count_contents(result, site.index, reads)
    if options.log_problems:
        _log_problems(result, show_all=options.show_all_warnings)
    pages = PageMemo(
        memo,
        config.output,
        signature=plan.signature,
        index=site.index,
        backlinks=site.backlinks,
        digests={r.path.name: r.digest for r in reads if r.digest is not None},
    )
    outputs = render_all(result, plan, site, pages)
    if options.strict and result.warnings:
        return result
    with _timed(result.timings, "write"):
        # One spare per cache, whichever OUT it came from: it only saves making folders, and one site's
        # worth of files in the cache is the most it may cost.
        result.files = write_site(outputs, config.output, spare=memo.place("spare", "site"))
    result.written = True
    with _timed(result.timings, "record"):  # what the next build compares against
        result.out_state = out_state(config.output)
        last_good.save(reads)
        remember_summaries(last_good.cache, reads)
        pages.save(result.out_state)
    result.pages_rendered, result.pages_reused = pages.rendered, pages.reused
    return result


def read_all(plan: Plan, options: BuildOptions, last_good: LastGood) -> list[ReadResult]:
    """Every input's model: from the cache, else read; a failed input's last good model stands in."""
    reads = read_inputs(
        plan.paths,
        jobs=options.jobs,
        executor=options.executor,
        cache=last_good.cache,
        on_read=options.on_read,
        keys=plan.keys,
        options=options.read,
    )
    # The models (millions of objects for thousands of reports) live as long as the build: left to
    # the cyclic collector, every later stage's collections would walk them all again.
    gc.freeze()
    return last_good.stand_in(reads)


def resolve_site(reads: list[ReadResult], config: SiteConfig) -> Resolved:
    """The site index, backlinks, and every failed input and warning (the readers' and the links')."""
    good = [(r.path.name, r.report) for r in reads if r.report is not None]
    index, rejected = build_index(good, default_language=config.default_language)
    diag = Diagnostics()
    families = apply_site_corrigenda(
        index, diag
    )  # before anything reads the texts: they are the corrected ones
    failed = [r.error for r in reads if r.error is not None]
    failed += [f"{config.content / r.file}: {r.message}" for r in rejected]
    types = types_from_settings(config.connection_types)
    connections = SiteConnections(index, read_site_connections(config.content, index, types, diag), types)
    warnings = [w for r in reads for w in r.warnings] + list(check_references(index)) + list(diag)
    return Resolved(reads, index, find_backlinks(index), failed, warnings, connections, families)


def file_digest(path: Path) -> str:
    """A file's content hash for the build key ("" when it does not exist): a file that is no input
    of its own (connections.yaml) must still make a build that read it run again when it changes."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def render_all(result: BuildResult, plan: Plan, site: Resolved, pages: PageMemo) -> list[Output]:
    """Every file of the site; pages and search files that did not change come from the last build."""
    config = plan.config
    with _timed(result.timings, "render"):
        sources = source_files(site.reads, site.index, config.output)
        outputs = render_site(
            site.index,
            site.backlinks,
            sources=sources,
            user_templates=plan.user_templates,
            site_title=config.title,
            page=pages.page,
            connections=site.connections,
            families=site.families,
        )
    with _timed(result.timings, "search"):
        outputs += pages.search(
            lambda: search_site_outputs(
                site.index,
                plan.user_templates,
                config.title,
                cache_dir=pages.memo.folder,
                digests=pages.digests,
            )
        )
    outputs.append(redirects_file(site.index))  # lower-case and undocs.org-style paths, for Netlify
    return outputs + sitemap_files(site.index, config.base_url)


def record_of(result: BuildResult) -> dict[str, object]:
    """What a build that finds nothing to do reports again (sitegen.incremental.UpToDate)."""
    return {
        "reports": result.reports,
        "paragraphs": result.paragraphs,
        "footnotes": result.footnotes,
        "citations": result.citations,
        "files": result.files,
        "warnings": [[w.code, w.path, w.message, w.page] for w in result.warnings],
    }


def result_from_record(record: dict[str, Any]) -> BuildResult:
    return BuildResult(
        reports=record["reports"],
        paragraphs=record["paragraphs"],
        footnotes=record["footnotes"],
        citations=record["citations"],
        files=record["files"],
        written=True,
        cached=record["reports"],
        pages_reused=record["reports"],
        up_to_date=True,
        warnings=[Diagnostic(c, p, m, pg) for c, p, m, pg in record["warnings"]],
    )


def count_contents(result: BuildResult, index: SiteIndex, reads: list[ReadResult]) -> None:
    """The numbers of the summary line."""
    versions = index.all_versions()
    result.reports = len(versions)
    counts = [contents_count(v.report) for v in versions]
    result.paragraphs = sum(paragraphs for paragraphs, _ in counts)
    result.footnotes = sum(footnotes for _, footnotes in counts)
    result.citations = sum(
        1
        for v in versions
        for ref in v.report.references
        if resolve_citation(index, v, ref.symbol, ref.paragraph, ref.item).internal
    )
    result.cached = sum(1 for r in reads if r.cached)


@report_view("contents-count", AS_TUPLE)
def contents_count(report: Report) -> tuple[int, int]:
    """(paragraphs, footnotes), for the summary line."""
    return len(report.paragraphs), len(report.footnotes)


def source_files(reads: list[ReadResult], index: SiteIndex, out: Path) -> dict[str, Path]:
    """Input file name -> the file copied beside its page. For a PDF whose last good model stands in,
    that is the copy in the previous site: the file in CONTENT is the broken one."""
    sources = {r.path.name: r.path for r in reads}
    kept = {r.path.name for r in reads if r.report is not None and r.error is not None}
    for version in index.all_versions():
        if version.file in kept:
            previous = out / version.folder / source_file_name(version.file)
            if previous.is_file():
                sources[version.file] = previous
    return sources


def user_templates_for(content: Path, explicit: Path | None) -> Path | None:
    """A `templates/` folder beside the content overrides the default theme (MkDocs' custom_dir)."""
    candidate = explicit or content.absolute().parent / "templates"
    if not candidate.is_dir() or candidate.resolve() == default_templates_dir().resolve():
        return None
    return candidate


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - start


# ---------------------------------------------------------------- reporting


def _log_problems(result: BuildResult, *, show_all: bool) -> None:
    for line in result.failed:
        log.error("%s", line)
    shown: Counter[str] = Counter()
    for w in result.warnings:
        shown[w.code] += 1
        if show_all or shown[w.code] <= WARNINGS_SHOWN_PER_CODE:
            log.warning("warning: %s", w)
    for code, n in sorted(shown.items()):
        if not show_all and n > WARNINGS_SHOWN_PER_CODE:
            log.warning(
                "warning: ... and %d more %s warnings (-v shows all)", n - WARNINGS_SHOWN_PER_CODE, code
            )
