"""Document families: members from their symbols, revisions superseding, corrigenda applied in order."""

from __future__ import annotations

from pathlib import Path

from sitegen.corrigenda import note_labels
from sitegen.errors import Diagnostics
from sitegen.families import apply_site_corrigenda, build_families, correct, is_family_touched, member_of
from sitegen.model import Report
from sitegen.readers import read_report
from sitegen.render.search import report_records
from sitegen.resolve import build_index


def md(
    tmp_path: Path,
    name: str,
    symbol: str,
    body: str,
    title: str = "Report on migration",
    date: str = "2025-05-01",
) -> Report:
    path = tmp_path / name
    path.write_text(f"---\nsymbol: {symbol}\ntitle: {title}\ndate: {date}\n---\n\n{body}\n", encoding="utf-8")
    return read_report(path)


def test_members_are_grouped_under_their_base_in_reading_order(tmp_path: Path) -> None:
    reports = [
        md(tmp_path, "c.md", "E/2025/15/Add.1/Rev.1", "1. Revised addendum."),
        md(tmp_path, "a.md", "E/2025/15", "1. Base."),
        md(
            tmp_path,
            "d.md",
            "E/2025/15/Corr.1",
            "# Corrigendum\n\nParagraph 1\n\nThe paragraph should read\n\nNew.",
        ),
        md(tmp_path, "b.md", "E/2025/15/Add.1", "1. Addendum."),
        md(tmp_path, "e.md", "A/90/1", "1. Alone."),
    ]
    families = build_families(reports)
    assert list(families) == ["E/2025/15"]  # a report alone is no family
    family = families["E/2025/15"]
    assert [(m.symbol, m.kind) for m in family.members] == [
        ("E/2025/15", "base"),
        ("E/2025/15/Corr.1", "corrigendum"),
        ("E/2025/15/Add.1", "addendum"),
        ("E/2025/15/Add.1/Rev.1", "revision"),
    ]
    assert family.superseded_by("E/2025/15/Add.1") == family.member("E/2025/15/Add.1/Rev.1")
    assert family.superseded_by("E/2025/15") is None
    assert [m.symbol for m in family.corrigenda_of("E/2025/15")] == ["E/2025/15/Corr.1"]


def test_a_corrigendum_whose_base_is_not_in_the_site_is_still_a_family(tmp_path: Path) -> None:
    corr = md(
        tmp_path,
        "x.md",
        "E/2025/68/Corr.2",
        "# Corrigendum\n\nParagraph 49\n\nFor the existing text substitute\n\n49. New text.",
    )
    assert build_families([corr])["E/2025/68"].members[0].of == "E/2025/68"


def test_the_front_page_names_the_kind_when_the_symbol_does_not(tmp_path: Path) -> None:
    report = md(
        tmp_path, "y.md", "A/90/7", "# Corrigendum\n\nParagraph 1\n\nThe paragraph should read\n\nNew."
    )
    member = member_of(report)
    assert member is not None and member.kind == "corrigendum"


def test_corrigenda_apply_in_order_and_the_later_one_wins(tmp_path: Path) -> None:
    base = md(tmp_path, "b.md", "E/2025/68", "44. Old text of forty-four.\n\n49. Old text of forty-nine.")
    corr2 = md(
        tmp_path,
        "c2.md",
        "E/2025/68/Corr.2",
        "# Corrigendum\n\nParagraph 49\n\nFor the existing text substitute\n\n49. Second correction.",
    )
    corr1 = md(
        tmp_path,
        "c1.md",
        "E/2025/68/Corr.1",
        "# Corrigendum\n\nParagraph 44\n\nThe paragraph should read\n\n"
        "First correction of 44.\n\nParagraph 49\n\nThe paragraph should read\n\nFirst correction of 49.",
    )
    corrected, results = correct(base, [corr2, corr1])
    assert [symbol for symbol, _ in results] == ["E/2025/68/Corr.1", "E/2025/68/Corr.2"]
    texts = {p.number: p.text for p in corrected.paragraphs}
    assert texts == {"44": "First correction of 44.", "49": "Second correction."}
    assert [c.block_id for _, applied in results for c in applied.changes] == [
        "para-44",
        "para-49",
        "para-49",
    ]


def test_search_records_name_the_revision_that_supersedes_and_only_family_touched_reports(
    tmp_path: Path,
) -> None:
    base = md(tmp_path, "b.md", "E/2025/68", "44. Old text of forty-four.")
    rev = md(tmp_path, "r.md", "E/2025/68/Rev.1", "44. New text of forty-four.")
    alone = md(tmp_path, "a.md", "E/2025/70", "1. Alone.")
    index, _ = build_index([("b.md", base), ("r.md", rev), ("a.md", alone)])
    apply_site_corrigenda(index, Diagnostics())
    versions = {v.slug: v.report for v in index.all_versions()}
    rows = [r.row() for r in report_records(versions["E/2025/68"], "/E/2025/68/")]
    assert rows[0] == ["r", "/E/2025/68/", "E/2025/68", "", "Report on migration", "E/2025/68/Rev.1"]
    assert {row[5] for row in rows} == {
        "E/2025/68/Rev.1"
    }  # every record of it: a paragraph found says so too
    assert all(len(r.row()) == 5 for r in report_records(versions["E/2025/68/Rev.1"], "/E/2025/68/Rev.1/"))
    # what the site noted is in the index's copy only, and marks the report as more than its file
    assert is_family_touched(versions["E/2025/68"]) and not is_family_touched(versions["E/2025/68/Rev.1"])
    assert not is_family_touched(versions["E/2025/70"]) and base.meta == ()


def test_a_note_a_corrigendum_added_prints_its_number_and_a_letter_only_when_taken() -> None:
    assert note_labels(["1", "2", "3_corr1"]) == {"3_corr1": "3"}
    assert note_labels(["1", "5", "5_corr1", "5_corr2"]) == {"5_corr1": "5a", "5_corr2": "5b"}
    assert note_labels(["note", "6_corr1"]) == {"6_corr1": "6"}  # a Markdown label is no number
    assert note_labels(["1", "2"]) == {}


def test_a_search_record_of_a_note_a_corrigendum_added_cites_its_printed_number(tmp_path: Path) -> None:
    report = md(
        tmp_path,
        "n.md",
        "E/2025/70",
        "1. Alone.[^1] Added.[^1_corr1]\n\n[^1]: Own.\n\n[^1_corr1]: Added by Corr.1.",
    )
    notes = [r.cite for r in report_records(report, "/E/2025/70/") if r.kind == "f"]
    assert notes == ["E/2025/70, note 1", "E/2025/70, note 1a"]
