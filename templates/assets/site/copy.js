/* Link and copy-citation buttons on paragraphs and items, with a visible and announced confirmation. */

import { $all, icon, make } from "./dom.js";


var status = null;
var statusTimer = 0;
function liveRegion() {
  if (!status) {
    status = make("div", { "class": "copy-status", role: "status", "aria-live": "polite" });
    document.body.appendChild(status);
  }
  return status;
}

export function announce(message) {
  var region = liveRegion();
  region.textContent = message;
  region.classList.add("is-visible");
  clearTimeout(statusTimer);
  statusTimer = setTimeout(function () { region.classList.remove("is-visible"); }, 2200);
}

function copyWithSelection(text) {
  // Fallback for pages without the async clipboard (plain http, older browsers).
  var area = make("textarea", { readonly: "", "aria-hidden": "true", "class": "copy-buffer" });
  area.value = text;
  area.style.position = "fixed";   // CSSOM styles are allowed under a strict style CSP
  area.style.opacity = "0";
  area.style.top = "0";
  document.body.appendChild(area);
  area.select();
  var ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  area.remove();
  return ok;
}

export function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).then(
      function () { return true; },
      function () { return copyWithSelection(text); }
    );
  }
  return Promise.resolve(copyWithSelection(text));
}

/* ---------------- Link and copy-citation buttons on paragraphs and items ---------------- */

function urlFor(id) {
  // The canonical link: a search's ?hl= highlight or any other query is not part of a citation.
  return location.origin + location.pathname + "#" + id;
}

function toolButton(kind, label, visible) {
  var button = make("button", { type: "button", "class": "tool-" + kind, "aria-label": label, title: label });
  button.appendChild(icon(kind));
  button.appendChild(make("span", { "class": "tool-text" }, visible));
  return button;
}

function flashCopied(button, tools) {
  var text = button.querySelector(".tool-text");
  var before = text.textContent;
  var label = button.getAttribute("aria-label");
  button.classList.add("is-copied");
  tools.classList.add("is-copied");
  text.textContent = "Copied";
  button.setAttribute("aria-label", "Copied");
  setTimeout(function () {
    text.textContent = before;
    button.setAttribute("aria-label", label);
    button.classList.remove("is-copied");
    tools.classList.remove("is-copied");
  }, 1600);
}

function addTools(block) {
  var id = block.id;
  var cite = block.getAttribute("data-cite");
  if (!id || block.querySelector(":scope > .para-tools")) return;
  var name = cite || ("#" + id);
  var tools = make("span", { "class": "para-tools" });
  var link = toolButton("link", "Link: copy the address of " + name, "Link");
  tools.appendChild(link);
  var citeButton = null;
  if (cite) {
    citeButton = toolButton("cite", "Cite: copy \u201c" + cite + "\u201d and its link", "Cite");
    tools.appendChild(citeButton);
  }
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var url = urlFor(id);
    var text = button === citeButton ? cite + " \u2014 " + url : url;
    copyText(text).then(function (ok) {
      if (ok) {
        flashCopied(button, tools);
        announce(button === citeButton ? "Copied: " + cite : "Copied link to " + name);
      } else {
        announce("Could not copy. Select and copy: " + text);
      }
    });
  });
  block.appendChild(tools);
}

export function setUpTools() {
  $all(".para[id], .item[id]").forEach(addTools);
  // Touch screens have no hover: a tap on a paragraph's text shows its buttons.
  var active = null;
  document.addEventListener("click", function (event) {
    if (event.target.closest("a, button, input, select, textarea, .fn-popover")) return;
    var block = event.target.closest(".item[id], .para[id]");
    if (block === active) return;
    if (active) active.classList.remove("is-active");
    active = block;
    if (active) active.classList.add("is-active");
  });
}
