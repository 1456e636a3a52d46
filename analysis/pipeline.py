"""The pipeline's core: one article's text -> the row records of every table.

:func:`article_records` splits blocks and gives them roles
(:mod:`analysis.article`), keeps the headline (para 0) and body paragraphs
(1..N), splits sentences and tokens with exact offsets
(:mod:`analysis.tokenize`), scores every sentence and paragraph with VADER
(:mod:`analysis.sentiment`), and matches the codebook's frames and actors
(:mod:`analysis.matching`, :mod:`analysis.framing`), in one pass over the
tokens; then finds the named people, organisations, places and groups
(:mod:`analysis.entities`), which needs the whole article (a surname takes
the full name the article gives earlier or later). Every ``start``/``end`` is an offset into the text.

:func:`analyse_source` is what every run does to one article read by
:func:`analysis.article.read_source`: ``analyze`` (a corpus of one), local
corpus workers and Dask tasks alike. Nothing here reads files, writes or
draws: the records go to the sinks (:mod:`analysis.sinks`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter

from . import postag, sentiment
from .article import SourceText, html_warning
from .blocks import split_blocks
from .caches import BoundedCache
from .codebook import Codebook
from .csvtext import csv_cell
from .entities import find_entities, place_modifier
from .framing import DEFAULT_EXTENDED_MIN, context, frame_counts
from .matching import dateline_end, token_units
from .metaphor import clusters as metaphor_clusters
from .metaphor import find_candidates
from .records import ActorMention, ArticleRecords, Block, FrameHit, Paragraph, Sentence, SentenceTokens, TokenInfo
from .tokenize import sentence_spans, stem, token_kind, tokens_and_starts
from .vocabulary import STOPWORDS

#: With at least this many body paragraphs, none ending like a sentence is worth a warning.
MIN_PROSE_CHECK = 3
_SENTENCE_END = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*\s*$")

#: Below this share of English function words (with at least 30 words) the
#: text is probably not English: VADER's lexicon and the stemmer are English.
MIN_ENGLISH_SHARE = 0.1


def _token_info(token: str) -> TokenInfo:
    tstem, kind = stem(token), token_kind(token)
    return TokenInfo(
        token,
        tstem,
        kind,
        token_units(token),
        len(token),
        kind == "word" and token.lower() in STOPWORDS,
        f"{csv_cell[token]},{csv_cell[tstem]},{kind}\n",
        int(kind != "punct"),
    )


#: token string -> :class:`~analysis.records.TokenInfo`, computed on first sight (news reuses its words)
TOKEN_INFO = BoundedCache(_token_info)
_IS_WORD = attrgetter("is_word")
#: a record from a complete tuple (the per-sentence records), without the NamedTuple constructor's Python call
_new = tuple.__new__


def source_blocks(source: SourceText) -> list[Block]:
    """The blocks of an article as read: those its extractor gave (an HTML page), else :func:`split_blocks`."""
    if source.blocks is not None:
        return list(source.blocks)
    return split_blocks(source.text)


def article_records(
    text: str,
    codebook: Codebook,
    *,
    extended_min: int = DEFAULT_EXTENDED_MIN,
    blocks: list[Block] | None = None,
) -> ArticleRecords:
    """Every table of one article as row records (:mod:`analysis.records`).

    Missing values are None (a paragraph without sentences, ``compound_whole``
    of an over-long paragraph), which DataFrames read as NaN and CSV writes empty.

    Args:
        text: the article as :func:`analysis.load_text` returns it (the offset space).
        codebook: the validated codebook to match.
        extended_min: distinct entries of one frame in one paragraph that make it extended.
        blocks: the text's blocks with roles, when already known (an extracted HTML
            page, roles set by the user); by default :func:`analysis.blocks.split_blocks`.

    Returns:
        The records; the tokens are kept per sentence (``sentence_tokens``).
    """
    frames, actors = codebook.frame_matcher(), codebook.actor_matcher()
    may_start = codebook.start_tokens().__getitem__
    frame_ids = list(codebook.frames)
    out = ArticleRecords(blocks=split_blocks(text) if blocks is None else blocks)
    P, S, B = out.paragraphs, out.sentences, out.sentence_tokens
    H, M, C, T = out.frame_hits, out.actor_mentions, out.frame_counts, out.sentence_tags
    info_of = TOKEN_INFO.__getitem__
    for b in out.blocks:
        if b.para is None:
            continue
        para, p0, p1, ptext = b.para, b.start, b.end, b.text
        n_tokens = n_words = 0
        entries_by_frame: dict[str, list[str]] = {}
        actors_from = p0 + dateline_end(ptext)  # an alias in the dateline ("WASHINGTON -") is no mention
        punkt_spans = sentence_spans(ptext)
        spans = sentiment.bounded_sentence_spans(ptext, punkt_spans)
        if len(spans) != len(punkt_spans):  # count the sentences that had to be cut
            out.chunked_sentences += sum(1 for a, z in punkt_spans if z - a > sentiment.MAX_SENTENCE_CHARS)
        # VADER on every sentence and on the whole paragraph (None when too long for it)
        scores, whole = sentiment.paragraph_polarity(ptext, spans)
        for sent, ((s0, s1), sc) in enumerate(zip(spans, scores), 1):
            stext = ptext[s0:s1]
            S.append(_new(Sentence, (para, sent, p0 + s0, p0 + s1, stext, *sc)))
            base = p0 + s0
            tokens, starts = tokens_and_starts(stext)
            infos = list(map(info_of, tokens))
            B.append(_new(SentenceTokens, (para, sent, base, starts, infos)))
            T.append(postag.tag(tokens))
            n_tokens += len(tokens)
            n_words += sum(map(_IS_WORD, infos))
            if not any(map(may_start, tokens)):
                continue  # no token can start a frame or actor entry: no match in this sentence
            units = [
                (key, upper, base + t0 + a, base + t0 + z, low)
                for t0, i in zip(starts, infos)
                for key, upper, a, z, low in i.units
            ]
            for gi, entry, hs, he in frames.find_units(units):
                fid = frames.groups[gi]
                H.append(FrameHit(para, sent, fid, entry, hs, he, text[hs:he], *context(text, p0, p1, hs, he)))
                entries_by_frame.setdefault(fid, []).append(entry)
            for gi, entry, ms, me in actors.find_units(units):
                if ms < actors_from:
                    continue
                k = bisect_left(starts, me - base)  # the token after the match: a place used as a modifier?
                if k < len(tokens) and place_modifier(text[ms:me], tokens[k], T[-1][k]):
                    continue
                M.append(ActorMention(para, sent, actors.groups[gi], entry, ms, me, text[ms:me]))
        P.append(
            Paragraph(
                para, b.block, p0, p1, ptext, len(spans), n_tokens, n_words, *sentiment.paragraph_tone(scores, whole)
            )
        )
        C.extend(frame_counts(para, entries_by_frame, frame_ids, extended_min=extended_min))
    out.entities = find_entities(text, B, T)
    names = [(e.start, e.end) for e in out.entities]
    name_words = frozenset(word.lower() for e in out.entities for word in e.text.split())
    out.metaphor_candidates, figurative = find_candidates(B, T, H, names, name_words)
    out.metaphor_clusters = metaphor_clusters(out.metaphor_candidates)
    out.frame_hits = [h._replace(figurative=f) for h, f in zip(H, figurative)]
    return out


def model_parameters() -> dict:
    """What the codebook-free tables were computed with, for manifests: the tagger model, the metaphor model."""
    import hashlib
    from importlib import resources

    from .metaphor import DEFAULT_THRESHOLD, LEMMAS_FILE, SHOW_THRESHOLD, WEIGHTS_FILE

    def sha256(name: str) -> str:
        return hashlib.sha256(resources.files("analysis").joinpath("resources", name).read_bytes()).hexdigest()

    return {
        "tagger": {"model": postag.MODEL_INFO["model"], "sha256": postag.MODEL_INFO["sha256"]},
        "metaphor": {
            "threshold": DEFAULT_THRESHOLD,
            "shown_from": SHOW_THRESHOLD,
            "weights": WEIGHTS_FILE,
            "weights_sha256": sha256(WEIGHTS_FILE),
            "lemmas": LEMMAS_FILE,
            "lemmas_sha256": sha256(LEMMAS_FILE),
        },
    }


def record_warnings(records: ArticleRecords) -> list[str]:
    """Things a researcher should know about this input; the command line prints them.

    Returns:
        Messages (without the file name) for: no headline, no body paragraphs, body
        paragraphs none of which ends like a sentence, over-long
        sentences scored in chunks, text that does not look English,
        paragraphs too long for whole-paragraph VADER.
    """
    out = []
    paragraphs = records.paragraphs
    if records.blocks and not any(b.role == "headline" for b in records.blocks):
        out.append(
            "no headline found (no title-like line before the body); "
            "blocks.csv lists the blocks: name one with --roles FILE ('N headline') if the cleaning missed it"
        )
    if not any(p.para > 0 for p in paragraphs):
        out.append(
            "no body paragraphs found; only the headline is analysed"
            if paragraphs
            else "no body paragraphs found; the tables are empty"
        )
    body = [p for p in paragraphs if p.para > 0]
    if len(body) >= MIN_PROSE_CHECK and not any(_SENTENCE_END.search(p.text) for p in body):
        out.append(
            f"none of the {len(body)} body paragraphs ends like a sentence: this may be page furniture "
            "(menus, link lists) rather than an article; see blocks.csv, and set roles with --roles FILE"
        )
    if records.chunked_sentences:
        out.append(
            f"{records.chunked_sentences} over-long 'sentence(s)' (no full stop for over "
            f"{sentiment.MAX_SENTENCE_CHARS} characters) scored in chunks; sentences.csv lists the chunks"
        )
    words = [i.function_word for s in records.sentence_tokens for i in s.infos if i.kind == "word"]
    if len(words) >= 30:
        share = sum(words) / len(words)
        if share < MIN_ENGLISH_SHARE:
            out.append(
                f"the text does not look English ({share:.0%} English function words); "
                "VADER's lexicon, the stemmer and the default codebook are English"
            )
    long = sum(1 for p in paragraphs if p.n_sentences > 0 and p.compound_whole is None)
    if long:
        out.append(
            f"{long} paragraph(s) longer than {sentiment.MAX_WHOLE_CHARS} characters: "
            "compound_whole left empty (the paragraph score uses sentences)"
        )
    return out


@dataclass
class ArticleResult:
    """One analysed article: what was read, its records, and the warnings for it."""

    source: SourceText
    records: ArticleRecords
    warnings: list[str] = field(default_factory=list)


def analyse_source(
    source: SourceText, codebook: Codebook, *, extended_min: int = DEFAULT_EXTENDED_MIN
) -> ArticleResult:
    """The records and warnings of one article read by :func:`analysis.article.read_source`.

    Every run goes through here: ``analyze``, local corpus workers and Dask tasks.
    """
    if extended_min < 1:
        raise ValueError("extended_min must be at least 1")
    records = article_records(source.text, codebook, extended_min=extended_min, blocks=source_blocks(source))
    notes = record_warnings(records)
    return ArticleResult(source, records, ([html_warning(source.extraction)] if source.html else []) + notes)
