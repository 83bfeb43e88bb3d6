"""connections.yaml: typed connections between paragraphs, checked line by line before a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.connections import DEFAULT_TYPES, connections_by_anchor, connections_graph, read_connections
from sitegen.errors import Diagnostics
from sitegen.model import Report
from sitegen.readers import read_report
from sitegen.resolve import SiteIndex, build_index

NEW = """---
symbol: A/79/213
title: Human rights of migrants
language: {language}
---

26. As previously recommended by my predecessor, States should ensure family reunion.
    (a) Bilateral agreements;

27. Other text.[^1]

[^1]: A note.
"""

OLD = """---
symbol: A/68/283
title: Labour migration
---

77. States should conclude bilateral migration agreements that protect migrant workers.
"""


def site(tmp_path: Path, *, french: bool = False) -> SiteIndex:
    reports: list[tuple[str, Report]] = []
    for name, text in (("A_79_213.md", NEW.format(language="en")), ("A_68_283.md", OLD)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        reports.append((name, read_report(tmp_path / name)))
    if french:
        (tmp_path / "A_79_213.fr.md").write_text(NEW.format(language="fr"), encoding="utf-8")
        reports.append(("A_79_213.fr.md", read_report(tmp_path / "A_79_213.fr.md")))
    index, rejected = build_index(reports)
    assert not rejected
    return index


def read(tmp_path: Path, yaml_text: str) -> tuple[list[str], list[str]]:
    """(the accepted connections as "from -> to (type)", the warnings as printed)."""
    diag = Diagnostics()
    found = read_connections(yaml_text, "content/connections.yaml", site(tmp_path), DEFAULT_TYPES, diag)
    return [f"{c.source.key} -> {c.target.key} ({c.type})" for c in found], [str(d) for d in diag]


GOOD = """\
- from: A/79/213#para-26
  to: A/68/283#para-77
  type: follows-up
  quote: As previously recommended by my predecessor
