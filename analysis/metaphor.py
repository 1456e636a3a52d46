"""Metaphor candidates without a codebook: words whose sense in context may contrast with a more basic one.

The method follows the metaphor identification procedure (Pragglejaz Group
2007, MIP; Steen et al. 2010, MIPVU): a word is metaphor-related when its
contextual meaning contrasts with a more basic meaning (more concrete, bodily,
precise) and can be understood by comparison with it. Without a reader, the
package estimates that contrast from offline resources only: its part-of-speech
tagger (:mod:`analysis.postag`, UD English EWT) and WordNet 3.0's senses,
lexicographer files, sense frequencies and hypernyms (:mod:`analysis.wordnet`).
No metaphor corpus was used (the VU Amsterdam corpus's licence does not fit).

Every content word (noun, verb, adjective, adverb; not proper nouns, numbers or
auxiliaries; headline included) gets a ``score`` from 0 to 1: a logistic
regression over the features of :data:`FEATURES`, fitted by
``tools/fit_metaphor_weights.py`` on the package's own MIPVU readings of 43
news articles (``data/gold/metaphor/``; weights in
``resources/metaphor_weights.json``, their provenance included):

* **part of speech**: verbs are metaphorical far more often than nouns in news;
* **WordNet senses**: a concrete and an abstract sense (lexicographer files and
  hypernyms: a sense under physical entity against one under abstraction), a
  concrete first sense, the share of SemCor uses that are concrete, the number
  of senses, the first sense's share and lexicographer file ("verb.motion":
  rise, fall, drag), a verb whose first sense is abstract (saying, thinking, feeling, owning, perceiving,
  social or stative) with under a tenth of its uses concrete, senses in
  two or more source domains, the source domain of the basic sense, the
  lemma's SemCor frequency, and words WordNet does not know;
* **how a word is read**: a hyphenated compound WordNet does not know takes
  its head's senses ("tech-based": based); a title-case headline word the
  tagger took for a name takes the part of speech WordNet knows it best in
  ("Fell": fall); the words of the article's names are no candidates, in the
  headline too;
* **space, size and force words** (:data:`PRIMARY`): adjectives and adverbs of
  height, depth, width, distance, size, hardness and temperature, the source
  words of primary metaphors (MORE IS UP, IMPORTANT IS BIG: "higher prices",
  "far more", "deep cuts");
* **the lemma's record** (``lemma_prior``): how often the readings coded the
  lemma metaphor-related, smoothed toward its part of speech's rate
  (:func:`lemma_prior`; "way", "face", "rise" often, "say", "country" never);
  0 for a lemma they never coded;
* **the sentence** (:func:`_context`): a concrete verb between abstract nouns
  or before an abstract object ("prices fell", "raise the stakes"), a concrete
  noun among abstract ones or before "of" and an abstract noun ("a mountain of
  debt");
* **the article**: a source domain rare in the article (under
  :data:`RARE_DOMAIN_SHARE` of its content words), the lemma's repetition
  (topic words are repeated, and literal: "jets" in a story about jets), and
  the share of the article's nouns that are concrete (a crime report's
  concrete scene against an opinion piece's abstractions).

``flagged`` is ``score >= DEFAULT_THRESHOLD`` (0.35: the top of
leave-one-article-out F1 over the readings, 0.663 at 0.30, 0.664 at 0.35 and
0.654 at 0.40). A row is written for each word scoring at least
:data:`SHOW_THRESHOLD`, and for each word of an extended source domain: a
domain that bursts in a paragraph (:func:`_extended`: three or more distinct
lemmas, at twice the domain's share of the article; the analogy of a
real-estate deal in a story about a war), whatever their scores, so that the
clusters show the whole analogy. ``source_domain`` is the WordNet-derived
domain of the word's basic sense (:func:`analysis.wordnet.basic_domain`: body,
building and structures, journey and motion, war and violence, game and sport,
gambling, food and eating, theatre and performance, water and liquids,
weather, fire and heat, commerce and property, ...), empty when none is known.

Tried and left out, because they did not raise leave-one-article-out F1 over
the readings: WordNet idioms (its multiword lemmas are mostly literal
compounds), headline and lede position, phrasal-verb particles, adjectives
before abstract nouns, abstract noun modifiers ("trade war"), a boost for
extended domains (fitted, its weight was 0.03: most bursts are the topic),
selectional preferences counted from the EWT treebank's verb-object,
verb-subject and adjective-noun pairs, a simplified Lesk reading of the sense
in context (WordNet glosses against the sentence), concrete subjects, objects
and neighbours as evidence of a literal use, and the article's mean lemma
record.

What it cannot do: it does not read the sentence's meaning, so a literal use
of a polysemous word scores like a metaphorical one unless the nearby nouns
differ in concreteness ("the troops attacked", "the critics attacked"); novel
and deliberate metaphors (the framing ones: "a car crash of an interview",
"shattered dreams") are mostly missed, because their words are literal in
other contexts and unknown to the lemma record; WordNet's first sense is its
most frequent in 1990s texts, not always the basic one; similes ("like a
...") are not told apart. ``README.md`` reports precision and recall against
held-out readings.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from functools import lru_cache, partial
from importlib import resources
from operator import attrgetter, mul
from typing import NamedTuple

from . import wordnet
from .caches import BoundedCache
from .records import FrameHit, MetaphorCandidate, MetaphorCluster, SentenceTokens
from .vocabulary import STOPWORDS

#: score at or above which a candidate is ``flagged``
DEFAULT_THRESHOLD = 0.35
#: score at or above which a content word is written to ``metaphor_candidates.csv``
SHOW_THRESHOLD = 0.3
#: distinct lemmas of one source domain in one paragraph that make an extended metaphor (``metaphor_clusters``)
EXTENDED_MIN = 3
#: how many times its article-wide share a source domain's share of a paragraph's nouns and verbs must be
#: for the paragraph's words of that domain to count as an extended metaphor (a burst of the domain)
BURST_RATIO = 2.0
#: tags of content words
CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV"})

#: the features of a content word (:func:`article_features`), in the order of the weights
FEATURES = (
    "verb",
    "noun",
    "adj",
    "adv",
    "contrast",
    "first_concrete",
    "concrete_share",
    "log_senses",
    "unknown",
    "primary",
    "abstract_context",
    "domains",
    "rare_domain",
    "abstract_verb",
    "first_share",
    "lemma_prior",
    "object_abstract",
    "of_abstract",
    "repeated",
    "concrete_article",
    "log_count",
    # the lexicographer file of a noun's or verb's first sense ("verb.motion": "rise", "fall", "drag")
    *(f"first:{name}" for name in wordnet.LEXFILES if name.startswith(("noun.", "verb."))),
    # the source domain of its basic sense (:func:`analysis.wordnet.basic_domain`)
    *(f"domain:{name.replace(' ', '_')}" for name in wordnet.DOMAINS),
)
_AT = {name: i for i, name in enumerate(FEATURES)}
#: the logistic model's weights, fitted by ``tools/fit_metaphor_weights.py`` (L2-regularised logistic
#: regression) on the package's own MIPVU readings (``data/gold/metaphor/``, those listed as ``trained_on``
#: in the file, which records its provenance)
WEIGHTS_FILE = "metaphor_weights.json"
#: verb lexicographer files whose first sense is abstract by nature (saying, thinking, wanting, owning)
_ABSTRACT_VERB_FILES = frozenset(
    {
        "verb.communication",
        "verb.cognition",
        "verb.emotion",
        "verb.social",
        "verb.stative",
        "verb.possession",
        "verb.perception",
    }
)
#: an article's share of content words below which a source domain is foreign to it
RARE_DOMAIN_SHARE = 0.03


def weights() -> dict[str, float]:
    """The model's weights by feature (:data:`FEATURES`)."""
    return _weights()


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    import json

    path = resources.files("analysis").joinpath("resources", WEIGHTS_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: 0.0 for name in FEATURES} | {n: float(v) for n, v in data["weights"].items()}


