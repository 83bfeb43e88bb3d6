"""Step 6: body lines -> headings, numbered paragraphs (with sub-paragraphs) and unnumbered ones.

Which lines open numbered paragraphs is decided first, once for the whole document (`numbering`):
the best increasing run of "N." line starts, so a "12." wrapped to a line start inside a sentence, a
numbered list in a paragraph or a bold numbered heading does not break the run, and one missed number
does not lose the rest. Every other decision is made line by line, by an ordered list of small named
rules (`RULES`, after markdown-it's `Ruler`): each takes the builder's state and the line and returns
True when it handled the line; the first that does wins. Lines are kept as lists and joined at the
end (`repair`). Layout tolerances are named in `tolerances`, in body sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.draft import DraftBlock, DraftHeading, DraftItem, DraftParagraph
from sitegen.readers.pdf.lines import Line, indents_by_page
from sitegen.readers.pdf.numbering import (
    DECIMAL_START,
    PARA_START,
    TERMINAL,
    TICK_LABEL,
    Numbering,
    choose_numbering,
    is_figures,
    number_end,
)
from sitegen.readers.pdf.repair import join_lines
from sitegen.readers.pdf.tolerances import (
    FIGURE_TYPE_SHARE,
    FIRST_LINE_INDENT,
    HEADING_AT_EDGE,
    HEADING_CENTRED,
    HEADING_RUN_GAP,
    HEADING_SIZE_MARGIN,
    LABELLED_HEADING_INDENT,
    LINE_SPACING_GAP,
    LIST_INDENT_MAX,
    LIST_INDENT_MIN,
    SAME_SIZE,
    SAME_X,
    TOC_TAB_GAP,
    UNNUMBERED_PARAGRAPH_GAP,
    in_points,
)
from sitegen.symbols import ANNEX_HEADING_RE, ITEM_LABEL

__all__ = [
    "ITEM_START",
    "PARA_START",
    "RULES",
    "BlockBuilder",
    "build_blocks",
    "builder_for",
    "heading_level",
    "is_toc_line",
]

ROMAN_HEAD = re.compile(r"^((?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})|[ivx]{1,4})\.\s+\S")
LETTER_HEAD = re.compile(r"^([A-Z])\.\s+\S")
NUMBER_HEAD = re.compile(r"^(\d{1,2})\.\s+\S")
NUMBER_LABEL = re.compile(r"\d{1,3}\.")
"""A numbered list item's label ("58."), as `BlockBuilder` stores it."""
# the label is followed by text, never by punctuation: "(b)." or "(b)," opening a line is the end of
# a citation ("A/90/101, para. 12 (b). Only ...") wrapped there
ITEM_START = re.compile(rf"^({ITEM_LABEL})\s*(?=[^\s.,;:])")
ANNEX = ANNEX_HEADING_RE
TOC_LEADERS = re.compile(r"(\.\s?){4,}\s*\d+(\s*[-–]\s*\d+)?(\s+\d+)?\s*$|…{2,}")
TOC_TAIL = re.compile(r"\d+(\s*[-–]\s*\d+)?\s*(\d+)?$")
PAGE_NUMBER_TAIL = re.compile(r"(?<![\d.,])\d+(\s*[-–]\s*\d+)?\s*(\d+)?$")
"""A contents entry's page number (or range) after a tab is a whole number, never a figure with a
decimal point: "12. Bahamas (The)   0.015" is a row of a table that numbers its rows."""
JOINING_WORDS = frozenset(
    {
        "and",
        "of",
        "the",
        "on",
        "in",
        "for",
        "to",
        "with",
        "by",
        "at",
        "from",
        "a",
        "an",
        "or",
        "et",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "aux",
        "en",
        "y",
        "del",
        "los",
        "las",
        "para",
        "e",
        "и",
        "в",
        "по",
        "на",
        "о",
        "с",
        "для",
        "и/или",
    }
)
"""Words that join two others: a line of a heading never ends on one."""
BAND_SHARE = 0.25
"""Lines of running text may share this share of their height (tall glyphs); more is a table's row."""


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
    contents: bool = False
    """A contents-list entry (its lines are never a heading or a numbered paragraph)."""


def is_toc_line(ln: Line) -> bool:
    """A contents entry, or a table's row set the same way (figures after a tab): a block of its own."""
    return bool(TOC_LEADERS.search(ln.text)) or (
        ln.max_gap > TOC_TAB_GAP * ln.size and bool(TOC_TAIL.search(ln.text))
    )


