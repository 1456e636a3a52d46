"""Scale benchmark for one article (issue: robustness). Prints times and ratios; asserts nothing.

    .venv/bin/python benchmarks/bench_robustness.py [--repeat 3]

1. A 2 MB article that is one paragraph with no full stops (VADER's worst case:
   its rules are super-linear on long inputs, vaderSentiment issue 110).
2. Well-formed articles built from the seed's body paragraphs at 0.5, 1, 2 and
   5 MB: time per MB should stay flat (linear time).
Medians of --repeat runs, measured in one process on a shared machine.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

from analysis import analyze, analyze_text, paths


def median_time(text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        analyze_text(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seed = analyze(paths.SEED)
    body = seed.paragraphs.loc[seed.paragraphs["para"] > 0, "text"].tolist()
    prose = "\n\n".join(body)
    no_stops = re.sub(r"[.?!]", "", " ".join(body))

    text = "One long paragraph\n\n" + (no_stops + " ") * (2_000_000 // len(no_stops))
    t = median_time(text, 1)
    n_sent = len(analyze_text(text).sentences)
    print(f"2 MB, one paragraph, no full stops: {t:6.1f} s  (target < 60 s; scored as {n_sent} bounded chunks)")

    print("well-formed article built from the seed's body paragraphs:")
    base = None
    for mb in (0.5, 1, 2, 5):
        text = "Headline\n\n" + "\n\n".join([prose] * int(mb * 1_000_000 / len(prose)))
        t = median_time(text, args.repeat if mb < 5 else 1)
        per_mb = t / mb
        base = base or per_mb
        print(f"  {mb:>4} MB: {t:6.1f} s  = {per_mb:5.2f} s/MB  (x{per_mb / base:4.2f} the 0.5 MB rate)")


if __name__ == "__main__":
    main()
