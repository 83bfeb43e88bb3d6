"""The line step on what unseen documents showed: turned text, note numbers raised but not smaller,
and a page's left edge that a lone outlier must not move.

Synthetic characters where the rule is about geometry; fixture PDFs (tests/unlayout.py) where the
whole reader must give the exact model.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from sitegen.readers import read_report
from sitegen.readers.pdf.chars import Char, to_chars
from sitegen.readers.pdf.lines import Line, left_edge, page_lines, with_indents
from tests.unlayout import Figure, Para, Report, Style, Table, render_pdf, write_pdf

TITLE = "Promotion and protection of human rights in the context of climate change and migration"
FILLER = (
    "States should ensure that the measures they adopt are consistent with their obligations under "
    "international human rights law, and that affected communities are consulted in good time."
)


def long_text(sentences: int) -> str:
    return " ".join(f"Measure {n} is reviewed every year. {FILLER}" for n in range(1, sentences + 1))


def raw_turned(text: str, x: float, top: float, size: float, turn: int) -> list[dict[str, object]]:
    """pdfplumber's dicts for `text` turned 90 degrees: reading down (turn 270) or up (turn 90)."""
    out: list[dict[str, object]] = []
    advance = 0.5 * size
    for k, ch in enumerate(text):
        along = k * advance if turn == 270 else -(k + 1) * advance
        out.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + size,
                "top": top + along,
                "bottom": top + along + advance,
                "size": advance,
                "fontname": "Times-Bold",
                "upright": True,
                "matrix": (0.0, -1.0, 1.0, 0.0, 0.0, 0.0) if turn == 270 else (0.0, 1.0, -1.0, 0.0, 0.0, 0.0),
            }
        )
    return out


