"""The PDF reader, one layout feature at a time, on small PDFs generated in UN layout.

Each test writes a report described in Python (tests/unlayout.py) as a PDF, reads it with
`read_report`, and compares the model with what CONTRACT.md section 2 demands for that report: the
exact numbers, labels and texts, footnote references "[^N]" where the raised markers stood, and no
page furniture. Where a test relies on the PDF having a feature (a footnote running onto the next
page, a word broken at a line end), it first checks the PDF itself, so a change in the generator
cannot turn it into a test of nothing.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from sitegen.model import Paragraph, Reference
from sitegen.model import Report as ModelReport
from sitegen.readers import read_report
from tests.unlayout import (
    Heading,
    Item,
    PageBreak,
    Para,
    Report,
    Style,
    Table,
    Verbatim,
    cyrillic_font_path,
    page_texts,
    plain,
    render_pdf,
    write_pdf,
)

# ---------------------------------------------------------------------------------------------------
# Report text shared by the tests
# ---------------------------------------------------------------------------------------------------

TITLE = "Promotion and protection of human rights in the context of climate change and migration"

FILLER = (
    "States should ensure that the measures they adopt are consistent with their obligations under "
    "international human rights law, and that affected communities are consulted in good time."
)


def long_text(sentences: int, seed: str = "") -> str:
    """Plain body text of about `sentences` sentences, each one different."""
    return " ".join(f"{seed}Measure {n} is reviewed every year. {FILLER}" for n in range(1, sentences + 1))


def report(
    *blocks: object, footnotes: dict[str, str] | None = None, title: str = TITLE, **kw: object
) -> Report:
    return Report(title=title, blocks=tuple(blocks), footnotes=footnotes or {}, **kw)  # type: ignore[arg-type]


def read(tmp_path: Path, rep: Report, name: str = "A_80_188.pdf") -> ModelReport:
    """Write the report as a PDF (a file name with no language, so the masthead must tell) and read it."""
    return read_report(write_pdf(rep, tmp_path / name))


def pdf_chars(rep: Report) -> list[list[dict]]:
    """pdfplumber's characters on each page of the generated PDF."""
    return pdf_texts_and_chars(rep)[1]


def pdf_texts_and_chars(rep: Report) -> tuple[list[str], list[list[dict]]]:
    """Each page's text and characters, from one parse (pdfminer is the slow part of these tests)."""
    with pdfplumber.open(io.BytesIO(render_pdf(rep))) as pdf:
        return [page.extract_text() or "" for page in pdf.pages], [list(page.chars) for page in pdf.pages]


def paragraphs(model: ModelReport) -> list[tuple[str | None, str, list[tuple[str, str]]]]:
    return [(p.number, p.text, [(i.label, i.text) for i in p.items]) for p in model.paragraphs]


def headings(model: ModelReport) -> list[tuple[int, str, str]]:
    return [(h.level, h.label, h.text) for h in model.headings]


def footnotes(model: ModelReport) -> list[tuple[str, str]]:
    return [(f.number, f.text) for f in model.footnotes]


def every_text(model: ModelReport) -> list[str]:
    """Every text of the model a reader sees: blocks, items, footnotes."""
    out: list[str] = []
    for b in model.blocks:
        out.append(b.text)
        if isinstance(b, Paragraph):
            out += [i.text for i in b.items]
    return out + [f.text for f in model.footnotes]


# ---------------------------------------------------------------------------------------------------
# The generator itself
# ---------------------------------------------------------------------------------------------------


def test_generator_is_deterministic() -> None:
    rep = report(Heading("I.", "Introduction"), Para("1", "Text.[^1]"), footnotes={"1": "Note."})
    assert render_pdf(rep) == render_pdf(rep)


# ---------------------------------------------------------------------------------------------------
# Masthead
# ---------------------------------------------------------------------------------------------------


def test_masthead_gives_symbol_title_language_and_date(tmp_path: Path) -> None:
    rep = report(Heading("I.", "Introduction"), Para("1", "The report covers the period under review."))
    model = read(tmp_path, rep)
    assert model.symbol == "A/80/188"  # printed as a big "A" and a small "/80/188"
    assert model.slug == "A/80/188"
    assert model.title == TITLE  # two lines on the page, one title; not the subtitle, not the agenda
    assert model.language == "en"
    assert model.date == "2025-07-17"
    assert model.source.pages == 1
    assert headings(model) == [(1, "I.", "Introduction")]
    assert paragraphs(model) == [("1", "The report covers the period under review.", [])]


def test_masthead_of_an_economic_and_social_council_report(tmp_path: Path) -> None:
    rep = report(
        Para("1", "The present report is submitted pursuant to Council resolution 2024/15."),
        symbol="E/2025/60",
        organ="Economic and Social Council",
        date="2 May 2025",
        session="2025 session",
        agenda="Item 18 (b) of the provisional agenda",
    )
    model = read(tmp_path, rep, name="E_2025_60.pdf")
    assert (model.symbol, model.slug, model.date) == ("E/2025/60", "E/2025/60", "2025-05-02")
    assert paragraphs(model) == [
        ("1", "The present report is submitted pursuant to Council resolution 2024/15.", [])
    ]


