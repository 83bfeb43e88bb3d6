/* sitegen: progressive enhancement for report and index pages.
 * Markup contract: docs/markup.md. Everything works without this file; it adds footnote popovers,
 * link / copy-citation buttons, a language switch that keeps the #fragment, index sorting and filters,
 * and notes printed in place. No inline code anywhere, so it runs under `script-src 'self'`. */
(function () {
  "use strict";

  var doc = document;
  var WIDE = window.matchMedia("(min-width: 64rem)");

  function $all(selector, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(selector)); }

  function make(tag, attrs, text) {
    var el = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text) el.textContent = text;
    return el;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = {
    link: "M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7",
    cite: "M8 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-3M9 9h6M9 13h4M16 3h5v5M21 3l-8 8",
    check: "M5 12.5l4.5 4.5L19 7.5"
  };
  function icon(name) {
    var svg = doc.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = doc.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.appendChild(path);
    return svg;
  }

  /* ---------------- Copy to clipboard, with a visible and announced confirmation ---------------- */

  var status = null;
  var statusTimer = 0;
  function liveRegion() {
    if (!status) {
      status = make("div", { "class": "copy-status", role: "status", "aria-live": "polite" });
      doc.body.appendChild(status);
    }
    return status;
  }

  function announce(message) {
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
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  function copyText(text) {
    window.sitegenLastCopied = text;  // read by the browser tests when no clipboard is granted
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

  function setUpTools() {
    $all(".para[id], .item[id]").forEach(addTools);
    // Touch screens have no hover: a tap on a paragraph's text shows its buttons.
    var active = null;
    doc.addEventListener("click", function (event) {
      if (event.target.closest("a, button, input, select, textarea, .fn-popover")) return;
      var block = event.target.closest(".item[id], .para[id]");
      if (block === active) return;
      if (active) active.classList.remove("is-active");
      active = block;
      if (active) active.classList.add("is-active");
    });
  }

  /* ---------------- Footnote popovers ---------------- */

  var popover = null;
  var popoverRef = null;       // the .fnref the popover belongs to
  var openedBy = null;         // "hover" | "click"
  var hoverTimer = 0;
  var OPEN_DELAY = 120;
  var CLOSE_DELAY = 400;   // forgiving: a hand crossing the gap to the note keeps it open

  function noteFor(ref) {
    var hash = ref.getAttribute("href") || "";
    if (hash.charAt(0) !== "#") return null;
    return doc.getElementById(decodeURIComponent(hash.slice(1)));
  }

  function buildPopover() {
    popover = make("div", { "class": "fn-popover", id: "fn-popover", role: "dialog", "aria-modal": "false", tabindex: "-1", hidden: "" });
    popover.addEventListener("pointerenter", function () { clearTimeout(hoverTimer); });
    popover.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && openedBy === "hover") scheduleClose();
    });
    popover.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); closePopover(true); }
    });
    doc.body.appendChild(popover);
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
    var viewW = doc.documentElement.clientWidth;
    var viewH = window.innerHeight;
    var headerH = (doc.querySelector(".site-header") || { offsetHeight: 0 }).offsetHeight;
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

  function setUpFootnotes() {
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
    doc.addEventListener("keydown", function (event) {
      // Focus goes back to the reference only when it had moved to the note (click, Enter).
      if (event.key === "Escape" && popover && !popover.hidden) {
        closePopover(openedBy === "click" || popover.contains(doc.activeElement));
      }
    });
    doc.addEventListener("pointerdown", function (event) {
      if (!popover || popover.hidden) return;
      if (popover.contains(event.target) || event.target.closest("a.fnref")) return;
      closePopover(false);
    });
    window.addEventListener("resize", function () { if (popoverRef) placePopover(popoverRef); });
  }

  /* ---------------- Language switcher keeps the #fragment ---------------- */

  function setUpLanguageSwitch() {
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

  /* ---------------- Table of contents: open on wide screens, mark the current section ---------------- */

  function keepTargetInView() {
    // Folding the contents moves the text up: bring a deep-linked paragraph back under the header.
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && doc.getElementById(id);
    if (target) target.scrollIntoView({ block: "start" });
  }

  function setUpToc() {
    var toc = doc.querySelector("nav.toc");
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
      var line = (doc.querySelector(".site-header") || { offsetHeight: 0 }).offsetHeight + 24;
      var active = headings[0];
      headings.forEach(function (h) { if (h.getBoundingClientRect().top <= line) active = h; });
      if (active === current) return;
      if (current) byId[current.id].classList.remove("is-current");
      current = active;
      byId[current.id].classList.add("is-current");
    }, { rootMargin: "0px 0px -60% 0px", threshold: [0, 1] });
    headings.forEach(function (h) { observer.observe(h); });
  }

  /* ---------------- Index: sort and filter the report list ---------------- */

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(row, index, key) {
    var cell = row.cells[index];
    if (!cell) return "";
    if (cell.hasAttribute("data-sort")) return cell.getAttribute("data-sort");
    var time = cell.querySelector("time[datetime]");
    if (time) return time.getAttribute("datetime");
    if (key && row.hasAttribute("data-" + key)) return row.getAttribute("data-" + key);
    return cell.textContent.trim();
  }

  function setUpSorting(table) {
    var body = table.tBodies[0];
    if (!body) return;
    $all("button.sort", table).forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var index = th.cellIndex;
        var key = button.getAttribute("data-key");
        var descending = th.getAttribute("aria-sort") === "ascending";
        $all("th[aria-sort]", table).forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(cellValue(a, index, key), cellValue(b, index, key));
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function fillSelect(select, rows, key) {
    var values = {};
    rows.forEach(function (row) { var v = row.getAttribute("data-" + key); if (v) values[v] = true; });
    var present = {};
    $all("option", select).forEach(function (o) { present[o.value] = true; });
    var sorted = Object.keys(values).sort(collator.compare);
    if (key === "year") sorted.reverse();
    sorted.forEach(function (v) {
      if (!present[v]) select.appendChild(make("option", { value: v }, v));
    });
  }

  function setUpFilters(table, form) {
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    var selects = $all("select[name]", form);
    selects.forEach(function (select) {
      if (!select.querySelector('option[value=""]')) select.insertBefore(make("option", { value: "" }, "All"), select.firstChild);
      fillSelect(select, rows, select.name);
      if (!select.querySelector("option[selected]")) select.value = "";
    });
    var text = form.querySelector('input[type="search"], input[name="q"], input[name="text"]');
    if (!text) {
      var label = make("label", { "class": "filter-text" }, "Text");
      text = make("input", { type: "search", name: "text", autocomplete: "off", placeholder: "Symbol or words in the title" });
      label.appendChild(text);
      form.insertBefore(label, form.firstChild);
    }
    var count = doc.querySelector(".filter-count");
    if (!count) {
      count = make("p", { "class": "filter-count", role: "status", "aria-live": "polite" });
      table.parentNode.insertBefore(count, table);
    }
    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var ok = selects.every(function (s) { return !s.value || row.getAttribute("data-" + s.name) === s.value; });
        if (ok && words.length) {
          var hay = row.textContent.toLowerCase();
          ok = words.every(function (w) { return hay.indexOf(w) !== -1; });
        }
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === rows.length ? rows.length + " reports" : shown + " of " + rows.length + " reports";
    }
    // The filters live in the query string, so a filtered list can be shared and survives Back.
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v && s.querySelector('option[value="' + CSS.escape(v) + '"]')) s.value = v;
    });
    if (params.get("text")) text.value = params.get("text");
    function remember() {
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      if (text.value.trim()) query.set("text", text.value.trim());
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("change", remember);
    text.addEventListener("input", remember);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }

  function setUpIndex() {
    var table = doc.querySelector("table.report-list");
    if (!table) return;
    setUpSorting(table);
    var form = doc.querySelector("form.filters");
    if (form) setUpFilters(table, form);
  }

  /* ---------------- Print: each paragraph's notes in place ---------------- */

  function insertPrintNotes() {
    removePrintNotes();  // beforeprint may fire more than once
    $all(".para").forEach(function (para) {
      var seen = {};
      var notes = [];
      $all("a.fnref", para).forEach(function (ref) {
        var note = noteFor(ref);
        if (note && !seen[note.id]) { seen[note.id] = true; notes.push([ref.textContent.trim(), note]); }
      });
      if (!notes.length) return;
      var box = make("div", { "class": "print-notes", "aria-hidden": "true" });
      notes.forEach(function (pair) {
        var text = pair[1].querySelector(".fn-text") || pair[1];
        box.appendChild(make("p", null, pair[0] + " " + text.textContent.trim()));
      });
      (para.querySelector(".para-body") || para).appendChild(box);
    });
    doc.documentElement.classList.add("has-print-notes");
  }

  function removePrintNotes() {
    $all(".print-notes").forEach(function (el) { el.remove(); });
    doc.documentElement.classList.remove("has-print-notes");
  }

  /* ---------------- Start ---------------- */

  function setUpSearchKey() {
    // "/" jumps to the search box, as on most documentation sites.
    var input = doc.getElementById("search-input");
    if (!input) return;
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var t = event.target;
      if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  function start() {
    setUpTools();
    setUpFootnotes();
    setUpLanguageSwitch();
    setUpToc();
    setUpIndex();
    setUpSearchKey();
    window.addEventListener("beforeprint", insertPrintNotes);
    window.addEventListener("afterprint", removePrintNotes);
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})();
