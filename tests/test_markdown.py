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
        f'ref {r.from_id} -> {r.symbol} para {r.paragraph} item {r.item} "{r.text}"' for r in report.references
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


def test_reading_is_deterministic(tmp_path: Path) -> None:
    content = Path(__file__).parents[1] / "content"
    for md in sorted(content.glob("*.md")):
        assert read_report(md).to_dict() == read_report(md).to_dict()


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
