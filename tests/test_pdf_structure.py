"""The structure step's line-by-line rules (sitegen/readers/pdf/structure.py `RULES`), one at a time.

Each test feeds a few synthetic body lines (10 pt body, 12 pt line spacing, paragraphs 6 pt apart as
UN layout sets them) and checks both the blocks and the name of the rule that took each line, so a
rule that stops firing, or fires before the rule that should, shows here by name.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.draft import DraftBlock, DraftHeading, DraftParagraph
from sitegen.model import Heading
from sitegen.readers import read_report
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.structure import RULES, build_blocks, builder_for, heading_level
from tests.unlayout import Heading as HeadingBlock
from tests.unlayout import Para, Report, Table, write_pdf

BODY = 10.0
EDGE = 72.0


def line(
    text: str,
    top: float,
    *,
    page: int = 1,
    size: float = BODY,
    bold: bool = False,
    indent: float = 0.0,
    width: float | None = None,
    max_gap: float = 0.0,
) -> Line:
    """A line at `indent` from the column's edge; about 5 pt a character unless `width` is given."""
    x0 = EDGE + indent
    return Line(
        text,
        x0,
        x0 + (width if width is not None else 5 * len(text)),
        top,
        top + size,
        size,
        bold,
        page,
        0,
        indent,
        max_gap,
    )


def summary(blocks: list[DraftBlock]) -> list[tuple[str, str | None, str]]:
    """(kind, label or number, text) of each block."""
    return [
        ("h", b.label, b.text) if isinstance(b, DraftHeading) else ("p", b.number, b.text)
        for b in blocks
        if isinstance(b, (DraftHeading, DraftParagraph))
    ]


def rules_taking(lines: list[Line]) -> list[str]:
    return builder_for(lines, BODY).handled_by


def test_rules_are_asked_in_this_order() -> None:
    assert [name for name, _ in RULES] == [
        "contents_entry",
        "numbered_item",
        "numbered_paragraph",
        "decimal_paragraph",
        "figures_only",
        "heading",
        "sub_paragraph",
        "heading_continuation",
        "text",
    ]


def test_contents_entry_never_becomes_a_heading_or_a_numbered_paragraph() -> None:
    lines = [
        line("I. Introduction . . . . . . . . . . . . . . 1–10 3", 100.0, bold=True),
        line("1. Mandate of the Special Rapporteur . . . . . . 4", 112.0),
        line("1. The Committee met.", 140.0),
    ]
    assert rules_taking(lines) == ["contents_entry", "contents_entry", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY)) == [
        ("p", None, "I. Introduction . . . . . . . . . . . . . . 1–10 3"),
        ("p", None, "1. Mandate of the Special Rapporteur . . . . . . 4"),
        ("p", "1", "The Committee met."),
    ]


def test_contents_entry_wrapped_over_two_lines_is_one_entry() -> None:
    lines = [
        line("Contents", 80.0, bold=True),
        line("II. Unleashing the potential of small businesses and", 100.0, bold=True),
        line("the informal economy . . . . . . . . . . . . . . . . . . . . 12", 112.0),
        line("III. Conclusions . . . . . . . . . . . . . . . . . . . . . . . 19", 124.0),
    ]
    assert rules_taking(lines) == ["heading", "contents_entry", "contents_entry", "contents_entry"]
    assert summary(build_blocks(lines, BODY)) == [
        ("h", "", "Contents"),
        (
            "p",
            None,
            (
                "II. Unleashing the potential of small businesses and the informal economy . . . . . . . "
                ". . . . . . . . . . . . . 12"
            ),
        ),
        ("p", None, "III. Conclusions . . . . . . . . . . . . . . . . . . . . . . . 19"),
    ]


def test_contents_entry_with_a_tab_before_its_page_number() -> None:
    lines = [line("Annex   Observations of the Committee           12", 100.0, max_gap=80.0)]
    assert rules_taking(lines) == ["contents_entry"]


