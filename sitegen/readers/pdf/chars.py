"""Step 1: pdfplumber's character dicts -> typed `Char` tuples, and characters -> words with spaces.

This is the edge: nothing downstream sees a pdfplumber dict. The functions here are the hot loop
of the reader (every character of every page goes through `to_chars`), so they stay plain and cheap.

Two facts about a glyph are settled here, once:

- its direction: pdfplumber calls every glyph `upright`, even a running head printed along a
  landscape page's edge or a chart's vertical axis label; the glyph's text matrix says the truth. A
  turned glyph keeps its box on the page, gets its true size (measured across its line) and a `turn`
  in degrees; `lines.py` reads turned glyphs in the coordinates of their own line (`to_line_frame`)
  and puts the finished line back on the page (`to_page_frame`);
- its script: Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) become the letters they show
  (NFKC), so the words are the words pdftotext prints and a search finds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from sitegen.readers.pdf.tolerances import (
    CJK_WORD_GAP,
    OVERPRINT_FLOOR_PT,
    OVERPRINT_SHIFT,
    SPACER_GLYPH_MAX_PT,
    TURN_SINE,
    WORD_GAP,
)


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    turn: int = 0
    """Degrees the glyph is turned anticlockwise on the page (0 upright, 90 reading upwards, 270
    reading downwards)."""


_BOLD_CACHE: dict[str, bool] = {}


def is_bold_font(fontname: str) -> bool:
    """ "ABCDEF+TimesNewRomanPS-BoldMT" -> True. Cached: a document has a handful of fonts."""
    bold = _BOLD_CACHE.get(fontname)
    if bold is None:
        name = fontname.split("+", 1)[-1].lower()
        bold = "bold" in name or "black" in name or name.endswith((",b", "-b", "-bd", "heavy"))
        _BOLD_CACHE[fontname] = bold
    return bold


_PRESENTATION_FORM_START = "\ufb50"


def _letters(text: str) -> str:
    """Arabic presentation forms as the letters they show ("ﻻ" -> "لا"); everything else as it is."""
    if text >= _PRESENTATION_FORM_START and any(
        "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in text
    ):
        return unicodedata.normalize("NFKC", text)
    return text


def to_chars(raw: Iterable[Mapping[str, Any]]) -> list[Char]:
    """Typed characters in content-stream order; drops empty glyphs and invisible (tiny) text.

    Turned glyphs (a nonzero rotation in the text matrix, or an upside-down one) get their size
    measured across their line (pdfplumber's `size` is then the glyph's advance, 2-6 pt, which
    would make them look like footnote markers) and their `turn`.
    """
    out: list[Char] = []
    append = out.append
    for c in raw:
        text = c["text"]
        if not text:
            continue
        matrix = c.get("matrix")
        if matrix is not None and (matrix[1] > TURN_SINE or matrix[1] < -TURN_SINE or matrix[0] < 0):
            turned_char = _turned(c, matrix)
            if turned_char is not None:
                append(turned_char)
            continue
        size = c["size"]
        if size < SPACER_GLYPH_MAX_PT:  # 1pt spacer glyphs that Word emits around rules
            continue
        append(
            Char(_letters(text), c["x0"], c["x1"], c["top"], c["bottom"], size, is_bold_font(c["fontname"]))
        )
    return out


def turn_of(a: float, b: float) -> int:
    """The glyph's turn in whole degrees from its text matrix's first column (a, b), PDF y-up."""
    return round(math.degrees(math.atan2(b, a))) % 360


def axes(turn: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(along, across) unit vectors of a line turned by `turn` degrees, in page coordinates with y
    growing downwards: `along` is the reading direction, `across` points from a line to the next."""
    rad = math.radians(turn)
    dx, dy = math.cos(rad), -math.sin(rad)
    return (dx, dy), (-dy, dx)


def to_line_frame(
    x0: float, x1: float, top: float, bottom: float, turn: int
) -> tuple[float, float, float, float]:
    """A page box in the coordinates of a line turned by `turn`: (x0, x1, top, bottom) along/across it."""
    (dx, dy), (nx, ny) = axes(turn)
    us = [x * dx + y * dy for x in (x0, x1) for y in (top, bottom)]
    vs = [x * nx + y * ny for x in (x0, x1) for y in (top, bottom)]
    return min(us), max(us), min(vs), max(vs)


def to_page_frame(
    x0: float, x1: float, top: float, bottom: float, turn: int
) -> tuple[float, float, float, float]:
    """The inverse of `to_line_frame`: a box in a turned line's coordinates as a page box."""
    (dx, dy), (nx, ny) = axes(turn)
    xs = [u * dx + v * nx for u in (x0, x1) for v in (top, bottom)]
    ys = [u * dy + v * ny for u in (x0, x1) for v in (top, bottom)]
    return min(xs), max(xs), min(ys), max(ys)


