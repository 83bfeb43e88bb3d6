"""Families on the built site: the family box, corrections marked with the text as issued at its own
URL, instructions that could not be applied shown beside the text, revisions superseding, and a
corrigendum whose base is not in the site."""

from __future__ import annotations

import re
from pathlib import Path

BASE = """---
symbol: A/90/300
title: Migration and development
date: 2025-03-01
language: {language}
---

27. The programme reached 12 countries in 2024.

28. Migration grew in several countries. Remittances rose.
"""

CORR = """---
symbol: A/90/300/Corr.1
title: Migration and development
date: 2025-06-01
---

# Corrigendum

Paragraph 28

The text “in several countries” should read “in several countries and territories.”

Paragraph 27

Move the second sentence to the end.
"""

REV = """---
symbol: A/90/300/Rev.1
title: Migration and development
date: 2025-09-01
---

27. The programme reached 14 countries in 2024.
"""


def test_a_corrected_report(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(
        tmp_path,
        {
            "content/A_90_300.md": BASE.format(language="en"),
            "content/A_90_300.fr.md": BASE.format(language="fr"),
            "content/A_90_300_Corr.1.md": CORR,
        },
    )
    page = site.main("/A/90/300/")
    assert (
        'in several countries <ins class="corr-inserted">and territories.</ins> Remittances rose.' not in page
    )
    assert '<ins class="corr-inserted">and territories</ins>' in page
    assert 'Corrected by <a href="/A/90/300/Corr.1/">A/90/300/Corr.1</a>' in page
    assert '<a href="/A/90/300/as-issued/#para-28">text as issued</a>' in page
    assert "(not applied): Move the second sentence to the end." in page  # never dropped
    assert any(
        w.code == "corrigendum-not-applied" and "paragraph 27" in w.message for w in site.result.warnings
    )
    issued = site.main("/A/90/300/as-issued/")
    assert (
        "Migration grew in several countries. Remittances rose." in issued and "corr-inserted" not in issued
    )
    assert '<a href="/A/90/300/">Read the corrected text</a>' in issued
    assert 'aria-current="page">A/90/300</a>' in page and "Corrigendum 1" in page
    # the French version: the corrigendum is English only, so nothing is applied to it
    assert "corr-inserted" not in site.main("/fr/A/90/300/")


def test_a_revision_supersedes_and_each_paragraph_links_to_its_own(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(
        tmp_path, {"content/A_90_300.md": BASE.format(language="en"), "content/A_90_300_Rev.1.md": REV}
    )
    page = site.main("/A/90/300/")
    assert 'Superseded by <a href="/A/90/300/Rev.1/">A/90/300/Rev.1</a>' in page
    assert '<a href="/A/90/300/Rev.1/#para-27">This paragraph in the revision</a>' in page
    assert "/A/90/300/Rev.1/#para-28" not in page  # the revision has no paragraph 28
    assert "Superseded" not in site.main("/A/90/300/Rev.1/")


def test_a_corrigendum_without_its_base(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, {"content/A_90_300_Corr.1.md": CORR})
    page = site.main("/A/90/300/Corr.1/")
    assert '<a class="xref-external" href="https://undocs.org/A/90/300">A/90/300</a>' in page
    assert "Paragraph 28" in page  # its instructions, by paragraph, as printed


def test_a_corrected_paragraph_keeps_its_note_reference_ids(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    base = (
        BASE.format(language="en").replace("Remittances rose.", "Remittances rose.[^1]") + "\n[^1]: A note.\n"
    )
    site = build_site(tmp_path, {"content/A_90_300.md": base, "content/A_90_300_Corr.1.md": CORR})
    page = site.main("/A/90/300/")
    assert 'id="fnref-1" href="#fn-1"' in page and 'href="#fnref-1"' in page and "fnref-1-2" not in page


def _index_groups(page: str) -> list[list[tuple[str, str]]]:
    """The index's groups (one <tbody> each) as [(symbol, kind)] in order; a head row naming a base
    outside the site is ("head", its symbol)."""
    groups = []
    for body in re.findall(r"<tbody[^>]*>(.*?)</tbody>", page, re.S):
        rows = []
        for row in re.findall(r"<tr[^>]*>.*?</tr>", body, re.S):
            head = re.search(r'class="family-head".*?<a[^>]*>([^<]+)</a>', row, re.S)
            if head:
                rows.append(("head", head.group(1)))
                continue
            symbol = re.search(r'data-symbol="([^"]*)"', row)
            kind = re.search(r'<span class="family-kind">([^<]*)</span>', row)
            rows.append((symbol.group(1) if symbol else "", kind.group(1) if kind else ""))
        groups.append(rows)
    return groups


def test_the_index_lists_a_family_together_in_reading_order(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    add = BASE.replace("A/90/300", "A/90/300/Add.1").format(language="en")
    add_rev = REV.replace("A/90/300/Rev.1", "A/90/300/Add.1/Rev.1")
    other = BASE.replace("A/90/300", "A/90/200").format(language="en")
    site = build_site(
        tmp_path,
        {
            "content/A_90_300.md": BASE.format(language="en"),
            "content/A_90_300.fr.md": BASE.format(language="fr"),
            "content/A_90_300_Corr.1.md": CORR,
            "content/A_90_300_Rev.1.md": REV,
            "content/A_90_300_Add.1.md": add,
            "content/A_90_300_Add.1_Rev.1.md": add_rev,
            "content/A_90_200.md": other,
            "content/A_90_100_Corr.2.md": CORR.replace("A/90/300/Corr.1", "A/90/100/Corr.2"),
        },
    )
    index = site.main("/")
    assert _index_groups(index) == [
        [("head", "A/90/100"), ("A/90/100/Corr.2", "Corrigendum 2")],
        [("A/90/200", "")],
        [
            ("A/90/300", ""),
            ("A/90/300", ""),
            ("A/90/300/Rev.1", "Revision 1"),
            ("A/90/300/Corr.1", "Corrigendum 1"),
            ("A/90/300/Add.1", "Addendum 1"),
            ("A/90/300/Add.1/Rev.1", "Revision 1"),
        ],
    ]
    # the base outside the site is linked on undocs.org; nesting shows as depth; superseded says by what
    assert '<a class="xref-external" href="https://undocs.org/A/90/100">A/90/100</a>' in index
    assert re.search(r'<tr class="family-member depth-2" [^>]*data-symbol="A/90/300/Add.1/Rev.1"', index)
    superseded = re.findall(r'<tr class="[^"]*is-superseded"[^>]*data-symbol="([^"]+)"', index)
    assert superseded == ["A/90/300", "A/90/300", "A/90/300/Add.1"]
    assert (
        'Superseded by <a href="/A/90/300/Rev.1/">A/90/300/Rev.1</a> of '
        '<time datetime="2025-09-01">1 September 2025</time>'
    ) in index
    # the French base is superseded too, and its link goes to the revision's English (only) version
    assert index.count('Superseded by <a href="/A/90/300/Rev.1/">') == 2
    # the filters still offer what the rows carry
    assert '<option value="fr">Français</option>' in index and '<option value="2025">2025</option>' in index


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_later_revision_or_corrigendum_reaches_a_cached_build_as_a_clean_one(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The base's file did not change, but its family did: its search records (corrected text, the
    revision that supersedes it) and its page must be what a clean build makes."""
    cache = tmp_path / "cache"
    build_site(tmp_path, {"content/A_90_300.md": BASE.format(language="en")}, cache=cache)
    later = {"content/A_90_300_Corr.1.md": CORR, "content/A_90_300_Rev.1.md": REV}
    cached = build_site(tmp_path, later, cache=cache)
    clean = build_site(tmp_path, {}, out="clean")
    assert "Superseded by" in cached.main("/A/90/300/") and "corr-inserted" in cached.main("/A/90/300/")
    assert _files(cached.root / "search") == _files(clean.root / "search")
    assert cached.main("/A/90/300/") == clean.main("/A/90/300/")
    # and back: the revision gone, an addendum come (the corrigendum's page lists it in its family box)
    (tmp_path / "content" / "A_90_300_Rev.1.md").unlink()
    add = {"content/A_90_300_Add.1.md": BASE.replace("A/90/300", "A/90/300/Add.1").format(language="en")}
    cached = build_site(tmp_path, add, cache=cache)
    clean = build_site(tmp_path, {}, out="clean2")
    assert "Superseded by" not in cached.main("/A/90/300/") and "A/90/300/Add.1" in cached.main(
        "/A/90/300/Corr.1/"
    )
    assert _files(cached.root) == _files(clean.root)


# ---- the same pair as PDFs ---------------------------------------------------------------------------

PAIR_PARAGRAPHS = {
    "1": "The report covers 2024.",
    "2": "Migration grew in several countries. Remittances rose by 4 per cent. Most migrants moved for work.",
    "3": "The programme reached 12 countries in 2024.[^1]",
    "4": "The Office of the United Nations High Commissioner for Refugees counted 122 million people.",
    "5": "Member States are invited to take note of the report. They may comment by 1 May.",
}
PAIR_NOTES = {"1": "See A/89/100."}
PAIR_CORRIGENDUM: list[tuple[str, list[str]]] = [  # (where, the instructions printed under it)
    (
        "Paragraph 4",
        [
            "The paragraph should read",
            (
                "The Office of the United Nations High Commissioner for Refugees counted 123.2 million "
                "forcibly displaced people."
            ),
        ],
    ),
    (
        "Paragraph 2",
        [
            (
                "The text \u201cin several countries\u201d should read \u201cin several countries and "
                "territories.\u201d"
            )
        ],
    ),
    ("Paragraph 5", ["The second sentence should read \u201cThey may comment by 15 May.\u201d"]),
    (
        "Paragraph 1",
        [
            (
                "At the end of the first sentence, insert footnote marker 2. At the end of the page, insert "
                "a corresponding footnote reading 2 International Migration Report (United Nations "
                "publication, 2024)."
            )
        ],
    ),
]


def _pair_as_markdown() -> dict[str, str]:
    head = "---\nsymbol: {symbol}\ntitle: Migration and development\ndate: {date}\n---\n\n"
    base = head.format(symbol="A/90/300", date="2025-03-01") + "# I. Introduction\n\n"
    base += "".join(f"{n}. {text}\n\n" for n, text in PAIR_PARAGRAPHS.items())
    base += "".join(f"[^{n}]: {text}\n" for n, text in PAIR_NOTES.items())
    corr = head.format(symbol="A/90/300/Corr.1", date="2025-06-01") + "# Corrigendum\n\n"
    corr += "".join(
        f"### {where}\n\n" + "".join(f"{line}\n\n" for line in lines) for where, lines in PAIR_CORRIGENDUM
    )
    return {"content/A_90_300.md": base, "content/A_90_300_Corr.1.md": corr}


def _pair_as_pdfs(content: Path) -> None:
    """The same report and corrigendum in UN layout (tests/unlayout.py): the corrigendum's front page
    says "Corrigendum" under the title, each place it names is a bold line, its instructions follow."""
    from tests.unlayout import Heading, Para, Report, write_pdf

    base = Report(
        title="Migration and development",
        symbol="A/90/300",
        date="1 March 2025",
        blocks=(Heading("I.", "Introduction"), *(Para(n, t) for n, t in PAIR_PARAGRAPHS.items())),
        footnotes=PAIR_NOTES,
    )
    corr = Report(
        title="Migration and development",
        symbol="A/90/300/Corr.1",
        date="1 June 2025",
        subtitle="Corrigendum",
        job="25-09066",
        blocks=tuple(
            b
            for where, lines in PAIR_CORRIGENDUM
            for b in (Heading("", where, level=3), *(Para(None, line) for line in lines))
        ),
    )
    write_pdf(base, content / "A_90_300.pdf")
    write_pdf(corr, content / "A_90_300_Corr.1.pdf")


def _bodies(page: str) -> dict[str, str]:
    """Each paragraph's and note's text as shown, marks included, without the links to the source PDF."""
    out = {
        m.group(1): m.group(2)
        for m in re.finditer(
            r'<section class="para" id="([^"]+)".*?<div class="para-body">'
            r"(.*?)</div>",
            page,
            re.S,
        )
    }
    notes = re.search(r'<section class="footnotes".*?</section>', page, re.S)
    out["notes"] = re.sub(r'<a class="para-pdf".*?</a>', "", notes.group(0) if notes else "")
    return out


def test_the_same_pair_as_pdfs_is_corrected_exactly_as_the_markdown_pair(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    markdown = build_site(tmp_path / "md", _pair_as_markdown())
    _pair_as_pdfs(tmp_path / "pdf" / "content")
    pdf = build_site(tmp_path / "pdf")
    assert not [
        w for w in markdown.result.warnings + pdf.result.warnings if w.code == "corrigendum-not-applied"
    ]
    expected = _bodies(markdown.main("/A/90/300/"))
    assert _bodies(pdf.main("/A/90/300/")) == expected
    # each kind of instruction took effect, marked, with the same words in both
    assert (
        'counted <del class="corr-removed">122</del> <ins class="corr-inserted">123.2</ins>'
        in expected["para-4"]
    )
    assert '<ins class="corr-inserted">and territories</ins>. Remittances' in expected["para-2"]
    assert "They may comment by <del" in expected["para-5"] and "\u201c" not in expected["para-5"]
    assert (
        'href="#fn-2_corr1"' in expected["para-1"] and "International Migration Report" in expected["notes"]
    )
    # the added note keeps its own anchor and prints the number the corrigendum gave it
    assert (
        'id="fnref-2_corr1" href="#fn-2_corr1" role="doc-noteref" aria-describedby="fn-2_corr1">2</a>'
        in expected["para-1"]
    )
    assert '<li id="fn-2_corr1" class="footnote" value="2"><span class="fn-num">2</span>' in expected["notes"]
    assert '(added by <a href="/A/90/300/Corr.1/">A/90/300/Corr.1</a>)' in expected["notes"]
    assert "2_corr1<" not in markdown.main("/A/90/300/") + pdf.main("/A/90/300/")
    # and the text as issued, at its own URL, is the same in both
    assert _bodies(pdf.main("/A/90/300/as-issued/")) == _bodies(markdown.main("/A/90/300/as-issued/"))


CITER = """---
symbol: A/90/400
title: Other
date: 2025-10-01
---

1. As A/90/300, para. 27 says, and as A/90/300/Rev.1 repeats, the programme grew.[^1]

[^1]: See A/90/300.
"""


def test_a_citation_of_a_superseded_report_keeps_its_link_and_shows_the_revision(
    build_site, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    files = {"content/A_90_300.md": BASE.format(language="en"), "content/A_90_400.md": CITER}
    before = build_site(tmp_path, files, cache=cache)
    assert "xref-revision" not in before.main("/A/90/400/")
    after = build_site(
        tmp_path, {"content/A_90_300_Rev.1.md": REV + "\nAs issued, A/90/300 said otherwise.\n"}, cache=cache
    )
    page = after.main("/A/90/400/")
    assert (
        '<a class="xref" href="/A/90/300/#para-27">A/90/300, para. 27</a> <span class="xref-revision">'
        '(superseded by <a href="/A/90/300/Rev.1/#para-27">A/90/300/Rev.1</a>)</span> says'
    ) in page
    assert (
        '<a class="xref" href="/A/90/300/">A/90/300</a> <span class="xref-revision">(superseded by '
        '<a href="/A/90/300/Rev.1/">A/90/300/Rev.1</a>)</span>.'
    ) in page  # in a note too, at the page
    assert page.count("xref-revision") == 2  # not after the revision itself
    assert "xref-revision" not in after.main("/A/90/300/Rev.1/")  # a revision naming what it replaces
    assert page == build_site(tmp_path, {}, out="clean").main("/A/90/400/")  # the cached build saw the change
