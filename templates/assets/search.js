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

  function decodeShard(buf) {
    var pos = { i: 0 }, count = readVarint(buf, pos), map = new Map(), dec = new TextDecoder();
    for (var t = 0; t < count; t++) {
      var len = readVarint(buf, pos);
      var term = dec.decode(buf.subarray(pos.i, pos.i + len)); pos.i += len;
      var n = readVarint(buf, pos), docs = new Uint32Array(n), prev = 0;
      for (var k = 0; k < n; k++) { prev += readVarint(buf, pos); docs[k] = prev; }
      var imp = buf.subarray(pos.i, pos.i + n); pos.i += n;
      map.set(term, { docs: docs, imp: imp });
    }
    return map;
  }

  function lastAtMost(sorted, key) {
    var lo = 0, hi = sorted.length - 1, ans = 0;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (sorted[mid] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
    return ans;
  }

  async function inflateBrowser(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function Engine(root, loader) {
    this.root = root;            /* "/search/" */
    this.loader = loader;        /* path -> Promise<Uint8Array> (raw file bytes) */
    this.cache = new Map();
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
    var self = this, key = "gz:" + path;
    if (!this.cache.has(key)) this.cache.set(key, this.raw(path).then(function (b) { return self.inflate(b); }));
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
  Engine.prototype.inflate = inflateBrowser;
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
  Engine.prototype.shard = function (m, i) {
    var key = "shard:" + m.base + i, self = this;
    if (!this.cache.has(key)) this.cache.set(key, this.gz(m.base + "t" + i + ".bin").then(decodeShard));
    return this.cache.get(key);
  };
  Engine.prototype.record = async function (m, doc) {
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

  /* Postings shard index of a term, and the range of shards (at most 3) that can hold terms starting
     with `prefix`. */
  function shardOf(m, term) { return lastAtMost(m.terms, term); }
  function prefixShards(m, prefix) {
    var first = shardOf(m, prefix), last = shardOf(m, prefix + "\uffff");
    return [first, Math.min(last, first + 2)];
  }

  /* A word being typed matches terms it starts ("clim" -> "climat") and, since terms are stems, stems
     it extends by up to five letters ("utilit" -> "util", the stem of "utilities"; "adaptatio" ->
     "adapt", the stem of "adaptation": English "-ation" is five letters). */
  var STEM_EXTENSION = 5;
  function shorterStems(prefix) {
    var out = [];
    for (var k = prefix.length - 1; k >= Math.max(3, prefix.length - STEM_EXTENSION); k--) out.push(prefix.slice(0, k));
    return out;
  }

  /* Every postings shard a query's word groups need, fetched at once: one round trip for the whole
     query instead of one await per term and prefix shard. */
  Engine.prototype.loadShards = async function (m, groups) {
    var wanted = new Set();
    groups.forEach(function (g) {
      if (!g.stop) wanted.add(shardOf(m, g.term));
      if (!g.prefix) return;
      shorterStems(g.prefix).forEach(function (t) { wanted.add(shardOf(m, t)); });
      var span = prefixShards(m, g.prefix);
      for (var i = span[0]; i <= span[1]; i++) wanted.add(i);
    });
    var self = this, ids = Array.from(wanted), loaded = new Map();
    var shards = await Promise.all(ids.map(function (i) { return self.shard(m, i); }));
    ids.forEach(function (i, k) { loaded.set(i, shards[k]); });
    return loaded;
  };

  /* The postings lists of one word group, from shards already loaded (no awaits). */
  function groupPostings(m, g, loaded) {
    var ps = [];
    function add(p) { if (p && ps.indexOf(p) < 0) ps.push(p); }
    if (!g.stop) add(loaded.get(shardOf(m, g.term)).get(g.term));
    if (!g.prefix) return ps;
    shorterStems(g.prefix).forEach(function (t) { add(loaded.get(shardOf(m, t)).get(t)); });
    var span = prefixShards(m, g.prefix), found = [];
    for (var i = span[0]; i <= span[1]; i++) {
      loaded.get(i).forEach(function (p, term) { if (term.indexOf(g.prefix) === 0) found.push([term, p]); });
    }
    /* The most frequent first, at most 40. */
    found.sort(function (a, b) { return b[1].docs.length - a[1].docs.length || (a[0] < b[0] ? -1 : 1); });
    found.slice(0, 40).forEach(function (x) { add(x[1]); });
    return ps;
  }

  /* Rank the records the word groups match. A record's score is, per group, the best impact among
     the group's postings lists, summed over groups. Records matching every group come first (only
     those, when there are any); `k` best are returned, sorted, with the number of candidates. Typed
     arrays indexed by record id (kept on the manifest, cleared after use) and a bounded selection
     instead of a Map per group and a full sort: a two-letter prefix touches ~80,000 postings, and
     those were the slowest part of a keystroke once its shards were fetched. */
  function rank(m, lists, filters, k) {
    if (!m.best) { m.best = new Float64Array(m.docs); m.sum = new Float64Array(m.docs); m.hits = new Uint8Array(m.docs); }
    var best = m.best, sum = m.sum, hits = m.hits, deq = m.deq, touched = [];
    lists.forEach(function (ps) {
      var group = [];
      ps.forEach(function (p) {
        var docs = p.docs, imp = p.imp;
        for (var i = 0; i < docs.length; i++) {
          var d = docs[i], s = deq[imp[i]];
          if (best[d] === 0) group.push(d);
          if (s > best[d]) best[d] = s;
        }
      });
      for (var j = 0; j < group.length; j++) {
        var doc = group[j];
        if (hits[doc] === 0) touched.push(doc);
        sum[doc] += best[doc]; hits[doc] += 1; best[doc] = 0;
      }
    });
    var passing = touched.filter(function (d) {
      for (var f = 0; f < filters.length; f++) if (!inRanges(d, filters[f])) return false;
      return true;
    });
    var need = lists.length, full = passing.filter(function (d) { return hits[d] === need; });
    var pool = full.length ? full : passing;
    var top = topK(pool, k, function (a, b) { return hits[b] - hits[a] || sum[b] - sum[a] || a - b; });
    var out = { total: pool.length, full: full.length > 0,
                top: top.map(function (d) { return { doc: d, score: sum[d], matched: hits[d] }; }) };
    touched.forEach(function (d) { sum[d] = 0; hits[d] = 0; });
    return out;
  }

  /* The k smallest of `items` under `cmp`, sorted: one pass keeping a sorted window of k. */
  function topK(items, k, cmp) {
    if (items.length <= 4 * k) return items.slice().sort(cmp).slice(0, k);
    var win = [];
    for (var i = 0; i < items.length; i++) {
      var x = items[i];
      if (win.length === k && cmp(x, win[k - 1]) >= 0) continue;
      var lo = 0, hi = win.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(win[mid], x) <= 0) lo = mid + 1; else hi = mid; }
      win.splice(lo, 0, x);
      if (win.length > k) win.pop();
    }
    return win;
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
    var loaded = await this.loadShards(m, groups);
    var lists = groups.map(function (g) { return groupPostings(m, g, loaded); });
    var filters = allowedRanges(m, { body: opts.body, year: opts.year, range: scope });
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
              markSegments: markSegments, snippet: snippet, decodeShard: decodeShard, setRules: function (r) { RULES = r; stopCache = {}; } };

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
      try { res = await engine.search(q, { lang: lang, limit: 8 }); } catch (e) { return; }
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
      if (!n) list.appendChild(el("p", "search-empty", "No results"));
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
