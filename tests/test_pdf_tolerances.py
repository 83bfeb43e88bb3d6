"""Each layout tolerance that matters, pinned from both sides by a case that reads differently when
it is changed badly (sitegen/readers/pdf/tolerances.py). Each step's owner adds its own tests here."""

from __future__ import annotations

from sitegen.draft import DraftHeading, DraftParagraph
from sitegen.readers.pdf.chars import Char, drop_overprint, needs_space
from sitegen.readers.pdf.footnotes import find_zone_top, rule_candidates
from sitegen.readers.pdf.lines import Line, page_lines
from sitegen.readers.pdf.numbering import choose_numbers
from sitegen.readers.pdf.structure import build_blocks, heading_level

# ---------------------------------------------------------------------------------------------------
# characters and lines (chars.py, lines.py)
# ---------------------------------------------------------------------------------------------------


def _glyphs(text: str, x: float, top: float, size: float = 10.0, step: float | None = None) -> list[Char]:
    step = 0.5 * size if step is None else step
    return [
        Char(ch, x + step * k, x + step * k + 0.5 * size, top, top + size, size, False)
        for k, ch in enumerate(text)
    ]


def test_word_gap_a_fifth_of_a_size_is_a_space_a_tenth_is_not() -> None:  # WORD_GAP
    a = Char("a", 100.0, 105.0, 90.0, 100.0, 10.0, False)
    assert needs_space(a, a._replace(text="b", x0=107.0, x1=112.0))
    assert not needs_space(a, a._replace(text="b", x0=106.0, x1=111.0))


def test_overprint_a_hair_apart_is_one_glyph_a_stretching_repeat_is_kept() -> None:  # OVERPRINT_SHIFT
    fake_bold = _glyphs("AA", 100.0, 90.0, 11.0, step=0.3)
    assert [c.text for c in drop_overprint(fake_bold)] == ["A"]
    stretched = _glyphs("\u0627\u0627\u0627", 100.0, 90.0, 11.0, step=1.45)  # alef repeated 1.45 pt apart
    assert len(drop_overprint(stretched)) == 3


def test_a_smaller_glyph_barely_raised_is_a_marker_by_its_size() -> (
    None
):  # SUPERSCRIPT_RATIO, SUPERSCRIPT_MIN_RISE
    text = _glyphs("costs.", 100.0, 700.0)
    marker = _glyphs("4", text[-1].x1, 700.0 + 10.0 - 8.0 - 1.5, 8.0)  # 8 pt on 10 pt, raised 1.5 pt
    assert [ln.text for ln in page_lines(text + marker, 612.0, 1)] == ["costs.[^4]"]


def test_a_number_raised_almost_a_whole_size_is_no_marker() -> None:  # MARKER_MAX_RISE
    text = _glyphs("Total expenditure", 123.0, 700.0, 8.0)
    high = _glyphs("12", text[-1].x1 + 2, 700.0 - 6.5, 8.0)  # raised 6.5 pt on 8 pt: a cell above
    assert "[^" not in " ".join(ln.text for ln in page_lines(text + high, 612.0, 1))


def test_a_number_raised_a_third_of_its_size_is_a_marker() -> None:  # MARKER_RISE
    text = _glyphs("the Convention.", 123.0, 700.0, 8.0)
    number = _glyphs("7", text[-1].x1, 700.0 - 3.0, 8.0)  # raised 3 pt on 8 pt
    assert [ln.text for ln in page_lines(text + number, 612.0, 1)] == ["the Convention.[^7]"]


def test_a_baseline_jitter_stays_on_its_line() -> None:  # BASELINE_GROUP
    first = _glyphs("Text drawn in two runs", 100.0, 700.0)
    second = _glyphs("whose baselines differ", first[-1].x1 + 60.0, 700.8)  # after a tab, 0.8 pt lower
    assert [ln.text for ln in page_lines(second + first, 612.0, 1)] == [
        "Text drawn in two runs whose baselines differ"
    ]


def test_two_columns_written_row_by_row_are_read_column_by_column() -> None:  # FRAGMENT_JUMP
    chars: list[Char] = []
    for k in range(16):  # each row: the left column's line, then the right column's, in one stream
        chars += _glyphs(f"Left column line {k:02d} text", 60.0, 100.0 + 12 * k)
        chars += _glyphs(f"Right column line {k:02d} text", 330.0, 100.0 + 12 * k)
    texts = [ln.text for ln in page_lines(chars, 612.0, 1)]
    assert texts[:2] == ["Left column line 00 text", "Left column line 01 text"]
    assert texts[16] == "Right column line 00 text"


