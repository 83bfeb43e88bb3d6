"""Our search index against Pagefind's default indexing of the same built site, measured in Chromium.

For each collection (the shared corpus, and the synthetic one of --paragraphs paragraphs) this builds
the site once, indexes it with both engines, serves it on loopback and drives Debian's Chromium:

  - index build time, index bytes and file count;
  - bytes fetched per query, from the network responses of a fresh browser context (cold cache,
    everything the query needs: JS, WASM for Pagefind, manifests, shards, and the 5 results' text);
  - time per keystroke: each prefix of each query typed in a warm page (search plus the 5 results);
  - precision@5 on benchmarks/search_queries.json (the shared corpus only): a query scores when its
    known paragraph is among our top 5 (paragraph level), or its report among Pagefind's top 5 pages.

    .venv/bin/python benchmarks/search.py                       # corpus + 300,000 paragraphs
    .venv/bin/python benchmarks/search.py --paragraphs 10000    # develop on a smaller size
    .venv/bin/python benchmarks/search.py --skip-corpus

Needs the bench extra (`pip install -e '.[bench,test]'`: pagefind[extended], playwright) and
/usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from sitegen.anchors import safe_slug  # noqa: E402  (after the path set-up above)

if TYPE_CHECKING:
    from sitegen.model import Report
    from sitegen.write import Output

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
QUERIES = HERE / "search_queries.json"
SYNTH_QUERIES = {"one word": ["adaptation"], "three words": ["climate finance adaptation"]}
"""Queries for bytes and keystroke time on the synthetic collection (its vocabulary's UN words)."""


@dataclass
class EngineResult:
    build_s: float = 0.0
    build_cpu_s: float = 0.0
    """CPU seconds (user + system): on a shared machine, wall time says more about the neighbours."""
    index_bytes: int = 0
    files: int = 0
    bytes_per_query: dict[str, list[int]] = field(default_factory=dict)
    requests_per_query: dict[str, list[int]] = field(default_factory=dict)
    first_keystroke_ms: list[float] = field(default_factory=list)
    """The first keystroke of a query in a fresh page: it fetches the manifest (and, for Pagefind, WASM)."""
    keystroke_ms: list[float] = field(default_factory=list)
    """Every later keystroke."""
    cached_keystroke_ms: list[float] = field(default_factory=list)
    """The same query typed again in the same page: the engine's own work, no network."""
    fetching: list[dict] = field(default_factory=list)
    """Our keystrokes that fetched something: what was typed, ms, requests, ms with a fetch in flight."""
    precision: float | None = None
    page_precision: float | None = None


# ---------------------------------------------------------------- building


def build_corpus_site(corpus: Path, out: Path, cache_dir: Path) -> tuple[float, float]:
    """The corpus site as `sitegen build` makes it (reader output cached in `cache_dir`, so a second run
    skips PDF extraction); returns the seconds our index takes."""
    from sitegen.cache import ReaderCache
    from sitegen.discover import discover_inputs
    from sitegen.executors import read_inputs

    reads = read_inputs(discover_inputs(corpus), cache=ReaderCache(cache_dir))
    reports = [(r.path.name, r.report) for r in reads if r.report is not None]
    return render_with_search(reports, out, sources={r.path.name: r.path for r in reads})


def render_with_search(
    reports: list[tuple[str, Report]], out: Path, sources: dict[str, Path]
) -> tuple[float, float]:
    """Pages (the build's renderer) plus our search; returns wall and CPU seconds of the search part alone."""
    from sitegen.render import render_site
    from sitegen.render.search import search_site_outputs
    from sitegen.resolve import build_index, find_backlinks
    from sitegen.write import write_site

    index, _ = build_index(reports)
    outputs = render_site(index, find_backlinks(index), sources=sources)
    start, cpu = time.perf_counter(), time.process_time()
    outputs += search_site_outputs(index)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    write_site(outputs, out)
    return seconds, cpu_seconds


def reindex(reports: list[tuple[str, Report]], site: Path) -> tuple[float, float]:
    """Replace only our index and the theme's assets in a site an earlier run built (Pagefind's index
    and the pages stay): for trying a change to the index or search.js without rebuilding everything."""
    from sitegen.render.assets import build_assets
    from sitegen.render.html import default_templates_dir
    from sitegen.render.search import search_site_outputs
    from sitegen.resolve import build_index

    index, _ = build_index(reports)
    start, cpu = time.perf_counter(), time.process_time()
    outputs = search_site_outputs(index)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    shutil.rmtree(site / "search")
    for old in [*(site / "assets").glob("search.*"), *(site / "assets").glob("search/*")]:
        old.unlink()
    _, assets = build_assets([default_templates_dir() / "assets"])
    for out in outputs + assets:
        path = site / out.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.data)
    return seconds, cpu_seconds


