/* sitegen search: paragraph-level search over the sharded index written by sitegen/render/search.py.
 *
 * Three parts: text analysis (the same folding, tokenizing and rule stemming as search_text.py, with
 * the rule tables read from the index's entry.json), the engine (fetches only the shards a query needs) and the
 * page behaviour (header box with instant results, the /search/ page, highlighting on arrival).
 * No inline scripts, no innerHTML with index text: everything from a report is set as textContent.
 */
(function () {
  "use strict";

  /* Stemming tables and stopwords: set from search/entry.json, written with the index they built. */
  var RULES = null;

  /* ---------- text analysis (mirror of sitegen/render/search_text.py) ---------- */

  var MARKS = /[\u0300-\u036f\p{Mn}\p{Me}]/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;
  var HAS_CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
  var DIGIT = /\p{Nd}/u;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(MARKS, "")
      .replace(/\u0629/g, "\u0647").replace(/\u0649/g, "\u064a").replace(/\u0640/g, "");
  }

  function cjkBigrams(run) {
    if (run.length < 2) return [run];
    var out = [];
    for (var i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2));
    return out;
  }

  function splitWord(word, out) {
    if (!HAS_CJK.test(word)) { out.push(word); return; }
    var pos = 0, m;
    CJK.lastIndex = 0;
    while ((m = CJK.exec(word)) !== null) {
      if (m.index > pos) out.push(word.slice(pos, m.index));
      Array.prototype.push.apply(out, cjkBigrams(m[0]));
      pos = m.index + m[0].length;
    }
    if (pos < word.length) out.push(word.slice(pos));
  }

  function words(text) {
    var out = [], m, folded = fold(text);
    WORD.lastIndex = 0;
    while ((m = WORD.exec(folded)) !== null) splitWord(m[0], out);
    return out;
  }

  function stem(word, lang) {
    var steps = RULES && RULES.stem[lang];
    if (!steps || word.length < 3 || DIGIT.test(word)) return word;
    for (var s = 0; s < steps.length; s++) {
      var prefix = steps[s].p, rules = steps[s].r;
      for (var i = 0; i < rules.length; i++) {
        var affix = rules[i][0], repl = rules[i][1], minLeft = rules[i][2];
        if (word.length - affix.length < minLeft) continue;
        if (prefix && word.slice(0, affix.length) === affix) { word = repl + word.slice(affix.length); break; }
        if (!prefix && word.slice(word.length - affix.length) === affix) {
          word = word.slice(0, word.length - affix.length) + repl; break;
        }
      }
    }
    return word;
  }

  var stopCache = {};
  function stopwords(lang) {
    if (!stopCache[lang]) {
      var set = new Set((RULES && RULES.stop[lang]) || []);
      stopCache[lang] = set;
    }
    return stopCache[lang];
  }

  function terms(text, lang) {
    var stop = stopwords(lang);
    return words(text).filter(function (w) { return !stop.has(w); }).map(function (w) { return stem(w, lang); });
  }

  /* ---------- query parsing ---------- */

  var SYMBOL_AT_START = /^\s*([A-Za-z][A-Za-z0-9.()\-]*(?:\/[A-Za-z0-9][A-Za-z0-9.()\-]*)+)(.*)$/;
  var PARA_REST = /^\s*,?\s*(?:(?:paras?\.?|paragraphs?|par\.|p\.|§|párr\.?|párrafo|paragraphe|пункт|п\.)\s*)?(\d+(?:\.\d+)?)\.?\s*(?:\(?\s*([a-zа-я]{1,4}|[ivxl]{1,5})\s*\))?\s*$/i;
  var CYR = "абвгдежзиклмнопрстуфхцчшщэюя", LAT = "abcdefghijklmnopqrstuvwxyz";

  function itemKey(label) {
    var core = label.toLowerCase();
    if (/^[а-я]+$/.test(core)) {
      core = core.split("").map(function (ch) { var i = CYR.indexOf(ch); return i < 0 ? ch : LAT[i]; }).join("");
    }
    return core;
  }

  function symbolKey(s) { return s.replace(/\s+/g, "").toUpperCase(); }

  /* "A/78/180 68 (j)" -> {symbol: "A/78/180", para: "68", item: "j", rest: ""} */
  function parseQuery(q) {
    var out = { symbol: null, para: null, item: null, phrases: [], text: q };
    var m = SYMBOL_AT_START.exec(q);
    if (m && /\d/.test(m[1])) {
      var sym = m[1].replace(/[.,;:]+$/, "");
      var rest = m[2];
      var p = PARA_REST.exec(rest);
      out.symbol = sym;
      if (p) { out.para = p[1].replace(/\.$/, ""); out.item = p[2] ? itemKey(p[2]) : null; rest = ""; }
      out.text = rest;
    }
    var phraseRe = /"([^"]+)"/g, pm;
    while ((pm = phraseRe.exec(out.text)) !== null) out.phrases.push(pm[1]);
    return out;
  }

  /* ---------- engine ---------- */

  function readVarint(buf, pos) {
    var n = 0, shift = 0, b;
    do { b = buf[pos.i++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
    return n;
  }

  /* A postings file (a shard t<n>.bin, or a prefix's p<hex>.bin): term -> {term, df, n, gaps, imp}, and
     the file's gzip tail, the cards (see search.py), left compressed until a query needs them. */
  function decodePostings(buf) {
    var pos = { i: 0 }, count = readVarint(buf, pos), map = new Map(), dec = new TextDecoder();
    for (var t = 0; t < count; t++) {
      var len = readVarint(buf, pos);
      var term = dec.decode(buf.subarray(pos.i, pos.i + len)); pos.i += len;
      var df = readVarint(buf, pos), n = readVarint(buf, pos), size = readVarint(buf, pos);
      var gaps = buf.subarray(pos.i, pos.i + size); pos.i += size;
      var imp = buf.subarray(pos.i, pos.i + n); pos.i += n;
      map.set(term, { term: term, df: df, n: n, gaps: gaps, docs: null, imp: imp });
    }
    return { terms: map, cards: buf.subarray(pos.i) };
  }

  /* A list's record ids, decoded from their gaps the first time a query uses the list: a shard holds
     about twenty lists and a query reads one or two of them. */
  function docsOf(p) {
    if (!p.docs) {
      var gaps = p.gaps, n = p.n, docs = new Uint32Array(n), i = 0, prev = 0;
      for (var k = 0; k < n; k++) {
        var b = gaps[i++], gap = b & 0x7f;  /* most gaps are one byte */
        for (var shift = 7; b & 0x80; shift += 7) { b = gaps[i++]; gap += (b & 0x7f) * Math.pow(2, shift); }
        prev += gap; docs[k] = prev;
      }
      p.docs = docs;
    }
    return p.docs;
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function lastAtMost(sorted, key) {
    var lo = 0, hi = sorted.length - 1, ans = 0;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (sorted[mid] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
    return ans;
  }

  /* ---------- gzip, inflated synchronously (RFC 1952 around RFC 1951, after zlib's puff.c) ----------
     The index's gzip files are a few kilobytes. DecompressionStream takes a stream round trip per
     file, 3-20 ms in Chromium on a busy machine even for 768 bytes; this takes 1-5 ms the first time
     in a page, then a fraction of a millisecond (a 9-bit table decodes the short codes). */

  var LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
                   3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  /* A canonical Huffman code from code lengths: how many codes of each length and the symbols in code
     order (for codes longer than FAST bits), and a table indexed by the next FAST input bits giving
     symbol << 4 | length for the shorter codes, the ones nearly every symbol uses. */
  var FAST = 9;
  function huffman(lengths) {
    var counts = new Uint16Array(16), offs = new Uint16Array(16), symbols = new Uint16Array(lengths.length);
    var table = new Uint16Array(1 << FAST), i, len;
    for (i = 0; i < lengths.length; i++) counts[lengths[i]]++;
    counts[0] = 0;
    for (i = 1; i < 16; i++) offs[i] = offs[i - 1] + counts[i - 1];
    for (i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offs[lengths[i]]++] = i;
    var code = 0, k = 0;
    for (len = 1; len <= FAST; len++) {
      for (var c = 0; c < counts[len]; c++, k++, code++) {
        var rev = 0;  /* codes are sent most significant bit first, into a stream read from bit 0 */
        for (var b = 0; b < len; b++) rev |= ((code >> b) & 1) << (len - 1 - b);
        for (var j = rev; j < (1 << FAST); j += 1 << len) table[j] = (symbols[k] << 4) | len;
      }
      code <<= 1;
    }
    return { counts: counts, symbols: symbols, table: table };
  }

  function Bits(buf, pos) { this.buf = buf; this.pos = pos; this.bit = 0; this.cnt = 0; }
  Bits.prototype.need = function (n) {
    var v = this.bit;
    while (this.cnt < n) {
      if (this.pos >= this.buf.length) throw new Error("gzip: truncated");
      v |= this.buf[this.pos++] << this.cnt; this.cnt += 8;
    }
    this.bit = v >>> n; this.cnt -= n;
    return v & ((1 << n) - 1);
  };
  Bits.prototype.decode = function (h) {
    while (this.cnt < FAST && this.pos < this.buf.length) { this.bit |= this.buf[this.pos++] << this.cnt; this.cnt += 8; }
    var e = h.table[this.bit & ((1 << FAST) - 1)];
    if (e && (e & 15) <= this.cnt) { this.bit >>>= e & 15; this.cnt -= e & 15; return e >> 4; }
    var code = 0, first = 0, index = 0;  /* a long code: one bit at a time (zlib's puff.c) */
    for (var len = 1; len < 16; len++) {
      code |= this.need(1);
      var count = h.counts[len];
      if (code - first < count) return h.symbols[index + code - first];
      index += count; first = (first + count) << 1; code <<= 1;
    }
    throw new Error("gzip: bad code");
  };

  var FIXED = null;
  function fixedCodes() {
    if (!FIXED) {
      var l = new Uint8Array(288);
      for (var i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
      FIXED = [huffman(l), huffman(new Uint8Array(30).fill(5))];
    }
    return FIXED;
  }

  function dynamicCodes(bits) {
    var nlen = bits.need(5) + 257, ndist = bits.need(5) + 1, ncode = bits.need(4) + 4;
    var cl = new Uint8Array(19);
    for (var i = 0; i < ncode; i++) cl[CODE_ORDER[i]] = bits.need(3);
    var lencode = huffman(cl), lengths = new Uint8Array(nlen + ndist);
    for (i = 0; i < nlen + ndist;) {
      var sym = bits.decode(lencode);
      if (sym < 16) { lengths[i++] = sym; continue; }
      var rep = 0, times;
      if (sym === 16) { if (!i) throw new Error("gzip: bad lengths"); rep = lengths[i - 1]; times = 3 + bits.need(2); }
      else times = sym === 17 ? 3 + bits.need(3) : 11 + bits.need(7);
      while (times--) lengths[i++] = rep;
    }
    return [huffman(lengths.subarray(0, nlen)), huffman(lengths.subarray(nlen))];
  }

  function gunzip(buf) {
    if (buf[0] !== 0x1f || buf[1] !== 0x8b || buf[2] !== 8) throw new Error("gzip: not gzip");
    var flags = buf[3], pos = 10;
    if (flags & 4) pos += 2 + (buf[pos] | (buf[pos + 1] << 8));
    if (flags & 8) { while (buf[pos++]); }
    if (flags & 16) { while (buf[pos++]); }
    if (flags & 2) pos += 2;
    var n = buf.length, size = (buf[n - 4] | (buf[n - 3] << 8) | (buf[n - 2] << 16) | (buf[n - 1] << 24)) >>> 0;
    var out = new Uint8Array(size), o = 0, bits = new Bits(buf, pos), last;
    do {
      last = bits.need(1);
      var type = bits.need(2);
      if (type === 0) {
        bits.bit = 0; bits.cnt = 0;
        var len = buf[bits.pos] | (buf[bits.pos + 1] << 8);
        out.set(buf.subarray(bits.pos + 4, bits.pos + 4 + len), o);
        o += len; bits.pos += 4 + len;
        continue;
      }
      if (type === 3) throw new Error("gzip: bad block");
      var codes = type === 1 ? fixedCodes() : dynamicCodes(bits);
      for (;;) {
        var sym = bits.decode(codes[0]);
        if (sym < 256) { out[o++] = sym; continue; }
        if (sym === 256) break;
        sym -= 257;
        var length = LEN_BASE[sym] + bits.need(LEN_EXTRA[sym]);
        var d = bits.decode(codes[1]), from = o - (DIST_BASE[d] + bits.need(DIST_EXTRA[d]));
        while (length--) out[o++] = out[from++];
      }
    } while (!last);
    return out;
  }

  function Engine(root, loader) {
    this.root = root;            /* "/search/" */
    this.loader = loader;        /* path -> Promise<Uint8Array> (raw file bytes) */
    this.cache = new Map();      /* path -> Promise of its bytes, inflated bytes, JSON or decoded postings */
    this.postings = new Map();   /* base + term -> postings list, from whichever file brought it first */
    this.cards = new Map();      /* base + doc -> record, from the cards of the postings files read */
    this.carded = new Set();     /* base + term: its first records are in this.cards */
    this.decoded = new Map();    /* base + file name -> its decoded postings, once loaded */
  }

  Engine.prototype.raw = function (path) {
    if (!this.cache.has(path)) {
      var p = this.loader(this.root + path);
      p.catch(function () {});
      this.cache.set(path, p);
    }
    return this.cache.get(path);
  };
  Engine.prototype.gz = function (path) {
    var key = "gz:" + path;
    if (!this.cache.has(key)) this.cache.set(key, this.raw(path).then(gunzip));
    return this.cache.get(key);
  };
  Engine.prototype.json = function (path, gz) {
    var key = "json:" + path, self = this;
    if (!this.cache.has(key)) {
      var bytes = gz ? this.gz(path) : this.raw(path);
      this.cache.set(key, bytes.then(function (b) { return JSON.parse(new TextDecoder().decode(b)); }));
    }
    return this.cache.get(key);
  };
  Engine.prototype.entry = function () {
    return this.json("entry.json", false).then(function (e) {
      if (e.rules && RULES !== e.rules) { RULES = e.rules; stopCache = {}; }
      return e;
    });
  };
  Engine.prototype.languages = async function () { return Object.keys((await this.entry()).languages); };
  Engine.prototype.manifest = async function (lang) {
    var e = await this.entry();
    var base = e.languages[lang];
    if (!base) throw new Error("no search index for language " + lang);
    var m = await this.json(base + "manifest.bin", true);
    if (!m.deq) {
      m.deq = new Float64Array(256);
      for (var q = 0; q < 256; q++) m.deq[q] = Math.expm1(q / 255 * m.logMax);
      m.base = base;
    }
    return m;
  };
  /* A postings file, decoded once; its lists join this.postings. Its postings are not gzip: see search.py. */
  Engine.prototype.postingsFile = function (m, name) {
    var key = "postings:" + m.base + name, self = this;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.raw(m.base + name).then(function (b) {
        var file = decodePostings(b);
        self.decoded.set(m.base + name, file.terms);
        file.terms.forEach(function (p, term) { if (!self.postings.has(m.base + term)) self.postings.set(m.base + term, p); });
        return file;
      }));
    }
    return this.cache.get(key);
  };
  /* A postings file with its cards read: the records each of its terms ranks first (terms in at least
     m.cardMinDf records; a rarer word's results come from the record shards). */
  Engine.prototype.cardedFile = function (m, name) {
    var key = "carded:" + m.base + name, self = this;
    if (!this.cache.has(key)) {
      this.cache.set(key, this.postingsFile(m, name).then(function (file) {
        var rows = JSON.parse(new TextDecoder().decode(gunzip(file.cards)));
        rows.forEach(function (r) {
          self.cards.set(m.base + r[0], { doc: r[0], kind: r[1], url: r[2], cite: r[3], crumb: r[4], text: r[5] });
        });
        file.terms.forEach(function (p, term) { if (p.df >= m.cardMinDf) self.carded.add(m.base + term); });
        return file;
      }));
    }
    return this.cache.get(key);
  };
  Engine.prototype.record = async function (m, doc) {
    var card = this.cards.get(m.base + doc);
    if (card) return Object.assign({}, card);
    var shard = Math.floor(doc / m.docsPerShard);
    var recs = await this.json(m.base + "d" + shard + ".bin", true);
    var r = recs[doc - shard * m.docsPerShard];
    return { doc: doc, kind: r[0], url: r[1], cite: r[2], crumb: r[3], text: r[4] };
  };
  Engine.prototype.symbol = async function (key) {
    var e = await this.entry();
    if (!e.symbols || !e.symbols.first.length) return { exact: null, prefixed: [] };
    var i = lastAtMost(e.symbols.first, key);
    var rows = await this.json(e.symbols.base + "s" + i + ".bin", true);
    var exact = null, prefixed = [];
    for (var r = 0; r < rows.length; r++) {
      if (rows[r][0] === key) exact = rows[r][1];
      else if (rows[r][0].indexOf(key) === 0 && prefixed.length < 5) prefixed.push(rows[r][1]);
    }
    return { exact: exact, prefixed: prefixed };
  };

  /* The postings shard that holds (or would hold) a term. */
  function shardOf(m, term) { return lastAtMost(m.terms, term); }

  /* Where the completions of a word being typed are: in the one shard its terms fall in, or, when they
     run over several shards, in the prefix's own file (its m.completions most common terms). */
  function prefixSource(m, prefix) {
    var first = shardOf(m, prefix), last = shardOf(m, prefix + "\uffff");
    return first === last ? { name: "t" + first + ".bin", own: false } : { name: "p" + hex(prefix) + ".bin", own: true };
  }

  /* A word being typed matches terms it starts ("clim" -> "climat") and, since terms are stems, stems
     it extends by up to five letters ("utilit" -> "util", the stem of "utilities"; "adaptatio" ->
     "adapt", the stem of "adaptation": English "-ation" is five letters). */
  var STEM_EXTENSION = 5;  /* search.py STEM_EXTENSION */
  function shorterStems(prefix) {
    var out = [];
    for (var k = prefix.length - 1; k >= Math.max(3, prefix.length - STEM_EXTENSION); k--) out.push(prefix.slice(0, k));
    return out;
  }

  /* Every postings file a query's word groups need, fetched at once: one round trip for the whole
     query. A term already met in any file is not fetched again. With `cards`, each file comes with
     the records its terms rank first, so a one-word query needs no second round for record shards. */
  Engine.prototype.loadFor = async function (m, groups, cards) {
    var self = this, waits = [];
    function file(name) { waits.push(cards ? self.cardedFile(m, name) : self.postingsFile(m, name)); }
    function term(t) {
      var key = m.base + t;
      var known = self.postings.get(key);
      if (known && (!cards || known.df < m.cardMinDf || self.carded.has(key))) return;
      var i = shardOf(m, t);
      file("t" + i + ".bin");
    }
    groups.forEach(function (g) {
      var src = g.prefix && prefixSource(m, g.prefix);
      /* A prefix's own file also holds the word's stem and the stems it extends (search.py). */
      if (src && src.own) { file(src.name); return; }
      if (!g.stop) term(g.term);
      if (!g.prefix) return;
      shorterStems(g.prefix).forEach(term);
      file(src.name);
    });
    await Promise.all(waits);
  };

  /* The postings lists of one word group, from files already loaded (no awaits), each with a weight:
     the word's own term, and while it is typed, the stems it extends and its m.completions most common
     completions. A word being typed most likely ends as a common word, so each list counts in
     proportion to how many records have its term, against the group's most common: "climate fi"
     ranks "climate finance" first, not a rare "fi..." word's records, and stays put while "finance" is
     typed out. */
  Engine.prototype.groupPostings = function (m, g) {
    var self = this, ps = [];
    function add(p) { if (p && ps.indexOf(p) < 0) ps.push(p); }
    function known(t) { return self.postings.get(m.base + t); }
    if (!g.stop) add(known(g.term));
    if (g.prefix) {
      shorterStems(g.prefix).forEach(function (t) { add(known(t)); });
      var found = [];
      this.decoded.get(m.base + prefixSource(m, g.prefix).name).forEach(function (p, term) {
        if (term.indexOf(g.prefix) === 0) found.push(p);
      });
      found.sort(function (a, b) { return b.df - a.df || (a.term < b.term ? -1 : 1); });
      found.slice(0, m.completions).forEach(function (p) { add(known(p.term)); });
    }
    var most = Math.max.apply(null, ps.map(function (p) { return p.df; }).concat([1]));
    return ps.map(function (p) { return { p: p, w: p.df / most }; });
  };

  /* Rank the records the word groups match. A record's score is, per group, the best weighted impact
     among the group's postings lists, summed over groups. Records matching every group come first
     (only those, when there are any); `k` best are returned, sorted, with the number of candidates.
     Postings lists are sorted by record id, so groups are merges of typed arrays: no Map, no object
     per posting, nothing sized by the collection. In a fresh page (the first keystrokes, before the
     JIT has seen this code) a Map per group cost 5-18 ms for 2,000 postings, and typed arrays over
     all 361,000 records a page fault per page touched. */
  function rank(m, lists, filters, k) {
    var deq = m.deq, all = null;
    lists.forEach(function (group) {
      var parts = group.map(function (g) { return scored(g.p, g.w, deq); });
      while (parts.length > 1) {
        var next = [];
        for (var i = 0; i < parts.length; i += 2) next.push(i + 1 < parts.length ? merge(parts[i], parts[i + 1], false) : parts[i]);
        parts = next;
      }
      var one = parts[0] || { docs: new Uint32Array(0), score: new Float64Array(0) };
      one.matched = new Uint8Array(one.docs.length).fill(1);
      all = all ? merge(all, one, true) : one;
    });
    var need = lists.length, n = all.docs.length, M = all.matched, S = all.score;
    var ok = new Uint8Array(n), passing = 0, full = 0;
    for (var i = 0; i < n; i++) {
      var pass = true;
      for (var f = 0; f < filters.length && pass; f++) pass = inRanges(all.docs[i], filters[f]);
      if (!pass) continue;
      ok[i] = 1; passing++;
      if (M[i] === need) full++;
    }
    /* The k best, best first: more groups matched, then higher score, then lower id (records come in
       id order, so a tie never displaces an earlier one). */
    var top = new Int32Array(k), size = 0;
    for (i = 0; i < n; i++) {
      var mi = M[i], si = S[i];
      if (!ok[i] || (full && mi !== need)) continue;
      if (size === k && (mi < M[top[k - 1]] || (mi === M[top[k - 1]] && si <= S[top[k - 1]]))) continue;
      var at = size < k ? size++ : k - 1;
      for (; at > 0; at--) {
        var q = top[at - 1];
        if (mi < M[q] || (mi === M[q] && si <= S[q])) break;
        top[at] = q;
      }
      top[at] = i;
    }
    var best = [];
    for (i = 0; i < size; i++) best.push({ doc: all.docs[top[i]], score: S[top[i]], matched: M[top[i]] });
    return { total: full ? full : passing, full: full > 0, top: best };
  }

  /* A postings list as record ids and weighted scores. */
  function scored(p, w, deq) {
    var n = p.n, score = new Float64Array(n);
    for (var i = 0; i < n; i++) score[i] = deq[p.imp[i]] * w;
    return { docs: docsOf(p), score: score, matched: null };
  }

  /* Two lists sorted by record id, merged: a record in both keeps the better score (one word group's
     lists), or the sum and the count of groups matched (`sum`: across groups). */
  function merge(a, b, sum) {
    var na = a.docs.length, nb = b.docs.length, docs = new Uint32Array(na + nb), score = new Float64Array(na + nb);
    var matched = sum ? new Uint8Array(na + nb) : null, i = 0, j = 0, k = 0, END = 4294967296;
    while (i < na || j < nb) {
      var da = i < na ? a.docs[i] : END, db = j < nb ? b.docs[j] : END;
      if (da === db) {
        docs[k] = da;
        if (sum) { score[k] = a.score[i] + b.score[j]; matched[k] = a.matched[i] + b.matched[j]; }
        else score[k] = Math.max(a.score[i], b.score[j]);
        i++; j++;
      } else if (da < db) {
        docs[k] = da; score[k] = a.score[i]; if (sum) matched[k] = a.matched[i]; i++;
      } else {
        docs[k] = db; score[k] = b.score[j]; if (sum) matched[k] = b.matched[j]; j++;
      }
      k++;
    }
    return { docs: docs.subarray(0, k), score: score.subarray(0, k), matched: sum ? matched.subarray(0, k) : null };
  }

  function allowedRanges(m, opts) {
    var lists = [];
    if (opts.body) lists.push(m.facets.body[opts.body] || []);
    if (opts.year) lists.push(m.facets.year[opts.year] || []);
    if (opts.range) lists.push([opts.range]);
    return lists;
  }
  function inRanges(doc, ranges) {
    for (var i = 0; i < ranges.length; i++) if (doc >= ranges[i][0] && doc < ranges[i][1]) return true;
    return false;
  }

  /* Word sequence of a phrase found in text, comparing stems (so "human right" finds "human rights"). */
  function containsPhrase(text, phrase, lang) {
    var hay = words(text).map(function (w) { return stem(w, lang); });
    var needle = words(phrase).map(function (w) { return stem(w, lang); });
    if (!needle.length) return true;
    outer: for (var i = 0; i + needle.length <= hay.length; i++) {
      for (var j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  }

  /*
   * search(query, {lang, body, year, limit, offset, prefix}) ->
   *   {jump: {url, label} | null, reports: [...], hits: [record + score], total, lang, terms}
   */
  Engine.prototype.search = async function (query, opts) {
    opts = opts || {};
    var lang = opts.lang, limit = opts.limit || 10, offset = opts.offset || 0;
    var parsed = parseQuery(query);
    var result = { jump: null, reports: [], hits: [], total: 0, lang: lang, highlight: [], prefixes: [] };
    var scope = null;
    if (parsed.symbol) {
      var sym = await this.symbol(symbolKey(parsed.symbol));
      var rep = sym.exact;
      if (rep) {
        var u = rep.u[lang] || rep.u[Object.keys(rep.u).sort()[0]];
        var url = u[0], label = rep.s;
        if (parsed.para) {
          url += "#para-" + parsed.para + (parsed.item ? "-" + parsed.item : "");
          label += ", para. " + parsed.para + (parsed.item ? " (" + parsed.item + ")" : "");
        }
        result.jump = { url: url, label: label, title: rep.t };
        if (rep.u[lang]) scope = [rep.u[lang][1], rep.u[lang][2]];
      } else {
        result.reports = sym.prefixed.map(function (r) {
          var u2 = r.u[lang] || r.u[Object.keys(r.u).sort()[0]];
          return { url: u2[0], label: r.s, title: r.t };
        });
      }
      if (!parsed.text.trim()) return result;
      if (!rep) parsed.text = query; /* not a symbol we have: search its words instead */
    }

    var m = await this.manifest(lang);
    var text = parsed.text;
    var stop = stopwords(lang);
    var raw = words(text.replace(/"/g, " "));
    var typingLast = opts.prefix !== false && !/[\s"]$/.test(text) && raw.length > 0;
    var groups = [];
    var seen = new Set();
    for (var i = 0; i < raw.length; i++) {
      var isLast = i === raw.length - 1 && typingLast;
      /* A word being typed counts from its second letter: "climate f" is still "climate". */
      if (isLast && raw[i].length < 2 && !HAS_CJK.test(raw[i])) { result.keepTyping = !groups.length; continue; }
      var st = stem(raw[i], lang);
      if (!isLast && stop.has(raw[i])) continue;
      var key = (isLast ? "~" : "") + st;
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push({ term: st, prefix: isLast && (raw[i].length >= 2 || HAS_CJK.test(raw[i])) ? raw[i] : null,
                    stop: stop.has(raw[i]) });
      result.highlight.push(st);
      if (isLast) result.prefixes.push(raw[i]);
    }
    if (!groups.length) return result;

    var self = this;
    var filters = allowedRanges(m, { body: opts.body, year: opts.year, range: scope });
    /* One word, unfiltered, first page of the box: its results are among the records its postings
       files' cards hold (see search.py), so no record shard is fetched. */
    var cards = groups.length === 1 && !parsed.phrases.length && !filters.length && offset + limit <= m.cards;
    await this.loadFor(m, groups, cards);
    var lists = groups.map(function (g) { return self.groupPostings(m, g); });
    /* Phrases are checked on the text of up to 300 candidates; otherwise only the page asked for. */
    var ranked = rank(m, lists, filters, parsed.phrases.length ? 300 : offset + limit);
    var cands = ranked.top;

    var hits = [];
    if (parsed.phrases.length) {
      var checked = 0, verified = [];
      for (var c = 0; c < cands.length && verified.length < offset + limit && checked < 300; c += 20) {
        var batch = cands.slice(c, c + 20);
        checked += batch.length;
        var recs = await Promise.all(batch.map(function (a) { return self.record(m, a.doc); }));
        recs.forEach(function (r, k) {
          var ok = parsed.phrases.every(function (ph) { return containsPhrase(r.text + " " + r.crumb, ph, lang); });
          if (ok) { r.score = batch[k].score; verified.push(r); }
        });
      }
      result.total = verified.length;
      hits = verified.slice(offset, offset + limit);
    } else {
      result.total = ranked.total;
      hits = await Promise.all(cands.slice(offset, offset + limit).map(async function (a) {
        var r = await self.record(m, a.doc); r.score = a.score; return r;
      }));
    }
    result.hits = hits;
    result.full = ranked.full;
    return result;
  };

  /* Split text into [segment, isMatch] pairs: words whose stem is a query stem or starts with a prefix. */
  function markSegments(text, stems, prefixes, lang) {
    var out = [], pos = 0, m, set = new Set(stems);
    var re = /[\p{L}\p{N}]+/gu;
    while ((m = re.exec(text)) !== null) {
      var parts = words(m[0]);
      var hit = parts.some(function (w) {
        if (set.has(stem(w, lang))) return true;
        for (var i = 0; i < prefixes.length; i++) if (w.indexOf(prefixes[i]) === 0) return true;
        return false;
      });
      if (!hit && HAS_CJK.test(m[0])) hit = stems.some(function (s) { return HAS_CJK.test(s) && fold(m[0]).indexOf(s) >= 0; });
      if (hit) {
        if (m.index > pos) out.push([text.slice(pos, m.index), false]);
        out.push([m[0], true]);
        pos = m.index + m[0].length;
      }
    }
    if (pos < text.length) out.push([text.slice(pos), false]);
    return out;
  }

  /* A window of the text around the first match, at most ~`width` characters. */
  function snippet(text, stems, prefixes, lang, width) {
    var segs = markSegments(text, stems, prefixes, lang);
    var first = -1, acc = 0;
    for (var i = 0; i < segs.length; i++) { if (segs[i][1]) { first = acc; break; } acc += segs[i][0].length; }
    var start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
    if (start > 0) { var sp = text.indexOf(" ", start); start = sp >= 0 && sp < first ? sp + 1 : start; }
    var end = Math.min(text.length, start + width);
    if (end < text.length) { var sp2 = text.lastIndexOf(" ", end); if (sp2 > start) end = sp2; }
    var out = [], pos = 0;
    segs.forEach(function (s) {
      var a = pos, b = pos + s[0].length; pos = b;
      var lo = Math.max(a, start), hi = Math.min(b, end);
      if (lo < hi) out.push([s[0].slice(lo - a, hi - a), s[1]]);
    });
    if (start > 0) out.unshift(["… ", false]);
    if (end < text.length) out.push([" …", false]);
    return out;
  }

  var api = { fold: fold, words: words, stem: stem, terms: terms, parseQuery: parseQuery, Engine: Engine,
              markSegments: markSegments, snippet: snippet, decodePostings: decodePostings, gunzip: gunzip, setRules: function (r) { RULES = r; stopCache = {}; } };

  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") return;
  window.SitegenSearch = api;

  /* ---------- page behaviour ---------- */

  var script = document.currentScript;
  var siteRoot = script && script.src ? script.src.replace(/assets\/[^\/]*$/, "") : location.origin + "/";
  var searchRoot = siteRoot + "search/";
  var engine = new Engine(searchRoot, function (url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.arrayBuffer();
    }).then(function (b) { return new Uint8Array(b); });
  });
  api.engine = engine;

  function pageLang() {
    var el = document.querySelector("article[lang]") || document.documentElement;
    return (el.getAttribute("lang") || "en").toLowerCase().split("-")[0];
  }

  async function pickLang(wanted) {
    var langs = await engine.languages();
    if (wanted && langs.indexOf(wanted) >= 0) return wanted;
    return langs.indexOf("en") >= 0 ? "en" : langs.sort()[0];
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function withHighlight(url, query) {
    var words = query.replace(/"/g, " ").trim();
    if (!words) return url;
    var hash = url.indexOf("#");
    var path = hash >= 0 ? url.slice(0, hash) : url, frag = hash >= 0 ? url.slice(hash) : "";
    return path + (path.indexOf("?") >= 0 ? "&" : "?") + "hl=" + encodeURIComponent(words) + frag;
  }

  function appendMarked(parent, segs) {
    segs.forEach(function (s) {
      if (s[1]) parent.appendChild(el("mark", null, s[0])); else parent.appendChild(document.createTextNode(s[0]));
    });
  }

  var KIND = { r: "Report", h: "Section", p: "", i: "", f: "Footnote" };

  function hitElement(tag, hit, res, query) {
    var a = el(tag, "search-hit");
    a.href = withHighlight(hit.url, query);
    var head = el("span", "search-hit-head");
    head.appendChild(el("span", "search-hit-cite", hit.cite));
    if (KIND[hit.kind]) head.appendChild(el("span", "search-hit-kind", KIND[hit.kind]));
    a.appendChild(head);
    if (hit.crumb) a.appendChild(el("span", "search-hit-crumb", hit.crumb));
    var snip = el("span", "search-hit-snippet");
    appendMarked(snip, snippet(hit.text, res.highlight, res.prefixes, res.lang, 180));
    a.appendChild(snip);
    return a;
  }

  function jumpElement(tag, jump) {
    var a = el(tag, "search-hit search-jump");
    a.href = jump.url;
    var head = el("span", "search-hit-head");
    head.appendChild(el("span", "search-hit-cite", "Go to " + jump.label));
    a.appendChild(head);
    if (jump.title) a.appendChild(el("span", "search-hit-crumb", jump.title));
    return a;
  }

  /* ---- header box: instant results ---- */

  function setupBox(input) {
    var form = input.form || input.parentNode;
    var list = el("div", "search-dropdown");
    list.id = "search-dropdown";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    var active = -1, seq = 0, lang = null;

    function options() { return list.querySelectorAll("[role=option]"); }
    function setActive(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    function close() {
      list.hidden = true; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function open() { list.hidden = false; input.setAttribute("aria-expanded", "true"); }

    async function run() {
      var q = input.value, my = ++seq;
      if (!q.trim()) { list.textContent = ""; close(); return; }
      lang = lang || await pickLang(pageLang());
      var res;
      /* As many results as the index keeps cards per term: a one-word query then needs one round. */
      try { res = await engine.search(q, { lang: lang, limit: (await engine.manifest(lang)).cards || 5 }); } catch (e) { return; }
      if (my !== seq) return;
      list.textContent = "";
      var n = 0;
      function add(node) { node.id = "search-opt-" + n++; node.setAttribute("role", "option"); node.tabIndex = -1; list.appendChild(node); }
      if (res.jump) add(jumpElement("a", res.jump));
      res.reports.forEach(function (r) { add(jumpElement("a", r)); });
      /* Records matching only some of the words come only when none match all: say so, as the
         results page does, so a reader does not take them for exact matches. */
      if (res.full === false && res.hits.length) list.appendChild(el("p", "search-empty", "Not every word matched:"));
      res.hits.forEach(function (h) { add(hitElement("a", h, res, q)); });
      if (!n) list.appendChild(el("p", "search-empty", res.keepTyping ? "Keep typing…" : "No results"));
      var all = el("a", "search-all", res.total > res.hits.length ? "All " + res.total + " results" : "Open the results page");
      all.href = siteRoot + "search/?q=" + encodeURIComponent(q);
      add(all);
      active = -1;
      open();
      if (res.jump) setActive(0);
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () {
      pickLang(pageLang()).then(function (l) { lang = l; return engine.manifest(l); }).catch(function () {});
      if (input.value.trim() && list.childNodes.length) open();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
      else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ""; }
        else input.blur();
      } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
        e.preventDefault();
        location.href = options()[active].href;
      }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var input = document.getElementById("search-input");
    if (input) { e.preventDefault(); input.focus(); input.select(); }
  });

  /* ---- the /search/ page ---- */

  async function setupPage(page) {
    var form = page.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var status = page.querySelector(".search-status");
    var listEl = page.querySelector(".search-results");
    var more = page.querySelector(".search-more");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var header = document.getElementById("search-input");
    if (header && !header.value) header.value = input.value;
    var lang = await pickLang(params.get("lang") || pageLang());
    var langs = await engine.languages();
    var selects = { body: form.querySelector("select[name=body]"), year: form.querySelector("select[name=year]"),
                    lang: form.querySelector("select[name=lang]") };

    function fill(select, values, current, allLabel) {
      if (!select) return;
      select.textContent = "";
      if (allLabel) { var o = el("option", null, allLabel); o.value = ""; select.appendChild(o); }
      values.forEach(function (v) { var op = el("option", null, v); op.value = v; select.appendChild(op); });
      select.value = current || "";
    }
    async function fillFacets() {
      var m = await engine.manifest(lang);
      fill(selects.body, Object.keys(m.facets.body).sort(), params.get("body"), "All bodies");
      fill(selects.year, Object.keys(m.facets.year).sort().reverse(), params.get("year"), "All years");
      fill(selects.lang, langs.slice().sort(), lang, null);
    }
    await fillFacets();

    var shown = 0, seq = 0;
    async function render(append) {
      var q = input.value, my = ++seq;
      var opts = { lang: lang, body: selects.body ? selects.body.value : "", year: selects.year ? selects.year.value : "",
                   limit: 20, offset: append ? shown : 0, prefix: false };
      if (!append) { listEl.textContent = ""; shown = 0; }
      if (!q.trim()) { status.textContent = "Type words, a phrase in quotes, or a symbol such as A/79/213 para 26."; more.hidden = true; return; }
      status.textContent = "Searching…";
      var res = await engine.search(q, opts);
      if (my !== seq) return;
      if (!append && res.jump) { var li0 = el("li"); li0.appendChild(jumpElement("a", res.jump)); listEl.appendChild(li0); }
      if (!append) res.reports.forEach(function (r) { var li1 = el("li"); li1.appendChild(jumpElement("a", r)); listEl.appendChild(li1); });
      res.hits.forEach(function (h) { var li = el("li"); li.appendChild(hitElement("a", h, res, q)); listEl.appendChild(li); });
      shown += res.hits.length;
      var total = res.total + (res.jump ? 1 : 0);
      status.textContent = total ? (res.total + " result" + (res.total === 1 ? "" : "s") + " for “" + q + "”" +
        (res.full === false && res.total ? " (not every word matched)" : "")) : "No results for “" + q + "”";
      more.hidden = shown >= res.total;
    }

    function syncUrl() {
      var p = new URLSearchParams();
      p.set("q", input.value);
      ["body", "year"].forEach(function (k) { if (selects[k] && selects[k].value) p.set(k, selects[k].value); });
      if (selects.lang && selects.lang.value) p.set("lang", selects.lang.value);
      history.replaceState(null, "", "?" + p.toString());
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); syncUrl(); render(false); });
    form.addEventListener("change", async function (e) {
      if (e.target === selects.lang) { lang = selects.lang.value; params = new URLSearchParams(); await fillFacets(); }
      syncUrl(); render(false);
    });
    more.addEventListener("click", function () { render(true); });
    render(false);
  }

  /* ---- arrival: highlight the query words in the target paragraph ---- */

  async function highlightArrival() {
    var params = new URLSearchParams(location.search);
    var hl = params.get("hl");
    if (!hl || !location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    var langEl = target.closest("[lang]");
    var lang = ((langEl && langEl.getAttribute("lang")) || "en").toLowerCase().split("-")[0];
    try { await engine.entry(); } catch (e) { return; }
    var stems = terms(hl, lang);
    if (!stems.length) return;
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      if (node.parentNode.closest(".para-num, .item-label, .fnref, .para-tools, .para-pdf")) return;
      var segs = markSegments(node.nodeValue, stems, [], lang);
      if (!segs.some(function (s) { return s[1]; })) return;
      var frag = document.createDocumentFragment();
      segs.forEach(function (s) {
        if (s[1]) frag.appendChild(el("mark", "search-hl", s[0])); else frag.appendChild(document.createTextNode(s[0]));
      });
      node.parentNode.replaceChild(frag, node);
    });
    target.classList.add("search-target");
  }

  function init() {
    var input = document.getElementById("search-input");
    if (input) setupBox(input);
    var page = document.getElementById("search-page");
    if (page) setupPage(page).catch(function () {
      var status = page.querySelector(".search-status");
      if (status) status.textContent = "The search index could not be loaded.";
    });
    highlightArrival();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
