"""Corpus mode: the same tables as ``analyze`` for many articles, streamed to disk.

:func:`run_corpus` is three steps:

1. **plan** (:func:`plan_corpus`): find the files, name each article by its
   path relative to the inputs' common folder, validate the codebook once;
2. **execute** (:func:`execute`): every article is read once and analysed by
   :func:`process_article` (:func:`analysis.article.read_source`'s decoding
   and :func:`analysis.pipeline.analyse_source`, exactly as ``analyze``), in
   chunks of :data:`CHUNK` articles, in this process, a pool of ``jobs``
   worker processes or on Dask, results coming back in input order;
3. **write** (:func:`write_corpus`): each chunk's rows go to the sinks
   (:mod:`analysis.sinks`) with an ``article`` column first as soon as they
   arrive, so memory stays bounded whatever the corpus size and the bytes are
   the same whatever ``jobs``; then the manifest (:mod:`analysis.manifest`),
   all inside the one atomic writer (:mod:`analysis.atomic`).

Limits: ``--jobs`` at most :func:`max_jobs` (4 x the CPUs) when the workers
run here; a ``--scheduler`` address must be ``tcp://HOST:PORT`` or
``HOST:PORT`` and answer as a Dask scheduler within ``scheduler_timeout``
seconds (:data:`SCHEDULER_TIMEOUT` by default). Worker processes end with
the run however it ends (:mod:`analysis.processes`). File names whose bytes
are not UTF-8 are written as ``\\xNN`` (:func:`analysis.article.display_name`).
"""

from __future__ import annotations

import codecs
import fnmatch
import glob
import hashlib
import math
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from .article import NOT_FILE_ENCODINGS, decode_source, display_name, read_article_bytes
from .atomic import atomic_folder, utf8_text
from .codebook import Codebook, default_codebook_path, parse_codebook, read_codebook_bytes
from .csvtext import csv_text
from .errors import AnalysisError
from .framing import DEFAULT_EXTENDED_MIN
from .manifest import build_manifest, file_digests, write_manifest
from .pipeline import ArticleResult, analyse_source, model_parameters
from .processes import children_ignore_interrupts, worker_pool
from .records import TABLES
from .sentiment import round4
from .sinks import CsvSink, ParquetSink, records_csv

FORMATS = ("csv", "parquet")
ENGINES = ("local", "dask")
#: articles handed to a worker at once (one inter-process message each way)
CHUNK = 32
#: chunks in flight per worker (local engine): bounds what waits in memory between workers and writer
WINDOW_PER_JOB = 4
#: chunks submitted to Dask at a time, per worker
BATCH_PER_JOB = 8
#: worker processes allowed per CPU of this machine (see :func:`max_jobs`)
JOBS_PER_CPU = 4
#: seconds an existing Dask scheduler has to accept the connection and answer (``--scheduler-timeout``)
SCHEDULER_TIMEOUT = 30.0
#: codecs that are text encodings to Python but not encodings of a text file
ARTICLE_COLUMNS_FIXED = [
    "article",
    "paragraphs",
    "sentences",
    "tokens",
    "words",
    "score_mean",
    "frame_hits",
    "actor_mentions",
    "warnings",
]


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class Settings:
    """What every worker needs to analyse one article (small and picklable)."""

    codebook_yaml: bytes
    codebook_source: str
    encoding: str = "utf-8"
    extended_min: int = DEFAULT_EXTENDED_MIN
    #: format each table's CSV text in the worker, article column included, so the writing
    #: process only appends (it would otherwise be the bottleneck with --jobs); False: return records
    preformat: bool = False
    #: the folder article names are relative to (see :func:`article_names`)
    root: str | None = None


@dataclass
class Plan:
    """What a corpus run will do: the articles (resolved path -> name), the codebook, the settings."""

    names: dict[str, str]
    codebook: Codebook
    settings: Settings
    fmt: str = "csv"
    pattern: str = "*.txt"
    default_codebook: bool = True

    @property
    def paths(self) -> list[str]:
        return list(self.names)


_CODEBOOKS: dict[tuple[bytes, str], Codebook] = {}


