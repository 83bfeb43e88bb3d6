/* gzip, inflated synchronously (RFC 1952 around RFC 1951, after zlib's puff.c).

   The index's gzip files are a few kilobytes. DecompressionStream takes a stream round trip per file,
   3-20 ms in Chromium on a busy machine even for 768 bytes; this takes 1-5 ms the first time in a
   page, then a fraction of a millisecond (a 9-bit table decodes the short codes).

   Nothing in the input is trusted: every length, distance and code is checked against the buffers,
   the output must be exactly the size the trailer states, and its CRC-32 must match. A corrupt or
   truncated file throws an Error whose message starts "gzip:", never returns garbage. */

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
                   3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_RATIO = 1032;  /* deflate cannot expand data more than this: a larger stated size is a lie */

function fail(what) { throw new Error("gzip: " + what); }

let CRC_TABLE = null;
export function crc32(data) {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/* A canonical Huffman code from code lengths: how many codes of each length and the symbols in code
   order (for codes longer than FAST bits), and a table indexed by the next FAST input bits giving
   symbol << 4 | length for the shorter codes, the ones nearly every symbol uses. */
const FAST = 9;
function huffman(lengths) {
  const counts = new Uint16Array(16), offs = new Uint16Array(16), symbols = new Uint16Array(lengths.length);
  const table = new Uint16Array(1 << FAST);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]]++;
  counts[0] = 0;
  let left = 1;  /* an over-subscribed code (more codes than lengths allow) cannot be decoded */
  for (let len = 1; len < 16; len++) { left = (left << 1) - counts[len]; if (left < 0) fail("bad code lengths"); }
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1] + counts[i - 1];
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offs[lengths[i]]++] = i;
  let code = 0, k = 0;
  for (let len = 1; len <= FAST; len++) {
    for (let c = 0; c < counts[len]; c++, k++, code++) {
      let rev = 0;  /* codes are sent most significant bit first, into a stream read from bit 0 */
      for (let b = 0; b < len; b++) rev |= ((code >> b) & 1) << (len - 1 - b);
      for (let j = rev; j < (1 << FAST); j += 1 << len) table[j] = (symbols[k] << 4) | len;
    }
    code <<= 1;
  }
  return { counts, symbols, table };
}

/* The deflate bit stream: bytes buf[pos .. end) (end excludes the gzip trailer). */
class Bits {
  constructor(buf, pos, end) { this.buf = buf; this.pos = pos; this.end = end; this.bit = 0; this.cnt = 0; }
  need(n) {
    let v = this.bit;
    while (this.cnt < n) {
      if (this.pos >= this.end) fail("truncated");
      v |= this.buf[this.pos++] << this.cnt; this.cnt += 8;
    }
    this.bit = v >>> n; this.cnt -= n;
    return v & ((1 << n) - 1);
  }
  decode(h) {
    while (this.cnt < FAST && this.pos < this.end) { this.bit |= this.buf[this.pos++] << this.cnt; this.cnt += 8; }
    const e = h.table[this.bit & ((1 << FAST) - 1)];
    if (e && (e & 15) <= this.cnt) { this.bit >>>= e & 15; this.cnt -= e & 15; return e >> 4; }
    let code = 0, first = 0, index = 0;  /* a long code: one bit at a time (zlib's puff.c) */
    for (let len = 1; len < 16; len++) {
      code |= this.need(1);
      const count = h.counts[len];
      if (code - first < count) return h.symbols[index + code - first];
      index += count; first = (first + count) << 1; code <<= 1;
    }
    return fail("bad code");
  }
}