# ---------------------------------------------------------------------------------------------------
# Paragraphs, sub-paragraphs, headings
# ---------------------------------------------------------------------------------------------------


def test_numbered_paragraphs_keep_their_numbers_and_text(tmp_path: Path) -> None:
    texts = [
        "The Special Rapporteur thanks the States that replied to the questionnaire.",
        long_text(3),  # several lines: joined with single spaces
        "Recent guidance is summarized in the annex.",
    ]
    rep = report(*(Para(str(n), t) for n, t in enumerate(texts, start=1)))
    model = read(tmp_path, rep)
    assert paragraphs(model) == [(str(n), t, []) for n, t in enumerate(texts, start=1)]
    assert [p.id for p in model.paragraphs] == ["para-1", "para-2", "para-3"]
    assert all(p.page == 1 for p in model.paragraphs)


def test_paragraph_numbers_hanging_in_the_margin(tmp_path: Path) -> None:
    texts = [long_text(2), "The second paragraph is short.", long_text(1, "Third. ")]
    rep = report(
        Heading("I.", "Introduction"),
        *(Para(str(n), t) for n, t in enumerate(texts, start=1)),
        style=Style(hanging_numbers=True),
    )
    numbers = [c for c in pdf_chars(rep)[0] if c["text"] in "123" and c["x0"] < 110 and 360 < c["top"] < 720]
    assert len(numbers) == 3  # the numbers stand left of the text block
    model = read(tmp_path, rep)
    assert headings(model) == [(1, "I.", "Introduction")]
    assert paragraphs(model) == [(str(n), t, []) for n, t in enumerate(texts, start=1)]


def test_sub_paragraphs_become_items_with_their_labels(tmp_path: Path) -> None:
    rep = report(
        Para(
            "1",
            "The Committee recommends that the State party:",
            items=(
                Item(
                    "(a)",
                    "Adopt a comprehensive law on migration that covers every stage of the journey, "
                    "including return and reintegration;",
                ),
                Item("(b)", "Collect data disaggregated by sex and age;"),
                Item("(c)", "Ratify the Convention."),
            ),
        ),
        Para("2", "The Committee requests a follow-up report within two years."),
    )
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        (
            "1",
            "The Committee recommends that the State party:",
            [
                (
                    "(a)",
                    (
                        "Adopt a comprehensive law on migration that covers every stage of the journey, "
                        "including return and reintegration;"
                    ),
                ),
                ("(b)", "Collect data disaggregated by sex and age;"),
                ("(c)", "Ratify the Convention."),
            ],
        ),
        ("2", "The Committee requests a follow-up report within two years.", []),
    ]
    assert [i.id for i in model.paragraphs[0].items] == ["para-1-a", "para-1-b", "para-1-c"]


def test_headings_keep_level_label_and_text(tmp_path: Path) -> None:
    rep = report(
        Heading("I.", "Introduction"),
        Para("1", "The report has three parts."),
        Heading("II.", "Human rights and renewable energy"),
        Heading("A.", "Scope of international obligations", level=2),
        Para("2", "States have obligations of conduct and of result."),
        Heading("1.", "Prior assessments", level=3),
        Para("3", "Assessments come first."),
        Heading("B.", "Remedies", level=2),
        Para("4", "Remedies must be effective."),
    )
    model = read(tmp_path, rep)
    assert headings(model) == [
        (1, "I.", "Introduction"),
        (1, "II.", "Human rights and renewable energy"),
        (2, "A.", "Scope of international obligations"),
        (3, "1.", "Prior assessments"),
        (2, "B.", "Remedies"),
    ]
    assert [type(b).__name__ for b in model.blocks] == [
        "Heading",
        "Paragraph",
        "Heading",
        "Heading",
        "Paragraph",
        "Heading",
        "Paragraph",
        "Heading",
        "Paragraph",
    ]
    assert [p.number for p in model.paragraphs] == ["1", "2", "3", "4"]
    assert [h.id for h in model.headings] == ["sec-i", "sec-ii", "sec-ii-a", "sec-ii-a-1", "sec-ii-b"]


def recommendation(n: int) -> str:
    """One recommendation of a list, long enough to wrap, each different."""
    return (
        f"To adopt measure {n} so that every affected community is consulted in good time before a "
        f"project is approved, and to publish the results of each consultation (State {n});"
    )


@pytest.mark.parametrize("bold", [True, False], ids=["bold", "regular"])
def test_numbered_list_inside_a_paragraph_is_its_items(tmp_path: Path, bold: bool) -> None:
    # UPR reports list recommendations "1." to "97." under one numbered paragraph, indented past its
    # edge (and often bold): items of that paragraph, not level-3 headings and not paragraphs; here
    # item "3." comes when paragraph 3 is the number expected next, and the list runs over a page
    on = "{b}" if bold else ""
    lead = "The recommendations listed below will be examined by the State under review."
    rep = report(
        Para("1", long_text(6)),
        Para("2", on + lead, items=tuple(Item(f"{n}.", on + recommendation(n)) for n in range(1, 31))),
        Heading("III.", "Voluntary pledges"),
        Para("3", "The State under review made voluntary pledges."),
    )
    texts = page_texts(rep)
    assert len(texts) > 1 and not texts[0].rstrip().endswith(")") and "\n3. To adopt" in texts[0]
    model = read(tmp_path, rep)
    assert headings(model) == [(1, "III.", "Voluntary pledges")]
    assert paragraphs(model) == [
        ("1", long_text(6), []),
        ("2", lead, [(f"{n}.", recommendation(n)) for n in range(1, 31)]),
        ("3", "The State under review made voluntary pledges.", []),
    ]
    assert model.paragraphs[1].items[27].id == "para-2-28"


