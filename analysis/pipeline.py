"""The article -> tables pipeline behind ``analyze``.

``analyze(path)`` loads the file (:mod:`analysis.article`), keeps the headline
(para 0) and body paragraphs (1..N), splits sentences and tokens with exact
offsets (:mod:`analysis.tokenize`), scores every sentence with VADER and
aggregates per paragraph (:mod:`analysis.sentiment`), then matches the framing
codebook and actor aliases (:mod:`analysis.framing`). Every ``start``/``end``
in every table is an offset into ``Analysis.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import framing, sentiment
from .article import blocks_frame, load_text, looks_like_html, split_blocks
from .tokenize import sentence_spans, stem, token_kind, token_spans

PARAGRAPH_COLUMNS = [
    "para", "block", "start", "end", "text", "n_sentences", "n_tokens", "n_words",
    "neg", "neu", "pos", "compound_mean", "compound_whole", "score", "label",
]
SENTENCE_COLUMNS = ["para", "sent", "start", "end", "text", "neg", "neu", "pos", "compound"]
TOKEN_COLUMNS = ["para", "sent", "tok", "start", "end", "token", "stem", "kind"]
DEFAULT_EXTENDED_MIN = 3


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


def _sentences_and_tokens(text: str, paragraphs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    sent_rows: dict[str, list] = {c: [] for c in SENTENCE_COLUMNS}
    tok_rows: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
    for para, p_start, p_text in zip(paragraphs["para"], paragraphs["start"], paragraphs["text"]):
        for sent, (s0, s1) in enumerate(sentiment.bounded_sentence_spans(p_text, sentence_spans(p_text)), 1):
            s_text = p_text[s0:s1]
            scores = sentiment.polarity(s_text)
            for col, value in (("para", para), ("sent", sent), ("start", p_start + s0),
                               ("end", p_start + s1), ("text", s_text), ("neg", scores["neg"]),
                               ("neu", scores["neu"]), ("pos", scores["pos"]),
                               ("compound", scores["compound"])):
                sent_rows[col].append(value)
            for tok, (t0, t1) in enumerate(token_spans(s_text), 1):
                token = s_text[t0:t1]
                tok_rows["para"].append(para)
                tok_rows["sent"].append(sent)
                tok_rows["tok"].append(tok)
                tok_rows["start"].append(p_start + s0 + t0)
                tok_rows["end"].append(p_start + s0 + t1)
                tok_rows["token"].append(token)
                tok_rows["stem"].append(stem(token))
                tok_rows["kind"].append(token_kind(token))
    sentences = pd.DataFrame(sent_rows, columns=SENTENCE_COLUMNS).astype(
        {"para": "int64", "sent": "int64", "start": "int64", "end": "int64", "text": object,
         "neg": "float64", "neu": "float64", "pos": "float64", "compound": "float64"})
    tokens = pd.DataFrame(tok_rows, columns=TOKEN_COLUMNS).astype(
        {"para": "int64", "sent": "int64", "tok": "int64", "start": "int64", "end": "int64",
         "token": object, "stem": object, "kind": object})
    return sentences, tokens


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
    blocks = blocks_frame(split_blocks(text))
    paras = blocks[blocks["para"].notna()]
    paragraphs = pd.DataFrame({
        "para": paras["para"].astype("int64").to_numpy(),
        "block": paras["block"].to_numpy(),
        "start": paras["start"].to_numpy(),
        "end": paras["end"].to_numpy(),
        "text": paras["text"].to_numpy(),
    })
    sentences, tokens = _sentences_and_tokens(text, paragraphs)
    paragraphs["n_sentences"] = paragraphs["para"].map(sentences.groupby("para").size()).fillna(0).astype("int64")
    paragraphs["n_tokens"] = paragraphs["para"].map(tokens.groupby("para").size()).fillna(0).astype("int64")
    words = tokens[tokens["kind"] != "punct"]
    paragraphs["n_words"] = paragraphs["para"].map(words.groupby("para").size()).fillna(0).astype("int64")
    paragraphs = sentiment.paragraph_scores(paragraphs, sentences)[PARAGRAPH_COLUMNS]
    frame_hits, actor_mentions = framing.match_tables(text, paragraphs, tokens, cb)
    frame_counts = framing.frame_counts(frame_hits, paragraphs, cb, extended_min=extended_min)
    result = Analysis(
        source=source,
        text=text,
        blocks=blocks,
        paragraphs=paragraphs,
        sentences=sentences,
        tokens=tokens,
        frame_hits=frame_hits,
        frame_counts=frame_counts,
        actor_mentions=actor_mentions,
        codebook=cb,
        parameters={"extended_min": extended_min, "paragraph_score": sentiment.PARAGRAPH_SCORE},
    )
    result.warnings = input_warnings(result)
    return result


#: Below this share of English function words (with at least 30 words) the
#: text is probably not English: VADER's lexicon and the stemmer are English.
MIN_ENGLISH_SHARE = 0.1


def input_warnings(result: Analysis) -> list[str]:
    """Things a researcher should know about this input; the command line prints them.

    Returns:
        Messages (without the file name) for: no body paragraphs, text that
        does not look English, paragraphs too long for whole-paragraph VADER.
    """
    from .vocabulary import STOPWORDS

    out = []
    if not (result.paragraphs["para"] > 0).any():
        out.append("no body paragraphs found; the tables are empty")
    words = result.tokens.loc[result.tokens["kind"] == "word", "token"].str.lower()
    if len(words) >= 30:
        share = float(words.isin(STOPWORDS).mean())
        if share < MIN_ENGLISH_SHARE:
            out.append(f"the text does not look English ({share:.0%} English function words); "
                       "VADER's lexicon, the stemmer and the default codebook are English")
    long = result.paragraphs["compound_whole"].isna() & (result.paragraphs["n_sentences"] > 0)
    if long.any():
        out.append(f"{int(long.sum())} paragraph(s) longer than {sentiment.MAX_WHOLE_CHARS} characters: "
                   "compound_whole left empty (the paragraph score uses sentences)")
    return out


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
    import hashlib

    path = Path(path)
    text = load_text(path, encoding=encoding)
    result = analyze_text(text, codebook=codebook, source=path.name, extended_min=extended_min)
    if looks_like_html(path.read_bytes().decode(encoding, errors="replace")[:200_000]):
        result.warnings.insert(0, "an HTML page: analysing the text of its <h1> (or <title>) and <p> elements; "
                                  "offsets refer to that extracted text")
        result.parameters["html_extracted"] = True
    result.input_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    result.parameters["encoding"] = encoding
    return result
