"""One function per report figure; each takes analysis tables and returns a Figure.

Every figure is made in two steps. A *table* function (``tone_arc_table``,
``saturation_table``, ``tone_drivers_table``, ``frame_heatmap_table``,
``frame_dispersion_table``, ``actors_table``, ``extended_metaphor_table``,
``validity_table``) computes the small set of numbers the figure shows and
returns them as a dataclass; its ``title`` (and, where the data adds a remark,
``note``) is written from those numbers and claims only what they support:
comparisons carry the actual numbers and their direction, counts their
singular or plural, thresholds the package's constants
(:data:`analysis.sentiment.POSITIVE_THRESHOLD`,
:data:`analysis.framing.DEFAULT_EXTENDED_MIN`). The drawing function then
draws that table. Nothing here is about one article: captions state the
method and its caveats, the source line names the article drawn.

The registry of report figures (which function draws which file from an
analysis) is :data:`analysis.figures.FIGURES`; colours, style and saving are
:mod:`analysis.style`. Figures are built on :class:`matplotlib.figure.Figure`
directly (no pyplot state), with an explicit size, a title that states the
finding, labelled axes and a caption naming the source article. Paragraph
labels are thinned on long articles (:func:`label_step`, :func:`spaced`) so
they never overlap, from 1 to hundreds of paragraphs.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .actors import MAX_ENTITY_ACTORS, actor_mentions, actor_source
from .framing import DEFAULT_EXTENDED_MIN
from .metaphor import EXTENDED_MIN
from .sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, word_contributions
from .sentiment import label as tone_label
from .style import NEGATIVE, POSITIVE, STYLE, caption, figure_canvas, frame_colours, short_label

_figure, _short = figure_canvas, short_label


def _caption(fig: Figure, text: str, source: str = "", *, width: int = 150) -> None:
    caption(fig, text, source, width=width)


# --------------------------------------------------------------------------- words and labels


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 hit"``, ``"2 hits"``: a count with its noun in the right number (``many``: an irregular plural)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def para_label(p: int) -> str:
    """Paragraph ``p`` as the figures label it: ``H`` for the headline (0), else its number."""
    return "H" if p == 0 else str(p)


_para_label = para_label


def para_ref(p: int) -> str:
    """``"¶H"``, ``"¶12"``: a paragraph named in a title."""
    return f"\u00b6{para_label(p)}"


def para_list(paras, limit: int = 6) -> str:
    """``"¶2, ¶3 and ¶7"``; beyond ``limit`` paragraphs, the first ones and how many more."""
    refs = [para_ref(int(p)) for p in paras]
    if len(refs) > limit:
        return ", ".join(refs[:limit]) + f" and {len(refs) - limit} more"
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1] if refs else ""


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _suptitle(fig: Figure, text: str, *, fontsize: float = 10) -> None:
    """The title, wrapped to the figure's width (the text is the table's ``title``: lines joined by spaces)."""
    chars = max(40, int(fig.get_size_inches()[0] * 72 / (fontsize * 0.6)) - 4)
    glued = _GLUE.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)  # no line break inside "r = 0.64"
    lines = [line.replace("\u00a0", " ") for line in textwrap.wrap(glued, chars)]
    fig.suptitle("\n".join(lines), x=0.01, ha="left", fontsize=fontsize)


#: short expressions a title line never breaks inside: "r = 0.64", "8 \u00d7 -2.9", "|whole| > |sentence mean|"
_GLUE = re.compile(r"\S+ (?:=|\u00d7|>|<=|vs) \S+(?: mean\|)?")


#: steps at which paragraph labels are thinned: every paragraph, every 2nd, 5th, 10th ...
LABEL_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000)


def label_step(n: int, room: float, per_label: float) -> int:
    """The smallest step of :data:`LABEL_STEPS` at which ``n`` evenly spaced labels fit.

    Args:
        n: how many positions (paragraphs).
        room: the length of the axis (inches).
        per_label: the room one label needs (inches).
    """
    if n <= 0:
        return 1
    pitch = room / n
    return next((k for k in LABEL_STEPS if k * pitch >= per_label), LABEL_STEPS[-1])


def para_ticks(paras, step: int) -> tuple[list[int], list[str]]:
    """Positions (indices into ``paras``) and labels of the paragraphs labelled at ``step``: H and multiples of it."""
    picked = [i for i, p in enumerate(paras) if int(p) % step == 0] if step > 1 else list(range(len(paras)))
    return picked, [para_label(int(paras[i])) for i in picked]


def spaced(positions, min_gap: float) -> list[int]:
    """Indices of ``positions`` (ascending) kept so that no two kept ones are closer than ``min_gap`` (greedy)."""
    kept: list[int] = []
    for i, x in enumerate(positions):
        if not kept or x - positions[kept[-1]] >= min_gap:
            kept.append(i)
    return kept


def _every(step: int) -> str:
    """``"; every 5th labelled"`` when labels are thinned, else nothing (for axis labels)."""
    return "" if step == 1 else f"; every {step}{'nd' if step == 2 else 'th'} labelled"


def _tone_colour(value: float) -> str:
    return POSITIVE if value >= 0 else NEGATIVE


def _tones(values) -> np.ndarray:
    """positive / neutral / negative of each score, by the package's thresholds (NaN: neutral)."""
    v = np.asarray(values, dtype=float)
    return np.where(v >= POSITIVE_THRESHOLD, "positive", np.where(v <= NEGATIVE_THRESHOLD, "negative", "neutral"))


# --------------------------------------------------------------------------- 1. sentiment arc


@dataclass(frozen=True, eq=False)
class ToneArc:
    """The numbers of :func:`sentiment_arc`.

    Attributes:
        paragraphs: one row per paragraph: ``para``, ``n_sentences``, ``score``,
            ``compound_whole`` and ``tone`` (the score's label by the package's thresholds).
        positive, neutral, negative: paragraphs of each tone.
        multi: paragraphs of more than one sentence with a whole-paragraph score.
        inflated: of those, how many score further from 0 as a whole than by the mean of sentences.
    """

    paragraphs: pd.DataFrame
    positive: int
    neutral: int
    negative: int
    multi: int
    inflated: int

    @property
    def title(self) -> str:
        n = len(self.paragraphs)
        if n == 0:
            return "No analysed paragraph in this article"
        # the headline is drawn (and counted) as a paragraph: say so, so counts agree with "N body paragraphs"
        head = bool((self.paragraphs["para"] == 0).any())
        of_n = f"of {n} paragraphs (headline included)" if head else f"of {n} paragraphs"
        if n == 1:
            row = self.paragraphs.iloc[0]
            what = "Only the headline" if head else "One paragraph"
            lead = f"{what}, reading {row['tone']} ({row['score']:+.2f})"
        elif max(self.positive, self.neutral, self.negative) == n:
            lead = f"Every paragraph reads {self.paragraphs['tone'].iloc[0]} (all {n}{', headline included' * head})"
        elif self.positive and self.negative:
            lead = (
                f"Tone swings paragraph by paragraph: {self.positive} positive, "
                f"{self.negative} negative, {self.neutral} neutral {of_n}"
            )
        elif self.positive:
            lead = f"No paragraph reads negative: {self.positive} positive, {self.neutral} neutral {of_n}"
        else:
            lead = f"No paragraph reads positive: {self.negative} negative, {self.neutral} neutral {of_n}"
        if self.multi == 0:
            one = "it is a single sentence" if n == 1 else "every paragraph is one sentence"
            return f"{lead}; {one}, so whole-paragraph VADER gives the same score"
        if self.inflated == self.multi:
            where = (
                "the one multi-sentence paragraph" if self.multi == 1 else f"all {self.multi} multi-sentence paragraphs"
            )
            return f"{lead}; whole-paragraph VADER is more extreme than the sentence mean in {where}"
        if self.inflated == 0:
            return f"{lead}; whole-paragraph VADER is never more extreme than the sentence mean"
        return (
            f"{lead}; whole-paragraph VADER is more extreme than the sentence mean in {self.inflated} of "
            f"{self.multi} multi-sentence paragraphs"
        )


def _inflated(paragraphs: pd.DataFrame) -> tuple[int, int]:
    """(multi-sentence paragraphs with both scores, how many of them score further from 0 whole)."""
    m = paragraphs[(paragraphs["n_sentences"] > 1) & paragraphs["compound_whole"].notna()]
    return len(m), int((m["compound_whole"].abs() > m["compound_mean"].abs()).sum())


def tone_arc_table(paragraphs: pd.DataFrame) -> ToneArc:
    """The numbers :func:`sentiment_arc` shows: each paragraph's score and tone, and how many read which way.

    Args:
        paragraphs: the paragraph table (``para``, ``n_sentences``, ``score``,
            ``compound_mean``, ``compound_whole``).
    """
    t = paragraphs[["para", "n_sentences", "score", "compound_whole"]].reset_index(drop=True)
    t = t.assign(tone=_tones(t["score"]))
    counts = t["tone"].value_counts()
    multi, inflated = _inflated(paragraphs)
    return ToneArc(
        t,
        int(counts.get("positive", 0)),
        int(counts.get("neutral", 0)),
        int(counts.get("negative", 0)),
        multi,
        inflated,
    )