def test_numbered_paragraph_with_a_number_wrapped_to_a_line_start_has_no_list(tmp_path: Path) -> None:
    # "1." opening a line inside a sentence, under a paragraph, is no list even where items stand
    text = "The Council adopted the text in its resolution 60/{/} 1. The State reported on it in 2024."
    rep = report(
        Para("1", "The report covers the period."),
        Para("2", text),
        Para("3", "The Committee thanked the State."),
    )
    assert "\n1. The State" in page_texts(rep)[0]
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        ("1", "The report covers the period.", []),
        ("2", plain(text), []),
        ("3", "The Committee thanked the State.", []),
    ]


def test_bold_run_from_a_line_start_inside_a_sentence_is_no_heading(tmp_path: Path) -> None:
    # the bold request opens a line in mid-sentence ("... The" / "Inspectors suggest ..."), at the
    # paragraph's own line spacing: still paragraph 1, not an unlabelled heading
    text = (
        "Solicitation of paid sex is named in the bulletin and in the core principles. However, "
        "this is not stated clearly in several policies. The{/} {b}Inspectors suggest that policies "
        "should clearly state that such solicitation is not tolerated, even where it is legal."
    )
    rep = report(Heading("B.", "Gaps in policies", level=2), Para("1", text), Para("2", "Other gaps remain."))
    assert "\nInspectors suggest" in page_texts(rep)[0]
    model = read(tmp_path, rep)
    assert headings(model) == [(2, "B.", "Gaps in policies")]
    assert paragraphs(model) == [("1", plain(text), []), ("2", "Other gaps remain.", [])]


def test_heading_wrapped_before_a_lower_case_word_is_one_heading(tmp_path: Path) -> None:
    head = "A path forward: establishing one comprehensive{/} policy on sexual misconduct"
    rep = report(Heading("C.", head, level=2), Para("1", "Many policies have gaps."))
    assert "comprehensive\npolicy on" in page_texts(rep)[0]
    model = read(tmp_path, rep)
    assert headings(model) == [(2, "C.", plain(head))]
    assert paragraphs(model) == [("1", "Many policies have gaps.", [])]


def test_citation_item_wrapped_to_a_line_start_is_no_sub_paragraph(tmp_path: Path) -> None:
    # "(b)." opening a line ends a citation ("para. 12 (b)."); a sub-paragraph's label is followed by text
    text = (
        "Eleven States provide a basic quantity of water free of charge, in line with A/90/101, para. "
        "12{/} (b). Only three of them regulate the prices that vendors charge."
    )
    rep = report(Para("1", text), Para("2", "Prices vary widely."))
    assert "\n(b). Only" in page_texts(rep)[0]
    model = read(tmp_path, rep)
    assert paragraphs(model) == [("1", plain(text), []), ("2", "Prices vary widely.", [])]


def test_level_one_heading_under_the_title_is_no_part_of_it(tmp_path: Path) -> None:
    # with no subtitle, "I. Introduction" (bold 14 pt, as the title) follows the title on page 1
    rep = report(Heading("I.", "Introduction"), Para("1", "The report covers the period."), subtitle=None)
    model = read(tmp_path, rep)
    assert model.title == TITLE
    assert headings(model) == [(1, "I.", "Introduction")]


def test_unnumbered_paragraph_keeps_its_text(tmp_path: Path) -> None:
    summary = (
        "In the present report, the Special Rapporteur examines the human rights impacts of "
        "renewable energy projects and recommends safeguards."
    )
    rep = report(
        Heading("", "Summary", level=2),
        Para(None, summary),
        Heading("I.", "Introduction"),
        Para("1", "The mandate was renewed in 2024."),
    )
    model = read(tmp_path, rep)
    assert paragraphs(model) == [(None, summary, []), ("1", "The mandate was renewed in 2024.", [])]
    # the contract gives no level to an unnumbered heading; its label and text are exact
    assert [(h.label, h.text) for h in model.headings] == [("", "Summary"), ("I.", "Introduction")]
    assert headings(model)[1] == (1, "I.", "Introduction")


# ---------------------------------------------------------------------------------------------------
# Footnotes
# ---------------------------------------------------------------------------------------------------


