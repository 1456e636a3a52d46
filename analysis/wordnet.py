"""WordNet 3.0, offline: senses, a morphy-style lemmatizer, a gazetteer, multiword lemmas, concreteness, domains.

The package ships compact tables derived from the WordNet 3.0 database
(``resources/wordnet_*.tsv.gz``, made by ``tools/wordnet_tables.py``; their
format, licence and hashes are in ``resources/SOURCE-wordnet.txt``); nothing is
downloaded and NLTK's WordNet reader is not used. Each table is read on first
use and kept (:func:`load` reads them all: about 0.25 s and 50 MB).

Parts of speech are UPOS tags (``NOUN VERB ADJ ADV``, ``AUX`` as a verb, what
the package's tagger emits) or WordNet's letters (``n v a r``, ``s`` for
``a``). Lemmas are WordNet's: lower case, words joined by ``_``
(``"throw_in_the_towel"``); a space or a curly apostrophe is accepted for them.

What is here:

- :func:`senses`: a lemma's senses in WordNet's order (most frequent first),
  each its lexicographer file and SemCor tag count.
- :func:`lemmatize`: morphy's exception lists and detachment rules, checked
  against the lemmas WordNet knows.
- :func:`gazetteer` and :func:`demonym`: WordNet's named things (instance
  nouns, named groups, peoples) and a people's word to its place.
- :func:`multiword_lemmas` and :func:`multiword_spans`: WordNet's multiword
  lemmas (idioms, compounds, phrasal verbs) as token tuples, and their
  longest matches in a token sequence.
- :func:`concreteness` and :func:`mip_profile`: which senses are concrete
  (:data:`CONCRETE_LEXFILES`, and for some noun files the hypernym paths), for
  the metaphor identification procedure (MIP: a word whose contextual sense
  contrasts with a more basic, concrete one).
- :func:`domains` and :func:`basic_domain`: the source domain of each sense
  (:data:`DOMAINS`: "body", "journey and motion", "commerce and property" ...)
  and of the most basic one, to say where a metaphor's basic meaning comes from.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .caches import BoundedCache
from .errors import AnalysisError

#: WordNet's 45 lexicographer files, by number (``lexnames``: the tables store the numbers)
LEXFILES: tuple[str, ...] = (
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling",
    "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person",
    "noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation",
    "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition",
    "verb.communication", "verb.competition", "verb.consumption", "verb.contact", "verb.creation",
    "verb.emotion", "verb.motion", "verb.perception", "verb.possession", "verb.social", "verb.stative",
    "verb.weather", "adj.ppl",
)  # fmt: skip

#: lexicographer files whose senses are concrete: physical things, places and people; bodily action,
#: movement, contact, perception, consumption, fighting, making, weather (MIP's "more concrete,
#: related to bodily action"). A judgement over the 45 files, not over words.
CONCRETE_LEXFILES: frozenset[str] = frozenset(
    {
        "noun.animal", "noun.artifact", "noun.body", "noun.food", "noun.location", "noun.object",
        "noun.person", "noun.plant", "noun.substance",
        "verb.body", "verb.competition", "verb.consumption", "verb.contact", "verb.creation",
        "verb.motion", "verb.perception", "verb.weather",
    }
)  # fmt: skip

#: noun files that mix the physical and the abstract ("sip" and "decision" are noun.act, "journal" the
#: periodical and "remark" noun.communication, "storm" noun.phenomenon): a sense there is concrete when
#: its hypernym paths reach physical_entity and never abstraction (the table's ``p``). WordNet's tree
#: has quirks: a phenomenon is a process, a physical entity, so "luck" (noun.phenomenon) is concrete too.
HYPERNYM_LEXFILES: frozenset[str] = frozenset(
    {
        "noun.Tops", "noun.act", "noun.communication", "noun.event", "noun.phenomenon", "noun.process",
        "noun.shape", "noun.state",
    }
)  # fmt: skip

#: source domains of word senses, for metaphor analysis (the source domain of MIPVU's and Wmatrix's
#: descriptions): what :func:`domains` gives, numbered as in the domains table. Chosen by hand over
#: hundreds of WordNet synsets (``tools/wordnet_tables.py``: ``DOMAIN_ANCHORS``, which also says how a
#: sense finds its domain). Ships and seafaring are "journey and motion"; temperature, cold included,
#: is "fire and heat"; clothes are none.
DOMAINS: tuple[str, ...] = (
    "body", "building and structures", "journey and motion", "war and violence", "game and sport", "gambling",
    "food and eating", "theatre and performance", "water and liquids", "weather", "fire and heat",
    "commerce and property", "plants and farming", "animals", "machines and technology", "health and illness",
    "family and kinship", "light and vision", "physical force", "containers", "religion", "crime and law",
    "space and position",
)  # fmt: skip

_RESOURCES = "resources"
_SOURCE_FILE = "SOURCE-wordnet.txt"
#: the shipped tables (``resources/<name>.tsv.gz``)
TABLES = ("wordnet_senses", "wordnet_gazetteer", "wordnet_demonyms", "wordnet_exceptions", "wordnet_domains")


def _table_hashes() -> dict[str, str]:
    """``file -> sha256`` as ``SOURCE-wordnet.txt`` records them."""
    text = resources.files("analysis").joinpath(f"{_RESOURCES}/{_SOURCE_FILE}").read_text("utf-8")
    return dict(re.findall(r"^  (wordnet_\w+\.tsv\.gz) .*\n    sha256 ([0-9a-f]{64})$", text, re.MULTILINE))


#: for manifests: what the tables are, where from, under which licence
INFO: dict = {
    "source": "WordNet 3.0 (Princeton University), database files of Debian's wordnet-base 1:3.0",
    "version": "3.0",
    "licence": "WordNet 3.0 licence (permissive; keep the copyright notice): analysis/resources/SOURCE-wordnet.txt",
    "url": "https://wordnet.princeton.edu/",
    "citation": "Fellbaum, C. (Ed.) (1998). WordNet: An Electronic Lexical Database. MIT Press.",
    "generator": "tools/wordnet_tables.py",
    "tables": _table_hashes(),
}

_POS = {"NOUN": "n", "VERB": "v", "AUX": "v", "ADJ": "a", "ADV": "r", "n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}

#: morphy's detachment rules (WordNet's morph.c, as NLTK has them), tried in this order
_RULES = {
    "n": (("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip


class Sense(NamedTuple):
    """One sense of a lemma: its lexicographer file and its tag count in SemCor (``cntlist.rev``)."""

    lexfile: str
    count: int


class MipProfile(NamedTuple):
    """A noun's or verb's senses by concreteness, for MIP (see :func:`mip_profile`)."""

    first: str  # lexicographer file of the first (most frequent) sense
    first_concrete: bool  # is that sense concrete
    basic: str | None  # lexicographer file of the first concrete sense (a candidate basic meaning)
    concrete: int  # how many senses are concrete
    abstract: int  # how many are not

    @property
    def contrast(self) -> bool:
        """A concrete sense and an abstract one: a word an abstract context may use metaphorically."""
        return self.concrete > 0 and self.abstract > 0


def _read_columns(name: str, width: int) -> list[list[str]]:
    """The columns of ``resources/<name>.tsv.gz`` (the ``#`` header and the column names left out).

    One split of the whole text and a slice per column: about three times faster than a
    split per line, for the senses table's 155,000 rows.
    """
    data = resources.files("analysis").joinpath(f"{_RESOURCES}/{name}.tsv.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    start = text.index("\n", start) + 1  # the column names
    cells = text[start:-1].replace("\t", "\n").split("\n")
    if len(cells) % width:
        raise AnalysisError(f"resources/{name}.tsv.gz: not {width} columns on every row")
    return [cells[i::width] for i in range(width)]


def _by_pos(poses: list[str], keys: list[str], values: list) -> dict[str, dict]:
    """pos -> {key: value} of a table sorted by pos first."""
    tables = {}
    for pos in ("n", "v", "a", "r"):
        start, end = bisect_left(poses, pos), bisect_right(poses, pos)
        tables[pos] = dict(zip(keys[start:end], values[start:end]))
    return tables


@lru_cache(maxsize=1)
def _sense_cells() -> dict[str, dict[str, str]]:
    """pos -> lemma -> the table's senses cell (parsed per lemma when asked for)."""
    poses, lemmas, cells = _read_columns("wordnet_senses", 3)
    return _by_pos(poses, lemmas, cells)


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, dict[str, tuple[str, ...]]]:
    """pos -> inflected form -> base forms, in WordNet's order."""
    poses, forms, bases = _read_columns("wordnet_exceptions", 3)
    return _by_pos(poses, forms, [tuple(b.split(" ")) for b in bases])


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """WordNet's named things: name as written -> ``(kind, canonical)``.

    Kinds: ``person``, ``place`` (noun.location and noun.object instances: countries,
    cities, rivers, mountains), ``organisation`` (companies, agencies, parties, armies,
    legislatures, terrorist organisations), ``group`` (peoples, faiths, dynasties, movements,
    and a member's word with its plural: "Russian", "Russians", "Democrat", "Kurds"),
    ``facility`` (named buildings: "Kremlin", "Pentagon"), ``event`` (wars, battles),
    ``work`` (books, scriptures), ``other`` (eras, races, horses). A name with several
    readings has the first in WordNet's sense order that it heads. ``canonical`` is the
    synset's first word ("USA" -> "United States", "Vladimir Putin" -> "Putin"); for a
    people's member, the plural ("Russian" -> "Russians"). Multiword names have spaces.
    WordNet dates from 2006: later names are missing.

    Example:
        >>> gazetteer()["Ukraine"], gazetteer()["NATO"], gazetteer()["Russians"]
        (('place', 'Ukraine'), ('organisation', 'North Atlantic Treaty Organization'), ('group', 'Russians'))
    """
    names, kinds, canonicals = _read_columns("wordnet_gazetteer", 3)
    return dict(zip(names, zip(kinds, canonicals)))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    words, places = _read_columns("wordnet_demonyms", 2)
    return dict(zip(words, places))


