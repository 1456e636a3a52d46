"""Discourse analysis of news articles: tone per paragraph, framing metaphors, actors.

The pipeline: :func:`load_text` -> blocks with roles -> headline and body
paragraphs -> sentences and tokens with exact offsets -> VADER per sentence,
aggregated per paragraph -> codebook matches (frames, actors) -> tables.

Example:
    >>> import analysis
    >>> result = analysis.analyze("seeds/putin_sends_trumps_messengers_packing.txt")
    >>> result.paragraphs[["para", "score", "label"]].head(3)  # doctest: +SKIP
"""

from .actors import actor_frame_cooccurrence, actor_tone
from .article import load_text, split_blocks
from .errors import AnalysisError
from .framing import Codebook, frame_matrix, kwic, load_codebook
from .pipeline import Analysis, analyze, analyze_text

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "actor_frame_cooccurrence",
    "actor_tone",
    "AnalysisError",
    "Codebook",
    "analyze",
    "analyze_text",
    "frame_matrix",
    "kwic",
    "load_codebook",
    "load_text",
    "split_blocks",
]
