"""Corpus-mode benchmark (issue: corpus scale). Prints times, words/s and ratios; asserts nothing.

    .venv/bin/python benchmarks/bench_corpus.py [--words 1000000] [--repeat 5]

Corpus: the NYT editorials of VADER's benchmark (data/external/), one article
per editorial, paragraphs of up to 4 sentences, copied until it holds about
--words words (each copy in its own folder). In one run it measures:

1. the floor: a bare loop of vaderSentiment's polarity_scores over the same
   sentences (VADER itself, no reading, splitting or writing);
2. `python -m analysis corpus --jobs 1` and `--jobs 2` on the whole corpus
   (end to end: process start, reading, cleaning, sentences, tokens, stems,
   VADER per sentence and per paragraph, matching, CSV writing);
3. the machine's own ceiling for two processes: the floor loop in two
   processes at once against one (2.0 when both cores are free);
4. linearity: `--jobs 1` on a tenth of the corpus against the whole;
5. peak memory of the process tree (main process + workers), sampled in
   separate runs so that the sampling does not slow the timed ones.

This machine is shared and its speed drifts over minutes, so the measurements
are interleaved: each of --repeat rounds runs every one of them once, ratios
are taken within a round, and medians over the rounds are reported.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.datasets import nyt_editorials, write_articles  # noqa: E402
from analysis.pipeline import article_records  # noqa: E402
from analysis.sentiment import bounded_sentence_spans  # noqa: E402
from analysis.tokenize import sentence_spans  # noqa: E402


def corpus_command(inputs: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "analysis", "corpus", str(inputs), "--out", str(out), "--jobs", str(jobs)]


def time_corpus(inputs: Path, out: Path, jobs: int) -> float:
    """Seconds of one corpus run (nothing else running in this process meanwhile)."""
    start = time.perf_counter()
    done = subprocess.run(
        corpus_command(inputs, out, jobs), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"corpus run failed: {done.stderr.decode()}")
    return elapsed


def peak_memory(inputs: Path, out: Path, jobs: int) -> float:
    """Peak resident memory (MB) of a corpus run's process tree, sampled every 50 ms."""
    proc = psutil.Popen(
        corpus_command(inputs, out, jobs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True)))
        except psutil.Error:
            pass
        time.sleep(0.05)
    return peak / 1e6


_SENTENCES: list[str] = []


def floor_loop() -> float:
    """Seconds of vaderSentiment's polarity_scores over every sentence (the floor)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for s in _SENTENCES:
        vader.polarity_scores(s)
    return time.perf_counter() - start


def _floor_in_child(_: int) -> float:
    return floor_loop()


def parallel_ceiling() -> float:
    """How much faster two processes get through two floor loops than one process through one, x2."""
    ctx = mp.get_context("fork")
    with ctx.Pool(1) as pool:
        start = time.perf_counter()
        pool.map(_floor_in_child, [0])
        one = time.perf_counter() - start
    with ctx.Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_floor_in_child, [0, 1], chunksize=1)
        two = time.perf_counter() - start
    return 2 * one / two


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = nyt_editorials()
    words_per_copy = sum(len(text.split()) for _, text in articles)
    copies = max(1, round(args.words / words_per_copy))

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_articles(articles, tmp / "corpus", copies=copies)
        small_copies = max(1, copies // 10)
        write_articles(articles, tmp / "small", copies=small_copies)
        # the same sentences the pipeline scores, for the VADER floor
        for _, text in articles:
            for para in text.split("\n\n")[1:]:
                para = para.strip()
                _SENTENCES.extend(para[a:b] for a, b in bounded_sentence_spans(para, sentence_spans(para)))
        _SENTENCES[:] = _SENTENCES * copies
        n_words = words_per_copy * copies
        n_articles = len(articles) * copies
        print(
            f"corpus: {n_articles} articles, {n_words:,} words, {len(_SENTENCES):,} sentences "
            f"({copies} copies of {len(articles)} NYT editorials)"
        )

        floors, times, smalls, ceilings = [], {1: [], 2: []}, [], []
        for _ in range(args.repeat):
            floors.append(floor_loop())
            for jobs in (1, 2):
                times[jobs].append(time_corpus(tmp / "corpus", tmp / f"out{jobs}", jobs))
            smalls.append(time_corpus(tmp / "small", tmp / "outsmall", 1))
            ceilings.append(parallel_ceiling())
        peaks = {jobs: peak_memory(tmp / "corpus", tmp / f"out{jobs}", jobs) for jobs in (1, 2)}

        # in-process core only (no process start, no CSV): where the time goes
        from analysis.codebook import load_codebook

        cb = load_codebook()
        start = time.perf_counter()
        for _, text in articles * copies:
            article_records(text, cb)
        core = time.perf_counter() - start

    median = statistics.median
    floor, jobs1, jobs2 = median(floors), median(times[1]), median(times[2])
    ratio_floor = [t / f for t, f in zip(times[1], floors)]
    ratio_jobs = [a / b for a, b in zip(times[1], times[2])]
    small = median(smalls)

    def line(label, seconds, extra=""):
        print(f"  {label:<44} {seconds:7.1f} s  {n_words / seconds:>9,.0f} words/s  {extra}")

    def listed(values):
        return ", ".join(f"{v:.2f}" for v in values)

    print(f"medians of {args.repeat} interleaved rounds:")
    line("bare VADER loop over the sentences (floor)", floor)
    line("pipeline core in-process (no I/O, one run)", core, f"x{core / floor:.2f} the floor")
    line("corpus --jobs 1", jobs1, f"x{median(ratio_floor):.2f} the floor (target <= 3)")
    line("corpus --jobs 2", jobs2, f"x{median(ratio_jobs):.2f} faster than --jobs 1 (target >= 1.7)")
    print(f"  per round: --jobs 1 / floor {listed(ratio_floor)}")
    print(f"             --jobs 1 / --jobs 2 {listed(ratio_jobs)}")
    print(
        f"             two floor loops in two processes, speed-up over one: {listed(ceilings)} "
        f"(median x{median(ceilings):.2f}: this machine's ceiling for --jobs 2)"
    )
    print(
        f"  linearity: {n_words / (words_per_copy * small_copies):.1f}x the words took {jobs1 / small:.1f}x the time "
        f"({small:.1f} s for {words_per_copy * small_copies:,} words; target: 10x within 11x)"
    )
    print(f"  peak memory (process tree): --jobs 1 {peaks[1]:.0f} MB, --jobs 2 {peaks[2]:.0f} MB (target < 1000 MB)")


if __name__ == "__main__":
    main()
