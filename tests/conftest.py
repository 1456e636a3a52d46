"""Shared fixtures: the seed article, its analysis, and a command-line runner."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import analysis

# The signal tests send SIGHUP to child processes and expect its default action; a suite started under nohup
# would pass SIGHUP ignored to every child (the package keeps an inherited "ignore", as nohup intends).
if hasattr(signal, "SIGHUP"):
    signal.signal(signal.SIGHUP, signal.SIG_DFL)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
GOLD = ROOT / "data" / "gold" / "seed_frames.csv"


def best_time(fn, runs: int = 3) -> float:
    """The fastest of ``runs`` timings of ``fn()``, in seconds (for size-scaling checks, never absolute limits)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


BENCHMARK_PAGES = ROOT / "data" / "external" / "article_extraction"
_WORD = re.compile(r"\w+")


def shingle_f1(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``pred`` against ``true`` on word 4-gram shingles, as the Zyte
    benchmark's ``string_shingle_matching`` counts them (its evaluate.py, MIT: one page's score)."""

    def shingles(text: str) -> Counter:
        words = _WORD.findall(text)
        return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])

    a, b = shingles(true), shingles(pred)
    tp = sum((a & b).values())
    fp, fn = sum(b.values()) - tp, sum(a.values()) - tp
    precision = 1.0 if fp == fn == 0 else tp / (tp + fp) if tp + fp else 0.0
    recall = 1.0 if fp == fn == 0 else tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def benchmark_truth(page_id: str) -> str:
    """The ground-truth article body of one benchmark page (data/external/article_extraction)."""
    return json.loads((BENCHMARK_PAGES / "ground-truth.json").read_text("utf-8"))[page_id]["articleBody"]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return analysis.load_text(SEED)


@pytest.fixture(scope="session")
def seed_result():
    return analysis.analyze(SEED)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m analysis ARGS`` in a real subprocess and capture its output.

    For what only a process shows (start-up, the ``__main__`` entry point,
    signals, a terminal); everything else goes through :func:`run_main`.
    """
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def run_main(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``analysis.__main__.main(ARGS)`` in this process, with stdout and stderr captured.

    The same exit status and output as :func:`run_cli` (``main`` catches
    every error it reports), without starting an interpreter.
    """
    from analysis.__main__ import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:  # argparse's --help
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(["python", "-m", "analysis", *argv], code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    """The command line, run in-process (:func:`run_main`)."""
    return run_main


@pytest.fixture
def cli_process():
    """The command line in a real subprocess (:func:`run_cli`)."""
    return run_cli


@pytest.fixture
def write_text(tmp_path):
    """Write ``content`` (str or bytes) to a file in tmp_path and return its path."""

    def _write(content, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write
