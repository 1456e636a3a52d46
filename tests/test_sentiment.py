import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import analyze_text
from analysis.sentiment import bounded_sentence_spans, label

VADER = SentimentIntensityAnalyzer()


def test_sentence_scores_equal_vadersentiment(seed_result):
    for row in seed_result.sentences.itertuples():
        expected = VADER.polarity_scores(row.text)
        assert (row.neg, row.neu, row.pos, row.compound) == (
            expected["neg"],
            expected["neu"],
            expected["pos"],
            expected["compound"],
        )


def test_paragraph_aggregates(seed_result):
    paras, sents = seed_result.paragraphs, seed_result.sentences
    for row in paras.itertuples():
        mine = sents[sents["para"] == row.para]
        assert row.compound_whole == VADER.polarity_scores(row.text)["compound"]
        assert row.compound_mean == pytest.approx(mine["compound"].mean(), abs=5e-5)
        assert row.neg == pytest.approx(mine["neg"].mean(), abs=5e-5)
        assert row.score == row.compound_mean
        assert row.label == label(row.score)
        assert row.n_sentences == len(mine)


def test_whole_paragraph_compound_saturates_beyond_sentence_mean(seed_result):
    """The reason the default score is the sentence mean: |whole| >= |mean| on most paragraphs."""
    p = seed_result.paragraphs[seed_result.paragraphs["n_sentences"] > 1]
    assert (p["compound_whole"].abs() >= p["compound_mean"].abs()).mean() > 0.8


@pytest.mark.parametrize(
    "score, expected", [(0.05, "positive"), (0.0499, "neutral"), (-0.05, "negative"), (0.0, "neutral")]
)
def test_label_thresholds(score, expected):
    assert label(score) == expected


def test_small_text_scores():
    r = analyze_text("Good news today\n\nThis is wonderful and great. This is terrible and awful.")
    p1 = r.paragraphs.set_index("para").loc[1]
    assert p1["n_sentences"] == 2
    s = r.sentences[r.sentences["para"] == 1]["compound"].tolist()
    assert s[0] > 0.5 and s[1] < -0.5
    assert p1["score"] == pytest.approx(sum(s) / 2, abs=5e-5)


def test_bounded_spans_split_long_runs_at_spaces():
    text = "word " * 1000
    spans = bounded_sentence_spans(text, [(0, len(text.rstrip()))], limit=100)
    assert all(e - s <= 100 for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text.rstrip()
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_word_contributions_on_a_small_text():
    from analysis.sentiment import word_contributions

    sents = pd.DataFrame(
        {
            "para": [1, 1],
            "sent": [1, 2],
            "text": ["Good news, terrible war.", "The table doesn\u2019t MATTER; nothing good."],
        }
    )
    out = word_contributions(sents)
    assert list(out.columns) == ["para", "sent", "word", "valence"]
    first = out[out["sent"] == 1]
    assert first["word"].tolist() == ["good", "terrible", "war"]
    assert first["valence"].tolist() == [VADER.lexicon["good"], VADER.lexicon["terrible"], VADER.lexicon["war"]]
    assert first["valence"].iloc[0] > 0 and (first["valence"].iloc[1:] < 0).all()
    # second sentence: the negation is not applied (raw valence), "table"/"news" are not in the lexicon
    assert out[out["sent"] == 2]["word"].tolist() == ["matter", "good"]
    assert "news" not in out["word"].tolist()


def test_word_contributions_cover_the_seed_lexicon_words(seed_result):
    from analysis.sentiment import word_contributions

    out = word_contributions(seed_result.sentences)
    assert {"war", "win", "delight"} <= set(out["word"])
    assert (out["valence"] != 0).all()
    assert out.groupby(["para", "sent"]).ngroups <= len(seed_result.sentences)
