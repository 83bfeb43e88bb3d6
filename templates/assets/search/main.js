/* sitegen search on every page (loaded by templates/base.html as a module): the header box's instant
   results, the /search/ page, and the words highlighted where a result lands. The engine and the
   rest are plain modules (tests import them under node: tests/search_harness.js); nothing is put on
   `window`. */

import { setupBox } from "./box.js";
import { Engine } from "./engine.js";
import { highlightArrival } from "./highlight.js";
import { setupPage } from "./results.js";

/* This module is /assets/search/main.<hash>.js: the site's root is two folders up. */
const siteRoot = new URL("../../", import.meta.url).href;
const engine = new Engine(siteRoot + "search/", (url) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.arrayBuffer();
}).then((b) => new Uint8Array(b)));

const input = document.getElementById("search-input");
if (input) setupBox(input, engine, siteRoot);
const page = document.getElementById("search-page");
if (page) {
  setupPage(page, engine).catch(() => {
    const status = page.querySelector(".search-status");
    if (status) status.textContent = "The search index could not be loaded.";
  });
}
highlightArrival(engine);
