"""Corpus-mode benchmark (issue: corpus scale). Prints times, words/s and ratios; asserts nothing.

    .venv/bin/python benchmarks/bench_corpus.py [--words 1000000] [--repeat 3]

Corpus: the NYT editorials of VADER's benchmark (data/external/), one article
per editorial, paragraphs of up to 4 sentences, copied until it holds about
--words words (each copy in its own folder). In one run it measures:

1. the floor: a bare loop of vaderSentiment's polarity_scores over the same
   sentences (VADER itself, no reading, splitting or writing);
2. `python -m analysis corpus --jobs 1` and `--jobs 2` on the whole corpus
   (end to end: process start, reading, cleaning, sentences, tokens, stems,
   VADER per sentence and per paragraph, matching, CSV writing);
3. linearity: `--jobs 1` on a tenth of the corpus against the whole;
4. peak memory of the process tree (main process + workers, sampled).

Medians of --repeat runs; this machine is shared, so compare within one run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpora import nyt_editorials, write_articles  # noqa: E402
from analysis.pipeline import article_records  # noqa: E402
from analysis.sentiment import bounded_sentence_spans  # noqa: E402
from analysis.tokenize import sentence_spans  # noqa: E402


def run_corpus(inputs: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak resident memory (MB, process tree) of one corpus run."""
    cmd = [sys.executable, "-m", "analysis", "corpus", str(inputs), "--out", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        try:
            rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"corpus run failed: {proc.stderr.read().decode()}")
    return elapsed, peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = nyt_editorials()
    words_per_copy = sum(len(text.split()) for _, text in articles)
    copies = max(1, round(args.words / words_per_copy))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_articles(articles, tmp / "corpus", copies=copies)
        small_copies = max(1, copies // 10)
        write_articles(articles, tmp / "small", copies=small_copies)
        # the same sentences the pipeline scores, for the VADER floor
        sentences = []
        for _, text in articles:
            for para in text.split("\n\n")[1:]:
                para = para.strip()
                sentences += [para[a:b] for a, b in bounded_sentence_spans(para, sentence_spans(para))]
        sentences *= copies
        n_words = words_per_copy * copies
        n_articles = len(articles) * copies
        print(f"corpus: {n_articles} articles, {n_words:,} words, {len(sentences):,} sentences "
              f"({copies} copies of {len(articles)} NYT editorials)")

        vader = SentimentIntensityAnalyzer()
        floors = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            for s in sentences:
                vader.polarity_scores(s)
            floors.append(time.perf_counter() - start)
        floor = statistics.median(floors)

        runs = {}
        for jobs in (1, 2):
            times, peaks = [], []
            for _ in range(args.repeat):
                t, m = run_corpus(tmp / "corpus", tmp / f"out{jobs}", jobs)
                times.append(t)
                peaks.append(m)
            runs[jobs] = (statistics.median(times), max(peaks))
        small = statistics.median(run_corpus(tmp / "small", tmp / "outsmall", 1)[0] for _ in range(args.repeat))
        small_words = words_per_copy * small_copies

        # in-process core only (no process start, no CSV): where the time goes
        from analysis.framing import load_codebook

        cb = load_codebook()
        start = time.perf_counter()
        for _, text in articles * copies:
            article_records(text, cb)
        core = time.perf_counter() - start

    def line(label, seconds, extra=""):
        print(f"  {label:<44} {seconds:7.1f} s  {n_words / seconds:>9,.0f} words/s  {extra}")

    print(f"medians of {args.repeat} runs:")
    line("bare VADER loop over the sentences (floor)", floor)
    line("pipeline core in-process (no I/O)", core, f"x{core / floor:.2f} the floor")
    line("corpus --jobs 1", runs[1][0], f"x{runs[1][0] / floor:.2f} the floor (target <= 3)")
    line("corpus --jobs 2", runs[2][0], f"x{runs[1][0] / runs[2][0]:.2f} faster than --jobs 1 (target >= 1.7)")
    ratio_words = n_words / small_words
    print(f"  linearity: {ratio_words:.1f}x the words took {runs[1][0] / small:.1f}x the time "
          f"({small:.1f} s for {small_words:,} words; target: 10x within 11x)")
    print(f"  peak memory (process tree): --jobs 1 {runs[1][1]:.0f} MB, --jobs 2 {runs[2][1]:.0f} MB (target < 1000 MB)")


if __name__ == "__main__":
    main()
