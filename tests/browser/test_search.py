"""Search in the browser: the header box's instant results, keyboard use, symbol jumps, the /search/ page
(opened directly, filters, a 390-wide phone) and the words highlighted where a result lands.

The site is the one `sitegen build` makes in conftest.py (A/79/213 in English and French, A/78/180),
served under the strict CSP; any console error fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import AXE_JS, PHONE

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def dropdown_cites(page) -> list[str]:
    page.wait_for_selector("#search-dropdown:not([hidden]) [role=option]")
    return page.eval_on_selector_all(
        "#search-dropdown [role=option] .search-hit-cite", "els => els.map(e => e.textContent)"
    )


def test_typing_in_the_box_shows_paragraph_results(new_page) -> None:
    page = new_page()
    page.goto("/search/")
    page.fill("#search-input", "firewal")  # prefix of "firewalls", as typed
    cites = dropdown_cites(page)
    assert cites[0] == "A/79/213, note 64"
    first = page.locator("#search-dropdown .search-hit").first
    assert first.get_attribute("href") == "/A/79/213/?hl=firewal#para-26"
    assert first.locator("mark").first.inner_text().lower() == "firewalls"
    assert page.get_attribute("#search-input", "aria-expanded") == "true"


def test_the_box_says_when_not_every_word_matched(new_page) -> None:
    page = new_page()
    page.goto("/search/")
    page.fill("#search-input", "firewalls zzyzzx")  # the second word is in no report
    dropdown_cites(page)
    assert "Not every word matched" in page.inner_text("#search-dropdown")
    page.fill("#search-input", "firewalls")
    page.wait_for_function("!document.querySelector('#search-dropdown').innerText.includes('Not every word')")


def test_the_box_waits_for_a_second_letter_and_shows_five_results(new_page) -> None:
    page = new_page()
    page.goto("/search/")
    page.fill("#search-input", "w")
    page.wait_for_selector("#search-dropdown:not([hidden]) .search-empty")
    assert page.inner_text("#search-dropdown .search-empty") == "Keep typing…"
    page.fill("#search-input", "mi")  # "migrant", in most paragraphs
    page.wait_for_selector("#search-dropdown .search-hit")
    assert page.locator("#search-dropdown .search-hit").count() == 5
    assert page.locator("#search-dropdown .search-all").inner_text().startswith("All ")


def test_keyboard_only_slash_arrows_enter_escape(new_page) -> None:
    page = new_page()
    page.goto("/search/")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("separate labour inspection")
    dropdown_cites(page)
    page.keyboard.press("Escape")
    assert page.locator("#search-dropdown").is_hidden()
    page.keyboard.press("ArrowDown")  # reopens
    page.wait_for_selector("#search-dropdown:not([hidden])")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    selected = page.locator("#search-dropdown [aria-selected=true]")
    assert selected.count() == 1
    assert page.get_attribute("#search-input", "aria-activedescendant") == selected.get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/A/79/213/\?hl=.*#para-26-a$"))
    assert page.evaluate("location.hash") == "#para-26-a"


def test_landing_highlights_the_words_in_the_paragraph(new_page) -> None:
    page = new_page()
    page.goto("/A/79/213/?hl=separate%20labour%20inspection#para-26-a")
    page.wait_for_selector("#para-26-a mark.search-hl")
    marked = page.eval_on_selector_all(
        "#para-26-a mark.search-hl", "ms => ms.map(m => m.textContent.toLowerCase())"
    )
    assert marked == ["separate", "labour", "inspection"]
    assert page.locator("#para-25 mark").count() == 0


@pytest.mark.parametrize(
    ("typed", "lands"),
    [
        ("A/79/213", r"/A/79/213/$"),
        ("A/79/213 26", r"/A/79/213/#para-26$"),
        ("A/79/213 para 26", r"/A/79/213/#para-26$"),
        ("A/78/180 68 (j)", r"/A/78/180/#para-68-j$"),
    ],
)
def test_symbol_jumps(new_page, typed: str, lands: str) -> None:
    page = new_page()
    page.goto("/search/")
    page.fill("#search-input", typed)
    assert dropdown_cites(page)[0].startswith("Go to ")
    page.press("#search-input", "Enter")
    page.wait_for_url(re.compile(lands))
    target = page.evaluate("location.hash.slice(1)")
    if target:
        assert page.locator(f"[id='{target}']").count() == 1


def test_results_page_opened_directly(new_page) -> None:
    page = new_page()
    page.goto("/search/?q=victims%20heard")
    page.wait_for_selector(".search-results .search-hit")
    hits = page.locator(".search-results .search-hit")
    assert hits.first.get_attribute("href").startswith("/A/78/180/?hl=victims%20heard#para-68-")
    assert page.input_value("#search-page-q") == "victims heard"
    assert re.match(r"\d+ results? for “victims heard”", page.inner_text(".search-status"))
    marks = hits.first.locator("mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"victims", "heard"}


def test_results_page_phrase_and_language_filter(new_page) -> None:
    page = new_page()
    page.goto('/search/?q="access to justice"')
    page.wait_for_selector(".search-results .search-hit")
    assert page.locator(".search-results .search-hit").count() >= 1
    page.select_option("select[name=lang]", "fr")
    page.wait_for_url(re.compile(r"[?&]lang=fr"))
    page.fill("#search-page-q", "travailleurs migrants")
    page.press("#search-page-q", "Enter")
    page.wait_for_selector(".search-results a[href^='/fr/A/79/213/']")
    hrefs = page.eval_on_selector_all(
        ".search-results .search-hit", "as => as.map(a => a.getAttribute('href'))"
    )
    assert hrefs and all(h.startswith("/fr/A/79/213/") for h in hrefs)


def test_results_page_on_a_phone(new_page) -> None:
    page = new_page(**PHONE)
    page.goto("/search/?q=immigration%20enforcement")
    page.wait_for_selector(".search-results .search-hit")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    box = page.locator(".search-results .search-hit").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-phone.png"), full_page=False)
    page.fill("#search-input", "remedies")
    dropdown_cites(page)
    drop = page.locator("#search-dropdown").bounding_box()
    assert drop and drop["x"] >= 0 and drop["x"] + drop["width"] <= 390
    page.screenshot(path=str(SCREENSHOTS / "search-phone-dropdown.png"), full_page=False)


def test_results_page_on_desktop_screenshot(new_page) -> None:
    page = new_page()
    page.goto("/search/?q=remedies%20access")
    page.wait_for_selector(".search-results .search-hit")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-desktop.png"))
    page.fill("#search-input", "firewal")
    dropdown_cites(page)
    page.screenshot(path=str(SCREENSHOTS / "search-desktop-dropdown.png"))


def test_every_page_has_the_search_box_behaviour(new_page) -> None:
    page = new_page()
    page.goto("/A/78/180/")
    page.fill("#search-input", "victims")
    assert dropdown_cites(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_results_page_with_the_dropdown_open(new_page, scheme: str) -> None:
    page = new_page(color_scheme=scheme, bypass_csp=True)  # bypass only so axe can be injected
    page.goto("/search/?q=remedies")
    page.wait_for_selector(".search-results .search-hit")
    page.fill("#search-input", "victims")
    dropdown_cites(page)
    page.keyboard.press("ArrowDown")
    page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))"
    )
    assert not found, found
