"""Punkt's sentence spans, computed faster: a named twin of NLTK's ``PunktSentenceTokenizer``.

What it buys: on news text NLTK builds a ``PunktToken`` per word of every
candidate context and runs its generic two-pass annotation under a ReDoS
timeout; that costs about as much as VADER itself. :class:`FastPunkt` gives
the same spans 3.8x faster (median of 5 interleaved rounds, range 2.8x to
4.5x, on the 1,987 paragraphs of the NYT editorials of VADER's benchmark:
``benchmarks/bench_twins.py``), for the parameters this package ships
(abbreviations only).

How: :meth:`FastPunkt.spans` is NLTK's ``span_tokenize`` written as one
function, and its sentence-break test is computed directly: with
abbreviations only (no collocations, sentence starters or orthographic
context) Punkt's second pass reduces to one rule (see the class docstring).

Verified against: NLTK 3.9.1 to 3.10.x (``pyproject.toml`` pins
:data:`NLTK_VERIFIED`). It relies on these private NLTK attributes:
``PunktToken._RE_ELLIPSIS``, ``_RE_NUMERIC``, ``_RE_INITIAL``, ``_RE_ALPHA``,
``PunktLanguageVars._re_word_tokenizer``, ``_word_tokenizer_re``,
``_re_period_context`` and ``PunktSentenceTokenizer._lang_vars``, and on the
``_rx`` attribute of NLTK's ``TimedPattern`` (3.10's ReDoS guard).

Choosing: ``ANALYSIS_PUNKT=nltk`` in the environment makes
:mod:`analysis.tokenize` use NLTK's own ``PunktSentenceTokenizer`` with the
same parameters (the reference); ``fast`` (the default) uses this module.
``tests/test_twins.py`` runs one equality suite against both, on the
benchmark texts and on generated texts.
"""

from __future__ import annotations

from functools import lru_cache, partial

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken

#: the NLTK releases this twin was checked against (the spans equal NLTK's own)
NLTK_VERIFIED = ">=3.9.1,<3.11"
IMPLEMENTATIONS = ("fast", "nltk")


def untimed(pattern):
    """The compiled ``regex`` pattern inside NLTK's ReDoS guard (``nltk.redos.TimedPattern``).

    NLTK 3.10 runs every match of its tokenizers under a wall-clock timeout,
    a guard meant for caller-supplied patterns. The patterns used here are
    fixed and linear (the package's token pattern and Punkt's own), and the
    guard costs as much as VADER itself on news text, so the same compiled
    ``regex`` pattern (same engine, same matches) is used without it.
    """
    return getattr(pattern, "_rx", pattern)


class _Token(PunktToken):
    """Punkt's token with its fixed patterns outside the ReDoS guard (see :func:`untimed`)."""

    _RE_ELLIPSIS = untimed(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = untimed(PunktToken._RE_NUMERIC)
    _RE_INITIAL = untimed(PunktToken._RE_INITIAL)
    _RE_ALPHA = untimed(PunktToken._RE_ALPHA)


_SENT_END = frozenset((".", "?", "!"))
_PUNKT_PUNCTUATION = frozenset(PunktSentenceTokenizer.PUNCTUATION)


def first_pass(tok: str, abbreviations: frozenset[str]) -> tuple[bool, bool, bool]:
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
        sentbreak = not (low in abbreviations or low.split("-")[-1] in abbreviations)
    else:
        sentbreak = False
    if not tok.endswith("."):
        return sentbreak, False, False
    typ = _Token._RE_NUMERIC.sub("##number##", tok.lower())
    if len(typ) > 1 and typ[-1] == ".":
        typ = typ[:-1]
    return sentbreak, bool(_Token._RE_INITIAL.match(tok)), typ == "##number##"


_WHITESPACE = " \t\n\r\x0b\x0c"  # string.whitespace, where Punkt looks for the word before a candidate


class FastPunkt(PunktSentenceTokenizer):
    """NLTK's Punkt with its span search written as one function, for these parameters.

    :meth:`spans` is NLTK's ``span_tokenize`` (``_match_potential_end_contexts``,
    ``_slices_from_text``, ``_realign_boundaries``) without the generators and
    the ReDoS timeout on its patterns, and :meth:`text_contains_sentbreak`
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

    def __init__(self, params: PunktParameters):
        super().__init__(params, token_cls=_Token)
        abbreviations = frozenset(params.abbrev_types)
        self._reading = lru_cache(maxsize=1 << 16)(partial(first_pass, abbreviations=abbreviations))
        lang = self._lang_vars  # instance-level patterns only: NLTK's module state is left alone
        lang._re_word_tokenizer = untimed(lang._word_tokenizer_re())
        lang._re_period_context = untimed(lang.period_context_re())
        self._period_context_finditer = lang._re_period_context.finditer
        self._realignment_match = untimed(lang.re_boundary_realignment).match

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
            sentbreak, initial, number = self._reading(tok)
            if sentbreak and (initial or number):
                if following in _PUNKT_PUNCTUATION or following[0].islower() or (initial and following[0].isupper()):
                    sentbreak = False
            if sentbreak:
                return True
        return False


def make_punkt(abbreviations: frozenset[str], implementation: str = "fast") -> PunktSentenceTokenizer:
    """A Punkt sentence splitter with these abbreviation types (lower case, no final full stop).

    Args:
        abbreviations: Punkt's ``abbrev_types``.
        implementation: ``fast`` (:class:`FastPunkt`) or ``nltk`` (NLTK's own class, untouched).

    Returns:
        A tokenizer with a ``spans(text)`` method: ``list(span_tokenize(text))``.
    """
    if implementation not in IMPLEMENTATIONS:
        raise ValueError(f"unknown Punkt implementation {implementation!r}; choose from {', '.join(IMPLEMENTATIONS)}")
    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    if implementation == "fast":
        return FastPunkt(params)
    punkt = PunktSentenceTokenizer(params)
    punkt.spans = lambda text: list(punkt.span_tokenize(text))
    return punkt
