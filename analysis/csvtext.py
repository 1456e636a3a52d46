"""Table rows as CSV text, byte for byte as ``csv.writer(..., lineterminator="\\n")`` writes them, faster.

Corpus mode writes millions of rows; ``csv.writer`` costs as much there as
the analysis it reports. The tables' shapes are fixed (:data:`analysis.pipeline.TABLE_COLUMNS`),
so each table gets one f-string per row, with the only cases ``csv.writer``
distinguishes: a string is quoted (its ``"`` doubled) when it holds a comma or
a double quote, an empty cell stands for None, and numbers are written as
``str`` writes them. Strings that repeat (frame ids, entries, tokens, stems)
are formatted once and cached (:data:`csv_cell`). ``tests/test_csvtext.py``
compares every table with ``csv.writer``'s bytes.
"""

from __future__ import annotations

import csv
import io

#: strings held by :data:`csv_cell` before it is cleared (bounded memory on any corpus)
CELL_CACHE_LIMIT = 1 << 18


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


class _Cells(dict):
    """String -> its CSV cell (:func:`text_cell`), cached; cleared when it holds :data:`CELL_CACHE_LIMIT`."""

    def __missing__(self, value: str) -> str:
        if len(self) >= CELL_CACHE_LIMIT:
            self.clear()
        cell = self[value] = text_cell(value)
        return cell


#: ``csv_cell[value]``: a string that repeats (article name, frame, entry, token) as one CSV cell
csv_cell = _Cells()


def _blocks(pre: str, rows: list[tuple]) -> list[str]:
    q, cell = text_cell, csv_cell
    return [f"{pre},{block},{cell[role]},{'' if para is None else para},{start},{end},{q(text)},"
            f"{'' if dup is None else dup}\n" for block, role, para, start, end, text, dup in rows]


def _paragraphs(pre: str, rows: list[tuple]) -> list[str]:
    q = text_cell
    return [f"{pre},{para},{block},{start},{end},{q(text)},{n_sent},{n_tok},{n_words},"
            f"{'' if neg is None else neg},{'' if neu is None else neu},{'' if pos is None else pos},"
            f"{'' if mean is None else mean},{'' if whole is None else whole},{'' if score is None else score},"
            f"{'' if label is None else label}\n"
            for para, block, start, end, text, n_sent, n_tok, n_words, neg, neu, pos, mean, whole, score, label in rows]


def _sentences(pre: str, rows: list[tuple]) -> list[str]:
    q = text_cell
    return [f"{pre},{para},{sent},{start},{end},{q(text)},{neg},{neu},{pos},{compound}\n"
            for para, sent, start, end, text, neg, neu, pos, compound in rows]


def _frame_hits(pre: str, rows: list[tuple]) -> list[str]:
    q, cell = text_cell, csv_cell
    return [f"{pre},{para},{sent},{cell[frame]},{cell[entry]},{start},{end},{q(matched)},{q(left)},{q(right)}\n"
            for para, sent, frame, entry, start, end, matched, left, right in rows]


def _frame_counts(pre: str, rows: list[tuple]) -> list[str]:
    cell = csv_cell
    return [f"{pre},{para},{cell[frame]},{hits},{distinct},{extended}\n" for para, frame, hits, distinct, extended in rows]


def _actor_mentions(pre: str, rows: list[tuple]) -> list[str]:
    q, cell = text_cell, csv_cell
    return [f"{pre},{para},{sent},{cell[actor]},{cell[alias]},{start},{end},{q(matched)}\n"
            for para, sent, actor, alias, start, end, matched in rows]


_TABLES = {"blocks": _blocks, "paragraphs": _paragraphs, "sentences": _sentences, "frame_hits": _frame_hits,
           "frame_counts": _frame_counts, "actor_mentions": _actor_mentions}


def csv_text(article: str, rows: list[tuple], table: str | None = None) -> str:
    """Rows as CSV text with the article column first, byte for byte as ``csv.writer`` writes them.

    Args:
        article: the first cell of every row.
        rows: row tuples in the columns of ``table`` (None for a missing value).
        table: a name of :data:`analysis.pipeline.TABLE_COLUMNS` (except ``tokens``,
            see :func:`tokens_csv`) for its fast formatter; None: any rows, through ``csv.writer``.
    """
    fast = _TABLES.get(table)
    if fast is not None:
        return "".join(fast(csv_cell[article], rows))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([(article, *row) for row in rows])
    return buffer.getvalue()


def tokens_csv(article_cell: str, blocks: list[tuple]) -> str:
    """The ``tokens`` rows as CSV text after an article cell, from :func:`analysis.pipeline.article_records`'
    ``_token_blocks``: one f-string per token with the token's cached tail ("token,stem,kind\\n")."""
    lines = []
    for para, sent, base, starts, infos in blocks:
        pre = f"{article_cell},{para},{sent},"
        lines += [f"{pre}{k},{base + a},{base + a + i[4]},{i[6]}" for k, (a, i) in enumerate(zip(starts, infos), 1)]
    return "".join(lines)
