"""The report figures: which drawing makes which file from an analysis, and writing them all.

:data:`FIGURES` maps a file name to a function of an analysis and a one-line
caption. Each function gathers the tables the figure needs and calls one
drawing of :mod:`analysis.plots`; a figure the article has nothing to show
for is drawn as a note saying why (:func:`analysis.plots.insufficient`).
:data:`FIGURE_TABLES` gives the numbers each figure shows (:func:`figure_table`), and
their title (:func:`figure_title`) without drawing.
:func:`write_figures` writes every one (PNG and SVG) with a README and a
manifest, into an output folder replaced atomically like ``analyze``'s.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from matplotlib.figure import Figure

from . import plots
from .actors import actor_frame_cooccurrence, actor_source, actor_tone
from .article import display_name
from .atomic import atomic_folder
from .framing import DEFAULT_EXTENDED_MIN
from .manifest import build_manifest, file_digests, write_manifest
from .processes import worker_pool


def _labels(result) -> dict[str, str]:
    return {f: fr.label for f, fr in result.codebook.frames.items()}


def _extended_min(result) -> int:
    return int(result.parameters.get("extended_min", DEFAULT_EXTENDED_MIN))


def _guarded(name: str, draw):
    """``draw(result)``, or a :func:`~analysis.plots.placeholder` when
    :func:`~analysis.plots.insufficient` says the article has nothing for it to show."""

    def guarded(result) -> Figure:
        reason = plots.insufficient(name, result)
        return plots.placeholder(name, reason, plots.source_caption(result)) if reason else draw(result)

    return guarded


def _actors(result) -> Figure:
    return plots.actor_panels(
        actor_tone(result),
        actor_frame_cooccurrence(result),
        _labels(result),
        source=plots.source_caption(result),
        actors_from=actor_source(result),
    )


def _strongest(result) -> tuple[int, str]:
    return plots.strongest_extended(result.frame_counts) or (
        int(result.paragraphs["para"].iloc[-1]) if len(result.paragraphs) else 0,
        next(iter(result.codebook.frames)),
    )


def _extended(result) -> Figure:
    para, frame = _strongest(result)
    return plots.extended_metaphor(
        result.paragraphs,
        result.frame_hits,
        para,
        frame,
        _labels(result),
        result.sentences,
        source=plots.source_caption(result),
        extended_min=_extended_min(result),
    )


def _validity_figure(_result) -> Figure:
    from .tone_validity import stored_study

    aggregation, sentence_r = stored_study()
    return plots.sentiment_validity(aggregation, sentence_r)


def _validity_table(_result):
    from .tone_validity import stored_study

    return plots.validity_table(stored_study()[0])


#: name -> the table of numbers the figure shows, from an Analysis (its ``title`` is the figure's title)
FIGURE_TABLES = {
    "sentiment_arc": lambda r: plots.tone_arc_table(r.paragraphs),
    "saturation": lambda r: plots.saturation_table(r.paragraphs),
    "tone_drivers": lambda r: plots.tone_drivers_table(r.sentences),
    "frame_heatmap": lambda r: plots.frame_heatmap_table(r.frame_counts, _labels(r), extended_min=_extended_min(r)),
    "frame_dispersion": lambda r: plots.frame_dispersion_table(r.frame_hits, _labels(r)),
    "actors": lambda r: plots.actors_table(actor_tone(r), actor_frame_cooccurrence(r), _labels(r)),
    "extended_metaphor": lambda r: plots.extended_metaphor_table(
        r.frame_hits, *_strongest(r), _labels(r), r.sentences, extended_min=_extended_min(r)
    ),
    "metaphor_clusters": lambda r: plots.metaphor_clusters_table(r.metaphor_clusters, r.paragraphs),
    "sentiment_validity": _validity_table,
}

_ARTICLE_FIGURES = {
    "sentiment_arc": (
        lambda r: plots.sentiment_arc(r.paragraphs, r.sentences, source=plots.source_caption(r)),
        "Paragraph tone (mean sentence compound) across the article, each sentence as a dot, "
        "whole-paragraph VADER marked.",
    ),
    "saturation": (
        lambda r: plots.saturation(r.paragraphs, source=plots.source_caption(r)),
        "Per paragraph, the mean of sentence compounds against VADER on the whole paragraph, "
        "and how often the whole-paragraph score is the more extreme.",
    ),
    "tone_drivers": (
        lambda r: plots.tone_drivers(r.sentences, source=plots.source_caption(r)),
        "The VADER lexicon words whose summed raw valence carries the article's tone (positive blue, negative orange).",
    ),
    "frame_heatmap": (
        lambda r: plots.frame_heatmap(
            r.frame_counts, _labels(r), source=plots.source_caption(r), extended_min=_extended_min(r)
        ),
        f"Frame hits per paragraph, extended metaphors ({DEFAULT_EXTENDED_MIN}+ distinct entries of one frame in a "
        "paragraph by default; the analysis's `extended_min`) outlined.",
    ),
    "frame_dispersion": (
        lambda r: plots.frame_dispersion(
            r.frame_hits, r.paragraphs, _labels(r), text_length=len(r.text), source=plots.source_caption(r)
        ),
        "Where each frame's hits fall in the article, by character offset, with paragraph boundaries.",
    ),
    "actors": (
        _actors,
        "Mean tone of the sentences naming each actor, and actor-by-frame sentence co-occurrences.",
    ),
    "extended_metaphor": (
        _extended,
        "The paragraph with the most distinct entries of one frame, every frame hit highlighted.",
    ),
    "metaphor_clusters": (
        lambda r: plots.metaphor_cluster_map(r.metaphor_clusters, r.paragraphs, source=plots.source_caption(r)),
        "Metaphor candidates found without a codebook, per source domain and paragraph, extended clusters "
        "(3+ distinct words of one domain in a paragraph) outlined.",
    ),
    "sentiment_validity": (
        _validity_figure,
        "How well paragraph scores track human ratings of NYT editorial sentences (held-out half), "
        "by paragraph length: why the paragraph score is the sentence mean.",
    ),
}

#: name -> (function taking an Analysis, one-line caption); ``make figures`` writes each.
FIGURES = {
    name: (draw if name == "sentiment_validity" else _guarded(name, draw), caption)
    for name, (draw, caption) in _ARTICLE_FIGURES.items()
}


def figure_table(name: str, result):
    """The table of numbers figure ``name`` shows for this analysis (see :mod:`analysis.plots`), or None
    when the article has nothing for it to show (:func:`~analysis.plots.insufficient`).

    Example:
        >>> figure_table("tone_drivers", result).title  # doctest: +SKIP
    """
    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; choose from {', '.join(FIGURES)}")
    if name != "sentiment_validity" and plots.insufficient(name, result):
        return None
    return FIGURE_TABLES[name](result)


def figure_title(name: str, result) -> str:
    """The title figure ``name`` has for this analysis: the finding its table supports, or why it is not drawn."""
    table = figure_table(name, result)
    return table.title if table is not None else f"not drawn: {plots.insufficient(name, result)}"


def draw(name: str, result) -> Figure:
    """Draw one report figure of :data:`FIGURES` by name (what ``make figures`` writes).

    Example:
        >>> draw("sentiment_arc", result)  # doctest: +SKIP
    """
    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; choose from {', '.join(FIGURES)}")
    return FIGURES[name][0](result)


#: the analysis being drawn by :func:`write_figures`; forked workers inherit it (nothing is pickled)
_DRAWING = None


def _render(name: str, folder: Path) -> str:
    """Draw figure ``name`` of :data:`_DRAWING` and save it into ``folder`` (in a worker or this process)."""
    from .style import save_figure

    save_figure(FIGURES[name][0](_DRAWING), folder / name)
    return name


#: how the README of every figures folder begins (and how one written before manifests is recognised)
README_HEAD = "# Report figures\n\nGenerated by `python -m analysis figures` from `"


def _earlier_figures(folder: Path) -> set[str] | None:
    """The files of a figures folder written before figure folders had a manifest, or None if it is not one.

    Such a folder is recognised by its README's first lines; only the files
    this module writes may then be replaced (any other file makes the run refuse).
    """
    try:
        with open(folder / "README.md", encoding="utf-8") as fh:
            head = fh.read(len(README_HEAD))
    except (OSError, UnicodeDecodeError):
        return None
    if head != README_HEAD:
        return None
    return {f"{name}.{ext}" for name in FIGURES for ext in ("png", "svg")} | {"README.md"}


def write_figures(result, out_dir: str | Path, *, jobs: int | None = None) -> list[Path]:
    """Write every figure of :data:`FIGURES` (PNG and SVG), a README listing them and ``manifest.json``.

    ``out_dir`` is replaced atomically, with the rules of ``analyze``'s
    folder (:func:`analysis.atomic.atomic_folder`): a folder holding files
    this tool did not write is refused, never overwritten. Rendering the
    PNG and SVG files is most of the time, so the figures are drawn by
    ``jobs`` forked worker processes (default: 2 where the machine has two
    cores and ``fork``); each figure is drawn alone, so the bytes do not
    depend on ``jobs``. The workers end with the run, whatever ends it.

    Returns:
        The figure files and the README written (the manifest listing them aside).
    """
    global _DRAWING
    import multiprocessing as mp

    from .style import DPI

    if jobs is None:
        jobs = min(2, os.cpu_count() or 1) if "fork" in mp.get_all_start_methods() else 1
    if display_name(result.source) != result.source:
        result = replace(result, source=display_name(result.source))
    lines = [
        "# Report figures",
        "",
        f"Generated by `python -m analysis figures` from `{result.source}`; do not edit by hand. "
        f"Each figure is a PNG ({DPI} dpi) and an SVG.",
        "",
    ]
    lines += [f"- `{name}.png` / `{name}.svg`: {caption}" for name, (_, caption) in FIGURES.items()]
    lines += ["", f"## What each figure's title says of `{result.source}`", ""]
    lines += [f"- `{name}`: {figure_title(name, result)}." for name in FIGURES]
    _DRAWING = result
    try:
        with atomic_folder(out_dir, adopt=_earlier_figures) as tmp:
            if jobs > 1:
                with worker_pool(jobs) as pool:
                    for future in [pool.submit(_render, name, tmp) for name in FIGURES]:
                        future.result()
            else:
                for name in FIGURES:
                    _render(name, tmp)
            (tmp / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
            names = sorted(p.name for p in tmp.iterdir())
            inputs = {"input": {"file": result.source, "sha256": result.input_sha256, "chars": len(result.text)}}
            manifest = build_manifest(
                inputs=inputs,
                codebook=result.codebook,
                parameters=result.parameters,
                outputs=file_digests(tmp),
            )
            write_manifest(tmp, manifest)
    finally:
        _DRAWING = None
    return [Path(out_dir) / n for n in names]
