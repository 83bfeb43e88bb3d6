"""Every term's full postings list over the whole collection, kept between builds so an edit splices in
one report's postings instead of merging every report's again.

Flat arrays, sorted by term: how many postings each term has, then all postings' record ids, impact
bytes and own-text flags. Record ids are global (records.py lays reports out in id ranges), so a
report's postings are one slice of each of its terms' lists.
"""

from __future__ import annotations

import bisect
import itertools
import json
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitegen.render.search.analysis import Analysis


@dataclass(slots=True)
class TermList:
    docs: array[int]
    imp: bytes
    own: bytes

    @property
    def df(self) -> int:
        """Records with the term in their own text (the IDF's count), else all its records."""
        return self.own.count(1) or len(self.docs)


@dataclass(slots=True)
class Postings:
    terms: list[str]
    counts: array[int]
    docs: array[int]
    imp: bytes
    own: bytes

    @classmethod
    def empty(cls) -> Postings:
        return cls([], array("I"), array("I"), b"", b"")

    def starts(self) -> list[int]:
        return [0, *itertools.accumulate(self.counts)]

    def touching(self, spans: Sequence[tuple[int, int]]) -> set[str]:
        """The terms with a posting in any of the id ranges."""
        out: set[str] = set()
        docs, left = self.docs, bisect.bisect_left
        starts = self.starts()
        for i, term in enumerate(self.terms):
            lo, hi = starts[i], starts[i + 1]
            for s, e in spans:
                j = left(docs, s, lo, hi)
                if j < hi and docs[j] < e:
                    out.add(term)
                    break
        return out

    def replaced(
        self, spans: Sequence[tuple[int, int]], analyses: Sequence[tuple[int, Analysis]]
    ) -> tuple[Postings, dict[str, TermList]]:
        """These postings with every posting in `spans` (sorted, disjoint id ranges) replaced by the
        analyses' (each with its first id, in id order, inside the spans), and the new list of every term
        whose list changed (empty for a term that is gone)."""
        growing: dict[str, tuple[array[int], bytearray, bytearray]] = {}
        for base, a in analyses:
            pos = 0
            for term, n in zip(a.terms, a.counts):
                got = growing.get(term)
                if got is None:
                    got = growing[term] = (array("I"), bytearray(), bytearray())
                got[0].extend(
                    array("I", [base + d for d in a.docs[pos : pos + n]]) if base else a.docs[pos : pos + n]
                )
                got[1].extend(a.imp[pos : pos + n])
                got[2].extend(a.own[pos : pos + n])
                pos += n
        fresh = {t: TermList(d, bytes(i), bytes(o)) for t, (d, i, o) in growing.items()}
        changed = sorted(self.touching(spans) | set(fresh)) if self.terms else sorted(fresh)
        lists = self.lists(changed) if self.terms else {}
        out: dict[str, TermList] = {}
        for t in changed:
            before = lists.get(t)
            after = _spliced(before, spans, fresh.get(t))
            # A report's every term is touched, but an edit of one paragraph changes few of them.
            if (
                before is None
                or after.docs != before.docs
                or after.imp != before.imp
                or after.own != before.own
            ):
                out[t] = after
        return self._with(out), out

    def _with(self, lists: dict[str, TermList]) -> Postings:
        """A new store: unchanged runs of terms copied in one slice each, changed terms in between."""
        terms: list[str] = []
        counts, docs, imp, own = array("I"), array("I"), bytearray(), bytearray()
        starts = self.starts()

        def copy_run(i: int, j: int) -> None:
            if i < j:
                terms.extend(self.terms[i:j])
                counts.extend(self.counts[i:j])
                docs.extend(self.docs[starts[i] : starts[j]])
                imp.extend(self.imp[starts[i] : starts[j]])
                own.extend(self.own[starts[i] : starts[j]])

        old_at = 0
        for term in sorted(lists):
            i = bisect.bisect_left(self.terms, term, old_at)
            copy_run(old_at, i)
            tl = lists[term]
            if tl.docs:
                terms.append(term)
                counts.append(len(tl.docs))
                docs.extend(tl.docs)
                imp.extend(tl.imp)
                own.extend(tl.own)
            old_at = i + 1 if i < len(self.terms) and self.terms[i] == term else i
        copy_run(old_at, len(self.terms))
        return Postings(terms, counts, docs, bytes(imp), bytes(own))

    def lists(self, terms: Iterable[str]) -> dict[str, TermList]:
        starts = self.starts()
        out: dict[str, TermList] = {}
        for term in terms:
            i = bisect.bisect_left(self.terms, term)
            if i < len(self.terms) and self.terms[i] == term:
                lo, hi = starts[i], starts[i + 1]
                out[term] = TermList(self.docs[lo:hi], self.imp[lo:hi], self.own[lo:hi])
        return out

    def to_bytes(self) -> bytes:
        head = json.dumps({"terms": len(self.terms), "postings": len(self.docs)}).encode()
        body = "\n".join(self.terms).encode()
        return b"".join(
            [
                len(head).to_bytes(4, "little"),
                head,
                len(body).to_bytes(8, "little"),
                body,
                self.counts.tobytes(),
                self.docs.tobytes(),
                self.imp,
                self.own,
            ]
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Postings:
        n = int.from_bytes(data[:4], "little")
        head = json.loads(data[4 : 4 + n])
        pos = 4 + n
        size = int.from_bytes(data[pos : pos + 8], "little")
        pos += 8
        terms = data[pos : pos + size].decode().split("\n") if head["terms"] else []
        pos += size
        counts = array("I", data[pos : pos + 4 * head["terms"]])
        pos += 4 * head["terms"]
        docs = array("I", data[pos : pos + 4 * head["postings"]])
        pos += 4 * head["postings"]
        imp = data[pos : pos + head["postings"]]
        own = data[pos + head["postings"] : pos + 2 * head["postings"]]
        if len(terms) != len(counts) or sum(counts) != len(docs) or not len(docs) == len(imp) == len(own):
            raise ValueError("inconsistent postings store")
        return cls(terms, counts, docs, imp, own)


def _spliced(old: TermList | None, spans: Sequence[tuple[int, int]], fresh: TermList | None) -> TermList:
    """One term's list: the old postings outside `spans`, and the fresh ones (all inside spans)."""
    if old is None:
        return (
            TermList(fresh.docs, bytes(fresh.imp), bytes(fresh.own))
            if fresh
            else TermList(array("I"), b"", b"")
        )
    docs, imp, own = array("I"), bytearray(), bytearray()
    new = fresh or TermList(array("I"), b"", b"")
    at = fresh_at = 0
    for s, e in spans:
        a = bisect.bisect_left(old.docs, s, at)
        b = bisect.bisect_left(old.docs, e, a)
        f = bisect.bisect_left(new.docs, e, fresh_at)
        docs.extend(old.docs[at:a])
        docs.extend(new.docs[fresh_at:f])
        imp += old.imp[at:a]
        imp += new.imp[fresh_at:f]
        own += old.own[at:a]
        own += new.own[fresh_at:f]
        at, fresh_at = b, f
    docs.extend(old.docs[at:])
    imp += old.imp[at:]
    own += old.own[at:]
    return TermList(docs, bytes(imp), bytes(own))