def demonym(word: str) -> str | None:
    """The place a people's word (adjective or noun, as written) belongs to, or None.

    From WordNet's pertainyms ("Israeli" -> "Israel") and a people's member or part
    holonyms ("Kurd" -> "Kurdistan"), with the plurals of the gazetteer ("Russians").
    Case matters: "russian" is None.

    Example:
        >>> demonym("Russian"), demonym("Israelis"), demonym("Kurdish"), demonym("Paris")
        ('Russia', 'Israel', 'Kurdistan', None)
    """
    return _demonyms().get(word)


def _wordnet_pos(pos: str) -> str | None:
    return _POS.get(pos)


def _key(lemma: str) -> str:
    return lemma.lower().replace("\u2019", "'").replace(" ", "_")


def _parse(key: tuple[str, str]) -> tuple[tuple[Sense, ...], tuple[bool, ...]]:
    """A lemma's senses and, per sense, the table's physical mark (``p``)."""
    lemma, pos = key
    cell = _sense_cells()[pos].get(lemma)
    if cell is None:
        return (), ()
    senses, physical = [], []
    for item in cell.split(","):
        lex, _, count = item.partition(":")
        mark = lex.endswith("p")
        senses.append(Sense(LEXFILES[int(lex[:-1] if mark else lex)], int(count) if count else 0))
        physical.append(mark)
    return tuple(senses), tuple(physical)


