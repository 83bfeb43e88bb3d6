"""Reading every input: from the cache, in this process, in a process pool, or on a Dask cluster.

Reading is the one stage that is per file and pure, so it is the one that runs in parallel (STYLE.md
8.4). The cache is consulted in this process first; only the inputs it does not have are sent out.
Results come back in any order and are sorted by path, so the site never depends on which worker
finished first.

`--executor` chooses where misses are read:
- `process` (default): a `ProcessPoolExecutor` of `--jobs` workers (`--jobs 1` reads in this process);
- `dask://HOST:PORT` (or `tcp://...`): an existing Dask distributed scheduler. Workers get each input's
  bytes and name, not its path, so they need sitegen installed but not our file system;
- `dask-local`: a throwaway `LocalCluster` on loopback with `--jobs` worker processes.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import multiprocessing.context
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitegen.cache import ENTRY_FORMAT, CachedRead, ReaderCache
from sitegen.errors import Diagnostic, Diagnostics, SitegenError, UsageError
from sitegen.memo import Memo, NoMemo, get_json, put_json
from sitegen.model import MODEL_VERSION, Report
from sitegen.readers import READER_VERSION, READERS, ReadOptions, read_report
from sitegen.views import carries_all

log = logging.getLogger("sitegen.read")

Payload = dict[str, Any]
"""What a worker sends back: plain data ({"report": dict | None, "error": str | None, "warnings": [...]})
so that it crosses process and machine boundaries as easily as it goes into the cache."""

DASK_CONNECT_TIMEOUT = "20s"
"""How long to wait for a Dask scheduler before giving up with a one-line error."""

OnRead = Callable[["ReadResult"], None]
"""Called once per input as it is done (for the progress bar)."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One input's read. With an `error` the input failed; a `report` beside the error is the input's
    last good model standing in for it (sitegen.incremental.LastGood)."""

    path: Path
    report: Report | None
    error: str | None
    warnings: tuple[Diagnostic, ...] = ()
    digest: str | None = None
    """A hash of the model's JSON (`sitegen.cache.model_digest`): equal digests, equal models."""
    cached: bool = False
    key: str | None = None
    """The input key (`input_key`) of the model: the reader cache stores it under this key."""


# ---------------------------------------------------------------- keys


def reader_name(path: Path) -> str:
    """The reader that handles `path` (its function's name: "_read_pdf", "_read_markdown")."""
    reader = READERS.get(path.suffix.lower())
    return getattr(reader, "__name__", path.suffix.lower())


