"""The client-side search index, built from the document model (never from HTML).

One record per report title, heading, numbered paragraph, sub-paragraph and footnote (a footnote's
record leads to the paragraph that cites it). One index per language, each split so a query only
fetches what it needs:

    search/entry.json                    tiny, fixed name: where each language's index lives
    search/<lang>/<hash>/manifest.bin    shard boundaries (first term of each shard), facets, sizes
    search/<lang>/<hash>/t<n>.bin        postings of a range of terms: doc ids and BM25 impacts, then
                                         the records each term ranks first ("cards", gzip)
    search/<lang>/<hash>/p<hex>.bin      the same for a word being typed whose completions run over
                                         several shards (<hex>: its UTF-8): its COMPLETIONS most
                                         common completions, its stem and the stems it extends
    search/<lang>/<hash>/d<n>.bin        DOCS_PER_SHARD records (cite, URL, breadcrumb, text)
    search/sym/<hash>/s<n>.bin           report symbols -> URLs, for "A/79/213 para 26" jumps

The browser module is a theme asset (`templates/assets/search.js`); the stemming tables it needs
are in entry.json, written by the same code that built the index.

`<hash>` is the content hash of everything in its directory, so every file name changes when its
bytes change and the files can be cached forever. The postings part of t/p files is stored as it is;
everything else is gzip (mtime 0: deterministic), inflated in the browser by search.js itself.

A keystroke is one round of requests when it can be: a word typed alone reads its postings file (or
its prefix's), and ranks and shows its results from that file's postings and cards. Only a query of
several words, a filter or a phrase reads record shards after ranking.

Scores are BM25 impacts computed here (record text, plus the section breadcrumb and the report title
at lower weight, headings and titles boosted), quantised to one byte on a log scale. A term found in
more than HEAD_MAX records keeps only its HEAD_MAX best postings: such a term has a low IDF, so the
records it drops could not reach the top of a ranking on that term anyway, and a query for a common
word stays a few kilobytes at 300,000 paragraphs.
"""

from __future__ import annotations

import base64
import bisect
import functools
import gzip
import hashlib
import heapq
import itertools
import json
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import atomic_write
from sitegen.model import Heading, Paragraph, Report
from sitegen.render import search_text
from sitegen.render.assets import build_assets
from sitegen.render.html import SiteRenderer, default_templates_dir, make_environment
from sitegen.resolve import Backlinks, SiteIndex
from sitegen.symbols import issuing_body
from sitegen.write import Output

HEAD_MAX = 2000
"""Postings kept per term (the best by impact)."""
TERM_SHARD_BYTES = 16_000
"""A postings shard is closed once its uncompressed size passes this."""
DOCS_PER_SHARD = 32
COMPLETIONS = 6
"""A word being typed matches its COMPLETIONS most common completions (by records that have them)."""
STEM_EXTENSION = 5
"""A word being typed also matches stems up to this many letters shorter (search.js: shorterStems)."""
CARDS_PER_TERM = 5
"""Records a term ranks first, stored beside its postings (the header box shows this many results)."""
CARD_MIN_DF = 50
"""Only terms in at least this many records get cards: the words a reader types first are common, and
a rare word's few records would make a shard of hundreds of terms carry thousands of cards."""
SYMBOLS_PER_SHARD = 400
K1, B = 1.2, 0.75
WEIGHT_BODY, WEIGHT_HEADING, WEIGHT_TITLE_RECORD = 1.0, 2.0, 3.0
WEIGHT_CRUMB, WEIGHT_REPORT_TITLE = 0.3, 0.2
"""Every record also carries its section breadcrumb and report title, at these weights."""

_FNREF_RE = re.compile(r"\[\^([^\]]+)\]")


@dataclass(frozen=True, slots=True)
class Record:
    kind: str
    """"r" report title, "h" heading, "p" paragraph, "i" sub-paragraph, "f" footnote."""
    url: str
    cite: str
    crumb: str
    text: str
    title: str


