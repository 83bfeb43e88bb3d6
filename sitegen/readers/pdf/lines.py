"""Step 2: characters -> lines (text with footnote markers, font size, boldness, position, column).

Characters are cut into fragments in content-stream order (cheap, and streams are mostly in reading
order), fragments on one baseline are merged into a line, and raised small fragments (footnote
markers, or numbers in their line's own size but raised) are merged into the line they sit on.
Pages with two columns (verbatim records) are read column by column. A right-to-left line is put
in reading order (`chars.visual_to_logical`) and its indent counted from the right edge. Turned
text is read along its own direction and put back on the page as a box; turned text along a side
edge (running heads of landscape pages) is set aside.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import compress, pairwise
from operator import sub

from sitegen.readers.pdf.chars import (
    Char,
    drop_overprint,
    is_rtl,
    needs_space,
    to_line_frame,
    to_page_frame,
    visual_to_logical,
)
from sitegen.readers.pdf.tolerances import (
    BASELINE_GROUP,
    BASELINE_SHIFT,
    EDGE_LINE_MIN_CHARS,
    EDGE_SUPPORT,
    EDGE_SUPPORT_SHARE,
    FRAGMENT_JUMP,
    GUTTER_MAX_CROSSING_SHARE,
    GUTTER_MIN_CHARS,
    GUTTER_MIN_SIDE_SHARE,
    MARKER_ABOVE_TOP,
    MARKER_HOST_REACH,
    MARKER_MAX_DROP,
    MARKER_MAX_RISE,
    MARKER_RISE,
    MARKER_SAME_SIZE_REACH,
    MARKER_TOP_REACH,
    SUPERSCRIPT_MIN_RISE,
    SUPERSCRIPT_RATIO,
    TURNED_EDGE_SHARE,
    WORD_GAP,
)


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    """The line's text; a raised run of digits (a footnote marker) is written "[^N]"."""
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    """The size most of the line's characters have."""
    bold: bool
    """Most of the line's letters are bold."""
    page: int
    col: int = 0
    """0 for single-column text or the left column, 1 for the right column, -1 for text spanning both."""
    indent: float = 0.0
    """x0 minus the left edge of the text in this column on this page."""
    max_gap: float = 0.0
    """The widest gap between two characters (a tab stop, a table cell, dot leaders' end)."""


@dataclass(slots=True)
class _Fragment:
    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def split_fragments(chars: list[Char]) -> list[_Fragment]:
    """Cut the character stream where it moves to another baseline, goes back, or jumps far right."""
    pieces: list[list[Char]] = []
    cur: list[Char] = []
    inked = False  # `cur` has a character that is not a space
    last: Char | None = None
    shift, jump = BASELINE_SHIFT, FRAGMENT_JUMP
    # (the hot loop of this step: a character's fields are read once, by position, and `min` of two
    # sizes is written out; the arithmetic is the rule's, term for term)
    for c in chars:
        text, x0 = c[0], c[1]
        if last is not None:
            size, last_size = c[5], last[5]
            # (in the smaller size of the two: a tall glyph, a typewritten table's 26 pt rule bar, must
            # not widen the step to the next line)
            least = last_size if last_size < size else size
            if (
                abs(c[4] - last[4]) > shift * least
                or x0 < last[1] - shift * least
                or x0 - last[2] > jump * size
            ):
                if text == " " and cur[-1][0] != " ":
                    # a space glyph drawn somewhere else still ends the word it follows in the stream
                    # (as pdftotext reads it): it goes where that word ends
                    cur.append(c._replace(x0=last.x1, x1=last.x1, top=last.top, bottom=last.bottom))
                    continue
                if inked:
                    pieces.append(cur)
                cur, inked = [], False
        cur.append(c)
        if text != " ":
            last, inked = c, True
    if inked:
        pieces.append(cur)
    return [_fragment(piece) for piece in pieces]


def _fragment(chars: list[Char]) -> _Fragment:
    ink = [c for c in chars if c.text != " "] or chars
    _, x0s, x1s, tops, bottoms, sizes, *_ = zip(*ink, strict=True)
    return _Fragment(chars, min(x0s), max(x1s), min(tops), max(bottoms), max(sizes))


