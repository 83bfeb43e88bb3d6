"""Step 6a: which line starts open numbered paragraphs, decided once for the whole document.

A UN report numbers its paragraphs 1, 2, 3... but many lines open with "N." that are no paragraph
number: a "12." wrapped to a line start inside a sentence, a numbered list inside a paragraph, a bold
numbered section heading, a contents entry. A greedy walk that accepts only the number expected next
loses every number after one it missed, and gets nothing from an excerpt that starts at 24.

Here every candidate line start is scored on its own (where it stands, its type, the space above it,
whether the line before ended a sentence) and the numbering is the best increasing chain through the
candidates, found by dynamic programming over the whole document:

- a chain may start at any number (an excerpt starting at 24 pays a small price once);
- a step of one is free, a jump costs more the further it goes, so a jump the printed document makes
  itself (8. then 10.) is kept when nothing fills it, while a wrapped "17." inside paragraph 15 loses
  to the real 16 and 17 after it;
- a run restarts at 1 where a heading stands between (an annex, a new statement, rule or Part).

Decimal numbers ("115.1 Ratify ...") are sub-numbers of the paragraph they stand under: each
paragraph's own run of them is chosen the same way, after the whole numbers (`decimal_paragraphs`).

`choose_numbers` returns the chosen line indices with their numbers; `structure` opens a paragraph
at exactly those lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median

from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.tolerances import (
    FULL_LINE_REACH,
    LINE_SPACING_GAP,
    NUMBER_AT_EDGE,
    NUMBER_USUAL_INDENT,
    SAME_X,
    in_points,
)
from sitegen.symbols import ANNEX_WORDS, APPENDIX_WORDS, words_pattern

PARA_START = re.compile(r"^(\d{1,3})\.(?:\s+|$)")
DECIMAL_START = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?(?:\s+|$)")
"""A decimal paragraph number: "115.12 Ratify ...", "10.1." (paragraph 115's or 10's sub-numbers)."""
TICK_LABEL = re.compile(r"[-–−+]?[\d.,%$ ]+")
"""Figures only ("60", "2 049.9", "25%"): a chart's tick or data label, a table's cell."""
OCR_PARA_START = re.compile(r"^(?:\S{1,2}\s+)?(\d{1,3})(\.-|\.|[lLI])\s+(?=[A-Z])")
"""Scanned reports' text layer misreads numbers ("41.-", "5L" for "51.", "II 72." with speckle)."""
TERMINAL = (".", ":", ";", "!", "?", "”", '"', ")", "’")
TRAILING_MARKERS = re.compile(r"(\s*\[\^\d+\])+$")
RESTARTING_HEADING = re.compile(
    rf"^(?:{words_pattern(ANNEX_WORDS + APPENDIX_WORDS)}|part|partie|parte|statement|rule|chapter|chapitre|"
    r"capítulo|section|enclosure)\b",
    re.IGNORECASE,
)
"""Headings after which UN documents start their paragraph numbers again at 1."""

# ---- scores (unitless evidence; a chosen candidate adds its score, a chain step subtracts its cost)
BASE = 1.0
"""What one more numbered paragraph is worth when nothing speaks against it."""
OFF_POSITION = 1.6
"""A number neither at the column's edge nor where this document's numbers stand (an indented list)."""
MID_SENTENCE = 2.2
"""The line above did not end a sentence and this one is set at its line spacing: a wrapped number."""
HEADING_LIKE = 0.9
"""A short bold line with no closing punctuation ("1. Scope"): a numbered heading, not a paragraph."""
SPACE_ABOVE = 0.25
"""Space above the line, as UN layout leaves between paragraphs."""
MISREAD = 0.3
"""A scanned text layer's reading ("41.-", "5L"): less sure than a clean "41."."""
JUMP = 0.5
"""A chain step that skips numbers (a missed line, or a jump the document prints itself)."""
JUMP_PER_NUMBER = 0.6
"""And more for each number skipped."""
MAX_SKIPPED = 2
"""A run never skips more numbers than this at once: a document prints a jump of one ("8." then
"10."); three numbers missing in a row are lines the text layer lost (a scan's soup), and the numbers
after them are not to be trusted as the same run."""
LATE_START = 1.0
"""A chain that starts at a number other than 1 (an excerpt, an addendum)."""
NAMED_RESTART = 0.3
"""Restarting at 1 after a heading that names an annex, Part, statement or rule: more than a lone
candidate that started late is worth (a stray "7." before the report's own 1, 2, 3)."""
PLAIN_RESTART = 0.6
"""Restarting at 1 after any other heading."""
FULL_LINE_MIN_CHARS = 40
"""Lines this long show where a column's text ends on the right."""
WINDOW = 400
"""How many earlier candidates a chain step looks back over (bounds the work on huge documents)."""
MIN_LIST = 2
"""A numbered list nested in a paragraph, or set as a run of its own, has at least two items: a lone
"1." is a number wrapped to a line start as often as a list."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that opens with a paragraph number, with the evidence for it."""

    index: int
    """The line's index in the body."""
    number: int
    score: float


