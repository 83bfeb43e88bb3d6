"""Zone lines before a report's first numbered note, on PDFs generated in UN layout (tests/unlayout.py).

Under a page's footnote rule, a line the reader opens no numbered note with and can continue none
with (no note is open yet) is one of two things, and each goes where a reader of the page expects:
- a note labelled by a raised letter ("a Available at ...": a summary box's, a table's, or a whole
  report's notes): a footnote "a", like the star notes of page 1;
- anything else ("Note: The present document was processed in its entirety by UNFPA."): body text
  that stays on its page, under the page's body, not at the end of the report.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sitegen.errors import Diagnostics
from sitegen.readers import read_report
from sitegen.readers.pdf import assemble, read_pages
from sitegen.readers.pdf.join import NoteCollector
from sitegen.readers.pdf.lines import Line
from tests.unlayout import PageBreak, Para, Report, page_texts, write_pdf

TITLE = "Promotion and protection of human rights in the context of climate change and migration"
FILLER = (
    "States should ensure that the measures they adopt are consistent with their obligations under "
    "international human rights law, and that affected communities are consulted in good time."
)
LETTERED = {
    "a": "A/520/Rev.16.",
    "b": "See A/56/61, annex, para. 22 (c).",
}


def lettered_report() -> Report:
    """A/AC.109/2009/17: the report's only notes are lettered, one on each of two pages."""
    return Report(
        title=TITLE,
        blocks=(
            Para("1", f"{FILLER} The rules of procedure apply.[^a]"),
            PageBreak(),
            Para("2", f"Participation follows the related decision of the General Assembly.[^b] {FILLER}"),
        ),
        footnotes=LETTERED,
    )


def test_lettered_notes_are_notes_on_their_pages_not_text_at_the_reports_end(tmp_path: Path) -> None:
    rep = lettered_report()
    texts = page_texts(rep)
    assert "a A/520/Rev.16." in texts[0] and "b See A/56/61, annex, para. 22 (c)." in texts[1]
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    assert [(f.number, f.id, f.text, f.page) for f in model.footnotes] == [
        ("a", "fn-a", "A/520/Rev.16.", 1),
        ("b", "fn-b", "See A/56/61, annex, para. 22 (c).", 2),
    ]
    # the raised letters stay letters in the text, as page 1's stars do
    assert [(p.number, p.text) for p in model.paragraphs] == [
        ("1", f"{FILLER} The rules of procedure apply.a"),
        ("2", f"Participation follows the related decision of the General Assembly.b {FILLER}"),
    ]


def test_a_lettered_notes_wrapped_line_opening_with_the_word_a_stays_in_its_note(tmp_path: Path) -> None:
    """At the notes' text indent "a coalition ..." is a wrapped line, with or without numbered notes
    on the page; only a letter hanging where markers stand opens a note."""
    notes = {
        "a": "Submissions by Swedwatch, Greenpeace and{/} a coalition of Indonesian civil society organizations.",
        "1": "Submission by Namati and{/} a network of community paralegals.",
    }
    rep = Report(
        title=TITLE,
        blocks=(Para("1", f"{FILLER}[^a]"), PageBreak(), Para("2", f"{FILLER}[^1]")),
        footnotes=notes,
    )
    texts = page_texts(rep)
    assert "a coalition of Indonesian civil society organizations." in texts[0].splitlines()
    assert "a network of community paralegals." in texts[1].splitlines()
    model = read_report(write_pdf(rep, tmp_path / "A_80_188.pdf"))
    assert [(f.number, f.text) for f in model.footnotes] == [
        (
            "a",
            "Submissions by Swedwatch, Greenpeace and a coalition of Indonesian civil society organizations.",
        ),
        ("1", "Submission by Namati and a network of community paralegals."),
    ]


def test_lettered_notes_after_a_numbered_one_open_notes_of_their_own() -> None:
    """A/80/74 page 3: a box's notes a, b under the rule, after note 1 of an earlier page, are notes
    of their own, not more lines of note 1."""
    notes = NoteCollector()
    notes.feed_zone([_note_line("[^1] A/80/50.", 700.0, 114.3)])
    notes.feed_zone(
        [
            _note_line("a The transformative pathways provide a path for", 417.3, 116.9, page=2),
            _note_line("investments at country level.", 427.8, 123.6, page=2),
            _note_line("b The UN80 Initiative provides renewed impetus.", 459.4, 116.9, page=2),
        ]
    )
    assert [(f.number, f.text, f.page) for f in notes.footnotes()] == [
        ("1", "A/80/50.", 1),
        ("a", "The transformative pathways provide a path for investments at country level.", 2),
        ("b", "The UN80 Initiative provides renewed impetus.", 2),
    ]


def _note_line(text: str, top: float, x0: float, page: int = 1) -> Line:
    return Line(text, x0, x0 + 4.0 * len(text), top, top + 8.5, 8.5, False, page)


# ---------------------------------------------------------------------------------------------------
# a zone line that opens no note stays on its page
# ---------------------------------------------------------------------------------------------------

NOTICE = "Note: The present document was processed in its entirety by UNFPA."


def test_a_zone_line_before_the_first_note_stays_under_its_pages_body(tmp_path: Path) -> None:
    """DP/FPA/2025/4 (Part II) page 1: an unmarked notice under the rule, in note type, before any
    note of the report. It is read where it is printed: after page 1's text, before page 2's, never
    at the end of the report's last paragraph."""
    rep = Report(
        title=TITLE,
        blocks=(Para(None, FILLER), PageBreak(), Para("1", f"{FILLER}[^1]"), Para("2", FILLER)),
        footnotes={"1": "A/80/50."},
    )
    path = write_pdf(rep, tmp_path / "A_80_188.pdf")
    diag = Diagnostics()
    pages = read_pages(path, diag)
    first = pages[0]
    last_body = max(first.lines, key=lambda ln: ln.top if ln.size > 9.5 and ln.top < 600.0 else 0.0)
    # the PDF's page 1 with a typed rule and the notice under it, in the notes' type at the text edge
    rule = Line("__________________", 99.4, 171.4, 674.4, 682.4, 8.0, False, 1)
    notice = Line(NOTICE, last_body.x0, 400.0, 688.2, 696.7, 8.5, False, 1)
    pages[0] = replace(first, lines=sorted([*first.lines, rule, notice], key=lambda ln: ln.bottom))
    model = assemble(path.name, pages, diag)
    assert [(b.number, b.text, b.page) for b in model.blocks] == [
        (None, FILLER, 1),
        (None, NOTICE, 1),
        ("1", f"{FILLER}[^1]", 2),
        ("2", FILLER, 2),
    ]
    assert [(f.number, f.text) for f in model.footnotes] == [("1", "A/80/50.")]
