/* Marking the words a query matched: in a result's snippet, and in the paragraph a result leads to
   (`?hl=WORDS#para-26`, so the highlight is shareable and needs no storage or inline script). */

import { HAS_CJK, fold, stem, terms, words } from "./analysis.js";

/* Split text into [segment, isMatch] pairs: words whose stem is a query stem or starts with a prefix. */
export function markSegments(text, stems, prefixes, lang) {
  const out = [], set = new Set(stems), re = /[\p{L}\p{N}]+/gu;
  let pos = 0, m;
  while ((m = re.exec(text)) !== null) {
    const word = m[0];
    let hit = words(word).some((w) => set.has(stem(w, lang)) || prefixes.some((p) => w.indexOf(p) === 0));
    if (!hit && HAS_CJK.test(word)) hit = stems.some((s) => HAS_CJK.test(s) && fold(word).indexOf(s) >= 0);
    if (hit) {
      if (m.index > pos) out.push([text.slice(pos, m.index), false]);
      out.push([word, true]);
      pos = m.index + word.length;
    }
  }
  if (pos < text.length) out.push([text.slice(pos), false]);
  return out;
}

/* A window of the text around the first match, at most ~`width` characters. */
export function snippet(text, stems, prefixes, lang, width) {
  const segs = markSegments(text, stems, prefixes, lang);
  let first = -1, acc = 0;
  for (const [part, hit] of segs) { if (hit) { first = acc; break; } acc += part.length; }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  if (start > 0) { const sp = text.indexOf(" ", start); start = sp >= 0 && sp < first ? sp + 1 : start; }
  let end = Math.min(text.length, start + width);
  if (end < text.length) { const sp = text.lastIndexOf(" ", end); if (sp > start) end = sp; }
  const out = [];
  let pos = 0;
  for (const [part, hit] of segs) {
    const a = pos, b = pos + part.length;
    pos = b;
    const lo = Math.max(a, start), hi = Math.min(b, end);
    if (lo < hi) out.push([part.slice(lo - a, hi - a), hit]);
  }
  if (start > 0) out.unshift(["… ", false]);
  if (end < text.length) out.push([" …", false]);
  return out;
}

/* On a report page reached from a result: mark the query's words inside the element the #fragment
   names (`engine.entry()` brings the stemming rules). */
export async function highlightArrival(engine) {
  const hl = new URLSearchParams(location.search).get("hl");
  if (!hl || !location.hash) return;
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return;
  const langEl = target.closest("[lang]");
  const lang = ((langEl && langEl.getAttribute("lang")) || "en").toLowerCase().split("-")[0];
  try { await engine.entry(); } catch (e) { return; }
  const stems = terms(hl, lang);
  if (!stems.length) return;
  const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    if (node.parentNode.closest(".para-num, .item-label, .fnref, .para-tools, .para-pdf")) continue;
    const segs = markSegments(node.nodeValue, stems, [], lang);
    if (!segs.some((s) => s[1])) continue;
    const frag = document.createDocumentFragment();
    for (const [part, hit] of segs) {
      if (hit) {
        const mark = document.createElement("mark");
        mark.className = "search-hl";
        mark.textContent = part;
        frag.appendChild(mark);
      } else frag.appendChild(document.createTextNode(part));
    }
    node.parentNode.replaceChild(frag, node);
  }
  target.classList.add("search-target");
}
