"""Step 3: page furniture. Running heads, job numbers, page counters and the first-page masthead
are recognised by where they stand (the page's top and bottom bands) and what they say.

The masthead is not thrown away blindly: its date, distribution and languages become metadata.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from sitegen.readers.pdf.chars import Char, drop_overprint, needs_space
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.tolerances import (
    ALIGNED,
    FOOT_BAND,
    HEAD_BAND,
    MASTHEAD_BAND,
    MASTHEAD_SLACK_PT,
    PHRASE_GAP,
    PHRASE_OVERLAP,
    ROW_SHARE,
    SAME_SIZE,
    STACK_GAP,
    TITLE_LEADING,
)
from sitegen.symbols import MONTH_NUMBERS, PRINTED_SYMBOL_RE, split_joint_symbol

# What running heads and footers are made of. A band line made only of these is furniture; a line
# with one real word left over is text (a footnote can run into the bottom band).
_TOKENS = [
    r"GE\.\d{2}-\d{5}",  # Geneva job number
    r"\d{2}-\d{5}X?",  # New York job number ("25-08040X": a document reissued for technical reasons)
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
_JOB_LINE = re.compile(r"^(GE\.)?\d{2}-\d{5}X?\b")
_SESSION_HEAD = re.compile(
    r"\d{1,3}(st|nd|rd|th) (plenary )?meeting\b.*\d{4}$"
    r"|^\d{0,3}\s*(General Assembly|Security Council|Economic and Social Council)\s*[-–]\s*\S.*(session|year)$"
)


def printed_symbol(text: str) -> str | None:
    """The symbol a phrase prints, in one spelling: no "*", a joint symbol's parts joined by "-"
    ("A/80/62*\u2212E/2025/12*" -> "A/80/62-E/2025/12"); None when it prints none a masthead would
    print (a symbol needs a digit or two "/": "E/ICEF" alone is a series)."""
    m = PRINTED_SYMBOL_RE.search(re.sub(r"\s+(?=/)", "", text))
    if m is None:
        return None
    parts = [p.rstrip("*") for p in (m.group("first"), m.group("second")) if p]
    if not all(any(ch.isdigit() for ch in p) or p.count("/") >= 2 for p in parts):
        return None
    return "-".join(parts)


def symbol_forms(symbol: str | None) -> list[str]:
    """The texts a running head prints for `symbol`, longest first: the whole, each part of a joint
    symbol, and each without its bracketed qualifier ("A/80/15 (Part III)" heads print both ways)."""
    if not symbol:
        return []
    forms = {symbol}
    for part in split_joint_symbol(symbol):
        forms.add(part)
        forms.add(re.sub(r"\s?\([^()]*\)$", "", part))
    return sorted((f for f in forms if "/" in f), key=len, reverse=True)


def _spaced(text: str) -> str:
    """A pattern for `text` that allows a space between any two of its characters ("DP/OPS/2 025/12")."""
    return r"\s?".join(re.escape(ch) for ch in text if not ch.isspace())


def compact(text: str) -> str:
    return re.sub(r"\s+|\[\^\d+\]", "", text)


def looks_like_furniture(text: str, symbol: str | None) -> bool:
    """Text that a running head or footer prints (not a sentence of the report)."""
    t = re.sub(r"\[\^(\d+)\]", r"\1", text).strip()
    if set(t) <= {"_", " "}:
        return False  # a rule typed as "_____" is the footnote separator, not furniture
    if symbol:
        if compact(symbol) in compact(t):
            return True  # the whole symbol, with the report's short title beside it or not
        for form in symbol_forms(symbol):
            t = re.sub(_spaced(form), " ", t)
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
        s = printed_symbol(t)
        if s is not None and _says_nothing_else(t, s, looks_like_furniture):
            counts[s] += 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _says_nothing_else(
    text: str, symbol: str, may_stand_beside: Callable[[str, str | None], bool] | None = None
) -> bool:
    """`text` is `symbol` printed alone, or with what `may_stand_beside` accepts beside it."""
    rest = text
    for form in symbol_forms(symbol):
        rest = re.sub(_spaced(form), " ", rest)
    rest = re.sub(r"[*\-\u2013\u2014\u2212]", " ", rest).strip()
    return not any(ch.isalnum() for ch in rest) or (
        may_stand_beside is not None and may_stand_beside(rest, None)
    )


# ---- phrases: text that reads as one run, across type sizes ---------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """Text that reads as one run: the masthead's "A" in 20 pt and "/80/15 (Part III)" in 10 pt
    beside it are one phrase, "A/80/15 (Part III)", though they are two lines to the line step."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @classmethod
    def of_line(cls, ln: Line) -> Phrase:
        return cls(ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.size)


