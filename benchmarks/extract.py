"""How fast and how lean is reading PDFs, against bare pdfplumber measured in the same run.

    .venv/bin/python benchmarks/extract.py [CORPUS_OR_PDF ...] [--memory-file PDF]

Sources (issue 15): the reader runs on pdfplumber's characters (today's reader, the reference) and
on PDFium's (`sitegen/readers/pdf/pdfium.py`); both are timed on every file, with both bare
character walks, and their models compared. Goal: the PDFium reader at least 5x today's reader's
pages per second, and the same model on at least 95% of the files (each other one listed).

Speed: for each PDF, the time of `sitegen.readers.read_report` (in-process: the whole reader,
model included, without JSON printing or process start-up) and of bare pdfplumber character
iteration (`for c in page.chars: pass`, each page closed after), both on the same file, one after
the other. Times are CPU seconds of this process (robust when other jobs share the cores); wall
seconds are printed beside them. Goal: sitegen <= 1.3x pdfplumber's time.

Memory: peak RSS of `sitegen extract FILE --json` (the real command, in a child process that
reports its own peak, VmHWM) on the 56-page A/79/352, and of the pdfplumber baseline on it.
Goal: < 300 MB.

Files the reader refuses (or trips on, while it is still evolving) are listed and left out of
the totals, so the script keeps working whatever the reader's state.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

import sitegen.readers.pdf  # noqa: F401  (read_report imports it lazily; pay that before timing)
from sitegen.anchors import finish_report
from sitegen.errors import Diagnostics, InputError
from sitegen.model import Report
from sitegen.readers import read_report, slug_hint_for
from sitegen.readers.pdf import assemble
from sitegen.readers.pdf.pdfium import read_pages_pdfium, walk_chars

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MEMORY_FILE = CORPUS / "A_79_352.en.pdf"
SPEED_GOAL = 1.3
PDFIUM_SPEED_GOAL = 5.0
"""The PDFium reader's pages per second over today's (pdfplumber) reader's (issue 15)."""
SAME_MODEL_GOAL = 0.95
MEMORY_GOAL_MB = 300


@dataclass
class Timing:
    cpu: float
    wall: float


@dataclass
class FileResult:
    name: str
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


def read_report_pdfium(path: Path, diag: Diagnostics) -> Report:
    """`read_report` with PDFium's characters (what `--chars pdfium` will run)."""
    pages = read_pages_pdfium(path, diag)
    if not any(p.lines for p in pages):
        raise InputError(str(path), "no text layer (a scanned image?); OCR is not supported")
    return finish_report(assemble(path.name, pages, diag), slug_hint=slug_hint_for(path))


def measure_file(path: Path) -> FileResult:
    pages: list[int] = []
    baseline = timed(lambda: pages.append(iterate_chars(path)))
    models: dict[str, Report] = {}
    try:
        ours: Timing | None = timed(lambda: models.__setitem__("pdfplumber", read_report(path, Diagnostics())))
        error = ""
    except Exception as e:  # noqa: BLE001  (the reader evolves in parallel; a refusal is a row, not a crash)
        ours, error = None, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    pdfium_walk = timed(lambda: walk_chars(path))
    try:
        pdfium: Timing | None = timed(lambda: models.__setitem__("pdfium", read_report_pdfium(path, Diagnostics())))
    except Exception as e:  # noqa: BLE001  (likewise)
        pdfium, error = None, error or f"pdfium: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    same = (models["pdfplumber"].to_dict() == models["pdfium"].to_dict()) if len(models) == 2 else None
    return FileResult(path.name, pages[0], baseline, ours, error, pdfium_walk, pdfium, same)


