"""A reader on a report page: deep links, footnote popovers, copy citation, language versions."""

from __future__ import annotations

import re

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser

REPORT = "/A/79/213/"


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")


def box(page, selector: str) -> dict:
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }""",
        selector,
    )


def assert_landed(page, selector: str) -> None:
    """The target is the :target, scrolled to, fully below the sticky header and in view."""
    page.wait_for_function("() => window.scrollY > 0")
    page.wait_for_timeout(150)  # let a smooth scroll, if any, settle
    target = box(page, selector)
    viewport = page.viewport_size
    assert target["top"] >= header_bottom(page) - 0.5, f"{selector} is under the sticky header: {target}"
    assert target["top"] < viewport["height"] * 0.5, f"{selector} is not near the top of the view: {target}"
    assert page.evaluate("s => document.querySelector(s).matches(':target')", selector)
    highlight = page.evaluate(
        "s => getComputedStyle(document.querySelector(s), '::before').backgroundColor", selector
    )
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent"), "the target paragraph is not highlighted"


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_deep_link_lands_on_the_paragraph_below_the_header(new_page, device: str) -> None:
    page = new_page(**(PHONE if device == "phone" else {}))
    page.goto(REPORT + "#para-26")
    assert_landed(page, "#para-26")
    assert "26" in page.locator("#para-26 .para-num").inner_text()
    # The contents: a sidebar beside the text on a desktop, folded above it on a phone.
    toc_open = page.evaluate("document.querySelector('nav.toc details').open")
    assert toc_open == (device == "desktop")


def test_deep_link_to_a_sub_paragraph(new_page) -> None:
    page = new_page()
    page.goto("/A/78/180/#para-68-j")
    assert_landed(page, "#para-68-j")
    assert "(j)" in page.locator("#para-68-j").inner_text()


def test_citation_links_to_the_cited_sub_paragraph(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    link = page.locator("#para-26 .para-body a.xref", has_text="A/78/180").first
    assert link.get_attribute("href").endswith("/A/78/180/#para-68-j")
    link.click()
    page.wait_for_url(re.compile(r"/A/78/180/#para-68-j$"))
    assert_landed(page, "#para-68-j")


# ---------------------------------------------------------------- footnote popovers

POPOVER = "#fn-popover"
NOTE_64 = "treaty bodies on firewalls"


def popover_inside_viewport(page) -> None:
    rect = box(page, POPOVER)
    view = page.viewport_size
    assert rect["left"] >= 0 and rect["right"] <= view["width"], f"popover leaves the screen sideways: {rect}"
    assert rect["top"] >= header_bottom(page) - 0.5 and rect["bottom"] <= view["height"], (
        f"popover leaves the screen vertically or hides under the header: {rect}"
    )


def test_popover_opens_on_click_and_escape_closes_it(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    ref = page.locator("#para-26 a.fnref").first
    ref.scroll_into_view_if_needed()
    ref.click()
    popover = page.locator(POPOVER)
    popover.wait_for(state="visible")
    assert NOTE_64 in popover.inner_text()
    assert ref.get_attribute("aria-expanded") == "true"
    assert page.evaluate("location.hash") == "", "a click on the reference left the reading place"
    popover_inside_viewport(page)
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == ref.get_attribute("id")


def test_popover_keyboard_enter_opens_escape_returns_focus(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    ref = page.locator("#para-26 a.fnref").first
    ref.focus()
    page.keyboard.press("Enter")
    popover = page.locator(POPOVER)
    popover.wait_for(state="visible")
    assert NOTE_64 in popover.inner_text()
    assert page.evaluate(f"document.querySelector('{POPOVER}').contains(document.activeElement)")
    # Screen readers: the reference describes itself by its note, the popover is a labelled dialog.
    assert ref.get_attribute("role") == "doc-noteref"
    described = ref.get_attribute("aria-describedby")
    assert NOTE_64 in page.locator(f"#{described}").inner_text()
    assert popover.get_attribute("role") in ("dialog", "tooltip")
    assert "64" in page.locator(f"#{popover.get_attribute('aria-labelledby')}").inner_text()
    # Tab reaches the link inside the note.
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.querySelector('{POPOVER}').contains(document.activeElement)")
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == ref.get_attribute("id")
    assert page.evaluate("location.hash") == ""


def test_popover_on_hover_stays_open_inside_and_its_links_work(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    ref = page.locator("#para-26 a.fnref").first
    ref.scroll_into_view_if_needed()
    ref.hover()
    popover = page.locator(POPOVER)
    popover.wait_for(state="visible")
    assert NOTE_64 in popover.inner_text()
    popover_inside_viewport(page)
    # Move the pointer from the reference into the popover, in steps, as a hand would.
    target = popover.locator("a.xref", has_text="A/78/180").first
    tbox = target.bounding_box()
    page.mouse.move(tbox["x"] + tbox["width"] / 2, tbox["y"] + tbox["height"] / 2, steps=8)
    page.wait_for_timeout(700)
    assert popover.is_visible(), "the popover closed while the pointer was inside it"
    target.click()
    page.wait_for_url(re.compile(r"/A/78/180/#para-68-j$"))
    assert_landed(page, "#para-68-j")


def test_popover_closes_when_the_pointer_leaves(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    ref = page.locator("#para-26 a.fnref").first
    ref.scroll_into_view_if_needed()
    ref.hover()
    popover = page.locator(POPOVER)
    popover.wait_for(state="visible")
    page.mouse.move(5, 400, steps=4)
    popover.wait_for(state="hidden", timeout=3000)


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_popover_on_a_phone_tap_stays_on_screen(new_page, where: str) -> None:
    page = new_page(**PHONE)
    page.goto(REPORT)
    ref = page.locator("#para-26 a.fnref").last
    ref.scroll_into_view_if_needed()
    # Put the reference near the top or the bottom edge of the screen, where a popover would spill.
    ref.evaluate(
        """(el, where) => { const r = el.getBoundingClientRect();
             const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
             const y = where === 'top' ? header + 10 : innerHeight - 40;
             window.scrollBy(0, r.top - y); }""",
        where,
    )
    ref.tap()
    popover = page.locator(POPOVER)
    popover.wait_for(state="visible")
    assert "Communication of 3 May 2024" in popover.inner_text()
    popover_inside_viewport(page)
    # A tap elsewhere closes it; so does Escape (a phone with a keyboard).
    page.locator("#para-20 .para-body").tap()
    popover.wait_for(state="hidden")
    ref.tap()
    popover.wait_for(state="visible")
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")


# ---------------------------------------------------------------- link and copy-citation buttons


def test_copy_citation_of_a_paragraph(new_page, base_url: str) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(REPORT)
    para = page.locator("#para-26")
    para.scroll_into_view_if_needed()
    cite = para.locator(":scope > .para-tools button.tool-cite")
    assert not cite.evaluate("b => getComputedStyle(b.parentElement).opacity === '1'"), (
        "tools show before hover"
    )
    para.locator(".para-body p").first.hover()
    page.wait_for_function(
        "b => getComputedStyle(b.parentElement).opacity === '1'", arg=cite.element_handle()
    )
    # A hand moves from the text to the button in small steps: the buttons must not vanish on the way.
    start, target = para.locator(".para-body p").first.bounding_box(), cite.bounding_box()
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1, y1 = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    for step in range(1, 31):
        page.mouse.move(x0 + (x1 - x0) * step / 30, y0 + (y1 - y0) * step / 30)
        page.wait_for_timeout(20)  # a frame, so hover styles apply at each point on the way
    assert cite.evaluate("b => getComputedStyle(b.parentElement).opacity") == "1"
    page.mouse.down()
    page.mouse.up()
    expected = f"A/79/213, para. 26 \u2014 {base_url}/A/79/213/#para-26"
    assert page.evaluate("navigator.clipboard.readText()") == expected
    status = page.locator(".copy-status[role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert "Copied" in status.inner_text()
    assert status.is_visible()
    assert "Copied" in cite.inner_text()


def test_copy_citation_of_a_sub_paragraph_and_copy_link(new_page, base_url: str) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(REPORT)
    item = page.locator("#para-26-a")
    item.scroll_into_view_if_needed()
    item.hover()
    item.locator(":scope > .para-tools button.tool-cite").click()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"A/79/213, para. 26 (a) \u2014 {base_url}/A/79/213/#para-26-a"
    )
    item.hover()
    item.locator(":scope > .para-tools button.tool-link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/A/79/213/#para-26-a"


def test_copy_buttons_are_reachable_by_keyboard(new_page) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(REPORT)
    page.locator("#para-12 .para-num").focus()
    tools = page.locator("#para-12 > .para-tools")
    page.wait_for_function("t => getComputedStyle(t).opacity === '1'", arg=tools.element_handle())
    for _ in range(6):  # past the links inside the paragraph, to its buttons
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('tool-cite')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('tool-cite')")
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()").startswith("A/79/213, para. 12 \u2014 ")


def test_copy_without_clipboard_permission_uses_the_fallback(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    # A host without the async clipboard (plain http on a LAN address, older browsers).
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    # what the fallback copies is what the copy event's target holds (the test listens; the page keeps no copy)
    page.evaluate("document.addEventListener('copy', e => { window.copiedInTest = e.target.value; })")
    para = page.locator("#para-3")
    para.hover()
    para.locator(":scope > .para-tools button.tool-cite").click()
    assert page.evaluate("window.copiedInTest").startswith("A/79/213, para. 3 \u2014 ")
    assert page.locator(".copy-status").inner_text().strip() != ""


# ---------------------------------------------------------------- language versions


def test_language_switch_keeps_the_paragraph(new_page) -> None:
    page = new_page()
    page.goto(REPORT + "#para-26")
    switch = page.locator(".lang-switch a[hreflang=fr]")
    assert page.locator(".lang-switch a[aria-current]").get_attribute("hreflang") == "en"
    switch.click()
    page.wait_for_url(re.compile(r"/fr/A/79/213/#para-26$"))
    assert (
        page.evaluate("document.documentElement.lang") == "fr"
        or page.locator("article.report").get_attribute("lang") == "fr"
    )
    assert_landed(page, "#para-26")
    # And back, after moving to another paragraph in the French text.
    page.locator("#para-12 .para-num").click()
    page.wait_for_url(re.compile(r"#para-12$"))
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/A/79/213/#para-12$"))
    assert not page.url.split("#")[0].endswith("/fr/A/79/213/")
    assert_landed(page, "#para-12")


def test_backlink_to_the_citing_paragraph(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    backlinks = page.locator("#para-26 .backlinks a", has_text="A/78/180")
    assert backlinks.count() >= 1
    backlinks.first.click()
    page.wait_for_url(re.compile(r"/A/78/180/#para-5$"))
    assert_landed(page, "#para-5")


def test_a_paragraph_opens_the_source_pdf_at_its_page(new_page) -> None:
    page = new_page()
    page.goto("/A/80/188/#para-5")
    assert_landed(page, "#para-5")
    link = page.locator("#para-5 a.para-pdf")
    href = link.get_attribute("href")
    assert re.search(r"\.pdf#page=\d+$", href), href
    response = page.request.get(href.split("#")[0])
    assert response.ok and response.body().startswith(b"%PDF"), href
    # The citation in the PDF's text links to the Markdown report's sub-paragraph.
    assert page.locator("#para-5 a.xref[href$='/A/79/213/#para-26-a']").count() == 1


def test_print_shows_notes_in_place_and_no_chrome(new_page) -> None:
    page = new_page()
    page.goto(REPORT)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # Chromium may fire it twice
    notes = page.locator("#para-26 .print-notes")
    assert notes.count() == 1 and notes.is_visible()
    text = notes.inner_text()
    assert "64" in text and NOTE_64 in text and "Communication of 3 May 2024" in text
    for chrome in (".site-header", "nav.toc", ".lang-switch", ".site-footer"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    assert page.locator(".footnotes").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator(".print-notes").count() == 0


def test_copy_citation_on_a_phone_by_tapping_the_text(new_page, base_url: str) -> None:
    page = new_page(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(REPORT)
    item = page.locator("#para-26-b")
    item.locator(".item-text").tap()
    cite = item.locator(":scope > .para-tools button.tool-cite")
    page.wait_for_function(
        "b => getComputedStyle(b.parentElement).opacity === '1'", arg=cite.element_handle()
    )
    assert page.locator("#para-26 > .para-tools").evaluate("t => getComputedStyle(t).opacity") == "0"
    tools = cite.locator("xpath=..").bounding_box()
    assert tools["x"] >= 0 and tools["x"] + tools["width"] <= 390, f"the buttons leave the screen: {tools}"
    cite.tap()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"A/79/213, para. 26 (b) \u2014 {base_url}/A/79/213/#para-26-b"
    )
    # A tap on another paragraph moves the buttons there.
    page.locator("#para-27 .para-body p").tap()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('#para-27 > .para-tools')).opacity === '1'"
    )
