"""Fuzzing the PDF path: truncated and byte-flipped copies of a small UN-layout PDF.

Every mutant must give either a model or one `InputError` line naming the file: never another
exception, never a stray line on stderr, never a hang. Reading runs in-process (fast) under a
wall-clock limit; a handful of mutants also go through the real command line.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sitegen.errors import Diagnostics, InputError
from sitegen.model import Report
from sitegen.readers import read_report

SECONDS_PER_MUTANT = 20
"""A healthy two-page file reads in well under a second; twenty is a hang, not a slow machine."""

PARAGRAPHS = [
    (
        "1.",
        (
            "The Special Rapporteur on the human rights of migrants submits the present report to the "
            "General Assembly pursuant to its resolution 77/194."
        ),
    ),
    (
        "2.",
        (
            "Destination countries should ensure that migrants have effective access to justice and to "
            "remedies, including in cases of labour exploitation."
        ),
    ),
    ("3.", "The Special Rapporteur recommends that States adopt comprehensive national strategies."),
]


def write_un_fixture(path: Path, *, compress: bool) -> bytes:
    """Masthead, title, numbered paragraphs with a superscript footnote marker, the footnote under a
    short rule, a job-number footer; two pages so a page break and a running head exist."""
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=int(compress))
    for page in (1, 2):
        c.setFont("Times-Bold", 10)
        c.drawString(72, 800, "United Nations" if page == 1 else "A/79/999")
        if page == 1:
            c.drawRightString(523, 800, "A/79/999")
            c.setFont("Times-Bold", 14)
            c.drawString(72, 740, "Human rights of migrants")
        y = 700.0
        for number, text in PARAGRAPHS:
            c.setFont("Times-Roman", 10)
            c.drawString(72, y, f"{page * 3 - 3 + int(number[:-1])}.")
            for k in range(0, len(text), 80):
                c.drawString(100, y, text[k : k + 80])
                y -= 12
            y -= 8
        c.setFont("Times-Roman", 6)
        c.drawString(310, y + 27, str(page))  # the superscript marker after the last paragraph
        c.line(72, 110, 180, 110)
        c.setFont("Times-Roman", 8)
        c.drawString(72, 98, f"{page} A/78/180, para. 68 (j).")
        c.drawString(72, 60, f"24-12345 (E)        {page}/2")
        c.showPage()
    c.save()
    return path.read_bytes()


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz-fixtures")
    return {
        name: write_un_fixture(folder / f"{name}.pdf", compress=name == "compressed")
        for name in ("compressed", "plain")
    }


class Hang(BaseException):
    """A BaseException so no `except Exception` in the reader can turn a hang into an InputError."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


Flip = tuple[float, int]
"""Where (a fraction of the file's length) and the new byte."""

mutations = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0), st.just(())),
    st.tuples(
        st.just("flip"),
        st.just(0.0),
        st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), min_size=1, max_size=12),
    ),
    # Digits are where offsets, lengths and object numbers live: the likeliest to send a parser astray.
    st.tuples(
        st.just("digits"),
        st.just(0.0),
        st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(48, 57)), min_size=1, max_size=6),
    ),
)


def mutate(data: bytes, kind: str, cut: float, flips: list[Flip] | tuple[()]) -> bytes:
    if kind == "truncate":
        return data[: int(len(data) * cut)]
    out = bytearray(data)
    digits = [i for i, b in enumerate(data) if 48 <= b <= 57]
    for where, value in flips:
        positions = digits if kind == "digits" else range(len(out))
        out[positions[min(int(where * len(positions)), len(positions) - 1)]] = value
    return bytes(out)


def read_or_refuse(path: Path) -> Report | InputError:
    with time_limit(SECONDS_PER_MUTANT):
        try:
            return read_report(path, Diagnostics())
        except InputError as e:
            return e


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant=st.sampled_from(["compressed", "plain"]), mutation=mutations)
def test_every_mutant_gives_a_model_or_one_line(
    fixtures: dict[str, bytes],
    capfd: pytest.CaptureFixture[str],
    variant: str,
    mutation: tuple[str, float, list[Flip]],
) -> None:
    mutant = mutate(fixtures[variant], *mutation)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.pdf"
        path.write_bytes(mutant)
        capfd.readouterr()
        outcome = read_or_refuse(path)
        stray = capfd.readouterr().err
    assert stray == "", f"the reader wrote to stderr: {stray!r}"
    if isinstance(outcome, InputError):
        message = str(outcome)
        assert message.startswith(f"{path}: ") and "\n" not in message, message
    else:
        assert outcome.source.pages >= 1


def test_unharmed_fixture_reads_whole(fixtures: dict[str, bytes], tmp_path: Path) -> None:
    """The fuzz would prove little if the unmutated fixture were itself refused."""
    for variant, data in fixtures.items():
        path = tmp_path / f"{variant}.pdf"
        path.write_bytes(data)
        report = read_report(path, Diagnostics())
        numbers = [b.number for b in report.blocks if getattr(b, "number", None)]
        assert numbers == [str(n) for n in range(1, 7)], variant


CLI_MUTANTS = [
    ("truncate", 0.35, ()),
    ("truncate", 0.999, ()),
    ("flip", 0.0, [(0.5, 0)]),
    ("digits", 0.0, [(0.9, 57), (0.95, 48)]),
    ("flip", 0.0, [(0.02, 88), (0.7, 255), (0.8, 10)]),
]


@pytest.mark.parametrize("mutation", CLI_MUTANTS, ids=lambda m: f"{m[0]}-{m[1]}-{len(m[2])}")
def test_cli_on_mutants_exits_0_or_1_with_at_most_one_error_line(
    fixtures: dict[str, bytes],
    tmp_path: Path,
    mutation: tuple[str, float, list[Flip]],
) -> None:
    path = tmp_path / "mutant.pdf"
    path.write_bytes(mutate(fixtures["compressed"], *mutation))
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "extract", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr
    if proc.returncode == 1:
        assert proc.stderr.splitlines() == [proc.stderr.strip()] and proc.stderr.startswith(f"{path}: ")
    else:
        assert proc.returncode == 0, proc.stderr
        assert all(line.startswith("warning: ") for line in proc.stderr.splitlines())
