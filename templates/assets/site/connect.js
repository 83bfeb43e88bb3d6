/* Making a connection the way editors do in Uwazi, without a server (issue 12).
 *
 * Select words in a paragraph: a small toolbar offers "Copy link to passage" (the paragraph's URL
 * with a text fragment, so the browser highlights the words) and "Connect…". Connect keeps the
 * selection in local storage; on any other report page a bar then asks for the target paragraph,
 * and clicking one (or Enter on it) ends it. On a built site the finished connection is shown and
 * copied, ready to paste into connections.yaml; under `sitegen serve` the page carries a session
 * token (a <meta> the server adds as it serves) and the connection is written into the file, which
 * rebuilds the site and reloads the page. Escape cancels at every step. */

import { $all, make } from "./dom.js";
import { announce, copyText } from "./copy.js";

const STORE = "sitegen-connect";
const ENDS = "section.para[id], li.item[id], li.footnote[id]";
const TOKEN_META = "sitegen-serve-token";
const WRITE_URL = "/_sitegen/connections";
const LONG_QUOTE = 80;

/* ---------------- what is selected, as data ---------------- */

export function endOf(node) {
  const el = node && (node.nodeType === 1 ? node : node.parentElement);
  return el ? el.closest(ENDS) : null;
}

function fragmentText(text) {
  // Text-fragment syntax reserves "-", "," and "&": they are percent-encoded inside a term.
  return encodeURIComponent(text).replace(/-/g, "%2D").replace(/,/g, "%2C");
}

export function passageUrl(base, id, quote) {
  const words = quote.trim().split(/\s+/);
  let directive = fragmentText(words.join(" "));
  if (quote.length > LONG_QUOTE && words.length > 8) {
    directive = fragmentText(words.slice(0, 4).join(" ")) + "," + fragmentText(words.slice(-4).join(" "));
  }
  return base + "#" + id + ":~:text=" + directive;
}

function yamlString(text) {
  return "\"" + text.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\s+/g, " ") + "\"";
}

export function connectionYaml(c) {
  const lines = ["- from: " + c.from, "  to: " + c.to, "  type: " + c.type];
  if (c.quote) lines.push("  quote: " + yamlString(c.quote));
  return lines.join("\n") + "\n";
}

function report() { return document.querySelector("article.report[data-symbol]"); }

function selected() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0);
  const end = endOf(range.commonAncestorContainer);
  const text = sel.toString().trim();
  return end && text && report() ? { end: end, text: text, rect: range.getBoundingClientRect() } : null;
}

/* ---------------- the selection toolbar ---------------- */

let toolbar = null;
let current = null;

function hideToolbar() {
  if (toolbar) toolbar.hidden = true;
  current = null;
}

function buildToolbar() {
  toolbar = make("div", { "class": "connect-tools", role: "toolbar", "aria-label": "Selected words" });
  const copy = make("button", { type: "button", "class": "connect-copy" }, "Copy link to passage");
  const connect = make("button", { type: "button", "class": "connect-start" }, "Connect\u2026");
  copy.addEventListener("click", copyPassageLink);
  connect.addEventListener("click", startConnection);
  // pressing a button must not clear the selection it acts on
  toolbar.addEventListener("mousedown", function (event) { event.preventDefault(); });
  toolbar.append(copy, connect);
  toolbar.hidden = true;
  document.body.appendChild(toolbar);
}

function showToolbar(sel) {
  current = sel;
  toolbar.hidden = false;
  // CSSOM positions are allowed under a strict style policy (no inline style attributes in markup)
  toolbar.style.top = Math.max(0, window.scrollY + sel.rect.top - toolbar.offsetHeight - 8) + "px";
  toolbar.style.left = Math.max(8, window.scrollX + sel.rect.left) + "px";
}

function copyPassageLink() {
  if (!current) return;
  const url = passageUrl(location.origin + location.pathname, current.end.id, current.text);
  copyText(url).then(function (ok) {
    announce(ok ? "Copied link to the selected words" : "Could not copy. Select and copy: " + url);
  });
}

/* ---------------- choosing the target ---------------- */

function cite(end) {
  return end.getAttribute("data-cite") || (report().getAttribute("data-symbol") + " #" + end.id);
}

function startConnection() {
  if (!current) return;
  const art = report();
  const pending = {
    from: art.getAttribute("data-symbol") + "#" + current.end.id,
    fromLabel: cite(current.end),
    fromUrl: location.pathname + "#" + current.end.id,
    slug: art.getAttribute("data-slug"),
    quote: current.text
  };
  localStorage.setItem(STORE, JSON.stringify(pending));
  window.getSelection().removeAllRanges();
  hideToolbar();
  announce("Connection started from " + pending.fromLabel + ". Open the other report and select the target paragraph.");
  showTargetBar(pending);
}

