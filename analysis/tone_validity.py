"""How far the project's VADER scores agree with human ratings of news text.

The benchmark is the human ground truth VADER's paper was validated on (Hutto &
Gilbert 2014; ``data/external/vader_icwsm2014/``, see its ``SOURCE.txt``):
sentences rated by about 20 people each on -4 .. +4, the rating being their
mean. Two studies:

Sentence level (:func:`sentence_validity`): the project's sentence compound
(:func:`analysis.sentiment.polarity`) against the human mean, as Pearson and
Spearman r, and the paper's 3-class classification: the project's
:func:`~analysis.sentiment.label` (VADER's +/-0.05 thresholds) against the
sign of the human mean (neutral only when the mean is exactly 0), precision,
recall and F1 averaged with weights = true-class support. This reproduces the
paper's Table 4 to within about 0.03 (``SOURCE.txt``).

Paragraph level (:func:`pseudo_paragraphs`, :func:`paragraph_table`): the
benchmark has no paragraph ratings, so each New York Times editorial's rated
sentences, in order, are cut into consecutive groups of ``size`` sentences
("pseudo-paragraphs"); a group's human score is the unweighted mean of its
sentences' human means. Each aggregation in :data:`AGGREGATIONS` turns the
group's sentence compounds into one paragraph score. Editorials are split in
two halves by a hash of their id (:func:`split_of`): the aggregation with the
best mean Pearson r over the sizes on the ``choose`` half is chosen, and every
aggregation is reported on the ``report`` half with percentile-bootstrap 95%
intervals (groups resampled with replacement, fixed seed).

Everything here is a pure function of the data except :func:`load_ground_truth`
(the one reader); all randomness comes from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import sentiment
from .errors import AnalysisError

#: The ground-truth files, by dataset name, in the order of the paper's Table 4.
DATASETS = {
    "tweets": "tweets_GroundTruth.txt",
    "movies": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}
#: The dataset of the paragraph study (news editorials; the only one that is news).
PARAGRAPH_DATASET = "nyt"
#: VADER's figures in the paper's Table 4: Pearson r, weighted precision, recall, F1.
PAPER = {
    "tweets": {"r": 0.881, "precision": 0.99, "recall": 0.94, "f1": 0.96},
    "movies": {"r": 0.451, "precision": 0.70, "recall": 0.55, "f1": 0.61},
    "amazon": {"r": 0.565, "precision": 0.78, "recall": 0.55, "f1": 0.63},
    "nyt": {"r": 0.492, "precision": 0.69, "recall": 0.49, "f1": 0.55},
}
DEFAULT_SIZES = (2, 4, 8)
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 2014
LEVEL = 0.95

GROUND_TRUTH_COLUMNS = ["id", "doc", "pos", "mean", "text"]
SENTENCE_LEVEL_COLUMNS = [
    "dataset",
    "n",
    "pearson",
    "spearman",
    "precision",
    "recall",
    "f1",
    "paper_r",
    "paper_precision",
    "paper_recall",
    "paper_f1",
]
AGGREGATION_TABLE_COLUMNS = [
    "size",
    "aggregation",
    "split",
    "n",
    "pearson",
    "pearson_lo",
    "pearson_hi",
    "spearman",
    "spearman_lo",
    "spearman_hi",
]
SPLITS = ("choose", "report")

_DOC_SENTENCE_ID = re.compile(r"(\d+)_(\d+)")
_PLAIN_ID = re.compile(r"\d+")


# --- reading -------------------------------------------------------------------------------


def load_ground_truth(path: str | Path) -> pd.DataFrame:
    """Read one VADER ground-truth file.

    The format (``SOURCE.txt``): UTF-8, tab-separated, no header, one row
    ``ID <TAB> MEAN <TAB> TEXT`` per line, CRLF line endings (LF is accepted
    too), the last line without a newline. IDs are either all
    ``<document>_<sentence>`` (NYT, Amazon) or all plain numbers (tweets,
    movie snippets; each row is then a document of its own).

    Args:
        path: the ``*_GroundTruth.txt`` file.

    Returns:
        One row per line in file order, columns ``id`` (str), ``doc`` (str:
        the document prefix, or the id itself for plain ids), ``pos`` (int:
        the sentence number within the document, 1 for plain ids), ``mean``
        (float, the human mean rating) and ``text`` (str).

    Raises:
        AnalysisError: the file is missing, not UTF-8, empty, or has a
            malformed line (the message names the file and the line number).
    """
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise AnalysisError(f"{path}: no such ground-truth file") from None
    except UnicodeDecodeError as exc:
        raise AnalysisError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise AnalysisError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise AnalysisError(f"{path}: empty ground-truth file")
    ids, docs, positions, means, texts = [], [], [], [], []
    paired: bool | None = None
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        line = line[:-1] if line.endswith("\r") else line
        parts = line.split("\t", 2)
        where = f"{path}, line {number}"
        if len(parts) != 3:
            raise AnalysisError(f"{where}: expected ID<TAB>MEAN<TAB>TEXT, found {len(parts)} field(s)")
        ident, mean_text, text = parts
        ident = ident.strip()
        match = _DOC_SENTENCE_ID.fullmatch(ident)
        if match is None and not _PLAIN_ID.fullmatch(ident):
            raise AnalysisError(f"{where}: bad id {ident!r} (expected N or DOC_SENTENCE)")
        if paired is None:
            paired = match is not None
        elif paired != (match is not None):
            raise AnalysisError(f"{where}: id {ident!r} mixes plain and DOC_SENTENCE ids in one file")
        if ident in seen:
            raise AnalysisError(f"{where}: id {ident!r} repeats line {seen[ident]}")
        seen[ident] = number
        try:
            mean = float(mean_text)
        except ValueError:
            raise AnalysisError(f"{where}: mean rating {mean_text!r} is not a number") from None
        if not -4.0 <= mean <= 4.0:
            raise AnalysisError(f"{where}: mean rating {mean} outside the scale -4 .. +4")
        if not text.strip():
            raise AnalysisError(f"{where}: empty text")
        ids.append(ident)
        docs.append(match.group(1) if match else ident)
        positions.append(int(match.group(2)) if match else 1)
        means.append(mean)
        texts.append(text)
    return pd.DataFrame(
        {
            "id": ids,
            "doc": docs,
            "pos": np.asarray(positions, dtype="int64"),
            "mean": np.asarray(means, dtype="float64"),
            "text": texts,
        },
        columns=GROUND_TRUTH_COLUMNS,
    )


# --- statistics ----------------------------------------------------------------------------


def rankdata(a: np.ndarray) -> np.ndarray:
    """Ranks 1 .. n along the last axis, ties given the average of their ranks.

    Example:
        >>> rankdata(np.array([10, 20, 20, 5])).tolist()
        [2.0, 3.5, 3.5, 1.0]
    """
    a = np.asarray(a, dtype=float)
    flat = a.reshape(-1, a.shape[-1]) if a.ndim else a.reshape(1, 1)
    rows, n = flat.shape
    order = np.argsort(flat, axis=1)
    ordered = np.take_along_axis(flat, order, axis=1)
    new = np.ones_like(ordered, dtype=bool)
    new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    dense = np.cumsum(new, axis=1) - 1 + (np.arange(rows) * n)[:, None]  # tie-block ids, unique per row
    counts = np.bincount(dense.ravel(), minlength=rows * n)
    last = np.cumsum(counts).reshape(rows, n) - (np.arange(rows) * n)[:, None]  # last rank of each block
    average = last - (counts.reshape(rows, n) - 1) / 2.0
    ranks = np.empty_like(flat)
    np.put_along_axis(ranks, order, np.take_along_axis(average, dense - (np.arange(rows) * n)[:, None], axis=1), axis=1)
    return ranks.reshape(a.shape)


def pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray | float:
    """Pearson's r along the last axis (NaN where either side is constant).

    Example:
        >>> round(pearson(np.array([1, 2, 3]), np.array([1, 3, 2])), 3)
        0.5
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    dx = x - x.mean(axis=-1, keepdims=True)
    dy = y - y.mean(axis=-1, keepdims=True)
    den = np.sqrt((dx * dx).sum(axis=-1) * (dy * dy).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(den > 0, (dx * dy).sum(axis=-1) / np.where(den > 0, den, 1.0), np.nan)
    r = np.clip(r, -1.0, 1.0)
    return float(r) if r.ndim == 0 else r


def spearman(x: np.ndarray, y: np.ndarray) -> np.ndarray | float:
    """Spearman's rho along the last axis: Pearson's r of the average ranks.

    Example:
        >>> round(spearman(np.array([1, 2, 2, 3]), np.array([1, 2, 3, 4])), 4)
        0.9487
    """
    return pearson(rankdata(x), rankdata(y))


STATISTICS: dict[str, Callable] = {"pearson": pearson, "spearman": spearman}


def bootstrap_indices(n: int, *, n_resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> np.ndarray:
    """``n_resamples`` x ``n`` row indices drawn with replacement (``default_rng(seed)``)."""
    return np.random.default_rng(seed).integers(0, n, size=(n_resamples, n))


def percentile_interval(values: np.ndarray, *, level: float = LEVEL) -> tuple[float, float]:
    """The central ``level`` percentile interval of bootstrap statistics (NaNs ignored)."""
    tail = (1.0 - level) / 2.0 * 100.0
    lo, hi = np.nanpercentile(np.asarray(values, dtype=float), [tail, 100.0 - tail])
    return float(lo), float(hi)


def bootstrap_ci(
    x: np.ndarray,
    y: np.ndarray,
    *,
    statistic: str = "pearson",
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = LEVEL,
) -> tuple[float, float]:
    """Percentile bootstrap interval of a correlation, resampling (x, y) pairs.

    Args:
        x: one variable.
        y: the other, paired with ``x``.
        statistic: ``pearson`` or ``spearman``.
        n_resamples: number of bootstrap resamples.
        seed: seed of ``numpy.random.default_rng``; the same seed gives the
            same interval.
        level: coverage of the interval.

    Returns:
        ``(lo, hi)``.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    idx = bootstrap_indices(len(x), n_resamples=n_resamples, seed=seed)
    return percentile_interval(STATISTICS[statistic](x[idx], y[idx]), level=level)


def weighted_prf(true: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Precision, recall and F1 per class, averaged with weights = true-class support.

    Classes are those occurring in ``true`` or ``predicted``; a class never
    predicted has precision 0 (and F1 0), as scikit-learn's
    ``average="weighted"`` with ``zero_division=0``.

    Returns:
        ``precision``, ``recall``, ``f1`` and ``accuracy``.
    """
    true = np.asarray(true, dtype=object)
    predicted = np.asarray(predicted, dtype=object)
    total = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    for cls in sorted(set(true) | set(predicted)):
        tp = float(np.sum((true == cls) & (predicted == cls)))
        support = float(np.sum(true == cls))
        n_pred = float(np.sum(predicted == cls))
        p = tp / n_pred if n_pred else 0.0
        r = tp / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        for key, value in (("precision", p), ("recall", r), ("f1", f)):
            total[key] += value * support
    out = {key: value / len(true) for key, value in total.items()}
    out["accuracy"] = float(np.mean(true == predicted))
    return out


# --- sentence level ------------------------------------------------------------------------

# The word and number alternatives of analysis.tokenize.TOKEN_PATTERN: counts
# equal the pipeline's n_words (its tokens whose kind is not "punct").
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)+|\w+(?:['\u2019\u2010\u2011-]\w+)*")


def word_count(text: str) -> int:
    """Words and numbers in ``text``, counted as the pipeline's ``n_words``.

    Example:
        >>> word_count("U.S. aid rose 3.5% to $1,000 - didn't it?")
        8
    """
    return len(_WORD.findall(text))


def score_sentences(df: pd.DataFrame) -> pd.DataFrame:
    """Add the project's sentence ``compound`` and the sentence's ``n_words``.

    Each distinct text is scored once with :func:`analysis.sentiment.polarity`.
    """
    out = df.copy()
    cache = {t: sentiment.polarity(t)["compound"] for t in pd.unique(out["text"])}
    out["compound"] = out["text"].map(cache).astype("float64")
    out["n_words"] = out["text"].map(word_count).astype("int64")
    return out


def true_class(mean: float) -> str:
    """The paper's true class of a human mean: its sign (neutral only when exactly 0)."""
    return "positive" if mean > 0 else "negative" if mean < 0 else "neutral"


def sentence_validity(df: pd.DataFrame) -> dict[str, float]:
    """The project's sentence scores against the human means.

    Args:
        df: a table from :func:`load_ground_truth`; a ``compound`` column, if
            present, is used instead of scoring the texts again.

    Returns:
        ``n``, ``pearson``, ``spearman`` (compound vs human mean), and the
        3-class ``precision``, ``recall``, ``f1``, ``accuracy`` of
        :func:`analysis.sentiment.label` (compound) against :func:`true_class`
        (human mean), support-weighted as in the paper.
    """
    if "compound" not in df:
        df = score_sentences(df)
    compound = df["compound"].to_numpy(float)
    human = df["mean"].to_numpy(float)
    out: dict[str, float] = {"n": len(df), "pearson": pearson(compound, human), "spearman": spearman(compound, human)}
    out.update(weighted_prf([true_class(m) for m in human], [sentiment.label(c) for c in compound]))
    return out


# --- paragraph level -----------------------------------------------------------------------


def pseudo_paragraphs(df: pd.DataFrame, size: int) -> pd.DataFrame:
    """Cut each document's sentences, in ``pos`` order, into consecutive groups of ``size``.

    Sentences are consecutive among the *rated* sentences of a document: 103
    of the 498 NYT editorials skip some sentence numbers, and a group may span
    such a gap (the ``gap`` column of :func:`paragraph_table` says so). An
    incomplete last group is dropped, so every group has exactly ``size``
    sentences and the sizes stay comparable; documents shorter than ``size``
    give no group.

    Args:
        df: a sentence table with ``doc`` and ``pos`` (and whatever else).
        size: sentences per group, at least 1.

    Returns:
        The sentences of complete groups, ordered by document (first
        appearance) and ``pos``, with ``group`` (a running number 0, 1, ...
        over all groups) and ``part`` (the group's number within its document,
        0-based).
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    doc_order = pd.Series(pd.unique(df["doc"]))
    out = df.assign(_doc=df["doc"].map(pd.Series(doc_order.index, index=doc_order.to_numpy())))
    out = out.sort_values(["_doc", "pos"], kind="mergesort")
    within = out.groupby("_doc", sort=False).cumcount()
    length = out.groupby("_doc", sort=False)["pos"].transform("size")
    part = within // size
    keep = part < length // size
    out = out[keep].assign(part=part[keep].astype("int64"))
    starts = (out["_doc"].diff() != 0) | (out["part"].diff() != 0)
    out["group"] = (starts.cumsum() - 1).astype("int64")
    return out.drop(columns="_doc").reset_index(drop=True)


# Each aggregation maps one paragraph's sentence table to the paragraph score.
# ``sentences`` is a DataFrame (or any mapping of equal-length columns) with
# ``compound`` and ``text``; ``length_weighted`` also uses ``n_words`` when given.


def compound_whole(sentences: Mapping) -> float:
    """VADER's compound of the sentences joined with a space (saturates as text grows)."""
    return float(sentiment.polarity(" ".join(map(str, sentences["text"])))["compound"])


def compound_mean(sentences: Mapping) -> float:
    """Mean of the sentence compounds."""
    return float(np.mean(np.asarray(sentences["compound"], dtype=float)))


def length_weighted(sentences: Mapping) -> float:
    """Mean of the sentence compounds weighted by word count (``n_words``, else counted in ``text``)."""
    if "n_words" in sentences:
        weights = np.asarray(sentences["n_words"], dtype=float)
    else:
        weights = np.asarray([word_count(str(t)) for t in sentences["text"]], dtype=float)
    compound = np.asarray(sentences["compound"], dtype=float)
    return float(np.average(compound, weights=weights)) if weights.sum() > 0 else float(compound.mean())


def trimmed_mean(sentences: Mapping) -> float:
    """Mean of the sentence compounds without the lowest and highest when there are 4 or more."""
    compound = np.sort(np.asarray(sentences["compound"], dtype=float))
    return float(compound[1:-1].mean() if len(compound) >= 4 else compound.mean())


def neutral_aware(sentences: Mapping) -> float:
    """Mean over the sentences VADER does not call neutral (|compound| >= 0.05); 0 if all are."""
    compound = np.asarray(sentences["compound"], dtype=float)
    toned = compound[np.abs(compound) >= sentiment.POSITIVE_THRESHOLD]
    return float(toned.mean()) if len(toned) else 0.0


def median(sentences: Mapping) -> float:
    """Median of the sentence compounds."""
    return float(np.median(np.asarray(sentences["compound"], dtype=float)))


def label_balance(sentences: Mapping) -> float:
    """Share of positive minus share of negative sentences (VADER's labels; a net-tone count)."""
    compound = np.asarray(sentences["compound"], dtype=float)
    return float(
        np.mean(
            (compound >= sentiment.POSITIVE_THRESHOLD).astype(float)
            - (compound <= sentiment.NEGATIVE_THRESHOLD).astype(float)
        )
    )


#: The candidate paragraph scores, fixed before looking at the benchmark's report half.
AGGREGATIONS: dict[str, Callable[[Mapping], float]] = {
    "compound_whole": compound_whole,
    "compound_mean": compound_mean,
    "length_weighted": length_weighted,
    "trimmed_mean": trimmed_mean,
    "neutral_aware": neutral_aware,
    "median": median,
    "label_balance": label_balance,
}


def split_of(doc: str) -> str:
    """``choose`` if the SHA-256 of the document id (UTF-8) is even as a number, else ``report``."""
    return "choose" if int(hashlib.sha256(str(doc).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "report"


def paragraph_table(grouped: pd.DataFrame, *, aggregations: Mapping[str, Callable] | None = None) -> pd.DataFrame:
    """One row per pseudo-paragraph with its human score and every aggregation.

    Args:
        grouped: the output of :func:`pseudo_paragraphs` on a scored sentence
            table (``compound``, ``n_words``, ``text``, ``mean``).
        aggregations: name -> function; default :data:`AGGREGATIONS`.

    Returns:
        Columns ``group``, ``doc``, ``part``, ``first_pos``, ``last_pos``,
        ``n_sentences``, ``gap`` (the group skips an unrated sentence number),
        ``split`` (:func:`split_of`), ``human`` (mean of the sentences' human
        means) and one column per aggregation.
    """
    aggregations = AGGREGATIONS if aggregations is None else aggregations
    columns = ["group", "doc", "part", "first_pos", "last_pos", "n_sentences", "gap", "split", "human", *aggregations]
    if grouped.empty:
        return pd.DataFrame(columns=columns)
    bounds = np.flatnonzero(np.r_[True, np.diff(grouped["group"].to_numpy()) != 0, True])
    compound = grouped["compound"].to_numpy(float)
    n_words = grouped["n_words"].to_numpy(float)
    text = grouped["text"].to_numpy(object)
    human = grouped["mean"].to_numpy(float)
    pos = grouped["pos"].to_numpy()
    rows = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        sentences = {"compound": compound[a:b], "n_words": n_words[a:b], "text": text[a:b]}
        doc = grouped["doc"].iat[a]
        row = {
            "group": int(grouped["group"].iat[a]),
            "doc": doc,
            "part": int(grouped["part"].iat[a]),
            "first_pos": int(pos[a]),
            "last_pos": int(pos[b - 1]),
            "n_sentences": int(b - a),
            "gap": bool(pos[b - 1] - pos[a] != b - a - 1),
            "split": split_of(doc),
            "human": float(human[a:b].mean()),
        }
        for name, fn in aggregations.items():
            row[name] = fn(sentences)
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def correlate(
    table: pd.DataFrame,
    *,
    aggregations: Sequence[str],
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Pearson and Spearman r of each aggregation with ``human``, with bootstrap intervals.

    All aggregations share the same resamples of the groups (one
    ``default_rng(seed)`` draw), so their intervals are paired.

    Returns:
        One row per aggregation: ``aggregation``, ``n``, ``pearson``,
        ``pearson_lo``, ``pearson_hi``, ``spearman``, ``spearman_lo``,
        ``spearman_hi``.
    """
    human = table["human"].to_numpy(float)
    idx = bootstrap_indices(len(human), n_resamples=n_resamples, seed=seed)
    boot_human, boot_human_rank = human[idx], rankdata(human[idx])
    rows = []
    for name in aggregations:
        score = table[name].to_numpy(float)
        row = {"aggregation": name, "n": len(human)}
        row["pearson"] = pearson(score, human)
        row["pearson_lo"], row["pearson_hi"] = percentile_interval(pearson(score[idx], boot_human), level=level)
        row["spearman"] = spearman(score, human)
        row["spearman_lo"], row["spearman_hi"] = percentile_interval(
            pearson(rankdata(score[idx]), boot_human_rank), level=level
        )
        rows.append(row)
    return pd.DataFrame(rows)


def choose_aggregation(table: pd.DataFrame, *, split: str = "choose") -> pd.DataFrame:
    """Rank the aggregations by mean Pearson r over the sizes on one split.

    Args:
        table: the tidy aggregation table (:data:`AGGREGATION_TABLE_COLUMNS`).
        split: the split to choose on.

    Returns:
        ``aggregation``, ``mean_pearson`` and ``chosen`` (True for the best;
        ties go to the aggregation listed first), best first.
    """
    part = table[table["split"] == split]
    order = {name: i for i, name in enumerate(pd.unique(part["aggregation"]))}
    means = part.groupby("aggregation", sort=False)["pearson"].mean()
    out = pd.DataFrame({"aggregation": means.index, "mean_pearson": means.to_numpy()})
    out["_order"] = out["aggregation"].map(order)
    out = out.sort_values(["mean_pearson", "_order"], ascending=[False, True], kind="mergesort").drop(columns="_order")
    out["chosen"] = np.arange(len(out)) == 0
    return out.reset_index(drop=True)


def run_study(
    data_dir: str | Path,
    *,
    sizes: Sequence[int] = DEFAULT_SIZES,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    datasets: Sequence[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Both studies on the ground-truth files in ``data_dir``.

    Args:
        data_dir: the folder with the ``*_GroundTruth.txt`` files; the NYT
            file is required, the other three are reported when present.
        sizes: pseudo-paragraph sizes.
        n_resamples: bootstrap resamples per interval.
        seed: bootstrap seed (the split does not depend on it).
        datasets: the sentence-level datasets (default: all of :data:`DATASETS`).

    Returns:
        ``sentence_level`` (one row per dataset, :data:`SENTENCE_LEVEL_COLUMNS`),
        ``aggregation`` (tidy, :data:`AGGREGATION_TABLE_COLUMNS`, both splits),
        ``choice`` (:func:`choose_aggregation` on the choose half),
        ``contrast`` (per size on the report half: chosen minus
        ``compound_whole`` Pearson r with a paired bootstrap interval),
        ``paragraphs`` (every pseudo-paragraph, :func:`paragraph_table` plus
        ``size``), and ``missing`` (datasets whose file was not found).

    Raises:
        AnalysisError: the NYT file is missing or malformed, or a size is < 1.
    """
    data_dir = Path(data_dir)
    sizes = list(dict.fromkeys(int(s) for s in sizes))
    if not sizes or min(sizes) < 1:
        raise AnalysisError(f"pseudo-paragraph sizes must be at least 1, not {sizes}")
    if n_resamples < 1:
        raise AnalysisError(f"bootstrap resamples must be at least 1, not {n_resamples}")
    names = list(DATASETS) if datasets is None else list(datasets)
    if PARAGRAPH_DATASET not in names:
        names.append(PARAGRAPH_DATASET)
    rows, missing, nyt = [], [], None
    for name in names:
        path = data_dir / DATASETS[name]
        if name != PARAGRAPH_DATASET and not path.exists():
            missing.append(name)
            continue
        scored = score_sentences(load_ground_truth(path))
        if name == PARAGRAPH_DATASET:
            nyt = scored
        v = sentence_validity(scored)
        paper = PAPER[name]
        rows.append(
            {
                "dataset": name,
                "n": v["n"],
                "pearson": v["pearson"],
                "spearman": v["spearman"],
                "precision": v["precision"],
                "recall": v["recall"],
                "f1": v["f1"],
                "paper_r": paper["r"],
                "paper_precision": paper["precision"],
                "paper_recall": paper["recall"],
                "paper_f1": paper["f1"],
            }
        )
    sentence_level = pd.DataFrame(rows, columns=SENTENCE_LEVEL_COLUMNS)

    tables, paragraphs = [], []
    for size in sizes:
        groups = paragraph_table(pseudo_paragraphs(nyt, size))
        paragraphs.append(groups.assign(size=size))
        for split in SPLITS:
            part = groups[groups["split"] == split]
            if len(part) < 3:
                raise AnalysisError(
                    f"size {size}: only {len(part)} pseudo-paragraphs on the {split} half; choose smaller sizes"
                )
            stats = correlate(part, aggregations=list(AGGREGATIONS), n_resamples=n_resamples, seed=seed)
            tables.append(stats.assign(size=size, split=split))
    aggregation = pd.concat(tables, ignore_index=True)[AGGREGATION_TABLE_COLUMNS]
    choice = choose_aggregation(aggregation)
    chosen = choice["aggregation"].iat[0]

    contrast = []
    for size, groups in zip(sizes, paragraphs):
        part = groups[groups["split"] == "report"]
        human = part["human"].to_numpy(float)
        idx = bootstrap_indices(len(human), n_resamples=n_resamples, seed=seed)
        best, whole = part[chosen].to_numpy(float), part["compound_whole"].to_numpy(float)
        diffs = pearson(best[idx], human[idx]) - pearson(whole[idx], human[idx])
        lo, hi = percentile_interval(diffs)
        contrast.append(
            {
                "size": size,
                "aggregation": chosen,
                "baseline": "compound_whole",
                "split": "report",
                "n": len(part),
                "difference": pearson(best, human) - pearson(whole, human),
                "lo": lo,
                "hi": hi,
            }
        )
    return {
        "sentence_level": sentence_level,
        "aggregation": aggregation,
        "choice": choice,
        "contrast": pd.DataFrame(contrast),
        "paragraphs": pd.concat(paragraphs, ignore_index=True),
        "missing": pd.DataFrame({"dataset": missing}),
    }


def chosen_aggregation(study: Mapping[str, pd.DataFrame]) -> str:
    """The name of the aggregation :func:`run_study` chose."""
    choice = study["choice"]
    return str(choice.loc[choice["chosen"], "aggregation"].iat[0])


def format_report(study: Mapping[str, pd.DataFrame]) -> str:
    """The study as plain text: sentence table, aggregation table, the choice.

    Args:
        study: the output of :func:`run_study`.
    """
    lines = [
        "Sentence level: the project's sentence compound vs the human mean "
        "(P/R/F1: label() vs sign of the mean, support-weighted)",
        f"{'dataset':<8} {'n':>6} {'r':>6} {'rho':>6} {'P':>5} {'R':>5} {'F1':>5}   "
        f"{'paper r':>7} {'P':>5} {'R':>5} {'F1':>5}",
    ]
    for row in study["sentence_level"].itertuples():
        lines.append(
            f"{row.dataset:<8} {row.n:>6} {row.pearson:>6.3f} {row.spearman:>6.3f} {row.precision:>5.2f} "
            f"{row.recall:>5.2f} {row.f1:>5.2f}   {row.paper_r:>7.3f} {row.paper_precision:>5.2f} "
            f"{row.paper_recall:>5.2f} {row.paper_f1:>5.2f}"
        )
    if len(study["missing"]):
        lines.append(f"not found (skipped): {', '.join(study['missing']['dataset'])}")
    lines += [
        "",
        f"Pseudo-paragraphs of NYT editorials: human mean vs each aggregation (bootstrap {LEVEL:.0%} intervals)",
        f"{'size':>4} {'aggregation':<16} {'split':<7} {'n':>5}  {'pearson [lo, hi]':<22} {'spearman [lo, hi]':<22}",
    ]
    for row in study["aggregation"].itertuples():
        lines.append(
            f"{row.size:>4} {row.aggregation:<16} {row.split:<7} {row.n:>5}  "
            f"{row.pearson:.3f} [{row.pearson_lo:.3f}, {row.pearson_hi:.3f}]  "
            f"{row.spearman:.3f} [{row.spearman_lo:.3f}, {row.spearman_hi:.3f}]"
        )
    choice = study["choice"]
    chosen = chosen_aggregation(study)
    lines += [
        "",
        "Mean Pearson r over sizes on the choose half: "
        + ", ".join(f"{r.aggregation} {r.mean_pearson:.3f}" for r in choice.itertuples()),
    ]
    for row in study["contrast"].itertuples():
        lines.append(
            f"size {row.size}, report half: {row.aggregation} minus {row.baseline} "
            f"r = {row.difference:+.3f} [{row.lo:+.3f}, {row.hi:+.3f}]"
        )
    report = study["aggregation"][
        (study["aggregation"]["split"] == "report") & (study["aggregation"]["aggregation"] == chosen)
    ]
    lines.append(
        f"chosen aggregation: {chosen} (report half: "
        + ", ".join(f"size {r.size} r = {r.pearson:.3f}" for r in report.itertuples())
        + ")"
    )
    return "\n".join(lines)


# --- the stored study ------------------------------------------------------------------------

#: where the study's tables are stored for the report figure (package data; regenerate with
#: ``python -m analysis validate-sentiment --store``; a test checks they are current)
STORED_TABLES = ("sentence_level", "aggregation")


def _stored_path(table: str) -> Path:
    from importlib import resources

    return Path(str(resources.files("analysis").joinpath(f"resources/tone_validity_{table}.csv")))


def store_study(study: Mapping[str, pd.DataFrame]) -> list[Path]:
    """Write the study's sentence-level and aggregation tables into the package (full precision).

    The report figure draws from them (:func:`stored_study`), so ``figures``
    does not rerun the study for every article.
    """
    from .atomic import atomic_file

    paths = []
    for table in STORED_TABLES:
        path = _stored_path(table)
        with atomic_file(path) as tmp:
            study[table].to_csv(tmp, index=False, lineterminator="\n")
        paths.append(path)
    return paths


def stored_tables() -> dict[str, pd.DataFrame]:
    """The study's ``sentence_level`` and ``aggregation`` tables as stored by :func:`store_study`."""
    return {table: pd.read_csv(_stored_path(table), float_precision="round_trip") for table in STORED_TABLES}


def stored_study() -> tuple[pd.DataFrame, float]:
    """The stored aggregation table and the NYT sentence-level Pearson r (see :func:`store_study`)."""
    tables = stored_tables()
    sentence_level = tables["sentence_level"].set_index("dataset")
    return tables["aggregation"], float(sentence_level.loc[PARAGRAPH_DATASET, "pearson"])
