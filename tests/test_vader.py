"""analysis.vader must give vaderSentiment's numbers exactly: any difference fails."""

import glob
import random

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import paths, vader
from analysis.sentiment import bounded_sentence_spans, paragraph_polarity
from analysis.tokenize import sentence_spans
from analysis.tone_validity import load_ground_truth

VADER = SentimentIntensityAnalyzer()

#: words that trigger VADER's rules (negation, boosters, "no", "least", "but", "kind of",
#: idioms, capitals, emoticons, emoji, punctuation emphasis), plus plain lexicon words
RULE_VOCABULARY = (
    "not n't isn't don't never without doubt no No NO least at very so this or nor kind of sort just enough "
    "the shit bomb bad ass bus stop yeah right kiss death to die for beating heart but But BUT good GOOD great "
    "war love hate good! bad, table Putin :) !! ? :-( 's extremely EXTREMELY barely hardly kinda somewhat "
    'really REALLY totally fed up can\'t stand \U0001f600 . ! ?? despite rarely uh-uh 3 -- "good" (bad) win '
    "lose LOL lol"
).split()


@pytest.fixture(scope="module")
def benchmark_texts():
    texts = []
    for f in sorted(glob.glob(str(paths.EXTERNAL / "vader_icwsm2014" / "*_GroundTruth.txt"))):
        texts += load_ground_truth(f)["text"].tolist()
    assert len(texts) == 23_703
    return texts


def scores(text):
    d = VADER.polarity_scores(text)
    return d["neg"], d["neu"], d["pos"], d["compound"]


def test_every_benchmark_sentence_scores_as_vadersentiment(benchmark_texts):
    texts = benchmark_texts + [" ".join(benchmark_texts[i : i + 12]) for i in range(0, 6000, 12)]
    texts += [
        "I am :) happy \U0001f600 but NOT good!!!",
        "kind of good",
        "never so bad",
        "at least not awful",
        "",
        "  ",
    ]
    assert [vader.polarity_scores(t) for t in texts] == [VADER.polarity_scores(t) for t in texts]


def test_paragraphs_score_each_sentence_and_the_whole_as_vadersentiment(benchmark_texts):
    for i in range(0, len(benchmark_texts), 5):
        text = " ".join(benchmark_texts[i : i + 5])
        spans = bounded_sentence_spans(text, sentence_spans(text))
        sentences, whole = vader.paragraph_scores(text, spans)
        assert sentences == [scores(text[a:b]) for a, b in spans]
        assert whole == VADER.polarity_scores(text)["compound"]


def test_generated_texts_built_from_rule_words():
    rng = random.Random(20261125)
    for _ in range(6000):
        text = " ".join(rng.choice(RULE_VOCABULARY) for _ in range(rng.randint(0, 30)))
        assert vader.polarity_scores(text) == VADER.polarity_scores(text), text
    for _ in range(3000):
        sentences = [
            " ".join(rng.choice(RULE_VOCABULARY) for _ in range(rng.randint(1, 12))) + rng.choice([".", "!", "?", ""])
            for _ in range(rng.randint(1, 5))
        ]
        text = rng.choice([" ", "\n", "  "]).join(sentences).strip()
        spans = sentence_spans(text)
        got, whole = vader.paragraph_scores(text, spans)
        assert got == [scores(text[a:b]) for a, b in spans], text
        assert whole == VADER.polarity_scores(text)["compound"], text


def test_whole_paragraph_when_sentences_are_not_separated_by_white_space():
    # chunks cut inside a word (no white space between them): the paragraph is read on its own
    text = "goodbad " * 3 + "x" * 30 + "terrible but great"
    spans = bounded_sentence_spans(text, [(0, len(text))], limit=20)
    assert any(a == b_prev for (_, b_prev), (a, _) in zip(spans, spans[1:]))
    got, whole = vader.paragraph_scores(text, spans)
    assert got == [scores(text[a:b]) for a, b in spans]
    assert whole == VADER.polarity_scores(text)["compound"]


def test_whole_paragraph_left_out_on_request_and_above_the_limit():
    text = "Good news. Bad news."
    assert vader.paragraph_scores(text, sentence_spans(text), whole=False)[1] is None
    long = "This is good. " * 1000
    got, whole = paragraph_polarity(long, sentence_spans(long))
    assert whole is None and len(got) == 1000
    short_sentences, short_whole = paragraph_polarity(text, sentence_spans(text))
    assert short_whole == VADER.polarity_scores(text)["compound"]


def test_word_cache_is_bounded_and_scores_stay_exact(monkeypatch):
    monkeypatch.setattr(vader._WORDS, "limit", 5)
    vader._WORDS.clear()
    text = "It is not good, but the war was NOT terrible at all!"
    for _ in range(3):
        assert vader.polarity_scores(text) == VADER.polarity_scores(text)
    assert len(vader._WORDS) <= 5
    vader._WORDS.clear()


def test_but_rule_quirk_is_reproduced():
    """vaderSentiment finds each value again with list.index: "amor but thx" scales the first word twice.

    amor (3.0) before "but" becomes 1.5, which equals thx (1.5) after it; thx's
    turn then finds amor's slot first, so amor ends at 0.75 and thx stays 1.5.
    """
    text = "amor but thx"
    assert vader.LEXICON["amor"] == 3.0 and vader.LEXICON["thx"] == 1.5
    assert vader.polarity_scores(text) == VADER.polarity_scores(text)
    intended = 3.0 * 0.5 + 1.5 * 1.5  # what the rule means, not what it does
    compound = vader.polarity_scores(text)["compound"]
    assert compound == round((0.75 + 1.5) / ((0.75 + 1.5) ** 2 + 15) ** 0.5, 4)
    assert compound != round(intended / (intended**2 + 15) ** 0.5, 4)
