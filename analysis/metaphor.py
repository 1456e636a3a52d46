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
auxiliaries; headline included) gets a ``score`` from 0 to 1, a logistic sum of
these signals, with the weights in :data:`WEIGHTS`:

* **part of speech**: verbs are metaphorical far more often than nouns in news
  (MIPVU studies: about a third of verbs against a tenth of nouns);
* **a concrete and an abstract sense** (WordNet's lexicographer files and
  hypernyms: a sense under physical entity against one under abstraction):
  the word can carry a basic, concrete meaning into an abstract context;
* **polysemy**: five senses or more, and ten or more;
* **an abstract context for a concrete verb**: the nouns nearest the verb in
  its sentence (its likely subject and object) have abstract first senses
  while the verb's basic sense is concrete ("prices fell", "pour fuel on");
* **a concrete noun among abstract ones**: a noun whose first sense is
  concrete in a sentence whose other nouns are abstract ("the brink of
  compromise");
* **space, size and force words** (:data:`PRIMARY`): adjectives and adverbs of
  height, depth, width, distance, size, hardness and temperature, the source
  words of primary metaphors (MORE IS UP, IMPORTANT IS BIG), metaphorical in
  most news uses ("higher prices", "far more", "deep cuts");
* **an idiom**: a WordNet multiword lemma of two or more content words whose
  words have concrete senses ("roll the dice", "pave the way"): each word;
* **an extended source domain**: three or more distinct lemmas of one source
  domain in a paragraph, where that domain is rare in the rest of the
  article (the analogy of a real-estate deal in a story about a war).

``flagged`` is ``score >= threshold`` (:data:`DEFAULT_THRESHOLD`). A row is
written for each candidate scoring at least :data:`SHOW_THRESHOLD`.
``source_domain`` is the WordNet-derived domain of the word's basic sense
(:func:`analysis.wordnet.basic_domain`: body, building and structures,
journey and motion, war and violence, game and sport, gambling, food and
eating, theatre and performance, water and liquids, weather, fire and heat,
commerce and property, ...), empty when none is known.

What it cannot do: it does not read the sentence's meaning, so a literal use
of a polysemous word scores like a metaphorical one ("the troops attacked"
and "the critics attacked" get the same verb score unless the nearby nouns
differ in concreteness); WordNet's first sense is its most frequent in 1990s
texts, not always the basic one; delexicalised verbs ("make", "take", "have")
score by their senses only; similes ("like a ...") are not told apart.
``README.md`` reports precision and recall against hand-coded MIPVU readings.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from . import wordnet
from .records import FrameHit, MetaphorCandidate, MetaphorCluster, SentenceTokens
from .vocabulary import STOPWORDS

#: score at or above which a candidate is ``flagged``
DEFAULT_THRESHOLD = 0.5
#: score at or above which a content word is written to ``metaphor_candidates.csv``
SHOW_THRESHOLD = 0.3
#: distinct lemmas of one source domain in one paragraph that make an extended metaphor (``metaphor_clusters``)
EXTENDED_MIN = 3
#: how many times its article-wide share a source domain's share of a paragraph's nouns and verbs must be
#: for the paragraph's words of that domain to count as an extended metaphor (a burst of the domain)
BURST_RATIO = 2.0
#: tags of content words
CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV"})

#: the features of a content word (:func:`features`), in the order of the weights
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
    "idiom",
    "rare_domain",
    "abstract_verb",
    "first_share",
)
#: the logistic model's weights, fitted by ``tools/fit_metaphor_weights.py`` (L2-regularised logistic
#: regression) on the package's own MIPVU readings of development articles (``data/gold/metaphor/``, the
#: ``dev`` ones); provenance in ``resources/metaphor_weights.json``
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
    """The model's weights by feature (and ``extended``, the paragraph-level boost)."""
    return _weights()


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    import json

    path = resources.files("analysis").joinpath("resources", WEIGHTS_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: float(value) for name, value in data["weights"].items()}


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


class Candidate(NamedTuple):
    """One content word as the scorer sees it (internal)."""

    para: int
    sent: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    score: float
    domain: str | None


