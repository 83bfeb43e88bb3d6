"""UN document symbols: the one home of their grammar.

A symbol is a series prefix ("A/HRC", "E/CN.5", "S") and "/"-separated parts ("59/15", "Add.1");
a document issued to two organs at once carries a joint symbol, two symbols joined by a dash
("A/79/797-S/2025/109", "E/2025/25-E/CN.9/2025/7"). Citations (`sitegen.citations`), the resolver
(each part of a joint symbol answers for the report), the index page's filter and the search
facet (the issuing body) all read these rules from here, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A symbol starts with a known series prefix and continues with "/"-separated parts; the suffixes
# /Add.1, /Rev.1, /Corr.1 and /L.5 are parts too. Longer prefixes come first so they win.
SERIES = (
    r"A/HRC|A/RES|A/DEC|A/C\.\d|A/AC\.\d+|A/CN\.\d+|A/CONF\.\d+|A/INF|A/ES-\d+|A|"
    r"S/RES|S/PRST|S/PV|S|"
    r"E/CN\.\d+|E/C\.\d+|E/ICEF|E/RES|E/DEC|E|"
    r"CRC/C|CCPR/C|CEDAW/C|CERD/C|CAT/OP|CAT/C|CMW/C|CRPD/C|CED/C|HRI/GEN|HRI/MC|HRI/CORE|"
    r"TD/B|UNEP/\w+|ICCD/\w+(?:\(\d+\))?|FCCC/\w+|JIU/REP|JIU/NOTE|ST/SGB|ST/AI|DP|UNW"
)
PART = r"[A-Z0-9][A-Za-z0-9.\-()]*"
"""One "/"-separated part after the series: "79", "Add.1", "WG.6", "COP(8)"."""

_JOINT_SPLIT = re.compile(r"\s*[-\u2013\u2014]\s*(?=[A-Z][A-Za-z]*/)")
"""The dash between the two symbols of a joint symbol: before another series' first letters and "/"."""

# Parts that name what kind of document it is, or a session, not who issues it: "A/RES/78/323" is
# issued by the General Assembly ("A"), "A/ES-10/1027" too, "S/PV.9876" by the Security Council.
_NOT_A_BODY = re.compile(r"^(RES|DEC|PRST|INF|NGO|PV(\.\d+)?|SR(\.\d+)?|L\.\d+|CRP\.\d+|E?S-\d+)$")
BODY_DEPTH = 2
"""An issuing body is at most two parts deep: "A/HRC", "E/CN.5", "E/ICEF", "CEDAW/C"."""


def split_joint_symbol(symbol: str) -> list[str]:
    """"A/79/797-S/2025/109" -> ["A/79/797", "S/2025/109"]; a single symbol -> [itself]."""
    return [p for p in _JOINT_SPLIT.split(symbol.strip()) if p]


def issuing_body(symbol: str | None) -> str:
    """The organ that issues a document, from its symbol's leading parts (a joint symbol's first):
    "A/HRC/59/15" -> "A/HRC", "A/79/213" -> "A", "E/CN.5/2025/4" -> "E/CN.5", "A/RES/78/323" -> "A";
    "" for no symbol."""
    if not symbol:
        return ""
    parts: list[str] = []
    for seg in split_joint_symbol(symbol)[0].split("/"):
        if not seg or seg[0].isdigit() or len(parts) == BODY_DEPTH or _NOT_A_BODY.match(seg):
            break
        parts.append(seg)
    return "/".join(parts)


# ---- document families: addenda, revisions, corrigenda -----------------------------------------

_SUFFIX = re.compile(r"/(Add|Rev|Corr)\.(\d+)$")
MEMBER_KINDS = {"Add": "addendum", "Rev": "revision", "Corr": "corrigendum"}
"""A symbol's last part says what the document is to the one it extends: "/Add.1" a part issued
separately, "/Rev.1" a new text that supersedes it, "/Corr.1" edit instructions for it."""

# When the symbol does not say (a file named without its suffix), the front page does.
FRONT_PAGE_KIND_WORDS = {
    "corrigendum": ("corrigendum", "rectificatif", "corrección", "исправление"),
    "addendum": ("addendum", "additif", "adición", "добавление"),
    "revision": ("revision", "révision", "revisión", "пересмотренный"),
}


@dataclass(frozen=True, slots=True)
class Member:
    """What one document is in its family: "E/2025/15/Add.1/Rev.1" is revision 1 of
    "E/2025/15/Add.1", whose family is that of "E/2025/15"."""

    symbol: str
    kind: str
    """"base", "addendum", "revision" or "corrigendum"."""
    number: int
    """1 for "/Add.1"; 0 for the base."""
    of: str
    """The symbol this one extends, revises or corrects (itself for the base)."""
    base: str
    """The family's base symbol: every suffix taken off."""


def family_member(symbol: str) -> Member:
    """Read a symbol's trailing /Add.N, /Rev.N, /Corr.N parts (the last one says what it is)."""
    s = split_joint_symbol(symbol)[0].strip() if symbol else symbol
    m = _SUFFIX.search(s)
    if m is None:
        return Member(symbol, "base", 0, symbol, s)
    of = s[: m.start()]
    base = of
    while (inner := _SUFFIX.search(base)) is not None:
        base = base[: inner.start()]
    return Member(symbol, MEMBER_KINDS[m.group(1)], int(m.group(2)), of, base)


def kind_from_front_page(words: str) -> str | None:
    """"Corrigendum" / "Additif" / "Revision" standing alone on a front page, when the symbol is silent."""
    w = words.strip().strip(".").lower()
    return next((kind for kind, names in FRONT_PAGE_KIND_WORDS.items() if w in names), None)
