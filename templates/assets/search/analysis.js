/* Text analysis, the same as sitegen/render/search/text.py: folding, words (CJK runs as bigrams) and
   rule stemming. The rule tables and stopwords come from the index's entry.json (`setRules`), written
   by the code that built the index, so the browser always stems as the index did. */

let RULES = null;
let stopCache = new Map();

export const HAS_CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const MARKS = /[\u0300-\u036f\p{Mn}\p{Me}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;
const DIGIT = /\p{Nd}/u;

export function setRules(rules) {
  if (rules !== RULES) { RULES = rules; stopCache = new Map(); }
}

export function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(MARKS, "")
    .replace(/\u0629/g, "\u0647").replace(/\u0649/g, "\u064a").replace(/\u0640/g, "");
}

function cjkBigrams(run) {
  if (run.length < 2) return [run];
  const out = [];
  for (let i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2));
  return out;
}

function splitWord(word, out) {
  if (!HAS_CJK.test(word)) { out.push(word); return; }
  let pos = 0, m;
  CJK.lastIndex = 0;
  while ((m = CJK.exec(word)) !== null) {
    if (m.index > pos) out.push(word.slice(pos, m.index));
    out.push(...cjkBigrams(m[0]));
    pos = m.index + m[0].length;
  }
  if (pos < word.length) out.push(word.slice(pos));
}

export function words(text) {
  const out = [], folded = fold(text);
  let m;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(folded)) !== null) splitWord(m[0], out);
  return out;
}

export function stem(word, lang) {
  const steps = RULES && RULES.stem[lang];
  if (!steps || word.length < 3 || DIGIT.test(word)) return word;
  for (const step of steps) {
    for (const [affix, repl, minLeft] of step.r) {
      if (word.length - affix.length < minLeft) continue;
      if (step.p && word.slice(0, affix.length) === affix) { word = repl + word.slice(affix.length); break; }
      if (!step.p && word.slice(word.length - affix.length) === affix) {
        word = word.slice(0, word.length - affix.length) + repl; break;
      }
    }
  }
  return word;
}

export function stopwords(lang) {
  if (!stopCache.has(lang)) stopCache.set(lang, new Set((RULES && RULES.stop[lang]) || []));
  return stopCache.get(lang);
}

export function terms(text, lang) {
  const stop = stopwords(lang);
  return words(text).filter((w) => !stop.has(w)).map((w) => stem(w, lang));
}