def test_turned_text_at_a_tenth_of_the_width_is_a_running_head_further_in_a_label() -> (
    None
):  # TURNED_EDGE_SHARE
    def turned(text: str, x: float) -> list[Char]:
        return [
            Char(ch, x, x + 8.0, 300.0 + 4.0 * k, 304.0 + 4.0 * k, 8.0, False, 270)
            for k, ch in enumerate(text)
        ]

    assert [ln.text for ln in page_lines(turned("A/80/188", 560.0), 612.0, 1)] == []  # 91% across
    assert [ln.text for ln in page_lines(turned("A/80/188", 500.0), 612.0, 1)] == ["A/80/188"]  # 82% across


# ---------------------------------------------------------------------------------------------------
# footnotes (footnotes.py)
# ---------------------------------------------------------------------------------------------------


def _line(text: str, top: float, size: float = 10.0) -> Line:
    return Line(text, 123.0, 123.0 + 5 * len(text), top, top + size, size, False, 1)


def test_a_note_continued_from_the_last_page_opens_the_zone() -> None:  # CONTINUATION_MAX_LINES
    lines = [_line("6. Renewables should be promoted.", 600.0)] + [
        _line(f"continued text of the note, line {k}", 640.0 + 10 * k, 8.5) for k in range(3)
    ]
    assert find_zone_top(lines, [630.0], 10.0) == 630.0


def test_a_long_block_of_small_type_under_a_rule_is_a_table() -> None:  # CONTINUATION_MAX_LINES
    lines = [_line(f"Row {k} of a statistical table", 400.0 + 10 * k, 8.5) for k in range(12)]
    assert find_zone_top(lines, [390.0], 10.0) is None


def test_notes_are_set_smaller_than_the_body_by_more_than_the_margin() -> None:  # NOTE_SIZE_MARGIN
    small = [_line(f"continued text, line {k}", 640.0 + 10 * k, 9.0) for k in range(3)]
    body_size = [_line(f"continued text, line {k}", 640.0 + 10 * k, 9.8) for k in range(3)]
    assert find_zone_top(small, [630.0], 10.0) == 630.0
    assert find_zone_top(body_size, [630.0], 10.0) is None


def test_plain_numbered_notes_in_body_type_but_not_a_long_list() -> None:  # PLAIN_NOTES_MAX_LINES
    notes = [_line(f"{k} See document {k}.", 640.0 + 12 * k) for k in range(1, 4)]
    assert find_zone_top(notes, [630.0], 10.0) == 630.0
    listing = [_line(f"{k} Item {k} of a long list", 300.0 + 12 * k) for k in range(1, 31)]
    assert find_zone_top(listing, [290.0], 10.0) is None


def _rule(x0: float, x1: float, top: float) -> dict[str, float]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": top + 0.5}


def test_a_footnote_rule_is_short_alone_and_near_the_left_margin() -> None:  # RULE_* tolerances
    assert rule_candidates([_rule(123.0, 267.0, 650.0)], 612.0, 792.0) == [650.0]
    assert rule_candidates([_rule(123.0, 267.0, 650.0), _rule(123.0, 267.0, 650.2)], 612.0, 792.0) == [
        650.0,
        650.2,
    ]
    assert rule_candidates([_rule(123.0, 140.0, 650.0)], 612.0, 792.0) == []  # a 17 pt dash
    assert rule_candidates([_rule(123.0, 500.0, 650.0)], 612.0, 792.0) == []  # across the text: a table's
    assert rule_candidates([_rule(123.0, 267.0, 150.0)], 612.0, 792.0) == []  # in the page's top quarter
    assert rule_candidates([_rule(300.0, 400.0, 650.0)], 612.0, 792.0) == []  # a centred underline


def test_a_table_border_drawn_one_segment_per_cell_is_no_footnote_rule() -> None:  # RULE_BASELINE_PT
    cells = [_rule(123.4, 136.6, 692.4), _rule(136.6, 321.1, 692.9), _rule(321.1, 381.7, 692.4)]
    assert rule_candidates(cells, 612.0, 792.0) == []


def test_a_number_at_the_notes_text_indent_is_wrapped_three_points_in_it_opens_a_note() -> (
    None
):  # NOTE_TEXT_INDENT
    from sitegen.readers.pdf.join import NoteCollector

    def numbers(dx: float) -> list[str]:
        notes = NoteCollector()
        notes.feed_zone(
            [
                Line("[^1] Peleg, Haaretz,", 114.3, 200.0, 600.0, 608.5, 8.5, False, 1),
                Line("2 February 2025.", 114.3 + dx, 200.0, 610.5, 619.0, 8.5, False, 1),
            ]
        )
        return [f.number for f in notes.footnotes()]

    assert numbers(9.1) == ["1"]  # A/79/975: the note's text indent, 9 pt right of its number
    assert numbers(3.0) == ["1", "2"]  # a right-aligned number a digit further left or right


