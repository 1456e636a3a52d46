"""One function per report figure; each takes analysis tables and returns a Figure.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot
state), with an explicit size, a title that states the finding, labelled axes
and a caption naming the source article. :func:`save_figure` applies the
reproducibility settings (fixed SVG hash salt, no dates or software stamps),
so the same tables give the same bytes with the same library versions.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

SOURCE_CAPTION = ('Source: "Putin sends Trump\'s messengers packing, with eyes on a geopolitical win", '
                  "Nick Paton Walsh, CNN (republished by RNZ).")
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
DPI = 200


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def _caption(fig: Figure, text: str, source: str = SOURCE_CAPTION, *, width: int = 150) -> None:
    """A caption under the axes: method and caveat, then the source article."""
    wrapped = "\n".join(textwrap.wrap(text, width))
    fig.supxlabel(f"{wrapped}\n{source}", fontsize=7, color="#444", x=0.01, ha="left")


def sentiment_arc(paragraphs: pd.DataFrame, sentences: pd.DataFrame, *, source: str = SOURCE_CAPTION,
                  rolling: int = 3) -> Figure:
    """Figure 1: paragraph score bars, sentence compounds as dots, whole-paragraph compound marked.

    Args:
        paragraphs: the paragraph table (``para``, ``score``, ``compound_whole``).
        sentences: the sentence table (``para``, ``compound``).
        source: the caption's source line.
        rolling: window (paragraphs) of the centred rolling mean drawn as a line; 0 for none.
    """
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 4.2)
        ax = fig.add_subplot()
        x = paragraphs["para"].to_numpy()
        score = paragraphs["score"].to_numpy()
        ax.bar(x, score, color=[POSITIVE if s >= 0 else NEGATIVE for s in score], width=0.7,
               label="paragraph score (mean of sentence compounds)")
        jitter = (sentences.groupby("para").cumcount().to_numpy() - sentences.groupby("para")["sent"].transform("size").to_numpy() / 2) * 0.08
        ax.scatter(sentences["para"].to_numpy() + jitter, sentences["compound"], s=14, color="#222",
                   zorder=3, label="sentence compound")
        ax.scatter(x, paragraphs["compound_whole"], marker="_", s=260, linewidths=2.2, color="#7f3b08",
                   zorder=4, label="VADER on the whole paragraph")
        if rolling and len(paragraphs) >= rolling:
            smooth = pd.Series(score).rolling(rolling, center=True, min_periods=1).mean()
            ax.plot(x, smooth, color="#555", linestyle="--", linewidth=1,
                    label=f"rolling mean of scores over {rolling} paragraphs (centred)")
        ax.axhline(0, color="#333", linewidth=0.8)
        for y in (-0.05, 0.05):
            ax.axhline(y, color="#aaa", linewidth=0.5, linestyle=":")
        ax.set_ylim(-1.05, 1.05)
        ax.set_xticks(x, [("H" if p == 0 else str(p)) for p in x])
        ax.set_xlabel("paragraph (H = headline, then body paragraphs in article order)")
        ax.set_ylabel("VADER compound (-1 negative ... +1 positive)")
        n_pos = int((score >= 0.05).sum())
        n_neg = int((score <= -0.05).sum())
        fig.suptitle(f"Tone swings paragraph by paragraph: {n_pos} of {len(x)} read positive, {n_neg} negative; "
                     "whole-paragraph VADER exaggerates both", x=0.01, ha="left", fontsize=10)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7, frameon=False, ncols=2)
        _caption(fig, "Method: VADER (vaderSentiment 3.3.2) per sentence; dotted lines: VADER's +/-0.05 neutral band. "
                 "A lexicon built on social-media text: it reads words, not irony or whose pleasure is described.", source)
    return fig


#: name -> (function taking an Analysis, one-line caption); ``make figures`` writes each.
FIGURES = {
    "sentiment_arc": (
        lambda r: sentiment_arc(r.paragraphs, r.sentences),
        "Paragraph tone (mean sentence compound) across the article, each sentence as a dot, whole-paragraph VADER marked.",
    ),
}


def save_figure(fig: Figure, path_stem: str | Path) -> list[Path]:
    """Write ``<stem>.png`` (200 dpi) and ``<stem>.svg`` with reproducible metadata.

    Returns:
        The paths written.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(STYLE):
        png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
        fig.savefig(png, dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return [png, svg]


