"""The article -> tables pipeline behind ``analyze`` and corpus mode.

``analyze(path)`` loads the file (:mod:`analysis.article`), keeps the headline
(para 0) and body paragraphs (1..N), splits sentences and tokens with exact
offsets (:mod:`analysis.tokenize`), scores every sentence with VADER and
aggregates per paragraph (:mod:`analysis.sentiment`), then matches the framing
codebook and actor aliases (:mod:`analysis.framing`). Every ``start``/``end``
in every table is an offset into ``Analysis.text``.

The core, :func:`article_records`, builds plain row tuples in one pass over the
tokens; DataFrames are made only at the edge (:func:`analyze_text`), so corpus
mode can stream rows to disk without paying for pandas per article.
"""

from __future__ import annotations

import hashlib
import math
from operator import itemgetter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import framing, sentiment
from .article import BLOCK_COLUMNS, load_text, looks_like_html, split_blocks
from .csvtext import csv_cell
from .tokenize import sentence_spans, stem, token_kind, tokens_and_starts

if TYPE_CHECKING:  # pandas is imported where DataFrames are made (corpus runs need none)
    import pandas as pd

PARAGRAPH_COLUMNS = [
    "para", "block", "start", "end", "text", "n_sentences", "n_tokens", "n_words",
    "neg", "neu", "pos", "compound_mean", "compound_whole", "score", "label",
]
SENTENCE_COLUMNS = ["para", "sent", "start", "end", "text", "neg", "neu", "pos", "compound"]
TOKEN_COLUMNS = ["para", "sent", "tok", "start", "end", "token", "stem", "kind"]
DEFAULT_EXTENDED_MIN = 3
#: table name -> columns, in the order of DESIGN.md (and of the CSV files).
TABLE_COLUMNS = {
    "blocks": BLOCK_COLUMNS,
    "paragraphs": PARAGRAPH_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "tokens": TOKEN_COLUMNS,
    "frame_hits": framing.HIT_COLUMNS,
    "frame_counts": framing.COUNT_COLUMNS,
    "actor_mentions": framing.MENTION_COLUMNS,
}
_I, _F, _O = "int64", "float64", object
TABLE_DTYPES = {
    "blocks": {"block": _I, "role": _O, "para": "Int64", "start": _I, "end": _I, "text": _O, "duplicate_of": "Int64"},
    "paragraphs": {"para": _I, "block": _I, "start": _I, "end": _I, "text": _O, "n_sentences": _I, "n_tokens": _I,
                   "n_words": _I, "neg": _F, "neu": _F, "pos": _F, "compound_mean": _F, "compound_whole": _F,
                   "score": _F, "label": _O},
    "sentences": {"para": _I, "sent": _I, "start": _I, "end": _I, "text": _O, "neg": _F, "neu": _F, "pos": _F,
                  "compound": _F},
    "tokens": {"para": _I, "sent": _I, "tok": _I, "start": _I, "end": _I, "token": _O, "stem": _O, "kind": _O},
    "frame_hits": {"para": _I, "sent": _I, "frame": _O, "entry": _O, "start": _I, "end": _I, "matched_text": _O,
                   "left": _O, "right": _O},
    "frame_counts": {"para": _I, "frame": _O, "hits": _I, "distinct_entries": _I, "extended": bool},
    "actor_mentions": {"para": _I, "sent": _I, "actor": _O, "alias": _O, "start": _I, "end": _I, "matched_text": _O},
}
#: Below this share of English function words (with at least 30 words) the
#: text is probably not English: VADER's lexicon and the stemmer are English.
MIN_ENGLISH_SHARE = 0.1


@dataclass
class Analysis:
    """Every table of one article, as DataFrames, plus what produced them.

    Attributes mirror the files of ``python -m analysis analyze`` (see
    ``DESIGN.md``); :meth:`write` writes them.
    """

    source: str
    text: str
    blocks: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    frame_hits: pd.DataFrame
    frame_counts: pd.DataFrame
    actor_mentions: pd.DataFrame
    codebook: framing.Codebook
    parameters: dict = field(default_factory=dict)
    input_sha256: str | None = None
    warnings: list[str] = field(default_factory=list)

    def write(self, out_dir: str | Path) -> Path:
        """Write all tables, ``annotated.html`` and ``manifest.json`` atomically."""
        from .report import write_analysis

        return write_analysis(self, out_dir)


class _TokenInfo(dict):
    """Token string -> what the tables need of it, computed on first sight (news reuses its words).

    ``(token, stem, kind, matching units, length, English function word,
    CSV tail "token,stem,kind\\n", 1 for a word or number else 0)``. Bounded: cleared when it holds
    :data:`TOKEN_CACHE_LIMIT` strings.
    """

    def __missing__(self, token: str) -> tuple:
        from .vocabulary import STOPWORDS

        if len(self) >= TOKEN_CACHE_LIMIT:
            self.clear()
        tstem, kind = stem(token), token_kind(token)
        info = self[token] = (token, tstem, kind, framing.token_units(token), len(token),
                              kind == "word" and token.lower() in STOPWORDS,
                              f"{csv_cell[token]},{csv_cell[tstem]},{kind}\n", int(kind != "punct"))
        return info


