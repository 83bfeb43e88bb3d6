"""Suggested connections (issue 12): paragraphs that answer earlier work, for an editor to accept.

Two kinds of suggestion, both written in connections.yaml's own format with a `suggested:` score
(nothing is published until an editor removes that key):

- **follows-up**: a paragraph that refers to earlier work without citing a symbol ("as previously
  recommended by my predecessor", "the previous report", "the Committee's previous concluding
  observations"), matched to the likeliest paragraphs of EARLIER reports of the same body;
- **repeats**: paragraphs of different reports that say nearly the same thing (a recommendation
  repeated from one review cycle to the next).

Ranking is TF-IDF cosine similarity (scikit-learn's `TfidfVectorizer`: sublinear term frequency,
single words (bigrams measured worse on the labelled set: precision@1 0.47 against 0.62), terms in
more than a tenth of all paragraphs ignored). Comparing every paragraph with every other grows with
the square of the collection (300,000 paragraphs did not finish in 20 minutes), so pairs are found
in two steps whose work grows linearly:

1. **Candidates by shared distinctive words.** Each paragraph is indexed under its few most weighted
   terms (its signature: the rare words it is about), and each term indexes only its most weighted
   paragraphs, so a word common to the whole collection costs no more than a rare one. Paragraphs
   sharing a signature term are candidates; each source keeps those with the most shared weight.
   A paragraph that refers back to earlier work looks up ALL its words in the index: the words it
   shares with its target are few (its score needs only 0.12), so its own signature may miss them.
2. **Exact cosine** on the candidates, with the same thresholds as comparing everything would use.

benchmarks/suggest.py measures both the quality on labelled connections and the time at 300,000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sitegen.connections import yaml_string
from sitegen.model import Report
from sitegen.symbols import issuing_body, without_note_marks

BACK_REFERENCES = re.compile(
    r"\b(?:my|his|her|the) predecessors?\b|\bprevious(?:ly)? (?:report|recommend|concluding|review|cycle|session)"
    r"|\bas previously\b|\b(?:last|earlier|prior|preceding) report\b|\breiterates? (?:its|his|her|the) "
    r"(?:previous |earlier )?recommendation|\bfollow-up to (?:the|its) (?:previous|last)\b"
    r"|\bmon prédécesseur\b|\bprécédent rapport\b|\brapport précédent\b|\bprécédemment recommandé"
    r"|\bmi predecesora?\b|\binforme anterior\b|\bанее рекомендова|\bпредшественни|\bпредыдущ\w+ доклад",
    re.IGNORECASE,
)
"""Words by which a paragraph points back at earlier work without a symbol (en, fr, es, ru)."""

SIGNATURE_TERMS = 16
"""A paragraph is indexed under its this many most weighted terms (TF-IDF: the rarer a word in the
collection and the more it recurs in the paragraph, the more it says what the paragraph is about).
On the corpus, against comparing every pair: 8 terms found 1,691 of its 1,820 suggestions, 12 found
1,771, 16 found 1,793, 20 found 1,797."""
POSTINGS_CAP = 64
"""A term indexes at most this many paragraphs, those it weighs most in: a word shared by thousands
of paragraphs would otherwise pair each with each (the quadratic cost), and it says little about any
one pair. With both limits a paragraph meets at most 16 x 64 others, at any collection size."""
CANDIDATES = 80
"""Per source, the candidates with the most shared signature weight are scored exactly; the rest of
the collection is not looked at (on the corpus, 40 found 1,770 of the 1,820, 80 found 1,793)."""
BLOCK_ROWS = 8192
"""Sources handled at once: memory stays bounded at any collection size."""
MIN_REPEAT_SCORE = 0.55
"""Cosine at and above which two paragraphs of different reports read as the same text repeated."""
MIN_SAME_BODY_SCORE = 0.3
"""Between an earlier and a later report of the same body (one review cycle and the next), a lower
bar: the same recommendation comes back reworded ("Ratify" / "Consider ratifying")."""
MIN_FOLLOW_UP_SCORE = 0.12
MIN_WORDS = 5
"""Paragraphs shorter than this (table cells, stray lines) are not matched; a UPR recommendation
without its recommending States can be as short as "Strengthen the Human Rights Ombudsman"."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph (or item) of one report, with what ranking needs to know about its report."""

    symbol: str
    anchor: str
    text: str
    body: str
    """The issuing body ("A/HRC"): follow-ups are looked for in the same body's earlier reports."""
    date: str
    """ISO date of the report ("" when it has none)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str
    """"follows-up" or "repeats"."""
    source: Passage
    target: Passage
    score: float


def passages(reports: Iterable[Report]) -> list[Passage]:
    """Every paragraph and item of the reports (one language version each), in a stable order."""
    out: list[Passage] = []
    for r in sorted(reports, key=lambda r: (r.symbol or r.slug, r.language)):
        body, date, symbol = issuing_body(r.symbol), r.date or "", r.symbol or r.slug
        for p in r.paragraphs:
            out.append(Passage(symbol, p.id, _plain(p.text), body, date))
            out.extend(Passage(symbol, it.id, _plain(it.text), body, date) for it in p.items)
    return [p for p in out if len(p.text.split()) >= MIN_WORDS]


_RECOMMENDING_STATES = re.compile(r"(?:\s*\((?:[^()]|\([^()]*\))*\))+\s*[;.]?\s*$")
"""The States that made a UPR recommendation, in brackets at its end: "(Algeria) (Cabo Verde);".
They say who asked, not what: left out of what is compared."""


def _plain(text: str) -> str:
    return _RECOMMENDING_STATES.sub("", without_note_marks(text))


def suggest(items: Sequence[Passage], per_source: int = 3) -> list[Suggestion]:
    """Follow-ups and repeats, best first within each source, each source's top `per_source`."""
    import numpy

    if len(items) < 2:
        return []
    vectors = _vectors([p.text for p in items])
    refers_back = numpy.array([BACK_REFERENCES.search(p.text) is not None for p in items])
    # terms x paragraphs: each paragraph under its signature, each term over its heaviest paragraphs
    index = _strongest(_strongest(vectors, SIGNATURE_TERMS).T.tocsr(), POSTINGS_CAP)
    signatures = index.T.tocsr()
    # a back-reference looks up all its words; any other paragraph its signature
    queries = (_rows_where(vectors, refers_back) + _rows_where(signatures, ~refers_back)).tocsr()
    earlier = _Chronology(items)
    # the lowest score each source could use: below it, a pair is dropped before any Python loop sees it
    floors = numpy.where(refers_back, MIN_FOLLOW_UP_SCORE, MIN_SAME_BODY_SCORE).astype(numpy.float32)
    found: list[Suggestion] = []
    for start in range(0, len(items), BLOCK_ROWS):
        shared = (queries[start : start + BLOCK_ROWS] @ index).tocoo()
        rows, cols = shared.row.astype(numpy.int64) + start, shared.col.astype(numpy.int64)
        usable = earlier.before(cols, rows)
        rows, cols, _ = _best_per_row(rows[usable], cols[usable], shared.data[usable], CANDIDATES)
        scores = _cosines(vectors, rows, cols)
        usable = scores >= floors[rows]
        rows, cols, scores = _best_per_row(rows[usable], cols[usable], scores[usable], len(items))
        bounds = numpy.flatnonzero(numpy.diff(rows)) + 1
        for row, targets, row_scores in zip(
            numpy.split(rows, bounds), numpy.split(cols, bounds), numpy.split(scores, bounds)
        ):
            if len(row):
                i = int(row[0])
                ranked = list(zip(row_scores.tolist(), targets.tolist()))
                found.extend(_suggestions_for(items, i, ranked, per_source, bool(refers_back[i])))
    return found


