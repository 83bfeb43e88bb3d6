"""Finding citations of UN documents in text: shared by both readers and by the HTML writer.

"A/78/180, para. 68 (j)"                  -> Citation(symbol="A/78/180", paragraph="68", item="j")
"resolution 72/179"                       -> Citation(symbol="A/RES/72/179")
"Human Rights Council resolution 52/23"   -> Citation(symbol="A/HRC/RES/52/23")
"Security Council resolution 2719 (2023)" -> Citation(symbol="S/RES/2719 (2023)")
"paragraph 5 of resolution 72/179"        -> Citation(symbol="A/RES/72/179", paragraph="5")

The writer calls `find_citations` on the same text to place links, so spans must be exact:
`text[c.start:c.end] == c.text`, and spans never overlap. Symbols inside URLs are not citations
(the URL is already a link; a link inside it would break it), and sentence punctuation after a
symbol ("see A/79/213.") is not part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.symbols import (
    HALF_BRACKET_ITEM_KEY,
    ITEM_KEY,
    PARAGRAPH_NUMBER,
    PARAGRAPH_WORDS,
    SYMBOL_RE,
    item_letters,
    words_pattern,
)

# Security Council resolutions carry their year: "S/RES/2719 (2023)".
_SC_YEAR_RE = re.compile(r"^\s?\((?P<year>\d{4})\)")
_URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.)[^\s<>\"]*", re.IGNORECASE)

_BODY = r"(?P<body>General Assembly|Human Rights Council|Economic and Social Council|Security Council)"
_KIND = (
    r"(?P<kind>(?i:r[ée]solutions?|d[ée]cisions?|resoluci(?:ón|ones)|"
    r"decisi(?:ón|ones)|резолюци[яиюей]|решени[еяюи]))"
)
_RESOLUTION_RE = re.compile(rf"(?:\b{_BODY}\s+)?(?<!\w){_KIND}\s+(?P<num>\d{{1,4}}/\d{{1,4}})(?![\d/])")
_SC_RESOLUTION_RE = re.compile(
    rf"(?:\b{_BODY}\s+)?(?<!\w){_KIND}\s+(?P<num>\d{{1,4}})\s*\((?P<year>\d{{4}})\)"
)
# "resolutions 72/179, 73/180 and 74/181": each further number is a citation of its own.
_MORE_NUMBERS_RE = re.compile(
    r"^(?:\s*,\s*|\s+(?:and|et|y|и)\s+|\s*,\s+(?:and|et|y|и)\s+)(\d{1,4}/\d{1,4})(?![\d/])"
)
# The body named after the number ("résolution 52/23 du Conseil des droits de l'homme").
_HRC_AFTER_RE = re.compile(
    r"^\s+(?:of the Human Rights Council|du Conseil des droits de l[’']homme|"
    r"del Consejo de Derechos Humanos|Совета по правам человека)"
)
# "The Human Rights Council, in its resolution 52/23, ...": the body named earlier in the sentence.
_HRC_BEFORE_RE = re.compile(r"Human Rights Council[^.;]{0,80}\bin its\s+$")

_PARA_WORD = words_pattern(PARAGRAPH_WORDS)
_ITEM = rf"(?:\s*\((?P<item>{ITEM_KEY})\)|\s+(?P<ru_item>{HALF_BRACKET_ITEM_KEY})\))"
# "paras. 12-14", "par. 6 à 8", "párrs. 6 a 8", "пункты 6–8".
_RANGE = r"(?:\s*[-–—]\s*|\s+(?:to|à|a|al|по)\s+)"
_PARA_AFTER_RE = re.compile(
    rf"^,?\s*{_PARA_WORD}\s*(?P<para>{PARAGRAPH_NUMBER})(?:{_RANGE}(?P<last>{PARAGRAPH_NUMBER}))?{_ITEM}?(?![\w])"
)
_PARA_BEFORE_RE = re.compile(
    rf"(?<!\w){_PARA_WORD}\s*(?P<para>{PARAGRAPH_NUMBER}){_ITEM}?\s+(?:of|de|del)\s+(?:(?:its|the|la|le|su)\s+)?$"
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


def find_citations(text: str) -> list[Citation]:
    """Every citation in `text`, in order, with exact and non-overlapping spans."""
    urls = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    found = _symbol_citations(text) + _resolution_citations(text) + _sc_resolution_citations(text)
    found = [c for c in found if not any(s < c.end and c.start < e for s, e in urls)]
    found = [_with_paragraph_before(text, c) for c in found]
    found.sort(key=lambda c: (c.start, -c.end))
    return _drop_overlaps(found)


def normalise_symbol(raw: str) -> str:
    """Trim what a sentence put after a symbol: "A/79/213." -> "A/79/213", "(A/79/213)." -> ..."""
    sym = raw
    while True:
        trimmed = sym.rstrip(".,;:-")
        while trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
            trimmed = trimmed[:-1]
        if trimmed == sym:
            return sym
        sym = trimmed


def item_letter(label: str) -> str:
    """ "j" -> "j"; Russian "к" -> "j" (by position in the alphabet: `sitegen.symbols.item_letters`)."""
    return item_letters(label)


def _symbol_citations(text: str) -> list[Citation]:
    found = []
    for m in SYMBOL_RE.finditer(text):
        symbol = normalise_symbol(m.group(0))
        symbol, end = _with_sc_year(text, symbol, m.start() + len(symbol))
        if not _looks_like_symbol(symbol.split(" (")[0], m.group("series")):
            continue
        found.append(_with_paragraph_after(text, symbol, m.start(), end))
    return found


def _looks_like_symbol(symbol: str, series: str) -> bool:
    """ "S/2" (a fraction) and "A/C" (air conditioning) are not documents; "A/8082" and "S/2025/109" are."""
    rest = symbol[len(series) :].strip("/").split("/")
    if not rest or not any(ch.isdigit() for ch in "".join(rest)):
        return False
    # A lone part after the series must be a document number of 3+ digits ("A/8082").
    return len(rest) > 1 or re.fullmatch(r"\d{3,}", rest[0]) is not None


def _with_sc_year(text: str, symbol: str, end: int) -> tuple[str, int]:
    """ "S/RES/2719 (2023)" and "S/RES/2719(2023)" both become "S/RES/2719 (2023)"."""
    if not symbol.startswith("S/RES/"):
        return symbol, end
    glued = re.fullmatch(r"(S/RES/\d+)\((\d{4})\)", symbol)
    if glued:
        return f"{glued.group(1)} ({glued.group(2)})", end
    m = _SC_YEAR_RE.match(text[end:])
    if m and re.fullmatch(r"S/RES/\d+", symbol):
        return f"{symbol} ({m.group('year')})", end + m.end()
    return symbol, end


def _resolution_citations(text: str) -> list[Citation]:
    found = []
    for m in _RESOLUTION_RE.finditer(text):
        series = _resolution_series(text, m)
        if series is None:
            continue
        kind = "DEC" if m.group("kind").lower()[:3] in ("dec", "déc", "реш") else "RES"
        found.append(_with_paragraph_after(text, f"{series}/{kind}/{m.group('num')}", m.start(), m.end()))
        end = m.end()
        while more := _MORE_NUMBERS_RE.match(text[end:]):
            start = end + more.start(1)
            end += more.end()
            found.append(_with_paragraph_after(text, f"{series}/{kind}/{more.group(1)}", start, end))
    return found


def _resolution_series(text: str, m: re.Match[str]) -> str | None:
    """Which body adopted "resolution 52/23": named before it, after it, or earlier in the sentence."""
    body = m.group("body")
    if body == "Human Rights Council":
        return "A/HRC"
    if body == "Economic and Social Council":
        return "E"
    if body == "Security Council":
        return None  # Security Council resolutions are numbered "2719 (2023)", never "n/m"
    if body is None and (
        _HRC_AFTER_RE.match(text[m.end() :])
        or _HRC_BEFORE_RE.search(text[max(0, m.start() - 120) : m.start()])
    ):
        return "A/HRC"
    if body is None and len(m.group("num").split("/")[0]) == 4:
        return "E"  # only the Economic and Social Council numbers by year: "resolution 2023/5"
    return "A"


def _sc_resolution_citations(text: str) -> list[Citation]:
    found = []
    for m in _SC_RESOLUTION_RE.finditer(text):
        if m.group("body") not in (None, "Security Council"):
            continue
        symbol = f"S/RES/{m.group('num')} ({m.group('year')})"
        found.append(_with_paragraph_after(text, symbol, m.start(), m.end()))
    return found


def _with_paragraph_after(text: str, symbol: str, start: int, end: int) -> Citation:
    m = _PARA_AFTER_RE.match(text[end:])
    paragraph = item = None
    if m:
        paragraph, item = m.group("para"), _item_of(m)
        end += m.end()
        if m.group("last") and _number_key(m.group("last")) < _number_key(paragraph):
            # "paras. 151.119–115.127" (a misprint in A/HRC/WG.6/34/SVN/2): a range that ends before
            # it starts gives no paragraph we can trust, so the citation names the document only.
            paragraph = item = None
    return Citation(symbol=symbol, paragraph=paragraph, item=item, text=text[start:end], start=start, end=end)


def _number_key(number: str) -> tuple[int, ...]:
    """ "115.127" -> (115, 127), so numbers compare as the document orders them."""
    return tuple(int(part) for part in number.split("."))


def _with_paragraph_before(text: str, c: Citation) -> Citation:
    """ "paragraph 5 of resolution 72/179": the pinpoint comes first and joins the citation."""
    if c.paragraph is not None:
        return c
    m = _PARA_BEFORE_RE.search(text[max(0, c.start - 80) : c.start])
    if m is None:
        return c
    start = c.start - (len(text[max(0, c.start - 80) : c.start]) - m.start())
    return Citation(
        symbol=c.symbol,
        paragraph=m.group("para"),
        item=_item_of(m),
        text=text[start : c.end],
        start=start,
        end=c.end,
    )


def _item_of(m: re.Match[str]) -> str | None:
    raw = m.group("item") or m.group("ru_item")
    return item_letter(raw) if raw else None


def _drop_overlaps(cites: list[Citation]) -> list[Citation]:
    """Keep the earliest (and, at one start, the longest) of overlapping citations."""
    out: list[Citation] = []
    for c in cites:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
