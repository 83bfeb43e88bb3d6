/* The /search/ page: results for ?q= (shareable), filters by body, year and language, and more. */

import { el, hitElement, jumpElement, pageLang, pickLang } from "./hits.js";

export async function setupPage(page, engine) {
  const form = page.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = page.querySelector(".search-status");
  const listEl = page.querySelector(".search-results");
  const more = page.querySelector(".search-more");
  let params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const header = document.getElementById("search-input");
  if (header && !header.value) header.value = input.value;
  let lang = await pickLang(engine, params.get("lang") || pageLang());
  const langs = await engine.languages();
  const selects = { body: form.querySelector("select[name=body]"), year: form.querySelector("select[name=year]"),
                    lang: form.querySelector("select[name=lang]") };

  function fill(select, values, current, allLabel) {
    if (!select) return;
    select.textContent = "";
    if (allLabel) { const o = el("option", null, allLabel); o.value = ""; select.appendChild(o); }
    values.forEach((v) => { const op = el("option", null, v); op.value = v; select.appendChild(op); });
    select.value = current || "";
  }
  async function fillFacets() {
    const m = await engine.manifest(lang);
    fill(selects.body, Object.keys(m.facets.body).sort(), params.get("body"), "All bodies");
    fill(selects.year, Object.keys(m.facets.year).sort().reverse(), params.get("year"), "All years");
    fill(selects.lang, langs.slice().sort(), lang, null);
  }
  await fillFacets();

  let shown = 0, seq = 0;
  const item = (node) => { const li = el("li"); li.appendChild(node); listEl.appendChild(li); };
  async function render(append) {
    const q = input.value, my = ++seq;
    const opts = { lang, body: selects.body ? selects.body.value : "", year: selects.year ? selects.year.value : "",
                   limit: 20, offset: append ? shown : 0, prefix: false };
    if (!append) { listEl.textContent = ""; shown = 0; }
    if (!q.trim()) { status.textContent = "Type words, a phrase in quotes, or a symbol such as A/79/213 para 26."; more.hidden = true; return; }
    status.textContent = "Searching…";
    const res = await engine.search(q, opts);
    if (my !== seq) return;
    if (!append && res.jump) item(jumpElement("a", res.jump));
    if (!append) res.reports.forEach((r) => item(jumpElement("a", r)));
    res.hits.forEach((h) => item(hitElement("a", h, res, q)));
    shown += res.hits.length;
    const total = res.total + (res.jump ? 1 : 0);
    status.textContent = total ? (res.total + " result" + (res.total === 1 ? "" : "s") + " for “" + q + "”" +
      (res.full === false && res.total ? " (not every word matched)" : "")) : "No results for “" + q + "”";
    more.hidden = shown >= res.total;
  }

  function syncUrl() {
    const p = new URLSearchParams();
    p.set("q", input.value);
    for (const k of ["body", "year"]) if (selects[k] && selects[k].value) p.set(k, selects[k].value);
    if (selects.lang && selects.lang.value) p.set("lang", selects.lang.value);
    history.replaceState(null, "", "?" + p.toString());
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); syncUrl(); render(false); });
  form.addEventListener("change", async (e) => {
    if (e.target === selects.lang) { lang = selects.lang.value; params = new URLSearchParams(); await fillFacets(); }
    syncUrl(); render(false);
  });
  more.addEventListener("click", () => render(true));
  render(false);
}
