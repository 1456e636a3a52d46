"""Corpus mode: the same tables as ``analyze`` for many articles, streamed to disk.

Every article goes through :func:`analysis.pipeline.article_records` (the
pipeline's core, no DataFrame per article); its rows are written to the
output tables with an ``article`` column first (its path relative to the
inputs' common folder) as soon as they arrive, in input order, so memory stays
bounded whatever the corpus size and the bytes are the same whatever ``jobs``.
Engines: ``local`` (this process, or a pool of ``jobs`` worker processes) and
``dask`` (``pip install -e '.[dask]'``; a ``LocalCluster`` on 127.0.0.1, or
an existing scheduler).
"""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import json
import math
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from . import framing
from .article import decode_text
from .csvtext import csv_cell, csv_text, tokens_csv
from .errors import AnalysisError
from .pipeline import DEFAULT_EXTENDED_MIN, TABLE_COLUMNS, article_records, html_warning, record_warnings
from .report import MANIFEST, atomic_folder, package_versions

FORMATS = ("csv", "parquet")
ENGINES = ("local", "dask")
#: articles handed to a worker at once (one inter-process message each way)
CHUNK = 32
#: chunks in flight per worker (local engine): bounds what waits in memory between workers and writer
WINDOW_PER_JOB = 4
#: chunks submitted to Dask at a time, per worker
BATCH_PER_JOB = 8
ARTICLE_COLUMNS_FIXED = ["article", "paragraphs", "sentences", "tokens", "words", "score_mean", "frame_hits",
                         "actor_mentions", "warnings"]


@dataclass(frozen=True)
class Settings:
    """What every worker needs to analyse one article (small and picklable)."""

    codebook_yaml: bytes
    codebook_source: str
    encoding: str = "utf-8"
    extended_min: int = DEFAULT_EXTENDED_MIN
    #: with ``root``: format each table's CSV text in the worker, article column included,
    #: so the writing process only appends (it would otherwise be the bottleneck with --jobs)
    preformat: bool = False
    #: the folder article names are relative to (see :func:`article_names`)
    root: str | None = None


_CODEBOOKS: dict[tuple[bytes, str], framing.Codebook] = {}


def _codebook(yaml_bytes: bytes, source: str) -> framing.Codebook:
    """The parsed codebook, once per process (its matcher index is built once too).

    ``run_corpus`` registers the codebook it validated, so that forked workers inherit it.
    """
    key = (yaml_bytes, source)
    if key not in _CODEBOOKS:
        if len(_CODEBOOKS) >= 4:
            _CODEBOOKS.clear()
        _CODEBOOKS[key] = framing.parse_codebook(yaml_bytes, source=source)
    return _CODEBOOKS[key]


def process_article(path: str, settings: Settings) -> tuple[str, dict | None, str | None]:
    """Analyse one article file: ``(path, rows, None)`` or ``(path, None, error message)``.

    Never raises for a bad article, so one file cannot stop a worker; the
    caller decides whether to skip it or stop.
    """
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return path, None, f"{path}: cannot be read ({exc.strerror or exc})"
    try:
        text = decode_text(raw, name=path, encoding=settings.encoding)
    except AnalysisError as exc:
        return path, None, str(exc)
    csv_rows = settings.preformat and settings.root
    rows = article_records(text, _codebook(settings.codebook_yaml, settings.codebook_source),
                           extended_min=settings.extended_min, token_rows=not csv_rows)
    notes = record_warnings(rows)
    html = html_warning(raw, settings.encoding)
    rows["_warnings"] = ([html] if html else []) + notes
    rows["_sha256"] = hashlib.sha256(raw).hexdigest()
    if csv_rows:
        name = _names_under(settings.root, path)  # paths arrive resolved (run_corpus)
        cb = _codebook(settings.codebook_yaml, settings.codebook_source)
        article_row = _article_row(name, rows, list(cb.frames))
        # formatted here: with --jobs the writing process then only appends
        rows = {"_csv": {t: tokens_csv(csv_cell[name], rows["_token_blocks"]) if t == "tokens"
                         else csv_text(name, rows[t], t) for t in TABLE_COLUMNS},
                "_warnings": rows["_warnings"], "_sha256": rows["_sha256"]}
        rows["_csv"]["articles"] = csv_text(name, [article_row[1:]])
    return path, rows, None


