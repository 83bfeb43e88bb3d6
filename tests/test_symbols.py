"""The symbol grammar's one home (sitegen/symbols.py): issuing bodies and joint symbols.

The index page's filter and the search facet both read `issuing_body`; they used to disagree
("E/CN.5/2025/4" was "E" on one and "E/CN.5" on the other).
"""

from __future__ import annotations

import pytest

from sitegen.render.search import report_body
from sitegen.symbols import family_member, issuing_body, kind_from_front_page, split_joint_symbol


@pytest.mark.parametrize(("symbol", "body"), [
    ("A/79/213", "A"),
    ("A/HRC/59/15", "A/HRC"),
    ("A/HRC/WG.6/34/ITA/3", "A/HRC"),
    ("S/2025/85", "S"),
    ("E/CN.5/2025/4", "E/CN.5"),
    ("E/ICEF/2025/19", "E/ICEF"),
    ("CEDAW/C/CAF/CO/6", "CEDAW/C"),
    ("A/RES/78/323", "A"),
    ("S/RES/2773 (2025)", "S"),
    ("A/ES-10/1027", "A"),
    ("A/48/PV.46", "A"),
    ("DP/OPS/2025/12", "DP/OPS"),
    ("A/79/797-S/2025/109", "A"),
    ("E/2025/25-E/CN.9/2025/7", "E"),
    (None, ""),
])
def test_issuing_body(symbol: str | None, body: str) -> None:
    assert issuing_body(symbol) == body


def test_the_search_facet_and_the_index_filter_agree() -> None:
    for symbol in ("E/CN.5/2025/4", "A/HRC/59/15", "A/79/213", "DP/FPA/2025/4"):
        assert report_body(symbol) == issuing_body(symbol)
    assert report_body(None) == "other"


@pytest.mark.parametrize(("joint", "parts"), [
    ("A/79/797-S/2025/109", ["A/79/797", "S/2025/109"]),
    ("A/79/730 \u2013 S/2025/41", ["A/79/730", "S/2025/41"]),
    ("E/2025/25-E/CN.9/2025/7", ["E/2025/25", "E/CN.9/2025/7"]),
    ("A/ES-10/1027-S/2025/173", ["A/ES-10/1027", "S/2025/173"]),
    ("A/HRC/WG.6/7/ITA/1", ["A/HRC/WG.6/7/ITA/1"]),
])
def test_split_joint_symbol(joint: str, parts: list[str]) -> None:
    assert split_joint_symbol(joint) == parts


@pytest.mark.parametrize(("symbol", "kind", "number", "of", "base"), [
    ("E/2025/15", "base", 0, "E/2025/15", "E/2025/15"),
    ("E/2025/15/Add.1", "addendum", 1, "E/2025/15", "E/2025/15"),
    ("E/2025/15/Add.1/Rev.1", "revision", 1, "E/2025/15/Add.1", "E/2025/15"),
    ("DP/2025/14/Corr.1", "corrigendum", 1, "DP/2025/14", "DP/2025/14"),
    ("A/79/213/Rev.1/Corr.2", "corrigendum", 2, "A/79/213/Rev.1", "A/79/213"),
    ("A/HRC/WG.6/7/ITA/1", "base", 0, "A/HRC/WG.6/7/ITA/1", "A/HRC/WG.6/7/ITA/1"),
    ("S/2025/10/Add.31", "addendum", 31, "S/2025/10", "S/2025/10"),
])
def test_family_member(symbol: str, kind: str, number: int, of: str, base: str) -> None:
    m = family_member(symbol)
    assert (m.kind, m.number, m.of, m.base) == (kind, number, of, base)


def test_front_page_words_name_the_kind_in_each_language() -> None:
    assert kind_from_front_page("Corrigendum") == "corrigendum"
    assert kind_from_front_page("Rectificatif") == "corrigendum"
    assert kind_from_front_page("Addendum") == "addendum"
    assert kind_from_front_page("Report of the Secretary-General") is None
