/* sitegen: progressive enhancement for report and index pages (loaded by templates/base.html as a
 * module). Markup contract: docs/markup.md. Everything works without it; each feature is its own
 * module. No inline code anywhere, so it runs under `script-src 'self'`. The "/" key belongs to the
 * search box (search/box.js). */

import { setUpConnect } from "./connect.js";
import { setUpTools } from "./copy.js";
import { setUpFootnotes } from "./footnotes.js";
import { setUpLanguageSwitch } from "./language.js";
import { insertPrintNotes, removePrintNotes } from "./print.js";
import { setUpIndex } from "./reports.js";
import { setUpToc } from "./toc.js";

setUpTools();
setUpConnect();
setUpFootnotes();
setUpLanguageSwitch();
setUpToc();
setUpIndex();
window.addEventListener("beforeprint", insertPrintNotes);
window.addEventListener("afterprint", removePrintNotes);