def test_numbered_item_is_a_list_inside_a_paragraph() -> None:
    lines = [
        line("5. The State received these recommendations:", 100.0),
        line("1. To ratify the Convention;", 118.0, indent=20.0),
        line("2. To adopt a law.", 130.0, indent=20.0),
        line("6. The State accepted them.", 148.0),
    ]
    assert rules_taking(lines) == [
        "numbered_paragraph",
        "numbered_item",
        "numbered_item",
        "numbered_paragraph",
    ]
    blocks = build_blocks(lines, BODY)
    assert [b.number for b in blocks if isinstance(b, DraftParagraph)] == ["5", "6"]
    first = blocks[0]
    assert isinstance(first, DraftParagraph)
    assert [(i.label, i.text) for i in first.items] == [
        ("1.", "To ratify the Convention;"),
        ("2.", "To adopt a law."),
    ]


def test_numbered_item_needs_the_lead_in_sentence_ended() -> None:
    # "1." under a paragraph whose line above has not ended is a number wrapped there, no list
    lines = [
        line("5. The Council adopted its resolution 79/", 100.0),
        line("1. The State reported on it.", 112.0, indent=20.0),
    ]
    assert rules_taking(lines) == ["numbered_paragraph", "text"]


def test_numbered_paragraph_takes_the_lines_the_numbering_chose() -> None:
    lines = [
        line("1. The report covers the period.", 100.0),
        line("2. The Council adopted its resolution 60/", 118.0),
        line("1. The State reported on it in 2024.", 130.0),
        line("3. The Committee thanked the State.", 148.0),
    ]
    assert rules_taking(lines) == ["numbered_paragraph", "numbered_paragraph", "text", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY)) == [
        ("p", "1", "The report covers the period."),
        ("p", "2", "The Council adopted its resolution 60/ 1. The State reported on it in 2024."),
        ("p", "3", "The Committee thanked the State."),
    ]


def test_decimal_paragraph_continues_its_paragraphs_run() -> None:
    lines = [
        line("115. The following recommendations enjoy support:", 100.0),
        line("115.1 Ratify the Convention;", 118.0),
        line("115.2 Adopt a law;", 136.0),
        line("116. Closing paragraph.", 154.0),
    ]
    assert rules_taking(lines) == [
        "numbered_paragraph",
        "decimal_paragraph",
        "decimal_paragraph",
        "numbered_paragraph",
    ]
    assert [n for _, n, _ in summary(build_blocks(lines, BODY))] == ["115", "115.1", "115.2", "116"]


def test_decimal_that_is_no_sub_number_of_the_paragraph_above_is_text() -> None:
    lines = [line("3. The budget grew from", 100.0), line("2.5 to 3 million dollars.", 112.0)]
    assert rules_taking(lines) == ["numbered_paragraph", "text"]


def test_heading_by_label_and_type() -> None:
    lines = [
        line("II. Human rights and renewable energy", 100.0, bold=True, size=12.0),
        line("A. Scope of obligations", 130.0, bold=True),
        line("1. States have obligations.", 150.0),
    ]
    assert rules_taking(lines) == ["heading", "heading", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY)) == [
        ("h", "II.", "Human rights and renewable energy"),
        ("h", "A.", "Scope of obligations"),
        ("p", "1", "States have obligations."),
    ]


def test_bold_run_inside_a_sentence_is_no_heading() -> None:
    lines = [
        line("1. Solicitation of paid sex is named in the bulletin and in the", 100.0),
        line("core principles. However, this is not stated clearly in several policies. The", 112.0),
        line("Inspectors suggest that policies state it", 124.0, bold=True),
    ]
    assert rules_taking(lines) == ["numbered_paragraph", "text", "text"]


def test_sub_paragraph_is_an_item_of_its_numbered_paragraph() -> None:
    lines = [
        line("2. The Committee recommends:", 100.0),
        line("(a) Consultation;", 112.0, indent=20.0),
        line("(b) Remedies.", 124.0, indent=20.0),
    ]
    assert rules_taking(lines) == ["numbered_paragraph", "sub_paragraph", "sub_paragraph"]
    para = build_blocks(lines, BODY)[0]
    assert isinstance(para, DraftParagraph)
    assert [(i.label, i.text) for i in para.items] == [("(a)", "Consultation;"), ("(b)", "Remedies.")]


def test_heading_continuation_is_a_labelled_headings_second_line() -> None:
    lines = [
        line("C. A path forward: establishing one comprehensive", 100.0, bold=True),
        line("policy on sexual misconduct", 112.0, bold=True),
        line("1. Many policies have gaps.", 136.0),
    ]
    assert rules_taking(lines) == ["heading", "heading_continuation", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY))[0] == (
        "h",
        "C.",
        "A path forward: establishing one comprehensive policy on sexual misconduct",
    )


