"""Named actors without a codebook: people, organisations, places and groups named in an article.

Offline and rule-based, on the package's own tokens (:mod:`analysis.tokenize`),
its part-of-speech tagger (:mod:`analysis.postag`, trained on UD English EWT)
and WordNet 3.0's instance nouns and demonyms (:mod:`analysis.wordnet`):

1. **Names.** A name is a run of capitalised tokens within a sentence
   ("Kurt Volker", "House Intelligence Committee"), with "of", "for", "am",
   "al", ... between two of them ("Bank of England", "Braunau am Inn"). A
   possessive ending is not part of the span ("Putin's" gives "Putin").
2. **Capitals that are not names.** A capital that only marks a position
   (the first word of a sentence, of a quotation, after a colon or a dash) or
   a title-case headline is a name only when the word is not a common English
   word (no WordNet common noun, verb, adjective or adverb, no function word),
   or when the article writes it capitalised where position does not explain
   it, or when the tagger reads it as a proper noun in a sentence-case
   context. Days, months and a lone pronoun "I" are never names.
3. **Titles.** Office and courtesy titles before a name are not part of it
   ("President Donald Trump" gives "Donald Trump"), nor are the capitalised
   common words of the title ("US Trade Representative Robert Lighthizer"
   gives "US" and "Robert Lighthizer"). Royal and noble titles are part of
   the name ("Prince Andrew"). A title that ends a run names an office, an
   organisation ("New York State Attorney General").
4. **Adjectives of nationality** ("Russian forces") are not mentions; inside a
   name they are part of it ("Russian Defense Ministry"); as plural nouns they
   are a group ("Russians").
5. **Kind** (person, organisation, place, group): WordNet's instance nouns;
   then the name's head word ("Committee", "Ministry", "Party", "Forces" give
   organisation); an acronym in capitals is an organisation unless it is a
   known place; a title before it or a later surname-only use gives person;
   a preposition of place before it ("in", "from", "near") gives place; a
   name of two to four capitalised words with none of these signs is a person.
6. **Canonical name** (``name``): within the article, a surname or first name
   alone takes the full name it belongs to ("Volker" gives "Kurt Volker"), a
   shorter organisation name the longer one it ends ("Intelligence Committee"
   gives "House Intelligence Committee"), an acronym its expansion when the
   article has a name with those initials ("NSC", "National Security
   Council"; "U.S." and "United States"), and a name in capitals the same
   name in title case ("VIENNA" gives "Vienna").

7. **An office of a nationality** ("the Israeli premier", "the Russian
   president") is a mention of the one person the article introduces with
   that nationality and a title ("Israeli Prime Minister Benjamin
   Netanyahu"); with none, or two, it is no mention.

What it cannot do: other nominal references ("the president", "the former
envoy") are not linked to a name; two people with one surname are told
apart only by their full names (a surname alone goes to the first full name
the article gives); spelling variants ("Zelensky", "Zelenskyy") stay apart;
an unknown single name with no sign of its kind is taken for a person.
``README.md`` reports precision and recall on hand-coded articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from . import postag, wordnet
from .matching import dateline_end
from .records import Entity, SentenceTokens
from .vocabulary import STOPWORDS

#: the kinds of :class:`~analysis.records.Entity`
KINDS = ("person", "organisation", "place", "group")

# Office and courtesy titles: before a name they are not part of it (lower case, without a final full stop).
TITLES = frozenset(
    """
    president vice prime minister secretary senator sen representative rep congressman congresswoman
    governor gov general gen attorney dr doctor mr mrs ms miss mx professor prof ambassador chairman
    chairwoman chair chairperson judge justice chief speaker mayor commissioner director spokesman spokeswoman
    spokesperson envoy adviser advisor lt lieutenant col colonel maj major capt captain sgt sergeant adm admiral
    cmdr commander rev reverend pope bishop archbishop cardinal sheikh ayatollah chancellor premier
    deputy acting former leader coach manager officer ceo cfo coo founder president-elect counsel
    treasurer inspector superintendent supt detective officer constable sheriff marshal
    """.split()
)
#: royal and noble titles: part of the name ("Prince Andrew")
NOBLE = frozenset("king queen prince princess duke duchess earl count countess lord lady sir dame emperor".split())
# Head words that make a name an organisation (the last word of the name, or any word before "of").
ORG_HEADS = frozenset(
    """
    committee council ministry department agency administration commission party army navy forces force
    guard guards police court congress parliament senate assembly house office bureau bank fund company co
    inc corp corporation ltd llc plc group university college school institute center centre foundation
    association union federation league organization organisation network news times post journal press
    service services board authority government regime club church hospital project desk alliance coalition
    movement front brigade brigades corps command airline airlines airways studios records bureau trust
    cabinet tribunal embassy consulate mission secretariat exchange reserve treasury pentagon kremlin
    museum initiative program programme institution authority productions entertainment media pictures
    holdings partners capital ventures technologies systems labs motors industries enterprises bancorp
    """.split()
)
#: lower-case words allowed between two capitalised words of one name
CONNECTORS = frozenset("of for on am an de del della da di du der den van von bin ibn al el la le y".split())
#: connectors that join only after the head of an organisation, a place or a title ("Bank of England",
#: "Institute on Drug Abuse"; not "Russia of Crimea"); name particles ("al", "bin", "van") join any two
#: capitalised words
_RESTRICTED = frozenset({"of", "for", "on"})
#: universal tags of words that are not names even when capitalised mid-sentence (with a common word)
_FUNCTION_TAGS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "INTJ"})
#: a token whose full stop belongs to a name: an initial, or Jr./Sr.
_INITIAL = re.compile(r"^(?:[A-Z]|Jr|Sr)$")
_CONTRACTION = re.compile(r"['\u2019](?:m|ll|re|ve|d)$|n['\u2019]t$", re.IGNORECASE)
#: prepositions of place: an unknown name after one of these is a place
PLACE_PREPOSITIONS = frozenset("in at from near to into across outside inside throughout via toward towards".split())
_NEVER = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun i
    """.split()
)
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_OPENERS = frozenset("\"\u201c\u2018'(:\u2014\u2013-[")
_SAID = frozenset("said says say told tells added adds wrote writes asked asks argued argues".split())


