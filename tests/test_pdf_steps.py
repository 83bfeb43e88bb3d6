"""Each step of the PDF reader on a handful of synthetic characters or lines (no PDF needed)."""

from __future__ import annotations

from sitegen.draft import DraftHeading, DraftParagraph
from sitegen.readers.pdf.chars import Char, drop_overprint, is_bold_font, to_chars
from sitegen.readers.pdf.document import detect_language, split_front_matter
from sitegen.readers.pdf.footnotes import find_endnotes_start, find_zone_top, old_markers_to_refs, split_zone
from sitegen.readers.pdf.furniture import (
    guess_symbol,
    looks_like_furniture,
    parse_date,
    strip_masthead,
    strip_running,
)
from sitegen.readers.pdf.join import NoteCollector
from sitegen.readers.pdf.lines import Line, page_lines
from sitegen.readers.pdf.repair import expand_ligatures, join_lines, resolve_breaks, tidy, vocabulary
from sitegen.readers.pdf.structure import build_blocks

# ---------------------------------------------------------------------------------------------------
# helpers: characters laid out like a PDF would
# ---------------------------------------------------------------------------------------------------

WIDTH = 5.0  # every glyph is 5pt wide at size 10


def word_chars(
    text: str,
    x: float,
    top: float,
    size: float = 10.0,
    *,
    bold: bool = False,
    spaces: bool = True,
    gap: float = 2.5,
) -> list[Char]:
    """Characters of `text` from x on one baseline; without `spaces`, words are separated by a gap only."""
    out: list[Char] = []
    w = WIDTH * size / 10
    for ch in text:
        if ch == " " and not spaces:
            x += gap
            continue
        out.append(Char(ch, x, x + w, top, top + size, size, bold))
        x += w
    return out


def line(
    text: str,
    top: float,
    *,
    page: int = 1,
    size: float = 10.0,
    bold: bool = False,
    x0: float = 72.0,
    indent: float = 0.0,
    col: int = 0,
) -> Line:
    return Line(text, x0, x0 + 5 * len(text), top, top + size, size, bold, page, col, indent)


def texts(lines: list[Line]) -> list[str]:
    return [ln.text for ln in lines]


# ---------------------------------------------------------------------------------------------------
# chars
# ---------------------------------------------------------------------------------------------------


def test_to_chars_types_the_dicts_and_drops_spacer_glyphs() -> None:
    raw = [
        {
            "text": "A",
            "x0": 1.0,
            "x1": 6.0,
            "top": 10.0,
            "bottom": 20.0,
            "size": 10.0,
            "fontname": "ABCDEF+Times-Bold",
        },
        {"text": " ", "x0": 6.0, "x1": 7.0, "top": 10.0, "bottom": 11.0, "size": 1.0, "fontname": "Times"},
        {"text": "", "x0": 7.0, "x1": 7.0, "top": 10.0, "bottom": 20.0, "size": 10.0, "fontname": "Times"},
    ]
    assert to_chars(raw) == [Char("A", 1.0, 6.0, 10.0, 20.0, 10.0, True)]


def test_bold_is_read_from_the_font_name() -> None:
    assert is_bold_font("BCDFEE+TimesNewRomanPS-BoldMT")
    assert not is_bold_font("BCDFEE+TimesNewRomanPSMT")


def test_overprinted_fake_bold_keeps_one_glyph_but_real_double_letters_stay() -> None:
    once = word_chars("ALL", 10.0, 30.0)
    again = [c._replace(x0=c.x0 + 0.5, x1=c.x1 + 0.5) for c in once]
    merged = sorted(once + again, key=lambda c: c.x0)
    assert "".join(c.text for c in drop_overprint(merged)) == "ALL"


def test_word_gaps_are_rebuilt_from_positions() -> None:
    chars = word_chars("Committee on Science", 72.0, 100.0, spaces=False)
    assert texts(page_lines(chars, 612.0, 1)) == ["Committee on Science"]


