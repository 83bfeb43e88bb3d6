"""How fast and how lean is reading PDFs, against bare pdfplumber measured in the same run.

    .venv/bin/python benchmarks/extract.py [CORPUS_OR_PDF ...] [--memory-file PDF]

Speed: for each PDF, the time of `sitegen.readers.read_report` (in-process: the whole reader,
model included, without JSON printing or process start-up) and of bare pdfplumber character
iteration (`for c in page.chars: pass`, each page closed after), both on the same file, one after
the other. Times are CPU seconds of this process (robust when other jobs share the cores); wall
seconds are printed beside them. Goal: sitegen <= 1.3x pdfplumber's time.

Memory: peak RSS of `sitegen extract FILE --json` (the real command, in a child process that
reports its own ru_maxrss) on the 56-page A/79/352, and of the pdfplumber baseline on it.
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
from sitegen.errors import Diagnostics
from sitegen.readers import read_report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MEMORY_FILE = CORPUS / "A_79_352.en.pdf"
SPEED_GOAL = 1.3
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


def measure_file(path: Path) -> FileResult:
    pages: list[int] = []
    baseline = timed(lambda: pages.append(iterate_chars(path)))
    try:
        ours: Timing | None = timed(lambda: read_report(path, Diagnostics()))
        error = ""
    except Exception as e:  # the reader evolves in parallel; a refusal is a row, not a crash
        ours, error = None, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    return FileResult(path.name, pages[0], baseline, ours, error)


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


PEAK_RSS_CHILD = """
import contextlib, io, resource, sys
{work}
print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
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
    """Peak RSS of a fresh child doing `work` on `path` (ru_maxrss is in KiB on Linux)."""
    proc = subprocess.run([sys.executable, "-c", PEAK_RSS_CHILD.format(work=work), str(path)],
                          capture_output=True, text=True, timeout=1800)
    peak = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")]
    if not peak:
        return float("nan"), proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output"
    notes = [line for line in proc.stderr.splitlines() if not line.startswith(("PEAK_KB", "EXIT 0"))]
    return int(peak[0]) / 1024, "; ".join(notes)


def print_memory(path: Path) -> None:
    if not path.is_file():
        print(f"memory: {path} not found, skipped")
        return
    ours, note = peak_rss_mb(SITEGEN_WORK, path)
    base, _ = peak_rss_mb(BASELINE_WORK, path)
    print(f"peak RSS on {path.name}: sitegen extract {ours:.0f} MB, pdfplumber chars {base:.0f} MB "
          f"(goal < {MEMORY_GOAL_MB} MB): {'met' if ours < MEMORY_GOAL_MB else 'NOT met'}"
          + (f"  [{note}]" if note else ""))


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
                                                      "ours": r.ours.__dict__ if r.ours else None}
                                         for r in results], indent=1))


if __name__ == "__main__":
    main()
