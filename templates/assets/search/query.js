/* What a reader typed: a symbol with a paragraph and item ("A/78/180 68 (j)"), phrases in quotes, words. */

const SYMBOL_AT_START = /^\s*([A-Za-z][A-Za-z0-9.()\-]*(?:\/[A-Za-z0-9][A-Za-z0-9.()\-]*)+)(.*)$/;
const PARA_REST = /^\s*,?\s*(?:(?:paras?\.?|paragraphs?|par\.|p\.|§|párr\.?|párrafo|paragraphe|пункт|п\.)\s*)?(\d+(?:\.\d+)?)\.?\s*(?:\(?\s*([a-zа-я]{1,4}|[ivxl]{1,5})\s*\))?\s*$/i;
const CYR = "абвгдежзиклмнопрстуфхцчшщэюя", LAT = "abcdefghijklmnopqrstuvwxyz";

function itemKey(label) {
  const core = label.toLowerCase();
  if (!/^[а-я]+$/.test(core)) return core;
  return core.split("").map((ch) => { const i = CYR.indexOf(ch); return i < 0 ? ch : LAT[i]; }).join("");
}

export function symbolKey(s) { return s.replace(/\s+/g, "").toUpperCase(); }

/* "A/78/180 68 (j)" -> {symbol: "A/78/180", para: "68", item: "j", phrases: [], text: ""} */
export function parseQuery(q) {
  const out = { symbol: null, para: null, item: null, phrases: [], text: q };
  const m = SYMBOL_AT_START.exec(q);
  if (m && /\d/.test(m[1])) {
    let rest = m[2];
    const p = PARA_REST.exec(rest);
    out.symbol = m[1].replace(/[.,;:]+$/, "");
    if (p) { out.para = p[1].replace(/\.$/, ""); out.item = p[2] ? itemKey(p[2]) : null; rest = ""; }
    out.text = rest;
  }
  const phraseRe = /"([^"]+)"/g;
  let pm;
  while ((pm = phraseRe.exec(out.text)) !== null) out.phrases.push(pm[1]);
  return out;
}