def candidate_number(text: str) -> tuple[int, bool] | None:
    """(number, misread) when the line opens like a numbered paragraph, else None."""
    m = PARA_START.match(text)
    if m:
        return int(m.group(1)), False
    m = OCR_PARA_START.match(text)
    if not m:
        return None
    digits = m.group(1) + ("1" if m.group(2) in ("l", "L", "I") else "")
    return int(digits), True


def is_figures(text: str) -> bool:
    """Figures only ("6 700", "2 049.9", "25%", "$1,200"): an amount or a table's cell, never a
    heading's words nor a numbered paragraph ("39.9" alone is no paragraph 39.9 with no words)."""
    return bool(TICK_LABEL.fullmatch(text))


def decimal_number(text: str) -> tuple[int, int] | None:
    """(whole part, sub-number) when the line opens with a decimal paragraph number, else None."""
    m = DECIMAL_START.match(text)
    if m is None or is_figures(text):
        return None
    return int(m.group(1)), int(m.group(2))


def printed_decimal(text: str) -> str:
    """The decimal number as the line prints it ("115.01" stays "115.01")."""
    m = DECIMAL_START.match(text.strip())
    return f"{m.group(1)}.{m.group(2)}" if m else ""


def number_end(text: str) -> int:
    """Where the paragraph's own text starts after its number."""
    m = PARA_START.match(text) or OCR_PARA_START.match(text)
    return m.end() if m else 0


def follows_at_line_spacing(prev: Line | None, ln: Line, body_size: float) -> bool:
    """Set under the previous line, same column, at the text's own spacing (no paragraph space)."""
    return (
        prev is not None
        and prev.page == ln.page
        and prev.col == ln.col
        and ln.top - prev.bottom < in_points(LINE_SPACING_GAP, body_size)
    )


def ends_sentence(text: str) -> bool:
    """The line ends a sentence (a footnote marker after the full stop does not count)."""
    return TRAILING_MARKERS.sub("", text.rstrip()).endswith(TERMINAL)


def right_edges(lines: Sequence[Line]) -> dict[tuple[int, int], float]:
    """Where the text of each column of each page ends on the right: the median end of its long
    lines (a justified column's margin; a little short of it for ragged text), and never short of
    the margin of the document's pages on the same side (mirrored margins): a page of short entries,
    a list of abbreviations, has no full lines at all."""
    ends: dict[tuple[int, int], list[float]] = {}
    sides: dict[tuple[int, int], list[float]] = {}
    for ln in lines:
        if len(ln.text) >= FULL_LINE_MIN_CHARS:
            ends.setdefault((ln.page, ln.col), []).append(ln.x1)
            sides.setdefault((ln.page % 2, ln.col), []).append(ln.x1)
    side_edge = {key: median(xs) for key, xs in sides.items()}
    return {(page, col): max(median(xs), side_edge[page % 2, col]) for (page, col), xs in ends.items()}