def test_a_rule_touching_a_lines_box_is_the_footnote_rule_one_inside_it_an_underline() -> (
    None
):  # RULE_IN_TEXT
    def zone(depth: float, size: float = 10.0) -> float | None:
        above = _line("Abstaining: Argentina, Congo, Japan.", 618.0, size)
        notes = [_line(f"[^{k}] A/48/23 (Part III), chap. {k}.", 640.0 + 10 * k, 8.5) for k in (4, 5)]
        return find_zone_top([above, *notes], [618.0 + size - depth], 10.0)

    assert zone(0.14) == 628.0 - 0.14  # A/48/653: a typewritten page's rule touching the last body line
    assert zone(1.2) is None  # an underline 1.2 pt into its line (A/52/613)
    assert zone(0.34, 8.0) is None  # a chart's gridline at its 8 pt "0" (DP/OPS/2025/12)


# ---------------------------------------------------------------------------------------------------
# structure and numbering (structure.py, numbering.py): 10 pt body, lines 12 pt apart
# ---------------------------------------------------------------------------------------------------


_FULL = "States should ensure that the measures they adopt are consistent with the"


def _body(
    text: str,
    top: float,
    *,
    indent: float = 0.0,
    size: float = 10.0,
    bold: bool = False,
    right: float | None = None,
    max_gap: float = 0.0,
) -> Line:
    """A body line at `indent` from a 72 pt edge, ending at `right` (else about 5 pt a character)."""
    x0 = 72.0 + indent
    return Line(
        text,
        x0,
        right if right is not None else x0 + 5 * len(text),
        top,
        top + size,
        size,
        bold,
        1,
        0,
        indent,
        max_gap,
    )


def _kinds(lines: list[Line]) -> list[tuple[str, str | None]]:
    return [
        ("h", b.label) if isinstance(b, DraftHeading) else ("p", b.number)
        for b in build_blocks(lines, 10.0)
        if isinstance(b, (DraftHeading, DraftParagraph))
    ]


def test_type_two_points_over_the_body_is_a_heading_one_point_is_not() -> None:  # HEADING_SIZE_MARGIN
    assert heading_level(_body("Introduction to the report", 0.0, size=12.0), 10.0) is not None
    assert heading_level(_body("Introduction to the report", 0.0, size=11.0), 10.0) is None


def test_a_body_size_of_space_opens_an_unnumbered_paragraph_most_of_one_does_not() -> None:
    # UNNUMBERED_PARAGRAPH_GAP: 10 pt of space (1.0 body) is a paragraph break, 8 pt (0.8) is not
    def paragraphs(gap: float) -> int:
        return len(
            build_blocks(
                [
                    _body("The Acting President: I give the floor.", 100.0),
                    _body("Ms. Sharma: Thank you, Mr. President", 110.0 + gap),
                ],
                10.0,
            )
        )

    assert paragraphs(10.0) == 2
    assert paragraphs(8.0) == 1


def test_a_number_two_points_under_a_wrapped_line_is_wrapped_seven_points_is_a_paragraph() -> None:
    # LINE_SPACING_GAP: "12." under a full line that ended no sentence, 2 pt below it (0.2 body) was
    # wrapped there; 7 pt below it (0.7 body) is paragraph space
    def chosen(gap: float) -> list[int]:
        lines = [
            _body(f"11. {_FULL}", 100.0, right=522.0),
            _body(f"resolution adopted by the {_FULL}", 112.0, right=522.0),
            _body("12. The State reported on it in 2024.", 122.0 + gap),
        ]
        return list(choose_numbers(lines, 10.0).values())

    assert chosen(2.0) == [11]
    assert chosen(7.0) == [11, 12]


def test_a_line_twenty_points_short_of_the_edge_is_full_thirty_is_not() -> None:  # FULL_LINE_REACH
    def chosen(short_by: float) -> list[int]:
        lines = [
            _body(f"11. {_FULL}", 100.0, right=522.0),
            _body(f"resolution adopted by the {_FULL}", 112.0, right=522.0),
            _body(f"in its resolution adopted by the {_FULL}", 124.0, right=522.0 - short_by),
            _body("12. The State reported on it in 2024.", 136.0),
        ]
        return list(choose_numbers(lines, 10.0).values())

    assert chosen(20.0) == [11]
    assert chosen(30.0) == [11, 12]


def test_a_number_six_points_in_is_at_the_edge_twelve_points_is_a_list() -> None:  # NUMBER_AT_EDGE
    def chosen(indent: float) -> list[int]:
        lines = [
            _body(f"1. {_FULL}", 100.0, right=522.0),
            _body("treaties it has ratified.", 112.0),
            _body(f"2. {_FULL}", 130.0, indent=indent, right=522.0),
        ]
        return list(choose_numbers(lines, 10.0).values())

    assert chosen(6.0) == [1, 2]
    assert chosen(12.0) == [1]


