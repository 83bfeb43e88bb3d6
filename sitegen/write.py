"""Writing the site: every page and file is an `Output` first, then the whole set is swapped in at once.

Output paths come partly from untrusted PDF text (slugs, file names), so every path is checked here,
the one place that touches OUT: nothing may land outside it, and two outputs may not share a path
(Pelican's `FileOverwriteFailedError`). The site is written into a fresh folder beside OUT and renamed
into place only when complete, so a build that fails or is killed leaves the previous site whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.errors import SitegenError


class OutputError(SitegenError):
    """An output path that would escape OUT, or two outputs for one path."""


@dataclass(frozen=True, slots=True)
class Output:
    path: str
    """Relative, "/"-separated path inside OUT ("A/79/213/index.html")."""
    data: bytes


def checked_path(path: str) -> PurePosixPath:
    """The path as a safe relative path inside OUT; raises `OutputError` for anything that could escape."""
    if not path or "\\" in path or "\x00" in path:
        raise OutputError(f"refusing output path {path!r}: empty, backslash or NUL")
    pure = PurePosixPath(path)
    if pure.is_absolute() or path.startswith("/"):
        raise OutputError(f"refusing output path {path!r}: absolute")
    if any(part in ("..", ".", "") for part in path.split("/")):
        raise OutputError(f"refusing output path {path!r}: '..', '.' or an empty segment")
    if ":" in pure.parts[0]:  # "C:foo" would be a drive on Windows
        raise OutputError(f"refusing output path {path!r}: drive letter")
    return pure


def collect_outputs(outputs: Iterable[Output]) -> dict[PurePosixPath, bytes]:
    """Check every path and refuse two outputs for one path (a file and a folder of one name included)."""
    files: dict[PurePosixPath, bytes] = {}
    for out in outputs:
        path = checked_path(out.path)
        if path in files:
            raise OutputError(f"two outputs for one path: {out.path}")
        files[path] = out.data
    folders = {parent for path in files for parent in path.parents}
    clash = sorted(str(p) for p in files if p in folders)
    if clash:
        raise OutputError(f"an output is both a file and a folder: {clash[0]}")
    return files


def write_site(outputs: Iterable[Output], out: Path) -> int:
    """Write all outputs into a new folder beside `out`, then swap it in; returns the number of files."""
    files = collect_outputs(outputs)
    out = out.absolute()
    _refuse_foreign_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover_interrupted_swap(out)
    _remove_stale_temp_folders(out)
    fresh = out.parent / f".{out.name}.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        _write_files(files, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap_in(fresh, out)
    return len(files)


def _write_files(files: dict[PurePosixPath, bytes], root: Path) -> None:
    root.mkdir()
    for rel in sorted(files):
        target = root.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])


def _swap_in(fresh: Path, out: Path) -> None:
    """Rename OUT aside, the new site into place, then delete the old one.

    Between the two renames OUT is briefly missing; `_recover_interrupted_swap` puts the old site back
    if a build is killed exactly there.
    """
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(fresh, out)
    shutil.rmtree(old, ignore_errors=True)


def _refuse_foreign_folder(out: Path) -> None:
    """Never swap away a folder that is not a site (say `-o ~` by mistake): it would be deleted."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise OutputError(f"{out}: not empty and not a built site (no index.html); refusing to replace it")


def _recover_interrupted_swap(out: Path) -> None:
    if out.exists():
        return
    leftovers = sorted(out.parent.glob(f".{out.name}.old-*"))
    if leftovers:
        os.rename(leftovers[-1], out)


def _remove_stale_temp_folders(out: Path) -> None:
    """Delete half-written sites left by killed builds (but not one another live build is writing)."""
    for stale in out.parent.glob(f".{out.name}.new-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _process_alive(int(pid)):
            continue
        shutil.rmtree(stale, ignore_errors=True)
    for old in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(old, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