def test_footnote_markers_become_references_where_they_stood(tmp_path: Path) -> None:
    rep = report(
        Para(
            "1",
            "Renewable energy is the cheapest option in most countries,[^1] according to the "
            "International Renewable Energy Agency.[^2] Costs fell by 85 per cent.",
        ),
        Para(
            "2",
            "The Committee recommends:",
            items=(Item("(a)", "Consultation before approval;[^3]"), Item("(b)", "Remedies.")),
        ),
        footnotes={
            "1": "Submission by the Global Climate and Health Alliance.",
            "2": "See A/78/180, para. 68 (j).",
            "3": "See also submission by the Migration Youth and Children Platform.",
        },
    )
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        (
            "1",
            (
                "Renewable energy is the cheapest option in most countries,[^1] according to the "
                "International Renewable Energy Agency.[^2] Costs fell by 85 per cent."
            ),
            [],
        ),
        (
            "2",
            "The Committee recommends:",
            [("(a)", "Consultation before approval;[^3]"), ("(b)", "Remedies.")],
        ),
    ]
    assert footnotes(model) == [
        ("1", "Submission by the Global Climate and Health Alliance."),
        ("2", "See A/78/180, para. 68 (j)."),
        ("3", "See also submission by the Migration Youth and Children Platform."),
    ]
    assert [f.id for f in model.footnotes] == ["fn-1", "fn-2", "fn-3"]
    assert [f.page for f in model.footnotes] == [1, 1, 1]
    # the citation in footnote 2 is found like any other (CONTRACT.md section 2, "references")
    assert (
        Reference(from_id="fn-2", symbol="A/78/180", paragraph="68", item="j", text="A/78/180, para. 68 (j)")
        in model.references
    )


def test_footnote_marker_glued_to_a_number(tmp_path: Path) -> None:
    # S/2025/85 prints markers right after years and figures: "in 2023.31"
    rep = report(
        Para("1", "Seizures rose in 2023.[^1] A further 1,200[^2] firearms were traced."),
        footnotes={"1": "National police data.", "2": "Estimate for 2024."},
    )
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        ("1", "Seizures rose in 2023.[^1] A further 1,200[^2] firearms were traced.", [])
    ]
    assert footnotes(model) == [("1", "National police data."), ("2", "Estimate for 2024.")]


def test_footnotes_on_later_pages_keep_numbers_and_pages(tmp_path: Path) -> None:
    # enough text for three pages: each paragraph ends with a reference to its own footnote
    paras = [Para(str(n), long_text(5, f"P{n}. ") + f"[^{n}]") for n in range(1, 13)]
    notes = {str(n): f"Note {n}: see A/79/213, para. {n}." for n in range(1, 13)}
    rep = report(*paras, footnotes=notes)
    pages = page_texts(rep)
    assert len(pages) >= 3
    model = read(tmp_path, rep)
    assert paragraphs(model) == [(p.number, p.text, []) for p in paras]
    assert footnotes(model) == list(notes.items())
    for f in model.footnotes:  # each note is printed on the page of its reference
        assert f"Note {f.number}: see" in pages[f.page - 1]


def test_footnote_continues_on_next_page(tmp_path: Path) -> None:
    long_note = " ".join(
        f"Source {n}: report of the Working Group on the right to development." for n in range(1, 31)
    )
    # paragraph 1 fills most of page 1 and cites note 1 near the page foot
    rep = report(
        Para("1", long_text(9) + " The guidance follows.[^1]"),
        Para("2", long_text(3, "Second. ") + "[^2]"),
        footnotes={"1": long_note, "2": "Short note."},
    )
    pages = page_texts(rep)
    assert "Source 1:" in pages[0] and "Source 30:" in pages[1] and "Source 30:" not in pages[0]
    model = read(tmp_path, rep)
    assert footnotes(model) == [("1", long_note), ("2", "Short note.")]
    assert model.footnotes[0].page == 1
    assert paragraphs(model) == [
        ("1", long_text(9) + " The guidance follows.[^1]", []),
        ("2", long_text(3, "Second. ") + "[^2]", []),
    ]


def test_endnotes_are_footnotes_and_not_blocks(tmp_path: Path) -> None:
    # the 2009 OHCHR summaries print every note under "Notes" at the end of the report
    notes = {str(n): f"Joint submission {n} by civil society organizations, Ljubljana." for n in range(1, 6)}
    paras = [Para(str(n), long_text(2, f"Issue {n}. ") + f"[^{n}]") for n in range(1, 6)]
    rep = report(Heading("I.", "Background and framework"), *paras, footnotes=notes, endnotes=True)
    printed = "\n".join(page_texts(rep))
    assert printed.index("\nNotes\n") > printed.index("Issue 5.")  # the notes follow the last paragraph
    model = read(tmp_path, rep)
    assert headings(model) == [(1, "I.", "Background and framework")]
    assert paragraphs(model) == [(p.number, p.text, []) for p in paras]
    assert footnotes(model) == list(notes.items())


# ---------------------------------------------------------------------------------------------------
# Page breaks and furniture
# ---------------------------------------------------------------------------------------------------


def test_paragraph_continues_over_page_break(tmp_path: Path) -> None:
    first = long_text(10, "First. ")
    running = long_text(8, "Running. ")
    rep = report(Para("1", first), Para("2", running), Para("3", "The last paragraph."))
    pages = [" ".join(page.split()) for page in page_texts(rep)]
    assert (
        "Running. Measure 1" in pages[0] and "Running. Measure 8" in pages[1]
    )  # paragraph 2 spans the break
    model = read(tmp_path, rep)
    assert paragraphs(model) == [("1", first, []), ("2", running, []), ("3", "The last paragraph.", [])]
    assert [p.page for p in model.paragraphs] == [1, 1, 2]