def wrapped_in_sentence(prev: Line | None, ln: Line, body_size: float, right: float | None) -> bool:
    """The number only opens the line because a sentence above was wrapped before it: the line above
    runs to the column's right edge without ending a sentence, and this one follows at line spacing
    (a short entry of a list, "Australia", above "3. Brazil", wraps nothing)."""
    if prev is None or not follows_at_line_spacing(prev, ln, body_size) or prev.bold != ln.bold:
        return False
    reach = in_points(FULL_LINE_REACH, body_size)
    # a full line of text runs from the column's edge to its right edge (a table's last cell, "4 June
    # 1992", only reaches the right edge; a list's entries are no lines of text)
    full = (
        right is not None
        and prev.x1 >= right - reach
        and prev.indent <= reach
        and len(prev.text) >= FULL_LINE_MIN_CHARS
    )
    return full and not ends_sentence(prev.text)


def heading_like(ln: Line, text: str, right: float | None, body_size: float) -> bool:
    """A short bold line with no closing punctuation ("1. Scope"); the first line of a paragraph
    printed bold (a recommendation) runs to the column's right edge instead."""
    rest = text[number_end(text) :]
    full = right is not None and ln.x1 >= right - in_points(FULL_LINE_REACH, body_size)
    return ln.bold and bool(rest) and len(text) < 100 and not text.endswith((".", ";", ",", ":")) and not full


@dataclass(frozen=True, slots=True)
class NumberPositions:
    """Where this document's paragraph numbers stand."""

    edge_xs: frozenset[int]
    """The x of numbers at a column's edge, shared by several (the edge itself may be misjudged on a
    page, as on page 1 where the masthead reaches further left than the text)."""
    usual_indent: float | None
    """The commonest indent of the numbers when none stands at the edge (numbers set one tab in)."""

    def holds(self, ln: Line, body_size: float) -> bool:
        edge, near = in_points(NUMBER_AT_EDGE, body_size), in_points(NUMBER_USUAL_INDENT, body_size)
        return (
            ln.indent <= edge
            or any(abs(ln.x0 - x) <= near for x in self.edge_xs)
            or (self.usual_indent is not None and abs(ln.indent - self.usual_indent) <= near)
        )


def number_positions(lines: Sequence[Line], indices: Sequence[int], body_size: float) -> NumberPositions:
    edge = in_points(NUMBER_AT_EDGE, body_size)
    at_edge = Counter(round(lines[i].x0) for i in indices if lines[i].indent <= edge)
    edge_xs = frozenset(x for x, count in at_edge.items() if count >= 2)
    indents = [round(lines[i].indent) for i in indices]
    usual = None if not indents or at_edge else float(max(set(indents), key=indents.count))
    return NumberPositions(edge_xs, usual)


def what_comes_above(lines: Sequence[Line], i: int, right: float | None, body_size: float) -> float:
    """What the line above says of a number opening line i: a sentence wrapped before it speaks
    against it (a "12." or a "10.8 per cent" that did not fit on the full line above), the space
    UN layout leaves between paragraphs speaks for it."""
    ln, prev = lines[i], (lines[i - 1] if i > 0 else None)
    if wrapped_in_sentence(prev, ln, body_size, right):
        return -MID_SENTENCE
    if prev is None or not follows_at_line_spacing(prev, ln, body_size):
        return SPACE_ABOVE
    return 0.0


def score_candidate(
    lines: Sequence[Line],
    i: int,
    misread: bool,
    positions: NumberPositions,
    right: float | None,
    body_size: float,
) -> float:
    ln = lines[i]
    text = ln.text.strip()
    score = BASE + what_comes_above(lines, i, right, body_size)
    if not positions.holds(ln, body_size):
        score -= OFF_POSITION
    if heading_like(ln, text, right, body_size):
        score -= HEADING_LIKE
    if misread:
        score -= MISREAD
    return score


def find_candidates(
    lines: Sequence[Line],
    body_size: float,
    excluded: Callable[[Line], bool] = lambda ln: False,
    rights: dict[tuple[int, int], float] | None = None,
) -> list[Candidate]:
    """Every line start that could be a paragraph number, scored (`rights`: `right_edges(lines)`,
    when the caller has them)."""
    found: list[tuple[int, int, bool]] = []
    for i, ln in enumerate(lines):
        parsed = candidate_number(ln.text.strip())
        if parsed is not None and parsed[0] > 0 and not excluded(ln):
            found.append((i, *parsed))
    positions = number_positions(lines, [i for i, _, misread in found if not misread], body_size)
    rights = right_edges(lines) if rights is None else rights
    return [
        Candidate(
            i,
            n,
            score_candidate(
                lines, i, misread, positions, rights.get((lines[i].page, lines[i].col)), body_size
            ),
        )
        for i, n, misread in found
    ]


