"""Whole-report facts the steps share: the page record, the symbol, the body text size, the
title and the language."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sitegen.readers.pdf.chars import Char
from sitegen.readers.pdf.footnotes import rule_candidates
from sitegen.readers.pdf.furniture import (
    Phrase,
    guess_symbol,
    joined_band_texts,
    masthead_symbol,
    top_phrases,
)
from sitegen.readers.pdf.lines import Line, page_lines
from sitegen.readers.pdf.structure import ITEM_START, PARA_START
from sitegen.readers.pdf.tolerances import (
    ALIGNED,
    BODY_SIZE_STEP_PT,
    DISPLAY_SIZE,
    MASTHEAD_BAND,
    ROW_SHARE,
    RUNNING_TEXT_WIDTH,
    SAME_SIZE,
    SUBTITLE_SIZE_MARGIN,
    TITLE_LEADING,
    TITLE_SIZE_MARGIN,
    in_points,
)
from sitegen.symbols import ANNEX_WORDS, APPENDIX_WORDS, is_common_heading, words_pattern
from sitegen.symbols import SYMBOL_LIKE_RE as SYMBOL_RE


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[float]
    """Tops of short horizontal rules (footnote separator candidates)."""
    phrases: tuple[Phrase, ...] = ()
    """Page 1's top third read across type sizes (`furniture.top_phrases`); empty on other pages."""


def page_text(
    number: int, width: float, height: float, chars: list[Char], rule_objects: Iterable[Mapping[str, Any]]
) -> PageText:
    """One page's lines, footnote-rule candidates and (page 1) phrases, whichever source (pdfplumber,
    PDFium, OCR) gave its characters and drawn rules: from here on every page goes the same way."""
    lines = page_lines(chars, width, number) if chars else []
    rules = rule_candidates(rule_objects, width, height)
    phrases = tuple(top_phrases(chars, height)) if number == 1 else ()
    return PageText(number, width, height, lines, rules, phrases)


def find_symbol(pages: list[PageText]) -> str | None:
    """The symbol page 1's masthead prints; else the one the running heads of pages 2+ print."""
    printed = printed_masthead_symbol(pages)
    if printed is not None:
        return printed.text
    texts = [t for p in pages[1:] for t in joined_band_texts(p.lines, p.height)]
    symbol = guess_symbol(texts)
    if symbol is not None or not pages:
        return symbol
    first = pages[0]
    top = [ln.text for ln in first.lines if ln.top < MASTHEAD_BAND * first.height]
    # "A" + "/80/188" in two sizes, when the page gave no phrases
    split = [a.split()[-1] + b for a in top for b in top if b.startswith("/") and a.split()]
    for t in split + top:
        for m in SYMBOL_RE.finditer(re.sub(r"\s+(?=/)", "", t)):
            if "/" in m.group(0) and any(ch.isdigit() for ch in m.group(0)):
                return m.group(0).rstrip(".")
    return _symbol_under_distr(first.lines)


def printed_masthead_symbol(pages: list[PageText]) -> Phrase | None:
    """The symbol in page 1's masthead, and where it stands."""
    if not pages:
        return None
    first = pages[0]
    phrases = list(first.phrases) or [
        Phrase.of_line(ln) for ln in first.lines if ln.top < MASTHEAD_BAND * first.height
    ]
    return masthead_symbol(phrases)


def _symbol_under_distr(lines: list[Line]) -> str | None:
    """Old verbatim records print "Distr. GENERAL / A/48/PV.46" at the foot of page 1, not at the top."""
    for i, ln in enumerate(lines):
        if ln.text.strip().lower().startswith("distr"):
            for nxt in lines[i + 1 : i + 4]:
                m = SYMBOL_RE.fullmatch(nxt.text.strip())
                if m and any(ch.isdigit() for ch in m.group(0)):
                    return m.group(0)
    return None


_DOES_NOT_EXIST = re.compile(
    r"(?i)\b(does not exist|was not found|could not be found|cannot be found|is not available|"
    r"n'existe pas|n’existe pas|no existe|не существует)\b"
)
NOT_A_DOCUMENT_WORDS = 120
"""A file this short (in words) that says the document does not exist is an error page."""


