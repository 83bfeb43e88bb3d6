"""`sitegen build`: discover -> read (parallel) -> resolve -> render -> write.

Like MkDocs' build(), all reading finishes before anything is resolved or written: cross-links and
backlinks need every report, and a site is only swapped in once every page of it exists.
"""

from __future__ import annotations

import functools
import gc
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sitegen.cache import ReaderCache
from sitegen.deploy import redirects_file, sitemap_files
from sitegen.discover import discover_inputs
from sitegen.errors import Diagnostic
from sitegen.executors import OnRead, ReadResult, read_inputs
from sitegen.incremental import (
    LastGood,
    PageReuse,
    UpToDate,
    build_key,
    code_signature,
    input_keys,
    out_state,
)
from sitegen.render import render_site
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
from sitegen.write import Output, write_site

log = logging.getLogger("sitegen.build")
P = ParamSpec("P")
T = TypeVar("T")

WARNINGS_SHOWN_PER_CODE = 5
"""Beyond this many warnings of one kind, print a count instead (-v prints them all; Pelican's LimitFilter)."""


@dataclass(slots=True)
class BuildResult:
    reports: int = 0
    failed: list[str] = field(default_factory=list)
    """One line per input that could not be built: "path: message"."""
    warnings: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    written: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage (check, read, resolve, render, search, write, record), for the benchmark."""
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

    @property
    def ok(self) -> bool:
        return not self.failed


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
def build_site(
    content: Path,
    out: Path,
    *,
    jobs: int | None = None,
    default_language: str = "en",
    templates: Path | None = None,
    strict: bool = False,
    show_all_warnings: bool = False,
    cache_dir: Path | None = None,
    executor: str | None = None,
    on_read: OnRead | None = None,
    site_title: str | None = None,
    base_url: str = "",
    log_problems: bool = True,
) -> BuildResult:
    """Build CONTENT into OUT. Inputs that fail are logged and left out; OUT is replaced only at the end,
    and not at all when `strict` and there are warnings.

    With `cache_dir`, reader output is cached there (sitegen.cache), and an input that fails keeps the
    model it had in the last written site (sitegen.incremental.LastGood), still counting as failed.
    `executor` says where inputs are read (sitegen.executors), and `on_read` is told of each input read
    (the progress bar)."""
    result = BuildResult()
    cache = ReaderCache(cache_dir) if cache_dir is not None else None
    with _stage(result, "check"):
        paths = discover_inputs(content)
        user_templates = user_templates_for(content, templates)
        signature = code_signature(
            default_templates_dir(), user_templates, extra=[site_title or "", default_language, base_url]
        )
        # With a cache: nothing to do when no input, template, setting or file in OUT changed since the
        # last build.
        keys = input_keys(paths) if cache_dir is not None else None
        up_to_date = (
            UpToDate(cache_dir, out, build_key(keys, signature))
            if cache_dir is not None and keys is not None
            else None
        )
        last = up_to_date.previous_result() if up_to_date is not None else None
    if last is not None:
        timings, result = result.timings, result_from_record(last)
        result.timings = timings
        if log_problems:
            _log_problems(result, show_all=show_all_warnings)
        return result
    last_good = LastGood(cache, content) if cache is not None else None
    with _stage(result, "read"):
        reads = read_inputs(paths, jobs=jobs, executor=executor, cache=cache, on_read=on_read, keys=keys)
        if last_good is not None:
            reads = last_good.stand_in(reads)
        # The models (millions of objects for thousands of reports) live as long as the build: left to
        # the cyclic collector, every later stage's collections would walk them all again.
        gc.freeze()
    good = [(r.path.name, r.report) for r in reads if r.report is not None]
    result.failed = [r.error for r in reads if r.error is not None]
    with _stage(result, "resolve"):
        index, rejected = build_index(good, default_language=default_language)
        backlinks = find_backlinks(index)
        xref_warnings = check_references(index)
        count_contents(result, index, reads)
    result.failed += [f"{content / r.file}: {r.message}" for r in rejected]
    result.warnings = [w for r in reads for w in r.warnings] + list(xref_warnings)
    if log_problems:
        _log_problems(result, show_all=show_all_warnings)
    with _stage(result, "render"):
        # With a cache, pages whose model, citations and backlinks did not change are reused from OUT.
        reuse = page_reuse(cache_dir, out, index, backlinks, reads, signature) if cache_dir else None
        sources = source_files(reads, index, out)
        outputs = render_site(index, backlinks, sources=sources, user_templates=user_templates,
                              site_title=site_title, reuse=reuse)
    with _stage(result, "search"):
        def search() -> list[Output]:
            # With a cache, each report's search analysis is kept by model digest: an edit re-analyses one.
            return search_site_outputs(index, user_templates, site_title, cache_dir=cache_dir,
                                       digests=reuse.digests if reuse else None)
        outputs += reuse.search(search) if reuse else search()
    outputs.append(redirects_file(index))  # lower-case and undocs.org-style paths, for Netlify
    outputs += sitemap_files(index, base_url)
    if strict and result.warnings:
        return result
    with _stage(result, "write"):
        result.files = write_site(outputs, out)
    result.written = True
    with _stage(result, "record"):  # what the next build compares against
        state = out_state(out) if cache_dir is not None else {}
        if last_good is not None:
            last_good.save(reads)
        if reuse is not None:
            reuse.save(state)
            result.pages_rendered, result.pages_reused = reuse.rendered, reuse.reused
        if up_to_date is not None and not result.failed:
            up_to_date.record(record_of(result), state)
    return result


def record_of(result: BuildResult) -> dict[str, object]:
    """What a build that finds nothing to do reports again (sitegen.incremental.UpToDate)."""
    return {
        "reports": result.reports, "paragraphs": result.paragraphs, "footnotes": result.footnotes,
        "citations": result.citations, "files": result.files,
        "warnings": [[w.code, w.path, w.message, w.page] for w in result.warnings],
    }


def result_from_record(record: dict[str, Any]) -> BuildResult:
    return BuildResult(
        reports=record["reports"], paragraphs=record["paragraphs"], footnotes=record["footnotes"],
        citations=record["citations"], files=record["files"], written=True, cached=record["reports"],
        pages_reused=record["reports"], up_to_date=True,
        warnings=[Diagnostic(c, p, m, pg) for c, p, m, pg in record["warnings"]],
    )


def count_contents(result: BuildResult, index: SiteIndex, reads: list[ReadResult]) -> None:
    """The numbers of the summary line."""
    versions = index.all_versions()
    result.reports = len(versions)
    result.paragraphs = sum(len(v.report.paragraphs) for v in versions)
    result.footnotes = sum(len(v.report.footnotes) for v in versions)
    result.citations = sum(
        1 for v in versions for ref in v.report.references
        if resolve_citation(index, v, ref.symbol, ref.paragraph, ref.item).internal
    )
    result.cached = sum(1 for r in reads if r.cached)


def page_reuse(cache_dir: Path, out: Path, index: SiteIndex, backlinks: Backlinks, reads: list[ReadResult],
               signature: str) -> PageReuse:
    digests = {r.path.name: r.digest for r in reads if r.digest is not None}
    return PageReuse(cache_dir, out, signature=signature, index=index, backlinks=backlinks, digests=digests)


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
def _stage(result: BuildResult, name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.timings[name] = time.perf_counter() - start


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
            log.warning("warning: ... and %d more %s warnings (-v shows all)", n - WARNINGS_SHOWN_PER_CODE, code)
