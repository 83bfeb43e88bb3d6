"""What `sitegen build` shows in the terminal: a progress bar while reading, problems grouped at the
end, and one summary line.

The progress bar (rich) appears only when stderr is a terminal and --quiet is off, so logs, CI and
tests get plain lines. It never starts a refresh thread: reading may fork worker processes, and a
fork while another thread holds a lock can hang the child.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sitegen.build import WARNINGS_SHOWN_PER_CODE, BuildOptions, BuildResult, build_site
from sitegen.config import SiteConfig, resolve_config
from sitegen.errors import Diagnostic, SitegenError
from sitegen.executors import OnRead, ReadResult
from sitegen.model import Report
from sitegen.readers import ReadOptions

if TYPE_CHECKING:
    from rich.console import Console

log = logging.getLogger("sitegen")


class ReadProgress:
    """A progress bar over the inputs: files read, PDF pages, pages per second, and pages recognised
    by OCR (a scan's pages take seconds each: the count says where the time goes)."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.total = total
        self.pages = 0
        self.recognised = 0
        self.start = time.perf_counter()
        self.progress = Progress(
            TextColumn("Reading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            auto_refresh=False,
            transient=True,
        )
        self.task = self.progress.add_task("read", total=total, rate="")

    def __enter__(self) -> Self:
        self.progress.start()
        self.progress.refresh()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.progress.stop()

    def advance(self, read: ReadResult) -> None:
        if read.report is not None:
            self.pages += read.report.source.pages
            if not read.cached:  # a model reused from the reader cache was recognised by an earlier build
                self.recognised += recognised_pages(read.report)
        self.progress.update(self.task, advance=1, rate=self.rate())
        self.progress.refresh()

    def rate(self) -> str:
        """ "40 pages, 3.1 pages/s, 22 recognised by OCR" ("" before the first page)."""
        if not self.pages:
            return ""
        seconds = max(time.perf_counter() - self.start, 1e-6)
        text = f"{self.pages} pages, {self.pages / seconds:.1f} pages/s"
        return text + (f", {self.recognised} recognised by OCR" if self.recognised else "")


def recognised_pages(report: Report) -> int:
    """How many of the report's pages were read by OCR (the reader's "ocr_pages" meta: "1-3, 5")."""
    ranges = dict(report.meta).get("ocr_pages", "")
    if not ranges:
        return 0
    from sitegen.readers.pdf.ocr import pages_in_ranges

    return len(pages_in_ranges(ranges))


def show_progress(args: argparse.Namespace) -> bool:
    return sys.stderr.isatty() and not args.quiet


def run_build(args: argparse.Namespace) -> int:
    """`sitegen build`: exit 0 when every input was built, 1 when any failed (or warned, with --strict)."""
    config = config_for(args)
    start = time.perf_counter()
    progress = ReadProgress(count_inputs(config.content)) if show_progress(args) else None
    try:
        if progress:
            progress.__enter__()
        options = build_options(args, config, on_read=progress.advance if progress else None)
        result = build_site(config, replace(options, strict=args.strict))
    finally:
        if progress:
            progress.__exit__(None, None, None)
    report_problems(result, show_all=args.verbose)
    log.info("%s", summary_line(result, time.perf_counter() - start))
    if args.strict and result.warnings:
        log.error(
            "Aborted with %d warnings (--strict); %s left as it was", len(result.warnings), config.output
        )
        return 1
    return 0 if result.ok else 1


def config_for(args: argparse.Namespace) -> SiteConfig:
    return resolve_config(content=args.content, output=args.output, config_file=getattr(args, "config", None))


def build_options(
    args: argparse.Namespace,
    config: SiteConfig,
    *,
    on_read: OnRead | None = None,
    fallback_cache: Path | None = None,
) -> BuildOptions:
    """What the command line adds to the site's settings for one build (`sitegen build` and `serve`).
    `fallback_cache` is the cache folder when the command line says none (serve's temporary one)."""
    cache = cache_dir_for(args, config) or fallback_cache
    return BuildOptions(
        jobs=args.jobs,
        executor=getattr(args, "executor", None),
        cache=cache,
        on_read=on_read,
        log_problems=False,
        read=read_options(args, cache),
    )


def read_options(args: argparse.Namespace, cache: Path | None) -> ReadOptions:
    """How PDFs are read (--ocr, --ocr-language, --chars); recognised pages are kept in the cache."""
    return ReadOptions(
        ocr=getattr(args, "ocr", "auto"),
        ocr_language=getattr(args, "ocr_language", None),
        chars=getattr(args, "chars", "pdfplumber"),
        ocr_cache=cache / "ocr" if cache else None,
    )


def cache_dir_for(args: argparse.Namespace, config: SiteConfig) -> Path | None:
    if getattr(args, "no_cache", False):
        return None
    return getattr(args, "cache", None) or config.cache_dir


def count_inputs(content: Path) -> int:
    from sitegen.discover import discover_inputs

    try:
        return len(discover_inputs(content))
    except (SitegenError, OSError):  # the build itself reports a missing or unreadable folder
        return 0


def report_problems(result: BuildResult, *, show_all: bool) -> None:
    """Failed inputs, one line each; then warnings grouped by kind, each naming its file and page."""
    for line in result.failed:
        log.error("%s", line)
    groups: dict[str, list[Diagnostic]] = defaultdict(list)
    for w in result.warnings:
        groups[w.code].append(w)
    for code in sorted(groups):
        found = groups[code]
        log.warning("warning: %d %s:", len(found), code)
        shown = found if show_all else found[:WARNINGS_SHOWN_PER_CODE]
        for w in shown:
            log.warning("warning:   %s", w)
        if len(found) > len(shown):
            log.warning(
                "warning:   ... and %d more %s warnings (-v shows all)", len(found) - len(shown), code
            )


def summary_line(result: BuildResult, seconds: float) -> str:
    parts = [
        f"{result.reports} reports",
        f"{result.paragraphs:,} paragraphs",
        f"{result.footnotes:,} footnotes",
        f"{result.citations:,} citations resolved",
    ]
    done = "built" if result.written else "NOT written"
    line = f"{done}: {', '.join(parts)} in {seconds:.1f} s"
    if result.up_to_date:
        line += " (nothing changed since the last build)"
    elif result.cached or result.pages_reused:
        line += (
            f" ({result.cached} read from cache, {result.pages_rendered} pages rendered, "
            f"{result.pages_reused} reused)"
        )
    problems = []
    if result.warnings:
        problems.append(f"{len(result.warnings)} warnings")
    if result.failed:
        problems.append(f"{len(result.failed)} failed")
    return line + ("; " + ", ".join(problems) if problems else "")
