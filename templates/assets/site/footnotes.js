/* Footnote popovers: hover or click a note reference to read the note where it is cited. */

import { $all, make, noteFor } from "./dom.js";


var popover = null;
var popoverRef = null;       // the .fnref the popover belongs to
var openedBy = null;         // "hover" | "click"
var hoverTimer = 0;
var OPEN_DELAY = 120;
var CLOSE_DELAY = 400;   // forgiving: a hand crossing the gap to the note keeps it open

function buildPopover() {
  popover = make("div", { "class": "fn-popover", id: "fn-popover", role: "dialog", "aria-modal": "false", tabindex: "-1", hidden: "" });
  popover.addEventListener("pointerenter", function () { clearTimeout(hoverTimer); });
  popover.addEventListener("pointerleave", function (event) {
    if (event.pointerType === "mouse" && openedBy === "hover") scheduleClose();
  });
  popover.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); closePopover(true); }
  });
  document.body.appendChild(popover);
}

function fillPopover(ref, note) {
  var number = ref.textContent.trim();
  popover.textContent = "";
  var head = make("p", { "class": "fn-popover-head", id: "fn-popover-title" });
  head.appendChild(make("span", null, "Note " + number));
  var jump = make("a", { href: "#" + note.id }, "In notes");
  jump.addEventListener("click", function () { closePopover(false); });
  head.appendChild(jump);
  var body = make("div", { "class": "fn-popover-body fn-popover-scroll" });
  var text = note.querySelector(".fn-text") || note;
  var copy = text.cloneNode(true);
  $all("[id]", copy).forEach(function (el) { el.removeAttribute("id"); });
  $all(".fn-back, .fn-num", copy).forEach(function (el) { el.remove(); });
  body.appendChild(copy);
  popover.appendChild(head);
  popover.appendChild(body);
  popover.setAttribute("aria-labelledby", "fn-popover-title");
}

function placePopover(ref) {
  var margin = 8;
  var viewW = document.documentElement.clientWidth;
  var viewH = window.innerHeight;
  var headerH = (document.querySelector(".site-header") || { offsetHeight: 0 }).offsetHeight;
  var box = ref.getBoundingClientRect();
  popover.style.maxWidth = (viewW - 2 * margin) + "px";
  var width = popover.offsetWidth;
  var height = popover.offsetHeight;
  var left = box.left + box.width / 2 - Math.min(width / 2, 40);
  left = Math.max(margin, Math.min(left, viewW - width - margin));
  var below = viewH - box.bottom - margin;
  var above = box.top - headerH - margin;
  var placeAbove = height + 10 > below && above > below;
  var top = placeAbove ? box.top - height - 10 : box.bottom + 10;
  if (placeAbove) top = Math.max(top, headerH + margin);
  popover.classList.toggle("is-above", placeAbove);
  var arrow = Math.max(14, Math.min(box.left + box.width / 2 - left, width - 14));
  popover.style.setProperty("--arrow-x", arrow + "px");
  popover.style.left = (left + window.scrollX) + "px";
  popover.style.top = (top + window.scrollY) + "px";
}

function openPopover(ref, how) {
  var note = noteFor(ref);
  if (!note) return false;
  if (!popover) buildPopover();
  clearTimeout(hoverTimer);
  if (popoverRef && popoverRef !== ref) popoverRef.setAttribute("aria-expanded", "false");
  popoverRef = ref;
  openedBy = how;
  fillPopover(ref, note);
  popover.hidden = false;
  ref.setAttribute("aria-expanded", "true");
  placePopover(ref);
  return true;
}

function closePopover(returnFocus) {
  clearTimeout(hoverTimer);
  if (!popover || popover.hidden) return;
  var ref = popoverRef;
  popover.hidden = true;
  popoverRef = null;
  openedBy = null;
  if (ref) {
    ref.setAttribute("aria-expanded", "false");
    if (returnFocus) ref.focus();
  }
}

function scheduleClose() {
  clearTimeout(hoverTimer);
  hoverTimer = setTimeout(function () { closePopover(false); }, CLOSE_DELAY);
}

export function setUpFootnotes() {
  var refs = $all("a.fnref");
  if (!refs.length) return;
  refs.forEach(function (ref) {
    ref.setAttribute("aria-haspopup", "dialog");
    ref.setAttribute("aria-expanded", "false");
    ref.setAttribute("aria-controls", "fn-popover");
    ref.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      if (popoverRef === ref && openedBy === "click") { closePopover(false); return; }
      if (openPopover(ref, "click")) popover.focus({ preventScroll: true });
    });
    ref.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "mouse") return;
      if (popoverRef === ref) { clearTimeout(hoverTimer); return; }
      if (openedBy === "click") return;
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(function () { openPopover(ref, "hover"); }, OPEN_DELAY);
    });
    ref.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "mouse") return;
      if (openedBy === "click") return;
      if (popoverRef === ref) scheduleClose(); else clearTimeout(hoverTimer);
    });
  });
  // Created now, not at first use, so the aria-controls target always exists.
  buildPopover();
  document.addEventListener("keydown", function (event) {
    // Focus goes back to the reference only when it had moved to the note (click, Enter).
    if (event.key === "Escape" && popover && !popover.hidden) {
      closePopover(openedBy === "click" || popover.contains(document.activeElement));
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (!popover || popover.hidden) return;
    if (popover.contains(event.target) || event.target.closest("a.fnref")) return;
    closePopover(false);
  });
  window.addEventListener("resize", function () { if (popoverRef) placePopover(popoverRef); });
}
