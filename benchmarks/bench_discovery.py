"""Per-word cost of the codebook-free steps against VADER's: the tagger, entities, metaphor candidates.

Run: ``python benchmarks/bench_discovery.py [--rounds N]``. The articles are
the hand-coded news articles in ``data/gold/articles/`` and the seed, read and
split once. Each round times, on every article in turn: VADER on every
sentence and whole paragraph (``sentiment.paragraph_polarity``, what the
pipeline calls), the part-of-speech tagger on every sentence, the named
entities (``entities.find_entities``) and the metaphor candidates
(``metaphor.find_candidates``); rounds interleave the steps, and the medians
of the rounds are reported per word and as ratios to VADER. Caches are warm
after a first round, as in a corpus run after its first articles.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis import postag, sentiment  # noqa: E402
from analysis.entities import find_entities  # noqa: E402
from analysis.metaphor import find_candidates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = sorted((ROOT / "data" / "gold" / "articles").glob("*.txt")) + [
        ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
    ]
    results = [analysis.analyze(p) for p in paths]
    words = sum(int(r.paragraphs["n_words"].sum()) for r in results)

    def vader():
        for r in results:
            for text in r.paragraphs["text"]:
                spans = sentiment.bounded_sentence_spans(text, analysis.tokenize.sentence_spans(text))
                sentiment.paragraph_polarity(text, spans)

    def tagger():
        for r in results:
            for s in r.records.sentence_tokens:
                postag.tag([i.token for i in s.infos])

    def entities():
        for r in results:
            find_entities(r.text, r.records.sentence_tokens, r.records.sentence_tags)

    def candidates():
        for r in results:
            rec = r.records
            find_candidates(
                rec.sentence_tokens, rec.sentence_tags, rec.frame_hits, [(e.start, e.end) for e in rec.entities]
            )

    steps = {"vader": vader, "tagger": tagger, "entities": entities, "candidates": candidates}
    for step in steps.values():  # warm every cache
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.rounds):
        for name, step in steps.items():
            t = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - t)
    base = statistics.median(times["vader"])
    print(f"{len(results)} articles, {words} words; medians of {args.rounds} interleaved rounds")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"  {name:10s} {1e6 * m / words:6.1f} us/word  x{m / base:.2f} of VADER  (min {min(ts):.3f} s)")


if __name__ == "__main__":
    main()