def is_contents_entry(ln: Line) -> bool:
    """A contents entry, whose number is never a paragraph's: dot leaders, or a page number after a
    tab. A table's row that numbers itself ("12. Bahamas (The)   0.015") may open a numbered run."""
    return bool(TOC_LEADERS.search(ln.text)) or (
        ln.max_gap > TOC_TAB_GAP * ln.size and bool(PAGE_NUMBER_TAIL.search(ln.text))
    )


def heading_level(ln: Line, body_size: float) -> tuple[int, str, str] | None:
    """(level, label, text) when the line reads as a heading by its label and type, else None."""
    t = ln.text.strip()
    styled = ln.bold or ln.size >= body_size + in_points(HEADING_SIZE_MARGIN, body_size)
    upper = t.upper() == t and t.lower() != t  # capitals, not a caseless script (Arabic, Chinese)
    centred = ln.indent > in_points(LABELLED_HEADING_INDENT, body_size)
    m = ROMAN_HEAD.match(t)
    if m and (styled or upper or centred):
        return 1, m.group(1) + ".", t[m.end() - 1 :].strip()
    m = LETTER_HEAD.match(t)
    if m and (styled or upper) and len(t) < 120:
        return 2, m.group(1) + ".", t[m.end() - 1 :].strip()
    if ANNEX.match(t) and len(t) < 60 and (styled or upper or centred):
        return 1, "", t
    m = NUMBER_HEAD.match(t)
    if m and ln.bold and len(t) < 100 and not t.endswith((".", ";", ",")):
        return 3, m.group(1) + ".", t[m.end() - 1 :].strip()
    # a first-line indent marks a paragraph (a bold speaker's name opening a speech), not a heading
    at_heading_position = ln.indent <= in_points(HEADING_AT_EDGE, body_size) or ln.indent >= in_points(
        HEADING_CENTRED, body_size
    )
    # an unlabelled heading starts with a capital: a lower-case start continues a bold sentence
    # (recommendations printed bold run on over several lines)
    # a line taller than 1.5 of its size is a title block that document.join_title_blocks joined
    if (
        styled
        and at_heading_position
        and (len(t) < 110 or ln.bottom - ln.top > 1.5 * ln.size)
        and not t.endswith((".", ";", ",", ":"))
        and not ITEM_START.match(t)
        and not t[:1].islower()
    ):
        return 3, "", t
    if upper and len(t) < 90 and len(t) > 3 and not t.endswith((".", ";", ",")):
        return 3, "", t
    return None


def ends_on_joining_word(text: str) -> bool:
    """The text stops on a word that joins two others ("and", "of", "de", "и"): it goes on below."""
    words = text.rstrip().rsplit(None, 1)
    return bool(words) and words[-1].lower() in JOINING_WORDS


def same_column(a: Line, b: Line) -> bool:
    """In one column, or one of them spans the page (a title block joined over both columns)."""
    return a.col == b.col or -1 in (a.col, b.col)


def under(upper: Line, lower: Line) -> bool:
    """`lower` is set below `upper`: lines of text never share more than a sliver of height."""
    return lower.top >= upper.bottom - BAND_SHARE * (upper.bottom - upper.top)


def beside(a: Line, b: Line) -> bool:
    """Two lines on one band of the page (a table's cells): more than a sliver of height is shared."""
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared > BAND_SHARE * min(a.bottom - a.top, b.bottom - b.top)


Rule = Callable[["BlockBuilder", Line], bool]
"""One line-by-line decision: True when it handled the line (the later rules are not asked)."""