#: per lemma and part of speech, how often the package's MIPVU readings coded it metaphor-related (written by
#: ``tools/fit_metaphor_weights.py`` from the development readings)
LEMMAS_FILE = "metaphor_lemmas.tsv"
#: pseudo-count of the part of speech's rate in a lemma's smoothed rate (:func:`prior_logodds`)
PRIOR_STRENGTH = 2.0


@lru_cache(maxsize=1)
def lemma_counts() -> dict[tuple[str, str], tuple[int, int]]:
    """``(lemma, pos) -> (coded words, metaphors)`` from :data:`LEMMAS_FILE` (empty when it is missing)."""
    path = resources.files("analysis").joinpath("resources", LEMMAS_FILE)
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, pos, words, metaphors = line.split("\t")
            if words != "words":
                out[lemma, pos] = (int(words), int(metaphors))
    return out


def pos_rates(records) -> dict[str, float]:
    """Each part of speech's share of metaphor-related words, kept within [0.01, 0.99], from ``(pos, coded
    words, metaphors)`` records (one a lemma)."""
    totals: dict[str, list[int]] = {}
    for pos, words, metaphors in records:
        t = totals.setdefault(pos, [0, 0])
        t[0] += words
        t[1] += metaphors
    return {pos: min(max(m / w, 0.01), 0.99) for pos, (w, m) in totals.items() if w}


