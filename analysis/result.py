"""``analyze``: one article through the same path as a corpus, as DataFrames.

``analyze(path)`` reads the file once (:func:`analysis.article.read_source`:
decoded text, hash of the bytes decoded), runs the pipeline's core on it
(:func:`analysis.pipeline.analyse_source`, as every corpus worker does) and
returns an :class:`Analysis` whose DataFrames (:func:`analysis.sinks.dataframes`)
follow the output contract (``docs/output-contract.md``). :meth:`Analysis.write`
writes the files through the same sinks and manifest builder as corpus runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import sentiment
from .article import STDIN, STDIN_NAME, SourceText, display_name, read_source
from .codebook import Codebook, load_codebook
from .framing import DEFAULT_EXTENDED_MIN
from .pipeline import analyse_source
from .records import ArticleRecords
from .sinks import dataframes

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Analysis:
    """Every table of one article, as DataFrames, plus what produced them.

    Attributes mirror the files of ``python -m analysis analyze``
    (``docs/output-contract.md``); :meth:`write` writes them from ``records``.
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
    codebook: Codebook
    parameters: dict = field(default_factory=dict)
    input_sha256: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: the row records the DataFrames were made from (what :meth:`write` writes)
    records: ArticleRecords | None = field(default=None, repr=False)

    def write(self, out_dir: str | Path) -> Path:
        """Write all tables, ``annotated.html`` and ``manifest.json`` atomically."""
        from .report import write_analysis

        return write_analysis(self, out_dir)


def _codebook(codebook: Codebook | str | Path | None) -> Codebook:
    return codebook if isinstance(codebook, Codebook) else load_codebook(codebook)


def _analysis(source: SourceText, codebook: Codebook, extended_min: int, *, name: str) -> Analysis:
    result = analyse_source(source, codebook, extended_min=extended_min)
    parameters = {"extended_min": extended_min, "paragraph_score": sentiment.PARAGRAPH_SCORE}
    return Analysis(
        source=name,
        text=source.text,
        codebook=codebook,
        parameters=parameters,
        warnings=result.warnings,
        records=result.records,
        **dataframes(result.records),
    )


def analyze_text(
    text: str,
    *,
    codebook: Codebook | str | Path | None = None,
    source: str = "<text>",
    extended_min: int = DEFAULT_EXTENDED_MIN,
) -> Analysis:
    """Analyse an already loaded text (the offset space of every table).

    Args:
        text: the article, as :func:`analysis.load_text` returns it.
        codebook: a :class:`~analysis.codebook.Codebook`, a path to a YAML
            codebook, or None for the default codebook shipped with the package.
        source: the name recorded in the manifest.
        extended_min: distinct entries of one frame in one paragraph that make
            it an extended metaphor.
    """
    if extended_min < 1:
        raise ValueError("extended_min must be at least 1")
    return _analysis(SourceText(source, text, ""), _codebook(codebook), extended_min, name=source)


def analyze(
    path: str | Path,
    codebook: Codebook | str | Path | None = None,
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
        An :class:`Analysis` whose DataFrames follow the output contract.

    Example:
        >>> result = analyze("seeds/putin_sends_trumps_messengers_packing.txt")
        >>> int(result.paragraphs["para"].max())
        16
    """
    if extended_min < 1:
        raise ValueError("extended_min must be at least 1")
    source = read_source(path, encoding)
    name = STDIN_NAME if isinstance(path, str) and path == STDIN else display_name(Path(path).name)
    result = _analysis(source, _codebook(codebook), extended_min, name=name)
    if source.html:
        result.parameters["html_extracted"] = True
    result.input_sha256 = source.sha256
    result.parameters["encoding"] = encoding
    return result