_PARSED = BoundedCache(_parse)


def senses(lemma: str, pos: str) -> tuple[Sense, ...]:
    """The senses of ``lemma`` as ``pos`` in WordNet's order, ``()`` when WordNet does not know them.

    The lemma is not lemmatized (see :func:`lemmatize`); case does not matter.

    Example:
        >>> senses("hotel", "NOUN")
        (Sense(lexfile='noun.artifact', count=39),)
        >>> [s.lexfile for s in senses("squatter", "n")]
        ['noun.person', 'noun.person']
    """
    wn_pos = _wordnet_pos(pos)
    return _PARSED[_key(lemma), wn_pos][0] if wn_pos else ()


def _most_frequent(candidates: list[str], pos: str) -> str:
    """The candidate with the most SemCor tags over its senses; the first of equals."""
    return max(candidates, key=lambda lemma: sum(s.count for s in _PARSED[lemma, pos][0]))


def _morphy(key: tuple[str, str]) -> str:
    """Base form of a lower-case word form, see :func:`lemmatize`."""
    form, pos = key
    known = _sense_cells()[pos]
    bases = _exceptions()[pos].get(form)
    if bases:
        found = [b for b in bases if b in known] + ([form] if form in known else [])
        if found:
            return _most_frequent(found, pos)
    found = [form] if form in known else []
    for old, new in _RULES[pos]:
        if form.endswith(old):
            base = form[: len(form) - len(old)] + new
            if base in known and base not in found:
                found.append(base)
    if found:
        return _most_frequent(found, pos)
    if pos == "n" and form.endswith(("'s", "s'")):  # the tokenizer keeps "Trump's", "leaders'" whole
        return _MORPHY[form[:-2] if form.endswith("'s") else form[:-1], pos]
    if "_" in form:  # a collocation: morphy's head word, the first of a verb, the last of the others
        parts = form.split("_")
        head = 0 if pos == "v" else -1
        parts[head] = _MORPHY[parts[head], pos]
        if "_".join(parts) in known:
            return "_".join(parts)
    return form


