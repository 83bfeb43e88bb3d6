"""The front page and the furniture: the symbol as page 1's masthead prints it (joint symbols whole,
a symbol set in two sizes, a part qualifier, a dotted series, letters of any script), running heads
that print either part, the organ over several lines, the title block, an Official Records cover,
a resolution's adoption line, and a file that is no document at all.

Fixture PDFs are drawn here with reportlab in the layout the real documents use (US Letter, the
masthead's type sizes and positions measured on A/79/907-S/2025/268 and E/ICEF/2025/19); the rest
are steps fed with lines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

from sitegen.errors import Diagnostics, InputError
from sitegen.readers.pdf import read_pdf
from sitegen.readers.pdf.chars import Char
from sitegen.readers.pdf.document import continues_title, join_title_blocks, split_front_matter
from sitegen.readers.pdf.furniture import (
    joined_band_texts,
    looks_like_furniture,
    printed_symbol,
    strip_masthead,
    strip_running,
    symbol_forms,
    top_phrases,
)
from sitegen.readers.pdf.lines import Line
from tests.conftest import CORPUS

PAGE_W, PAGE_H = 612.0, 792.0
SENTENCES = [
    "I have the honour to refer to the report of the independent strategic review of the Support Office.",
    "The purpose of the review was to enable the hybrid implementation of the framework established.",
    "The authors of the report identified an overall cost reduction within the existing resource ceiling.",
    "I should be grateful if you would bring the present letter to the attention of the members.",
]


class Page:
    """One page drawn at pdfplumber's coordinates: `at(x, baseline, text)` from the page's top."""

    def __init__(self, c: canvas.Canvas) -> None:
        self.c = c

    def at(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float = 10.0,
        *,
        bold: bool = False,
        right: bool = False,
    ) -> None:
        font = "Times-Bold" if bold else "Times-Roman"
        self.c.setFont(font, size)
        if right:
            x -= self.c.stringWidth(text, font, size)
        self.c.drawString(x, PAGE_H - baseline, text)

    def body(self, top: float, sentences: list[str]) -> None:
        for k, sentence in enumerate(sentences):
            self.at(147.0 if k % 2 == 0 else 123.0, top + 14.0 * k, sentence)


def masthead(
    page: Page,
    symbol_parts: list[tuple[str, float]],
    organ: list[str],
    *,
    date: str = "1 May 2025",
    stacked: tuple[str, ...] = (),
    organ_size: float = 20.0,
    right_lead: float = 12.0,
) -> None:
    """Page 1's masthead: the symbol at the top right (pieces of (text, size) set on one baseline,
    as "E" 20 pt + "/ICEF/2025/19" 10 pt), the logo, the organ lines in 20 pt bold, Distr., date,
    Original; `stacked` symbols go under Distr. as old documents set a joint symbol."""
    c = page.c
    width = sum(c.stringWidth(text, "Times-Roman", size) for text, size in symbol_parts)
    x = 552.0 - width
    for text, size in symbol_parts:
        page.at(x, 57.0, text, size)
        x += c.stringWidth(text, "Times-Roman", size)
    page.at(123.4, 58.0, "United Nations", 14.0)
    for k, line in enumerate(organ):
        page.at(123.4, 86.7 + 19.5 * k, line, organ_size, bold=True)
    right = ["Distr.: General", *stacked, date, "Original: English"]
    for k, line in enumerate(right):
        page.at(397.0, 86.8 + right_lead * k, line)


def joint_letter(path: Path, *, heads: list[str]) -> Path:
    """A letter issued to two organs: "A/79/907-S/2025/268" on page 1; `heads` on page 2's top left,
    8.5 pt bold lines 9.9 pt apart (the running head of a joint symbol prints its parts stacked)."""
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    p = Page(c)
    masthead(p, [("A/79/907-S/2025/268", 10.0)], ["General Assembly", "Security Council"])
    p.at(60.0, 222.0, "General Assembly Security Council", bold=True)
    p.at(60.0, 234.0, "Seventy-ninth session Eightieth year", bold=True)
    p.at(60.0, 246.0, "Agenda item 167")
    p.at(123.4, 302.0, "Letter dated 30 April 2025 from the Secretary-General addressed", 12.0, bold=True)
    p.at(123.4, 315.5, "to the President of the General Assembly and the President of the", 12.0, bold=True)
    p.at(123.4, 329.0, "Security Council", 12.0, bold=True)
    p.body(352.0, SENTENCES[:2])
    p.at(65.0, 747.0, "25-06872 (E) 080525 220525", 7.0)
    c.showPage()
    for k, head in enumerate(heads):
        p.at(60.0, 51.0 + 9.9 * k, head, 8.5, bold=True)
    p.body(84.0, SENTENCES[2:])
    p.at(60.0, 757.0, "2/2", 8.5, bold=True)
    p.at(524.0, 755.0, "25-06872", 7.0)
    c.showPage()
    c.save()
    return path


def test_a_joint_symbol_is_the_symbol_and_neither_part_of_a_running_head_leaks(tmp_path: Path) -> None:
    draft = read_pdf(joint_letter(tmp_path / "joint.pdf", heads=["A/79/907", "S/2025/268"]), Diagnostics())
    assert draft.symbol == "A/79/907-S/2025/268"
    texts = [b.text for b in draft.blocks]
    assert not any("A/79/907" in t or "S/2025/268" in t for t in texts), texts
    assert draft.title == (
        "Letter dated 30 April 2025 from the Secretary-General addressed to the President "
        "of the General Assembly and the President of the Security Council"
    )
    assert draft.meta["organ"] == "General Assembly Security Council"
    assert draft.meta["original_language"] == "English"
    assert " ".join(texts) == " ".join(SENTENCES)


def test_page_one_wins_over_running_heads_that_print_one_part(tmp_path: Path) -> None:
    """The running heads print only the Council's symbol; the document is still A/79/907-S/2025/268."""
    draft = read_pdf(joint_letter(tmp_path / "one-part.pdf", heads=["S/2025/268"]), Diagnostics())
    assert draft.symbol == "A/79/907-S/2025/268"
    assert not any("S/2025/268" in b.text for b in draft.blocks)


