"""--executor dask://HOST:PORT: reading runs on a Dask distributed cluster and the same site comes out.

The cluster is a LocalCluster on loopback (threads in this process, talking TCP as a real cluster
would), so the test needs no network. Workers get each input's bytes, not its path.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.build import BuildOptions, build_site
from sitegen.cli import main as cli_main
from sitegen.config import SiteConfig
from tests.conftest import tree_hash

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed (the 'dask' extra)"
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        yield "dask://" + cluster.scheduler_address.removeprefix("tcp://")
    finally:
        cluster.close()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The sample site (Markdown reports and a PDF report) plus one input that cannot be read."""
    content = tmp_path / "content"
    content.mkdir()
    for source in sorted((REPO / "content").iterdir()):
        if source.suffix in (".md", ".pdf") and source.name.startswith("A_"):
            shutil.copy(source, content / source.name)
    (content / "broken.pdf").write_bytes(b"not a PDF at all")
    return content


def test_a_dask_cluster_builds_the_same_site(scheduler: str, content: Path, tmp_path: Path) -> None:
    local = build_site(SiteConfig(content=content, output=tmp_path / "local"), BuildOptions(jobs=1))
    dask = build_site(SiteConfig(content=content, output=tmp_path / "dask"), BuildOptions(executor=scheduler))
    assert dask.written and dask.reports == local.reports >= 3
    assert tree_hash(tmp_path / "dask") == tree_hash(tmp_path / "local")
    # Errors and warnings name the user's file, not the copy a worker read.
    assert dask.failed == local.failed and dask.failed[0].startswith(str(content / "broken.pdf") + ": ")
    assert dask.warnings == local.warnings


def test_the_command_line_sends_reading_to_the_cluster_and_fills_the_cache(
    scheduler: str, content: Path, tmp_path: Path
) -> None:
    (content / "broken.pdf").unlink()
    code = cli_main(
        [
            "build",
            str(content),
            "-o",
            str(tmp_path / "site"),
            "--executor",
            scheduler,
            "--cache",
            str(tmp_path / "cache"),
            "-q",
        ]
    )
    assert code == 0
    assert len(list((tmp_path / "cache").rglob("*.json"))) >= 3
    build_site(SiteConfig(content=content, output=tmp_path / "local"), BuildOptions(jobs=1))
    assert tree_hash(tmp_path / "site") == tree_hash(tmp_path / "local")


def test_an_unreachable_scheduler_is_a_one_line_error(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    import sitegen.executors

    monkeypatch.setattr(sitegen.executors, "DASK_CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = cli_main(
        ["build", str(content), "-o", str(tmp_path / "site"), "--executor", f"dask://127.0.0.1:{port}", "-q"]
    )
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Dask scheduler" in err[0]
    assert not (tmp_path / "site").exists()
