/* Ranking: the records the word groups match, best first, as merges of typed arrays.

   A posting's score is its impact byte (the BM25 term-frequency part, computed at build time:
   sitegen/render/search/scoring.py) times the term's IDF, computed here from its record count and the
   collection's, times the list's weight in its word group. A record's score is, per group, the best
   among the group's lists, summed over groups. Records matching every group come first (only those,
   when there are any). No Map, no object per posting, nothing sized by the collection: in a fresh page
   (the first keystrokes, before the JIT has seen this code) a Map per group cost 5-18 ms for 2,000
   postings, and typed arrays over all 361,000 records a page fault per page touched. */

import { docsOf } from "./postings.js";

export function idf(df, records) { return Math.log(1 + (records - df + 0.5) / (df + 0.5)); }

/* Impact byte -> the term-frequency part it stands for. */
export function dequantiser(impactMax) {
  const deq = new Float64Array(256);
  for (let q = 0; q < 256; q++) deq[q] = q / 255 * impactMax;
  return deq;
}

/* A postings list as record ids and weighted scores. */
function scored(p, w, m) {
  const n = p.n, score = new Float64Array(n), deq = m.deq, f = w * idf(p.df, m.records);
  for (let i = 0; i < n; i++) score[i] = deq[p.imp[i]] * f;
  return { docs: docsOf(p), score, matched: null };
}

/* Two lists sorted by record id, merged: a record in both keeps the better score (one word group's
   lists), or the sum and the count of groups matched (`sum`: across groups). */
function merge(a, b, sum) {
  const na = a.docs.length, nb = b.docs.length, docs = new Uint32Array(na + nb), score = new Float64Array(na + nb);
  const matched = sum ? new Uint8Array(na + nb) : null, END = 4294967296;
  let i = 0, j = 0, k = 0;
  while (i < na || j < nb) {
    const da = i < na ? a.docs[i] : END, db = j < nb ? b.docs[j] : END;
    if (da === db) {
      docs[k] = da;
      if (sum) { score[k] = a.score[i] + b.score[j]; matched[k] = a.matched[i] + b.matched[j]; }
      else score[k] = Math.max(a.score[i], b.score[j]);
      i++; j++;
    } else if (da < db) {
      docs[k] = da; score[k] = a.score[i]; if (sum) matched[k] = a.matched[i]; i++;
    } else {
      docs[k] = db; score[k] = b.score[j]; if (sum) matched[k] = b.matched[j]; j++;
    }
    k++;
  }
  return { docs: docs.subarray(0, k), score: score.subarray(0, k), matched: sum ? matched.subarray(0, k) : null };
}

export function inRanges(doc, ranges) {
  for (let i = 0; i < ranges.length; i++) if (doc >= ranges[i][0] && doc < ranges[i][1]) return true;
  return false;
}

/* `lists`: per word group, its [{p: postings list, w: weight}]. `filters`: lists of id ranges a record
   must fall in. Returns the `k` best, sorted, with the number of candidates. */
export function rank(m, lists, filters, k) {
  let all = null;
  for (const group of lists) {
    let parts = group.map((g) => scored(g.p, g.w, m));
    while (parts.length > 1) {
      const next = [];
      for (let i = 0; i < parts.length; i += 2) next.push(i + 1 < parts.length ? merge(parts[i], parts[i + 1], false) : parts[i]);
      parts = next;
    }
    const one = parts[0] || { docs: new Uint32Array(0), score: new Float64Array(0) };
    one.matched = new Uint8Array(one.docs.length).fill(1);
    all = all ? merge(all, one, true) : one;
  }
  const need = lists.length, n = all.docs.length, M = all.matched, S = all.score;
  const ok = new Uint8Array(n);
  let passing = 0, full = 0;
  for (let i = 0; i < n; i++) {
    let pass = true;
    for (let f = 0; f < filters.length && pass; f++) pass = inRanges(all.docs[i], filters[f]);
    if (!pass) continue;
    ok[i] = 1; passing++;
    if (M[i] === need) full++;
  }
  /* The k best, best first: more groups matched, then higher score, then lower id (records come in
     id order, so a tie never displaces an earlier one). */
  const top = new Int32Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const mi = M[i], si = S[i];
    if (!ok[i] || (full && mi !== need)) continue;
    if (size === k && (mi < M[top[k - 1]] || (mi === M[top[k - 1]] && si <= S[top[k - 1]]))) continue;
    let at = size < k ? size++ : k - 1;
    for (; at > 0; at--) {
      const q = top[at - 1];
      if (mi < M[q] || (mi === M[q] && si <= S[q])) break;
      top[at] = q;
    }
    top[at] = i;
  }
  const best = [];
  for (let i = 0; i < size; i++) best.push({ doc: all.docs[top[i]], score: S[top[i]], matched: M[top[i]] });
  return { total: full ? full : passing, full: full > 0, top: best };
}