def top_phrases(chars: list[Char], height: float) -> list[Phrase]:
    """The phrases of page 1's top third (the masthead), top to bottom."""
    ink = sorted(
        (c for c in chars if not c.text.isspace() and c.top < MASTHEAD_BAND * height), key=lambda c: c.x0
    )
    runs: list[list[Char]] = []
    for c in ink:
        for run in reversed(runs):
            last = run[-1]
            if -PHRASE_OVERLAP * c.size <= c.x0 - last.x1 <= PHRASE_GAP * max(
                c.size, last.size
            ) and _share_row(c, last):
                run.append(c)
                break
        else:
            runs.append([c])
    return sorted((_phrase(drop_overprint(run)) for run in runs), key=lambda p: (p.top, p.x0))


def _share_row(a: Char, b: Char) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= ROW_SHARE * min(a.bottom - a.top, b.bottom - b.top)


def _phrase(run: list[Char]) -> Phrase:
    text: list[str] = []
    for prev, c in zip([None, *run], run, strict=False):
        if prev is not None and needs_space(prev, c):
            text.append(" ")
        text.append(c.text)
    return Phrase(
        "".join(text),
        min(c.x0 for c in run),
        max(c.x1 for c in run),
        min(c.top for c in run),
        max(c.bottom for c in run),
        max(c.size for c in run),
    )


def masthead_symbol(phrases: list[Phrase]) -> Phrase | None:
    """The symbol page 1 prints in its masthead: the first phrase that is a symbol alone (or beside
    "United Nations", "Distr.", a date), with a second symbol stacked under it as a joint symbol
    ("A/52/826" over "S/1998/222"). It names the document, whatever the running heads print."""
    for ph in phrases:
        symbol = printed_symbol(ph.text)
        if symbol is None or not _says_nothing_else(ph.text, symbol, _is_masthead_text):
            continue
        under = _stacked_symbol(ph, phrases) if len(split_joint_symbol(symbol)) == 1 else None
        if under is not None:
            second = phrases[under]
            return Phrase(
                f"{symbol}-{printed_symbol(second.text)}",
                min(ph.x0, second.x0),
                max(ph.x1, second.x1),
                ph.top,
                second.bottom,
                ph.size,
            )
        return replace(ph, text=symbol)
    return None


def _stacked_symbol(first: Phrase, phrases: list[Phrase]) -> int | None:
    """The index of a lone symbol set right under `first` and aligned with it: the second part of
    a joint symbol printed on two lines."""
    for i, ph in enumerate(phrases):
        gap = ph.top - first.bottom
        align = ALIGNED * first.size
        aligned = abs(ph.x0 - first.x0) < align or abs(ph.x1 - first.x1) < align
        if ph is first or not aligned or not -ROW_SHARE * first.size < gap <= STACK_GAP * first.size:
            continue
        symbol = printed_symbol(ph.text)
        if (
            symbol is not None
            and len(split_joint_symbol(symbol)) == 1
            and _says_nothing_else(ph.text, symbol)
        ):
            return i
    return None


