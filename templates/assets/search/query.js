/* What a reader typed: a symbol with a paragraph and item ("A/78/180 68 (j)"), phrases in quotes, words.
   What a symbol, a paragraph word and an item label look like, and the Latin letter of a Russian
   item, come from the index's entry.json (`labels`, written by sitegen/symbols.py `browser_rules`),
   so the box reads a query with the rules the site's ids were made by; there is no copy here. */

const compiled = new WeakMap();  /* labels -> its patterns, built once */

function patterns(labels) {
  if (!compiled.has(labels)) {
    compiled.set(labels, {
      symbol: new RegExp(`^\\s*(${labels.symbol})(.*)$`, "u"),
      para: new RegExp(`^\\s*,?\\s*(?:${labels.paragraphWords}\\s*)?(${labels.paragraphNumber})\\.?\\s*`
        + `(?:\\(?\\s*(${labels.itemKey})\\s*\\))?\\s*$`, "iu"),
    });
  }
  return compiled.get(labels);
}

/* An item label's part of an id, as sitegen.anchors.item_key makes it: "J" -> "j", "к" -> "j",
   "ю" -> "aa"; a label with a letter Russian items do not use ("й") is "item" there too. */
export function itemKey(label, labels) {
  const core = label.toLowerCase(), latin = labels.latinForCyrillic, chars = Array.from(core);
  if (chars.length && chars.every((ch) => Object.prototype.hasOwnProperty.call(latin, ch))) {
    return chars.map((ch) => latin[ch]).join("");
  }
  return /^[a-z0-9]+$/.test(core) ? core : "item";
}

export function symbolKey(s) { return s.replace(/\s+/g, "").toUpperCase(); }

/* "A/78/180, para. 68 (j)": how the site cites a paragraph (sitegen.symbols.paragraph_citation). */
export function paragraphCitation(name, para, item, labels) {
  return name + ", " + labels.paragraphAbbreviation + " " + para + (item ? " (" + item + ")" : "");
}

/* "A/78/180 68 (j)" -> {symbol: "A/78/180", para: "68", item: "j", phrases: [], text: ""}.
   Without `labels` (an entry file older than this script) the query is words only. */
export function parseQuery(q, labels) {
  const out = { symbol: null, para: null, item: null, phrases: [], text: q };
  const m = labels ? patterns(labels).symbol.exec(q) : null;
  if (m && /\d/.test(m[1])) {
    let rest = m[2];
    const p = patterns(labels).para.exec(rest);
    out.symbol = m[1].replace(/[.,;:]+$/, "");
    if (p) { out.para = p[1].replace(/\.$/, ""); out.item = p[2] ? itemKey(p[2], labels) : null; rest = ""; }
    out.text = rest;
  }
  const phraseRe = /"([^"]+)"/g;
  let pm;
  while ((pm = phraseRe.exec(out.text)) !== null) out.phrases.push(pm[1]);
  return out;
}
