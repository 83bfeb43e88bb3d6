"""The model's views: the section tree and every text, each walked once (`Report.sections`,
`Report.texts`) for the contents list, heading depths, search's crumbs and the id and note walks."""

from __future__ import annotations

from sitegen.model import Footnote, Heading, Item, Paragraph, Report, Source
from sitegen.render.html import build_toc, heading_depths
from sitegen.render.search.records import report_records


def _report() -> Report:
    blocks = (
        Heading("sec-i", 1, "I.", "Introduction", 1),
        Paragraph("para-1", "1", "Opening words.[^1]", 1),
        Heading("sec-i-a", 2, "A.", "Mandate", 1),
        Heading("sec-i-a-1", 4, "1.", "A level that skips", 2),
        Paragraph("para-2", "2", "Under the skip.", 2, items=(Item("(a)", "para-2-a", "An item[^2]"),)),
        Heading("sec-ii", 1, "II.", "Conclusions", 3),
        Paragraph("para-3", "3", "Closing words.", 3),
    )
    return Report(
        symbol="A/1/1",
        slug="A/1/1",
        title="A report",
        language="en",
        source=Source("a.md", 3),
        blocks=blocks,
        footnotes=(Footnote("1", "fn-1", "A note.", 1), Footnote("2", "fn-2", "Two.", 2)),
        references=(),
    )


def test_sections_nest_each_heading_under_the_nearest_shallower_one() -> None:
    sections = _report().sections()
    assert [(s.heading.id, [p.id for p in s.parents], s.depth) for s in sections] == [
        ("sec-i", [], 1),
        ("sec-i-a", ["sec-i"], 2),
        ("sec-i-a-1", ["sec-i", "sec-i-a"], 3),
        ("sec-ii", [], 1),
    ]


def test_contents_depths_and_crumbs_agree_on_the_tree() -> None:
    report = _report()
    toc = build_toc(report.sections())
    assert [e.id for e in toc] == ["sec-i", "sec-ii"]
    assert [c.id for c in toc[0].children] == ["sec-i-a"]
    assert [c.id for c in toc[0].children[0].children] == ["sec-i-a-1"]
    # Rendered heading levels follow the same nesting, so h2 -> h3 -> h4 never skips (Nu checker).
    assert heading_depths(report.sections()) == {"sec-i": 1, "sec-i-a": 2, "sec-i-a-1": 3, "sec-ii": 1}
    records = report_records(report, "/A/1/1/")
    crumbs = {r.url.split("#")[-1]: r.crumb for r in records if r.kind in ("h", "p", "i")}
    assert crumbs["sec-i-a-1"] == "I. Introduction › A. Mandate"
    assert crumbs["para-2"] == crumbs["para-2-a"] == "I. Introduction › A. Mandate › 1. A level that skips"
    assert crumbs["para-3"] == "II. Conclusions"


def test_texts_are_every_text_once_in_reading_order_notes_last() -> None:
    texts = _report().texts()
    assert [(t.id, t.kind) for t in texts] == [
        ("sec-i", "heading"),
        ("para-1", "paragraph"),
        ("sec-i-a", "heading"),
        ("sec-i-a-1", "heading"),
        ("para-2", "paragraph"),
        ("para-2-a", "item"),
        ("sec-ii", "heading"),
        ("para-3", "paragraph"),
        ("fn-1", "footnote"),
        ("fn-2", "footnote"),
    ]
    assert texts[5].text == "An item[^2]"