@lru_cache(maxsize=1)
def _pos_rates() -> dict[str, float]:
    return pos_rates((pos, words, metaphors) for (_lemma, pos), (words, metaphors) in lemma_counts().items())


def prior_logodds(metaphors: int, words: int, rate: float) -> float:
    """How much a lemma's coded record moves the log-odds off its part of speech's ``rate``: the smoothed
    rate ``(metaphors + a * rate) / (words + a)`` (``a`` = :data:`PRIOR_STRENGTH`) in log-odds, minus the
    rate's; 0.0 for a lemma never coded."""
    if not words:
        return 0.0
    p = (metaphors + PRIOR_STRENGTH * rate) / (words + PRIOR_STRENGTH)
    return math.log(p / (1 - p)) - math.log(rate / (1 - rate))


def lemma_prior(lemma: str, pos: str) -> float:
    """:func:`prior_logodds` of a lemma from :func:`lemma_counts` ("way", "rise", "take": often metaphorical
    in news; "say", "country": never)."""
    words, metaphors = lemma_counts().get((lemma, pos), (0, 0))
    return prior_logodds(metaphors, words, _pos_rates().get(pos, 0.2)) if words else 0.0


# Words of height, depth, width, distance, size, direction, hardness, weight and temperature: the source
# words of primary metaphors (Grady 1997; Lakoff & Johnson 1999), as adjectives and adverbs.
PRIMARY = frozenset(
    """
    high low deep shallow broad wide narrow long short big small little tiny huge vast large far near close
    back up down forward ahead behind straight sharp steep heavy light hard soft tough strong weak hot cold
    warm cool bright dark thin thick fat skinny slim rough smooth flat tight loose firm solid fragile steady
    further farther higher lower deeper broader wider bigger sharply steeply heavily tightly firmly
    """.split()
)
#: verbs that are auxiliaries or copulas when tagged AUX, and never candidates
_NEVER = frozenset("be have do will would shall should may might must can could".split())


class _Word(NamedTuple):
    """What the scorer knows of a content word out of context (cached by token, tag and whether an adjective
    heads a noun phrase)."""

    pos: str
    lemma: str
    #: the features of :data:`FEATURES` that need no context (the context ones 0.0)
    x: tuple[float, ...]
    #: the model's log-odds from ``x``
    logit: float
    #: the highest log-odds the word can reach in any article, ``concrete_article`` aside: ``logit`` and the
    #: positive weights of the context features it may have and of ``rare_domain`` (infinite if ``repeated``
    #: could raise it)
    ceiling: float
    domain: str | None
    #: WordNet knows the word in ``pos``
    known: bool
    #: its first sense is concrete (nouns and verbs)
    first_concrete: bool
    #: a concrete sense exists, or it is a word of :data:`PRIMARY`
    concrete: bool
    #: ``(lemma, pos)``
    key: tuple[str, str]


