"""``report``: one article's tables, figures and executed notebooks, with one self-contained ``report.html``.

:func:`write_report` runs, for any article (plain text or an HTML page):

1. the analysis (:func:`analysis.analyze`) into ``DIR/tables/`` (the files
   of ``analyze``: CSV tables, ``annotated.html``, ``manifest.json``);
2. every report figure, PNG and SVG, into ``DIR/figures/``
   (:func:`analysis.figures.write_figures`);
3. every notebook of ``notebooks/`` with papermill, its ``parameters`` cell
   given ``ARTICLE``, ``CODEBOOK`` and ``GOLD``, into ``DIR/notebooks/``
   (open them in JupyterLab to explore further);
4. ``DIR/report.html``: the executed notebooks in one page, exported with
   nbconvert, code hidden and figures embedded (no file beside it needed).

``DIR`` is written atomically like ``analyze``'s folder (a failed or
interrupted run leaves the previous report as it was) and nothing is written
anywhere else: the notebooks write into temporary folders, never into the
project's ``figures/`` or ``data/processed/``. One progress line per step
goes to ``progress`` (stderr on the command line).

What it cannot do: it needs this project's ``notebooks/`` folder (a checkout,
as the Makefile makes it), and a notebook that fails stops the report with the
notebook's name and error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .article import display_name
from .atomic import atomic_folder
from .errors import AnalysisError
from .manifest import build_manifest, file_digests, write_manifest
from .paths import GOLD, NOTEBOOKS, SEED

# papermill logs each notebook's progress; the command prints its own line per step
logging.getLogger("papermill").addHandler(logging.NullHandler())

#: the notebooks a report runs, in order
REPORT_NOTEBOOKS = (
    "01_article.ipynb",
    "02_sentiment.ipynb",
    "03_framing.ipynb",
    "04_report_figures.ipynb",
    "05_corpus.ipynb",
    "06_new_article.ipynb",
)
#: output types that hold a random widget id (the explorer): left out of report.html, which must not change
_WIDGET = "application/vnd.jupyter.widget-view+json"
_REMOTE_SCRIPT = re.compile(r'<script src="https?://[^"<>]*">\s*</script>\n?')
#: notebooks run at a time (each in its own kernel process): the machine's cores, at most 2
NOTEBOOK_JOBS = max(1, min(2, os.cpu_count() or 1))
#: seconds a notebook cell may run before the report stops
CELL_TIMEOUT = 600


def default_gold(article: str | Path) -> str | None:
    """The seed's human coding for the seed, none for any other article."""
    try:
        same = Path(article).resolve() == SEED.resolve()
    except OSError:
        same = False
    return str(GOLD) if same else None


def notebook_parameters(article, codebook=None, gold=None, roles=None) -> dict:
    """The values of the notebooks' ``parameters`` cell: absolute paths, or None."""
    return {
        "ARTICLE": str(Path(article).resolve()),
        "CODEBOOK": str(Path(codebook).resolve()) if codebook else None,
        "GOLD": str(Path(gold).resolve()) if gold else None,
        "ROLES": str(Path(roles).resolve()) if roles else None,
    }


