"""Sentences and tokens with exact character offsets, offline.

Sentences come from NLTK's Punkt algorithm with abbreviation parameters this
package ships (:data:`ABBREVIATIONS`), so the split is the same on every
machine whether or not NLTK data is installed; nothing is downloaded. Tokens
come from NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (``span_tokenize``
gives exact spans, and is several times cheaper than the Treebank-style
``NLTKWordTokenizer``; see :func:`analysis.punkt_fast.untimed` for the ReDoS
guard); stems from NLTK's Snowball stemmer after mapping irregular forms to
their base (``resources/irregular_forms.tsv``), cached. The Punkt twin is
:mod:`analysis.punkt_fast`.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

from .errors import AnalysisError
from .punkt_fast import IMPLEMENTATIONS, make_punkt, untimed

# Punkt abbreviation types: lower case, without the final full stop. Words that
# often end a sentence as ordinary words ("no", "sat", "sun", "est", "wed")
# are left out: an abbreviation is never a sentence end for Punkt here.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt
    sen rep gov pres supt insp rev hon amb atty
    jan feb apr jun jul aug sep sept oct nov dec
    tue tues thu thur thurs fri
    u.s u.k u.n u.s.a e.u a.m p.m e.g i.e etc vs vol pp approx
    inc ltd corp bros dept univ assn ave blvd hwy
    """.split()
)

# Words keep inner apostrophes and hyphens ("don't", "Trump's", "micro-moments",
# "27-point") and an ampersand between two letters ("AT&T", "PG&E", "S&P";
# "R & D" with spaces stays three tokens); dotted abbreviations stay whole
# ("U.S."); numbers keep their separators ("1,000", "3.5", "10:42"); any other
# non-space character is a token of its own.
TOKEN_PATTERN = r"""(?x)
    (?:[^\W\d_]\.){2,}                          # U.S.  a.m.  U.K.
  | \d+(?:[.,:]\d+)+                            # 1,000  3.5  10:42
  | \w+(?:(?:['\u2019\u2010\u2011-]           # words, with inner ' ’ and hyphens,
             |(?<=[^\W\d_])&(?=[^\W\d_]))\w+)*  # and & between two letters (AT&T)
  | [^\w\s]                                     # punctuation, symbols, emoji
"""
_HYPHENS = re.compile(r"[\u2010\u2011-]")
_WORDLIKE = re.compile(r"\w")
_NUMBER = re.compile(r"^\d+(?:[.,:]\d+)*$")

_STEMMER = SnowballStemmer("english")


_TOKENIZER = RegexpTokenizer(TOKEN_PATTERN)
_TOKENIZER._check_regexp()
_TOKENIZER._regexp = untimed(_TOKENIZER._regexp)
#: what ``_TOKENIZER.span_tokenize`` runs (a pattern without gaps: one span per match), without its generator
_TOKEN_FINDITER = _TOKENIZER._regexp.finditer
_TOKEN_FINDALL = _TOKENIZER._regexp.findall


def _load_irregular() -> dict[str, str]:
    table = {}
    text = resources.files("analysis").joinpath("resources/irregular_forms.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            form, base = line.split("\t")
            table[form] = base
    return table


IRREGULAR_FORMS: dict[str, str] = _load_irregular()

#: which Punkt computes the sentence spans: ``fast`` (:class:`analysis.punkt_fast.FastPunkt`, the default)
#: or ``nltk`` (NLTK's own class); set with the environment variable ``ANALYSIS_PUNKT``
PUNKT_IMPLEMENTATION = os.environ.get("ANALYSIS_PUNKT", "fast")
if PUNKT_IMPLEMENTATION not in IMPLEMENTATIONS:
    raise AnalysisError(f"ANALYSIS_PUNKT={PUNKT_IMPLEMENTATION!r}: choose from {', '.join(IMPLEMENTATIONS)}")
_PUNKT = make_punkt(ABBREVIATIONS, PUNKT_IMPLEMENTATION)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (offsets relative to ``text``).

    Example:
        >>> sentence_spans("U.S. President Donald Trump met Mr. Putin on Aug. 15 in Anchorage. He left.")
        [(0, 66), (67, 75)]
    """
    return _PUNKT.spans(text)


def tokens_and_starts(text: str) -> tuple[list[str], list[int]]:
    """Token strings of ``text`` and their start offsets: :func:`token_spans` without match objects.

    Every character that is not white space belongs to a token, so each token
    is found by ``str.find`` from the end of the previous one: the same spans.
    """
    tokens = _TOKEN_FINDALL(text)
    starts = []
    find = text.find
    pos = 0
    for token in tokens:
        pos = find(token, pos)
        starts.append(pos)
        pos += len(token)
    return tokens, starts


def token_spans(text: str) -> list[tuple[int, int]]:
    """Token spans of ``text`` (offsets relative to ``text``)."""
    return [m.span() for m in _TOKEN_FINDITER(text)]


@lru_cache(maxsize=1 << 18)
def stem_word(word: str) -> str:
    """The matching key of one word part: lower case, irregular form mapped, Snowball stem.

    Example:
        >>> stem_word("Begging"), stem_word("sent"), stem_word("Washington's")
        ('beg', 'send', 'washington')
    """
    return _stem_lower(word.lower().replace("\u2019", "'"))


@lru_cache(maxsize=1 << 18)
def _stem_lower(lower: str) -> str:
    """Snowball after the irregular-forms table, cached by the lower-case form ("The", "the": one call)."""
    return _STEMMER.stem(IRREGULAR_FORMS.get(lower, lower))


@lru_cache(maxsize=1 << 18)
def stem(token: str) -> str:
    """Stem of a token; a hyphenated token stems part by part ("micro-moment")."""
    if _HYPHENS.search(token) and not token.startswith("-"):
        return "-".join(stem_word(p) for p in _HYPHENS.split(token))
    return stem_word(token)


def token_kind(token: str) -> str:
    """``number``, ``word`` or ``punct`` (anything without a letter or digit)."""
    if _NUMBER.match(token):
        return "number"
    return "word" if _WORDLIKE.search(token) else "punct"
