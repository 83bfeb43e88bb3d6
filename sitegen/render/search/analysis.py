"""One report's records as postings: the expensive part of indexing (tokenizing and stemming), which
depends only on the report, so it is cached per report (cache.py).

A record's text counts fully (headings x2, report titles x3); its breadcrumb (x0.3) and report title
(x0.2) count a little, so a paragraph under "II. Displacement by dams" matches "dams" even when it says
"reservoirs". A posting also says whether the term is in the record's own text: the IDF counts only
those, so a word of a report's title does not look common just because every record of that report
carries the title.
"""

from __future__ import annotations

import base64
import json
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.render.search import text
from sitegen.render.search.records import Record
from sitegen.render.search.scoring import impact_bytes

WEIGHT_BODY, WEIGHT_HEADING, WEIGHT_TITLE_RECORD = 1.0, 2.0, 3.0
WEIGHT_CRUMB, WEIGHT_REPORT_TITLE = 0.3, 0.2
"""Every record also carries its section breadcrumb and report title, at these weights."""


class Analyser:
    """`text.terms` as counts, with a word -> stem cache (a collection has few distinct words)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.cache: dict[str, str] = {w: "" for w in text.STOPWORDS.get(lang, ())}
        self.context_cache: dict[tuple[str, str], defaultdict[str, float]] = {}

    def counts(self, content: str) -> Counter[str]:
        cache, out = self.cache, Counter[str]()
        for w, c in Counter(text.word_list(content)).items():
            s = cache.get(w)
            if s is None:
                s = cache[w] = text.stem(w, self.lang)
            if s:
                out[s] += c
        return out

    def context(self, crumb: str, title: str) -> defaultdict[str, float]:
        """A fresh copy of the weighted terms of a breadcrumb and report title (the same for every
        record of a section, so computed once)."""
        key = (crumb, title)
        got = self.context_cache.get(key)
        if got is None:
            got = defaultdict(float)  # weights are fractions
            for t, c in self.counts(crumb).items():
                got[t] += c * WEIGHT_CRUMB
            for t, c in self.counts(title).items():
                got[t] += c * WEIGHT_REPORT_TITLE
            self.context_cache[key] = got
        return got.copy()

    def record(self, rec: Record) -> tuple[defaultdict[str, float], int, set[str]]:
        """Weighted term frequencies of a record, its length (own words), and its own terms."""
        body = self.counts(rec.text)
        weight = {"h": WEIGHT_HEADING, "r": WEIGHT_TITLE_RECORD}.get(rec.kind, WEIGHT_BODY)
        tf = self.context(rec.crumb, "" if rec.kind == "r" else rec.title)
        for t, c in body.items():
            tf[t] += c * weight
        return tf, max(sum(body.values()), 1), set(body)


@dataclass(slots=True)
class Analysis:
    """One report's postings, records numbered from 0 inside the report: its terms (sorted), how many
    postings each has (`counts`), and for all postings concatenated the record (`docs`, ascending within
    a term), the impact byte (`imp`, scoring.py) and whether the term is in the record's own text
    (`own`, 1 or 0)."""

    terms: list[str]
    counts: array[int]
    docs: array[int]
    imp: bytes
    own: bytes

    ARRAYS = ("counts", "docs")

    def to_json(self) -> bytes:
        fields: dict[str, object] = {"terms": self.terms, "byteorder": sys.byteorder}
        for name in self.ARRAYS:
            arr = getattr(self, name)
            fields[name] = [arr.typecode, base64.b64encode(arr.tobytes()).decode()]
        fields["imp"] = base64.b64encode(self.imp).decode()
        fields["own"] = base64.b64encode(self.own).decode()
        return json.dumps(fields, separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Analysis:
        raw = json.loads(data)
        if raw["byteorder"] != sys.byteorder:
            raise ValueError("written on a machine of the other byte order")
        counts, docs = (array(raw[name][0], base64.b64decode(raw[name][1])) for name in cls.ARRAYS)
        terms = [str(t) for t in raw["terms"]]
        imp, own = base64.b64decode(raw["imp"]), base64.b64decode(raw["own"])
        if len(terms) != len(counts) or sum(counts) != len(docs) or not len(docs) == len(imp) == len(own):
            raise ValueError("inconsistent analysis")
        return cls(terms, counts, docs, imp, own)


def analyse_records(records: Sequence[Record], analyser: Analyser) -> Analysis:
    # Per term, its postings as flat (record, impact byte, own) triples: one extend per posting.
    triples: defaultdict[str, list[int]] = defaultdict(list)
    for local, rec in enumerate(records):
        tf, length, own_terms = analyser.record(rec)
        terms = list(tf)
        for term, byte in zip(terms, impact_bytes([tf[t] for t in terms], length)):
            triples[term] += (local, byte, term in own_terms)
    ordered = sorted(triples)
    docs, imp, own = array("I"), bytearray(), bytearray()
    for term in ordered:
        flat = triples[term]
        docs.fromlist(flat[0::3])
        imp += bytes(flat[1::3])
        own += bytes(flat[2::3])
    return Analysis(
        ordered, array("I", [len(triples[t]) // 3 for t in ordered]), docs, bytes(imp), bytes(own)
    )
