"""The fast CSV formatters write exactly the bytes csv.writer writes."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.caches import BoundedCache
from analysis.csvtext import csv_cell, csv_text, text_cell, tokens_csv, writer_text
from analysis.pipeline import article_records
from analysis.records import TABLE_COLUMNS, token_rows

TRICKY = [
    "",
    " ",
    "a",
    "a b",
    " lead",
    "tab\there",
    ",",
    '"',
    "'",
    "a,b",
    'say "hi"',
    "\r",
    "\n",
    "x\r\ny",
    "line\nbreak",
    'both, "and"\nmore',
    "caf\u00e9",
    "\u2019",
    "=1+2",
    "#",
    "\\",
    "\u2028",
    "\x85",
    "NA",
]


def written(article: str, rows: list[tuple]) -> str:
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows([(article, *r) for r in rows])
    return expected.getvalue()


@pytest.mark.parametrize("value", TRICKY)
def test_one_cell_is_what_csv_writer_writes(value):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value, "x"])
    assert text_cell(value) + ",x\n" == buffer.getvalue()
    assert csv_cell[value] + ",x\n" == buffer.getvalue()


def test_the_cell_cache_is_bounded():
    cells = BoundedCache(text_cell, limit=3)
    for value in ["a", "b,c", "d", "e", 'f"']:
        assert cells[value] == text_cell(value)
    assert len(cells) <= 3


@pytest.mark.parametrize("article", ["a.txt", 'with, comma/"quoted".txt', "caf\u00e9/line\nbreak.txt"])
def test_every_table_of_an_article_is_what_csv_writer_writes(article):
    text = (
        'Head, "line"\n\nIt\u2019s 3,5 caf\u00e9\u2019s "deal", a real-estate \u00abdeal\u00bb with Putin.\r '
        'Next; one!\nSecond line, "quoted", of the same block.\n\nPhoto: AFP\n\n' + "word " * 2100 + "\n"
    )
    records = article_records(text, analysis.load_codebook())
    tokens = records.tokens
    assert tokens == token_rows(records.sentence_tokens) and len(tokens) > 20
    assert tokens_csv(article, records.sentence_tokens) == written(article, tokens)
    assert tokens_csv(None, records.sentence_tokens) == writer_text(tokens)  # one article: no article column
    assert records.frame_hits and records.actor_mentions
    assert any(r.para is None for r in records.blocks)  # a caption: no para
    assert any(r.compound_whole is None for r in records.paragraphs)  # too long for whole-paragraph VADER
    for table in TABLE_COLUMNS:
        if table != "tokens":
            rows = records.rows(table)
            assert csv_text(article, rows, table) == written(article, rows) == csv_text(article, rows)
            assert csv_text(None, rows, table) == writer_text(rows)


cells = st.text(alphabet=st.sampled_from(list("ab ,\"'\n\r\t\u00e9")), max_size=8)
floats = st.floats(allow_nan=False, allow_infinity=False)
numbers = st.one_of(st.none(), st.integers(-5, 10**6), floats)


@settings(max_examples=200, deadline=None)
@given(article=cells, data=st.data())
def test_rows_with_any_strings_and_missing_values(article, data):
    """Every table's formatter against csv.writer, with strings and None wherever a value may hold them."""
    shapes = {  # per column: a string (s), an int (i), a float (f), a number or None (n), a bool (b)
        "blocks": "isniisn",
        "paragraphs": "iiiisiiinnnnnnn",
        "sentences": "iiiisffff",
        "frame_hits": "iissiisssn",
        "frame_counts": "isiib",
        "actor_mentions": "iissiis",
    }
    kinds = {"s": cells, "n": numbers, "i": st.integers(0, 10**6), "f": floats, "b": st.booleans()}
    for table, shape in shapes.items():
        assert len(shape) == len(TABLE_COLUMNS[table])
        rows = data.draw(st.lists(st.tuples(*(kinds[k] for k in shape)), max_size=3))
        if table == "paragraphs":  # the label is a string or None
            rows = [(*r[:-1], None if r[-1] is None else "neutral") for r in rows]
        assert csv_text(article, rows, table) == written(article, rows), table