def step_cost(a: int, b: int) -> float | None:
    """The cost of paragraph b following paragraph a in one run; None when b cannot follow a."""
    if b == a + 1:
        return 0.0
    if a + 1 < b <= a + 1 + MAX_SKIPPED:
        return JUMP + JUMP_PER_NUMBER * (b - a - 2)
    return None


def best_chain(candidates: Sequence[Candidate], restarts: Sequence[tuple[int, bool]] = ()) -> list[Candidate]:
    """The increasing chain of candidates with the highest total (scores minus step costs).

    `restarts` are (line index, named) of the headings where a run may start again at 1 (`named`:
    an annex, Part, statement or rule, where the restart costs less)."""
    best: list[float] = []
    back: list[int | None] = []
    # prefix maxima of `best`, so a restart links to the best chain ending before its heading
    prefix_best: list[tuple[float, int | None]] = []
    heading_at = sorted(restarts)
    for k, c in enumerate(candidates):
        options: list[tuple[float, int | None]] = [(-LATE_START if c.number != 1 else 0.0, None)]
        for j in range(max(0, k - WINDOW), k):
            cost = step_cost(candidates[j].number, c.number)
            if cost is not None:
                options.append((best[j] - cost, j))
        if c.number == 1:
            restart = _last_restart_before(heading_at, c.index)
            if restart is not None:
                line, named = restart
                before = _last_candidate_before(candidates, k, line)
                # the new run opens with the heading's first paragraph: a "1." after paragraphs
                # under the heading is a list inside one of them
                first = all(candidates[j].score <= 0 for j in range((before or -1) + 1, k))
                if first and before is not None and prefix_best[before][1] is not None:
                    value, end = prefix_best[before]
                    options.append((value - (NAMED_RESTART if named else PLAIN_RESTART), end))
        value, link = max(options, key=lambda o: o[0])
        best.append(c.score + value)
        back.append(link)
        prev_best = prefix_best[-1] if prefix_best else (0.0, None)
        prefix_best.append((best[k], k) if best[k] > prev_best[0] else prev_best)
    if not prefix_best or prefix_best[-1][1] is None:
        return []
    chain: list[Candidate] = []
    at: int | None = prefix_best[-1][1]
    while at is not None:
        chain.append(candidates[at])
        at = back[at]
    return chain[::-1]


def _last_restart_before(headings: Sequence[tuple[int, bool]], index: int) -> tuple[int, bool] | None:
    before = [h for h in headings if h[0] < index]
    return before[-1] if before else None


def _last_candidate_before(candidates: Sequence[Candidate], k: int, line: int) -> int | None:
    for j in range(k - 1, -1, -1):
        if candidates[j].index < line:
            return j
    return None


@dataclass(frozen=True, slots=True)
class Numbering:
    """What the whole-document choice says about the lines that open with a number."""

    paragraphs: dict[int, int]
    """{line index: paragraph number}: the lines that open numbered paragraphs."""
    list_items: dict[int, int] = field(default_factory=dict)
    """{line index: item number}: the lines that open the items of a numbered list nested in a
    paragraph (a UPR report's recommendations, a draft resolution quoted in a committee's report)."""
    decimals: dict[int, str] = field(default_factory=dict)
    """{line index: "115.1"}: the lines that open decimal paragraphs (`decimal_paragraphs`)."""
    rights: dict[tuple[int, int], float] = field(default_factory=dict, compare=False)
    """Where each column of each page ends on the right (`right_edges`), as the choice measured it:
    handed on to the structure step, not part of the choice."""


