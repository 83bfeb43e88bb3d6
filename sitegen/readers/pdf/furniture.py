"""Step 3: page furniture. Running heads, job numbers, page counters and the first-page masthead
are recognised by where they stand (the page's top and bottom bands) and what they say.

The masthead is not thrown away blindly: its date, distribution and languages become metadata.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sitegen.readers.pdf.lines import Line

HEAD_BAND = 0.12
FOOT_BAND = 0.86
MASTHEAD_BAND = 0.33
"""Shares of the page height: running heads above, footers below, the masthead in page 1's top third."""

SYMBOL_RE = re.compile(r"\b[A-Z]{1,8}(?:\(\d+\))?(?:/[A-Za-z0-9.()\-]*[A-Za-z0-9)]){1,7}")

# What running heads and footers are made of. A band line made only of these is furniture; a line
# with one real word left over is text (a footnote can run into the bottom band).
_TOKENS = [
    r"GE\.\d{2}-\d{5}",  # Geneva job number
    r"\d{2}-\d{5}",  # New York job number
    r"\([A-Z]\)",  # the job number's language letter "(E)"
    r"\*\d{6,8}\*",  # barcode text
    r"\d{1,3}\s*/\s*\d{1,3}",  # page counter 11/24
    r"\d{1,2}/\d{1,2}/\d{4}",  # "16/04/2025" running-head date of verbatim records
    r"(page|páge|pág\.?|página|стр\.?|страница)\s*\d{1,3}",
    r"english|français|francais|español|espanol|русский",
    r"please\s+recycle|merci\s+de\s+recycler|sírvase\s+reciclar|accessible\s+document",
    r"просьба\s+отправить\s+на\s+вторичную\s+переработку",
    r"/\s?\.\.\.?",  # "/..." continued on the next page
    r"[-–]?\s*\d{1,6}\s*[-–]?",  # page numbers, print dates "180825"
    r"\b[ivxlc]{1,6}\b",  # roman page numbers of front matter
]
_TOKEN_RE = re.compile("|".join(f"(?:{t})" for t in _TOKENS), re.IGNORECASE)
_JOB_LINE = re.compile(r"^(GE\.)?\d{2}-\d{5}\b")
_SESSION_HEAD = re.compile(
    r"\d{1,3}(st|nd|rd|th) (plenary )?meeting\b.*\d{4}$"
    r"|^\d{0,3}\s*(General Assembly|Security Council|Economic and Social Council)\s*[-–]\s*\S.*(session|year)$"
)


def compact(text: str) -> str:
    return re.sub(r"\s+|\[\^\d+\]", "", text)


def looks_like_furniture(text: str, symbol: str | None) -> bool:
    """Text that a running head or footer prints (not a sentence of the report)."""
    t = re.sub(r"\[\^(\d+)\]", r"\1", text).strip()
    if set(t) <= {"_", " "}:
        return False  # a rule typed as "_____" is the footnote separator, not furniture
    if symbol:
        t = t.replace(symbol, " ")
        if compact(symbol) in compact(t):
            return True
    if _SESSION_HEAD.search(t) or (len(t) < 40 and _JOB_LINE.search(t)):
        return True  # a job-number footer, possibly with scanning noise ("92-45958 3565i (E)")
    rest = _TOKEN_RE.sub(" ", t)
    return not any(ch.isalnum() for ch in rest)


def guess_symbol(band_texts: Iterable[str]) -> str | None:
    """The document symbol: the symbol-like text printed most often as (nearly) a whole band line.

    A citation in a footnote near the page foot ("see A/79/213") sits in a sentence; the running
    head is the symbol alone, or with a date, page counter or language.
    """
    counts: Counter[str] = Counter()
    for t in band_texts:
        for m in SYMBOL_RE.finditer(t):
            s = m.group(0).rstrip(".")
            plausible = any(ch.isdigit() for ch in s) or s.count("/") >= 2
            rest = t.replace(m.group(0), " ")
            if plausible and (not any(ch.isalnum() for ch in rest) or looks_like_furniture(rest, None)):
                counts[s] += 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def band_texts(lines: list[Line], height: float) -> list[str]:
    return [ln.text for ln in lines if ln.top < HEAD_BAND * height or ln.bottom > FOOT_BAND * height]


