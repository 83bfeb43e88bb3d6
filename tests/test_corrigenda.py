"""Corrigenda: each kind of instruction read into an edit and applied to a base report we write.

The base and the corrigendum are Markdown reports read by the real reader, so the edits meet the
same model (ids, footnote markers) a PDF gives. The real DP/2025/14 family in ../shared/corpus/versions
is checked at the end when the corpus is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.corrigenda import (
    Edit,
    Target,
    apply_edits,
    quotes_base_notes,
    read_instructions,
    sentences,
    word_diff,
)
from sitegen.errors import Diagnostics
from sitegen.model import Paragraph, Report
from sitegen.readers import read_report

BASE = """---
symbol: A/90/300
title: Migration and development
language: {language}
---

# I. Introduction

26. Migration grew in several countries. Remittances rose by 4 per cent. Most migrants moved for work.

27. The programme reached 12 countries in 2024.[^1]

28. The Office of the United Nations High Commissioner for Refugees counted 122 million people.

29. Table 1. Independent country programme evaluations, 2024 Region Country Africa Eswatini Kosovo

[^1]: See A/89/100.
"""


def base(tmp_path: Path, language: str = "en") -> Report:
    path = tmp_path / f"A_90_300.{language}.md"
    path.write_text(BASE.format(language=language), encoding="utf-8")
    return read_report(path)


def para(report: Report, number: str) -> Paragraph:
    return next(p for p in report.paragraphs if p.number == number)


def applied(tmp_path: Path, *instructions: str, language: str = "en") -> tuple[Report, Report, list[str]]:
    """The base as issued, the base corrected, and the reasons of edits not applied."""
    before = base(tmp_path, language)
    result = apply_edits(before, read_instructions(instructions), "A/90/300/Corr.1")
    return before, result.report, [why for _, why in result.not_applied]


# ---- one test per kind of instruction ------------------------------------------------------------


def test_the_paragraph_should_read(tmp_path: Path) -> None:
    _, after, failed = applied(
        tmp_path, "Paragraph 27", "The paragraph should read", "The programme reached 14 countries in 2024."
    )
    assert para(after, "27").text == "The programme reached 14 countries in 2024." and not failed
    assert para(after, "27").id == "para-27"  # ids never move


def test_for_the_existing_text_substitute_drops_the_printed_number(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path,
        "1. Paragraph 28",
        "For the existing text substitute",
        "28. The Office counted 123.2 million forcibly displaced people.",
    )
    assert para(after, "28").text == "The Office counted 123.2 million forcibly displaced people."


def test_the_second_sentence_should_read(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path, "Paragraph 26", "The second sentence should read", "Remittances rose by 5 per cent."
    )
    assert para(after, "26").text == (
        "Migration grew in several countries. Remittances rose by 5 per cent. Most migrants moved for work."
    )


def test_quoted_words_should_read(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path,
        "Paragraph 26",
        "The text \u201cin several countries\u201d should read "
        "\u201cin several countries and territories.\u201d",
    )
    # the full stop inside the closing quote is the sentence's, not the words'
    assert para(after, "26").text.startswith(
        "Migration grew in several countries and territories. Remittances"
    )


def test_delete_and_insert_words(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path,
        "Paragraph 26",
        "Delete \u201cMost \u201d",
        "Paragraph 28",
        "After \u201cRefugees\u201d, insert \u201c(UNHCR)\u201d",
    )
    assert para(after, "26").text.endswith("Remittances rose by 4 per cent. migrants moved for work.")
    assert "High Commissioner for Refugees (UNHCR) counted" in para(after, "28").text


def test_a_footnote_at_the_end_of_a_sentence(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path,
        "Paragraph 26",
        "At the end of the first sentence, insert footnote marker 5. At the end of the page, "
        "insert a corresponding footnote reading 5 International Migration (United Nations "
        "publication, 2024).",
    )
    assert para(after, "26").text.startswith("Migration grew in several countries.[^5_corr1] Remittances")
    note = after.footnotes[-1]
    assert (note.id, note.text) == (
        "fn-5_corr1",
        "International Migration (United Nations publication, 2024).",
    )
    assert [f.id for f in after.footnotes[:-1]] == ["fn-1"]  # the base's own notes keep their ids


def test_a_footnote_at_the_first_mention_of_a_word(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path,
        "Table 1 Independent country programme evaluations, 2024",
        "The first reference to Kosovo in the document should be accompanied by a footnote "
        "stating, \u201cReferences to Kosovo shall be understood in the context of resolution "
        "1244 (1999).\u201d",
    )
    assert "Eswatini Kosovo[^" in para(after, "29").text
    assert after.footnotes[-1].text.startswith("References to Kosovo")


def test_a_table_title_and_a_column_heading(tmp_path: Path) -> None:
    _, after, failed = applied(
        tmp_path,
        "Table 1 Independent country programme evaluations, 2024",
        "The title of the table should read \u201cIndependent programme evaluations, "
        "2024\u201d. The second column in table - \u201cCountry\u201d - should read "
        "\u201cCountry/Territory.\u201d",
    )
    assert para(after, "29").text == (
        "Table 1. Independent programme evaluations, 2024 Region Country/Territory Africa Eswatini Kosovo"
    )
    assert not failed


def test_a_language_version_the_corrigendum_does_not_apply_to(tmp_path: Path) -> None:
    instruction = (
        "Paragraph 27",
        "The paragraph should read",
        "Changed. (This correction does not apply to the French and Spanish versions.)",
    )
    _, french, _ = applied(tmp_path, *instruction, language="fr")
    _, english, _ = applied(tmp_path, *instruction, language="en")
    assert para(french, "27").text.startswith("The programme reached 12")
    assert para(english, "27").text == "Changed."


def test_an_instruction_that_cannot_be_read_or_applied_is_kept_with_its_reason(tmp_path: Path) -> None:
    before, after, failed = applied(
        tmp_path,
        "Paragraph 26",
        "Move the second sentence to the end.",
        "Paragraph 99",
        "The paragraph should read",
        "Nothing.",
        "Paragraph 28",
        "The text \u201cnot there\u201d should read \u201cx\u201d",
    )
    assert after == before
    assert failed == [
        "the instruction could not be read",
        "paragraph 99 is not in A/90/300",
        "the words \u201cnot there\u201d are not in paragraph 28",
    ]
    unread = read_instructions(["Paragraph 26", "Move the second sentence to the end."])
    assert unread == [Edit("unread", Target("paragraph", "26"), "Move the second sentence to the end.")]


def test_an_added_note_marks_the_marker_not_the_word() -> None:
    assert word_diff("Eswatini Kosovo Latin", "Eswatini Kosovo[^6_corr1] Latin") == [
        ("same", "Eswatini Kosovo"),
        ("inserted", "[^6_corr1]"),
        ("same", " Latin"),
    ]


def test_sentences_keep_abbreviations_and_markers() -> None:
    assert sentences("See A/79/213, para. 26. It is cited.[^3] Then (a) ends.") == [
        "See A/79/213, para. 26.",
        "It is cited.[^3]",
        "Then (a) ends.",
    ]


# ---- properties ------------------------------------------------------------------------------------

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
phrases = st.lists(words, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(old=phrases, new=phrases)
def test_any_quoted_replacement_reads_back_exactly(old: str, new: str) -> None:
    (edit,) = read_instructions(["Paragraph 5", f"The text \u201c{old}\u201d should read \u201c{new}\u201d."])
    assert (edit.kind, edit.target, edit.old, edit.new) == (
        "replace-words",
        Target("paragraph", "5"),
        old,
        new,
    )


@settings(max_examples=60, deadline=None)
@given(before=st.lists(words, min_size=1, max_size=12), after=st.lists(words, min_size=1, max_size=12))
def test_the_word_diff_rebuilds_both_texts(before: list[str], after: list[str]) -> None:
    runs = word_diff(" ".join(before), " ".join(after))
    assert "".join(t for op, t in runs if op != "inserted").split() == before
    assert "".join(t for op, t in runs if op != "removed") == " ".join(after)


# ---- the real family -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_dp_2025_14_corr_1_on_its_base() -> None:
    folder = CORPUS / "versions"
    if not (folder / "DP_2025_14.en.pdf").is_file():
        pytest.skip("../shared/corpus/versions is absent")
    corr = read_report(folder / "DP_2025_14_Corr.1.en.pdf")
    base_report = read_report(folder / "DP_2025_14.en.pdf")
    result = apply_edits(base_report, read_instructions(b.text for b in corr.blocks), "DP/2025/14/Corr.1")
    kinds = sorted(c.kind for c in result.changes)
    assert kinds == ["add-footnote", "replace-table-title", "replace-words", "replace-words"]
    assert "in several countries and territories" in para(result.report, "28").text
    assert "Independent programme evaluations, 2024" in " ".join(p.text for p in result.report.paragraphs)


def test_new_text_printed_in_quotation_marks_is_the_words_inside_them(tmp_path: Path) -> None:
    _, after, _ = applied(
        tmp_path,
        "Paragraph 26",
        "The second sentence should read \u201cRemittances rose by 5 per cent.\u201d",
        "Paragraph 27",
        "The paragraph should read \u201cThe programme reached 14 countries\u201d.",
    )
    assert para(after, "26").text == (
        "Migration grew in several countries. Remittances rose by 5 per cent. Most migrants moved for work."
    )
    assert para(after, "27").text == "The programme reached 14 countries"
    # quotes inside the new text are the text's own
    (edit,) = read_instructions(
        ["Paragraph 5", "The paragraph should read", "The \u201cfirewall\u201d principle applies."]
    )
    assert edit.new == "The \u201cfirewall\u201d principle applies."


# ---- a corrigendum prints the base's note markers raised ------------------------------------------

RAISED_MARKER_INSTRUCTION = (
    "At the end of the first sentence, insert footnote marker[^5]. At the end of the page, insert a "
    "corresponding footnote reading[^5] International Migration (United Nations publication, 2024)."
)


def _raised_marker_pdf(tmp_path: Path, symbol: str, subtitle: str) -> Path:
    """E/2025/68/Corr.1 page 1: the instruction quotes the note it adds as the base will print it,
    marker and label raised. The corrigendum has no note 5 of its own (endnotes=True with no notes:
    the raised 5s are drawn, no note is)."""
    from tests.unlayout import Heading, Para, Report, write_pdf

    rep = Report(
        title="Migration and development",
        symbol=symbol,
        subtitle=subtitle,
        blocks=(Heading("", "Paragraph 26", level=3), Para(None, RAISED_MARKER_INSTRUCTION)),
        endnotes=True,
    )
    return write_pdf(rep, tmp_path / (symbol.replace("/", "_") + ".pdf"))


def test_a_corrigendums_raised_marker_quotes_its_base_and_is_no_missing_note(tmp_path: Path) -> None:
    diag = Diagnostics()
    corr = read_report(_raised_marker_pdf(tmp_path, "A/90/300/Corr.1", "Corrigendum"), diag)
    assert [w.message for w in diag if w.code == "footnote-missing"] == []
    assert corr.footnotes == ()
    edits = read_instructions(b.text for b in corr.blocks)
    assert [(e.kind, e.target.number, e.note_number, e.new) for e in edits] == [
        ("add-footnote", "26", "5", "International Migration (United Nations publication, 2024).")
    ]
    result = apply_edits(base(tmp_path), edits, "A/90/300/Corr.1")
    assert para(result.report, "26").text.startswith("Migration grew in several countries.[^5_corr1] ")
    # the same raised 5 in a report that is no corrigendum is a note missing from it
    other = Diagnostics()
    read_report(_raised_marker_pdf(tmp_path, "A/90/301", "Report of the Secretary-General"), other)
    assert [w.message for w in other if w.code == "footnote-missing"] == [
        "footnote 5 referenced but not found; kept as text"
    ]


def test_a_corrigendum_is_told_by_its_symbol_or_its_front_page() -> None:
    assert quotes_base_notes("E/2025/68/Corr.1")
    assert quotes_base_notes("A/79/7/Add.13/Corr.2")
    assert quotes_base_notes(None, ["Long-term impact of current trends", "Corrigendum"])
    assert quotes_base_notes("E_2025_68", ["Rectificatif"])
    assert not quotes_base_notes("E/2025/68", ["Report of the Secretary-General"])
    assert not quotes_base_notes("E/2025/68/Add.1")
    assert not quotes_base_notes(None, ["The Corrigendum issued in June is withdrawn."])
