"""How every figure and view looks: colours, matplotlib style, canvas, caption, reproducible saving.

One place for what the figures (:mod:`analysis.plots`, :mod:`analysis.corpus_figures`)
and the annotated HTML (:mod:`analysis.annotate`) share. :func:`save_figure`
applies the reproducibility settings: a fixed SVG hash salt and no dates or
software stamps, so the same tables give the same bytes with the same
library versions.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported where a figure is drawn (annotated HTML needs none)
    from matplotlib.figure import Figure

#: Colour-blind-safe categorical colours (matplotlib's tab10), by frame order.
FRAME_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
#: rcParams every report figure is drawn and saved with.
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "discourse-analysis",
    "svg.fonttype": "path",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
}
POSITIVE = "#2166ac"  # blue
NEGATIVE = "#e66101"  # orange: apart from blue in colour-blind vision and in grey-scale
#: 254 dpi is exactly 10,000 pixels per metre, so the PNG's stored resolution reads back as
#: 254 (200 dpi is stored as 7,874 px/m, which reads back as 199.9996).
DPI = 254


def frame_colours(frames: list[str]) -> dict[str, str]:
    """Frame id -> its colour: :data:`FRAME_COLOURS` in codebook order, cycling."""
    return {f: FRAME_COLOURS[i % len(FRAME_COLOURS)] for i, f in enumerate(frames)}


def figure_canvas(width: float, height: float) -> Figure:
    """An empty figure of this size (inches), constrained layout, drawn with :data:`STYLE`."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def caption(fig: Figure, text: str, source: str, *, width: int = 150) -> None:
    """A caption under the axes: method and caveat, then the source line (if any)."""
    wrapped = "\n".join(textwrap.wrap(text, width) + ([source] if source else []))
    fig.supxlabel(wrapped, fontsize=7, color="#444", x=0.01, ha="left")


def short_label(label: str) -> str:
    """ "Real estate and deal-making" -> "Real estate": the part before " and " or ","."""
    short = label.split(" and ")[0].split(",")[0]
    return short[4].upper() + short[5:] if short.startswith("The ") else short


def save_figure(fig: Figure, path_stem: str | Path) -> list[Path]:
    """Write ``<stem>.png`` (:data:`DPI`) and ``<stem>.svg`` with reproducible metadata.

    Returns:
        The paths written.
    """
    import matplotlib

    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(STYLE):
        png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
        fig.savefig(png, dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return [png, svg]