def test_text_continues_a_paragraph_or_opens_one_after_paragraph_space() -> None:
    lines = [
        line("The Acting President: I give the floor", 100.0),
        line("to the Secretariat.", 112.0),
        line("Ms. Sharma: Thank you.", 136.0),
    ]
    assert rules_taking(lines) == ["text", "text", "text"]
    assert summary(build_blocks(lines, BODY)) == [
        ("p", None, "The Acting President: I give the floor to the Secretariat."),
        ("p", None, "Ms. Sharma: Thank you."),
    ]


def test_text_opens_a_paragraph_at_a_first_line_indent() -> None:
    lines = [
        line("The Acting President: I give the floor", 100.0),
        line("to the Secretariat.", 112.0),
        line("Ms. Sharma: Thank you.", 124.0, indent=18.0),
    ]
    assert len(build_blocks(lines, BODY)) == 2


def test_heading_level_of_labels() -> None:
    assert heading_level(line("IV. Conclusions", 0.0, bold=True), BODY) == (1, "IV.", "Conclusions")
    assert heading_level(line("B. Remedies", 0.0, bold=True), BODY) == (2, "B.", "Remedies")
    assert heading_level(line("3. Prior assessments", 0.0, bold=True), BODY) == (3, "3.", "Prior assessments")
    assert heading_level(line("Annex", 0.0, bold=True), BODY) == (1, "", "Annex")
    assert heading_level(line("The Committee met.", 0.0), BODY) is None


def test_heading_whose_words_run_on_in_lower_case_in_its_own_type_is_one_heading() -> None:
    # an unlabelled two-line title: the second line opens in lower case, same type, at line spacing
    lines = [
        line("Report of the Committee on the Protection", 100.0, bold=True, size=14.0),
        line("of the Rights of All Migrant Workers", 116.0, bold=True, size=14.0),
        line("1. The Committee met.", 150.0),
    ]
    assert rules_taking(lines) == ["heading", "heading_continuation", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY))[0] == (
        "h",
        "",
        "Report of the Committee on the Protection of the Rights of All Migrant Workers",
    )


def test_bold_line_whose_plain_words_run_on_in_lower_case_is_no_heading() -> None:
    # a table's row label or a figure's caption: bold "Project management" over plain "team ..."
    lines = [
        line("Project management", 100.0, bold=True),
        line("team Project Director (D-2) Encumbered", 112.0),
        line("1. The team met.", 140.0),
    ]
    assert rules_taking(lines) == ["text", "text", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY))[0] == (
        "p",
        None,
        "Project management team Project Director (D-2) Encumbered",
    )


def test_bold_paragraph_justified_to_the_right_edge_is_no_heading() -> None:
    # a recommendation printed bold opens after a finished paragraph: its first line fills the column
    long = "Iterative and continuous learning about drivers and their interconnectedness is"
    lines = [
        line(f"1. {long} needed, and the {long} plain.", 88.0, width=450.0),
        line(long, 106.0, bold=True, width=450.0),
        line("essential, particularly as these drivers may change quickly.", 118.0, bold=True),
    ]
    assert rules_taking(lines) == ["numbered_paragraph", "text", "text"]
    assert [k for k, _, _ in summary(build_blocks(lines, BODY))] == ["p"]


def test_a_table_cell_beside_another_is_no_heading() -> None:
    # "OP-ICESCR" (capitals, as a heading) shares its band with the row's other cells, read as one
    # line a few points above it: a table, whose lower-case cell beside it continues nothing
    lines = [
        line("procedures, (signature, 2012) (signature, 2009)", 510.5, indent=0.0),
        line("OP-ICESCR", 516.5, indent=76.0),
        line("inquiries and", 521.6, indent=0.0),
    ]
    assert rules_taking(lines) == ["text", "text", "text"]


def test_a_charts_tick_labels_stay_one_paragraph() -> None:
    # "60", "50", "40" down a chart's axis in 8 pt, 20 pt apart: the figure's text, not a paragraph each
    lines = [
        line("The figure shows how far social protection reaches in each region.", 80.0, width=450.0),
        line("Proportion of population with at least one social protection", 100.0, bold=True),
        line("60", 130.0, size=8.0),
        line("50", 150.0, size=8.0),
        line("40", 170.0, size=8.0),
        line("Percentage", 190.0, size=8.0),
    ]
    assert summary(build_blocks(lines, BODY))[1:] == [
        ("h", "", "Proportion of population with at least one social protection"),
        ("p", None, "60 50 40"),
        ("p", None, "Percentage"),
    ]


