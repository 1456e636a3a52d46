"""Discourse analysis of news articles: tone per paragraph, framing metaphors, actors.

The pipeline: :func:`load_text` -> blocks with roles -> headline and body
paragraphs -> sentences and tokens with exact offsets -> VADER per sentence,
aggregated per paragraph -> codebook matches (frames, actors) -> tables.

Example:
    >>> import analysis
    >>> result = analysis.analyze("seeds/putin_sends_trumps_messengers_packing.txt")
    >>> result.paragraphs[["para", "score", "label"]].head(3)  # doctest: +SKIP
"""

from .errors import AnalysisError

# The public names load their modules on first use (PEP 562), so that
# `python -m analysis corpus` does not pay for pandas, which only the
# DataFrame helpers need.
_LAZY = {
    "Analysis": "result",
    "analyze": "result",
    "analyze_text": "result",
    "actor_frame_cooccurrence": "actors",
    "actor_tone": "actors",
    "load_text": "article",
    "split_blocks": "blocks",
    "Codebook": "codebook",
    "concordance": "framing",
    "frame_matrix": "framing",
    "kwic": "framing",
    "keywords": "keyness",
    "load_codebook": "codebook",
    "convert_dictionary": "dictionaries",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "actor_frame_cooccurrence",
    "actor_tone",
    "AnalysisError",
    "Codebook",
    "analyze",
    "analyze_text",
    "convert_dictionary",
    "frame_matrix",
    "keywords",
    "kwic",
    "load_codebook",
    "load_text",
    "split_blocks",
]
