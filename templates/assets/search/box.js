/* The header box: instant results as a listbox under the input (a combobox), keyboard only, and the
   site's one "/" key binding, which focuses the box from anywhere but a text field. */

import { el, hitElement, jumpElement, pageLang, pickLang } from "./hits.js";

export function setupBox(input, engine, siteRoot) {
  const form = input.form || input.parentNode;
  const list = el("div", "search-dropdown");
  list.id = "search-dropdown";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search results");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");
  let active = -1, seq = 0, lang = null;

  const options = () => list.querySelectorAll("[role=option]");
  function setActive(i) {
    const opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    opts.forEach((o, k) => o.setAttribute("aria-selected", k === active ? "true" : "false"));
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }
  function close() {
    list.hidden = true; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function open() { list.hidden = false; input.setAttribute("aria-expanded", "true"); }

  async function run() {
    const q = input.value, my = ++seq;
    if (!q.trim()) { list.textContent = ""; close(); return; }
    lang = lang || await pickLang(engine, pageLang());
    let res;
    /* As many results as the index keeps cards per term: a one-word query then needs one round. */
    try { res = await engine.search(q, { lang, limit: (await engine.manifest(lang)).cards || 5 }); } catch (e) { return; }
    if (my !== seq) return;
    list.textContent = "";
    let n = 0;
    const add = (node) => { node.id = "search-opt-" + n++; node.setAttribute("role", "option"); node.tabIndex = -1; list.appendChild(node); };
    if (res.jump) add(jumpElement("a", res.jump));
    res.reports.forEach((r) => add(jumpElement("a", r)));
    /* Records matching only some of the words come only when none match all: say so, as the
       results page does, so a reader does not take them for exact matches. */
    if (res.full === false && res.hits.length) list.appendChild(el("p", "search-empty", "Not every word matched:"));
    res.hits.forEach((h) => add(hitElement("a", h, res, q)));
    if (!n) list.appendChild(el("p", "search-empty", res.keepTyping ? "Keep typing…" : "No results"));
    const all = el("a", "search-all", res.total > res.hits.length ? "All " + res.total + " results" : "Open the results page");
    all.href = siteRoot + "search/?q=" + encodeURIComponent(q);
    add(all);
    active = -1;
    open();
    if (res.jump) setActive(0);
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", () => {
    /* The first keystroke should not wait for the entry file and the manifest. */
    pickLang(engine, pageLang()).then((l) => { lang = l; return engine.manifest(l); }).catch(() => {});
    if (input.value.trim() && list.childNodes.length) open();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else setActive(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
    else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ""; }
      else input.blur();
    } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
      e.preventDefault();
      location.href = options()[active].href;
    }
  });
  document.addEventListener("click", (e) => { if (!form.contains(e.target)) close(); });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
}
