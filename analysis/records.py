"""The typed row records of every table, and the table schema.

One :class:`~typing.NamedTuple` per table: its fields are the table's
columns, in the order of the output contract (``docs/output-contract.md``),
so a row is read by name (``row.score``) and written as it is. Every layer
that makes rows makes these; the sinks (:mod:`analysis.sinks`) turn them into
DataFrames, CSV or Parquet. Missing values are None (an empty CSV cell, NaN
or <NA> in a DataFrame).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Block(NamedTuple):
    """One blank-line-separated block of the article (``blocks.csv``).

    Attributes:
        block: 0-based index in reading order.
        role: one of :data:`analysis.blocks.ROLES`.
        para: 0 for the headline, 1..N for body paragraphs, None otherwise.
        start: character offset of the first non-space character.
        end: offset just past the last non-space character.
        text: ``text[start:end]`` of the loaded article.
        duplicate_of: for a caption repeated by a later caption block (an
            image's alt text followed by its visible caption), the index of
            that later block; None otherwise.
    """

    block: int
    role: str
    para: int | None
    start: int
    end: int
    text: str
    duplicate_of: int | None = None


class Paragraph(NamedTuple):
    """A headline (para 0) or body paragraph with its tone (``paragraphs.csv``)."""

    para: int
    block: int
    start: int
    end: int
    text: str
    n_sentences: int
    n_tokens: int
    n_words: int
    neg: float | None
    neu: float | None
    pos: float | None
    compound_mean: float | None
    compound_whole: float | None
    score: float | None
    label: str | None


class Sentence(NamedTuple):
    """One sentence (or chunk of an over-long one) with VADER's scores (``sentences.csv``)."""

    para: int
    sent: int
    start: int
    end: int
    text: str
    neg: float
    neu: float
    pos: float
    compound: float


class Token(NamedTuple):
    """One token with its matching stem (``tokens.csv``)."""

    para: int
    sent: int
    tok: int
    start: int
    end: int
    token: str
    stem: str
    kind: str


class FrameHit(NamedTuple):
    """One codebook match with its context inside the paragraph (``frame_hits.csv``)."""

    para: int
    sent: int
    frame: str
    entry: str
    start: int
    end: int
    matched_text: str
    left: str
    right: str
    #: the metaphor-candidate score of the hit's span (:mod:`analysis.metaphor`): high reads figurative
    figurative: float | None = None


class FrameCount(NamedTuple):
    """Hits of one frame in one paragraph (``frame_counts.csv``)."""

    para: int
    frame: str
    hits: int
    distinct_entries: int
    extended: bool


class ActorMention(NamedTuple):
    """One actor alias match (``actor_mentions.csv``)."""

    para: int
    sent: int
    actor: str
    alias: str
    start: int
    end: int
    matched_text: str


class Entity(NamedTuple):
    """One named mention of a person, organisation, place or group (``entities.csv``, :mod:`analysis.entities`)."""

    para: int
    sent: int
    start: int
    end: int
    text: str
    #: person, organisation, place or group
    kind: str
    #: the canonical name within the article ("Volker" -> "Kurt Volker")
    name: str


class MetaphorCandidate(NamedTuple):
    """A content word that may be used metaphorically (``metaphor_candidates.csv``, :mod:`analysis.metaphor`)."""

    para: int
    sent: int
    start: int
    end: int
    text: str
    lemma: str
    #: universal part-of-speech tag (NOUN, VERB, ADJ, ADV)
    pos: str
    #: 0..1: how likely a metaphor-related word
    score: float
    #: score at or above the default threshold
    flagged: bool
    #: the codebook frame whose hit covers the word, else None
    frame: str | None
    #: the domain of the word's basic sense (WordNet), else None
    source_domain: str | None


class MetaphorCluster(NamedTuple):
    """Candidates of one source domain in one paragraph (``metaphor_clusters.csv``)."""

    para: int
    source_domain: str
    n_candidates: int
    distinct_lemmas: int
    texts: str
    #: at least :data:`analysis.metaphor.EXTENDED_MIN` distinct lemmas
    extended: bool


class TokenInfo(NamedTuple):
    """What the tables need of one token string, computed once per process (see :mod:`analysis.pipeline`)."""

    token: str
    stem: str
    kind: str
    #: matching units ``(stem, capitals, start, end)`` per word part (:func:`analysis.codebook.token_units`)
    units: tuple
    length: int
    #: an English function word (for the language check)
    function_word: bool
    #: ``token,stem,kind\\n`` as CSV cells (the tokens table's tail, formatted once)
    csv_tail: str
    #: 1 for a word or number, 0 for punctuation
    is_word: int


class SentenceTokens(NamedTuple):
    """The tokens of one sentence, as the pipeline keeps them: the tokens table without a row per token."""

    para: int
    sent: int
    #: offset of the sentence in the article; token offsets are ``base + start``
    base: int
    starts: list[int]
    infos: list[TokenInfo]


def token_rows(sentences: list[SentenceTokens]) -> list[Token]:
    """The ``tokens`` table's rows of :attr:`ArticleRecords.sentence_tokens`."""
    return [
        Token(s.para, s.sent, k, s.base + a, s.base + a + i.length, i.token, i.stem, i.kind)
        for s in sentences
        for k, (a, i) in enumerate(zip(s.starts, s.infos), 1)
    ]


_I, _F, _O = "int64", "float64", object


class Table(NamedTuple):
    """One output table: its row record and the pandas dtypes of its columns (stable when empty)."""

    name: str
    row: type
    dtypes: dict

    @property
    def columns(self) -> list[str]:
        return list(self.row._fields)


#: Every table of one article, in output order (the CSV files and the DataFrame attributes).
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "blocks",
            Block,
            {"block": _I, "role": _O, "para": "Int64", "start": _I, "end": _I, "text": _O, "duplicate_of": "Int64"},
        ),
        Table(
            "paragraphs",
            Paragraph,
            {
                "para": _I,
                "block": _I,
                "start": _I,
                "end": _I,
                "text": _O,
                "n_sentences": _I,
                "n_tokens": _I,
                "n_words": _I,
                "neg": _F,
                "neu": _F,
                "pos": _F,
                "compound_mean": _F,
                "compound_whole": _F,
                "score": _F,
                "label": _O,
            },
        ),
        Table(
            "sentences",
            Sentence,
            {
                "para": _I,
                "sent": _I,
                "start": _I,
                "end": _I,
                "text": _O,
                "neg": _F,
                "neu": _F,
                "pos": _F,
                "compound": _F,
            },
        ),
        Table(
            "tokens",
            Token,
            {"para": _I, "sent": _I, "tok": _I, "start": _I, "end": _I, "token": _O, "stem": _O, "kind": _O},
        ),
        Table(
            "frame_hits",
            FrameHit,
            {
                "para": _I,
                "sent": _I,
                "frame": _O,
                "entry": _O,
                "start": _I,
                "end": _I,
                "matched_text": _O,
                "left": _O,
                "right": _O,
                "figurative": _F,
            },
        ),
        Table(
            "frame_counts", FrameCount, {"para": _I, "frame": _O, "hits": _I, "distinct_entries": _I, "extended": bool}
        ),
        Table(
            "actor_mentions",
            ActorMention,
            {"para": _I, "sent": _I, "actor": _O, "alias": _O, "start": _I, "end": _I, "matched_text": _O},
        ),
        Table(
            "entities",
            Entity,
            {"para": _I, "sent": _I, "start": _I, "end": _I, "text": _O, "kind": _O, "name": _O},
        ),
        Table(
            "metaphor_candidates",
            MetaphorCandidate,
            {
                "para": _I,
                "sent": _I,
                "start": _I,
                "end": _I,
                "text": _O,
                "lemma": _O,
                "pos": _O,
                "score": _F,
                "flagged": bool,
                "frame": _O,
                "source_domain": _O,
            },
        ),
        Table(
            "metaphor_clusters",
            MetaphorCluster,
            {
                "para": _I,
                "source_domain": _O,
                "n_candidates": _I,
                "distinct_lemmas": _I,
                "texts": _O,
                "extended": bool,
            },
        ),
    )
}
#: table name -> its columns
TABLE_COLUMNS: dict[str, list[str]] = {name: t.columns for name, t in TABLES.items()}


@dataclass
class ArticleRecords:
    """Every table of one article as row records: what the pipeline's core returns.

    ``tokens`` is built on demand from :attr:`sentence_tokens` (the CSV sink
    formats tokens straight from there, without a row per token).
    """

    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    frame_hits: list[FrameHit] = field(default_factory=list)
    frame_counts: list[FrameCount] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    metaphor_candidates: list[MetaphorCandidate] = field(default_factory=list)
    metaphor_clusters: list[MetaphorCluster] = field(default_factory=list)
    #: universal part-of-speech tags per sentence (:mod:`analysis.postag`), aligned with ``sentence_tokens``
    sentence_tags: list[list[str]] = field(default_factory=list)
    sentence_tokens: list[SentenceTokens] = field(default_factory=list)
    #: over-long "sentences" that were scored in chunks
    chunked_sentences: int = 0

    @property
    def tokens(self) -> list[Token]:
        return token_rows(self.sentence_tokens)

    def rows(self, table: str) -> list[tuple]:
        """The rows of one table of :data:`TABLES` by name."""
        if table not in TABLES:
            raise KeyError(f"no table {table!r}; the tables are {', '.join(TABLES)}")
        return getattr(self, table)