def _strip_possessive(token: str) -> str:
    return _POSSESSIVE.sub("", token) if len(token) > 2 else token


def _is_capitalised(token: str) -> bool:
    """Whether a token is written like a name: a capital first letter, or a capital after a lower-case prefix."""
    if not token[:1].isalpha():
        return False
    if token[0].isupper():
        return True
    # al-Tanf, el-Sisi, d'Estaing, iPhone-like words are not names unless a capital follows a prefix and a hyphen
    head, _, rest = token.partition("-")
    return bool(rest) and len(head) <= 3 and rest[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


#: lexicographer files of WordNet's instance nouns
_NAME_LEXFILES = frozenset({"noun.location", "noun.person", "noun.group", "noun.object", "noun.event"})


#: prepositions and conjunctions that are in neither the stopword list nor WordNet: common words, never names
#: ("Without a set deadline" at a sentence start tagged as a proper noun)
_FUNCTION_WORDS = frozenset(
    "without upon onto toward towards whereas whilst although unless beside amid amidst among amongst via per "
    "since versus whether whenever".split()
)


@lru_cache(maxsize=1 << 16)
def _common(word: str) -> bool:
    """Whether a word is a common English word: a function word, or a WordNet word that is not only a
    name ("key", "lawyer", "hunter"; not "russia", whose senses are all the place). A hyphenated word is
    common when all its parts are ("Self-Indicting")."""
    low = word.lower()
    if low in STOPWORDS or low in _FUNCTION_WORDS:
        return True
    if "-" in low.strip("-"):
        return all(_common(part) for part in low.split("-") if part)
    if not any(c.isalpha() for c in low):
        return False
    named = word in wordnet.gazetteer() or word.title() in wordnet.gazetteer()
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        for sense in wordnet.senses(wordnet.lemmatize(low, pos), pos):
            if not named or pos != "NOUN" or sense.lexfile not in _NAME_LEXFILES:
                return True
    return False


def _first_names() -> frozenset[str]:
    """First names: the first words of WordNet's people of two or more words ("George Washington")."""
    if _FIRST_NAMES is None:
        names = {name.split()[0] for name, (kind, _) in wordnet.gazetteer().items() if kind == "person" and " " in name}
        globals()["_FIRST_NAMES"] = frozenset(n for n in names if n[:1].isupper() and n.isalpha())
    return _FIRST_NAMES


_FIRST_NAMES: frozenset[str] | None = None


def _demonym(word: str) -> str | None:
    return wordnet.demonym(word)


def _title_case(name: str) -> str:
    return " ".join(w if not w.isupper() or _is_acronym(w) and len(w) <= 3 else w.capitalize() for w in name.split())


class _Token:
    __slots__ = ("text", "start", "end", "para", "sent", "k", "tag", "positional", "headline", "before")

    def __init__(self, text, start, para, sent, k, tag, positional, headline, before=""):
        self.text, self.start, self.end = text, start, start + len(text)
        self.para, self.sent, self.k, self.tag = para, sent, k, tag
        self.positional, self.headline, self.before = positional, headline, before


def _sentences(
    sentence_tokens: list[SentenceTokens], sentence_tags: list[list[str]], title_case_paras: set[int]
) -> list[list[_Token]]:
    out = []
    for s, tags in zip(sentence_tokens, sentence_tags):
        words = [i.token for i in s.infos]
        toks = []
        previous_word = None
        for k, (a, word, tag) in enumerate(zip(s.starts, words, tags)):
            is_word = word[:1].isalnum()
            positional = previous_word is None or (not is_word and False) or (k > 0 and words[k - 1] in _OPENERS)
            if k > 0 and words[k - 1] in {".", "?", "!"}:
                positional = True
            before = words[k - 1] if k > 0 and s.starts[k - 1] + len(words[k - 1]) == a else ""
            toks.append(
                _Token(word, s.base + a, s.para, s.sent, k, tag, positional, s.para in title_case_paras, before)
            )
            if is_word:
                previous_word = word
        out.append(toks)
    return out


#: a paragraph of at most this many words may be a title-case heading (a body paragraph full of names is not)
MAX_HEADING_WORDS = 25


def _title_case_paras(sentence_tokens: list[SentenceTokens]) -> set[int]:
    """The headline and subheadings (short paragraphs that do not end like a sentence) written in title
    case: most of their longer words capitalised."""
    words: dict[int, list[bool]] = {}
    sizes: dict[int, int] = {}
    last: dict[int, str] = {}
    shouted: dict[int, int] = {}
    for s in sentence_tokens:
        for i in s.infos:
            if i.kind == "word":
                sizes[s.para] = sizes.get(s.para, 0) + 1
                if i.token.isupper() and len(i.token) > 1:  # a paragraph in capitals: capitals tell nothing
                    shouted[s.para] = shouted.get(s.para, 0) + 1
                if len(i.token) > 3 and i.token.lower() not in STOPWORDS:
                    words.setdefault(s.para, []).append(i.token[:1].isupper())
            last[s.para] = i.token
    title_case = {
        p
        for p, caps in words.items()
        if (p == 0 or (sizes[p] <= MAX_HEADING_WORDS and last[p] not in _SENTENCE_ENDS))
        and len(caps) >= 2
        and sum(caps) / len(caps) >= 0.6
    }
    return title_case | {p for p, n in shouted.items() if n >= 3 and n >= 0.8 * sizes[p]}


_SENTENCE_ENDS = frozenset('.!?"\u201d\u2019)')


class _Finder:
    def __init__(self, sentences: list[list[_Token]]):
        self.sentences = sentences
        # capitalised words the article writes where neither position nor a title-case headline explains it
        self.attested: Counter[str] = Counter()
        for toks in sentences:
            for t in toks:
                if _is_capitalised(t.text) and not t.positional and not t.headline:
                    self.attested[_strip_possessive(t.text)] += 1
        # words the article also writes in lower case ("regime", "royal"): common words, not names
        self.lowercase: set[str] = {t.text.lower() for toks in sentences for t in toks if t.text[:1].islower()}
        self.gazetteer = wordnet.gazetteer()
        self.first_names = _first_names()
        # the body's capitalised word sequences, for checking the names of a title-case headline
        self.body_text = " ".join(_strip_possessive(t.text) for toks in sentences for t in toks if not t.headline)
        self.body_words = frozenset(self.body_text.split(" "))

    def known(self, word: str) -> bool:
        return word in self.gazetteer or word.title() in self.gazetteer

    def namey(self, t: _Token) -> bool:
        """Whether a capitalised token can belong to a name."""
        word = _strip_possessive(t.text)
        low = word.lower()
        if low in _NEVER or not _is_capitalised(word) or _CONTRACTION.search(word):
            return False
        if t.before == "/":  # a web address's path ("pic.twitter.com/XPxUJu")
            return False
        if any(c.isdigit() for c in word) and len(word) > 3:  # a model or code ("A350-900"), not a name
            return False
        if word.isupper() and len(word) > 1:  # an acronym or a word in capitals (a dateline)
            if low in STOPWORDS:  # "IN", "OUT" for emphasis; "US" is a known name
                return _lookup(self.gazetteer, word) is not None
            return True
        if (t.positional or t.headline) and word in self.attested:
            return True  # "Trump wants": the article writes "Trump" capitalised elsewhere too
        if t.tag in _FUNCTION_TAGS and _common(word) and not self.known(word) and self.attested[word] < 2:
            return False  # "Although", "Get. It. OUT": a function word or a verb capitalised for emphasis
        if not (t.positional or t.headline):
            return True
        if low in STOPWORDS or low in _FUNCTION_WORDS:
            return False
        if not _common(word):
            return True
        # a common word capitalised by its position: a name only if the tagger reads it as one
        return t.tag == "PROPN" and not t.headline

    def headline_run(self, run: list[_Token]) -> list[list[_Token]]:
        """A run of a title-case heading kept whole when the body writes it so, else its words that are names
        on their own ("Syrian Forces Blocking" gives nothing: "Syrian" is an adjective, the rest common)."""
        words = [_strip_possessive(t.text) for t in run]
        if len(run) > 1 and (f" {' '.join(words)} " in f" {self.body_text} " or " ".join(words) in self.gazetteer):
            return [run]
        return [
            [t]
            for t, w in zip(run, words)
            if not _common(w) or (w in self.attested and w.lower() not in self.lowercase)
        ]

    def runs(self, toks: list[_Token]) -> list[list[_Token]]:
        """Maximal runs of name tokens, with connectors inside, split at titles."""
        out: list[list[_Token]] = []
        run: list[_Token] = []
        n = len(toks)
        k = 0
        while k < n:
            t = toks[k]
            if self.namey(t):
                run.append(t)
                k += 1
                if t.text != _strip_possessive(t.text):  # a possessive ends the name
                    out.append(run)
                    run = []
                continue
            low = t.text.lower()
            if t.text == "." and run and t.before and _INITIAL.match(run[-1].text):
                run.append(t)  # an initial or a suffix with its full stop ("Sonya A. Zoghlin", "Kennedy Jr.")
                k += 1
                continue
            # particles may follow one another ("Botic van de Zandschulp")
            after = k
            while after < n and toks[after].text.lower() in CONNECTORS and toks[after].text.lower() not in _RESTRICTED:
                after += 1
            if low in _RESTRICTED:
                after = k + 1
            if run and low in CONNECTORS and after < n and self.namey(toks[after]):
                left = _strip_possessive(run[-1].text)
                # "Bank of England", "Duke of York": the word before "of" or "for" is the head of an
                # organisation, a place or a title ("Bank", "Government", "Duke"); not a name of its own
                # ("Russia of Crimea", "Michael Venus of New Zealand")
                head = left.lower()
                joins = low not in _RESTRICTED or any(h in _OF_HEADS for h in (head, head.rstrip("s")))
                if run[-1].text == left and joins:
                    run.extend(toks[k:after])
                    k = after
                    continue
            if run:
                out.append(run)
                run = []
            k += 1
        if run:
            out.append(run)
        position = {id(t): k for k, t in enumerate(toks)}
        for r in out:  # a capitalised common word before a run that makes a known name with it ("Middle East")
            k = position[id(r[0])]
            if k > 0 and _is_capitalised(toks[k - 1].text) and not self.namey(toks[k - 1]):
                if " ".join(_strip_possessive(t.text) for t in [toks[k - 1], *r]) in self.gazetteer:
                    r.insert(0, toks[k - 1])
        split: list[list[_Token]] = []
        for r in out:
            split.extend(self.split_titles(r))
        return [r for r in split if r]

    def split_titles(self, run: list[_Token]) -> list[list[_Token]]:
        """A run without its office titles: the names before and after them."""
        words = [_strip_possessive(t.text).rstrip(".").lower() for t in run]
        out: list[list[_Token]] = []
        i = 0
        start = 0
        while i < len(run):
            if words[i] in TITLES and i + 1 < len(run) and words[i + 1] not in CONNECTORS:
                # a title followed by more name: drop the title and the common words that belong to it
                j = i
                while j > start and self.title_word(run[j - 1]):
                    j -= 1
                out.append(run[start:j])
                while i + 1 < len(run) and words[i] in TITLES:
                    i += 1
                start = i
                continue
            i += 1
        out.append(run[start:])
        cleaned = []
        for r in out:
            for part in self.split_known(r):
                while part and part[0].text.lower() in CONNECTORS:
                    part = part[1:]
                while part and part[-1].text.lower() in CONNECTORS:
                    part = part[:-1]
                words = [_strip_possessive(t.text).rstrip(".").lower() for t in part]
                # the office of a place ("U.S. Ambassador", "Russian Foreign Minister"): the place only
                k = len(part)
                while k > 1 and words[k - 1] in TITLES:
                    k -= 1
                if k < len(part) and part[-1].text == _strip_possessive(part[-1].text):
                    head = " ".join(_strip_possessive(t.text) for t in part[:k])  # "South Dakota Gov."
                    known = _lookup(self.gazetteer, head)
                    if (known is not None and known[0] == "place") or (k == 1 and _demonym(head) is not None):
                        part, words = part[:k], words[:k]
                if part and not all(w in TITLES or w in NOBLE for w in words):  # "Mr." alone is no name
                    cleaned.append(part)
        return cleaned

    def title_word(self, t: _Token) -> bool:
        """A capitalised common word that belongs to an office title ("Trade" in "Trade Representative")."""
        word = _strip_possessive(t.text)
        if word.lower() in TITLES:
            return True
        return not word.isupper() and _demonym(word) is None and _common(word) and word.lower() not in ORG_HEADS

    def split_known(self, run: list[_Token]) -> list[list[_Token]]:
        """Split names written side by side: a known name of two or more words that starts the run ("White
        House National Security Council" gives "White House" and the rest), and a known place after a name
        ("Council Ukraine", "Ukraine Volodymyr Zelensky")."""
        words = [_strip_possessive(t.text) for t in run]
        if len(run) < 2 or " ".join(words) in self.gazetteer:
            return [run]
        for j in range(len(run) - 1, 1, -1):  # the longest known prefix of two or more words, not a place
            known = self.gazetteer.get(" ".join(words[:j]))  # ("Sioux Falls Argus Leader" is one name)
            if known is not None and known[0] != "place" and words[j].lower() not in CONNECTORS:
                return [run[:j], *self.split_known(run[j:])]
        if _is_acronym(words[0]) and " ".join(words[1:]) in self.gazetteer:  # "VOA Pentagon"
            return [run[:1], run[1:]]
        first = self.gazetteer.get(words[0], (None,))[0]
        if (
            first == "place"
            and len(run) >= 3  # "Ukraine Volodymyr Zelensky"; not "Alexandria Ocasio-Cortez"
            and not _common(words[0])
            and words[1].lower() not in CONNECTORS
            and words[-1].lower() not in ORG_HEADS
        ):
            return [run[:1], *self.split_known(run[1:])]
        last = self.gazetteer.get(words[-1], (None,))[0]
        if last == "place" and words[-2].lower() in ORG_HEADS:
            return [*self.split_known(run[:-1]), run[-1:]]
        return [run]


#: hyphenated suffixes after a name that make the word an adjective of it ("Texas-based", "U.S.-backed")
NAME_SUFFIXES = frozenset(
    """
    based backed led born owned funded made run controlled allied linked style era bound friendly aligned
    sponsored held occupied supported brokered registered headquartered listed
    """.split()
)
#: lower-case nouns after a name that make it a place ("Rukban camp", "Logar province")
PLACE_HEADS = frozenset(
    """
    province region city town village district county border area camp base airport port crossing highway
    road street river valley mountain mountains island islands coast peninsula desert capital state
    neighbourhood neighborhood suburb municipality oblast governorate enclave
    """.split()
)
_DOMAIN_ENDINGS = frozenset("com org net info gov edu io co uk".split())
#: lower-case words after an organisation's name ("Boeing shares", "Emirates spokesman")
ORG_CONTEXT = frozenset(
    """
    shares stock stocks customers employees staff spokesman spokeswoman spokesperson executives executive
    subscribers users platform app website site headquarters subsidiary chairman ceo board investors
    revenue profit profits earnings sales fleet order orders deal contract officials
    """.split()
)
#: pronouns and the kind each points to (the first after a name, in its sentence or the next)
_PRONOUNS = {
    "he": ("person", 0.6),
    "him": ("person", 0.6),
    "his": ("person", 0.6),
    "she": ("person", 0.6),
    "her": ("person", 0.6),
    "who": ("person", 0.4),
    "it": ("organisation", 0.4),
    "its": ("organisation", 0.6),
}
#: words after which "of", "for" or "on" continue a name
_OF_HEADS = (
    ORG_HEADS
    | NOBLE
    | TITLES
    | PLACE_HEADS
    | frozenset("republic kingdom gulf bay isle isles cape sea lake mount city states duchy strait".split())
)


class _Mention:
    __slots__ = (
        "para",
        "sent",
        "start",
        "end",
        "words",
        "before",
        "after",
        "possessive",
        "evidence",
        "dateline",
        "tag",
        "next",
    )

    def __init__(self, para, sent, start, end, words, before, after, possessive):
        self.para, self.sent, self.start, self.end = para, sent, start, end
        self.words, self.before, self.after, self.possessive = words, before, after, possessive
        self.evidence: dict[str, float] = {}
        self.dateline = False
        self.tag = ""
        #: the words after the mention in its sentence and the next one (for pronouns)
        self.next: list[str] = []

    @property
    def key(self) -> str:
        return " ".join(self.words)

    def vote(self, kind: str | None, weight: float) -> None:
        self.evidence[kind or "none"] = self.evidence.get(kind or "none", 0.0) + weight


def _hyphen_parts(finder: _Finder, token: _Token) -> list[tuple[int, str]] | None:
    """A hyphenated name token as its name parts, ``(offset in token, part)``; None when it is one name."""
    word = _strip_possessive(token.text)
    if "-" not in word:
        return None
    parts, offsets, pos = word.split("-"), [], 0
    for part in parts:
        offsets.append(pos)
        pos += len(part) + 1
    if parts[-1].lower() in NAME_SUFFIXES and len(parts) == 2:
        return [(0, parts[0])] if _is_capitalised(parts[0]) else []
    if len(parts) == 2 and all(p[:1].isupper() for p in parts):
        known = [p in finder.attested or _lookup(finder.gazetteer, p) is not None for p in parts]
        if all(known):
            return list(zip(offsets, parts))
    return None


def place_modifier(matched: str, next_token: str, next_tag: str) -> bool:
    """Whether a codebook actor's match is a place used as a modifier: a place name (WordNet) directly
    followed by a noun that is not a title ("U.S. crude", "U.S. Treasury yields", "US forces";
    not "US President", "US envoy", and not a possessive "Washington's plan")."""
    if next_tag not in ("NOUN", "PROPN") or not next_token[:1].isalpha():
        return False
    if matched != _strip_possessive(matched) or next_token.lower().rstrip(".") in TITLES | NOBLE:
        return False
    if next_token[:1].islower() and not wordnet.senses(wordnet.lemmatize(next_token, "NOUN"), "NOUN"):
        return False  # not a noun in WordNet ("a Ukraine weak with manpower": the tagger's NOUN is wrong)
    found = _lookup(wordnet.gazetteer(), matched)
    return found is not None and found[0] == "place"


def _run_words(run: list[_Token]) -> list[str]:
    """The words of a name, a full stop joined to its initial ("Sonya A. Zoghlin"), no possessive ending."""
    words: list[str] = []
    for t in run:
        if t.text == "." and words:
            words[-1] += "."
        else:
            words.append(_strip_possessive(t.text))
    return words


def _mentions(finder: _Finder, toks: list[_Token]) -> list[_Mention]:
    out = []
    index = {id(t): k for k, t in enumerate(toks)}
    runs = finder.runs(toks)
    if toks and toks[0].headline:
        runs = [r for run in runs for r in finder.headline_run(run)]
    for run in runs:
        k0, k1 = index[id(run[0])], index[id(run[-1])]
        before = toks[k0 - 1].text if k0 > 0 else ""
        after = toks[k1 + 1].text if k1 + 1 < len(toks) else ""
        last = run[-1]
        possessive = last.text != _strip_possessive(last.text)
        if len(run) == 1:
            parts = _hyphen_parts(finder, last)
            if parts is not None:
                for offset, part in parts:
                    a = last.start + offset
                    out.append(_Mention(last.para, last.sent, a, a + len(part), [part], before, after, False))
                continue
        start, end = run[0].start, last.start + len(_strip_possessive(last.text))
        words = _run_words(run)
        # a web address written as a name ("Polygraph.info")
        if (
            not possessive
            and k1 + 2 < len(toks)
            and toks[k1 + 1].text == "."
            and toks[k1 + 1].start == end
            and toks[k1 + 2].start == end + 1
            and toks[k1 + 2].text.lower() in _DOMAIN_ENDINGS
        ):
            end = toks[k1 + 2].end
            words[-1] = words[-1] + "." + toks[k1 + 2].text
            after = toks[k1 + 3].text if k1 + 3 < len(toks) else ""
        m = _Mention(last.para, last.sent, start, end, words, before, after, possessive)
        m.tag = run[0].tag if len(run) == 1 else "PROPN"
        out.append(m)
    return out


def find_entities(
    text: str, sentence_tokens: list[SentenceTokens], sentence_tags: list[list[str]] | None = None
) -> list[Entity]:
    """The named mentions of one article, in text order (see the module's rules).

    Args:
        text: the article's text (offsets are into it).
        sentence_tokens: the pipeline's tokens per sentence (headline and body paragraphs).
        sentence_tags: their universal part-of-speech tags (:func:`analysis.postag.tag`), tagged here
            when not given.

    Returns:
        :class:`~analysis.records.Entity` records: ``para, sent, start, end,
        text, kind, name``, ``text == text[start:end]``.
    """
    if not sentence_tokens:
        return []
    if sentence_tags is None:
        sentence_tags = [postag.tag([i.token for i in s.infos]) for s in sentence_tokens]
    finder = _Finder(_sentences(sentence_tokens, sentence_tags, _title_case_paras(sentence_tokens)))
    mentions = []
    for i, toks in enumerate(finder.sentences):
        following = [t.text.lower() for t in finder.sentences[i + 1]] if i + 1 < len(finder.sentences) else []
        for m in _mentions(finder, toks):
            m.next = [t.text.lower() for t in toks if t.start >= m.end] + following
            mentions.append(m)
    starts = {s.para: s.base for s in reversed(sentence_tokens)}  # where each paragraph starts
    for m in mentions:
        p0 = starts[m.para]
        m.dateline = m.start < p0 + dateline_end(text[p0 : p0 + 200])
    mentions = [m for m in mentions if not _adjective(finder, m) and not _common_single(finder, m)]
    for m in mentions:
        _evidence(finder, m)
    names = _canonical(finder, mentions)
    kinds = _kinds(mentions, names)
    out = []
    for m, name in zip(mentions, names):
        kind = kinds[name]
        if kind in KINDS:
            out.append(Entity(m.para, m.sent, m.start, m.end, text[m.start : m.end], kind, name))
    people = {name for name, kind in kinds.items() if kind == "person"}
    out.extend(_office_references(finder, text, people, {(e.start, e.end) for e in out}))
    return sorted(out, key=lambda e: (e.start, e.end))


def _office_references(finder: _Finder, text: str, people: set[str], taken: set) -> list[Entity]:
    """ "the Israeli premier" as a mention of the one person the article introduces with that nationality and
    a title ("Israeli Prime Minister Benjamin Netanyahu"): the text makes the link clear only when exactly one
    such person exists, so two Israeli officials link neither."""
    introduced: dict[str, set[str]] = {}  # place -> people introduced as "<Demonym or Place> <Title> <Name>"
    names = {}  # first token of a person's full name -> the name
    for name in people:
        names.setdefault(name.split()[0], set()).add(name)
    for toks in finder.sentences:
        for k, t in enumerate(toks):
            word = _strip_possessive(t.text)
            place = _demonym(word) or (word if (_lookup(finder.gazetteer, word) or ("",))[0] == "place" else None)
            if place is None or k + 2 >= len(toks) or toks[k + 1].text.lower().rstrip(".") not in TITLES:
                continue
            j = k + 1
            while j < len(toks) and toks[j].text.lower().rstrip(".") in TITLES:
                j += 1
            for name in names.get(toks[j].text if j < len(toks) else "", ()):
                introduced.setdefault(place, set()).add(name)
    out = []
    for toks in finder.sentences:
        for k in range(1, len(toks) - 1):
            if toks[k - 1].text.lower() != "the":
                continue
            word, office = toks[k].text, toks[k + 1]
            place = _demonym(word)
            if place is None or office.text[:1].isupper() or _strip_possessive(office.text).lower() not in TITLES:
                continue
            who = introduced.get(place, set())
            start, end = toks[k].start, office.start + len(_strip_possessive(office.text))
            if len(who) == 1 and (start, end) not in taken:
                out.append(Entity(toks[k].para, toks[k].sent, start, end, text[start:end], "person", next(iter(who))))
    return out


def _adjective(finder: _Finder, m: _Mention) -> bool:
    """An adjective of nationality or of a group alone ("Russian forces", "Republican counsel")."""
    if len(m.words) != 1:
        return False
    word = m.words[0]
    found = _lookup(finder.gazetteer, word)
    plural = word.endswith("s") and (_demonym(word[:-1]) is not None or _lookup(finder.gazetteer, word[:-1]))
    if _demonym(word) is not None and not plural:
        return True
    if m.tag == "ADJ" and m.after[:1].islower() and _lookup(finder.gazetteer, word) is None:
        return True  # "Democratic politicians", "North American" before a noun
    return found is not None and found[0] == "group" and not word.endswith("s") and m.after[:1].islower()


def _common_single(finder: _Finder, m: _Mention) -> bool:
    """A lone capitalised common word that the article also writes in lower case ("the [Syrian] Regime")."""
    if len(m.words) != 1:
        return False
    word = m.words[0]
    if _is_acronym(word):  # "PR", "AI": an acronym that WordNet knows as a common word
        short = len(word.replace(".", "")) <= 2  # "PR" is Puerto Rico to WordNet, but public relations in news
        return _common(word) and word.lower() not in STOPWORDS and (short or _lookup(finder.gazetteer, word) is None)
    return word.lower() in finder.lowercase and _common(word) and _lookup(finder.gazetteer, word) is None


def _lookup(gazetteer: dict, name: str) -> tuple[str, str] | None:
    if _is_acronym(name) and len(name.replace(".", "")) <= 4:  # "U.S." as "US"; "ISIS" never as "Isis"
        forms: tuple[str, ...] = (name.replace(".", ""), name) if "." in name else (name,)
    else:  # "MADRID", "ARGENTINA": a name in capitals as in title case too
        forms = (name, name.title())
    for form in forms:
        if form in gazetteer:
            return gazetteer[form]
    return None


#: the kinds of WordNet's gazetteer as this module's: buildings are places; events and works are no actors
_GAZETTEER_KIND = {
    "person": "person",
    "place": "place",
    "organisation": "organisation",
    "group": "group",
    "facility": "place",
    "event": None,
    "work": None,
    "other": None,
}


def _evidence(finder: _Finder, m: _Mention) -> None:
    """Votes for the kind of one mention, from the name itself and its neighbours."""
    words = m.words
    low = [w.lower().rstrip(".") for w in words]
    found = _lookup(finder.gazetteer, m.key)
    before = m.before.lower().rstrip(".")
    after = m.after.lower()
    if found is not None and not (_is_acronym(m.key) and len(m.key.replace(".", "")) <= 3 and _common(m.key)):
        kind = _GAZETTEER_KIND.get(found[0])
        if found[0] == "facility" and (m.possessive or after in _SAID or before == "the"):
            kind = "organisation"  # "the Kremlin said", "the Pentagon's": the institution
        m.vote(kind, 3.0)
    if any(w in ORG_HEADS for w in low):
        m.vote("organisation", 3.0)
    if (
        len(words) == 1
        and words[0].endswith("s")
        and (_demonym(words[0][:-1]) is not None or (_lookup(finder.gazetteer, words[0][:-1]) or ("",))[0] == "group")
    ):
        m.vote("group", 3.0)
    if all(_is_acronym(w) for w in words):
        m.vote("organisation", 1.0)
    if m.before == "(" and m.after == ")" and m.dateline:
        m.vote("organisation", 3.0)  # "WASHINGTON (Reuters) -": the source of a dateline is a news agency
    if "." in words[-1] and words[-1].rsplit(".", 1)[-1].lower() in _DOMAIN_ENDINGS:
        m.vote("organisation", 2.0)  # a web address: a publication
    if before in TITLES or before in NOBLE or low[0] in NOBLE:
        m.vote("person", 3.0)
    if before in PLACE_PREPOSITIONS and not m.possessive:
        m.vote("place", 1.0)
    if after in PLACE_HEADS:
        m.vote("place", 1.5)
    if after in _SAID:
        m.vote("person", 0.5)
    if after in ORG_CONTEXT or (m.possessive and m.next[:1] and m.next[0] in ORG_CONTEXT):
        m.vote("organisation", 1.0)  # "Boeing shares", "Netflix's subscribers"
    pronoun = next((w for w in m.next if w in _PRONOUNS), None)
    if pronoun is not None:  # the first pronoun after the name: "he said" a person, "it said" not
        m.vote(*_PRONOUNS[pronoun])
    if len(words) >= 2 and words[0] in finder.first_names and not _common(words[0]):
        m.vote("person", 2.0)
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words):
        if all(_common(w) for w in words):
            m.vote("organisation", 0.8)  # "Islamic State", "Business Insider": common words only, no person
        else:
            m.vote("person", 1.0)
    m.vote("person", 0.1)  # with no sign at all: a person (most single unknown names in news are people)


