"""``analyze``: one article through the same path as a corpus, as DataFrames.

``analyze(path)`` reads the file once (:func:`analysis.article.read_source`:
decoded text, hash of the bytes decoded), runs the pipeline's core on it
(:func:`analysis.pipeline.analyse_source`, as every corpus worker does) and
returns an :class:`Analysis` whose DataFrames (:func:`analysis.sinks.dataframes`)
follow the output contract (``docs/output-contract.md``). :meth:`Analysis.write`
writes the files through the same sinks and manifest builder as corpus runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import sentiment
from .article import STDIN, STDIN_NAME, SourceText, display_name, read_source
from .blocks import apply_roles, parse_roles
from .codebook import Codebook, load_codebook
from .errors import AnalysisError
from .framing import DEFAULT_EXTENDED_MIN
from .pipeline import analyse_source, model_parameters, source_blocks
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
    entities: pd.DataFrame
    metaphor_candidates: pd.DataFrame
    metaphor_clusters: pd.DataFrame
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


#: A roles file is a few lines; anything larger is not one.
MAX_ROLES_BYTES = 1_000_000


def _read_roles(path: str | Path) -> tuple[dict[int, str], dict]:
    """The overrides of a roles file, and its manifest entry (file name, hash, the roles set)."""
    name = display_name(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_ROLES_BYTES + 1)
    except FileNotFoundError:
        raise AnalysisError(f"{name}: no such roles file") from None
    except IsADirectoryError:
        raise AnalysisError(f"{name}: is a directory, not a roles file") from None
    except (OSError, ValueError) as exc:
        raise AnalysisError(f"{name}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if len(data) > MAX_ROLES_BYTES:
        raise AnalysisError(f"{name}: larger than {MAX_ROLES_BYTES:,} bytes; a roles file is a few lines")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnalysisError(f"{name}: not valid UTF-8 at byte {exc.start}") from None
    overrides = parse_roles(text, name=name)
    entry = {
        "file": display_name(Path(path).name),
        "sha256": hashlib.sha256(data).hexdigest(),
        "set": {str(block): role for block, role in sorted(overrides.items())},
    }
    return overrides, entry


def _codebook(codebook: Codebook | str | Path | None) -> Codebook:
    return codebook if isinstance(codebook, Codebook) else load_codebook(codebook)


def _analysis(source: SourceText, codebook: Codebook, extended_min: int, *, name: str) -> Analysis:
    result = analyse_source(source, codebook, extended_min=extended_min)
    parameters = {"extended_min": extended_min, "paragraph_score": sentiment.PARAGRAPH_SCORE, **model_parameters()}
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
    roles: str | Path | None = None,
) -> Analysis:
    """Analyse one article file.

    Args:
        path: the article (plain text; see :func:`analysis.load_text`).
        codebook: a Codebook, a YAML path, or None for the default codebook.
        encoding: the file's encoding (any Python codec), UTF-8 by default.
        extended_min: see :func:`analyze_text`.
        roles: a roles file (:func:`analysis.blocks.parse_roles`): block roles set
            by hand over the cleaning's, recorded in the manifest.

    Returns:
        An :class:`Analysis` whose DataFrames follow the output contract.

    Example:
        >>> result = analyze("seeds/putin_sends_trumps_messengers_packing.txt")
        >>> int(result.paragraphs["para"].max())
        16
    """
    if extended_min < 1:
        raise ValueError("extended_min must be at least 1")
    codebook = _codebook(codebook)
    source = read_source(path, encoding)
    name = STDIN_NAME if isinstance(path, str) and path == STDIN else display_name(Path(path).name)
    overrides = None
    if roles is not None:
        overrides, roles_entry = _read_roles(roles)
        blocks = apply_roles(source_blocks(source), overrides, name=display_name(roles))
        source = replace(source, blocks=tuple(blocks))
    result = _analysis(source, codebook, extended_min, name=name)
    if source.html:
        result.parameters["html_extracted"] = True
        result.parameters["extraction"] = source.extraction
    if overrides is not None:
        result.parameters["roles"] = roles_entry
    result.input_sha256 = source.sha256
    result.parameters["encoding"] = encoding
    return result