def test_sub_paragraph_continues_over_page_break(tmp_path: Path) -> None:
    first = long_text(10, "First. ")
    item_a = long_text(8, "Item. ") + ";"
    rep = report(
        Para("1", first),
        Para(
            "2",
            "The State party should:",
            items=(Item("(a)", item_a), Item("(b)", "Report back within two years.")),
        ),
    )
    pages = [" ".join(page.split()) for page in page_texts(rep)]
    assert "Item. Measure 1" in pages[0] and "Item. Measure 8" in pages[1]  # item (a) spans the break
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        ("1", first, []),
        ("2", "The State party should:", [("(a)", item_a), ("(b)", "Report back within two years.")]),
    ]


def test_heading_at_the_top_of_a_page_and_an_unnumbered_paragraph_over_a_break(tmp_path: Path) -> None:
    summary = long_text(20, "Summary. ")  # unnumbered, longer than page 1's room under the masthead
    rep = report(
        Heading("", "Summary", level=2),
        Para(None, summary),
        PageBreak(),
        Heading("I.", "Introduction"),
        Para("1", "The mandate was renewed in 2024."),
    )
    pages = [" ".join(page.split()) for page in page_texts(rep)]
    assert "Summary. Measure 1" in pages[0] and "Summary. Measure 20" in pages[1]
    assert "I. Introduction" in pages[2]
    model = read(tmp_path, rep)
    assert [(h.label, h.text, h.page) for h in model.headings] == [
        ("", "Summary", 1),
        ("I.", "Introduction", 3),
    ]
    assert paragraphs(model) == [(None, summary, []), ("1", "The mandate was renewed in 2024.", [])]
    assert [p.page for p in model.paragraphs] == [1, 3]


def test_no_page_furniture_in_any_text(tmp_path: Path) -> None:
    paras = [Para(str(n), long_text(5, f"Part {n}. ") + f"[^{n}]") for n in range(1, 11)]
    notes = {str(n): f"Submission {n} received in writing." for n in range(1, 11)}
    rep = report(Heading("I.", "Introduction"), *paras, footnotes=notes)
    pages, chars_by_page = pdf_texts_and_chars(rep)
    assert len(pages) >= 3 and all("A/80/188" in p and "24-13410" in p for p in pages[1:])
    for number, chars in enumerate(chars_by_page[1:], start=2):  # running head: left on even pages
        head_x = min(c["x0"] for c in chars if c["top"] < 62)
        assert (head_x < 100) == (number % 2 == 0)
    model = read(tmp_path, rep)
    counter = re.compile(rf"\b\d+/{len(pages)}\b")
    for text in every_text(model):
        assert "A/80/188" not in text
        assert "24-13410" not in text and "2413410" not in text
        assert not counter.search(text), text
        assert "___" not in text
        assert "United Nations" not in text and "Distr" not in text and "General Assembly" not in text
    assert paragraphs(model) == [(p.number, p.text, []) for p in paras]
    assert footnotes(model) == list(notes.items())
    assert model.source.pages == len(pages)


# ---------------------------------------------------------------------------------------------------
# Words: hyphens, ligatures, overprinting, missing spaces
# ---------------------------------------------------------------------------------------------------

HYPHEN_LEAD = (
    "The Special Rapporteur visited the border region and met officials responsible for the "
    "new agreement, which is a"
)


def test_hyphen_of_a_word_broken_at_line_end_is_removed(tmp_path: Path) -> None:
    marked = HYPHEN_LEAD + " bila{-}teral arrangement between the two countries of origin and destination."
    rep = report(Para("1", marked))
    assert any(line.endswith("bila-") for line in page_texts(rep)[0].splitlines())
    model = read(tmp_path, rep)
    assert paragraphs(model) == [("1", plain(marked), [])]
    assert "bilateral arrangement" in model.paragraphs[0].text


def test_hyphen_of_a_compound_at_line_end_is_kept(tmp_path: Path) -> None:
    marked = HYPHEN_LEAD + " pre-{/}migration training programme for workers and their families abroad."
    rep = report(Para("1", marked))
    assert any(line.endswith("pre-") for line in page_texts(rep)[0].splitlines())
    model = read(tmp_path, rep)
    assert paragraphs(model) == [("1", plain(marked), [])]
    assert "pre-migration training" in model.paragraphs[0].text


def test_broken_words_in_items_and_footnotes_are_joined(tmp_path: Path) -> None:
    item = (
        "Strengthen the capacity of the national human rights institution and of civil society to "
        "monitor the implementation of the recom{-}mendations made in the universal periodic review;"
    )
    note = (
        "Submission by the Association for the Theory and Culture of Handicap, Ljubljana, on the situation "
        "of persons with disabilities and their access to the infor{-}mation society."
    )
    rep = report(
        Para("1", "The Committee recommends that the State party:[^1]", items=(Item("(a)", item),)),
        footnotes={"1": note},
    )
    lines = page_texts(rep)[0].splitlines()
    assert any(ln.endswith("recom-") for ln in lines) and any(ln.endswith("infor-") for ln in lines)
    model = read(tmp_path, rep)
    assert paragraphs(model) == [
        ("1", "The Committee recommends that the State party:[^1]", [("(a)", plain(item))])
    ]
    assert footnotes(model) == [("1", plain(note))]


