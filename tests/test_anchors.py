"""The id scheme (CONTRACT.md sections 2 and 4): ids come from the document's own numbering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.anchors import (
    citation_text,
    finish_report,
    item_key,
    paragraph_key,
    safe_slug,
    slugify,
)
from sitegen.draft import DraftFootnote, DraftHeading, DraftItem, DraftParagraph, DraftReport
from sitegen.model import Paragraph, Report
from sitegen.symbols import CYRILLIC_ITEM_LETTERS, LATIN_LETTERS, is_annex_heading


def draft(
    *blocks: DraftHeading | DraftParagraph, footnotes: tuple[str, ...] = (), symbol: str | None = "A/90/101"
) -> DraftReport:
    return DraftReport(
        source_file="r.md",
        pages=0,
        symbol=symbol,
        title="T",
        blocks=list(blocks),
        footnotes=[DraftFootnote(number=n, text=f"Note {n}.", page=1) for n in footnotes],
    )


def para(number: str | None, *items: str, text: str = "Text.") -> DraftParagraph:
    return DraftParagraph(
        number=number, text=text, page=1, items=[DraftItem(label=i, text="x") for i in items]
    )


def head(label: str, text: str = "Heading", level: int = 1) -> DraftHeading:
    return DraftHeading(level=level, label=label, text=text, page=1)


def ids(report: Report) -> list[str]:
    out = []
    for b in report.blocks:
        out.append(b.id)
        if isinstance(b, Paragraph):
            out.extend(i.id for i in b.items)
    return out + [f.id for f in report.footnotes]


def test_paragraph_item_and_footnote_ids_come_from_printed_numbers() -> None:
    report = finish_report(draft(para("26", "(a)", "(b)"), para("140.1"), footnotes=("64",)), slug_hint="x")
    assert ids(report) == ["para-26", "para-26-a", "para-26-b", "para-140.1", "fn-64"]


def test_heading_ids_follow_the_label_path() -> None:
    report = finish_report(
        draft(
            head("", "Summary"), head("III."), head("A.", level=2), head("1.", level=3), head("B.", level=2)
        ),
        slug_hint="x",
    )
    assert ids(report) == ["sec-summary", "sec-iii", "sec-iii-a", "sec-iii-a-1", "sec-iii-b"]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("(a)", "a"),
        ("(ii)", "ii"),
        ("(aa)", "aa"),
        ("а)", "a"),
        ("б)", "b"),
        ("и)", "i"),
        ("к)", "j"),
        ("(я)", "bb"),
    ],
)
def test_item_keys(label: str, key: str) -> None:
    assert item_key(label) == key


def test_every_cyrillic_item_letter_maps_to_latin_by_position() -> None:
    # Before the fix, the 27th and 28th letters (ю, я) raised IndexError.
    keys = [item_key(f"{ch})") for ch in CYRILLIC_ITEM_LETTERS]
    assert keys[:26] == list(LATIN_LETTERS)
    assert keys[26:] == ["aa", "bb"]
    assert len(set(keys)) == len(keys)


def test_russian_and_english_versions_get_the_same_item_ids() -> None:
    en = finish_report(draft(para("68", "(a)", "(b)", "(j)")), slug_hint="x")
    ru = finish_report(draft(para("68", "а)", "б)", "к)")), slug_hint="x")
    assert ids(en) == ids(ru) == ["para-68", "para-68-a", "para-68-b", "para-68-j"]


@pytest.mark.parametrize(
    ("number", "key"), [("26", "26"), ("26.", "26"), ("140.1", "140.1"), (" 7 ", "7"), ("12 bis", "12-bis")]
)
def test_paragraph_keys(number: str, key: str) -> None:
    assert paragraph_key(number) == key


def test_an_annex_that_restarts_numbering_gets_unique_ids() -> None:
    report = finish_report(
        draft(
            head("I.", "Introduction"),
            para("1", "(a)"),
            para("2"),
            head("", "Annex I"),
            head("I.", "Introduction"),
            para("1", "(a)"),
            para("2"),
            head("", "Annex II"),
            para("1"),
        ),
        slug_hint="x",
    )
    assert ids(report) == [
        "sec-i",
        "para-1",
        "para-1-a",
        "para-2",
        "sec-annex-i",
        "annex-i-sec-i",
        "annex-i-para-1",
        "annex-i-para-1-a",
        "annex-i-para-2",
        "sec-annex-ii",
        "annex-ii-para-1",
    ]
    assert len(set(ids(report))) == len(ids(report))


def test_repeated_numbers_outside_an_annex_still_get_unique_ids() -> None:
    report = finish_report(draft(para("5"), para("5"), para("5")), slug_hint="x")
    assert ids(report) == ["para-5", "para-5-2", "para-5-3"]


def test_unnumbered_paragraph_ids_hang_off_the_last_anchor_and_are_stable() -> None:
    blocks = (para(None), para(None), head("I."), para(None), para("1"), para(None), para(None))
    first = finish_report(draft(*blocks), slug_hint="x")
    assert ids(first) == ["intro-p1", "intro-p2", "sec-i", "sec-i-p1", "para-1", "para-1-p1", "para-1-p2"]
    assert ids(finish_report(draft(*blocks), slug_hint="x")) == ids(first)


def test_unnumbered_ids_do_not_move_when_text_changes() -> None:
    a = finish_report(draft(head("I."), para(None, text="Old words.")), slug_hint="x")
    b = finish_report(draft(head("I."), para(None, text="New, longer words entirely.")), slug_hint="x")
    assert ids(a) == ids(b)


def test_references_come_from_paragraphs_items_and_footnotes() -> None:
    d = draft(
        DraftParagraph(
            number="3",
            text="See A/90/101, para. 12 (b).",
            page=1,
            items=[DraftItem("(a)", "resolution 64/292")],
        )
    )
    d.footnotes = [DraftFootnote(number="1", text="A/HRC/70/12, para. 4.", page=1)]
    refs = [(r.from_id, r.symbol, r.paragraph, r.item) for r in finish_report(d, slug_hint="x").references]
    assert refs == [
        ("para-3", "A/90/101", "12", "b"),
        ("para-3-a", "A/RES/64/292", None, None),
        ("fn-1", "A/HRC/70/12", "4", None),
    ]


def test_slug_is_the_symbol_else_the_hint() -> None:
    assert finish_report(draft(symbol="A/HRC/70/12"), slug_hint="x").slug == "A/HRC/70/12"
    assert finish_report(draft(symbol=None), slug_hint="notes_2025").slug == "notes_2025"


@pytest.mark.parametrize(
    ("raw", "slug"),
    [
        ("A/79/213", "A/79/213"),
        ("E/ICEF/672 (Part I)", "E/ICEF/672_(Part_I)"),
        ("../../etc/passwd", "etc/passwd"),
        ("/absolute/path", "absolute/path"),
        ("C:\\Windows\\system32", "C/Windows/system32"),
        ("a/./b/../c", "a/b/c"),
        ("...", "report"),
        ("", "report"),
        ("<script>alert(1)</script>", "scriptalert(1)/script"),
        ("A/79/213\x00", "A/79/213"),
        ("name with  spaces?#&", "name_with_spaces"),
        (".hidden/file", "hidden/file"),
    ],
)
def test_safe_slug(raw: str, slug: str) -> None:
    assert safe_slug(raw) == slug


@given(st.text(max_size=60))
def test_safe_slug_never_escapes_the_site(raw: str) -> None:
    slug = safe_slug(raw)
    assert slug and not slug.startswith(("/", "\\", "."))
    for segment in slug.split("/"):
        assert segment and segment not in (".", "..") and not segment.startswith(".")
        assert all(ch.isalnum() or ch in "_.()-+," for ch in segment)


def test_slugify() -> None:
    assert slugify("Human rights & climate") == "human-rights-climate"
    assert slugify("Écoles — accès à l'eau") == "ecoles-acces-a-l-eau"
    assert slugify("!!!") == ""


@pytest.mark.parametrize(
    "text",
    [
        "Annex I",
        "annex",
        "Annexe II",
        "Anexo",
        "Приложение I",
        "Appendix",
        "Appendice A",
        "Apéndice",
        "Добавление",
    ],
)
def test_annex_headings(text: str) -> None:
    assert is_annex_heading(text)


@pytest.mark.parametrize("text", ["Annexation of land", "I. Introduction", "Summary"])
def test_not_annex_headings(text: str) -> None:
    assert not is_annex_heading(text)


def test_a_footnote_marker_is_not_part_of_a_heading_id() -> None:
    report = finish_report(draft(head("", "Overview[^1]"), head("II.", "Scope[^2]")), slug_hint="x")
    assert ids(report) == ["sec-overview", "sec-ii"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Summary", "summary"),
        ("Résumé", "summary"),
        ("Resumen", "summary"),
        ("Резюме", "summary"),
        ("Annex I", "annex-i"),
        ("Annexe I", "annex-i"),
        ("Anexo I", "annex-i"),
        ("Приложение I", "annex-i"),
        ("Table des matières", "contents"),
        ("Contents", "contents"),
        ("Overview[^1]", "overview"),
        ("Доклад", "section"),
        ("Summary of the consultations", "summary-of-the-consultations"),
    ],
)
def test_heading_keys_line_up_across_languages(text: str, key: str) -> None:
    from sitegen.anchors import heading_key

    assert heading_key(text) == key


def test_language_versions_of_an_annex_get_the_same_ids() -> None:
    en = finish_report(draft(head("", "Summary"), para("1"), head("", "Annex I"), para("1")), slug_hint="x")
    fr = finish_report(draft(head("", "Résumé"), para("1"), head("", "Annexe I"), para("1")), slug_hint="x")
    assert ids(en) == ids(fr) == ["sec-summary", "para-1", "sec-annex-i", "annex-i-para-1"]


def test_genre_kinds_get_the_anchors_a_citer_uses() -> None:
    """CONTRACT.md section 4: pp-N in order, rule-12-2 and its items, item-4; a report's ids unchanged."""
    blocks = [
        para(None, text="The Security Council,"),
        DraftParagraph(number=None, text="Recalling X,", page=1, kind="preamble"),
        DraftParagraph(number=None, text="Noting Y,", page=1, kind="preamble"),
        para("1"),
        DraftHeading(level=3, label="Rule 12", text="Officers", page=1, kind="rule", number="12"),
        DraftParagraph(
            number="2",
            text="T.",
            page=1,
            kind="rule-paragraph",
            scope="12",
            items=[DraftItem(label="(a)", text="x")],
        ),
        DraftParagraph(number="4", text="Ethics", page=1, kind="agenda-item"),
        DraftHeading(level=3, label="Item 4", text="Ethics", page=1, kind="agenda-item", number="4"),
    ]
    report = finish_report(draft(*blocks), slug_hint="x")
    assert ids(report) == [
        "intro-p1",
        "pp-1",
        "pp-2",
        "para-1",
        "rule-12",
        "rule-12-2",
        "rule-12-2-a",
        "item-4",
        "item-4-annotation",
    ]
    assert [b.kind for b in report.blocks] == [
        "paragraph",
        "preamble",
        "preamble",
        "paragraph",
        "rule",
        "rule-paragraph",
        "agenda-item",
        "agenda-item",
    ]
    assert Report.from_dict(report.to_dict()) == report


def test_a_citation_names_the_anchor_kind() -> None:
    report = finish_report(
        draft(
            DraftParagraph(number=None, text="Recalling X,", page=1, kind="preamble"),
            para("3"),
            DraftParagraph(number="2", text="T.", page=1, kind="rule-paragraph", scope="12"),
            DraftParagraph(number="4", text="Ethics", page=1, kind="agenda-item"),
            para(None),
        ),
        slug_hint="x",
    )
    assert [citation_text("A/1", p) for p in report.paragraphs] == [
        "A/1, preambular para. 1",
        "A/1, para. 3",
        "A/1, rule 12, para. 2",
        "A/1, item 4",
        "A/1",
    ]
