"""Whole-report facts the steps share: the page record, the symbol, the body text size, the
title and the language."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sitegen.readers.pdf.furniture import (
    MASTHEAD_BAND,
    SYMBOL_RE,
    Phrase,
    guess_symbol,
    joined_band_texts,
    masthead_symbol,
)
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.structure import ITEM_START, PARA_START


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
        Phrase.of_line(ln) for ln in first.lines if ln.top < MASTHEAD_BAND * first.height]
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


def body_size_of(pages: list[PageText]) -> float:
    """The size most text is set in, weighted by characters."""
    counts: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            counts[round(ln.size * 2) / 2] += len(ln.text)
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
    """Take page 1's title (its largest type) and what stands above it out of the body."""
    first = [i for i, ln in enumerate(body) if ln.page == 1]
    letters = [i for i in first if sum(ch.isalpha() for ch in body[i].text) >= 3]
    if not letters:
        return FrontMatter(), body
    biggest = max(body[i].size for i in letters)
    if biggest < body_size + 1.5:
        # One type size on page 1 (typewriter-era reports): no type marks the title. It is the title
        # block under the session and agenda lines, which stays in the body (its ids with it).
        return FrontMatter(title=_first_bold(body, letters) or _typed_title([body[i] for i in first])), body
    start = next(i for i in letters if abs(body[i].size - biggest) < 0.6)
    end = start
    # the title's type can be a level-1 heading's too: "I. Introduction" under it on page 1 is no title
    while (end + 1 < len(body) and body[end + 1].page == 1 and abs(body[end + 1].size - biggest) < 0.6
           and not _HEAD_LABEL.match(body[end + 1].text)):
        end += 1
    front = FrontMatter(title=_strip_markers(" ".join(body[i].text for i in range(start, end + 1))))
    above = [body[i] for i in first if i < start]
    _note_above_title(above, front)
    if end + 1 < len(body) and _is_subtitle(body[end + 1], body_size):
        front.meta["subtitle"] = _strip_markers(body[end + 1].text)
        end += 1
    rest = [ln for i, ln in enumerate(body) if not (i <= end and ln.page == 1 and (i >= start or ln in above))]
    return front, rest


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
    return ln.page == 1 and ln.bold and ln.size > body_size + 0.9 and not _HEAD_LABEL.match(ln.text)


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