def strip_running(lines: list[Line], height: float, symbol: str | None) -> tuple[list[Line], list[Line]]:
    """(body, furniture): lines in the top and bottom bands that say what furniture says."""
    body: list[Line] = []
    furniture: list[Line] = []
    for ln in lines:
        if ln.text.endswith("/...") and len(ln.text) > 4:
            # "/..." (continued overleaf) printed on the last line's baseline
            ln = replace(ln, text=ln.text[:-4].rstrip())
        in_band = ln.top < HEAD_BAND * height or ln.bottom > FOOT_BAND * height
        (furniture if in_band and looks_like_furniture(ln.text, symbol) else body).append(ln)
    return body, furniture


# ---- the first page's masthead ---------------------------------------------------------------

_MASTHEAD = re.compile(
    r"^(united nations|nations unies|naciones unidas|организация объединенных наций|"
    r"general assembly|security council|economic and social council|assemblée générale|"
    r"conseil économique et social|conseil de sécurité|asamblea general|consejo económico y social|"
    r"consejo de seguridad|генеральная ассамблея|экономический и социальный совет|совет безопасности|"
    r"distr\.?.*|dist\.?\s*general|general|générale|restricted|limited|"
    r"original\s*:.*|(english|français|español|русский)(\s+original\s*:.*)?|a|e|s)$",
    re.IGNORECASE,
)
_DATE_EN = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_DATE_ROMANCE = re.compile(r"^(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?(\d{4})(?:\s+г(?:ода|\.)?)?$", re.IGNORECASE)
_MONTHS = {
    **{m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                        "august", "september", "october", "november", "december"])},
    **{m: i + 1 for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                        "août", "septembre", "octobre", "novembre", "décembre"])},
    **{m: i + 1 for i, m in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                        "agosto", "septiembre", "octubre", "noviembre", "diciembre"])},
    **{m: i + 1 for i, m in enumerate(["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                                        "августа", "сентября", "октября", "ноября", "декабря"])},
}


def parse_date(text: str) -> str | None:
    """"17 July 2025" / "17 juillet 2025" / "17 de julio de 2025" / "17 июля 2025 года" -> "2025-07-17"."""
    t = text.strip().rstrip(".")
    m = _DATE_EN.match(t) or _DATE_ROMANCE.match(t)
    if not m:
        return None
    month = _MONTHS.get(m.group(2).lower())
    day = int(m.group(1))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{int(m.group(3)):04d}-{month:02d}-{day:02d}"


@dataclass(slots=True)
class Masthead:
    date: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def strip_masthead(lines: list[Line], height: float, symbol: str | None) -> tuple[list[Line], Masthead]:
    """Remove page 1's masthead lines (organ, symbol, Distr., date, Original) and keep their facts.

    Whatever stands beside the masthead block, above its last recognised line (an organ such as
    "Convention on the Elimination of All Forms of Discrimination against Women" in big type),
    belongs to it too.
    """
    head = Masthead()
    known = [ln for ln in lines if ln.top < MASTHEAD_BAND * height and _is_masthead_line(_plain(ln.text), symbol)]
    floor = max((ln.bottom for ln in known), default=0.0)
    body: list[Line] = []
    organ: list[str] = []
    for ln in lines:
        if ln in known:
            _note_masthead_fact(_plain(ln.text), head)
        elif ln.bottom <= floor + 1.0:
            organ.append(_plain(ln.text))
        else:
            body.append(ln)
    if organ:
        head.meta["organ"] = " ".join(organ)
    return body, head


def _plain(text: str) -> str:
    return re.sub(r"\[\^(\d+)\]", r"\1", text).strip()


def _is_masthead_line(t: str, symbol: str | None) -> bool:
    # A lone small number (a raised note marker set on a line of its own) is no evidence of a
    # masthead; counting it would push the masthead's floor down over the title and paragraphs.
    if re.fullmatch(r"\d{1,3}", t):
        return False
    if _MASTHEAD.match(t) or parse_date(t) or looks_like_furniture(t, symbol):
        return True
    # "United Nations A/80/188": the organ and the symbol printed on one baseline
    if symbol and compact(symbol) in compact(t):
        return True
    return bool(re.match(r"^(united nations|nations unies|naciones unidas)\b", t, re.IGNORECASE))


def _note_masthead_fact(t: str, head: Masthead) -> None:
    date = parse_date(t)
    if date and head.date is None:
        head.date = date
        head.meta["date_printed"] = t
    elif re.match(r"(?i)^original\s*:", t):
        head.meta["original_language"] = t.split(":", 1)[1].strip()
    elif re.match(r"(?i)^(distr|dist)\b", t):
        head.meta["distribution"] = t