@lru_cache(maxsize=1 << 17)
def _entry(token: str, tag: str, np_head: bool) -> _Word | None:
    """A token as a content word (None when it is none): part of speech, lemma and static features."""
    low = token.lower()
    if low in STOPWORDS and tag != "ADV" or not any(c.isalpha() for c in low):
        return None
    if tag == "ADJ" and np_head and wordnet.senses(low, "NOUN"):
        tag = "NOUN"  # the head of a noun phrase read as an adjective ("an armed squatter to leave")
    lemma = wordnet.lemmatize(token, tag)
    if not wordnet.senses(lemma, tag):  # a tagging slip: the part of speech WordNet knows the word in
        for other in ("NOUN", "VERB", "ADJ", "ADV"):
            if other != tag and wordnet.senses(wordnet.lemmatize(token, other), other):
                tag, lemma = other, wordnet.lemmatize(token, other)
                break
    if tag == "VERB" and lemma in _NEVER:
        return None
    pos, known_as = tag, lemma
    if not wordnet.senses(lemma, tag) and "-" in low.strip("-"):
        # a hyphenated compound WordNet does not know ("tech-based", "cord-cutting"): its head's senses
        head = low.strip("-").rsplit("-", 1)[-1]
        for other in (tag, "NOUN", "VERB", "ADJ", "ADV"):
            if other in CONTENT and wordnet.senses(wordnet.lemmatize(head, other), other):
                pos, known_as = other, wordnet.lemmatize(head, other)
                break
    lemma = lemma if known_as == lemma else low
    senses = wordnet.senses(known_as, pos)
    n = len(senses)
    flags = wordnet.concreteness(known_as, pos) or (False,) * n
    total = sum(sense.count for sense in senses)
    if not n:
        concrete_share = first_share = 0.0
    elif total:
        concrete_share = sum(sense.count for sense, f in zip(senses, flags) if f) / total
        first_share = senses[0].count / total
    else:
        concrete_share, first_share = sum(flags) / n, 1.0 / n
    lexfile = senses[0].lexfile if n else None
    primary = pos in ("ADJ", "ADV") and (known_as in PRIMARY or low in PRIMARY)
    x = [0.0] * len(FEATURES)
    x[_AT["verb"]] = float(pos == "VERB")
    x[_AT["noun"]] = float(pos == "NOUN")
    x[_AT["adj"]] = float(pos == "ADJ")
    x[_AT["adv"]] = float(pos == "ADV")
    x[_AT["contrast"]] = float(any(flags) and not all(flags))
    x[_AT["first_concrete"]] = float(bool(n) and flags[0])
    x[_AT["concrete_share"]] = concrete_share
    x[_AT["log_senses"]] = math.log1p(n)
    x[_AT["unknown"]] = float(n == 0)
    x[_AT["primary"]] = float(primary)
    x[_AT["domains"]] = float(len({d for d in wordnet.domains(known_as, pos) if d}) >= 2)
    x[_AT["abstract_verb"]] = float(pos == "VERB" and lexfile in _ABSTRACT_VERB_FILES and concrete_share < 0.1)
    x[_AT["first_share"]] = first_share
    x[_AT["lemma_prior"]] = lemma_prior(lemma, pos)
    x[_AT["log_count"]] = math.log1p(total)
    if lexfile and f"first:{lexfile}" in _AT:
        x[_AT[f"first:{lexfile}"]] = 1.0
    domain = wordnet.basic_domain(known_as, pos)
    if domain:
        x[_AT["domain:" + domain.replace(" ", "_")]] = 1.0
    w = weights()
    logit = sum(w[f] * v for f, v in zip(FEATURES, x))
    # the positive weights of the features the article and the sentence may add (:func:`_context`: a verb
    # with a concrete sense gets abstract_context and object_abstract, a noun with a concrete first sense
    # abstract_context and of_abstract)
    lift = max(w["rare_domain"], 0.0) if domain else 0.0
    if pos == "VERB" and any(flags):
        lift += max(w["abstract_context"], 0.0) + max(w["object_abstract"], 0.0)
    elif pos == "NOUN" and n and flags[0]:
        lift += max(w["abstract_context"], 0.0) + max(w["of_abstract"], 0.0)
    return _Word(
        pos,
        lemma,
        tuple(x),
        logit,
        logit + lift if w["repeated"] <= 0 else math.inf,
        domain,
        bool(n),
        bool(n) and flags[0],
        any(flags) or primary,
        (lemma, pos),
    )


