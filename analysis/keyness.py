"""Keywords: which words an article uses more (or less) than a reference, by log-likelihood and log ratio.

For each word of the article, with ``a`` its count in the article, ``b`` its
count in the reference, ``C`` and ``D`` the words of the article and of the
reference (``N = C + D``), the 2x2 table ``[[a, b], [C - a, D - b]]`` gives:

- **G2**, Dunning's (1993) log-likelihood: ``2 * sum(O * ln(O / E))`` over the
  four cells, ``E`` the counts expected if article and reference used the word
  at one rate (``E11 = C * (a + b) / N`` ...), ``0 * ln 0 = 0``, no continuity
  correction. It is signed: negative when the article uses the word less than
  the reference (``a / C < b / D``). This is AntConc's 4-term log-likelihood,
  and quanteda's ``textstat_keyness(measure = "lr", correction = "none")`` up
  to the 1e-9 quanteda adds inside its logarithms (quanteda's default applies
  a continuity correction).
- **log ratio**, Hardie's (2014) effect size: ``log2((a / C) / (b / D))``, a
  zero count taken as 0.5 (only the reference count can be zero here); +1 is
  twice as frequent as in the reference, -1 half as frequent.

Words are word tokens (:func:`analysis.tokenize.token_kind`), lower-cased,
surface forms (not stems), curly apostrophes read as straight ones; the
headline and the body paragraphs count. The reference is either general
English (``general``: a table derived from wordfreq, shipped in
``resources/general_english.tsv.gz``, CC BY-SA 4.0), the NYT editorials the
package ships (``nyt``, :mod:`analysis.datasets`), a folder of articles read
as the corpus command reads them, or the ``tokens.csv`` of an ``analyze`` or
``corpus`` output.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .article import display_name, read_source
from .errors import AnalysisError
from .pipeline import source_blocks
from .sentiment import bounded_sentence_spans
from .tokenize import sentence_spans, token_kind, tokens_and_starts

if TYPE_CHECKING:
    import pandas as pd

#: what a zero count becomes in the log ratio (Hardie 2014; CQPweb and AntConc do the same)
ZERO_COUNT = 0.5
#: the columns of the keyword table
COLUMNS = ["word", "count", "per_1000", "ref_per_1000", "g2", "log_ratio"]
#: the shipped general-English table (counts per billion words)
GENERAL_TABLE = "resources/general_english.tsv.gz"


@dataclass(frozen=True)
class Reference:
    """Word counts of a reference: ``counts`` (lower-cased words) out of ``total`` words."""

    name: str
    counts: dict[str, int]
    total: int


def word_key(token: str) -> str:
    """How a word token is counted: lower case, a curly apostrophe read as a straight one."""
    return token.lower().replace("\u2019", "'")


def g2(a: float, b: float, c_total: float, d_total: float) -> float:
    """Dunning's log-likelihood G2 of a word counted ``a`` times in ``c_total`` words and ``b`` in ``d_total``.

    Signed: negative when ``a / c_total < b / d_total``. No continuity correction; ``0 * ln 0 = 0``.

    Example:
        >>> round(g2(3, 1, 10, 20), 3), round(g2(1, 10, 10, 20), 3)
        (3.403, -1.834)
    """
    n = c_total + d_total
    observed = (a, b, c_total - a, d_total - b)
    expected = (
        c_total * (a + b) / n,
        d_total * (a + b) / n,
        c_total * (n - a - b) / n,
        d_total * (n - a - b) / n,
    )
    value = 2.0 * sum(o * math.log(o / e) for o, e in zip(observed, expected) if o > 0)
    value = max(value, 0.0)  # rounding can leave -1e-16 where the rates are equal
    return -value if a * d_total < b * c_total else value


def log_ratio(a: float, b: float, c_total: float, d_total: float) -> float:
    """Hardie's log ratio ``log2((a / c_total) / (b / d_total))``, a zero count taken as :data:`ZERO_COUNT`.

    Example:
        >>> log_ratio(3, 1, 10, 20), log_ratio(2, 0, 10, 20)
        (2.584962500721156, 3.0)
    """
    a, b = a or ZERO_COUNT, b or ZERO_COUNT
    return math.log2((a / c_total) / (b / d_total))


def article_counts(tokens: pd.DataFrame) -> Counter:
    """Word counts of a token table (``tokens.csv``'s columns ``token`` and ``kind``): every paragraph."""
    words = tokens.loc[tokens["kind"] == "word", "token"]
    return Counter(map(word_key, words))


def keyness(counts: Counter, reference: Reference, *, top: int | None = None) -> pd.DataFrame:
    """The keyword table of an article's word counts against a reference.

    Args:
        counts: the article's words (:func:`article_counts`).
        reference: the reference's words.
        top: keep the first ``top`` rows (None or 0: all).

    Returns:
        ``word, count, per_1000, ref_per_1000, g2, log_ratio``, one row per
        word of the article, sorted by ``g2`` (descending; ties by word), so
        words the article under-uses come last; ``per_1000`` rounded to 3
        decimals, ``ref_per_1000`` to 6, ``g2`` and ``log_ratio`` to 3 (the
        order is that of the rounded values).
    """
    import pandas as pd

    total = sum(counts.values())
    if total == 0:
        raise AnalysisError("the article has no words to compare")
    ref, ref_total = reference.counts, reference.total
    rows = []
    for word, a in counts.items():
        b = ref.get(word, 0)
        rows.append(
            (
                word,
                a,
                round(1000 * a / total, 3),
                round(1000 * b / ref_total, 6),
                round(g2(a, b, total, ref_total), 3),
                round(log_ratio(a, b, total, ref_total), 3),
            )
        )
    rows.sort(key=lambda r: (-r[4], r[0]))
    if top:
        rows = rows[:top]
    return pd.DataFrame(rows, columns=COLUMNS)


# --------------------------------------------------------------------------- references


@lru_cache(maxsize=1)
def general_reference() -> Reference:
    """General English: the shipped table derived from wordfreq (``tools/general_english.py``).

    The 50,000 most frequent words in counts per billion, so ``total`` is
    10**9; a word outside the table counts 0.
    """
    data = resources.files("analysis").joinpath(GENERAL_TABLE).read_bytes()
    counts: dict[str, int] = {}
    total = 0
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line.startswith("# total: "):
            total = int(line.removeprefix("# total: "))
        elif line and not line.startswith("#") and line != "word\tper_billion":
            word, n = line.split("\t")
            counts[word] = int(n)
    return Reference("general English (wordfreq 3.1.1, 50,000 words per billion)", counts, total)


def text_counts(text: str, blocks=None) -> Counter:
    """Word counts of one article's text: its headline and body paragraphs, split as ``analyze`` splits them."""
    from .blocks import split_blocks

    counts: Counter = Counter()
    for b in split_blocks(text) if blocks is None else blocks:
        if b.para is None:
            continue
        ptext = b.text
        for s0, s1 in bounded_sentence_spans(ptext, sentence_spans(ptext)):
            tokens, _ = tokens_and_starts(ptext[s0:s1])
            counts.update(word_key(t) for t in tokens if token_kind(t) == "word")
    return counts


def _reference(name: str, counts: Counter) -> Reference:
    total = sum(counts.values())
    if total == 0:
        raise AnalysisError(f"{name}: the reference has no words")
    return Reference(name, dict(counts), total)


def nyt_reference() -> Reference:
    """The 498 NYT editorials of VADER's benchmark (:func:`analysis.datasets.nyt_editorials`) as articles."""
    from .datasets import nyt_editorials

    counts: Counter = Counter()
    for _, text in nyt_editorials():
        counts.update(text_counts(text))
    return _reference("NYT editorials (VADER's benchmark, 498 articles)", counts)


def files_reference(paths: list[Path], *, name: str, encoding: str = "utf-8") -> Reference:
    """Reference articles read as ``analyze`` reads them (text or HTML), their words counted."""
    counts: Counter = Counter()
    for path in paths:
        source = read_source(path, encoding)
        counts.update(text_counts(source.text, source_blocks(source)))
    return _reference(name, counts)


def tokens_table_reference(path: Path) -> Reference:
    """A ``tokens.csv`` (or ``tokens.parquet``) of an ``analyze`` or ``corpus`` output as the reference."""
    import pandas as pd

    shown = display_name(path)
    try:
        if path.suffix == ".parquet":
            table = pd.read_parquet(path, columns=["token", "kind"])
        else:  # every cell a string: a token "NA" or "null" is a word, not a missing value
            table = pd.read_csv(path, usecols=["token", "kind"], dtype=str, keep_default_na=False, na_filter=False)
    except ImportError:
        raise AnalysisError(f"{shown}: reading Parquet needs pyarrow (pip install -e '.[parquet]')") from None
    except ValueError as exc:  # missing columns, not a table
        raise AnalysisError(f"{shown}: not a tokens table with columns token and kind ({exc})") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise AnalysisError(f"{shown}: cannot be read as a tokens table ({exc})") from None
    return _reference(shown, article_counts(table))


def load_reference(spec: str, *, encoding: str = "utf-8", pattern: str = "*.txt") -> Reference:
    """The reference named by ``--reference``.

    Args:
        spec: ``general`` (general English), ``nyt`` (the shipped NYT
            editorials), a ``tokens.csv``/``tokens.parquet`` file, an output
            folder holding one (``analyze`` or ``corpus``), or a folder of
            articles (searched recursively for ``pattern``, as ``corpus`` does).
        encoding: the reference articles' encoding.
        pattern: the article files searched in a folder.

    Raises:
        AnalysisError: no such file or folder, a folder without articles, an
            unreadable article, a table without ``token`` and ``kind``.
    """
    if spec == "general":
        return general_reference()
    if spec == "nyt":
        return nyt_reference()
    path = Path(spec)
    if path.is_file() and path.suffix in (".csv", ".parquet"):
        return tokens_table_reference(path)
    if path.is_dir():
        for table in ("tokens.csv", "tokens.parquet"):
            if (path / table).is_file():
                return tokens_table_reference(path / table)
        from .corpus import discover

        files = discover([str(path)], pattern=pattern)
        return files_reference(files, name=f"{display_name(path)} ({len(files)} articles)", encoding=encoding)
    if path.exists():
        raise AnalysisError(
            f"{display_name(path)}: a reference is 'general', 'nyt', a folder of articles, "
            "an output folder or its tokens.csv"
        )
    raise AnalysisError(f"{display_name(path)}: no such reference file or folder (or use 'general' or 'nyt')")


def keywords(result, reference: str | Reference = "general", *, top: int | None = 25) -> pd.DataFrame:
    """Keywords of an analysed article (:func:`analysis.analyze`) against a reference.

    Args:
        result: an :class:`~analysis.result.Analysis` (its ``tokens``).
        reference: a :class:`Reference`, or a name for :func:`load_reference`
            (default: general English).
        top: rows kept (None or 0: every word of the article).

    Returns:
        The table of :func:`keyness`.

    Example:
        >>> import analysis
        >>> r = analysis.analyze("seeds/putin_sends_trumps_messengers_packing.txt")
        >>> analysis.keywords(r, top=3)["word"].tolist()  # doctest: +SKIP
    """
    ref = load_reference(reference) if isinstance(reference, str) else reference
    return keyness(article_counts(result.tokens), ref, top=top)