def _codebook(yaml_bytes: bytes, source: str) -> Codebook:
    """The parsed codebook, once per process (its matcher index is built once too).

    :func:`plan_corpus` registers the codebook it validated, so that forked workers inherit it.
    """
    key = (yaml_bytes, source)
    if key not in _CODEBOOKS:
        _CODEBOOKS.clear()  # one run, one codebook
        _CODEBOOKS[key] = parse_codebook(yaml_bytes, source=source)
    return _CODEBOOKS[key]


def max_jobs() -> int:
    """The most worker processes a run may start on this machine: :data:`JOBS_PER_CPU` per CPU.

    More cannot run faster, and each costs memory (``--jobs 1000`` was
    killed for lack of it). An existing Dask cluster (``--scheduler``) has
    no such limit: its workers run elsewhere.
    """
    return JOBS_PER_CPU * (os.cpu_count() or 1)


def check_encoding(encoding: str) -> str:
    """The codec's name, if ``encoding`` is a text encoding a file can be written in.

    Raises:
        AnalysisError: an unknown codec, or one that is not a text encoding
            (``base64``, ``rot13``, ``zlib``: bytes to bytes or str to str) or not a
            file encoding (``idna``, ``punycode``).
    """
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise AnalysisError(f"--encoding {encoding!r}: unknown encoding") from None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_FILE_ENCODINGS:
        raise AnalysisError(
            f"--encoding {encoding!r} is not the encoding of a text file (use one such as utf-8, cp1252 or latin-1)"
        )
    return info.name


def check_pattern(pattern: str) -> None:
    """Refuse a ``--pattern`` that could match outside the folder searched: absolute, ``..``, or empty."""
    parts = pattern.replace(os.sep, "/").split("/")
    if not pattern or os.path.isabs(pattern) or pattern.startswith(("/", "\\")) or ".." in parts or "" in parts:
        raise AnalysisError(
            f"--pattern must be a relative pattern inside the folders searched, such as '*.txt' or "
            f"'news/**/*.txt' (no leading '/', no '..'), not {display_name(pattern)!r}"
        )


_ADDRESS = re.compile(r"(?:tcp://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>[0-9]{1,5})")


def check_scheduler(address: str) -> tuple[str, str, int]:
    """``tcp://HOST:PORT`` (or ``HOST:PORT``) as the normalised address, the host and the port.

    Raises:
        AnalysisError: any other form (``http://``, no port, ``inproc://``, a port out of range).
    """
    match = _ADDRESS.fullmatch(address.strip())
    port = int(match["port"]) if match else 0
    if not match or not 0 < port < 65536:
        raise AnalysisError(
            f"--scheduler must be a Dask scheduler's address, tcp://HOST:PORT or HOST:PORT "
            f"(such as tcp://10.0.0.5:8786), not {display_name(address)!r}"
        )
    return f"tcp://{match['host']}:{port}", match["host"].strip("[]"), port