_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})
#: tags a verb's object may sit behind ("raise the stakes", "pour more fuel")
_NP_INNER = frozenset({"DET", "ADJ", "NUM", "PRON"})


@lru_cache(maxsize=1 << 12)
def _headline_tag(token: str) -> str:
    """A headline word the tagger read as a proper noun: the part of speech WordNet knows it best in, by the
    SemCor uses of its lemma ("Fell" a verb, not the noun "fell"; a title-case headline capitalises every
    word); a word WordNet does not know stays a proper noun. Names the article writes elsewhere are left out
    by :func:`find_candidates`."""
    best, uses = "PROPN", -1
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        senses = wordnet.senses(wordnet.lemmatize(token, pos), pos)
        if senses and sum(sense.count for sense in senses) > uses:
            best, uses = pos, sum(sense.count for sense in senses)
    return best


def _content_words(sentence: SentenceTokens, tags: list[str]) -> list[tuple[int, _Word]]:
    """``(token index, entry)`` of a sentence's content words."""
    infos = sentence.infos
    if sentence.para == 0:  # "Vows To Press Ahead": a title-case headline's words read as names
        tags = [_headline_tag(i.token) if t == "PROPN" else t for t, i in zip(tags, infos)]
    last = len(tags) - 1
    out = []
    for k, tag in enumerate(tags):
        if tag not in CONTENT:
            continue
        info = infos[k]
        if info.kind != "word":
            continue
        if tag == "ADJ" and k > 0 and tags[k - 1] in _DET_ADJ and (k == last or tags[k + 1] not in _NOMINAL):
            word = _entry(info.token, tag, True)  # the head of a noun phrase read as an adjective?
        else:
            word = _ENTRIES[tag][info.token]  # the common case, without building a cache key
        if word is not None:
            out.append((k, word))
    return out


#: :func:`_entry` of a token not heading a noun phrase, by tag and token
_ENTRIES = {tag: BoundedCache(partial(lambda tag, token: _entry(token, tag, False), tag)) for tag in CONTENT}


_DET_ADJ = frozenset({"DET", "ADJ"})


#: the features set from the sentence, not the word alone (the article's are ``rare_domain``, ``repeated`` and
#: ``concrete_article``)
CONTEXT_FEATURES = ("abstract_context", "object_abstract", "of_abstract")


_NO_CONTEXT = (0.0, 0.0, 0.0)


def _context(
    sentence: SentenceTokens, tags: list[str], words: list[tuple[int, _Word]] | None = None, only=None
) -> tuple[list[tuple[int, _Word]], dict]:
    """Every content word of one sentence, ``(token index, entry)`` (``words`` when given), and the
    sentence-level features (:data:`CONTEXT_FEATURES`) of those that have any, by token index (only of
    the ``(token index, entry)`` pairs in ``only``, when given):

    * ``abstract_context``: a verb with a concrete sense whose nearest nouns before and after (its likely
      subject and object) have abstract first senses ("prices fell"); a noun with a concrete first sense
      whose sentence's other nouns are all abstract ("the brink of compromise");
    * ``object_abstract``: a verb with a concrete sense followed by an abstract noun, behind determiners,
      adjectives and at most one preposition ("raise the stakes", "pour fuel on");
    * ``of_abstract``: a noun with a concrete first sense followed by "of" and an abstract noun ("a mountain
      of debt").
    """
    if words is None:
        words = _content_words(sentence, tags)
    at = dict(words)
    nouns = [k for k, w in words if w.pos == "NOUN" and w.known]
    alone = len(nouns) > 1 and sum(at[k].first_concrete for k in nouns) == 1
    found = {}
    for k, w in words if only is None else only:
        if w.pos == "VERB" and w.concrete:
            ctx = _verb_context(k, tags, at, nouns)
        elif w.pos == "NOUN" and w.first_concrete:
            ctx = _noun_context(k, sentence.infos, tags, at, alone)
        else:
            continue
        if ctx is not _NO_CONTEXT:
            found[k] = ctx
    return words, found