def joined_band_texts(lines: list[Line], height: float) -> list[str]:
    """`band_texts`, with two symbols stacked in a running head read as one joint symbol."""
    band = [
        Phrase.of_line(ln) for ln in lines if ln.top < HEAD_BAND * height or ln.bottom > FOOT_BAND * height
    ]
    out: list[str] = []
    used: set[int] = set()
    for i, ph in enumerate(band):
        if i in used:
            continue
        symbol = printed_symbol(ph.text)
        alone = (
            symbol is not None
            and len(split_joint_symbol(symbol)) == 1
            and _says_nothing_else(ph.text, symbol)
        )
        under = _stacked_symbol(ph, band) if alone else None
        if under is not None:
            used.add(under)
            out.append(f"{symbol}-{printed_symbol(band[under].text)}")
        else:
            out.append(ph.text)
    return out


def is_symbol_alone(text: str, symbol: str | None) -> bool:
    """A line that prints the report's own symbol (or a part of it) and nothing else, wherever it
    stands: an imprint on the back of a cover, a running head set lower than the band. A sentence
    that names the symbol holds more than it."""
    return bool(symbol) and compact(text) in {compact(form) for form in symbol_forms(symbol)}


def strip_running(lines: list[Line], height: float, symbol: str | None) -> tuple[list[Line], list[Line]]:
    """(body, furniture): lines in the top and bottom bands that say what furniture says."""
    body: list[Line] = []
    furniture: list[Line] = []
    for ln in lines:
        if ln.text.endswith("/...") and len(ln.text) > 4:
            # "/..." (continued overleaf) printed on the last line's baseline
            ln = replace(ln, text=ln.text[:-4].rstrip())
        in_band = ln.top < HEAD_BAND * height or ln.bottom > FOOT_BAND * height
        is_furniture = (in_band and looks_like_furniture(ln.text, symbol)) or is_symbol_alone(ln.text, symbol)
        (furniture if is_furniture else body).append(ln)
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
_DATE_ROMANCE = re.compile(
    r"^(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?(\d{4})(?:\s+г(?:ода|\.)?)?$", re.IGNORECASE
)
_MONTHS = MONTH_NUMBERS


def parse_date(text: str) -> str | None:
    """ "17 July 2025" / "17 juillet 2025" / "17 de julio de 2025" / "17 июля 2025 года" -> "2025-07-17"."""
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


def strip_masthead(
    lines: list[Line], height: float, symbol: str | None, printed: Phrase | None = None
) -> tuple[list[Line], Masthead]:
    """Remove page 1's masthead lines (organ, symbol, Distr., date, Original) and keep their facts.

    Whatever stands beside the masthead block, above its last recognised line, is the organ
    ("Convention on the Elimination of All Forms of Discrimination against Women" in big type), and
    so are the lines that continue it in its type below ("Executive Board of the United Nations
    Development Programme, ..." over six lines). `printed` is where the symbol stands (`masthead_symbol`):
    the line step may have cut a symbol printed in two sizes into pieces ("E E" and "/2025/34 ...").
    """
    head = Masthead()
    top = [ln for ln in lines if ln.top < MASTHEAD_BAND * height]
    known = _masthead_lines(top, symbol, printed)
    floor = max((ln.bottom for ln in known), default=0.0)
    beside = [ln for ln in top if ln not in known and ln.bottom <= floor + MASTHEAD_SLACK_PT]
    organ = beside + [ln for ln in top if ln not in beside and _ORGAN.match(_plain(ln.text))]
    organ = _continue_organ(organ, lines)
    body: list[Line] = []
    for ln in lines:
        if ln in organ:
            continue
        if ln in known:
            _note_masthead_fact(_plain(ln.text), head)
        else:
            body.append(ln)
    if organ:
        head.meta["organ"] = " ".join(_plain(ln.text) for ln in organ)
    return body, head