def find_gutter(frags: list[_Fragment], width: float) -> float | None:
    """The x of an empty strip between two columns of text, or None for a one-column page."""
    total = sum(len(f.chars) for f in frags)
    if total < GUTTER_MIN_CHARS:
        return None
    best: tuple[int, float] | None = None
    x = 0.38 * width
    while x <= 0.62 * width:
        crossing = sum(len(f.chars) for f in frags if f.x0 < x - 1 and f.x1 > x + 1)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 3.0
    assert best is not None
    crossing, gx = best
    left = sum(len(f.chars) for f in frags if f.x1 <= gx + 1)
    right = sum(len(f.chars) for f in frags if f.x0 >= gx - 1)
    if (
        crossing < GUTTER_MAX_CROSSING_SHARE * total
        and left > GUTTER_MIN_SIDE_SHARE * total
        and right > GUTTER_MIN_SIDE_SHARE * total
    ):
        return gx
    return None


def _column(f: _Fragment, gutter: float | None) -> int:
    if gutter is None:
        return 0
    if f.x1 <= gutter + 1:
        return 0
    if f.x0 >= gutter - 1:
        return 1
    return -1


def group_baselines(frags: list[_Fragment], gutter: float | None) -> list[tuple[int, list[_Fragment]]]:
    """Fragments of one column sharing a baseline, then raised/lowered small ones joined to their host."""
    keyed = sorted(((_column(f, gutter), f) for f in frags), key=lambda cf: (cf[0], cf[1].bottom))
    groups: list[tuple[int, list[_Fragment]]] = []
    for col, f in keyed:
        if (
            groups
            and groups[-1][0] == col
            and abs(groups[-1][1][0].bottom - f.bottom) <= BASELINE_GROUP * min(f.size, groups[-1][1][0].size)
            and _similar_size(groups[-1][1][0].size, f.size)
        ):
            groups[-1][1].append(f)
        else:
            groups.append((col, [f]))
    return _attach_small_groups(groups)


def _similar_size(a: float, b: float) -> bool:
    """A raised marker never shares a baseline group with text (it finds its host afterwards)."""
    return min(a, b) >= SUPERSCRIPT_RATIO * max(a, b)


def _group_box(g: list[_Fragment]) -> tuple[float, float, float, float, float]:
    return (
        min(f.x0 for f in g),
        max(f.x1 for f in g),
        min(f.top for f in g),
        max(f.bottom for f in g),
        max(f.size for f in g),
    )


def _host_distance(small: tuple[float, ...], host: tuple[float, ...]) -> float:
    """How far a marker stands from a candidate host line: a marker follows (or sits inside) its text."""
    x0, _, _, bottom, _ = small
    hx0, hx1, _, hbottom, _ = host
    across = 0.0 if hx0 <= x0 <= hx1 + 2.0 else min(abs(x0 - hx0), abs(x0 - hx1))
    return across + abs(hbottom - bottom)


def _is_marker_group(g: list[_Fragment]) -> bool:
    """One to three digits alone on their baseline: a footnote number, whatever its size."""
    if sum(len(f.chars) for f in g) > 6:  # (cheap first: most groups are lines of text)
        return False
    text = "".join(c.text for f in g for c in f.chars if c.text != " ")
    return 0 < len(text) <= 3 and text.isdigit()


def _raised_marker_fits(box: tuple[float, ...], host: tuple[float, ...]) -> bool:
    """A note number set in its text's own size, only raised (8 pt on 8 pt, 4.5 pt up): raised by a
    superscript's rise, and touching its host line's start (opening a note) or standing inside it."""
    x0, x1, _, bottom, size = box
    hx0, hx1, _, hbottom, hsize = host
    rise = hbottom - bottom
    return (
        size <= hsize + 0.5
        and MARKER_RISE * hsize <= rise <= MARKER_MAX_RISE * hsize
        and hx0 - MARKER_SAME_SIZE_REACH * hsize <= x1
        and x0 <= hx1 + MARKER_SAME_SIZE_REACH * hsize
    )