def test_an_unlabelled_bold_line_at_the_edge_or_centred_is_a_heading_a_tab_in_is_not() -> None:
    # HEADING_AT_EDGE, HEADING_CENTRED: 1 pt in (a scan's skew) and 45 pt in (centred) are headings;
    # 18 pt in is a bold speaker's name opening a speech
    def heading(indent: float) -> bool:
        return heading_level(_body("Mr. Sharma Thank you", 0.0, indent=indent, bold=True), 10.0) is not None

    assert heading(1.0) and heading(45.0)
    assert not heading(18.0) and not heading(35.0)


def test_a_roman_numbered_line_in_body_type_is_a_heading_when_centred() -> None:  # LABELLED_HEADING_INDENT
    assert heading_level(_body("IV. Conclusions", 0.0, indent=35.0), 10.0) is not None
    assert heading_level(_body("IV. Conclusions", 0.0, indent=25.0), 10.0) is None


def test_a_list_opens_a_tab_past_the_paragraph_not_less_nor_a_centred_heading_further() -> None:
    # LIST_INDENT_MIN, LIST_INDENT_MAX: "1." 12 pt past paragraph 5's edge opens its list; 9 pt past
    # it (short of a tab, and off where paragraph numbers stand) or 45 pt past it does not
    def items(indent: float) -> int:
        blocks = build_blocks(
            [
                _body("5. The State received these recommendations:", 100.0),
                _body("1. To ratify the Convention;", 118.0, indent=indent),
            ],
            10.0,
        )
        first = blocks[0]
        return len(first.items) if isinstance(first, DraftParagraph) else -1

    assert items(12.0) == 1
    assert items(9.0) == 0 and items(45.0) == 0


def test_list_items_two_points_apart_are_one_list_five_points_are_not() -> None:  # SAME_X
    def items(shift: float) -> int:
        blocks = build_blocks(
            [
                _body("5. The State received these recommendations:", 100.0),
                _body("1. To ratify the Convention;", 118.0, indent=20.0),
                _body("2. To adopt a law;", 130.0, indent=20.0 + shift),
            ],
            10.0,
        )
        first = blocks[0]
        return len(first.items) if isinstance(first, DraftParagraph) else -1

    assert items(2.0) == 2
    assert items(5.0) == 1


def test_a_first_line_six_points_in_opens_a_paragraph_three_points_does_not() -> None:  # FIRST_LINE_INDENT
    def paragraphs(indent: float) -> int:
        return len(
            build_blocks(
                [
                    _body("The Acting President: I give the floor.", 100.0),
                    _body("Ms. Sharma: Thank you, Mr. President", 112.0, indent=indent),
                ],
                10.0,
            )
        )

    assert paragraphs(6.0) == 2
    assert paragraphs(3.0) == 1


def test_a_gap_of_four_sizes_before_a_page_number_is_a_contents_tab_three_is_not() -> None:  # TOC_TAB_GAP
    assert _kinds([_body("Annex Observations of the Committee 12", 100.0, max_gap=45.0, bold=True)]) == [
        ("p", None)
    ]
    assert _kinds([_body("Annex Observations of the Committee 12", 100.0, max_gap=35.0, bold=True)]) == [
        ("h", "")
    ]


def test_unlabelled_heading_lines_eight_points_apart_are_one_heading_ten_are_two() -> None:  # HEADING_RUN_GAP
    def headings(gap: float) -> int:
        lines = [
            _body("Annex to the letter from the Permanent", 100.0, bold=True, size=12.0),
            _body("Representative of Denmark", 112.0 + gap, bold=True, size=12.0),
        ]
        return len(_kinds(lines))

    assert headings(8.0) == 1
    assert headings(10.0) == 2


def test_heading_lines_half_a_point_apart_in_size_are_one_type_one_point_is_not() -> None:  # SAME_SIZE
    def rules(size: float) -> int:
        lines = [
            _body("C. A path forward: establishing one comprehensive", 100.0, bold=True, size=12.0),
            _body("policy on sexual misconduct", 114.0, bold=True, size=size),
            _body("1. Many policies have gaps.", 140.0),
        ]
        return sum(1 for b in build_blocks(lines, 10.0) if isinstance(b, DraftHeading) and "policy" in b.text)

    assert rules(11.5) == 1
    assert rules(11.0) == 0


def test_figures_in_eight_and_a_half_point_are_a_charts_labels_in_nine_and_a_half_are_not() -> None:
    # FIGURE_TYPE_SHARE: tick labels 20 pt apart stay one paragraph in a chart's small type; in type
    # nearly the body's, figures set apart are paragraphs of their own (a table's lines)
    def paragraphs(size: float) -> int:
        return len(build_blocks([_body("60", 100.0, size=size), _body("50", 120.0, size=size)], 10.0))

    assert paragraphs(8.5) == 1
    assert paragraphs(9.5) == 2
