"""Time `sitegen build` on the shared corpus stage by stage, and MkDocs building the same reports.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/build.py [--corpus ../shared/corpus] [--jobs N] [--repeat 3]

Reading goes through the reader cache (`--cache`, by default the one `sitegen build` uses from the
repository): a first pass fills it if needed, and the read stage is timed on the warm cache. The
stages after it run `--repeat` times on the same models and the best time is printed, as is usual
for timing runs on a shared machine. MkDocs gets the same
reports as Markdown pages made from our model (headings, numbered paragraphs with their ids,
sub-paragraphs, footnotes, citation links), so both sides render the same text, ids and links.
The last line compares what each spends to turn the reports into pages on disk: sitegen's render and
write stages against MkDocs' whole build (its search plugin off, as our search is its own stage).

`--part sources` (also part of `all`): a cold build of the corpus (empty cache, `--jobs 2` by default)
with each character source, pdfplumber (the reference) then PDFium (`--chars pdfium`), each in a fresh
process, in one run: wall seconds, the ratio, the workers' CPU seconds and the largest worker's peak
RSS (issue 15).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sitegen.cache import ReaderCache
from sitegen.citations import find_citations
from sitegen.discover import discover_inputs
from sitegen.executors import read_inputs
from sitegen.model import Heading, Report
from sitegen.render import render_site
from sitegen.resolve import (
    SiteIndex,
    Version,
    build_index,
    check_references,
    find_backlinks,
    resolve_citation,
)
from sitegen.write import write_site

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[1]


def best_of(repeat: int, stage: Callable[[], T]) -> tuple[float, T]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = stage()
        best = min(best, time.perf_counter() - start)
    return best, value  # type: ignore[return-value]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=REPO / ".sitegen-cache", help="reader cache folder")
    parser.add_argument(
        "--synthetic",
        type=int,
        default=3000,
        help="reports in the synthetic no-change rebuild (benchmarks/incremental.py; 0 skips)",
    )
    parser.add_argument(
        "--part",
        choices=["all", "stages", "incremental", "sources"],
        default="all",
        help="stages vs MkDocs, the cold/warm/incremental builds (issue 5), the cold build "
        "from each character source (issue 15), or all three",
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus}: corpus not found", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="sitegen-bench-"))
    try:
        code = 0
        if args.part in ("all", "sources"):
            code |= run_sources(args.corpus, work, jobs=args.jobs or 2)
        if args.part in ("all", "stages"):
            code |= run(args.corpus, work, jobs=args.jobs, repeat=args.repeat, cache=ReaderCache(args.cache))
        if args.part in ("all", "incremental"):
            # Cold (empty cache) --jobs 1/2, warm, one edited report, and the synthetic collection.
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from incremental import run as run_incremental

            print("--- cold, warm and incremental builds", flush=True)
            code |= run_incremental(args.corpus, synthetic=args.synthetic)
        return code
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(corpus: Path, work: Path, *, jobs: int | None, repeat: int, cache: ReaderCache) -> int:
    paths = discover_inputs(corpus)
    start = time.perf_counter()
    read_inputs(paths, jobs=jobs, cache=cache)
    first_s, first_hits = time.perf_counter() - start, cache.hits
    read_s, reads = best_of(repeat, lambda: read_inputs(paths, jobs=jobs, cache=cache))
    good = [(r.path.name, r.report) for r in reads if r.report is not None]
    sources = {r.path.name: r.path for r in reads}

    def resolve() -> tuple[SiteIndex, object]:
        index, _ = build_index(good)
        check_references(index)
        return index, find_backlinks(index)

    resolve_s, (index, backlinks) = best_of(repeat, resolve)
    render_s, outputs = best_of(repeat, lambda: render_site(index, backlinks, sources=sources))  # type: ignore[arg-type]
    write_s, files = best_of(repeat, lambda: write_site(outputs, work / "site"))
    docs = write_mkdocs_project(index, work / "mkdocs")
    mkdocs_s, _ = best_of(repeat, lambda: build_with_mkdocs(work / "mkdocs"))

    pages = len(index.all_versions())
    paragraphs = sum(len(v.report.paragraphs) for v in index.all_versions())
    print(
        f"corpus: {len(paths)} inputs, {pages} report pages, {paragraphs} paragraphs "
        f"({len(paths) - len(good)} failed to read); best of {repeat}"
    )
    print(
        f"sitegen read     {read_s:8.3f} s   (cache warm; the first pass took {first_s:.1f} s with "
        f"{first_hits}/{len(paths)} inputs already cached)"
    )
    print(f"sitegen resolve  {resolve_s:8.3f} s")
    print(f"sitegen render   {render_s:8.3f} s   ({len(outputs)} outputs)")
    print(f"sitegen write    {write_s:8.3f} s   ({files} files, atomic swap)")
    print(f"mkdocs build     {mkdocs_s:8.3f} s   ({docs} Markdown pages from the same models)")
    ours = render_s + write_s
    print(
        f"render+write / mkdocs build = {ours:.3f} / {mkdocs_s:.3f} = {ours / mkdocs_s:.2f}x "
        f"({'less' if ours < mkdocs_s else 'MORE'} than MkDocs)"
    )
    return 0


# ---------------------------------------------------------------- the cold build from each source

SOURCE_BUILD = """
import json, logging, resource, sys, time
from pathlib import Path
from sitegen.build import BuildOptions, build_site
from sitegen.config import SiteConfig
from sitegen.readers import ReadOptions
logging.basicConfig(level=logging.ERROR)
content, out, cache, jobs, chars = sys.argv[1:6]
start = time.perf_counter()
result = build_site(SiteConfig(content=Path(content), output=Path(out)),
                    BuildOptions(jobs=int(jobs), cache=Path(cache), log_problems=False, read=ReadOptions(chars=chars)))
