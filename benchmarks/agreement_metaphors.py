"""Agreement between two MIPVU readings of the same article: how far two careful coders agree.

Run: ``python benchmarks/agreement_metaphors.py`` (every article with a second
reading in ``data/gold/metaphor/second/``). Each second reading was made from the
same coding brief by a coder who had not seen the first
(``data/gold/README.md``). Over the content words both readings code (joined by
start offset) it prints the words each marks metaphor-related, raw agreement,
Cohen's kappa, and the F1 of one reading scored against the other: a ceiling
for what a model scored against one coder can reach, since a second human
reaches no higher.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "metaphor"


def labels(path: Path) -> dict[int, bool]:
    return {int(r["start"]): r["metaphor"] == "1" for r in csv.DictReader(open(path, encoding="utf-8"))}


def agreement(first: dict[int, bool], second: dict[int, bool]) -> dict:
    """Counts, raw agreement, Cohen's kappa and F1 (second against first) over the words both code."""
    both = sorted(set(first) & set(second))
    a = [first[s] for s in both]
    b = [second[s] for s in both]
    n = len(both)
    tp = sum(x and y for x, y in zip(a, b))
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    precision = tp / sum(b) if sum(b) else 0.0
    recall = tp / sum(a) if sum(a) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "words": n,
        "first": sum(a),
        "second": sum(b),
        "both": tp,
        "agreement": observed,
        "kappa": kappa,
        "f1": f1,
        "only_first": len(set(first) - set(second)),
        "only_second": len(set(second) - set(first)),
    }


def main() -> None:
    pooled_first: dict[int, bool] = {}
    pooled_second: dict[int, bool] = {}
    seconds = sorted((GOLD / "second").glob("*.csv"))
    if not seconds:
        sys.exit("error: no second reading in data/gold/metaphor/second/")
    for i, path in enumerate(seconds):
        first, second = labels(GOLD / path.name), labels(path)
        s = agreement(first, second)
        print(
            f"{path.stem}  words {s['words']:3d} (rows only in one reading: {s['only_first']} + {s['only_second']})  "
            f"metaphors {s['first']:3d} / {s['second']:3d}, both {s['both']:3d}  agreement {s['agreement']:.3f}  "
            f"kappa {s['kappa']:.3f}  F1 {s['f1']:.3f}"
        )
        off = i * 10**7
        pooled_first |= {k + off: v for k, v in first.items()}
        pooled_second |= {k + off: v for k, v in second.items()}
    s = agreement(pooled_first, pooled_second)
    print(
        f"pooled      words {s['words']:3d}  metaphors {s['first']:3d} / {s['second']:3d}, both {s['both']:3d}  "
        f"agreement {s['agreement']:.3f}  kappa {s['kappa']:.3f}  F1 {s['f1']:.3f}"
    )


if __name__ == "__main__":
    main()