def not_a_document(pages: list[PageText]) -> str | None:
    """Why these pages are no document, or None. The document system answers a request for a
    symbol it does not hold with a short page saying so ("The document you are looking for does not
    exist in the Official Document System"); saved as a PDF, it has no symbol, no masthead, a few
    lines. Published, it would be a report titled "- ODS support"."""
    words = [w for p in pages for ln in p.lines for w in ln.text.split()]
    if len(words) > NOT_A_DOCUMENT_WORDS or find_symbol(pages) is not None:
        return None
    text = " ".join(words)
    if _DOES_NOT_EXIST.search(text):
        return "not a document: an error page saying the document does not exist, saved as a PDF"
    return None


def body_size_of(pages: list[PageText]) -> float:
    """The size most text is set in, weighted by characters."""
    counts: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            counts[round(ln.size / BODY_SIZE_STEP_PT) * BODY_SIZE_STEP_PT] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 10.0


@dataclass(slots=True)
class FrontMatter:
    """Page 1 above the body: session, agenda item, title, subtitle (facts, not blocks)."""

    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)


_SESSION = re.compile(r"(?i)\bsession\b|période de sessions|período de sesiones|сессия")
_AGENDA = re.compile(r"(?i)\bagenda\b|ordre du jour|del programa|повестки")
_HEAD_LABEL = re.compile(r"^([IVXL]+|[A-Z]|\d{1,2})\.\s")


def split_front_matter(body: list[Line], body_size: float) -> tuple[FrontMatter, list[Line]]:
    """Take page 1's title (its largest type) and what stands above it out of the body; a title over
    several lines is one title, and the subtitle under it (several lines too) stays with it.

    An Official Records cover (page 1 all in display type, "Official Records ... Supplement No. 48")
    is front matter whole, and so is the title page that repeats its title on the next pages."""
    first = [i for i, ln in enumerate(body) if ln.page == 1]
    letters = [i for i in first if sum(ch.isalpha() for ch in body[i].text) >= 3]
    if not letters:
        return FrontMatter(), body
    biggest = max(body[i].size for i in letters)
    if biggest < in_points(TITLE_SIZE_MARGIN, body_size) + body_size:
        # One type size on page 1 (typewriter-era reports): no type marks the title. It is the title
        # block under the session and agenda lines, which stays in the body (its ids with it).
        return FrontMatter(title=_first_bold(body, letters) or _typed_title([body[i] for i in first])), body
    same = in_points(SAME_SIZE, body_size)
    start = next(i for i in letters if abs(body[i].size - biggest) < same)
    end = start
    # the title's type can be a level-1 heading's too: "I. Introduction" or "Contents" under it on
    # page 1 is no title
    while (
        end + 1 < len(body)
        and body[end + 1].page == 1
        and abs(body[end + 1].size - biggest) < same
        and not _HEAD_LABEL.match(body[end + 1].text)
        and not is_common_heading(body[end + 1].text)
    ):
        end += 1
    front = FrontMatter(
        title=_strip_markers(" ".join(_unspaced(body[i].text) for i in range(start, end + 1)))
    )
    above = [body[i] for i in first if i < start]
    _note_above_title(above, front)
    subtitle = _subtitle_block(body, end + 1, body_size)
    if subtitle:
        text = _strip_markers(" ".join(ln.text for ln in subtitle))
        front.meta["adoption" if _ADOPTED.match(text) else "subtitle"] = text
        end += len(subtitle)
    # A title or subtitle that carries a footnote marker stays in the body too: the model's title is
    # plain text, and the note ("processed in its entirety by UN-Women") must keep its reference.
    taken = {id(body[i]) for i in range(start, end + 1) if "[^" not in body[i].text} | {
        id(ln) for ln in above
    }
    beside = _beside_title([body[i] for i in first], body[start], body_size)
    if beside:
        front.meta["beside_title"] = _strip_markers(" ".join(ln.text for ln in beside))
        taken |= {id(ln) for ln in beside}
    if _is_cover([body[i] for i in first], body_size):
        taken |= _take_cover(body, first, front, taken)
    return front, [ln for ln in body if id(ln) not in taken]