TOKEN_CACHE_LIMIT = 1 << 18
_IS_WORD = itemgetter(7)
_TOKEN_INFO = _TokenInfo()


def _round4(x: float) -> float:
    """``float(numpy.round(x, 4))`` without numpy's per-call cost: the same operations
    (scale by 10^4, round half to even, divide back), the same sign of zero."""
    y = x * 10000.0
    r = round(y)
    return r / 10000.0 if r else math.copysign(0.0, y)


def _mean4(values: list[float]) -> float | None:
    """Mean rounded to VADER's 4 decimals (None, i.e. missing, for no values)."""
    return _round4(math.fsum(values) / len(values)) if values else None


def article_records(text: str, codebook: framing.Codebook, *, extended_min: int = DEFAULT_EXTENDED_MIN,
                    token_rows: bool = True) -> dict[str, list[tuple]]:
    """Every table of one article as lists of row tuples, in the columns of :data:`TABLE_COLUMNS`.

    Missing values are None (a paragraph without sentences, ``compound_whole``
    of an over-long paragraph), which DataFrames read as NaN and CSV writes empty.

    The pipeline's core, shared by :func:`analyze_text` (rows -> DataFrames)
    and corpus mode (rows -> files, no DataFrame per article).

    Args:
        text: the article as :func:`analysis.load_text` returns it (the offset space).
        codebook: the validated codebook to match.
        extended_min: distinct entries of one frame in one paragraph that make it extended.
        token_rows: build the ``tokens`` rows; without them, ``_token_blocks``
            holds the tokens per sentence (:func:`token_rows_of`, :func:`analysis.csvtext.tokens_csv`).

    Returns:
        Table name -> rows in table order.
    """
    frames, actors = codebook.frame_matcher(), codebook.actor_matcher()
    may_start = codebook.start_tokens().__getitem__
    frame_ids = list(codebook.frames)
    blocks = split_blocks(text)
    rows: dict[str, list] = {name: [] for name in TABLE_COLUMNS}
    rows["blocks"] = [(b.block, b.role, b.para, b.start, b.end, b.text, b.duplicate_of) for b in blocks]
    P, S, T = rows["paragraphs"], rows["sentences"], rows["tokens"]
    H, M, C = rows["frame_hits"], rows["actor_mentions"], rows["frame_counts"]
    context = framing.CONTEXT_CHARS
    info_of = _TOKEN_INFO.__getitem__
    B = rows["_token_blocks"] = []  # (para, sent, sentence start, token starts, token infos) per sentence
    for b in blocks:
        if b.para is None:
            continue
        para, p0, p1, ptext = b.para, b.start, b.end, b.text
        n_tokens = n_words = 0
        entries_by_frame: dict[str, list[str]] = {}
        punkt_spans = sentence_spans(ptext)
        spans = sentiment.bounded_sentence_spans(ptext, punkt_spans)
        if len(spans) != len(punkt_spans):  # count the sentences that had to be cut
            rows["_chunks"] = rows.get("_chunks", 0) + sum(
                1 for a, z in punkt_spans if z - a > sentiment.MAX_SENTENCE_CHARS)
        # VADER on every sentence and on the whole paragraph (None when too long for it)
        scores, whole = sentiment.paragraph_polarity(ptext, spans)
        for sent, ((s0, s1), sc) in enumerate(zip(spans, scores), 1):
            stext = ptext[s0:s1]
            S.append((para, sent, p0 + s0, p0 + s1, stext, *sc))
            base = p0 + s0
            tokens, starts = tokens_and_starts(stext)
            infos = list(map(info_of, tokens))
            B.append((para, sent, base, starts, infos))
            n_tokens += len(tokens)
            n_words += sum(map(_IS_WORD, infos))
            if not any(map(may_start, tokens)):
                continue  # no token can start a frame or actor entry: no match in this sentence
            units = [(key, upper, base + t0 + a, base + t0 + z)
                     for t0, i in zip(starts, infos) for key, upper, a, z in i[3]]
            for gi, entry, hs, he in frames.find_units(units):
                fid = frames.groups[gi]
                H.append((para, sent, fid, entry, hs, he, text[hs:he],
                          text[max(p0, hs - context):hs], text[he:min(p1, he + context)]))
                entries_by_frame.setdefault(fid, []).append(entry)
            for gi, entry, ms, me in actors.find_units(units):
                M.append((para, sent, actors.groups[gi], entry, ms, me, text[ms:me]))
        compound_mean = _mean4([s[3] for s in scores])
        score = compound_mean  # sentiment.PARAGRAPH_SCORE
        P.append((para, b.block, p0, p1, ptext, len(spans), n_tokens, n_words,
                  _mean4([s[0] for s in scores]), _mean4([s[1] for s in scores]),
                  _mean4([s[2] for s in scores]), compound_mean, whole, score,
                  sentiment.label(score) if scores else None))
        for fid in frame_ids:
            entries = entries_by_frame.get(fid, ())
            distinct = len(set(entries))
            C.append((para, fid, len(entries), distinct, distinct >= extended_min))
    if token_rows:
        T.extend(token_rows_of(B))
    return rows


