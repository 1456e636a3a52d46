"""VADER's scores, computed once per word and once per paragraph: vaderSentiment's rules, faster.

This module reimplements ``SentimentIntensityAnalyzer.polarity_scores`` of
vaderSentiment 3.3.2 (MIT licence) with the same lexicon, constants and
rules, including its quirks (the ``but`` rule looks values up with
``list.index``; a word is stripped of punctuation only when three or more
characters remain). What changes is only the work done per call:

* each whitespace-separated word is read once per process: its stripped form,
  lower case, capitals, lexicon valence, booster value and negation status are
  cached (a bounded dictionary; news reuses its words);
* a lexicon word whose neighbourhood holds no rule word (negation, booster,
  "no", "least", "so"/"this", "never", "without"/"doubt") skips the rules
  that could not fire;
* :func:`paragraph_scores` scores a paragraph's sentences and the whole
  paragraph from one reading of its words, since VADER splits on white space
  and Punkt's sentences are separated by white space; when they are not
  (a chunk cut inside a word), or the text holds an emoji, the whole
  paragraph is scored on its own.

What it buys: 4.4x vaderSentiment's speed (median of 5 interleaved rounds,
range 2.5x to 5.5x; ``benchmarks/bench_twins.py``: the 1,987 paragraphs of
the NYT editorials of VADER's benchmark, each paragraph's sentences and the
whole paragraph, the word cache cold at the start of each round).

Verified against: vaderSentiment 3.3.2 (``pyproject.toml`` pins it). The
tests compare every score with vaderSentiment's own on the 23,703 human-rated
benchmark sentences, on paragraph-length texts and on random texts built from
the rule words (``tests/test_vader.py``); any difference fails.

Choosing: ``ANALYSIS_VADER=vaderSentiment`` in the environment makes
:mod:`analysis.sentiment` score with the library itself
(:func:`library_paragraph_scores`); ``fast`` (the default) uses this module.
"""

from __future__ import annotations

import math
from itertools import compress
from operator import itemgetter

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from .caches import BoundedCache

__all__ = ["polarity_scores", "paragraph_scores", "Scores", "IMPLEMENTATIONS"]

#: the vaderSentiment release this twin reproduces (``pyproject.toml`` pins it)
VADERSENTIMENT_VERIFIED = "==3.3.2"

_BASE = SentimentIntensityAnalyzer()
LEXICON: dict[str, float] = _BASE.lexicon
EMOJIS: dict[str, str] = _BASE.emojis
_EMOJI_CHARS = frozenset(k for k in EMOJIS if len(k) == 1)
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"  # string.punctuation, as vaderSentiment strips it
_NEGATE = frozenset(NEGATE)
#: words that can change a lexicon word's valence from up to three words before it
#: (besides idiom words, handled apart); a word containing "n't" is a negation too
_RULE_WORDS = (
    _NEGATE | {w for w in BOOSTER_DICT if " " not in w} | {"no", "least", "so", "this", "never", "without", "doubt"}
)
#: words of the multi-word idioms and boosters checked by vaderSentiment's _special_idioms_check
_IDIOM_KEYS = [key.split(" ") for key in [*SPECIAL_CASES, *BOOSTER_DICT] if " " in key]
#: consecutive word pairs of those idioms: an n-gram can match one only if its first two words are such a pair
_IDIOM_PAIRS = frozenset((a, b) for words in _IDIOM_KEYS for a, b in zip(words, words[1:]))
_SO_THIS = ("so", "this")

# The fields of a word's cached reading (a tuple, for speed):
_W, _L, _UP, _LEX, _BOOST, _NEG, _RULE, _SCORED = range(8)
_scored, _upper, _lower = itemgetter(_SCORED), itemgetter(_UP), itemgetter(_L)

#: (neg, neu, pos, compound), each rounded as vaderSentiment rounds them
Scores = tuple[float, float, float, float]


