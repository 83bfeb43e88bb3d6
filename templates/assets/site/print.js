/* Printing: each paragraph's notes printed in place. */

import { $all, make, noteFor } from "./dom.js";


export function insertPrintNotes() {
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
  document.documentElement.classList.add("has-print-notes");
}

export function removePrintNotes() {
  $all(".print-notes").forEach(function (el) { el.remove(); });
  document.documentElement.classList.remove("has-print-notes");
}