wall = time.perf_counter() - start
workers, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": wall, "reports": result.reports, "failed": len(result.failed),
                  "read": result.timings.get("read", 0.0), "worker_cpu": workers.ru_utime + workers.ru_stime,
                  "own_cpu": own.ru_utime + own.ru_stime, "worker_peak_mb": workers.ru_maxrss / 1024,
                  "own_peak_mb": own.ru_maxrss / 1024}))
"""
"""One cold build in a fresh process (so each source's workers are counted alone), its facts as JSON."""


def cold_build(corpus: Path, work: Path, jobs: int, chars: str) -> dict[str, float]:
    """`sitegen build` of `corpus` into an empty folder with an empty cache, characters from `chars`."""
    out, cache = work / f"site-{chars}", work / f"cache-{chars}"
    done = subprocess.run(
        [sys.executable, "-c", SOURCE_BUILD, str(corpus), str(out), str(cache), str(jobs), chars],
        capture_output=True,
        text=True,
        timeout=7200,
        check=True,
    )
    facts: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return facts


def run_sources(corpus: Path, work: Path, *, jobs: int) -> int:
    """A cold build with each character source, one after the other, and the ratio (issue 15)."""
    print(
        f"--- cold build of {corpus} with --jobs {jobs}, from each character source "
        f"(load average at the start {os.getloadavg()[0]:.2f})",
        flush=True,
    )
    runs = {chars: cold_build(corpus, work, jobs, chars) for chars in ("pdfplumber", "pdfium")}
    for chars, r in runs.items():
        print(
            f"{chars:<10} cold build {r['wall']:7.1f} s wall (read stage {r['read']:.1f} s); CPU {r['worker_cpu']:.1f} s "
            f"in the workers + {r['own_cpu']:.1f} s in the main process; {r['reports']:.0f} reports, "
            f"{r['failed']:.0f} failed; peak RSS {r['worker_peak_mb']:.0f} MB the largest worker, "
            f"{r['own_peak_mb']:.0f} MB the main process",
            flush=True,
        )
    plumber, fium = runs["pdfplumber"], runs["pdfium"]
    print(
        f"pdfplumber / pdfium: {plumber['wall'] / fium['wall']:.2f}x the whole cold build (wall), "
        f"{plumber['read'] / fium['read']:.2f}x its read stage "
        f"(load average at the end {os.getloadavg()[0]:.2f})",
        flush=True,
    )
    return 0


# ---------------------------------------------------------------- the same reports for MkDocs


def write_mkdocs_project(index: SiteIndex, root: Path) -> int:
    docs = root / "docs"
    docs.mkdir(parents=True)
    page_of = {v.folder: f"{v.folder.replace('/', '_')}.md" for v in index.all_versions()}
    for v in index.all_versions():
        (docs / page_of[v.folder]).write_text(report_markdown(index, v, page_of), encoding="utf-8")
    (docs / "index.md").write_text(
        "# Reports\n\n"
        + "".join(
            f"- [{v.report.symbol or v.report.title}]({page_of[v.folder]})\n" for v in index.all_versions()
        )
    )
    (root / "mkdocs.yml").write_text(
        "site_name: Reports\nuse_directory_urls: true\nplugins: []\n"
        "markdown_extensions:\n  - footnotes\n  - attr_list\n  - toc\n",
        encoding="utf-8",
    )
    return len(page_of) + 1


def report_markdown(index: SiteIndex, version: Version, page_of: dict[str, str]) -> str:
    r = version.report
    lines = [f"# {md_text(r.symbol or '')} {md_text(r.title)}", ""]
    for b in r.blocks:
        if isinstance(b, Heading):
            lines += [f"{'#' * min(b.level + 1, 6)} {md_text(b.label)} {md_text(b.text)} {{: #{b.id} }}", ""]
            continue
        number = f"**{b.number}.** " if b.number else ""
        lines += [f"{number}{linked(index, version, b.text, page_of)}", f"{{: #{b.id} }}", ""]
        for it in b.items:
            lines += [
                f"{md_text(it.label)} {linked(index, version, it.text, page_of)}",
                f"{{: #{it.id} }}",
                "",
            ]
    lines += [f"[^{f.number}]: {linked(index, version, f.text, page_of)}" for f in footnotes_once(r)]
    return "\n".join(lines) + "\n"


def footnotes_once(r: Report) -> list:  # type: ignore[type-arg]
    seen: set[str] = set()
    return [f for f in r.footnotes if not (f.number in seen or seen.add(f.number))]  # type: ignore[func-returns-value]


def linked(index: SiteIndex, version: Version, text: str, page_of: dict[str, str]) -> str:
    """The text with its citations as Markdown links (to the other page's .md, as MkDocs wants)."""
    out, pos = [], 0
    for c in find_citations(text):
        target = resolve_citation(index, version, c.symbol, c.paragraph, c.item)
        href = target.href
        if target.internal:
            folder = href.strip("/").split("/#")[0].split("#")[0].rstrip("/")
            href = page_of.get(folder, "index.md") + (f"#{target.anchor}" if target.anchor else "")
        out += [md_text(text[pos : c.start]), f"[{md_text(c.text)}]({href})"]
        pos = c.end
    out.append(md_text(text[pos:]))
    return "".join(out)


def md_text(text: str) -> str:
    """PDF text as Markdown text: markup characters escaped, footnote markers kept."""
    return text.replace("<", "&lt;").replace("*", r"\*").replace("_", r"\_")


def build_with_mkdocs(root: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    build(config)


if __name__ == "__main__":
    sys.exit(main())
