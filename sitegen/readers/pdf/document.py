"""Whole-report facts the steps share: the page record, the symbol, the body text size, the
title and the language."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sitegen.readers.pdf.furniture import MASTHEAD_BAND, SYMBOL_RE, band_texts, compact, guess_symbol
from sitegen.readers.pdf.lines import Line


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[float]
    """Tops of short horizontal rules (footnote separator candidates)."""


def find_symbol(pages: list[PageText]) -> str | None:
    """From the running heads of pages 2+; else the symbol printed in page 1's masthead."""
    texts = [t for p in pages[1:] for t in band_texts(p.lines, p.height)]
    symbol = guess_symbol(texts)
    if symbol is not None or not pages:
        return symbol
    first = pages[0]
    top = [ln.text for ln in first.lines if ln.top < MASTHEAD_BAND * first.height]
    return guess_symbol(top) or guess_symbol([compact(t) for t in top if SYMBOL_RE.search(compact(t))])


def body_size_of(pages: list[PageText]) -> float:
    """The size most text is set in, weighted by characters."""
    counts: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            counts[round(ln.size * 2) / 2] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def take_title(body: list[Line], body_size: float) -> str:
    """Page 1's largest text after the masthead (the first run of lines of that size)."""
    first = [ln for ln in body if ln.page == 1 and sum(ch.isalpha() for ch in ln.text) >= 3]
    if not first:
        return ""
    biggest = max(ln.size for ln in first)
    if biggest < body_size + 1:
        bold = [ln for ln in first if ln.bold]
        return bold[0].text if bold else ""
    run: list[str] = []
    for ln in first:
        if abs(ln.size - biggest) < 0.6:
            run.append(ln.text)
        elif run:
            break
    return re.sub(r"\s*\[\^\d+\]", "", " ".join(run)).strip()


_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "that", "for", "is"},
    "fr": {"les", "des", "et", "le", "la", "du", "pour", "dans"},
    "es": {"los", "las", "del", "el", "y", "por", "para", "en"},
}


def detect_language(text: str) -> str:
    """BCP 47 code from the script and the commonest function words."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum("\u0400" <= ch <= "\u04ff" for ch in letters) > 0.3 * len(letters):
        return "ru"
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", text))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    return max(scores.items(), key=lambda kv: kv[1])[0] if any(scores.values()) else "en"
