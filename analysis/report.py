"""Write an analysis to disk: tables (CSV), annotated.html, manifest.json, figures.

Writes are atomic: everything goes to a temporary folder next to the target
and is moved into place only when every file is written, so a failure or
Ctrl-C leaves the previous outputs as they were and no temporary folder
behind. The same input and options give byte-identical files (no timestamps;
the manifest records hashes and versions, not the time).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import platform
import shutil
import tempfile
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AnalysisError
from .framing import default_codebook_path

if TYPE_CHECKING:  # pandas is not needed to write corpus outputs
    import pandas as pd

TABLES = ("blocks", "paragraphs", "sentences", "tokens", "frame_hits", "frame_counts", "actor_mentions")
MANIFEST = "manifest.json"
#: Colour-blind-safe categorical colours (matplotlib's tab10), by frame order.
FRAME_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
_PACKAGES = ("discourse-analysis", "vaderSentiment", "nltk", "pandas", "numpy", "PyYAML", "matplotlib")


def package_versions() -> dict[str, str]:
    """Versions of the packages whose behaviour shapes the outputs."""
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _foreign_files(folder: Path) -> list[str] | None:
    """Files in a previous output folder that its manifest does not list (None: no readable manifest)."""
    try:
        listed = set(json.loads((folder / MANIFEST).read_text("utf-8")).get("outputs", {}))
    except (OSError, ValueError, AttributeError):
        return None
    return sorted(p.name for p in folder.iterdir() if p.name not in listed | {MANIFEST})


@contextmanager
def atomic_folder(out_dir: str | Path):
    """Yield a temporary folder that replaces ``out_dir`` when the block succeeds.

    An existing ``out_dir`` is replaced only if it is empty or holds nothing
    but a previous output (the files its ``manifest.json`` lists), so neither
    a mistyped ``--out .`` nor a re-run can delete a user's own files.

    Raises:
        AnalysisError: ``out_dir`` is a file, a foreign non-empty folder, or
            cannot be written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise AnalysisError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        foreign = _foreign_files(out)
        if foreign is None:
            raise AnalysisError(f"{out}: folder is not empty and holds no earlier output ({MANIFEST}); "
                                "choose a new or empty folder")
        if foreign:
            raise AnalysisError(f"{out}: holds files that are not outputs of this tool ({', '.join(foreign[:3])}"
                                f"{' ...' if len(foreign) > 3 else ''}); move them or choose another folder")
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    except OSError as exc:
        raise AnalysisError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)
    try:
        yield tmp
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
            os.replace(out, old / "previous")
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise AnalysisError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """CSV with ``\\n`` line ends, no index, UTF-8: the same bytes for the same table."""
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(result, files: dict[str, Path]) -> dict:
    """What produced the outputs: input and codebook hashes, versions, parameters, table hashes."""
    default = Path(result.codebook.source) == default_codebook_path()
    return {
        "input": {"file": result.source, "sha256": result.input_sha256,
                  "chars": len(result.text)},
        "codebook": {"file": "default (analysis/codebooks/default.yml)" if default else Path(result.codebook.source).name,
                     "sha256": result.codebook.sha256,
                     "frames": list(result.codebook.frames), "actors": list(result.codebook.actors)},
        "packages": package_versions(),
        "parameters": result.parameters,
        "outputs": {name: {"sha256": _sha256(p), "bytes": p.stat().st_size} for name, p in sorted(files.items())},
    }


