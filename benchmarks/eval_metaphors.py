"""Score ``metaphor_candidates.csv`` against hand-coded MIPVU readings in ``data/gold/metaphor/``.

Run: ``python benchmarks/eval_metaphors.py [--show] [--threshold T] [ids...]``.
Each reading codes every content word of an article (``data/gold/articles/<id>.txt``)
as metaphor-related or not, with a tier (``framing``: salient; ``conventional``).
A word counts as found when a flagged candidate (score >= the threshold) starts
where the coded word starts. Scores are over the coded words only (the
VU Amsterdam shared task's convention); flags on words the reading did not code
(proper names, prepositions) are counted apart. Articles marked ``dev`` are those
the weights and the lemma table of :mod:`analysis.metaphor` were fitted on
(``tools/fit_metaphor_weights.py``); ``held`` ones were not.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.metaphor import DEFAULT_THRESHOLD, SHOW_THRESHOLD, WEIGHTS_FILE  # noqa: E402

GOLD = ROOT / "data" / "gold"
#: the readings the weights and the lemma table were fitted on (``trained_on`` in the weights file); the
#: others are held out
DEV = tuple(json.loads((ROOT / "analysis" / "resources" / WEIGHTS_FILE).read_text(encoding="utf-8"))["trained_on"])


def score(rows: list[dict], flagged: set[int]) -> dict:
    tp = sum(1 for r in rows if r["metaphor"] == "1" and int(r["start"]) in flagged)
    fp = sum(1 for r in rows if r["metaphor"] != "1" and int(r["start"]) in flagged)
    fn = sum(1 for r in rows if r["metaphor"] == "1" and int(r["start"]) not in flagged)
    framing = [r for r in rows if r["tier"] == "framing"]
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return {
        "words": len(rows),
        "metaphors": tp + fn,
        "flagged": tp + fp,
        "precision": p,
        "recall": rc,
        "f1": 2 * p * rc / (p + rc) if p + rc else 0.0,
        "framing": len(framing),
        "framing_recall": sum(1 for r in framing if int(r["start"]) in flagged) / len(framing) if framing else None,
    }


def evaluate(ids: list[str], threshold: float, show: bool = False) -> dict:
    pooled_rows, pooled_flags = [], set()
    for i, aid in enumerate(ids):
        result = analysis.analyze(GOLD / "articles" / f"{aid}.txt")
        rows = list(csv.DictReader(open(GOLD / "metaphor" / f"{aid}.csv", encoding="utf-8")))
        c = result.metaphor_candidates
        flagged = set(int(s) for s in c.loc[c["score"] >= threshold, "start"])
        coded = {int(r["start"]) for r in rows}
        s = score(rows, flagged)
        fr = _recall_text(s)
        print(
            f"{aid} {'dev ' if aid in DEV else 'held'}  words {s['words']:3d} metaphors {s['metaphors']:3d} "
            f"flagged {s['flagged']:3d}  P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}  "
            f"framing {s['framing']:2d} recall {fr}  flags outside coded words {len(flagged - coded)}"
        )
        if show:
            by_start = {int(r["start"]): r for r in rows}
            scores = dict(zip(c["start"], c["score"]))
            for r in rows:
                st = int(r["start"])
                if (r["metaphor"] == "1") != (st in flagged):
                    kind = "missed" if r["metaphor"] == "1" else "extra "
                    print(f"   {kind} {r['text']!r} {r['pos']} {r['tier'] or ''} score {scores.get(st, '<0.3')}")
            del by_start
        off = i * 10**7
        pooled_rows += [{**r, "start": str(int(r["start"]) + off)} for r in rows]
        pooled_flags |= {f + off for f in flagged}
    s = score(pooled_rows, pooled_flags)
    print(
        f"pooled      words {s['words']:3d} metaphors {s['metaphors']:3d} flagged {s['flagged']:3d}  "
        f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}  framing {s['framing']} recall "
        f"{_recall_text(s)}"
    )
    return s


def _recall_text(s: dict) -> str:
    """The framing-tier recall to print: "-" when there are no framing words."""
    return "-" if s["framing_recall"] is None else f"{s['framing_recall']:.2f}"


def seed_scores(threshold: float) -> dict:
    """The seed's human frame coding (``data/gold/seed_frames.csv``) against the candidates found with a
    codebook that knows nothing of the seed: recall of the coded expressions (one flagged word inside counts),
    and the share of flagged words inside a coded expression (a lower bound of precision: the coding covers
    seven frames, not every conventional metaphor)."""
    from analysis.codebook import parse_codebook

    seed = ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
    result = analysis.analyze(seed, codebook=parse_codebook("frames:\n  other:\n    terms: [zzzqqq]\n"))
    paras = dict(zip(result.paragraphs["para"], zip(result.paragraphs["start"], result.paragraphs["text"])))
    spans = []
    for row in csv.DictReader(open(GOLD / "seed_frames.csv", encoding="utf-8")):
        start, text = paras[int(row["para"])]
        at = text.lower().find(row["text"].lower())
        if at >= 0:
            spans.append((start + at, start + at + len(row["text"])))
    c = result.metaphor_candidates
    found = list(zip(c.loc[c["score"] >= threshold, "start"], c.loc[c["score"] >= threshold, "end"]))
    hit = sum(1 for a, z in spans if any(a <= s and e <= z for s, e in found))
    inside = sum(1 for s, e in found if any(a <= s and e <= z for a, z in spans))
    out = {"coded": len(spans), "recalled": hit, "flagged": len(found), "inside": inside}
    print(
        f"seed (no codebook): {hit} of {len(spans)} coded expressions have a flagged word (recall "
        f"{hit / len(spans):.2f}); {inside} of {len(found)} flagged words lie in a coded expression "
        f"({inside / max(len(found), 1):.2f}, a lower bound of precision)"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the disagreements")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--seed", action="store_true", help="also score the seed's human frame coding")
    parser.add_argument("--held-out", action="store_true", help="only the readings the model was not fitted on")
    parser.add_argument("ids", nargs="*", help="article ids (default: every coded article)")
    args = parser.parse_args()
    if args.threshold < SHOW_THRESHOLD:  # only candidates from SHOW_THRESHOLD are written: no scores below
        sys.exit(f"error: --threshold below {SHOW_THRESHOLD} cannot be scored (candidates are written from it)")
    if args.seed:
        seed_scores(args.threshold)
    ids = args.ids or sorted(p.stem for p in (GOLD / "metaphor").glob("*.csv"))
    if args.held_out:
        ids = [i for i in ids if i not in DEV]
    evaluate(ids, args.threshold, show=args.show)


if __name__ == "__main__":
    main()
