"""Paragraph numbers chosen once for the whole document (sitegen/readers/pdf/numbering.py).

Synthetic body lines in UN layout (10 pt body, 12 pt line spacing, 6 pt between paragraphs, a 450 pt
column): each paragraph opens with its number at the column's edge and runs over a few full lines.
The noise is what real reports print: a number wrapped to a line start inside a sentence, a number
line the text layer lost, a document (an excerpt, an addendum) that starts at paragraph 24.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.readers import read_report
from sitegen.readers.pdf.lines import Line
from sitegen.readers.pdf.numbering import (
    Candidate,
    Numbering,
    best_chain,
    choose_numbering,
    choose_numbers,
    find_candidates,
    greedy_numbers,
    step_cost,
)
from tests.unlayout import Heading, Item, Para, Report, write_pdf

BODY = 10.0
EDGE = 72.0
RIGHT = 522.0
FULL = "States should ensure that the measures they adopt are consistent with their obligations"
"""A line of body text that fills the column (450 pt) and ends no sentence."""


@dataclass
class Page:
    """Lays lines out down a page and onto the next."""

    lines: list[Line]
    page: int = 1
    top: float = 100.0

    def add(
        self, text: str, *, space: float = 0.0, indent: float = 0.0, bold: bool = False, full: bool = False
    ) -> int:
        self.top += space
        if self.top > 700.0:
            self.page, self.top = self.page + 1, 100.0
        x0 = EDGE + indent
        x1 = RIGHT if full else min(RIGHT, x0 + 5 * len(text))
        self.lines.append(Line(text, x0, x1, self.top, self.top + BODY, BODY, bold, self.page, 0, indent))
        self.top += 12.0
        return len(self.lines) - 1


@dataclass(frozen=True)
class Document:
    lines: list[Line]
    truth: dict[int, int]
    """{line index: number} of the printed paragraph numbers the text layer kept."""


def document(
    count: int,
    start: int = 1,
    *,
    wrapped: frozenset[int] = frozenset(),
    lost: int | None = None,
    wrap_ahead: int = 2,
) -> Document:
    """Paragraphs start..start+count-1; in each paragraph of `wrapped` (offsets from the first) a later
    number ("N+wrap_ahead.") opens a line inside a sentence; the number of paragraph `lost` is not in
    the text layer (its line opens with a word)."""
    page = Page([])
    truth: dict[int, int] = {}
    for k in range(count):
        n = start + k
        if k == lost:
            page.add(f"Paragraph {n} opens without its number and {FULL}", space=6.0, full=True)
        else:
            truth[page.add(f"{n}. Paragraph {n} says that {FULL}", space=6.0, full=True)] = n
        page.add(f"and {FULL} in paragraph", full=True)
        if k in wrapped:
            page.add(f"{n + wrap_ahead}. That is what the report said, {FULL}", full=True)
        page.add("and it ends here.")
    return Document(page.lines, truth)


def numbers_of(doc: Document) -> dict[int, int]:
    return choose_numbers(doc.lines, BODY)


def greedy_of(doc: Document) -> list[int]:
    """What the walk that accepted only the next expected number (or up to two more) chose."""
    return greedy_numbers([c.number for c in find_candidates(doc.lines, BODY)])


@settings(max_examples=80, deadline=None)
@given(
    count=st.integers(min_value=3, max_value=40),
    start=st.sampled_from([1, 24]),
    wrapped=st.frozensets(st.integers(min_value=0, max_value=39), max_size=4),
    lost=st.one_of(st.none(), st.integers(min_value=1, max_value=38)),
)
@example(count=12, start=1, wrapped=frozenset({3}), lost=None)  # the greedy walk takes "6." in 4
@example(count=30, start=24, wrapped=frozenset(), lost=None)  # the greedy walk takes nothing
@example(count=10, start=1, wrapped=frozenset(), lost=4)
def test_global_numbering_recovers_the_printed_run(
    count: int, start: int, wrapped: frozenset[int], lost: int | None
) -> None:
    """Every printed number the text layer kept is chosen, at its own line, and no wrapped one; a lost
    line leaves the jump the layer makes (7. then 9.), and nothing else is missed."""
    wrapped = frozenset(k for k in wrapped if k < count)
    lost = lost if lost is not None and lost < count - 1 else None
    doc = document(count, start, wrapped=wrapped, lost=lost)
    assert numbers_of(doc) == doc.truth


def test_the_greedy_walk_fails_where_the_global_choice_holds() -> None:
    # a "6." wrapped to a line start inside paragraph 4 (a jump of two, which the greedy walk allowed):
    # the walk takes it and then refuses the real 5 and 6
    doc = document(12, wrapped=frozenset({3}))
    assert greedy_of(doc) == [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]
    assert sorted(numbers_of(doc).values()) == list(range(1, 13))
    # an addendum starting at paragraph 24: the walk, waiting for 1, takes nothing
    doc = document(30, start=24)
    assert greedy_of(doc) == []
    assert sorted(numbers_of(doc).values()) == list(range(24, 54))


def test_a_jump_the_document_prints_is_kept() -> None:
    # the text layer has no "9." at all (A/79/352, annex II prints 8. then 10.): both sides are kept
    doc = document(14, lost=8)
    assert sorted(numbers_of(doc).values()) == [n for n in range(1, 15) if n != 9]


def test_a_run_restarts_at_one_after_an_annex_heading() -> None:
    page = Page([])
    for n in (1, 2, 3):
        page.add(f"{n}. Paragraph {n} says that {FULL}", space=6.0, full=True)
        page.add("and it ends here.")
    page.add("Annex", space=18.0, bold=True)
    for n in (1, 2):
        page.add(f"{n}. Annex paragraph {n} says that {FULL}", space=6.0, full=True)
        page.add("and it ends here.")
    chosen = choose_numbers(page.lines, BODY, is_heading=lambda ln: ln.text == "Annex")
    assert list(chosen.values()) == [1, 2, 3, 1, 2]
    # without the heading between, a "1." after paragraph 3 is no new run
    assert list(choose_numbers(page.lines, BODY).values()) == [1, 2, 3]


def test_a_list_under_a_paragraph_is_no_new_run_after_a_heading() -> None:
    # "II. Conclusions" / "111. The recommendations listed below ..." / "1. To ratify ...": the run
    # that restarts after a heading opens with the heading's first paragraph, not with a list after it
    page = Page([])
    page.add(f"110. Paragraph 110 says that {FULL}", space=6.0, full=True)
    page.add("and it ends here.")
    page.add("II. Conclusions", space=18.0, bold=True)
    page.add(f"111. The recommendations listed below {FULL}", space=6.0, full=True)
    page.add("enjoy the support of the State:")
    for n in range(1, 8):
        page.add(f"{n}. To ratify treaty {n} (State {n});", indent=20.0)
    page.add(f"112. All conclusions set out in the report {FULL}", space=6.0, full=True)
    chosen = choose_numbers(page.lines, BODY, is_heading=lambda ln: ln.text.startswith("II."))
    assert list(chosen.values()) == [110, 111, 112]


def test_a_short_bold_numbered_line_is_a_heading_and_a_bold_paragraph_is_a_paragraph() -> None:
    page = Page([])
    page.add("1. Scope", space=6.0, bold=True)
    page.add(f"1. The report covers {FULL}", space=6.0, full=True)
    page.add("and it ends here.")
    page.add(f"2. States should {FULL}", space=6.0, bold=True, full=True)
    page.add("and it ends here.", bold=True)
    assert choose_numbers(page.lines, BODY) == {1: 1, 3: 2}


def test_list_entries_are_no_wrapped_sentences() -> None:
    # a list of States, one short entry a line: each number follows a line that ended no sentence,
    # but no sentence was wrapped there
    page = Page([])
    page.add(f"1. The following States signed {FULL}", space=6.0, full=True)
    page.add("and it ends here:")
    for n, name in enumerate(["Australia", "Brazil", "Belgium", "Finland"], start=2):
        page.add(f"{n}. {name}")
    assert list(choose_numbers(page.lines, BODY).values()) == [1, 2, 3, 4, 5]


def test_chain_steps_cost_more_the_further_they_jump() -> None:
    assert step_cost(4, 5) == 0.0
    one, two = step_cost(4, 6), step_cost(4, 7)
    assert one is not None and two is not None and 0 < one < two
    assert step_cost(5, 5) is None and step_cost(5, 4) is None
    assert step_cost(85, 89) is None  # three lines lost in a row (a scan's soup): no longer one run


def test_best_chain_prefers_the_longer_run_over_a_wrapped_number() -> None:
    # 15, a wrapped 17 (weak), 16, 17, 18: the chain takes 15..18 and leaves the wrapped 17
    cands = [
        Candidate(0, 15, 1.0),
        Candidate(1, 17, -1.0),
        Candidate(2, 16, 1.0),
        Candidate(3, 17, 1.0),
        Candidate(4, 18, 1.0),
    ]
    assert [c.index for c in best_chain(cands)] == [0, 2, 3, 4]


def test_a_sparse_run_of_numbers_is_not_chained_on() -> None:
    # a table whose rows the text layer numbers only here and there (8, 18, 21, 26...): one missing
    # number is a jump the document may print, three or more in a row are no paragraphs of the run
    cands = [Candidate(k, n, 1.25) for k, n in enumerate([1, 2, 3, 4, 8, 18, 21, 26, 30, 33, 43, 46, 47, 49])]
    assert [c.number for c in best_chain(cands)] == [1, 2, 3, 4]
    cands = [Candidate(k, n, 1.25) for k, n in enumerate([1, 2, 3, 5, 6, 7])]
    assert [c.number for c in best_chain(cands)] == [1, 2, 3, 5, 6, 7]


# ---- numbered lists: nested in a paragraph, or a run of their own ---------------------------------


def numbering_of(page: Page, heading: str | None = None) -> Numbering:
    return choose_numbering(
        page.lines, BODY, is_heading=lambda ln: heading is not None and ln.text == heading
    )


def test_a_list_the_paragraph_run_goes_on_after_is_nested_in_its_paragraph() -> None:
    # a committee's report quotes a draft resolution in paragraph 8: its preamble ends with a comma,
    # its operative paragraphs 1..4 stand a tab in (continuation lines back at the edge, as typewritten
    # reports set them), and the report goes on with paragraph 9: the list is paragraph 8's
    page = Page([])
    for n in (7, 8):
        page.add(f"{n}. The Committee recommends the adoption of {FULL}", space=6.0, full=True)
        page.add("the following draft resolution:")
    page.add("Recalling its resolution 1514 (XV) of 14 December 1960,", space=6.0, indent=30.0)
    items = [page.add(f"{n}. Reaffirms that {FULL}", space=6.0, indent=30.0, full=True) for n in range(1, 5)]
    page.add(f"9. The Committee also recommends {FULL}", space=6.0, full=True)
    chosen = numbering_of(page)
    assert list(chosen.paragraphs.values()) == [7, 8, 9]
    assert chosen.list_items == {i: n for n, i in enumerate(items, start=1)}


def test_a_list_after_the_last_paragraph_and_a_title_is_a_run_of_its_own() -> None:
    # the report's last paragraph recommends a draft decision; under its title the decision's
    # paragraphs 1..3 stand a tab in: nothing of the report's run follows, so they are paragraphs
    page = Page([])
    page.add(f"8. The Committee recommends {FULL}", space=6.0, full=True)
    page.add("9. The Committee also recommends the adoption of the following draft decision:", space=6.0)
    page.add("Military activities of colonial Powers", space=18.0, indent=80.0)
    decision = [
        page.add(f"{n}. The General Assembly {FULL}", space=6.0, indent=30.0, full=True) for n in range(1, 4)
    ]
    chosen = numbering_of(page, heading="Military activities of colonial Powers")
    assert list(chosen.paragraphs.values()) == [8, 9, 1, 2, 3]
    assert [i for i, n in chosen.paragraphs.items() if i in decision] == decision
    assert chosen.list_items == {}
    # without the title between, a list after the last paragraph is no run of its own
    page = Page([])
    page.add(f"8. The Committee recommends {FULL}", space=6.0, full=True)
    page.add("9. The Committee also recommends the following measures:", space=6.0)
    for n in range(1, 4):
        page.add(f"{n}. To adopt {FULL}", space=6.0, indent=30.0, full=True)
    chosen = numbering_of(page)
    assert list(chosen.paragraphs.values()) == [8, 9]
    assert chosen.list_items == {}


def test_a_list_numbered_on_across_two_paragraphs_stays_their_items() -> None:
    # a summary statement lists items 1..5 under paragraph 2 and goes on 6..7 under paragraph 3: the
    # list's numbers run past the paragraphs', and the chain would take the list's 3, 4, 5 as the
    # report's own; paragraphs 3 and 4 keep their numbers and the entries are the items
    page = Page([])
    page.add(f"1. Pursuant to rule 11 {FULL}", space=6.0, full=True)
    page.add("2. The following list sets out the items of which the Council is seized.", space=6.0)
    first = [
        page.add(
            f"{n}. The situation in region {n} (2 August 1990; 22 February 2022).", space=6.0, indent=24.0
        )
        for n in range(1, 6)
    ]
    page.add("3. The following list sets out the items not considered at a formal meeting.", space=6.0)
    second = [
        page.add(
            f"{n}. The situation in region {n} (2 August 1990; 22 February 2022).", space=6.0, indent=24.0
        )
        for n in range(6, 8)
    ]
    page.add("4. Set out below are the items on which the Council took action.", space=6.0)
    chosen = numbering_of(page)
    assert list(chosen.paragraphs.values()) == [1, 2, 3, 4]
    assert chosen.list_items == {i: n for n, i in enumerate(first + second, start=1)}


def draft_resolution(n: int) -> str:
    """An operative paragraph of a draft resolution, long enough to wrap."""
    return (
        f"Requests the administering Powers concerned to take measure {n} in the Territories under "
        f"their administration and to report thereon to the General Assembly at its next session;"
    )


def decision(n: int) -> str:
    return f"The General Assembly decides on measure {n} in the Territories under the administration of the Powers."


def test_a_committee_report_quoting_a_draft_resolution_and_a_draft_decision(tmp_path: Path) -> None:
    # typewritten committee reports (A/49/624): paragraph 2 quotes a draft resolution whose operative
    # paragraphs stand a tab in after a preamble ending with a comma, and the report goes on with
    # paragraph 3; the draft decision after the report's last paragraph, under its title, numbers its
    # own paragraphs
    lead = (
        "The Committee recommends to the General Assembly the adoption of the following draft "
        "resolution: The General Assembly, Recalling its resolution 1514 (XV) of 14 December 1960,"
    )
    last = (
        "The Committee also recommends to the General Assembly the adoption of the following draft decision:"
    )
    rep = Report(
        title="Question of the Territories",
        blocks=(
            Para("1", "The Committee considered the item at its 2nd to 6th meetings."),
            Para("2", lead, items=tuple(Item(f"{n}.", draft_resolution(n)) for n in range(1, 4))),
            Para("3", last),
            Heading("", "Military activities of colonial Powers", level=3),
            Para(None, "", items=tuple(Item(f"{n}.", decision(n)) for n in range(1, 3))),
        ),
    )
    model = read_report(write_pdf(rep, tmp_path / "A_49_624.pdf"))
    assert [(p.number, p.text, [(i.label, i.text) for i in p.items]) for p in model.paragraphs] == [
        ("1", "The Committee considered the item at its 2nd to 6th meetings.", []),
        ("2", lead, [(f"{n}.", draft_resolution(n)) for n in range(1, 4)]),
        ("3", last, []),
        ("1", decision(1), []),
        ("2", decision(2), []),
    ]
    assert [h.text for h in model.headings] == ["Military activities of colonial Powers"]


def test_a_table_numbering_its_rows_inside_a_section_does_not_end_the_run() -> None:
    # a report's section prints a table under its title whose rows are numbered 1..4 at the edge,
    # and goes on with paragraph 32: the rows are no new run (the restart after the title would cost
    # the report its paragraphs 32, 33, ...), they are the table's
    page = Page([])
    for n in (30, 31):
        page.add(f"{n}. The Advisory Committee notes that {FULL}", space=6.0, full=True)
        page.add("and it ends here.")
    page.add("Section 33, Construction and major maintenance", space=18.0, bold=True)
    for n, row in enumerate(["Construction costs", "Professional services", "Escalation", "Contingency"], 1):
        page.add(f"{n}. {row}", space=2.0)
    for n in (32, 33):
        page.add(f"{n}. The Advisory Committee recalls that {FULL}", space=6.0, full=True)
        page.add("and it ends here.")
    chosen = choose_numbering(
        page.lines,
        BODY,
        is_heading=lambda ln: ln.text.startswith("Section"),
        is_section=lambda ln: ln.text.startswith("Section"),
    )
    assert list(chosen.paragraphs.values()) == [30, 31, 32, 33]


def test_a_draft_resolution_under_its_own_title_is_no_list_of_the_paragraph_before() -> None:
    # "1. The Committee recommends ... the following draft resolution:", the resolution's bold title,
    # its operative paragraphs 1..3 a tab in, then the report's paragraph 2: the list stands under
    # the title, not in paragraph 1, so the numbering is left as the chain chose it
    page = Page([])
    page.add(f"1. The Committee recommends that the Council adopt {FULL}", space=6.0, full=True)
    page.add("the following draft resolution:")
    page.add("Report of the Committee of Experts", space=18.0, bold=True)
    page.add("Recalling its resolutions on public administration,", space=6.0, indent=24.0)
    for n in range(1, 4):
        page.add(f"{n}. Takes note of {FULL}", space=6.0, indent=24.0, full=True)
    page.add(f"2. The Committee recommends that the Council adopt {FULL}", space=6.0, full=True)
    title = "Report of the Committee of Experts"
    chosen = choose_numbering(
        page.lines, BODY, is_heading=lambda ln: ln.text == title, is_section=lambda ln: ln.text == title
    )
    assert chosen == Numbering({0: 1, 7: 2}, {})
    # a title the structure step does not make a heading of (a typewritten report's centred title in
    # body type) leaves the list in the paragraph
    chosen = choose_numbering(page.lines, BODY, is_heading=lambda ln: ln.text == title)
    assert chosen == Numbering({0: 1, 7: 2}, {4: 1, 5: 2, 6: 3})
