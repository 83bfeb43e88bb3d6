"""Cold, warm and incremental builds (issue 5), run by benchmarks/build.py or on their own:

    .venv/bin/python benchmarks/incremental.py [--corpus ../shared/corpus] [--synthetic 3000]

On the shared corpus plus our Markdown sample reports (the corpus has no Markdown), in one run:
- a cold build (empty cache) with --jobs 1 and with --jobs 2, and their ratio (goal: >= 1.8x);
- a warm rebuild with nothing changed (goal: under 5% of the cold --jobs 1 build);
- a rebuild after editing one Markdown report (goal: under 2% of the cold build plus that report's
  own render, measured alone);
- peak memory (this process, and the largest worker process).
Then a synthetic collection (benchmarks/synthetic.py) of N reports whose models are already cached:
one build to fill the output folder, then a no-change rebuild (goal: under 10 s for 3,000 reports),
which takes the up-to-date shortcut; so also, with stage timings, a no-change rebuild that cannot
take it (a file in OUT touched: every model from the cache, every page reused, the site written) and
a rebuild after editing one report's Markdown (one input read, one page rendered, the rest reused).

Builds run in this process through `build_site`, as `sitegen build` runs them (without the
interpreter's start-up); each cold build gets an empty cache folder of its own. A change to the theme
or the code between two builds rightly makes the second render every page, so on a working tree
others are editing, run it from a frozen copy:

    git archive HEAD | tar -x -C /tmp/snap
    PYTHONPATH=/tmp/snap .venv/bin/python /tmp/snap/benchmarks/build.py
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sitegen.build import BuildOptions, BuildResult, build_site
from sitegen.cache import ReaderCache
from sitegen.config import SiteConfig
from sitegen.discover import discover_inputs
from sitegen.executors import input_key

REPO = Path(__file__).resolve().parents[1]
EDITED = "A_90_101.md"


CPU_SECONDS: dict[int, tuple[float, float]] = {}
"""id(result) -> (this process's CPU seconds for the build, the 1-minute load average after it): on a
shared machine the wall-clock time is mostly waiting for a core, so both are printed."""


def timed_build(content: Path, out: Path, cache: Path, jobs: int | None) -> tuple[float, BuildResult]:
    start, cpu = time.perf_counter(), time.process_time()
    result = build_site(
        SiteConfig(content=content, output=out), BuildOptions(jobs=jobs, cache=cache, log_problems=False)
    )
    CPU_SECONDS[id(result)] = (time.process_time() - cpu, os.getloadavg()[0])
    return time.perf_counter() - start, result


def peak_mb() -> tuple[float, float]:
    """(this process, the largest child process) peak resident memory in MB (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def make_content(corpus: Path, root: Path) -> Path:
    """The corpus PDFs (linked, not copied) and our Markdown reports, in a folder we may edit."""
    content = root / "content"
    content.mkdir()
    for pdf in discover_inputs(corpus):
        (content / pdf.name).symlink_to(pdf.resolve())
    for md in sorted((REPO / "content").glob("A_*.md")):
        shutil.copy(md, content / md.name)
    return content


def own_render_seconds(content: Path, out: Path, cache: Path, slug: str) -> float:
    """How long the edited report's page takes to render by itself (the floor of any rebuild)."""
    from sitegen.executors import read_inputs
    from sitegen.render.assets import build_assets
    from sitegen.render.html import SiteRenderer, default_templates_dir, make_environment
    from sitegen.resolve import build_index, find_backlinks

    reads = read_inputs(discover_inputs(content), jobs=1, cache=ReaderCache(cache))
    index, _ = build_index([(r.path.name, r.report) for r in reads if r.report is not None])
    urls, _ = build_assets([default_templates_dir() / "assets"])
    renderer = SiteRenderer(make_environment(None), index, find_backlinks(index), urls)
    version = index.versions[slug][0]
    renderer.render_report(version, None)  # templates compiled once, as in a build
    start = time.perf_counter()
    renderer.render_report(version, None)
    return time.perf_counter() - start


def run_corpus(corpus: Path, work: Path) -> list[str]:
    content = make_content(corpus, work)
    cold1, r1 = timed_build(content, work / "site1", work / "cache1", jobs=1)
    cold2, _ = timed_build(content, work / "site2", work / "cache2", jobs=2)
    same = tree_hash(work / "site1") == tree_hash(work / "site2")
    warm, rw = timed_build(content, work / "site1", work / "cache1", jobs=1)
    edited_file = content / EDITED
    edited_file.write_text(
        edited_file.read_text(encoding="utf-8").replace("1. ", "1. Edited for the benchmark. ", 1),
        encoding="utf-8",
    )
    edit, re_ = timed_build(content, work / "site1", work / "cache1", jobs=1)
    own = own_render_seconds(content, work / "site1", work / "cache1", "A/90/101")
    own_mb, worker_mb = peak_mb()
    goal_edit = 0.02 * cold1 + own
    return [
        (
            f"inputs: {len(discover_inputs(content))} ({r1.reports} report pages, {r1.paragraphs:,} paragraphs, "
            f"{len(r1.failed)} failed)"
        ),
        f"cold build --jobs 1        {cold1:8.2f} s",
        (
            f"cold build --jobs 2        {cold2:8.2f} s   jobs1/jobs2 = {cold1 / cold2:.2f}x "
            f"(goal >= 1.8x: {'met' if cold1 / cold2 >= 1.8 else 'NOT met'})"
        ),
        (
            f"warm, nothing changed      {warm:8.3f} s   = {warm / cold1:.2%} of cold "
            f"(goal < 5%: {'met' if warm < 0.05 * cold1 else 'NOT met'}; "
            f"{'up to date: nothing read, rendered or written' if rw.up_to_date else 'rebuilt'})"
        ),
        (
            f"one Markdown report edited {edit:8.3f} s   = {edit / cold1:.2%} of cold; "
            f"its own render {own:.3f} s; "
            f"goal < 2% of cold + own = {goal_edit:.3f} s: {'met' if edit < goal_edit else 'NOT met'} "
            f"({re_.pages_rendered} pages rendered, {re_.pages_reused} reused)"
        ),
        f"peak memory: {own_mb:.0f} MB this process, {worker_mb:.0f} MB the largest worker",
        "stages of the edited rebuild: " + ", ".join(f"{k} {v:.3f}s" for k, v in re_.timings.items()),
        f"same site from --jobs 1 and --jobs 2 (byte-identical): {same}",
    ]


def run_synthetic(n_reports: int, work: Path) -> list[str]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import PARAGRAPHS_PER_REPORT, synthetic_reports, to_markdown

    start = time.perf_counter()
    reports = synthetic_reports(n_reports * PARAGRAPHS_PER_REPORT)
    content = work / "synthetic"
    content.mkdir()
    cache = ReaderCache(work / "synthetic-cache")
    for report in reports:
        path = content / report.source.file
        data = to_markdown(report).encode("utf-8")
        path.write_bytes(data)
        cache.put(input_key(path, data), path, report.to_dict(), ())  # "cached models"
    made = time.perf_counter() - start
    site, cache_dir = work / "synthetic-site", work / "synthetic-cache"
    first, r1 = timed_build(content, site, cache_dir, jobs=None)
    again, r2 = timed_build(content, site, cache_dir, jobs=None)
    # The same bytes with a new modification time: OUT is not as the last build left it, so the
    # up-to-date shortcut does not apply and every stage runs (every model from the cache, every
    # page reused).
    os.utime(site / "index.html")
    forced, r3 = timed_build(content, site, cache_dir, jobs=None)
    edited_file = sorted(content.iterdir())[len(reports) // 2]
    edited_file.write_text(
        edited_file.read_text(encoding="utf-8").replace("1. ", "1. Edited for the benchmark. ", 1),
        encoding="utf-8",
    )
    edit, r4 = timed_build(content, site, cache_dir, jobs=None)
    return [
        (
            f"synthetic: {len(reports):,} reports, {r1.paragraphs:,} paragraphs, {r1.files:,} files "
            f"(made and cached in {made:.1f} s)"
        ),
        f"first build (models cached, every page rendered) {first:8.2f} s",
        (
            f"no-change rebuild                                {again:8.2f} s   (goal < 10 s: "
            f"{'met' if again < 10 else 'NOT met'}; "
            f"{'up to date: nothing read, rendered or written' if r2.up_to_date else 'rebuilt'})"
        ),
        "stages of the no-change rebuild: "
        + (", ".join(f"{k} {v:.2f}s" for k, v in r2.timings.items()) or "none (inputs hashed, OUT checked)"),
        synthetic_line("no-change rebuild, OUT touched", forced, r3),
        synthetic_line(f"one report edited ({edited_file.name})", edit, r4, goal=5.0),
    ]


def synthetic_line(what: str, seconds: float, result: BuildResult, goal: float = 10.0) -> str:
    """A rebuild that runs every stage: its time against the goal, with and without the search stage
    (made incremental separately), and every stage's time."""
    search = result.timings.get("search", 0.0)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    cpu, load = CPU_SECONDS.get(id(result), (0.0, 0.0))
    return (
        f"{what}: {seconds:.2f} s, {cpu:.2f} s of CPU at load {load:.1f} "
        f"(goal < {goal:g} s: {'met' if seconds < goal else 'NOT met'}; "
        f"{seconds - search:.2f} s without the search stage; "
        f"{'UP TO DATE (shortcut taken)' if result.up_to_date else 'every stage ran'}; "
        f"{result.cached:,} models from the cache, {result.pages_rendered} pages rendered, "
        f"{result.pages_reused:,} reused)\n  stages: {stages}; "
        f"other {seconds - sum(result.timings.values()):.2f}s"
    )


def tree_hash(root: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def run(corpus: Path | None, *, synthetic: int) -> int:
    logging.basicConfig(level=logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="sitegen-bench-incremental-"))
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    try:
        if corpus is not None and corpus.is_dir():
            for line in run_corpus(corpus, work):
                print(line, flush=True)
        elif corpus is not None:
            print(f"{corpus}: corpus not found; corpus builds skipped", file=sys.stderr)
        if synthetic:
            for line in run_synthetic(synthetic, work):
                print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument(
        "--synthetic", type=int, default=3000, help="reports in the synthetic collection (0: skip)"
    )
    parser.add_argument("--skip-corpus", action="store_true", help="only the synthetic collection")
    args = parser.parse_args()
    return run(None if args.skip_corpus else args.corpus, synthetic=args.synthetic)


if __name__ == "__main__":
    sys.exit(main())
