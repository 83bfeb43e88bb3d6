"""How records are scored: BM25, split so that nothing stored depends on the rest of the collection.

A posting stores one byte, the BM25 term-frequency part of its record's score,

    tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / PIVOT_LENGTH))      (0 .. K1 + 1, linear in 1..255)

where tf is the record's weighted frequency of the term (analysis.py) and length its word count. The
inverse document frequency is applied in the browser at query time (engine.js `idf`), from the term's
record count (stored beside its postings) and the collection's record count (in the manifest):

    idf = ln(1 + (N - df + 0.5) / (df + 0.5))

Classic BM25 divides by the collection's average length; a fixed pivot instead keeps every stored byte
a function of its own record, so an edit changes the postings of the words it touched and no others
(a collection of paragraphs has an average near PIVOT_LENGTH anyway: 27 words on the shared corpus).

A term found in more than HEAD_MAX records keeps only its HEAD_MAX best postings: such a term has a low
IDF, so the records it drops could not reach the top of a ranking on that term anyway, and a query for
a common word stays a few kilobytes at 300,000 paragraphs. "Best" is the highest byte, then the lowest
record id, which is also the browser's order within one list.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from collections import Counter
from collections.abc import Sequence

K1, B = 1.2, 0.75
PIVOT_LENGTH = 27.0
IMPACT_MAX = K1 + 1
"""The largest possible term-frequency part; byte 255 stands for it."""
HEAD_MAX = 2000
"""Postings kept per term (the best by impact byte)."""


def impact_bytes(tfs: Sequence[float], length: int) -> bytes:
    """The stored byte of each of a record's weighted term frequencies (1..255, never 0)."""
    norm = K1 * (1 - B + B * length / PIVOT_LENGTH)
    scale = 255 / IMPACT_MAX
    return bytes(max(1, min(255, round(scale * f * (K1 + 1) / (f + norm)))) for f in tfs)


def head(docs: array[int], imp: bytes, k: int) -> tuple[array[int], bytes]:
    """The k best postings of a list (highest byte, then lowest id), still in id order.

    Counted by byte value rather than sorted: the most common words have hundreds of thousands of
    postings and are the ones an edit touches."""
    if len(docs) <= k:
        return docs, imp
    histogram = Counter(imp)
    need, cut = k, 255
    while histogram.get(cut, 0) < need:
        need -= histogram.get(cut, 0)
        cut -= 1
    # Everything above the cut byte, and the first `need` (lowest ids) at it.
    above = imp.translate(bytes(int(v > cut) for v in range(256)))
    at = imp.translate(bytes(int(v == cut) for v in range(256)))
    keep = sorted(
        itertools.chain(
            itertools.compress(itertools.count(), above),
            itertools.islice(itertools.compress(itertools.count(), at), need),
        )
    )
    return array("I", [docs[i] for i in keep]), bytes(imp[i] for i in keep)


def best_docs(docs: Sequence[int], imp: bytes, k: int) -> list[int]:
    """The k records a term ranks first: highest byte, then lowest id (the browser's order)."""
    best = heapq.nsmallest(k, range(len(docs)), key=lambda i: (-imp[i], docs[i]))
    return [docs[i] for i in best]