def plan_corpus(
    inputs: Iterable[str],
    *,
    codebook: str | Path | None = None,
    fmt: str = "csv",
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    encoding: str = "utf-8",
    extended_min: int = DEFAULT_EXTENDED_MIN,
    pattern: str = "*.txt",
    scheduler_timeout: float = SCHEDULER_TIMEOUT,
) -> Plan:
    """Check the options, validate the codebook and find and name the articles; nothing is analysed.

    Raises:
        AnalysisError: bad options, a bad codebook, or inputs that name no article.
    """
    if fmt not in FORMATS:
        raise AnalysisError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if engine not in ENGINES:
        raise AnalysisError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if jobs < 1:
        raise AnalysisError(f"--jobs must be at least 1, not {jobs}")
    if jobs > max_jobs() and not (engine == "dask" and scheduler):
        raise AnalysisError(
            f"--jobs must be at most {max_jobs()} ({JOBS_PER_CPU} per CPU; this machine has "
            f"{os.cpu_count() or 1}), not {jobs}"
        )
    if extended_min < 1:
        raise AnalysisError(f"--extended-min must be at least 1, not {extended_min}")
    if scheduler and engine != "dask":
        raise AnalysisError("--scheduler needs --engine dask")
    if scheduler:
        check_scheduler(scheduler)
    if not (math.isfinite(scheduler_timeout) and scheduler_timeout > 0):
        raise AnalysisError(f"--scheduler-timeout must be a positive number of seconds, not {scheduler_timeout}")
    check_encoding(encoding)
    check_pattern(pattern)
    cb_path = Path(codebook) if codebook else default_codebook_path()
    # read once (bounded) and validated before any work; workers parse the same bytes
    codebook_yaml = read_codebook_bytes(cb_path)
    cb = parse_codebook(codebook_yaml, source=str(cb_path))
    # workers get resolved paths, so they name articles without touching the file system again
    root, names = _names(list(_discover(inputs, pattern).values()))
    settings = Settings(codebook_yaml, str(cb_path), encoding, extended_min, preformat=fmt == "csv", root=root)
    if hashlib.sha256(settings.codebook_yaml).hexdigest() == cb.sha256:  # the bytes validated above
        # parsed once: forked workers inherit it, with its matcher index and caches
        cb.frame_matcher(), cb.actor_matcher(), cb.start_tokens()
        _CODEBOOKS.clear()
        _CODEBOOKS[(settings.codebook_yaml, settings.codebook_source)] = cb
    return Plan(names, cb, settings, fmt, pattern, default_codebook=codebook is None)


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
        # (pathlib's ``**`` does not enter symbolic links to folders, so a link to "." is no loop)
        return [
            str(p)
            for p in folder.rglob(pattern)
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        ]
    hits = []
    strip = 2 if str(folder) == "." else 0  # os.walk(".") spells its files "./a.txt"; Path spells them "a.txt"
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in fnmatch.filter(files, pattern):
            path = os.path.join(top, f)
            if not f.startswith(".") and os.path.isfile(path):
                hits.append(path[strip:] if strip and path.startswith("./") else path)
    return hits


_MAGIC = re.compile(r"[*?[]")


def _glob(item: str) -> list[str]:
    """The paths matching glob ``item``, as ``glob.glob(item, recursive=True)`` finds them, but finite.

    ``glob.glob``'s ``**`` follows symbolic links to folders, so a link to
    ``.`` made it list paths without end. Here ``**`` walks the folders below
    the pattern's fixed part without entering such links (as folder inputs
    and ``--pattern`` are searched); hidden names match only a pattern part
    that starts with ``.``, as in ``glob``.
    """
    if "**" not in item:  # each part matches within one folder: finite
        return glob.glob(item)
    parts = item.split(os.sep) if os.sep == "/" else re.split(r"[\\/]", item)
    fixed = 0
    while fixed < len(parts) - 1 and not _MAGIC.search(parts[fixed]):
        fixed += 1
    root = os.sep.join(parts[:fixed]) if fixed else ""
    if parts[:fixed] == [""]:
        root = os.sep
    pattern = [p for p in parts[fixed:] if p]
    top = root or os.curdir
    hidden_wanted = any(p.startswith(".") for p in pattern)
    hits = []
    for folder, dirs, files in os.walk(top):  # followlinks=False: a link to a folder is listed, not entered
        if not hidden_wanted:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, top)
        rel_parts = [] if rel == os.curdir else rel.split(os.sep)
        for name in files:
            if _glob_match(pattern, [*rel_parts, name]):
                hits.append(os.path.join(root, *rel_parts, name) if root else os.path.join(*rel_parts, name))
    return hits


def _glob_match(pattern: list[str], parts: list[str]) -> bool:
    """Whether path ``parts`` match glob ``pattern`` parts.

    ``**`` stands for any number of non-hidden folders, and last for at
    least one non-hidden name (files and folders below: what ``glob`` gives).
    """
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        for skip in range(len(parts) + 1):
            if (skip or rest) and _glob_match(rest, parts[skip:]):
                return True
            if skip < len(parts) and parts[skip].startswith("."):
                return False
        return False
    if not parts or (parts[0].startswith(".") and not head.startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], head) and _glob_match(rest, parts[1:])


