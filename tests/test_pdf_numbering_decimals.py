"""Decimal paragraph numbers (sitegen/readers/pdf/numbering.py `decimal_paragraphs`), on PDFs drawn
in UN layout.

A decimal number at a line start opens a paragraph only as a step of its paragraph's own run of
sub-numbers ("10.1", "10.2" under paragraph 10). A figure such as "10.8 per cent" that a sentence
wrapped to a line start is text: the full line above ends no sentence, and nothing of a run comes
before it (DP/OPS/2025/12 page 7 read it as paragraph 10.8, opened mid-sentence).
"""

from __future__ import annotations

from pathlib import Path

from sitegen.readers.pdf.numbering import choose_numbering
from tests.test_pdf_features import paragraphs, read, report
from tests.test_pdf_numbering import BODY, FULL, Page
from tests.unlayout import Para, page_texts, plain

SEGMENT = (
    "Transportation and mail services was the second largest segment, with $3.4 billion, marking a{/} "
    "10.8 per cent increase from 2023. United Nations organizations attributed this growth largely to "
    "expanded field operations in crisis-affected regions and rising global freight costs."
)
"""Paragraph 10, whose first line (full, justified) ends "marking a" and whose second opens "10.8"."""
SHARE = (
    "Collaboration among United Nations organizations grew in 2024. It reached $142 million in all.{/} "
    "11.5 per cent of it went through shared long-term agreements for vehicles and freight services."
)
"""Paragraph 11, with a sentence that opens on a figure at a line start: "11.5" is no paragraph
either, though the line above ends a sentence, since paragraph 11 has no run of sub-numbers."""
HEALTH = (
    "Raise the share of the national budget for health care, which the State under review raised by{/} "
    "10.3 per cent in 2024, and report on its use to the treaty bodies (Peru);"
)
"""Recommendation 10.2, with "10.3" wrapped to a line start: the next number of paragraph 10's run,
but the full line above it ends no sentence."""


def test_a_decimal_figure_wrapped_into_a_paragraph_opens_no_decimal_paragraph(tmp_path: Path) -> None:
    rep = report(
        Para("9", "Procurement of health-care goods fell in 2024."),
        Para("10", SEGMENT),
        Para("11", SHARE),
        Para("12", "Management and administrative services reached an all-time high."),
    )
    text = page_texts(rep)[0]
    assert "marking a\n10.8 per cent increase" in text and "in all.\n11.5 per cent of it" in text
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        ("9", "Procurement of health-care goods fell in 2024.", []),
        ("10", plain(SEGMENT), []),
        ("11", plain(SHARE), []),
        ("12", "Management and administrative services reached an all-time high.", []),
    ]


def test_decimal_paragraphs_of_a_run_open_and_a_wrapped_figure_in_them_does_not(tmp_path: Path) -> None:
    rep = report(
        Para("9", "The State under review presented its national report."),
        Para("10", "The recommendations listed below enjoy the support of the State under review:"),
        Para("10.1", "Ratify the Optional Protocol to the Convention against Torture (Chile);"),
        Para("10.2", HEALTH),
        Para("11", "The State under review made voluntary pledges."),
    )
    text = page_texts(rep)[0]
    assert "\n10.1. Ratify" in text and "\n10.2. Raise" in text and "raised by\n10.3 per cent" in text
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        ("9", "The State under review presented its national report.", []),
        ("10", "The recommendations listed below enjoy the support of the State under review:", []),
        ("10.1", "Ratify the Optional Protocol to the Convention against Torture (Chile);", []),
        ("10.2", plain(HEALTH), []),
        ("11", "The State under review made voluntary pledges.", []),
    ]
    assert [p.id for p in model.paragraphs][2:4] == ["para-10.1", "para-10.2"]


def test_each_paragraph_has_its_own_run_of_sub_numbers() -> None:
    # a run may start at 0 ("3.0 Session 3: ...", as ICCD/COP(8)/CST/INF.1 prints its session titles);
    # a decimal under another paragraph's number, or one the full line above runs on into, is text
    page = Page([])
    paragraph_2 = page.add("2. The sessions were held as follows:", space=6.0)
    two_1 = page.add("2.1 The first session opened the meeting.", space=6.0)
    two_2 = page.add("2.2 The second session closed it.", space=6.0)
    paragraph_3 = page.add("3. The budget grew from", space=6.0)
    page.add("2.5 to 3 million dollars.")
    three_0 = page.add("3.0 Session 3: Weather and climate information", space=6.0)
    three_1 = page.add("3.1 The chair opened the session.", space=6.0)
    page.add(FULL, full=True)
    page.add("3.2 per cent of the participants were experts.")
    numbering = choose_numbering(page.lines, BODY)
    assert numbering.paragraphs == {paragraph_2: 2, paragraph_3: 3}
    assert numbering.decimals == {two_1: "2.1", two_2: "2.2", three_0: "3.0", three_1: "3.1"}
