// Runs templates/assets/search.js under node against a built search index on disk.
// Usage: node search_harness.js SITE_DIR < requests.json   (requests: [{op, ...}], answers on stdout as JSON)
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const api = require(path.join(__dirname, "..", "templates", "assets", "search.js"));

async function main() {
  const site = process.argv[2];
  const requests = JSON.parse(fs.readFileSync(0, "utf8"));
  const engine = new api.Engine("/search/", async (url) => new Uint8Array(fs.readFileSync(path.join(site, url))));
  engine.inflate = async (bytes) => new Uint8Array(zlib.gunzipSync(bytes));
  const out = [];
  for (const req of requests) {
    if (req.op === "rules") { api.setRules(req.rules); out.push(null); continue; }
    if (req.op === "terms") { out.push(req.items.map(([text, lang]) => api.terms(text, lang))); continue; }
    if (req.op === "stem") { out.push(req.items.map(([w, lang]) => api.stem(w, lang))); continue; }
    if (req.op === "words") { out.push(req.items.map((t) => api.words(t))); continue; }
    if (req.op === "parse") { out.push(api.parseQuery(req.q)); continue; }
    if (req.op === "search") {
      const res = await engine.search(req.q, req.opts || {});
      out.push({ jump: res.jump, reports: res.reports, total: res.total,
                 hits: res.hits.map((h) => ({ url: h.url, cite: h.cite, kind: h.kind, crumb: h.crumb, text: h.text })) });
      continue;
    }
    throw new Error("unknown op " + req.op);
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
