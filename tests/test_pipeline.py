import pandas as pd
import pytest

import analysis
from analysis.records import TABLE_COLUMNS

PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS = (TABLE_COLUMNS[t] for t in ("paragraphs", "sentences", "tokens"))

CONTRACT = {
    "blocks": ["block", "role", "para", "start", "end", "text"],
    "paragraphs": [
        "para",
        "start",
        "end",
        "text",
        "n_sentences",
        "n_tokens",
        "neg",
        "neu",
        "pos",
        "compound_mean",
        "compound_whole",
        "score",
        "label",
    ],
    "sentences": ["para", "sent", "start", "end", "text", "neg", "neu", "pos", "compound"],
    "tokens": ["para", "sent", "tok", "start", "end", "token", "stem"],
    "frame_hits": ["para", "sent", "frame", "entry", "start", "end", "matched_text", "left", "right"],
    "frame_counts": ["para", "frame", "hits", "distinct_entries", "extended"],
    "actor_mentions": ["para", "sent", "actor", "alias", "start", "end", "matched_text"],
}
TEXT_COLUMN = {
    "blocks": "text",
    "paragraphs": "text",
    "sentences": "text",
    "tokens": "token",
    "frame_hits": "matched_text",
    "actor_mentions": "matched_text",
}


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_columns_follow_the_contract(seed_result, table):
    df = getattr(seed_result, table)
    assert set(CONTRACT[table]) <= set(df.columns)


@pytest.mark.parametrize("table", sorted(TEXT_COLUMN))
def test_every_offset_is_exact(seed_result, table):
    df = getattr(seed_result, table)
    text = seed_result.text
    assert len(df) > 0
    col = TEXT_COLUMN[table]
    assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df[col]))


def test_numbering(seed_result):
    p, s, t = seed_result.paragraphs, seed_result.sentences, seed_result.tokens
    assert p["para"].tolist() == list(range(0, 17))
    assert p.loc[0, "text"] == "Putin sends Trump's messengers packing, with eyes on a geopolitical win"
    for _, group in s.groupby("para"):
        assert group["sent"].tolist() == list(range(1, len(group) + 1))
    for _, group in t.groupby(["para", "sent"]):
        assert group["tok"].tolist() == list(range(1, len(group) + 1))


def test_spans_nest_and_do_not_overlap(seed_result):
    p = seed_result.paragraphs.set_index("para")
    assert (p["start"].iloc[1:].to_numpy() >= p["end"].iloc[:-1].to_numpy()).all()
    for row in seed_result.sentences.itertuples():
        assert p.loc[row.para, "start"] <= row.start < row.end <= p.loc[row.para, "end"]
    sents = seed_result.sentences.set_index(["para", "sent"])
    for row in seed_result.tokens.itertuples():
        s = sents.loc[(row.para, row.sent)]
        assert s["start"] <= row.start < row.end <= s["end"]


def test_token_counts(seed_result):
    p = seed_result.paragraphs.set_index("para")
    t = seed_result.tokens
    assert p["n_tokens"].to_dict() == t.groupby("para").size().to_dict()
    assert (p["n_words"] < p["n_tokens"]).all()


def _tables(result):
    return {name: getattr(result, name) for name in CONTRACT}


@pytest.mark.parametrize(
    "transform",
    [
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b.replace(b"\n", b"\r"),
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
    ],
    ids=["crlf", "cr", "bom", "bom+crlf"],
)
def test_line_endings_and_bom_give_identical_tables(seed_path, seed_result, write_text, transform):
    other = analysis.analyze(write_text(transform(seed_path.read_bytes())))
    for name, df in _tables(seed_result).items():
        pd.testing.assert_frame_equal(getattr(other, name), df, check_exact=True)


def test_analyze_text_without_headline():
    r = analysis.analyze_text("The talks failed. Nobody was surprised.\n\nA second paragraph follows.")
    assert r.paragraphs["para"].tolist() == [1, 2]


def test_frame_column_order_is_stable(seed_result):
    assert list(seed_result.paragraphs.columns) == PARAGRAPH_COLUMNS
    assert list(seed_result.sentences.columns) == SENTENCE_COLUMNS
    assert list(seed_result.tokens.columns) == TOKEN_COLUMNS


def test_round4_is_numpy_round():
    import random

    import numpy as np

    from analysis.sentiment import round4 as _round4

    rng = random.Random(7)
    values = [rng.uniform(-1, 1) for _ in range(20000)] + [k / 20000 for k in range(-20001, 20002)]
    values += [0.0, -0.0, 1e-9, -1e-9, 0.00005, -0.00005, 0.00015, 0.99995, -0.99995]
    assert [repr(_round4(v)) for v in values] == [repr(float(np.round(v, 4))) for v in values]
