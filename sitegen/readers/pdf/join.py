"""Step 7: the join across pages. Footnote text continues under the next page's rule; a footnote's
lines are gathered from every page before they are joined into one text.

(Body paragraphs need no special join: the body lines of all pages form one stream, and a line that
opens no new block continues the block before it, whichever page it is on.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.draft import DraftFootnote
from sitegen.readers.pdf.footnotes import note_start
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
    orphans: list[Line] = field(default_factory=list)
    """Zone lines before any footnote was opened (they go back to the body)."""
    old_style: set[str] = field(default_factory=set)
    """Numbers of notes printed "12/" (1990s style), whose markers in the text read "12/" too."""

    def last_number(self) -> int:
        for n in reversed(self.notes):
            if n.number.isdigit():
                return int(n.number)
        return 0

    def feed_zone(self, lines: list[Line]) -> None:
        """One page's zone lines, in order. Where the page's notes open with raised numbers, a line
        standing at a note's text indent is a wrapped line, whatever number it opens with."""
        opening_x = min((ln.x0 for ln in lines if ln.text.startswith("[^")), default=None)
        for ln in lines:
            wrapped = opening_x is not None and ln.x0 > opening_x + in_points(NOTE_TEXT_INDENT, ln.size)
            self.feed(ln, wrapped=wrapped)

    def feed(self, ln: Line, *, wrapped: bool = False) -> None:
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
        if start is not None:
            self.notes.append(_Note(start.number, ln.page, [start.text]))
            if ln.text.startswith(start.number + "/"):
                self.old_style.add(start.number)
        elif self.notes:
            self.notes[-1].lines.append(ln.text)
        else:
            self.orphans.append(ln)

    def footnotes(self) -> list[DraftFootnote]:
        return [DraftFootnote(number=n.number, text=join_lines(n.lines), page=n.page) for n in self.notes]
