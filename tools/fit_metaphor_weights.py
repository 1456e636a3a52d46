"""Fit the metaphor-candidate model's weights on the package's own MIPVU readings.

Run: ``python tools/fit_metaphor_weights.py`` (rewrites
``analysis/resources/metaphor_weights.json``). The readings are
``data/gold/metaphor/<id>.csv`` (every content word of an article coded
metaphor-related or not, by a careful MIPVU close reading; see
``data/gold/README.md``); only the development ids (:data:`DEV`) are used, the
others stay held out for ``benchmarks/eval_metaphors.py``. The features are
those of :func:`analysis.metaphor.features` (WordNet senses, concreteness,
domains, context, the tagger's part of speech), joined to the coded words by
their start offset. The model is a logistic regression with an L2 penalty
(:data:`L2`, not on the four part-of-speech intercepts), fitted by Newton's
method (iteratively reweighted least squares): deterministic, no random start.
``extended`` (the boost for a word of an extended source domain, a paragraph
signal too rare in a few articles to fit) is set by hand.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.metaphor import FEATURES, WEIGHTS_FILE, article_features  # noqa: E402

GOLD = ROOT / "data" / "gold"
OUT = ROOT / "analysis" / "resources" / WEIGHTS_FILE
#: the readings the weights are fitted on (the rest are held out)
DEV = ("5fa3154ec0", "39d5c43beb", "57d46c9d75")
#: the L2 penalty on every weight but the intercepts
L2 = 1.0
#: the log-odds added for a word of an extended source domain in its paragraph (set by hand)
EXTENDED = 1.5


def training_rows(ids) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for aid in ids:
        result = analysis.analyze(GOLD / "articles" / f"{aid}.txt")
        coded = {int(r["start"]): r["metaphor"] == "1" for r in csv.DictReader(open(GOLD / "metaphor" / f"{aid}.csv"))}
        records = result.records
        for s, k, _token, _lemma, _pos, _domain, x in article_features(records.sentence_tokens, records.sentence_tags):
            start = s.base + s.starts[k]
            if start in coded:
                xs.append(x)
                ys.append(float(coded[start]))
    return np.array(xs), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = 50) -> np.ndarray:
    """L2-penalised logistic regression by Newton's method; the first four columns (intercepts) unpenalised."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[:4] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def main() -> None:
    x, y = training_rows(DEV)
    w = fit(x, y)
    data = {
        "about": "Weights of analysis.metaphor's logistic model, written by tools/fit_metaphor_weights.py",
        "trained_on": list(DEV),
        "words": int(len(y)),
        "metaphors": int(y.sum()),
        "l2": L2,
        "weights": {**{f: round(float(v), 4) for f, v in zip(FEATURES, w)}, "extended": EXTENDED},
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(y)} words ({int(y.sum())} metaphors) from {', '.join(DEV)}")
    for f, v in data["weights"].items():
        print(f"  {f:16s} {v:+.4f}")


if __name__ == "__main__":
    main()