def two_size_report(path: Path) -> Path:
    """A board report: "E" in 20 pt and "/ICEF/2025/19 (Part II)" in 10 pt on one baseline, the
    Executive Board's name in 17 pt over four lines reaching below the masthead's last line, running
    heads with the qualifier (DP/OPS/2025/12's layout)."""
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    p = Page(c)
    organ = [
        "Executive Board of the",
        "United Nations Development",
        "Programme and of the United",
        "Nations Children's Fund",
    ]
    masthead(p, [("E", 20.0), ("/ICEF/2025/19 (Part II)", 10.0)], organ, organ_size=17.0, right_lead=20.0)
    p.at(60.0, 222.0, "Annual session 2025", bold=True)
    p.at(123.4, 262.0, "Report on humanitarian action", 14.0, bold=True)
    p.body(290.0, SENTENCES[:2])
    c.showPage()
    p.at(60.0, 59.0, "E/ICEF/2025/19 (Part II)", 8.5, bold=True)
    p.body(84.0, SENTENCES[2:])
    p.at(60.0, 757.0, "2/2", 8.5, bold=True)
    c.showPage()
    c.save()
    return path


def test_a_symbol_in_two_sizes_keeps_its_first_letter_and_its_qualifier(tmp_path: Path) -> None:
    draft = read_pdf(two_size_report(tmp_path / "board.pdf"), Diagnostics())
    assert draft.symbol == "E/ICEF/2025/19 (Part II)"
    assert not any("ICEF/2025/19" in b.text for b in draft.blocks)
    assert draft.title == "Report on humanitarian action"
    # the organ named on the masthead and the board's name under it, none of it dropped
    assert draft.meta["organ"] == (
        "Executive Board of the United Nations Development Programme and of the "
        "United Nations Children's Fund"
    )


