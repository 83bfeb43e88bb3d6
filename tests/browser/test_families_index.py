"""The index with document families, in the browser: a family's members show under their base with
their kind, a superseded document says so, sorting moves a family as one, the filters still work (a
family's head row goes with its members), and nothing logs an error."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_families_site import BASE, CORR, REV  # the same family as the site tests

from .conftest import VNU_JAR, Problems, _SiteHandler
from .test_site import axe_violations

pytestmark = pytest.mark.browser


def family_content(content: Path) -> None:
    """A family with a base in English and French, a revision, a corrigendum, an addendum and the
    addendum's revision; a report alone; and a corrigendum whose base is not in the site."""
    files = {
        "A_90_300.md": BASE.format(language="en"),
        "A_90_300.fr.md": BASE.format(language="fr"),
        "A_90_300_Corr.1.md": CORR,
        "A_90_300_Rev.1.md": REV,
        "A_90_300_Add.1.md": BASE.replace("A/90/300", "A/90/300/Add.1")
        .replace("2025-03-01", "2025-04-01")
        .format(language="en"),
        "A_90_300_Add.1_Rev.1.md": REV.replace("A/90/300/Rev.1", "A/90/300/Add.1/Rev.1"),
        "A_89_50.md": BASE.replace("A/90/300", "A/89/50")
        .replace("2025-03-01", "2024-02-01")
        .replace("Migration and development", "Oceans and the law of the sea")
        .format(language="en"),
        "A_90_100_Corr.2.md": CORR.replace("A/90/300/Corr.1", "A/90/100/Corr.2").replace(
            "Migration and development", "Financing for development"
        ),
    }
    content.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def family_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site's folder."""
    root = tmp_path_factory.mktemp("family-index")
    family_content(root / "content")
    subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "content", "-o", "out", "-q", "--no-cache"],
        cwd=root,
        check=True,
        timeout=300,
    )
    return root / "out"


