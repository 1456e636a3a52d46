"""The notebooks' explorer: pick a frame or an actor, see its concordance and paragraphs.

:func:`selection_html` is the static view (works anywhere, including under
nbval); :func:`explorer` wraps the same function in an ipywidgets dropdown for
interactive use in JupyterLab.
"""

from __future__ import annotations

import html

import pandas as pd

from .annotate import annotated_html


def choices(result) -> list[tuple[str, str]]:
    """Dropdown options: ``(label, key)`` with keys ``frame:<id>`` and ``actor:<name>``."""
    frames = [(f"Frame: {f.label}", f"frame:{f.id}") for f in result.codebook.frames.values()]
    actors = [(f"Actor: {a}", f"actor:{a}") for a in result.codebook.actors]
    return frames + actors


def selection(result, key: str) -> pd.DataFrame:
    """The hits (``frame:<id>``) or mentions (``actor:<name>``) of one selection, in text order."""
    kind, _, name = key.partition(":")
    if kind == "frame":
        if name not in result.codebook.frames:
            raise KeyError(f"no frame {name!r} in the codebook")
        rows = result.frame_hits[result.frame_hits["frame"] == name]
        return rows[["para", "sent", "entry", "matched_text", "left", "right", "start", "end"]].reset_index(drop=True)
    if kind == "actor":
        if name not in result.codebook.actors:
            raise KeyError(f"no actor {name!r} in the codebook")
        rows = result.actor_mentions[result.actor_mentions["actor"] == name]
        m = rows.merge(result.sentences[["para", "sent", "compound"]], on=["para", "sent"], how="left")
        return m[["para", "sent", "alias", "matched_text", "compound", "start", "end"]].reset_index(drop=True)
    raise KeyError(f"a key is frame:<id> or actor:<name>, not {key!r}")


def selection_html(result, key: str, *, max_rows: int = 40) -> str:
    """Concordance table and the paragraphs involved, highlighted, as escaped HTML."""
    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    rows = selection(result, key)
    kind, _, name = key.partition(":")
    text = result.text
    lines = []
    for r in rows.head(max_rows).itertuples(index=False):
        para_start = int(result.paragraphs.set_index("para").loc[r.para, "start"])
        left = " ".join(text[max(para_start, r.start - 50) : r.start].split())
        right = " ".join(text[r.end : r.end + 50].split())
        lines.append(
            f"<tr><td>{r.para}</td><td style='text-align:right;color:#555'>{esc(left)}</td>"
            f"<td><strong>{esc(r.matched_text)}</strong></td><td style='color:#555'>{esc(right)}</td></tr>"
        )
    head = (
        f"<p><strong>{esc(kind)} {esc(name)}</strong>: {len(rows)} match(es) in "
        f"{rows['para'].nunique() if len(rows) else 0} paragraph(s)"
        + (f", first {max_rows} shown" if len(rows) > max_rows else "")
        + "</p>"
    )
    table = (
        "<table><thead><tr><th>para</th><th>left</th><th>match</th><th>right</th></tr></thead><tbody>"
        + "".join(lines)
        + "</tbody></table>"
    )
    paras = sorted(set(rows["para"]))
    if kind == "frame":
        view = annotated_html(_only(result, paras, frame=name), include_furniture=False, full_page=False)
    else:
        view = annotated_html(_only(result, paras, frame=None), include_furniture=False, full_page=False)
    return head + table + (view if paras else "")


def _only(result, paras: list[int], *, frame: str | None):
    """A shallow copy of ``result`` restricted to some paragraphs (and one frame's hits)."""
    import copy

    sub = copy.copy(result)
    keep = result.blocks["para"].isin(paras)
    sub.blocks = result.blocks[keep.fillna(False).astype(bool)]
    hits = result.frame_hits[result.frame_hits["para"].isin(paras)]
    sub.frame_hits = hits[hits["frame"] == frame] if frame else hits.iloc[0:0]
    return sub


def explorer(result):
    """An ipywidgets explorer: a dropdown of frames and actors above :func:`selection_html`."""
    import ipywidgets as widgets

    options = choices(result)
    dropdown = widgets.Dropdown(options=options, value=options[0][1], description="Show")
    out = widgets.HTML(value=selection_html(result, options[0][1]))

    def update(change):
        out.value = selection_html(result, change["new"])

    dropdown.observe(update, names="value")
    return widgets.VBox([dropdown, out])
