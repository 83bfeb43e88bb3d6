"""Finding citations of UN documents in text: shared by both readers and by the HTML writer.

"A/78/180, para. 68 (j)" -> Citation(symbol="A/78/180", paragraph="68", item="j").
"resolution 72/179"      -> Citation(symbol="A/RES/72/179").
The writer calls `find_citations` on the same text to place links, so spans must be exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A symbol starts with a known series prefix and continues with "/"-separated parts; the suffixes
# /Add.1, /Rev.1, /Corr.1 are parts too.
_SERIES = (
    r"A/HRC|A/RES|A/C\.\d|A/AC\.\d+|A/CONF\.\d+|A/INF|A/ES-\d+|A|S/RES|S/PRST|S/PV|S|"
    r"E/CN\.\d+|E/C\.\d+|E/ICEF|E/RES|E|"
    r"CRC/C|CCPR/C|CEDAW/C|CERD/C|CAT/C|CMW/C|CRPD/C|CED/C|E/C\.12|HRI/GEN|HRI/MC|"
    r"TD/B|UNEP/\w+|ICCD/\w+(?:\(\d+\))?|FCCC/\w+|JIU/REP|JIU/NOTE|ST/SGB|ST/AI|DP|UNW"
)
_PART = r"[A-Z0-9][A-Za-z0-9.\-()]*"
SYMBOL_RE = re.compile(
    rf"(?<![\w/])(?:{_SERIES})(?:/{_PART})+"
    r"(?:-S/\d{4}/\d+)?"  # joint symbols "A/79/797-S/2025/109"
)
_RESOLUTION_RE = re.compile(
    r"\b(?:[Gg]eneral [Aa]ssembly )?(?P<kind>[Rr]esolutions?|[Dd]ecisions?)\s+(?P<num>\d{1,3}/\d{1,4})\b"
)
_SC_RESOLUTION_RE = re.compile(r"\bSecurity Council resolution\s+(?P<num>\d{1,4})\s*\((?P<year>\d{4})\)")
_PARA_RE = re.compile(
    r"^,?\s*(?:paras?\.|paragraphs?|párrs?\.|párrafos?|paragraphes?|пункты?|пункт|п\.)\s*"
    r"(?P<para>\d+(?:\.\d+)?)(?:\s*[-–]\s*\d+)?(?:\s*\((?P<item>[a-z]{1,4})\))?"
)


@dataclass(frozen=True, slots=True)
class Citation:
    symbol: str
    paragraph: str | None
    item: str | None
    text: str
    """The citation as printed, from `start` to `end` in the searched text."""
    start: int
    end: int


def normalise_symbol(raw: str) -> str:
    """Trim trailing punctuation a sentence put after a symbol ("A/79/213." -> "A/79/213")."""
    sym = raw.rstrip(".,;:")
    while sym.endswith(")") and sym.count("(") < sym.count(")"):
        sym = sym[:-1]
    return sym


def find_citations(text: str) -> list[Citation]:
    found: list[Citation] = []
    for m in SYMBOL_RE.finditer(text):
        symbol = normalise_symbol(m.group(0))
        if not _looks_like_symbol(symbol):
            continue
        end = m.start() + len(symbol)
        found.append(_with_paragraph(text, symbol, m.start(), end))
    taken = [(c.start, c.end) for c in found]
    for m in _RESOLUTION_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        series = "RES" if m.group("kind").lower().startswith("resolution") else "DEC"
        found.append(_with_paragraph(text, f"A/{series}/{m.group('num')}", m.start(), m.end()))
    for m in _SC_RESOLUTION_RE.finditer(text):
        found.append(_with_paragraph(text, f"S/RES/{m.group('num')} ({m.group('year')})", m.start(), m.end()))
    found.sort(key=lambda c: c.start)
    return _drop_overlaps(found)


def _looks_like_symbol(symbol: str) -> bool:
    parts = symbol.split("/")
    # "A/B" alone or a fraction-like "S/2" is not a document; a real symbol has a digit in a later part.
    return len(parts) >= 2 and any(ch.isdigit() for ch in "".join(parts[1:]))


def _with_paragraph(text: str, symbol: str, start: int, end: int) -> Citation:
    m = _PARA_RE.match(text[end:])
    paragraph = item = None
    if m:
        paragraph, item = m.group("para"), m.group("item")
        end += m.end()
    return Citation(symbol=symbol, paragraph=paragraph, item=item, text=text[start:end], start=start, end=end)


def _drop_overlaps(cites: list[Citation]) -> list[Citation]:
    out: list[Citation] = []
    for c in cites:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
