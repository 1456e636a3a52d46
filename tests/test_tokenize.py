import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.tokenize import IRREGULAR_FORMS, sentence_spans, stem, stem_word, token_kind, token_spans

ROOT = Path(__file__).resolve().parents[1]


def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. President Donald Trump met Mr. Putin on Aug. 15 in Anchorage.", 1),
        ("Dr. Smith and Gen. Jones met Sen. Brown at 10 a.m. on Jan. 3. They talked.", 2),
        ("The U.K. and the U.S. disagreed. Mrs. May left.", 2),
        ("He said no. Then he left.", 2),
        ("Is it over? Nobody knows! We wait.", 3),
    ],
)
def test_sentence_splitting_with_shipped_abbreviations(text, expected):
    assert len(sentences(text)) == expected


def test_seed_has_44_body_sentences(seed_result):
    body = seed_result.sentences[seed_result.sentences["para"] > 0]
    assert len(body) == 44
    counts = body.groupby("para").size().tolist()
    assert counts == [3, 3, 2, 3, 2, 3, 2, 1, 1, 3, 4, 5, 2, 1, 5, 4]


def test_sentences_identical_without_any_nltk_data(tmp_path):
    """Punkt runs on shipped parameters: an empty NLTK_DATA and HOME change nothing."""
    sample = "U.S. President Donald Trump met Mr. Putin on Aug. 15. He left."
    code = f"from analysis.tokenize import sentence_spans; print(sentence_spans({sample!r}))"
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "none"), "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == str(sentence_spans(sample)) == "[(0, 53), (54, 62)]"
    assert out.stderr == ""


def test_no_download_anywhere():
    for folder in ("analysis", "tests", "notebooks"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".ipynb") and path.name != Path(__file__).name:
                text = path.read_text("utf-8")
                forbidden = "nltk." + "download"  # spelled apart so this file does not match itself
                assert forbidden not in text, path


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Trump's envoy didn't go.", ["Trump's", "envoy", "didn't", "go", "."]),
        ("micro-moments and a 27-point plan", ["micro-moments", "and", "a", "27-point", "plan"]),
        ("The U.S. paid $1,000 (3.5%).", ["The", "U.S.", "paid", "$", "1,000", "(", "3.5", "%", ")", "."]),
        ("Putin\u2019s \u201cdeal\u201d", ["Putin\u2019s", "\u201c", "deal", "\u201d"]),
        # an ampersand between two letters joins them; with a space or a digit beside it, it stands alone
        (
            "PG&E's and AT&T-owned S&P 500, R&D; R & D, 3&4 x&",
            ["PG&E's", "and", "AT&T-owned", "S&P", "500", ",", "R&D", ";", "R", "&", "D", ",", "3", "&", "4", "x", "&"],
        ),
    ],
)
def test_token_spans(text, tokens):
    spans = token_spans(text)
    assert [text[s:e] for s, e in spans] == tokens


@pytest.mark.parametrize(
    "word, expected",
    [
        ("squatters", "squatter"),
        ("begged", "beg"),
        ("begging", "beg"),
        ("begs", "beg"),
        ("sent", "send"),
        ("men", "man"),
        ("Washington's", "washington"),
        ("Putin\u2019s", "putin"),
        ("micro-moments", "micro-moment"),
        ("Real-Estate", "real-estat"),
    ],
)
def test_stems(word, expected):
    assert stem(word) == expected


def test_irregular_table_leaves_ambiguous_forms_alone():
    for form in ("left", "saw", "found", "media", "data", "wound", "bit"):
        assert form not in IRREGULAR_FORMS
    assert stem_word("left") == "left"


@pytest.mark.parametrize(
    "tok, kind", [("word", "word"), ("1,000", "number"), (",", "punct"), ("27-point", "word"), ("\u2014", "punct")]
)
def test_token_kind(tok, kind):
    assert token_kind(tok) == kind


def test_unguarded_patterns_give_nltks_own_spans():
    """The package's Punkt and RegexpTokenizer skip NLTK's ReDoS timeout, nothing else."""
    from nltk.tokenize import RegexpTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from analysis.datasets import nyt_editorials
    from analysis.tokenize import ABBREVIATIONS, TOKEN_PATTERN

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    punkt, regexp = PunktSentenceTokenizer(params), RegexpTokenizer(TOKEN_PATTERN)
    texts = [p for _, t in nyt_editorials()[:200] for p in t.split("\n\n")]
    texts += [
        (ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt").read_text(),
        "Mr. Smith paid $3.5 at 10 a.m. ... on Jan. 3. \u201cReally?\u201d he said. e\u0301te\u0301 (ok).",
    ]
    for text in texts:
        assert sentence_spans(text) == list(punkt.span_tokenize(text))
        assert token_spans(text) == list(regexp.span_tokenize(text))


def test_sentence_breaks_on_generated_texts_equal_nltks_annotation():
    """punkt_fast.FastPunkt (one-function span search, direct break rule) against NLTK's own Punkt class."""
    import random

    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from analysis.punkt_fast import make_punkt
    from analysis.tokenize import ABBREVIATIONS

    fast, reference = make_punkt(ABBREVIATIONS, "fast"), make_punkt(ABBREVIATIONS, "nltk")
    assert type(fast) is not PunktSentenceTokenizer and type(reference) is PunktSentenceTokenizer
    vocabulary = ["\x0bA", "\x0cb", "\rC", "\tD", '").', '."', '"', "\u201d", "\u2019", "\u00bb", "))"] + (
        ") ' (x). .) -- --. ...) É. é. Ω. ω. １２. -1. ,5. 1-2. x.y. (J. ¿Qué ñ. 5th. 1st. H.W. ß. J.R.R. J. Bach A. a. 1990. 3.5 ... .. . "
        "! ? !? Mr. mr. U.S. u.s. Dr. e.g. i.e. etc. ( ) \" ' said. The the Putin. no. Gen. 12, -- , ; : Sept. "
        "St. x.-Gen. ex-Gov. end.) (end.) 'quote.' \"Hi.\" word ."
    ).split()
    rng = random.Random(20261125)
    for _ in range(5000):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 25)))
        if rng.random() < 0.3:
            text = text.replace(" ", "\n", rng.randint(1, 3))
        assert fast.spans(text) == list(reference.span_tokenize(text)), text


def test_tokens_and_starts_give_the_token_spans():
    from analysis.datasets import nyt_editorials
    from analysis.tokenize import tokens_and_starts

    texts = [t for _, t in nyt_editorials()[:100]]
    texts += [
        "",
        "   ",
        "a  b\u00a0c\u200bd\te\u3000f",
        "e\u0301te\u0301 x--y ...!? 1,000.5 U.S.A. don\u2019t \U0001f600\U0001f600",
        "aa aaa a aa",
        "\u2028line\u2029para \x85 next",
    ]
    for text in texts:
        tokens, starts = tokens_and_starts(text)
        assert [(a, a + len(t)) for t, a in zip(tokens, starts)] == token_spans(text)
        assert all(text[a : a + len(t)] == t for t, a in zip(tokens, starts))