def _discover(inputs: Iterable[str], pattern: str) -> dict[str, str]:
    """:func:`discover`'s paths (as strings) -> each one resolved (one ``realpath`` per folder, not per file)."""
    found: set[str] = set()
    for item in inputs:
        path = Path(item)
        try:
            if path.is_file():
                found.add(str(path))
            elif path.is_dir():
                hits = _folder_files(path, pattern)
                if not hits:
                    raise AnalysisError(f"{display_name(path)}: no {pattern} files in this folder (see --pattern)")
                found.update(hits)
            else:
                hits = [str(Path(p)) for p in _glob(item) if Path(p).is_file()]
                if not hits:
                    raise AnalysisError(f"{display_name(item)}: no such file, folder or matching glob")
                found.update(hits)
        except OSError as exc:  # a name too long for the file system, a folder that cannot be listed
            raise AnalysisError(f"{display_name(item)}: cannot be read ({exc.strerror or exc})") from None
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


def _names_under(root: str, path: str) -> str:
    """``path`` (resolved, under ``root``) relative to ``root``, with ``/`` separators (as :func:`_names`).

    Bytes of the name that are not UTF-8 are written ``\\xNN`` (:func:`analysis.article.display_name`).
    """
    name = path[len(root) if root.endswith(os.sep) else len(root) + 1 :]
    return display_name(name if os.sep == "/" else name.replace(os.sep, "/"))


def article_names(paths: list[Path]) -> dict[Path, str]:
    """Each path relative to the inputs' common folder, with ``/`` separators (how a corpus names articles)."""
    resolved = [os.path.realpath(p) for p in paths]
    _, names = _names(resolved)
    return {p: names[r] for p, r in zip(paths, resolved)}


# --------------------------------------------------------------------------- execute


def process_article(path: str, settings: Settings) -> tuple[str, ArticleResult | None, str | None]:
    """Read and analyse one article file: ``(path, result, None)`` or ``(path, None, error message)``.

    Never raises for a bad article, so one file cannot stop a worker; the
    caller decides whether to skip it or stop.
    """
    try:  # read once, at most MAX_ARTICLE_BYTES (a FIFO or device too)
        raw = read_article_bytes(path)
        source = decode_source(raw, name=path, encoding=settings.encoding)
    except AnalysisError as exc:
        return path, None, str(exc)
    codebook = _codebook(settings.codebook_yaml, settings.codebook_source)
    return path, analyse_source(source, codebook, extended_min=settings.extended_min), None


def process_chunk(paths: list[str], settings: Settings) -> tuple[list[tuple], dict[str, bytes] | None]:
    """:func:`process_article` on each path, in order: the unit of work handed to a worker.

    Returns:
        The articles' results, and with ``settings.preformat`` each table's
        CSV text for the whole chunk, UTF-8 encoded (``articles`` included),
        so that one message per chunk crosses the process boundary and the
        writer appends once per table; the results then keep only their
        source and warnings. None otherwise.
    """
    results = [process_article(path, settings) for path in paths]
    if not (settings.preformat and settings.root):
        return results, None
    frames = list(_codebook(settings.codebook_yaml, settings.codebook_source).frames)
    texts: dict[str, list[str]] = {t: [] for t in (*TABLES, "articles")}
    for path, result, error in results:
        if error is None:
            name = _names_under(settings.root, path)  # paths arrive resolved (plan_corpus)
            for table in TABLES:
                texts[table].append(records_csv(result.records, table, name))
            texts["articles"].append(csv_text(name, [article_row(result, frames)]))
            # formatted here: only the CSV text, the warnings and the hash cross the process boundary
            result.records = None
            result.source = replace(result.source, text="")
    return results, {t: "".join(parts).encode("utf-8") for t, parts in texts.items()}


