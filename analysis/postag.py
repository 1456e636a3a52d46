"""Universal part-of-speech tags for this package's tokens, offline: a greedy averaged perceptron.

The design is Matthew Honnibal's tagger ("A good part-of-speech tagger in
about 200 lines of Python", 2013; NLTK's ``PerceptronTagger``): each token
gets the tag of highest score, left to right, where the score is the sum of
the weights of the token's features (:func:`word_features`: its word, as
written and lower-cased, suffixes, prefixes and shape, the parts of a
hyphenated word, the base and clitic of "Putin's"; its neighbours' words,
suffixes and shapes; the two tags before it, alone and with the word and its
shape); frequent unambiguous words (a tag dictionary) skip the model. The tags
are UD's universal ones (:data:`TAGS`).

Trained on UD English EWT (``data/external/ud-english-ewt/``, CC BY-SA 4.0)
re-tokenized with :func:`analysis.tokenize.tokens_and_starts`, so it tags
*this package's* tokens: "Putin's", "didn't", "U.S.", "PG&E" and "27-point"
are one token each here (UD splits clitics and most hyphens). A token that
holds several UD words takes the tag of their syntactic head (the word whose
head lies outside the token), a clitic never being the head: "Putin's" PROPN,
"didn't" AUX, "it's" PRON, "I've" PRON, "27-point" NOUN, "Texas-based" VERB,
"well-known" the tag of "known" (:func:`aligned_tags`). The model file
``resources/postag_ewt.tsv.gz`` is written by ``tools/train_tagger.py``,
its numbers and licence are in ``resources/SOURCE-postag_ewt.txt`` and in
:data:`MODEL_INFO`; it is an adaptation of the treebank under CC BY-SA 4.0.

What to expect: about 94.5% of tokens right on EWT's test sentences (web
text: blogs, e-mail, reviews, 2005-2012). News is cleaner text, but its
names are not EWT's: a name that is also a common word can be tagged as one
at the start of a sentence ("Trump is ..." NOUN, while "President Trump"
is PROPN); each sentence is tagged on its own.

Speed, in pure Python: a token's features depend on its own string, its
neighbours' strings and the two previous tags only, so the summed weights of
everything a token string contributes (as the current word, as the word
before or after, ...) are computed once per string and cached (bounded
caches); a weight vector over the 17 tags is one Python integer of 17 32-bit
fields, so summing vectors is seven integer additions per token, and the best
tag is mostly found by C code on the sum's bytes (see ``_BASE``). Words of
the tag dictionary cost a look-up. ``benchmarks/bench_tagger.py`` compares
the time per token with VADER's: about the same once a text's words have been
seen, two to three times VADER's for words seen for the first time (each new
token string costs some 8 microseconds once). Loading the model takes about
0.1 s, on the first call.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import struct
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .caches import BoundedCache
from .errors import AnalysisError
from .tokenize import tokens_and_starts

__all__ = ["tag", "TAGS", "MODEL_INFO", "ud_sentences", "aligned_tags"]  # noqa: F822 (MODEL_INFO: read on first use)

#: the Universal POS tags, in the order of the model's weight vectors
TAGS: tuple[str, ...] = (
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
)
#: the version of the feature templates (:func:`word_features`, :func:`history_features`): a model
#: file says which version it was trained with, and one of another version is refused
FEATURE_SET = 1
#: the model file, in ``analysis/resources``
MODEL_FILE = "postag_ewt.tsv.gz"
#: weights are stored as integers: the perceptron's weight times this
WEIGHT_SCALE = 1000

_N = len(TAGS)
#: the two "tags" before a sentence's first token (history indices after the real tags)
_BEFORE1, _BEFORE2 = _N, _N + 1
_HISTORY_NAMES = (*TAGS, "<S1>", "<S2>")
#: pseudo-words around a sentence (upper case: no token's lower-cased form can equal them)
PADDING = ("<S2>", "<S1>", "<E1>", "<E2>")

# A weight vector is one integer: the sum over tags k of (weight of tag k) * scale * 2**(32 k),
# so adding integers adds the vectors tag by tag. The vector of the two previous tags, in every
# sum, also holds 2**31 + k in field k: as a token's features hold at most one feature of each
# template, and the model file's meta data give the sum over templates of their largest
# weight (``weight_bound``), the scale (a multiple of 32, the largest keeping
# weight_bound * scale below 2**31 - 32) keeps every field of a token's sum within 32 bits,
# so the sum's 17 fields are exact, unsigned, the low five bits of field k are k, and the
# largest field is the best tag (ties go to the later tag), its low five bits saying which.
# Finding it among 17 Python integers costs more than the sums, so first a guess is checked
# in C: the tag the token's own word features prefer (right for 4 tokens in 5) wins if its
# field's top byte is the only one that large (a lead of 4 or so in the perceptron's units
# makes sure of it); the bytes are big-endian, so field k's top byte is at 4 (_N - 1 - k).
_FIELD_BYTES = _N * 4
_UNPACK = struct.Struct(f">{_N}I").unpack
_BASE = sum(((1 << 31) + k) << (32 * k) for k in range(_N))
#: for each byte value c, a translation table marking (0x80) the bytes c or larger
_AT_LEAST = tuple(bytes(0x80 if b >= c else 0 for b in range(256)) for c in range(256))
#: for each position i of the top bytes, the marks when only byte i is marked
_ONLY = tuple(bytes(0x80 if j == i else 0 for j in range(_N)) for i in range(_N))


def _best(vector: int) -> int:
    """The tag index of a vector's largest field (after adding the base: offsets and tag bits)."""
    return max(_UNPACK((vector + _BASE).to_bytes(_FIELD_BYTES, "big"))) & 31