# ---------------------------------------------------------------------------------------------------
# lines
# ---------------------------------------------------------------------------------------------------


def test_raised_small_digits_become_a_marker_where_they_stand() -> None:
    body = word_chars("costs.", 72.0, 100.0)
    marker = word_chars("12", body[-1].x1, 97.0, 6.5)
    after = word_chars(" Next", marker[-1].x1, 100.0)
    assert texts(page_lines(body + marker + after, 612.0, 1)) == ["costs.[^12] Next"]


def test_marker_printed_out_of_stream_order_joins_its_line() -> None:
    body = word_chars("The rights.", 72.0, 100.0)
    marker = word_chars("3", body[-1].x1, 97.0, 6.5)
    following = word_chars("Second line.", 72.0, 114.0)
    # the content stream paints the next line before the marker
    assert texts(page_lines(body + following + marker, 612.0, 1)) == ["The rights.[^3]", "Second line."]


def test_a_raised_two_after_a_unit_is_a_power_not_a_marker() -> None:
    body = word_chars("3,500 m", 72.0, 100.0)
    power = word_chars("2", body[-1].x1, 97.0, 6.5)
    assert texts(page_lines(body + power, 612.0, 1)) == ["3,500 m2"]


def test_lines_are_ordered_top_to_bottom() -> None:
    second = word_chars("second", 72.0, 120.0)
    first = word_chars("first", 72.0, 100.0)
    assert texts(page_lines(second + first, 612.0, 1)) == ["first", "second"]


def test_two_columns_are_read_left_column_first() -> None:
    chars: list[Char] = []
    for k in range(12):
        chars += word_chars(f"left line {k:02d} of the speech", 60.0, 100.0 + 12 * k)
        chars += word_chars(f"right line {k:02d} of speech", 320.0, 100.0 + 12 * k)
    got = texts(page_lines(chars, 612.0, 1))
    assert got[:12] == [f"left line {k:02d} of the speech" for k in range(12)]
    assert got[12:] == [f"right line {k:02d} of speech" for k in range(12)]


# ---------------------------------------------------------------------------------------------------
# furniture
# ---------------------------------------------------------------------------------------------------


def test_furniture_tokens() -> None:
    for t in (
        "25-11710",
        "3/25",
        "GE.25-05795 (E)",
        "Page 3",
        "A/80/188 English Page 2",
        "*2511710*",
        "25-11710 (E) 180825",
        "16/04/2025 A/79/PV.64",
        "/...",
        "iii",
    ):
        assert looks_like_furniture(t, "A/80/188" if "A/80" in t else "A/79/PV.64"), t
    for t in ("1. The Committee met.", "see A/HRC/54/25", "__________________"):
        assert not looks_like_furniture(t, "A/80/188"), t


def test_running_heads_and_footers_leave_the_body() -> None:
    lines = [
        line("A/80/188", 50.0),
        line("1. The report covers the period.", 100.0),
        line("25-11710", 750.0),
        line("3/25", 750.0),
    ]
    body, furniture = strip_running(lines, 792.0, "A/80/188")
    assert texts(body) == ["1. The report covers the period."]
    assert len(furniture) == 3


def test_the_symbol_is_what_running_heads_print_alone() -> None:
    assert (
        guess_symbol(["A/80/188", "3/25", "see A/79/213, para. 3.", "A/80/188", "see A/79/213."])
        == "A/80/188"
    )


def test_masthead_facts_and_organ() -> None:
    lines = [
        line("United Nations A/80/188", 40.0, size=14.0),
        line("General Assembly", 70.0, size=20.0),
        line("Distr.: General", 79.0, x0=397.0),
        line("17 July 2025", 91.0, x0=397.0),
        line("Original: English", 115.0, x0=397.0),
        line("Eightieth session", 214.0),
    ]
    body, head = strip_masthead(lines, 792.0, "A/80/188")
    assert texts(body) == ["Eightieth session"]
    assert head.date == "2025-07-17"
    assert head.meta["original_language"] == "English"


