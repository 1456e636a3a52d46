import analysis
from analysis.vocabulary import STOPWORDS, collocations, content_words, summary

TEXT = (
    "Head\n\nThe peace process stalled. The peace process failed again, and the peace talks ended.\n\n"
    "Peace, process and talks: the words repeat."
)


def test_content_words_count_stems_and_skip_stop_words():
    r = analysis.analyze_text(TEXT)
    cw = content_words(r.tokens, top=5).set_index("stem")
    assert cw.loc["peac", "count"] == 4 and cw.loc["peac", "paragraphs"] == 2
    assert cw.loc["process", "forms"] == "process"
    assert not set(cw.index) & {"the", "and"}
    assert "the" in STOPWORDS and "putin" not in STOPWORDS


def test_collocations_pair_adjacent_words_within_sentences():
    r = analysis.analyze_text(TEXT)
    col = collocations(r.tokens, min_freq=2)
    assert col["bigram"].tolist()[0] == "peace process"
    assert col.set_index("bigram").loc["peace process", "count"] == 2  # "Peace, process" across a comma is no pair
    assert "stalled peace" not in col["bigram"].tolist()


def test_seed_summary(seed_result):
    s = dict(summary(seed_result).values)
    assert s["body paragraphs"] == "16" and s["sentences"] == "44"
    assert int(s["words (tokens that are not punctuation)"]) > 1000