def _beside_title(page_one: list[Line], title: Line, body_size: float) -> list[Line]:
    """The lines another column sets beside the title, above its own first line of running text
    and above the title column's: a meeting record's "46th PLENARY MEETING / Monday, 1 November
    1993 / NEW YORK" stands right of "GENERAL ASSEMBLY / FORTY-EIGHTH SESSION"."""
    columns = {ln.col for ln in page_one} - {title.col}
    text_top = _running_text_top([ln for ln in page_one if ln.col == title.col], body_size)
    found: list[Line] = []
    for col in sorted(columns):
        lines = sorted((ln for ln in page_one if ln.col == col), key=lambda ln: ln.top)
        bound = min(text_top, _running_text_top(lines, body_size))
        found += [ln for ln in lines if ln.bottom <= bound]
    return found


def _running_text_top(lines: list[Line], body_size: float) -> float:
    """Where the running text of a column starts (its first wide line in body type)."""
    widest = max((ln.x1 - ln.x0 for ln in lines), default=0.0)
    text = [
        ln.top
        for ln in lines
        if abs(ln.size - body_size) < in_points(SAME_SIZE, body_size)
        and not ln.bold
        and ln.x1 - ln.x0 >= RUNNING_TEXT_WIDTH * widest
    ]
    return min(text, default=float("inf"))


_ADOPTED = re.compile(r"(?i)^(adopted|adoptée?|aprobad[ao]|принят[аоы]?)\b")
_OFFICIAL_RECORDS = re.compile(
    r"(?i)official records|documents officiels|documentos oficiales|официальные отчеты"
)
TITLE_PAGE_REACH = 4
"""An Official Records volume repeats its cover's title on a title page among its first pages."""


def _is_cover(page_one: list[Line], body_size: float) -> bool:
    """Page 1 is a cover: every line in display type, one naming the Official Records."""
    large = in_points(TITLE_SIZE_MARGIN, body_size) + body_size
    return any(_OFFICIAL_RECORDS.search(ln.text) for ln in page_one) and all(
        ln.size >= large for ln in page_one
    )


def _take_cover(body: list[Line], first: list[int], front: FrontMatter, taken: set[int]) -> set[int]:
    """The cover's other lines, and the pages up to the title page that repeats the title: their
    words go to the front matter ("cover", "title_page"), none of them to the body."""
    cover = [body[i] for i in first if id(body[i]) not in taken]
    if cover:
        front.meta["cover"] = _strip_markers(" ".join(ln.text for ln in cover))
    found = {id(ln) for ln in cover}
    title = _letters_only(front.title)
    for page in range(2, TITLE_PAGE_REACH + 1):
        lines = [ln for ln in body if ln.page == page]
        if title and title in _letters_only(" ".join(ln.text for ln in lines)):
            pages = [ln for ln in body if 1 < ln.page <= page]
            front.meta["title_page"] = _strip_markers(" ".join(ln.text for ln in pages))
            found |= {id(ln) for ln in pages}
            break
    return found


def _letters_only(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _subtitle_block(body: list[Line], at: int, body_size: float) -> list[Line]:
    """The subtitle under the title: a bold line in type larger than the body's, on page 1, and the
    lines that continue it in the same type ("Adopted by the Security Council at its 9865th
    meeting, on" / "21 February 2025")."""
    if at >= len(body) or not _is_subtitle(body[at], body_size):
        return []
    block = [body[at]]
    while at + len(block) < len(body) and continues_title(block[-1], body[at + len(block)], body_size):
        block.append(body[at + len(block)])
    return block


def continues_title(above: Line, ln: Line, body_size: float) -> bool:
    """`ln` carries on the title or heading set in display type on the line above: same page,
    column and type, aligned left or centred, set at the block's own leading, no label of its own."""
    if ln.page != above.page or ln.col != above.col or ln.bold != above.bold:
        return False
    if abs(ln.size - above.size) >= in_points(SAME_SIZE, body_size):
        return False
    if not -ROW_SHARE * above.size <= ln.top - above.bottom <= TITLE_LEADING * above.size:
        return False
    align = in_points(ALIGNED, body_size)
    centred = abs((ln.x0 + ln.x1) / 2 - (above.x0 + above.x1) / 2) < align
    if abs(ln.x0 - above.x0) >= align and not centred:
        return False
    return not (
        _HEAD_LABEL.match(ln.text)
        or _LABEL_ONLY.match(above.text)
        or _LABEL_ONLY.match(ln.text)
        or is_common_heading(ln.text)
    )


_LABEL_ONLY = re.compile(
    rf"^(?:{words_pattern(ANNEX_WORDS + APPENDIX_WORDS)}|enclosure|attachment|chapter|part|capítulo|глава)"
    r"(\s+[IVXLC\d]+)?\.?$|^[IVXLC]+\.?$|^[A-Z]\.$",
    re.IGNORECASE,
)


def join_title_blocks(body: list[Line], body_size: float) -> list[Line]:
    """A title or heading in display type set over two or three lines becomes one line, so the
    structure step sees one heading ("Report of the Special Rapporteur on the promotion and" /
    "protection of human rights ..." / "Elisa Morgera"). Display type: bold, at least
    `DISPLAY_SIZE` body sizes."""
    out: list[Line] = []
    for ln in body:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.bold
            and prev.size >= DISPLAY_SIZE * body_size
            and continues_title(prev, ln, body_size)
        ):
            out[-1] = replace(
                prev,
                text=f"{prev.text} {ln.text}",
                x0=min(prev.x0, ln.x0),
                x1=max(prev.x1, ln.x1),
                bottom=ln.bottom,
                max_gap=max(prev.max_gap, ln.max_gap),
            )
        else:
            out.append(ln)
    return out