def _abstract_noun(word: _Word | None) -> bool:
    return word is not None and word.pos == "NOUN" and word.known and not word.first_concrete


def _verb_context(k: int, tags: list[str], at: dict, nouns: list[int]) -> tuple[float, ...]:
    """A verb with a concrete sense: its nearest nouns before and after; the noun it is followed by."""
    p = bisect_left(nouns, k)
    before = at[nouns[p - 1]] if p else None
    after = at[nouns[p]] if p < len(nouns) else None
    abstract_context = (
        (before is not None or after is not None)
        and not (before is not None and before.first_concrete)
        and not (after is not None and after.first_concrete)
    )
    j, n = k + 1, len(tags)
    while j < n and (tags[j] in _NP_INNER or tags[j] == "ADP" and j == k + 1):
        j += 1
    object_abstract = _abstract_noun(at.get(j))
    if abstract_context or object_abstract:
        return float(abstract_context), float(object_abstract), 0.0
    return _NO_CONTEXT


def _noun_context(k: int, infos: list, tags: list[str], at: dict, alone: bool) -> tuple[float, ...]:
    """A noun with a concrete first sense: ``alone``, the one concrete noun among the sentence's nouns; "of"
    and an abstract noun after it."""
    of_abstract = False
    n = len(tags)
    if k + 2 < n and infos[k + 1].token.lower() == "of":
        j = k + 2
        while j < n and tags[j] in _NP_INNER:
            j += 1
        of_abstract = _abstract_noun(at.get(j))
    if alone or of_abstract:
        return float(alone), 0.0, float(of_abstract)
    return _NO_CONTEXT


def article_features(
    sentence_tokens: list[SentenceTokens], sentence_tags: list[list[str]]
) -> list[tuple[SentenceTokens, int, str, str, str, str | None, list[float]]]:
    """Every content word of an article with all its features: ``(sentence, token index, token, lemma, pos,
    source domain, features)``."""
    article = _article(sentence_tokens, sentence_tags)
    rows = []
    for s, tags, words in article.sentences:
        contexts = _context(s, tags, words)[1]
        for k, w in words:
            x = list(w.x)
            for name, value in zip(CONTEXT_FEATURES, contexts.get(k, _NO_CONTEXT)):
                x[_AT[name]] = value
            x[_AT["rare_domain"]] = float(w.domain in article.rare)
            x[_AT["repeated"]] = math.log(article.uses[w.key])
            x[_AT["concrete_article"]] = article.concrete_share
            rows.append((s, k, s.infos[k].token, w.lemma, w.pos, w.domain, x))
    return rows


class _Article(NamedTuple):
    """An article's content words and what the article-level features need (:func:`_article`)."""

    #: every sentence with content words, its tags and its content words (:func:`_content_words`)
    sentences: list[tuple[SentenceTokens, list[str], list[tuple[int, _Word]]]]
    #: source domains of under :data:`RARE_DOMAIN_SHARE` of the content words (``rare_domain``)
    rare: set[str]
    #: uses of each ``(lemma, pos)`` (``repeated``: the log of the count; an article's topic words are
    #: repeated, and literal)
    uses: Counter
    #: the share of the article's nouns WordNet knows whose first sense is concrete
    concrete_share: float


