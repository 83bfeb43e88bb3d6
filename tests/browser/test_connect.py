"""Making a connection on the built site (site/connect.js): select words, copy a link to the passage,
Connect…, choose the target paragraph on another report by mouse or keyboard, Escape to cancel; at
desktop and phone widths, with no console errors (the `new_page` fixture fails on any)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


def select_words(page: object, element_id: str, words: str) -> None:
    """Select `words` inside the element, as a reader's drag would."""
    page.evaluate(  # type: ignore[attr-defined]
        """([id, words]) => {
          const root = document.getElementById(id);
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
          }
          throw new Error("words not found: " + words);
        }""",
        [element_id, words],
    )


WORDS = "access to justice and effective remedies"


def test_copy_link_to_passage_lands_on_the_paragraph_with_the_words(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(**CLIPBOARD)
    page.goto("/A/79/213/")
    select_words(page, "para-3", WORDS)
    toolbar = page.locator(".connect-tools")
    toolbar.wait_for(state="visible")
    toolbar.get_by_role("button", name="Copy link to passage").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.includes(':~:text='))")
    url = page.evaluate("navigator.clipboard.readText()")
    assert url.endswith("/A/79/213/#para-3:~:text=" + WORDS.replace(" ", "%20"))
    page.goto("/")
    page.goto(url)
    assert page.evaluate("location.hash") == "#para-3"  # the directive is the browser's, the anchor ours
    top = page.evaluate("document.getElementById('para-3').getBoundingClientRect().top")
    assert 0 <= top < 800, "the link lands on the paragraph"
    assert unquote(url.split(":~:text=")[1]) == WORDS


def test_connect_then_choose_the_target_paragraph(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(**CLIPBOARD)
    page.goto("/A/79/213/")
    select_words(page, "para-26", "The Special Rapporteur recommends")
    page.get_by_role("button", name="Connect\u2026").click()
    bar = page.locator(".connect-bar")
    assert "open the other report" in bar.inner_text()
    page.goto("/A/78/180/")
    assert "Select target paragraph" in bar.inner_text()
    assert "A/79/213, para. 26" in bar.inner_text()
    bar.get_by_label("Type of connection").select_option("follows-up")
    page.locator("#para-68").click(position={"x": 200, "y": 5})
    done = page.locator(".connect-yaml")
    done.wait_for()
    yaml = done.inner_text()
    assert yaml.startswith("- from: A/79/213#para-26\n  to: A/78/180#para-68\n  type: follows-up\n")
    assert 'quote: "The Special Rapporteur recommends"' in yaml
    assert "paste it into connections.yaml" in bar.inner_text()
    page.wait_for_function(
        "navigator.clipboard.readText().then(t => t.startsWith('- from: A/79/213#para-26'))"
    )
    assert page.evaluate("localStorage.getItem('sitegen-connect')") is None


def test_keyboard_only_and_escape_cancels(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(**CLIPBOARD)
    page.goto("/A/79/213/")
    select_words(page, "para-4", WORDS)
    page.locator(".connect-start").focus()
    page.keyboard.press("Enter")
    page.goto("/A/78/180/")
    target = page.locator("#para-5")
    assert target.get_attribute("tabindex") == "0"
    target.focus()
    page.keyboard.press("Enter")
    assert (
        page.locator(".connect-yaml")
        .inner_text()
        .startswith("- from: A/79/213#para-4\n  to: A/78/180#para-5\n")
    )
    # a second one, cancelled with Escape: nothing kept, the bar gone, paragraphs no longer targets
    page.goto("/A/79/213/")
    select_words(page, "para-4", WORDS)
    page.locator(".connect-start").click()
    page.goto("/A/78/180/")
    page.keyboard.press("Escape")
    assert page.locator(".connect-bar").count() == 0
    assert page.locator(".connect-target").count() == 0
    assert page.evaluate("localStorage.getItem('sitegen-connect')") is None


def test_the_selection_toolbar_at_phone_width(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(**PHONE, **CLIPBOARD)
    page.goto("/A/79/213/")
    select_words(page, "para-3", WORDS)
    toolbar = page.locator(".connect-tools")
    toolbar.wait_for(state="visible")
    box = toolbar.bounding_box()
    assert (
        box is not None and box["y"] + box["height"] <= 844 and box["width"] > 300
    )  # the foot of the screen
    page.keyboard.press("Escape")
    assert toolbar.is_hidden()


REPORT = """---
symbol: A/90/{n}
title: Report {n}
---

1. The first paragraph of report {n} says that water is a human right for everyone.

2. The second paragraph of report {n} says that sanitation is a human right too.
"""


@pytest.fixture
def served(tmp_path):  # type: ignore[no-untyped-def]
    """`sitegen serve` on two reports of our own, on a free loopback port."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    content = tmp_path / "content"
    content.mkdir()
    for n in (1, 2):
        (content / f"A_90_{n}.md").write_text(REPORT.format(n=n), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", str(content), "--port", str(port), "--jobs", "1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/A/90/1/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield url, content
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_under_serve_the_connection_is_written_and_shown(browser, served) -> None:  # type: ignore[no-untyped-def]
    url, content = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(url + "/A/90/1/")
    select_words(page, "para-2", "sanitation is a human right")
    page.get_by_role("button", name="Connect\u2026").click()
    page.goto(url + "/A/90/2/")
    with page.expect_navigation(timeout=60_000):  # livereload reloads the page once the site is rebuilt
        page.locator("#para-1").click(position={"x": 200, "y": 5})
    assert (
        (content / "connections.yaml")
        .read_text(encoding="utf-8")
        .startswith("- from: A/90/1#para-2\n  to: A/90/2#para-1\n  type: follows-up\n")
    )
    page.wait_for_selector("#para-1 .connections")
    assert "followed up in" in page.locator("#para-1 .connections").inner_text()
    context.close()
    assert not errors, errors