def _attach_small_groups(groups: list[tuple[int, list[_Fragment]]]) -> list[tuple[int, list[_Fragment]]]:
    boxes = [_group_box(g) for _, g in groups]
    merged_into: dict[int, int] = {}
    for i, (col, g) in enumerate(groups):
        x0, x1, top, bottom, size = boxes[i]
        best: int | None = None
        for j in range(max(0, i - 3), min(len(groups), i + 4)):
            if j == i or groups[j][0] != col or j in merged_into:
                continue
            hx0, hx1, htop, hbottom, hsize = boxes[j]
            fits = (
                size < SUPERSCRIPT_RATIO * hsize
                and htop - MARKER_ABOVE_TOP * size <= bottom <= hbottom + MARKER_MAX_DROP * size
                and top >= htop - MARKER_TOP_REACH * hsize
                and hx0 - MARKER_HOST_REACH * hsize <= x0
                and x1 <= hx1 + MARKER_HOST_REACH * hsize
            )
            if not fits and _raised_marker_fits(boxes[i], boxes[j]) and _is_marker_group(g):
                fits = True
            if fits and (
                best is None or _host_distance(boxes[i], boxes[j]) < _host_distance(boxes[i], boxes[best])
            ):
                best = j
        if best is not None:
            merged_into[i] = best
    out: list[tuple[int, list[_Fragment]]] = []
    extra: dict[int, list[_Fragment]] = {}
    for i, j in merged_into.items():
        while j in merged_into:  # a marker attached to another small group: follow to its host
            j = merged_into[j]
        extra.setdefault(j, []).extend(groups[i][1])
    for i, (col, g) in enumerate(groups):
        if i not in merged_into:
            out.append((col, g + extra.get(i, [])))
    return out


def line_from_group(col: int, group: list[_Fragment], page: int) -> Line | None:
    # merged by x, each fragment keeping its stream order: glyphs drawn overlapping (an Arabic letter
    # composed over another, a kerned pair) stay in the order they were written, as pdftotext reads them
    chars = drop_overprint(_in_x_order(group))
    ink = [c for c in chars if c.text != " "]
    if not ink:
        return None
    # the ink's fields as columns, once: each fact below is one pass over one column
    texts, x0s, x1s, tops, bottoms, sizes, bolds, *_ = zip(*ink, strict=True)
    # (most lines are set in one size: then every character is of the main size and of the main text,
    # which `min` and `max` over a column say faster than a test of each character)
    least, most = min(sizes), max(sizes)
    size = round(least, 1) if least == most else _main_size(sizes)
    if most - size < 0.3 and size - least < 0.3:  # abs(s - size) < 0.3 for every size s
        baseline = max(bottoms)
    else:
        baseline = max([b for b, s in zip(bottoms, sizes, strict=True) if abs(s - size) < 0.3])
    text = visual_to_logical(_line_text(chars, size, baseline))
    if not text:
        return None
    is_letter = list(map(str.isalpha, texts))
    letters = sum(is_letter)  # most letters bold (with no letters, most characters)
    bold = (sum(compress(bolds, is_letter)) * 2 > letters) if letters else sum(bolds) * 2 > len(ink)
    small, raised = SUPERSCRIPT_RATIO * size, baseline - MARKER_RISE * size
    if least >= small and min(bottoms) > raised:  # no character is small or raised
        main_tops, main_bottoms = tops, bottoms
    else:
        main = [(t, b) for t, s, b in zip(tops, sizes, bottoms, strict=True) if s >= small and b > raised]
        main_tops, main_bottoms = zip(*main, strict=True) if main else (tops, bottoms)
    max_gap = max(map(sub, x0s[1:], x1s), default=0.0)  # each character's x0 less the x1 before it
    return Line(
        text, ink[0].x0, max(x1s), min(main_tops), max(main_bottoms), size, bold, page, col, 0.0, max_gap
    )


def _x0(c: Char) -> float:
    return c.x0


def _in_x_order(group: list[_Fragment]) -> list[Char]:
    """The group's characters left to right; fragments side by side are simply laid end to end."""
    if len(group) == 1:
        return group[0].chars
    frags = sorted(group, key=lambda f: f.x0)
    if all(b.x0 >= a.x1 - 0.5 for a, b in pairwise(frags)):
        return [c for f in frags for c in f.chars]
    return list(heapq.merge(*(f.chars for f in group), key=_x0))


