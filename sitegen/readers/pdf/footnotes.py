"""Step 4: footnotes. The zone under the short rule at a page's foot, endnotes in a closing "Notes"
section, and the markers that point to them ("[^12]" from a raised 12, or an old "12/"). Notes labelled
by stars or raised letters ("a Available at ...") keep their labels; their markers stay text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.tolerances import (
    CONTINUATION_MAX_LINES,
    NOTE_SIZE_MARGIN,
    PLAIN_NOTES_MAX_LINES,
    RULE_BASELINE_PT,
    RULE_IN_TEXT,
    RULE_MAX_START_SHARE,
    RULE_MAX_THICKNESS_PT,
    RULE_MAX_WIDTH_SHARE,
    RULE_MIN_TOP_SHARE,
    RULE_MIN_WIDTH_PT,
    in_points,
)

_MARKER_START = re.compile(r"^\[\^(\d{1,3})\]\s*")
_PLAIN_START = re.compile(r"^(\d{1,3})(?:/|\s)\s*(?=\S)")
_OLD_START = re.compile(r"^(\d{1,3})/\s+(?=\S)")
_STAR_START = re.compile(r"^(\*{1,3})\s*(?=\S)")
_LETTER_START = re.compile(r"^([a-z])\s+(?=\S)")  # "a Available at ...": a note labelled by a letter
_UNDERSCORES = re.compile(r"^(?:_{5,}|-{4,})$")  # typed rules: underscores, or dashes ending a page
NOTES_TITLES = {"notes", "endnotes", "notas", "примечания"}


@dataclass(slots=True)
class NoteStart:
    number: str
    text: str


def rule_candidates(objects: Iterable[Mapping[str, Any]], width: float, height: float) -> list[float]:
    """Tops of the rules on a page that can be a footnote separator.

    A footnote rule is short, starts near the left margin, stands below the page's top quarter and is
    alone on its baseline. A table's borders drawn one segment per cell are not: each segment has a
    neighbour on its baseline (the next cell's), and the segments of later cells start far right.
    (What follows the rule, smaller type or note markers, is checked in `find_zone_top`.)
    """
    segments = [
        (float(o["x0"]), float(o["x1"]), float(o["top"]))
        for o in objects
        if o["bottom"] - o["top"] <= RULE_MAX_THICKNESS_PT
    ]
    tops = []
    for x0, x1, top in segments:
        if (
            RULE_MIN_WIDTH_PT <= x1 - x0 <= RULE_MAX_WIDTH_SHARE * width
            and top > RULE_MIN_TOP_SHARE * height
            and x0 <= RULE_MAX_START_SHARE * width
            and not _has_neighbour(x0, x1, top, segments)
        ):
            tops.append(top)
    return tops


def _has_neighbour(x0: float, x1: float, top: float, segments: list[tuple[float, float, float]]) -> bool:
    """Another segment on the same baseline reaching beyond this one (a rule drawn twice over the
    same stretch is still one rule)."""
    return any(
        abs(t - top) <= RULE_BASELINE_PT and (a < x0 - RULE_BASELINE_PT or b > x1 + RULE_BASELINE_PT)
        for a, b, t in segments
    )


def find_zone_top(lines: list[Line], rule_tops: list[float], body_size: float) -> float | None:
    """The y where the footnote zone starts, or None when the page has none.

    A rule opens the zone only when what follows it looks like notes: smaller type, or a marker, and
    nothing in the body's type after smaller type (a chart's axis or gridline is no footnote rule: its
    labels are small, and the page's text goes on under the chart). A drawn rule inside a line of
    text is that text's underline, or a gridline beside its label. Rules are tried from the top, so
    the first that opens a zone wins; a rule that does not leaves the text under it in the body.
    """
    tops = sorted(set(rule_tops) | {ln.top for ln in lines if _UNDERSCORES.match(ln.text)})
    for y in tops:
        below = [ln for ln in lines if ln.top > y - 0.5 and not _UNDERSCORES.match(ln.text)]
        if not below or _body_text_resumes(below, body_size) or (y in rule_tops and _crosses_text(y, lines)):
            continue
        first = below[0]
        if _MARKER_START.match(first.text) or _OLD_START.match(first.text):
            return y
        if y in rule_tops and _PLAIN_START.match(first.text) and len(below) <= PLAIN_NOTES_MAX_LINES:
            return y  # 1990s Geneva: "1 See ..." in body-size type under a drawn rule
        # a note continued from the previous page opens with plain text: smaller type, few lines,
        # and (unless it is all continuation) a marker further down; a table under a rule is not that
        small = sum(ln.size < body_size - in_points(NOTE_SIZE_MARGIN, body_size) for ln in below) * 2 > len(
            below
        )
        marked = any(_MARKER_START.match(ln.text) or _PLAIN_START.match(ln.text) for ln in below)
        if small and (marked or len(below) <= CONTINUATION_MAX_LINES):
            return y
    return None


def _crosses_text(y: float, lines: list[Line]) -> bool:
    """A rule at `y` standing inside a text line's box: an underline under its letters (1.2 pt into
    a 10 pt line) or a chart's gridline at its label. A footnote rule stands in the gap between the
    last body line and the first note, touching a box at most."""
    return any(
        ln.top + in_points(RULE_IN_TEXT, ln.size) < y < ln.bottom - in_points(RULE_IN_TEXT, ln.size)
        for ln in lines
    )


def _body_text_resumes(below: list[Line], body_size: float) -> bool:
    """A line in the body's type after a line in smaller type: the page's text going on under a
    chart's labels or a small table. Notes run to the page's foot in one type (smaller than the
    body's, or the body's own in 1990s Geneva), so what follows them is never body text."""
    smaller = body_size - in_points(NOTE_SIZE_MARGIN, body_size)
    seen_small = False
    for ln in below:
        if ln.size < smaller:
            seen_small = True
        elif seen_small:
            return True
    return False


def split_zone(lines: list[Line], zone_top: float | None) -> tuple[list[Line], list[Line]]:
    """(body, notes) around the zone's top; the separator line itself belongs to neither."""
    if zone_top is None:
        return lines, []
    body = [ln for ln in lines if ln.top <= zone_top - 0.5 and not _UNDERSCORES.match(ln.text)]
    notes = [ln for ln in lines if ln.top > zone_top - 0.5 and not _UNDERSCORES.match(ln.text)]
    return body, notes


