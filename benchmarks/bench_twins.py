"""The fast twins against the libraries they mirror: time ratios on the same inputs. Asserts nothing.

    .venv/bin/python benchmarks/bench_twins.py [--rounds 5]

Inputs: the NYT editorials of VADER's benchmark as articles (analysis.datasets),
split into paragraphs. Each round times, interleaved, in this one process:

1. VADER: every paragraph's sentences and the whole paragraph, by
   ``analysis.vader.paragraph_scores`` (fast) and ``library_paragraph_scores``
   (vaderSentiment 3.3.2's own ``polarity_scores``). The fast twin's word
   cache is cleared before each of its runs, so it starts cold like a new process;
2. Punkt: every paragraph's sentence spans, by ``FastPunkt.spans`` and by NLTK's
   ``PunktSentenceTokenizer.span_tokenize`` with the same parameters;
3. CSV: every table of every article (records made once, untimed), by the
   f-string formatters and by ``csv.writer`` (``analysis.csvtext`` with its
   switch flipped in-process).

Ratios (library time / fast time) are taken within a round; the medians and
ranges over rounds are printed. The outputs of each pair are compared once
and must be equal (a difference stops the benchmark).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import csvtext, vader  # noqa: E402
from analysis.codebook import load_codebook  # noqa: E402
from analysis.datasets import nyt_editorials  # noqa: E402
from analysis.pipeline import article_records  # noqa: E402
from analysis.punkt_fast import make_punkt  # noqa: E402
from analysis.records import TABLES  # noqa: E402
from analysis.sinks import records_csv  # noqa: E402
from analysis.tokenize import ABBREVIATIONS  # noqa: E402


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    articles = nyt_editorials()
    paragraphs = [p for _, text in articles for p in text.split("\n\n") if p.strip()]
    fast_punkt, nltk_punkt = make_punkt(ABBREVIATIONS, "fast"), make_punkt(ABBREVIATIONS, "nltk")
    spans = [fast_punkt.spans(p) for p in paragraphs]
    codebook = load_codebook()
    records = [(name, article_records(text, codebook)) for name, text in articles]
    words = sum(len(p.split()) for p in paragraphs)
    print(
        f"inputs: {len(articles)} editorials, {len(paragraphs):,} paragraphs, {words:,} words, "
        f"{sum(map(len, spans)):,} sentences; {args.rounds} interleaved rounds"
    )

    def vader_fast():
        vader._WORDS.clear()
        return [vader.paragraph_scores(p, s) for p, s in zip(paragraphs, spans)]

    def vader_library():
        return [vader.library_paragraph_scores(p, s) for p, s in zip(paragraphs, spans)]

    def punkt_fast():
        return [fast_punkt.spans(p) for p in paragraphs]

    def punkt_library():
        return [list(nltk_punkt.span_tokenize(p)) for p in paragraphs]

    def csv_with(implementation: str):
        def run():
            csvtext.CSV_IMPLEMENTATION = implementation
            try:
                return [records_csv(r, t, name) for name, r in records for t in TABLES]
            finally:
                csvtext.CSV_IMPLEMENTATION = "fast"

        return run

    pairs = {
        "VADER (analysis.vader vs vaderSentiment 3.3.2)": (vader_fast, vader_library),
        "Punkt (analysis.punkt_fast vs NLTK)": (punkt_fast, punkt_library),
        "CSV (analysis.csvtext vs csv.writer)": (csv_with("fast"), csv_with("csv")),
    }
    ratios: dict[str, list[float]] = {name: [] for name in pairs}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in pairs}
    for k in range(args.rounds):
        for name, (fast, library) in pairs.items():
            t_fast, out_fast = timed(fast)
            t_lib, out_lib = timed(library)
            if k == 0 and out_fast != out_lib:
                raise SystemExit(f"{name}: the twin and the library disagree")
            ratios[name].append(t_lib / t_fast)
            times[name].append((t_fast, t_lib))
    print("\n| twin | fast | library | library / fast (median; range) |\n|---|---:|---:|---|")
    for name in pairs:
        fast_s = statistics.median(t for t, _ in times[name])
        lib_s = statistics.median(t for _, t in times[name])
        r = ratios[name]
        print(
            f"| {name} | {fast_s:.2f} s | {lib_s:.2f} s | {statistics.median(r):.2f}x ({min(r):.2f} to {max(r):.2f}) |"
        )


if __name__ == "__main__":
    main()
