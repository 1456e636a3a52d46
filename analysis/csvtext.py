"""Table rows as CSV text, byte for byte as ``csv.writer(..., lineterminator="\\n")`` writes them, faster.

A named twin of the standard library's ``csv.writer``. What it buys: 2.6x
``csv.writer``'s speed on every table of the 498 NYT editorials (median of 5
interleaved rounds, range 2.0x to 2.9x; ``benchmarks/bench_twins.py``); in
corpus mode ``csv.writer`` cost as much as Punkt. How: the tables' shapes
are fixed (:data:`analysis.records.TABLES`), so each table gets one f-string
per row, with the only cases ``csv.writer`` distinguishes: a string is quoted
(its ``"`` doubled) when it holds a comma or a double quote, an empty cell
stands for None, and numbers are written as ``str`` writes them. Strings that
repeat (frame ids, entries, tokens, stems) are formatted once and cached
(:data:`csv_cell`).

Choosing: ``ANALYSIS_CSV=csv`` in the environment writes every table through
``csv.writer`` itself (the reference); ``fast`` (the default) uses the
f-strings. ``tests/test_csvtext.py`` compares the two on every table.

A leaf module (it imports nothing of the package but the record types), so
both the pipeline (a token's cells, formatted once) and the sinks use it.
"""

from __future__ import annotations

import csv
import io
import os

from .caches import BoundedCache
from .errors import AnalysisError
from .records import SentenceTokens, token_rows

IMPLEMENTATIONS = ("fast", "csv")
#: ``fast`` (the f-strings) or ``csv`` (``csv.writer``); set with the environment variable ``ANALYSIS_CSV``
CSV_IMPLEMENTATION = os.environ.get("ANALYSIS_CSV", "fast")
if CSV_IMPLEMENTATION not in IMPLEMENTATIONS:
    raise AnalysisError(f"ANALYSIS_CSV={CSV_IMPLEMENTATION!r}: choose from {', '.join(IMPLEMENTATIONS)}")


def _written(value: str) -> str:
    """``value`` as ``csv.writer`` writes it as a cell (the slow, sure way)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value, ""])
    return buffer.getvalue()[:-2]  # without the empty second cell's "," and the line end


def text_cell(value: str) -> str:
    """A string as one CSV cell, not cached (sentence and paragraph texts rarely repeat)."""
    if '"' in value or "," in value:
        return '"' + value.replace('"', '""') + '"'
    if "\n" in value or "\r" in value:  # quoted for a line break (which ones depends on the Python version)
        return _written(value)
    return value


#: ``csv_cell[value]``: a string that repeats (article name, frame, entry, token) as one CSV cell
csv_cell = BoundedCache(text_cell)


def _blocks(pre: str, rows: list[tuple]) -> list[str]:
    q, cell = text_cell, csv_cell
    return [
        f"{pre}{block},{cell[role]},{'' if para is None else para},{start},{end},{q(text)},"
        f"{'' if dup is None else dup}\n"
        for block, role, para, start, end, text, dup in rows
    ]


def _paragraphs(pre: str, rows: list[tuple]) -> list[str]:
    q = text_cell
    return [
        f"{pre}{para},{block},{start},{end},{q(text)},{n_sent},{n_tok},{n_words},"
        f"{'' if neg is None else neg},{'' if neu is None else neu},{'' if pos is None else pos},"
        f"{'' if mean is None else mean},{'' if whole is None else whole},{'' if score is None else score},"
        f"{'' if label is None else label}\n"
        for para, block, start, end, text, n_sent, n_tok, n_words, neg, neu, pos, mean, whole, score, label in rows
    ]


def _sentences(pre: str, rows: list[tuple]) -> list[str]:
    q = text_cell
    return [
        f"{pre}{para},{sent},{start},{end},{q(text)},{neg},{neu},{pos},{compound}\n"
        for para, sent, start, end, text, neg, neu, pos, compound in rows
    ]


def _frame_hits(pre: str, rows: list[tuple]) -> list[str]:
    q, cell = text_cell, csv_cell
    return [
        f"{pre}{para},{sent},{cell[frame]},{cell[entry]},{start},{end},{q(matched)},{q(left)},{q(right)},"
        f"{'' if fig is None else fig}\n"
        for para, sent, frame, entry, start, end, matched, left, right, fig in rows
    ]


def _frame_counts(pre: str, rows: list[tuple]) -> list[str]:
    cell = csv_cell
    return [
        f"{pre}{para},{cell[frame]},{hits},{distinct},{extended}\n" for para, frame, hits, distinct, extended in rows
    ]


def _actor_mentions(pre: str, rows: list[tuple]) -> list[str]:
    q, cell = text_cell, csv_cell
    return [
        f"{pre}{para},{sent},{cell[actor]},{cell[alias]},{start},{end},{q(matched)}\n"
        for para, sent, actor, alias, start, end, matched in rows
    ]


_TABLES = {
    "blocks": _blocks,
    "paragraphs": _paragraphs,
    "sentences": _sentences,
    "frame_hits": _frame_hits,
    "frame_counts": _frame_counts,
    "actor_mentions": _actor_mentions,
}


def writer_text(rows: list[tuple]) -> str:
    """Rows as ``csv.writer(..., lineterminator="\\n")`` writes them (None as an empty cell)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def csv_text(article: str | None, rows: list[tuple], table: str | None = None) -> str:
    """Rows as CSV text, byte for byte as ``csv.writer`` writes them.

    Args:
        article: the first cell of every row (corpus mode), or None for none (one article).
        rows: row tuples in the columns of ``table`` (None for a missing value).
        table: a table name of :data:`analysis.records.TABLES` (except ``tokens``,
            see :func:`tokens_csv`) for its fast formatter; None: any rows, through ``csv.writer``.
    """
    fast = _TABLES.get(table) if CSV_IMPLEMENTATION == "fast" else None
    if fast is not None:
        return "".join(fast("" if article is None else csv_cell[article] + ",", rows))
    return writer_text(rows if article is None else [(article, *row) for row in rows])


def tokens_csv(article: str | None, sentences: list[SentenceTokens]) -> str:
    """The ``tokens`` rows as CSV text (after an article cell, or none) from the pipeline's
    :class:`~analysis.records.SentenceTokens`: one f-string per token with the token's cached
    tail (``token,stem,kind\\n``)."""
    lead = "" if article is None else csv_cell[article] + ","
    if CSV_IMPLEMENTATION != "fast":
        return csv_text(article, token_rows(sentences))
    lines = []
    for s in sentences:
        base = s.base
        pre = f"{lead}{s.para},{s.sent},"
        lines += [
            f"{pre}{k},{base + a},{base + a + i.length},{i.csv_tail}"
            for k, (a, i) in enumerate(zip(s.starts, s.infos), 1)
        ]
    return "".join(lines)