def report_body(symbol: str | None) -> str:
    """The issuing body, for the search filter ("other" for a report without a symbol)."""
    return issuing_body(symbol) or "other"


def report_year(report: Report) -> str:
    if report.date and report.date[:4].isdigit():
        return report.date[:4]
    m = re.search(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)", report.symbol or "")
    return m.group(1) if m else ""


def strip_fnrefs(text: str) -> str:
    return _FNREF_RE.sub("", text)


def report_records(report: Report, url: str) -> list[Record]:
    """Every searchable record of one report, in reading order, footnotes last."""
    name = report.symbol or report.title
    title = report.title
    out = [Record("r", url, name, "", title, title)]
    crumbs: list[tuple[int, str]] = []
    cited_in: dict[str, str] = {}
    for block in report.blocks:
        if isinstance(block, Heading):
            text = f"{block.label} {block.text}".strip()
            crumbs = [(lvl, t) for lvl, t in crumbs if lvl < block.level]
            out.append(Record("h", f"{url}#{block.id}", name, " › ".join(t for _, t in crumbs), text, title))
            crumbs.append((block.level, text))
            continue
        assert isinstance(block, Paragraph)
        crumb = " › ".join(t for _, t in crumbs)
        cite = f"{name}, para. {block.number}" if block.number else name
        for fn in _FNREF_RE.findall(block.text):
            cited_in.setdefault(fn, block.id)
        out.append(Record("p", f"{url}#{block.id}", cite, crumb, strip_fnrefs(block.text), title))
        for item in block.items:
            for fn in _FNREF_RE.findall(item.text):
                cited_in.setdefault(fn, item.id)
            item_cite = f"{cite} {item.label}" if block.number else f"{name} {item.label}"
            out.append(Record("i", f"{url}#{item.id}", item_cite, crumb, strip_fnrefs(item.text), title))
    for fn in report.footnotes:
        target = cited_in.get(fn.number, fn.id)
        out.append(Record("f", f"{url}#{target}", f"{name}, note {fn.number}", "", strip_fnrefs(fn.text), title))
    return out


def _record_weights(rec: Record, analyse: _Analyser) -> tuple[defaultdict[str, float], int, set[str]]:
    """Weighted term frequencies of a record, its length (body terms) for BM25, and its body terms."""
    body = analyse.counts(rec.text)
    weight = {"h": WEIGHT_HEADING, "r": WEIGHT_TITLE_RECORD}.get(rec.kind, WEIGHT_BODY)
    tf = analyse.context(rec.crumb, "" if rec.kind == "r" else rec.title)
    for t, c in body.items():
        tf[t] += c * weight
    return tf, max(sum(body.values()), 1), set(body)


@dataclass(slots=True)
class Analysis:
    """What the index needs of one report's records, numbered from 0 inside the report: its terms,
    each with its postings (records, ascending, and weighted frequencies) and how many records have it
    in their own text (for IDF); and each record's length. The expensive part of indexing (tokenizing
    and stemming), so it is cached per report (`AnalysisCache`).

    Postings of all terms are concatenated into flat arrays (`counts` says how many are each term's):
    they load from the cache at C speed, and frequencies are float32, as the index keeps them."""

    terms: list[str]
    counts: array
    docs: array
    tf: array
    body_df: array
    lengths: array

    ARRAYS = ("counts", "docs", "tf", "body_df", "lengths")

    def to_json(self) -> bytes:
        fields: dict[str, object] = {"terms": self.terms, "byteorder": sys.byteorder}
        for name in self.ARRAYS:
            arr = getattr(self, name)
            fields[name] = [arr.typecode, base64.b64encode(arr.tobytes()).decode()]
        return _json(fields)

    @classmethod
    def from_json(cls, data: bytes) -> Analysis:
        raw = json.loads(data)
        if raw["byteorder"] != sys.byteorder:
            raise ValueError("written on a machine of the other byte order")
        arrays = []
        for name in cls.ARRAYS:
            typecode, b64 = raw[name]
            arr = array(typecode)
            arr.frombytes(base64.b64decode(b64))
            arrays.append(arr)
        terms = [str(t) for t in raw["terms"]]
        counts, docs, tf, body_df, _ = arrays
        if not len(terms) == len(counts) == len(body_df) or sum(counts) != len(docs) or len(docs) != len(tf):
            raise ValueError("inconsistent analysis")
        return cls(terms, *arrays)


