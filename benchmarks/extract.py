"""How fast and how lean is reading PDFs, on both character sources, against the bare parsers, in one run.

    .venv/bin/python benchmarks/extract.py [CORPUS_OR_PDF ...] [--memory-file PDF] [--json OUT]

By default it reads ../shared/corpus and ../shared/corpus/wide. For each PDF, one after the other:
- bare pdfplumber: iterating every page's characters (`for c in page.chars: pass`, pages closed);
- the reader on pdfplumber's characters (today's reader, the reference): `read_report` in-process
  (the whole reader to the model, no JSON printing, no process start-up), default options;
- bare pypdfium2: every character's text, box and origin (`pdfium.walk_chars`);
- the reader on PDFium's characters (`--chars pdfium`): `read_report` with `chars="pdfium"`, the same
  options otherwise (the OCR check of scanned pages included on both sides);
and whether the two models are the same.

Goals, printed with each folder's figures and the total: the PDFium reader at least 5x the pages per
second of the pdfplumber reader, with the same model on at least 95% of the reports (each other one
listed: tests/test_pdf_sources.py names the reason); the pdfplumber reader at most 1.3x bare
pdfplumber's time (issue 10). Times are CPU seconds of this process (robust when other jobs share
the cores); wall seconds are printed beside them, and the load average at the start and the end.

Memory: peak RSS (VmHWM) of a fresh process that reads every PDF of the first folder one after the
other, as one `--jobs` worker does, with each source; and of `sitegen extract FILE --json` (the real
command) and the pdfplumber baseline on `--memory-file` (the 56-page A/79/352). Goal: < 300 MB.

Files the reader refuses (or trips on, while it is still evolving) are listed and left out of
the totals, so the script keeps working whatever the reader's state.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

import sitegen.readers.pdf  # (read_report imports it lazily; pay that before timing)
import sitegen.readers.pdf.ocr  # (likewise, for the OCR check both sources run)
import sitegen.readers.pdf.pdfium  # noqa: F401  (likewise)
from sitegen.errors import Diagnostics
from sitegen.model import Report
from sitegen.readers import ReadOptions, read_report
from sitegen.readers.pdf.pdfium import walk_chars

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT_TARGETS = [CORPUS, CORPUS / "wide"]
MEMORY_FILE = CORPUS / "A_79_352.en.pdf"
SPEED_GOAL = 1.3
"""The pdfplumber reader's time over bare pdfplumber's (issue 10)."""
PDFIUM_SPEED_GOAL = 5.0
"""The PDFium reader's pages per second over today's (pdfplumber) reader's (issue 15)."""
SAME_MODEL_GOAL = 0.95
MEMORY_GOAL_MB = 300
PDFPLUMBER = ReadOptions()
PDFIUM = ReadOptions(chars="pdfium")


@dataclass
class Timing:
    cpu: float
    wall: float


@dataclass
class FileResult:
    name: str
    folder: str
    pages: int
    baseline: Timing
    ours: Timing | None
    error: str = ""
    pdfium_walk: Timing | None = None
    pdfium: Timing | None = None
    same_model: bool | None = None


def timed(work: Callable[[], object]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall)


