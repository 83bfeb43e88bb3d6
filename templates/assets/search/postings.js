/* The postings files (t<n>.bin, p<hex>.bin; sitegen/render/search/format.py): per term its record
   count, its postings' doc-id gaps (varint) and impact bytes, then the cards (gzip), left compressed
   until a query needs them. A list's record ids are decoded the first time a query uses it. */

function fail(what) { throw new Error("postings: " + what); }

function readVarint(buf, pos) {
  let n = 0, shift = 0, b;
  do {
    if (pos.i >= buf.length) fail("truncated");
    b = buf[pos.i++]; n += (b & 0x7f) * 2 ** shift; shift += 7;
  } while (b & 0x80);
  return n;
}

/* term -> {term, df, n, gaps, docs: null, imp}, and the cards (still gzip). */
export function decodePostings(buf) {
  const pos = { i: 0 }, count = readVarint(buf, pos), terms = new Map(), dec = new TextDecoder();
  const take = (len) => {
    if (pos.i + len > buf.length) fail("truncated");
    const part = buf.subarray(pos.i, pos.i + len); pos.i += len; return part;
  };
  for (let t = 0; t < count; t++) {
    const term = dec.decode(take(readVarint(buf, pos)));
    const df = readVarint(buf, pos), n = readVarint(buf, pos), size = readVarint(buf, pos);
    const gaps = take(size), imp = take(n);
    terms.set(term, { term, df, n, gaps, docs: null, imp });
  }
  return { terms, cards: buf.subarray(pos.i) };
}

/* A list's record ids, decoded from their gaps the first time a query uses the list: a shard holds
   about twenty lists and a query reads one or two of them. */
export function docsOf(p) {
  if (!p.docs) {
    const gaps = p.gaps, n = p.n, docs = new Uint32Array(n);
    let i = 0, prev = 0;
    for (let k = 0; k < n; k++) {
      if (i >= gaps.length) fail("gaps truncated");
      let b = gaps[i++], gap = b & 0x7f;  /* most gaps are one byte */
      for (let shift = 7; b & 0x80; shift += 7) { b = gaps[i++]; gap += (b & 0x7f) * 2 ** shift; }
      prev += gap; docs[k] = prev;
    }
    p.docs = docs;
  }
  return p.docs;
}