def test_a_heading_line_ending_on_a_joining_word_goes_on_below_whatever_its_case() -> None:
    # "4.0 Session 4: ... Information and" / "Applications for ..." set with a hanging indent
    lines = [
        line("3.2 The session ended with a summary of the deliberations of the experts.", 76.0, width=450.0),
        line("4.0 Session 4: Strategies for More Efficient Use of Climate Information and", 100.0, bold=True),
        line("Applications for Reducing Land Degradation", 112.0, bold=True, indent=18.0),
        line("4.1 Dr. Blujdea was the chair of this session.", 136.0, width=450.0),
    ]
    assert rules_taking(lines)[1:3] == ["heading", "heading_continuation"]
    assert summary(build_blocks(lines, BODY))[1][2].endswith(
        "Information and Applications for Reducing Land Degradation"
    )


def test_a_title_spanning_the_page_goes_on_in_its_column() -> None:
    # a title block joined over the page's columns (col -1) goes on into the line under it (col 0)
    title = Line(
        "United Nations Mission in the Central African Republic: military and police",
        123.0,
        487.0,
        94.5,
        123.3,
        13.9,
        True,
        1,
        -1,
        0.0,
    )
    rest = Line("strength as at 1 June 2025", 123.0, 280.0, 124.5, 138.4, 13.9, True, 1, 0, 0.0)
    assert rules_taking([title, rest]) == ["heading", "heading_continuation"]


def test_figures_only_are_never_a_heading() -> None:
    # a table's total set bold on a line of its own ("6 700") goes on with the text, as an amount
    lines = [
        line("Reduction of the strategic fuel reserve 700 Medium: the requirements were cut.", 100.0),
        line("6 700", 120.0, bold=True, size=8.5, indent=150.0),
        line("subsistence allowances will be provided to patients.", 132.0),
    ]
    assert rules_taking(lines) == ["text", "figures_only", "text"]
    assert summary(build_blocks(lines, BODY)) == [
        ("p", None, "Reduction of the strategic fuel reserve 700 Medium: the requirements were cut."),
        ("p", None, "6 700 subsistence allowances will be provided to patients."),
    ]
    # a heading may end on a year: the figures finish the heading above them
    lines = [
        line("Proposed programme budget for", 100.0, bold=True),
        line("2026", 112.0, bold=True),
        line("1. The budget is proposed.", 136.0),
    ]
    assert rules_taking(lines) == ["heading", "figures_only", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY))[0] == ("h", "", "Proposed programme budget for 2026")


def test_a_decimal_figure_alone_is_no_decimal_paragraph() -> None:
    # "39.9" after paragraph 39 is a table's figure, not paragraph 39.9 with no words
    lines = [
        line("39. The budget of the Office was reduced.", 100.0),
        line("Travel on emplacement, rotation and repatriation", 130.0, max_gap=80.0),
        line("39.9", 142.0, bold=True, indent=150.0),
    ]
    assert rules_taking(lines)[2] == "figures_only"
    assert summary(build_blocks(lines, BODY)) == [
        (
            "p",
            "39",
            "The budget of the Office was reduced. Travel on emplacement, rotation and repatriation 39.9",
        )
    ]


def test_a_table_numbering_its_rows_is_a_run_and_no_contents_list() -> None:
    # "12. Bahamas (The)   0.015": a tab before a figure with a decimal point, no page number; the
    # annex's table numbers its 193 rows, which run after the annex heading (a row wrapped over two
    # lines goes on as a contents entry would), while a contents entry's page number stays one
    rows = [
        ("1. Afghanistan", "0.005"),
        ("2. Albania", "0.010"),
        ("3. Algeria", "0.087"),
        ("4. United Kingdom of Great Britain and", ""),
        ("Northern Ireland", "3.991"),
        ("5. Zambia", "0.009"),
    ]
    lines = [
        line("1. Mandate of the Committee . . . . . . . . . . 4", 80.0),
        line("1. The Committee met in June.", 100.0),
        line("2. It adopted its report.", 112.0),
        line("Annex", 130.0, bold=True),
    ]
    top = 150.0
    for name, rate in rows:
        lines.append(
            line(
                f"{name} {rate}".strip(),
                top,
                size=8.5,
                max_gap=80.0 if rate else 0.0,
                indent=0.0 if name[0].isdigit() else 14.0,
            )
        )
        top += 12.0 if rate or not name[0].isdigit() else 10.0
    assert rules_taking(lines)[:3] == ["contents_entry", "numbered_paragraph", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY))[3:] == [
        ("h", "", "Annex"),
        ("p", "1", "Afghanistan 0.005"),
        ("p", "2", "Albania 0.010"),
        ("p", "3", "Algeria 0.087"),
        ("p", "4", "United Kingdom of Great Britain and Northern Ireland 3.991"),
        ("p", "5", "Zambia 0.009"),
    ]


