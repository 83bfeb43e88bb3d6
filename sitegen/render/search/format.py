"""The index's files, byte by byte (engine.js and postings.js read them):

    search/entry.json                     fixed name: where each language's manifest is, the analysis
                                          tables, the first symbol of each symbol shard
    search/<lang>/<hash>/manifest.bin     gzip JSON: shard boundaries, group folders, facets, counts
    search/<lang>/<hash>/t<n>.bin         postings of a range of terms, then their cards (gzip)
    search/<lang>/<hash>/p<hex>.bin       the same for a word being typed whose completions run over
                                          several shards (<hex>: its UTF-8)
    search/<lang>/<hash>/d<n>.bin         gzip JSON: record shard n (ids 32n ..), one report's records
    search/sym/<hash>/s<n>.bin            gzip JSON: report symbols -> URLs, for "A/79/213 para 26"

A postings entry: the term's length-prefixed UTF-8, its record count (for IDF and ranking completions),
its number of postings, the byte length of its doc-id gaps (so the browser decodes only the lists a
query uses), the gaps (varint) and one impact byte per posting (scoring.py). Entries are stored as
they are (gzip saves them ~15%, and the browser can skip to a list without inflating the rest); the
cards after them, the records each term ranks first, are gzip.

Files are grouped, and a group's folder (<hash>) is the hash of its files' names and bytes, so a file's
URL changes when its bytes do and every file can be cached forever, while an edit renames only the
groups it touched: record shards in groups of DOC_GROUP, postings shards in groups of TERM_GROUP (with
the prefix files of the words that start in them). Shards are cut where the terms themselves say
(`shards`), so an entry that grows moves no boundary beyond its own shard's neighbourhood.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from sitegen.io import canonical_json

TERM_SHARD_BYTES = 18_000
"""The mean uncompressed size of a postings shard (see `shards`): the mean of the cuts before the
boundaries became content-defined (closed once past 16,000, ~17,200 on average), so there are as many
shards, and as many words whose completions span two (each has a prefix file), as there were."""
TERM_SHARD_SPREAD = 0.2
"""Shards run from (1 - spread) to (1 + spread) times TERM_SHARD_BYTES, so no query fetches a shard
much larger than the typical one."""
TERM_GROUP = 16
"""Postings shards per folder."""
DOC_GROUP = 64
"""Record shards per folder."""
SYMBOLS_PER_SHARD = 400


def varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def gaps(docs: Sequence[int]) -> bytes:
    """Ascending doc ids as varint gaps; a run of one-byte gaps (most of them) goes in at C speed."""
    steps = [b - a for a, b in zip((0, *docs), docs)]
    if max(steps, default=0) < 0x80:
        return bytes(steps)
    out = bytearray()
    for gap in steps:
        if gap < 0x80:
            out.append(gap)
        else:
            varint(gap, out)
    return bytes(out)


def postings_entry(term: str, df: int, docs: Sequence[int], imp: bytes) -> bytes:
    out = bytearray()
    raw = term.encode()
    varint(len(raw), out)
    out += raw
    varint(df, out)
    varint(len(docs), out)
    steps = gaps(docs)
    varint(len(steps), out)
    out += steps
    out += imp
    return bytes(out)


def entry_term(entry: bytes) -> str:
    n, pos = _read_varint(entry, 0)
    return entry[pos : pos + n].decode()


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, pos


def read_postings_file(data: bytes) -> tuple[dict[str, bytes], bytes]:
    """A postings file's entries by term, and its cards (still gzip)."""
    count, pos = _read_varint(data, 0)
    entries: dict[str, bytes] = {}
    for _ in range(count):
        start = pos
        size, pos = _read_varint(data, pos)
        term = data[pos : pos + size].decode()
        pos += size
        _, pos = _read_varint(data, pos)
        n, pos = _read_varint(data, pos)
        size, pos = _read_varint(data, pos)
        pos += size + n
        entries[term] = data[start:pos]
    return entries, data[pos:]


def postings_file(entries: Sequence[bytes], cards: bytes) -> bytes:
    head = bytearray()
    varint(len(entries), head)
    return bytes(head) + b"".join(entries) + cards


def cards_blob(rows: Iterable[Sequence[object]]) -> bytes:
    """Card rows [id, kind, url, cite, crumb, text], sorted by id, as a postings file's gzip tail."""
    return gz(canonical_json(sorted(rows, key=lambda r: int(str(r[0])))))


def read_cards(blob: bytes) -> list[list[object]]:
    rows = json.loads(gzip.decompress(blob))
    assert isinstance(rows, list)
    return rows


def shards(terms: Sequence[str], sizes: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Sorted terms cut into runs [i, j) of about TERM_SHARD_BYTES: content-defined, so a boundary
    depends only on the terms near it. Past (1 - spread) times the size, a run ends after a term with
    probability (its entry's size / (spread times the size)), decided by the term's CRC; past
    (1 + spread) times it ends anyway (one run in e^2, ~14%). An entry that grows or a new term moves
    at most the boundaries of its own run and the next few."""
    low = int(TERM_SHARD_BYTES * (1 - TERM_SHARD_SPREAD))
    high = int(TERM_SHARD_BYTES * (1 + TERM_SHARD_SPREAD))
    mean_tail = int(TERM_SHARD_BYTES * TERM_SHARD_SPREAD)
    start, size = 0, 0
    for i, (term, n) in enumerate(zip(terms, sizes)):
        size += n
        if size >= high or (size >= low and zlib.crc32(term.encode()) * mean_tail < n * 2**32):
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(terms):
        yield start, len(terms)


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def group_hash(files: Mapping[str, str]) -> str:
    """A folder's name: the hash of its files' names and content hashes."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].encode())
    return h.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class File:
    """One file of the index: its bytes, or where an earlier build stored the same bytes (cache.py)."""

    sha: str
    data: bytes | None = None
    stored: str | None = None

    @classmethod
    def of(cls, data: bytes) -> File:
        return cls(sha(data), data)


def decode_entry(entry: bytes) -> tuple[int, list[int], bytes]:
    """A postings entry's record count, record ids and impact bytes."""
    size, pos = _read_varint(entry, 0)
    df, pos = _read_varint(entry, pos + size)
    n, pos = _read_varint(entry, pos)
    _, pos = _read_varint(entry, pos)
    docs: list[int] = []
    doc = 0
    for _ in range(n):
        gap, pos = _read_varint(entry, pos)
        doc += gap
        docs.append(doc)
    return df, docs, entry[pos : pos + n]
