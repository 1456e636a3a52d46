"""Score ``entities.csv`` against the hand-coded named mentions in ``data/gold/entities/``.

Run: ``python benchmarks/eval_entities.py [--show]``. For each coded article
(``data/gold/articles/<id>.txt``) it runs the analysis with the default
codebook and prints span and typed precision and recall, overlap precision and recall and
name accuracy (:mod:`analysis.entity_evaluation`), per article and pooled.
``--show`` lists the misses and the extra mentions.

The coding rules are in ``data/gold/README.md``. Articles marked ``dev`` there
were read while the rules of :mod:`analysis.entities` were written; the others
were held out until the rules were fixed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.entity_evaluation import misses, read_gold_entities, score_entities  # noqa: E402

GOLD = ROOT / "data" / "gold"
#: articles whose errors were looked at while the rules were written
DEV = ("7a664e40d2", "1ee91d1fce", "1f765c4878", "374ac9a59a", "70cb2d5bca", "156770d676", "0d46122928")


def evaluate(ids: list[str], show: bool = False) -> dict:
    import pandas as pd

    found_all, gold_all = [], []
    for i, aid in enumerate(ids):
        result = analysis.analyze(GOLD / "articles" / f"{aid}.txt")
        gold = read_gold_entities(GOLD / "entities" / f"{aid}.csv", result.text)
        found = result.entities
        s = score_entities(found, gold)
        print(
            f"{aid} {'dev ' if aid in DEV else 'held'}  gold {s['gold']:3d} found {s['found']:3d}  "
            f"span P {s['span_precision']:.3f} R {s['span_recall']:.3f}  "
            f"typed P {s['typed_precision']:.3f} R {s['typed_recall']:.3f}  "
            f"overlap P {s['overlap_precision']:.3f} R {s['overlap_recall']:.3f}  name {s['name_accuracy']:.3f}"
        )
        if show:
            missed, extra = misses(found, gold)
            for r in missed.itertuples():
                print(f"   missed {r.start}:{r.end} {r.text!r} {r.kind}")
            for r in extra.itertuples():
                print(f"   extra  {r.start}:{r.end} {r.text!r} {r.kind} -> {r.name}")
            merged = found.merge(gold, on=["start", "end"], suffixes=("", "_gold"))
            for r in merged.itertuples():
                if r.kind_gold != "other" and (r.kind != r.kind_gold):
                    print(f"   kind   {r.text!r} {r.kind} (coded {r.kind_gold})")
            for r in merged.itertuples():
                if r.kind_gold != "other" and r.name.lower().replace(".", "") != r.name_gold.lower().replace(".", ""):
                    print(f"   name   {r.text!r} {r.name!r} (coded {r.name_gold!r})")
        found_all.append(found.assign(start=found["start"] + i * 10**7, end=found["end"] + i * 10**7))
        gold_all.append(gold.assign(start=gold["start"] + i * 10**7, end=gold["end"] + i * 10**7))
    pooled = score_entities(pd.concat(found_all), pd.concat(gold_all))
    print(
        f"pooled      gold {pooled['gold']:3d} found {pooled['found']:3d}  span P {pooled['span_precision']:.3f} "
        f"R {pooled['span_recall']:.3f}  typed P {pooled['typed_precision']:.3f} R {pooled['typed_recall']:.3f}  "
        f"overlap P {pooled['overlap_precision']:.3f} R {pooled['overlap_recall']:.3f}  "
        f"name {pooled['name_accuracy']:.3f}"
    )
    return pooled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list misses and extra mentions")
    parser.add_argument("ids", nargs="*", help="article ids (default: every coded article)")
    args = parser.parse_args()
    ids = args.ids or sorted(p.stem for p in (GOLD / "entities").glob("*.csv"))
    evaluate(ids, show=args.show)


if __name__ == "__main__":
    main()
