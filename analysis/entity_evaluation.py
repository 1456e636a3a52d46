"""How well ``entities.csv`` finds the named mentions a person coded by hand.

A hand coding is a CSV of ``start, end, text, kind, name`` rows (offsets into
the article as :func:`analysis.load_text` reads it), one per named mention,
``kind`` one of person, organisation, place, group, or ``other`` for named
things that are not actors (events, laws, products): ``data/gold/entities/``
holds the package's own, with their coding rules in ``data/gold/README.md``.

Scores (:func:`score_entities`):

* **span** precision and recall: a found mention counts when its start and end
  are those of a coded mention (exact spans); a found mention inside or over a
  span coded ``other`` counts neither way;
* **typed**: the same, but the kind must agree too;
* **overlap** precision and recall: found mentions that overlap a coded one, and coded mentions
  that some found mention overlaps (partial matches, as MUC scoring counts them: "U.S. Attorney"
  for "U.S. Attorney's Office", "Kennedy Jr" for "Kennedy Jr.");
* **name** accuracy: of the exact matches, the share whose canonical name is
  the coded one, compared without case, full stops and spaces ("U.S." = "US").

What it cannot tell: the coding is one reader's; the scores are on the
articles coded, a handful of news texts, not on news in general.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import AnalysisError

GOLD_COLUMNS = ["start", "end", "text", "kind", "name"]
#: kinds a coding may use; ``other`` marks names that are not actors, ignored by the scores
GOLD_KINDS = ("person", "organisation", "place", "group", "other")


def read_gold_entities(path: str | Path, text: str | None = None) -> pd.DataFrame:
    """A hand coding of named mentions, checked: its columns, kinds, and (with ``text``) its offsets."""
    try:
        gold = pd.read_csv(path, keep_default_na=False, dtype={"text": str, "kind": str, "name": str})
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise AnalysisError(f"{path}: cannot read the coding ({exc})") from None
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise AnalysisError(f"{path}: the coding lacks column(s) {', '.join(missing)}")
    bad = sorted(set(gold["kind"]) - set(GOLD_KINDS))
    if bad:
        raise AnalysisError(f"{path}: unknown kind(s) {', '.join(map(repr, bad))}; kinds are {', '.join(GOLD_KINDS)}")
    if text is not None:
        for row in gold.itertuples():
            if text[row.start : row.end] != row.text:
                raise AnalysisError(f"{path}: row {row.Index + 2}: text[{row.start}:{row.end}] is not {row.text!r}")
    return gold


def _key(name: str) -> str:
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def score_entities(found: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Span, typed and name scores of found mentions against a hand coding (see the module's rules).

    Returns:
        Counts (``gold``, ``found``, ``span_tp``, ``typed_tp``, ``overlap_hits``,
        ``overlap_found``, ``name_ok``, ``ignored``) and rates (``span_precision``, ``span_recall``,
        ``typed_precision``, ``typed_recall``, ``overlap_precision``, ``overlap_recall``,
        ``name_accuracy``);
        a rate with a zero denominator is None.
    """
    actors = gold[gold["kind"] != "other"]
    others = [
        (s, e) for s, e in zip(gold.loc[gold["kind"] == "other", "start"], gold.loc[gold["kind"] == "other", "end"])
    ]
    coded = {
        (int(s), int(e)): (k, n) for s, e, k, n in zip(actors["start"], actors["end"], actors["kind"], actors["name"])
    }
    kept = []
    ignored = 0
    for s, e, k, n in zip(found["start"], found["end"], found["kind"], found["name"]):
        s, e = int(s), int(e)
        if (s, e) not in coded and any(s < oe and os < e for os, oe in others):
            ignored += 1
            continue
        kept.append((s, e, k, n))
    span_tp = typed_tp = name_ok = 0
    for s, e, k, n in kept:
        if (s, e) in coded:
            span_tp += 1
            gk, gn = coded[(s, e)]
            typed_tp += k == gk
            name_ok += _key(n) == _key(gn)
    overlap_hits = sum(1 for (gs, ge) in coded if any(s < ge and gs < e for s, e, _, _ in kept))
    overlap_found = sum(1 for s, e, _, _ in kept if any(s < ge and gs < e for gs, ge in coded))

    def rate(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "gold": len(coded),
        "found": len(kept),
        "ignored": ignored,
        "span_tp": span_tp,
        "typed_tp": typed_tp,
        "overlap_hits": overlap_hits,
        "overlap_found": overlap_found,
        "name_ok": name_ok,
        "span_precision": rate(span_tp, len(kept)),
        "span_recall": rate(span_tp, len(coded)),
        "typed_precision": rate(typed_tp, len(kept)),
        "typed_recall": rate(typed_tp, len(coded)),
        "overlap_precision": rate(overlap_found, len(kept)),
        "overlap_recall": rate(overlap_hits, len(coded)),
        "name_accuracy": rate(name_ok, span_tp),
    }


def misses(found: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded mentions not found exactly, and the found mentions not coded (``other`` spans left out)."""
    actors = gold[gold["kind"] != "other"]
    found_spans = set(zip(found["start"].astype(int), found["end"].astype(int)))
    coded_spans = set(zip(actors["start"].astype(int), actors["end"].astype(int)))
    others = list(zip(gold.loc[gold["kind"] == "other", "start"], gold.loc[gold["kind"] == "other", "end"]))
    missed = actors[[(s, e) not in found_spans for s, e in zip(actors["start"], actors["end"])]]
    extra = found[
        [
            (s, e) not in coded_spans and not any(s < oe and os < e for os, oe in others)
            for s, e in zip(found["start"], found["end"])
        ]
    ]
    return missed, extra
