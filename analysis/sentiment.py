"""VADER sentiment per sentence, aggregated per paragraph.

VADER comes from the ``vaderSentiment`` package, which ships its lexicon
(NLTK's port scores differently; the two are never mixed). VADER was built and
validated on social-media text; on news its sentence scores correlate only
moderately with human ratings (r = 0.49 on NYT editorial sentences in its
paper), so every number here is a lexicon reading, not a judgement.

Paragraph score: VADER's ``compound`` saturates towards +/-1 as text grows
(it normalises a sum of word valences with ``x / sqrt(x^2 + 15)``; vaderSentiment
issue 151), and its own documentation recommends scoring sentence by sentence.
So the project's paragraph ``score`` is :data:`PARAGRAPH_SCORE` =
``compound_mean``, the mean of the paragraph's sentence compounds;
``compound_whole`` (VADER on the whole paragraph) is reported beside it so the
saturation stays visible.
"""

from __future__ import annotations

import re
import threading

import pandas as pd
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    SentiText,
    negated,
)

#: VADER's own thresholds for positive / negative / neutral.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
#: Which column becomes the paragraph ``score``.
PARAGRAPH_SCORE = "compound_mean"

_ANALYZER: SentimentIntensityAnalyzer | None = None
_LOWERED = threading.local()


def _lowered(words: list) -> list[str]:
    """``[str(w).lower() for w in words]``, computed once per word list (per text)."""
    cached = getattr(_LOWERED, "pair", None)
    if cached is None or cached[0] is not words:
        cached = (words, [str(w).lower() for w in words])
        _LOWERED.pair = cached
    return cached[1]


class FastVader(SentimentIntensityAnalyzer):
    """vaderSentiment's analyser with the same lexicon, rules and results, minus repeated work.

    vaderSentiment 3.3.2 lower-cases the whole word list again inside
    ``_negation_check`` and ``_special_idioms_check`` for every lexicon word
    (quadratic in the length of the text), and rebuilds the text character by
    character to replace emoji even when it has none. This subclass lower-cases
    once per text, skips the emoji pass when no emoji occurs, and appends the
    zero valence of a word outside the lexicon without the method call that
    would do only that; everything else is vaderSentiment's own code (the two method bodies below are
    vaderSentiment's, MIT licence, with the list computed once).
    ``tests/test_sentiment.py`` checks the scores equal vaderSentiment's on the
    23,703 human-rated benchmark sentences and on whole paragraphs.
    """

    def __init__(self):
        super().__init__()
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)

    def polarity_scores(self, text):
        if not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        sentitext = SentiText(text.strip())
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        lexicon = self.lexicon
        for i, item in enumerate(words_and_emoticons):
            lower = item.lower()
            if lower in BOOSTER_DICT:
                sentiments.append(0)
                continue
            if (i < len(words_and_emoticons) - 1 and lower == "kind" and
                    words_and_emoticons[i + 1].lower() == "of"):
                sentiments.append(0)
                continue
            if lower not in lexicon:  # sentiment_valence would append 0 and change nothing else
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text.strip())

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        lower = _lowered(words_and_emoticons)
        if start_i == 0:
            if negated([lower[i - (start_i + 1)]]):
                valence = valence * N_SCALAR
        if start_i == 1:
            if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                valence = valence
            elif negated([lower[i - (start_i + 1)]]):
                valence = valence * N_SCALAR
        if start_i == 2:
            if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                    (lower[i - 1] == "so" or lower[i - 1] == "this"):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                valence = valence
            elif negated([lower[i - (start_i + 1)]]):
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        lower = _lowered(words_and_emoticons)
        onezero = "{0} {1}".format(lower[i - 1], lower[i])
        twoonezero = "{0} {1} {2}".format(lower[i - 2], lower[i - 1], lower[i])
        twoone = "{0} {1}".format(lower[i - 2], lower[i - 1])
        threetwoone = "{0} {1} {2}".format(lower[i - 3], lower[i - 2], lower[i - 1])
        threetwo = "{0} {1}".format(lower[i - 3], lower[i - 2])
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(lower) - 1 > i:
            zeroone = "{0} {1}".format(lower[i], lower[i + 1])
            if zeroone in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroone]
        if len(lower) - 1 > i + 1:
            zeroonetwo = "{0} {1} {2}".format(lower[i], lower[i + 1], lower[i + 2])
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence


def analyzer() -> SentimentIntensityAnalyzer:
    """The shared VADER analyser (loading its lexicon once per process): a :class:`FastVader`."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = FastVader()
    return _ANALYZER


def polarity(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` for ``text``."""
    return analyzer().polarity_scores(text)


def label(score: float) -> str:
    """``positive`` (>= 0.05), ``negative`` (<= -0.05) or ``neutral``, as VADER's docs."""
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


#: VADER on a whole text is quadratic in its length (vaderSentiment issue 110:
#: 0.06 s at 10,000 characters, 0.9 s at 40,000) and saturated long before
#: (issue 151), so ``compound_whole`` is left empty (NaN) above this length.
#: No paragraph of a real news article comes near it.
MAX_WHOLE_CHARS = 10_000


def compound_whole(text: str) -> float:
    """VADER's compound for a whole paragraph, or NaN above :data:`MAX_WHOLE_CHARS` characters."""
    if len(text) > MAX_WHOLE_CHARS:
        return float("nan")
    return polarity(text)["compound"]


#: A "sentence" longer than this many characters (no full stop for pages) is
#: scored in chunks: VADER's rules are super-linear on long inputs
#: (vaderSentiment issue 110), and no real sentence is this long.
MAX_SENTENCE_CHARS = 1000


def bounded_sentence_spans(text: str, spans: list[tuple[int, int]], *, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Split any span longer than ``limit`` characters at white space into chunks.

    Args:
        text: the paragraph the spans index into.
        spans: sentence spans from the sentence splitter.
        limit: maximum chunk length in characters.

    Returns:
        Spans in order, each at most ``limit`` characters unless one word is
        longer; chunks are trimmed of surrounding white space.
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > limit:
            cut = text.rfind(" ", start + 1, start + limit)
            for sep in ("\n", "\t"):
                cut = max(cut, text.rfind(sep, start + 1, start + limit))
            if cut <= start:
                cut = start + limit
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            out.append((start, end))
    return out


#: Words for :func:`word_contributions`: letters, with inner apostrophes ("doesn't", "Russia's").
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
CONTRIBUTION_COLUMNS = ["para", "sent", "word", "valence"]


def word_contributions(sentences: pd.DataFrame) -> pd.DataFrame:
    """Every word occurrence found in VADER's lexicon, with its lexicon valence.

    This is the *raw* lexicon valence (-4 ... +4) of each word, before VADER's
    rules for negation ("not good"), boosters ("very"), "but", capitals and
    punctuation, and before the compound normalisation. It explains which
    words carry a sentence's score, not the exact compound: "win" and
    "delight" count as positive whoever's pleasure they describe.

    Args:
        sentences: the sentence table with ``para``, ``sent`` and ``text``.

    Returns:
        One row per (para, sent, word occurrence) in text order, with columns
        ``para``, ``sent``, ``word`` (lower-cased, curly apostrophes made
        straight) and ``valence`` (float).
    """
    lexicon = analyzer().lexicon
    rows = []
    for para, sent, text in zip(sentences["para"], sentences["sent"], sentences["text"]):
        for word in _WORD.findall(str(text).lower().replace("\u2019", "'")):
            if word in lexicon:
                rows.append((int(para), int(sent), word, float(lexicon[word])))
    return pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS).astype({"para": "int64", "sent": "int64", "valence": "float64"})
