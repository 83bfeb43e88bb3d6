"""Step 1: pdfplumber's character dicts -> typed `Char` tuples, and characters -> words with spaces.

This is the edge: nothing downstream sees a pdfplumber dict. The functions here are the hot loop
of the reader (every character of every page goes through `to_chars`), so they stay plain and cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


_BOLD_CACHE: dict[str, bool] = {}


def is_bold_font(fontname: str) -> bool:
    """"ABCDEF+TimesNewRomanPS-BoldMT" -> True. Cached: a document has a handful of fonts."""
    bold = _BOLD_CACHE.get(fontname)
    if bold is None:
        name = fontname.split("+", 1)[-1].lower()
        bold = "bold" in name or "black" in name or name.endswith((",b", "-b", "-bd", "heavy"))
        _BOLD_CACHE[fontname] = bold
    return bold


def to_chars(raw: Iterable[Mapping[str, Any]]) -> list[Char]:
    """Typed characters in content-stream order; drops empty glyphs and invisible (tiny) text."""
    out: list[Char] = []
    append = out.append
    for c in raw:
        text = c["text"]
        size = c["size"]
        if not text or size < 2.0:  # 1pt spacer glyphs that Word emits around rules
            continue
        append(Char(text, c["x0"], c["x1"], c["top"], c["bottom"], size, is_bold_font(c["fontname"])))
    return out


def drop_overprint(chars: list[Char]) -> list[Char]:
    """Remove "fake bold": the same glyph printed again a hair to the side ("UUNNIITTEEDD").

    `chars` are one line sorted by x; a real doubled letter ("ll") sits a whole glyph width away.
    """
    kept: list[Char] = []
    for c in chars:
        if c.text != " " and any(
            k.text == c.text and abs(k.x0 - c.x0) < max(1.0, 0.15 * c.size) and abs(k.top - c.top) < 1.5
            for k in kept[-4:]
        ):
            continue
        kept.append(c)
    return kept


def needs_space(prev: Char, c: Char) -> bool:
    """A word gap from positions alone, for PDFs without space glyphs ("CommitteeonScience")."""
    return c.x0 - prev.x1 > 0.15 * min(prev.size, c.size)