class BlockBuilder:
    """Feeds body lines in reading order; `finish()` returns the draft blocks."""

    def __init__(
        self,
        body_size: float,
        numbers: dict[int, int] | None = None,
        rights: dict[tuple[int, int], float] | None = None,
        list_items: dict[int, int] | None = None,
        decimals: dict[int, str] | None = None,
    ) -> None:
        self.body_size = body_size
        self.rights = rights or {}
        """Where the text of each column of each page ends on the right (`numbering.right_edges`)."""
        self.numbers = numbers or {}
        """{line index: paragraph number}: the lines that open numbered paragraphs (`numbering`)."""
        self.list_items = list_items or {}
        """{line index: item number}: the lines that open items of a list nested in a paragraph."""
        self.decimals = decimals or {}
        """{line index: "115.1"}: the lines that open decimal paragraphs (`numbering`)."""
        self.blocks: list[_Open] = []
        self.expected = 1
        self.index = -1
        self.prev: Line | None = None
        self.next: Line | None = None
        """The line after the one being fed (where a heading's space after it shows)."""
        self.handled_by: list[str] = []
        """The name of the rule that handled each line, in order (what the tests check)."""

    @property
    def cur(self) -> _Open | None:
        return self.blocks[-1] if self.blocks else None

    def pt(self, tolerance: float) -> float:
        return in_points(tolerance, self.body_size)

    def feed(self, ln: Line, nxt: Line | None = None) -> None:
        self.index += 1
        self.next = nxt
        for name, rule in RULES:
            if rule(self, ln):
                self.handled_by.append(name)
                break
        if self.blocks:
            self.blocks[-1].last = ln
            self.blocks[-1].right = max(self.blocks[-1].right, ln.x1)
        self.prev = ln

    # -- what the rules ask about the layout ----------------------------------------------
    def paragraph_edge(self, cur: _Open) -> float:
        """The paragraph's left edge: its number's x, or its text's when the number hangs in the margin."""
        last = cur.last
        return max(cur.x0, last.x0) if last is not None and last.page == cur.page else cur.x0

    def fills_line(self, ln: Line) -> bool:
        """The line runs to its column's right edge, as a justified line of text does: UN layout sets
        headings short of it."""
        right = self.rights.get((ln.page, ln.col))
        return right is not None and ln.x1 >= right - self.pt(SAME_X)

    def tick_label(self, ln: Line) -> bool:
        """A chart's tick label: figures only, in the small type of a figure."""
        return ln.size < FIGURE_TYPE_SHARE * self.body_size and bool(TICK_LABEL.fullmatch(ln.text.strip()))

    def same_type(self, a: Line | None, c: Line | None) -> bool:
        return (
            a is not None and c is not None and a.bold == c.bold and abs(a.size - c.size) < self.pt(SAME_SIZE)
        )

    def runs_on_in_lower_case(self, ln: Line) -> bool:
        """The next line, set at line spacing under this one, opens in lower case: the words run on."""
        nxt = self.next
        if nxt is None or nxt.page != ln.page or not same_column(ln, nxt) or not under(ln, nxt):
            return False
        t = nxt.text.strip()
        return nxt.top - ln.bottom < self.pt(LINE_SPACING_GAP) and t[:1].islower() and not ITEM_START.match(t)

    def shares_band(self, ln: Line) -> bool:
        """The line above or below stands beside this one, on the same band of the page: a table's
        cells, never a heading."""
        return any(
            other is not None and other.page == ln.page and other.col == ln.col and beside(ln, other)
            for other in (self.prev, self.next)
        )

    def at_line_spacing(self, ln: Line) -> bool:
        """Set under the previous line at the text's own spacing: UN layout puts space before every
        heading, so a line this close continues what is above it."""
        prev = self.prev
        return (
            prev is not None
            and prev.page == ln.page
            and same_column(prev, ln)
            and ln.top - prev.bottom < self.pt(LINE_SPACING_GAP)
        )

    def runs_on(self, ln: Line, cur: _Open) -> bool:
        """The sentence above runs on into this line: it fills its line to the block's right edge (a
        short "Figure I" before a bold title does not) and this line is set at the text's own spacing."""
        prev = self.prev
        # a one-line block ("Figure IV" over its bold title) has no edge to fill
        return (
            prev is not None
            and len(cur.lines) + len(cur.items) > 1
            and prev.x1 >= cur.right - self.pt(SAME_X)
            and self.at_line_spacing(ln)
        )

    def starts_unnumbered(self, ln: Line, cur: _Open | None) -> bool:
        """A new unnumbered paragraph: after a heading, or after paragraph space or a first-line indent."""
        if cur is None or cur.kind == "heading":
            return True
        if cur.number is not None and not cur.contents:
            return False  # a numbered paragraph goes on past a gap (a quotation); a table's row does not
        prev = self.prev
        if prev is None or prev.page != ln.page or prev.col != ln.col:
            return False
        if self.tick_label(prev) and self.tick_label(ln):
            return False  # a chart's axis: its labels stay together, whatever the space between them
        gap = ln.top - prev.bottom
        ended = prev.text.rstrip().endswith(TERMINAL)
        return gap > self.pt(UNNUMBERED_PARAGRAPH_GAP) or (
            ended and ln.indent > prev.indent + self.pt(FIRST_LINE_INDENT)
        )

    # -- opening and extending blocks -----------------------------------------------------
    def open_paragraph(self, ln: Line, n: int, t: str) -> None:
        self.blocks.append(_Open("paragraph", ln.page, x0=ln.x0, number=str(n), lines=[t[number_end(t) :]]))
        self.expected = n + 1

    def in_heading_run(self, ln: Line) -> bool:
        """Set close under the heading above in its type: one more line of that heading."""
        cur, prev = self.cur, self.prev
        return (
            cur is not None
            and cur.kind == "heading"
            and prev is not None
            and prev.page == ln.page
            and ln.top - prev.bottom < self.pt(HEADING_RUN_GAP)
            and prev.bold == ln.bold
        )

    def open_heading(self, ln: Line, level: int, label: str, text: str) -> None:
        cur = self.cur
        if not label and self.in_heading_run(ln) and cur is not None:
            cur.lines.append(text)
        else:
            self.blocks.append(_Open("heading", ln.page, level=level, label=label, lines=[text]))

    def continue_or_open(self, ln: Line, t: str, *, force_new: bool) -> None:
        cur = self.cur
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