@lru_cache(maxsize=1 << 16)
def _basic_domain(lemma: str, pos: str) -> str | None:
    return wordnet.basic_domain(lemma, pos)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _first_concrete(lemma: str, pos: str) -> bool | None:
    flags = wordnet.concreteness(lemma, pos)
    return flags[0] if flags else None


@lru_cache(maxsize=1 << 17)
def _word(token: str, tag: str, np_head: bool) -> tuple[str, str] | None:
    """``(pos, lemma)`` of a token as a content word, None when it is none; cached by token, tag and place."""
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
    return tag, lemma


def _content_words(sentence: SentenceTokens, tags: list[str]) -> list[tuple[int, str, str, str]]:
    """``(token index, token, lemma, pos)`` of a sentence's content words."""
    out = []
    last = len(tags) - 1
    headline = sentence.para == 0
    for k, (info, tag) in enumerate(zip(sentence.infos, tags)):
        if headline and tag == "PROPN" and info.kind == "word":
            tag = _headline_tag(info.token)  # "Vows To Press Ahead": title case read as names
        if tag not in CONTENT or info.kind != "word":
            continue
        np_head = (
            tag == "ADJ" and k > 0 and tags[k - 1] in ("DET", "ADJ") and (k == last or tags[k + 1] not in _NOMINAL)
        )
        word = _word(info.token, tag, np_head)
        if word is not None:
            out.append((k, info.token, word[1], word[0]))
    return out


_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})


@lru_cache(maxsize=1 << 12)
def _headline_tag(token: str) -> str:
    """A headline word the tagger read as a proper noun: the first part of speech WordNet knows it in (a
    title-case headline capitalises every word; real names are left out as named entities anyway)."""
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        if wordnet.senses(wordnet.lemmatize(token, pos), pos):
            return pos
    return "PROPN"


def _idiom_tokens(sentence: SentenceTokens, tags: list[str]) -> set[int]:
    """Token indices inside a WordNet idiom of two or more content words with concrete senses."""
    tokens = [i.token for i in sentence.infos]
    lemmas = [wordnet.lemmatize(t, tag) if tag in CONTENT else t.lower() for t, tag in zip(tokens, tags)]
    out: set[int] = set()
    for a, z, _words in wordnet.multiword_spans(tokens, lemmas):
        content = [k for k in range(a, z) if tags[k] in ("NOUN", "VERB")]
        if len(content) < 2 or any(tags[k] == "PROPN" for k in range(a, z)):
            continue
        if any(_first_concrete(lemmas[k], tags[k]) or any(wordnet.concreteness(lemmas[k], tags[k])) for k in content):
            out.update(range(a, z))
    return out


@lru_cache(maxsize=1 << 16)
def _sense_stats(lemma: str, pos: str) -> tuple[int, bool, bool, float, float, int, str | None]:
    """``(senses, contrast, first concrete, concrete share, first share, domains, first lexfile)``."""
    senses = wordnet.senses(lemma, pos)
    if not senses:
        return 0, False, False, 0.0, 0.0, 0, None
    flags = wordnet.concreteness(lemma, pos) or (False,) * len(senses)
    total = sum(s.count for s in senses)
    if total:
        concrete_share = sum(s.count for s, f in zip(senses, flags) if f) / total
        first_share = senses[0].count / total
    else:
        concrete_share = sum(flags) / len(flags)
        first_share = 1.0 / len(senses)
    domains = len({d for d in wordnet.domains(lemma, pos) if d})
    return len(senses), any(flags) and not all(flags), flags[0], concrete_share, first_share, domains, senses[0].lexfile


#: positions in :data:`FEATURES` of the features set from the sentence or the article, not the word alone
_CONTEXT = {name: FEATURES.index(name) for name in ("abstract_context", "idiom", "rare_domain")}