def _known(lower: str) -> tuple:
    """The fields ``_LEX`` .. ``_SCORED`` of a lower-case word's reading."""
    negation = lower in _NEGATE or "n't" in lower
    valence, booster = LEXICON.get(lower), BOOSTER_DICT.get(lower)
    # _SCORED: a lexicon word that is not a booster (VADER gives a booster itself no valence)
    return (valence, booster, negation, negation or lower in _RULE_WORDS, valence is not None and booster is None)


#: lexicon, booster, negation and rule words -> their fields; any other word has no valence,
#: no booster value, and is a negation (and so a rule word) exactly when it contains "n't"
_KNOWN = {w: _known(w) for w in {*LEXICON, *BOOSTER_DICT, *_NEGATE, *_RULE_WORDS}}


def _reading(token: str) -> tuple:
    """A raw word's reading: stripped form, lower case, capitals, valence, booster, negation, rule word, scored."""
    stripped = token.strip(_PUNCTUATION)
    word = token if len(stripped) <= 2 else stripped
    lower = word.lower()
    known = _KNOWN.get(lower)
    if known is None:
        negation = "n't" in lower
        return (word, lower, word.isupper(), None, None, negation, negation, False)
    return (word, lower, word.isupper(), *known)


#: raw word -> its reading, once per process
_WORDS = BoundedCache(_reading)


def _readings(text: str) -> list[tuple]:
    words = _WORDS
    return list(map(words.__getitem__, text.split()))


def _special_idioms(valence: float, r: list[tuple], i: int) -> float:
    """vaderSentiment's ``_special_idioms_check`` (same n-grams, same order); ``i`` > 2."""
    w3, w2, w1, w0 = r[i - 3][_L], r[i - 2][_L], r[i - 1][_L], r[i][_L]
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    n = len(r)
    if n - 1 > i:
        zeroone = f"{w0} {r[i + 1][_L]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {r[i + 1][_L]} {r[i + 2][_L]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _negation(valence: float, r: list[tuple], start_i: int, i: int) -> float:
    """vaderSentiment's ``_negation_check``."""
    if start_i == 0:
        if r[i - 1][_NEG]:
            valence = valence * N_SCALAR
    elif start_i == 1:
        w2, w1 = r[i - 2][_L], r[i - 1][_L]
        if w2 == "never" and (w1 == "so" or w1 == "this"):
            valence = valence * 1.25
        elif w2 == "without" and w1 == "doubt":
            pass
        elif r[i - 2][_NEG]:
            valence = valence * N_SCALAR
    else:
        w3, w2, w1 = r[i - 3][_L], r[i - 2][_L], r[i - 1][_L]
        if w3 == "never" and (w2 == "so" or w2 == "this") or (w1 == "so" or w1 == "this"):
            valence = valence * 1.25
        elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
            pass
        elif r[i - 3][_NEG]:
            valence = valence * N_SCALAR
    return valence


def _idiom_possible(r: list[tuple], i: int, n: int) -> bool:
    """Whether one of the n-grams ``_special_idioms`` looks up at ``i`` (> 2) can be an idiom or booster phrase."""
    pairs = _IDIOM_PAIRS
    w1, w0 = r[i - 1][_L], r[i][_L]
    return (
        (w1, w0) in pairs
        or (r[i - 2][_L], w1) in pairs
        or (r[i - 3][_L], r[i - 2][_L]) in pairs
        or (i + 1 < n and (w0, r[i + 1][_L]) in pairs)
    )