def test_url_broken_at_line_end_in_a_footnote_is_one_url(tmp_path: Path) -> None:
    # E/2025/60 and A/HRC/EMRIP/2025/2 cite long URLs that Word breaks after a slash
    note = (
        "Office of the United Nations High Commissioner for Human Rights, guidance note, available at "
        "https://www.ohchr.org/en/documents/{/}thematic-reports/guidance-note-2025."
    )
    rep = report(Para("1", "Guidance was published in 2025.[^1]"), footnotes={"1": note})
    assert any(ln.endswith("/documents/") for ln in page_texts(rep)[0].splitlines())
    model = read(tmp_path, rep)
    assert footnotes(model) == [("1", plain(note))]


def test_ligatures_are_expanded(tmp_path: Path) -> None:
    text = (
        "The financial office of the field mission filed five reports on the flow of refugees "
        "and the conflict in the first half of the fiscal year.[^1]"
    )
    rep = report(
        Para("1", text),
        footnotes={"1": "Office of the High Commissioner, field files."},
        style=Style(ligatures=True),
    )
    chars = "".join(c["text"] for c in pdf_chars(rep)[0])
    assert "\ufb01" in chars and "\ufb02" in chars  # the PDF has the ligature glyphs
    model = read(tmp_path, rep)
    assert paragraphs(model) == [("1", text, [])]
    assert footnotes(model) == [("1", "Office of the High Commissioner, field files.")]


def test_fake_bold_doubled_characters_are_removed(tmp_path: Path) -> None:
    rep = report(
        Heading("I.", "Introduction"),
        Para("1", "The Assembly met in October."),
        Heading("A.", "Follow-up to the summit", level=2),
        Para("2", "Offers were made."),
        style=Style(fake_bold=True),
    )
    assert "IInnttrroodduuccttiioonn" in page_texts(rep)[0]  # the text layer doubles each letter
    model = read(tmp_path, rep)
    assert model.title == TITLE
    assert headings(model) == [(1, "I.", "Introduction"), (2, "A.", "Follow-up to the summit")]
    assert paragraphs(model) == [("1", "The Assembly met in October.", []), ("2", "Offers were made.", [])]


def test_word_gaps_are_rebuilt_without_space_characters(tmp_path: Path) -> None:
    texts = [long_text(2), "The Committee on Science and Technology adopted its agenda.[^1]"]
    rep = report(
        Heading("I.", "Organization of the session"),
        *(Para(str(n), t) for n, t in enumerate(texts, 1)),
        footnotes={"1": "See the report of the Committee on its first session (ICCD/COP(8)/CST/1)."},
        style=Style(no_spaces=True),
    )
    body = [c for c in pdf_chars(rep)[0] if 365 < c["top"] < 720]  # below the masthead's title
    assert body and not any(c["text"] == " " for c in body)  # words placed by position only
    model = read(tmp_path, rep)
    assert headings(model) == [(1, "I.", "Organization of the session")]
    assert paragraphs(model) == [(str(n), t, []) for n, t in enumerate(texts, 1)]
    assert footnotes(model) == [
        ("1", "See the report of the Committee on its first session (ICCD/COP(8)/CST/1).")
    ]


# ---------------------------------------------------------------------------------------------------
# Tables, two columns
# ---------------------------------------------------------------------------------------------------


def test_table_text_is_kept_in_reading_order(tmp_path: Path) -> None:
    rows = (("Year", "Projects", "Share"), ("2023", "12", "3 per cent"), ("2024", "15", "4 per cent"))
    rep = report(
        Para("1", "The table shows the projects reviewed."),
        Table(rows, caption="Table 1"),
        Para("2", "The share rose in 2024."),
    )
    model = read(tmp_path, rep)
    numbered = [(n, t, i) for n, t, i in paragraphs(model) if n is not None]
    assert numbered == [
        ("1", "The table shows the projects reviewed.", []),
        ("2", "The share rose in 2024.", []),
    ]
    # whatever blocks the table becomes, they stand between paragraphs 1 and 2, cells in row order
    blocks = list(model.blocks)
    start = blocks.index(model.paragraphs[0])
    end = blocks.index(next(p for p in model.paragraphs if p.number == "2"))
    between = " ".join(b.text for b in blocks[start + 1 : end])
    words = between.split()
    cells = [w for row in rows for cell in row for w in cell.split()]
    positions = [words.index(w, 0) for w in ("Table", "Year", "Projects", "Share")]
    assert positions == sorted(positions)
    found, k = [], 0
    for w in words:  # every cell word, in row-major order, as a subsequence of the text
        if k < len(cells) and w == cells[k]:
            found.append(w)
            k += 1
    assert found == cells, between


