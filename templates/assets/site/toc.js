/* The table of contents: open beside the text on wide screens, folded on phones; marks the current section. */

import { $all } from "./dom.js";

const WIDE = window.matchMedia("(min-width: 64rem)");


function keepTargetInView() {
  // Folding the contents moves the text up: bring a deep-linked paragraph back under the header.
  var id = decodeURIComponent(location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (target) target.scrollIntoView({ block: "start" });
}

export function setUpToc() {
  var toc = document.querySelector("nav.toc");
  if (!toc) return;
  var details = toc.querySelector("details");
  if (details) {
    // Open beside the text on wide screens; folded on phones, so the text comes first.
    var sync = function () {
      if (details.open === WIDE.matches) return;
      details.open = WIDE.matches;
      keepTargetInView();
    };
    sync();
    if (WIDE.addEventListener) WIDE.addEventListener("change", sync);
    $all("a", details).forEach(function (a) {
      a.addEventListener("click", function () { if (!WIDE.matches) details.open = false; });
    });
  }
  if (!("IntersectionObserver" in window)) return;
  var byId = {};
  $all('a[href^="#"]', toc).forEach(function (a) { byId[decodeURIComponent(a.getAttribute("href").slice(1))] = a; });
  var headings = $all(".report .heading[id]").filter(function (h) { return byId[h.id]; });
  if (!headings.length) return;
  var current = null;
  var observer = new IntersectionObserver(function () {
    var line = (document.querySelector(".site-header") || { offsetHeight: 0 }).offsetHeight + 24;
    var active = headings[0];
    headings.forEach(function (h) { if (h.getBoundingClientRect().top <= line) active = h; });
    if (active === current) return;
    if (current) byId[current.id].classList.remove("is-current");
    current = active;
    byId[current.id].classList.add("is-current");
  }, { rootMargin: "0px 0px -60% 0px", threshold: [0, 1] });
  headings.forEach(function (h) { observer.observe(h); });
}
