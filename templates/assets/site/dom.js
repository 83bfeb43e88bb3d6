/* Small DOM helpers the page features share. */

export function $all(selector, root) { return Array.from((root || document).querySelectorAll(selector)); }

export function make(tag, attrs, text) {
  const el = document.createElement(tag);
  for (const k of Object.keys(attrs || {})) el.setAttribute(k, attrs[k]);
  if (text) el.textContent = text;
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const ICONS = {
  link: "M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7",
  cite: "M8 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-3M9 9h6M9 13h4M16 3h5v5M21 3l-8 8",
  check: "M5 12.5l4.5 4.5L19 7.5"
};
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICONS[name]);
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2");
  path.setAttribute("stroke-linecap", "round");
  path.setAttribute("stroke-linejoin", "round");
  svg.appendChild(path);
  return svg;
}

/* The element a footnote reference's #fragment names. */
export function noteFor(ref) {
  const hash = ref.getAttribute("href") || "";
  if (hash.charAt(0) !== "#") return null;
  return document.getElementById(decodeURIComponent(hash.slice(1)));
}
