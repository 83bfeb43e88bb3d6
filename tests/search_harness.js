// Runs the browser's search modules (templates/assets/search/*.js) under node against a built index.
// Usage: node --experimental-detect-module search_harness.js SITE_DIR < requests.json
//   requests: [{op, ...}], answers on stdout as JSON, one per request.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const load = (name) => import(path.join(here, "..", "templates", "assets", "search", name));
const analysis = await load("analysis.js");
const { itemKey, paragraphCitation, parseQuery } = await load("query.js");
const { gunzip, crc32 } = await load("inflate.js");
const { Engine, mayHold, prefixSource } = await load("engine.js");
const { markSegments, snippet } = await load("highlight.js");

const site = process.argv[2];
const requests = JSON.parse(fs.readFileSync(0, "utf8"));
let fetched = [];  // the files each search read, by name (t3.bin, p6669.bin, d0.bin, ...)
const engine = new Engine("/search/", async (url) => {
  fetched.push(path.basename(url));
  return new Uint8Array(fs.readFileSync(path.join(site, url)));
});

function error(fn) {
  try { fn(); return null; } catch (e) { return String(e.message); }
}

const ops = {
  rules: (r) => { analysis.setRules(r.rules); return null; },
  terms: (r) => r.items.map(([text, lang]) => analysis.terms(text, lang)),
  stem: (r) => r.items.map(([w, lang]) => analysis.stem(w, lang)),
  words: (r) => r.items.map((t) => analysis.words(t)),
  parse: (r) => parseQuery(r.q, r.labels),
  parseMany: (r) => r.items.map((q) => parseQuery(q, r.labels)),
  itemKeys: (r) => r.items.map((label) => itemKey(label, r.labels)),
  citations: (r) => r.items.map(([name, para, item]) => paragraphCitation(name, para, item, r.labels)),
  gunzip: (r) => Buffer.from(gunzip(new Uint8Array(Buffer.from(r.b64, "base64")))).toString("base64"),
  gunzipError: (r) => error(() => gunzip(new Uint8Array(Buffer.from(r.b64, "base64")))),
  crc32: (r) => crc32(new Uint8Array(Buffer.from(r.b64, "base64"))),
  marks: (r) => markSegments(r.text, r.stems, r.prefixes || [], r.lang),
  snippet: (r) => snippet(r.text, r.stems, r.prefixes || [], r.lang, r.width),
  // where the engine looks for each word being typed, and whether a term can be in any shard
  sources: async (r) => {
    const m = await engine.manifest(r.lang);
    return r.items.map((w) => ({ source: prefixSource(m, w), mayHold: mayHold(m, w) }));
  },
  search: async (r) => {
    fetched = [];
    const res = await engine.search(r.q, r.opts || {});
    return { jump: res.jump, reports: res.reports, total: res.total, files: fetched, keepTyping: !!res.keepTyping,
             hits: res.hits.map((h) => ({ url: h.url, cite: h.cite, kind: h.kind, crumb: h.crumb, text: h.text })) };
  },
};

const out = [];
for (const req of requests) {
  if (!ops[req.op]) throw new Error("unknown op " + req.op);
  out.push(await ops[req.op](req));
}
process.stdout.write(JSON.stringify(out));