def iterate_chars(path: Path) -> int:
    """The baseline: what any pdfplumber-based reader pays at least. Returns the page count."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for _ in page.chars:
                pass
            page.close()
        return len(pdf.pages)


def first_line(e: BaseException) -> str:
    return f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"


def measure_file(path: Path) -> FileResult:
    pages: list[int] = []
    baseline = timed(lambda: pages.append(iterate_chars(path)))
    models: dict[str, Report] = {}
    error = ""
    try:
        ours: Timing | None = timed(
            lambda: models.__setitem__("pdfplumber", read_report(path, Diagnostics(), PDFPLUMBER))
        )
    except Exception as e:  # noqa: BLE001  (the reader evolves in parallel; a refusal is a row, not a crash)
        ours, error = None, first_line(e)
    pdfium_walk = timed(lambda: walk_chars(path))
    try:
        pdfium: Timing | None = timed(
            lambda: models.__setitem__("pdfium", read_report(path, Diagnostics(), PDFIUM))
        )
    except Exception as e:  # noqa: BLE001  (likewise)
        pdfium, error = None, error or f"pdfium: {first_line(e)}"
    same = (models["pdfplumber"].to_dict() == models["pdfium"].to_dict()) if len(models) == 2 else None
    return FileResult(path.name, path.parent.name, pages[0], baseline, ours, error, pdfium_walk, pdfium, same)


def pdf_files(targets: list[Path]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        files.extend(sorted(target.glob("*.pdf")) if target.is_dir() else [target])
    return files


def print_files(results: list[FileResult]) -> None:
    print(
        f"{'file':<40} {'pages':>5} {'plumber s':>9} {'reader s':>8} {'ratio':>5} {'pdfium s':>8} {'speedup':>7} same"
    )
    for r in results:
        ours = f"{r.ours.cpu:8.2f} {r.ours.cpu / r.baseline.cpu:5.2f}" if r.ours else f"{'-':>8} {'-':>5}"
        fium = (
            f"{r.pdfium.cpu:8.2f} {r.ours.cpu / r.pdfium.cpu:7.1f}"
            if r.pdfium and r.ours
            else f"{'-':>8} {'-':>7}"
        )
        same = {True: "yes", False: "NO", None: "-"}[r.same_model]
        print(
            f"{(r.folder + '/' + r.name)[:40]:<40} {r.pages:>5} {r.baseline.cpu:9.2f} {ours} {fium} {same:>4}  {r.error}"
        )


def print_summary(title: str, results: list[FileResult]) -> None:
    """Pages per second of the four ways to read on the files both readers read, and the goals."""
    both = [r for r in results if r.ours is not None and r.pdfium is not None and r.pdfium_walk is not None]
    print()
    print(
        f"{title}: {len(both)} of {len(results)} files read from both sources, {sum(r.pages for r in both)} pages"
    )
    if not both:
        return
    pages = sum(r.pages for r in both)

    def total(pick: Callable[[FileResult], Timing | None]) -> Timing:
        ts = [t for t in map(pick, both) if t is not None]
        return Timing(sum(t.cpu for t in ts), sum(t.wall for t in ts))

    fium, plumber = total(lambda r: r.pdfium), total(lambda r: r.ours)
    bare_plumber, bare_fium = total(lambda r: r.baseline), total(lambda r: r.pdfium_walk)
    for what, t in (
        ("reader, pdfium source", fium),
        ("reader, pdfplumber source", plumber),
        ("bare pdfplumber char walk", bare_plumber),
        ("bare pypdfium2 char walk", bare_fium),
    ):
        print(f"  {what:<26}: {pages / t.cpu:7.1f} pages/s CPU ({pages / t.wall:.1f} pages/s wall)")
    speedup = plumber.cpu / fium.cpu
    print(
        f"  pdfium reader / pdfplumber reader: {speedup:.2f}x pages/s CPU, {plumber.wall / fium.wall:.2f}x wall "
        f"(goal >= {PDFIUM_SPEED_GOAL}x): {'met' if speedup >= PDFIUM_SPEED_GOAL else 'NOT met'}"
    )
    ratio = plumber.cpu / bare_plumber.cpu
    print(
        f"  pdfplumber reader / bare pdfplumber: {ratio:.2f}x time CPU, {plumber.wall / bare_plumber.wall:.2f}x wall "
        f"(issue 10, goal <= {SPEED_GOAL}x): {'met' if ratio <= SPEED_GOAL else 'NOT met'}"
    )
    print(f"  pdfium reader / bare pypdfium2: {fium.cpu / bare_fium.cpu:.2f}x time CPU")
    same = [r for r in both if r.same_model]
    share = len(same) / len(both)
    print(
        f"  same model from both sources: {len(same)} of {len(both)} ({share:.1%}, goal >= {SAME_MODEL_GOAL:.0%}): "
        f"{'met' if share >= SAME_MODEL_GOAL else 'NOT met'}"
    )
    for r in both:
        if not r.same_model:
            print(
                f"    differs: {r.folder}/{r.name} (the reason: tests/test_pdf_sources.py KNOWN_DIFFERENCES)"
            )


PEAK_RSS_CHILD = """
import contextlib, io, resource, sys
{work}
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from this benchmark
# (over 100 MB by then) would report at least the parent's size whatever it did itself
hwm = [l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")]
print("PEAK_KB", hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

SITEGEN_WORK = """
from sitegen.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["extract", sys.argv[1], "--json"])
print("EXIT", code, file=sys.stderr)
"""

BASELINE_WORK = """
import pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        for _ in page.chars:
            pass
        page.close()
"""

WORKER_WORK = """
from pathlib import Path
from sitegen.errors import Diagnostics
from sitegen.readers import ReadOptions, read_report
options = ReadOptions(chars=sys.argv[1])
for name in sys.argv[2:]:
    try:
        read_report(Path(name), Diagnostics(), options)
    except Exception:
        pass  # a refused file is listed by the timing run
"""
"""What one `--jobs` worker does: read report after report to its model (no JSON printing)."""


def peak_rss_mb(work: str, *args: str) -> tuple[float, str]:
    """Peak RSS of a fresh child doing `work` with `args` (VmHWM, in KiB)."""
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_CHILD.format(work=work), *args],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    peak = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    if not peak:
        return float("nan"), proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output"
    notes = [line for line in proc.stderr.splitlines() if not line.startswith(("PEAK_KB", "EXIT 0"))]
    return int(peak[0]) / 1024, "; ".join(notes)


def print_memory(path: Path, worker_files: list[Path]) -> None:
    if worker_files:
        names = [str(f) for f in worker_files]
        fium, _ = peak_rss_mb(WORKER_WORK, "pdfium", *names)
        plumb, _ = peak_rss_mb(WORKER_WORK, "pdfplumber", *names)
        print(
            f"peak RSS per worker, reading the {len(names)} PDFs of {worker_files[0].parent.name}/ one after "
            f"the other: pdfium source {fium:.0f} MB, pdfplumber source {plumb:.0f} MB "
            f"(goal < {MEMORY_GOAL_MB} MB): {'met' if max(fium, plumb) < MEMORY_GOAL_MB else 'NOT met'}"
        )
    if not path.is_file():
        print(f"memory: {path} not found, skipped")
        return
    ours, note = peak_rss_mb(SITEGEN_WORK, str(path))
    base, _ = peak_rss_mb(BASELINE_WORK, str(path))
    print(
        f"peak RSS on {path.name}: sitegen extract {ours:.0f} MB, pdfplumber chars {base:.0f} MB "
        f"(goal < {MEMORY_GOAL_MB} MB): {'met' if ours < MEMORY_GOAL_MB else 'NOT met'}"
        + (f"  [{note}]" if note else "")
    )


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "targets", nargs="*", type=Path, help="PDFs or folders (default: corpus and corpus/wide)"
    )
    parser.add_argument("--memory-file", type=Path, default=MEMORY_FILE)
    parser.add_argument("--json", type=Path, help="also write the per-file results here")
    args = parser.parse_args()
    targets = args.targets or [t for t in DEFAULT_TARGETS if t.is_dir()]
    files = pdf_files(targets)
    if not files:
        sys.exit(f"no PDFs in {', '.join(map(str, targets))}")
    print(f"load average at the start: {load()}", flush=True)
    results = [measure_file(f) for f in files]
    print_files(results)
    folders = sorted({r.folder for r in results}, key=[r.folder for r in results].index)
    if len(folders) > 1:
        for folder in folders:
            print_summary(f"{folder}/", [r for r in results if r.folder == folder])
    print_summary("all files", results)
    print()
    first = [f for f in files if f.parent == files[0].parent]
    print_memory(args.memory_file, first)
    print(f"load average at the end: {load()}")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    r.__dict__
                    | {
                        "baseline": r.baseline.__dict__,
                        "ours": r.ours.__dict__ if r.ours else None,
                        "pdfium_walk": r.pdfium_walk.__dict__ if r.pdfium_walk else None,
                        "pdfium": r.pdfium.__dict__ if r.pdfium else None,
                    }
                    for r in results
                ],
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