def test_dates_in_four_languages() -> None:
    assert parse_date("17 July 2025") == "2025-07-17"
    assert parse_date("2 mai 2025") == "2025-05-02"
    assert parse_date("17 de julio de 2024") == "2024-07-17"
    assert parse_date("20 февраля 2024 года") == "2024-02-20"
    assert parse_date("Eightieth session") is None


def test_front_matter_gives_title_and_facts_not_blocks() -> None:
    body = [
        line("Eightieth session", 214.0, bold=True),
        line("Item 72 (b) of the provisional agenda*", 226.0),
        line("Promotion and protection of human rights in the", 304.0, size=14.0, bold=True),
        line("context of climate change", 319.0, size=14.0, bold=True),
        line("Note by the Secretary-General", 346.0, size=12.0, bold=True),
        line("The Secretary-General has the honour to transmit the report.", 372.0),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "Promotion and protection of human rights in the context of climate change"
    assert front.meta["session"] == "Eightieth session"
    assert front.meta["subtitle"] == "Note by the Secretary-General"
    assert texts(rest) == ["The Secretary-General has the honour to transmit the report."]


def test_a_page_in_one_type_size_takes_its_title_from_under_the_agenda_lines() -> None:
    """Typewriter-era reports: the title is the mixed-case run under the agenda item's title in
    capitals, up to the "Report of" line; the lines stay in the body, so their ids do not move."""
    body = [
        line("Fifty-first session", 200.0),
        line("Agenda item 44", 212.0),
        line("WATER FOR THE DRYLANDS OF THE", 236.0, x0=150.0),
        line("SAHEL AND THE HORN", 248.0, x0=180.0),
        line("Wells and cisterns: the rainy-season survey", 272.0, x0=140.0),
        line("of the river basin commission", 284.0, x0=160.0),
        line("!", 290.0, x0=500.0),
        line("Report of the Secretary-General", 308.0, x0=170.0),
        line("1.   By its resolution 50/10, the Assembly asked for the survey.", 340.0),
    ]
    front, rest = split_front_matter(body, 10.0)
    assert front.title == "Wells and cisterns: the rainy-season survey of the river basin commission"
    assert rest == body


def test_a_one_size_page_with_no_title_of_its_own_is_titled_by_its_issuing_line() -> None:
    body = [
        line("Fifty-first session", 200.0),
        line("Agenda item 12", 212.0),
        line("QUESTION OF THE TERRITORY OF THE", 236.0),
        line("EASTERN ISLANDS", 248.0),
        line("Report of the Fourth Committee", 272.0),
        line("(Special Political Committee)", 284.0),
        line("I.   INTRODUCTION", 310.0),
    ]
    front, _ = split_front_matter(body, 10.0)
    assert front.title == "Report of the Fourth Committee (Special Political Committee)"
    # and a page with no agenda lines (a meeting record) gets no guessed title
    front, _ = split_front_matter([line("The meeting was called to order at 3 p.m.", 200.0)], 10.0)
    assert front.title == ""


# ---------------------------------------------------------------------------------------------------
# footnotes and the join across pages
# ---------------------------------------------------------------------------------------------------


def test_footnote_zone_starts_under_the_rule() -> None:
    lines = [
        line("6. Renewables should be", 630.0),
        line("[^1] Submission by the Alliance.", 660.0, size=8.5),
        line("[^2] See also the Platform.", 671.0, size=8.5),
    ]
    top = find_zone_top(lines, [649.0], 10.0)
    body, notes = split_zone(lines, top)
    assert texts(body) == ["6. Renewables should be"]
    assert texts(notes) == ["[^1] Submission by the Alliance.", "[^2] See also the Platform."]


def test_a_table_under_a_rule_is_not_a_footnote_zone() -> None:
    lines = [line(f"Row {k} of the table in body type", 400.0 + 12 * k) for k in range(12)]
    assert find_zone_top(lines, [390.0], 10.0) is None


def test_footnotes_continue_on_the_next_page() -> None:
    notes = NoteCollector()
    for ln in [
        line("[^1] Karen O'Brien and others, Thematic", 660.0, size=8.5),
        line("Assessment Report.", 671.0, size=8.5),
        line("(continued) Summary for Policymakers.", 660.0, size=8.5, page=2),
        line("2 Plain-numbered note.", 671.0, size=8.5, page=2),
        line("2024 Annual Report, Geneva.", 682.0, size=8.5, page=2),
    ]:
        notes.feed(ln)
    got = [(f.number, f.text, f.page) for f in notes.footnotes()]
    assert got == [
        (
            "1",
            "Karen O'Brien and others, Thematic Assessment Report. (continued) Summary for Policymakers.",
            1,
        ),
        ("2", "Plain-numbered note. 2024 Annual Report, Geneva.", 2),
    ]


def test_endnotes_start_at_the_closing_notes_title() -> None:
    lines = [
        line("53. Last paragraph.", 100.0),
        line("Notes", 130.0, bold=True),
        line("[^1] Joint submission 1.", 150.0),
    ]
    assert find_endnotes_start(lines) == 1


def test_old_style_markers_become_references() -> None:
    assert (
        old_markers_to_refs("the Committee, 1/ as well (A/48/23)", {"1"})
        == "the Committee,[^1] as well (A/48/23)"
    )
    assert old_markers_to_refs("resolution 48/1 and 2/ only", {"1"}) == "resolution 48/1 and 2/ only"


# ---------------------------------------------------------------------------------------------------
# repair
# ---------------------------------------------------------------------------------------------------


def test_lines_join_and_broken_words_rejoin() -> None:
    text = join_lines(["a bila-", "teral arrangement and pre-", "migration training"])
    words, compounds = vocabulary([text])
    assert resolve_breaks(text, words, compounds) == "a bilateral arrangement and pre-migration training"


def test_the_reports_own_spelling_decides_a_line_end_hyphen() -> None:
    text = join_lines(["the rights-", "based approach"])
    words, compounds = vocabulary([text, "a rights-based approach"])
    assert resolve_breaks(text, words, compounds) == "the rights-based approach"


def test_soft_hyphens_ligatures_and_spaced_hyphens() -> None:
    assert join_lines(["акти\u00ad", "визировав"]) == "активизировав"
    assert expand_ligatures("\ufb01nancial e\ufb00ort") == "financial effort"
    assert tidy("the plaintiff -parent") == "the plaintiff-parent"


# ---------------------------------------------------------------------------------------------------
# structure
# ---------------------------------------------------------------------------------------------------


def test_headings_paragraphs_and_items() -> None:
    lines = [
        line("I. Introduction", 100.0, size=14.0, bold=True, indent=-60.0),
        line("1. The Committee met twice", 120.0),
        line("and adopted its report.[^1]", 132.0),
        line("2. The Committee recommends:", 150.0),
        line("(a) Consultation;", 162.0, indent=20.0),
        line("(b) Remedies.", 174.0, indent=20.0),
        line("A. Scope", 192.0, bold=True, indent=-60.0),
        line("3. Text on the next page", 100.0, page=2),
        line("continues here.", 112.0, page=2),
        line("12. wrapped to a line start is not paragraph 12.", 124.0, page=2),
    ]
    blocks = build_blocks(lines, 10.0)
    summary = [(b.label, b.text) if isinstance(b, DraftHeading) else (b.number, b.text) for b in blocks]
    assert summary == [
        ("I.", "Introduction"),
        ("1", "The Committee met twice and adopted its report.[^1]"),
        ("2", "The Committee recommends:"),
        ("A.", "Scope"),
        ("3", "Text on the next page continues here. 12. wrapped to a line start is not paragraph 12."),
    ]
    para2 = blocks[2]
    assert isinstance(para2, DraftParagraph) and blocks[4].page == 2
    assert [(i.label, i.text) for i in para2.items] == [("(a)", "Consultation;"), ("(b)", "Remedies.")]


def test_decimal_sub_numbers_and_annex_restart() -> None:
    lines = [
        line("1. The review took place.", 88.0),
        line("2. The following recommendations", 100.0),
        line("2.1 Ratify the Convention;", 112.0),
        line("2.2 Adopt a law;", 124.0),
        line("3. Closing paragraph.", 136.0),
        line("Annex", 160.0, bold=True, indent=-60.0),
        line("1. The annex restarts its numbering.", 180.0),
    ]
    numbers = [b.number for b in build_blocks(lines, 10.0) if isinstance(b, DraftParagraph)]
    assert numbers == ["1", "2", "2.1", "2.2", "3", "1"]


def test_table_of_contents_lines_are_not_paragraphs() -> None:
    lines = [
        line("I. Introduction . . . . . . . . . . . 1–10 3", 100.0),
        line("1. The Committee met.", 130.0),
    ]
    blocks = build_blocks(lines, 10.0)
    assert [b.number for b in blocks if isinstance(b, DraftParagraph)] == [None, "1"]


def test_unnumbered_speeches_open_at_a_first_line_indent() -> None:
    lines = [
        line("The Acting President: I give the floor", 100.0, x0=90.0, indent=18.0),
        line("to the Secretariat.", 112.0),
        line("Ms. Sharma: Thank you.", 124.0, x0=90.0, indent=18.0),
    ]
    assert [b.text for b in build_blocks(lines, 10.0)] == [
        "The Acting President: I give the floor to the Secretariat.",
        "Ms. Sharma: Thank you.",
    ]


def test_language_detection() -> None:
    assert detect_language("The Committee and the State party of the report") == "en"
    assert detect_language("Le Comité et les États parties pour la mise en œuvre des droits") == "fr"
    assert detect_language("El Comité y los Estados para la aplicación de las normas del") == "es"
    assert detect_language("Комитет по ликвидации дискриминации в отношении женщин") == "ru"


# ---------------------------------------------------------------------------------------------------
# the whole assembly on synthetic pages
# ---------------------------------------------------------------------------------------------------


def test_assembly_joins_pages_and_keeps_a_marker_without_a_note_as_text() -> None:
    from sitegen.errors import Diagnostics
    from sitegen.readers.pdf import assemble
    from sitegen.readers.pdf.document import PageText

    page1 = [
        line("A/80/188", 50.0, page=1, x0=500.0),
        line("1. The Committee met and", 100.0),
        line("adopted the report.[^1]", 112.0),
        line("2. The cost was 10[^7] dollars", 124.0),
        line("[^1] Note one.", 660.0, size=8.5),
        line("25-11710", 750.0),
        line("1/2", 750.0, x0=500.0),
    ]
    page2 = [
        line("A/80/188", 50.0, page=2, x0=500.0),
        line("and more.", 100.0, page=2),
        line("25-11710", 750.0, page=2),
        line("2/2", 750.0, page=2, x0=500.0),
    ]
    diag = Diagnostics()
    draft = assemble(
        "A_80_188.pdf",
        [PageText(1, 612.0, 792.0, page1, [649.0]), PageText(2, 612.0, 792.0, page2, [])],
        diag,
    )
    assert draft.symbol == "A/80/188"
    paras = [(b.number, b.text) for b in draft.blocks if isinstance(b, DraftParagraph)]
    assert paras == [
        ("1", "The Committee met and adopted the report.[^1]"),
        ("2", "The cost was 107 dollars and more."),
    ]
    assert [(f.number, f.text) for f in draft.footnotes] == [("1", "Note one.")]
    assert [d.code for d in diag] == ["footnote-missing"]