def corpus_reports(corpus: Path, cache_dir: Path) -> list[tuple[str, Report]]:
    from sitegen.cache import ReaderCache
    from sitegen.discover import discover_inputs
    from sitegen.executors import read_inputs

    reads = read_inputs(discover_inputs(corpus), cache=ReaderCache(cache_dir))
    return [(r.path.name, r.report) for r in reads if r.report is not None]


def edited(report: Report) -> Report:
    """The report with one more word in its first paragraph: a one-report edit."""
    from dataclasses import replace

    from sitegen.model import Paragraph

    blocks = list(report.blocks)
    i = next(k for k, b in enumerate(blocks) if isinstance(b, Paragraph))
    blocks[i] = replace(blocks[i], text=blocks[i].text + " Edited for the benchmark.")
    return report.with_changes(blocks=tuple(blocks))


def incremental_search(name: str, reports: list[tuple[str, Report]], cache_dir: Path) -> list[str]:
    """The build's search stage on a one-report edit: without the cache (a clean build), and with it
    (the edited report analysed again and its postings spliced in; only the files of the terms it
    touched made again, the others linked from the cache); byte-identical."""
    from sitegen.cache import model_digest
    from sitegen.render.search import search_site_outputs
    from sitegen.resolve import build_index

    def stage(pairs: list[tuple[str, Report]], cached: bool) -> tuple[float, float, list[Output]]:
        index, _ = build_index(pairs)
        digests = {file: model_digest(report.to_dict()) for file, report in pairs}
        start, cpu = time.perf_counter(), time.process_time()
        outputs = search_site_outputs(index, cache_dir=cache_dir if cached else None, digests=digests)
        return time.perf_counter() - start, time.process_time() - cpu, outputs

    shutil.rmtree(cache_dir, ignore_errors=True)
    fill_s, fill_cpu, _ = stage(reports, cached=True)  # the first build with a cache: analyses everything
    file = reports[len(reports) // 2][0]
    after = [(f, edited(r) if f == file else r) for f, r in reports]
    clean_s, clean_cpu, clean = stage(after, cached=False)
    edit_s, edit_cpu, incremental = stage(after, cached=True)
    same = [(o.path, o.data) for o in clean] == [(o.path, o.data) for o in incremental]
    return [
        f"\n{name}: search stage after editing {file} ({len(reports):,} reports)",
        f"  first build with the cache               {fill_s:7.2f} s wall {fill_cpu:7.2f} s CPU",
        f"  without the cache (a clean build)        {clean_s:7.2f} s wall {clean_cpu:7.2f} s CPU",
        f"  with the cache, one report edited        {edit_s:7.2f} s wall {edit_cpu:7.2f} s CPU",
        f"  {clean_cpu / edit_cpu:.1f}x less CPU; byte-identical to the clean build: {same}",
    ]


def build_synthetic_site(paragraphs: int, out: Path) -> tuple[float, float]:
    """Render the synthetic models into a site (pages + our search); returns our index's build seconds."""
    from synthetic import synthetic_reports

    return render_with_search([(r.source.file, r) for r in synthetic_reports(paragraphs)], out, sources={})


def run_pagefind(site: Path) -> tuple[float, float]:
    """Wall and CPU seconds (of the Pagefind process and its children) for Pagefind's default indexing."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu


def folder_size(folder: Path, *, skip: tuple[str, ...] = ()) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.name not in skip]
    return sum(p.stat().st_size for p in files), len(files)


# ---------------------------------------------------------------- measuring in Chromium

BENCH_HTML = "<!doctype html><meta charset=utf-8><title>bench</title><p>bench</p>"

OURS_LOAD = """async ([main, engine]) => {
  if (!window.__bench) {
    // The page's modules (their bytes count), and an engine of our own whose every fetch is logged as
    // an interval: where a keystroke's time goes.
    await import(main);
    const { Engine } = await import(engine);
    window.__spans = [];
    const load = (url) => fetch(url).then((r) => { if (!r.ok) throw new Error(url); return r.arrayBuffer(); })
      .then((b) => new Uint8Array(b));
    const timed = (kind, p, t0) => p.then((x) => { __spans.push([kind, t0, performance.now()]); return x; });
    window.__bench = new Engine(location.origin + "/search/", (url) => timed('net', load(url), performance.now()));
  }
}"""
OURS_QUERY = """async ([q, prefix]) => {
  __spans = [];
  const t0 = performance.now();
  const r = await __bench.search(q, {lang: 'en', limit: 5, prefix});
  const ms = performance.now() - t0;
  // Milliseconds during which at least one span of a kind was open (overlapping fetches count once).
  const busy = (kind) => {
    const s = __spans.filter(x => x[0] === kind).map(x => [x[1], x[2]]).sort((a, b) => a[0] - b[0]);
    let total = 0, end = -Infinity;
    for (const [a, b] of s) { if (b > end) { total += b - Math.max(a, end); end = b; } }
    return total;
  };
  return {ms, urls: r.hits.map(h => h.url), jump: r.jump && r.jump.url,
          requests: __spans.filter(x => x[0] === 'net').length, net: busy('net')};
}"""
PF_LOAD = """async () => {
  if (!window.__pf) { window.__pf = await import('/pagefind/pagefind.js'); await window.__pf.init(); }
}"""
PF_QUERY = """async ([q]) => {
  const t0 = performance.now();
  const s = await window.__pf.search(q);
  const data = await Promise.all(s.results.slice(0, 5).map(r => r.data()));
  return {ms: performance.now() - t0, urls: data.map(d => d.url)};
}"""


class Browser:
    def __init__(self, base_url: str, search_js: list[str]) -> None:
        from playwright.sync_api import sync_playwright

        self.base_url = base_url
        self.search_js = search_js
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()

    def _page(self):  # type: ignore[no-untyped-def]
        context = self.browser.new_context(base_url=self.base_url)
        page = context.new_page()
        page.goto("/bench.html")
        return context, page

    def load(self, page, engine: str) -> None:  # type: ignore[no-untyped-def]
        if engine == "ours":
            page.evaluate(OURS_LOAD, self.search_js)
        else:
            page.evaluate(PF_LOAD)

    def query(self, page, engine: str, q: str, prefix: bool = False) -> dict:  # type: ignore[no-untyped-def]
        return page.evaluate(OURS_QUERY, [q, prefix]) if engine == "ours" else page.evaluate(PF_QUERY, [q])

    def cold_bytes(self, engine: str, q: str) -> tuple[int, int]:
        """Bytes and requests a first query costs in a fresh context: script, index, 5 results' text."""
        context, page = self._page()
        responses = []
        page.on("response", lambda r: responses.append(r))
        self.load(page, engine)
        self.query(page, engine, q)
        page.wait_for_timeout(100)
        from playwright.sync_api import Error as PlaywrightError

        total = 0
        for r in responses:
            with contextlib.suppress(PlaywrightError):  # a redirect or aborted response has no body
                total += len(r.body())
        context.close()
        return total, len(responses)

    def keystrokes(self, engine: str, q: str) -> tuple[list[dict], list[float]]:
        """Each keystroke typing `q` in a page that has loaded the engine (not the index), then the
        milliseconds of typing it again (everything it needs is in memory by then)."""
        context, page = self._page()
        self.load(page, engine)
        typed = [
            {**self.query(page, engine, q[:i], prefix=True), "typed": q[:i]} for i in range(1, len(q) + 1)
        ]
        again = [self.query(page, engine, q[:i], prefix=True)["ms"] for i in range(1, len(q) + 1)]
        context.close()
        return typed, again

    def top5(self, engine: str, queries: list[str]) -> list[dict]:
        context, page = self._page()
        self.load(page, engine)
        out = [self.query(page, engine, q) for q in queries]
        context.close()
        return out


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---------------------------------------------------------------- one collection


def measure(
    name: str,
    site: Path,
    ours_build: tuple[float, float],
    pf_build: tuple[float, float],
    byte_queries: dict[str, list[str]],
    precision_queries: list[dict] | None,
    pagefind: bool = True,
) -> dict[str, EngineResult]:
    ours = EngineResult(build_s=ours_build[0], build_cpu_s=ours_build[1])
    pf = EngineResult(build_s=pf_build[0], build_cpu_s=pf_build[1])
    ours.index_bytes, ours.files = folder_size(site / "search", skip=("index.html",))
    if pagefind:
        pf.index_bytes, pf.files = folder_size(site / "pagefind")
    search_js = [
        "/assets/search/" + next(p.name for p in (site / "assets" / "search").glob(f"{name}.*.js"))
        for name in ("main", "engine")
    ]
    (site / "bench.html").write_text(BENCH_HTML)
    server, url = serve(site)
    browser = Browser(url, search_js)
    try:
        for engine, res in (("ours", ours), ("pagefind", pf))[: 2 if pagefind else 1]:
            for kind, qs in byte_queries.items():
                measured = [browser.cold_bytes(engine, q) for q in qs]
                res.bytes_per_query[kind] = [b for b, _ in measured]
                res.requests_per_query[kind] = [n for _, n in measured]
            for qs in byte_queries.values():
                for q in qs:
                    typed, again = browser.keystrokes(engine, q)
                    res.first_keystroke_ms.append(typed[0]["ms"])
                    res.keystroke_ms += [k["ms"] for k in typed[1:]]
                    res.cached_keystroke_ms += again
                    res.fetching += [k for k in typed[1:] if k.get("requests")]
        if precision_queries:
            ours_top = browser.top5("ours", [q["q"] for q in precision_queries])
            ours.precision, ours.page_precision = score(precision_queries, ours_top)
            if pagefind:
                pf_top = browser.top5("pagefind", [q["q"] for q in precision_queries])
                pf.precision, pf.page_precision = None, score(precision_queries, pf_top)[1]
            misses = [q["q"] for q, r in zip(precision_queries, ours_top) if not hit(q, r["urls"])]
            if misses:
                print(f"  {name}: our misses at 5: {misses}")
    finally:
        browser.close()
        server.shutdown()
        (site / "bench.html").unlink()
    return {"ours": ours, "pagefind": pf}


def answer_url(q: dict) -> str:
    return f"/{safe_slug(q['symbol'])}/#{q['id']}"


def hit(q: dict, urls: list[str]) -> bool:
    """Our result is right when it is the paragraph, one of its sub-paragraphs, or a note leading to it."""
    want = answer_url(q)
    return any(u == want or u.startswith(want + "-") for u in urls[:5])


def score(queries: list[dict], results: list[dict]) -> tuple[float, float]:
    """(paragraph-level hit rate at 5, page-level hit rate at 5)."""
    para = sum(hit(q, r["urls"]) for q, r in zip(queries, results))

    def page_url(q: dict) -> str:
        return f"/{safe_slug(q['symbol'])}/"

    page = sum(
        any(u.split("#")[0].split("?")[0] == page_url(q) for u in r["urls"][:5])
        for q, r in zip(queries, results)
    )
    return para / len(queries), page / len(queries)


# ---------------------------------------------------------------- report


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _or_nan(fn, values):  # type: ignore[no-untyped-def]
    return fn(values) if values else float("nan")


def print_table(name: str, results: dict[str, EngineResult]) -> None:
    """Ours against Pagefind (a Pagefind column of nan when it was skipped)."""
    ours, pf = results["ours"], results["pagefind"]
    rows: list[tuple[str, str, str, str]] = []

    def row(label: str, a: str, b: str, ratio: str = "") -> None:
        rows.append((label, a, b, ratio))

    row(
        "index build, wall",
        f"{ours.build_s:.1f} s",
        f"{pf.build_s:.1f} s",
        f"{ours.build_s / pf.build_s:.2f}x",
    )
    row(
        "index build, CPU",
        f"{ours.build_cpu_s:.1f} s",
        f"{pf.build_cpu_s:.1f} s",
        f"{ours.build_cpu_s / pf.build_cpu_s:.2f}x" if pf.build_cpu_s else "",
    )
    row(
        "index size",
        kb(ours.index_bytes),
        kb(pf.index_bytes),
        f"{ours.index_bytes / (pf.index_bytes or float('nan')):.2f}x",
    )
    row("index files", f"{ours.files:,}", f"{pf.files:,}", f"{ours.files / (pf.files or float('nan')):.2f}x")
    for kind in ours.bytes_per_query:
        a = statistics.mean(ours.bytes_per_query[kind])
        b = _or_nan(statistics.mean, pf.bytes_per_query.get(kind, []))
        ra = statistics.mean(ours.requests_per_query[kind])
        rb = _or_nan(statistics.mean, pf.requests_per_query.get(kind, []))
        row(f"fetched, {kind} query", f"{kb(a)} ({ra:.0f} req)", f"{kb(b)} ({rb:.0f} req)", f"{a / b:.2f}x")
    a, b = statistics.median(ours.first_keystroke_ms), _or_nan(statistics.median, pf.first_keystroke_ms)
    row("ms, first keystroke (cold)", f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}x" if b else "")
    for label, fn in (("median", statistics.median), ("p95", p95), ("max", max)):
        a, b = fn(ours.keystroke_ms), _or_nan(fn, pf.keystroke_ms)
        row(f"ms per keystroke, {label}", f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}x" if b else "")
    slow_a = sum(ms >= 50 for ms in ours.keystroke_ms)
    slow_b = sum(ms >= 50 for ms in pf.keystroke_ms)
    row(
        "keystrokes of 50 ms or more",
        f"{slow_a} of {len(ours.keystroke_ms)}",
        f"{slow_b} of {len(pf.keystroke_ms)}",
    )
    a, b = statistics.median(ours.cached_keystroke_ms), _or_nan(statistics.median, pf.cached_keystroke_ms)
    row("ms per keystroke, typed again, median", f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}x" if b else "")
    a, b = max(ours.cached_keystroke_ms), _or_nan(max, pf.cached_keystroke_ms)
    row("ms per keystroke, typed again, max", f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}x" if b else "")
    if ours.precision is not None:
        row("precision@5 (paragraph)", f"{ours.precision:.2f}", "n/a (pages)")
        row("precision@5 (page)", f"{ours.page_precision:.2f}", f"{pf.page_precision or float('nan'):.2f}")
    print(f"\n{name}")
    print_fetching(ours.fetching)
    widths = [max(len(r[i]) for r in rows + [("", "sitegen", "Pagefind", "ratio")]) for i in range(4)]
    header = ("", "sitegen", "Pagefind", "ours/pf")
    for r in [header] + rows:
        print(
            "  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        )


def print_fetching(keys: list[dict]) -> None:
    """Our keystrokes that fetched files, each with its requests and the time a fetch was in flight
    (the rest is the engine's work: decoding, ranking, reading cards)."""
    if not keys:
        return
    print(f"  our {len(keys)} keystrokes that fetched (after the first of each query):")
    for k in keys:
        print(
            f"    {k['typed']!r:30} {k['ms']:6.1f} ms: {k['requests']} requests, a fetch in flight {k['net']:.1f} ms"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--paragraphs", type=int, default=300_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/sitegen-bench-search"))
    ap.add_argument("--skip-corpus", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    ap.add_argument(
        "--measure-only",
        action="store_true",
        help="reuse the sites an earlier run left in --work (build times are not measured)",
    )
    ap.add_argument(
        "--incremental",
        action="store_true",
        help="only time the search stage of a one-report edit (corpus, and --paragraphs synthetic)",
    )
    ap.add_argument(
        "--skip-pagefind",
        action="store_true",
        help="measure ours alone (when Pagefind is not installed, or its numbers are known)",
    )
    ap.add_argument(
        "--reindex",
        action="store_true",
        help="with --measure-only: rebuild our index and assets in those sites first (not Pagefind's)",
    )
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    if args.incremental:
        if not args.skip_corpus and args.corpus.is_dir():
            reports = corpus_reports(args.corpus, args.work / "reader-cache")
            print(
                "\n".join(incremental_search("shared corpus", reports, args.work / "analysis-cache-corpus")),
                flush=True,
            )
        if not args.skip_synthetic:
            from synthetic import synthetic_reports

            reports = [(r.source.file, r) for r in synthetic_reports(args.paragraphs)]
            print(
                "\n".join(
                    incremental_search(
                        f"synthetic, {args.paragraphs:,} paragraphs",
                        reports,
                        args.work / "analysis-cache-synthetic",
                    )
                )
            )
        return 0
    tables: dict[str, dict[str, EngineResult]] = {}
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))

    if not args.skip_corpus and args.corpus.is_dir():
        site = args.work / "corpus"
        if args.measure_only:
            ours_s = pf_s = (float("nan"), float("nan"))
            if args.reindex:
                ours_s = reindex(corpus_reports(args.corpus, args.work / "reader-cache"), site)
        else:
            shutil.rmtree(site, ignore_errors=True)
            print(f"building the shared corpus site ({args.corpus}) ...", flush=True)
            ours_s = build_corpus_site(args.corpus, site, args.work / "reader-cache")
            pf_s = run_pagefind(site) if not args.skip_pagefind else (float("nan"), float("nan"))
        byte_q = {
            "one word": ["hydropower", "torture", "desertification"],
            "three words": [
                "indigenous peoples data",
                "migrant workers detention",
                "climate change displacement",
            ],
        }
        name = f"shared corpus ({args.corpus.name})"
        tables[name] = measure(name, site, ours_s, pf_s, byte_q, queries, not args.skip_pagefind)
        print_table(name, tables[name])

    if not args.skip_synthetic:
        site = args.work / f"synthetic-{args.paragraphs}"
        if args.measure_only:
            ours_s = pf_s = (float("nan"), float("nan"))
            if args.reindex:
                from synthetic import synthetic_reports

                ours_s = reindex([(r.source.file, r) for r in synthetic_reports(args.paragraphs)], site)
        else:
            shutil.rmtree(site, ignore_errors=True)
            print(f"\nbuilding the synthetic site ({args.paragraphs:,} paragraphs) ...", flush=True)
            ours_s = build_synthetic_site(args.paragraphs, site)
            print(f"  our index: {ours_s[0]:.1f} s", flush=True)
            pf_s = run_pagefind(site) if not args.skip_pagefind else (float("nan"), float("nan"))
        name = f"synthetic, {args.paragraphs:,} paragraphs"
        tables[name] = measure(name, site, ours_s, pf_s, SYNTH_QUERIES, None, not args.skip_pagefind)
        print_table(name, tables[name])

    if args.json:
        args.json.write_text(
            json.dumps({n: {e: vars(r) for e, r in t.items()} for n, t in tables.items()}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
