"""Step 7: the genre of a document and the anchors a citer uses in it.

Reports number their paragraphs; resolutions and decisions open with unnumbered preambular
paragraphs (`pp-1`, `pp-2`, ...); rules of procedure are cited by rule (`rule-12`, `rule-12-2`);
agendas by item (`item-4`). This step runs on the draft blocks after `structure` and before ids are
assigned (CONTRACT.md section 4).

The rules read words, not layout, so they live in `sitegen.genres`, where the Markdown reader runs
the same ones without loading the PDF reader (pdfplumber is slow to import). No layout tolerance is
involved: a preamble run together on the page is cut at its opening words, not at an indent.
"""

from __future__ import annotations

from sitegen.genres import apply_genre

__all__ = ["apply_genre"]
