"""Writing the site: every page and file is an `Output` first, then the whole set is swapped in at once.

Output paths come partly from untrusted PDF text (slugs, file names), so every path is checked here,
the one place that touches OUT: nothing may land outside it, and two outputs may not share a path
(Pelican's `FileOverwriteFailedError`). The site is written into a fresh folder beside OUT and renamed
into place only when complete, so a build that fails or is killed leaves the previous site whole. A
file whose bytes are those of the previous site's file at the same path is hard-linked, not written.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sitegen.errors import SitegenError


class OutputError(SitegenError):
    """An output path that would escape OUT, or two outputs for one path."""


class Output:
    """One file of the site: its relative, "/"-separated path inside OUT ("A/79/213/index.html") and its
    bytes.

    `Output.kept(path, previous)` is a file of the site being replaced that is known to be unchanged
    (sitegen.incremental checked it): the writer links it into the new site without reading it, and
    its `data` is read only if someone asks. Most of a rebuilt site is such files.

    `Output.copied(path, source)` is a copy of a file outside the site (a report's PDF): the writer
    copies it with its modification time, so the next build can link the copy it made last time when
    size and time still match the source (rsync's quick check) instead of reading both."""

    __slots__ = ("_data", "path", "previous", "source")

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self._data: bytes | None = data
        self.previous: str | None = None
        self.source: Path | None = None

    @classmethod
    def kept(cls, path: str, previous: Path | str) -> Output:
        """`previous` may be a plain string: a large site keeps tens of thousands of files, and a Path
        object for each costs more than the rest of keeping it."""
        output = cls(path, b"")
        output._data, output.previous = None, str(previous)
        return output

    @classmethod
    def copied(cls, path: str, source: Path) -> Output:
        output = cls(path, b"")
        output._data, output.source = None, source
        return output

    @property
    def data(self) -> bytes:
        if self._data is None:
            origin = self.previous or self.source
            assert origin is not None
            with open(origin, "rb") as f:
                self._data = f.read()
        return self._data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Output) and (self.path, self.data) == (other.path, other.data)

    def __hash__(self) -> int:
        return hash((self.path, self.data))

    def __repr__(self) -> str:
        origin = f"kept from {self.previous}" if self.previous else f"copied from {self.source}"
        where = origin if self._data is None else f"{len(self._data)} bytes"
        return f"Output({self.path!r}, {where})"


def checked_path(path: str) -> PurePosixPath:
    """The path as a safe relative path inside OUT; raises `OutputError` for anything that could escape."""
    return PurePosixPath(_checked(path))


def _checked(path: str) -> str:
    # Plain string checks (no PurePosixPath per output): a large site has tens of thousands of files.
    if not path or "\\" in path or "\x00" in path:
        raise OutputError(f"refusing output path {path!r}: empty, backslash or NUL")
    if path.startswith("/"):
        raise OutputError(f"refusing output path {path!r}: absolute")
    parts = path.split("/")
    if any(part in ("..", ".", "") for part in parts):
        raise OutputError(f"refusing output path {path!r}: '..', '.' or an empty segment")
    if ":" in parts[0]:  # "C:foo" would be a drive on Windows
        raise OutputError(f"refusing output path {path!r}: drive letter")
    return path


def collect_outputs(outputs: Iterable[Output]) -> dict[str, Output]:
    """Every output by its checked "/"-path; refuses two outputs for one path (a file and a folder of
    one name included)."""
    files: dict[str, Output] = {}
    for out in outputs:
        path = _checked(out.path)
        if path in files:
            raise OutputError(f"two outputs for one path: {out.path}")
        files[path] = out
    clash = sorted(folder for folder in _folders_of(files) if folder in files)
    if clash:
        raise OutputError(f"an output is both a file and a folder: {clash[0]}")
    return files


def _folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder the paths lie in ("a/b/c.html" -> "a", "a/b")."""
    folders: set[str] = set()
    for path in paths:
        slash = path.find("/")
        while slash != -1:
            folders.add(path[:slash])
            slash = path.find("/", slash + 1)
    return folders


def write_site(outputs: Iterable[Output], out: Path, *, spare: Path | None = None) -> int:
    """Write all outputs into a new folder beside `out`, then swap it in; returns the number of files.

    With `spare` (a place in the cache folder), the site being replaced is moved there instead of
    deleted, and the next build starts from it: its folders mostly fit already, and deleting and
    making thousands of folders is most of a rebuild's writing on some file systems (5 ms a folder
    here). Nothing in it is ever written into: a name it shares with the live site is unlinked first."""
    files = collect_outputs(outputs)
    out = out.absolute()
    _refuse_foreign_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover_interrupted_swap(out)
    _remove_stale_temp_folders(out)
    fresh = _fresh_folder(out, spare)
    try:
        _write_files(files, fresh, previous=out if out.is_dir() else None)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap_in(fresh, out, spare)
    return len(files)


def _fresh_folder(out: Path, spare: Path | None) -> Path:
    """The folder the new site is written into: the spare when there is one, else a new, empty one."""
    fresh = out.parent / f".{out.name}.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    if spare is not None and _is_folder(spare):
        try:
            os.rename(spare, fresh)  # another build may have taken it first
            return fresh
        except OSError:
            pass
    fresh.mkdir()
    return fresh


def _is_folder(path: Path | str) -> bool:
    """A real folder (not a symlink to one)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _write_files(files: dict[str, Output], root: Path, *, previous: Path | None) -> None:
    base, device = str(root), os.lstat(root).st_dev
    folders = _folders_of(files)
    present, have = _clear_stale(base, files, folders)
    for folder in sorted(folders - have):  # a parent sorts before its children
        os.mkdir(f"{base}/{folder}")
    for rel in sorted(files):
        target, output = f"{base}/{rel}", files[rel]
        if rel in present:
            if output.previous is not None and _is_file(output.previous, present[rel], device):
                continue
            os.unlink(target)  # the live site may share this file: never write into it
        if output.previous is not None and _link(output.previous, target):
            continue
        if output.source is not None and _copy(
            output.source, f"{previous}/{rel}" if previous else None, target
        ):
            continue
        if previous is not None and _link_if_same(f"{previous}/{rel}", target, output.data):
            continue
        with open(target, "wb") as f:
            f.write(output.data)