_MORPHY = BoundedCache(_morphy)


def lemmatize(word: str, pos: str) -> str:
    """The WordNet lemma of ``word`` read as ``pos`` (a UPOS tag or ``n v a r``), morphy-style.

    The word is lower-cased, then, in order: (1) the exception lists (``went`` -> ``go``,
    ``geese`` -> ``goose``): its bases that WordNet knows, and the word itself when it is a
    lemma too; (2) else the word itself if WordNet knows it, and morphy's detachment rules
    (``-s``, ``-ies`` -> ``-y``, ``-ing`` ...) applied once, keeping forms WordNet knows;
    among the candidates of a step, the one with the most SemCor tags wins (ties: the
    exception's order, the word itself, the rules' order). (3) A noun's possessive
    ("trump's", "leaders'") is taken off and the rest lemmatized; (4) a multiword form
    ("kicked the bucket") has its head word lemmatized (a verb's first, another's last)
    when the result is a WordNet lemma. Otherwise, and for tags without WordNet entries
    (``DET``, ``PRON``...), the lower-cased word. ``PROPN`` returns the word as it is.
    Multiword forms take ``_`` or spaces and come back with ``_``.

    Where this differs from morphy and NLTK: they give the word itself first when WordNet
    knows it ("better" ADJ stays "better", "leaders" stays "leaders": WordNet has both);
    NLTK's ``WordNetLemmatizer`` the shortest candidate. The choice by frequency gives
    "good", "leader", "sing" (not "singe") and "axis" (not "ax"), and keeps WordNet's view
    that "media" is the plural of "medium".

    Example:
        >>> lemmatize("went", "VERB"), lemmatize("geese", "NOUN"), lemmatize("better", "ADJ")
        ('go', 'goose', 'good')
        >>> lemmatize("Running", "VERB"), lemmatize("Putin", "PROPN"), lemmatize("The", "DET")
        ('run', 'Putin', 'the')
        >>> lemmatize("leaders", "NOUN"), lemmatize("Trump\u2019s", "NOUN"), lemmatize("kicked the bucket", "VERB")
        ('leader', 'trump', 'kick_the_bucket')
    """
    if pos == "PROPN":
        return word
    wn_pos = _wordnet_pos(pos)
    form = _key(word)
    if wn_pos is None:
        return word.lower()
    return _MORPHY[form, wn_pos]


def _is_concrete(sense: Sense, physical: bool) -> bool:
    return sense.lexfile in CONCRETE_LEXFILES or (physical and sense.lexfile in HYPERNYM_LEXFILES)


def concreteness(lemma: str, pos: str) -> tuple[bool, ...]:
    """Per sense of :func:`senses` (nouns and verbs), whether it is concrete; ``()`` for adjectives and adverbs.

    A sense is concrete when its lexicographer file is in :data:`CONCRETE_LEXFILES`, or in
    :data:`HYPERNYM_LEXFILES` with hypernyms that reach physical_entity only.

    Example:
        >>> concreteness("field", "NOUN")[:5]  # a piece of land ... a branch of knowledge (noun.cognition)
        (True, True, True, False, True)
    """
    wn_pos = _wordnet_pos(pos)
    if wn_pos not in ("n", "v"):
        return ()
    found, physical = _PARSED[_key(lemma), wn_pos]
    return tuple(_is_concrete(s, p) for s, p in zip(found, physical))


