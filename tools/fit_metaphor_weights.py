"""Fit the metaphor-candidate model's weights on the package's own MIPVU readings.

Run: ``python tools/fit_metaphor_weights.py [--cv] [--drop FEATURE ...]``
(rewrites ``analysis/resources/metaphor_weights.json`` and
``analysis/resources/metaphor_lemmas.tsv`` unless ``--cv`` or ``--drop``
is given). The readings are ``data/gold/metaphor/<id>.csv`` (every content
word of an article coded metaphor-related or not, by a careful MIPVU close
reading; see ``data/gold/README.md``); only the training ids (:data:`TRAIN`)
are used, the others stay held out for ``benchmarks/eval_metaphors.py``.

The features are those of :func:`analysis.metaphor.article_features` (WordNet senses,
concreteness, domains, context, the tagger's part of speech), joined to the
coded words by their start offset, and ``lemma_prior``: how often the lemma was
coded metaphor-related in the training readings, smoothed toward its part of
speech's rate (:func:`analysis.metaphor.prior_logodds`). While fitting, each
article's ``lemma_prior`` is counted from the other articles only (leave one
article out), so its weight is what the record of a lemma is worth on an
article it was not counted from. The model is a logistic regression with an L2
penalty (:data:`L2`, not on the four part-of-speech intercepts), fitted by
Newton's method (iteratively reweighted least squares): deterministic, no
random start.

``--cv`` prints leave-one-article-out precision, recall and F1 over the
training readings at several thresholds (and the recall of framing-tier words), and writes nothing: the way to judge a
feature (``--drop``) without looking at the held-out readings.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.metaphor import (  # noqa: E402
    FEATURES,
    LEMMAS_FILE,
    WEIGHTS_FILE,
    article_features,
    pos_rates,
    prior_logodds,
)

GOLD = ROOT / "data" / "gold"
RESOURCES = ROOT / "analysis" / "resources"
#: the readings the weights are fitted on (the rest are held out)
TRAIN = (
    "5fa3154ec0",
    "39d5c43beb",
    "57d46c9d75",
    "4a44ab3e4c",
    "7916ecca96",
    "04a6711caa",
    "1f765c4878",
    "1ee91d1fce",
    "374ac9a59a",
    "5a822960e9",
    "5f9c5ed5d6",
    "6ebac05f63",
    "156770d676",
    "65408257db",
    "7de5241947",
    "264dc3ae31",
    "098bb3e96c",
    "42aad16bde",
    "06e5123e4e",
    "7f93c1944a",
    "0d46122928",
    "624fcd903d",
    "70cb2d5bca",
    "360c732d1f",
    "2c46804d9d",
    "08f7937627",
    # held out until the 26 readings above had been fitted and scored; trained on since
    "7a664e40d2",
    "55bb6340e3",
    "7dfc3e359d",
    "291a8bf33e",
    "5caf91b8a4",
    "3c5bf8db42",
    # held out until the 32 readings above had been fitted and scored; trained on since
    "05844573ca",
    "3f65af7b6b",
    "51d066b060",
    "5fa5679de5",
    "686bb170ef",
    # held out until the 37 readings above had been fitted and scored; trained on since
    "1ace8c85aa",
    "51374560f4",
    "65ce3a4577",
    "785affa2c3",
    "7a457a4f71",
    "7bb1ca9035",
)
#: the L2 penalty on every weight but the intercepts
L2 = 1.0
PRIOR = FEATURES.index("lemma_prior")


class Article:
    """One reading's coded words: features, labels, and (lemma, pos) keys."""

    def __init__(self, aid: str):
        result = analysis.analyze(GOLD / "articles" / f"{aid}.txt")
        rows = list(csv.DictReader(open(GOLD / "metaphor" / f"{aid}.csv", encoding="utf-8")))
        coded = {int(r["start"]): r["metaphor"] == "1" for r in rows}
        tiers = {int(r["start"]): r["tier"] for r in rows}
        records = result.records
        xs, ys, keys, framing = [], [], [], []
        for s, k, _token, lemma, pos, _domain, x in article_features(records.sentence_tokens, records.sentence_tags):
            start = s.base + s.starts[k]
            if start in coded:
                xs.append(x)
                ys.append(float(coded[start]))
                keys.append((lemma, pos))
                framing.append(tiers[start] == "framing")
        self.aid = aid
        self.x = np.array(xs)
        self.y = np.array(ys)
        self.keys = keys
        self.framing = np.array(framing, dtype=bool)
        self.counts: Counter = Counter()
        for key, y in zip(keys, ys):
            self.counts[key, "words"] += 1
            self.counts[key, "metaphors"] += int(y)


