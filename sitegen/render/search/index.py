"""One language's index from its reports, made again only where an edit changed it.

A keystroke is one round of requests when it can be: a word typed alone reads its postings file (or
its prefix's), and ranks and shows its results from that file's postings and cards. Only a query of
several words, a filter or a phrase reads record shards after ranking (docs/search.md).

With a cache (cache.py), a build compares each report with the last build's: when no report's ids
moved, only the changed reports are analysed, their postings spliced into the stored lists, and only
the shards, prefix files and record shards holding what they touched are made again; every other file
is the last build's. Without one, or when ids moved, every report counts as changed: the same code
makes the whole index, so the two ways cannot disagree.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sitegen.io import canonical_json
from sitegen.model import Report
from sitegen.render.search import records, scoring, text
from sitegen.render.search.analysis import Analyser, analyse_records
from sitegen.render.search.cache import LanguageState, SearchCache
from sitegen.render.search.format import (
    DOC_GROUP,
    TERM_GROUP,
    File,
    cards_blob,
    group_hash,
    gz,
    postings_entry,
    postings_file,
    read_cards,
    read_postings_file,
    shards,
)
from sitegen.render.search.postings import Postings, TermList
from sitegen.render.search.records import Placed, facets, place_reports, report_records
from sitegen.render.search.scoring import IMPACT_MAX, best_docs, head

COMPLETIONS = 6
"""A word being typed matches its COMPLETIONS most common completions (by records that have them)."""
STEM_EXTENSION = 5
"""A word being typed also matches stems up to this many letters shorter (engine.js: shorterStems)."""
CARDS_PER_TERM = 5
"""Records a term ranks first, stored beside its postings (the header box shows this many results)."""
CARD_MIN_DF = 50
"""Only terms in at least this many records get cards: the words a reader types first are common, and
a rare word's few records would make a shard of hundreds of terms carry thousands of cards."""


def shared_lengths(shard_first: Sequence[str], shard_last: Sequence[str]) -> list[int]:
    """For each shard, how many characters its first term shares with the last term of the shard
    before it (0 for the first shard): the manifest's `shared`, from which the browser tells whether a
    prefix's terms really run over a boundary or merely sort near one."""
    return [0, *(_shared_length(last, first) for last, first in zip(shard_last, shard_first[1:]))]


def _shared_length(a: str, b: str) -> int:
    return next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def spanning_prefixes(shard_first: Sequence[str], shared: Sequence[int]) -> list[str]:
    """The prefixes (two characters or more, or one CJK character) whose terms run over more than one
    shard: exactly the prefixes of what a shard's first term shares with the last term before it. The
    browser finds the same set from the manifest (engine.js: prefixSource), and reads such a prefix's
    completions from its own file. A prefix of a first term that the term before it does not share
    ("coun" before "council" when the shard before ends at "cost") has all its terms in one shard."""
    out = {first[:n] for first, k in zip(shard_first, shared) for n in range(1, k + 1)}
    # The browser completes a word of two characters or more, or a single CJK character.
    return sorted(p for p in out if len(p) >= 2 or text.CJK_RE.search(p))


def shorter_stems(prefix: str) -> list[str]:
    """Stems a word being typed may have run past, as engine.js's shorterStems: "adaptatio" -> "adapt"."""
    return [prefix[:k] for k in range(len(prefix) - 1, max(3, len(prefix) - STEM_EXTENSION) - 1, -1)]


def completions(prefix: str, terms: Sequence[str], dfs: Sequence[int]) -> list[str]:
    """The COMPLETIONS most common of the sorted `terms` that start with `prefix` (ties: alphabetical),
    in term order: what the browser picks from a shard for a prefix that stays inside one."""
    lo = bisect.bisect_left(terms, prefix)
    hi = bisect.bisect_left(terms, prefix + "\U0010ffff", lo)
    best = sorted(range(lo, hi), key=lambda i: (-dfs[i], terms[i]))[:COMPLETIONS]
    return sorted(terms[i] for i in best)


@dataclass(slots=True)
class Entry:
    """A term's postings entry as stored, and the records it ranks first (cards)."""

    data: bytes
    df: int
    cards: list[int]