def run_notebook(name: str, out: Path, parameters: dict, *, article: str = "") -> None:
    """Execute one notebook of ``notebooks/`` with papermill into ``out``, quietly.

    Raises:
        AnalysisError: the notebook failed; the message names the article, the
            notebook, the failing cell's position (counting every cell from 1)
            and the error.
    """
    import papermill

    try:
        papermill.execute_notebook(
            str(NOTEBOOKS / name),
            str(out),
            parameters=parameters,
            cwd=str(NOTEBOOKS),
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            execution_timeout=CELL_TIMEOUT,
            # the kernel's start-up and shutdown notices ("KeyboardInterrupt caught in kernel") are not the user's
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as exc:
        where = f"cell {exc.cell_index + 1}" if getattr(exc, "cell_index", None) is not None else "a cell"
        raise AnalysisError(
            f"{article or 'the article'}: notebook {name} failed in {where} (counting from 1, the injected "
            f"parameters cell included): {exc.ename}: {exc.evalue}"
        ) from None
    _drop_timings(out)


def _drop_timings(path: Path) -> None:
    """Remove what papermill and nbclient record of when and how long, and the random id papermill gives
    the cell it injects (the same input gives the same bytes)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives the cell a random id
    nbformat.write(nb, str(path))


def report_html(notebooks: list[Path], title: str) -> str:
    """One HTML page of the executed notebooks: code hidden, images embedded, widget outputs left out."""
    import nbformat
    from nbconvert import HTMLExporter

    merged = nbformat.v4.new_notebook()
    merged.metadata["title"] = title
    for number, path in enumerate(notebooks, 1):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            cell.id = f"nb{number}-{cell.get('id', '')}"[:64]  # ids repeat across notebooks (the parameters cell)
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.outputs if _WIDGET not in o.get("data", {})]
                cell.execution_count = None
                cell.metadata.pop("papermill", None)
                cell.metadata.pop("execution", None)
            merged.cells.append(cell)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True)
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(merged)
    # the template loads require.js and MathJax from a CDN; the page needs neither (no widgets, no maths)
    return _REMOTE_SCRIPT.sub("", body)


def write_report(
    article: str | Path,
    out_dir: str | Path,
    *,
    codebook: str | Path | None = None,
    gold: str | Path | None = None,
    encoding: str = "utf-8",
    roles: str | Path | None = None,
    progress=print,
) -> Path:
    """Write the report of one article into ``out_dir`` (see the module's docstring).

    Args:
        article: the article file (plain text or HTML).
        out_dir: the report folder, replaced atomically.
        codebook: a YAML codebook; None for the package's.
        gold: a human coding (CSV: para, frame, text) for the evaluation
            section; None skips it (the default for any article but the seed,
            whose coding is the default for it).
        encoding: the article's encoding.
        roles: a roles file setting block roles by hand (as ``analyze --roles``), for
            the tables and every notebook.
        progress: called with one line per step, and one per warning about the article.
    """
    from .figures import write_figures
    from .plots import plural
    from .result import analyze

    if not NOTEBOOKS.is_dir():
        raise AnalysisError(f"{display_name(NOTEBOOKS)}: no notebooks folder (the report needs a checkout)")
    if gold is not None and not Path(gold).is_file():
        raise AnalysisError(f"{display_name(gold)}: no such gold file")
    name = display_name(Path(article).name)
    result = analyze(article, codebook, encoding=encoding, roles=roles)  # bad input: one error line, nothing else
    for message in result.warnings:
        progress(f"report: warning: {message}")
    parameters = notebook_parameters(article, codebook, gold, roles)
    with atomic_folder(out_dir) as tmp:
        result.write(tmp / "tables")
        body = result.paragraphs[result.paragraphs["para"] > 0]
        progress(
            f"report: tables: {plural(len(body), 'body paragraph')}, {plural(len(result.frame_hits), 'frame hit')}"
        )
        written = write_figures(result, tmp / "figures")
        progress(f"report: figures: {len(written)} files")
        (tmp / "notebooks").mkdir()
        executed = [tmp / "notebooks" / nb for nb in REPORT_NOTEBOOKS]
        start = time.perf_counter()
        # the notebooks are independent: NOTEBOOK_JOBS kernels at a time (each its own process)
        with ThreadPoolExecutor(max_workers=NOTEBOOK_JOBS) as pool:
            runs = [
                pool.submit(run_notebook, nb, path, parameters, article=name)
                for nb, path in zip(REPORT_NOTEBOOKS, executed)
            ]
            try:
                for nb, run in zip(REPORT_NOTEBOOKS, runs):
                    run.result()
                    progress(
                        f"report: notebook {nb} executed ({time.perf_counter() - start:.0f} s since the first started)"
                    )
            except BaseException:
                for run in runs:
                    run.cancel()
                raise
        html = report_html(executed, f"Discourse analysis report: {name}")
        (tmp / "report.html").write_text(html, encoding="utf-8")
        progress("report: report.html written")
        inputs = {"input": {"file": name, "sha256": result.input_sha256, "chars": len(result.text)}}
        if gold is not None:
            inputs["gold"] = {"file": display_name(Path(gold).name), "sha256": _sha256(Path(gold))}
        manifest = build_manifest(
            inputs=inputs,
            codebook=result.codebook,
            parameters={**result.parameters, "notebooks": list(REPORT_NOTEBOOKS)},
            outputs={
                **file_digests(tmp),
                **{f"{sub}/": folder_digest(tmp / sub) for sub in ("tables", "figures", "notebooks")},
            },
        )
        write_manifest(tmp, manifest)
    return Path(out_dir)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> dict:
    """A folder's files (recursively) as one entry of a manifest: their count and one hash of names and contents."""
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for p in files:
        digest.update(f"{p.relative_to(folder).as_posix()}\0{_sha256(p)}\n".encode())
    return {"files": len(files), "sha256": digest.hexdigest()}