def sentiment_arc(paragraphs: pd.DataFrame, sentences: pd.DataFrame, *, source: str = "", rolling: int = 3) -> Figure:
    """Figure 1: paragraph score bars, sentence compounds as dots, whole-paragraph compound marked.

    Args:
        paragraphs: the paragraph table (``para``, ``score``, ``compound_whole``).
        sentences: the sentence table (``para``, ``compound``).
        source: the caption's source line.
        rolling: window (paragraphs) of the centred rolling mean drawn as a line; 0 for none.
    """
    table = tone_arc_table(paragraphs)
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 4.2)
        ax = fig.add_subplot()
        x = paragraphs["para"].to_numpy()
        score = paragraphs["score"].to_numpy()
        ax.bar(
            x,
            score,
            color=[POSITIVE if s >= 0 else NEGATIVE for s in score],
            width=0.7,
            label="paragraph score (mean of sentence compounds)",
        )
        jitter = (
            sentences.groupby("para").cumcount().to_numpy()
            - sentences.groupby("para")["sent"].transform("size").to_numpy() / 2
        ) * 0.08
        ax.scatter(
            sentences["para"].to_numpy() + jitter,
            sentences["compound"],
            s=14,
            color="#222",
            zorder=3,
            label="sentence compound",
        )
        ax.scatter(
            x,
            paragraphs["compound_whole"],
            marker="_",
            s=260 if len(x) <= 40 else 60,
            linewidths=2.2,
            color="#7f3b08",
            zorder=4,
            label="VADER on the whole paragraph",
        )
        if rolling and len(paragraphs) >= rolling:
            smooth = pd.Series(score).rolling(rolling, center=True, min_periods=1).mean()
            ax.plot(
                x,
                smooth,
                color="#555",
                linestyle="--",
                linewidth=1,
                label=f"rolling mean of scores over {rolling} paragraphs (centred)",
            )
        ax.axhline(0, color="#333", linewidth=0.8)
        for y in (NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD):
            ax.axhline(y, color="#aaa", linewidth=0.5, linestyle=":")
        ax.set_ylim(-1.05, 1.05)
        if len(x):
            pad = max(0.6, (8 - len(x)) / 2)  # a few paragraphs keep narrow bars
            ax.set_xlim(x.min() - pad, x.max() + pad)
        step = label_step(len(x), 8.0, 0.3)
        picked, labels = para_ticks(x, step)
        ax.set_xticks(x[picked], labels)
        if step > 1:
            ax.set_xticks(x, minor=True)
        ax.set_xlabel(f"paragraph (H = headline, then body paragraphs in article order{_every(step)})")
        ax.set_ylabel("VADER compound (-1 negative ... +1 positive)")
        _suptitle(fig, table.title)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7, frameon=False, ncols=2)
        _caption(
            fig,
            f"Method: VADER (vaderSentiment 3.3.2) per sentence; dotted lines: the neutral band "
            f"({NEGATIVE_THRESHOLD:+.2f} to {POSITIVE_THRESHOLD:+.2f}) that labels a paragraph positive, neutral "
            "or negative. A lexicon built on social-media text: it reads words, not irony or whose pleasure "
            "is described.",
            source,
        )
    return fig


# --------------------------------------------------------------------------- 2. saturation


@dataclass(frozen=True, eq=False)
class Saturation:
    """The numbers of :func:`saturation`.

    Attributes:
        paragraphs: one row per paragraph: ``para``, ``n_sentences``,
            ``compound_mean``, ``compound_whole``, ``inflated`` (a multi-sentence
            paragraph scoring further from 0 whole), ``relabelled`` (its
            positive/neutral/negative label differs between the two scores) and
            ``flipped`` (opposite labels, both outside the neutral band).
        multi: paragraphs of more than one sentence (with a whole-paragraph score).
        inflated: how many of them are ``inflated``.
        relabelled: the paragraphs whose label changes.
        flipped: the paragraphs whose sign flips.
    """

    paragraphs: pd.DataFrame
    multi: int
    inflated: int
    relabelled: list[int]
    flipped: list[int]

    @property
    def title(self) -> str:
        m, k = self.multi, self.inflated
        head = "Scoring a whole paragraph at once"
        if m == 0:
            lead = f"{head} changes nothing here: every paragraph is a single sentence"
        elif k == m:
            lead = (
                f"{head} exaggerates its tone in the one multi-sentence paragraph: |whole| > |sentence mean|"
                if m == 1
                else f"{head} exaggerates its tone in every multi-sentence paragraph: |whole| > |sentence mean| "
                f"in all {m}"
            )
        elif k == 0:
            lead = f"{head} never exaggerates its tone here: |whole| <= |sentence mean| in " + (
                "the one multi-sentence paragraph" if m == 1 else f"all {m} multi-sentence paragraphs"
            )
        elif 2 * k > m:
            lead = (
                f"{head} exaggerates its tone in most multi-sentence paragraphs: |whole| > |sentence mean| "
                f"in {k} of {m}"
            )
        else:
            lead = f"{head} exaggerates its tone in {k} of {m} multi-sentence paragraphs (|whole| > |sentence mean|)"
        r = self.relabelled
        if not r:
            change = "no paragraph changes label (positive, neutral, negative)"
        else:
            change = f"{plural(len(r), 'paragraph')} {'changes' if len(r) == 1 else 'change'} label ({para_list(r)})"
        f = self.flipped
        flip = (
            ""
            if not f
            else f"; {para_ref(f[0])} even flips sign"
            if len(f) == 1
            else f"; {len(f)} of them flip sign ({para_list(f)})"
        )
        return f"{lead}; {change}{flip}"


def saturation_table(paragraphs: pd.DataFrame) -> Saturation:
    """The numbers :func:`saturation` shows: whole-paragraph VADER against the mean of sentence compounds.

    Args:
        paragraphs: the paragraph table (``para``, ``n_sentences``, ``compound_mean``, ``compound_whole``).
    """
    t = paragraphs[["para", "n_sentences", "compound_mean", "compound_whole"]].reset_index(drop=True)
    mean, whole = _tones(t["compound_mean"]), _tones(t["compound_whole"])
    has_whole = t["compound_whole"].notna().to_numpy()
    multi = (t["n_sentences"] > 1).to_numpy() & has_whole
    t = t.assign(
        inflated=multi & (t["compound_whole"].abs() > t["compound_mean"].abs()).to_numpy(),
        relabelled=has_whole & (mean != whole),
        flipped=has_whole
        & (((mean == "positive") & (whole == "negative")) | ((mean == "negative") & (whole == "positive"))),
    )
    return Saturation(
        t,
        int(multi.sum()),
        int(t["inflated"].sum()),
        [int(p) for p in t.loc[t["relabelled"], "para"]],
        [int(p) for p in t.loc[t["flipped"], "para"]],
    )


def saturation_summary(paragraphs: pd.DataFrame) -> dict:
    """:func:`saturation_table`'s counts as a dict: ``multi``, ``inflated``, ``relabelled``, ``flipped``."""
    t = saturation_table(paragraphs)
    return {"multi": t.multi, "inflated": t.inflated, "relabelled": t.relabelled, "flipped": t.flipped}


