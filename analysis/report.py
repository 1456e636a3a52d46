"""Write an analysis to disk: tables (CSV), annotated.html and manifest.json, atomically.

:func:`write_analysis` writes one article's folder through the same sinks
(:mod:`analysis.sinks`) and manifest builder (:mod:`analysis.manifest`) as
corpus runs, with the one atomic writer (:mod:`analysis.atomic`). The same
input and options give byte-identical files. A source file name whose bytes
are not UTF-8 is written as ``\\xNN`` (:func:`analysis.article.display_name`).
The report figures are :mod:`analysis.figures`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .annotate import annotated_html
from .article import display_name
from .atomic import atomic_folder
from .manifest import build_manifest, file_digests, write_manifest
from .records import TABLES
from .sinks import CsvSink


def write_analysis(result, out_dir: str | Path) -> Path:
    """Write every table, ``annotated.html`` and ``manifest.json`` of an Analysis to ``out_dir`` atomically."""
    if display_name(result.source) != result.source:
        result = replace(result, source=display_name(result.source))
    with atomic_folder(out_dir) as tmp:
        sink = CsvSink(tmp, {name: t.columns for name, t in TABLES.items()})
        try:
            sink.write_records(result.records)
        finally:
            sink.close()
        (tmp / "annotated.html").write_text(annotated_html(result), encoding="utf-8")
        inputs = {"input": {"file": result.source, "sha256": result.input_sha256, "chars": len(result.text)}}
        write_manifest(
            tmp,
            build_manifest(
                inputs=inputs,
                codebook=result.codebook,
                parameters=result.parameters,
                outputs=file_digests(tmp, sink.digests()),
            ),
        )
    return Path(out_dir)