# ---- the rules, in the order they are asked ---------------------------------------------------


def contents_entry(b: BlockBuilder, ln: Line) -> bool:
    """A contents-list entry (dot leaders, or a tab before its page number) is never a heading or a
    numbered paragraph: each entry is an unnumbered paragraph of its own (its words stay in the
    model). An entry wrapped over two lines ("II. Unleashing the potential of small businesses" /
    "that ... . . . . 12") is one: a line set close above an entry's last line is its first."""
    nxt, prev = b.next, b.prev
    wrapped_entry = (
        nxt is not None
        and is_toc_line(nxt)
        and nxt.page == ln.page
        and nxt.col == ln.col
        and 0 <= nxt.top - ln.bottom < b.pt(LINE_SPACING_GAP)
    )
    if not (is_toc_line(ln) or wrapped_entry):
        return False
    n = b.numbers.get(b.index)
    if n is not None:
        # a table's row that numbers itself, chosen for the document's numbering: a numbered
        # paragraph, whose row goes on as an entry does ("183. United Kingdom of Great Britain and" /
        # "Northern Ireland   3.991")
        b.open_paragraph(ln, n, ln.text.strip())
        b.blocks[-1].contents = True
        return True
    cur = b.cur
    continues_entry = (
        cur is not None
        and cur.contents
        and prev is not None
        and not is_toc_line(prev)
        and b.at_line_spacing(ln)
    )
    if continues_entry and cur is not None:
        cur.lines.append(ln.text.strip())
    else:
        b.blocks.append(_Open("paragraph", ln.page, lines=[ln.text.strip()], contents=True))
    return True


def numbered_item(b: BlockBuilder, ln: Line) -> bool:
    """A numbered list inside a numbered paragraph ("... listed below:" then "1. To ratify ...",
    "2. To adopt ...", as UPR reports print their recommendations). UN layout indents such a list
    past the paragraph's own left edge, where neither a heading nor a paragraph number stands; the
    list runs 1, 2, 3... with every item starting where the previous one did. The whole-document
    numbering says which lists are nested (the paragraph run goes on after them, even when the list
    follows a resolution's preamble, not a lead-in sentence) and which are paragraphs of their own."""
    cur, t = b.cur, ln.text.strip()
    m = PARA_START.match(t)
    if (
        cur is None
        or m is None
        or cur.kind != "paragraph"
        or cur.number is None
        or not t[m.end() :]
        or b.index in b.numbers
    ):
        return False
    n = int(m.group(1))
    if b.index in b.list_items:
        cur.items.append((f"{n}.", [t[m.end() :]]))
        cur.item_x0 = ln.x0
        return True
    # the last numbered item, past any lettered sub-items of its own ("3. ... Territories:" (a) (b))
    last = next((label for label, _ in reversed(cur.items) if NUMBER_LABEL.fullmatch(label)), None)
    if last is not None:
        follows = last == f"{n - 1}." and cur.item_x0 is not None and abs(ln.x0 - cur.item_x0) <= b.pt(SAME_X)
    else:
        prev_text = b.prev.text.rstrip() if b.prev is not None else ""
        indent = ln.x0 - b.paragraph_edge(cur)
        # a tab or so in (further in is a centred heading, "1. Western Sahara"), after the lead-in
        # sentence has ended: a "1." wrapped to a line start mid-sentence is no list
        follows = (
            n == 1
            and b.pt(LIST_INDENT_MIN) <= indent <= b.pt(LIST_INDENT_MAX)
            and prev_text.endswith(TERMINAL)
            and not cur.items
        )
    if not follows:
        return False
    cur.items.append((f"{n}.", [t[m.end() :]]))
    cur.item_x0 = ln.x0
    return True


