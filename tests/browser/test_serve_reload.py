"""`sitegen serve` in Chromium: the page reloads itself after an edit, under the strict CSP the server
sends (the livereload script is a same-origin file, its websocket same-origin), and a broken edit shows
the error banner over the last good page. Any console error (a CSP violation included) fails the test."""

from __future__ import annotations

import time

from tests.browser.conftest import Problems
from tests.test_serve import REPORT, Served, served  # noqa: F401 - `served` is a fixture

RELOADED_WITHIN_MS = 5000


def test_an_open_tab_reloads_after_an_edit_and_shows_a_failed_build(browser: object, served: Served) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        problems = Problems()
        problems.watch(page)
        page.goto(f"http://127.0.0.1:{served.port}/A/90/1/")
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=RELOADED_WITHIN_MS)
        time.sleep(0.5)  # the websocket handshake
        report = served.content / "A_90_1.md"
        report.write_text(
            REPORT.replace("The original text", "The text seen in the browser"), encoding="utf-8"
        )
        page.wait_for_function(
            "() => document.body.textContent.includes('The text seen in the browser')",
            timeout=RELOADED_WITHIN_MS,
        )
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=RELOADED_WITHIN_MS)
        time.sleep(0.5)
        report.write_text(REPORT.replace("title: A report", "title: [A report"), encoding="utf-8")
        try:
            banner = page.wait_for_selector(".sitegen-serve-error", timeout=RELOADED_WITHIN_MS)
        except Exception:  # noqa: BLE001 (Playwright's timeout: say what the server and page said)
            raise AssertionError("\n".join(served.lines + problems.messages)) from None
        assert banner is not None and "bad YAML in front matter" in banner.text_content()
        assert "The text seen in the browser" in page.text_content("main")
        assert banner.is_visible()
        assert not problems.messages, "\n".join(problems.messages)
    finally:
        context.close()