def raw_upright(text: str, x: float, top: float, size: float = 10.0) -> list[dict[str, object]]:
    return [
        {
            "text": ch,
            "x0": x + 5.0 * k,
            "x1": x + 5.0 * k + 5.0,
            "top": top,
            "bottom": top + size,
            "size": size,
            "fontname": "Times",
            "upright": True,
            "matrix": (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
        }
        for k, ch in enumerate(text)
    ]


# ---------------------------------------------------------------------------------------------------
# turned text
# ---------------------------------------------------------------------------------------------------


def test_a_turned_glyph_gets_its_true_size_and_turn() -> None:
    chars = to_chars(raw_turned("A/79/873", 700.0, 100.0, 8.5, 270))
    assert {c.turn for c in chars} == {270}
    assert {c.size for c in chars} == {8.5}  # pdfplumber says 4.25: a footnote marker's size


def test_an_italic_shear_is_no_turn() -> None:
    raw = raw_upright("word", 72.0, 100.0)
    for c in raw:
        c["matrix"] = (1.0, 0.0, 0.33, 1.0, 0.0, 0.0)
    assert {c.turn for c in to_chars(raw)} == {0}


def test_a_vertical_axis_label_is_one_line_in_its_own_direction() -> None:
    body = raw_upright("Body text of the page that runs across it.", 72.0, 100.0)
    label = raw_turned("Number of States", 140.0, 400.0, 8.0, 90)
    lines = page_lines(to_chars(body + label), 612.0, 1)
    assert [ln.text for ln in lines] == ["Body text of the page that runs across it.", "Number of States"]
    turned = lines[1]
    assert (turned.size, round(turned.x0), round(turned.x1)) == (8.0, 140, 148)
    assert turned.top < turned.bottom and turned.bottom - turned.top > 50  # a tall, narrow box on the page


def test_running_heads_turned_along_the_page_edge_are_set_aside() -> None:
    body = raw_upright("Body text of a landscape page.", 72.0, 100.0)
    head = raw_turned("A/79/873 S/2025/240", 750.0, 60.0, 8.5, 270)
    counter = raw_turned("25-06281 3/9", 30.0, 400.0, 8.5, 90)
    assert [ln.text for ln in page_lines(to_chars(body + head + counter), 792.0, 1)] == [
        "Body text of a landscape page."
    ]


def test_turned_running_heads_and_a_chart_label_in_a_report(tmp_path: Path) -> None:
    rep = Report(
        title=TITLE,
        blocks=(
            Para("1", long_text(12)),
            Figure("Figure I Members by region", "Number of States"),
            Para("2", long_text(3)),
        ),
        style=Style(turned_running_heads=True),
    )
    with pdfplumber.open(io.BytesIO(render_pdf(rep))) as pdf:  # the fixture really turns them
        assert len([c for p in pdf.pages for c in p.chars if abs(c["matrix"][1]) > 0.5]) > 30
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    texts = [b.text for b in model.blocks]
    assert any("Number of States" in t for t in texts)  # read along its own direction, one phrase
    assert not any("A/80/188" in t or "24-13410" in t for t in texts)  # no running head, no soup
    assert [p.number for p in model.paragraphs if p.number] == ["1", "2"]


# ---------------------------------------------------------------------------------------------------
# note numbers raised but not smaller
# ---------------------------------------------------------------------------------------------------


def _chars(text: str, x: float, top: float, size: float) -> list[Char]:
    return [
        Char(ch, x + 0.5 * size * k, x + 0.5 * size * (k + 1), top, top + size, size, False)
        for k, ch in enumerate(text)
    ]


def test_a_note_number_as_big_as_its_note_and_raised_opens_the_note() -> None:
    number = _chars("8", 114.0, 700.0 - 4.5, 8.0)
    note = _chars("Adopted under the Convention.", 123.0, 700.0, 8.0)
    assert [ln.text for ln in page_lines(note + number, 612.0, 1)] == ["[^8] Adopted under the Convention."]


def test_a_raised_number_as_big_as_its_text_inside_a_line_is_a_marker() -> None:
    before = _chars("the Convention.", 123.0, 700.0, 8.0)
    number = _chars("12", before[-1].x1, 700.0 - 4.5, 8.0)
    after = _chars(" More", number[-1].x1, 700.0, 8.0)
    assert [ln.text for ln in page_lines(before + number + after, 612.0, 1)] == ["the Convention.[^12] More"]


def test_a_number_a_whole_line_lower_is_no_marker() -> None:
    row = _chars("Total expenditure", 123.0, 700.0, 8.0)
    cell = _chars("12", 300.0, 700.0 + 9.0, 8.0)
    assert [ln.text for ln in page_lines(row + cell, 612.0, 1)] == ["Total expenditure", "12"]


def test_notes_with_raised_numbers_as_big_as_the_notes(tmp_path: Path) -> None:
    rep = Report(
        title=TITLE,
        blocks=(Para("1", "The Committee met twice.[^1] It adopted its report.[^2]"),),
        footnotes={"1": "See A/79/213, para. 26.", "2": "Adopted without a vote."},
        style=Style(raised_note_numbers=True),
    )
    with pdfplumber.open(io.BytesIO(render_pdf(rep))) as pdf:
        numbers = [c for c in pdf.pages[0].chars if c["text"] in "12" and 600 < c["top"] < 740]
        assert {round(c["size"], 1) for c in numbers} == {8.5}  # as big as the note text
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    assert [p.text for p in model.paragraphs] == ["The Committee met twice.[^1] It adopted its report.[^2]"]
    assert [(f.number, f.text) for f in model.footnotes] == [
        ("1", "See A/79/213, para. 26."),
        ("2", "Adopted without a vote."),
    ]


# ---------------------------------------------------------------------------------------------------
# the left edge
# ---------------------------------------------------------------------------------------------------


def _line(text: str, x0: float, top: float, size: float = 10.0) -> Line:
    return Line(text, x0, x0 + 300.0, top, top + size, size, False, 1)


def test_a_hanging_chapter_numeral_does_not_move_the_left_edge() -> None:
    lines = [_line("IV. Conclusions and recommendations", 98.8, 100.0, 14.0)] + [
        _line(f"Body line {k} of the chapter text that runs on.", 123.0, 120.0 + 12 * k) for k in range(10)
    ]
    assert left_edge(lines) == 123
    assert [round(ln.indent, 1) for ln in with_indents(lines)][:2] == [-24.2, 0.0]


def test_a_note_number_set_before_its_text_does_not_move_the_left_edge() -> None:
    lines = [
        _line(f"Body line {k} of the chapter text that runs on.", 123.0, 100.0 + 12 * k) for k in range(6)
    ]
    lines.append(_line("[^3] See the report of the Secretary-General.", 113.0, 700.0, 8.5))
    assert left_edge(lines) == 123


def test_numbers_hanging_in_the_margin_of_many_paragraphs_are_the_edge() -> None:
    lines = []
    for k in range(4):
        lines.append(_line(f"{k + 1}. First line of paragraph {k} with its text.", 95.0, 100.0 + 40 * k))
        lines += [
            _line("Continuation line of that paragraph's text.", 123.0, 112.0 + 40 * k + 12 * j)
            for j in range(2)
        ]
    assert left_edge(lines) == 95


# ---------------------------------------------------------------------------------------------------
# rules that are not the footnote rule (footnotes.rule_candidates)
# ---------------------------------------------------------------------------------------------------


def test_a_small_type_table_with_borders_per_cell_near_the_foot_keeps_its_rows(tmp_path: Path) -> None:
    rows = (
        ("No.", "Title", "Status"),
        ("1", "Evaluation of the Spotlight Initiative", "Completed"),
        ("2", "Value-for-money assessment", "Completed"),
        ("3", "Disability inclusion", "Ongoing"),
    )
    rep = Report(
        title=TITLE,
        blocks=(
            Para("1", long_text(9)),
            Table(rows, size=8.5, cell_rules=True),
            Para("2", "The Office reports on each evaluation."),
        ),
    )
    with pdfplumber.open(
        io.BytesIO(render_pdf(rep))
    ) as pdf:  # the borders really are per cell, low on page 1
        segments = [o for o in pdf.pages[0].lines if o["top"] > 0.5 * 792]
        assert len(segments) >= 9 and max(o["x1"] - o["x0"] for o in segments) < 0.3 * 612
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    assert model.footnotes == ()
    text = " ".join(b.text for b in model.blocks)
    assert "Evaluation of the Spotlight Initiative" in text and "Disability inclusion" in text
    assert [p.number for p in model.paragraphs if p.number] == ["1", "2"]
