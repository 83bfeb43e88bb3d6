"""The PDF reader: pdfplumber characters -> `DraftReport`.

Each page goes through the steps in this package, in this order:
`chars` (typed characters, overprint, word gaps) -> `lines` (lines, superscript markers, columns)
-> `furniture` (running heads, footers, masthead) -> `footnotes` (the zone under the rule, endnotes)
-> `structure` (headings, numbered paragraphs, sub-paragraphs) -> `repair` (hyphenation, ligatures)
-> `join` (footnotes over page breaks). `document` holds the whole-report facts (symbol, title,
language, body size).
"""

from __future__ import annotations

import functools
import re
from itertools import chain
from pathlib import Path
from typing import Any

from sitegen.corrigenda import quotes_base_notes
from sitegen.draft import DraftParagraph, DraftReport
from sitegen.errors import Diagnostics, InputError
from sitegen.readers import ReadOptions
from sitegen.readers.pdf.chars import to_chars
from sitegen.readers.pdf.document import (
    PageText,
    body_size_of,
    detect_language,
    find_symbol,
    join_title_blocks,
    not_a_document,
    page_text,
    printed_masthead_symbol,
    split_front_matter,
)
from sitegen.readers.pdf.footnotes import (
    find_endnotes_start,
    find_zone_top,
    is_rule_text,
    old_markers_to_refs,
    split_zone,
)
from sitegen.readers.pdf.furniture import strip_masthead, strip_running
from sitegen.readers.pdf.genres import apply_genre
from sitegen.readers.pdf.join import NoteCollector
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.open import open_pdf
from sitegen.readers.pdf.repair import resolve_breaks, vocabulary
from sitegen.readers.pdf.structure import build_blocks

__all__ = ["read_pdf"]

_MARKER = re.compile(r"\[\^(\d+)\]")


def read_pdf(path: Path, diag: Diagnostics, options: ReadOptions | None = None) -> DraftReport:
    """One PDF's draft: characters from the source `options.chars` names, scanned pages recognised
    by OCR as `options.ocr` says (sitegen.readers.pdf.ocr), then the same steps for every page."""
    from sitegen.readers.pdf.ocr import read_pages_ocr  # Pillow and the engine lookup, only for PDFs
    from sitegen.readers.pdf.pdfium import read_pages_pdfium

    options = options or ReadOptions()
    source = read_pages_pdfium if options.chars == "pdfium" else read_pages
    ocr_mode: Any = options.ocr
    result = read_pages_ocr(path, diag, ocr_mode, options.ocr_language, options.ocr_cache, reader=source)
    pages = result.pages
    if not any(p.lines for p in pages):
        hint = (
            "; --ocr auto reads scanned pages" if options.ocr == "never" else " and OCR found no text on it"
        )
        raise InputError(str(path), f"no text layer (a scanned image?){hint}")
    reason = not_a_document(pages)
    if reason is not None:
        raise InputError(str(path), reason)
    draft = assemble(path.name, pages, diag)
    draft.meta.update(result.meta())
    return draft


def read_pages(path: Path, diag: Diagnostics) -> list[PageText]:
    """Every page's lines and footnote-rule candidates; pages are closed as soon as they are read."""
    pages: list[PageText] = []
    with open_pdf(path, diag) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(
                    page_text(
                        number,
                        float(page.width),
                        float(page.height),
                        to_chars(page.chars),
                        chain(page.lines, page.rects),
                    )
                )
            finally:
                page.close()
    return pages


def assemble(file_name: str, pages: list[PageText], diag: Diagnostics) -> DraftReport:
    symbol = find_symbol(pages)
    body_size = body_size_of(pages)
    draft = DraftReport(source_file=file_name, pages=len(pages), symbol=symbol)
    notes = NoteCollector()
    body: list[Line] = []
    for p in pages:
        lines, _ = strip_running(p.lines, p.height, symbol)
        if p.number == 1:
            lines, head = strip_masthead(lines, p.height, symbol, printed_masthead_symbol(pages))
            draft.date = head.date
            draft.meta.update(head.meta)
        zone_body, zone_notes = split_zone(lines, find_zone_top(lines, p.rules, body_size))
        body.extend(zone_body)
        body.extend(notes.feed_zone(zone_notes, zone_body))  # lines before the first note: body text
    body = [ln for ln in body if not is_rule_text(ln.text)]
    end = find_endnotes_start(body)
    if end is not None:
        for ln in body[end + 1 :]:
            notes.feed(ln)
        body = body[:end]
    front, body = split_front_matter(body, body_size)
    draft.title = front.title or (symbol or "")
    draft.meta.update(front.meta)
    draft.blocks = build_blocks(join_title_blocks(body, body_size), body_size)
    apply_genre(draft)
    draft.footnotes = notes.footnotes()
    _finish_text(draft, notes.old_style)
    _unmark_missing_notes(draft, diag)
    draft.language = detect_language(" ".join(_texts(draft))[:20000])
    return draft


def _texts(draft: DraftReport) -> list[str]:
    out: list[str] = []
    for b in draft.blocks:
        out.append(b.text)
        if isinstance(b, DraftParagraph):
            out.extend(i.text for i in b.items)
    out.extend(f.text for f in draft.footnotes)
    return out


def _unmark_missing_notes(draft: DraftReport, diag: Diagnostics) -> None:
    """A raised digit with no footnote behind it (scanning noise, a stray exponent) stays a digit."""
    known = {f.number for f in draft.footnotes}

    @functools.cache
    def quoted() -> bool:
        """A corrigendum's raised numbers are its base's notes (asked only when a marker has no note)."""
        return quotes_base_notes(draft.symbol, (b.text for b in draft.blocks))

    def unmark(text: str, page: int) -> str:
        def sub(m: re.Match[str]) -> str:
            if m.group(1) in known:
                return m.group(0)
            if not quoted():
                diag.warn(
                    "footnote-missing",
                    draft.source_file,
                    f"footnote {m.group(1)} referenced but not found; kept as text",
                    page,
                )
            return m.group(1)

        return _MARKER.sub(sub, text) if "[^" in text else text

    for b in draft.blocks:
        b.text = unmark(b.text, b.page)
        if isinstance(b, DraftParagraph):
            for it in b.items:
                it.text = unmark(it.text, b.page)
    for f in draft.footnotes:
        f.text = unmark(f.text, f.page)


def _finish_text(draft: DraftReport, old_style_numbers: set[str]) -> None:
    """Whole-report repairs: line-end hyphens decided by the report's own spelling; old "1/" markers."""
    words, compounds = vocabulary(_texts(draft) + [draft.title, *draft.meta.values()])
    old_style = set(old_style_numbers)

    def fix(text: str) -> str:
        text = resolve_breaks(text, words, compounds)
        return old_markers_to_refs(text, old_style) if "/" in text else text

    for b in draft.blocks:
        b.text = fix(b.text)
        if isinstance(b, DraftParagraph):
            for it in b.items:
                it.text = fix(it.text)
    for f in draft.footnotes:
        f.text = fix(f.text)
    draft.title = resolve_breaks(draft.title, words, compounds)
