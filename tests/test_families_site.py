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
    site = build_site(tmp_path, {"content/A_90_300.md": BASE.format(language="en"),
                                 "content/A_90_300.fr.md": BASE.format(language="fr"),
                                 "content/A_90_300_Corr.1.md": CORR})
    page = site.main("/A/90/300/")
    assert 'in several countries <ins class="corr-inserted">and territories.</ins> Remittances rose.' not in page
    assert '<ins class="corr-inserted">and territories</ins>' in page
    assert 'Corrected by <a href="/A/90/300/Corr.1/">A/90/300/Corr.1</a>' in page
    assert '<a href="/A/90/300/as-issued/#para-28">text as issued</a>' in page
    assert "(not applied): Move the second sentence to the end." in page  # never dropped
    assert any(w.code == "corrigendum-not-applied" and "paragraph 27" in w.message for w in site.result.warnings)
    issued = site.main("/A/90/300/as-issued/")
    assert "Migration grew in several countries. Remittances rose." in issued and "corr-inserted" not in issued
    assert '<a href="/A/90/300/">Read the corrected text</a>' in issued
    assert 'aria-current="page">A/90/300</a>' in page and "Corrigendum 1" in page
    # the French version: the corrigendum is English only, so nothing is applied to it
    assert "corr-inserted" not in site.main("/fr/A/90/300/")


def test_a_revision_supersedes_and_each_paragraph_links_to_its_own(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, {"content/A_90_300.md": BASE.format(language="en"), "content/A_90_300_Rev.1.md": REV})
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
    base = BASE.format(language="en").replace("Remittances rose.", "Remittances rose.[^1]") + "\n[^1]: A note.\n"
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
    site = build_site(tmp_path, {
        "content/A_90_300.md": BASE.format(language="en"), "content/A_90_300.fr.md": BASE.format(language="fr"),
        "content/A_90_300_Corr.1.md": CORR, "content/A_90_300_Rev.1.md": REV,
        "content/A_90_300_Add.1.md": add, "content/A_90_300_Add.1_Rev.1.md": add_rev,
        "content/A_90_200.md": other, "content/A_90_100_Corr.2.md": CORR.replace("A/90/300/Corr.1", "A/90/100/Corr.2"),
    })
    index = site.main("/")
    assert _index_groups(index) == [
        [("head", "A/90/100"), ("A/90/100/Corr.2", "Corrigendum 2")],
        [("A/90/200", "")],
        [("A/90/300", ""), ("A/90/300", ""), ("A/90/300/Rev.1", "Revision 1"), ("A/90/300/Corr.1", "Corrigendum 1"),
         ("A/90/300/Add.1", "Addendum 1"), ("A/90/300/Add.1/Rev.1", "Revision 1")],
    ]
    # the base outside the site is linked on undocs.org; nesting shows as depth; superseded says by what
    assert '<a class="xref-external" href="https://undocs.org/A/90/100">A/90/100</a>' in index
    assert re.search(r'<tr class="family-member depth-2" [^>]*data-symbol="A/90/300/Add.1/Rev.1"', index)
    superseded = re.findall(r'<tr class="[^"]*is-superseded"[^>]*data-symbol="([^"]+)"', index)
    assert superseded == ["A/90/300", "A/90/300", "A/90/300/Add.1"]
    assert ('Superseded by <a href="/A/90/300/Rev.1/">A/90/300/Rev.1</a> of '
            '<time datetime="2025-09-01">1 September 2025</time>') in index
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
    assert "Superseded by" not in cached.main("/A/90/300/") and "A/90/300/Add.1" in cached.main("/A/90/300/Corr.1/")
    assert _files(cached.root) == _files(clean.root)