def make_entry(term: str, tl: TermList) -> Entry:
    docs, imp = head(tl.docs, tl.imp, scoring.HEAD_MAX)
    df = tl.df
    return Entry(
        postings_entry(term, df, docs, imp),
        df,
        best_docs(docs, imp, CARDS_PER_TERM) if df >= CARD_MIN_DF else [],
    )


@dataclass
class LanguageIndex:
    """Builds one language's files (`build`); see the module's docstring."""

    lang: str
    reports: Sequence[Report]
    url_for: Callable[[Report], str]
    cache: SearchCache | None = None
    files: dict[str, File] = field(default_factory=dict)
    rows: dict[int, list[object]] = field(default_factory=dict)
    """Record id -> its card row [id, kind, url, cite, crumb, text], for the records at hand."""
    previous: LanguageState | None = None
    old_files: dict[int, dict[str, bytes]] = field(default_factory=dict)
    old_firsts: list[str] = field(default_factory=list)
    term_groups: list[str] = field(default_factory=list)
    doc_groups: list[str] = field(default_factory=list)
    manifest_path: str = ""
    cards: dict[str, list[int]] = field(default_factory=dict)
    """Term -> the records it ranks first (terms in CARD_MIN_DF records or more)."""
    stems: dict[str, str] = field(default_factory=dict)
    """Spanning prefix -> its stem (kept for the next build)."""

    def build(self) -> tuple[dict[str, File], dict[str, tuple[int, int]]]:
        """File path (from search/) -> file, and each report's record range."""
        placed = place_reports(self.reports)
        keys = {p.report.slug: self._key(p.report) for p in placed}
        for p in placed if self.cache else ():
            self.cache.hold(p.report)  # type: ignore[union-attr]
        changed = self._changed(placed, keys)
        analyses = []
        analyser = Analyser(self.lang)
        for p in changed:
            recs = report_records(p.report, self.url_for(p.report))
            self.rows.update((p.base + i, [p.base + i, *r.row()]) for i, r in enumerate(recs))
            compute = functools.partial(analyse_records, recs, analyser)
            analyses.append((p.base, self.cache.analysis(p.report, compute) if self.cache else compute()))
        old = self.previous.postings if self.previous else Postings.empty()
        spans = [(p.base, p.base + p.span) for p in changed] if self.previous else []
        store, lists = old.replaced(spans, analyses)
        entries = {t: make_entry(t, tl) for t, tl in lists.items() if tl.docs}
        sizes, dfs, cards = self._term_facts(store, entries)
        self.cards = cards
        cuts = list(shards(store.terms, sizes))
        # A file is made again when a term in it changed, or when a record among its cards did (a
        # changed report's records may keep their postings and change their text or URL).
        dirty = set(lists) | {
            t for t, docs in cards.items() if any(s <= d < e for d in docs for s, e in spans)
        }
        firsts = [store.terms[i] for i, _ in cuts]
        shared = shared_lengths(firsts, [store.terms[j - 1] for _, j in cuts])
        shard_files = self._postings_shards(store, cuts, entries, dirty)
        prefix_files = self._prefix_files(store, dfs, spanning_prefixes(firsts, shared), entries, dirty)
        doc_files = self._record_shards(placed, {p.report.slug for p in changed})
        self._group(shard_files, prefix_files, doc_files, firsts)
        self._manifest(placed, firsts, shared)
        if self.cache is not None:
            self.cache.save(
                self.lang,
                LanguageState(
                    reports={p.report.slug: (keys[p.report.slug] or "", p.base, p.count) for p in placed},
                    postings=store,
                    sizes=sizes,
                    dfs=dfs,
                    cards=cards,
                    shards=[(store.terms[i], j - i, shard_files[n].sha) for n, (i, j) in enumerate(cuts)],
                    prefixes={p: f.sha for p, f in prefix_files.items()},
                    docs={n: f.sha for n, f in doc_files.items()},
                    stems=self.stems,
                    stems_code=self.cache.code,
                ),
            )
        return self.files, {p.report.slug: (p.base, p.base + p.count) for p in placed}

    # ------------------------------------------------------------ what changed

    def _key(self, report: Report) -> str | None:
        key = self.cache.key(report) if self.cache else None
        return None if key is None else f"{key} {self.url_for(report)}"

    def _changed(self, placed: list[Placed], keys: dict[str, str | None]) -> list[Placed]:
        """The reports to analyse: those whose key differs from the last build's, when every report
        keeps its ids (a report may gain or lose records inside its span); else all of them (and no
        previous state)."""
        prev = self.cache.previous(self.lang) if self.cache else None
        if prev is None or {p.report.slug: (p.base, p.span) for p in placed} != {
            slug: (base, records.id_span(count)) for slug, (_, base, count) in prev.reports.items()
        }:
            return placed
        self.previous = prev
        self.old_firsts = [first for first, _, _ in prev.shards]
        return [
            p
            for p in placed
            if keys[p.report.slug] is None or keys[p.report.slug] != prev.reports[p.report.slug][0]
        ]

    def _term_facts(
        self, store: Postings, entries: dict[str, Entry]
    ) -> tuple[array[int], array[int], dict[str, list[int]]]:
        """Each term's entry size and record count (aligned with store.terms), and its cards: of the
        changed terms from their new entries, of the others as the last build left them."""
        sizes, dfs = array("I"), array("I")
        cards: dict[str, list[int]] = {}
        prev = self.previous
        old = {t: i for i, t in enumerate(prev.postings.terms)} if prev else {}
        for term in store.terms:
            e = entries.get(term)
            if e is not None:
                sizes.append(len(e.data))
                dfs.append(e.df)
                if e.cards:
                    cards[term] = e.cards
            else:
                assert prev is not None  # a term no report changed was in the last build
                i = old[term]
                sizes.append(prev.sizes[i])
                dfs.append(prev.dfs[i])
                if term in prev.cards:
                    cards[term] = prev.cards[term]
        return sizes, dfs, cards

    # ------------------------------------------------------------ entries and cards of earlier files

    def _old_entry(self, term: str) -> Entry:
        """An unchanged term's entry, as the last build's shard that held it stored it."""
        prev = self.previous
        assert prev is not None
        n = bisect.bisect_right(self.old_firsts, term) - 1
        got = self.old_files.get(n)
        if got is None:
            assert self.cache is not None
            entries, cards = read_postings_file(self.cache.read(prev.shards[n][2]))
            for row in read_cards(cards):
                self.rows.setdefault(int(row[0]), row)  # type: ignore[call-overload]
            got = self.old_files[n] = entries
        return Entry(got[term], 0, self.cards.get(term, []))

    def _row(self, doc: int) -> list[object]:
        row = self.rows.get(doc)
        if row is None:  # a record that rose into a term's first few: from its record shard
            assert self.previous is not None and self.cache is not None
            shard = doc // records.DOCS_PER_SHARD
            found = json.loads(gzip.decompress(self.cache.read(self.previous.docs[shard])))
            for k, r in enumerate(found):
                self.rows.setdefault(
                    shard * records.DOCS_PER_SHARD + k, [shard * records.DOCS_PER_SHARD + k, *r]
                )
            row = self.rows[doc]
        return row

    def _file(self, terms: Iterable[str], entries: dict[str, Entry]) -> File:
        held = [entries[t] if t in entries else self._old_entry(t) for t in terms]
        rows = [self._row(d) for d in sorted({d for e in held for d in e.cards})]
        return self._new(postings_file([e.data for e in held], cards_blob(rows)))

    def _new(self, data: bytes) -> File:
        file = File.of(data)
        return self.cache.keep(file) if self.cache else file

    def _reused(self, digest: str) -> File:
        assert self.cache is not None
        return self.cache.stored(digest)

    # ------------------------------------------------------------ the files

    def _postings_shards(
        self, store: Postings, cuts: list[tuple[int, int]], entries: dict[str, Entry], changed: set[str]
    ) -> dict[int, File]:
        old = {(first, count): h for first, count, h in self.previous.shards} if self.previous else {}
        out: dict[int, File] = {}
        for n, (i, j) in enumerate(cuts):
            terms = store.terms[i:j]
            h = old.get((terms[0], j - i))
            if h is not None and changed.isdisjoint(terms):
                out[n] = self._reused(h)
            else:
                out[n] = self._file(terms, entries)
        return out

    def _prefix_files(
        self,
        store: Postings,
        dfs: array[int],
        spanning: list[str],
        entries: dict[str, Entry],
        changed: set[str],
    ) -> dict[str, File]:
        """What the browser reads for a word being typed whose completions run over several shards: its
        completions, its own stem and the stems it extends, so one file answers for the word."""
        touched = {t[:n] for t in changed for n in range(1, len(t) + 1)}
        old = self.previous.prefixes if self.previous else {}
        out: dict[str, File] = {}
        for prefix in spanning:
            stems = {self._stem(prefix), *shorter_stems(prefix)}
            h = old.get(prefix)
            if h is not None and prefix not in touched and changed.isdisjoint(stems):
                out[prefix] = self._reused(h)
                continue
            wanted = stems | set(completions(prefix, store.terms, dfs))
            held = sorted(t for t in wanted if _has(store.terms, t))
            out[prefix] = self._file(held, entries)
        return out

    def _stem(self, prefix: str) -> str:
        """The prefix's stem, from the last build's state when the same code stemmed it."""
        prev = self.previous
        known = (
            prev.stems.get(prefix)
            if prev is not None and self.cache and prev.stems_code == self.cache.code
            else None
        )
        self.stems[prefix] = found = known if known is not None else text.stem(prefix, self.lang)
        return found

    def _record_shards(self, placed: list[Placed], changed: set[str]) -> dict[int, File]:
        out: dict[int, File] = {}
        for p in placed:
            first = p.base // records.DOCS_PER_SHARD
            for n in range(first, first + p.span // records.DOCS_PER_SHARD):
                if self.previous is not None and p.report.slug not in changed:
                    out[n] = self._reused(self.previous.docs[n])
                    continue
                ids = range(
                    n * records.DOCS_PER_SHARD, min((n + 1) * records.DOCS_PER_SHARD, p.base + p.count)
                )
                out[n] = self._new(gz(canonical_json([self.rows[d][1:] for d in ids])))
        return out

    def _group(
        self,
        shard_files: dict[int, File],
        prefix_files: dict[str, File],
        doc_files: dict[int, File],
        shard_first: list[str],
    ) -> None:
        """Every file into its group's folder, named by the hash of the group's files."""
        term_groups: dict[int, dict[str, File]] = {}
        for n, f in shard_files.items():
            term_groups.setdefault(n // TERM_GROUP, {})[f"t{n}.bin"] = f
        for prefix, f in prefix_files.items():
            n = max(0, bisect.bisect_right(shard_first, prefix) - 1)
            term_groups.setdefault(n // TERM_GROUP, {})[f"p{prefix.encode().hex()}.bin"] = f
        doc_groups: dict[int, dict[str, File]] = {}
        for n, f in doc_files.items():
            doc_groups.setdefault(n // DOC_GROUP, {})[f"d{n}.bin"] = f
        self.term_groups = self._place(term_groups)
        self.doc_groups = self._place(doc_groups)

    def _place(self, groups: dict[int, dict[str, File]]) -> list[str]:
        names: list[str] = []
        for g in range(len(groups)):
            members = groups[g]
            folder = group_hash({name: f.sha for name, f in members.items()})
            names.append(folder)
            for name, f in members.items():
                self.files[f"{self.lang}/{folder}/{name}"] = f
        return names

    def _manifest(self, placed: list[Placed], shard_first: list[str], shared: list[int]) -> None:
        manifest = {
            "lang": self.lang,
            "docs": sum(p.span for p in placed),
            "records": sum(p.count for p in placed),
            "docsPerShard": records.DOCS_PER_SHARD,
            "docGroup": DOC_GROUP,
            "docGroups": self.doc_groups,
            "termGroup": TERM_GROUP,
            "termGroups": self.term_groups,
            "completions": COMPLETIONS,
            "cards": CARDS_PER_TERM,
            "cardMinDf": CARD_MIN_DF,
            "impactMax": IMPACT_MAX,
            "terms": shard_first,
            "shared": shared,
            "facets": facets(placed),
            "reports": len(placed),
        }
        data = gz(canonical_json(manifest))
        file = File.of(data)
        self.manifest_path = f"{self.lang}/{group_hash({'manifest.bin': file.sha})}/manifest.bin"
        self.files[self.manifest_path] = file


def _has(terms: Sequence[str], term: str) -> bool:
    i = bisect.bisect_left(terms, term)
    return i < len(terms) and terms[i] == term
