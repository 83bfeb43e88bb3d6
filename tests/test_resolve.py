"""Resolving citations across reports and inverting them into backlinks: pure functions on models."""

from __future__ import annotations

from sitegen.anchors import finish_report
from sitegen.draft import DraftFootnote, DraftHeading, DraftItem, DraftParagraph, DraftReport
from sitegen.model import Report
from sitegen.resolve import (
    SiteIndex,
    Version,
    build_index,
    check_references,
    find_backlinks,
    language_segment,
    natural_key,
    resolve_citation,
    split_joint_symbol,
    undocs_url,
)


def report(
    symbol: str | None,
    paragraphs: dict[str, str],
    *,
    language: str = "en",
    title: str = "T",
    items: dict[str, list[str]] | None = None,
    notes: dict[str, str] | None = None,
    file: str = "r.md",
) -> Report:
    """A report from paragraph number -> text (items by paragraph number as "(a) text" labels)."""
    draft = DraftReport(source_file=file, pages=3, symbol=symbol, title=title, language=language)
    draft.blocks.append(DraftHeading(level=1, label="I.", text="Intro", page=1))
    for n, text in paragraphs.items():
        its = [DraftItem(label=f"({k})", text=f"item {k}") for k in (items or {}).get(n, [])]
        draft.blocks.append(DraftParagraph(number=n, text=text, page=2, items=its))
    draft.footnotes = [DraftFootnote(number=k, text=v, page=3) for k, v in (notes or {}).items()]
    return finish_report(draft, slug_hint=file.split(".")[0])


def index_of(*reports: Report, default_language: str = "en") -> SiteIndex:
    index, rejected = build_index(
        [(f"{i}.md", r) for i, r in enumerate(reports)], default_language=default_language
    )
    assert not rejected
    return index


def version(index: SiteIndex, slug: str, language: str = "en") -> Version:
    return next(v for v in index.versions[slug] if v.language == language)


CITED = report("A/78/180", {"2": "Two.", "68": "Sixty-eight."}, items={"68": ["i", "j"]}, file="cited.md")


def test_default_language_at_the_slug_others_under_their_language() -> None:
    fr = report("A/78/180", {"68": "Fr."}, language="fr")
    ru = report("A/78/180", {"68": "Ru."}, language="ru")
    index = index_of(ru, fr, CITED)
    assert [(v.language, v.url) for v in index.versions["A/78/180"]] == [
        ("en", "/A/78/180/"),
        ("fr", "/fr/A/78/180/"),
        ("ru", "/ru/A/78/180/"),
    ]


def test_without_the_default_language_the_first_code_in_order_wins() -> None:
    index = index_of(report("X/1", {}, language="ru"), report("X/1", {}, language="fr"))
    assert [v.url for v in index.versions["X/1"]] == ["/X/1/", "/ru/X/1/"]
    configured = index_of(CITED, report("A/78/180", {}, language="fr"), default_language="fr")
    assert [v.url for v in configured.versions["A/78/180"]] == ["/A/78/180/", "/en/A/78/180/"]
    assert configured.versions["A/78/180"][0].language == "fr"


def test_two_reports_with_one_symbol_and_language_reject_the_second() -> None:
    index, rejected = build_index([("a.md", CITED), ("b.md", CITED), ("c.md", CITED)])
    assert [v.file for v in index.versions["A/78/180"]] == [
        "a.md",
        "b.md",
    ]  # "/A/78/180/" and "/en/A/78/180/"
    assert [r.file for r in rejected] == ["c.md"] and "A/78/180" in rejected[0].message


def test_joint_symbols_answer_to_each_part() -> None:
    assert split_joint_symbol("A/79/797-S/2025/109") == ["A/79/797", "S/2025/109"]
    assert split_joint_symbol("A/HRC/WG.6/7/ITA/1") == ["A/HRC/WG.6/7/ITA/1"]
    joint = report("A/79/797-S/2025/109", {"3": "x"})
    index = index_of(joint)
    for symbol in ("A/79/797-S/2025/109", "A/79/797", "S/2025/109"):
        assert index.slug_for(symbol) == "A/79/797-S/2025/109"


def test_citation_to_an_item_a_paragraph_a_missing_item_and_a_missing_paragraph() -> None:
    citing = report("A/79/213", {"1": "x"})
    index = index_of(CITED, citing)
    here = version(index, "A/79/213")
    assert resolve_citation(index, here, "A/78/180", "68", "j").href == "/A/78/180/#para-68-j"
    assert resolve_citation(index, here, "A/78/180", "68", None).href == "/A/78/180/#para-68"
    no_item = resolve_citation(index, here, "A/78/180", "68", "z")
    assert no_item.href == "/A/78/180/#para-68" and no_item.missing is None
    no_para = resolve_citation(index, here, "A/78/180", "99", None)
    assert no_para.href == "/A/78/180/" and no_para.internal and "99" in (no_para.missing or "")
    assert resolve_citation(index, here, "A/78/180", None, None).href == "/A/78/180/"
    sub = resolve_citation(index, here, "A/78/180", "68.119", None)
    assert sub.href == "/A/78/180/#para-68" and sub.missing, "a missing 68.119 lands on paragraph 68"


def test_citation_outside_the_site_goes_to_undocs() -> None:
    index = index_of(CITED)
    target = resolve_citation(index, version(index, "A/78/180"), "A/77/1", "3", None)
    assert target.href == "https://undocs.org/A/77/1" and not target.internal
    assert undocs_url("S/RES/2334 (2016)") == "https://undocs.org/S/RES/2334(2016)"


