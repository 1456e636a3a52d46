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


def test_trigram_collocations_on_surface_words():
    r = analysis.analyze_text("Head\n\nThe peace talks ended. Peace talks ended again; peace talks, ended.\n")
    col = collocations(r.tokens, n=3, min_freq=2)
    assert col.values.tolist() == [["peace talks ended", 2, 19.321]]  # not across the comma; words, not stems
    assert collocations(r.tokens, n=3, min_freq=1, top=0)["trigram"].tolist() == ["peace talks ended"]


def test_seed_summary(seed_result):
    s = dict(summary(seed_result).values)
    assert s["body paragraphs"] == "16" and s["sentences"] == "44"
    assert int(s["words (tokens that are not punctuation)"]) > 1000


def test_collocations_command(tmp_path, capsys):
    from analysis.__main__ import main

    article = tmp_path / "a.txt"
    article.write_text(
        "Head\n\nThe peace talks ended. Peace talks ended again; peace talks, ended.\n", encoding="utf-8"
    )
    out = tmp_path / "c.csv"
    assert main(["collocations", str(article), "--n", "3", "--out", str(out)]) == 0
    # the command counts the headline too: one more token in N than the body alone (19.321)
    assert out.read_text("utf-8") == "trigram,count,llr\npeace talks ended,2,20.015\n"
    assert main(["collocations", str(article), "--min-freq", "0"]) == 2
    assert capsys.readouterr().err == "error: --min-freq must be at least 1, not 0\n"
