"""The annotated article: frame hits highlighted, metaphor candidates underlined, sentences shaded by tone.

Every piece of article and codebook text is HTML-escaped; the only elements
and attributes are the ones written here. Used by ``analyze`` (``annotated.html``)
and by the notebooks' explorer (a fragment).
"""

from __future__ import annotations

import html

from .style import frame_colours as default_frame_colours


def tone_colour(compound: float) -> str:
    """A background colour for a sentence: blue for positive, orange for negative, alpha by strength.

    Blue/orange stay apart for red-green colour blindness and in grey-scale
    (the alpha, i.e. the darkness, carries the strength).
    """
    alpha = round(min(abs(compound), 1.0) * 0.35, 3)
    rgb = "33,102,172" if compound >= 0 else "230,97,1"
    return f"rgba({rgb},{alpha})"


def _tint(colour: str) -> str:
    """A light version of a ``#rrggbb`` colour (other CSS colours are returned as they are)."""
    if len(colour) == 7 and colour.startswith("#"):
        return colour + "40"
    return colour


def _segments(start: int, end: int, hits: list[tuple[int, int, str, str]], extra: list = ()):
    """Cut [start, end) at hit boundaries (and those of ``extra`` spans); yield (s, e, covering hits)."""
    cuts = sorted({start, end, *(max(start, min(end, p)) for h in (*hits, *extra) for p in h[:2])})
    for s, e in zip(cuts[:-1], cuts[1:]):
        yield s, e, [h for h in hits if h[0] < e and s < h[1]]


def annotated_html(
    result, *, frame_colours: dict[str, str] | None = None, include_furniture: bool = True, full_page: bool = True
) -> str:
    """The article as HTML: frame hits highlighted, sentences shaded by tone.

    Every piece of article and codebook text is HTML-escaped; the only
    elements and attributes are the ones written here.

    Args:
        result: an Analysis.
        frame_colours: frame id -> CSS colour; tab10 by codebook order if None.
        include_furniture: show captions, bylines etc. greyed (True) or omit them.
        full_page: a standalone HTML document (True) or a fragment for notebooks.
    """
    import pandas as pd

    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    frames = list(result.codebook.frames)
    colours = frame_colours or default_frame_colours(frames)
    labels = {f: result.codebook.frames[f].label for f in frames}
    text = result.text
    sents = result.sentences
    hits_by_sent: dict[tuple[int, int], list] = {}
    for h in result.frame_hits.itertuples(index=False):
        hits_by_sent.setdefault((h.para, h.sent), []).append((h.start, h.end, h.frame, h.entry))
    # flagged metaphor candidates: a dotted underline, their score and source domain on hover
    cands_by_sent: dict[tuple[int, int], list] = {}
    candidates = getattr(result, "metaphor_candidates", None)
    if candidates is not None and len(candidates):
        for c in candidates[candidates["flagged"]].itertuples(index=False):
            domain = c.source_domain if isinstance(c.source_domain, str) else "none known"
            tip = f"metaphor candidate ({c.pos}, lemma {c.lemma}): score {c.score:.2f}, source domain: {domain}"
            cands_by_sent.setdefault((c.para, c.sent), []).append((c.start, c.end, tip))
    sents_by_para: dict[int, list] = {}
    for s in sents.itertuples(index=False):
        sents_by_para.setdefault(s.para, []).append(s)

    def render_sentence(s) -> str:
        parts = []
        cands = cands_by_sent.get((s.para, s.sent), [])
        for a, b, cover in _segments(s.start, s.end, hits_by_sent.get((s.para, s.sent), []), cands):
            piece = esc(text[a:b])
            flagged = [c for c in cands if c[0] < b and a < c[1]]
            if flagged:
                piece = f'<span class="mc" title="{esc(flagged[0][2])}">{piece}</span>'
            if cover:
                cols = [colours[c[2]] for c in cover]
                # a light tint to keep the text readable, the frame colour as a thick underline;
                # several frames on the same words: stacked underlines
                shadow = ", ".join(f"inset 0 -{3 * (k + 1)}px 0 {c}" for k, c in enumerate(cols))
                tip = "; ".join(f"{labels[c[2]]} ({c[2]}): {c[3]}" for c in cover)
                piece = (
                    f'<mark style="background:{esc(_tint(cols[0]))};box-shadow:{esc(shadow)}" '
                    f'title="{esc(tip)}">{piece}</mark>'
                )
            parts.append(piece)
        return (
            f'<span class="sent" style="background:{tone_colour(s.compound)}" '
            f'title="{esc(f"para {s.para}, sentence {s.sent}: compound {s.compound:+.3f}")}">{"".join(parts)}</span>'
        )

    body = []
    for b in result.blocks.itertuples(index=False):
        if pd.isna(b.para):
            if include_furniture:
                body.append(f'<p class="furniture"><span class="role">{esc(b.role)}</span> {esc(b.text)}</p>')
            continue
        para = int(b.para)
        inner = []
        pos = b.start
        for s in sents_by_para.get(para, []):
            inner.append(esc(text[pos : s.start]))
            inner.append(render_sentence(s))
            pos = s.end
        inner.append(esc(text[pos : b.end]))
        tag = "h1" if b.role == "headline" else "p"
        body.append(f'<{tag} class="para" id="para-{para}"><span class="num">{para}</span> {"".join(inner)}</{tag}>')
    legend = "".join(
        f'<span class="key"><mark style="background:{esc(_tint(colours[f]))};'
        f'box-shadow:inset 0 -3px 0 {esc(colours[f])}">'
        f"{esc(labels[f])}</mark> <code>{esc(f)}</code></span> "
        for f in frames
    )
    fragment = (
        '<div class="annotated">'
        f'<p class="legend"><strong>Frames:</strong> {legend}</p>'
        '<p class="legend"><strong>Sentence shading:</strong> VADER compound, '
        '<span style="background:rgba(33,102,172,0.35)">positive (blue)</span> / '
        '<span style="background:rgba(230,97,1,0.35)">negative (orange)</span>, darker = stronger. '
        "Hover a sentence or a highlight for its score, frame and codebook entry. "
        "Highlights are word matches of the codebook; a reader decides whether each is a metaphor. "
        '<span class="mc">Dotted underline</span>: a flagged metaphor candidate found without the codebook '
        "(metaphor_candidates.csv); hover for its score and source domain.</p>" + "\n".join(body) + "</div>"
    )
    style = (
        "<style>.annotated{font-family:Georgia,serif;max-width:46em;line-height:1.6}"
        ".annotated .furniture{color:#888;font-size:.85em}.annotated .role{font-variant:small-caps;"
        "border:1px solid #bbb;padding:0 .3em;margin-right:.4em}.annotated .num{color:#999;font-size:.7em;"
        "margin-right:.3em}.annotated mark{color:inherit;border-radius:2px;padding:0 1px;"
        "background-blend-mode:normal}.annotated .legend{font-family:sans-serif;font-size:.85em}"
        ".annotated mark{opacity:.95}.annotated .key{white-space:nowrap;margin-right:.6em}"
        ".annotated .mc{border-bottom:2px dotted #444}</style>"
    )
    if not full_page:
        return style + fragment
    title = (
        esc(result.paragraphs.loc[result.paragraphs["para"] == 0, "text"].iloc[0])
        if (result.paragraphs["para"] == 0).any()
        else esc(result.source)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>{style}</head>\n<body>\n"
        f'<p class="legend">Annotated article: <code>{esc(result.source)}</code></p>\n{fragment}\n</body></html>\n'
    )