def token_rows_of(blocks: list[tuple]) -> list[tuple]:
    """The ``tokens`` rows of :func:`article_records`' ``_token_blocks``."""
    return [(para, sent, k, base + a, base + a + i[4], i[0], i[1], i[2])
            for para, sent, base, starts, infos in blocks for k, (a, i) in enumerate(zip(starts, infos), 1)]


def tables_from_records(rows: dict[str, list]) -> dict[str, pd.DataFrame]:
    """DataFrames with the contract's columns and stable dtypes (also when empty)."""
    import pandas as pd

    return {name: pd.DataFrame.from_records(rows[name], columns=columns).astype(TABLE_DTYPES[name])
            for name, columns in TABLE_COLUMNS.items()}


def record_warnings(rows: dict[str, list]) -> list[str]:
    """Things a researcher should know about this input; the command line prints them.

    Returns:
        Messages (without the file name) for: no body paragraphs, text that
        does not look English, paragraphs too long for whole-paragraph VADER.
    """
    out = []
    paragraphs = rows["paragraphs"]
    if not any(p[0] > 0 for p in paragraphs):
        out.append("no body paragraphs found; only the headline is analysed" if paragraphs
                   else "no body paragraphs found; the tables are empty")
    if rows.get("_chunks"):
        out.append(f"{rows['_chunks']} over-long 'sentence(s)' (no full stop for over "
                   f"{sentiment.MAX_SENTENCE_CHARS} characters) scored in chunks; sentences.csv lists the chunks")
    words = [i[5] for b in rows["_token_blocks"] for i in b[4] if i[2] == "word"]  # English function word?
    if len(words) >= 30:
        share = sum(words) / len(words)
        if share < MIN_ENGLISH_SHARE:
            out.append(f"the text does not look English ({share:.0%} English function words); "
                       "VADER's lexicon, the stemmer and the default codebook are English")
    long = sum(1 for p in paragraphs if p[5] > 0 and p[12] is None)
    if long:
        out.append(f"{long} paragraph(s) longer than {sentiment.MAX_WHOLE_CHARS} characters: "
                   "compound_whole left empty (the paragraph score uses sentences)")
    return out


def analyze_text(
    text: str,
    *,
    codebook: framing.Codebook | str | Path | None = None,
    source: str = "<text>",
    extended_min: int = DEFAULT_EXTENDED_MIN,
) -> Analysis:
    """Analyse an already loaded text (the offset space of every table).

    Args:
        text: the article, as :func:`analysis.load_text` returns it.
        codebook: a :class:`~analysis.framing.Codebook`, a path to a YAML
            codebook, or None for the default codebook shipped with the package.
        source: the name recorded in the manifest.
        extended_min: distinct entries of one frame in one paragraph that make
            it an extended metaphor.
    """
    if extended_min < 1:
        raise ValueError("extended_min must be at least 1")
    cb = codebook if isinstance(codebook, framing.Codebook) else framing.load_codebook(codebook)
    rows = article_records(text, cb, extended_min=extended_min)
    return Analysis(
        source=source,
        text=text,
        codebook=cb,
        parameters={"extended_min": extended_min, "paragraph_score": sentiment.PARAGRAPH_SCORE},
        warnings=record_warnings(rows),
        **tables_from_records(rows),
    )


def html_warning(raw: bytes, encoding: str) -> str | None:
    """The warning for an HTML page whose text was extracted, or None."""
    if looks_like_html(raw[:400_000].decode(encoding, errors="replace")):
        return ("an HTML page: analysing the text of its <h1> (or <title>) and <p> elements; "
                "offsets refer to that extracted text")
    return None


def analyze(
    path: str | Path,
    codebook: framing.Codebook | str | Path | None = None,
    *,
    encoding: str = "utf-8",
    extended_min: int = DEFAULT_EXTENDED_MIN,
) -> Analysis:
    """Analyse one article file.

    Args:
        path: the article (plain text; see :func:`analysis.load_text`).
        codebook: a Codebook, a YAML path, or None for the default codebook.
        encoding: the file's encoding (any Python codec), UTF-8 by default.
        extended_min: see :func:`analyze_text`.

    Returns:
        An :class:`Analysis` whose DataFrames follow DESIGN.md's contract.

    Example:
        >>> result = analyze("seeds/putin_sends_trumps_messengers_packing.txt")
        >>> int(result.paragraphs["para"].max())
        16
    """
    path = Path(path)
    text = load_text(path, encoding=encoding)
    result = analyze_text(text, codebook=codebook, source=path.name, extended_min=extended_min)
    raw = path.read_bytes()
    note = html_warning(raw, encoding)
    if note:
        result.warnings.insert(0, note)
        result.parameters["html_extracted"] = True
    result.input_sha256 = hashlib.sha256(raw).hexdigest()
    result.parameters["encoding"] = encoding
    return result