# ---- the symbol's spelling -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "symbol"),
    [
        ("A/79/907-S/2025/268", "A/79/907-S/2025/268"),
        ("A/80/62*\u2212E/2025/12*", "A/80/62-E/2025/12"),  # reissued, a minus sign between the parts
        ("E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)", "E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)"),
        ("A/ES-10/1027-S/2025/173", "A/ES-10/1027-S/2025/173"),
        ("E/2025/25-E/CN.9/2025/7", "E/2025/25-E/CN.9/2025/7"),
        ("GEGN.2/2025/64", "GEGN.2/2025/64"),  # a dotted series
        ("E/ICEF/672(Première partie)", "E/ICEF/672(Première partie)"),  # letters of any script
        ("S/RES/2775 (2025)", "S/RES/2775 (2025)"),
        ("A /79/PV.64", "A/79/PV.64"),
        ("ICCD/COP(8)/CST/INF.1", "ICCD/COP(8)/CST/INF.1"),
        ("E/ICEF", None),  # a series alone names no document
    ],
)
def test_printed_symbols(printed: str, symbol: str | None) -> None:
    assert printed_symbol(printed) == symbol


def test_running_heads_print_each_part_and_the_part_without_its_qualifier() -> None:
    assert symbol_forms("E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)") == [
        "E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)",
        "E/ICEF/2025/7 (Part II)",
        "E/2025/34 (Part II)",
        "E/ICEF/2025/7",
        "E/2025/34",
    ]
    for head in ("E/ICEF/2025/7 (Part II)", "E/2025/34 (Part II)", "DP/OPS/2 025/12 3/12"):
        assert looks_like_furniture(
            head, "E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)" if "E/" in head else "DP/OPS/2025/12"
        ), head
    assert not looks_like_furniture("see E/ICEF/2025/7 (Part II), para. 3", "E/2025/34-E/ICEF/2025/7")


def test_a_job_number_reissued_with_an_x_is_furniture() -> None:
    assert looks_like_furniture("25-08040X (E) 230525", None)


def test_a_line_printing_only_the_symbol_is_furniture_anywhere_on_the_page() -> None:
    """The back of an Official Records cover prints the symbol mid-page; a sentence naming it stays."""
    lines = [line("A/80/11", 541.0), line("The Committee adopted A/80/11 by consensus.", 300.0)]
    body, furniture = strip_running(lines, PAGE_H, "A/80/11")
    assert [ln.text for ln in body] == ["The Committee adopted A/80/11 by consensus."]
    assert [ln.text for ln in furniture] == ["A/80/11"]


# ---- masthead, organ and title, on lines ----------------------------------------------------


def line(
    text: str,
    top: float,
    *,
    page: int = 1,
    size: float = 10.0,
    bold: bool = False,
    x0: float = 123.4,
    col: int = 0,
) -> Line:
    return Line(text, x0, x0 + 0.5 * size * len(text), top, top + size, size, bold, page, col)


def test_a_group_named_united_nations_is_no_logo() -> None:
    """Only the logo line "United Nations" is masthead; a title opening with the words is not."""
    lines = [
        line("United Nations", 46.8, size=14.0),
        line("GEGN.2/2025/36", 40.8, x0=440.0),
        line("Economic and Social Council", 70.7, size=20.0, bold=True),
        line("Distr.: General", 78.9, x0=397.0),
        line("11 February 2025", 90.6, x0=397.0),
        line("English", 102.6, x0=397.0),
        line("Original: French", 114.6, x0=397.0),
        line("United Nations Group of Experts on", 214.5, x0=60.0, bold=True),
        line("Geographical Names", 226.5, x0=60.0, bold=True),
    ]
    body, head = strip_masthead(lines, PAGE_H, "GEGN.2/2025/36")
    assert [ln.text for ln in body] == ["United Nations Group of Experts on", "Geographical Names"]
    assert head.meta["organ"] == "Economic and Social Council"
    assert head.date == "2025-02-11"
    assert (head.meta["language_printed"], head.meta["original_language"]) == ("English", "French")


