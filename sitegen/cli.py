"""The command line: `sitegen build | serve | extract` (shared/spec/CONTRACT.md, section 1)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen import __version__
from sitegen.errors import Diagnostics, SitegenError, UsageError

if TYPE_CHECKING:
    from sitegen.readers import ReadOptions

log = logging.getLogger("sitegen")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="Static sites for official reports.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="print the document model of one report as JSON")
    extract.add_argument("file", type=Path)
    extract.add_argument("--json", action="store_true", help="print JSON (the only format; kept for clarity)")
    extract.add_argument(
        "-v", "--verbose", action="store_true", help="print debug messages (and a failing reader's traceback)"
    )
    _add_read_options(extract)

    build = sub.add_parser("build", help="build the site")
    _add_site_options(build)

    serve = sub.add_parser("serve", help="build, serve on loopback, rebuild on change and reload the browser")
    _add_site_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    suggest = sub.add_parser(
        "suggest", help="propose connections between paragraphs, for an editor to accept"
    )
    suggest.add_argument(
        "content", nargs="?", type=Path, default=None, help="folder of reports (default: content)"
    )
    suggest.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="where to write them (default: connections.suggested.yaml in the content folder)",
    )
    suggest.add_argument("--per-paragraph", type=_positive, default=3, help="suggestions kept per paragraph")
    suggest.add_argument("--config", type=Path, default=None, help="settings file")
    suggest.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: all cores)")
    return parser


def _add_site_options(p: argparse.ArgumentParser) -> None:
    # Paths default to None so that sitegen.toml's [paths] can fill them (then content/ and _site/).
    p.add_argument("content", nargs="?", type=Path, default=None, help="folder of reports (default: content)")
    p.add_argument("-o", "--output", type=Path, default=None, help="output folder (default: _site)")
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        help="settings file (default: sitegen.toml or [tool.sitegen] in pyproject.toml)",
    )
    p.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: all cores)")
    p.add_argument(
        "--executor",
        default=None,
        metavar="WHERE",
        help="where inputs are read: process (default), dask-local, or dask://HOST:PORT",
    )
    p.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="DIR",
        help="reader cache folder (default: .sitegen-cache beside the content)",
    )
    p.add_argument("--no-cache", action="store_true", help="read every input again and render every page")
    p.add_argument("--strict", action="store_true", help="exit non-zero when there are warnings")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.add_argument("-v", "--verbose", action="store_true", help="print debug messages")
    _add_read_options(p)


def _add_read_options(p: argparse.ArgumentParser) -> None:
    from sitegen.readers import CHAR_SOURCES, OCR_MODES

    p.add_argument(
        "--ocr",
        choices=OCR_MODES,
        default="auto",
        help="recognise scanned pages with Tesseract: auto (pages without a usable text layer), "
        "always, never (default: auto)",
    )
    p.add_argument(
        "--ocr-language",
        default=None,
        metavar="LANG",
        help="Tesseract language of scans whose file name has none (eng, fra, spa, rus, ara, chi_sim)",
    )
    p.add_argument(
        "--chars",
        choices=CHAR_SOURCES,
        default="pdfplumber",
        help="where a PDF's characters come from: pdfplumber (the reference) or pdfium (faster)",
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def setup_logging(args: argparse.Namespace) -> None:
    """Messages without decoration on stderr; other libraries' chatter stays at warnings and up."""
    verbose, quiet = getattr(args, "verbose", False), getattr(args, "quiet", False)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(message)s", stream=sys.stderr
    )
    if args.command in ("build", "serve"):
        logging.getLogger("sitegen").setLevel(
            logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args)
    try:
        if args.command == "extract":
            from sitegen.readers import ReadOptions

            return run_extract(
                args.file, ReadOptions(ocr=args.ocr, ocr_language=args.ocr_language, chars=args.chars)
            )
        if args.command == "build":
            from sitegen.console import run_build

            return run_build(args)
        if args.command == "suggest":
            return run_suggest(args)
        from sitegen.serve import run_serve

        return run_serve(args)
    except UsageError as e:
        print(f"sitegen: {e}", file=sys.stderr)
        return 2
    except SitegenError as e:
        print(f"sitegen: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_extract(path: Path, options: ReadOptions | None = None) -> int:
    from sitegen.readers import read_report

    diag = Diagnostics()
    try:
        report = read_report(path, diag, options)
    except SitegenError as e:
        print(str(e), file=sys.stderr)
        return 1
    for d in diag:
        print(f"warning: {d}", file=sys.stderr)
    try:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # `sitegen extract FILE --json | head`: the reader of our output has gone, which is no error.
        # Point stdout at /dev/null so the interpreter's own flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    """Read the collection (through the reader cache), rank candidate connections, write them in
    connections.yaml's format, each marked `suggested` (sitegen.suggest)."""
    from sitegen.cache import ReaderCache
    from sitegen.config import resolve_config
    from sitegen.discover import discover_inputs
    from sitegen.executors import read_inputs
    from sitegen.memo import open_memo
    from sitegen.resolve import build_index
    from sitegen.suggest import passages, suggest, to_yaml

    config = resolve_config(content=args.content, output=None, config_file=args.config)
    reads = read_inputs(
        discover_inputs(config.content), jobs=args.jobs, cache=ReaderCache(open_memo(config.cache_dir))
    )
    for r in reads:
        if r.error is not None:
            print(f"sitegen: {r.error}", file=sys.stderr)
    index, _ = build_index(
        [(r.path.name, r.report) for r in reads if r.report is not None],
        default_language=config.default_language,
    )
    found = suggest(passages(versions[0].report for versions in index.versions.values()), args.per_paragraph)
    target = args.output or config.content / "connections.suggested.yaml"
    target.write_text(to_yaml(found), encoding="utf-8")
    print(
        f"{len(found)} suggested connections written to {target}; accept one by moving it into "
        f"connections.yaml without its 'suggested:' line",
        file=sys.stderr,
    )
    return 0