def _unspaced(text: str) -> str:
    """A letter-spaced display line read as its word: "G E N E R A L" -> "GENERAL"."""
    return text.replace(" ", "") if re.fullmatch(r"(\w )+\w", text.strip()) else text


def _first_bold(body: list[Line], letters: list[int]) -> str:
    bold = [body[i] for i in letters if body[i].bold]
    return _strip_markers(bold[0].text) if bold else ""


_SUBTITLE = re.compile(r"^(Report|Note|Letter|Rapport|Informe|Доклад)\b")


def _typed_title(page_one: list[Line]) -> str:
    """The title of a page set in one type size: under the session and agenda lines and the agenda
    item's own title in capitals, the first run of lines in mixed case ("United Nations Framework
    Convention on Climate Change: implementation of ..."), up to the "Report of ..." line that says
    who issues it. With no such run, that line itself; "" when page 1 has neither (a meeting record)."""
    texts = [t for t in (_strip_markers(ln.text) for ln in page_one) if sum(ch.isalpha() for ch in t) >= 3]
    agenda = [i for i, t in enumerate(texts) if _SESSION.search(t) or _AGENDA.search(t)]
    if not agenda:
        return ""
    run: list[str] = []
    for i in range(agenda[0] + 1, len(texts)):
        text = texts[i]
        if not run and (_SESSION.search(text) or _AGENDA.search(text)):
            continue  # still among the session and agenda lines
        if _HEAD_LABEL.match(text) or PARA_START.match(text) or ITEM_START.match(text):
            break
        if _SUBTITLE.match(text):
            if run:
                break
            # No title of its own: the issuing line is the title, with its "(Fourth Committee)".
            after = texts[i + 1] if i + 1 < len(texts) and texts[i + 1].startswith("(") else ""
            return f"{text} {after}".strip()
        if text.isupper():
            if run:
                break
            continue  # the agenda item's title, in capitals
        run.append(text)
    return " ".join(run)


def _strip_markers(text: str) -> str:
    return re.sub(r"\s*\[\^\d+\]", "", text).strip()


def _is_subtitle(ln: Line, body_size: float) -> bool:
    return (
        ln.page == 1
        and ln.bold
        and ln.size > body_size + in_points(SUBTITLE_SIZE_MARGIN, body_size)
        and not _HEAD_LABEL.match(ln.text)
        and not is_common_heading(ln.text)
    )


def _note_above_title(above: list[Line], front: FrontMatter) -> None:
    agenda_title: list[str] = []
    for ln in above:
        text = _strip_markers(ln.text)
        if _SESSION.search(text) and "session" not in front.meta:
            front.meta["session"] = text
        elif _AGENDA.search(text) and "agenda_item" not in front.meta:
            front.meta["agenda_item"] = text
        else:
            agenda_title.append(text)
    if agenda_title:
        front.meta["agenda_title" if "agenda_item" in front.meta else "front_matter"] = " ".join(agenda_title)


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