def _article(sentence_tokens: list[SentenceTokens], sentence_tags: list[list[str]]) -> _Article:
    pairs = zip(sentence_tokens, sentence_tags)
    sentences = [(s, tags, words) for s, tags in pairs if (words := _content_words(s, tags))]
    entries = [w for _s, _t, words in sentences for _k, w in words]
    domains = Counter(map(_DOMAIN, entries))
    total = max(len(entries), 1)
    rare = {domain for domain, n in domains.items() if domain and n / total < RARE_DOMAIN_SHARE}
    uses = Counter(map(_KEY, entries))
    nouns = [w.first_concrete for w in entries if w.pos == "NOUN" and w.known]
    concrete_share = sum(nouns) / len(nouns) if nouns else 0.0
    return _Article(sentences, rare, uses, concrete_share)


_NV = frozenset({"NOUN", "VERB"})
_DOMAIN, _KEY = attrgetter("domain"), attrgetter("key")


def _extended(words: list[tuple[int, str, str | None]]) -> set[tuple[int, str]]:
    """(paragraph, domain) pairs where a source domain bursts: :data:`EXTENDED_MIN` or more distinct noun or
    verb lemmas of the domain in the paragraph, at :data:`BURST_RATIO` times or more the domain's share of
    the article's nouns and verbs (the analogy of a real-estate deal in a story about a war).

    Args:
        words: ``(para, lemma, domain)`` of every noun and verb, in text order.
    """
    words_in = Counter([para for para, _lemma, _domain in words])
    placed = [(para, domain) for para, _lemma, domain in words if domain]
    here = Counter(placed)
    totals = Counter([domain for _para, domain in placed])
    n = len(words)
    bursts = {
        key
        for key, count in here.items()
        if count >= EXTENDED_MIN and count / words_in[key[0]] >= BURST_RATIO * totals[key[1]] / n
    }
    if not bursts:
        return bursts
    lemmas: dict[tuple[int, str], set[str]] = {}
    for para, lemma, domain in words:
        if (para, domain) in bursts:
            lemmas.setdefault((para, domain), set()).add(lemma)
    return {key for key, found in lemmas.items() if len(found) >= EXTENDED_MIN}


def _unnamed(s: SentenceTokens, words: list, named: set[int], name_words: frozenset[str]) -> list:
    """A sentence's content words that are not words of a name: not inside a name's span, and not a
    capitalised word of a name in the headline (a title-case headline's "Trump")."""
    base, starts, infos = s.base, s.starts, s.infos
    headline = s.para == 0 and name_words
    out = []
    for k, w in words:
        if base + starts[k] in named:
            continue
        if headline:
            token = infos[k].token
            if token[:1].isupper() and token.lower() in name_words:
                continue
        out.append((k, w))
    return out


def _overlaps(starts: list[int], a: int, z: int) -> bool:
    """Whether one of the sorted name ``starts`` lies in ``[a, z)`` (a sentence: names never cross one)."""
    i = bisect_left(starts, a)
    return i < len(starts) and starts[i] < z


def find_candidates(
    sentence_tokens: list[SentenceTokens],
    sentence_tags: list[list[str]],
    frame_hits: list[FrameHit],
    names: list[tuple[int, int]] = (),
    name_words: frozenset[str] = frozenset(),
) -> tuple[list[MetaphorCandidate], list[float]]:
    """The candidates of one article, and the score of every content word for the frame hits.

    Args:
        names: ``(start, end)`` spans of named entities, whose words are no candidates.
        name_words: the lower-cased words of the article's names: a capitalised word among them in the
            headline is no candidate either (a title-case headline's "Trump", which the entities leave to the
            body).

    Returns:
        ``(rows, scores)``: the :class:`~analysis.records.MetaphorCandidate` rows, in text order: the words
        scoring at least :data:`SHOW_THRESHOLD`, and the words of an extended source domain
        (:func:`_extended`) whatever their score; and per frame hit, the highest score of a content word
        inside its span (0.0 when it spans none), for ``frame_hits.figurative``.
    """
    w = weights()
    context_weights = tuple(w[name] for name in CONTEXT_FEATURES)
    rare_weight, repeated_weight = w["rare_domain"], w["repeated"]
    sentences, rare, uses, concrete_share = _article(sentence_tokens, sentence_tags)
    named = {at for a, z in names for at in range(a, z)}  # the offsets inside a name
    # a word of a name ("Trump" at a sentence start, or in a title-case headline) is no candidate
    name_starts = sorted(a for a, _z in names)
    # (sentence, tags, its content words, those that are not words of a name)
    sentences = [
        (s, tags, words, _unnamed(s, words, named, name_words))
        if s.para == 0 or _overlaps(name_starts, s.base, s.base + s.starts[-1] + len(s.infos[-1].token))
        else (s, tags, words, words)
        for s, tags, words in sentences
    ]
    extended = _extended([(s.para, w.lemma, w.domain) for s, *_, words in sentences for _k, w in words if w.pos in _NV])
    base_logit = w["concrete_article"] * concrete_share  # the same for every word of the article
    # the frame hits over each offset, longest first among those starting together: (hit index, end, frame)
    covering: dict[int, list[tuple[int, int, str]]] = {}
    for i, h in sorted(enumerate(frame_hits), key=lambda ih: (ih[1].start, -ih[1].end)):
        for at in range(h.start, h.end):
            covering.setdefault(at, []).append((i, h.end, h.frame))
    figurative = [0.0] * len(frame_hits)  # the highest probability of a content word inside each hit
    shown = SHOW_THRESHOLD - 5e-5  # rounded to 4 places, a score may be shown from here
    # a word whose ceiling is below this can never be shown: unless a frame hit covers it or its domain
    # bursts, it is skipped before its sentence features are read and it is scored
    hopeless = math.log(shown / (1 - shown)) - base_logit
    rows = []
    for s, tags, words, unnamed in sentences:
        base, starts, infos, para, sent = s.base, s.starts, s.infos, s.para, s.sent
        hopeful = [
            (k, word)
            for k, word in unnamed
            if word.ceiling >= hopeless
            or base + starts[k] in covering
            or (extended and (para, word.domain) in extended)
        ]
        if not hopeful:
            continue
        # the sentence features of these words only, read around all the sentence's words
        contexts = _context(s, tags, words, hopeful)[1]
        for k, word in hopeful:
            a = base + starts[k]
            x = word.logit + base_logit
            if contexts and k in contexts:
                x += sum(map(mul, context_weights, contexts[k]))
            domain = word.domain
            if domain in rare:
                x += rare_weight
            n = uses[word.key]
            if n > 1:
                x += repeated_weight * math.log(n)
            p = 1.0 / (1.0 + math.exp(-x))
            over = covering.get(a)
            burst = extended and (para, domain) in extended
            if p < shown and over is None and not burst:
                continue
            token = infos[k].token
            z = a + len(token)
            frame = None
            if over is not None:
                for i, end, f in over:
                    if z <= end:
                        frame = frame or f
                        figurative[i] = max(figurative[i], p)
            score = round(p, 4)
            if score < SHOW_THRESHOLD and not burst:
                continue
            rows.append(
                MetaphorCandidate(
                    para, sent, a, z, token, word.lemma, word.pos, score, score >= DEFAULT_THRESHOLD, frame, domain
                )
            )
    return rows, [round(p, 4) for p in figurative]


def clusters(candidates: list[MetaphorCandidate]) -> list[MetaphorCluster]:
    """Candidates per paragraph and source domain (``metaphor_clusters.csv``), paragraph then domain order.

    ``extended`` when :data:`EXTENDED_MIN` or more distinct lemmas of the domain are in the paragraph:
    the codebook-free counterpart of ``frame_counts.extended``.
    """
    groups: dict[tuple[int, str], list[MetaphorCandidate]] = {}
    for c in candidates:
        if c.source_domain:
            groups.setdefault((c.para, c.source_domain), []).append(c)
    out = []
    for (para, domain), members in sorted(groups.items()):
        lemmas = list(dict.fromkeys(c.lemma for c in members))
        out.append(
            MetaphorCluster(
                para,
                domain,
                len(members),
                len(lemmas),
                "; ".join(dict.fromkeys(c.text for c in members)),
                len(lemmas) >= EXTENDED_MIN,
            )
        )
    return out