@lru_cache(maxsize=1 << 17)
def _static(token: str, lemma: str, pos: str) -> tuple[tuple[float, ...], tuple, str | None]:
    """The features of a word alone (the context ones 0.0), its sense statistics and its basic domain."""
    stats = _sense_stats(lemma, pos)
    n, contrast, first_concrete, concrete_share, first_share, domains, lexfile = stats
    x = (
        float(pos == "VERB"),
        float(pos == "NOUN"),
        float(pos == "ADJ"),
        float(pos == "ADV"),
        float(contrast),
        float(first_concrete),
        concrete_share,
        math.log1p(n),
        float(n == 0),
        float(pos in ("ADJ", "ADV") and (lemma in PRIMARY or token.lower() in PRIMARY)),
        0.0,
        float(domains >= 2),
        0.0,
        0.0,
        float(pos == "VERB" and lexfile in _ABSTRACT_VERB_FILES and concrete_share < 0.1),
        first_share,
    )
    return x, stats, _basic_domain(lemma, pos)


@lru_cache(maxsize=1 << 17)
def _static_logit(token: str, lemma: str, pos: str) -> float:
    """The model's log-odds from a word's own features (:func:`_static`)."""
    w = weights()
    return sum(w[f] * v for f, v in zip(FEATURES, _static(token, lemma, pos)[0]))


def _context(sentence: SentenceTokens, tags: list[str]) -> list[tuple[int, str, str, str, bool, bool]]:
    """Every content word of one sentence: ``(token index, token, lemma, pos, abstract context, idiom)``."""
    words = _content_words(sentence, tags)
    if not words:
        return []
    idioms = _idiom_tokens(sentence, tags) if len(words) > 1 else set()
    stats = {k: _static(token, lemma, pos)[1] for k, token, lemma, pos in words}
    nouns = [k for k, _, _, pos in words if pos == "NOUN"]
    out = []
    for k, token, lemma, pos in words:
        n, contrast, first_concrete, concrete_share, first_share, domains, lexfile = stats[k]
        if pos == "VERB":
            near = sorted((abs(j - k), j) for j in nouns)[:2]
            flags = [stats[j][2] for _, j in near if stats[j][0]]
            abstract_context = bool(flags) and not any(flags) and concrete_share > 0
        elif pos == "NOUN":
            others = [stats[j][2] for j in nouns if j != k and stats[j][0]]
            abstract_context = first_concrete and bool(others) and not any(others)
        else:
            abstract_context = False
        out.append((k, token, lemma, pos, abstract_context, k in idioms))
    return out


def features(sentence: SentenceTokens, tags: list[str]) -> list[tuple[int, str, str, str, str | None, list[float]]]:
    """Every content word of one sentence: ``(token index, token, lemma, pos, source domain, features)``.

    The features are those of :data:`FEATURES` but ``rare_domain`` (an article-level signal, set by
    :func:`article_features`).
    """
    out = []
    for k, token, lemma, pos, abstract_context, idiom in _context(sentence, tags):
        static, _, domain = _static(token, lemma, pos)
        x = list(static)
        x[_CONTEXT["abstract_context"]] = float(abstract_context)
        x[_CONTEXT["idiom"]] = float(idiom)
        out.append((k, token, lemma, pos, domain, x))
    return out


def article_features(
    sentence_tokens: list[SentenceTokens], sentence_tags: list[list[str]]
) -> list[tuple[SentenceTokens, int, str, str, str, str | None, list[float]]]:
    """Every content word of an article with its features, ``rare_domain`` set."""
    rows = [(s, *f) for s, tags in zip(sentence_tokens, sentence_tags) for f in features(s, tags)]
    rare = _rare_domains([row[5] for row in rows])
    for row in rows:
        if row[5] in rare:
            row[6][_CONTEXT["rare_domain"]] = 1.0
    return rows


def _rare_domains(domains: list[str | None]) -> set[str]:
    """The source domains of under :data:`RARE_DOMAIN_SHARE` of an article's content words (one per word)."""
    counts: dict[str, int] = {}
    for domain in domains:
        if domain:
            counts[domain] = counts.get(domain, 0) + 1
    total = max(len(domains), 1)
    return {domain for domain, n in counts.items() if n / total < RARE_DOMAIN_SHARE}