let FIXED = null;
function fixedCodes() {
  if (!FIXED) {
    const l = new Uint8Array(288);
    for (let i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    FIXED = [huffman(l), huffman(new Uint8Array(30).fill(5))];
  }
  return FIXED;
}

function dynamicCodes(bits) {
  const nlen = bits.need(5) + 257, ndist = bits.need(5) + 1, ncode = bits.need(4) + 4;
  if (nlen > 286 || ndist > 30) fail("bad counts");
  const cl = new Uint8Array(19);
  for (let i = 0; i < ncode; i++) cl[CODE_ORDER[i]] = bits.need(3);
  const lencode = huffman(cl), lengths = new Uint8Array(nlen + ndist);
  for (let i = 0; i < nlen + ndist;) {
    const sym = bits.decode(lencode);
    if (sym < 16) { lengths[i++] = sym; continue; }
    let rep = 0, times;
    if (sym === 16) { if (!i) fail("bad lengths"); rep = lengths[i - 1]; times = 3 + bits.need(2); }
    else times = sym === 17 ? 3 + bits.need(3) : 11 + bits.need(7);
    if (i + times > nlen + ndist) fail("bad lengths");
    while (times--) lengths[i++] = rep;
  }
  if (!lengths[256]) fail("no end-of-block code");
  return [huffman(lengths.subarray(0, nlen)), huffman(lengths.subarray(nlen))];
}

/* The header's end: past the optional extra field, file name, comment and header CRC. */
function headerEnd(buf) {
  if (buf.length < 18) fail("truncated");
  if (buf[0] !== 0x1f || buf[1] !== 0x8b || buf[2] !== 8) fail("not gzip");
  const flags = buf[3];
  let pos = 10;
  if (flags & 4) pos += 2 + (buf[pos] | (buf[pos + 1] << 8));
  for (const flag of [8, 16]) {
    if (!(flags & flag)) continue;
    while (pos < buf.length && buf[pos]) pos++;
    pos++;
  }
  if (flags & 2) pos += 2;
  if (pos > buf.length - 8) fail("truncated");
  return pos;
}

export function gunzip(buf) {
  const n = buf.length, pos = headerEnd(buf), end = n - 8;
  const u32 = (i) => (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)) >>> 0;
  const crc = u32(n - 8), size = u32(n - 4);
  if (size > (end - pos) * MAX_RATIO) fail("stated size impossible");
  const out = new Uint8Array(size), bits = new Bits(buf, pos, end);
  let o = 0, last;
  do {
    last = bits.need(1);
    const type = bits.need(2);
    if (type === 0) {
      /* to the byte boundary; whole bytes the code reader fetched ahead go back */
      bits.pos -= bits.cnt >> 3; bits.bit = 0; bits.cnt = 0;
      if (bits.pos + 4 > end) fail("truncated");
      const len = buf[bits.pos] | (buf[bits.pos + 1] << 8), nlen = buf[bits.pos + 2] | (buf[bits.pos + 3] << 8);
      if ((len ^ 0xffff) !== nlen) fail("bad stored block");
      if (bits.pos + 4 + len > end) fail("truncated");
      if (o + len > size) fail("longer than stated");
      out.set(buf.subarray(bits.pos + 4, bits.pos + 4 + len), o);
      o += len; bits.pos += 4 + len;
      continue;
    }
    if (type === 3) fail("bad block");
    const [lit, dist] = type === 1 ? fixedCodes() : dynamicCodes(bits);
    for (;;) {
      let sym = bits.decode(lit);
      if (sym < 256) { if (o >= size) fail("longer than stated"); out[o++] = sym; continue; }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) fail("bad length code");
      let length = LEN_BASE[sym] + bits.need(LEN_EXTRA[sym]);
      const d = bits.decode(dist);
      if (d >= 30) fail("bad distance code");
      let from = o - (DIST_BASE[d] + bits.need(DIST_EXTRA[d]));
      if (from < 0) fail("distance too far back");
      if (o + length > size) fail("longer than stated");
      while (length--) out[o++] = out[from++];
    }
  } while (!last);
  if (o !== size) fail("shorter than stated");
  if (crc32(out) !== crc) fail("CRC mismatch");
  return out;
}
