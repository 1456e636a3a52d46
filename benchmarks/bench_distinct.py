"""Corpus-mode benchmark on DISTINCT text (every text once). Prints a table; asserts nothing.

    .venv/bin/python benchmarks/bench_distinct.py [--rounds 5] [--corpus-dir DIR] [--keep]

Corpus: benchmarks/distinct_corpus.py (article-extraction bodies + VADER's four
human-rated sets, deduplicated, about 470,000 words, nothing replicated), built
into a temporary folder unless --corpus-dir names one already built. Unlike
bench_corpus.py, per-word caches start cold and stay cold-ish: every sentence
is new.

Set-up (untimed): one `python -m analysis corpus CORPUS --jobs 1` run; the
`text` column of its sentences.csv is exactly what the pipeline scored, and is
what the floor loop scores. No analysis internals are imported here.

Each round runs, interleaved (ratios are taken within a round, medians and
ranges over the rounds are reported, since this shared machine drifts):

1. the floor: stock vaderSentiment `SentimentIntensityAnalyzer().polarity_scores`
   over those sentences in a fresh `python -c` subprocess (cold lexicon caches,
   like the pipeline's). The analyzer is built before timing; only the loop is
   timed. Process start (interpreter up to the first line of the script) and
   import + construction are reported separately;
2. the two-process ceiling: right after 1, the same loop in two such processes
   released at once (a start line on stdin after both are ready);
   ceiling = 2 x one loop / span of the two loops (2.0 when two cores are free);
3. `python -m analysis corpus CORPUS --out TMP --jobs 1`, end to end (wall);
4. the same with `--jobs 2`;
5. fixed cost: `corpus --jobs 1` on a one-article corpus (start-up, imports,
   lexicon and codebook loading, writing the tables);
6. `python -m analysis analyze SEED --out TMP` and
   `MPLBACKEND=Agg python -m analysis figures SEED --out TMP` (fresh empty
   output folders each time), wall time.

Then, untimed, peak resident memory of the process tree (main + workers,
sampled every 50 ms) of `--jobs 1` and `--jobs 2` runs.
Everything is written under one tempfile.mkdtemp() folder, removed at the end
unless --keep.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from distinct_corpus import build, describe, folder_totals  # noqa: E402

SEED = Path("seeds") / "putin_sends_trumps_messengers_packing.txt"
TARGETS = {  # name: (comparison, target, goal or None)
    "jobs1/floor": ("<=", 3.5, 2.5),
    "jobs1/jobs2": (">=", 1.6, None),
    "figures/analyze": ("<=", 3.0, None),
}

# The floor, run as `python -c FLOOR_SCRIPT SENTENCES.json`: prints "ready" once
# the analyzer is built, waits for a line on stdin, runs the loop, prints JSON.
FLOOR_SCRIPT = """
import time
entered = time.perf_counter()
import json, sys
sentences = json.load(open(sys.argv[1], encoding="utf-8"))
t0 = time.perf_counter()
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
vader = SentimentIntensityAnalyzer()
t1 = time.perf_counter()
print("ready", flush=True)
sys.stdin.readline()
score = vader.polarity_scores
start = time.perf_counter()
for s in sentences:
    score(s)
end = time.perf_counter()
print(json.dumps({"entered": entered, "construct": t1 - t0, "start": start, "end": end, "loop": end - start}))
"""


def run_floor(sentences_file: Path, n: int = 1) -> list[dict]:
    """Run ``n`` floor processes at once (released together once all are ready); their timings."""
    procs, launched = [], []
    for _ in range(n):
        launched.append(time.perf_counter())
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", FLOOR_SCRIPT, str(sentences_file)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    for p in procs:
        if p.stdout.readline().strip() != "ready":
            raise SystemExit("floor process failed before the loop")
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p, t in zip(procs, launched):
        out, _ = p.communicate()
        if p.returncode != 0:
            raise SystemExit("floor process failed")
        result = json.loads(out.strip().splitlines()[-1])
        result["process_start"] = result["entered"] - t  # perf_counter is system-wide monotonic on Linux
        results.append(result)
    return results


def corpus_command(inputs: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "analysis", "corpus", str(inputs), "--out", str(out), "--jobs", str(jobs)]


def timed(cmd: list[str], *, env: dict | None = None, retries: int = 0) -> float:
    """Wall seconds of a subprocess; exits with its stderr on failure (after ``retries`` 60-s waits)."""
    for attempt in range(retries + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode == 0:
            return elapsed
        if attempt < retries:
            print(f"  (failed, retrying in 60 s: {done.stderr.decode().strip().splitlines()[-1:]})", flush=True)
            time.sleep(60)
    raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr.decode()}")


def peak_memory(cmd: list[str]) -> float:
    """Peak resident memory (MB) of a command's process tree, sampled every 50 ms."""
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True)))
        except psutil.Error:
            pass
        time.sleep(0.05)
    return peak / 1e6


def read_sentences(out: Path) -> list[str]:
    """The ``text`` column of a corpus run's sentences.csv."""
    csv.field_size_limit(sys.maxsize)
    with open(out / "sentences.csv", encoding="utf-8-sig", newline="") as f:
        return [row["text"] for row in csv.DictReader(f)]