def _quiet_cluster_exit() -> None:
    """Make distributed's exit hook (which closes clusters left open) quiet.

    A signal that arrives while ``LocalCluster`` is still starting leaves a
    cluster this code never received; at exit, distributed's ``close_clusters``
    then fails on a worker still in its ``init`` state and prints a traceback
    after the run's one ``error:`` line (seen under load). The hook is
    re-registered to close what it can and stay silent.
    """
    import atexit

    from distributed.deploy import spec

    original = getattr(spec, "close_clusters", None)
    if original is None or getattr(original, "_quiet", False):
        return

    def close_clusters_quietly():
        try:
            original()
        except Exception:  # noqa: BLE001 - at exit, after the run's own message: nothing useful to add
            pass

    close_clusters_quietly._quiet = True
    atexit.unregister(original)
    atexit.register(close_clusters_quietly)
    spec.close_clusters = close_clusters_quietly


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _worker_chunk(paths: list[str]) -> tuple[list[tuple], dict[str, bytes] | None]:
    return process_chunk(paths, _WORKER_SETTINGS)


def execute(
    plan: Plan,
    *,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    scheduler_timeout: float = SCHEDULER_TIMEOUT,
) -> Iterator[tuple]:
    """Results of :func:`process_chunk` on chunks of :data:`CHUNK` articles, in input order, on the engine."""
    if engine == "dask":
        return run_dask(plan.paths, plan.settings, jobs=jobs, scheduler=scheduler, timeout=scheduler_timeout)
    return run_local(plan.paths, plan.settings, jobs=jobs)


def run_local(paths: list[str], settings: Settings, *, jobs: int = 1) -> Iterator[tuple]:
    """Results of :func:`process_chunk` on chunks of :data:`CHUNK` articles, in input order,
    in this process or ``jobs`` worker processes.

    The workers (:func:`analysis.processes.worker_pool`) ignore Ctrl-C, die
    with this process and are terminated when the results stop early; a
    worker that died (the OOM killer) ends the run with an AnalysisError.
    """
    chunks = _batches(paths, CHUNK)
    if jobs <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, settings)
        return
    # concurrent.futures, not multiprocessing.Pool: the Pool's worker-handler thread wakes on
    # every readable result and spins until the result thread has read it, which cost a second
    # of CPU per million words here, taken from the workers on a two-core machine
    with worker_pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        # a sliding window of chunks in flight: results come back in input order, at most
        # jobs * WINDOW_PER_JOB chunks wait in memory, and no worker idles at a batch boundary
        pending: deque = deque(pool.submit(_worker_chunk, chunk) for chunk in islice(chunks, jobs * WINDOW_PER_JOB))
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_worker_chunk, following))
            yield done


def probe_scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT) -> None:
    """Check, within ``timeout`` seconds in all, that ``address`` is a Dask scheduler that answers.

    ``distributed`` bounds the TCP connection but not its handshake, so an
    address that accepts connections and never answers as Dask does (a web
    server) made ``Client`` wait for ever. Here the connection is retried
    until the deadline (a scheduler may be starting), then the handshake and
    an ``identity`` request must complete before it.

    Raises:
        AnalysisError: a malformed address, nothing listening, or something
            that is not a scheduler or does not answer in time.
    """
    import asyncio
    import socket
    import threading
    import time

    address, host, port = check_scheduler(address)
    deadline = time.monotonic() + timeout
    while True:  # the TCP connection, retried: a scheduler may be starting
        try:
            socket.create_connection((host, port), timeout=max(0.1, deadline - time.monotonic())).close()
            break
        except OSError as exc:
            if time.monotonic() + 0.2 >= deadline:
                raise AnalysisError(
                    f"cannot reach the Dask scheduler {address} within {timeout:g} s "
                    f"({exc.strerror or exc or 'timed out'}; see --scheduler-timeout)"
                ) from None
            time.sleep(0.2)

    async def identity():
        from distributed.comm import connect

        comm = await connect(address, timeout=max(0.1, deadline - time.monotonic()))
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    def in_a_thread():  # its own event loop, also when the caller runs one (a notebook)
        try:
            answer["info"] = asyncio.run(asyncio.wait_for(identity(), max(0.1, deadline - time.monotonic())))
        except BaseException as exc:  # handed to the caller
            answer["error"] = exc

    answer: dict = {}
    thread = threading.Thread(target=in_a_thread, name="dask-scheduler-probe", daemon=True)
    thread.start()
    thread.join()
    not_scheduler = f"{address} does not answer as a Dask scheduler"
    try:
        if "error" in answer:
            raise answer["error"]
        info = answer["info"]
    except asyncio.TimeoutError:
        raise AnalysisError(
            f"{not_scheduler} within {timeout:g} s (is it a scheduler's address? see --scheduler-timeout)"
        ) from None
    except Exception as exc:  # whatever a server that is not Dask sent back, or a connection it closed
        raise AnalysisError(f"{not_scheduler} ({type(exc).__name__}: {exc})") from None
    if not (isinstance(info, dict) and info.get("type") == "Scheduler"):
        kind = info.get("type") if isinstance(info, dict) else None
        raise AnalysisError(f"{not_scheduler}{f' (it is a {kind})' if kind else ''}")


