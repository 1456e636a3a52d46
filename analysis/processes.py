"""Signals and worker processes: a stopped run ends whole, and no worker outlives it.

* :func:`signals_as_interrupts` makes SIGTERM and SIGHUP act like Ctrl-C in
  the command line: they raise :class:`Terminated` (a ``KeyboardInterrupt``),
  so every ``finally`` and ``except BaseException`` cleanup runs (temporary
  folders removed, workers ended) before the process exits.
* :func:`worker_pool` is the one pool of forked worker processes (corpus
  chunks, figures). Its workers ignore Ctrl-C (the terminal sends SIGINT to
  the whole process group; the parent ends them), die with their parent on
  Linux (``PR_SET_PDEATHSIG``, so even a parent killed by SIGKILL leaves no
  orphan), are terminated when the block ends early, and a worker that died
  (the OOM killer's SIGKILL) becomes one clear :class:`~analysis.errors.AnalysisError`.
* :func:`children_ignore_interrupts` lets another library's child processes
  (a local Dask cluster) start with Ctrl-C ignored.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import AnalysisError

#: the signals the command line turns into :class:`Terminated` (those this platform has)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so the same cleanup runs; ``signum`` says which."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def signals_as_interrupts() -> Iterator[None]:
    """In the block, SIGTERM and SIGHUP raise :class:`Terminated` in the main thread.

    A signal that is ignored on entry (``nohup``) stays ignored. After the
    first signal, further ones are ignored so the cleanup it starts is not
    cut short; Ctrl-C and SIGKILL still work. The previous handlers are
    restored on exit. Outside the main thread this does nothing.
    """
    if not _in_main_thread():
        yield
        return
    owner = os.getpid()

    def handler(signum, frame):
        if os.getpid() != owner:  # a forked child that has not set up its own handlers yet
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        raise Terminated(signum)

    previous = {}
    for sig in STOP_SIGNALS:
        if signal.getsignal(sig) != signal.SIG_IGN:
            previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def _signals_blocked(signals) -> Iterator[None]:
    """Delay ``signals`` in this thread during the block (processes forked meanwhile start with them blocked)."""
    if not (hasattr(signal, "pthread_sigmask") and _in_main_thread()):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit now if it already has."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the parent still terminates its workers on the way out
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _worker_start(parent_pid: int, initializer: Callable | None, initargs: tuple) -> None:
    """First thing in a worker: Ctrl-C ignored, SIGTERM/SIGHUP default, die with the parent, then ``initializer``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, *STOP_SIGNALS})
    die_with_parent(parent_pid)
    if initializer is not None:
        initializer(*initargs)


def _nothing() -> None:
    return None


def death_message(exitcodes: list[int | None]) -> str:
    """How a worker of a broken pool died, from the workers' exit codes (negative: killed by that signal)."""
    codes = [c for c in exitcodes if c not in (None, 0)]
    killed = sorted({-c for c in codes if c < 0}, key=lambda s: (s != signal.SIGKILL, s == signal.SIGTERM, s))
    if killed:
        sig = killed[0]
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = "unknown signal"
        hint = "; out of memory?" if sig == signal.SIGKILL else f", {name}"
        return f"a worker process died (killed by signal {sig}{hint})"
    if codes:
        return f"a worker process died (exit status {codes[0]})"
    return "a worker process died unexpectedly"


@contextmanager
def worker_pool(jobs: int, *, initializer: Callable | None = None, initargs: tuple = ()) -> Iterator:
    """A ``ProcessPoolExecutor`` of ``jobs`` workers (forked where the platform can) that never outlive the block.

    The workers are started at once, with SIGINT, SIGTERM and SIGHUP held
    back while they fork, and each runs :func:`_worker_start` before
    ``initializer``. When the block ends normally the pool is shut down and
    waited for; when it ends by an exception (Ctrl-C, :class:`Terminated`, an
    error, a generator closed early) the workers are terminated first. A
    worker that died makes the pool's ``BrokenProcessPool`` an
    :class:`~analysis.errors.AnalysisError` saying how (:func:`death_message`).
    Do not cancel the pool's futures (``Executor.map`` does when a result
    raises): collect ``submit``'s futures instead.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform != "win32" else "spawn"
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=mp.get_context(method),
        initializer=_worker_start,
        initargs=(os.getpid(), initializer, initargs),
    )
    processes = []
    try:
        with _signals_blocked({signal.SIGINT, *STOP_SIGNALS}):
            pool.submit(_nothing)  # fork (or spawn) every worker now, while the signals wait
            processes = list(getattr(pool, "_processes", {}).values())
        yield pool
    except BrokenProcessPool:
        processes = _terminate(processes, pool)
        pool.shutdown(wait=True)
        raise AnalysisError(death_message([p.exitcode for p in processes])) from None
    except BaseException:
        # terminated first: the pool then fails what is pending. (Not shutdown(cancel_futures=True):
        # a cancelled future that a breaking pool then fails raises InvalidStateError in its thread.)
        _terminate(processes, pool)
        pool.shutdown(wait=True)
        raise
    else:
        pool.shutdown(wait=True)


def _terminate(processes: list, pool) -> list:
    """Terminate the pool's workers still running and wait for every one (so their exit codes are known).

    Returns:
        The workers: those seen at the start and any the pool started since (spawned on demand).
    """
    processes = list({id(p): p for p in [*processes, *(getattr(pool, "_processes", None) or {}).values()]}.values())
    for p in processes:
        try:
            if p.exitcode is None:
                p.terminate()
        except (OSError, ValueError):  # already gone or already closed
            pass
    for p in processes:
        try:
            p.join(timeout=10)
            if p.exitcode is None:
                p.kill()
                p.join(timeout=5)
        except (OSError, ValueError, AssertionError):
            pass
    return processes


@contextmanager
def children_ignore_interrupts() -> Iterator[None]:
    """Child processes started in the block (by any library) ignore Ctrl-C.

    The terminal sends SIGINT to the whole process group, and each child
    would print its own ``KeyboardInterrupt`` traceback; instead the parent
    handles it and ends them. SIGINT is ignored (an ignored signal stays
    ignored in a child, across ``exec`` too) and held back in this thread for
    the block, so a Ctrl-C meanwhile is delivered when the block ends rather
    than lost (threads started meanwhile keep it held back). Outside the main
    thread this does nothing.
    """
    if not _in_main_thread():
        yield
        return
    with _signals_blocked({signal.SIGINT}):
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
