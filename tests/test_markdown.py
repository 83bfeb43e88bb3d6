"""The Markdown reader, driven by fixture cases anyone can edit (markdown-it's title / input / expected).

Each case in tests/fixtures/markdown/*.md is read as a report file and its finished model (ids
included, so the reader and anchors.py are checked together) is dumped in a compact text form:

    meta: symbol=A/90/101 title=... date=... language=en
    # 1 "I." Introduction {sec-i}
    ¶ 26 {para-26} text of paragraph 26[^1]
      (a) {para-26-a} text of the sub-paragraph
    ¶ - {intro-p1} an unnumbered paragraph
    ^1 {fn-1} footnote text
    ref fn-1 -> A/78/180 para 68 item j "A/78/180, para. 68 (j)"
    ! footnote-unused: line 9: footnote 2 defined but never referenced

A case whose input is refused expects one line "error: <message after the file name>".
A case title may end with "[file=NAME]" to choose the file name (e.g. a language suffix).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from markdown_it.utils import read_fixture_file

from sitegen.anchors import finish_report
from sitegen.errors import Diagnostics, InputError
from sitegen.model import Heading, Report
from sitegen.readers import read_report
from sitegen.readers.markdown import read_markdown, split_heading_label

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "markdown").glob("*.md"))
CASES = [
    pytest.param(path, title, source, expected, id=f"{path.stem}:{line}:{title}")
    for path in FIXTURES
    for line, title, source, expected in read_fixture_file(path)
]


def dump(report: Report, diag: Diagnostics) -> str:
    out = [
        f"meta: symbol={report.symbol} title={report.title} date={report.date} language={report.language}"
        + "".join(f" {k}={v}" for k, v in report.meta)
    ]
    for b in report.blocks:
        if isinstance(b, Heading):
            out.append(f'# {b.level} "{b.label}" {b.text} {{{b.id}}}')
            continue
        out.append(f"¶ {b.number or '-'} {{{b.id}}} {b.text}")
        out.extend(f"  {it.label} {{{it.id}}} {it.text}" for it in b.items)
    out.extend(f"^{f.number} {{{f.id}}} {f.text}" for f in report.footnotes)
    out.extend(
        f'ref {r.from_id} -> {r.symbol} para {r.paragraph} item {r.item} "{r.text}"'
        for r in report.references
    )
    out.extend(f"! {d.code}: {d.message}" for d in diag)
    return "\n".join(out) + "\n"


def read_case(tmp_path: Path, title: str, source: str) -> str:
    m = re.search(r"\[file=([^\]]+)\]", title)
    path = tmp_path / (m.group(1) if m else "report.md")
    path.write_text(source, encoding="utf-8")
    diag = Diagnostics()
    try:
        report = finish_report(read_markdown(path, diag), slug_hint=path.stem)
    except InputError as e:
        return f"error: {e.message}\n"
    return dump(report, diag)


@pytest.mark.parametrize(("fixture", "title", "source", "expected"), CASES)
def test_fixture_case(tmp_path: Path, fixture: Path, title: str, source: str, expected: str) -> None:
    assert read_case(tmp_path, title, source) == expected


def test_fixture_files_exist() -> None:
    assert FIXTURES and len(CASES) >= 20


def test_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "A_90_101.md"
    path.write_text("---\ntitle: Fine\ndate: [unclosed\n---\n\n1. Text\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_report(path)
    assert str(err.value).startswith(f"{path}: line 3: bad YAML in front matter")


def test_warnings_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: T\n---\n\n1. Text[^9]\n", encoding="utf-8")
    diag = Diagnostics()
    read_report(path, diag)
    assert [str(d) for d in diag] == [f"{path}: line 5: footnote 9 referenced but not defined"]


def test_sample_markdown_reports_read_cleanly_and_deterministically() -> None:
    from sitegen.discover import discover_inputs

    samples = [p for p in discover_inputs(Path(__file__).parents[1] / "content") if p.suffix == ".md"]
    assert len(samples) >= 2
    for md in samples:
        diag = Diagnostics()
        first = read_report(md, diag).to_dict()
        assert list(diag) == [], f"{md}: {[str(d) for d in diag]}"
        assert first == read_report(md).to_dict()
        assert (
            first["symbol"]
            and first["title"]
            and any(b["items"] for b in first["blocks"] if b["type"] == "paragraph")
        )


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("III. Recommendations", "III.", "Recommendations"),
        ("A. Access to water", "A.", "Access to water"),
        ("1. Scope", "1.", "Scope"),
        ("2.1 Method", "2.1", "Method"),
        ("Summary", "", "Summary"),
        ("2030 Agenda", "", "2030 Agenda"),
        ("Annex I", "", "Annex I"),
    ],
)
def test_heading_labels(text: str, label: str, rest: str) -> None:
    assert split_heading_label(text) == (label, rest)


# ---------------------------------------------------------------------------------------------
# The same report as Markdown and as a UN-layout PDF gives the same model (CONTRACT.md section 3)

CONTENT = Path(__file__).parents[1] / "content"
SMALL_REPORT = """---
symbol: A/90/555
title: Access to water in informal settlements
date: 2035-09-01
organ: General Assembly
session: Ninetieth session
agenda: Item 71 (b) of the provisional agenda
---