@contextmanager
def _quiet_distributed() -> Iterator[None]:
    """``distributed``'s own log messages silenced for the block (its workers and a Ctrl-C would print them)."""
    import logging

    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def run_dask(
    paths: list[str],
    settings: Settings,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    timeout: float = SCHEDULER_TIMEOUT,
) -> Iterator[tuple]:
    """Results of :func:`process_chunk` on chunks of :data:`CHUNK` articles, in input order, computed on a Dask cluster.

    Args:
        paths: article files (readable from the workers: a shared file system).
        settings: codebook and options, sent to every task.
        jobs: workers of the local cluster started when ``scheduler`` is None.
        scheduler: ``tcp://host:port`` (or ``host:port``) of an existing cluster's scheduler.
        timeout: seconds the scheduler has to accept the connection and answer (:func:`probe_scheduler`).

    A local cluster's workers ignore Ctrl-C and are closed with it however
    the run ends; ``distributed``'s log messages are silenced meanwhile.
    """
    import logging

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise AnalysisError("--engine dask needs the dask extra: pip install -e '.[dask]'") from None
    _quiet_cluster_exit()
    with _quiet_distributed():
        cluster = client = None
        try:
            try:
                if scheduler:
                    probe_scheduler(scheduler, timeout)
                    client = Client(check_scheduler(scheduler)[0], timeout=timeout)
                else:
                    with children_ignore_interrupts():
                        cluster = LocalCluster(
                            n_workers=max(1, jobs),
                            threads_per_worker=1,
                            processes=True,
                            host="127.0.0.1",
                            dashboard_address=None,
                            silence_logs=logging.CRITICAL,
                        )
                    client = Client(cluster)
            except (OSError, TimeoutError) as exc:
                raise AnalysisError(f"cannot reach the Dask scheduler {scheduler or 'local'}: {exc}") from None
            chunks = list(_batches(paths, CHUNK))
            for batch in _batches(chunks, max(1, jobs) * BATCH_PER_JOB):
                futures = client.map(process_chunk, batch, settings=settings, pure=False)
                for future in futures:
                    yield future.result()
                    future.release()
        finally:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()


# --------------------------------------------------------------------------- write


def article_row(result: ArticleResult, frames: list[str]) -> tuple:
    """One article's row of ``articles.csv`` (without the article name): body counts, mean score, hits."""
    records = result.records
    body = [p for p in records.paragraphs if p.para > 0]
    scores = [p.score for p in body if p.score is not None]
    per_frame = dict.fromkeys(frames, 0)
    for h in records.frame_hits:
        per_frame[h.frame] += 1
    return (
        len(body),
        sum(p.n_sentences for p in body),
        sum(p.n_tokens for p in body),
        sum(p.n_words for p in body),
        round4(math.fsum(scores) / len(scores)) if scores else None,
        len(records.frame_hits),
        len(records.actor_mentions),
        "; ".join(result.warnings),
        *(per_frame[f] for f in frames),
    )