def _turned(c: Mapping[str, Any], matrix: tuple[float, ...]) -> Char | None:
    turn = turn_of(matrix[0], matrix[1])
    if turn == 0:
        return None  # a mirrored glyph, not a turned one: nothing a reader reads
    _, _, top, bottom = to_line_frame(c["x0"], c["x1"], c["top"], c["bottom"], turn)
    size = bottom - top
    if size < SPACER_GLYPH_MAX_PT:
        return None
    return Char(
        _letters(c["text"]), c["x0"], c["x1"], c["top"], c["bottom"], size, is_bold_font(c["fontname"]), turn
    )


def drop_overprint(chars: list[Char]) -> list[Char]:
    """Remove "fake bold": the same glyph printed again a hair to the side ("UUNNIITTEEDD").

    `chars` are one line sorted by x; a real doubled letter ("ll") sits a whole glyph width away.
    """
    kept: list[Char] = []
    texts: list[str] = []  # kept's texts: a glyph not among the last four cannot be printed again
    for c in chars:
        text = c.text
        if text != " " and text in texts[-4:]:
            x0, top, reach = c.x0, c.top, max(OVERPRINT_FLOOR_PT, OVERPRINT_SHIFT * c.size)
            for k in kept[-4:]:
                if k.text == text and abs(k.x0 - x0) < reach and abs(k.top - top) < 1.5:
                    break  # a copy: dropped
            else:
                kept.append(c)
                texts.append(text)
            continue
        kept.append(c)
        texts.append(text)
    return kept


def is_cjk(ch: str) -> bool:
    """A Chinese (or Japanese, Korean) character or full-width punctuation: written without spaces."""
    o = ord(ch[0]) if ch else 0
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or 0xAC00 <= o <= 0xD7AF
    )


def needs_space(prev: Char, c: Char) -> bool:
    """A word gap from positions alone, for PDFs without space glyphs ("CommitteeonScience").

    Between two Chinese characters there is no word gap, only the letter-spacing of a justified
    line: a space is read there only when the gap is as wide as a whole character.
    """
    gap = c.x0 - prev.x1
    size = min(prev.size, c.size)
    if gap <= WORD_GAP * size:
        return False
    if is_cjk(prev.text[-1:]) and is_cjk(c.text[:1]):
        return gap > CJK_WORD_GAP * size
    return True


# ---- right-to-left scripts ------------------------------------------------------------------------

_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
_UNIT = re.compile(r"\[\^\d+\]|.", re.DOTALL)
"""What reordering moves as one piece: a footnote marker "[^12]" or a single character."""


def _strength(unit: str) -> str:
    """ "R" (Arabic, Hebrew letters), "L" (Latin letters, digits, a marker) or "N" (spaces, punctuation)."""
    if len(unit) > 1:
        return "L"
    cls = unicodedata.bidirectional(unit)
    if cls in ("R", "AL"):
        return "R"
    if cls in ("L", "EN", "AN"):
        return "L"
    return "N"


def is_rtl(text: str) -> bool:
    """Most of the line's letters are right-to-left ones (Arabic, Hebrew)."""
    if not _RTL_CHAR.search(text):
        return False
    kinds = [_strength(ch) for ch in text]
    return kinds.count("R") > kinds.count("L")


def visual_to_logical(text: str) -> str:
    """A line's text read left to right on the page, in the order it is read.

    PDFs store right-to-left text as it is seen (Word, and most others): the last letter of an
    Arabic word is leftmost. A line whose strong characters are mostly right-to-left is read from
    its right end, keeping runs of Latin letters and numbers ("A/79/876", "2025", "1 600", a
    footnote marker) in their own order; in a left-to-right line, each run of right-to-left letters is
    turned round in place. Each character is one unit, as pdftotext reads them.
    """
    if not _RTL_CHAR.search(text):
        return text
    units = _UNIT.findall(text)
    kinds = [_strength(u) for u in units]
    base = "R" if kinds.count("R") > kinds.count("L") else "L"
    embedded = "L" if base == "R" else "R"
    runs: list[tuple[bool, list[str]]] = []  # (is an embedded run, units)
    i, n = 0, len(units)
    while i < n:
        if kinds[i] != embedded:
            runs.append((False, [units[i]]))
            i += 1
            continue
        end, k = i, i
        while k < n and kinds[k] != base:  # neutrals between two embedded units belong to the run
            if kinds[k] == embedded:
                end = k
            k += 1
        runs.append((True, units[i : end + 1]))
        i = end + 1
    if base == "L":
        return "".join("".join(reversed(u) if emb else u) for emb, u in runs)
    return "".join("".join(u if emb else reversed(u)) for emb, u in reversed(runs))