def test_one_column_verbatim_record_keeps_each_speech_one_paragraph(tmp_path: Path) -> None:
    # A/79/PV.64 itself is set in one column: bold speaker labels open unnumbered paragraphs
    speeches = [
        (
            "The Acting President:",
            (
                "I now give the floor to the representative of the Congo to introduce "
                "draft resolution A/79/L.64."
            ),
        ),
        ("Mr. Makayat-Safouesse (Congo) (spoke in French):", long_text(3, "Congo. ")),
        ("The Acting President:", "We have heard the only speaker in explanation of vote before the voting."),
    ]
    rep = report(
        *(Para(None, text, speaker=who) for who, text in speeches),
        symbol="A/79/PV.64",
        title="General Assembly Seventy-ninth session 64th plenary meeting",
        subtitle=None,
    )
    model = read(tmp_path, rep, name="A_79_PV.64.pdf")
    assert paragraphs(model) == [(None, f"{who} {text}", []) for who, text in speeches]
    assert headings(model) == []


def test_two_column_verbatim_record_reads_left_column_first(tmp_path: Path) -> None:
    speeches = [
        ("The Acting President:", "I give the floor to the representative of the Secretariat."),
        ("Ms. Sharma (Department for General Assembly and Conference Management):", long_text(6, "Sharma. ")),
        ("Mr. Heartney (United States of America):", long_text(7, "Heartney. ")),
        ("The Acting President:", "We have heard the only speaker in explanation of vote before the voting."),
        ("Mr. Kim (Republic of Korea):", long_text(9, "Kim. ")),
        ("Mr. Dupont (France):", long_text(9, "Dupont. ")),
        ("Mr. Ali (Pakistan):", long_text(4, "Ali. ")),
    ]
    rep = report(
        Verbatim(tuple(Para(None, text, speaker=who) for who, text in speeches)),
        symbol="A/79/PV.64",
        title="General Assembly Seventy-ninth session 64th plenary meeting",
        subtitle=None,
    )
    columns = [{c["x0"] > 320 for c in page if 80 < c["top"] < 720} for page in pdf_chars(rep)]
    assert len(columns) == 2 and columns[0] == columns[1] == {True, False}  # both columns on both pages
    model = read(tmp_path, rep, name="A_79_PV.64.pdf")
    assert model.symbol == "A/79/PV.64"
    assert paragraphs(model) == [(None, f"{who} {text}", []) for who, text in speeches]
    assert len({p.id for p in model.paragraphs}) == len(speeches)


# ---------------------------------------------------------------------------------------------------
# Other languages
# ---------------------------------------------------------------------------------------------------


def test_french_report(tmp_path: Path) -> None:
    rep = report(
        Heading("I.", "Introduction"),
        Para(
            "1",
            "Le Rapporteur spécial a reçu des contributions d’États, d’organisations et "
            "d’experts ; il les remercie de leur coopération et de leurs « observations » sur "
            "l’œuvre accomplie.[^1]",
            items=(Item("a)", "Adopter une loi générale ;"), Item("b)", "Ratifier la Convention.")),
        ),
        footnotes={"1": "Voir A/78/180, par. 68 j)."},
        language="fr",
        date="17 juillet 2025",
        original="anglais",
        organ="Assemblée générale",
        session="Quatre-vingtième session",
        agenda="Point 72 b) de l’ordre du jour provisoire",
        agenda_title="Promotion et protection des droits humains",
        subtitle="Note du Secrétaire général",
        title="Promotion et protection des droits humains dans le contexte des changements climatiques",
    )
    model = read(tmp_path, rep)
    assert (model.symbol, model.language, model.date) == ("A/80/188", "fr", "2025-07-17")
    assert (
        model.title
        == "Promotion et protection des droits humains dans le contexte des changements climatiques"
    )
    assert headings(model) == [(1, "I.", "Introduction")]
    assert paragraphs(model) == [
        (
            "1",
            (
                "Le Rapporteur spécial a reçu des contributions d’États, d’organisations et d’experts ; il "
                "les remercie de leur coopération et de leurs « observations » sur l’œuvre accomplie.[^1]"
            ),
            [("a)", "Adopter une loi générale ;"), ("b)", "Ratifier la Convention.")],
        )
    ]
    assert footnotes(model) == [("1", "Voir A/78/180, par. 68 j).")]


def test_spanish_report(tmp_path: Path) -> None:
    # A/AC.292/2024/3: "Distr. general", "Español", "Original: inglés", the date in Spanish
    rep = report(
        Heading("I.", "Introducción"),
        Para(
            "1",
            "La Secretaría presenta este documento de antecedentes a petición del Grupo de "
            "Trabajo de Composición Abierta.[^1]",
            items=(Item("a)", "Las amenazas existentes;"), Item("b)", "Las normas de comportamiento.")),
        ),
        footnotes={"1": "Véase A/78/265, párr. 15."},
        symbol="A/AC.292/2024/3",
        language="es",
        date="17 de julio de 2024",
        original="inglés",
        organ="Asamblea General",
        session="Grupo de Trabajo de Composición Abierta",
        agenda="Quinto período",
        agenda_title="Seguridad de las tecnologías de la información",
        subtitle="Documento de antecedentes",
        title="Documento de antecedentes sobre la seguridad de las tecnologías de la información",
    )
    model = read(tmp_path, rep, name="A_AC.292_2024_3.pdf")
    assert (model.symbol, model.language, model.date) == ("A/AC.292/2024/3", "es", "2024-07-17")
    assert model.title == "Documento de antecedentes sobre la seguridad de las tecnologías de la información"
    assert headings(model) == [(1, "I.", "Introducción")]
    assert paragraphs(model) == [
        (
            "1",
            (
                "La Secretaría presenta este documento de antecedentes a petición del Grupo de Trabajo de "
                "Composición Abierta.[^1]"
            ),
            [("a)", "Las amenazas existentes;"), ("b)", "Las normas de comportamiento.")],
        )
    ]
    assert footnotes(model) == [("1", "Véase A/78/265, párr. 15.")]