def _vectors(texts: list[str]) -> Any:
    """TF-IDF rows, L2-normalised (a sparse matrix: one row per text)."""
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer  # optional dependency: sitegen[suggest]

    return (
        TfidfVectorizer(
            sublinear_tf=True,
            ngram_range=(1, 1),
            max_df=0.1 if len(texts) > 200 else 1.0,
            min_df=1,
            dtype=numpy.float32,
        )
        .fit_transform(texts)
        .tocsr()
    )


def _strongest(matrix: Any, k: int) -> Any:
    """The matrix (CSR) with only each row's k largest entries (ties: the earlier column)."""
    import numpy
    from scipy import sparse  # type: ignore[import-untyped]  # comes with scikit-learn

    matrix = matrix.tocsr()
    matrix.sort_indices()
    rows = numpy.repeat(numpy.arange(matrix.shape[0]), numpy.diff(matrix.indptr))
    order = numpy.lexsort((-matrix.data, rows))
    rank = numpy.arange(len(order)) - matrix.indptr[rows[order]]
    keep = numpy.sort(order[rank < k])
    return sparse.csr_matrix(
        (matrix.data[keep], matrix.indices[keep], numpy.searchsorted(keep, matrix.indptr)), shape=matrix.shape
    )


def _rows_where(matrix: Any, mask: Any) -> Any:
    """The matrix with the rows outside `mask` emptied (same shape)."""
    from scipy import sparse

    return sparse.diags(mask.astype(matrix.dtype)) @ matrix