def numbered_lists(
    lines: Sequence[Line], candidates: Sequence[Candidate], chosen: set[int], body_size: float
) -> list[list[Candidate]]:
    """Numbered lists: runs 1, 2, 3... of at least two candidates that start at one x, whether the
    chain took them or not (`candidates` holds no numbered headings: "2. Board of Auditors" opens a
    section, never a list's item). A chosen paragraph ends the list unless the list's next
    number is the very next candidate after it (a summary statement's list 1..51 under paragraph 2
    goes on 52..65 under paragraph 3); other candidates between its items (a number wrapped inside
    an item, a number at another x) do not end it."""
    same_x = in_points(SAME_X, body_size)
    lists: list[list[Candidate]] = []
    taken: set[int] = set()
    for k, first in enumerate(candidates):
        if first.number != 1 or first.index in taken:
            continue
        run = _grow_list(lines, candidates, k, chosen, same_x)
        if len(run) >= MIN_LIST:
            lists.append(run)
            taken.update(c.index for c in run)
    return lists


def _grow_list(
    lines: Sequence[Line], candidates: Sequence[Candidate], k: int, chosen: set[int], same_x: float
) -> list[Candidate]:
    run = [candidates[k]]
    x = lines[candidates[k].index].x0

    def at_x(c: Candidate) -> bool:
        return abs(lines[c.index].x0 - x) <= same_x

    for j in range(k + 1, len(candidates)):
        c, expected = candidates[j], run[-1].number + 1
        if at_x(c) and c.number == expected:
            run.append(c)
        elif at_x(c) and c.number == 1:
            break  # the next list
        elif c.index in chosen:
            after = candidates[j + 1] if j + 1 < len(candidates) else None
            if after is None or not at_x(after) or after.number != expected:
                break  # the paragraph after the list
    return run


def list_standing(
    run: Sequence[Candidate],
    candidates: Sequence[Candidate],
    chain: Sequence[Candidate],
    heading_lines: Sequence[int],
    section_lines: Sequence[int],
) -> str | None:
    """How a numbered list stands to the paragraph run around it, by named rules in order:

    - "nested": the paragraph run goes on after the list with the very next number (111, the list
      1..97, then 112; 3, a list 1..4, then 5 is no such proof): the list belongs to the paragraphs
      before it, as their items (a UPR report's recommendations; a committee report's paragraph 8
      quoting a draft resolution's operative paragraphs 1..13, then paragraph 9; a summary
      statement's list 1..51 under paragraph 2 going on 52..65 under paragraph 3). A list the chain
      did not start stands in the paragraph only when no section heading stands between (a draft
      resolution under its own bold title is the title's, not the paragraph's); a run the chain
      restarted after a heading is nested all the same when the run goes on after it (a table
      numbering its rows under its title inside a report's section);
    - "own": nothing of the paragraph run follows the list (or a new run starts after it), the
      chain took none of its numbers (where it did, it read them as its run going on, and that
      choice stands), and a heading stands between the run's last paragraph and the list (a draft
      decision's title after a committee report's last paragraph): the list is a run of its own;
    - None: neither (a list in a report's last paragraph stays with that paragraph)."""
    inside = {c.index for c in run}
    first = run[0].index
    in_chain = {c.index for c in chain}
    started = first in in_chain
    before = next((c for c in reversed(chain) if c.index < first and c.index not in inside), None)
    # the next paragraph is the first sure candidate after the list's first item that is none of
    # its items (a paragraph the list crosses, numbered on under it, counts)
    after = next((c for c in candidates if c.index > first and c.index not in inside and c.score > 0), None)
    if before is None:
        return None
    under_section = any(before.index < h < first for h in section_lines)
    if after is not None and after.number == before.number + 1 and (started or not under_section):
        return "nested"
    if (after is not None and after.number != 1) or inside & in_chain:
        return None
    return "own" if any(before.index < h < first for h in heading_lines) else None