def _place_of_people(finder: _Finder, name: str) -> bool:
    """Whether a plural in -ns names the people of a place ("South Dakotans", "Ukrainians", "Americans")."""
    stems = {name[:-2], name[:-4] + "e", name[:-4] + "a", name[:-4] + "ia", name[:-4]}
    return any(
        len(stem) > 2 and ((_lookup(finder.gazetteer, stem) or ("",))[0] == "place" or stem in finder.body_words)
        for stem in stems
    )


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _canonical(finder: _Finder, mentions: list[_Mention]) -> list[str]:
    """The canonical name of each mention: the fullest form of the same entity the article gives."""
    shown = {}
    for m in mentions:
        key = m.key
        if key.isupper() and (
            not _is_acronym(key.replace(" ", "")) or (len(key) > 4 and key.title() in finder.gazetteer)
        ):
            key = _title_case(key)
        shown[id(m)] = key
    order: dict[str, int] = {}
    for m in mentions:
        order.setdefault(shown[id(m)], len(order))
    forms = list(order)
    lead = {f: max(m.evidence, key=m.evidence.get) for m in mentions for f in (shown[id(m)],)}
    # the forms a name can expand to contain its first or last word, or have its letters as initials:
    # indexed, so that each name looks at a few forms, not all (time linear in the article)
    by_word: dict[str, list[str]] = {}
    by_initials: dict[str, list[str]] = {}
    for form in forms:
        for word in dict.fromkeys(form.split()):
            by_word.setdefault(word, []).append(form)
        by_initials.setdefault(_initials(form.split()), []).append(form)

    def expand(name: str) -> str:
        words = name.split()
        bare = name.replace(".", "").replace(" ", "")
        best = name
        near = {*by_word.get(words[0], ()), *by_word.get(words[-1], ())}
        if _is_acronym(name.replace(" ", "")):
            near.update(by_initials.get(bare, ()))
        for other in sorted(near, key=order.__getitem__):
            ow = other.split()
            if len(ow) <= len(best.split()) or other == name:
                continue
            if _is_acronym(name.replace(" ", "")) and _initials(ow) == bare:
                return other
            if lead.get(other) == "person" and lead.get(name) in ("person", None) or len(words) == 1:
                # a surname ("Volker"), or a first name ("Joe"), never an acronym or a word that only opens
                # a longer name ("VW" in "VW Atlas Cross Sport SUV")
                first_name = len(words) == 1 and words[0] in finder.first_names and not _is_acronym(words[0])
                if lead.get(other) == "person" and (ow[-len(words) :] == words or (first_name and ow[:1] == words)):
                    if best == name:
                        best = other
                    continue
            if lead.get(other) != "person" and ow[-len(words) :] == words and len(words) >= 2:
                best = other
        return best

    expanded = {name: expand(name) for name in forms}  # once per distinct name
    return [expanded[shown[id(m)]] for m in mentions]


def _kinds(mentions: list[_Mention], names: list[str]) -> dict[str, str | None]:
    """One kind per canonical name: the kind with the most votes over all its mentions."""
    votes: dict[str, dict[str, float]] = {}
    for m, name in zip(mentions, names):
        total = votes.setdefault(name, {})
        for kind, weight in m.evidence.items():
            total[kind] = total.get(kind, 0.0) + weight
    return {name: (lambda k: None if k == "none" else k)(max(v, key=v.get)) for name, v in votes.items()}