def _best_per_row(rows: Any, cols: Any, weights: Any, k: int) -> tuple[Any, Any, Any]:
    """The (row, col, weight) triples ordered by row, heaviest first within a row, at most k per row."""
    import numpy

    # one float key sorts by row, then weight descending (weights are cosines or shares of one: <= 1)
    order = numpy.argsort(
        rows + (1.0 - numpy.clip(weights.astype(numpy.float64), 0.0, 1.0)) * 0.999, kind="stable"
    )
    rows, cols, weights = rows[order], cols[order], weights[order]
    keep = numpy.arange(len(rows)) - numpy.searchsorted(rows, rows) < k
    return rows[keep], cols[keep], weights[keep]


def _cosines(vectors: Any, rows: Any, cols: Any) -> Any:
    """The exact cosine of each pair (rows[i], cols[i]) of L2-normalised rows."""
    import numpy

    if not len(rows):
        return numpy.zeros(0, dtype=numpy.float32)
    return numpy.asarray(vectors[rows].multiply(vectors[cols]).sum(axis=1)).ravel()


class _Chronology:
    """Which paragraph's report comes before which, as `_earlier` says, over arrays of positions."""

    def __init__(self, items: Sequence[Passage]) -> None:
        import numpy

        symbols = {s: i for i, s in enumerate(sorted({p.symbol for p in items}))}
        dates = {d: i for i, d in enumerate(sorted({p.date for p in items}))}
        self.symbol = numpy.array([symbols[p.symbol] for p in items])
        self.date = numpy.array([dates[p.date] for p in items])
        self.dated = numpy.array([bool(p.date) for p in items])

    def before(self, targets: Any, sources: Any) -> Any:
        """True where the target's report is another, earlier one than the source's."""
        import numpy

        both_dated = self.dated[targets] & self.dated[sources]
        earlier = numpy.where(
            both_dated, self.date[targets] < self.date[sources], self.symbol[targets] < self.symbol[sources]
        )
        return earlier & (self.symbol[targets] != self.symbol[sources])


def _suggestions_for(
    items: Sequence[Passage], i: int, ranked: list[tuple[float, int]], k: int, refers_back: bool
) -> list[Suggestion]:
    source = items[i]
    out: list[Suggestion] = []
    for score, j in ranked:
        target = items[j]
        if target.symbol == source.symbol or len(out) == k:
            continue
        if not _earlier(target, source):
            continue
        same_body = target.body == source.body
        if score >= MIN_REPEAT_SCORE or (same_body and score >= MIN_SAME_BODY_SCORE and not refers_back):
            out.append(Suggestion("repeats", source, target, round(score, 3)))
        elif same_body and refers_back and score >= MIN_FOLLOW_UP_SCORE:
            out.append(Suggestion("follows-up", source, target, round(score, 3)))
    return out


def _earlier(target: Passage, source: Passage) -> bool:
    """A connection points back in time: to a report dated before the source (or, undated, one whose
    symbol sorts before it)."""
    if target.date and source.date:
        return target.date < source.date
    return target.symbol < source.symbol


def to_yaml(suggestions: Iterable[Suggestion]) -> str:
    """The suggestions in connections.yaml's format, each marked `suggested` with its score."""
    lines = [
        "# Suggested by `sitegen suggest`: review each, delete the `suggested:` line to accept it,",
        "# or delete the entry. Nothing here is published while it is marked suggested.",
    ]
    for s in suggestions:
        quote = _quote(s.source.text)
        lines += [
            f"- from: {s.source.symbol}#{s.source.anchor}",
            f"  to: {s.target.symbol}#{s.target.anchor}",
            f"  type: {s.kind}",
            f"  quote: {quote}",
            f"  suggested: {s.score}",
        ]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """The words a follow-up hangs on: the back-reference with a few words around it, YAML-quoted."""
    m = BACK_REFERENCES.search(text)
    return yaml_string(text[max(0, m.start() - 40) : m.end() + 40] if m else text[:80])
