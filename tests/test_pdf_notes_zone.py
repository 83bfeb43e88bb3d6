"""The footnote zone and the notes in it, on PDFs generated in UN layout (tests/unlayout.py).

Where the zone starts decides what is a note and what is body text: a chart's axis or gridline is
not the footnote rule, and the page's paragraphs under a chart stay in the body. Inside the zone, a
note's wrapped line that happens to open with the next note's number ("23 February 2025.") stays
in its note.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from sitegen.model import Report as ModelReport
from sitegen.readers import read_report
from sitegen.readers.pdf.footnotes import find_zone_top
from sitegen.readers.pdf.join import NoteCollector
from sitegen.readers.pdf.lines import Line
from tests.unlayout import Figure, Heading, PageBreak, Para, Report, Style, render_pdf, write_pdf

TITLE = "Promotion and protection of human rights in the context of climate change and migration"
FILLER = (
    "States should ensure that the measures they adopt are consistent with their obligations under "
    "international human rights law, and that affected communities are consulted in good time."
)


def read(tmp_path: Path, rep: Report) -> ModelReport:
    return read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))


def notes_of(model: ModelReport) -> list[tuple[str, str]]:
    return [(f.number, f.text) for f in model.footnotes]


def page_lines_of(rep: Report, page: int) -> list[str]:
    with pdfplumber.open(io.BytesIO(render_pdf(rep))) as pdf:
        return (pdf.pages[page - 1].extract_text() or "").splitlines()


# ---------------------------------------------------------------------------------------------------
# a note's wrapped line opening with the next number
# ---------------------------------------------------------------------------------------------------

WRAPPED_DATE_NOTES = {
    "1": "Amnesty International, \u201cMilitary operation fuels mass displacement\u201d, 5 June 2025; and "
    "Bar Peleg, \u201cRefugee camps evacuated\u201d, Haaretz,{/} 2 February 2025.",
    "2": "United Nations, Office for the Coordination of Humanitarian Affairs, situation update No. 240.",
}


def test_a_wrapped_note_line_opening_with_the_next_number_stays_in_its_note(tmp_path: Path) -> None:
    rep = Report(title=TITLE, blocks=(Para("1", f"{FILLER}[^1] {FILLER}[^2]"),), footnotes=WRAPPED_DATE_NOTES)
    assert "2 February 2025." in page_lines_of(rep, 1)  # the PDF really wraps the date to a line start
    model = read(tmp_path, rep)
    assert notes_of(model) == [
        (
            "1",
            (
                "Amnesty International, \u201cMilitary operation fuels mass displacement\u201d, 5 June 2025; and "
                "Bar Peleg, \u201cRefugee camps evacuated\u201d, Haaretz, 2 February 2025."
            ),
        ),
        (
            "2",
            "United Nations, Office for the Coordination of Humanitarian Affairs, situation update No. 240.",
        ),
    ]
    assert [(p.number, p.text) for p in model.paragraphs] == [("1", f"{FILLER}[^1] {FILLER}[^2]")]


def _note_line(text: str, top: float, x0: float, page: int = 1) -> Line:
    return Line(text, x0, x0 + 4.0 * len(text), top, top + 8.5, 8.5, False, page)


def test_a_plain_number_where_the_notes_open_theirs_still_opens_a_note() -> None:
    """A number at the zone's note start is a note whose marker was not raised; at the text indent
    it is a wrapped line. (The indent rule needs raised markers on the page to know where notes open.)"""
    notes = NoteCollector()
    notes.feed_zone(
        [
            _note_line("[^1] Peleg, Haaretz,", 600.0, 114.3),
            _note_line("2 February 2025.", 610.5, 123.4),
            _note_line("2 Plain note at the number's place.", 621.0, 114.3),
        ]
    )
    notes.feed_zone([_note_line("3 Page without raised markers.", 600.0, 123.4, page=2)])
    assert [(f.number, f.text) for f in notes.footnotes()] == [
        ("1", "Peleg, Haaretz, 2 February 2025."),
        ("2", "Plain note at the number's place."),
        ("3", "Page without raised markers."),
    ]


# ---------------------------------------------------------------------------------------------------
# a chart's axis above the page's text is no footnote rule
# ---------------------------------------------------------------------------------------------------

YEARS = ("2020", "2021", "2022", "2023", "2024")


def chart_report() -> Report:
    return Report(
        title=TITLE,
        blocks=(
            Para("1", FILLER),
            PageBreak(),
            Para("2", f"{FILLER} {FILLER} {FILLER}"),
            Figure(
                "Figure I Procurement by year",
                "",
                ticks=YEARS,
                under=("Goods Services", "Source: United Nations procurement data."),
            ),
            Para("3", "Procurement grew in every region.[^1]"),
            Para("4", "Collaborative procurement grew too.[^2]"),
            PageBreak(),
            Para("5", FILLER),
        ),
        footnotes={"1": "See the annual statistical report, 2024.", "2": "Ibid."},
    )


def test_paragraphs_under_a_charts_axis_stay_in_the_body_before_the_notes(tmp_path: Path) -> None:
    rep = chart_report()
    with pdfplumber.open(io.BytesIO(render_pdf(rep))) as pdf:  # the axis is a short rule above paragraph 3
        page = pdf.pages[1]
        axis = [ln for ln in page.lines if 200.0 < ln["top"] < 600.0 and ln["x1"] - ln["x0"] < 340.0]
        para_3 = [w for w in page.extract_words() if w["text"] == "3."]
        assert len(axis) == 1 and para_3 and axis[0]["top"] < para_3[0]["top"]
    model = read(tmp_path, rep)
    assert [(type(b).__name__, getattr(b, "number", None), b.text) for b in model.blocks] == [
        ("Paragraph", "1", FILLER),
        ("Paragraph", "2", f"{FILLER} {FILLER} {FILLER}"),
        ("Paragraph", None, " ".join(YEARS)),  # the chart's own text, where it stands
        ("Heading", None, "Figure I Procurement by year"),
        ("Paragraph", None, "Goods Services Source: United Nations procurement data."),
        ("Paragraph", "3", "Procurement grew in every region.[^1]"),
        ("Paragraph", "4", "Collaborative procurement grew too.[^2]"),
        ("Paragraph", "5", FILLER),
    ]
    assert notes_of(model) == [("1", "See the annual statistical report, 2024."), ("2", "Ibid.")]


def _ln(text: str, top: float, size: float) -> Line:
    return Line(text, 123.0, 123.0 + 0.5 * size * len(text), top, top + size, size, False, 10)


def test_a_charts_gridline_with_the_next_section_under_it_opens_no_zone() -> None:
    """DP/OPS/2025/12, page 10: gridlines, many small labels, then a heading and paragraphs."""
    labels = [_ln(f"{10 * k} per cent", 220.0 + 12 * k, 8.0) for k in range(10)]
    text = [
        _ln("V. Major countries of supply", 400.0, 14.0),
        _ln("25. In 2024, the United Nations sourced", 425.0, 10.0),
        _ln("goods and services from 222 countries.", 437.0, 10.0),
    ]
    assert find_zone_top(labels + text, [216.8, 266.1], 10.0) is None
    assert (
        find_zone_top(labels + [_ln("[^3] See the statistical annex.", 400.0, 8.5)], [216.8], 10.0) == 216.8
    )


# ---------------------------------------------------------------------------------------------------
# a rule under a heading's letters is its underline
# ---------------------------------------------------------------------------------------------------


LONG = " ".join([FILLER] * 6)


def underlined_report() -> Report:
    return Report(
        title=TITLE,
        blocks=(
            Para("1", f"{FILLER}[^1]"),
            PageBreak(),
            Para("2", LONG),
            Heading("", "Ratification", level=3),
            Para(None, f"12 States have ratified the Convention since 2020. {FILLER}"),
        ),
        footnotes={"1": "See the annual report, 2024."},
        style=Style(underlined_headings=True),
    )


def test_a_headings_underline_is_no_footnote_rule(tmp_path: Path) -> None:
    rep = underlined_report()
    with pdfplumber.open(io.BytesIO(render_pdf(rep))) as pdf:  # the underline is a short rule in the heading
        page = pdf.pages[1]
        heading = next(w for w in page.extract_words() if w["text"] == "Ratification")
        rules = [ln for ln in page.lines if heading["top"] < ln["top"] < heading["bottom"]]
        assert len(rules) == 1 and rules[0]["top"] > 200.0
    model = read(tmp_path, rep)
    assert [(type(b).__name__, getattr(b, "number", None), b.text) for b in model.blocks] == [
        ("Paragraph", "1", f"{FILLER}[^1]"),
        ("Paragraph", "2", LONG),
        ("Heading", None, "Ratification"),
        ("Paragraph", None, f"12 States have ratified the Convention since 2020. {FILLER}"),
    ]
    assert notes_of(model) == [("1", "See the annual report, 2024.")]
