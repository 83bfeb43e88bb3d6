"""A corrected report in the browser: the marks are visible in light and dark, the text as issued is
reached by keyboard alone, and nothing logs an error."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from test_families_site import BASE, CORR  # the same base and corrigendum as the site tests

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site, served on loopback (pages load their scripts as modules, which file:// refuses)."""
    root = tmp_path_factory.mktemp("families")
    (root / "content").mkdir()
    (root / "content" / "A_90_300.md").write_text(BASE.format(language="en"), encoding="utf-8")
    (root / "content" / "A_90_300_Corr.1.md").write_text(CORR, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "content", "-o", "out", "-q", "--no-cache"],
        cwd=root,
        check=True,
        timeout=300,
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "out"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_marks_read_in_both_schemes_and_the_text_as_issued_is_a_tab_away(
    browser, corrected_site, scheme
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(corrected_site + "/A/90/300/")
    inserted = page.locator("#para-28 ins.corr-inserted")
    assert inserted.inner_text() == "and territories" and inserted.is_visible()
    style = inserted.evaluate(
        "e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.color] }"
    )
    assert "underline" in style[0]  # marked by more than colour
    link = page.locator("#para-28").get_by_role("link", name="text as issued", exact=True)
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("e => e === document.activeElement"):
            break
    assert link.evaluate("e => e === document.activeElement"), "reachable by keyboard"
    page.keyboard.press("Enter")
    page.wait_for_url("**/as-issued/**")
    assert "Migration grew in several countries. Remittances rose." in page.locator("#para-28").inner_text()
    context.close()
    assert not errors, errors
