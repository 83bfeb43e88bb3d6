// Runs templates/assets/search.js under node against a built search index on disk.
// Usage: node search_harness.js SITE_DIR < requests.json   (requests: [{op, ...}], answers on stdout as JSON)
"use strict";
const fs = require("fs");
const path = require("path");
const api = require(path.join(__dirname, "..", "templates", "assets", "search.js"));

async function main() {
  const site = process.argv[2];
  const requests = JSON.parse(fs.readFileSync(0, "utf8"));
  let fetched = [];  // the files each search read, by name (t3.bin, k3.bin, d0.bin, ...)
  const engine = new api.Engine("/search/", async (url) => {
    fetched.push(path.basename(url));
    return new Uint8Array(fs.readFileSync(path.join(site, url)));
  });
  const out = [];
  for (const req of requests) {
    if (req.op === "rules") { api.setRules(req.rules); out.push(null); continue; }
    if (req.op === "terms") { out.push(req.items.map(([text, lang]) => api.terms(text, lang))); continue; }
    if (req.op === "stem") { out.push(req.items.map(([w, lang]) => api.stem(w, lang))); continue; }
    if (req.op === "words") { out.push(req.items.map((t) => api.words(t))); continue; }
    if (req.op === "parse") { out.push(api.parseQuery(req.q)); continue; }
    if (req.op === "gunzip") { out.push(Buffer.from(api.gunzip(new Uint8Array(Buffer.from(req.b64, "base64")))).toString("base64")); continue; }
    if (req.op === "search") {
      fetched = [];
      const res = await engine.search(req.q, req.opts || {});
      out.push({ jump: res.jump, reports: res.reports, total: res.total, files: fetched, keepTyping: !!res.keepTyping,
                 hits: res.hits.map((h) => ({ url: h.url, cite: h.cite, kind: h.kind, crumb: h.crumb, text: h.text })) });
      continue;
    }
    throw new Error("unknown op " + req.op);
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