def saturation(paragraphs: pd.DataFrame, *, source: str = "") -> Figure:
    """Figure 2: per paragraph, the sentence-mean score beside VADER on the whole paragraph.

    Args:
        paragraphs: the paragraph table (``para``, ``n_sentences``, ``compound_mean``, ``compound_whole``).
        source: the caption's source line.
    """
    table = saturation_table(paragraphs)
    n = len(paragraphs)
    height = min(max(0.25 * n + 1.95, 4.2), 14.0)
    pitch = (height - 2.4) / max(n, 1)  # inches per row, roughly
    step = label_step(n, height - 2.4, 0.16)
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, height)
        ax = fig.add_subplot()
        y = np.arange(n)
        ax.axvspan(NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, color="#eee", zorder=0)
        ax.axvline(0, color="#333", linewidth=0.8, zorder=1)
        count_size = min(8.0, pitch * 72 * 0.8)
        for yi, row in zip(y, paragraphs.itertuples()):
            m, w = row.compound_mean, row.compound_whole
            if abs(w - m) > 0.02:
                ax.annotate(
                    "",
                    xy=(w, yi),
                    xytext=(m, yi),
                    zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": "#999", "linewidth": 1.2, "shrinkA": 4, "shrinkB": 5},
                )
            if count_size >= 5:
                ax.text(1.12, yi, f"{row.n_sentences}", va="center", ha="center", fontsize=count_size, color="#333")
        ax.scatter(
            paragraphs["compound_whole"],
            y,
            marker="D",
            s=34 if pitch >= 0.18 else 14,
            zorder=3,
            color=[_tone_colour(v) for v in paragraphs["compound_whole"]],
        )
        ax.scatter(
            paragraphs["compound_mean"],
            y,
            marker="o",
            s=40 if pitch >= 0.18 else 16,
            facecolor="white",
            edgecolor="#222",
            linewidths=1.3,
            zorder=4,
        )
        if count_size >= 5:
            ax.text(1.12, -0.8, "sentences", ha="center", va="bottom", fontsize=7.5, color="#333")
        picked, labels = para_ticks(paragraphs["para"].to_numpy(), step)
        ax.set_yticks(y[picked], labels)
        ax.set_ylim(n - 0.5, -1.3)
        ax.set_xlim(-1.05, 1.2)
        ax.set_xticks(np.linspace(-1, 1, 9))
        ax.set_xlabel(
            f"VADER compound (-1 negative ... +1 positive); grey band: neutral "
            f"({NEGATIVE_THRESHOLD:+.2f} to {POSITIVE_THRESHOLD:+.2f})"
        )
        ax.set_ylabel(f"paragraph (H = headline{_every(step)})")
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="white",
                markeredgecolor="#222",
                label="mean of sentence compounds (the project's score)",
            ),
            Line2D([], [], marker="D", linestyle="", color=POSITIVE, label="VADER on the whole paragraph: positive"),
            Line2D([], [], marker="D", linestyle="", color=NEGATIVE, label="... negative"),
        ]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7.5, frameon=False, ncols=3)
        _suptitle(fig, table.title)
        _caption(
            fig,
            "Method: VADER (vaderSentiment 3.3.2) on each sentence, averaged per paragraph, against VADER "
            "on the paragraph's whole text; arrows run from the mean to the whole-paragraph score"
            + ("; numbers at right: sentences per paragraph" if count_size >= 5 else "")
            + ". VADER's compound normalises a sum of word valences (x / sqrt(x^2 + 15)), so longer texts drift "
            "towards +/-1; one-sentence paragraphs score the same both ways.",
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- 3. tone drivers


def word_totals(contributions: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Sum of raw lexicon valence per word over the article.

    Args:
        contributions: :func:`analysis.sentiment.word_contributions` output.
        top: keep the ``top`` words with the largest ``|total|`` (ties by word).

    Returns:
        ``word``, ``count``, ``valence`` (per occurrence), ``total``; sorted by
        ``|total|`` descending, then word.
    """
    g = (
        contributions.groupby("word", sort=True)
        .agg(count=("valence", "size"), valence=("valence", "first"), total=("valence", "sum"))
        .reset_index()
    )
    g["total"] = g["total"].round(4)
    g = g.assign(_abs=g["total"].abs()).sort_values(["_abs", "word"], ascending=[False, True], kind="stable")
    g = g.drop(columns="_abs").reset_index(drop=True)
    return g.head(top) if top else g


def _sum(w) -> str:
    return f"{w['count']} \u00d7 {w['valence']:+.1f} = {w['total']:+.1f}"


#: ratio of the larger to the smaller count below which one side "slightly" outnumbers the other,
#: and at or above which it "far" outnumbers it
SLIGHTLY, FAR = 1.2, 2.0


def outnumber(more: int, fewer: int) -> str:
    """The verb for ``more`` occurrences against ``fewer``: "slightly outnumber", "outnumber", "far outnumber"."""
    ratio = more / fewer if fewer else math.inf
    return "slightly outnumber" if ratio < SLIGHTLY else "outnumber" if ratio < FAR else "far outnumber"


@dataclass(frozen=True, eq=False)
class ToneDrivers:
    """The numbers of :func:`tone_drivers`.

    Attributes:
        words: the words drawn (``word``, ``count``, ``valence``, ``total``), largest ``|total|`` first.
        distinct: distinct lexicon words in the article.
        positive, negative: occurrences of positive and of negative lexicon words.
        positive_sum, negative_sum: their summed valence.
        lead: the word with the largest ``|total|`` (a row of :func:`word_totals`), None without words.
        rival: the strongest word of the other sign, None when there is none.
    """

    words: pd.DataFrame
    distinct: int
    positive: int
    negative: int
    positive_sum: float
    negative_sum: float
    lead: pd.Series | None
    rival: pd.Series | None

    @property
    def title(self) -> str:
        if self.lead is None:
            return "No word of this article is in VADER's lexicon"
        if self.rival is None:
            sign = "positive" if self.lead["total"] > 0 else "negative"
            n = self.positive + self.negative
            total = self.positive_sum + self.negative_sum
            return (
                f"Every scored word is {sign}: {plural(n, 'occurrence')} of {plural(self.distinct, 'lexicon word')}, "
                f"summed valence {total:+.1f}; "
                + ("the strongest" if self.distinct > 1 else "the only one")
                + f': "{self.lead["word"]}" ({_sum(self.lead)})'
            )
        lead_sign = "positive" if self.lead["total"] > 0 else "negative"
        other = "negative" if lead_sign == "positive" else "positive"
        if abs(self.lead["total"]) > abs(self.rival["total"]):
            first = (
                f'"{self.lead["word"]}" alone ({_sum(self.lead)}) outweighs any {other} word '
                f'("{self.rival["word"]}": {_sum(self.rival)})'
            )
        else:
            first = (
                f'"{self.lead["word"]}" ({_sum(self.lead)}) and "{self.rival["word"]}" ({_sum(self.rival)}) '
                "weigh the same"
            )
        p, q = self.positive, self.negative
        if p == q:
            return f"{first}; positive and negative lexicon words occur equally often ({p} each)"
        more, fewer = ("positive", "negative") if p > q else ("negative", "positive")
        joint = "though" if more != lead_sign else "and"
        return (
            f"{first}, {joint} {more} lexicon words {outnumber(max(p, q), min(p, q))} {fewer} ones "
            f"({max(p, q)} occurrences vs {min(p, q)})"
        )


def tone_drivers_table(sentences: pd.DataFrame, top: int = 20) -> ToneDrivers:
    """The numbers :func:`tone_drivers` shows: the lexicon words with the largest summed valence.

    Args:
        sentences: the sentence table (``para``, ``sent``, ``text``).
        top: how many words to keep (largest ``|total|``, ties by word).
    """
    contrib = word_contributions(sentences)
    totals = word_totals(contrib)
    pos, neg = contrib[contrib["valence"] > 0], contrib[contrib["valence"] < 0]
    lead = totals.iloc[0] if len(totals) else None
    rival = None
    if lead is not None:
        others = totals[(totals["total"] < 0) if lead["total"] > 0 else (totals["total"] > 0)]
        rival = others.iloc[0] if len(others) else None
    return ToneDrivers(
        totals.head(top),
        len(totals),
        len(pos),
        len(neg),
        round(float(pos["valence"].sum()), 4),
        round(float(neg["valence"].sum()), 4),
        lead,
        rival,
    )


def tone_drivers(sentences: pd.DataFrame, top: int = 20, *, source: str = "") -> Figure:
    """Figure 3: the VADER lexicon words that carry the article's tone, as a diverging bar chart.

    Args:
        sentences: the sentence table (``para``, ``sent``, ``text``).
        top: how many words (largest |summed valence|) to show.
        source: the caption's source line.
    """
    table = tone_drivers_table(sentences, top)
    words = table.words.sort_values(["total", "word"], ascending=[True, False], kind="stable")
    with matplotlib.rc_context(STYLE):
        fig = _figure(8.5, 0.26 * len(words) + 2.4)
        ax = fig.add_subplot()
        y = np.arange(len(words))
        ax.barh(y, words["total"], color=[_tone_colour(v) for v in words["total"]], height=0.7)
        ax.axvline(0, color="#333", linewidth=0.8)
        span = float(words["total"].abs().max()) if len(words) else 1.0
        for yi, row in zip(y, words.itertuples()):
            off = 0.012 * span * 2
            ax.text(
                row.total + (off if row.total >= 0 else -off),
                yi,
                f"{row.count} \u00d7 {row.valence:+.1f}",
                va="center",
                ha="left" if row.total >= 0 else "right",
                fontsize=7.5,
                color="#333",
            )
        ax.set_yticks(y, words["word"])
        ax.set_ylim(-0.6, len(y) - 0.4)
        if len(words):
            ax.set_xlim(min(words["total"].min(), 0) - 0.22 * span, max(words["total"].max(), 0) + 0.22 * span)
        ax.set_xlabel(
            "summed VADER lexicon valence over the article (occurrences \u00d7 valence per word; "
            "lexicon scale -4 ... +4)"
        )
        ax.set_ylabel("word (lower-cased)")
        _suptitle(fig, table.title)
        shown = (
            f"all {plural(len(words), 'word')}"
            if len(words) == table.distinct
            else f"the top {len(words)} of {table.distinct} words by |sum|"
        )
        _caption(
            fig,
            f"Method: each sentence lower-cased and split into words; every word in VADER's lexicon "
            f"(vaderSentiment 3.3.2) counted with its raw valence; {shown}. Caveat: raw valence, before "
            "VADER's rules for negation, boosters, 'but' and capitals, so it shows which words carry the score, "
            "not the exact compound. The lexicon reads words, not whose they are or how they are meant: a "
            "positive word may describe someone else's gain, and a word inside a name or an idiom counts too.",
            source,
            width=135,
        )
    return fig


# --------------------------------------------------------------------------- 4. frame heatmap


def frame_grid(frame_counts: pd.DataFrame, frames, value: str = "hits") -> pd.DataFrame:
    """Frames (rows, in the order of ``frames``) by paragraphs (columns) of ``value``."""
    return frame_counts.pivot(index="frame", columns="para", values=value).reindex(list(frames))


def _frame_name(labels: dict[str, str], frame: str) -> str:
    """A frame as titles name it: its short label, lower-cased ("real estate")."""
    return _short(labels.get(frame, frame)).lower()


def _extended_rule(extended_min: int) -> str:
    return f"{extended_min}+ distinct entries of one frame in a paragraph"


@dataclass(frozen=True, eq=False)
class FrameHeatmap:
    """The numbers of :func:`frame_heatmap`.

    Attributes:
        hits: frames (rows, codebook order) by paragraphs (columns) of hits.
        extended: the same grid, True where the paragraph is an extended metaphor of the frame.
        frame_labels: frame id -> label.
        extended_min: the distinct entries that made a cell extended.
    """

    hits: pd.DataFrame
    extended: pd.DataFrame
    frame_labels: dict[str, str]
    extended_min: int = DEFAULT_EXTENDED_MIN

    @property
    def total(self) -> int:
        """Hits of every frame in every paragraph."""
        return int(self.hits.to_numpy().sum()) if self.hits.size else 0

    @property
    def peak(self) -> tuple[str, int, int, int] | None:
        """(frame, paragraph, its hits, the frame's hits in the article) of the busiest cell
        (first in codebook then paragraph order); None without hits."""
        if not self.total:
            return None
        frame, para = self.hits.stack().idxmax()
        return frame, int(para), int(self.hits.loc[frame, para]), int(self.hits.loc[frame].sum())

    @property
    def extended_cells(self) -> dict[str, list[int]]:
        """Frame id -> the paragraphs where it is an extended metaphor (codebook order; frames with one only)."""
        cells = {f: [int(p) for p in self.extended.columns if self.extended.loc[f, p]] for f in self.extended.index}
        return {f: ps for f, ps in cells.items() if ps}

    @property
    def title(self) -> str:
        peak = self.peak
        if peak is None:
            return "No frame hits in this article"
        frame, para, n, of = peak
        name = _frame_name(self.frame_labels, frame)
        if self.total == 1:
            lead = f"The article's only frame hit is a {name} term, in {para_ref(para)}"
        elif n == of:
            lead = f"All {of} {name} hits fall in {para_ref(para)}"
            if of < self.total:
                lead += f" ({of} of the article's {self.total} frame hits)"
        elif n >= 3 and 2 * n >= of:
            lead = f"Frame words cluster: {para_ref(para)} alone holds {n} of the article's {of} {name} hits"
        elif (ties := int((self.hits.to_numpy() == n).sum())) > 1:
            lead = (
                f"No paragraph stands out: at most {plural(n, 'hit')} of one frame in a paragraph, in {ties} "
                f"paragraph-frame pairs; {self.total} frame hits in all"
            )
        else:
            lead = f"The busiest cell: {para_ref(para)} holds {n} of the article's {of} {name} hits"
        cells = self.extended_cells
        rule = _extended_rule(self.extended_min)
        if not cells:
            return f"{lead}; no extended metaphor ({rule})"
        where = "; ".join(
            f"{_frame_name(self.frame_labels, f)} in {para_list(ps)}"
            for f, ps in sorted(cells.items(), key=lambda kv: kv[1][0])
        )
        n_ext = sum(len(ps) for ps in cells.values())
        return f"{lead}; {plural(n_ext, 'extended metaphor')} ({rule}): {where}"


def frame_heatmap_table(
    frame_counts: pd.DataFrame, frame_labels: dict[str, str], *, extended_min: int = DEFAULT_EXTENDED_MIN
) -> FrameHeatmap:
    """The numbers :func:`frame_heatmap` shows: hits per frame and paragraph, extended metaphors flagged.

    Args:
        frame_counts: the full grid (``para``, ``frame``, ``hits``, ``extended``).
        frame_labels: frame id -> label, in codebook order (row order).
        extended_min: the threshold the ``extended`` flags were computed with (the analysis's parameter).
    """
    hits = frame_grid(frame_counts, frame_labels, "hits").fillna(0).astype("int64")
    ext = frame_grid(frame_counts, frame_labels, "extended").fillna(False).astype(bool)
    return FrameHeatmap(hits, ext, dict(frame_labels), extended_min)


def frame_heatmap(
    frame_counts: pd.DataFrame,
    frame_labels: dict[str, str],
    *,
    source: str = "",
    extended_min: int = DEFAULT_EXTENDED_MIN,
) -> Figure:
    """Figure 4: hits per frame and paragraph, with extended-metaphor cells outlined.

    Args:
        frame_counts: the full grid (``para``, ``frame``, ``hits``, ``extended``).
        frame_labels: frame id -> label, in codebook order (row order).
        source: the caption's source line.
        extended_min: the threshold the ``extended`` flags were computed with.
    """
    table = frame_heatmap_table(frame_counts, frame_labels, extended_min=extended_min)
    return _paragraph_grid(
        table.hits,
        table.extended,
        [frame_labels[f] for f in table.hits.index],
        title=table.title,
        ylabel="frame (codebook order)",
        colorbar="hits (codebook matches per paragraph)",
        legend=f"extended metaphor: {table.extended_min} or more distinct entries of the frame in one paragraph",
        method="Method: codebook terms and phrases matched on word stems within sentences; a frame's word "
        "counts once per match, but two frames may count the same word. Counts are word matches, not coded "
        "metaphors: a reader decides whether each use is figurative or literal. ",
        source=source,
    )


def _paragraph_grid(
    hits: pd.DataFrame,
    ext: pd.DataFrame,
    row_labels: list[str],
    *,
    title: str,
    ylabel: str,
    colorbar: str,
    legend: str,
    method: str,
    source: str,
) -> Figure:
    """A rows-by-paragraphs grid of counts, shaded, extended cells outlined (figures 4 and 9)."""
    vmax = max(int(hits.to_numpy().max()) if hits.size else 0, 1)
    n_para, n_rows = len(hits.columns), len(hits.index)
    height = max(4.8, 0.3 * n_rows + 2.4)
    room = 7.0  # inches of axis, roughly (labels at left, colour bar at right)
    numbers = n_para == 0 or room / n_para >= 0.17  # room for a cell's number
    step = label_step(n_para, room, 0.3)
    with matplotlib.rc_context(STYLE):
        fig = _figure(10, height)
        ax = fig.add_subplot()
        im = ax.imshow(hits.to_numpy(), cmap="Greys", vmin=0, vmax=vmax * 1.15, aspect="auto")
        for i, f in enumerate(hits.index):
            for j, p in enumerate(hits.columns):
                n = int(hits.loc[f, p])
                if n and numbers:
                    ax.text(
                        j, i, str(n), ha="center", va="center", fontsize=8, color="white" if n > 0.5 * vmax else "black"
                    )
                if ext.loc[f, p]:
                    ax.add_patch(
                        Rectangle((j - 0.46, i - 0.44), 0.92, 0.88, fill=False, edgecolor=NEGATIVE, linewidth=2.4)
                    )
        picked, labels = para_ticks(hits.columns.to_numpy(), step)
        ax.set_xticks(picked, labels)
        ax.set_yticks(range(n_rows), row_labels)
        if n_para <= 60:
            ax.set_xticks(np.arange(n_para + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="#ddd", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel(f"paragraph (H = headline, then body paragraphs in article order{_every(step)})")
        ax.set_ylabel(ylabel)
        fig.colorbar(im, ax=ax, label=colorbar, shrink=0.8, pad=0.01)
        ax.legend(
            handles=[Patch(facecolor="none", edgecolor=NEGATIVE, linewidth=2.4, label=legend)],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            fontsize=7.5,
            frameon=False,
        )
        _suptitle(fig, title)
        _caption(
            fig,
            method
            + ("Empty cells: no hits." if numbers else "Shading gives the hits (too many paragraphs to print them)."),
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- 9. metaphor clusters


@dataclass(frozen=True, eq=False)
class MetaphorClusters:
    """The numbers of :func:`metaphor_cluster_map`.

    Attributes:
        counts: source domains (rows, most candidates first) by paragraphs (columns) of candidates.
        extended: the same grid, True where the paragraph's candidates of the domain are an extended cluster.
        lemmas: (domain, paragraph) -> the distinct words of the extended clusters.
    """

    counts: pd.DataFrame
    extended: pd.DataFrame
    words: dict

    @property
    def total(self) -> int:
        return int(self.counts.to_numpy().sum()) if self.counts.size else 0

    @property
    def title(self) -> str:
        if not self.total:
            return "No metaphor candidates with a source domain in this article"
        cells = [(d, int(p)) for d in self.extended.index for p in self.extended.columns if self.extended.loc[d, p]]
        if not cells:
            domain = self.counts.sum(axis=1).idxmax()
            return (
                f"{self.total} candidate words with a source domain, {domain} the commonest "
                f"({int(self.counts.loc[domain].sum())}); no paragraph has {EXTENDED_MIN} distinct words of one domain"
            )
        best = max(cells, key=lambda c: (len(self.words[c]), -c[1]))
        words = self.words[best]
        shown = ", ".join(words[:5]) + (", ..." if len(words) > 5 else "")
        lead = f"{para_ref(best[1]).capitalize()} draws {len(words)} distinct words from {best[0]} ({shown})"
        if len(cells) == 1:
            return f"{lead}: the article's only extended cluster ({EXTENDED_MIN}+ distinct words of one domain)"
        return f"{lead}; {len(cells)} extended clusters ({EXTENDED_MIN}+ distinct words of one domain) in all"


def metaphor_clusters_table(clusters: pd.DataFrame, paragraphs: pd.DataFrame) -> MetaphorClusters:
    """The numbers :func:`metaphor_cluster_map` shows, from ``metaphor_clusters.csv`` and the paragraphs."""
    paras = [int(p) for p in paragraphs["para"]]
    order = list(
        clusters.groupby("source_domain")["n_candidates"].sum().sort_values(ascending=False, kind="stable").index
    )
    counts = pd.DataFrame(0, index=order, columns=paras, dtype="int64")
    extended = pd.DataFrame(False, index=order, columns=paras)
    words = {}
    for row in clusters.itertuples(index=False):
        if row.para in counts.columns:
            counts.loc[row.source_domain, row.para] = int(row.n_candidates)
            extended.loc[row.source_domain, row.para] = bool(row.extended)
            if row.extended:
                words[(row.source_domain, int(row.para))] = row.texts.split("; ")
    return MetaphorClusters(counts, extended, words)


def metaphor_cluster_map(clusters: pd.DataFrame, paragraphs: pd.DataFrame, *, source: str = "") -> Figure:
    """Figure 9: metaphor candidates per source domain and paragraph, extended clusters outlined (no codebook)."""
    table = metaphor_clusters_table(clusters, paragraphs)
    return _paragraph_grid(
        table.counts,
        table.extended,
        list(table.counts.index),
        title=table.title,
        ylabel="source domain of the word's basic sense (WordNet)",
        colorbar="metaphor candidates (score 0.3 or more) per paragraph",
        legend=f"extended cluster: {EXTENDED_MIN} or more distinct words of one source domain in one paragraph",
        method="Method: no codebook; every content word is scored as a metaphor candidate (WordNet senses, "
        "concreteness and context, after MIP/MIPVU; metaphor_candidates.csv) and counted here under the source "
        "domain of its basic sense. Candidates are estimates, not coded metaphors: a domain's words may be "
        "literal in this article (a war story's war words). ",
        source=source,
    )


# --------------------------------------------------------------------------- 5. frame dispersion

_BURST_COLUMNS = ["frame", "hits", "paragraphs", "top_para", "top_hits", "top_span", "top_paras"]


def frame_bursts(frame_hits: pd.DataFrame) -> pd.DataFrame:
    """Per frame with hits: hits, paragraphs with hits, the busiest paragraph (the first of equals), its hits,
    their character span (first start to last end) and how many paragraphs have that many hits."""
    rows = []
    for frame, g in frame_hits.groupby("frame", sort=False):
        per = g.groupby("para").size()
        top = int(per.idxmax())
        in_top = g[g["para"] == top]
        rows.append(
            {
                "frame": frame,
                "hits": len(g),
                "paragraphs": len(per),
                "top_para": top,
                "top_hits": int(per.max()),
                "top_span": int(in_top["end"].max() - in_top["start"].min()),
                "top_paras": int((per == per.max()).sum()),
            }
        )
    return pd.DataFrame(rows, columns=_BURST_COLUMNS)


@dataclass(frozen=True, eq=False)
class FrameDispersion:
    """The numbers of :func:`frame_dispersion`.

    Attributes:
        frames: one row per codebook frame, in codebook order, with the columns of
            :func:`frame_bursts` (a frame without hits: 0 hits, 0 paragraphs, no top paragraph).
        frame_labels: frame id -> label.
    """

    frames: pd.DataFrame
    frame_labels: dict[str, str]

    @property
    def total(self) -> int:
        return int(self.frames["hits"].sum())

    @property
    def most(self) -> pd.Series | None:
        """The frame with the most hits (then the most in one paragraph, then codebook order)."""
        hit = self.frames[self.frames["hits"] > 0]
        return None if hit.empty else hit.sort_values(["hits", "top_hits"], ascending=False, kind="stable").iloc[0]

    @property
    def spread(self) -> pd.Series | None:
        """The frame found in the most paragraphs (then the most hits, then codebook order)."""
        hit = self.frames[self.frames["hits"] > 0]
        return None if hit.empty else hit.sort_values(["paragraphs", "hits"], ascending=False, kind="stable").iloc[0]

    @property
    def title(self) -> str:
        most = self.most
        if most is None:
            return "No frame hits in this article"
        name = _cap(_frame_name(self.frame_labels, most["frame"]))
        top = para_ref(int(most["top_para"]))
        h, k, p = int(most["hits"]), int(most["top_hits"]), int(most["paragraphs"])
        used = int((self.frames["hits"] > 0).sum())
        if self.total == 1:
            return f"The article's only frame hit is a {name.lower()} term, in {top}"
        if h == 1:
            return f"No frame has more than one hit: {self.total} hits of {used} frames, one each"
        if p == 1:
            lead = f"All {h} {name.lower()} hits fall in {top}, within {plural(int(most['top_span']), 'character')}"
            lead = _cap(lead)
        elif k >= 3 and 2 * k > h:
            lead = f"{name} terms come in one burst: {k} of {h} hits within {most['top_span']} characters of {top}"
        else:
            one = f"in one ({top})" if int(most["top_paras"]) == 1 else "in any one"
            lead = f"{name} terms ({h} hits) spread over {p} paragraphs, at most {k} {one}"
        spread = self.spread
        if spread["frame"] != most["frame"] and spread["paragraphs"] >= 2:
            lead += (
                f"; {_frame_name(self.frame_labels, spread['frame'])} terms ({int(spread['hits'])} hits) recur across "
                f"{int(spread['paragraphs'])} paragraphs"
            )
        return lead


def frame_dispersion_table(frame_hits: pd.DataFrame, frame_labels: dict[str, str]) -> FrameDispersion:
    """The numbers :func:`frame_dispersion` shows: per frame, its hits and where they bunch.

    Args:
        frame_hits: the hit table (``frame``, ``para``, ``start``, ``end``).
        frame_labels: frame id -> label, in codebook order.
    """
    b = frame_bursts(frame_hits).set_index("frame").reindex(list(frame_labels))
    counts = ["hits", "paragraphs", "top_hits", "top_span", "top_paras"]
    b[counts] = b[counts].astype("float64").fillna(0).astype("int64")
    b["top_para"] = b["top_para"].astype("Int64")
    return FrameDispersion(b.reset_index(), dict(frame_labels))


def frame_dispersion(
    frame_hits: pd.DataFrame,
    paragraphs: pd.DataFrame,
    frame_labels: dict[str, str],
    *,
    text_length: int | None = None,
    source: str = "",
) -> Figure:
    """Figure 5: a dispersion (x-ray) plot, one row per frame, one tick per hit at its character offset.

    Args:
        frame_hits: the hit table (``frame``, ``start``, ``end``, ``para``).
        paragraphs: the paragraph table (``para``, ``start``, ``end``) for boundaries.
        frame_labels: frame id -> label, in codebook order (top to bottom).
        text_length: the article's length in characters (x axis end); default: last paragraph end.
        source: the caption's source line.
    """
    frames = list(frame_labels)
    colours = frame_colours(frames)
    table = frame_dispersion_table(frame_hits, frame_labels)
    end = max(text_length or int(paragraphs["end"].max()), 1)
    with matplotlib.rc_context(STYLE):
        fig = _figure(10, max(4.4, 0.3 * len(frames) + 2.0))
        ax = fig.add_subplot()
        edges = [0] + [v for a, b in zip(paragraphs["start"], paragraphs["end"]) for v in (a, b)] + [end]
        for a, b in zip(edges[::2], edges[1::2]):
            if b > a:
                ax.axvspan(a, b, color="#f0f0f0", zorder=0, linewidth=0)
        for s in paragraphs["start"]:
            ax.axvline(s, color="#ccc", linewidth=0.7, zorder=1)
        right = blended_transform_factory(ax.transAxes, ax.transData)
        for i, f in enumerate(frames):
            starts = frame_hits.loc[frame_hits["frame"] == f, "start"].to_numpy()
            ax.vlines(starts, i - 0.36, i + 0.36, color=colours[f], linewidth=1.6, zorder=3)
            ax.text(1.006, i, str(len(starts)), va="center", ha="left", fontsize=8, color="#333", transform=right)
        ax.text(1.006, -0.75, "hits", va="bottom", ha="left", fontsize=7.5, color="#333", transform=right)
        ax.set_yticks(range(len(frames)), [frame_labels[f] for f in frames])
        ax.set_ylim(len(frames) - 0.5, -0.9)
        ax.set_xlim(0, end)
        ax.set_xlabel("character offset in the article (grey bands: byline and photo captions, not analysed)")
        ax.set_ylabel("frame (codebook order)")
        top = ax.secondary_xaxis("top")
        mids = ((paragraphs["start"] + paragraphs["end"]) / 2).to_numpy()
        keep = spaced(mids, end * 0.3 / 7.5)  # about 0.3 inch between labels on a 7.5-inch axis
        top.set_xticks(mids[keep], [para_label(int(paragraphs["para"].iloc[i])) for i in keep], fontsize=7.5)
        top.tick_params(length=0)
        thinned = "; labels thinned where paragraphs are short" if len(keep) < len(mids) else ""
        top.set_xlabel(f"paragraph (H = headline{thinned})", fontsize=8)
        top.spines["top"].set_visible(False)
        _suptitle(fig, table.title)
        _caption(
            fig,
            "Method: each tick is one codebook match, placed at its first character; light vertical "
            "lines mark paragraph starts. Ticks show where the vocabulary occurs, not whether each use is "
            "figurative; counts at right.",
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- 6. actors


@dataclass(frozen=True, eq=False)
class Actors:
    """The numbers of :func:`actor_panels`.

    Attributes:
        actors: one row per codebook actor (the co-occurrence table's rows, in order):
            ``actor``, ``sentences`` (0 when never named), ``compound_mean``,
            ``compound_min``, ``compound_max`` (NaN when never named) and ``tone``
            (the mean's label by the package's thresholds; empty when never named).
        cooccurrence: actors (rows) by frames (columns) of sentences with both.
        frame_labels: frame id -> label.
    """

    actors: pd.DataFrame
    cooccurrence: pd.DataFrame
    frame_labels: dict[str, str]

    @property
    def named(self) -> pd.DataFrame:
        """The actors named at least once, most sentences first (then codebook order)."""
        a = self.actors[self.actors["sentences"] > 0]
        return a.sort_values("sentences", ascending=False, kind="stable")

    @property
    def pairings(self) -> list[tuple[str, str, int]]:
        """Every (actor, frame, sentences) cell with the largest count, in table order; [] when all are 0."""
        co = self.cooccurrence
        top = int(co.to_numpy().max()) if co.size else 0
        if not top:
            return []
        return [(a, f, top) for a in co.index for f in co.columns if int(co.loc[a, f]) == top]

    @property
    def title(self) -> str:
        named = self.named
        if named.empty:
            return "No actor mentions in this article"
        r1 = named.iloc[0]
        s1 = plural(int(r1["sentences"]), "sentence")
        if len(named) == 1:
            lead = (
                f"{r1['actor']} is the only actor named ({s1}), in {r1['tone']} sentences on average "
                f"({r1['compound_mean']:+.2f})"
            )
        else:
            r2 = named.iloc[1]
            s2 = int(r2["sentences"])
            if r1["tone"] == r2["tone"]:
                lead = (
                    f"{r1['actor']} ({s1}) and {r2['actor']} ({s2}), the most named, appear in {r1['tone']} sentences "
                    f"on average ({r1['compound_mean']:+.2f}, {r2['compound_mean']:+.2f})"
                )
            else:
                lead = (
                    f"{r1['actor']} ({s1}), the most named, appears in {r1['tone']} sentences on average "
                    f"({r1['compound_mean']:+.2f}), {r2['actor']} ({s2}) in {r2['tone']} ones "
                    f"({r2['compound_mean']:+.2f})"
                )
        pair = named.head(2)
        lo, hi = float(pair["compound_min"].min()), float(pair["compound_max"].max())
        if hi > lo:
            lead += f", ranging from {lo:+.2f} to {hi:+.2f}"
        cells = self.pairings
        if not cells:
            return f"{lead}; no sentence names an actor alongside a frame hit"
        a, f, n = cells[0]
        if len(cells) == 1:
            frame = _frame_name(self.frame_labels, f)
            return f"{lead}; the commonest pairing is {a} with {frame} ({plural(n, 'sentence')})"
        return (
            f"{lead}; {len(cells)} pairings tie as the commonest ({plural(n, 'sentence')} each), e.g. {a} with "
            f"{_frame_name(self.frame_labels, f)}"
        )


def actors_table(tone: pd.DataFrame, cooccurrence: pd.DataFrame, frame_labels: dict[str, str] | None = None) -> Actors:
    """The numbers :func:`actor_panels` shows.

    Args:
        tone: :func:`analysis.actors.actor_tone` output.
        cooccurrence: :func:`analysis.actors.actor_frame_cooccurrence` output (actors x frames).
        frame_labels: frame id -> label (default: the ids).
    """
    t = tone.set_index("actor").reindex(list(cooccurrence.index))
    t = t[["sentences", "compound_mean", "compound_min", "compound_max"]].rename_axis("actor").reset_index()
    t["sentences"] = t["sentences"].fillna(0).astype("int64")
    t["tone"] = np.where(t["sentences"] > 0, [tone_label(v) if v == v else "" for v in t["compound_mean"]], "")
    labels = frame_labels or {f: f for f in cooccurrence.columns}
    return Actors(t, cooccurrence, dict(labels))


def actor_panels(
    tone: pd.DataFrame,
    cooccurrence: pd.DataFrame,
    frame_labels: dict[str, str] | None = None,
    *,
    source: str = "",
    actors_from: str = "codebook",
) -> Figure:
    """Figure 6: mean sentence tone per actor (left) and actor x frame sentence co-occurrence (right).

    Args:
        tone: :func:`analysis.actors.actor_tone` output.
        cooccurrence: :func:`analysis.actors.actor_frame_cooccurrence` output (actors x frames).
        frame_labels: frame id -> label for the column labels (default: the ids).
        source: the caption's source line.
        actors_from: ``"codebook"`` (the codebook's actors) or ``"entities"`` (the article's named
            entities, :func:`analysis.actors.actor_source`): the axis label and the method line say which.
    """
    table = actors_table(tone, cooccurrence, frame_labels)
    actors = list(cooccurrence.index)
    t = table.actors.set_index("actor")
    labels = [_short(table.frame_labels.get(f, f)) for f in cooccurrence.columns]
    with matplotlib.rc_context(STYLE):
        fig = _figure(11, max(4.9, 0.3 * len(actors) + 1.9))
        left, right = fig.subplots(1, 2, width_ratios=[1, 1.35])
        y = np.arange(len(actors))
        mean = t["compound_mean"].astype(float).fillna(0).to_numpy()
        left.hlines(y, t["compound_min"], t["compound_max"], color="#bbb", linewidth=1, zorder=1)
        left.barh(y, mean, color=[_tone_colour(v) for v in mean], height=0.6, zorder=2)
        left.axvline(0, color="#333", linewidth=0.8)
        for yi, n in enumerate(t["sentences"]):
            left.text(1.04, yi, f"{int(n)}", va="center", ha="left", fontsize=8, color="#333")
        left.text(1.04, -0.75, "sentences", va="bottom", ha="left", fontsize=7.5, color="#333")
        left.set_xlim(-1, 1)
        left.set_xticks([-1, -0.5, 0, 0.5, 1])
        left.set_ylim(len(actors) - 0.5, -0.9)
        left.set_yticks(y, actors)
        left.set_xlabel("VADER compound of sentences naming the actor\n(bar: mean; grey line: min to max)")
        left.set_ylabel(
            "actor (codebook order)" if actors_from == "codebook" else "named entity (most mentioned first)"
        )
        vmax = max(int(cooccurrence.to_numpy().max()) if cooccurrence.size else 0, 1)
        im = right.imshow(cooccurrence.to_numpy(), cmap="Greys", vmin=0, vmax=vmax * 1.15, aspect="auto")
        for i in range(len(actors)):
            for j in range(len(labels)):
                n = int(cooccurrence.iat[i, j])
                if n:
                    right.text(
                        j, i, str(n), ha="center", va="center", fontsize=8, color="white" if n > 0.5 * vmax else "black"
                    )
        right.set_xticks(range(len(labels)), labels, rotation=30, ha="right", rotation_mode="anchor")
        right.set_yticks(y, actors)
        right.set_ylim(len(actors) - 0.5, -0.9)
        right.set_xlabel("frame")
        right.set_ylabel("actor")
        fig.colorbar(im, ax=right, label="sentences with both", shrink=0.8, pad=0.01)
        _suptitle(fig, table.title)
        _caption(
            fig,
            (
                "Method: actor aliases matched per sentence; "
                if actors_from == "codebook"
                else "Method: no actors in the codebook, so the article's named people, organisations, places and "
                f"groups (entities.csv, the {MAX_ENTITY_ACTORS} most mentioned, by canonical name) stand for them; "
            )
            + "left, VADER compound of the distinct sentences "
            "naming each actor (a mean from "
            f"{POSITIVE_THRESHOLD:+.2f} up reads positive, from {NEGATIVE_THRESHOLD:+.2f} down negative); right, "
            "sentences naming the actor that also contain a hit of the frame. These are sentence-level "
            "co-occurrences, not who the frame is about (a sentence naming an actor with a frame word counts "
            "whoever the word describes), and the tone is the sentence's, not an attitude to the actor. Few "
            "sentences per actor: read the concordance before citing a cell.",
            source,
            width=150,
        )
    return fig


# --------------------------------------------------------------------------- 7. extended metaphor


MONO = "DejaVu Sans Mono"
MONO_ADVANCE = 0.602  #: DejaVu Sans Mono advance width, in em


def wrap_spans(text: str, width: int, keep: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Greedy line spans of ``text`` at most ``width`` characters, breaking only at spaces outside ``keep`` spans.

    A line may exceed ``width`` when no allowed break exists; the break space is dropped.
    """
    breaks = [i for i, c in enumerate(text) if c == " " and not any(a <= i < b for a, b in keep)]
    lines, start = [], 0
    while len(text) - start > width:
        fits = [b for b in breaks if start < b <= start + width]
        after = [b for b in breaks if b > start]
        if not fits and not after:
            break
        cut = fits[-1] if fits else after[0]
        lines.append((start, cut))
        start = cut + 1
    lines.append((start, len(text)))
    return lines


def _pick_hits(hits: pd.DataFrame, focus: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, frame) hits, the focus frame first, then the others in text order."""
    ordered = sorted(
        hits[["start", "end", "frame"]].itertuples(index=False, name=None), key=lambda h: (h[2] != focus, h[0])
    )
    chosen: list[tuple[int, int, str]] = []
    for s, e, f in ordered:
        if all(e <= a or s >= b for a, b, _ in chosen):
            chosen.append((int(s), int(e), f))
    return sorted(chosen)


@dataclass(frozen=True, eq=False)
class ExtendedMetaphor:
    """The numbers of :func:`extended_metaphor`.

    Attributes:
        para: the paragraph shown.
        frame: the frame its title counts.
        frame_label: that frame's label.
        hits: every frame hit of the paragraph (rows of the hit table).
        terms: hits of ``frame`` in the paragraph.
        distinct: distinct entries among them.
        sentences: sentences of the paragraph (None when the sentence table is not given).
        with_terms: how many of them hold a hit of ``frame`` (None likewise).
        extended_min: distinct entries of one frame that make an extended metaphor.
        best: the most distinct entries of one frame in any paragraph of the article.
        article_hits: frame hits in the whole article.
    """

    para: int
    frame: str
    frame_label: str
    hits: pd.DataFrame
    terms: int
    distinct: int
    sentences: int | None
    with_terms: int | None
    extended_min: int
    best: int
    article_hits: int

    @property
    def extended(self) -> bool:
        return self.distinct >= self.extended_min

    @property
    def title(self) -> str:
        if not self.article_hits:
            return "No frame hits in this article"
        name = "The headline" if self.para == 0 else f"Paragraph {self.para}"
        label = _short(self.frame_label).lower().replace(" ", "-")
        if not self.terms:
            others = f"; its {plural(len(self.hits), 'hit')} belong to other frames" if len(self.hits) else ""
            return f"{name} has no {label} term{others}"
        terms = plural(self.terms, f"{label} term")
        if self.sentences is None:
            where = ""
        elif self.sentences == 1:
            where = ", in its one sentence"
        elif self.with_terms == self.sentences:
            where = f", in every one of its {self.sentences} sentences"
        else:
            where = f", in {self.with_terms} of its {self.sentences} sentences"
        rule = _extended_rule(self.extended_min)
        if self.extended:
            return f"{name} stacks {terms} ({self.distinct} distinct){where}: an extended metaphor ({rule})"
        if self.best < self.extended_min and self.distinct == self.best:
            mid = "the headline" if self.para == 0 else f"paragraph {self.para}"
            return (
                f"No paragraph reaches an extended metaphor ({rule}); the most distinct entries: {mid} with "
                f"{terms} ({self.distinct} distinct){where}"
            )
        return (
            f"{name} has {terms} ({self.distinct} distinct){where}, fewer than the {self.extended_min} distinct "
            "entries of an extended metaphor"
        )


def strongest_cell(frame_hits: pd.DataFrame) -> tuple[int, str] | None:
    """The (paragraph, frame) with the most distinct entries (then hits, then earlier paragraph, then first hit);
    None without hits."""
    if frame_hits.empty:
        return None
    g = frame_hits.groupby(["para", "frame"], sort=False)["entry"].agg(["nunique", "size"]).reset_index()
    best = g.sort_values(["nunique", "size", "para"], ascending=[False, False, True], kind="stable").iloc[0]
    return int(best["para"]), str(best["frame"])


def extended_metaphor_table(
    frame_hits: pd.DataFrame,
    para: int,
    frame: str,
    frame_labels: dict[str, str] | None = None,
    sentences: pd.DataFrame | None = None,
    *,
    extended_min: int = DEFAULT_EXTENDED_MIN,
) -> ExtendedMetaphor:
    """The numbers :func:`extended_metaphor` shows: one paragraph's hits of one frame, and whether they make
    an extended metaphor.

    Args:
        frame_hits: the hit table (``para``, ``sent``, ``frame``, ``entry``, ``start``).
        para: the paragraph.
        frame: the frame counted.
        frame_labels: frame id -> label (default: the id).
        sentences: the sentence table (``para``, ``sent``), to count the paragraph's sentences.
        extended_min: distinct entries of one frame that make an extended metaphor.
    """
    hits = frame_hits[frame_hits["para"] == para]
    mine = hits[hits["frame"] == frame]
    n_sent = with_terms = None
    if sentences is not None:
        n_sent = int((sentences["para"] == para).sum())
        with_terms = int(mine["sent"].nunique())
    best = int(frame_hits.groupby(["para", "frame"])["entry"].nunique().max()) if len(frame_hits) else 0
    return ExtendedMetaphor(
        int(para),
        frame,
        (frame_labels or {}).get(frame, frame),
        hits,
        len(mine),
        int(mine["entry"].nunique()),
        n_sent,
        with_terms,
        extended_min,
        best,
        len(frame_hits),
    )


def extended_metaphor(
    paragraphs: pd.DataFrame,
    frame_hits: pd.DataFrame,
    para: int | None = None,
    frame: str | None = None,
    frame_labels: dict[str, str] | None = None,
    sentences: pd.DataFrame | None = None,
    *,
    width: int = 76,
    source: str = "",
    extended_min: int = DEFAULT_EXTENDED_MIN,
) -> Figure:
    """Figure 7: one paragraph's text with every frame hit highlighted in its frame colour.

    Text is set in DejaVu Sans Mono at fixed character positions (no font
    measuring), one line per wrapped span; with ``sentences`` each sentence
    starts a new line and is numbered at left, with its hits counted at right.

    Args:
        paragraphs: the paragraph table (``para``, ``start``, ``text``).
        frame_hits: the hit table (``para``, ``frame``, ``entry``, ``start``, ``end``).
        para: which paragraph (default: the one with the most distinct entries of one frame, :func:`strongest_cell`).
        frame: the frame whose terms the title counts (default: that paragraph's strongest frame).
        frame_labels: frame id -> label in codebook order (colours follow this order).
        sentences: optional sentence table (``para``, ``sent``, ``start``, ``end``).
        width: wrap width in characters.
        source: the caption's source line.
        extended_min: distinct entries of one frame that make an extended metaphor.
    """
    if para is None or frame is None:
        best = strongest_cell(frame_hits) or (int(paragraphs["para"].iloc[0]), next(iter(frame_labels or {"": ""})))
        para = best[0] if para is None else para
        frame = best[1] if frame is None else frame
    frame_labels = frame_labels or {frame: frame}
    table = extended_metaphor_table(frame_hits, para, frame, frame_labels, sentences, extended_min=extended_min)
    colours = frame_colours(frame_labels)
    prow = paragraphs.set_index("para").loc[para]
    p0, ptext = int(prow["start"]), str(prow["text"])
    hits = table.hits
    chosen = _pick_hits(hits, frame)
    if sentences is not None:
        spans = [(int(a), int(b)) for a, b in sentences.loc[sentences["para"] == para, ["start", "end"]].to_numpy()]
    else:
        spans = [(p0, p0 + len(ptext))]
    lines = []  # (sentence number or None, absolute start, absolute end)
    for k, (a, b) in enumerate(spans, 1):
        keep = [(s - a, e - a) for s, e, _ in chosen if a <= s < b]
        for i, (la, lb) in enumerate(wrap_spans(ptext[a - p0 : b - p0], width, keep)):
            lines.append((k if i == 0 and sentences is not None else None, a + la, a + lb))
    used = [f for f in frame_labels if f in set(hits["frame"])]
    fs = 10.5
    cw, lh = MONO_ADVANCE * fs / 72, 2.0 * fs / 72  # inches per character, per line
    gap = 0.6 * lh
    n_gaps = sum(1 for k, _, _ in lines if k and k > 1)
    with matplotlib.rc_context(STYLE):
        fig = _figure(max(9.0, (width + 30) * cw + 0.6), len(lines) * lh + n_gaps * gap + 1.8)
        ax = fig.add_subplot()
        ax.set_axis_off()

        def put(col: float, row_y: float, s: str, **kw):
            tr = ax.transAxes + ScaledTranslation(0.15 + col * cw, -0.1 - row_y, fig.dpi_scale_trans)
            t = ax.text(0, 1, s, transform=tr, **{"fontfamily": MONO, "fontsize": fs, "va": "top", "ha": "left", **kw})
            t.set_in_layout(False)
            return t

        yy = 0.0
        for k, a, b in lines:
            if k and k > 1:
                yy += gap
            if k:
                put(0, yy, f"{k}", color="#777")
                counts = hits[(hits["start"] >= spans[k - 1][0]) & (hits["start"] < spans[k - 1][1])][
                    "frame"
                ].value_counts()
                summary = ", ".join(f"{counts[f]} {_short(frame_labels[f]).lower()}" for f in used if f in counts)
                put(4 + width + 2, yy, summary or "-", color="#555", fontsize=fs - 2, fontfamily=STYLE["font.family"])
            cur = a
            for s, e, f in [h for h in chosen if a <= h[0] < b] + [(b, b, None)]:
                if s > cur:
                    put(4 + cur - a, yy, ptext[cur - p0 : s - p0], color="#222")
                if f is not None:
                    put(
                        4 + s - a,
                        yy,
                        ptext[s - p0 : e - p0],
                        color="black",
                        gid=f"hit:{f}:{s}",
                        fontweight="bold" if f == frame else "normal",
                        bbox={
                            "boxstyle": "round,pad=0.12",
                            "facecolor": to_rgba(colours[f], 0.25),
                            "edgecolor": colours[f],
                            "linewidth": 1.3 if f == frame else 0.9,
                        },
                    )
                cur = max(cur, e)
            yy += lh
        if sentences is not None:
            put(
                4 + width + 2,
                -lh * 0.75,
                "hits in the sentence",
                color="#555",
                fontsize=fs - 2.5,
                fontfamily=STYLE["font.family"],
            )
        ax.legend(
            handles=[
                Patch(facecolor=to_rgba(colours[f], 0.25), edgecolor=colours[f], label=frame_labels[f]) for f in used
            ],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncols=len(used) or 1,
            fontsize=8,
            frameon=False,
        )
        _suptitle(fig, table.title, fontsize=11)
        _caption(
            fig,
            "Method: codebook matches on word stems, highlighted in the frame's colour (bold: the "
            f"{_short(table.frame_label).lower()} frame; a word two frames share is shown in the bold frame's colour)"
            + ("; numbers at left are sentences" if sentences is not None else "")
            + f". An extended metaphor is {_extended_rule(table.extended_min)}. The matcher finds words, a reader "
            "decides the metaphor: an entry may also be meant literally.",
            source,
            width=130,
        )
    return fig


# --------------------------------------------------------------------------- 8. sentiment validity

VALIDITY_SOURCE = (
    "Source: human ratings of 5,190 New York Times editorial sentences, Hutto & Gilbert (2014), "
    "VADER ICWSM-14 ground truth (data/external/vader_icwsm2014)."
)


@dataclass(frozen=True, eq=False)
class Validity:
    """The numbers of :func:`sentiment_validity`.

    Attributes:
        rows: the study's rows of one split (``size``, ``aggregation``, ``pearson``, ``pearson_lo``, ``pearson_hi``).
        size: the largest paragraph size of the study.
        mean_r, whole_r: Pearson r of the sentence mean and of whole-paragraph VADER at that size.
    """

    rows: pd.DataFrame
    size: int
    mean_r: float
    whole_r: float

    @property
    def title(self) -> str:
        a, b = round(self.mean_r, 2), round(self.whole_r, 2)
        verb = "better than" if a > b else "worse than" if a < b else "as well as"
        return (
            f"Averaging sentence scores tracks human ratings {verb} scoring the whole paragraph: "
            f"r = {self.mean_r:.2f} vs {self.whole_r:.2f} at {self.size} sentences (held-out editorials)"
        )


def validity_table(aggregation: pd.DataFrame, split: str = "report") -> Validity:
    """The numbers :func:`sentiment_validity` shows (see :func:`analysis.tone_validity.run_study`)."""
    t = aggregation[aggregation["split"] == split]
    size = int(t["size"].max())
    last = t[t["size"] == size].set_index("aggregation")["pearson"]
    return Validity(t, size, float(last["compound_mean"]), float(last["compound_whole"]))


def sentiment_validity(
    aggregation: pd.DataFrame, sentence_r: float | None = None, *, source: str = VALIDITY_SOURCE, split: str = "report"
) -> Figure:
    """Figure 8: how well each paragraph score tracks human ratings, by paragraph length.

    Args:
        aggregation: the tidy table of :func:`analysis.tone_validity.run_study`
            (``size``, ``aggregation``, ``split``, ``pearson``, ``pearson_lo``, ``pearson_hi``).
        sentence_r: the sentence-level r on the same data, drawn as a reference line.
        source: the caption's source line.
        split: which half of the editorials to show (``report``: the held-out half).
    """
    t = aggregation[aggregation["split"] == split]
    sizes = sorted(t["size"].unique())
    highlight = {"compound_mean": POSITIVE, "compound_whole": NEGATIVE}
    with matplotlib.rc_context(STYLE):
        fig = _figure(8, 4.6)
        ax = fig.add_subplot()
        for name, g in t.groupby("aggregation", sort=True):
            g = g.sort_values("size")
            if name in highlight:
                continue
            ax.plot(g["size"], g["pearson"], color="#bbbbbb", linewidth=1, marker=".", zorder=1)
            ax.annotate(
                name,
                (g["size"].iloc[-1], g["pearson"].iloc[-1]),
                xytext=(22, 0),
                textcoords="offset points",
                fontsize=6.5,
                color="#888",
                va="center",
            )
        for k, (name, colour) in enumerate(highlight.items()):
            g = t[t["aggregation"] == name].sort_values("size")
            offset = (k - 0.5) * 0.12
            x = np.log2(g["size"].to_numpy()) + offset
            ax.errorbar(
                2**x,
                g["pearson"],
                yerr=[g["pearson"] - g["pearson_lo"], g["pearson_hi"] - g["pearson"]],
                color=colour,
                marker="o",
                linewidth=2,
                capsize=3,
                zorder=3,
                label=(
                    "mean of sentence compounds (the project's paragraph score)"
                    if name == "compound_mean"
                    else "VADER on the whole paragraph"
                ),
            )
        if sentence_r is not None:
            ax.axhline(sentence_r, color="#555", linestyle=":", linewidth=1)
            ax.annotate(
                f"single sentences: r = {sentence_r:.2f}",
                (sizes[0], sentence_r),
                xytext=(0, -11),
                textcoords="offset points",
                fontsize=7,
                color="#555",
            )
        ax.set_xscale("log", base=2)
        ax.set_xticks(sizes, [str(x) for x in sizes])
        ax.set_xlim(sizes[0] / 1.35, sizes[-1] * 2.3)
        ax.set_xlabel("sentences per pseudo-paragraph (consecutive sentences of one editorial)")
        ax.set_ylabel("Pearson r with the human mean rating\n(95% bootstrap interval)")
        ax.legend(loc="upper left", fontsize=7, frameon=False)
        _suptitle(fig, validity_table(aggregation, split).title)
        _caption(
            fig,
            "Method: the project's VADER scores on NYT editorial sentences grouped into pseudo-paragraphs; the "
            "human score of a group is the mean of its sentences' human ratings (rated one by one, out of context). "
            "Scores were chosen on half of the editorials and are shown on the other, held-out half; grey: the other "
            "candidate aggregations. Editorials are not news reports, and a mean of sentence ratings is not a rating "
            "of the paragraph.",
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- any article


_BY = re.compile(r"^(?:(?:analysis|opinion|commentary|review|interview|report|story|words)\s+)?by\s+", re.IGNORECASE)


def source_caption(result) -> str:
    """The caption's source line for any article: its headline, byline and file name.

    Example: 'Source: "Storm closes the harbour for a week", Ann Example, The Daily Example (storm.txt).'
    """
    parts = []
    head = result.paragraphs.loc[result.paragraphs["para"] == 0, "text"]
    if len(head):
        parts.append(f'"{" ".join(str(head.iloc[0]).split())}"')
    bylines = result.blocks.loc[result.blocks["role"] == "byline", "text"]
    if len(bylines):
        parts.append(_BY.sub("", " ".join(str(bylines.iloc[0]).split())))
    return "Source: " + ", ".join(parts + [f"({result.source})"]).replace(", (", " (") + "."


def strongest_extended(frame_counts: pd.DataFrame) -> tuple[int, str] | None:
    """The (paragraph, frame) with the most distinct entries (then hits, then earlier); None without hits."""
    c = frame_counts[frame_counts["hits"] > 0]
    if c.empty:
        return None
    best = c.sort_values(["distinct_entries", "hits", "para"], ascending=[False, False, True], kind="stable").iloc[0]
    return int(best["para"]), str(best["frame"])


def placeholder(name: str, reason: str, source: str) -> Figure:
    """A small figure saying why ``name`` is not drawn for this article: its title is the reason."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(7, 2.6)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            f"Nothing to draw: {reason}.",
            ha="center",
            va="center",
            fontsize=10,
            wrap=True,
            transform=ax.transAxes,
        )
        _suptitle(fig, f"{name.replace('_', ' ').capitalize()}: {reason}")
        _caption(fig, "The figure is drawn for articles that have what it shows.", source, width=110)
    return fig


#: why a figure is not drawn, as its placeholder says it
NO_PARAGRAPH = "no analysed paragraph in this article"
NO_LEXICON_WORD = "no word of this article is in VADER's lexicon"
NO_FRAME_HIT = "no frame hits in this article"
SINGLE_SENTENCES = "every paragraph is a single sentence, so the two scores are equal"
NO_CANDIDATE = "no metaphor candidate with a source domain in this article"
NO_ACTOR = "no mentions of the codebook's actors in this article (give your own actors with --codebook)"
NO_ENTITY = "no named people, organisations, places or groups found in this article, and no actors in the codebook"


def insufficient(name: str, result) -> str | None:
    """Why figure ``name`` has nothing to show for this article (a plain sentence), or None when it has."""
    body = result.paragraphs
    if body.empty or result.sentences.empty:
        return NO_PARAGRAPH
    if name == "tone_drivers" and word_contributions(result.sentences).empty:
        return NO_LEXICON_WORD
    if name in ("frame_heatmap", "frame_dispersion", "extended_metaphor") and result.frame_hits.empty:
        return NO_FRAME_HIT
    if name == "saturation" and not (body["n_sentences"] > 1).any():
        return SINGLE_SENTENCES
    if name == "metaphor_clusters" and result.metaphor_clusters.empty:
        return NO_CANDIDATE
    if name == "actors" and actor_mentions(result)[0].empty:
        return NO_ACTOR if actor_source(result) == "codebook" else NO_ENTITY
    return None
