"""Article-body extraction: this package's cleaning against trafilatura, scored by the benchmark's own functions.

    .venv/bin/python benchmarks/bench_extraction.py [--data DIR] [--mode html|paste|both] [--pages N] [--worst K]

Data: the Zyte article-extraction benchmark (MIT), a folder holding
``ground-truth.json``, ``evaluate.py``, ``html/<id>.html.gz`` and ``pasted/<id>.txt``
(the whole page as copied from a browser). Default: the development half kept
beside the project (``../shared/benchmarks/article_extraction``).

What is scored (the benchmark's ``string_shingle_matching`` and
``metrics_from_tp_fp_fns``, micro-averaged over pages as its README reports):

* ``html``: the page's bytes through :func:`analysis.article.decode_source` (the
  path ``analyze`` takes), body = the body paragraphs (para >= 1) joined by
  newlines (the ground truth leaves the headline out); beside it trafilatura's
  ``extract`` with its default settings (the benchmark's published anchor).
* ``paste``: the whole-page paste through the same path (plain text, so the
  block classifier of :mod:`analysis.blocks`); beside it the whole paste
  (no cleaning at all).

Prints F1, precision and recall per system and mode, the pages with the lowest
F1 for this package, and the time per page. Asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.article import decode_source  # noqa: E402
from analysis.errors import AnalysisError  # noqa: E402
from analysis.pipeline import source_blocks  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "article_extraction"


def load_scoring(data: Path):
    """The benchmark's own evaluate.py, imported from its folder."""
    spec = importlib.util.spec_from_file_location("zyte_evaluate", data / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def package_body(data: bytes, name: str) -> str:
    """The body paragraphs this package analyses, one per line ('' when the input is refused)."""
    try:
        source = decode_source(data, name=name)
    except AnalysisError:
        return ""
    return "\n".join(b.text for b in source_blocks(source) if b.para is not None and b.para >= 1)


def trafilatura_body(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8")) or ""


def page_f1(ev, tp: float, fp: float, fn: float) -> float:
    """One page's F1 from the benchmark's own precision and recall (0 when both are 0)."""
    p, r = ev.precision_score(tp, fp, fn), ev.recall_score(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def score(ev, truth: dict, bodies: dict) -> dict:
    matches = [ev.string_shingle_matching(true=truth[k]["articleBody"], pred=bodies[k]) for k in truth]
    m = ev.metrics_from_tp_fp_fns(matches)
    per_page = {k: page_f1(ev, *x) for k, x in zip(truth, matches)}
    return {"f1": m["f1"], "precision": m["precision"], "recall": m["recall"], "per_page": per_page}


def run(data: Path, modes: list[str], pages: int | None, worst: int) -> dict:
    ev = load_scoring(data)
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[:pages] if pages else sorted(truth)
    truth = {k: truth[k] for k in keys}
    results = {}
    for mode in modes:
        systems = {}
        if mode == "html":
            raw = {k: gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes()) for k in keys}
            systems["trafilatura (default)"] = trafilatura_body
        else:
            raw = {k: (data / "pasted" / f"{k}.txt").read_bytes() for k in keys}
            systems["no cleaning"] = lambda b: b.decode("utf-8")
        systems = {"this package": lambda b, k=None: None, **systems}
        for name, fn in systems.items():
            t0 = time.perf_counter()
            if name == "this package":
                bodies = {k: package_body(raw[k], k) for k in keys}
            else:
                bodies = {k: fn(raw[k]) for k in keys}
            per_page_ms = 1000 * (time.perf_counter() - t0) / len(keys)
            results[(mode, name)] = {**score(ev, truth, bodies), "ms_per_page": per_page_ms}
    print(f"{len(keys)} pages from {data}")
    print(f"{'mode':<6} {'system':<24} {'F1':>6} {'prec.':>6} {'recall':>6} {'ms/page':>8}")
    for (mode, name), r in results.items():
        print(f"{mode:<6} {name:<24} {r['f1']:6.3f} {r['precision']:6.3f} {r['recall']:6.3f} {r['ms_per_page']:8.1f}")
    for mode in modes:
        per_page = results[(mode, "this package")]["per_page"]
        low = sorted(per_page.items(), key=lambda kv: kv[1])[:worst]
        print(f"{mode}: lowest F1 of this package: " + ", ".join(f"{k[:8]} {v:.2f}" for k, v in low))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmark folder")
    parser.add_argument("--mode", choices=["html", "paste", "both"], default="both")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages (by id)")
    parser.add_argument("--worst", type=int, default=8, help="list this many lowest-scoring pages")
    args = parser.parse_args(argv)
    modes = ["html", "paste"] if args.mode == "both" else [args.mode]
    run(args.data, modes, args.pages, args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