"""


def test_a_sound_connection_is_read(tmp_path: Path) -> None:
    assert read(tmp_path, GOOD) == (["A/79/213#para-26 -> A/68/283#para-77 (follows-up)"], [])


def test_every_end_the_contract_names_may_be_an_end(tmp_path: Path) -> None:
    text = GOOD.replace("para-26", "para-26-a") + GOOD.replace("para-26", "fn-1").replace(
        "para-77", "para-77"
    )
    found, warnings = read(tmp_path, text)
    assert (
        found
        == [
            "A/79/213#fn-1 -> A/68/283#para-77 (follows-up)",
            "A/79/213#para-26-a -> A/68/283#para-77 (follows-up)",
        ]
        and not warnings
    )


def test_a_report_outside_the_site_is_a_valid_target(tmp_path: Path) -> None:
    diag = Diagnostics()
    text = GOOD.replace("A/68/283#para-77", "A/60/1#para-3")
    (found,) = read_connections(text, "c.yaml", site(tmp_path), DEFAULT_TYPES, diag)
    assert found.target.slug is None and found.target.href(site(tmp_path)) == "https://undocs.org/A/60/1"


def test_each_problem_is_one_line_naming_the_file_and_line(tmp_path: Path) -> None:
    text = (
        GOOD
        + "- from: A/79/213#para-26\n  to: A/68/283#para-77\n  type: answers\n"  # line 5
        + "- from: A/99/1#para-1\n  to: A/68/283#para-77\n  type: repeats\n"  # line 8
        + "- from: A/79/213#para-99\n  to: A/68/283#para-77\n  type: repeats\n"  # line 11
        + "- from: A/79/213 para 26\n  to: A/68/283#para-77\n  type: repeats\n"  # line 14
        + "- from: A/79/213#para-26\n  type: repeats\n  colour: red\n"
    )  # line 17
    found, warnings = read(tmp_path, text)
    assert found == ["A/79/213#para-26 -> A/68/283#para-77 (follows-up)"]
    assert warnings == [
        "content/connections.yaml: line 5: unknown type 'answers' (known: follows-up, repeats, responds-to)",
        "content/connections.yaml: line 8: unknown report 'A/99/1' (not in the site)",
        "content/connections.yaml: line 11: unknown anchor '#para-99' in A/79/213",
        "content/connections.yaml: line 14: 'A/79/213 para 26' is not SYMBOL#anchor (for example A/79/213#para-26)",
        (
            "content/connections.yaml: line 17: unknown key 'colour' (known: from, to, type, quote, note, suggested); "
            "missing 'to'"
        ),
    ]


def test_broken_yaml_is_one_line_with_its_line(tmp_path: Path) -> None:
    found, warnings = read(tmp_path, GOOD + "- from: [unclosed\n")
    assert found == [] and len(warnings) == 1
    assert warnings[0].startswith("content/connections.yaml: line 6: not valid YAML")


def test_a_suggestion_is_not_published_until_accepted(tmp_path: Path) -> None:
    found, warnings = read(tmp_path, GOOD + "  suggested: 0.82\n")
    assert found == [] and warnings == []


def test_both_directions_and_every_language_version(tmp_path: Path) -> None:
    index = site(tmp_path, french=True)
    found = read_connections(GOOD, "c.yaml", index, DEFAULT_TYPES, Diagnostics())
    by_anchor = connections_by_anchor(found)
    (at_source,) = by_anchor["A/79/213"]["para-26"]
    (at_target,) = by_anchor["A/68/283"]["para-77"]
    assert at_source[1] is True and at_target[1] is False
    kind = DEFAULT_TYPES["follows-up"]
    assert kind.label_for("fr", at_source=True) == "donne suite à"
    assert kind.label_for("en", at_source=False) == "followed up in"
    assert kind.label_for("ru", at_source=True) == "follows up"  # no Russian label: English
    # the French version of A/79/213 is the same slug: it shows the same connections
    assert {v.language for v in index.versions["A/79/213"]} == {"en", "fr"}


def test_the_graph_for_other_tools(tmp_path: Path) -> None:
    index = site(tmp_path)
    found = read_connections(GOOD, "c.yaml", index, DEFAULT_TYPES, Diagnostics())
    assert connections_graph(found, index) == {
        "version": 1,
        "connections": [
            {
                "from": "A/79/213#para-26",
                "to": "A/68/283#para-77",
                "type": "follows-up",
                "from_url": "/A/79/213/#para-26",
                "to_url": "/A/68/283/#para-77",
                "quote": "As previously recommended by my predecessor",
            }
        ],
    }


def test_a_connection_sent_by_a_page_is_appended_as_yaml_the_reader_accepts(tmp_path: Path) -> None:
    from sitegen.connections import appended, connection_entry

    sent = {
        "from": "A/79/213#para-26",
        "to": "A/68/283#para-77",
        "type": "follows-up",
        "quote": 'As "previously"\n recommended',
        "evil": "ignored",
    }
    text = appended(GOOD.rstrip("\n"), connection_entry(sent, DEFAULT_TYPES))
    assert text.startswith(GOOD)  # the editor's own text is kept as written
    diag = Diagnostics()
    found = read_connections(text, "c.yaml", site(tmp_path), DEFAULT_TYPES, diag)
    assert not list(diag) and [c.quote for c in found] == [
        "As previously recommended by my predecessor",
        'As "previously" recommended',
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"from": "A/79/213#para-26", "to": "A/68/283#para-77", "type": "nope"},
        {"from": "A/79/213 para 26", "to": "A/68/283#para-77", "type": "repeats"},
        {"from": "A/79/213#para-26", "to": ["x"], "type": "repeats"},
    ],
)
def test_a_malformed_connection_from_a_page_is_refused(bad: dict[str, object]) -> None:
    from sitegen.connections import connection_entry

    with pytest.raises(ValueError):
        connection_entry(bad, DEFAULT_TYPES)