def _extended(candidates: list[Candidate]) -> set[tuple[int, str]]:
    """(paragraph, domain) pairs where a source domain bursts: :data:`EXTENDED_MIN` or more distinct noun or
    verb lemmas of the domain in the paragraph, at :data:`BURST_RATIO` times or more the domain's share of
    the article's nouns and verbs (the analogy of a real-estate deal in a story about a war)."""
    by_para: dict[tuple[int, str], set[str]] = {}
    here: dict[tuple[int, str], int] = {}
    words_in: dict[int, int] = {}
    totals: dict[str, int] = {}
    n = 0
    for c in candidates:
        if c.pos not in ("NOUN", "VERB"):
            continue
        n += 1
        words_in[c.para] = words_in.get(c.para, 0) + 1
        if c.domain:
            by_para.setdefault((c.para, c.domain), set()).add(c.lemma)
            here[c.para, c.domain] = here.get((c.para, c.domain), 0) + 1
            totals[c.domain] = totals.get(c.domain, 0) + 1
    out = set()
    for (para, domain), lemmas in by_para.items():
        if len(lemmas) < EXTENDED_MIN:
            continue
        share_here = here[para, domain] / words_in[para]
        if share_here >= BURST_RATIO * totals[domain] / n:
            out.add((para, domain))
    return out


def find_candidates(
    sentence_tokens: list[SentenceTokens],
    sentence_tags: list[list[str]],
    frame_hits: list[FrameHit],
    names: list[tuple[int, int]] = (),
) -> tuple[list[MetaphorCandidate], list[float]]:
    """The candidates of one article, and the score of every content word for the frame hits.

    Args:
        names: ``(start, end)`` spans of named entities, whose words are no candidates.

    Returns:
        ``(rows, scores)``: the :class:`~analysis.records.MetaphorCandidate` rows scoring at least
        :data:`SHOW_THRESHOLD`, in text order; and per frame hit, the highest score of a content word
        inside its span (0.0 when it spans none), for ``frame_hits.figurative``.
    """
    w = weights()
    words = [(s, *c) for s, tags in zip(sentence_tokens, sentence_tags) for c in _context(s, tags)]
    rare = _rare_domains([_static(token, lemma, pos)[2] for _s, _k, token, lemma, pos, _, _ in words])
    raw = []
    named = sorted(names)
    for s, k, token, lemma, pos, abstract_context, idiom in words:
        a = s.base + s.starts[k]
        i = bisect_right(named, (a, float("inf"))) - 1
        if i >= 0 and named[i][0] <= a < named[i][1]:
            continue  # a word of a name ("Trump" at a sentence start): not a candidate
        domain = _static(token, lemma, pos)[2]
        logit = _static_logit(token, lemma, pos)
        if abstract_context:
            logit += w["abstract_context"]
        if idiom:
            logit += w["idiom"]
        if domain in rare:
            logit += w["rare_domain"]
        raw.append(Candidate(s.para, s.sent, a, a + len(token), token, lemma, pos, logit, domain))
    extended = _extended(raw)
    scored = []
    for c in raw:
        x = c.score + (w["extended"] if (c.para, c.domain) in extended else 0.0)
        scored.append(c._replace(score=round(_sigmoid(x), 4)))
    hits = sorted(((h.start, h.end, h.frame) for h in frame_hits), key=lambda h: (h[0], -h[1]))
    hit_starts = [h[0] for h in hits]
    longest = max((z - a for a, z, _ in hits), default=0)
    rows = []
    for c in scored:
        if c.score < SHOW_THRESHOLD:
            continue
        # the hits that may cover the word start at most the longest hit's length before it
        near = hits[bisect_left(hit_starts, c.start - longest) : bisect_right(hit_starts, c.start)]
        frame = next((f for a, z, f in near if a <= c.start and c.end <= z), None)
        rows.append(
            MetaphorCandidate(
                c.para,
                c.sent,
                c.start,
                c.end,
                c.text,
                c.lemma,
                c.pos,
                c.score,
                c.score >= DEFAULT_THRESHOLD,
                frame,
                c.domain,
            )
        )
    scored.sort(key=lambda c: c.start)
    starts = [c.start for c in scored]
    figurative = []
    for h in frame_hits:  # the content words inside the hit, found by bisection (a hit spans a few words)
        inside = [c.score for c in scored[bisect_left(starts, h.start) : bisect_left(starts, h.end)] if c.end <= h.end]
        figurative.append(max(inside) if inside else 0.0)
    return rows, figurative


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