def mip_profile(lemma: str, pos: str) -> MipProfile | None:
    """A noun's or verb's senses by concreteness, None when WordNet does not know it (or for ADJ/ADV).

    MIP (Pragglejaz Group 2007) marks a word metaphorical when its contextual sense
    contrasts with a more basic one, basic meaning more concrete, related to bodily
    action, more precise. ``basic`` is the first concrete sense's file (a candidate basic
    meaning), ``contrast`` whether a concrete and an abstract sense both exist: "attack" as a
    verb has verb.competition (fighting) and verb.communication (criticising).

    Example:
        >>> p = mip_profile("attack", "VERB")
        >>> p.first, p.basic, p.contrast
        ('verb.competition', 'verb.competition', True)
    """
    flags = concreteness(lemma, pos)
    if not flags:
        return None
    found = senses(lemma, pos)
    basic = next((s.lexfile for s, concrete in zip(found, flags) if concrete), None)
    concrete = sum(flags)
    return MipProfile(found[0].lexfile, flags[0], basic, concrete, len(flags) - concrete)


@lru_cache(maxsize=1)
def _domain_cells() -> dict[str, dict[str, str]]:
    """pos -> lemma -> the domains table's cell (lemmas with a domain for some sense only)."""
    poses, lemmas, cells = _read_columns("wordnet_domains", 3)
    return _by_pos(poses, lemmas, cells)


def _domains(key: tuple[str, str]) -> tuple[str | None, ...]:
    lemma, pos = key
    count = len(_PARSED[key][0])
    cell = _domain_cells()[pos].get(lemma)
    found = tuple(DOMAINS[int(code)] if code else None for code in cell.split(",")) if cell else ()
    return found + (None,) * (count - len(found))


_DOMAINS = BoundedCache(_domains)


def domains(lemma: str, pos: str) -> tuple[str | None, ...]:
    """Per sense of :func:`senses` (WordNet's order), its source domain in :data:`DOMAINS` or None; ``()`` when
    WordNet does not know the lemma as ``pos``.

    A sense's domain is that of the nearest of the hand-picked anchor synsets among its
    hypernyms ("tycoon" < businessman < businessperson: commerce and property; "blockade" <
    military action: war and violence); WordNet's top (entity, abstraction, act,
    communication, attribute, relation...) has none. Failing that, its topic ("(golf) the
    part of the clubhead": game and sport), its lexicographer file (verb.motion: journey
    and motion, verb.contact: physical force, noun.animal: animals...) or, for things and
    body parts, what it is a part of. Adjectives and adverbs go by the nouns and verbs they
    come from or measure ("economic": economy, "hot": heat, "high": height, "quickly":
    quick). See ``tools/wordnet_tables.py`` for the anchors.

    Example:
        >>> domains("squatter", "NOUN"), domains("hotel", "n")
        (('commerce and property', 'commerce and property'), ('building and structures',))
        >>> domains("match", "NOUN")[:3]  # the lighter, the contest, a burning match
        ('fire and heat', 'game and sport', 'fire and heat')
    """
    wn_pos = _wordnet_pos(pos)
    return _DOMAINS[_key(lemma), wn_pos] if wn_pos else ()


def basic_domain(lemma: str, pos: str) -> str | None:
    """The source domain of the lemma's most basic sense (MIP's basic meaning: concrete, bodily, precise), or None.

    The basic sense is (1) the first sense tagged in SemCor (WordNet's order: most frequent
    first) that is concrete (:func:`concreteness`) or has a domain; else (2) the first
    untagged concrete sense with a domain (WordNet orders untagged senses arbitrarily); else,
    for a lemma with no tagged sense, (3) the first sense with a domain. So a frequent sense
    with a domain comes before a rarer concrete one ("wave": water, not the hairdo; "game":
    the contest, not the quarry), a frequent concrete sense without one gives None ("person",
    not its sense "human body"), and rare abstract senses do not count. Homonyms stay
    WordNet's: "match" is first the lighter (fire and heat).

    Example:
        >>> basic_domain("tycoon", "NOUN"), basic_domain("path", "NOUN"), basic_domain("attack", "VERB")
        ('commerce and property', 'journey and motion', 'war and violence')
        >>> basic_domain("person", "NOUN"), basic_domain("idea", "NOUN")
        (None, None)
    """
    found = domains(lemma, pos)
    concrete = concreteness(lemma, pos) or (False,) * len(found)
    tagged = [s.count > 0 for s in senses(lemma, pos)]
    for domain, flag, count in zip(found, concrete, tagged):
        if count and (flag or domain):
            return domain
    for domain, flag, count in zip(found, concrete, tagged):
        if not count and flag and domain:
            return domain
    return None if any(tagged) else next((domain for domain in found if domain), None)