def _masthead_lines(top: list[Line], symbol: str | None, printed: Phrase | None) -> list[Line]:
    """The lines of page 1's top third that the masthead is made of. Only the first date is the
    masthead's: a resolution's adoption line may end in a date on a line of its own, under it."""
    known: list[Line] = []
    dated = False
    for ln in sorted(top, key=lambda ln: ln.top):
        t = _plain(ln.text)
        if parse_date(t):
            if dated:
                continue
            dated = True
        if _is_masthead_line(t, symbol) or _stands_in(ln, printed):
            known.append(ln)
    return known


def _continue_organ(organ: list[Line], lines: list[Line]) -> list[Line]:
    """`organ` with the lines that carry its name on below the masthead block, in page order."""
    found = list(organ)
    for ln in lines:
        if ln in found:
            continue
        if any(_continues(prev, ln) for prev in found if not _is_logo_line(_plain(prev.text))):
            found.append(ln)
    return sorted(found, key=lambda ln: (ln.top, ln.x0))


def _continues(prev: Line, ln: Line) -> bool:
    return (
        ln.bold == prev.bold
        and abs(ln.size - prev.size) < SAME_SIZE * prev.size
        and abs(ln.x0 - prev.x0) < ALIGNED * prev.size
        and -ROW_SHARE * prev.size <= ln.top - prev.bottom <= TITLE_LEADING * prev.size
    )


def _stands_in(ln: Line, printed: Phrase | None) -> bool:
    """`ln` is a piece of the printed masthead symbol: within its height, across its width."""
    if printed is None:
        return False
    return (
        ln.x1 > printed.x0
        and ln.x0 < printed.x1
        and ln.top >= printed.top - MASTHEAD_SLACK_PT
        and ln.bottom <= printed.bottom + MASTHEAD_SLACK_PT
    )


def _plain(text: str) -> str:
    return re.sub(r"\[\^(\d+)\]", r"\1", text).strip()


_ORGAN = re.compile(
    r"^(general assembly|security council|economic and social council|assemblée générale|"
    r"conseil économique et social|conseil de sécurité|asamblea general|consejo económico y social|"
    r"consejo de seguridad|генеральная ассамблея|экономический и социальный совет|совет безопасности)$",
    re.IGNORECASE,
)
_LOGO = {"unitednations", "nationsunies", "nacionesunidas", "организацияобъединенныхнаций"}


def _is_logo_line(t: str) -> bool:
    """The "United Nations" logo line, in any UN language, however its letters are spaced."""
    return re.sub(r"\s+", "", t).lower() in _LOGO


def _is_masthead_line(t: str, symbol: str | None) -> bool:
    # A lone small number (a raised note marker set on a line of its own) is no evidence of a
    # masthead; counting it would push the masthead's floor down over the title and paragraphs.
    if re.fullmatch(r"\d{1,3}", t):
        return False
    if _MASTHEAD.match(t) or parse_date(t) or looks_like_furniture(t, symbol) or _is_logo_line(t):
        return True
    # "United Nations A/80/188": the logo and the symbol printed on one baseline
    return bool(symbol and compact(symbol) in compact(t))


def _is_masthead_text(t: str, symbol: str | None) -> bool:
    """What stands beside the symbol in a masthead: "United Nations", "Distr.: General", a date."""
    return _is_masthead_line(t, symbol)


def _note_masthead_fact(t: str, head: Masthead) -> None:
    date = parse_date(t)
    if date and head.date is None:
        head.date = date
        head.meta["date_printed"] = t
    elif re.match(r"(?i)^original\s*:", t):
        head.meta["original_language"] = t.split(":", 1)[1].strip()
    elif re.match(r"(?i)^(distr|dist)\b", t):
        head.meta["distribution"] = t
    elif m := re.match(r"(?i)^(english|français|español|русский)\s*(original\s*:\s*(.+))?$", t):
        head.meta["language_printed"] = m.group(1)  # the language of this version (a translation)
        if m.group(3):
            head.meta["original_language"] = m.group(3).strip()
