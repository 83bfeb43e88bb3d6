"""Step 7: the join across pages. Footnote text continues under the next page's rule; a footnote's
lines are gathered from every page before they are joined into one text. Zone lines that open no
note before the report's first one are body text, returned to stay on their page.

(Body paragraphs need no special join: the body lines of all pages form one stream, and a line that
opens no new block continues the block before it, whichever page it is on.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitegen.draft import DraftFootnote
from sitegen.readers.pdf.footnotes import letter_start, note_start
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.repair import join_lines
from sitegen.readers.pdf.tolerances import NOTE_TEXT_INDENT, in_points


@dataclass(slots=True)
class _Note:
    number: str
    page: int
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class NoteCollector:
    """Footnotes in document order; lines without a number continue the previous footnote."""

    notes: list[_Note] = field(default_factory=list)
    old_style: set[str] = field(default_factory=set)
    """Numbers of notes printed "12/" (1990s style), whose markers in the text read "12/" too."""

    def last_number(self) -> int:
        for n in reversed(self.notes):
            if n.number.isdigit():
                return int(n.number)
        return 0

    def feed_zone(self, lines: list[Line], page_body: Sequence[Line] = ()) -> list[Line]:
        """One page's zone lines, in order. Returns the lines that open no note and continue none
        (they stand before the report's first note): body text after all, which stays on its page
        in reading order, under the page's body, where it is printed.

        Two facts of a page's notes are read from where lines stand:
        - Where the page's notes open with raised numbers, a line standing at a note's text indent
          is a wrapped line, whatever number it opens with.
        - A lone letter ("a Available at ...") opens a lettered note when it hangs left of the
          notes' text, where markers stand; at the text indent it is a wrapped line opening with
          the word "a". The notes' text stands where their wrapped lines start, or, on a page of
          one-line notes, at the left edge of the `page_body` text (UN layout aligns the two and
          hangs the markers in the margin).
        """
        opening_x = min((ln.x0 for ln in lines if ln.text.startswith("[^")), default=None)
        text_x = _note_text_x(lines)
        if text_x is None:
            text_x = _text_edge(page_body)
        left_over: list[Line] = []
        for ln in lines:
            indent = in_points(NOTE_TEXT_INDENT, ln.size)
            wrapped = opening_x is not None and ln.x0 > opening_x + indent
            hangs = text_x is not None and ln.x0 < text_x - indent
            if not self.feed(ln, wrapped=wrapped, lettered=hangs and not wrapped):
                left_over.append(ln)
        return left_over

    def feed(self, ln: Line, *, wrapped: bool = False, lettered: bool = False) -> bool:
        """Open or continue a note with this line; False when there is no note to continue yet.
        `lettered`: a lone letter opening the line is a note's label."""
        start = note_start(ln, plain_numbers=True)
        # a plain "12 Text" opens a note only in sequence and where a note's number stands; else it
        # is a wrapped line ("2024 Report", "23 February 2025." under note 22's text)
        if (
            start is not None
            and start.number.isdigit()
            and not ln.text.startswith("[^")
            and (wrapped or int(start.number) != self.last_number() + 1)
        ):
            start = None
        if start is None and lettered:
            start = letter_start(ln)
        if start is not None:
            self.notes.append(_Note(start.number, ln.page, [start.text]))
            if ln.text.startswith(start.number + "/"):
                self.old_style.add(start.number)
        elif self.notes:
            self.notes[-1].lines.append(ln.text)
        else:
            return False
        return True

    def footnotes(self) -> list[DraftFootnote]:
        return [DraftFootnote(number=n.number, text=join_lines(n.lines), page=n.page) for n in self.notes]


def _note_text_x(lines: list[Line]) -> float | None:
    """Where the text of a page's notes stands: the left end of the zone lines that open no note by
    a marker or a letter (wrapped lines); None when every line opens one (one-line notes)."""
    return min(
        (ln.x0 for ln in lines if note_start(ln, plain_numbers=False) is None and letter_start(ln) is None),
        default=None,
    )


def _text_edge(body: Sequence[Line]) -> float | None:
    """Where most of a page's body lines start: its text's left edge (the masthead's and agenda's
    lines on page 1, a centred title, a first-line indent are fewer)."""
    starts = Counter(round(ln.x0) for ln in body)
    return float(starts.most_common(1)[0][0]) if starts else None