def decimal_paragraphs(
    lines: Sequence[Line],
    paragraphs: dict[int, int],
    body_size: float,
    rights: dict[tuple[int, int], float],
    excluded: Callable[[Line], bool] = lambda ln: False,
) -> dict[int, str]:
    """{line index: "N.k"}: the lines that open decimal paragraphs. A decimal number opens one only
    as a step of its own paragraph's run of sub-numbers (115.1, 115.2 ... under paragraph 115):

    - its whole part is the number of the numbered paragraph it stands under ("2.5 to 3 million"
      under paragraph 3 is text);
    - it is on the best increasing chain of that paragraph's sub-numbers (`best_chain`), each scored
      by the line above it (`what_comes_above`): a run starting late costs what a whole-number run
      starting late does, so a "10.8 per cent" wrapped to a line start in paragraph 10, under a
      full line that ends no sentence, opens nothing (a "10.3 per cent" in paragraph 10.2 loses to
      the sentence above it too).

    Where the number stands is no evidence here: a UPR report sets its recommendations a tab in from
    the paragraph's edge, a wrapped figure stands at the edge as the paragraph's own number does."""
    under: dict[int, list[Candidate]] = {}
    paragraph_line, paragraph = -1, None
    for i, ln in enumerate(lines):
        if i in paragraphs:
            paragraph_line, paragraph = i, paragraphs[i]
            continue
        parsed = decimal_number(ln.text.strip())
        if parsed is None or parsed[0] != paragraph or excluded(ln):
            continue
        score = BASE + what_comes_above(lines, i, rights.get((ln.page, ln.col)), body_size)
        under.setdefault(paragraph_line, []).append(Candidate(i, parsed[1], score))
    return {c.index: printed_decimal(lines[c.index].text) for run in under.values() for c in best_chain(run)}


def choose_numbering(
    lines: Sequence[Line],
    body_size: float,
    *,
    excluded: Callable[[Line], bool] = lambda ln: False,
    is_heading: Callable[[Line], bool] = lambda ln: False,
    is_section: Callable[[Line], bool] = lambda ln: False,
) -> Numbering:
    """The paragraph numbers and nested lists of the whole document: the best chain, then each
    numbered list judged against it (`list_standing`); a nested list's numbers leave the candidates
    and the chain is chosen again without them. `is_heading` says where a run may start again at 1
    (any heading, a centred title); `is_section` which of those open a section of their own (the
    headings the structure step makes)."""
    rights = right_edges(lines)
    candidates = find_candidates(lines, body_size, excluded, rights)
    restarts = [
        (i, bool(RESTARTING_HEADING.match(ln.text.strip())))
        for i, ln in enumerate(lines)
        if is_heading(ln) and candidate_number(ln.text.strip()) is None
    ]
    sections = [i for i, ln in enumerate(lines) if is_section(ln)]
    chain = best_chain(candidates, restarts)
    chosen = {c.index for c in chain}
    nested: dict[int, int] = {}
    own: list[list[Candidate]] = []
    items = [c for c in candidates if not is_heading(lines[c.index])]
    for run in numbered_lists(lines, items, chosen, body_size):
        standing = list_standing(run, candidates, chain, [i for i, _ in restarts], sections)
        if standing == "nested":
            nested.update((c.index, c.number) for c in run)
        elif standing == "own":
            own.append(run)
    if nested:
        chain = best_chain([c for c in candidates if c.index not in nested], restarts)
    paragraphs = {c.index: c.number for c in chain}
    for run in own:
        for i in [i for i in paragraphs if run[0].index <= i <= run[-1].index]:
            del paragraphs[i]
        paragraphs.update((c.index, c.number) for c in run)
    decimals = decimal_paragraphs(lines, paragraphs, body_size, rights, excluded)
    return Numbering(dict(sorted(paragraphs.items())), nested, decimals, rights)


def choose_numbers(
    lines: Sequence[Line],
    body_size: float,
    *,
    excluded: Callable[[Line], bool] = lambda ln: False,
    is_heading: Callable[[Line], bool] = lambda ln: False,
) -> dict[int, int]:
    """{line index: paragraph number} for the lines that open numbered paragraphs."""
    return choose_numbering(lines, body_size, excluded=excluded, is_heading=is_heading).paragraphs


def greedy_numbers(numbers: Sequence[int]) -> list[int]:
    """The walk `structure` used before this step: a number counts only when it is the one expected
    next (or up to two more). Kept to show, in tests, what the global choice fixes."""
    chosen: list[int] = []
    expected = 1
    for n in numbers:
        if expected <= n <= expected + 2:
            chosen.append(n)
            expected = n + 1
    return chosen
