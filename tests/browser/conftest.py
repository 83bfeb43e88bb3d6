"""Browser tests: build a small site from Markdown written here, serve it on loopback under a strict
Content-Security-Policy, and drive Debian's Chromium with Playwright (never a downloaded browser).

Skipped, with the reason, when /usr/bin/chromium, Playwright or node_modules (axe-core, vnu-jar) is
missing; `.ci/run` installs all of them, so in CI they run.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# What the site must run under: no inline script or style, nothing from another origin.
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def _missing_requirement() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not AXE_JS.exists() or not VNU_JAR.exists():
        return f"{NODE_MODULES} lacks axe-core or vnu-jar (run `npm ci` at the repo root; .ci/run does)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _missing_requirement()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(skip)


# ---------------------------------------------------------------- the reports the site is built from

FILLER = (
    "States should ensure that migrant workers have access to justice and effective remedies in "
    "countries of destination, whatever their migration status, and that labour inspection is kept "
    "apart from immigration enforcement so that workers can report abuse without fear."
)
FILLER_FR = (
    "Les États devraient garantir aux travailleurs migrants l'accès à la justice et à des recours "
    "effectifs dans les pays de destination, quel que soit leur statut migratoire, et séparer "
    "l'inspection du travail du contrôle de l'immigration."
)


def _report_a79_213(language: str) -> str:
    """A/79/213: 30 paragraphs; paragraph 26 has notes 64 and 65, sub-paragraphs and a citation."""
    fr = language == "fr"
    filler = FILLER_FR if fr else FILLER
    title = (
        "Droits humains des migrants : accès à la justice"
        if fr
        else "Human rights of migrants: access to justice"
    )
    lines = [
        "---",
        "symbol: A/79/213",
        f'title: "{title}"',
        "date: 2024-07-19",
        f"language: {language}",
        "---",
        "",
        "# I. Introduction",
        "",
    ]
    for n in range(1, 31):
        if n == 11:
            lines += ["# II. Accès à la justice" if fr else "# II. Access to justice", ""]
        if n == 21:
            lines += ["# III. Recommandations" if fr else "# III. Recommendations", ""]
        if n == 26:
            lead = (
                "Le Rapporteur spécial recommande aux États"
                if fr
                else "The Special Rapporteur recommends that States"
            )
            lines += [
                f"26. {lead}, as set out in A/78/180, para. 68 (j), and in line with practice,[^64] to act:[^65]",
                "",
                "    (a) Separate labour inspection from immigration enforcement;",
                "    (b) Give every worker a copy of the contract in a language the worker understands.",
                "",
            ]
            continue
        lines += [f"{n}. {filler} (paragraph {n})", ""]
    lines += [
        "[^64]: See A/78/180, para. 68 (j); and the guidance of the treaty bodies on firewalls.",
        "[^65]: Communication of 3 May 2024, on file with the Special Rapporteur.",
        "",
    ]
    return "\n".join(lines)


def _report_a78_180() -> str:
    """A/78/180: 70 paragraphs; paragraph 68 has items (a) to (j); paragraph 5 cites A/79/213, para. 26."""
    lines = [
        "---",
        "symbol: A/78/180",
        'title: "Protection against violence and discrimination <in> law & practice"',
        "date: 2023-07-13",
        "language: en",
        "---",
        "",
        "# I. Introduction",
        "",
    ]
    for n in range(1, 71):
        if n == 5:
            lines += ["5. As the later report A/79/213, para. 26 explains, remedies matter.[^1]", ""]
            continue
        if n == 68:
            lines += ["68. The Independent Expert recommends that States:", ""]
            for letter in "abcdefghij":
                lines.append(
                    f"    ({letter}) Take measure ({letter}) so that victims are heard and protected;"
                )
            lines.append("")
            continue
        lines += [f"{n}. {FILLER} (paragraph {n})", ""]
    lines += ["[^1]: A/79/213, para. 26 (a).", ""]
    return "\n".join(lines)


def _write_pdf_report(content: Path) -> None:
    """A/80/188 as a born-digital PDF in UN layout (tests/unlayout.py): para-pdf links, the copied PDF."""
    from tests.unlayout import Heading, Item, Para, Report, write_pdf

    paras = [Para(str(n), f"{FILLER} (paragraph {n})") for n in range(1, 12)]
    paras[4] = Para(
        "5",
        "Remedies for migrant workers remain out of reach, as A/79/213, para. 26 (a) shows.[^1] " + FILLER,
        items=(Item("(a)", "Labour inspection;"), Item("(b)", "Courts.")),
    )
    report = Report(
        symbol="A/80/188",
        title="Promotion and protection of human rights in the context of climate change",
        date="17 July 2025",
        blocks=(Heading("I.", "Introduction"), *paras),
        footnotes={"1": "See A/78/180, para. 68 (j)."},
    )
    write_pdf(report, content / "A_80_188.pdf")


REPORTS = {
    "A_79_213.md": _report_a79_213("en"),
    "A_79_213.fr.md": _report_a79_213("fr"),
    "A_78_180.md": _report_a78_180(),
}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: `sitegen build CONTENT -o OUT` run as a user would."""
    base = tmp_path_factory.mktemp("browser-site")
    content = base / "content"
    content.mkdir()
    for name, text in REPORTS.items():
        (content / name).write_text(textwrap.dedent(text), encoding="utf-8")
    _write_pdf_report(content)
    out = base / "out"
    run = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(content), "-o", str(out)],
        check=False,
        cwd=base,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, f"sitegen build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"
    assert (out / "index.html").exists(), "the build wrote no index.html"
    return out


# ---------------------------------------------------------------- serving it on loopback


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the strict CSP a real host would send, and quiet logs."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Problems:
    """Console errors, uncaught exceptions and failed requests seen by one browser context."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page: object) -> None:
        page.on("console", lambda m: self._console(m, page.url))
        page.on("pageerror", lambda e: self.messages.append(f"uncaught: {e} ({page.url})"))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.messages.append(f"HTTP {r.status}: {r.url}"),
        )
        page.on("requestfailed", self._failed)

    def _failed(self, request: object) -> None:
        # Leaving a page aborts what it was still fetching (its icon, say): not a fault of the page.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.messages.append(f"request failed: {request.url} {request.failure}")

    def _console(self, message: object, page_url: str) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        self.messages.append(f"console: {message.text} [{source}] ({page_url})")


@pytest.fixture
def new_page(browser: object, base_url: str) -> Iterator[Callable[..., object]]:
    """new_page(**context_options) -> a Page whose console errors fail the test at teardown."""
    contexts = []
    problems = Problems()

    def make(**options: object) -> object:
        options = {**DESKTOP, **options}
        context = browser.new_context(base_url=base_url, **options)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    make.problems = problems  # type: ignore[attr-defined]
    yield make
    for context in contexts:
        context.close()
    assert not problems.messages, "the browser reported problems:\n" + "\n".join(problems.messages)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_path(site: Path, page: Path) -> str:
    """/A/79/213/ for OUT/A/79/213/index.html (pretty URLs)."""
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel
