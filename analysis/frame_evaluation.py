"""Validate codebook hits against a human coding (precision, recall, F1).

A gold file (CSV, UTF-8) has one row per human-coded expression with at least
the columns ``para, frame, text``: ``text`` is the expression exactly as it
stands in paragraph ``para`` (the same paragraph numbering as the tables). A
hit *matches* a gold row when their paragraph and frame agree and their
character spans overlap. Precision = matched hits / hits; recall = matched
gold rows / gold rows; F1 their harmonic mean. Scores are computed per frame
and overall (micro-averaged) over the frames the gold file codes: a codebook
frame the human coder did not code cannot be scored and is listed apart; a
gold frame that is not in the codebook is refused (a typo would score 0).
Matching is by overlap, not one to one: two hits ("real estate", "tycoon")
can both match one gold row ("real estate tycoon").

A gold file is read up to :data:`MAX_GOLD_BYTES` bytes (more is refused, not
read), and a field longer than the csv module's field limit (128 KB) is
refused with its line.
"""

from __future__ import annotations

import csv
import io
import re
import reprlib
from pathlib import Path

import pandas as pd

from .codebook import read_limited
from .errors import AnalysisError

#: bytes of a gold file (more is refused, and not read)
MAX_GOLD_BYTES = 5_000_000
GOLD_COLUMNS = ("para", "frame", "text")
_REPR = reprlib.Repr()
_REPR.maxstring = 60
SCORE_COLUMNS = ["frame", "gold", "hits", "matched_gold", "matched_hits", "precision", "recall", "f1"]