def _valence(r: list[tuple], i: int, cap_diff: bool) -> float:
    """vaderSentiment's ``sentiment_valence`` for the lexicon word at ``i`` of the readings ``r``."""
    n = len(r)
    item = r[i]
    lex = item[_LEX]
    valence = lex
    lo = i - 3 if i > 3 else 0
    if item[_L] != "no" and not any(x[_RULE] for x in r[lo:i]) and not (item[_UP] and cap_diff):
        # no rule word can fire: the booster, negation, "no" and "least" rules all leave the valence as is
        if i > 2 and r[i - 3][_LEX] is None and _idiom_possible(r, i, n):
            valence = _special_idioms(valence, r, i)
        return valence
    low_i = item[_L]
    if low_i == "no" and i != n - 1 and r[i + 1][_LEX] is not None:
        valence = 0.0
    if (
        (i > 0 and r[i - 1][_L] == "no")
        or (i > 1 and r[i - 2][_L] == "no")
        or (i > 2 and r[i - 3][_L] == "no" and r[i - 1][_L] in ("or", "nor"))
    ):
        valence = lex * N_SCALAR
    if item[_UP] and cap_diff:
        if valence > 0:
            valence += C_INCR
        else:
            valence -= C_INCR
    for start_i in range(3):
        j = i - (start_i + 1)
        if i > start_i and r[j][_LEX] is None:
            booster = r[j][_BOOST]
            if booster is not None:  # vaderSentiment's scalar_inc_dec
                s = booster
                if valence < 0:
                    s *= -1
                if r[j][_UP] and cap_diff:
                    if valence > 0:
                        s += C_INCR
                    else:
                        s -= C_INCR
            else:
                s = 0.0
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation(valence, r, start_i, i)
            if start_i == 2:
                valence = _special_idioms(valence, r, i)
    # vaderSentiment's _least_check ("least" is not a lexicon word)
    if i > 1 and r[i - 1][_LEX] is None and r[i - 1][_L] == "least":
        if r[i - 2][_L] != "at" and r[i - 2][_L] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and r[i - 1][_LEX] is None and r[i - 1][_L] == "least":
        valence = valence * N_SCALAR
    return valence


def _nonzero_valences(r: list[tuple], cap_diff: bool) -> tuple[list[int], list[float]]:
    """Positions and valences of the words whose valence is not zero, before the ``but`` rule."""
    positions, values = [], []
    n = len(r)
    for i in compress(range(n), map(_scored, r)):  # lexicon words only (a C-level scan)
        if r[i][_L] == "kind" and i < n - 1 and r[i + 1][_L] == "of":
            continue
        v = _valence(r, i, cap_diff)
        if v != 0:
            positions.append(i)
            values.append(v)
    return positions, values


def _but(r: list[tuple], positions: list[int], values: list[float]) -> list[float]:
    """vaderSentiment's ``_but_check``, on the non-zero valences only (zeros stay zero there).

    As in vaderSentiment, each value is found again with ``list.index`` (its
    first equal value) before it is scaled; the same operations on the same
    values in the same order give the same result.
    """
    if not values:
        return values
    lows = list(map(_lower, r))
    if "but" not in lows:
        return values
    bi = lows.index("but")
    values = list(values)
    for k in range(len(values)):
        v = values[k]
        j = values.index(v)
        si = positions[j]
        if si < bi:
            values[j] = v * 0.5
        elif si > bi:
            values[j] = v * 1.5
    return values


def _score(values: list[float], n_words: int, n_exclaim: int, n_question: int) -> Scores:
    """vaderSentiment's ``score_valence``: the zero valences only count as neutral words."""
    if not n_words:
        return 0.0, 0.0, 0.0, 0.0
    sum_s = float(sum(values))
    ep = min(n_exclaim, 4) * 0.292
    qm = 0
    if n_question > 1:
        qm = n_question * 0.18 if n_question <= 3 else 0.96
    amplifier = ep + qm
    if sum_s > 0:
        sum_s += amplifier
    elif sum_s < 0:
        sum_s -= amplifier
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
    compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
    pos_sum = neg_sum = 0.0
    for v in values:
        if v > 0:
            pos_sum += float(v) + 1
        else:
            neg_sum += float(v) - 1
    neu_count = n_words - len(values)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / total), 3),
        round(math.fabs(neu_count / total), 3),
        round(math.fabs(pos_sum / total), 3),
        round(compound, 4),
    )


