"""UN-document knowledge's one home (sitegen/symbols.py): issuing bodies, joint symbols, families,
item and paragraph labels, annex words, months, and the browser's reading of the same rules.

The index page's filter and the search facet both read `issuing_body`; they used to disagree
("E/CN.5/2025/4" was "E" on one and "E/CN.5" on the other).
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.anchors import item_key
from sitegen.citations import find_citations
from sitegen.render.search import report_body
from sitegen.symbols import (
    CYRILLIC_ITEM_LETTERS,
    LATIN_LETTERS,
    MONTH_NAMES,
    MONTH_NUMBERS,
    PARAGRAPH_WORDS,
    TYPED_PARAGRAPH_WORDS,
    browser_rules,
    family_member,
    issuing_body,
    kind_from_front_page,
    month_name,
    split_joint_symbol,
)

HARNESS = Path(__file__).with_name("search_harness.js")
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


@pytest.mark.parametrize(
    ("symbol", "body"),
    [
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
    ],
)
def test_issuing_body(symbol: str | None, body: str) -> None:
    assert issuing_body(symbol) == body


def test_the_search_facet_and_the_index_filter_agree() -> None:
    for symbol in ("E/CN.5/2025/4", "A/HRC/59/15", "A/79/213", "DP/FPA/2025/4"):
        assert report_body(symbol) == issuing_body(symbol)
    assert report_body(None) == "other"


@pytest.mark.parametrize(
    ("joint", "parts"),
    [
        ("A/79/797-S/2025/109", ["A/79/797", "S/2025/109"]),
        ("A/79/730 \u2013 S/2025/41", ["A/79/730", "S/2025/41"]),
        ("E/2025/25-E/CN.9/2025/7", ["E/2025/25", "E/CN.9/2025/7"]),
        ("A/ES-10/1027-S/2025/173", ["A/ES-10/1027", "S/2025/173"]),
        ("A/HRC/WG.6/7/ITA/1", ["A/HRC/WG.6/7/ITA/1"]),
    ],
)
def test_split_joint_symbol(joint: str, parts: list[str]) -> None:
    assert split_joint_symbol(joint) == parts


@pytest.mark.parametrize(
    ("symbol", "kind", "number", "of", "base"),
    [
        ("E/2025/15", "base", 0, "E/2025/15", "E/2025/15"),
        ("E/2025/15/Add.1", "addendum", 1, "E/2025/15", "E/2025/15"),
        ("E/2025/15/Add.1/Rev.1", "revision", 1, "E/2025/15/Add.1", "E/2025/15"),
        ("DP/2025/14/Corr.1", "corrigendum", 1, "DP/2025/14", "DP/2025/14"),
        ("A/79/213/Rev.1/Corr.2", "corrigendum", 2, "A/79/213/Rev.1", "A/79/213"),
        ("A/HRC/WG.6/7/ITA/1", "base", 0, "A/HRC/WG.6/7/ITA/1", "A/HRC/WG.6/7/ITA/1"),
        ("S/2025/10/Add.31", "addendum", 31, "S/2025/10", "S/2025/10"),
    ],
)
def test_family_member(symbol: str, kind: str, number: int, of: str, base: str) -> None:
    m = family_member(symbol)
    assert (m.kind, m.number, m.of, m.base) == (kind, number, of, base)


def test_front_page_words_name_the_kind_in_each_language() -> None:
    assert kind_from_front_page("Corrigendum") == "corrigendum"
    assert kind_from_front_page("Rectificatif") == "corrigendum"
    assert kind_from_front_page("Addendum") == "addendum"
    assert kind_from_front_page("Report of the Secretary-General") is None


# ---- the browser's copy of the label rules (templates/assets/search/query.js, run in node) ----------

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
ROMAN_NUMERALS = [
    tens + ones
    for tens in ("", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc")
    for ones in ("", *ROMAN)
    if tens + ones
]
"""i .. xcix."""
CYRILLIC_LOWER = "".join(chr(c) for c in range(ord("а"), ord("я") + 1)) + "ё"


def every_item_label() -> list[str]:
    """Every label an item can carry in any script: a..z and aa..zz, upper case too, roman numerals,
    Russian letters alone and in pairs (those items do not use, "й", "ы", too), digits 0..99."""
    latin = [*LATIN_LETTERS, *("".join(p) for p in itertools.product(LATIN_LETTERS, repeat=2))]
    cyrillic = [*CYRILLIC_LOWER, *("".join(p) for p in itertools.product(CYRILLIC_LOWER, repeat=2))]
    return [
        *latin,
        *(x.upper() for x in LATIN_LETTERS),
        *ROMAN_NUMERALS,
        *cyrillic,
        *(x.upper() for x in CYRILLIC_LOWER),
        *(str(n) for n in range(100)),
    ]


def run_browser(requests: list[dict], tmp_path: Path) -> list:
    labels = json.loads(json.dumps(browser_rules()))  # as the entry file carries them
    for r in requests:
        r["labels"] = labels
    proc = subprocess.run(
        [NODE or "node", "--experimental-detect-module", str(HARNESS), str(tmp_path)],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_russian_items_continue_after_z_as_english_ones_do() -> None:
    assert [item_key(f"{ch})") for ch in CYRILLIC_ITEM_LETTERS[-3:]] == ["z", "aa", "bb"]
    assert item_key("(й)") == "item"  # not a letter Russian items use: no Latin letter stands for it


@needs_node
def test_the_browser_gives_every_item_label_the_key_python_gives(tmp_path: Path) -> None:
    labels = every_item_label()
    browser = run_browser([{"op": "itemKeys", "items": labels}], tmp_path)[0]
    python = [item_key(f"({label})") for label in labels]
    differ = [(label, p, b) for label, p, b in zip(labels, python, browser, strict=True) if p != b]
    assert differ == []
    assert dict(zip(labels, browser, strict=True))["я"] == "bb"  # the browser used to give ""


def paragraph_citations() -> list[str]:
    """Every paragraph word of prose, with a number and with each kind of item label after it."""
    texts = []
    for word in PARAGRAPH_WORDS:
        for number in ("26", "140.1"):
            texts.append(f"A/78/180, {word} {number}")
            texts.extend(
                f"A/78/180, {word} {number} ({item})" for item in ("j", "ii", "aa", "xxiv", "к", "ю", "12")
            )
            texts.extend(f"A/78/180, {word} {number} {item})" for item in ("j", "к"))
    return texts


@needs_node
def test_the_browser_reads_a_paragraph_label_as_a_citation_in_prose_does(tmp_path: Path) -> None:
    texts = paragraph_citations()
    browser = run_browser([{"op": "parseMany", "items": texts}], tmp_path)[0]
    for text, parsed in zip(texts, browser, strict=True):
        (cited,) = find_citations(text)
        assert (parsed["symbol"], parsed["para"], parsed["item"]) == (
            cited.symbol,
            cited.paragraph,
            cited.item,
        ), text


@needs_node
def test_the_browser_reads_what_a_reader_types_that_prose_does_not_have(tmp_path: Path) -> None:
    typed_only = [w for w in TYPED_PARAGRAPH_WORDS if w not in PARAGRAPH_WORDS]
    texts = [f"a/78/180 {word} 68 (j)" for word in typed_only] + [
        "A/78/180 68 j)",
        "A/78/180, 68(J)",
        "A/78/180 68",
    ]
    browser = run_browser([{"op": "parseMany", "items": texts}], tmp_path)[0]
    assert [(p["symbol"], p["para"], p["item"]) for p in browser] == [
        *(("a/78/180", "68", "j") for _ in typed_only),
        ("A/78/180", "68", "j"),
        ("A/78/180", "68", "j"),
        ("A/78/180", "68", None),
    ]


@needs_node
def test_without_labels_the_browser_reads_words_only(tmp_path: Path) -> None:
    proc = subprocess.run(
        [NODE or "node", "--experimental-detect-module", str(HARNESS), str(tmp_path)],
        input=json.dumps([{"op": "parse", "q": "A/78/180 68 (j)"}]),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    parsed = json.loads(proc.stdout)[0]
    assert (parsed["symbol"], parsed["text"]) == (None, "A/78/180 68 (j)")


# ---- months ------------------------------------------------------------------------------------------


def test_every_language_names_twelve_months_in_order() -> None:
    assert {len(names) for names in MONTH_NAMES.values()} == {12}
    assert [MONTH_NUMBERS[m] for m in ("july", "juillet", "julio", "июля")] == [7, 7, 7, 7]
    assert month_name(2) == "February"


# ---- footnote markers: one grammar for the readers, the page and search --------------------------


def test_a_markdown_note_named_with_a_dash_is_linked_like_a_numbered_one() -> None:
    from sitegen.render.segments import FootnoteRefs, split_text
    from sitegen.resolve import Target
    from sitegen.symbols import without_note_marks

    text = "A note.[^note-1] And another[^2]."
    segments = split_text(text, lambda c: Target(href=""), FootnoteRefs(), cites=False)
    assert [(s.kind, s.text, s.href) for s in segments if s.kind == "fnref"] == [
        ("fnref", "note-1", "#fn-note-1"),
        ("fnref", "2", "#fn-2"),
    ]
    assert without_note_marks(text) == "A note. And another."


# ---- one home: the words of UN-document knowledge are written in sitegen/symbols.py only ----------

ONE_HOME_WORDS = {
    "абвгдежз": "Russian item letters",
    "février": "month names",
    "января": "month names",
    "párr": "paragraph words",
    "paragraphe": "paragraph words",
    "пункт": "paragraph words",
    "anexo": "annex words",
    "приложение": "annex words",
}
KNOWN_COPIES: set[tuple[str, str]] = set()


def _code_strings(path: Path) -> str:
    """The string literals of a Python file that are code, not docstrings or comments (those may
    quote UN text freely); the whole of a script."""
    if path.suffix != ".py":
        return path.read_text(encoding="utf-8")
    import io
    import tokenize

    strings, statement_start = [], True
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type in (tokenize.NL, tokenize.COMMENT):
            continue
        if tok.type == tokenize.STRING and not statement_start:
            strings.append(tok.string)
        statement_start = tok.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    return "\n".join(strings)


def test_uN_document_words_are_written_in_one_place_only() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("sitegen/**/*.py"), *root.glob("templates/**/*.js")]
    found = {
        (path.relative_to(root).as_posix(), word)
        for path in files
        if path.name != "symbols.py"
        for word in ONE_HOME_WORDS
        if word in _code_strings(path)
    }
    assert found <= KNOWN_COPIES, sorted(found - KNOWN_COPIES)


@needs_node
def test_the_browser_cites_a_paragraph_as_the_site_does(tmp_path: Path) -> None:
    from sitegen.symbols import paragraph_citation

    items = [["A/78/180", "68", "j"], ["A/79/213", "26", None], ["E/2025/15/Add.1", "140.1", "aa"]]
    browser = run_browser([{"op": "citations", "items": items}], tmp_path)[0]
    assert browser == [paragraph_citation(*args) for args in items]
    assert browser[0] == "A/78/180, para. 68 (j)"