function pendingConnection() {
  try { return JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { return null; }
}

function connectionTypes() {
  const data = document.getElementById("connection-types");
  try {
    const types = data ? JSON.parse(data.textContent) : [];
    if (types.length) return types;
  } catch (e) { /* a theme without the list: the default type */ }
  return [{ name: "follows-up", label: "follows up" }];
}

let bar = null;

function cancel() {
  localStorage.removeItem(STORE);
  if (bar) bar.remove();
  bar = null;
  $all(".connect-target").forEach(function (el) {
    el.classList.remove("connect-target");
    el.removeAttribute("tabindex");
  });
  announce("Connection cancelled");
}

function showTargetBar(pending) {
  const art = report();
  if (!art || bar) return;
  const sameReport = art.getAttribute("data-slug") === pending.slug;
  bar = make("div", { "class": "connect-bar", role: "region", "aria-label": "Making a connection" });
  const text = make("p", { "class": "connect-bar-text" });
  text.append(sameReport ? "Connecting from " : "Select target paragraph for the connection from ");
  text.append(make("a", { href: pending.fromUrl }, pending.fromLabel));
  text.append(sameReport ? ": open the other report and select its paragraph." : ".");
  const type = make("select", { "class": "connect-type", "aria-label": "Type of connection" });
  connectionTypes().forEach(function (t) { type.appendChild(make("option", { value: t.name }, t.label)); });
  const cancelButton = make("button", { type: "button", "class": "connect-cancel" }, "Cancel");
  cancelButton.addEventListener("click", cancel);
  bar.append(text, type, cancelButton);
  document.body.prepend(bar);
  if (!sameReport) offerTargets(pending, type);
}

function offerTargets(pending, type) {
  $all(ENDS, report()).forEach(function (end) {
    end.classList.add("connect-target");
    end.setAttribute("tabindex", "0");
  });
  report().addEventListener("click", function (event) {
    const end = bar && endOf(event.target);
    if (!end || event.target.closest("a, button")) return;
    event.preventDefault();
    finish(pending, end, type.value);
  });
  report().addEventListener("keydown", function (event) {
    const end = bar && (event.key === "Enter" || event.key === " ") && event.target.matches(".connect-target");
    if (!end) return;
    event.preventDefault();
    finish(pending, event.target, type.value);
  });
}

/* ---------------- ending it ---------------- */

function finish(pending, end, type) {
  const connection = {
    from: pending.from,
    to: report().getAttribute("data-symbol") + "#" + end.id,
    type: type,
    quote: pending.quote
  };
  const token = document.querySelector("meta[name=" + TOKEN_META + "]");
  (token ? write(connection, token.content) : Promise.resolve(false)).then(function (written) {
    localStorage.removeItem(STORE);
    showFinished(connection, written);
  });
}

function write(connection, token) {
  return fetch(WRITE_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sitegen-Token": token },
    body: JSON.stringify(connection)
  }).then(function (response) { return response.ok; }, function () { return false; });
}

function showFinished(connection, written) {
  const yaml = connectionYaml(connection);
  bar.replaceChildren();
  bar.classList.add("is-done");
  const text = make("p", { "class": "connect-bar-text" },
    written ? "Connection saved to connections.yaml; the site is rebuilding."
            : "Connection ready: paste it into connections.yaml (copied).");
  const pre = make("pre", { "class": "connect-yaml", tabindex: "0" }, yaml);
  const close = make("button", { type: "button", "class": "connect-cancel" }, "Close");
  close.addEventListener("click", function () { bar.remove(); bar = null; });
  bar.append(text, pre, close);
  $all(".connect-target").forEach(function (el) { el.classList.remove("connect-target"); el.removeAttribute("tabindex"); });
  if (!written) copyText(yaml);
  announce(written ? "Connection saved" : "Connection copied");
  close.focus();
}

/* ---------------- wiring ---------------- */

export function setUpConnect() {
  if (!report()) return;
  buildToolbar();
  document.addEventListener("selectionchange", function () {
    const sel = selected();
    if (sel) showToolbar(sel); else if (!toolbar.contains(document.activeElement)) hideToolbar();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (toolbar && !toolbar.hidden) hideToolbar();
    else if (bar) cancel();
  });
  const pending = pendingConnection();
  if (pending) showTargetBar(pending);
}