def with_priors(article: Article, counts: Counter) -> np.ndarray:
    """The article's features with ``lemma_prior`` from ``counts`` (which must not include the article)."""
    by_pos = rates(counts)
    x = article.x.copy()
    for i, key in enumerate(article.keys):
        x[i, PRIOR] = prior_logodds(counts[key, "metaphors"], counts[key, "words"], by_pos.get(key[1], 0.2))
    return x


def rates(counts: Counter) -> dict[str, float]:
    """:func:`analysis.metaphor.pos_rates` of ``counts``."""
    keys = {key for key, _what in counts}
    return pos_rates((key[1], counts[key, "words"], counts[key, "metaphors"]) for key in keys)


def design(articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    """Training rows with leave-one-article-out priors, and their labels."""
    total = sum((a.counts for a in articles), Counter())
    xs = [with_priors(a, total - a.counts) for a in articles]
    return np.vstack(xs), np.concatenate([a.y for a in articles])


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


def cross_validate(articles: list[Article], keep: np.ndarray) -> None:
    """Leave-one-article-out scores: fit on the others, score the one left out."""
    probs, labels, framing = [], [], []
    for i, test in enumerate(articles):
        rest = articles[:i] + articles[i + 1 :]
        x, y = design(rest)
        w = fit(x * keep, y)
        counts = sum((a.counts for a in rest), Counter())
        xt = with_priors(test, counts) * keep
        probs.append(1.0 / (1.0 + np.exp(-(xt @ w))))
        labels.append(test.y)
        framing.append(test.framing)
    p, y, framing = np.concatenate(probs), np.concatenate(labels), np.concatenate(framing)
    print(f"leave-one-article-out over {len(articles)} readings, {len(y)} words, {int(y.sum())} metaphors")
    for t in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        flag = p >= t
        tp = float((flag & (y == 1)).sum())
        prec = tp / max(flag.sum(), 1)
        rec = tp / max(y.sum(), 1)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        fr = (flag & framing).sum() / max(framing.sum(), 1)
        print(f"  threshold {t:.2f}: P {prec:.3f} R {rec:.3f} F1 {f1:.3f}  framing recall {fr:.2f} of {framing.sum()}")


def build(articles: list[Article]) -> tuple[str, str]:
    """The text of the weights file and of the lemma table fitted on ``articles``."""
    x, y = design(articles)
    w = fit(x, y)
    ids = [a.aid for a in articles]
    data = {
        "about": "Weights of analysis.metaphor's logistic model, written by tools/fit_metaphor_weights.py",
        "trained_on": ids,
        "words": int(len(y)),
        "metaphors": int(y.sum()),
        "l2": L2,
        "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w)},
    }
    total = sum((a.counts for a in articles), Counter())
    lines = [
        "# How often the package's MIPVU readings coded a lemma metaphor-related (lemma and part of speech as",
        "# analysis.metaphor reads them). Written by tools/fit_metaphor_weights.py from data/gold/metaphor/:",
        f"# {', '.join(ids)}. The project's own coding, under the project's licence.",
        "lemma\tpos\twords\tmetaphors",
    ]
    keys = sorted({key for key, _ in total})
    lines += [
        f"{lemma}\t{pos}\t{total[(lemma, pos), 'words']}\t{total[(lemma, pos), 'metaphors']}" for lemma, pos in keys
    ]
    return json.dumps(data, indent=1) + "\n", "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="print leave-one-article-out scores, write nothing")
    parser.add_argument("--drop", nargs="*", default=[], help="features to leave out (with --cv)")
    args = parser.parse_args()
    unknown = set(args.drop) - set(FEATURES)
    if unknown:
        sys.exit(f"error: unknown features: {', '.join(sorted(unknown))}")
    keep = np.array([0.0 if f in args.drop else 1.0 for f in FEATURES])
    articles = [Article(aid) for aid in TRAIN]
    if args.cv or args.drop:
        cross_validate(articles, keep)
        return
    weights_text, lemmas_text = build(articles)
    (RESOURCES / WEIGHTS_FILE).write_text(weights_text, encoding="utf-8")
    (RESOURCES / LEMMAS_FILE).write_text(lemmas_text, encoding="utf-8")
    data = json.loads(weights_text)
    print(
        f"{WEIGHTS_FILE}, {LEMMAS_FILE}: {data['words']} words ({data['metaphors']} metaphors), {len(TRAIN)} readings"
    )
    for f, v in data["weights"].items():
        print(f"  {f:16s} {v:+.4f}")


if __name__ == "__main__":
    main()
