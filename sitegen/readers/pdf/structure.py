"""Step 6: body lines -> headings, numbered paragraphs (with sub-paragraphs) and unnumbered ones.

Paragraph numbers must run 1, 2, 3...: a line opens paragraph N only when N is the number expected
next (or 1 again after an annex), so "12. " wrapped to a line start inside a sentence, or a numbered
list in a table, does not break the run. Lines are kept as lists and joined at the end (`repair`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.draft import DraftBlock, DraftHeading, DraftItem, DraftParagraph
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.repair import join_lines

PARA_START = re.compile(r"^(\d{1,3})\.(?:\s+|$)")
OCR_PARA_START = re.compile(r"^(?:\S{1,2}\s+)?(\d{1,3})(\.-|\.|[lLI])\s+(?=[A-Z])")
DECIMAL_START = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?(?:\s+|$)")
ROMAN_HEAD = re.compile(r"^((?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})|[ivx]{1,4})\.\s+\S")
LETTER_HEAD = re.compile(r"^([A-Z])\.\s+\S")
NUMBER_HEAD = re.compile(r"^(\d{1,2})\.\s+\S")
NUMBER_LABEL = re.compile(r"\d{1,3}\.")
"""A numbered list item's label ("58."), as `BlockBuilder` stores it."""
# the label is followed by text, never by punctuation: "(b)." or "(b)," opening a line is the end of
# a citation ("A/90/101, para. 12 (b). Only ...") wrapped there
ITEM_START = re.compile(r"^(\((?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})\)|[a-zа-я]\))\s*(?=[^\s.,;:])")
ANNEX = re.compile(r"^(annex|annexe|anexo|appendix|приложение)\b", re.IGNORECASE)
TOC_LEADERS = re.compile(r"(\.\s?){4,}\s*\d+(\s*[-–]\s*\d+)?(\s+\d+)?\s*$|…{2,}")
TOC_TAIL = re.compile(r"\d+(\s*[-–]\s*\d+)?\s*(\d+)?$")
TERMINAL = (".", ":", ";", "!", "?", "”", '"', ")", "’")


@dataclass(slots=True)
class _Open:
    """The block being filled: its lines, and its items' lines."""

    kind: str  # "heading" | "paragraph"
    page: int
    x0: float = 0.0
    """Where the block's first line starts (a paragraph's number)."""
    number: str | None = None
    level: int = 0
    label: str = ""
    lines: list[str] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)
    item_x0: float | None = None
    """Where the last numbered list item ("1.", "2.") started."""
    right: float = 0.0
    """The right end of the block's widest line (a justified block's right edge)."""
    last: Line | None = None


def is_toc_line(ln: Line) -> bool:
    return bool(TOC_LEADERS.search(ln.text)) or (ln.max_gap > 4 * ln.size and bool(TOC_TAIL.search(ln.text)))


def heading_level(ln: Line, body_size: float) -> tuple[int, str, str] | None:
    """(level, label, text) when the line reads as a heading by its label and type, else None."""
    t = ln.text.strip()
    styled = ln.bold or ln.size >= body_size + 1.5
    upper = t.upper() == t and any(ch.isalpha() for ch in t)
    m = ROMAN_HEAD.match(t)
    if m and (styled or upper or ln.indent > 30):
        return 1, m.group(1) + ".", t[m.end() - 1:].strip()
    m = LETTER_HEAD.match(t)
    if m and (styled or upper) and len(t) < 120:
        return 2, m.group(1) + ".", t[m.end() - 1:].strip()
    if ANNEX.match(t) and len(t) < 60 and (styled or upper or ln.indent > 30):
        return 1, "", t
    m = NUMBER_HEAD.match(t)
    if m and ln.bold and len(t) < 100 and not t.endswith((".", ";", ",")):
        return 3, m.group(1) + ".", t[m.end() - 1:].strip()
    # a first-line indent marks a paragraph (a bold speaker's name opening a speech), not a heading
    at_heading_position = ln.indent <= 2 or ln.indent >= 40
    # an unlabelled heading starts with a capital: a lower-case start continues a bold sentence
    # (recommendations printed bold run on over several lines)
    if styled and at_heading_position and len(t) < 110 and not t.endswith((".", ";", ",", ":")) \
            and not ITEM_START.match(t) and not t[:1].islower():
        return 3, "", t
    if upper and len(t) < 90 and len(t) > 3 and not t.endswith((".", ";", ",")):
        return 3, "", t
    return None