def test_citing_report_language_picks_the_version() -> None:
    fr_cited = report("A/78/180", {"68": "Fr."}, language="fr", items={"68": ["j"]})
    fr_citing = report("A/79/213", {"1": "x"}, language="fr")
    ru_citing = report("A/79/214", {"1": "x"}, language="ru")
    index = index_of(CITED, fr_cited, fr_citing, ru_citing)
    assert (
        resolve_citation(index, version(index, "A/79/213", "fr"), "A/78/180", "68", "j").href
        == "/fr/A/78/180/#para-68-j"
    )
    assert (
        resolve_citation(index, version(index, "A/79/214", "ru"), "A/78/180", "68", "j").href
        == "/A/78/180/#para-68-j"
    )


def test_unresolved_paragraph_warns_with_file_and_page() -> None:
    citing = report("A/79/213", {"1": "See A/78/180, para. 99."}, file="A_79_213.pdf")
    diag = check_references(index_of(CITED, citing))
    [warning] = list(diag)
    assert warning.code == "xref-unresolved"
    assert str(warning).startswith("A_79_213.pdf: page 2: 'A/78/180, para. 99'")


def test_backlinks_per_paragraph_item_and_report() -> None:
    citing = report(
        "A/80/188", {"12": "As in A/78/180, para. 68 (j).", "13": "And A/78/180, para. 2."}, file="c.md"
    )
    index = index_of(CITED, citing)
    links = find_backlinks(index)
    [item] = links.at("A/78/180", "para-68-j")
    assert (item.label, item.href) == ("A/80/188, para. 12", "/A/80/188/#para-12")
    assert [b.label for b in links.at("A/78/180", "para-2")] == ["A/80/188, para. 13"]
    assert links.at("A/78/180", "para-68") == ()
    assert [(b.label, b.href) for b in links.by_report["A/78/180"]] == [("A/80/188", "/A/80/188/")]
    assert "A/80/188" not in links.by_report


def test_a_citation_in_a_footnote_backlinks_to_the_paragraph_that_refers_to_the_note() -> None:
    citing = report("A/80/188", {"11": "No note.", "12": "Text.[^5]"}, notes={"5": "A/78/180, para. 2."})
    links = find_backlinks(index_of(CITED, citing))
    assert [(b.label, b.href) for b in links.at("A/78/180", "para-2")] == [
        ("A/80/188, para. 12", "/A/80/188/#para-12")
    ]


def test_a_citation_from_an_item_is_labelled_with_the_item() -> None:
    citing = finish_report(
        DraftReport(
            source_file="c.md",
            pages=1,
            symbol="A/80/188",
            title="T",
            blocks=[
                DraftParagraph(
                    number="12",
                    text="Text.",
                    page=1,
                    items=[DraftItem(label="(b)", text="see A/78/180, para. 68")],
                )
            ],
        ),
        slug_hint="c",
    )
    [link] = find_backlinks(index_of(CITED, citing)).at("A/78/180", "para-68")
    assert (link.label, link.href) == ("A/80/188, para. 12 (b)", "/A/80/188/#para-12-b")


def test_self_citations_and_other_languages_of_one_place_are_listed_once() -> None:
    own = report("A/78/180", {"2": "Two.", "68": "See A/78/180, para. 2."}, items={"68": ["j"]})
    citing_en = report("A/80/188", {"12": "A/78/180, para. 2."})
    citing_fr = report("A/80/188", {"12": "A/78/180, para. 2."}, language="fr")
    links = find_backlinks(index_of(own, citing_en, citing_fr))
    assert [b.href for b in links.at("A/78/180", "para-2")] == ["/A/80/188/#para-12"]
    assert [b.label for b in links.by_report["A/78/180"]] == ["A/80/188"]


def test_natural_order_and_safe_language_segments() -> None:
    assert sorted(["A/79/1000", "A/79/213", "A/8/1"], key=natural_key) == ["A/8/1", "A/79/213", "A/79/1000"]
    assert language_segment("../fr") == "fr" and language_segment("") == "und"


def test_each_part_of_a_joint_symbol_is_a_path_that_lands_on_the_report() -> None:
    from sitegen.deploy import redirect_rules

    rules = dict(
        redirect_rules(index_of(report("A/79/797-S/2025/109", {"1": "x"}), report("A/79/1", {"1": "y"})))
    )
    assert rules["/S/2025/109"] == "/A/79/797-S/2025/109/"
    assert rules["/A/79/797"] == "/A/79/797-S/2025/109/"
    assert "/A/79/1" not in rules  # a page is never redirected


def test_a_note_a_corrigendum_added_is_cited_by_its_printed_number() -> None:
    """ "A/1/1, note 5", not "note 5_corr1"; "5a" when the report has a note 5 of its own."""
    from sitegen.model import Footnote, Paragraph, Source
    from sitegen.resolve import citing_places

    report = Report(
        symbol="A/1/1",
        slug="A/1/1",
        title="T",
        language="en",
        source=Source("a.md", 0),
        blocks=(Paragraph("para-1", "1", "Words.", 1),),
        footnotes=(
            Footnote("5", "fn-5", "Own note.", 1),
            Footnote("5_corr1", "fn-5_corr1", "Added.", 1),
            Footnote("6_corr1", "fn-6_corr1", "Added too.", 1),
        ),
        references=(),
    )
    places = citing_places(report)
    assert places["fn-5"] == ("fn-5", "A/1/1, note 5")
    assert places["fn-5_corr1"] == ("fn-5_corr1", "A/1/1, note 5a")
    assert places["fn-6_corr1"] == ("fn-6_corr1", "A/1/1, note 6")
