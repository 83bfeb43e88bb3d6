"""`sitegen build`: discover -> read (parallel) -> resolve -> render -> write.

Like MkDocs' build(), all reading finishes before anything is resolved or written: cross-links and
backlinks need every report, and a site is only swapped in once every page of it exists.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.discover import discover_inputs
from sitegen.errors import Diagnostic, Diagnostics, SitegenError
from sitegen.model import Report
from sitegen.readers import read_report
from sitegen.render import render_site
from sitegen.render.html import default_templates_dir
from sitegen.render.search import search_site_outputs
from sitegen.resolve import build_index, check_references, find_backlinks
from sitegen.write import write_site

log = logging.getLogger("sitegen.build")

WARNINGS_SHOWN_PER_CODE = 5
"""Beyond this many warnings of one kind, print a count instead (-v prints them all; Pelican's LimitFilter)."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    path: Path
    report: Report | None
    error: str | None
    warnings: tuple[Diagnostic, ...] = ()


@dataclass(slots=True)
class BuildResult:
    reports: int = 0
    failed: list[str] = field(default_factory=list)
    """One line per input that could not be built: "path: message"."""
    warnings: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    written: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage (read, resolve, render, write), for `-v` and the benchmark."""

    @property
    def ok(self) -> bool:
        return not self.failed


def run_build(args: argparse.Namespace) -> int:
    """The command: exit 0 when every input was built, 1 when any failed (or warned, with --strict)."""
    if args.quiet:
        logging.getLogger("sitegen").setLevel(logging.ERROR)
    result = build_site(args.content, args.output, jobs=args.jobs, strict=args.strict,
                        show_all_warnings=args.verbose)
    timings = ", ".join(f"{stage} {secs:.2f}s" for stage, secs in result.timings.items())
    log.info("%d reports, %d files; %s", result.reports, result.files, timings)
    if args.strict and result.warnings:
        log.error("Aborted with %d warnings (--strict); %s left as it was", len(result.warnings), args.output)
        return 1
    return 0 if result.ok else 1


def build_site(
    content: Path,
    out: Path,
    *,
    jobs: int | None = None,
    default_language: str = "en",
    templates: Path | None = None,
    strict: bool = False,
    show_all_warnings: bool = False,
) -> BuildResult:
    """Build CONTENT into OUT. Inputs that fail are logged and left out; OUT is replaced only at the end,
    and not at all when `strict` and there are warnings."""
    result = BuildResult()
    with _stage(result, "read"):
        reads = read_inputs(discover_inputs(content), jobs=jobs)
    good = [(r.path.name, r.report) for r in reads if r.report is not None]
    result.failed = [r.error for r in reads if r.error is not None]
    with _stage(result, "resolve"):
        index, rejected = build_index(good, default_language=default_language)
        backlinks = find_backlinks(index)
        xref_warnings = check_references(index)
    result.failed += [f"{content / r.file}: {r.message}" for r in rejected]
    result.warnings = [w for r in reads for w in r.warnings] + list(xref_warnings)
    result.reports = len(index.all_versions())
    _log_problems(result, show_all=show_all_warnings)
    with _stage(result, "render"):
        sources = {r.path.name: r.path for r in reads}
        outputs = render_site(index, backlinks, sources=sources, user_templates=user_templates_for(content, templates))
    with _stage(result, "search"):
        outputs += search_site_outputs(index, user_templates_for(content, templates))
    if strict and result.warnings:
        return result
    with _stage(result, "write"):
        result.files = write_site(outputs, out)
    result.written = True
    return result


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


# ---------------------------------------------------------------- reading


def read_inputs(paths: Sequence[Path], *, jobs: int | None = None) -> list[ReadResult]:
    """Read every input, in worker processes unless `jobs` is 1; results in path order whatever order
    the workers finish in."""
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        return [read_one(p) for p in paths]
    results: list[ReadResult] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(read_one, p): p for p in paths}
        for future in as_completed(futures):
            results.append(_result_of(future, futures[future]))
    return sorted(results, key=lambda r: r.path)


def _result_of(future, path: Path) -> ReadResult:  # type: ignore[no-untyped-def]
    try:
        return future.result()
    except BrokenProcessPool:
        return ReadResult(path, None, f"{path}: the reader process died (out of memory or crashed)")


def read_one(path: Path) -> ReadResult:
    """Read one input; never raises, so one bad file cannot stop the others."""
    diag = Diagnostics()
    try:
        report = read_report(path, diag)
    except SitegenError as e:
        return ReadResult(path, None, str(e), tuple(diag))
    except Exception as e:  # a reader bug must cost one input, not the build
        log.debug("while reading %s", path, exc_info=True)
        return ReadResult(path, None, f"{path}: internal error while reading: {type(e).__name__}: {e}", tuple(diag))
    return ReadResult(path, report, None, tuple(diag))


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
