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

import math
import os
import re
from typing import TYPE_CHECKING

from . import vader
from .errors import AnalysisError

if TYPE_CHECKING:
    import pandas as pd

#: VADER's own thresholds for positive / negative / neutral.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
#: The paragraph scores the package can use as ``score`` (see :func:`paragraph_tone`).
PARAGRAPH_SCORES = ("compound_mean", "compound_whole")
#: Which of them becomes the paragraph ``score``: the mean of the sentence compounds, chosen on
#: held-out human ratings (README, "Validity against human ratings").
PARAGRAPH_SCORE = "compound_mean"
#: Which VADER computes the scores: ``fast`` (:mod:`analysis.vader`, the default) or
#: ``vaderSentiment`` (the library itself); set with the environment variable ``ANALYSIS_VADER``.
VADER_IMPLEMENTATION = os.environ.get("ANALYSIS_VADER", "fast")
if VADER_IMPLEMENTATION not in vader.IMPLEMENTATIONS:
    raise AnalysisError(f"ANALYSIS_VADER={VADER_IMPLEMENTATION!r}: choose from {', '.join(vader.IMPLEMENTATIONS)}")
_POLARITY, _PARAGRAPH_SCORES = vader.IMPLEMENTATIONS[VADER_IMPLEMENTATION]


def polarity(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` for ``text``.

    The numbers of vaderSentiment's ``SentimentIntensityAnalyzer().polarity_scores``,
    computed by :mod:`analysis.vader` (the same lexicon and rules, each word read once).
    """
    return _POLARITY(text)


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


def paragraph_polarity(text: str, spans: list[tuple[int, int]]) -> tuple[list[vader.Scores], float | None]:
    """``(neg, neu, pos, compound)`` of each sentence span, and the paragraph's ``compound_whole``.

    The whole-paragraph compound is None above :data:`MAX_WHOLE_CHARS`
    characters; otherwise both equal :func:`polarity` on each text (see
    :func:`analysis.vader.paragraph_scores`, which reads the words once for both).
    """
    return _PARAGRAPH_SCORES(text, spans, whole=len(text) <= MAX_WHOLE_CHARS)


def round4(x: float) -> float:
    """The package's one rounding rule, 4 decimals as VADER rounds: ``float(numpy.round(x, 4))``.

    The same operations as numpy (scale by 10^4, round half to even, divide
    back) and the same sign of zero, without numpy's per-call cost.
    """
    y = x * 10000.0
    r = round(y)
    return r / 10000.0 if r else math.copysign(0.0, y)


def mean4(values: list[float]) -> float | None:
    """The mean, rounded by :func:`round4`; None (a missing value) for no values."""
    return round4(math.fsum(values) / len(values)) if values else None


def paragraph_tone(scores: list[vader.Scores], whole: float | None, *, score: str = PARAGRAPH_SCORE) -> tuple:
    """A paragraph's tone from its sentences' ``(neg, neu, pos, compound)`` and its whole-text compound.

    Args:
        scores: VADER's scores of each sentence.
        whole: VADER's compound of the whole paragraph (None when too long to score).
        score: which of :data:`PARAGRAPH_SCORES` becomes ``score``.

    Returns:
        ``(neg, neu, pos, compound_mean, compound_whole, score, label)``: the
        means of the sentences' values (rounded by :func:`round4`), the whole
        compound, the chosen score and its :func:`label`; None where there is
        no sentence.
    """
    if score not in PARAGRAPH_SCORES:
        raise ValueError(f"unknown paragraph score {score!r}; choose from {', '.join(PARAGRAPH_SCORES)}")
    neg, neu, pos, compound = zip(*scores) if scores else ((), (), (), ())
    compound_mean = mean4(list(compound))
    value = compound_mean if score == "compound_mean" else whole
    return (
        mean4(list(neg)),
        mean4(list(neu)),
        mean4(list(pos)),
        compound_mean,
        whole,
        value,
        label(value) if scores and value is not None else None,
    )


#: A "sentence" longer than this many characters (no full stop for pages) is
#: scored in chunks: VADER's rules are super-linear on long inputs
#: (vaderSentiment issue 110), and no real sentence is this long.
MAX_SENTENCE_CHARS = 1000


def bounded_sentence_spans(
    text: str, spans: list[tuple[int, int]], *, limit: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
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
    import pandas as pd

    lexicon = vader.LEXICON
    rows = []
    for para, sent, text in zip(sentences["para"], sentences["sent"], sentences["text"]):
        for word in _WORD.findall(str(text).lower().replace("\u2019", "'")):
            if word in lexicon:
                rows.append((int(para), int(sent), word, float(lexicon[word])))
    return pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS).astype(
        {"para": "int64", "sent": "int64", "valence": "float64"}
    )
