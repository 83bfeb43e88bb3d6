"""OCR on old scans: the share of valid words before and after `--ocr auto`, and its speed.

    .venv/bin/python benchmarks/ocr.py [PDF_OR_FOLDER ...]      (default: ../shared/corpus/hard)

For each file: the text layer's share of valid words (`sitegen.readers.pdf.ocr.valid_word_share`:
words of Tesseract's own word list for the file's language, in a normal case) over all its pages,
then the same share after `read_pages_ocr(mode="auto")`, which recognises the scanned pages whose
layer scores under MIN_VALID_SHARE (and keeps the others as they are). The baseline is the file's
own text layer, measured in the same run.

Speed: recognised pages per CPU second (this process plus its Tesseract children, one thread each),
i.e. pages per second per core, robust when other jobs share the cores; wall time beside it. The
cache is a fresh temporary folder, so every page is recognised.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from sitegen.errors import Diagnostics
from sitegen.readers.pdf import read_pages
from sitegen.readers.pdf.document import PageText
from sitegen.readers.pdf.ocr import find_tesseract, ocr_language, read_pages_ocr, valid_word_share, word_list

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "hard"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def share(pages: list[PageText], words: frozenset[str]) -> tuple[float, int]:
    return valid_word_share((ln.text for p in pages for ln in p.lines), words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[DEFAULT])
    args = parser.parse_args(argv)
    engine = find_tesseract()
    if engine is None:
        print("Tesseract is not installed (apt-get install tesseract-ocr)", file=sys.stderr)
        return 1
    files = sorted(f for i in args.inputs for f in ([i] if i.is_file() else i.glob("*.pdf")))
    print(f"tesseract {engine.version}; {len(files)} files\n")
    print(
        f"{'file':34} {'pages':>5} {'OCRd':>4} {'valid before':>12} {'valid after':>11} {'CPU s':>6} {'wall s':>6}"
    )
    total_pages = 0
    total_cpu = 0.0
    for f in files:
        lang = ocr_language(f)
        words = word_list(engine.tessdata, lang)
        if words is None:
            print(f"{f.name}: no word list for {lang}", file=sys.stderr)
            continue
        diag = Diagnostics()
        before, n_before = share(read_pages(f, diag), words)
        with tempfile.TemporaryDirectory() as cache:
            cpu, wall = cpu_seconds(), time.perf_counter()
            result = read_pages_ocr(f, diag, "auto", None, Path(cache))
            cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
        after, n_after = share(result.pages, words)
        n = len(result.recognised)
        total_pages += n
        total_cpu += cpu
        print(
            f"{f.name[:34]:34} {len(result.pages):5} {n:4} {before:7.1%} ({n_before:4}) {after:6.1%} ({n_after:4})"
            f" {cpu:6.1f} {wall:6.1f}   pages {result.meta().get('ocr_pages', '-')}"
        )
    if total_pages:
        print(
            f"\n{total_pages} pages recognised in {total_cpu:.1f} CPU s: "
            f"{total_pages / total_cpu:.2f} pages per second per core (reading the text layer included)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