def test_a_resolution_keeps_its_adoption_line_as_front_matter() -> None:
    """The adoption line runs over two lines, the second a date: neither is a heading nor the
    masthead's date."""
    body = [
        line("Resolution 2773 (2025)", 213.7, size=14.0, bold=True),
        line("Adopted by the Security Council at its 9865th meeting, on", 241.1, size=12.0, bold=True),
        line("21 February 2025", 254.5, size=12.0, bold=True),
        line("The Security Council,", 280.7, x0=147.1),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "Resolution 2773 (2025)"
    assert (
        front.meta["adoption"] == "Adopted by the Security Council at its 9865th meeting, on 21 February 2025"
    )
    assert [ln.text for ln in rest] == ["The Security Council,"]


def test_a_masthead_date_is_the_first_date_only() -> None:
    lines = [
        line("Security Council", 70.7, size=20.0, bold=True),
        line("Distr.: General", 84.9, x0=397.0),
        line("21 February 2025", 96.6, x0=397.0),
        line("Resolution 2773 (2025)", 213.7, size=14.0, bold=True),
        line("21 February 2025", 254.5, size=12.0, bold=True),
    ]
    body, head = strip_masthead(lines, PAGE_H, "S/RES/2773 (2025)")
    assert [ln.text for ln in body] == ["Resolution 2773 (2025)", "21 February 2025"]
    assert head.meta["organ"] == "Security Council"


def test_a_title_over_three_lines_is_one_heading_but_an_annex_label_stands_alone() -> None:
    lines = [
        line("Annex", 60.0, page=2, size=14.0, bold=True),
        line("Report of the Special Rapporteur on the promotion and", 80.0, page=2, size=14.0, bold=True),
        line(
            "protection of human rights in the context of climate change,", 95.0, page=2, size=14.0, bold=True
        ),
        line("Elisa Morgera", 110.0, page=2, size=14.0, bold=True),
        line("A human rights-based approach to the energy transition", 137.0, page=2, size=12.0, bold=True),
        line("I. Introduction", 180.0, page=2, size=14.0, bold=True),
        line("A. Mandate", 196.0, page=2, size=14.0, bold=True),
    ]
    joined = join_title_blocks(lines, 10.0)
    assert [ln.text for ln in joined] == [
        "Annex",
        (
            "Report of the Special Rapporteur on the promotion and protection of human rights in the context of "
            "climate change, Elisa Morgera"
        ),
        "A human rights-based approach to the energy transition",
        "I. Introduction",
        "A. Mandate",
    ]
    assert joined[1].top == 80.0 and joined[1].bottom == 124.0


def test_an_official_records_cover_and_its_title_page_are_front_matter() -> None:
    body = [
        line("Report of the Committee", 193.9, size=28.5, bold=True),
        line("on Contributions", 220.9, size=28.5, bold=True),
        line("Eighty-fifth session", 269.2, size=20.0, bold=True),
        line("(2–20 June 2025)", 288.7, size=20.0, bold=True),
        line("General Assembly", 372.4, size=20.0, bold=True),
        line("Official Records", 394.1, size=14.0, bold=True),
        line("Supplement No. 11", 426.4, size=14.0, bold=True),
        line("General Assembly", 74.1, page=3, size=12.0, bold=True),
        line("Official Records", 87.6, page=3, size=12.0),
        line("Report of the Committee on Contributions", 192.1, page=3, size=20.0, bold=True),
        line("United Nations • New York, 2025", 631.0, page=3, size=14.0),
        line("Summary", 100.0, page=5, size=14.0, bold=True),
        line("At its eighty-fifth session, the Committee reviewed the methodology.", 120.0, page=5),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "Report of the Committee on Contributions"
    assert front.meta["subtitle"] == "Eighty-fifth session (2–20 June 2025)"
    assert front.meta["cover"] == "General Assembly Official Records Supplement No. 11"
    assert front.meta["title_page"].startswith("General Assembly Official Records Report of the Committee")
    assert [ln.text for ln in rest] == [
        "Summary",
        "At its eighty-fifth session, the Committee reviewed the methodology.",
    ]


def test_a_meeting_record_column_beside_the_title_is_front_matter() -> None:
    body = [
        line("G E N E R A L", 67.0, size=18.0, bold=True, x0=54.0),
        line("A S S E M B L Y", 88.9, size=18.0, bold=True, x0=54.0),
        line("FORTY-EIGHTH SESSION", 111.4, size=9.0, x0=54.0),
        line("The meeting was called to order at 3.20 p.m.", 230.8, bold=True, x0=74.0),
        line("Mr. INDERFURTH (United States of America): On behalf of the United States, my", 386.8, x0=54.0),
        line("46th", 53.6, size=14.0, bold=True, x0=529.0, col=1),
        line("PLENARY MEETING", 71.6, size=14.0, bold=True, x0=422.6, col=1),
        line("NEW YORK", 137.9, size=12.0, bold=True, x0=491.3, col=1),
        line("international peace and stability. President Clinton, in his address", 178.6, x0=315.0, col=1),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "GENERAL ASSEMBLY"
    assert front.meta["beside_title"] == "46th PLENARY MEETING NEW YORK"
    assert "NEW YORK" not in [ln.text for ln in rest]


# ---- not a document ---------------------------------------------------------------------------


def not_found_page(path: Path) -> Path:
    """What the document system serves for a symbol it does not hold, printed to PDF from Word."""
    c = canvas.Canvas(str(path), pagesize=(595.32, 841.92))
    c.setFont("Helvetica", 11)
    c.drawString(
        72, 760, "The document you are looking for does not exist in the Official Document System (ODS)."
    )
    c.drawString(
        72, 746, "Please contact the ODS support through the following contact-us link if you require"
    )
    c.drawString(72, 732, "further assistance.")
    c.drawString(72, 704, "Contact Us \u2013 https://documents.un.org/contact-us")
    c.drawString(420, 650, "- ODS support")
    c.showPage()
    c.save()
    return path


def test_a_does_not_exist_page_is_not_a_document(tmp_path: Path) -> None:
    path = not_found_page(tmp_path / "E_2024_50.pdf")
    with pytest.raises(InputError, match="not a document"):
        read_pdf(path, Diagnostics())
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "extract", str(path), "--json"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and str(path) in proc.stderr and "not a document" in proc.stderr


def test_a_short_document_that_says_something_does_not_exist_is_still_one(tmp_path: Path) -> None:
    """A one-page letter with a symbol that says a mechanism "does not exist" is read as a report."""
    c = canvas.Canvas(str(tmp_path / "short.pdf"), pagesize=(PAGE_W, PAGE_H))
    p = Page(c)
    masthead(p, [("S/2025/999", 10.0)], ["Security Council"])
    p.at(123.4, 262.0, "Letter dated 1 May 2025", 14.0, bold=True)
    p.at(147.0, 290.0, "A mechanism to verify the ceasefire does not exist at present.")
    c.showPage()
    c.save()
    draft = read_pdf(tmp_path / "short.pdf", Diagnostics())
    assert draft.symbol == "S/2025/999"


NOT_FOUND = CORPUS / "bad" / "notfound-E_2024_50.en.pdf"


@pytest.mark.corpus
@pytest.mark.skipif(not NOT_FOUND.is_file(), reason="../shared/corpus is not present")
def test_corpus_not_found_page_exits_1_with_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "extract", str(NOT_FOUND), "--json"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "not a document" in proc.stderr


# ---- tolerances (tolerances.py, "furniture and the front page"), each pinned from both sides --------


def test_a_page_counter_at_a_tenth_of_the_page_is_a_running_head_at_a_seventh_text() -> None:  # HEAD_BAND
    body, _ = strip_running([line("3/25", 85.0), line("3/25", 112.0)], PAGE_H, "A/80/188")
    assert [ln.top for ln in body] == [112.0]


def test_a_job_number_ending_at_88_per_cent_is_a_footer_at_85_text() -> None:  # FOOT_BAND
    body, _ = strip_running([line("25-11710", 687.0), line("25-11710", 663.0)], PAGE_H, "A/80/188")
    assert [ln.top for ln in body] == [663.0]


def test_the_masthead_reaches_down_to_a_third_of_page_one() -> None:  # MASTHEAD_BAND
    def kept(top: float) -> list[str]:
        body, _ = strip_masthead([line("Distr.: General", top, x0=397.0)], PAGE_H, "A/80/188")
        return [ln.text for ln in body]

    assert kept(240.0) == []
    assert kept(280.0) == ["Distr.: General"]


def _glyph_run(text: str, x: float, top: float, size: float) -> list[Char]:
    step = 0.5 * size
    return [
        Char(ch, x + step * k, x + step * (k + 1), top, top + size, size, False) for k, ch in enumerate(text)
    ]


def test_a_symbol_letter_a_glyph_and_a_quarter_away_joins_its_rest_two_glyphs_away_not() -> (
    None
):  # PHRASE_GAP
    def phrases(gap: float) -> list[str]:
        big = _glyph_run("E", 460.0, 40.8, 20.0)
        small = _glyph_run("/ICEF/2025/19", big[-1].x1 + gap, 48.7, 10.0)
        return [p.text for p in top_phrases(big + small, PAGE_H)]

    assert phrases(25.0) == ["E /ICEF/2025/19"]  # one phrase, the gap a word space ("A /79/PV.64")
    assert phrases(35.0) == ["E", "/ICEF/2025/19"]


def test_glyphs_overlapping_by_most_of_their_height_share_a_row() -> None:  # ROW_SHARE
    def phrases(drop: float) -> int:
        a = _glyph_run("Distr.:", 397.0, 80.0, 10.0)
        b = _glyph_run("General", a[-1].x1 + 2.0, 80.0 + drop, 10.0)
        return len(top_phrases(a + b, PAGE_H))

    assert phrases(3.0) == 1  # overlap 7 of 10
    assert phrases(7.0) == 2  # overlap 3 of 10


def _heads(second_top: float, second_x0: float = 60.0) -> list[str]:
    return joined_band_texts(
        [
            line("A/79/753", 42.5, size=8.5, bold=True, x0=60.0),
            line("S/2025/58", second_top, size=8.5, bold=True, x0=second_x0),
        ],
        PAGE_H,
    )


def test_a_second_symbol_stacked_close_under_the_first_is_a_joint_symbol() -> None:  # STACK_GAP
    assert _heads(42.5 + 8.5 + 4.0) == ["A/79/753-S/2025/58"]  # 4 pt under it
    assert _heads(42.5 + 8.5 + 6.5) == ["A/79/753", "S/2025/58"]  # 6.5 pt under it


def test_stacked_symbols_join_only_when_aligned() -> None:  # ALIGNED
    assert _heads(52.4, 61.0) == ["A/79/753-S/2025/58"]
    assert _heads(52.4, 63.0) == ["A/79/753", "S/2025/58"]


def test_display_lines_seven_points_apart_are_one_title_ten_are_two() -> None:  # TITLE_LEADING
    def joined(gap: float) -> int:
        lines = [
            line("Report of the Special Rapporteur on the", 80.0, page=2, size=14.0, bold=True),
            line("promotion and protection of human rights", 94.0 + gap, page=2, size=14.0, bold=True),
        ]
        return len(join_title_blocks(lines, 10.0))

    assert joined(7.0) == 1
    assert joined(10.0) == 2


def test_bold_type_a_sixth_larger_than_the_body_is_display_type_a_seventh_is_not() -> None:  # DISPLAY_SIZE
    def joined(size: float) -> int:
        lines = [
            line("Report of the Special Rapporteur on the", 80.0, page=2, size=size, bold=True),
            line("promotion and protection of human rights", 81.0 + size, page=2, size=size, bold=True),
        ]
        return len(join_title_blocks(lines, 10.0))

    assert joined(11.7) == 1
    assert joined(11.3) == 2


def test_page_one_type_larger_by_a_sixth_marks_the_title_by_a_tenth_not() -> None:  # TITLE_SIZE_MARGIN
    def title_taken(size: float) -> bool:
        body = [
            line("Human rights and climate change", 300.0, size=size),
            line("The Secretary-General has the honour to transmit the report.", 330.0),
        ]
        _, rest = split_front_matter(body, 10.0)
        return len(rest) == 1

    assert title_taken(11.7)
    assert not title_taken(11.3)


def test_a_bold_line_a_point_larger_than_the_body_is_a_subtitle_half_a_point_not() -> (
    None
):  # SUBTITLE_SIZE_MARGIN
    def subtitle(size: float) -> str | None:
        body = [
            line("Human rights and climate change", 300.0, size=14.0, bold=True),
            line("Note by the Secretary-General", 320.0, size=size, bold=True),
            line("The Secretary-General has the honour to transmit the report.", 345.0),
        ]
        front, _ = split_front_matter(body, 10.0)
        return front.meta.get("subtitle")

    assert subtitle(11.0) == "Note by the Secretary-General"
    assert subtitle(10.5) is None


def test_a_line_ending_half_a_point_under_the_masthead_stands_beside_it_three_points_not() -> (
    None
):  # MASTHEAD_SLACK_PT
    def organ(below: float) -> str | None:
        lines = [
            line("Original: English", 114.6, x0=397.0),
            line(
                "Committee on the Elimination of Discrimination", 124.6 + below - 17.0, size=17.0, bold=True
            ),
        ]
        _, head = strip_masthead(lines, PAGE_H, "CEDAW/C/CAF/CO/6")
        return head.meta.get("organ")

    assert organ(0.5) == "Committee on the Elimination of Discrimination"
    assert organ(3.0) is None


def test_a_column_beside_the_title_ends_at_its_first_wide_line_of_text() -> None:  # RUNNING_TEXT_WIDTH
    def beside(width_share: float) -> str:
        text = "international peace and stability. President Clinton, in his address to the Assembly"
        wide = Line(text, 315.0, 558.0, 178.6, 188.6, 10.0, False, 1, 1)
        narrow = Line(
            "at 3 p.m. in the hall", 315.0, 315.0 + width_share * 243.0, 160.0, 170.0, 10.0, False, 1, 1
        )
        body = [
            line("G E N E R A L", 67.0, size=18.0, bold=True, x0=54.0),
            line("Mr. INDERFURTH (United States of America): On behalf of the United States", 386.8, x0=54.0),
            line("NEW YORK", 137.9, size=12.0, bold=True, x0=491.3, col=1),
            narrow,
            wide,
        ]
        front, _ = split_front_matter(body, 10.0)
        return front.meta["beside_title"]

    assert beside(0.5) == "NEW YORK at 3 p.m. in the hall"
    assert beside(0.7) == "NEW YORK"


def test_a_title_with_a_note_marker_keeps_the_marker_in_the_body() -> None:
    """The title is plain text; the note it carries keeps its reference where the page prints it."""
    body = [
        line("Report on the annual session of 2025, 17 to 19 June 2025[^1]", 277.8, size=14.0, bold=True),
        line("I. Organizational matters", 304.8, size=14.0, bold=True, x0=101.9),
        line("1. The annual session of 2025 of the Executive Board was held in New York.", 332.5),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "Report on the annual session of 2025, 17 to 19 June 2025"
    assert [ln.text for ln in rest] == [ln.text for ln in body]


def test_a_contents_heading_under_the_title_in_its_type_is_no_part_of_the_title() -> None:
    """An annotated agenda sets "Contents" in the title's type right under it: the title ends before
    it, and "Contents" stays in the body as the heading of its list."""
    body = [
        line("Provisional annotated agenda, timetable and", 213.7, size=14.0, bold=True),
        line("organization of work", 229.0, size=14.0, bold=True),
        line("Contents", 252.0, x0=100.0, size=14.0, bold=True),
        line("1. Adoption of the provisional annotated agenda ........ 3", 270.0, x0=147.1),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "Provisional annotated agenda, timetable and organization of work"
    assert [ln.text for ln in rest][:1] == ["Contents"]
    assert not continues_title(body[1], body[2], 10.0)