def load_gold(path: str | Path, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Read a gold file and locate each expression in its paragraph.

    An expression is found as a whole word (\"win\" is not found inside
    \"growing\"); repeated expressions of one frame in one paragraph take
    successive occurrences.

    Returns:
        The gold rows with ``start`` and ``end`` offsets added.

    Raises:
        AnalysisError: missing columns, a bad paragraph number, or a text not
            found in its paragraph (the message names the file and line).
    """
    path = Path(path)
    data = read_limited(path, MAX_GOLD_BYTES, "gold file")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnalysisError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    reader = csv.DictReader(io.StringIO(raw))
    try:
        return _locate(path, reader, paragraphs)
    except csv.Error as exc:
        if "field limit" in str(exc):
            problem = f"a field is longer than {csv.field_size_limit()} characters"
        else:
            problem = f"not valid CSV ({exc})"
        raise AnalysisError(f"{path}: line {reader.reader.line_num}: {problem}") from None  # the line read


def _locate(path: Path, reader: csv.DictReader, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``reader`` located in their paragraphs (:func:`load_gold`)."""
    missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AnalysisError(f"{path}: missing column(s) {', '.join(missing)} (need para, frame, text)")
    texts = dict(zip(paragraphs["para"], paragraphs["text"]))
    starts = dict(zip(paragraphs["para"], paragraphs["start"]))
    used: dict[tuple[int, str, str], int] = {}
    rows = []
    for line, row in enumerate(reader, start=2):
        try:
            para = int(row["para"])
        except (TypeError, ValueError):
            raise AnalysisError(f"{path}: line {line}: para {_REPR.repr(row['para'])} is not a number") from None
        if para not in texts:
            raise AnalysisError(f"{path}: line {line}: no paragraph {para} in the article")
        expr, frame = row["text"] or "", (row["frame"] or "").strip()
        if not expr.strip() or not frame:
            raise AnalysisError(f"{path}: line {line}: empty frame or text")
        found = _whole(expr).search(texts[para], used.get((para, frame, expr), 0))
        pos = found.start() if found else -1
        if pos < 0:
            raise AnalysisError(f"{path}: line {line}: {_REPR.repr(expr)} not found in paragraph {para}")
        used[(para, frame, expr)] = pos + len(expr)
        start = starts[para] + pos
        rows.append({"para": para, "frame": frame, "text": expr, "start": start, "end": start + len(expr)})
    return pd.DataFrame(rows, columns=["para", "frame", "text", "start", "end"])


def _some(names: list[str], n: int = 20) -> str:
    """The first ``n`` names, and how many more: a message stays one readable line."""
    return ", ".join(names[:n]) + (f" and {len(names) - n} more" if len(names) > n else "")


def _whole(expr: str) -> re.Pattern:
    """``expr`` as a whole-word pattern ("win" is not found inside "growing")."""
    left = r"(?<!\w)" if expr[:1].isalnum() else ""
    right = r"(?!\w)" if expr[-1:].isalnum() else ""
    return re.compile(left + re.escape(expr) + right)


def _overlap(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    """For each row of ``a``: does some row of ``b`` share its para and frame and overlap its span?"""
    if a.empty or b.empty:
        return pd.Series(False, index=a.index)
    m = a.reset_index().merge(b[["para", "frame", "start", "end"]], on=["para", "frame"], suffixes=("", "_b"))
    m = m[(m["start"] < m["end_b"]) & (m["start_b"] < m["end"])]
    return a.index.to_series().isin(m["index"])


def _prf(gold: int, hits: int, mg: int, mh: int) -> tuple[float, float, float]:
    p = mh / hits if hits else 0.0
    r = mg / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def score_hits(hits: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Precision, recall and F1 per frame and overall.

    Args:
        hits: a frame_hits table.
        gold: located gold rows (:func:`load_gold`).

    Returns:
        ``(scores, detail)``: scores has one row per gold frame plus
        ``overall``; detail lists every hit and gold row with ``source``
        (``hit``/``gold``) and ``matched`` so errors can be read one by one.
    """
    frames = list(dict.fromkeys(gold["frame"]))
    hits = hits[hits["frame"].isin(frames)].reset_index(drop=True)
    hit_ok = _overlap(hits, gold)
    gold_ok = _overlap(gold.reset_index(drop=True), hits)
    rows = []
    for frame in frames + ["overall"]:
        hsel = hits["frame"] == frame if frame != "overall" else pd.Series(True, index=hits.index)
        gsel = (
            gold["frame"].reset_index(drop=True) == frame
            if frame != "overall"
            else pd.Series(True, index=gold_ok.index)
        )
        counts = (int(gsel.sum()), int(hsel.sum()), int(gold_ok[gsel].sum()), int(hit_ok[hsel].sum()))
        rows.append(
            {
                "frame": frame,
                "gold": counts[0],
                "hits": counts[1],
                "matched_gold": counts[2],
                "matched_hits": counts[3],
                **dict(zip(("precision", "recall", "f1"), _prf(*counts))),
            }
        )
    detail = (
        pd.concat(
            [
                pd.DataFrame(
                    {
                        "source": "hit",
                        "para": hits["para"],
                        "frame": hits["frame"],
                        "text": hits["matched_text"],
                        "entry": hits["entry"],
                        "start": hits["start"],
                        "end": hits["end"],
                        "matched": hit_ok.to_numpy(),
                    }
                ),
                pd.DataFrame(
                    {
                        "source": "gold",
                        "para": gold["para"].to_numpy(),
                        "frame": gold["frame"].to_numpy(),
                        "text": gold["text"].to_numpy(),
                        "entry": "",
                        "start": gold["start"].to_numpy(),
                        "end": gold["end"].to_numpy(),
                        "matched": gold_ok.to_numpy(),
                    }
                ),
            ],
            ignore_index=True,
        )
        .sort_values(["para", "start", "source"], kind="stable")
        .reset_index(drop=True)
    )
    return pd.DataFrame(rows, columns=SCORE_COLUMNS), detail


def evaluate(result, gold_path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Score an Analysis against a gold file.

    Returns:
        ``(scores, detail, unscored)``; ``unscored`` lists codebook frames
        that the gold file does not code.
    """
    gold = load_gold(gold_path, result.paragraphs)
    unknown = sorted(set(gold["frame"]) - set(result.codebook.frames))
    if unknown:
        raise AnalysisError(
            f"{gold_path}: frame(s) {_some(list(map(_REPR.repr, unknown)))} not in the codebook "
            f"({_some(list(result.codebook.frames))})"
        )
    scores, detail = score_hits(result.frame_hits, gold)
    unscored = [f for f in result.codebook.frames if f not in set(gold["frame"])]
    return scores, detail, unscored
