"""How good and how fast `sitegen suggest` is: a labelled set of true connections, then 300,000 paragraphs.

    .venv/bin/pip install -e '.[suggest]'
    .venv/bin/python benchmarks/suggest.py [--corpus ../shared/corpus] [--synthetic 300000]

Quality: `benchmarks/suggest_labels.json` lists true connections in ../shared/corpus written by hand
(each a source anchor and the anchors it truly follows up or repeats; how they were chosen is in the
file). Every report of the corpus is read (the other 20-odd reports are the distractors), `suggest`
runs with 10 suggestions per source, and for the labelled sources it prints precision at 1 (the first
suggestion is true), precision at 5 (share of true suggestions among the first five) and recall at 10
(share of the labelled pairs found among the first ten).

Speed: its time on the corpus's paragraphs, then on `--synthetic` paragraphs of
benchmarks/synthetic.py's fixed collection, timed in CPU and wall seconds, with a baseline measured
in the same run: the TF-IDF vectorising alone (what any ranking of these paragraphs must pay), so the
printed ratio is the cost of finding the pairs on top of reading the words. Before candidates were
found by shared distinctive words (sitegen/suggest.py), 300,000 paragraphs had not finished after
20 minutes of CPU. Measured 2026-12-03 (2 shared cores, load 8): precision@1 0.93, precision@5 0.62,
recall@10 0.82; 4,631 corpus paragraphs in 2.2 s CPU; 389,863 synthetic passages (300,000
paragraphs and their items) in 52.7 s CPU, TF-IDF alone 14.5 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sitegen.errors import SitegenError
from sitegen.model import Report
from sitegen.readers import read_report
from sitegen.suggest import passages, suggest

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "shared" / "corpus"
LABELS = HERE / "suggest_labels.json"


def read_corpus(corpus: Path) -> list[Report]:
    reports = []
    for pdf in sorted(corpus.glob("*.pdf")):
        try:
            reports.append(read_report(pdf))
        except SitegenError as e:
            print(f"skipped: {e}", file=sys.stderr)
    return reports


def quality(reports: list[Report], labels: list[dict[str, object]]) -> None:
    truth = {str(entry["from"]): {str(t) for t in entry["to"]} for entry in labels}  # type: ignore[attr-defined]
    ranked: dict[str, list[str]] = {}
    items = passages(reports)
    cpu, wall = time.process_time(), time.perf_counter()
    found = suggest(items, per_source=10)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    for s in found:
        ranked.setdefault(f"{s.source.symbol}#{s.source.anchor}", []).append(
            f"{s.target.symbol}#{s.target.anchor}"
        )
    at1 = sum(bool(ranked.get(src)) and ranked[src][0] in true for src, true in truth.items())
    top5 = [(t, src) for src in truth for t in ranked.get(src, [])[:5]]
    true5 = sum(t in truth[src] for t, src in top5)
    pairs = sum(len(true) for true in truth.values())
    found10 = sum(len(set(ranked.get(src, [])[:10]) & true) for src, true in truth.items())
    print(f"labelled sources: {len(truth)}, true pairs: {pairs}")
    print(
        f"precision@1 {at1 / len(truth):.2f}  precision@5 {true5 / max(1, len(top5)):.2f} "
        f"({true5}/{len(top5)} suggestions)  recall@10 {found10 / pairs:.2f}"
    )
    print(f"{len(items):,} paragraphs (the corpus): suggest {cpu:.1f} s CPU ({wall:.1f} s wall)")


def speed(n: int) -> None:
    sys.path.insert(0, str(HERE))
    from sklearn.feature_extraction.text import TfidfVectorizer
    from synthetic import synthetic_reports

    items = passages(synthetic_reports(n))
    texts = [p.text for p in items]
    cpu, wall = time.process_time(), time.perf_counter()
    TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 1), max_df=0.1).fit_transform(texts)
    base_cpu, base_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    found = suggest(items)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"{len(items):,} paragraphs: suggest {cpu:.1f} s CPU ({wall:.1f} s wall), {len(found):,} suggestions; "
        f"baseline TF-IDF alone {base_cpu:.1f} s CPU ({base_wall:.1f} s wall); ratio {cpu / base_cpu:.1f}x"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--synthetic", type=int, default=300_000)
    ap.add_argument("--skip-corpus", action="store_true")
    args = ap.parse_args()
    if not args.skip_corpus:
        labels = json.loads(LABELS.read_text(encoding="utf-8"))["connections"]
        quality(read_corpus(args.corpus), labels)
    if args.synthetic:
        speed(args.synthetic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
