"""Rendering pieces: text segments, escaping of untrusted text, TOC, notes, assets, environment."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from conftest import ElementTree, main_of

from sitegen.anchors import finish_report
from sitegen.citations import Citation
from sitegen.draft import DraftFootnote, DraftHeading, DraftItem, DraftParagraph, DraftReport
from sitegen.render import render_site
from sitegen.render.assets import build_assets, hashed_name
from sitegen.render.html import format_date, source_file_name
from sitegen.render.segments import FootnoteRefs, split_text
from sitegen.resolve import Target, build_index, find_backlinks
from sitegen.write import Output


def to_undocs(c: Citation) -> Target:
    return Target(href=f"https://undocs.org/{c.symbol}")


def test_text_splits_into_text_footnote_references_and_citations() -> None:
    refs = FootnoteRefs()
    segs = split_text("See A/78/180, para. 68 (j).[^64] Then[^64] A/1/2", to_undocs, refs)
    assert [(s.kind, s.text) for s in segs] == [
        ("text", "See "),
        ("xref", "A/78/180, para. 68 (j)"),
        ("text", "."),
        ("fnref", "64"),
        ("text", " Then"),
        ("fnref", "64"),
        ("text", " "),
        ("xref", "A/1/2"),
    ]
    assert [s.ref_id for s in segs if s.kind == "fnref"] == ["fnref-64", "fnref-64-2"]
    assert all(s.href == "#fn-64" and s.note_id == "fn-64" for s in segs if s.kind == "fnref")


def test_text_the_model_says_cites_nothing_is_not_searched_for_citations() -> None:
    segs = split_text("A/78/180, para. 2[^1]", to_undocs, FootnoteRefs(), cites=False)
    assert [(s.kind, s.text) for s in segs] == [("text", "A/78/180, para. 2"), ("fnref", "1")]


def test_footnote_text_keeps_a_marker_as_text() -> None:
    segs = split_text("odd [^3] marker", to_undocs, None)
    assert [(s.kind, s.text) for s in segs] == [("text", "odd [^3] marker")]


HOSTILE = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"


def hostile_report(language: str = "en") -> DraftReport:
    return DraftReport(
        source_file="h.pdf",
        pages=2,
        symbol="X/1",
        title=f"Title {HOSTILE}",
        language=language,
        date="2024-02-30",  # not a real date: shown as printed, never as <time datetime>
        blocks=[
            DraftHeading(level=1, label="I.", text=f"Heading {HOSTILE}", page=1),
            DraftParagraph(
                number="1",
                text=f'Para {HOSTILE}[^1] "q"',
                page=1,
                items=[DraftItem(label="(a)", text=f"Item {HOSTILE}")],
            ),
            DraftParagraph(number=None, text="Unnumbered.[^7]", page=2),
        ],
        footnotes=[DraftFootnote(number="1", text=f"Note {HOSTILE}", page=1)],
    )


def render(*drafts: DraftReport, tmp_path: Path) -> dict[str, bytes]:
    reports = [(d.source_file, finish_report(d, slug_hint="h")) for d in drafts]
    index, _ = build_index(reports)
    sources = {}
    for d in drafts:
        (tmp_path / d.source_file).write_bytes(b"%PDF-1.4 fake")
        sources[d.source_file] = tmp_path / d.source_file
    return {o.path: o.data for o in render_site(index, find_backlinks(index), sources=sources)}


def test_untrusted_text_is_escaped_everywhere(tmp_path: Path) -> None:
    page = render(hostile_report(), tmp_path=tmp_path)["X/1/index.html"].decode()
    doc = ElementTree(page)
    assert "<script>alert" not in page and "<img src=x" not in page and not doc.handlers
    shown = "".join(doc.text)
    for where in ("Title", "Heading", "Para", "Item", "Note"):
        assert f"{where} {HOSTILE}" in shown, where
    assert "#fn-1" in doc.hrefs_inside("para-1")


def test_pdf_is_copied_beside_the_page_and_each_paragraph_opens_its_page(tmp_path: Path) -> None:
    out = render(hostile_report(), tmp_path=tmp_path)
    assert out["X/1/h.pdf"] == b"%PDF-1.4 fake"
    main = main_of(out["X/1/index.html"].decode())
    assert '<a class="para-pdf" href="/X/1/h.pdf#page=1" aria-label="p. 1 of the source PDF">p. 1</a>' in main
    assert '<a class="source-pdf" href="/X/1/h.pdf">' in main


def test_a_note_referred_to_but_missing_still_has_a_target(tmp_path: Path) -> None:
    main = main_of(render(hostile_report(), tmp_path=tmp_path)["X/1/index.html"].decode())
    assert '<li id="fn-7" class="footnote footnote-missing" value="7">' in main
    assert '<a class="para-num" href="#para-1-p1" aria-label="Link to this paragraph"></a>' in main
    assert "#fn-7" in ElementTree(main).hrefs_inside("para-1-p1")


def test_invalid_dates_are_not_machine_readable_dates(tmp_path: Path) -> None:
    page = render(hostile_report(), tmp_path=tmp_path)["X/1/index.html"].decode()
    assert "<time" not in page and "2024-02-30" in page
    assert format_date("2024-07-19") == "19 July 2024"


def test_rtl_languages_get_dir_rtl(tmp_path: Path) -> None:
    page = render(hostile_report("ar"), tmp_path=tmp_path)["X/1/index.html"].decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_assets_get_content_hashes_and_a_user_file_replaces_the_default(tmp_path: Path) -> None:
    theme, user = tmp_path / "theme", tmp_path / "user"
    (theme / "img").mkdir(parents=True)
    user.mkdir()
    (theme / "site.css").write_text("body{}")
    (theme / "img" / "logo.svg").write_text("<svg/>")
    (user / "site.css").write_text("body{color:red}")
    urls, outputs = build_assets([user, theme])
    assert urls["site.css"] == f"/assets/{hashed_name(PurePosixPath('site.css'), b'body{color:red}')}"
    assert urls["img/logo.svg"].startswith("/assets/img/logo.") and urls["img/logo.svg"].endswith(".svg")
    assert Output(urls["site.css"].removeprefix("/"), b"body{color:red}") in outputs
    assert hashed_name(PurePosixPath("a.css"), b"1") != hashed_name(PurePosixPath("a.css"), b"2")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("A_79_213.en.pdf", "A_79_213.en.pdf"),
        ("../../x.pdf", "x.pdf"),
        ("a b<c>.pdf", "a_b_c_.pdf"),
        ("..\\..\\y.pdf", "y.pdf"),
        (".hidden.pdf", "hidden.pdf"),
    ],
)
def test_copied_pdf_names_are_safe(name: str, expected: str) -> None:
    assert source_file_name(name) == expected