def _clear_stale(base: str, files: dict[str, Output], folders: set[str]) -> tuple[dict[str, int], set[str]]:
    """Make a reused folder hold nothing but paths of the new site: any other file or folder goes.
    Returns the output files already there (with their inode numbers) and the folders."""
    present: dict[str, int] = {}
    have: set[str] = set()

    def visit(path: str, prefix: str) -> None:
        with os.scandir(path) as listing:
            entries = list(listing)
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if rel in folders:
                    have.add(rel)
                    visit(entry.path, rel + "/")
                else:
                    shutil.rmtree(entry.path)
            elif rel in files:
                present[rel] = entry.inode()  # from the listing itself: no stat
            else:
                os.unlink(entry.path)

    visit(base, "")
    return present, have


def _is_file(path: str, inode: int, device: int) -> bool:
    """Whether `path` is a regular file with this inode number on this device (the file listed
    already: the site being written holds it, linked)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (st.st_ino, st.st_dev) == (inode, device)


def _link_if_same(old: str, new: str, data: bytes) -> bool:
    """Link the previous site's file at this path when it holds exactly `data` (an output rebuilt the
    same: assets, search files, copied PDFs)."""
    try:
        if os.lstat(old).st_size != len(data):
            return False
        with open(old, "rb") as f:
            if f.read() != data:
                return False
    except OSError:
        return False
    return _link(old, new)


def _copy(source: Path, old: str | None, new: str) -> bool:
    """Link the last build's copy of `source` when its size and modification time are the source's
    (it was copied with them), else copy the source with its times; False if the source cannot be
    read (then its bytes are asked for, and the error says why)."""
    try:
        st = os.stat(source)
    except OSError:
        return False
    if old is not None and _copied_from(old, st) and _link(old, new):
        return True
    try:
        shutil.copyfile(source, new)
        os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
    except OSError:
        return False
    return True


def _copied_from(old: str, source: os.stat_result) -> bool:
    try:
        was = os.lstat(old)
    except OSError:
        return False
    return stat.S_ISREG(was.st_mode) and (was.st_size, was.st_mtime_ns) == (
        source.st_size,
        source.st_mtime_ns,
    )


def _link(old: str, new: str) -> bool:
    """Hard-link a file of the previous site into the new one.

    Most of a rebuilt site is unchanged, and writing it again is most of a rebuild's time (hundreds of
    MB for thousands of reports); a link writes no data, keeps the file's modification time (so
    deploy tools and the page manifest see it unchanged), and deleting the old site then only drops
    a name. Only a regular file is linked, never a symlink someone put in OUT; any failure (no hard
    links on this file system, say) means the bytes are written as usual."""
    try:
        if not stat.S_ISREG(os.lstat(old).st_mode):
            return False
        os.link(old, new, follow_symlinks=False)
    except OSError:
        return False
    return True


def _swap_in(fresh: Path, out: Path, spare: Path | None) -> None:
    """Rename OUT aside, the new site into place, then set the old one aside as the spare (or delete it).

    Between the two renames OUT is briefly missing; `_recover_interrupted_swap` puts the old site back
    if a build is killed exactly there.
    """
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(fresh, out)
    if old.exists():
        _set_aside(old, spare)


def _set_aside(old: Path, spare: Path | None) -> None:
    if spare is not None:
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            if _is_folder(spare):  # left by a build that ran at the same time
                shutil.rmtree(spare)
            os.rename(old, spare)
            return
        except OSError:  # another file system, say: delete it as usual
            pass
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