_SHAPE_ASCII = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
#: a run of one character, captured by its first: joining the captures collapses every run
_RUNS = re.compile(r"(.)\1*", re.S)


def word_shape(token: str) -> str:
    """Letters as X / x, digits as d, other characters as themselves (a curly apostrophe straight), runs collapsed.

    Example:
        >>> word_shape("Putin's"), word_shape("U.S."), word_shape("27-point"), word_shape("iPhone")
        ("Xx'x", 'X.X.', 'd-x', 'xXx')
    """
    if token.isascii():
        if token.isalpha():  # most words: one of three shapes, without the translation
            if token.islower():
                return "x"
            if token.isupper():
                return "X"
            if token.istitle():
                return "Xx"
        shape = token.translate(_SHAPE_ASCII)
    else:
        shape = "".join(
            ("X" if ch.isupper() else "x") if ch.isalpha() else "d" if ch.isdigit() else "'" if ch == "\u2019" else ch
            for ch in token
        )
    return "".join(_RUNS.findall(shape))


_DIGIT = re.compile(r"\d")
_HYPHEN = re.compile(r"[\u2010\u2011-]")


def normalize(token: str) -> str:
    """The form the word features use: lower case, a curly apostrophe straight, each digit ``0``."""
    norm = token.lower()
    if not norm.isalpha():
        norm = _DIGIT.sub("0", norm.replace("\u2019", "'"))
    return norm


def _part_features(norm: str) -> list[str]:
    """Features of a hyphenated word's parts and of a word with an apostrophe (its base and clitic)."""
    out = []
    if len(norm) > 2 and _HYPHEN.search(norm, 1):
        first, *_, last = _HYPHEN.split(norm)
        out += [f"hf {first}", f"hl {last}", f"hs {last[-3:]}"]
    if "'" in norm[1:-1] or norm.endswith("'"):
        if norm.endswith("n't"):
            base, clitic = norm[:-3], "n't"
        else:
            base, _, rest = norm.rpartition("'")
            clitic = "'" + rest
        out += [f"ba {base}", f"cl {clitic}"]
    return out


class WordFeatures(NamedTuple):
    """The features a token string gives, by the position it is seen from (each list of feature names)."""

    norm: str
    shape: str
    current: list[str]
    prev1: list[str]
    prev2: list[str]
    next1: list[str]
    next2: list[str]