def verdict(name: str, value: float) -> str:
    op, target, goal = TARGETS[name]
    met = value <= target if op == "<=" else value >= target
    text = f"{op} {target:g}: {'met' if met else 'NOT met'}"
    if goal is not None:
        text += f"; goal {op} {goal:g}: {'met' if (value <= goal if op == '<=' else value >= goal) else 'not met'}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus-dir", type=Path, help="reuse a corpus built by benchmarks/distinct_corpus.py")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_distinct_"))
    try:
        run(args, tmp)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> None:
    if args.corpus_dir:
        corpus = args.corpus_dir.resolve()
        stats = folder_totals(corpus)
        print(
            f"corpus {corpus}: {stats['articles']:,} articles, {stats['words']:,} words, "
            f"{stats['types']:,} distinct word types"
        )
    else:
        corpus = tmp / "corpus"
        stats = build(corpus)
        print(describe(stats))
    one = tmp / "one_article"
    first = sorted(corpus.rglob("*.txt"))[0]
    one.mkdir()
    shutil.copyfile(first, one / first.name)

    # set-up: the sentences the pipeline scores (also warms the file cache)
    timed(corpus_command(corpus, tmp / "setup", 1), retries=3)
    sentences = read_sentences(tmp / "setup")
    sentences_file = tmp / "sentences.json"
    sentences_file.write_text(json.dumps(sentences), encoding="utf-8")
    n_sent = len(sentences)
    print(f"set-up: the pipeline scored {n_sent:,} sentences; {args.rounds} interleaved rounds follow", flush=True)

    env_agg = {**os.environ, "MPLBACKEND": "Agg"}
    m: dict[str, list[float]] = {
        k: []
        for k in (
            "floor",
            "floor_construct",
            "floor_start",
            "ceiling",
            "jobs1",
            "jobs2",
            "fixed1",
            "analyze",
            "figures",
        )
    }
    for r in range(1, args.rounds + 1):
        (single,) = run_floor(sentences_file, 1)
        pair = run_floor(sentences_file, 2)
        m["floor"].append(single["loop"])
        m["floor_construct"].append(single["construct"])
        m["floor_start"].append(single["process_start"])
        m["ceiling"].append(2 * single["loop"] / (max(p["end"] for p in pair) - min(p["start"] for p in pair)))
        for jobs in (1, 2):
            m[f"jobs{jobs}"].append(timed(corpus_command(corpus, tmp / f"out{jobs}", jobs), retries=3))
        m["fixed1"].append(timed(corpus_command(one, tmp / "out_one", 1), retries=3))
        analyze_out = Path(tempfile.mkdtemp(dir=tmp, prefix="analyze_"))
        m["analyze"].append(
            timed([sys.executable, "-m", "analysis", "analyze", str(SEED), "--out", str(analyze_out)], retries=3)
        )
        figures_out = Path(tempfile.mkdtemp(dir=tmp, prefix="figures_"))
        m["figures"].append(
            timed(
                [sys.executable, "-m", "analysis", "figures", str(SEED), "--out", str(figures_out)],
                env=env_agg,
                retries=3,
            )
        )
        print(
            f"  round {r}: floor {m['floor'][-1]:.1f} s, jobs1 {m['jobs1'][-1]:.1f} s, "
            f"jobs2 {m['jobs2'][-1]:.1f} s, ceiling x{m['ceiling'][-1]:.2f}, "
            f"analyze {m['analyze'][-1]:.1f} s, figures {m['figures'][-1]:.1f} s; "
            f"load average {os.getloadavg()[0]:.2f} (other work on the machine skews the round)",
            flush=True,
        )
    peaks = {jobs: peak_memory(corpus_command(corpus, tmp / f"mem{jobs}", jobs)) for jobs in (1, 2)}

    ratios = {
        "jobs1/floor": [a / b for a, b in zip(m["jobs1"], m["floor"])],
        "jobs1/jobs2": [a / b for a, b in zip(m["jobs1"], m["jobs2"])],
        "figures/analyze": [a / b for a, b in zip(m["figures"], m["analyze"])],
    }
    med = statistics.median
    words = stats["words"]

    def row(label: str, values: list[float], unit: str = "s", note: str = "") -> None:
        print(f"| {label} | {med(values):.2f} {unit} | {min(values):.2f} .. {max(values):.2f} | {note} |")

    print()
    print(
        f"Corpus: {stats['articles']:,} articles, {words:,} words, {n_sent:,} sentences scored, "
        f"{stats['types']:,} distinct lower-cased word types (every text once). "
        f"Medians and ranges of {args.rounds} interleaved rounds."
    )
    print()
    print("| measure | median | range | note |")
    print("|---|---:|---:|---|")
    row("floor: VADER loop over the sentences", m["floor"], note=f"{words / med(m['floor']):,.0f} words/s")
    row("floor: import + analyzer construction", m["floor_construct"], note="not in the floor")
    row("floor: process start (interpreter)", m["floor_start"], note="not in the floor")
    row("corpus --jobs 1 (end to end)", m["jobs1"], note=f"{words / med(m['jobs1']):,.0f} words/s")
    row("corpus --jobs 2 (end to end)", m["jobs2"], note=f"{words / med(m['jobs2']):,.0f} words/s")
    row(
        "corpus --jobs 1 on one article (fixed cost)",
        m["fixed1"],
        note=f"{med(m['fixed1']) / med(m['jobs1']):.1%} of --jobs 1",
    )
    row("analyze seed", m["analyze"])
    row("figures seed (MPLBACKEND=Agg)", m["figures"])
    for name, values in ratios.items():
        row(f"ratio {name}", values, unit="", note=f"target {verdict(name, med(values))}")
    row(
        "ratio two-process ceiling (2 floors at once)",
        m["ceiling"],
        unit="",
        note="2.0 = two free cores; bounds jobs1/jobs2",
    )
    print(f"| peak memory, process tree | --jobs 1 {peaks[1]:.0f} MB, --jobs 2 {peaks[2]:.0f} MB | | separate run |")


if __name__ == "__main__":
    main()