def note_start(line: Line, *, plain_numbers: bool) -> NoteStart | None:
    """The footnote a line opens: "[^3] Text", "3/ Text", "* Text", or "3 Text" where allowed."""
    for pattern in (_MARKER_START, _OLD_START, _STAR_START) + ((_PLAIN_START,) if plain_numbers else ()):
        m = pattern.match(line.text)
        if m:
            return NoteStart(m.group(1), line.text[m.end() :])
    return None


def letter_start(line: Line) -> NoteStart | None:
    """The lettered note a line may open ("a Available at ...", "b See A/56/61"): a box's or a
    table's notes, or a whole report's, printed under the rule with raised letters. Only the caller
    can tell it from a wrapped line opening with the word "a" (`join.NoteCollector.feed_zone`: by
    where the line stands)."""
    m = _LETTER_START.match(line.text)
    return NoteStart(m.group(1), line.text[m.end() :]) if m else None


def is_rule_text(text: str) -> bool:
    """A separator typed as underscores or dashes (typewriter-era documents)."""
    return bool(_UNDERSCORES.match(text.strip()))


def find_endnotes_start(lines: list[Line]) -> int | None:
    """Index of the "Notes" title that opens endnotes at the end of the report, if any."""
    for i in range(len(lines) - 2, -1, -1):
        if lines[i].text.strip().rstrip(":").lower() in NOTES_TITLES:
            nxt = lines[i + 1]
            if note_start(nxt, plain_numbers=True):
                return i
    return None


def old_markers_to_refs(text: str, numbers: set[str]) -> str:
    """ "... the Committee, 1/ as well" -> "... the Committee,[^1] as well" for known note numbers."""

    def sub(m: re.Match[str]) -> str:
        return f"[^{m.group(1)}]" if m.group(1) in numbers else m.group(0)

    return re.sub(r"\s?(?<![\w/.])(\d{1,3})/(?![\w/])", sub, text)