def analyse_records(records: Sequence[Record], analyse: _Analyser) -> Analysis:
    # Per term, its (record, frequency) pairs flattened into one list: one append per posting.
    pairs: defaultdict[str, list[float]] = defaultdict(list)
    df: Counter[str] = Counter()
    lengths = array("I")
    for local, rec in enumerate(records):
        tf, length, body_terms = _record_weights(rec, analyse)
        lengths.append(length)
        df.update(body_terms)
        for term, f in tf.items():
            pairs[term] += (local, f)
    out = Analysis(list(pairs), array("I"), array("I"), array("f"), array("I"), lengths)
    for term, flat in pairs.items():
        out.counts.append(len(flat) // 2)
        out.docs.fromlist(flat[0::2])
        out.tf.fromlist(flat[1::2])
        out.body_df.append(df.get(term, 0))
    return out


class AnalysisCache:
    """Each report's `Analysis` as JSON in the build's cache folder, keyed by the report's model digest
    and the code of this module and search_text.py: a rebuild after an edit analyses only the reports
    whose model changed. Floats survive JSON exactly, so the index is the one a clean build writes."""

    FOLDER = "search-analysis"

    def __init__(self, cache_dir: Path, digest_of: Callable[[Report], str | None]) -> None:
        self.folder = cache_dir / self.FOLDER
        self.digest_of = digest_of
        code = hashlib.sha256()
        for module in (Path(__file__), Path(search_text.__file__)):
            code.update(module.read_bytes())
        self.code = code.hexdigest()
        self.hits = 0
        self.misses = 0
        self.used: set[Path] = set()

    def get(self, report: Report, compute: Callable[[], Analysis]) -> Analysis:
        digest = self.digest_of(report)
        if digest is None:
            self.misses += 1
            return compute()
        key = hashlib.sha256(f"{self.code}\0{digest}\0{report.language}".encode()).hexdigest()
        path = self.folder / key[:2] / f"{key}.json"
        self.used.add(path)
        try:
            found = Analysis.from_json(path.read_bytes())
            self.hits += 1
            return found
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass  # missing or unreadable: analyse again
        analysis = compute()
        self.misses += 1
        try:
            atomic_write(path, analysis.to_json())
        except OSError:
            pass  # a cache that cannot be written only costs time
        return analysis

    def prune(self) -> int:
        """Delete the entries this build did not use (of edited reports' old versions, of older code):
        an analysis is cheap to make again, and without this the folder grows with every edit and
        upgrade (263 MB per version of the code for 3,000 reports). Returns how many were deleted."""
        removed = 0
        for path in self.folder.glob("*/*.json"):
            if path not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass  # another build may have taken it already
        return removed


def _varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _gaps(docs: array) -> bytes:
    """Ascending doc ids as varint gaps; a run of one-byte gaps (most of them) goes in at C speed."""
    gaps = [b - a for a, b in zip(itertools.chain((0,), docs), docs)]
    if max(gaps, default=0) < 0x80:
        return bytes(gaps)
    out = bytearray()
    for gap in gaps:
        if gap < 0x80:
            out.append(gap)
        else:
            _varint(gap, out)
    return bytes(out)


def _quantised(scores: array, scale: float) -> bytes:
    """One byte per impact on a log scale, 1..255 (clamped only when needed: it rarely is)."""
    log1p = math.log1p
    q = [round(scale * log1p(sc)) for sc in scores]
    if min(q) < 1 or max(q) > 255:
        q = [max(1, min(255, v)) for v in q]
    return bytes(q)


def _postings_entry(term: str, df: int, docs: array, impact_bytes: bytes) -> bytes:
    """One term in a postings file: its length-prefixed UTF-8, how many records have it (for ranking
    completions), how many postings, the byte length of their doc-id gaps (so the browser decodes only
    the lists a query uses), the gaps (varint) and one impact byte per posting."""
    out = bytearray()
    raw = term.encode()
    _varint(len(raw), out)
    out += raw
    _varint(df, out)
    _varint(len(docs), out)
    gaps = _gaps(docs)
    _varint(len(gaps), out)
    out += gaps
    out += impact_bytes
    return bytes(out)


def _postings_file(terms: Sequence[str], entries: Mapping[str, bytes], cards: bytes) -> bytes:
    """The terms' entries, not compressed (doc-id gaps and impact bytes shrink only ~15% under gzip,
    and the browser can then skip to the lists a query uses without inflating the rest), then their
    cards, gzip, which the browser inflates only for a one-word query."""
    head = bytearray()
    _varint(len(terms), head)
    return bytes(head) + b"".join(entries[t] for t in terms) + cards


def _shards(entries: Mapping[str, bytes]) -> Iterator[list[str]]:
    """Terms in order, cut into runs of about TERM_SHARD_BYTES (a shard closes on the first term past it)."""
    shard: list[str] = []
    size = 0
    for term in sorted(entries):
        if shard and size > TERM_SHARD_BYTES:
            yield shard
            shard, size = [], 0
        shard.append(term)
        size += len(entries[term])
    if shard:
        yield shard


def _best_docs(docs: array, impact_bytes: bytes, k: int) -> list[int]:
    """The k records a term ranks first: highest impact byte, then lowest id (the browser's order)."""
    best = heapq.nsmallest(k, range(len(docs)), key=lambda i: (-impact_bytes[i], docs[i]))
    return [docs[i] for i in best]


def _cards(terms: Sequence[str], card_docs: Mapping[str, list[int]], records: Sequence[Record]) -> bytes:
    """The records the terms rank first, so a one-word query shows its results without a second round of
    requests for record shards. A record ranked on one group of lists always comes from the first
    CARDS_PER_TERM of the list that gives it its score, so these are enough for any one word."""
    docs = sorted({d for t in terms for d in card_docs[t]})
    return _gz(_json([[d, records[d].kind, records[d].url, records[d].cite, records[d].crumb, records[d].text]
                      for d in docs]))


def _spanning_prefixes(shard_first: Sequence[str]) -> list[str]:
    """The prefixes (two characters or more) whose terms run over more than one shard: exactly the
    proper prefixes of a shard's first term, after the first shard. The browser finds the same set from
    the manifest's shard boundaries, and reads such a prefix's completions from its own file."""
    out = {first[:n] for first in shard_first[1:] for n in range(1, len(first))}
    # The browser completes a word of two characters or more, or a single CJK character.
    return sorted(p for p in out if len(p) >= 2 or search_text.CJK_RE.search(p))


def _shorter_stems(prefix: str) -> list[str]:
    """Stems a word being typed may have run past, as search.js's shorterStems: "adaptatio" -> "adapt"."""
    return [prefix[:k] for k in range(len(prefix) - 1, max(3, len(prefix) - STEM_EXTENSION) - 1, -1)]


def _completions(prefix: str, terms: Sequence[str], dfs: Mapping[str, int]) -> list[str]:
    """The COMPLETIONS most common of the sorted `terms` that start with `prefix` (ties: alphabetical),
    in term order: what the browser picks from a shard for a prefix that stays inside one."""
    after = (terms[i] for i in range(bisect.bisect_left(terms, prefix), len(terms)))
    matching = itertools.takewhile(lambda t: t.startswith(prefix), after)
    return sorted(heapq.nsmallest(COMPLETIONS, matching, key=lambda t: (-dfs[t], t)))


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class _Analyser:
    """`search_text.terms` as counts, with a word -> stem cache (a collection has few distinct words)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.cache: dict[str, str] = {w: "" for w in search_text.STOPWORDS.get(lang, ())}
        self.context_cache: dict[tuple[str, str], defaultdict[str, float]] = {}

    def counts(self, text: str) -> Counter[str]:
        cache, out = self.cache, Counter[str]()
        for w, c in Counter(search_text.word_list(text)).items():
            s = cache.get(w)
            if s is None:
                s = cache[w] = search_text.stem(w, self.lang)
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


def _ordered_reports(reports: Sequence[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (report_body(r.symbol), report_year(r), r.symbol or "", r.slug))


def _ranges(ids: list[int]) -> list[list[int]]:
    """Sorted doc ids -> [[start, end), ...] runs."""
    out: list[list[int]] = []
    for i in ids:
        if out and out[-1][1] == i:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return out


def build_language_index(
    reports: Sequence[Report], lang: str, url_for: Callable[[Report], str], cache: AnalysisCache | None = None
) -> tuple[dict[str, bytes], dict[str, tuple[int, int]]]:
    """File name (inside the language's hashed directory) -> bytes, and each report's record range.

    Records of a report are contiguous, reports sorted by body then year, so a body filter is one
    range of record ids and a year filter a few.
    """
    analyse = _Analyser(lang)
    records: list[Record] = []
    facets: dict[str, dict[str, list[int]]] = {"body": {}, "year": {}}
    report_ranges: dict[str, tuple[int, int]] = {}
    postings_docs: dict[str, array] = {}
    postings_tf: dict[str, array] = {}
    body_df: Counter[str] = Counter()
    lengths = array("f")
    for report in _ordered_reports(reports):
        start = len(records)
        own = report_records(report, url_for(report))
        records.extend(own)
        ids = list(range(start, len(records)))
        facets["body"].setdefault(report_body(report.symbol), []).extend(ids)
        facets["year"].setdefault(report_year(report) or "unknown", []).extend(ids)
        report_ranges[report.slug] = (start, len(records))
        compute = functools.partial(analyse_records, own, analyse)
        analysis = cache.get(report, compute) if cache is not None else compute()
        # A report's postings join each term's list in record order, as one pass over all records would.
        lengths.fromlist(analysis.lengths.tolist())
        docs = array("I", [start + i for i in analysis.docs]) if start else analysis.docs
        tf, pos = analysis.tf, 0
        for term, n, df in zip(analysis.terms, analysis.counts, analysis.body_df):
            d = postings_docs.get(term)
            if d is None:
                d = postings_docs[term] = array("I")
                postings_tf[term] = array("f")
            d.extend(docs[pos : pos + n])
            postings_tf[term].extend(tf[pos : pos + n])
            pos += n
            if df:
                body_df[term] += df

    n_docs = len(records)
    avgdl = (sum(lengths) / n_docs) if n_docs else 1.0
    impacts: dict[str, tuple[array, array]] = {}
    dfs: dict[str, int] = {}
    max_impact = 0.0
    length_norm = [K1 * (1 - B + B * length / avgdl) for length in lengths]
    for term in list(postings_docs):
        docs, tfs = postings_docs.pop(term), postings_tf.pop(term)  # free as we go: 300k paragraphs
        # IDF counts records with the term in their own text: a word of a report's title is in every
        # record of that report through the title field, which must not make it look common.
        df = dfs[term] = body_df.get(term, 0) or len(docs)
        idf_k = math.log(1 + (n_docs - df + 0.5) / (df + 0.5)) * (K1 + 1)
        scores = array("d", [idf_k * f / (f + length_norm[doc]) for doc, f in zip(docs, tfs)])
        if len(scores) > HEAD_MAX:
            # The best HEAD_MAX; ties keep the earlier record (nlargest is stable), so output is deterministic.
            keep = sorted(heapq.nlargest(HEAD_MAX, range(len(scores)), key=scores.__getitem__))
            docs = array("I", [docs[i] for i in keep])
            scores = array("d", [scores[i] for i in keep])
        impacts[term] = (docs, scores)
        max_impact = max(max_impact, max(scores))
    log_max = math.log1p(max_impact) or 1.0
    files, shard_first = _postings_files(impacts, dfs, 255 / log_max, records, lang)
    for i in range(0, n_docs, DOCS_PER_SHARD):
        chunk = [[r.kind, r.url, r.cite, r.crumb, r.text] for r in records[i : i + DOCS_PER_SHARD]]
        files[f"d{i // DOCS_PER_SHARD}.bin"] = _gz(_json(chunk))

    manifest = {
        "lang": lang,
        "docs": n_docs,
        "docsPerShard": DOCS_PER_SHARD,
        "completions": COMPLETIONS,
        "cards": CARDS_PER_TERM,
        "cardMinDf": CARD_MIN_DF,
        "logMax": log_max,
        "terms": shard_first,
        "facets": {name: {k: _ranges(v) for k, v in sorted(vals.items())} for name, vals in facets.items()},
        "reports": len(report_ranges),
    }
    files["manifest.bin"] = _gz(_json(manifest))
    return files, report_ranges


def _postings_files(
    impacts: dict[str, tuple[array, array]], dfs: Mapping[str, int], scale: float, records: Sequence[Record], lang: str
) -> tuple[dict[str, bytes], list[str]]:
    """The postings shards (t<n>.bin) and the files of words being typed (p<hex>.bin), each with its
    cards; and the first term of each shard. Empties `impacts` as it goes (300,000 paragraphs)."""
    entries: dict[str, bytes] = {}
    card_docs: dict[str, list[int]] = {}
    for term in sorted(impacts):
        docs, scores = impacts.pop(term)
        impact_bytes = _quantised(scores, scale)
        entries[term] = _postings_entry(term, dfs[term], docs, impact_bytes)
        card_docs[term] = _best_docs(docs, impact_bytes, CARDS_PER_TERM) if dfs[term] >= CARD_MIN_DF else []

    files: dict[str, bytes] = {}
    shard_first: list[str] = []
    for n, shard_terms in enumerate(_shards(entries)):
        shard_first.append(shard_terms[0])
        files[f"t{n}.bin"] = _postings_file(shard_terms, entries, _cards(shard_terms, card_docs, records))
    terms = sorted(entries)
    for prefix in _spanning_prefixes(shard_first):
        # What the browser reads for this word being typed: its completions, its own stem and the
        # stems it extends, so one file answers for the word.
        wanted = {search_text.stem(prefix, lang), *_shorter_stems(prefix), *_completions(prefix, terms, dfs)}
        held = sorted(t for t in wanted if t in entries)
        files[f"p{prefix.encode().hex()}.bin"] = _postings_file(held, entries, _cards(held, card_docs, records))
    return files, shard_first


def symbol_key(symbol: str) -> str:
    """How a typed symbol is looked up: upper case, no spaces ("a/79/213" -> "A/79/213")."""
    return re.sub(r"\s+", "", symbol).upper()


def build_symbol_index(
    reports: Sequence[Report],
    url_for: Callable[[Report], str],
    ranges: dict[str, dict[str, tuple[int, int]]],
) -> tuple[list[str], dict[str, bytes]]:
    """Symbol -> {title, date, per language [URL, first record, end record]}; joint symbols answer to each part."""
    table: dict[str, dict[str, object]] = {}
    for report in sorted(reports, key=lambda r: (r.symbol or "", r.language, r.slug)):
        if not report.symbol:
            continue
        keys = {symbol_key(report.symbol)}
        if "-" in report.symbol and re.search(r"-[A-Z]+/", report.symbol):
            keys.update(symbol_key(p) for p in re.split(r"-(?=[A-Z]+/)", report.symbol))
        for key in keys:
            entry = table.setdefault(key, {"s": report.symbol, "t": report.title, "d": report.date or "", "u": {}})
            urls = entry["u"]
            assert isinstance(urls, dict)
            start, end = ranges.get(report.language, {}).get(report.slug, (0, 0))
            urls.setdefault(report.language, [url_for(report), start, end])
    ordered = sorted(table)
    first: list[str] = []
    files: dict[str, bytes] = {}
    for i in range(0, len(ordered), SYMBOLS_PER_SHARD):
        part = ordered[i : i + SYMBOLS_PER_SHARD]
        first.append(part[0])
        files[f"s{i // SYMBOLS_PER_SHARD}.bin"] = _gz(_json([[k, table[k]] for k in part]))
    return first, files


def _dir_hash(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()[:12]


def _content_name(stem: str, suffix: str, data: bytes) -> str:
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{suffix}"


def build_search_outputs(
    reports: Sequence[Report], *, url_for: Callable[[Report], str], cache: AnalysisCache | None = None
) -> list[tuple[str, bytes]]:
    """Every search file of the site: (path relative to the output folder, bytes), sorted, deterministic."""
    outputs: list[tuple[str, bytes]] = []
    # The analyser's tables travel with the index they built, so the browser always stems as the index did.
    entry: dict[str, object] = {"version": 1, "languages": {}, "rules": search_text.rules_for_js()}
    languages = entry["languages"]
    assert isinstance(languages, dict)
    ranges: dict[str, dict[str, tuple[int, int]]] = {}
    for lang in sorted({r.language for r in reports}):
        files, ranges[lang] = build_language_index([r for r in reports if r.language == lang], lang, url_for, cache)
        base = f"{lang}/{_dir_hash(files)}/"
        languages[lang] = base
        outputs.extend((f"search/{base}{name}", data) for name, data in files.items())
    sym_first, sym_files = build_symbol_index(reports, url_for, ranges)
    sym_base = f"sym/{_dir_hash(sym_files)}/"
    entry["symbols"] = {"base": sym_base, "first": sym_first}
    outputs.extend((f"search/{sym_base}{name}", data) for name, data in sym_files.items())
    outputs.append(("search/entry.json", _json(entry)))
    if cache is not None:
        cache.prune()  # every report was analysed or found above, so what is left over is unused
    return sorted(outputs)


def write_outputs(outputs: Iterable[tuple[str, bytes]], root: Path) -> None:
    """Write (path, bytes) pairs under `root` (for tests and benchmarks; the build has its own writer)."""
    for rel, data in outputs:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def search_site_outputs(
    index: SiteIndex,
    user_templates: Path | None = None,
    site_title: str | None = None,
    *,
    cache_dir: Path | None = None,
    digests: Mapping[str, str] | None = None,
) -> list[Output]:
    """What the build adds for search: the index files and the /search/ results page. With `cache_dir`
    and the model digest of each input file (`digests`), each report's analysis is cached there."""
    versions = index.all_versions()
    url_of = {id(v.report): v.url for v in versions}
    cache = None
    if cache_dir is not None and digests is not None:
        digest_of = {id(v.report): digests.get(v.file) for v in versions}
        cache = AnalysisCache(cache_dir, lambda r: digest_of.get(id(r)))
    files = build_search_outputs([v.report for v in versions], url_for=lambda r: url_of[id(r)], cache=cache)
    outputs = [Output(path, data) for path, data in files]
    folders = ([user_templates / "assets"] if user_templates else []) + [default_templates_dir() / "assets"]
    asset_urls, _ = build_assets(folders)
    renderer = SiteRenderer(make_environment(user_templates), index, Backlinks(), asset_urls)
    if site_title:
        renderer.site_title = site_title
    page = renderer.render_page("search.html", lang=index.default_language, dir="ltr", page_title="Search")
    outputs.append(Output("search/index.html", page))
    return outputs
