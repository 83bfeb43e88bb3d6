"""Citations: explicit cases for every form we promise, and properties for the spans the writer links."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.anchors import item_key
from sitegen.citations import find_citations, item_letter, normalise_symbol
from sitegen.symbols import CYRILLIC_ITEM_LETTERS

# (text, [(symbol, paragraph, item, printed text), ...])
CASES: list[tuple[str, list[tuple[str, str | None, str | None, str]]]] = [
    ("As noted in A/79/213, para. 26.", [("A/79/213", "26", None, "A/79/213, para. 26")]),
    ("See A/78/180, para. 68 (j);", [("A/78/180", "68", "j", "A/78/180, para. 68 (j)")]),
    ("A/78/180, para. 68(j)", [("A/78/180", "68", "j", "A/78/180, para. 68(j)")]),
    ("A/79/213, paras. 12-14 and", [("A/79/213", "12", None, "A/79/213, paras. 12-14")]),
    ("A/79/213, paras. 12–14.", [("A/79/213", "12", None, "A/79/213, paras. 12–14")]),
    ("A/90/101/Add.1, par. 6 à 8.", [("A/90/101/Add.1", "6", None, "A/90/101/Add.1, par. 6 à 8")]),
    ("A/90/101, párrs. 6 a 8", [("A/90/101", "6", None, "A/90/101, párrs. 6 a 8")]),
    ("A/90/101, paras. 6 to 8", [("A/90/101", "6", None, "A/90/101, paras. 6 to 8")]),
    ("A/90/101, par. 4 a) et b)", [("A/90/101", "4", "a", "A/90/101, par. 4 a)")]),
    ("A/79/213, paragraph 5.", [("A/79/213", "5", None, "A/79/213, paragraph 5")]),
    ("A/79/213, para. 140.1", [("A/79/213", "140.1", None, "A/79/213, para. 140.1")]),
    # series
    ("A/HRC/55/23", [("A/HRC/55/23", None, None, "A/HRC/55/23")]),
    ("A/HRC/RES/52/23", [("A/HRC/RES/52/23", None, None, "A/HRC/RES/52/23")]),
    ("A/RES/72/179", [("A/RES/72/179", None, None, "A/RES/72/179")]),
    ("A/C.3/79/L.5/Rev.1", [("A/C.3/79/L.5/Rev.1", None, None, "A/C.3/79/L.5/Rev.1")]),
    ("A/HRC/55/L.5", [("A/HRC/55/L.5", None, None, "A/HRC/55/L.5")]),
    ("E/2024/15/Add.1", [("E/2024/15/Add.1", None, None, "E/2024/15/Add.1")]),
    ("E/CN.6/2024/3/Corr.1", [("E/CN.6/2024/3/Corr.1", None, None, "E/CN.6/2024/3/Corr.1")]),
    ("E/C.12/GC/15, para. 12", [("E/C.12/GC/15", "12", None, "E/C.12/GC/15, para. 12")]),
    ("S/2025/109", [("S/2025/109", None, None, "S/2025/109")]),
    ("S/RES/2719 (2023)", [("S/RES/2719 (2023)", None, None, "S/RES/2719 (2023)")]),
    ("S/RES/2719(2023).", [("S/RES/2719 (2023)", None, None, "S/RES/2719(2023)")]),
    ("S/PRST/2023/1.", [("S/PRST/2023/1", None, None, "S/PRST/2023/1")]),
    ("CRC/C/GC/26", [("CRC/C/GC/26", None, None, "CRC/C/GC/26")]),
    ("CCPR/C/GC/36", [("CCPR/C/GC/36", None, None, "CCPR/C/GC/36")]),
    ("CEDAW/C/GC/38", [("CEDAW/C/GC/38", None, None, "CEDAW/C/GC/38")]),
    ("CERD/C/GC/35;", [("CERD/C/GC/35", None, None, "CERD/C/GC/35")]),
    ("CAT/C/GC/4", [("CAT/C/GC/4", None, None, "CAT/C/GC/4")]),
    ("CRPD/C/GC/7", [("CRPD/C/GC/7", None, None, "CRPD/C/GC/7")]),
    ("A/79/797-S/2025/109", [("A/79/797-S/2025/109", None, None, "A/79/797-S/2025/109")]),
    ("A/8082", [("A/8082", None, None, "A/8082")]),
    # languages
    ("CRC/C/GC/26, par. 12", [("CRC/C/GC/26", "12", None, "CRC/C/GC/26, par. 12")]),
    ("A/79/213, paragraphe 12", [("A/79/213", "12", None, "A/79/213, paragraphe 12")]),
    ("A/79/213, párr. 12", [("A/79/213", "12", None, "A/79/213, párr. 12")]),
    ("A/79/213, párrafo 12 b)", [("A/79/213", "12", "b", "A/79/213, párrafo 12 b)")]),
    ("A/79/213, пункт 12", [("A/79/213", "12", None, "A/79/213, пункт 12")]),
    ("A/79/213, п. 12", [("A/79/213", "12", None, "A/79/213, п. 12")]),
    ("A/78/180, пункт 68 к)", [("A/78/180", "68", "j", "A/78/180, пункт 68 к)")]),
    # resolutions and decisions
    ("resolution 72/179", [("A/RES/72/179", None, None, "resolution 72/179")]),
    (
        "General Assembly resolution 64/292.",
        [("A/RES/64/292", None, None, "General Assembly resolution 64/292")],
    ),
    ("Resolution 72/179, para. 3", [("A/RES/72/179", "3", None, "Resolution 72/179, para. 3")]),
    ("decision 79/501", [("A/DEC/79/501", None, None, "decision 79/501")]),
    (
        "Human Rights Council resolution 52/23",
        [("A/HRC/RES/52/23", None, None, "Human Rights Council resolution 52/23")],
    ),
    (
        "Human Rights Council decision 52/101",
        [("A/HRC/DEC/52/101", None, None, "Human Rights Council decision 52/101")],
    ),
    (
        "The Human Rights Council, in its resolution 52/23, asked",
        [("A/HRC/RES/52/23", None, None, "resolution 52/23")],
    ),
    (
        "la résolution 52/23 du Conseil des droits de l'homme",
        [("A/HRC/RES/52/23", None, None, "résolution 52/23")],
    ),
    ("la résolution 72/179", [("A/RES/72/179", None, None, "résolution 72/179")]),
    ("la resolución 72/179", [("A/RES/72/179", None, None, "resolución 72/179")]),
    ("резолюция 72/179", [("A/RES/72/179", None, None, "резолюция 72/179")]),
    (
        "Economic and Social Council resolution 2023/5",
        [("E/RES/2023/5", None, None, "Economic and Social Council resolution 2023/5")],
    ),
    (
        "resolution 2023/5 and decision 2024/101",
        [
            ("E/RES/2023/5", None, None, "resolution 2023/5"),
            ("E/DEC/2024/101", None, None, "decision 2024/101"),
        ],
    ),
    (
        "Security Council resolution 2719 (2023)",
        [("S/RES/2719 (2023)", None, None, "Security Council resolution 2719 (2023)")],
    ),
    (
        "resolution 2720 (2023), para. 2",
        [("S/RES/2720 (2023)", "2", None, "resolution 2720 (2023), para. 2")],
    ),
    (
        "General Assembly resolutions 72/179, 73/180 and 74/181.",
        [
            ("A/RES/72/179", None, None, "General Assembly resolutions 72/179"),
            ("A/RES/73/180", None, None, "73/180"),
            ("A/RES/74/181", None, None, "74/181"),
        ],
    ),
    ("paragraph 5 of resolution 72/179", [("A/RES/72/179", "5", None, "paragraph 5 of resolution 72/179")]),
    ("para. 26 (b) of A/79/213", [("A/79/213", "26", "b", "para. 26 (b) of A/79/213")]),
    # sentence punctuation and brackets stay outside
    ("(A/79/213).", [("A/79/213", None, None, "A/79/213")]),
    ("(see A/79/213/Add.1.)", [("A/79/213/Add.1", None, None, "A/79/213/Add.1")]),
    ("A/79/213: para. 3", [("A/79/213", None, None, "A/79/213")]),
    ("A/79/213; A/79/214,", [("A/79/213", None, None, "A/79/213"), ("A/79/214", None, None, "A/79/214")]),
    # not symbols
    ("a ratio of 1/2, on 3/4/2024", []),
    ("the S/2 split and A/C units, A/B testing", []),
    ("a/79/213 in lower case", []),
    ("XA/79/213 is glued to a word", []),
    ("resolution 72/179/2 is not a resolution number", []),
    ("the paragraph 5 of the text", []),
    # URLs: the symbol in a URL's path is not a citation (the URL is its own link)
    ("https://undocs.org/A/79/213", []),
    ("see https://undocs.org/en/A/79/213.", []),
    ("www.un.org/A/79/213 and undocs.org/A/79/213", []),
    ("at https://x.org/doc?symbol=A/79/213 or A/79/214", [("A/79/214", None, None, "A/79/214")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_citation_cases(text: str, expected: list[tuple[str, str | None, str | None, str]]) -> None:
    found = find_citations(text)
    assert [(c.symbol, c.paragraph, c.item, c.text) for c in found] == expected
    for c in found:
        assert text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    ("raw", "symbol"),
    [
        ("A/79/213.", "A/79/213"),
        ("A/79/213).", "A/79/213"),
        ("A/79/213.),", "A/79/213"),
        ("E/ICEF/672(Part)", "E/ICEF/672(Part)"),
    ],
)
def test_normalise_symbol(raw: str, symbol: str) -> None:
    assert normalise_symbol(raw) == symbol


def test_russian_item_letters_match_anchor_ids() -> None:
    # A citation's item must name the same id anchors.py gives the sub-paragraph.
    for letter in CYRILLIC_ITEM_LETTERS:
        assert item_letter(letter) == item_key(f"{letter})")


# ---------------------------------------------------------------------------------------------
# Properties

_SESSION = st.integers(1, 99).map(str)
_NUMBER = st.integers(1, 9999).map(str)
_YEAR = st.integers(1990, 2030).map(str)
_SUFFIX = st.sampled_from(["", "/Add.1", "/Add.12", "/Rev.1", "/Corr.2", "/Add.1/Corr.1"])


@st.composite
def symbols(draw: st.DrawFn) -> str:
    """A valid symbol of one of the usual series."""
    kind = draw(
        st.sampled_from(["A", "A/HRC", "A/RES", "A/C.3", "E", "E/CN.6", "E/C.12", "S", "S/PRST", "tb"])
    )
    if kind == "S":
        core = f"S/{draw(_YEAR)}/{draw(_NUMBER)}"
    elif kind == "S/PRST":
        core = f"S/PRST/{draw(_YEAR)}/{draw(st.integers(1, 30))}"
    elif kind == "E":
        core = f"E/{draw(_YEAR)}/{draw(_NUMBER)}"
    elif kind == "tb":  # treaty bodies
        body = draw(st.sampled_from(["CRC/C", "CCPR/C", "CEDAW/C", "CERD/C", "CAT/C", "CRPD/C"]))
        core = f"{body}/{draw(st.sampled_from(['GC', 'GBR', 'OP']))}/{draw(_NUMBER)}"
    else:
        last = draw(st.one_of(_NUMBER, st.integers(1, 30).map(lambda n: f"L.{n}")))
        core = f"{kind}/{draw(_SESSION)}/{last}"
    return core + draw(_SUFFIX)


_PINPOINT = st.one_of(
    st.just(("", None, None)),
    st.tuples(st.integers(1, 300)).map(lambda t: (f", para. {t[0]}", str(t[0]), None)),
    st.tuples(st.integers(1, 300), st.sampled_from("abcdefghj")).map(
        lambda t: (f", para. {t[0]} ({t[1]})", str(t[0]), t[1])
    ),
    st.tuples(st.integers(1, 300)).map(lambda t: (f", paras. {t[0]}-{t[0] + 2}", str(t[0]), None)),
)
# Prose that cannot itself look like a citation: lower-case words, no digits.
_WORDS = st.lists(
    st.sampled_from(
        ["the", "rapporteur", "water", "notes", "in", "see", "and", "settlements", "states", "access"]
    ),
    max_size=6,
).map(" ".join)
_BEFORE = st.sampled_from(["", "(", "see ", "“"])
_AFTER = st.sampled_from(["", ".", ",", ";", ")", ").", ":", "”."])


@given(st.lists(st.tuples(_WORDS, _BEFORE, symbols(), _PINPOINT, _AFTER), min_size=1, max_size=5), _WORDS)
@settings(max_examples=150, deadline=None)
def test_generated_symbols_in_prose_are_found_exactly(
    pieces: list[tuple[str, str, str, tuple[str, str | None, str | None], str]], tail: str
) -> None:
    text, expected = "", []
    for words, before, symbol, (pin, para, item), after in pieces:
        text += f"{words} {before}"
        start = len(text)
        text += symbol + pin
        expected.append((symbol, para, item, start, len(text)))
        text += f"{after} "
    text += tail
    found = find_citations(text)
    assert [(c.symbol, c.paragraph, c.item, c.start, c.end) for c in found] == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=300, deadline=None)
def test_spans_are_exact_ordered_and_disjoint_in_any_text(text: str) -> None:
    found = find_citations(text)
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.symbol == normalise_symbol(c.symbol)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


_CITATION_ISH = st.lists(
    st.one_of(
        symbols(),
        st.sampled_from(
            [" ", ", ", ". ", "para. 12", " (a)", "resolution ", "72/179", "(2023)", "https://", "/", "-"]
        ),
    ),
    max_size=12,
).map("".join)


@given(_CITATION_ISH)
@settings(max_examples=300, deadline=None)
def test_spans_are_exact_ordered_and_disjoint_in_citation_like_text(text: str) -> None:
    test_spans_are_exact_ordered_and_disjoint_in_any_text.hypothesis.inner_test(text)  # type: ignore[attr-defined]


@given(symbols(), _PINPOINT)
@settings(max_examples=100, deadline=None)
def test_a_citation_alone_reads_back_the_same(
    symbol: str, pinpoint: tuple[str, str | None, str | None]
) -> None:
    pin, para, item = pinpoint
    (c,) = find_citations(symbol + pin)
    assert (c.symbol, c.paragraph, c.item, c.text) == (symbol, para, item, symbol + pin)


def test_a_range_that_ends_before_it_starts_names_the_document_only() -> None:
    # A/HRC/WG.6/34/SVN/2, note 41, prints "paras. 151.119–115.127" for 115.119–115.127: no
    # paragraph 151.119 exists, and guessing which number is wrong would be inventing a pinpoint.
    [c] = find_citations("see A/HRC/28/15, paras. 151.119–115.127.")
    assert (c.symbol, c.paragraph, c.item) == ("A/HRC/28/15", None, None)
    assert c.text == "A/HRC/28/15, paras. 151.119–115.127"
    [ok] = find_citations("A/HRC/28/15, paras. 115.119–115.127")
    assert ok.paragraph == "115.119"
