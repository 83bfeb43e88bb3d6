"""`sitegen suggest`: follow-ups and repeated paragraphs proposed in connections.yaml's format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.connections import DEFAULT_TYPES, read_connections
from sitegen.errors import Diagnostics
from sitegen.model import Report
from sitegen.readers import read_report
from sitegen.resolve import build_index
from sitegen.suggest import passages, suggest, to_yaml

pytest.importorskip("sklearn", reason="sitegen[suggest] (scikit-learn) is not installed")

EARLIER = """---
symbol: A/HRC/20/10
title: Report of the Special Rapporteur on migrants, 2012
date: 2012-04-01
---

10. States should conclude bilateral migration agreements that guarantee temporary labour migrants
the right to family reunion and the portability of social security benefits.

11. Detention of migrant children is never in their best interests and should end without delay.

12. National human rights institutions should monitor recruitment agencies and their fees.
"""

LATER = """---
symbol: A/HRC/50/10
title: Report of the Special Rapporteur on migrants, 2022
date: 2022-04-01
---

5. As previously recommended by my predecessor in relation to temporary labour migration, States
should ensure family reunion policies and social security portability in bilateral agreements.

6. Detention of migrant children is never in their best interests and should end without delay.

7. The Special Rapporteur visited three countries during the reporting period and met officials.
"""

OTHER_BODY = """---
symbol: S/2020/1
title: A letter
date: 2020-01-01
---

1. Bilateral agreements on temporary labour migration and family reunion were discussed at length today.
"""


def reports(tmp_path: Path) -> list[Report]:
    out = []
    for name, text in (("e.md", EARLIER), ("l.md", LATER), ("o.md", OTHER_BODY)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out.append(read_report(tmp_path / name))
    return out


def test_a_back_reference_is_matched_to_the_earlier_report_of_the_same_body(tmp_path: Path) -> None:
    found = suggest(passages(reports(tmp_path)))
    follow_ups = [(s.source.anchor, s.target.symbol, s.target.anchor) for s in found if s.kind == "follows-up"]
    assert follow_ups[0] == ("para-5", "A/HRC/20/10", "para-10")
    assert all(symbol != "S/2020/1" for _, symbol, _ in follow_ups)  # another body is not a predecessor


def test_a_repeated_paragraph_points_back_in_time(tmp_path: Path) -> None:
    found = suggest(passages(reports(tmp_path)))
    repeats = [(s.source.symbol, s.source.anchor, s.target.symbol, s.target.anchor)
               for s in found if s.kind == "repeats"]
    assert repeats == [("A/HRC/50/10", "para-6", "A/HRC/20/10", "para-11")]


def test_unrelated_paragraphs_are_not_suggested(tmp_path: Path) -> None:
    found = suggest(passages(reports(tmp_path)))
    assert not any(s.source.anchor == "para-7" for s in found)


def test_the_output_is_the_connections_file_format_held_back_until_accepted(tmp_path: Path) -> None:
    rs = reports(tmp_path)
    text = to_yaml(suggest(passages(rs)))
    index, _ = build_index([(f"{i}.md", r) for i, r in enumerate(rs)])
    diag = Diagnostics()
    assert read_connections(text, "suggested.yaml", index, DEFAULT_TYPES, diag) == [] and not list(diag)
    accepted = "\n".join(line for line in text.splitlines() if "suggested:" not in line)
    found = read_connections(accepted, "suggested.yaml", index, DEFAULT_TYPES, diag)
    assert not list(diag)
    assert {(c.source.key, c.target.key, c.type) for c in found} >= {
        ("A/HRC/50/10#para-5", "A/HRC/20/10#para-10", "follows-up"),
        ("A/HRC/50/10#para-6", "A/HRC/20/10#para-11", "repeats")}


def test_the_suggest_command_writes_the_file_beside_the_content(tmp_path: Path) -> None:
    from sitegen.cli import main

    content = tmp_path / "content"
    content.mkdir()
    for name, text in (("e.md", EARLIER), ("l.md", LATER)):
        (content / name).write_text(text, encoding="utf-8")
    assert main(["suggest", str(content), "--jobs", "1"]) == 0
    written = (content / "connections.suggested.yaml").read_text(encoding="utf-8")
    assert "- from: A/HRC/50/10#para-5\n  to: A/HRC/20/10#para-10\n  type: follows-up\n" in written