@pytest.fixture(scope="module")
def family_site(family_site_dir: Path) -> Iterator[str]:
    """The built site, served on loopback under the strict Content-Security-Policy."""
    handler = functools.partial(_SiteHandler, directory=str(family_site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def groups(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The visible rows of each group, in order: a report row as its symbol (and kind), a family's head
    row as "head <symbol>"."""
    return page.eval_on_selector_all(
        "table.report-list tbody",
        """bodies => bodies.map(b =>
        Array.from(b.rows).filter(r => !r.hidden).map(r => r.classList.contains("family-head")
            ? "head " + r.querySelector("a").textContent
            : [r.dataset.symbol, (r.querySelector(".family-kind") || {}).textContent].filter(Boolean).join(" ")))
        .filter(rows => rows.length)""",
    )


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_the_index_shows_families_together_and_keeps_them_together(browser, family_site, viewport) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, base_url=family_site)
    page = context.new_page()
    problems = Problems()
    problems.watch(page)
    page.goto("/")
    family = [
        "A/90/300",
        "A/90/300",
        "A/90/300/Rev.1 Revision 1",
        "A/90/300/Corr.1 Corrigendum 1",
        "A/90/300/Add.1 Addendum 1",
        "A/90/300/Add.1/Rev.1 Revision 1",
    ]
    assert groups(page) == [["A/89/50"], ["head A/90/100", "A/90/100/Corr.2 Corrigendum 2"], family]
    # what a reader sees: the kind under the symbol, the member indented, the superseded base said so
    corr = page.locator('tr[data-symbol="A/90/300/Corr.1"]')
    assert corr.locator(".family-kind").is_visible()
    indent = page.evaluate("""() => {
        const x = s => document.querySelector(`tr[data-symbol="${s}"] td.col-symbol a`).getBoundingClientRect().left;
        return [x("A/90/300"), x("A/90/300/Add.1"), x("A/90/300/Add.1/Rev.1")] }""")
    assert indent[0] < indent[1] < indent[2], indent
    note = page.locator('tr[data-symbol="A/90/300"][data-lang="en"] .index-superseded')
    assert note.is_visible() and note.inner_text() == "Superseded by A/90/300/Rev.1 of 1 September 2025"
    # sorting by date moves whole groups (by their first report), members stay in reading order
    page.locator("th button.sort[data-key=date]").click()
    assert groups(page) == [["A/89/50"], family, ["head A/90/100", "A/90/100/Corr.2 Corrigendum 2"]]
    page.locator("th button.sort[data-key=date]").click()
    assert groups(page) == [["head A/90/100", "A/90/100/Corr.2 Corrigendum 2"], family, ["A/89/50"]]
    page.locator("th button.sort[data-key=title]").click()
    assert [g[0] for g in groups(page)] == [
        "head A/90/100",
        "A/90/300",
        "A/89/50",
    ]  # Financing, Migration, Oceans
    # the filters still filter rows; a family's head row shows only with a member of its own
    page.select_option("form.filters select[name=lang]", "fr")
    assert groups(page) == [["A/90/300"]]
    page.select_option("form.filters select[name=lang]", "")
    page.select_option("form.filters select[name=year]", "2024")
    assert groups(page) == [["A/89/50"]]
    page.select_option("form.filters select[name=year]", "")
    page.locator("form.filters input[type=search]").fill("Corr")
    assert groups(page) == [
        ["head A/90/100", "A/90/100/Corr.2 Corrigendum 2"],
        ["A/90/300/Corr.1 Corrigendum 1"],
    ]
    assert page.locator(".filter-count").inner_text() == "2 of 8 reports"
    context.close()
    assert not problems.messages, problems.messages


def test_search_results_say_when_a_document_is_superseded(browser, family_site) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=family_site)
    page = context.new_page()
    problems = Problems()
    problems.watch(page)
    page.goto("/search/?q=programme+reached")
    page.wait_for_selector(".search-results .search-hit")
    hits = page.eval_on_selector_all(
        ".search-results .search-hit",
        """hits => hits.map(h => [
        h.querySelector(".search-hit-cite").textContent,
        (h.querySelector(".search-hit-superseded") || {}).textContent || ""])""",
    )
    assert sorted(hits) == [
        ["A/89/50, para. 27", ""],
        ["A/90/300, para. 27", "Superseded by A/90/300/Rev.1"],
        ["A/90/300/Add.1, para. 27", "Superseded by A/90/300/Add.1/Rev.1"],
        ["A/90/300/Add.1/Rev.1, para. 27", ""],
        ["A/90/300/Rev.1, para. 27", ""],
    ]
    assert page.locator(".search-hit-superseded").first.is_visible()
    # the box in the header says it too (its results come from the postings files' cards or records)
    page.goto("/A/89/50/")
    page.locator("#search-input").fill("programme")
    page.wait_for_selector(".search-hit-superseded")
    # and so does a jump to a superseded document by its symbol (not one to its revision)
    page.goto("/search/?q=A/90/300")
    jump = page.locator(".search-results .search-jump").first
    jump.wait_for()
    assert jump.inner_text().split("\n")[:2] == ["Go to A/90/300", "Superseded by A/90/300/Rev.1"]
    page.goto("/search/?q=A/90/300/Rev.1")
    page.locator(".search-results .search-jump").first.wait_for()
    assert page.locator(".search-results .search-jump .search-hit-superseded").count() == 0
    context.close()
    assert not problems.messages, problems.messages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", ["/", "/A/90/300/", "/A/90/300/as-issued/", "/A/90/100/Corr.2/", "/search/?q=programme+reached"]
)
def test_axe_finds_no_serious_violations_on_family_pages(browser, family_site, scheme, path) -> None:  # type: ignore[no-untyped-def]
    # bypass_csp lets Playwright inject axe as an inline script (the pages run under the CSP above)
    for viewport in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        context = browser.new_context(
            viewport=viewport, base_url=family_site, color_scheme=scheme, bypass_csp=True
        )
        page = context.new_page()
        page.goto(path)
        if path.startswith("/search/"):  # with the results that say "Superseded by" showing
            page.wait_for_selector(".search-hit-superseded")
        violations = axe_violations(page)
        context.close()
        assert not violations, f"axe on {path} ({scheme}, {viewport['width']}):\n" + "\n".join(violations)


def test_nu_html_checker_finds_no_errors_on_family_pages(family_site_dir: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime for the Nu HTML Checker")
    pages = sorted(family_site_dir.rglob("*.html"))
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    errors = [
        f"{m.get('url', '?').split(str(family_site_dir))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors[:40])