def word_features(token: str) -> WordFeatures:
    """Feature names of one token string: as the current word, and as the word 1 or 2 before or after it.

    This is the definition the trainer uses; :func:`tag` sums the same weights grouped
    by word, suffix, prefix and shape (``tests/test_postag.py`` checks the sums are equal).
    A padding word (:data:`PADDING`) gives its name as word, suffix and shape.
    """
    if token in PADDING:
        norm = shape = suffix = token
    else:
        norm = normalize(token)
        shape = word_shape(token)
        suffix = norm[-3:]
    current = [
        "b",
        f"w {norm}",
        f"s1 {norm[-1:]}",
        f"s2 {norm[-2:]}",
        f"s3 {suffix}",
        f"s4 {norm[-4:]}",
        f"p1 {token[:1]}",
        f"p2 {norm[:2]}",
        f"p3 {norm[:3]}",
        f"sh {shape}",
    ]
    if token != norm:
        current.append(f"wr {token}")
    if token not in PADDING:
        current += _part_features(norm)
    return WordFeatures(
        norm,
        shape,
        current,
        [f"w-1 {norm}", f"s-1 {suffix}", f"sh-1 {shape}"],
        [f"w-2 {norm}"],
        [f"w+1 {norm}", f"s+1 {suffix}", f"sh+1 {shape}"],
        [f"w+2 {norm}"],
    )


def history_features(prev1: int, prev2: int) -> list[str]:
    """Feature names of the two previous tags (indices into :data:`TAGS`, or the sentence-start ones)."""
    a, b = _HISTORY_NAMES[prev1], _HISTORY_NAMES[prev2]
    return [f"t-1 {a}", f"t-2 {b}", f"t-12 {a} {b}"]


def word_history_features(norm: str, shape: str, prev1: int) -> list[str]:
    """Feature names of the previous tag with the current word: ``tw <norm> <tag>``, ``tsh <shape> <tag>``.

    The model file groups them by word and by shape (one line per ``tw <norm>``, ``tsh <shape>``).
    """
    a = _HISTORY_NAMES[prev1]
    return [f"tw {norm} {a}", f"tsh {shape} {a}"]


def sentence_features(
    infos: Sequence[WordFeatures], i: int, prev1: int, prev2: int, pads: Sequence[WordFeatures]
) -> list[str]:
    """Every feature name of token ``i`` of a sentence (``infos``: its tokens' :func:`word_features`).

    ``pads`` are the padding words' features, in :data:`PADDING` order. :func:`tag` sums the
    same weights, grouped by token string.
    """
    n = len(infos)
    me = infos[i]
    p1 = infos[i - 1] if i >= 1 else pads[1]
    p2 = infos[i - 2] if i >= 2 else pads[i]  # i == 0: <S2>, i == 1: <S1>
    n1 = infos[i + 1] if i + 1 < n else pads[2]
    n2 = infos[i + 2] if i + 2 < n else pads[2 + (i + 2 - n)]  # one past the end: <E1>, two: <E2>
    return (
        me.current
        + p1.prev1
        + p2.prev2
        + n1.next1
        + n2.next2
        + history_features(prev1, prev2)
        + word_history_features(me.norm, me.shape, prev1)
    )


# ---------------------------------------------------------------------------------------------
# The model at run time

#: the templates keyed by the normalized word, in the order of a word's vectors
_WORD_TEMPLATES = ("w", "w-1", "w-2", "w+1", "w+2", "tw")
_WORD_SLOT = {t: k for k, t in enumerate(_WORD_TEMPLATES)}


