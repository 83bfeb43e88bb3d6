/* The engine: fetches only the files a query needs (sitegen/render/search/format.py has the layout),
   each once per page (promises are cached, so two keystrokes waiting for one file share its fetch),
   and answers search(query, options). It knows nothing of the page: highlight.js and box.js show
   what it finds. */

import { HAS_CJK, setRules, stem, stopwords, words } from "./analysis.js";
import { gunzip } from "./inflate.js";
import { decodePostings } from "./postings.js";
import { paragraphCitation, parseQuery, symbolKey } from "./query.js";
import { dequantiser, rank } from "./rank.js";

function hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => (b < 16 ? "0" : "") + b.toString(16)).join("");
}

function lastAtMost(sorted, key) {
  let lo = 0, hi = sorted.length - 1, ans = 0;
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (sorted[mid] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
  return ans;
}

/* The postings shard that holds (or would hold) a term. */
function shardOf(m, term) { return lastAtMost(m.terms, term); }

/* Characters, not UTF-16 units: m.shared counts what Python's len counts. */
function length(text) { let n = 0; for (const _ of text) n++; return n; }

/* Whether shard k + 1 begins inside the run of terms that start with `start`, that run having begun in
   shard k: the first term of shard k + 1 starts with it (the caller knows), and shares at least as many
   characters with the last term of shard k (m.shared, index.py shared_lengths). */
function runsOn(m, k, start) { return m.shared[k + 1] >= length(start); }

/* Whether a term can be in its shard at all: a term that sorts just before the next shard's first term
   and is a prefix of it, longer than what that term shares with the shard's last term, sorts after the
   shard's last term, so no shard has it and nothing need be fetched for it. */
export function mayHold(m, term) {
  const i = shardOf(m, term), next = m.terms[i + 1];
  return !(next !== undefined && next !== term && next.startsWith(term) && !runsOn(m, i, term));
}

/* Where the completions of a word being typed are: in the one shard its terms fall in, or, when they
   run over several shards, in the prefix's own file (its m.completions most common terms), which sits
   in the folder of the shard the prefix would sort into. A boundary inside the prefix's range of
   names that its terms do not straddle (the shard before ends at "cost", the next begins at
   "council": "coun" is all in the second) is skipped. */
export function prefixSource(m, prefix) {
  const home = shardOf(m, prefix), last = shardOf(m, prefix + "\uffff");
  let first = home;
  while (first < last && !runsOn(m, first, prefix)) first++;
  return first === last ? { name: "t" + first + ".bin", shard: first, own: false }
    : { name: "p" + hex(prefix) + ".bin", shard: home, own: true };
}

/* A word being typed matches terms it starts ("clim" -> "climat") and, since terms are stems, stems
   it extends by up to five letters ("utilit" -> "util", the stem of "utilities"; "adaptatio" ->
   "adapt", the stem of "adaptation": English "-ation" is five letters). */
const STEM_EXTENSION = 5;  /* index.py STEM_EXTENSION */
function shorterStems(prefix) {
  const out = [];
  for (let k = prefix.length - 1; k >= Math.max(3, prefix.length - STEM_EXTENSION); k--) out.push(prefix.slice(0, k));
  return out;
}

/* Word sequence of a phrase found in text, comparing stems (so "human right" finds "human rights"). */
function containsPhrase(text, phrase, lang) {
  const hay = words(text).map((w) => stem(w, lang));
  const needle = words(phrase).map((w) => stem(w, lang));
  if (!needle.length) return true;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function allowedRanges(m, opts) {
  const lists = [];
  if (opts.body) lists.push(m.facets.body[opts.body] || []);
  if (opts.year) lists.push(m.facets.year[opts.year] || []);
  if (opts.range) lists.push([opts.range]);
  return lists;
}

export class Engine {
  /* root: the search folder's URL ("/search/"); loader: URL -> Promise<Uint8Array> of the file's bytes. */
  constructor(root, loader) {
    this.root = root;
    this.loader = loader;
    this.cache = new Map();      /* key -> Promise of a file's bytes, inflated bytes, JSON or decoded postings */
    this.postings = new Map();   /* base + term -> postings list, from whichever file brought it first */
    this.cards = new Map();      /* base + doc -> record, from the cards of the postings files read */
    this.carded = new Set();     /* base + term: its first records are in this.cards */
    this.decoded = new Map();    /* base + file name -> its decoded postings, once loaded */
  }

  memo(key, make) {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key);
  }
  raw(path) {
    return this.memo(path, () => {
      const p = this.loader(this.root + path);
      p.catch(() => {});
      return p;
    });
  }
  gz(path) { return this.memo("gz:" + path, () => this.raw(path).then(gunzip)); }
  json(path, gz) {
    return this.memo("json:" + path, () => (gz ? this.gz(path) : this.raw(path))
      .then((b) => JSON.parse(new TextDecoder().decode(b))));
  }
  async entry() {
    const e = await this.json("entry.json", false);
    if (e.rules) setRules(e.rules);
    return e;
  }
  async languages() { return Object.keys((await this.entry()).languages); }
  async manifest(lang) {
    const e = await this.entry();
    const base = e.languages[lang];
    if (!base) throw new Error("no search index for language " + lang);
    const m = await this.json(base + "manifest.bin", true);
    if (!m.deq) { m.deq = dequantiser(m.impactMax); m.base = base; }
    return m;
  }

  /* Where a file of a language's index is: its group's folder. */
  termPath(m, name, shard) { return m.lang + "/" + m.termGroups[Math.floor(shard / m.termGroup)] + "/" + name; }
  docPath(m, shard) { return m.lang + "/" + m.docGroups[Math.floor(shard / m.docGroup)] + "/d" + shard + ".bin"; }

  /* A postings file, decoded once; its lists join this.postings. Its postings are not gzip (format.py). */
  postingsFile(m, name, shard) {
    return this.memo("postings:" + m.base + name, () => this.raw(this.termPath(m, name, shard)).then((b) => {
      const file = decodePostings(b);
      this.decoded.set(m.base + name, file.terms);
      file.terms.forEach((p, term) => { if (!this.postings.has(m.base + term)) this.postings.set(m.base + term, p); });
      return file;
    }));
  }
  /* A postings file with its cards read: the records each of its terms ranks first (terms in at least
     m.cardMinDf records; a rarer word's results come from the record shards). */
  cardedFile(m, name, shard) {
    return this.memo("carded:" + m.base + name, () => this.postingsFile(m, name, shard).then((file) => {
      const rows = JSON.parse(new TextDecoder().decode(gunzip(file.cards)));
      for (const r of rows) this.cards.set(m.base + r[0], { doc: r[0], kind: r[1], url: r[2], cite: r[3], crumb: r[4], text: r[5], supersededBy: r[6] || "" });
      file.terms.forEach((p, term) => { if (p.df >= m.cardMinDf) this.carded.add(m.base + term); });
      return file;
    }));
  }
  async record(m, doc) {
    const card = this.cards.get(m.base + doc);
    if (card) return Object.assign({}, card);
    const shard = Math.floor(doc / m.docsPerShard);
    const recs = await this.json(this.docPath(m, shard), true);
    const r = recs[doc - shard * m.docsPerShard];
    if (!r) throw new Error("search: no record " + doc);
    return { doc, kind: r[0], url: r[1], cite: r[2], crumb: r[3], text: r[4], supersededBy: r[5] || "" };
  }
  async symbol(key) {
    const e = await this.entry();
    if (!e.symbols || !e.symbols.first.length) return { exact: null, prefixed: [] };
    const rows = await this.json(e.symbols.base + "s" + lastAtMost(e.symbols.first, key) + ".bin", true);
    let exact = null;
    const prefixed = [];
    for (const [k, rep] of rows) {
      if (k === key) exact = rep;
      else if (k.indexOf(key) === 0 && prefixed.length < 5) prefixed.push(rep);
    }
    return { exact, prefixed };
  }

  /* Every postings file a query's word groups need, fetched at once: one round trip for the whole
     query. A term already met in any file is not fetched again. With `cards`, each file comes with
     the records its terms rank first, so a one-word query needs no second round for record shards. */
  async loadFor(m, groups, cards) {
    const waits = [];
    const file = (name, shard) => waits.push(cards ? this.cardedFile(m, name, shard) : this.postingsFile(m, name, shard));
    const term = (t) => {
      const key = m.base + t, known = this.postings.get(key);
      if (known && (!cards || known.df < m.cardMinDf || this.carded.has(key))) return;
      if (!mayHold(m, t)) return;
      const i = shardOf(m, t);
      file("t" + i + ".bin", i);
    };
    for (const g of groups) {
      const src = g.prefix && prefixSource(m, g.prefix);
      /* A prefix's own file also holds the word's stem and the stems it extends (index.py). */
      if (src && src.own) { file(src.name, src.shard); continue; }
      if (!g.stop) term(g.term);
      if (!g.prefix) continue;
      shorterStems(g.prefix).forEach(term);
      file(src.name, src.shard);
    }
    await Promise.all(waits);
  }

  /* The postings lists of one word group, from files already loaded (no awaits), each with a weight:
     the word's own term, and while it is typed, the stems it extends and its m.completions most common
     completions. A word being typed most likely ends as a common word, so each list counts in
     proportion to how many records have its term, against the group's most common: "climate fi"
     ranks "climate finance" first, not a rare "fi..." word's records, and stays put while "finance" is
     typed out. */
  groupPostings(m, g) {
    const ps = [];
    const add = (p) => { if (p && ps.indexOf(p) < 0) ps.push(p); };
    const known = (t) => this.postings.get(m.base + t);
    if (!g.stop) add(known(g.term));
    if (g.prefix) {
      shorterStems(g.prefix).forEach((t) => add(known(t)));
      const found = [];
      this.decoded.get(m.base + prefixSource(m, g.prefix).name).forEach((p, term) => {
        if (term.indexOf(g.prefix) === 0) found.push(p);
      });
      found.sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
      found.slice(0, m.completions).forEach((p) => add(known(p.term)));
    }
    const most = Math.max(1, ...ps.map((p) => p.df));
    return ps.map((p) => ({ p, w: p.df / most }));
  }

  /* The word groups of a query's text: each word, and the last one as a prefix while it is typed. */
  groups(text, lang, opts, result) {
    const stop = stopwords(lang), raw = words(text.replace(/"/g, " "));
    const typingLast = opts.prefix !== false && !/[\s"]$/.test(text) && raw.length > 0;
    const groups = [], seen = new Set();
    for (let i = 0; i < raw.length; i++) {
      const isLast = i === raw.length - 1 && typingLast;
      /* A word being typed counts from its second letter: "climate f" is still "climate". */
      if (isLast && raw[i].length < 2 && !HAS_CJK.test(raw[i])) { result.keepTyping = !groups.length; continue; }
      const st = stem(raw[i], lang);
      if (!isLast && stop.has(raw[i])) continue;
      const key = (isLast ? "~" : "") + st;
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push({ term: st, prefix: isLast ? raw[i] : null, stop: stop.has(raw[i]) });
      result.highlight.push(st);
      if (isLast) result.prefixes.push(raw[i]);
    }
    return groups;
  }

  /* A symbol at the query's start: the jump (or reports it could be), and the report's record range. */
  async jump(parsed, lang, result) {
    const sym = await this.symbol(symbolKey(parsed.symbol));
    const rep = sym.exact;
    const urlFor = (r) => r.u[lang] || r.u[Object.keys(r.u).sort()[0]];
    if (!rep) {
      result.reports = sym.prefixed.map((r) => ({ url: urlFor(r)[0], label: r.s, title: r.t, supersededBy: r.r || "" }));
      return { found: false, scope: null };
    }
    let url = urlFor(rep)[0], label = rep.s;
    if (parsed.para) {
      url += "#para-" + parsed.para + (parsed.item ? "-" + parsed.item : "");
      label = paragraphCitation(label, parsed.para, parsed.item, (await this.entry()).labels);
    }
    result.jump = { url, label, title: rep.t, supersededBy: rep.r || "" };
    return { found: true, scope: rep.u[lang] ? [rep.u[lang][1], rep.u[lang][2]] : null };
  }

  /* search(query, {lang, body, year, limit, offset, prefix}) ->
       {jump: {url, label, title} | null, reports: [...], hits: [record + score], total, full, lang,
        highlight: stems, prefixes, keepTyping} */
  async search(query, opts = {}) {
    const lang = opts.lang, limit = opts.limit || 10, offset = opts.offset || 0;
    const parsed = parseQuery(query, (await this.entry()).labels);
    const result = { jump: null, reports: [], hits: [], total: 0, lang, highlight: [], prefixes: [] };
    let scope = null;
    if (parsed.symbol) {
      const found = await this.jump(parsed, lang, result);
      scope = found.scope;
      if (!parsed.text.trim()) return result;
      if (!found.found) parsed.text = query; /* not a symbol we have: search its words instead */
    }
    const m = await this.manifest(lang);
    const groups = this.groups(parsed.text, lang, opts, result);
    if (!groups.length) return result;

    const filters = allowedRanges(m, { body: opts.body, year: opts.year, range: scope });
    /* One word, unfiltered, first page of the box: its results are among the records its postings
       files' cards hold (index.py), so no record shard is fetched. */
    const cards = groups.length === 1 && !parsed.phrases.length && !filters.length && offset + limit <= m.cards;
    await this.loadFor(m, groups, cards);
    const lists = groups.map((g) => this.groupPostings(m, g));
    /* Phrases are checked on the text of up to 300 candidates; otherwise only the page asked for. */
    const ranked = rank(m, lists, filters, parsed.phrases.length ? 300 : offset + limit);
    const cands = ranked.top;
    if (parsed.phrases.length) {
      const verified = [];
      for (let c = 0; c < cands.length && verified.length < offset + limit; c += 20) {
        const batch = cands.slice(c, c + 20);
        const recs = await Promise.all(batch.map((a) => this.record(m, a.doc)));
        recs.forEach((r, k) => {
          if (parsed.phrases.every((ph) => containsPhrase(r.text + " " + r.crumb, ph, lang))) {
            r.score = batch[k].score; verified.push(r);
          }
        });
      }
      result.total = verified.length;
      result.hits = verified.slice(offset, offset + limit);
    } else {
      result.total = ranked.total;
      result.hits = await Promise.all(cands.slice(offset, offset + limit).map(async (a) => {
        const r = await this.record(m, a.doc); r.score = a.score; return r;
      }));
    }
    result.full = ranked.full;
    return result;
  }
}
