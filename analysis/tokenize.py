"""Sentences and tokens with exact character offsets, offline.

Sentences come from NLTK's Punkt algorithm with abbreviation parameters this
package ships (:data:`ABBREVIATIONS`), so the split is the same on every
machine whether or not NLTK data is installed; nothing is downloaded. Tokens
come from NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (``span_tokenize``
gives exact spans, and is several times cheaper than the Treebank-style
``NLTKWordTokenizer``; see :func:`_untimed` for the ReDoS guard); stems from NLTK's Snowball stemmer after mapping
irregular forms to their base (``resources/irregular_forms.tsv``), cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken

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
# "27-point"); dotted abbreviations stay whole ("U.S."); numbers keep their
# separators ("1,000", "3.5", "10:42"); any other non-space character is a
# token of its own.
TOKEN_PATTERN = r"""(?x)
    (?:[^\W\d_]\.){2,}                          # U.S.  a.m.  U.K.
  | \d+(?:[.,:]\d+)+                            # 1,000  3.5  10:42
  | \w+(?:['\u2019\u2010\u2011-]\w+)*           # words, with inner ' ’ and hyphens
  | [^\w\s]                                     # punctuation, symbols, emoji
"""
_HYPHENS = re.compile(r"[\u2010\u2011-]")
_WORDLIKE = re.compile(r"\w")
_NUMBER = re.compile(r"^\d+(?:[.,:]\d+)*$")

_STEMMER = SnowballStemmer("english")


def _untimed(pattern):
    """The compiled ``regex`` pattern inside NLTK's ReDoS guard (``nltk.redos.TimedPattern``).

    NLTK 3.10 runs every match of its tokenizers under a wall-clock timeout,
    a guard meant for caller-supplied patterns. The patterns used here are
    fixed and linear (this module's TOKEN_PATTERN and Punkt's own), and the
    guard costs as much as VADER itself on news text, so the same compiled
    ``regex`` pattern (same engine, same matches) is used without it.
    """
    return getattr(pattern, "_rx", pattern)


_TOKENIZER = RegexpTokenizer(TOKEN_PATTERN)
_TOKENIZER._check_regexp()
_TOKENIZER._regexp = _untimed(_TOKENIZER._regexp)
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


class _Token(PunktToken):
    """Punkt's token with its fixed patterns outside the ReDoS guard (see :func:`_untimed`)."""

    _RE_ELLIPSIS = _untimed(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _untimed(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _untimed(PunktToken._RE_INITIAL)
    _RE_ALPHA = _untimed(PunktToken._RE_ALPHA)


_SENT_END = frozenset((".", "?", "!"))
_PUNKT_PUNCTUATION = frozenset(PunktSentenceTokenizer.PUNCTUATION)


@lru_cache(maxsize=1 << 16)
def _first_pass(tok: str) -> tuple[bool, bool, bool]:
    """Punkt's reading of one word token: (sentence break after the first pass, initial, number).

    The first pass of ``PunktSentenceTokenizer._first_pass_annotation`` ('.',
    '?' and '!' break; an ellipsis or a known abbreviation does not; any other
    word ending in '.' breaks), and the two properties its second pass asks
    of a period-final token (``is_initial``; a type of ``##number##``).
    """
    if tok in _SENT_END:
        sentbreak = True
    elif _Token._RE_ELLIPSIS.match(tok):
        sentbreak = False
    elif tok.endswith(".") and not tok.endswith(".."):
        low = tok[:-1].lower()
        sentbreak = not (low in ABBREVIATIONS or low.split("-")[-1] in ABBREVIATIONS)
    else:
        sentbreak = False
    if not tok.endswith("."):
        return sentbreak, False, False
    typ = _Token._RE_NUMERIC.sub("##number##", tok.lower())
    if len(typ) > 1 and typ[-1] == ".":
        typ = typ[:-1]
    return sentbreak, bool(_Token._RE_INITIAL.match(tok)), typ == "##number##"


_WHITESPACE = " \t\n\r\x0b\x0c"  # string.whitespace, where Punkt looks for the word before a candidate


class _Punkt(PunktSentenceTokenizer):
    """NLTK's Punkt with its span search written as one function, for these parameters.

    :meth:`spans` is NLTK's ``span_tokenize`` (``_match_potential_end_contexts``,
    ``_slices_from_text``, ``_realign_boundaries``) without the generators and
    the ReDoS timeout on the realignment pattern, and :meth:`text_contains_sentbreak`
    is computed directly.

    NLTK builds a ``PunktToken`` object per word of every candidate context
    and runs the generic two-pass annotation, which costs as much as VADER on
    news text. With the parameters used here (abbreviations only: no
    collocations, sentence starters or orthographic context), the second pass
    reduces to one rule: an initial ("J.") or a number ("1990.") is not a
    sentence break when the next token is punctuation or starts in lower case,
    and an initial is not one when the next token starts in upper case
    either. ``tests/test_tokenize.py`` compares the spans with NLTK's own
    annotation on the benchmark texts and on generated texts.
    """

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(self.span_tokenize(text))``, computed as NLTK 3.10 computes it."""
        contains_sentbreak = self.text_contains_sentbreak
        rfind = text.rfind
        # NLTK's _match_potential_end_contexts and _slices_from_text: a break after each
        # candidate (".", "?", "!" before punctuation or white space) whose context breaks
        cuts = []
        last_break = 0
        prev_start = prev_stop = 0
        previous = None
        for match in self._period_context_finditer(text):
            start = match.start()
            found = max([rfind(c, prev_stop, start) for c in _WHITESPACE])
            word_start = found + 1 if found > prev_stop else prev_start
            if previous is not None and prev_stop <= word_start:
                if contains_sentbreak(text[prev_start:prev_stop] + previous.group() + previous.group("after_tok")):
                    cuts.append((last_break, previous.end()))
                    last_break = previous.start("next_tok") if previous.group("next_tok") else previous.end()
            previous = match
            prev_start, prev_stop = word_start, start
        if previous is not None:
            if contains_sentbreak(text[prev_start:prev_stop] + previous.group() + previous.group("after_tok")):
                cuts.append((last_break, previous.end()))
                last_break = previous.start("next_tok") if previous.group("next_tok") else previous.end()
        cuts.append((last_break, len(text.rstrip())))
        # NLTK's _realign_boundaries: closing quotes and brackets after a break join the sentence before
        out = []
        realign = 0
        last = len(cuts) - 1
        realignment = self._realignment_match
        for k, (start, end) in enumerate(cuts):
            start += realign
            if k == last:
                if start < end:
                    out.append((start, end))
                continue
            following_start, following_end = cuts[k + 1]
            m = realignment(text[following_start:following_end])
            if m:
                out.append((start, following_start + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if start < end:
                    out.append((start, end))
        return out

    def span_tokenize(self, text: str, realign_boundaries: bool = True):
        if not realign_boundaries:
            return super().span_tokenize(text, realign_boundaries)
        return iter(self.spans(text))

    def text_contains_sentbreak(self, text: str) -> bool:
        tokens = []
        for line in text.split("\n"):
            if line.strip():
                tokens += self._lang_vars.word_tokenize(line)
        for tok, following in zip(tokens, tokens[1:]):
            sentbreak, initial, number = _first_pass(tok)
            if sentbreak and (initial or number):
                if following in _PUNKT_PUNCTUATION or following[0].islower() or (initial and following[0].isupper()):
                    sentbreak = False
            if sentbreak:
                return True
        return False


def _punkt(cls: type[PunktSentenceTokenizer] = _Punkt) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    punkt = cls(params, token_cls=_Token)
    lang = punkt._lang_vars  # instance-level patterns only: NLTK's module state is left alone
    lang._re_word_tokenizer = _untimed(lang._word_tokenizer_re())
    lang._re_period_context = _untimed(lang.period_context_re())
    punkt._period_context_finditer = lang._re_period_context.finditer
    punkt._realignment_match = _untimed(lang.re_boundary_realignment).match
    return punkt


_PUNKT = _punkt()


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