def write_corpus(
    plan: Plan,
    results: Iterator[tuple],
    out_dir: str | Path,
    *,
    skip_bad: bool = False,
    progress: bool = False,
    warn=None,
) -> dict:
    """Write the results of :func:`execute` into ``out_dir`` atomically, in input order.

    Returns:
        The manifest written to ``manifest.json``.
    """
    from tqdm import tqdm

    # no monitor thread: Ctrl-C during Dask's start-up is held back in this thread
    # (processes.children_ignore_interrupts), and a thread started earlier that does not hold
    # it back would receive it while SIGINT is ignored, and lose it (the run went on to the end)
    tqdm.monitor_interval = 0
    frames = list(plan.codebook.frames)
    columns = {name: ["article", *t.columns] for name, t in TABLES.items()}
    skipped: list[dict] = []
    html_pages: dict[str, int] = {}  # HTML pages per extractor (trafilatura, or the <h1>/<p> fallback)
    digest = hashlib.sha256()
    n_ok = 0
    with atomic_folder(out_dir) as tmp:
        tables = (
            ParquetSink(tmp, columns, {n: {"article": "object", **t.dtypes} for n, t in TABLES.items()})
            if plan.fmt == "parquet"
            else CsvSink(tmp, columns, article_column=True)
        )
        summary = CsvSink(
            tmp, {"articles": ARTICLE_COLUMNS_FIXED + [f"hits_{f}" for f in frames]}, article_column=True
        )  # articles.csv: CSV whatever --format
        bar = tqdm(total=len(plan.names), unit="article", file=sys.stderr, disable=not progress)
        try:
            for chunk, texts in results:
                for path, result, error in chunk:
                    bar.update(1)
                    name = plan.names[path]
                    if error is not None:
                        if not skip_bad:
                            raise AnalysisError(f"{utf8_text(error)} (use --skip-bad to skip bad articles)")
                        skipped.append({"article": name, "error": utf8_text(error)})
                        warn(f"skipped {utf8_text(error)}")
                        continue
                    for note in result.warnings:
                        warn(f"{display_name(path)}: {note}")
                    if result.source.html:
                        x = result.source.extraction
                        label = f"{x['extractor']} {x['version']}" if x.get("version") else x["extractor"]
                        html_pages[label] = html_pages.get(label, 0) + 1
                    if texts is None:  # records, not CSV text (--format parquet)
                        tables.write_records(result.records, name)
                        summary.write("articles", [article_row(result, frames)], name)
                    digest.update(f"{name}\0{result.source.sha256}\n".encode())
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
        inputs = {
            "inputs": {
                "articles": len(plan.names),
                "analysed": n_ok,
                "skipped": skipped,
                "sha256_of_names_and_contents": digest.hexdigest(),
            }
        }
        settings = plan.settings
        parameters = {
            "extended_min": settings.extended_min,
            "encoding": settings.encoding,
            "format": plan.fmt,
            "pattern": plan.pattern,
            **model_parameters(),
        }
        if html_pages:
            from .extract import SETTINGS

            parameters["html_extraction"] = {"pages": dict(sorted(html_pages.items())), "settings": SETTINGS}
        manifest = build_manifest(
            inputs=inputs,
            codebook=plan.codebook,
            parameters=parameters,
            outputs=file_digests(tmp, tables.digests() | summary.digests()),
        )
        write_manifest(tmp, manifest)
    return manifest


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
    scheduler_timeout: float = SCHEDULER_TIMEOUT,
) -> dict:
    """Analyse every article and write the corpus tables atomically into ``out_dir``: plan, execute, write.

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
        scheduler_timeout: seconds ``scheduler`` has to accept the connection and answer.

    Returns:
        The manifest written to ``manifest.json``.

    Raises:
        AnalysisError: bad inputs or options, or a bad article without ``skip_bad``.
    """
    plan = plan_corpus(
        inputs,
        codebook=codebook,
        fmt=fmt,
        engine=engine,
        jobs=jobs,
        scheduler=scheduler,
        encoding=encoding,
        extended_min=extended_min,
        pattern=pattern,
        scheduler_timeout=scheduler_timeout,
    )
    results = execute(plan, engine=engine, jobs=jobs, scheduler=scheduler, scheduler_timeout=scheduler_timeout)
    return write_corpus(
        plan,
        results,
        out_dir,
        skip_bad=skip_bad,
        progress=sys.stderr.isatty() if progress is None else progress,
        warn=warn or (lambda message: print(f"warning: {message}", file=sys.stderr)),
    )