def numbered_paragraph(b: BlockBuilder, ln: Line) -> bool:
    """The line opens the numbered paragraph that the whole-document numbering chose for it."""
    n = b.numbers.get(b.index)
    if n is None:
        return False
    b.open_paragraph(ln, n, ln.text.strip())
    return True


def decimal_paragraph(b: BlockBuilder, ln: Line) -> bool:
    """The line opens the decimal paragraph ("115.125") that the whole-document numbering chose for
    it: a step of paragraph 115's run of sub-numbers, even when a heading-like line came in between
    (a "10.8 per cent" wrapped to a line start is no step of paragraph 10's run)."""
    number = b.decimals.get(b.index)
    if number is None:
        return False
    t = ln.text.strip()
    d = DECIMAL_START.match(t)
    b.blocks.append(_Open("paragraph", ln.page, number=number, lines=[t[d.end() if d else 0 :]]))
    return True


def figures_only(b: BlockBuilder, ln: Line) -> bool:
    """A line of figures only ("6 700", "2 049.9", "25%") is an amount or a table's cell, never a
    heading of its own, whatever its type (a table's total is set bold): it may end the heading
    above it, set close under it in its type ("Figure 9. Progress ..., 2023-" / "2024") or run on
    from it ("Programme budget for" / "2026"), or it goes where any other text goes."""
    if not is_figures(ln.text.strip()):
        return False
    cur = b.cur
    if cur is not None and b.in_heading_run(ln) and b.same_type(b.prev, ln):
        cur.lines.append(ln.text.strip())  # "Figure 9. ... 2023-" / "2024"
        return True
    return heading_continuation(b, ln) or text(b, ln)


def heading(b: BlockBuilder, ln: Line) -> bool:
    """A line that reads as a heading by its label and type, unless a sentence runs on into it."""
    h = heading_level(ln, b.body_size)
    if h is None or b.shares_band(ln):
        return False
    cur, prev = b.cur, b.prev
    prev_text = prev.text.strip() if prev is not None else ""
    mid_sentence = (
        cur is not None and cur.kind == "paragraph" and prev_text and not prev_text.endswith(TERMINAL)
    )
    if (
        mid_sentence
        and not h[1]
        and prev is not None
        and cur is not None
        and (prev.bold == ln.bold or b.runs_on(ln, cur))
    ):
        return False  # a bold run inside a sentence (recommendations printed bold, or from mid-line on)
    if not h[1] and b.fills_line(ln) and ln.size < b.body_size + b.pt(HEADING_SIZE_MARGIN):
        return False  # a paragraph printed bold: its first line is justified to the right edge
    if not h[1] and b.runs_on_in_lower_case(ln) and not b.same_type(ln, b.next):
        return False  # a caption or a table's row label whose plain text runs on below it
    b.open_heading(ln, *h)
    return True


def sub_paragraph(b: BlockBuilder, ln: Line) -> bool:
    """ "(a)", "(iv)", "a)" opening a line inside a numbered paragraph: one of its items."""
    cur, t = b.cur, ln.text.strip()
    m = ITEM_START.match(t)
    if m is None or cur is None or cur.kind != "paragraph" or not cur.number:
        return False
    cur.items.append((m.group(1), [t[m.end() :]]))
    return True