def _without_emoji(text: str) -> str:
    """vaderSentiment's emoji replacement: each emoji becomes its description."""
    out = []
    prev_space = True
    for ch in text:
        if ch in EMOJIS:
            if not prev_space:
                out.append(" ")
            out.append(EMOJIS[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out)


def _readings_scores(r: list[tuple], n_exclaim: int, n_question: int) -> Scores:
    n = len(r)
    n_upper = sum(map(_upper, r))
    cap_diff = 0 < n - n_upper < n
    positions, values = _nonzero_valences(r, cap_diff)
    return _score(_but(r, positions, values), n, n_exclaim, n_question)


def polarity_scores(text: str) -> dict[str, float]:
    """``SentimentIntensityAnalyzer().polarity_scores(text)``, the same numbers, faster."""
    if not _EMOJI_CHARS.isdisjoint(text):
        text = _without_emoji(text)
    text = text.strip()
    neg, neu, pos, compound = _readings_scores(_readings(text), text.count("!"), text.count("?"))
    return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}


def paragraph_scores(
    text: str, spans: list[tuple[int, int]], *, whole: bool = True
) -> tuple[list[Scores], float | None]:
    """VADER on each sentence of a paragraph and on the whole paragraph, from one reading of its words.

    Args:
        text: the paragraph.
        spans: its sentence spans (offsets into ``text``), in order.
        whole: also score the whole paragraph (else the second value is None).

    Returns:
        ``(neg, neu, pos, compound)`` per span, and the whole paragraph's
        compound: both equal to ``polarity_scores`` on each text.
    """
    if not _EMOJI_CHARS.isdisjoint(text):
        sentences = [tuple(polarity_scores(text[a:b]).values()) for a, b in spans]
        return sentences, polarity_scores(text)["compound"] if whole else None
    words = _WORDS
    out: list[Scores] = []
    everything: list[tuple] = []
    exclaim = question = 0
    for a, b in spans:
        sentence = text[a:b]
        r = list(map(words.__getitem__, sentence.split()))
        n_exclaim, n_question = sentence.count("!"), sentence.count("?")
        exclaim += n_exclaim
        question += n_question
        out.append(_readings_scores(r, n_exclaim, n_question))
        if whole:
            everything += r
    if not whole:
        return out, None
    if len(spans) == 1 and spans[0] == (0, len(text)):
        return out, out[0][3]
    # The paragraph's words are its sentences' words when only white space lies between and
    # around the sentences (VADER splits on white space); otherwise read the paragraph itself.
    cursor = 0
    for a, b in spans:
        gap = text[cursor:a]
        if (cursor and not gap) or (gap and not gap.isspace()):
            return out, polarity_scores(text)["compound"]
        cursor = b
    tail = text[cursor:]
    if tail and not tail.isspace():
        return out, polarity_scores(text)["compound"]
    return out, _readings_scores(everything, exclaim, question)[3]


def library_polarity_scores(text: str) -> dict[str, float]:
    """vaderSentiment's own ``polarity_scores`` (the reference this module reproduces)."""
    return _BASE.polarity_scores(text)


def library_paragraph_scores(
    text: str, spans: list[tuple[int, int]], *, whole: bool = True
) -> tuple[list[Scores], float | None]:
    """:func:`paragraph_scores` computed by vaderSentiment itself: each sentence, then the whole text."""
    score = _BASE.polarity_scores
    sentences = [tuple(score(text[a:b]).values()) for a, b in spans]
    return sentences, score(text)["compound"] if whole else None


#: implementation name -> ``(polarity_scores, paragraph_scores)``; :mod:`analysis.sentiment` picks one
IMPLEMENTATIONS = {
    "fast": (polarity_scores, paragraph_scores),
    "vaderSentiment": (library_polarity_scores, library_paragraph_scores),
}