def process_chunk(paths: list[str], settings: Settings) -> tuple[list[tuple], dict[str, bytes] | None]:
    """:func:`process_article` on each path, in order: the unit of work handed to a worker.

    Returns:
        The articles' results, and with ``settings.preformat`` each table's
        CSV text for the whole chunk, UTF-8 encoded (``articles`` included),
        so that one message per chunk crosses the process boundary and the
        writer appends once per table; None otherwise.
    """
    results = [process_article(path, settings) for path in paths]
    if not (settings.preformat and settings.root):
        return results, None
    texts = [rows.pop("_csv") for _, rows, error in results if error is None]
    return results, {t: "".join([text[t] for text in texts]).encode("utf-8") for t in (*TABLE_COLUMNS, "articles")}


def _names_under(root: str, path: str) -> str:
    """``path`` (resolved, under ``root``) relative to ``root``, with ``/`` separators (as :func:`_names`)."""
    name = path[len(root) if root.endswith(os.sep) else len(root) + 1:]
    return name if os.sep == "/" else name.replace(os.sep, "/")


def discover(inputs: Iterable[str], *, pattern: str = "*.txt") -> list[Path]:
    """The article files named by ``inputs``: files, folders (searched recursively for ``pattern``) or globs.

    Returns:
        Unique paths, sorted, hidden files and folders left out.

    Raises:
        AnalysisError: an input that matches nothing, or no article at all.
    """
    return [Path(p) for p in _discover(inputs, pattern)]