# I. Introduction

1. The present report is submitted in accordance with the mandate of the Special Rapporteur.[^1]

2. It is based on written submissions and consultations with residents.

# II. Recommendations

3. The Special Rapporteur recommends that States:

    (a) Remove proof of tenure as a condition for a connection;

    (b) Regulate the prices charged by water vendors.[^2]

[^1]: See General Assembly resolution 64/292.

[^2]: See A/90/101, para. 12 (b).
"""


def _make_sample_pdf_module() -> ModuleType:
    """content/make_sample_pdf.py, which is a script beside the content rather than a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_sample_pdf", CONTENT / "make_sample_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def comparable(report: Report) -> dict[str, object]:
    """The model minus what only a PDF has (pages, masthead facts, the file)."""
    d = report.to_dict()
    for key in ("source", "meta", "slug"):
        d.pop(key)
    for block in d["blocks"] + d["footnotes"]:
        block.pop("page")
    return d


def markdown_and_pdf_models(tmp_path: Path, source: str) -> tuple[dict[str, object], dict[str, object]]:
    pytest.importorskip("reportlab")
    from tests.unlayout import write_pdf

    md_path = tmp_path / "report.md"
    md_path.write_text(source, encoding="utf-8")
    draft = read_markdown(md_path, Diagnostics())
    pdf_path = write_pdf(_make_sample_pdf_module().to_unlayout(draft), tmp_path / "report.pdf")
    return comparable(read_report(md_path)), comparable(read_report(pdf_path))


def test_small_report_as_markdown_and_pdf_gives_the_same_model(tmp_path: Path) -> None:
    from_markdown, from_pdf = markdown_and_pdf_models(tmp_path, SMALL_REPORT)
    assert from_pdf == from_markdown


def test_committed_sample_pdf_and_its_source_give_the_same_model() -> None:
    # The committed PDF, not a fresh rendering: it is what the sample site is built from.
    from_markdown = comparable(read_report(CONTENT / "sources" / "A_HRC_70_12.md"))
    from_pdf = comparable(read_report(CONTENT / "A_HRC_70_12.pdf"))
    assert from_pdf == from_markdown


def test_language_versions_of_a_sample_have_the_same_ids_and_references() -> None:
    def shape(report: Report) -> tuple[list[str], list[tuple[str, str, str | None, str | None]]]:
        ids = [f.id for f in report.footnotes]
        for b in report.blocks:
            ids.append(b.id)
            if not isinstance(b, Heading):
                ids.extend(i.id for i in b.items)
        return ids, [(r.from_id, r.symbol, r.paragraph, r.item) for r in report.references]

    en, fr = read_report(CONTENT / "A_90_101.md"), read_report(CONTENT / "A_90_101.fr.md")
    assert (en.language, fr.language, en.slug, fr.slug) == ("en", "fr", "A/90/101", "A/90/101")
    assert shape(fr) == shape(en)
