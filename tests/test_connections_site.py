"""Connections on the built site: both ends show them, in every language version, the quoted words are
marked, /connections.json has the graph, problems are warnings (fatal with --strict, nothing lost), and
a connection survives replacing a report's PDF with a re-typeset one (ids come from numbers)."""

from __future__ import annotations

import json

from unlayout import Para, Report, Style, render_pdf

from sitegen.cli import main as cli_main

NEW = """---
symbol: A/79/213
title: Human rights of migrants
language: {language}
---

26. As previously recommended by my predecessor, States should ensure family reunion.
"""

CONNECTIONS = """\
- from: A/79/213#para-26
  to: A/68/283#para-77
  type: follows-up
  quote: my predecessor
"""

OLD_TEXT = (
    "States should conclude bilateral migration agreements that protect migrant workers and their families."
)


def old_pdf(style: Style | None = None) -> bytes:
    return render_pdf(
        Report(
            title="Labour migration",
            symbol="A/68/283",
            blocks=(
                Para("76", "An earlier paragraph of the report on labour migration."),
                Para("77", OLD_TEXT),
            ),
            style=style or Style(),
        )
    )


def files(**extra: str | bytes) -> dict[str, str | bytes]:
    return {
        "content/A_79_213.md": NEW.format(language="en"),
        "content/A_79_213.fr.md": NEW.format(language="fr"),
        "content/A_68_283.pdf": old_pdf(),
        "content/connections.yaml": CONNECTIONS,
        **extra,
    }


def test_both_ends_show_the_connection_in_every_language(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, files())
    assert site.result.ok and not site.result.warnings, site.result.warnings
    source = site.main("/A/79/213/")
    assert (
        '<span class="connection-type">follows up</span><a href="/A/68/283/#para-77">A/68/283, para. 77</a>'
        in source
    )
    assert '<mark class="connection-quote">my predecessor</mark>' in source
    assert '<span class="connection-type">donne suite à</span>' in site.main("/fr/A/79/213/")
    target = site.main("/A/68/283/")
    assert (
        '<span class="connection-type">followed up in</span><a href="/A/79/213/#para-26">A/79/213, para. 26</a>'
        in target
    )
    graph = json.loads((site.root / "connections.json").read_text(encoding="utf-8"))
    assert graph["connections"] == [
        {
            "from": "A/79/213#para-26",
            "to": "A/68/283#para-77",
            "type": "follows-up",
            "from_url": "/A/79/213/#para-26",
            "to_url": "/A/68/283/#para-77",
            "quote": "my predecessor",
        }
    ]


def test_a_bad_connection_is_a_warning_and_strict_leaves_the_site_alone(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, files())
    before = site.tree_hash()
    bad = CONNECTIONS + "- from: A/79/213#para-99\n  to: A/68/283#para-77\n  type: follows-up\n"
    (site.content / "connections.yaml").write_text(bad, encoding="utf-8")
    assert cli_main(["build", str(site.content), "-o", str(site.root), "--strict", "-q", "--no-cache"]) == 1
    assert site.tree_hash() == before
    again = build_site(tmp_path, out="site2")
    assert [str(w) for w in again.result.warnings] == [
        f"{site.content / 'connections.yaml'}: line 5: unknown anchor '#para-99' in A/79/213"
    ]
    assert '<a href="/A/68/283/#para-77">' in again.main("/A/79/213/")  # the sound one is still built


def test_a_connection_survives_a_re_typeset_pdf(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, files())
    first = site.main("/A/68/283/")
    (site.content / "A_68_283.pdf").write_bytes(old_pdf(Style(hanging_numbers=True, ligatures=True)))
    again = build_site(tmp_path, out="site2")
    assert (site.content / "A_68_283.pdf").read_bytes() != old_pdf()
    assert again.result.ok and not again.result.warnings, again.result.warnings
    assert 'href="/A/79/213/#para-26">A/79/213, para. 26</a>' in first
    assert 'href="/A/79/213/#para-26">A/79/213, para. 26</a>' in again.main("/A/68/283/")