def _folder_files(folder: Path, pattern: str) -> list[str]:
    """Files under ``folder`` whose name matches ``pattern``, hidden files and folders left out.

    As strings spelled as ``str(Path(...))`` spells them (no ``./`` prefix).
    """
    if "/" in pattern or "**" in pattern:  # a pattern with folders: pathlib's own matching
        return [str(p) for p in folder.rglob(pattern) if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    hits = []
    strip = 2 if str(folder) == "." else 0  # os.walk(".") spells its files "./a.txt"; Path spells them "a.txt"
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in fnmatch.filter(files, pattern):
            path = os.path.join(top, f)
            if not f.startswith(".") and os.path.isfile(path):
                hits.append(path[strip:] if strip and path.startswith("./") else path)
    return hits


def _discover(inputs: Iterable[str], pattern: str) -> dict[str, str]:
    """:func:`discover`'s paths (as strings) -> each one resolved (one ``realpath`` per folder, not per file)."""
    found: set[str] = set()
    for item in inputs:
        path = Path(item)
        if path.is_file():
            found.add(str(path))
        elif path.is_dir():
            hits = _folder_files(path, pattern)
            if not hits:
                raise AnalysisError(f"{path}: no {pattern} files in this folder (see --pattern)")
            found.update(hits)
        else:
            hits = [str(Path(p)) for p in glob.glob(item, recursive=True) if Path(p).is_file()]
            if not hits:
                raise AnalysisError(f"{item}: no such file, folder or matching glob")
            found.update(hits)
    if not found:
        raise AnalysisError("no article files given")
    folders: dict[str, str] = {}
    unique: dict[str, str] = {}  # one file named twice (e.g. relative and absolute) is one article
    for p in sorted(found):
        parent, name = os.path.split(p)
        if parent not in folders:
            folders[parent] = os.path.realpath(parent or ".")
        resolved = os.path.realpath(p) if os.path.islink(p) else os.path.join(folders[parent], name)
        unique.setdefault(resolved, p)
    return {given: resolved for resolved, given in unique.items()}


def _names(resolved: list[str]) -> tuple[str, dict[str, str]]:
    """The common folder of resolved paths, and each path relative to it with ``/`` separators."""
    root = os.path.commonpath([os.path.dirname(p) for p in resolved])
    return root, {p: _names_under(root, p) for p in resolved}


def common_root(paths: list[Path]) -> Path:
    """The deepest folder holding every path (resolved)."""
    return _root([p.resolve() for p in paths])


def _root(resolved: list[Path]) -> Path:
    return Path(os.path.commonpath([str(p.parent) for p in resolved]))


def article_names(paths: list[Path]) -> dict[Path, str]:
    """Each path relative to the inputs' common folder, with ``/`` separators."""
    resolved = [p.resolve() for p in paths]
    root = _root(resolved)
    return {p: r.relative_to(root).as_posix() for p, r in zip(paths, resolved)}


# --------------------------------------------------------------------------- engines


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _worker_chunk(paths: list[str]) -> tuple[list[tuple], dict[str, bytes] | None]:
    return process_chunk(paths, _WORKER_SETTINGS)


def run_local(paths: list[str], settings: Settings, *, jobs: int = 1) -> Iterator[tuple]:
    """Results of :func:`process_chunk` on chunks of :data:`CHUNK` articles, in input order,
    in this process or ``jobs`` worker processes."""
    chunks = _batches(paths, CHUNK)
    if jobs <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, settings)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # concurrent.futures, not multiprocessing.Pool: the Pool's worker-handler thread wakes on
    # every readable result and spins until the result thread has read it, which cost a second
    # of CPU per million words here, taken from the workers on a two-core machine
    ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(settings,))
    try:
        # a sliding window of chunks in flight: results come back in input order, at most
        # jobs * WINDOW_PER_JOB chunks wait in memory, and no worker idles at a batch boundary
        pending: deque = deque(pool.submit(_worker_chunk, chunk) for chunk in islice(chunks, jobs * WINDOW_PER_JOB))
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_worker_chunk, following))
            yield done
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(paths: list[str], settings: Settings, *, jobs: int = 1, scheduler: str | None = None) -> Iterator[tuple]:
    """Results of :func:`process_chunk` on chunks of :data:`CHUNK` articles, in input order, computed on a Dask cluster.

    Args:
        paths: article files (readable from the workers: a shared file system).
        settings: codebook and options, sent to every task.
        jobs: workers of the local cluster started when ``scheduler`` is None.
        scheduler: ``tcp://host:port`` of an existing cluster.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise AnalysisError("--engine dask needs the dask extra: pip install -e '.[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise AnalysisError(f"cannot reach the Dask scheduler {scheduler or 'local'}: {exc}") from None
    try:
        chunks = list(_batches(paths, CHUNK))
        for batch in _batches(chunks, max(1, jobs) * BATCH_PER_JOB):
            futures = client.map(process_chunk, batch, settings=settings, pure=False)
            for future in futures:
                yield future.result()
                future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- writers


class CsvTables:
    """One CSV per table, header first, rows appended per article; each file hashed as it is written."""

    suffix = ".csv"

    def __init__(self, folder: Path, columns: dict[str, list[str]]):
        self._files = {}
        self._hashes = {}
        self._sizes = {}
        for name, cols in columns.items():
            self._files[name] = open(folder / f"{name}.csv", "wb")
            self._hashes[name] = hashlib.sha256()
            self._sizes[name] = 0
            self._append(name, csv_text(cols[0], [tuple(cols[1:])]).encode("utf-8"))  # the header

    def write(self, name: str, article: str, rows: list[tuple]) -> None:
        self.write_bytes(name, csv_text(article, rows, name).encode("utf-8"))

    def write_bytes(self, name: str, data: bytes) -> None:
        """Rows already formatted by :func:`csv_text` and encoded as UTF-8 (in a worker)."""
        self._append(name, data)

    def _append(self, name: str, data: bytes) -> None:
        self._files[name].write(data)
        self._hashes[name].update(data)
        self._sizes[name] += len(data)

    def digests(self) -> dict[str, dict]:
        """File name -> ``{"sha256", "bytes"}`` of what was written (as the manifest lists outputs)."""
        return {f"{name}.csv": {"sha256": h.hexdigest(), "bytes": self._sizes[name]} for name, h in self._hashes.items()}

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()


class ParquetTables:
    """One Parquet file per table; rows are buffered and written as row groups."""

    suffix = ".parquet"
    ROW_GROUP = 50_000

    def __init__(self, folder: Path, columns: dict[str, list[str]], types: dict[str, dict]):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise AnalysisError("--format parquet needs pyarrow: pip install -e '.[parquet]'") from None
        self._pa, self._pq = pa, pq
        arrow = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(), "object": pa.string()}
        self._columns = columns
        from pandas.api.types import pandas_dtype  # TABLE_DTYPES mixes names ("int64") and types (object)

        self._schemas = {name: pa.schema([(c, arrow[str(pandas_dtype(types[name].get(c, "object")))]) for c in cols])
                         for name, cols in columns.items()}
        self._buffers: dict[str, list[tuple]] = {name: [] for name in columns}
        self._writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", self._schemas[name]) for name in columns}

    def write(self, name: str, article: str, rows: list[tuple]) -> None:
        buf = self._buffers[name]
        buf.extend((article, *row) for row in rows)
        if len(buf) >= self.ROW_GROUP:
            self._flush(name)

    def _flush(self, name: str) -> None:
        buf = self._buffers[name]
        if buf:
            cols = list(zip(*buf))
            self._writers[name].write_table(self._pa.Table.from_arrays(
                [self._pa.array(c, type=f.type) for c, f in zip(cols, self._schemas[name])], schema=self._schemas[name]))
            buf.clear()

    def digests(self) -> dict[str, dict]:
        return {}  # Parquet files are hashed once closed

    def close(self) -> None:
        for name, writer in self._writers.items():
            self._flush(name)
            writer.close()


def _article_row(name: str, rows: dict, frames: list[str]) -> tuple:
    body = [p for p in rows["paragraphs"] if p[0] > 0]
    scores = [p[13] for p in body if p[13] is not None]
    per_frame = {f: 0 for f in frames}
    for h in rows["frame_hits"]:
        per_frame[h[2]] += 1
    return (name, len(body), sum(p[5] for p in body), sum(p[6] for p in body), sum(p[7] for p in body),
            round(math.fsum(scores) / len(scores), 4) if scores else None,
            len(rows["frame_hits"]), len(rows["actor_mentions"]), "; ".join(rows["_warnings"]),
            *(per_frame[f] for f in frames))


# --------------------------------------------------------------------------- the command


def run_corpus(
    inputs: Iterable[str],
    out_dir: str | Path,
    *,
    codebook: str | Path | None = None,
    jobs: int = 1,
    fmt: str = "csv",
    engine: str = "local",
    scheduler: str | None = None,
    encoding: str = "utf-8",
    extended_min: int = DEFAULT_EXTENDED_MIN,
    skip_bad: bool = False,
    pattern: str = "*.txt",
    progress: bool | None = None,
    warn=None,
) -> dict:
    """Analyse every article and write the corpus tables atomically into ``out_dir``.

    Args:
        inputs: files, folders or globs (see :func:`discover`).
        out_dir: the output folder (replaced as a whole when the run succeeds).
        codebook: a YAML codebook; None for the default codebook.
        jobs: worker processes (local engine) or local Dask workers.
        fmt: ``csv`` or ``parquet``.
        engine: ``local`` or ``dask``.
        scheduler: address of an existing Dask scheduler (``--engine dask``).
        encoding: the articles' encoding.
        extended_min: see :func:`analysis.analyze`.
        skip_bad: report and skip undecodable, binary or empty articles instead of stopping.
        pattern: file pattern searched in folders.
        progress: a progress bar on stderr; None: only when stderr is a terminal.
        warn: a callable taking one message, for skipped articles and warnings (default: stderr).

    Returns:
        The manifest written to ``manifest.json``.

    Raises:
        AnalysisError: bad inputs or options, or a bad article without ``skip_bad``.
    """
    if fmt not in FORMATS:
        raise AnalysisError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if engine not in ENGINES:
        raise AnalysisError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if jobs < 1:
        raise AnalysisError(f"--jobs must be at least 1, not {jobs}")
    if extended_min < 1:
        raise AnalysisError(f"--extended-min must be at least 1, not {extended_min}")
    if scheduler and engine != "dask":
        raise AnalysisError("--scheduler needs --engine dask")
    warn = warn or (lambda message: print(f"warning: {message}", file=sys.stderr))
    cb_path = Path(codebook) if codebook else framing.default_codebook_path()
    cb = framing.load_codebook(cb_path)  # validate before any work (a clear error for a missing or bad file)
    # workers get resolved paths, so they name articles without touching the file system again
    root, names = _names(list(_discover(inputs, pattern).values()))
    settings = Settings(cb_path.read_bytes(), str(cb_path), encoding, extended_min,
                        preformat=fmt == "csv", root=root)
    if hashlib.sha256(settings.codebook_yaml).hexdigest() == cb.sha256:  # the bytes validated above
        # parsed once: forked workers inherit it, with its matcher index and caches
        cb.frame_matcher(), cb.actor_matcher(), cb.start_tokens()
        _CODEBOOKS[(settings.codebook_yaml, settings.codebook_source)] = cb
    frames = list(cb.frames)
    columns = {name: ["article", *cols] for name, cols in TABLE_COLUMNS.items()}
    from .pipeline import TABLE_DTYPES

    article_columns = ARTICLE_COLUMNS_FIXED + [f"hits_{f}" for f in frames]
    str_paths = list(names)
    results = (run_dask(str_paths, settings, jobs=jobs, scheduler=scheduler) if engine == "dask"
               else run_local(str_paths, settings, jobs=jobs))
    if progress is None:
        progress = sys.stderr.isatty()
    from tqdm import tqdm

    skipped: list[dict] = []
    digest = hashlib.sha256()
    with atomic_folder(out_dir) as tmp:
        tables = (ParquetTables(tmp, columns, {n: {"article": "object", **t} for n, t in TABLE_DTYPES.items()})
                  if fmt == "parquet" else CsvTables(tmp, columns))
        summary = CsvTables(tmp, {"articles": article_columns})  # articles.csv: CSV whatever --format
        n_ok = 0
        bar = tqdm(total=len(str_paths), unit="article", file=sys.stderr, disable=not progress)
        try:
            for chunk, texts in results:
                for path, rows, error in chunk:
                    bar.update(1)
                    name = names[path]
                    if error is not None:
                        if not skip_bad:
                            raise AnalysisError(f"{error} (use --skip-bad to skip bad articles)")
                        skipped.append({"article": name, "error": error})
                        warn(f"skipped {error}")
                        continue
                    for note in rows["_warnings"]:
                        warn(f"{path}: {note}")
                    if texts is None:  # rows, not CSV text (--format parquet)
                        for table in TABLE_COLUMNS:
                            tables.write(table, name, rows[table])
                        row = _article_row(name, rows, frames)
                        summary.write("articles", row[0], [row[1:]])
                    digest.update(f"{name}\0{rows['_sha256']}\n".encode())
                    n_ok += 1
                if texts is not None:  # the chunk's CSV text, formatted by the worker
                    summary.write_bytes("articles", texts.pop("articles"))
                    for table, data in texts.items():
                        tables.write_bytes(table, data)
        finally:
            bar.close()
            results.close()  # on an early stop: end the worker pool / Dask cluster now, not at garbage collection
            try:
                tables.close()
            finally:
                summary.close()
        if n_ok == 0:
            raise AnalysisError("no article could be analysed")
        written = tables.digests() | summary.digests()
        outputs = {p.name: written.get(p.name) or {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                                                   "bytes": p.stat().st_size}
                   for p in sorted(tmp.iterdir())}
        manifest = {
            "inputs": {"articles": len(str_paths), "analysed": n_ok, "skipped": skipped,
                       "sha256_of_names_and_contents": digest.hexdigest()},
            "codebook": {"file": "default (analysis/codebooks/default.yml)" if codebook is None else cb_path.name,
                         "sha256": cb.sha256, "frames": frames, "actors": list(cb.actors)},
            "packages": package_versions(),
            "parameters": {"extended_min": extended_min, "encoding": encoding, "format": fmt,
                           "pattern": pattern},
            "outputs": outputs,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
