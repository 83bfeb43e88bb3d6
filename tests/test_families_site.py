"""Families on the built site: the family box, corrections marked with the text as issued at its own
URL, instructions that could not be applied shown beside the text, revisions superseding, and a
corrigendum whose base is not in the site."""

from __future__ import annotations

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