class BlockBuilder:
    """Feeds body lines in reading order; `finish()` returns the draft blocks."""

    def __init__(self, body_size: float) -> None:
        self.body_size = body_size
        self.blocks: list[_Open] = []
        self.expected = 1
        self.annex_seen = False
        self.prev: Line | None = None
        self.next: Line | None = None
        """The line after the one being fed (where a heading's space after it shows)."""

    # -- the decisions, one per line --------------------------------------------------------
    def feed(self, ln: Line, nxt: Line | None = None) -> None:
        self.next = nxt
        t = ln.text.strip()
        cur = self.blocks[-1] if self.blocks else None
        if is_toc_line(ln):
            self._continue_or_open(ln, t, force_new=cur is None or cur.kind != "paragraph" or cur.number is not None)
        elif cur is not None and (item := self._numbered_item(ln, t, cur)) is not None:
            cur.items.append(item)
            cur.item_x0 = ln.x0
        elif (n := self._paragraph_number(ln, t)) is not None:
            self._open_paragraph(ln, n, t)
        elif (d := DECIMAL_START.match(t)) and cur is not None and self._decimal_fits(d, cur):
            self.blocks.append(_Open("paragraph", ln.page, number=f"{d.group(1)}.{d.group(2)}", lines=[t[d.end():]]))
        elif (h := self._heading(ln, cur)) is not None:
            self._open_heading(ln, *h)
        elif (m := ITEM_START.match(t)) and cur is not None and cur.kind == "paragraph" and cur.number:
            cur.items.append((m.group(1), [t[m.end():]]))
        elif cur is not None and cur.kind == "heading" and self._continues_heading(ln, cur):
            cur.lines.append(t)
        else:
            self._continue_or_open(ln, t, force_new=self._starts_unnumbered(ln, cur))
        if self.blocks:
            self.blocks[-1].last = ln
            self.blocks[-1].right = max(self.blocks[-1].right, ln.x1)
        self.prev = ln

    def _paragraph_number(self, ln: Line, t: str) -> int | None:
        m = PARA_START.match(t)
        if not m:
            return self._scanned_number(t)
        n = int(m.group(1))
        rest = t[m.end():]
        if ln.bold and rest and len(t) < 100 and not t.endswith((".", ";", ",")) and n != self.expected:
            return None  # a bold "1. Scope" is a heading, not paragraph 1
        if self.expected <= n <= self.expected + 2:
            return n
        if n == 1 and self.expected > 2 and self.annex_seen:
            return n
        return None

    def _scanned_number(self, t: str) -> int | None:
        """Scanned reports' text layer misreads numbers ("41.-", "5L" for "51.", "II 72." with speckle
        before it); such a reading counts only as exactly the number expected next."""
        m = OCR_PARA_START.match(t)
        if not m:
            return None
        digits = m.group(1) + ("1" if m.group(2) in ("l", "L", "I") else "")
        return self.expected if digits.isdigit() and int(digits) == self.expected else None

    def _numbered_item(self, ln: Line, t: str, cur: _Open) -> tuple[str, list[str]] | None:
        """A numbered list inside a numbered paragraph ("... listed below:" then "1. To ratify ...",
        "2. To adopt ...", as UPR reports print their recommendations). UN layout indents such a list
        past the paragraph's own left edge, where neither a heading nor a paragraph number stands; the
        list runs 1, 2, 3... with every item starting where the previous one did."""
        m = PARA_START.match(t)
        if m is None or cur.kind != "paragraph" or cur.number is None or not t[m.end():]:
            return None
        n = int(m.group(1))
        # the last numbered item, past any lettered sub-items of its own ("3. ... Territories:" (a) (b))
        last = next((label for label, _ in reversed(cur.items) if NUMBER_LABEL.fullmatch(label)), None)
        if last is not None:
            follows = last == f"{n - 1}." and cur.item_x0 is not None and abs(ln.x0 - cur.item_x0) <= 3.0
        else:
            prev_text = self.prev.text.rstrip() if self.prev is not None else ""
            indent = ln.x0 - self._paragraph_edge(cur)
            # a tab or so in (further in is a centred heading, "1. Western Sahara"), after the lead-in
            # sentence has ended: a "1." wrapped to a line start mid-sentence is no list
            follows = n == 1 and 10.0 <= indent <= 40.0 and prev_text.endswith(TERMINAL) and not cur.items
        return (f"{n}.", [t[m.end():]]) if follows else None

    def _paragraph_edge(self, cur: _Open) -> float:
        """The paragraph's left edge: its number's x, or its text's when the number hangs in the margin."""
        last = cur.last
        return max(cur.x0, last.x0) if last is not None and last.page == cur.page else cur.x0

    def _continues_heading(self, ln: Line, cur: _Open) -> bool:
        """A labelled heading's second line ("C. A path forward: ... sexual" / "misconduct policy"), which
        no heading rule takes (it has no label, or starts in lower case): same type, set close under the
        first, and followed by the space UN layout leaves after a heading. A third line at the same
        spacing makes it a bold numbered paragraph read as a heading, which this does not lengthen; and
        an unlabelled bold line (a boxed recommendation's title) runs on into its bold text."""
        prev, nxt = self.prev, self.next
        ends_here = nxt is None or nxt.page != ln.page or nxt.col != ln.col or nxt.bold != ln.bold \
            or nxt.top - ln.bottom >= 0.5 * nxt.size
        return (bool(cur.label) and len(cur.lines) == 1 and prev is not None and prev.bold and ln.bold
                and abs(prev.size - ln.size) < 0.6 and self._at_line_spacing(ln) and ends_here)

    def _decimal_fits(self, d: re.Match[str], cur: _Open) -> bool:
        """"115.125" continues paragraph 115's run even when a heading-like line came in between."""
        base = int(d.group(1))
        last_numbered = next((b for b in reversed(self.blocks) if b.kind == "paragraph" and b.number), None)
        return base == self.expected - 1 and last_numbered is not None \
            and (last_numbered.number or "").split(".")[0] == str(base)

    def _heading(self, ln: Line, cur: _Open | None) -> tuple[int, str, str] | None:
        h = heading_level(ln, self.body_size)
        if h is None:
            return None
        prev_text = (self.prev.text.strip() if self.prev else "")
        mid_sentence = cur is not None and cur.kind == "paragraph" and prev_text and not prev_text.endswith(TERMINAL)
        if mid_sentence and not h[1] and self.prev is not None and cur is not None \
                and (self.prev.bold == ln.bold or self._runs_on(ln, cur)):
            return None  # a bold run inside a sentence (recommendations printed bold, or from mid-line on)
        return h

    def _runs_on(self, ln: Line, cur: _Open) -> bool:
        """The sentence above runs on into this line: it fills its line to the block's right edge (a
        short "Figure I" before a bold title does not) and this line is set at the text's own spacing."""
        prev = self.prev
        # a one-line block ("Figure IV" over its bold title) has no edge to fill
        return (prev is not None and len(cur.lines) + len(cur.items) > 1 and prev.x1 >= cur.right - 3.0
                and self._at_line_spacing(ln))

    def _at_line_spacing(self, ln: Line) -> bool:
        """Set under the previous line at the text's own spacing: UN layout puts space before every
        heading, so a line this close continues what is above it."""
        prev = self.prev
        return (prev is not None and prev.page == ln.page and prev.col == ln.col
                and ln.top - prev.bottom < 0.5 * ln.size)

    def _starts_unnumbered(self, ln: Line, cur: _Open | None) -> bool:
        if cur is None or cur.kind == "heading":
            return True
        if cur.number is not None:
            return False
        prev = self.prev
        if prev is None or prev.page != ln.page or prev.col != ln.col:
            return False
        gap = ln.top - prev.bottom
        ended = prev.text.rstrip().endswith(TERMINAL)
        return gap > 0.9 * ln.size or (ended and ln.indent > prev.indent + 5)

    # -- opening and extending blocks -------------------------------------------------------
    def _open_paragraph(self, ln: Line, n: int, t: str) -> None:
        m = PARA_START.match(t) or OCR_PARA_START.match(t)
        assert m is not None
        self.blocks.append(_Open("paragraph", ln.page, x0=ln.x0, number=str(n), lines=[t[m.end():]]))
        self.expected = n + 1
        self.annex_seen = False

    def _open_heading(self, ln: Line, level: int, label: str, text: str) -> None:
        cur = self.blocks[-1] if self.blocks else None
        prev = self.prev
        same_run = (cur is not None and cur.kind == "heading" and prev is not None and prev.page == ln.page
                    and not label and ln.top - prev.bottom < 0.9 * ln.size and prev.bold == ln.bold)
        if same_run and cur is not None:
            cur.lines.append(text)
        else:
            self.blocks.append(_Open("heading", ln.page, level=level, label=label, lines=[text]))
        if ANNEX.match(label or text):
            self.annex_seen = True

    def _continue_or_open(self, ln: Line, t: str, *, force_new: bool) -> None:
        cur = self.blocks[-1] if self.blocks else None
        if cur is None or force_new or cur.kind == "heading":
            self.blocks.append(_Open("paragraph", ln.page, lines=[t]))
        elif cur.items:
            cur.items[-1][1].append(t)
        else:
            cur.lines.append(t)

    def finish(self) -> list[DraftBlock]:
        out: list[DraftBlock] = []
        for b in self.blocks:
            text = join_lines(b.lines)
            if b.kind == "heading":
                out.append(DraftHeading(level=b.level, label=b.label, text=text, page=b.page))
            else:
                items = [DraftItem(label=label, text=join_lines(lines)) for label, lines in b.items]
                if text or items or b.number:
                    out.append(DraftParagraph(number=b.number, text=text, page=b.page, items=items))
        return out


def build_blocks(lines: list[Line], body_size: float) -> list[DraftBlock]:
    builder = BlockBuilder(body_size)
    for ln, nxt in zip(lines, [*lines[1:], None]):
        builder.feed(ln, nxt)
    return builder.finish()
