"""Every script in the order it is read: Arabic right to left, Chinese without spaces.

Real PDFs store Arabic as it is seen (the last letter of a word leftmost, often as presentation
forms) and Chinese as characters spread over a justified line; the reader must give the words a
reader types into a search box, which are the words pdftotext prints. The fixtures draw Arabic
unshaped in visual order with Debian's Noto Naskh Arabic (fonts-noto-core), and Chinese in the Adobe
CID font STSong-Light that every PDF reader knows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.model import Report as ModelReport
from sitegen.readers import read_report
from sitegen.readers.pdf.chars import Char, is_rtl, needs_space, to_chars, visual_to_logical
from sitegen.readers.pdf.repair import join_lines
from tests.unlayout import Heading, Para, Report, Style, arabic_font_path, write_pdf

needs_arabic_font = pytest.mark.skipif(
    arabic_font_path() is None, reason="no Arabic TrueType font: install Debian's fonts-noto-core"
)

AR_TITLE = "تعزيز وحماية حقوق الإنسان"
AR_HEADING = "مقدمة"
AR_1 = "يقدم هذا التقرير عرضا للأنشطة التي اضطلعت بها الأمم المتحدة في عام 2024 وفقا للقرار المؤرخ في كانون الأول."
AR_2 = "وتدعو اللجنة الدول الأعضاء إلى مواصلة دعم البرامج الإقليمية وتعزيز التعاون فيما بينها بشأن حماية حقوق الإنسان."

ZH_TITLE = "促进和保护人权"
ZH_1 = (
    "本报告是根据大会第78/180号决议提交的，介绍了联合国在2024年开展的各项活动。[^1]"
    "各会员国应确保其通过的措施符合国际人权法规定的义务，并在制定政策时与受影响的社区进行协商。"
)
ZH_2 = "委员会建议各会员国继续支持区域方案，加强彼此之间在保护人权方面的合作。"
ZH_NOTE = "见A/78/180号文件。"


def body(model: ModelReport) -> list[tuple[str, str | None, str]]:
    return [(type(b).__name__, getattr(b, "number", None), b.text) for b in model.blocks]


# ---------------------------------------------------------------------------------------------------
# right to left
# ---------------------------------------------------------------------------------------------------


def test_visual_arabic_is_read_from_the_right_keeping_numbers_in_their_order() -> None:
    logical = "في عام 2024 وفقا للقرار 78/180"
    seen = "78/180 رارقلل اقفو 2024 ماع يف"  # as stored: left to right on the page
    assert visual_to_logical(seen) == logical
    assert is_rtl(seen)


def test_a_footnote_marker_in_an_arabic_line_stays_whole_after_its_word() -> None:
    assert visual_to_logical("[^3]ةدحتملا ممألا") == "الأمم المتحدة[^3]"


def test_an_arabic_name_inside_a_latin_line_is_turned_in_place() -> None:
    assert visual_to_logical("Report of ةنجللا (A/80/1)") == "Report of اللجنة (A/80/1)"
    assert not is_rtl("Report of ةنجللا (A/80/1)")


def test_arabic_presentation_forms_become_letters() -> None:
    raw = [
        {
            "text": ch,
            "x0": 10.0 * k,
            "x1": 10.0 * k + 8,
            "top": 10.0,
            "bottom": 20.0,
            "size": 10.0,
            "fontname": "Naskh",
            "matrix": (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
        }
        for k, ch in enumerate("\ufee3\ufea3\ufe8e\ufefb")
    ]  # isolated meem, hah, alef; lam-alef
    assert "".join(c.text for c in to_chars(raw)) == "محالا"


@needs_arabic_font
def test_arabic_report_reads_in_logical_order(tmp_path: Path) -> None:
    rep = Report(
        title=AR_TITLE,
        language="ar",
        original="Arabic",
        subtitle="تقرير الأمين العام",
        blocks=(Heading("", AR_HEADING), Para(None, f"{AR_1} {AR_2}"), Para(None, AR_2)),
    )
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    assert model.title == AR_TITLE
    assert body(model) == [
        ("Heading", None, AR_HEADING),
        ("Paragraph", None, f"{AR_1} {AR_2}"),
        ("Paragraph", None, AR_2),
    ]


@needs_arabic_font
def test_arabic_drawn_as_presentation_forms_reads_as_letters(tmp_path: Path) -> None:
    rep = Report(
        title=AR_TITLE,
        language="ar",
        original="Arabic",
        subtitle=None,
        blocks=(Para(None, AR_1),),
        style=Style(presentation_forms=True),
    )
    pdf = write_pdf(rep, tmp_path / "A_80_188.pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as doc:  # the fixture really stores presentation forms
        assert any("\ufe70" <= c["text"] <= "\ufeff" for c in doc.pages[0].chars)
    assert [b.text for b in read_report(pdf).blocks] == [AR_1]


# ---------------------------------------------------------------------------------------------------
# Chinese
# ---------------------------------------------------------------------------------------------------


def _char(text: str, x0: float, size: float = 10.0) -> Char:
    return Char(text, x0, x0 + size, 90.0, 100.0, size, False)


def test_no_space_between_chinese_characters_spread_by_justification() -> None:
    assert not needs_space(_char("联", 100.0), _char("合", 113.0))  # 3 pt of letter-spacing at 10 pt
    assert needs_space(_char("联", 100.0), _char("合", 121.0))  # a gap of a whole character
    assert needs_space(
        _char("a", 100.0, 10.0)._replace(x1=105.0), _char("b", 107.0)
    )  # Latin: 2 pt is a space


def test_chinese_lines_join_without_a_space() -> None:
    assert (
        join_lines(["各会员国应确保", "其通过的措施", "and English text", "后面"])
        == "各会员国应确保其通过的措施 and English text 后面"
    )


def test_chinese_report_has_no_spaces_inserted(tmp_path: Path) -> None:
    rep = Report(
        title=ZH_TITLE,
        language="zh",
        original="Chinese",
        subtitle=None,
        blocks=(Para("1", ZH_1), Para("2", ZH_2)),
        footnotes={"1": ZH_NOTE},
    )
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    assert model.title == ZH_TITLE
    assert body(model) == [("Paragraph", "1", ZH_1), ("Paragraph", "2", ZH_2)]
    assert [(f.number, f.text) for f in model.footnotes] == [("1", ZH_NOTE)]
