"""`sitegen suggest`: follow-ups and repeated paragraphs proposed in connections.yaml's format."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from sitegen.connections import DEFAULT_TYPES, read_connections
from sitegen.errors import Diagnostics
from sitegen.model import Report
from sitegen.readers import read_report
from sitegen.resolve import build_index
from sitegen.suggest import (
    BACK_REFERENCES,
    MIN_FOLLOW_UP_SCORE,
    MIN_SAME_BODY_SCORE,
    Passage,
    Suggestion,
    _suggestions_for,
    _vectors,
    passages,
    suggest,
    to_yaml,
)

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
    follow_ups = [
        (s.source.anchor, s.target.symbol, s.target.anchor) for s in found if s.kind == "follows-up"
    ]
    assert follow_ups[0] == ("para-5", "A/HRC/20/10", "para-10")
    assert all(symbol != "S/2020/1" for _, symbol, _ in follow_ups)  # another body is not a predecessor


def test_a_repeated_paragraph_points_back_in_time(tmp_path: Path) -> None:
    found = suggest(passages(reports(tmp_path)))
    repeats = [
        (s.source.symbol, s.source.anchor, s.target.symbol, s.target.anchor)
        for s in found
        if s.kind == "repeats"
    ]
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
        ("A/HRC/50/10#para-6", "A/HRC/20/10#para-11", "repeats"),
    }


def test_the_suggest_command_writes_the_file_beside_the_content(tmp_path: Path) -> None:
    from sitegen.cli import main

    content = tmp_path / "content"
    content.mkdir()
    for name, text in (("e.md", EARLIER), ("l.md", LATER)):
        (content / name).write_text(text, encoding="utf-8")
    assert main(["suggest", str(content), "--jobs", "1"]) == 0
    written = (content / "connections.suggested.yaml").read_text(encoding="utf-8")
    assert "- from: A/HRC/50/10#para-5\n  to: A/HRC/20/10#para-10\n  type: follows-up\n" in written


# ---- candidate generation: linear work, the same answers as comparing every pair ----------------


def _collection(n_reports: int, seed: int = 7) -> tuple[list[Passage], set[tuple[str, str, str, str]]]:
    """Reports of three bodies whose paragraphs are Zipf-drawn words (common words shared by
    thousands), with reworded repeats planted: a paragraph of an earlier report of the same body
    comes back with a fifth of its words replaced. Returns the passages and the planted pairs."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(4000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    items: list[Passage] = []
    planted: set[tuple[str, str, str, str]] = set()
    for r in range(n_reports):
        body = ("A/HRC", "E/CN.5", "CEDAW/C")[r % 3]
        symbol, date = f"{body}/{r + 1}/1", f"{2000 + r // 3}-01-01"
        for n in range(1, 41):
            earlier = [p for p in items[-40 * 12 :] if p.body == body and p.date < date]
            if earlier and rng.random() < 0.05:
                model = rng.choice(earlier)
                words = [w if rng.random() > 0.2 else rng.choice(vocabulary) for w in model.text.split()]
                planted.add((symbol, f"para-{n}", model.symbol, model.anchor))
            else:
                words = rng.choices(vocabulary, weights, k=rng.randint(25, 70))
            items.append(Passage(symbol, f"para-{n}", " ".join(words), body, date))
    return items, planted


def _every_pair(items: list[Passage], per_source: int) -> list[Suggestion]:
    """The reference: every pair scored (a dense product, fine at a few thousand paragraphs)."""
    import numpy

    vectors = _vectors([p.text for p in items])
    scores = (vectors @ vectors.T).toarray()
    found: list[Suggestion] = []
    for i, p in enumerate(items):
        back = BACK_REFERENCES.search(p.text) is not None
        floor = MIN_FOLLOW_UP_SCORE if back else MIN_SAME_BODY_SCORE
        order = numpy.argsort(-scores[i], kind="stable")
        ranked = [(float(scores[i, j]), int(j)) for j in order if scores[i, j] >= floor and j != i]
        found.extend(_suggestions_for(items, i, ranked, per_source, back))
    return found


def _pairs(found: list[Suggestion]) -> set[tuple[str, str, str, str]]:
    return {(s.source.symbol, s.source.anchor, s.target.symbol, s.target.anchor) for s in found}


def test_candidates_find_what_comparing_every_pair_finds() -> None:
    items, planted = _collection(75)  # 3,000 paragraphs
    found, reference = _pairs(suggest(items, per_source=3)), _pairs(_every_pair(items, per_source=3))
    assert len(planted) > 100 and planted <= found  # every reworded repeat is found
    assert len(found & reference) >= 0.98 * len(reference)


def test_the_pairs_scored_grow_linearly_with_the_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitegen.suggest as module

    scored: list[int] = []
    exact = module._cosines

    def counting(vectors: object, rows: Any, cols: Any) -> Any:
        scored.append(len(rows))
        return exact(vectors, rows, cols)

    monkeypatch.setattr(module, "_cosines", counting)
    for n_reports in (30, 120):
        scored.clear()
        items, _ = _collection(n_reports)
        suggest(items)
        # never more than CANDIDATES per paragraph, whatever the size: 4x the paragraphs, not 16x the pairs
        assert sum(scored) <= module.CANDIDATES * len(items)
