/* A result as the box and the results page show it: citation, kind, the revision that supersedes its
   document if one does, breadcrumb and a snippet with the matched words marked. Everything from a report is set as textContent, never as HTML. */

import { snippet } from "./highlight.js";

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function withHighlight(url, query) {
  const words = query.replace(/"/g, " ").trim();
  if (!words) return url;
  const hash = url.indexOf("#");
  const path = hash >= 0 ? url.slice(0, hash) : url, frag = hash >= 0 ? url.slice(hash) : "";
  return path + (path.indexOf("?") >= 0 ? "&" : "?") + "hl=" + encodeURIComponent(words) + frag;
}

const KIND = { r: "Report", h: "Section", p: "", i: "", f: "Footnote" };

export function hitElement(tag, hit, res, query) {
  const a = el(tag, "search-hit");
  a.href = withHighlight(hit.url, query);
  const head = el("span", "search-hit-head");
  head.appendChild(el("span", "search-hit-cite", hit.cite));
  if (KIND[hit.kind]) head.appendChild(el("span", "search-hit-kind", KIND[hit.kind]));
  /* A revision replaced the whole text: the result still leads to the text it matched, and says so. */
  if (hit.supersededBy) head.appendChild(el("span", "search-hit-superseded", "Superseded by " + hit.supersededBy));
  a.appendChild(head);
  if (hit.crumb) a.appendChild(el("span", "search-hit-crumb", hit.crumb));
  const snip = el("span", "search-hit-snippet");
  for (const [part, hit2] of snippet(hit.text, res.highlight, res.prefixes, res.lang, 180)) {
    snip.appendChild(hit2 ? el("mark", null, part) : document.createTextNode(part));
  }
  a.appendChild(snip);
  return a;
}

export function jumpElement(tag, jump) {
  const a = el(tag, "search-hit search-jump");
  a.href = jump.url;
  const head = el("span", "search-hit-head");
  head.appendChild(el("span", "search-hit-cite", "Go to " + jump.label));
  if (jump.supersededBy) head.appendChild(el("span", "search-hit-superseded", "Superseded by " + jump.supersededBy));
  a.appendChild(head);
  if (jump.title) a.appendChild(el("span", "search-hit-crumb", jump.title));
  return a;
}

/* The language to search: the page's (or the one asked for) when the site has an index for it. */
export function pageLang() {
  const e = document.querySelector("article[lang]") || document.documentElement;
  return (e.getAttribute("lang") || "en").toLowerCase().split("-")[0];
}

export async function pickLang(engine, wanted) {
  const langs = await engine.languages();
  if (wanted && langs.indexOf(wanted) >= 0) return wanted;
  return langs.indexOf("en") >= 0 ? "en" : langs.sort()[0];
}
