"""`sitegen serve`: a real server in a subprocess on a free loopback port, driven as a browser would:
the livereload websocket, page requests, edits to the content."""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from tornado.websocket import WebSocketClientConnection, websocket_connect

T = TypeVar("T")


def run_scenario(coro: Coroutine[Any, Any, T]) -> T:
    """Run a test's websocket scenario on a thread of its own.

    Playwright's sync API (the browser tests' session fixtures) keeps an event loop running in the
    main thread, where `asyncio.run` refuses to start a second one.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


REPORT = """---
symbol: A/90/1
title: A report being edited
---

# I. Introduction

1. The original text of paragraph one.

2. See A/90/2, para. 1.
"""

OTHER = """---
symbol: A/90/2
title: Another report
---

1. Untouched text.
"""

RELOAD_WAIT = 30.0
"""How long a test waits for a reload message before calling it missing. The speed promise (a reload
within 2 s of saving) is measured by benchmarks/serve.py, not asserted in a timed test."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, proc: subprocess.Popen[str], port: int, content: Path) -> None:
        self.proc, self.port, self.content = proc, port, content
        self.lines: list[str] = []
        self.site_dir: Path | None = None
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))
            m = re.search(r"building into (\S+);", line)
            if m:
                self.site_dir = Path(m.group(1))

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        """A raw request: the path is sent exactly as given (no client-side '..' clean-up)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return (
                resp.status,
                {k.lower(): v for k, v in resp.getheaders()},
                resp.read().decode("utf-8", "replace"),
            )
        finally:
            conn.close()

    def wait_until_serving(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "serve exited:\n" + "\n".join(self.lines)
            if self.site_dir is not None:
                try:
                    if self.get("/")[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.1)
        raise AssertionError("serve did not start:\n" + "\n".join(self.lines))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    content = tmp_path / "content"
    content.mkdir()
    (content / "A_90_1.md").write_text(REPORT, encoding="utf-8")
    (content / "A_90_2.md").write_text(OTHER, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", str(content), "--port", str(port), "--jobs", "1"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    server = Served(proc, port, content)
    try:
        server.wait_until_serving()
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def connect(port: int) -> WebSocketClientConnection:
    """Connect as livereload.js does: hello, then info (which registers the tab for reloads)."""
    ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await ws.write_message(
        json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
    )
    hello = json.loads(await asyncio.wait_for(ws.read_message(), 10))  # type: ignore[arg-type]
    assert hello["command"] == "hello"
    await ws.write_message(
        json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/A/90/1/", "plugins": {}})
    )
    await asyncio.sleep(0.2)
    return ws


async def edit_and_wait_for_reload(ws: WebSocketClientConnection, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    message = await asyncio.wait_for(ws.read_message(), RELOAD_WAIT)
    assert message is not None and json.loads(message)["command"] == "reload"


def test_an_edit_is_served_and_open_tabs_reload(served: Served) -> None:
    status, _, page = served.get("/A/90/1/")
    assert status == 200 and "The original text" in page

    async def scenario() -> None:
        ws = await connect(served.port)
        await edit_and_wait_for_reload(
            ws, served.content / "A_90_1.md", REPORT.replace("The original text", "The edited text")
        )
        assert "The edited text" in served.get("/A/90/1/")[2]
        # A broken edit (bad YAML): the last good page stays served, with the error as a banner.
        broken = REPORT.replace("title: A report being edited\n", "title: [unclosed\n").replace(
            "The original", "Broken"
        )
        await edit_and_wait_for_reload(ws, served.content / "A_90_1.md", broken)
        status, _, page = served.get("/A/90/1/")
        assert status == 200 and "The edited text" in page and "Broken" not in page
        assert 'class="sitegen-serve-error"' in page and "bad YAML in front matter" in page
        assert "A_90_1.md" in page
        assert 'class="sitegen-serve-error"' in served.get("/A/90/2/")[2]  # on every page
        # Fixed again: the banner goes.
        await edit_and_wait_for_reload(
            ws, served.content / "A_90_1.md", REPORT.replace("The original", "The fixed")
        )
        page = served.get("/A/90/1/")[2]
        assert "The fixed text" in page and "sitegen-serve-error" not in page
        ws.close()

    run_scenario(scenario())
    assert any("bad YAML in front matter" in line for line in served.lines), "error shown in the terminal"


def test_a_broken_template_keeps_the_whole_last_good_site(served: Served, tmp_path: Path) -> None:
    async def scenario() -> None:
        ws = await connect(served.port)
        templates = tmp_path / "templates"
        templates.mkdir()
        await edit_and_wait_for_reload(ws, templates / "report.html", "{% extends 'base.html' %}{% if %}\n")
        status, _, page = served.get("/A/90/1/")
        assert status == 200 and "The original text" in page
        assert "sitegen-serve-error" in page and "report.html" in page
        ws.close()

    run_scenario(scenario())


def test_the_reload_script_is_served_but_never_written(served: Served) -> None:
    _, headers, page = served.get("/A/90/1/")
    assert '<script src="/livereload.js?port=' in page
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", page)), "no inline script (CSP)"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert served.get("/livereload.js")[0] == 200
    assert served.site_dir is not None
    built = [p.read_text(encoding="utf-8") for p in served.site_dir.rglob("*.html")]
    assert built and not any("livereload" in text or "sitegen-serve-error" in text for text in built)


def test_nothing_outside_the_site_folder_is_served(served: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    assert served.site_dir is not None
    up = os.path.relpath(secret, served.site_dir)  # "../../../pytest-of-root/.../secret.txt"
    assert up.startswith("..")
    probes = [
        "/" + up,
        "/" + up.replace("..", "%2e%2e"),
        "/" + up.replace("/", "%2f"),
        "/A/90/1/../../../" + up,
        "/" + str(secret),
        "//" + str(secret).lstrip("/"),
        "/../../../../../../../../etc/passwd",
    ]
    for probe in probes:
        status, _, body = served.get(probe)
        assert status in (400, 403, 404), (probe, status)
        assert "TOP-SECRET-VALUE" not in body and "root:" not in body, probe


def test_a_report_folder_without_the_slash_redirects_and_unknown_paths_get_the_404_page(
    served: Served,
) -> None:
    status, headers, _ = served.get("/A/90/1")
    assert status == 301 and headers["location"] == "/A/90/1/"
    status, _, page = served.get("/no/such/report/")
    assert status == 404 and "<html" in page and "livereload.js" in page


def test_sigterm_stops_the_server_and_removes_its_temporary_site(served: Served) -> None:
    assert served.site_dir is not None and served.site_dir.is_dir()
    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(timeout=20) == 0
    assert not served.site_dir.parent.exists()


def test_a_config_change_rebuilds_and_a_bad_config_shows_the_key(served: Served, tmp_path: Path) -> None:
    async def scenario() -> None:
        ws = await connect(served.port)
        config = tmp_path / "sitegen.toml"
        await edit_and_wait_for_reload(ws, config, 'title = "Freshly configured"\n')
        assert "Freshly configured" in served.get("/")[2]
        await edit_and_wait_for_reload(ws, config, 'title = "Freshly configured"\ncolour = "red"\n')
        page = served.get("/")[2]
        assert (
            "Freshly configured" in page
            and "sitegen-serve-error" in page
            and "unknown key &#x27;colour&#x27;" in page
        )
        ws.close()

    run_scenario(scenario())


def post_connection(
    served: Served, body: dict[str, str], token: str | None, origin: str | None = None
) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["X-Sitegen-Token"] = token
    if origin is not None:
        headers["Origin"] = origin
    try:
        conn.request("POST", "/_sitegen/connections", body=json.dumps(body), headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_a_connection_is_written_only_with_the_session_token(served: Served) -> None:
    page = served.get("/A/90/1/")[2]
    m = re.search(r'<meta name="sitegen-serve-token" content="([^"]+)">', page)
    assert m, "served pages carry the session token"
    token = m.group(1)
    assert m.group(0) not in (served.site_dir / "A/90/1/index.html").read_text()  # never in the files
    connection = {"from": "A/90/1#para-2", "to": "A/90/2#para-1", "type": "follows-up", "quote": "See"}
    target = served.content / "connections.yaml"
    assert post_connection(served, connection, None) == 403
    assert post_connection(served, connection, "x" + token[1:]) == 403
    assert post_connection(served, connection, token, origin="http://evil.example") == 403
    assert post_connection(served, {**connection, "type": "nonsense"}, token) == 400
    assert not target.exists()

    async def scenario() -> None:
        ws = await connect(served.port)
        assert post_connection(served, connection, token, origin=f"http://127.0.0.1:{served.port}") == 201
        message = await asyncio.wait_for(ws.read_message(), RELOAD_WAIT)
        assert message is not None and json.loads(message)["command"] == "reload"
        ws.close()

    run_scenario(scenario())
    assert target.read_text(encoding="utf-8").startswith("- from: A/90/1#para-2\n  to: A/90/2#para-1\n")
    assert '<a href="/A/90/2/#para-1">A/90/2, para. 1</a>' in served.get("/A/90/1/")[2]
    assert '<a href="/A/90/1/#para-2">A/90/1, para. 2</a>' in served.get("/A/90/2/")[2]