def test_russian_report(tmp_path: Path) -> None:
    if cyrillic_font_path() is None:
        pytest.skip(
            "no TrueType serif with Cyrillic on this machine (Debian: fonts-dejavu-core or fonts-liberation)"
        )
    lead = (
        "Комитет рассматривал шестой периодический доклад Центральноафриканской Республики на своем "
        "заседании и выражает признательность государству-участнику за его доклад, а также за "
        "письменные ответы на перечень вопросов, подготовленный предсессионной рабочей группой, "
        "и за конструктивный диалог с делегацией Центрально"
    )
    marked = lead + "{-}африканской Республики.[^1]"
    rep = report(
        Para(
            "1",
            marked,
            items=(
                Item("а)", "активизировать усилия по борьбе с насилием;"),
                Item("б)", "обеспечить доступ к правосудию."),
            ),
        ),
        footnotes={"1": "См. CEDAW/C/CAF/CO/1-5, п. 16."},
        language="ru",
        date="20 February 2024",
        original="English",
        organ="Конвенция о ликвидации всех форм дискриминации в отношении женщин",
        session="Комитет по ликвидации дискриминации в отношении женщин",
        agenda="",
        agenda_title="",
        subtitle=None,
        symbol="CEDAW/C/CAF/CO/6",
        title="Заключительные замечания по шестому периодическому докладу Центральноафриканской Республики",
    )
    assert any(line.endswith("Центрально-") for line in page_texts(rep)[0].splitlines())
    model = read(tmp_path, rep, name="CEDAW_C_CAF_CO_6.pdf")
    assert (model.symbol, model.language, model.date) == ("CEDAW/C/CAF/CO/6", "ru", "2024-02-20")
    assert (
        model.title
        == "Заключительные замечания по шестому периодическому докладу Центральноафриканской Республики"
    )
    assert paragraphs(model) == [
        (
            "1",
            plain(marked),
            [
                ("а)", "активизировать усилия по борьбе с насилием;"),
                ("б)", "обеспечить доступ к правосудию."),
            ],
        )
    ]
    assert [i.id for i in model.paragraphs[0].items] == ["para-1-a", "para-1-b"]
    assert footnotes(model) == [("1", "См. CEDAW/C/CAF/CO/1-5, п. 16.")]


# ---------------------------------------------------------------------------------------------------
# The same report as Markdown
# ---------------------------------------------------------------------------------------------------


def as_markdown(rep: Report) -> str:
    """The report written by hand as Markdown (CONTRACT.md section 3)."""
    lines = ["---", f"symbol: {rep.symbol}", f"title: {rep.title}", f"language: {rep.language}", "---", ""]
    for block in rep.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + (f"{block.label} " if block.label else "") + block.text, ""]
        elif isinstance(block, Para):
            lines += [(f"{block.number}. " if block.number else "") + plain(block.text), ""]
            lines += [
                item_line for item in block.items for item_line in (f"{item.label} {plain(item.text)}", "")
            ]
    lines += [f"[^{n}]: {plain(text)}" for n, text in rep.footnotes.items()]
    return "\n".join(lines) + "\n"


def test_markdown_twin_yields_the_same_model(tmp_path: Path) -> None:
    rep = report(
        Heading("I.", "Introduction"),
        Para("1", long_text(3) + " It was bila{-}teral.[^1]"),
        Heading("A.", "Scope", level=2),
        Para(
            "2",
            "The Committee recommends:",
            items=(Item("(a)", "Consultation;[^2]"), Item("(b)", "Remedies.")),
        ),
        Para("3", long_text(6, "Third. ") + "[^3]"),
        footnotes={"1": "See A/78/180, para. 68 (j).", "2": "Submission by the Alliance.", "3": "Ibid."},
    )
    md_path = tmp_path / "A_80_188.md"
    md_path.write_text(as_markdown(rep), encoding="utf-8")
    from_pdf = read(tmp_path, rep)
    from_md = read_report(md_path)
    assert (from_md.symbol, from_md.title, from_md.language) == (
        from_pdf.symbol,
        from_pdf.title,
        from_pdf.language,
    )
    assert headings(from_md) == headings(from_pdf)
    assert paragraphs(from_md) == paragraphs(from_pdf)
    assert footnotes(from_md) == footnotes(from_pdf)
    # ids and references come from the shared scheme, so they agree too
    assert [b.id for b in from_md.blocks] == [b.id for b in from_pdf.blocks]
    assert from_md.references == from_pdf.references