def heading_continuation(b: BlockBuilder, ln: Line) -> bool:
    """A labelled heading's second line ("C. A path forward: ... sexual" / "misconduct policy"), which
    no heading rule takes (it has no label, or starts in lower case): same type, set close under the
    first, and followed by the space UN layout leaves after a heading. A third line at the same
    spacing makes it a bold numbered paragraph read as a heading, which this does not lengthen; and
    an unlabelled bold line (a boxed recommendation's title) runs on into its bold text."""
    cur, prev, nxt = b.cur, b.prev, b.next
    if cur is None or cur.kind != "heading":
        return False
    t = ln.text.strip()
    runs_on = t[:1].islower() or ends_on_joining_word(cur.lines[-1] if cur.lines else "")
    if (
        prev is not None
        and runs_on
        and b.same_type(prev, ln)
        and b.at_line_spacing(ln)
        and under(prev, ln)
        and not ITEM_START.match(t)
    ):
        # a heading's words run on in its own type: "... on the promotion" / "of ...", or "... and" /
        # "Applications for ..." (a joining word never ends a heading)
        cur.lines.append(t)
        return True
    ends_here = (
        nxt is None
        or nxt.page != ln.page
        or nxt.col != ln.col
        or nxt.bold != ln.bold
        or nxt.top - ln.bottom >= b.pt(LINE_SPACING_GAP)
    )
    if not (
        cur.label
        and len(cur.lines) == 1
        and prev is not None
        and prev.bold
        and ln.bold
        and abs(prev.size - ln.size) < b.pt(SAME_SIZE)
        and b.at_line_spacing(ln)
        and ends_here
    ):
        return False
    cur.lines.append(ln.text.strip())
    return True


def text(b: BlockBuilder, ln: Line) -> bool:
    """Anything else continues the block above, or opens an unnumbered paragraph where one starts."""
    b.continue_or_open(ln, ln.text.strip(), force_new=b.starts_unnumbered(ln, b.cur))
    return True


RULES: list[tuple[str, Rule]] = [
    ("contents_entry", contents_entry),
    ("numbered_item", numbered_item),
    ("numbered_paragraph", numbered_paragraph),
    ("decimal_paragraph", decimal_paragraph),
    ("figures_only", figures_only),
    ("heading", heading),
    ("sub_paragraph", sub_paragraph),
    ("heading_continuation", heading_continuation),
    ("text", text),
]
"""The line-by-line decisions, in order; the first rule that returns True handled the line."""


def body_indents(lines: list[Line]) -> list[Line]:
    """Each body line's indent from the left edge of the body text in its column on its page. The
    page's own edge also counts the furniture and masthead stripped before this step (on page 1 the
    masthead stands further left than the text), which would make every body line look indented."""
    return indents_by_page(lines)  # (lines.py: per column, and from the right edge for Arabic lines)


def reads_as_heading(ln: Line, body_size: float) -> bool:
    """The line reads as a heading by its label and type (what the `heading` rule asks first)."""
    return not is_figures(ln.text.strip()) and heading_level(ln, body_size) is not None


def stands_between_runs(ln: Line, body_size: float) -> bool:
    """A heading after which a run of paragraph numbers may start again at 1: any line that reads as
    a heading, or a title centred over the text (typewritten decisions set theirs in body type)."""
    t = ln.text.strip()
    centred_title = (
        ln.indent >= in_points(HEADING_CENTRED, body_size)
        and len(t) < 110
        and not t.endswith(TERMINAL)
        and t[:1].isupper()
    )
    return not is_figures(t) and (centred_title or heading_level(ln, body_size) is not None)


def paragraph_numbers(lines: list[Line], body_size: float) -> Numbering:
    """The whole-document numbering of these body lines (`numbering.choose_numbering`)."""
    return choose_numbering(
        lines,
        body_size,
        excluded=is_contents_entry,
        is_heading=lambda ln: stands_between_runs(ln, body_size),
        is_section=lambda ln: reads_as_heading(ln, body_size),
    )


def builder_for(lines: list[Line], body_size: float) -> BlockBuilder:
    """A builder fed with every line (its `handled_by` says which rule took each)."""
    numbering = paragraph_numbers(lines, body_size)
    builder = BlockBuilder(
        body_size, numbering.paragraphs, numbering.rights, numbering.list_items, numbering.decimals
    )
    for ln, nxt in zip(lines, [*lines[1:], None]):
        builder.feed(ln, nxt)
    return builder


def build_blocks(lines: list[Line], body_size: float) -> list[DraftBlock]:
    return builder_for(body_indents(lines), body_size).finish()