def input_key(path: Path, data: bytes, options: ReadOptions | None = None) -> str:
    """The cache key of one input: its bytes, its name (the model holds it, and a slug may come from it),
    which reader reads it, and the versions of the readers and the model. When the readers change,
    bumping `READER_VERSION` or `MODEL_VERSION` makes every old key miss."""
    h = hashlib.sha256()
    for part in (
        f"entry {ENTRY_FORMAT}",
        f"model {MODEL_VERSION}",
        f"reader {reader_name(path)} {READER_VERSION}",
        f"name {path.name}",
        *([f"options {options.key()}"] if options is not None and path.suffix.lower() == ".pdf" else []),
    ):
        h.update(part.encode("utf-8") + b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def input_keys(
    paths: Iterable[Path],
    options: ReadOptions | None = None,
    *,
    memo: Memo | None = None,
    folder: Path | None = None,
    now: Callable[[], int] = time.time_ns,
) -> dict[Path, str | None]:
    """Every input's key, in order (None for a file that cannot be opened; reading it reports why).
    Taken once per build: the up-to-date check and the cache lookups both use it.

    Hashing every input is most of a build that finds little to do (160 MB at 3,000 reports), so the
    keys are memoised by each file's status, as git's index and make do: a file whose size,
    modification and change times and inode are those recorded, and whose last change is older than
    the record by more than STAT_TRUST_NS (a file changed in the same instant as it was recorded
    could change again unseen), keeps its recorded key; any other file is read and hashed. The
    record is kept in `memo`, one per content `folder`."""
    paths = list(paths)
    memo = memo if memo is not None and folder is not None else NoMemo()
    where = hashlib.sha256(str((folder or Path()).absolute()).encode()).hexdigest()
    # How PDFs are read is part of their keys (Tesseract's version too): a record made otherwise is void.
    read_as = options.key() if options is not None and any(p.suffix.lower() == ".pdf" for p in paths) else ""
    known = _known_stats(memo, where, read_as)
    keys: dict[Path, str | None] = {}
    stats: dict[str, list[Any]] = {}
    for path in paths:
        try:
            st = os.stat(path)
            status = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
            recorded = known.get(str(path))
            key = (
                recorded[4]
                if recorded is not None and recorded[:4] == status
                else input_key(path, path.read_bytes(), options)
            )
            keys[path] = key
            stats[str(path)] = [*status, key]
        except OSError:
            keys[path] = None
    _record_stats(memo, where, read_as, stats, known, now())
    return keys


STAT_TRUST_NS = 2_000_000_000
"""How much older than its record a file's last change must be for its recorded key to be trusted
(file systems with coarse timestamps give every change within a second or two the same time)."""
STATS_TABLE = "input-stats"
STATS_FORMAT = 1


def _known_stats(memo: Memo, where: str, read_as: str) -> dict[str, list[Any]]:
    """Path -> [size, mtime_ns, ctime_ns, inode, key] of every file recorded as safe to trust."""
    data = get_json(memo, STATS_TABLE, where)
    if not isinstance(data, dict) or data.get("format") != STATS_FORMAT or data.get("options") != read_as:
        return {}
    files, taken = data.get("files"), data.get("taken")
    if not isinstance(files, dict) or not isinstance(taken, int):
        return {}
    return {
        p: s for p, s in files.items() if isinstance(s, list) and len(s) == 5 and s[2] < taken - STAT_TRUST_NS
    }


def _record_stats(
    memo: Memo, where: str, read_as: str, stats: dict[str, list[Any]], known: dict[str, list[Any]], taken: int
) -> None:
    if stats != known:  # an untrusted entry is recorded again, with a later time, until it is trusted
        put_json(
            memo,
            STATS_TABLE,
            where,
            {"format": STATS_FORMAT, "options": read_as, "taken": taken, "files": stats},
        )


# ---------------------------------------------------------------- one input (runs in a worker)


def read_payload(path: Path, shown_as: str | None = None, options: ReadOptions | None = None) -> Payload:
    """Read one input; never raises, so one bad file cannot stop the others. `shown_as` replaces the
    path in messages (a Dask worker reads a temporary copy but must name the user's file)."""
    diag = Diagnostics()
    report: dict[str, Any] | None = None
    error: str | None = None
    try:
        report = read_report(path, diag, options).to_dict()
    except SitegenError as e:
        error = str(e)
    except Exception as e:  # a reader bug must cost one input, not the build
        log.debug("while reading %s", path, exc_info=True)
        error = f"{path}: internal error while reading: {type(e).__name__}: {e}"
    payload: Payload = {
        "report": report,
        "error": error,
        "warnings": [[d.code, str(d.path), d.message, d.page] for d in diag],
    }
    return _renamed(payload, str(path), shown_as) if shown_as and shown_as != str(path) else payload


def read_payload_from_bytes(
    name: str, data: bytes, shown_as: str, options: ReadOptions | None = None
) -> Payload:
    """Read an input sent as bytes (on a machine that may not see our files), under its own name,
    since the name is part of the model."""
    with tempfile.TemporaryDirectory(prefix="sitegen-read-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return read_payload(path, shown_as, options)


def _renamed(payload: Payload, old: str, new: str) -> Payload:
    error = payload["error"]
    return {
        "report": payload["report"],
        "error": error.replace(old, new) if error else error,
        "warnings": [
            [c, new if p == old else p, m.replace(old, new), pg] for c, p, m, pg in payload["warnings"]
        ],
    }


# ---------------------------------------------------------------- every input


def read_inputs(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    executor: str | None = None,
    cache: ReaderCache | None = None,
    on_read: OnRead | None = None,
    keys: Mapping[Path, str | None] | None = None,
    options: ReadOptions | None = None,
) -> list[ReadResult]:
    """Read every input (cache first, then `executor`); results in path order. `keys` are the inputs'
    cache keys when the caller has taken them already (`input_keys`)."""
    cache = cache or ReaderCache(NoMemo())
    told = on_read or (lambda read: None)
    results, misses = _lookup(paths, cache, keys or {}, told, options)
    miss_keys = {path: key for path, _, key in misses}
    for path, payload in run_reads(misses, jobs=jobs, executor=executor, options=options):
        results.append(_result_from(path, payload, cache, miss_keys[path]))
        told(results[-1])
    return sorted(results, key=lambda r: r.path)


def _lookup(
    paths: Sequence[Path],
    cache: ReaderCache,
    keys: Mapping[Path, str | None],
    on_read: OnRead,
    options: ReadOptions | None = None,
) -> tuple[list[ReadResult], list[tuple[Path, bytes, str]]]:
    """The inputs the cache has (or that cannot be opened), and (path, bytes, key) of the others."""
    found: list[ReadResult] = []
    misses: list[tuple[Path, bytes, str]] = []
    with _collector_paused():
        for path in paths:
            hit = _from_cache(path, cache, keys.get(path), options)
            if isinstance(hit, ReadResult):
                found.append(hit)
                on_read(hit)
            else:
                misses.append((path, *hit))
    return found, misses


def _from_cache(
    path: Path, cache: ReaderCache, known: str | None, options: ReadOptions | None = None
) -> ReadResult | tuple[bytes, str]:
    """A cached result (or the error of a file that cannot be opened), else (bytes, key) to read it.
    With a `known` key the file is opened only on a miss (and its key taken again from what is read)."""
    if known is not None and (hit := _cached_read(path, cache, known, options)) is not None:
        return _cached(path, hit, known)
    try:
        data = path.read_bytes()
    except OSError as e:
        return ReadResult(path, None, f"{path}: cannot be read: {e.strerror or e}")
    key = input_key(path, data, options)
    if key != known and (hit := _cached_read(path, cache, key, options)) is not None:
        return _cached(path, hit, key)
    return data, key


def _cached_read(path: Path, cache: ReaderCache, key: str, options: ReadOptions | None) -> CachedRead | None:
    """From the input's summary when there is one (its text loaded only if something reads it), else
    from its whole entry."""
    return cache.get_partly(key, path, lambda: _read_again(path, options)) or cache.get(key, path)


def _read_again(path: Path, options: ReadOptions | None) -> Report | None:
    """The input read again, for a partly loaded report whose cache entry went missing meanwhile."""
    try:
        return read_report(path, Diagnostics(), options)
    except SitegenError:
        return None


def remember_summaries(cache: ReaderCache, reads: Iterable[ReadResult]) -> None:
    """Store the summary of every read that has none with all of its views yet (a new or edited input,
    a cache filled by an older sitegen), so the next build can leave its model unread."""
    for r in reads:
        if r.report is not None and r.key is not None and r.digest is not None and not carries_all(r.report):
            cache.put_summary(r.key, r.path, CachedRead(r.report, r.warnings, r.digest))


def _cached(path: Path, hit: CachedRead, key: str) -> ReadResult:
    return ReadResult(path, hit.report, None, hit.warnings, hit.digest, cached=True, key=key)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading thousands of cached models makes millions of objects and no garbage, yet the cyclic
    collector would walk them over and over as they pile up: a third of the loading time at 3,000
    reports. Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _result_from(path: Path, payload: Payload, cache: ReaderCache, key: str) -> ReadResult:
    warnings = tuple(Diagnostic(c, p, m, pg) for c, p, m, pg in payload["warnings"])
    if payload["report"] is None:
        return ReadResult(path, None, payload["error"] or f"{path}: could not be read", warnings)
    report_dict = payload["report"]
    digest = cache.put(key, path, report_dict, warnings)
    return ReadResult(path, Report.from_dict(report_dict), None, warnings, digest, key=key)


def run_reads(
    todo: Sequence[tuple[Path, bytes, str]],
    *,
    jobs: int | None,
    executor: str | None,
    options: ReadOptions | None = None,
) -> Iterable[tuple[Path, Payload]]:
    """(path, payload) for every input to read, in completion order."""
    if not todo:
        return []
    kind = (executor or "process").strip()
    if kind == "process":
        paths = [p for p, _, _ in todo]
        if worker_count(jobs, len(todo)) > 1:
            # Longest first (LPT scheduling), so that no worker starts a long PDF when the others are
            # done; one worker reads in path order, with no pages to count.
            paths = [p for p, _, _ in sorted(todo, key=lambda t: (-estimated_work(t[0], t[1]), t[0]))]
        return _read_in_processes(paths, jobs, options)
    if kind == "dask-local" or kind.startswith(("dask://", "tcp://", "tls://")):
        # a Dask worker has no folder of ours: it recognises scanned pages without the page cache
        remote = replace(options, ocr_cache=None) if options is not None else None
        return _read_on_dask([(p, data) for p, data, _ in todo], kind, jobs, remote)
    raise UsageError(f"--executor {executor!r}: expected 'process', 'dask-local' or dask://HOST:PORT")


PAGE_WORK = 1.0
"""Reading time is roughly proportional to pages (0.15-0.35 s each on the corpus), far more than to
bytes: a 131 KB typewriter record of 28 pages takes twice as long as a 1 MB report of 13 pages."""
BYTES_PER_PAGE_GUESS = 40_000
"""For inputs whose pages cannot be counted (Markdown, damaged PDFs)."""


def estimated_work(path: Path, data: bytes) -> float:
    """How long `path` will take to read, in pages, for ordering the work (never raises)."""
    if path.suffix.lower() == ".pdf":
        try:
            import pypdfium2  # installed with pdfplumber; counting pages takes about a millisecond

            document = pypdfium2.PdfDocument(data)
            try:
                return len(document) * PAGE_WORK
            finally:
                document.close()
        except Exception:  # noqa: BLE001 (a damaged or encrypted file: its reader will say why)
            pass
    return len(data) / BYTES_PER_PAGE_GUESS


def worker_count(jobs: int | None, inputs: int) -> int:
    return max(1, min(jobs or os.cpu_count() or 1, inputs))


def _read_in_processes(
    paths: Sequence[Path], jobs: int | None, options: ReadOptions | None = None
) -> Iterable[tuple[Path, Payload]]:
    workers = worker_count(jobs, len(paths))
    if workers == 1:
        yield from ((p, read_payload(p, None, options)) for p in paths)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_process_context()) as pool:
        futures = {pool.submit(read_payload, p, None, options): p for p in paths}
        for future in as_completed(futures):
            path = futures[future]
            try:
                yield path, future.result()
            except BrokenProcessPool:
                yield (
                    path,
                    {
                        "report": None,
                        "warnings": [],
                        "error": f"{path}: the reader process died (out of memory or crashed)",
                    },
                )


def _process_context() -> multiprocessing.context.BaseContext:
    """Fork is fastest, but forking a process that runs other threads (the dev server's) can copy a
    lock held by one of them and hang the child; then start workers from a clean forkserver."""
    if threading.active_count() > 1 and "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context()


def _read_on_dask(
    todo: Sequence[tuple[Path, bytes]], address: str, jobs: int | None, options: ReadOptions | None = None
) -> Iterable[tuple[Path, Payload]]:
    try:
        import distributed
    except ImportError as e:
        raise UsageError(f"--executor {address}: Dask is not installed (pip install 'sitegen[dask]')") from e
    dask: Any = distributed  # its constructors are untyped
    cluster = None
    if address == "dask-local":
        cluster = dask.LocalCluster(
            n_workers=worker_count(jobs, len(todo)),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        address = cluster.scheduler_address
    elif address.startswith("dask://"):
        address = "tcp://" + address.removeprefix("dask://")
    try:
        with dask.Client(address, timeout=DASK_CONNECT_TIMEOUT) as client:
            yield from _submit_to_dask(client, todo, dask.as_completed, options)
    except OSError as e:
        raise SitegenError(f"--executor: cannot reach the Dask scheduler at {address}: {e}") from e
    finally:
        if cluster is not None:
            cluster.close()


def _submit_to_dask(
    client: Any, todo: Sequence[tuple[Path, bytes]], completed: Any, options: ReadOptions | None = None
) -> Iterable[tuple[Path, Payload]]:
    futures = {}
    for path, data in todo:
        # Scattered bytes travel once, outside the task graph (large PDFs in a graph make Dask warn).
        [sent] = client.scatter([data], hash=False)
        future = client.submit(
            read_payload_from_bytes,
            path.name,
            sent,
            str(path),
            options,
            pure=False,
            key=f"sitegen-read-{path.name}-{os.urandom(4).hex()}",
        )
        futures[future] = path
    for future in completed(list(futures)):
        path = futures[future]
        try:
            yield path, future.result()
        except Exception as e:  # noqa: BLE001 (a worker that died: this input fails, the others go on)
            yield (
                path,
                {
                    "report": None,
                    "warnings": [],
                    "error": f"{path}: the Dask worker failed: {type(e).__name__}: {e}",
                },
            )