def _main_size(sizes: Iterable[float]) -> float:
    """The size (to 0.1 pt) most characters have; of two as common, the larger. Counted exactly
    first and rounded once per size: a line has a few sizes and many characters."""
    counts: dict[float, int] = {}
    for exact, n in Counter(sizes).items():
        key = round(exact, 1)
        counts[key] = counts.get(key, 0) + n
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _is_raised(c: Char, size: float, baseline: float) -> bool:
    """A superscript: smaller and raised, or in the line's own size but raised by a superscript's rise."""
    rise = baseline - c.bottom
    if c.size < SUPERSCRIPT_RATIO * size:
        return rise > SUPERSCRIPT_MIN_RISE * size
    return MARKER_RISE * size <= rise <= MARKER_MAX_RISE * size


_UNIT_BEFORE = re.compile(r"(?<![^\W\d_])(m|km|cm|mm|ft)$")
"""A raised 2 or 3 after a unit is a power (m2, km3), not a footnote marker."""


def _line_text(chars: list[Char], size: float, baseline: float) -> str:
    """Join characters, adding word gaps from positions and writing raised digit runs as [^N]."""
    parts: list[str] = []
    append = parts.append
    prev: Char | None = None
    pending_space = False
    word_gap = WORD_GAP
    n = len(chars)
    skip_to = 0  # past a raised digit run written as one marker
    for i, c in enumerate(chars):
        if i < skip_to:
            continue
        text = c.text
        if text == " " or text == "\u00a0":
            pending_space = True
            continue
        if text.isdigit() and _is_raised(c, size, baseline):
            j = i
            while j < n and chars[j].text.isdigit() and _is_raised(chars[j], size, baseline):
                j += 1
            run = "".join(ch.text for ch in chars[i:j])
            before = parts[-1][-1:] if parts else ""
            after = chars[j].text if j < n else " "
            small_before = (
                prev is not None
                and prev.size < SUPERSCRIPT_RATIO * size
                and prev.text.isalnum()
                and not pending_space
            )
            unit = run in ("2", "3") and _UNIT_BEFORE.search("".join(parts))
            # (a tuple, not the string "/-": the empty string, a marker opening a line, is "in" any string)
            if len(run) <= 3 and before not in ("/", "-") and after != "/" and not small_before and not unit:
                append(f"[^{int(run)}]")
                prev, pending_space = chars[j - 1], False
                skip_to = j
                continue
        if pending_space:
            gap = True
        elif prev is None:
            gap = False
        else:
            # (`needs_space` only past its first test, a gap wider than a word gap, written out here:
            # the next letter of the same word fails it, and that is most characters)
            prev_size, c_size = prev.size, c.size
            least = c_size if c_size < prev_size else prev_size  # min(prev.size, c.size)
            gap = c.x0 - prev.x1 > word_gap * least and needs_space(prev, c)
        if gap and parts and not parts[-1].endswith(" "):
            append(" ")
        append(text)
        prev, pending_space = c, False
    return "".join(parts).strip()


def order_lines(lines: list[Line]) -> list[Line]:
    """Reading order: top to bottom; on two-column pages, the columns between two lines that span
    both (a title, a table) are read left column first."""
    if all(ln.col == 0 for ln in lines):
        return sorted(lines, key=lambda ln: ln.bottom)
    out: list[Line] = []
    band: list[Line] = []
    for ln in sorted(lines, key=lambda ln: ln.bottom):
        if ln.col < 0:
            out.extend(sorted(band, key=lambda b: (b.col, b.bottom)))
            out.append(ln)
            band = []
        else:
            band.append(ln)
    return out + sorted(band, key=lambda b: (b.col, b.bottom))


def left_edge(lines: list[Line]) -> float:
    """Where the text of these lines (one column of one page) starts: the leftmost start that several
    lines of the page's main type share.

    One line further left is an outlier that must not move the edge: a chapter numeral hanging in the
    margin ("IV." before a heading), a footnote's number set before its text, a stray label; if the
    edge were taken there, every real heading would look indented.
    """
    return _edge(lines, lambda ln: ln.x0)


def right_edge(lines: list[Line]) -> float:
    """Where right-to-left lines start: the rightmost end several lines share (see `left_edge`)."""
    return -_edge(lines, lambda ln: -ln.x1)


def _edge(lines: list[Line], start: Callable[[Line], float]) -> float:
    long = [ln for ln in lines if len(ln.text) > EDGE_LINE_MIN_CHARS]
    if not long:
        return min(start(ln) for ln in lines)
    main_size = Counter(round(ln.size) for ln in long).most_common(1)[0][0]
    xs = sorted(round(start(ln)) for ln in long if round(ln.size) >= main_size)
    need = max(2, round(EDGE_SUPPORT_SHARE * len(xs)))
    reach = EDGE_SUPPORT * main_size
    for k, x in enumerate(xs):
        if sum(1 for y in xs[k:] if y - x <= reach) >= need:
            return x
    return xs[0]


def with_indents(lines: list[Line]) -> list[Line]:
    """Each line's indent from where lines of its column start on this page: the left edge, or for a
    right-to-left line (Arabic) the right edge, so a first-line indent means the same in both."""
    rtl = [is_rtl(ln.text) for ln in lines]
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for col in {ln.col for ln in lines}:
        ltr_lines = [ln for ln, r in zip(lines, rtl, strict=True) if ln.col == col and not r]
        rtl_lines = [ln for ln, r in zip(lines, rtl, strict=True) if ln.col == col and r]
        left[col] = left_edge(ltr_lines) if ltr_lines else 0.0
        right[col] = right_edge(rtl_lines) if rtl_lines else 0.0
    return [
        replace(ln, indent=right[ln.col] - ln.x1) if r else replace(ln, indent=ln.x0 - left[ln.col])
        for ln, r in zip(lines, rtl, strict=True)
    ]


def indents_by_page(lines: list[Line]) -> list[Line]:
    """`with_indents` page by page over a stream of lines (the body after furniture is stripped),
    the stream's order kept."""
    pages: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        pages.setdefault(ln.page, []).append(k)
    out: list[Line] = list(lines)
    for ks in pages.values():
        for k, ln in zip(ks, with_indents([lines[k] for k in ks]), strict=True):
            out[k] = ln
    return out


def turned_lines(chars: list[Char], page: int) -> list[Line]:
    """Lines of turned glyphs, each read along its own direction and put back on the page as a box."""
    by_turn: dict[int, list[Char]] = {}
    for c in chars:
        x0, x1, top, bottom = to_line_frame(c.x0, c.x1, c.top, c.bottom, c.turn)
        by_turn.setdefault(c.turn, []).append(c._replace(x0=x0, x1=x1, top=top, bottom=bottom))
    out: list[Line] = []
    for turn, group in by_turn.items():
        for col, g in group_baselines(split_fragments(group), None):
            ln = line_from_group(col, g, page)
            if ln is not None:
                x0, x1, top, bottom = to_page_frame(ln.x0, ln.x1, ln.top, ln.bottom, turn)
                out.append(replace(ln, x0=x0, x1=x1, top=top, bottom=bottom))
    return out


def along_an_edge(line: Line, width: float) -> bool:
    """A turned line in a side margin: a running head, job number or page counter printed along a
    landscape page's edge, or a cover's vertical symbol. Furniture, not text."""
    return line.x1 < TURNED_EDGE_SHARE * width or line.x0 > (1.0 - TURNED_EDGE_SHARE) * width


def page_lines(chars: list[Char], width: float, page: int) -> list[Line]:
    """All text lines of one page, in reading order; turned text along the page's edges set aside."""
    upright = [c for c in chars if not c.turn]
    frags = split_fragments(upright)
    gutter = find_gutter(frags, width)
    lines = [ln for col, g in group_baselines(frags, gutter) if (ln := line_from_group(col, g, page))]
    if len(upright) < len(chars):
        lines += [
            ln for ln in turned_lines([c for c in chars if c.turn], page) if not along_an_edge(ln, width)
        ]
    return with_indents(order_lines(lines))


_SPACES = re.compile(r"\s+")


def normalize_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
