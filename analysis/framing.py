"""Frame hits in context: counts per paragraph, extended metaphors, concordances.

The pipeline (:mod:`analysis.pipeline`) matches each sentence with the
codebook's :class:`~analysis.matching.Matcher`; this module owns what is made
of the matches: the context window around a hit (:data:`CONTEXT_CHARS`, one
constant for the tables and the concordances), the per-paragraph counts with
the ``extended`` flag, and the tables the notebooks show.

This finds words, not meanings: a reader decides whether a hit is a metaphor
(see ``python -m analysis evaluate`` for precision against human coding).
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

from .codebook import Codebook
from .records import FrameCount

if TYPE_CHECKING:  # pandas is imported where a DataFrame is made (corpus runs need none)
    import pandas as pd

_new = tuple.__new__  # a record from a complete tuple, without the NamedTuple constructor's Python call
#: characters of context kept on each side of a hit, inside its paragraph
CONTEXT_CHARS = 60
#: distinct entries of one frame in one paragraph that make it an extended metaphor
DEFAULT_EXTENDED_MIN = 3


def context(
    text: str, para_start: int, para_end: int, start: int, end: int, window: int = CONTEXT_CHARS
) -> tuple[str, str]:
    """Up to ``window`` characters left and right of ``text[start:end]``, inside its paragraph."""
    return text[max(para_start, start - window) : start], text[end : min(para_end, end + window)]


def frame_counts(
    para: int, entries_by_frame: dict[str, list[str]], frames: list[str], *, extended_min: int = DEFAULT_EXTENDED_MIN
) -> list[FrameCount]:
    """One paragraph's counts: hits and distinct entries per frame (codebook order), ``extended`` flagged.

    Args:
        para: the paragraph number.
        entries_by_frame: frame id -> the entry of each of its hits in the paragraph.
        frames: every frame id of the codebook, in order (a frame without hits counts 0).
        extended_min: distinct entries that make the paragraph an extended metaphor for a frame.
    """
    if not entries_by_frame and extended_min > 0:  # most paragraphs: no hit of any frame
        return [_new(FrameCount, (para, fid, 0, 0, False)) for fid in frames]
    out = []
    for fid in frames:
        entries = entries_by_frame.get(fid, ())
        distinct = len(set(entries))
        out.append(FrameCount(para, fid, len(entries), distinct, distinct >= extended_min))
    return out


def _hits_of(hits_or_result) -> pd.DataFrame:
    return hits_or_result.frame_hits if hasattr(hits_or_result, "frame_hits") else hits_or_result


def kwic(hits_or_result, frame: str | None = None, *, window: int = CONTEXT_CHARS) -> pd.DataFrame:
    """Keyword-in-context lines of frame hits.

    Args:
        hits_or_result: an Analysis or a frame_hits table.
        frame: keep only this frame (None: all); a frame of the codebook (of an
            Analysis), or of the table's rows (of a table).
        window: characters of context on each side, at least 1; a larger
            window than :data:`CONTEXT_CHARS` (the context stored with each hit)
            gives :data:`CONTEXT_CHARS`.

    Returns:
        para, sent, frame, entry, left, match, right; the left context is
        right-aligned to ``window`` characters, white space collapsed.

    Raises:
        ValueError: a window under 1, or a frame that is not known (the
            message lists the known frames).
        TypeError: a window that is not an integer.
    """
    window = operator.index(window)
    if window < 1:
        raise ValueError(f"window must be at least 1 character, not {window}")
    window = min(window, CONTEXT_CHARS)  # the context stored is no wider: padding beyond it says nothing
    hits = _hits_of(hits_or_result)
    if frame is not None:
        codebook = getattr(hits_or_result, "codebook", None)
        known = list(codebook.frames) if codebook is not None else list(dict.fromkeys(hits["frame"]))
        if frame not in known:
            shown = ", ".join(known[:20]) + (f" and {len(known) - 20} more" if len(known) > 20 else "")
            where = "the codebook's frames" if codebook is not None else "the frames of this table"
            raise ValueError(f"unknown frame {frame!r} ({where}: {shown or 'none'})")
        hits = hits[hits["frame"] == frame]
    squash = lambda s: " ".join(str(s).split())  # noqa: E731
    import pandas as pd

    return pd.DataFrame(
        {
            "para": hits["para"].to_numpy(),
            "sent": hits["sent"].to_numpy(),
            "frame": hits["frame"].to_numpy(),
            "entry": hits["entry"].to_numpy(),
            "left": [squash(s)[-window:].rjust(window) for s in hits["left"]],
            "match": hits["matched_text"].to_numpy(),
            "right": [squash(s)[:window] for s in hits["right"]],
        }
    )


def frame_matrix(counts_or_result, *, value: str = "hits") -> pd.DataFrame:
    """Frames (rows, codebook order) by paragraphs (columns) of ``hits`` or ``distinct_entries``."""
    counts = counts_or_result.frame_counts if hasattr(counts_or_result, "frame_counts") else counts_or_result
    frames = list(dict.fromkeys(counts["frame"]))
    return counts.pivot(index="frame", columns="para", values=value).reindex(frames)


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """One row per frame: id, label, number of terms and phrases, and the entries themselves."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "frame": f.id,
                "label": f.label,
                "terms": len(f.terms),
                "phrases": len(f.phrases),
                "entries": ", ".join(f.entries),
            }
            for f in codebook.frames.values()
        ],
        columns=["frame", "label", "terms", "phrases", "entries"],
    )