def write_analysis(result, out_dir: str | Path) -> Path:
    """Write every table, ``annotated.html`` and ``manifest.json`` to ``out_dir`` atomically."""
    with atomic_folder(out_dir) as tmp:
        files: dict[str, Path] = {}
        for name in TABLES:
            path = tmp / f"{name}.csv"
            write_csv(getattr(result, name), path)
            files[path.name] = path
        path = tmp / "annotated.html"
        path.write_text(annotated_html(result), encoding="utf-8")
        files[path.name] = path
        (tmp / MANIFEST).write_text(json.dumps(manifest(result, files), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return Path(out_dir)


# --------------------------------------------------------------------------- annotated HTML


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


def _segments(start: int, end: int, hits: list[tuple[int, int, str, str]]):
    """Cut [start, end) at hit boundaries; yield (s, e, covering hits)."""
    cuts = sorted({start, end, *(max(start, min(end, p)) for h in hits for p in h[:2])})
    for s, e in zip(cuts[:-1], cuts[1:]):
        yield s, e, [h for h in hits if h[0] < e and s < h[1]]


def annotated_html(result, *, frame_colours: dict[str, str] | None = None, include_furniture: bool = True,
                   full_page: bool = True) -> str:
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
    colours = frame_colours or {f: FRAME_COLOURS[i % len(FRAME_COLOURS)] for i, f in enumerate(frames)}
    labels = {f: result.codebook.frames[f].label for f in frames}
    text = result.text
    sents = result.sentences
    hits_by_sent: dict[tuple[int, int], list] = {}
    for h in result.frame_hits.itertuples(index=False):
        hits_by_sent.setdefault((h.para, h.sent), []).append((h.start, h.end, h.frame, h.entry))
    sents_by_para: dict[int, list] = {}
    for s in sents.itertuples(index=False):
        sents_by_para.setdefault(s.para, []).append(s)

    def render_sentence(s) -> str:
        parts = []
        for a, b, cover in _segments(s.start, s.end, hits_by_sent.get((s.para, s.sent), [])):
            piece = esc(text[a:b])
            if cover:
                cols = [colours[c[2]] for c in cover]
                # a light tint to keep the text readable, the frame colour as a thick underline;
                # several frames on the same words: stacked underlines
                shadow = ", ".join(f"inset 0 -{3 * (k + 1)}px 0 {c}" for k, c in enumerate(cols))
                tip = "; ".join(f"{labels[c[2]]} ({c[2]}): {c[3]}" for c in cover)
                piece = (f'<mark style="background:{esc(_tint(cols[0]))};box-shadow:{esc(shadow)}" '
                         f'title="{esc(tip)}">{piece}</mark>')
            parts.append(piece)
        return (f'<span class="sent" style="background:{tone_colour(s.compound)}" '
                f'title="{esc(f"para {s.para}, sentence {s.sent}: compound {s.compound:+.3f}")}">{"".join(parts)}</span>')

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
            inner.append(esc(text[pos:s.start]))
            inner.append(render_sentence(s))
            pos = s.end
        inner.append(esc(text[pos:b.end]))
        tag = "h1" if b.role == "headline" else "p"
        body.append(f'<{tag} class="para" id="para-{para}"><span class="num">{para}</span> {"".join(inner)}</{tag}>')
    legend = "".join(
        f'<span class="key"><mark style="background:{esc(_tint(colours[f]))};box-shadow:inset 0 -3px 0 {esc(colours[f])}">'
        f'{esc(labels[f])}</mark> <code>{esc(f)}</code></span> '
        for f in frames
    )
    fragment = (
        '<div class="annotated">'
        f'<p class="legend"><strong>Frames:</strong> {legend}</p>'
        '<p class="legend"><strong>Sentence shading:</strong> VADER compound, '
        '<span style="background:rgba(33,102,172,0.35)">positive (blue)</span> / '
        '<span style="background:rgba(230,97,1,0.35)">negative (orange)</span>, darker = stronger. '
        'Hover a sentence or a highlight for its score, frame and codebook entry. '
        'Highlights are word matches of the codebook; a reader decides whether each is a metaphor.</p>'
        + "\n".join(body)
        + "</div>"
    )
    style = (
        "<style>.annotated{font-family:Georgia,serif;max-width:46em;line-height:1.6}"
        ".annotated .furniture{color:#888;font-size:.85em}.annotated .role{font-variant:small-caps;"
        "border:1px solid #bbb;padding:0 .3em;margin-right:.4em}.annotated .num{color:#999;font-size:.7em;"
        "margin-right:.3em}.annotated mark{color:inherit;border-radius:2px;padding:0 1px;"
        "background-blend-mode:normal}.annotated .legend{font-family:sans-serif;font-size:.85em}"
        ".annotated mark{opacity:.95}.annotated .key{white-space:nowrap;margin-right:.6em}</style>"
    )
    if not full_page:
        return style + fragment
    title = esc(result.paragraphs.loc[result.paragraphs["para"] == 0, "text"].iloc[0]) if (result.paragraphs["para"] == 0).any() else esc(result.source)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title>{style}</head>\n<body>\n"
        f"<p class=\"legend\">Annotated article: <code>{esc(result.source)}</code></p>\n{fragment}\n</body></html>\n"
    )


def write_figures(result, out_dir: str | Path) -> list[Path]:
    """Write every figure of :data:`analysis.plots.FIGURES` and a README listing them.

    Files in ``out_dir`` are replaced one by one (each written to a temporary
    name, then renamed), so a reader never sees a half-written image.
    """
    from .plots import DPI, FIGURES, save_figure

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise AnalysisError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AnalysisError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    written: list[Path] = []
    lines = ["# Report figures", "",
             f"Generated by `python -m analysis figures` from `{result.source}`; do not edit by hand. "
             f"Each figure is a PNG ({DPI} dpi) and an SVG.", ""]
    with tempfile.TemporaryDirectory(dir=out, prefix=".tmp-") as tmp:
        staged = []
        for name, (draw, caption) in FIGURES.items():
            for path in save_figure(draw(result), Path(tmp) / name):
                staged.append(path)
            lines.append(f"- `{name}.png` / `{name}.svg`: {caption}")
        readme = Path(tmp) / "README.md"
        readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
        staged.append(readme)
        for path in staged:
            os.replace(path, out / path.name)
            written.append(out / path.name)
    return written


def figure(name: str, result):
    """Draw one report figure by name (the same function ``make figures`` uses).

    Example:
        >>> figure("sentiment_arc", result)  # doctest: +SKIP
    """
    from .plots import FIGURES

    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; choose from {', '.join(FIGURES)}")
    return FIGURES[name][0](result)
