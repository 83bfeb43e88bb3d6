/* The index page's report list: sorting by column, filters kept in the query string. */

import { $all, make } from "./dom.js";


var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function cellValue(row, index, key) {
  var cell = row.cells[index];
  if (!cell) return "";
  if (cell.hasAttribute("data-sort")) return cell.getAttribute("data-sort");
  var value = key && row.getAttribute("data-" + key);
  if (value) return value;
  // The cell's own link (a title cell may also hold a "Superseded by" link and its date).
  var link = cell.querySelector("a");
  if (link) return link.textContent.trim();
  var time = cell.querySelector("time[datetime]");
  if (time) return time.getAttribute("datetime");
  return cell.textContent.trim();
}

/* The report rows (a family's head row, naming a base not in the site, is not one). */
function reportRows(table) {
  return $all("tbody tr[data-symbol]", table);
}

/* Each <tbody> is a report or a family: sorting orders the groups by their first report and keeps a
   family's members in reading order under their base. */
function setUpSorting(table) {
  if (!table.tBodies.length) return;
  $all("button.sort", table).forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.closest("th");
      var index = th.cellIndex;
      var key = button.getAttribute("data-key");
      var descending = th.getAttribute("aria-sort") === "ascending";
      $all("th[aria-sort]", table).forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var groups = Array.prototype.slice.call(table.tBodies);
      var lead = function (group) { return group.querySelector("tr[data-symbol]"); };
      groups.sort(function (a, b) {
        var order = collator.compare(cellValue(lead(a), index, key), cellValue(lead(b), index, key));
        return descending ? -order : order;
      });
      groups.forEach(function (group) { table.appendChild(group); });
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
  var rows = reportRows(table);
  var heads = $all("tbody tr.family-head", table);
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
  var count = document.querySelector(".filter-count");
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
    // A family's head row shows while any of its members does.
    heads.forEach(function (head) {
      head.hidden = !head.parentNode.querySelector("tr[data-symbol]:not([hidden])");
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

export function setUpIndex() {
  var table = document.querySelector("table.report-list");
  if (!table) return;
  setUpSorting(table);
  var form = document.querySelector("form.filters");
  if (form) setUpFilters(table, form);
}
