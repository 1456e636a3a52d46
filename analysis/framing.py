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

from .codebook import Codebook, check_phrase
from .errors import AnalysisError
from .matching import Matcher, sentence_units
from .records import FrameCount
from .tokenize import tokens_and_starts

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


class UnknownFrame(AnalysisError, ValueError):
    """A frame id that is not known (the command line prints it as ``error: ...``)."""


def _window(window) -> int:
    window = operator.index(window)
    if window < 1:
        raise ValueError(f"window must be at least 1 character, not {window}")
    return window


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
        UnknownFrame: a frame that is not known (the message lists the known
            frames); an :class:`~analysis.errors.AnalysisError` and a ``ValueError``.
        ValueError: a window under 1.
        TypeError: a window that is not an integer.
    """
    window = min(_window(window), CONTEXT_CHARS)  # the context stored is no wider: padding beyond it says nothing
    hits = _hits_of(hits_or_result)
    if frame is not None:
        codebook = getattr(hits_or_result, "codebook", None)
        known = list(codebook.frames) if codebook is not None else list(dict.fromkeys(hits["frame"]))
        if frame not in known:
            shown = ", ".join(known[:20]) + (f" and {len(known) - 20} more" if len(known) > 20 else "")
            where = "the codebook's frames" if codebook is not None else "the frames of this table"
            raise UnknownFrame(f"unknown frame {frame!r} ({where}: {shown or 'none'})")
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


#: the columns of :func:`concordance` (and of ``python -m analysis kwic``)
CONCORDANCE_COLUMNS = ["para", "sent", "start", "end", "left", "match", "right"]


def compile_pattern(pattern: str) -> Matcher:
    """A concordance pattern as a one-entry matcher, checked as a codebook phrase is.

    Raises:
        AnalysisError: ``pattern 'PATTERN': PROBLEM``, the codebook's message
            for the entry (empty, only ``*``, too short a wildcard, ...).
    """
    if not isinstance(pattern, str):
        raise AnalysisError(f"a pattern is a string, not {type(pattern).__name__}")
    shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
    entry = check_phrase(pattern, source=f"pattern {shown!r}")
    return Matcher([("pattern", (entry,))])


def concordance(result, pattern: str, *, window: int = CONTEXT_CHARS) -> pd.DataFrame:
    """Keyword-in-context lines of any pattern, matched as a codebook entry is.

    The pattern is compiled as a one-entry frame (:func:`compile_pattern`), so
    it has the codebook's syntax and rules (``docs/codebook-format.md``):
    words matched on stems (``send`` matches "sent"), ``*`` between words
    skipping 0 to 3 words, a word in capitals matching only capitals, a
    prefix wildcard ``regulat*`` and a quoted word matched exactly
    (``"games"``); matches do not overlap (the longest wins).

    Args:
        result: an :class:`~analysis.result.Analysis` (its text, paragraphs and sentences).
        pattern: the pattern.
        window: characters of context on each side, inside the paragraph, at least 1.

    Returns:
        One row per match, in text order: ``para``, ``sent``, ``start``,
        ``end`` (offsets into ``result.text``, ``text[start:end] == match``),
        ``left``, ``match``, ``right`` (the contexts with white space collapsed
        to single spaces, not padded).

    Raises:
        AnalysisError: a pattern the codebook would refuse.
        ValueError: a window under 1.
        TypeError: a window that is not an integer.
    """
    import pandas as pd

    window = _window(window)
    matcher = compile_pattern(pattern)
    text = result.text
    bounds = dict(zip(result.paragraphs["para"], zip(result.paragraphs["start"], result.paragraphs["end"])))
    sents = result.sentences
    squash = lambda s: " ".join(s.split())  # noqa: E731
    rows = []
    for para, sent, s0, stext in zip(sents["para"], sents["sent"], sents["start"], sents["text"]):
        tokens, starts = tokens_and_starts(stext)
        units = sentence_units(stext, [(a, a + len(t)) for t, a in zip(tokens, starts)])
        if not units:
            continue
        p0, p1 = bounds[para]
        for _, _, a, z in matcher.find_units(units):
            start, end = int(s0) + a, int(s0) + z
            left, right = context(text, p0, p1, start, end, window)
            rows.append((int(para), int(sent), start, end, squash(left), text[start:end], squash(right)))
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)


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