# ---- the same rules on fixture PDFs (tests/unlayout.py) -------------------------------------------


def model_blocks(tmp_path: Path, rep: Report, name: str) -> list[tuple[str, str | None, str]]:
    model = read_report(write_pdf(rep, tmp_path / name))
    return [
        ("h", b.label, b.text) if isinstance(b, Heading) else ("p", b.number, b.text) for b in model.blocks
    ]


def test_a_tables_bold_total_is_no_heading_in_a_pdf(tmp_path: Path) -> None:
    # A/79/907: a table's total ("6 700", bold, alone on its line) above the cell that goes on in
    # lower case was a heading cut in two
    rep = Report(
        title="Budget of the support office",
        blocks=(
            Para("1", "The proposed reductions are set out in the table below."),
            Table(
                (
                    ("6 700",),
                    ("subsistence allowances will be provided to patients",),
                    ("treated in Nairobi",),
                ),
                header=True,
            ),
            Para("2", "The Office will monitor the effect of the reductions."),
        ),
    )
    assert model_blocks(tmp_path, rep, "A_79_907.pdf") == [
        (
            "p",
            "1",
            (
                "The proposed reductions are set out in the table below. 6 700 subsistence allowances will "
                "be provided to patients treated in Nairobi"
            ),
        ),
        ("p", "2", "The Office will monitor the effect of the reductions."),
    ]


def test_an_annex_table_numbering_its_rows_in_a_pdf(tmp_path: Path) -> None:
    # A/80/11, annexes IV and V: 193 Member States, one numbered row each, figures after a tab; the
    # rows are a run of their own after the annex heading, the table's other rows stay rows
    names = ["Afghanistan", "Albania", "Algeria", "Andorra", "Angola"]
    rep = Report(
        title="Scale of assessments",
        blocks=(
            Para("1", "The Committee met in June and reviewed the methodology."),
            Para("2", "The scale for 2025-2027 is set out in the annex."),
            HeadingBlock("", "Annex", level=1),
            Table(
                tuple((f"{n}. {name}", f"0.0{n}5", f"{n}.{n}") for n, name in enumerate(names, 1)),
                header=False,
                size=8.5,
            ),
            Table((("Category", "Amount"), ("Fuel reserve", "700"), ("Travel", "6 000")), header=True),
        ),
    )
    assert model_blocks(tmp_path, rep, "A_80_11.pdf") == [
        ("p", "1", "The Committee met in June and reviewed the methodology."),
        ("p", "2", "The scale for 2025-2027 is set out in the annex."),
        ("h", "", "Annex"),
        *[("p", str(n), f"{name} 0.0{n}5 {n}.{n}") for n, name in enumerate(names, 1)],
        ("p", None, "Category Amount"),
        ("p", None, "Fuel reserve 700"),
        ("p", None, "Travel 6 000"),
    ]


def test_figures_set_close_under_a_heading_in_its_type_end_it() -> None:
    lines = [
        line(
            "The share of organizations with sustainable procurement policies grew in every year.",
            76.0,
            width=450.0,
        ),
        line("Figure 9. Progress on the integration of sustainable procurement, 2023-", 100.0, bold=True),
        line("2024", 112.0, bold=True),
        line("1. The integration is key.", 136.0),
    ]
    assert rules_taking(lines) == ["text", "heading", "figures_only", "numbered_paragraph"]
    assert summary(build_blocks(lines, BODY))[1] == (
        "h",
        "",
        "Figure 9. Progress on the integration of sustainable procurement, 2023-2024",
    )
