"""Frequent content words and collocations of the analysed paragraphs.

Stop words come from a list the package ships (``resources/stopwords_en.txt``,
function words only), not from NLTK's downloadable corpus. Collocations use
NLTK's :class:`~nltk.collocations.BigramCollocationFinder` (and the trigram
one) with Dunning's log-likelihood ratio: a high score means the words occur
together more often than their separate frequencies predict. On one article of ~1,100 words every
count is small, so read collocations as pointers to phrases worth checking,
not as statistics.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: corpus runs need only STOPWORDS
    import pandas as pd

STOPWORDS: frozenset[str] = frozenset(
    line.strip()
    for line in resources.files("analysis").joinpath("resources/stopwords_en.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def _is_content(token: str) -> bool:
    low = token.lower().replace("\u2019", "'")
    return any(ch.isalpha() for ch in low) and low not in STOPWORDS and low.split("'")[0] not in STOPWORDS


def content_words(tokens: pd.DataFrame, *, top: int = 20, body_only: bool = True) -> pd.DataFrame:
    """Most frequent content words, counted on stems.

    Args:
        tokens: the token table.
        top: how many rows.
        body_only: leave the headline (para 0) out.

    Returns:
        ``stem``, ``count``, ``paragraphs`` (in how many paragraphs it occurs)
        and ``forms`` (the surface forms seen, most frequent first); ties are
        ordered by stem so the table is deterministic.
    """
    t = tokens[(tokens["kind"] == "word") & tokens["token"].map(_is_content)]
    if body_only:
        t = t[t["para"] > 0]
    forms = (
        t.assign(low=t["token"].str.lower())
        .groupby(["stem", "low"])
        .size()
        .reset_index(name="n")
        .sort_values(["stem", "n", "low"], ascending=[True, False, True])
    )
    form_list = forms.groupby("stem")["low"].apply(lambda s: ", ".join(s))
    out = t.groupby("stem").agg(count=("token", "size"), paragraphs=("para", "nunique")).reset_index()
    out["forms"] = out["stem"].map(form_list)
    return out.sort_values(["count", "stem"], ascending=[False, True]).head(top).reset_index(drop=True)


def collocations(
    tokens: pd.DataFrame, *, top: int = 15, min_freq: int = 2, body_only: bool = True, n: int = 2
) -> pd.DataFrame:
    """Bigram (or trigram) collocations of words within sentences, ranked by log-likelihood ratio.

    N-grams are runs of ``n`` adjacent tokens, lower-cased surface forms (not
    stems), that never cross a sentence boundary; n-grams with a stop word,
    a number or punctuation are then filtered out, so only adjacent
    content-word runs such as "Russian invasion" remain ("peace, process"
    across a comma is not a pair).

    The score is Dunning's log-likelihood ratio G2 = 2 * sum(O * ln(O / E))
    over the 2x2 (bigram) or 2x2x2 (trigram) table of the words' occurrence
    in the n positions, E the counts expected if the words were independent,
    as NLTK's ``BigramAssocMeasures.likelihood_ratio`` and
    ``TrigramAssocMeasures.likelihood_ratio`` compute it; the word counts and
    N are those of every token of the sentences, punctuation included.

    Args:
        tokens: the token table.
        top: how many rows (0: all).
        min_freq: the fewest occurrences of an n-gram.
        body_only: leave the headline (para 0) out.
        n: 2 (bigrams) or 3 (trigrams).

    Returns:
        ``bigram`` (``trigram`` when ``n`` is 3: the words joined by spaces),
        ``count``, ``llr`` (rounded to 3 decimals), best first, ties by n-gram.
    """
    if n not in (2, 3):
        raise ValueError(f"n must be 2 or 3, not {n!r}")
    t = tokens[tokens["para"] > 0] if body_only else tokens
    sentences = [g["token"].str.lower().tolist() for _, g in t.groupby(["para", "sent"], sort=True)]
    import pandas as pd
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    finder_class, measures = (
        (BigramCollocationFinder, BigramAssocMeasures) if n == 2 else (TrigramCollocationFinder, TrigramAssocMeasures)
    )
    finder = finder_class.from_documents(sentences)
    finder.apply_word_filter(lambda w: not _is_content(w))
    finder.apply_freq_filter(min_freq)
    scored = finder.score_ngrams(measures.likelihood_ratio)
    column = "bigram" if n == 2 else "trigram"
    rows = [{column: " ".join(ng), "count": finder.ngram_fd[ng], "llr": round(score, 3)} for ng, score in scored]
    df = pd.DataFrame(rows, columns=[column, "count", "llr"])
    df = df.sort_values(["llr", column], ascending=[False, True])
    return (df.head(top) if top else df).reset_index(drop=True)


def summary(result) -> pd.DataFrame:
    """Size of the analysed text: one row per measure (body paragraphs only, headline apart).

    Returns:
        ``measure`` and ``value`` (as text, so integers print as integers): paragraphs, sentences, words, tokens,
        words per sentence (mean, median, max), sentences per paragraph
        (mean, max) and distinct content stems.
    """
    body = result.paragraphs[result.paragraphs["para"] > 0]
    words = result.tokens[(result.tokens["para"] > 0) & (result.tokens["kind"] != "punct")]
    per_sent = words.groupby(["para", "sent"]).size()
    content = words[words["token"].map(_is_content)]
    rows = [
        ("body paragraphs", len(body)),
        ("sentences", int(body["n_sentences"].sum())),
        ("words (tokens that are not punctuation)", len(words)),
        ("tokens, punctuation included", int(body["n_tokens"].sum())),
        ("words per sentence, mean", round(float(per_sent.mean()), 1) if len(per_sent) else None),
        ("words per sentence, median", float(per_sent.median()) if len(per_sent) else None),
        ("words per sentence, longest", int(per_sent.max()) if len(per_sent) else None),
        ("sentences per paragraph, mean", round(float(body["n_sentences"].mean()), 2) if len(body) else None),
        ("sentences per paragraph, most", int(body["n_sentences"].max()) if len(body) else None),
        ("distinct content-word stems", int(content["stem"].nunique())),
    ]
    import pandas as pd

    # a measure of nothing (no body sentence) is shown as "-", not as NaN or an error
    return pd.DataFrame([(m, "-" if v is None else f"{v:g}") for m, v in rows], columns=["measure", "value"])
