"""Suggested connections (issue 12): paragraphs that answer earlier work, for an editor to accept.

Two kinds of suggestion, both written in connections.yaml's own format with a `suggested:` score
(nothing is published until an editor removes that key):

- **follows-up**: a paragraph that refers to earlier work without citing a symbol ("as previously
  recommended by my predecessor", "the previous report", "the Committee's previous concluding
  observations"), matched to the likeliest paragraphs of EARLIER reports of the same body;
- **repeats**: paragraphs of different reports that say nearly the same thing (a recommendation
  repeated from one review cycle to the next).

Ranking is TF-IDF cosine similarity (scikit-learn's `TfidfVectorizer`: sublinear term frequency,
single words (bigrams measured worse on the labelled set: precision@1 0.47 against 0.62),
terms in more than a tenth of all paragraphs ignored), computed as sparse
matrix products in blocks of rows with a top-k per row, so 300,000 paragraphs take minutes, not the
hours an all-pairs loop would (benchmarks/suggest.py measures it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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

BLOCK_ROWS = 2048
"""Rows of the similarity product computed at once: memory stays bounded at any collection size."""
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
    from sklearn.feature_extraction.text import TfidfVectorizer  # optional dependency: sitegen[suggest]

    if len(items) < 2:
        return []
    vectors = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 1), max_df=0.1 if len(items) > 200 else 1.0,
                              min_df=1, dtype=numpy.float32).fit_transform([p.text for p in items])
    refers_back = numpy.array([BACK_REFERENCES.search(p.text) is not None for p in items])
    # the lowest score each source could use: below it, a pair is dropped before any Python loop sees it
    floors = numpy.where(refers_back, MIN_FOLLOW_UP_SCORE, MIN_SAME_BODY_SCORE).astype(numpy.float32)
    found: list[Suggestion] = []
    for start in range(0, len(items), BLOCK_ROWS):
        scores = (vectors[start:start + BLOCK_ROWS] @ vectors.T).tocsr()
        keep = scores.data >= numpy.repeat(floors[start:start + scores.shape[0]], numpy.diff(scores.indptr))
        scores.data[~keep] = 0
        scores.eliminate_zeros()
        for row in range(scores.shape[0]):
            lo, hi = scores.indptr[row], scores.indptr[row + 1]
            if hi == lo:
                continue
            order = numpy.argsort(-scores.data[lo:hi], kind="stable")
            ranked = list(zip(scores.data[lo:hi][order].tolist(), scores.indices[lo:hi][order].tolist()))
            found.extend(_suggestions_for(items, start + row, ranked, per_source, bool(refers_back[start + row])))
    return found


def _suggestions_for(items: Sequence[Passage], i: int, ranked: list[tuple[float, int]], k: int,
                     refers_back: bool) -> list[Suggestion]:
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
    lines = ["# Suggested by `sitegen suggest`: review each, delete the `suggested:` line to accept it,",
             "# or delete the entry. Nothing here is published while it is marked suggested."]
    for s in suggestions:
        quote = _quote(s.source.text)
        lines += [f"- from: {s.source.symbol}#{s.source.anchor}", f"  to: {s.target.symbol}#{s.target.anchor}",
                  f"  type: {s.kind}", f"  quote: {quote}", f"  suggested: {s.score}"]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """The words a follow-up hangs on: the back-reference with a few words around it, YAML-quoted."""
    m = BACK_REFERENCES.search(text)
    return yaml_string(text[max(0, m.start() - 40):m.end() + 40] if m else text[:80])
