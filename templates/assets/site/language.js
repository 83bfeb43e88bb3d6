/* The language switch keeps the #fragment, so a reader lands on the same paragraph in another language. */

import { $all } from "./dom.js";


export function setUpLanguageSwitch() {
  var links = $all(".lang-switch a[href]");
  if (!links.length) return;
  function withHash(link) {
    var href = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", href + location.hash);
  }
  function update() { links.forEach(withHash); }
  update();
  window.addEventListener("hashchange", update);
  links.forEach(function (link) {
    link.addEventListener("click", function () { withHash(link); });
  });
}