@lru_cache(maxsize=1)
def multiword_lemmas() -> frozenset[tuple[str, ...]]:
    """WordNet's multiword lemmas (all parts of speech), each the tuple of its lower-case tokens.

    Tokens as the package's tokenizer (:mod:`analysis.tokenize`) splits the lemma with
    spaces for ``_``, so a tuple matches the lower-cased tokens of a text: "throw_in_the_towel"
    is ``("throw", "in", "the", "towel")``, "achilles'_heel" ``("achilles", "'", "heel")``,
    "u.s._army" ``("u.s.", "army")``. Hyphenated lemmas ("well-known") are one token and
    not here. About 64,000 tuples (idioms, compounds, phrasal verbs, names).

    Example:
        >>> ("kick", "the", "bucket") in multiword_lemmas(), ("spill", "the", "beans") in multiword_lemmas()
        (True, True)
    """
    from .tokenize import TOKEN_PATTERN  # loads NLTK: only when multiwords are asked for

    # Tokens never cross a space, so each part splits alone; a part of letters and digits only is one token.
    split = re.compile(TOKEN_PATTERN).findall
    found = set()
    for table in _sense_cells().values():
        for lemma in table:
            if "_" in lemma:
                parts = lemma.split("_")
                tokens = tuple(parts) if all(map(str.isalnum, parts)) else tuple(t for p in parts for t in split(p))
                if len(tokens) > 1:
                    found.add(tokens)
    return frozenset(found)


@lru_cache(maxsize=1)
def _multiword_index() -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
    """First two tokens -> the multiword lemmas starting with them, longest first."""
    index: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for words in sorted(multiword_lemmas(), key=len, reverse=True):
        index.setdefault((words[0], words[1]), []).append(words)
    return {pair: tuple(found) for pair, found in index.items()}


def multiword_spans(
    tokens: Sequence[str], lemmas: Sequence[str] | None = None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Longest multiword lemmas in a token sequence, left to right, not overlapping: ``(start, end, lemma)``.

    ``tokens`` are compared lower-cased; with ``lemmas`` (one per token, e.g. from
    :func:`lemmatize`), a position matches its token or its lemma, so inflected idioms
    are found ("kicked the bucket"). Matches may cross sentence boundaries: pass one
    sentence at a time.

    Example:
        >>> multiword_spans("He kicked the bucket".split(), ["he", "kick", "the", "bucket"])
        [(1, 4, ('kick', 'the', 'bucket'))]
    """
    index = _multiword_index()
    low = [t.lower() for t in tokens]
    alts = [(w, w) for w in low] if lemmas is None else [(w, lem.lower()) for w, lem in zip(low, lemmas)]
    spans = []
    i, n = 0, len(low)
    while i < n - 1:
        best = None
        for first in dict.fromkeys(alts[i]):
            for second in dict.fromkeys(alts[i + 1]):
                for words in index.get((first, second), ()):
                    end = i + len(words)
                    if end <= n and all(words[j] in alts[i + j] for j in range(2, len(words))):
                        if best is None or len(words) > len(best):
                            best = words
                        break  # longest first: the first match of this key is its longest
        if best:
            spans.append((i, i + len(best), best))
            i += len(best)
        else:
            i += 1
    return spans


def load() -> dict[str, int]:
    """Read every table now (they are read on first use otherwise): table -> rows."""
    return {
        "wordnet_senses": sum(len(t) for t in _sense_cells().values()),
        "wordnet_gazetteer": len(gazetteer()),
        "wordnet_demonyms": len(_demonyms()),
        "wordnet_exceptions": sum(len(t) for t in _exceptions().values()),
        "wordnet_domains": sum(len(t) for t in _domain_cells().values()),
    }
