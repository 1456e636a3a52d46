"""The part-of-speech tagger against VADER: time per token on the same sentences. Asserts nothing.

    .venv/bin/python benchmarks/bench_tagger.py [--rounds 5]

Inputs, each sentence tokenized once by ``analysis.tokenize.tokens_and_starts``
(untimed; times are per token of the package's tokens, as the tagger sees them):

* ``ewt``: the 2,077 sentences of UD English EWT's test file
  (``data/external/ud-english-ewt/``; web text, the tagger's test set);
* ``nyt``: the 5,190 sentences of the NYT editorial snippets of VADER's
  benchmark (``data/external/vader_icwsm2014/``; news, in file order).

Each round times, in this one process, interleaved (the order of the two
alternating from round to round), for each input:

1. VADER: ``analysis.sentiment.polarity`` of every sentence (the package's VADER,
   :mod:`analysis.vader` unless ``ANALYSIS_VADER`` says otherwise);
2. the tagger: ``analysis.postag.tag`` of every sentence's tokens;

each twice: *cold*, its caches cleared first (VADER's word readings; the tagger's
token, suffix, prefix and shape sums; the model stays loaded, its weights already
unpacked), as a new worker process meets the text, words repeating only as the
text repeats them (on ``nyt``: a corpus of news from a fresh start); and then *warm*,
the same sentences again, every word already seen. The ratio tagger / VADER is
taken within a round; medians and ranges over rounds are printed. The one-off
cost of loading the model (reading, unzipping, parsing the file) is printed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import postag, sentiment, vader  # noqa: E402
from analysis.tokenize import tokens_and_starts  # noqa: E402

EWT_TEST = ROOT / "data" / "external" / "ud-english-ewt" / "en_ewt-ud-test.conllu.gz"
NYT = ROOT / "data" / "external" / "vader_icwsm2014" / "nytEditorialSnippets_GroundTruth.txt"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def summary(values: list[float], unit: str = "") -> str:
    return f"{statistics.median(values):.2f}{unit} ({min(values):.2f} to {max(values):.2f})"


def inputs() -> dict[str, list[str]]:
    nyt = [line.split("\t", 2)[2] for line in NYT.read_text(encoding="utf-8").splitlines() if line]
    return {"ewt": [s.text for s in postag.read_conllu(EWT_TEST)], "nyt": nyt}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    load = timed(postag.load_model)
    model = postag._model()
    polarity, tag = sentiment.polarity, postag.tag
    print(f"loading the model: {load * 1000:.0f} ms (once per process); {args.rounds} rounds; medians (ranges)")
    for name, texts in inputs().items():
        sentences = [tokens_and_starts(text)[0] for text in texts]
        n_tokens = sum(map(len, sentences))

        def run_vader(texts=texts):
            for text in texts:
                polarity(text)

        def run_tagger(sentences=sentences):
            for tokens in sentences:
                tag(tokens)

        run_tagger()  # unpack the weights the text needs (part of loading)
        rows: dict[str, list[float]] = {k: [] for k in ("VADER cold", "tagger cold", "VADER warm", "tagger warm")}
        for r in range(args.rounds):
            for who in ("VADER", "tagger") if r % 2 == 0 else ("tagger", "VADER"):
                if who == "VADER":
                    vader._WORDS.clear()
                    cold, warm = timed(run_vader), timed(run_vader)
                else:
                    model.clear_caches()
                    cold, warm = timed(run_tagger), timed(run_tagger)
                rows[f"{who} cold"].append(cold / n_tokens * 1e6)
                rows[f"{who} warm"].append(warm / n_tokens * 1e6)
        print(f"\n{name}: {len(texts):,} sentences, {n_tokens:,} tokens")
        for key, values in rows.items():
            print(f"  {key:<12} {summary(values, ' us/token')}")
        for state in ("cold", "warm"):
            ratios = [t / v for t, v in zip(rows[f"tagger {state}"], rows[f"VADER {state}"])]
            print(f"  tagger / VADER, {state}: {summary(ratios, 'x')}")


if __name__ == "__main__":
    main()
