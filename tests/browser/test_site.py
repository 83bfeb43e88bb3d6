"""The whole built site: the index page, console errors, accessibility (axe-core) and HTML validity (Nu)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import AXE_JS, PHONE, VNU_JAR, html_pages, url_path

pytestmark = pytest.mark.browser


def visible_symbols(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.report-list tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].innerText.trim())"
    )


def visible_languages(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.report-list tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.lang)"
    )


def test_index_lists_every_report_version(new_page) -> None:
    page = new_page()
    page.goto("/")
    assert sorted(visible_symbols(page)) == ["A/78/180", "A/79/213", "A/79/213", "A/80/188"]
    assert sorted(visible_languages(page)) == ["en", "en", "en", "fr"]


def test_index_filters_by_language_year_body_and_text(new_page) -> None:
    page = new_page()
    page.goto("/")
    page.select_option("form.filters select[name=lang]", "fr")
    assert visible_languages(page) == ["fr"]
    page.select_option("form.filters select[name=lang]", "")
    page.select_option("form.filters select[name=year]", "2023")
    assert visible_symbols(page) == ["A/78/180"]
    page.select_option("form.filters select[name=year]", "")
    page.select_option("form.filters select[name=body]", "A")
    assert len(visible_symbols(page)) == 4
    text = page.locator("form.filters input[type=search]")
    text.fill("access to justice")
    assert visible_symbols(page) == ["A/79/213"]
    text.fill("A/78")
    assert visible_symbols(page) == ["A/78/180"]
    assert "1 of 4" in page.locator(".filter-count").inner_text()
    text.fill("no such report anywhere")
    assert visible_symbols(page) == []
    # The filters are kept in the address, so a filtered list can be shared.
    text.fill("")
    page.select_option("form.filters select[name=body]", "")
    page.select_option("form.filters select[name=lang]", "fr")
    assert "lang=fr" in page.url
    shared = new_page()
    shared.goto("/?lang=en&year=2024")
    assert visible_symbols(shared) == ["A/79/213"]
    assert shared.locator("form.filters select[name=lang]").input_value() == "en"
    shared.goto("/?year=2025")
    assert visible_symbols(shared) == ["A/80/188"]


def test_index_sorts_by_date_and_symbol(new_page) -> None:
    page = new_page()
    page.goto("/")
    date = page.locator("th button.sort[data-key=date]")
    date.click()
    assert visible_symbols(page)[0] == "A/78/180"
    assert date.locator("xpath=..").get_attribute("aria-sort") == "ascending"
    date.click()
    assert visible_symbols(page)[-1] == "A/78/180"
    assert date.locator("xpath=..").get_attribute("aria-sort") == "descending"
    page.locator("th button.sort[data-key=symbol]").click()
    assert visible_symbols(page) == ["A/78/180", "A/79/213", "A/79/213", "A/80/188"]


def test_no_console_errors_on_any_page(new_page, site: Path) -> None:
    """Every page, under the strict CSP the test server sends: no errors, no blocked inline code."""
    pages = html_pages(site)
    assert len(pages) >= 4
    page = new_page()
    for html in pages:
        page.goto(url_path(site, html))
        page.wait_for_load_state("load")
        assert page.evaluate("document.readyState") == "complete"
    phone = new_page(**PHONE, color_scheme="dark")
    phone.goto("/A/79/213/#para-26")
    phone.locator("#para-26 a.fnref").first.tap()
    phone.locator("#fn-popover").wait_for(state="visible")
    # new_page's teardown fails the test on any console error, uncaught exception or HTTP error.


# ---------------------------------------------------------------- axe-core

SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)})))"
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in result
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/A/79/213/#para-26", "/fr/A/79/213/", "/A/80/188/"])
def test_axe_finds_no_serious_violations(new_page, scheme: str, path: str) -> None:
    # bypass_csp lets Playwright inject axe as an inline script; the site itself is checked under the CSP
    # in test_no_console_errors_on_any_page.
    page = new_page(color_scheme=scheme, bypass_csp=True)
    page.goto(path)
    if "#" in path:  # also with the paragraph's tools and a footnote popover showing
        page.locator("#para-26 .para-body p").first.hover()
        page.locator("#para-26 a.fnref").first.click()
        page.locator("#fn-popover").wait_for(state="visible")
    violations = axe_violations(page)
    assert not violations, f"axe on {path} ({scheme}):\n" + "\n".join(violations)


def test_axe_on_a_phone(new_page) -> None:
    page = new_page(**PHONE, bypass_csp=True)
    page.goto("/A/78/180/#para-68-j")
    violations = axe_violations(page)
    assert not violations, "axe on a phone:\n" + "\n".join(violations)


# ---------------------------------------------------------------- W3C Nu HTML Checker


def test_nu_html_checker_finds_no_errors(site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip(
            "no Java runtime for the Nu HTML Checker (apt-get install default-jre-headless; .ci/run does)"
        )
    pages = html_pages(site)
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    errors = [
        f"{m.get('url', '?').split(str(site))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, f"Nu HTML Checker, {len(pages)} pages:\n" + "\n".join(errors[:40])
    assert run.returncode == 0, run.stderr[-2000:]