class _Model:
    """A loaded model: tag dictionary, weights (sparse text, packed on first use), meta data, caches.

    A token string's *info* is ``(dictionary tag or -1, current, as prev1, as prev2, as next1,
    as next2, by previous tag, guess)``: the packed sums of the weights of its features from each
    position, and of its word and shape with each previous tag (a tuple by history index), and
    the top-byte position of the tag its current features prefer.
    It is put together from cached parts: the word's vectors (one per template of
    :data:`_WORD_TEMPLATES`), the suffix's (its last four characters), the prefix's (first
    character, first three of the normalized form) and the shape's.
    """

    def __init__(self, text: str, sha256: str, size: int):
        self.meta: dict[str, str] = {}
        self.tagdict: dict[str, int] = {}
        self.weights: dict[str, str | int | tuple] = {}
        #: normalized word -> its sparse vectors by template (packed into a tuple on first use)
        self.words: dict[str, list | tuple] = {}
        index = {t: k for k, t in enumerate(TAGS)}
        weights, words, slots = self.weights, self.words, _WORD_SLOT
        for line in text.split("\n"):
            if not line or line[0] == "#":
                continue
            key, _, value = line.partition("\t")
            template, _, arg = key.partition(" ")
            slot = slots.get(template)
            if slot is not None:
                vectors = words.get(arg)
                if vectors is None:
                    vectors = words[arg] = [None] * 6
                vectors[slot] = value
            elif key == "@meta":
                name, _, val = value.partition("\t")
                self.meta[name] = val
            elif key == "@dict":
                word, _, t = value.partition("\t")
                self.tagdict[word] = index[t]
            else:
                weights[key] = value
        if self.meta.get("feature_set") != str(FEATURE_SET) or self.meta.get("tags") != " ".join(TAGS):
            raise AnalysisError(
                f"{MODEL_FILE}: trained for feature set {self.meta.get('feature_set')} and tags "
                f"{self.meta.get('tags')!r}; this module computes feature set {FEATURE_SET}: retrain with "
                "tools/train_tagger.py"
            )
        self.sha256, self.size = sha256, size
        # the history vector of each (previous tag, tag before it), with the tag indices in the low bits
        bound = int(self.meta.get("weight_bound", 0))
        self.scale = ((2**31 - 64) // bound) & ~31 if bound > 0 else 0
        if self.scale < 32:
            raise AnalysisError(f"{MODEL_FILE}: weight_bound {bound} missing or too large for 32-bit fields")
        self.history = [[self._sum(history_features(a, b)) + _BASE for b in range(_N + 2)] for a in range(_N + 2)]
        self.bias = self._vector("b")
        self.infos = BoundedCache(self._info, limit=1 << 16)
        self.suffixes = BoundedCache(self._suffix, limit=1 << 16)
        self.prefixes = BoundedCache(self._prefix, limit=1 << 16)
        self.shapes = BoundedCache(self._shape, limit=1 << 12)
        pads = [self.reference_info(p) for p in PADDING]
        self.head, self.tail = pads[:2], pads[2:]

    def clear_caches(self) -> None:
        """Forget every token's info (as a new process; the packed weights stay)."""
        for cache in (self.infos, self.suffixes, self.prefixes, self.shapes):
            cache.clear()

    def _pack(self, sparse: str) -> int:
        """``"3:1250,7:-40"`` (tag index: weight times WEIGHT_SCALE) as one integer (see ``_BASE``)."""
        total = 0
        scale = self.scale
        for item in sparse.split(","):
            k, _, w = item.partition(":")
            total += (int(w) * scale) << (32 * int(k))
        return total

    def _unpack_grouped(self, text: str) -> tuple:
        """``"h=k:w,...;h=..."`` (vectors by previous-tag index h) as a tuple of vectors (0 where absent)."""
        vectors = [0] * (_N + 2)
        for part in text.split(";"):
            h, _, sparse = part.partition("=")
            vectors[int(h)] = self._pack(sparse)
        return tuple(vectors)

    def _vector(self, feature: str) -> int:
        x = self.weights.get(feature)
        if x is None:
            return 0
        if x.__class__ is str:
            x = self.weights[feature] = self._pack(x)
        return x

    def _sum(self, features: list[str]) -> int:
        return sum(map(self._vector, features))

    def _grouped(self, key: str) -> tuple:
        """The vectors of ``tsh <shape>`` (or ``tw <norm>``) for each previous tag (zeros where absent)."""
        x = self.weights.get(key)
        if x is None:
            return _ZEROS
        if x.__class__ is str:
            x = self.weights[key] = self._unpack_grouped(x)
        return x

    def _word(self, norm: str) -> tuple:
        """A normalized word's vectors: current, as prev1, prev2, next1, next2; and ``(history index,
        vector)`` of its ``tw`` features."""
        x = self.words.get(norm)
        if x is None:
            return _NO_WORD
        if x.__class__ is list:
            by_tag = self._unpack_grouped(x[5]) if x[5] else _ZEROS
            nonzero = tuple((k, vector) for k, vector in enumerate(by_tag) if vector)
            x = self.words[norm] = (*(self._pack(v) if v else 0 for v in x[:5]), nonzero)
        return x

    def _suffix(self, last4: str) -> tuple[int, int, int]:
        v = self._vector
        last3 = last4[-3:]
        return (
            v("s1 " + last4[-1:]) + v("s2 " + last4[-2:]) + v("s3 " + last3) + v("s4 " + last4),
            v("s-1 " + last3),
            v("s+1 " + last3),
        )

    def _prefix(self, key: str) -> int:
        v = self._vector
        return v("p1 " + key[:1]) + v("p2 " + key[1:3]) + v("p3 " + key[1:4])

    def _shape(self, shape: str) -> tuple:
        v = self._vector
        return v("sh " + shape), v("sh-1 " + shape), v("sh+1 " + shape), self._grouped("tsh " + shape)

    def _info(self, token: str) -> tuple:
        norm = normalize(token)
        w = self._word(norm)
        sf = self.suffixes[norm[-4:]]
        sh = self.shapes[word_shape(token)]
        current = self.bias + w[0] + sf[0] + sh[0] + self.prefixes[token[:1] + norm[:3]]
        if token != norm:
            if token in PADDING:
                return self.reference_info(token)
            current += self._vector("wr " + token)
        if "-" in norm or "'" in norm or "\u2010" in norm or "\u2011" in norm:
            current += self._sum(_part_features(norm))
        by_tag = sh[3]
        if w[5]:
            by_tag = list(by_tag)
            for k, vector in w[5]:
                by_tag[k] += vector
            by_tag = tuple(by_tag)
        p1, n1 = w[1] + sf[1] + sh[1], w[3] + sf[2] + sh[2]
        return (self.tagdict.get(token, -1), current, p1, w[2], n1, w[4], by_tag, _N - 1 - _best(current))

    def reference_info(self, token: str) -> tuple:
        """A token's info summed feature by feature from :func:`word_features` (what ``_info`` must equal)."""
        f = word_features(token)

        def s(features: list[str]) -> int:
            total = 0
            for feature in features:
                template, _, arg = feature.partition(" ")
                slot = _WORD_SLOT.get(template)
                total += self._vector(feature) if slot is None else self._word(arg)[slot]
            return total

        by_word, by_shape = dict(self._word(f.norm)[5]), self._grouped("tsh " + f.shape)
        by_tag = tuple(by_word.get(k, 0) + b for k, b in enumerate(by_shape))
        current = s(f.current)
        guess = _N - 1 - _best(current)
        return (self.tagdict.get(token, -1), current, s(f.prev1), s(f.prev2), s(f.next1), s(f.next2), by_tag, guess)


_ZEROS = (0,) * (_N + 2)
_NO_WORD = (0, 0, 0, 0, 0, ())


_MODEL: _Model | None = None


def model_path() -> Path:
    """Where the shipped model file is."""
    return Path(str(resources.files("analysis").joinpath("resources", MODEL_FILE)))


def load_model(path: Path | None = None) -> _Model:
    """Read a model file (the shipped one by default)."""
    path = model_path() if path is None else Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"{path}: cannot read the tagger model ({exc.strerror}); see tools/train_tagger.py"
        raise AnalysisError(message) from exc
    return _Model(gzip.decompress(data).decode("utf-8"), hashlib.sha256(data).hexdigest(), len(data))


def _model() -> _Model:
    global _MODEL
    if _MODEL is None:
        _MODEL = load_model()
    return _MODEL


def tag(tokens: Sequence[str], model: _Model | None = None) -> list[str]:
    """One UPOS tag (from :data:`TAGS`) per token of one sentence.

    The tokens are those :func:`analysis.tokenize.tokens_and_starts` gives for
    the sentence. The model is loaded on the first call and kept. ``model``:
    another loaded model (:func:`load_model`), for the training tool.

    Example:
        >>> tag(["Putin's", "envoy", "didn't", "go", "to", "the", "U.S.", "on", "Monday", "."])
        ['PROPN', 'NOUN', 'AUX', 'VERB', 'ADP', 'DET', 'PROPN', 'ADP', 'PROPN', 'PUNCT']
    """
    if not tokens:
        return []
    m = model or _MODEL or _model()
    infos = list(map(m.infos.__getitem__, tokens))
    ext = m.head + infos + m.tail
    history = m.history
    unpack = _UNPACK
    names = TAGS
    last = _N - 1
    at_least, only = _AT_LEAST, _ONLY
    out = []
    append = out.append
    prev = _BEFORE1
    h = history[_BEFORE1][_BEFORE2]  # the vector of the two previous tags (with the tag bits)
    # info: (dictionary tag or -1, current, as prev1, as prev2, as next1, as next2, by previous tag, guess)
    for info, p1, p2, n1, n2 in zip(infos, ext[1:], ext, ext[3:], ext[4:]):
        t = info[0]
        if t < 0:
            fields = (info[1] + p1[2] + p2[3] + n1[4] + n2[5] + h + info[6][prev]).to_bytes(_FIELD_BYTES, "big")
            top = fields[::4]  # each field's top byte, field _N - 1 first
            i = info[7]
            if top.translate(at_least[top[i]]) == only[i]:  # the guess's top byte alone is the largest
                t = last - i
            else:
                t = max(unpack(fields)) & 31  # the largest field's tag bits
        append(names[t])
        h = history[t][prev]
        prev = t
    return out


def __getattr__(name: str):
    if name == "MODEL_INFO":
        m = _model()
        info = dict(m.meta)
        info.update(model=MODEL_FILE, sha256=m.sha256, bytes=m.size)
        for key in ("feature_set", "iterations", "train_sentences", "train_tokens"):
            if key in info:
                info[key] = int(info[key])
        for key in [k for k in info if k.startswith("accuracy")]:
            info[key] = float(info[key])
        info.pop("tags", None)
        info.pop("weight_bound", None)
        globals()["MODEL_INFO"] = info
        return info
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------------------------
# UD treebanks with this package's tokens (for training and evaluation)


class UDWord(NamedTuple):
    id: int
    form: str
    upos: str
    head: int


class UDSentence(NamedTuple):
    """A UD sentence: its id, its ``# text``, its surface tokens (form, word ids) and words by id."""

    sent_id: str
    text: str
    tokens: list[tuple[str, list[int]]]
    words: dict[int, UDWord]


def read_conllu(path: str | Path) -> Iterator[UDSentence]:
    """The sentences of a CoNLL-U file (gzip if the name ends in ``.gz``); empty nodes are left out."""
    path = Path(path)
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    for block in raw.decode("utf-8").split("\n\n"):
        sent_id = text = None
        tokens: list[tuple[str, list[int]]] = []
        words: dict[int, UDWord] = {}
        for line in block.split("\n"):
            if not line:
                continue
            if line[0] == "#":
                if line.startswith("# text = "):
                    text = line[9:]
                elif line.startswith("# sent_id = "):
                    sent_id = line[12:]
                continue
            cols = line.split("\t")
            wid = cols[0]
            if "." in wid:
                continue
            if "-" in wid:
                a, b = wid.split("-")
                tokens.append((cols[1], list(range(int(a), int(b) + 1))))
                continue
            i = int(wid)
            words[i] = UDWord(i, cols[1], cols[3], int(cols[6]))
            if not tokens or i not in tokens[-1][1]:
                tokens.append((cols[1], [i]))
        if words:
            if text is None:
                raise AnalysisError(f"{path}: sentence {sent_id} has no '# text' line")
            yield UDSentence(sent_id or "", text, tokens, words)


_CLITIC = re.compile(r"^(?:['\u2019].*|n['\u2019]?t)$", re.IGNORECASE)
_SYMBOLS = frozenset("$%@#+=<>^|~*/\\\u00a3\u20ac\u00a5\u00b0\u00a9\u00ae")


def _piece_tag(piece: str, upos: str) -> str:
    """The tag of a piece of a UD word our tokenizer splits ("Mr." = "Mr" + "."): the word's tag,
    except for a piece with no letter or digit in a word that is not punctuation (PUNCT or SYM)."""
    if upos in ("PUNCT", "SYM") or re.search(r"\w", piece):
        return upos
    return "SYM" if all(ch in _SYMBOLS for ch in piece) else "PUNCT"


def aligned_tags(sentence: UDSentence) -> tuple[list[str], list[str]] | None:
    """This package's tokens of ``sentence.text`` and a UD tag for each, or None if they do not align.

    UD's surface tokens are found in the text in order (only white space between); a
    multiword token whose words spell it ("didn't" = "did" + "n't") is divided among them.
    Each of our tokens must then cover whole UD words or lie inside one:

    * one word: its tag;
    * several words: the tag of their head, the word whose head is outside the token
      (the first such word), words that are clitics ("'s", "n't") never heading
      ("Putin's" PROPN, "didn't" AUX, "27-point" NOUN);
    * a piece of a word: the word's tag, except that a piece without letters or digits
      of a word that is not PUNCT or SYM is PUNCT (SYM for symbols): "Mr." -> "Mr" PROPN, "." PUNCT.
    """
    text, words = sentence.text, sentence.words
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    for form, ids in sentence.tokens:
        start = text.find(form, pos)
        if start < 0 or (start > pos and not text[pos:start].isspace()):
            return None
        end = start + len(form)
        forms = [words[i].form for i in ids]
        if len(ids) > 1 and "".join(forms) == form:
            p = start
            for i, f in zip(ids, forms):
                spans[i] = (p, p + len(f))
                p += len(f)
        else:
            for i in ids:
                spans[i] = (start, end)
        pos = end
    if text[pos:].strip():
        return None
    order = sorted(spans, key=lambda i: (spans[i], i))
    ours, starts = tokens_and_starts(text)
    tags = []
    j = 0  # first UD word (in text order) that may overlap the current token
    for token, start in zip(ours, starts):
        end = start + len(token)
        while j < len(order) and spans[order[j]][1] <= start:
            j += 1
        inside, around = [], []
        k = j
        while k < len(order) and spans[order[k]][0] < end:
            a, b = spans[order[k]]
            if start <= a and b <= end:
                inside.append(order[k])
            elif a <= start and end <= b:
                around.append(order[k])
            else:
                return None  # boundaries cross
            k += 1
        if inside and around or not (inside or around):
            return None
        if around:
            tags.append(_piece_tag(token, words[around[0]].upos))
        elif len(inside) == 1:
            tags.append(words[inside[0]].upos)
        else:
            group = set(inside)
            heads = [i for i in inside if not _CLITIC.match(words[i].form)] or inside
            top = [i for i in heads if words[i].head not in group] or heads
            tags.append(words[top[0]].upos)
    return ours, tags


def ud_sentences(path: str | Path) -> tuple[list[tuple[str, list[str], list[str]]], int]:
    """``(text, tokens, tags)`` of each sentence of a CoNLL-U file that aligns, and how many did not."""
    out = []
    failed = 0
    for sentence in read_conllu(path):
        aligned = aligned_tags(sentence)
        if aligned is None:
            failed += 1
        elif aligned[0]:
            out.append((sentence.text, *aligned))
    return out, failed