def pdf_files(targets: list[Path]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        files.extend(sorted(target.glob("*.pdf")) if target.is_dir() else [target])
    return files


def print_speed(results: list[FileResult]) -> None:
    print(f"{'file':<34} {'pages':>5} {'pdfplumber s':>12} {'sitegen s':>10} {'ratio':>6}")
    for r in results:
        ours = f"{r.ours.cpu:10.2f} {r.ours.cpu / r.baseline.cpu:6.2f}" if r.ours else f"{'-':>10} {'-':>6}"
        print(f"{r.name[:34]:<34} {r.pages:>5} {r.baseline.cpu:12.2f} {ours}  {r.error}")
    read = [r for r in results if r.ours is not None]
    if not read:
        print("no file was read by sitegen")
        return
    pages = sum(r.pages for r in read)
    base_cpu, ours_cpu = sum(r.baseline.cpu for r in read), sum(r.ours.cpu for r in read if r.ours)
    base_wall, ours_wall = sum(r.baseline.wall for r in read), sum(r.ours.wall for r in read if r.ours)
    ratio = ours_cpu / base_cpu
    print()
    print(f"files read: {len(read)} of {len(results)}, {pages} pages")
    print(f"pdfplumber chars : {pages / base_cpu:7.1f} pages/s CPU ({pages / base_wall:.1f} pages/s wall)")
    print(f"sitegen (read_report, in-process): {pages / ours_cpu:7.1f} pages/s CPU "
          f"({pages / ours_wall:.1f} pages/s wall)")
    print(f"time ratio sitegen / pdfplumber: {ratio:.2f}x CPU, {ours_wall / base_wall:.2f}x wall "
          f"(goal <= {SPEED_GOAL}x): {'met' if ratio <= SPEED_GOAL else 'NOT met'}")
    print_sources(results)


def print_sources(results: list[FileResult]) -> None:
    """Issue 15: the reader on PDFium's characters against the reader on pdfplumber's."""
    both = [r for r in results if r.ours is not None and r.pdfium is not None and r.pdfium_walk is not None]
    if not both:
        print("no file was read from both sources")
        return
    pages = sum(r.pages for r in both)

    def rate(timings: list[Timing]) -> str:
        cpu, wall = sum(t.cpu for t in timings), sum(t.wall for t in timings)
        return f"{pages / cpu:7.1f} pages/s CPU ({pages / wall:.1f} pages/s wall)"

    print()
    print(f"sources, on the {len(both)} files both read ({pages} pages):")
    print(f"  reader, pdfium source     : {rate([r.pdfium for r in both if r.pdfium])}")
    print(f"  reader, pdfplumber source : {rate([r.ours for r in both if r.ours])}")
    print(f"  bare pdfplumber char walk : {rate([r.baseline for r in both])}")
    print(f"  bare pypdfium2 char walk  : {rate([r.pdfium_walk for r in both if r.pdfium_walk])}")
    speedup = sum(r.ours.cpu for r in both if r.ours) / sum(r.pdfium.cpu for r in both if r.pdfium)
    print(f"  pdfium reader / pdfplumber reader: {speedup:.2f}x pages/s CPU (goal >= {PDFIUM_SPEED_GOAL}x): "
          f"{'met' if speedup >= PDFIUM_SPEED_GOAL else 'NOT met'}")
    same = [r for r in both if r.same_model]
    share = len(same) / len(both)
    print(f"  same model from both sources: {len(same)} of {len(both)} ({share:.0%}, goal >= {SAME_MODEL_GOAL:.0%}): "
          f"{'met' if share >= SAME_MODEL_GOAL else 'NOT met'}")
    for r in both:
        if not r.same_model:
            print(f"    differs: {r.name} (reasons: tests/test_pdf_sources.py KNOWN_DIFFERENCES)")


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


def peak_rss_mb(work: str, path: Path) -> tuple[float, str]:
    """Peak RSS of a fresh child doing `work` on `path` (VmHWM, in KiB)."""
    proc = subprocess.run([sys.executable, "-c", PEAK_RSS_CHILD.format(work=work), str(path)],
                          capture_output=True, text=True, timeout=1800, check=False)
    peak = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    if not peak:
        return float("nan"), proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output"
    notes = [line for line in proc.stderr.splitlines() if not line.startswith(("PEAK_KB", "EXIT 0"))]
    return int(peak[0]) / 1024, "; ".join(notes)


PDFIUM_WORK = """
from pathlib import Path
from sitegen.errors import Diagnostics
from sitegen.readers.pdf import assemble
from sitegen.readers.pdf.pdfium import read_pages_pdfium
path = Path(sys.argv[1])
assemble(path.name, read_pages_pdfium(path, Diagnostics()), Diagnostics())
"""
"""What one `--jobs` worker does per report with the PDFium source (the model, no JSON printing)."""

READER_WORK = PDFIUM_WORK.replace("from sitegen.readers.pdf.pdfium import read_pages_pdfium",
                                  "from sitegen.readers.pdf import read_pages as read_pages_pdfium")


def print_memory(path: Path) -> None:
    if not path.is_file():
        print(f"memory: {path} not found, skipped")
        return
    ours, note = peak_rss_mb(SITEGEN_WORK, path)
    base, _ = peak_rss_mb(BASELINE_WORK, path)
    print(f"peak RSS on {path.name}: sitegen extract {ours:.0f} MB, pdfplumber chars {base:.0f} MB "
          f"(goal < {MEMORY_GOAL_MB} MB): {'met' if ours < MEMORY_GOAL_MB else 'NOT met'}"
          + (f"  [{note}]" if note else ""))
    fium, note = peak_rss_mb(PDFIUM_WORK, path)
    plumb, _ = peak_rss_mb(READER_WORK, path)
    print(f"peak RSS per worker on {path.name} (one report read to its model): pdfium source {fium:.0f} MB, "
          f"pdfplumber source {plumb:.0f} MB" + (f"  [{note}]" if note else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", type=Path, default=[CORPUS], help="PDFs or folders (default: corpus)")
    parser.add_argument("--memory-file", type=Path, default=MEMORY_FILE)
    parser.add_argument("--json", type=Path, help="also write the per-file results here")
    args = parser.parse_args()
    files = pdf_files(args.targets)
    if not files:
        sys.exit(f"no PDFs in {', '.join(map(str, args.targets))}")
    results = [measure_file(f) for f in files]
    print_speed(results)
    print()
    print_memory(args.memory_file)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ | {"baseline": r.baseline.__dict__,
                                                      "ours": r.ours.__dict__ if r.ours else None,
                                                      "pdfium_walk": r.pdfium_walk.__dict__ if r.pdfium_walk else None,
                                                      "pdfium": r.pdfium.__dict__ if r.pdfium else None}
                                         for r in results], indent=1))


if __name__ == "__main__":
    main()
