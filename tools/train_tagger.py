"""Train ``analysis/resources/postag_ewt.tsv.gz``, the part-of-speech model of :mod:`analysis.postag`.

Run once, never at run time (about three minutes; the same bytes every time)::

    .venv/bin/python tools/train_tagger.py

Data: UD English EWT (``data/external/ud-english-ewt/``, commit 15d613d8447b,
CC BY-SA 4.0), each sentence's ``# text`` re-tokenized by the package's
tokenizer and aligned to UD's words (:func:`analysis.postag.aligned_tags`;
sentences that do not align are skipped and counted).

Training: an averaged perceptron (Collins 2002; Honnibal's greedy tagger as in
NLTK's ``PerceptronTagger``), :data:`ITERATIONS` passes over the train file,
the sentences shuffled before each pass by ``random.Random(SEED)``; the tag
history is the model's own guesses, as at run time. Words of the tag
dictionary (train-file tokens seen at least :data:`DICT_MIN_COUNT` times with
one tag at least :data:`DICT_MIN_SHARE` of the time, NLTK's thresholds) are
not scored. The shipped dictionary goes further, to tokens seen
:data:`SHIPPED_DICT_MIN_COUNT` times (with the same share): on the dev file
it is as accurate on them as the model (2 tokens better), and 4% more tokens
skip the model (chosen once, like the iterations).
:data:`ITERATIONS` was chosen once on the dev file (``--choose-iterations``
prints dev accuracy after each pass) and is fixed: dev accuracy (averaged
weights) rises to 0.9477 after 13 passes and stays between 0.9476 and 0.9481
up to 20.

Storing: the averaged weights times :data:`analysis.postag.WEIGHT_SCALE`,
rounded to integers; a weight below :data:`PRUNE` in absolute value (scaled)
is dropped, and a feature with no weight left (dev accuracy within 0.0001 of
the unpruned weights; the file about 1 MB). The meta data give
``weight_bound``, the sum over feature templates of their largest weight,
which sizes the run-time vectors' fields. Accuracy is measured on the stored
model through :func:`analysis.postag.tag` itself. The file is gzip with no
name and no time stamp, lines sorted, so its bytes depend on the data and
this script only. Also writes ``analysis/resources/SOURCE-postag_ewt.txt``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import postag  # noqa: E402
from analysis.postag import PADDING, TAGS, WEIGHT_SCALE, sentence_features, ud_sentences, word_features  # noqa: E402

EWT = ROOT / "data" / "external" / "ud-english-ewt"
COMMIT = "15d613d8447b"
OUT = ROOT / "analysis" / "resources" / postag.MODEL_FILE
SOURCE = ROOT / "analysis" / "resources" / "SOURCE-postag_ewt.txt"

#: passes over the train file (chosen on the dev file with --choose-iterations, then fixed)
ITERATIONS = 14
#: the seed of the shuffling before each pass
SEED = 1
#: tag dictionary: a token (exact string) seen at least this often in the train file ...
DICT_MIN_COUNT = 20
#: ... with its most frequent tag at least this share of the time
DICT_MIN_SHARE = 0.97
#: the shipped tag dictionary: tokens seen at least this often (and DICT_MIN_SHARE)
SHIPPED_DICT_MIN_COUNT = 10
#: scaled weights below this (absolute) are dropped from the stored model
PRUNE = 50

_N = len(TAGS)


def load_split(name: str) -> tuple[list[tuple[str, list[str], list[int]]], int]:
    """``(text, tokens, tag indices)`` of a split's aligned sentences, and the number skipped."""
    sentences, failed = ud_sentences(EWT / f"en_ewt-ud-{name}.conllu.gz")
    index = {t: k for k, t in enumerate(TAGS)}
    return [(text, tokens, [index[t] for t in tags]) for text, tokens, tags in sentences], failed


def make_tagdict(sentences, min_count: int = DICT_MIN_COUNT) -> dict[str, int]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for _, tokens, tags in sentences:
        for token, t in zip(tokens, tags):
            counts[token][t] += 1
    out = {}
    for token, c in counts.items():
        n = sum(c.values())
        t, top = max(c.items(), key=lambda kv: (kv[1], -kv[0]))
        if n >= min_count and top / n >= DICT_MIN_SHARE:
            out[token] = t
    return out


class AveragedPerceptron:
    """Weights per feature and tag, with the running totals that give their average (lazily updated)."""

    def __init__(self):
        self.weights: dict[str, dict[int, float]] = {}
        self.totals: dict[tuple[str, int], float] = defaultdict(float)
        self.stamps: dict[tuple[str, int], int] = defaultdict(int)
        self.i = 0

    def predict(self, features: list[str], weights=None) -> int:
        weights = self.weights if weights is None else weights
        scores = [0.0] * _N
        for f in features:
            ws = weights.get(f)
            if ws:
                for k, w in ws.items():
                    scores[k] += w
        best = max(scores)
        return _N - 1 - scores[::-1].index(best)  # ties: the later tag, as analysis.postag.tag

    def update(self, truth: int, guess: int, features: list[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in features:
            ws = self.weights.setdefault(f, {})
            for k, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, k)
                w = ws.get(k, 0.0)
                self.totals[key] += (self.i - self.stamps[key]) * w
                self.stamps[key] = self.i
                ws[k] = w + delta

    def averaged(self) -> dict[str, dict[int, float]]:
        out = {}
        for f, ws in self.weights.items():
            avg = {}
            for k, w in ws.items():
                key = (f, k)
                total = self.totals[key] + (self.i - self.stamps[key]) * w
                value = total / self.i
                if value:
                    avg[k] = value
            if avg:
                out[f] = avg
        return out


class Features:
    """Word features by token string, computed once."""

    def __init__(self):
        self.cache: dict[str, postag.WordFeatures] = {}
        self.pads = [word_features(p) for p in PADDING]

    def __call__(self, token: str) -> postag.WordFeatures:
        f = self.cache.get(token)
        if f is None:
            f = self.cache[token] = word_features(token)
        return f


def run_pass(model, sentences, tagdict, features, *, learn: bool, weights=None) -> tuple[int, int]:
    """Tag every sentence greedily (updating the weights if ``learn``); return (correct, total)."""
    correct = total = 0
    pads = features.pads
    for _, tokens, gold in sentences:
        infos = [features(t) for t in tokens]
        prev1, prev2 = postag._BEFORE1, postag._BEFORE2
        for i, token in enumerate(tokens):
            guess = tagdict.get(token)
            if guess is None:
                feats = sentence_features(infos, i, prev1, prev2, pads)
                guess = model.predict(feats, weights)
                if learn:
                    model.update(gold[i], guess, feats)
            correct += guess == gold[i]
            total += 1
            prev2, prev1 = prev1, guess
    return correct, total


def train(sentences, tagdict, iterations: int, *, dev=None) -> dict[str, dict[int, float]]:
    model = AveragedPerceptron()
    features = Features()
    rng = random.Random(SEED)
    order = list(sentences)
    for it in range(1, iterations + 1):
        start = time.perf_counter()
        rng.shuffle(order)
        c, n = run_pass(model, order, tagdict, features, learn=True)
        line = f"pass {it}: train (while learning) {c / n:.4f}, {time.perf_counter() - start:.1f} s"
        if dev is not None:
            dc, dn = run_pass(model, dev, tagdict, features, learn=False, weights=model.averaged())
            line += f", dev (averaged) {dc / dn:.4f}"
        print(line, file=sys.stderr)
    return model.averaged()


def model_lines(weights: dict[str, dict[int, float]], tagdict: dict[str, int]) -> tuple[list[str], int]:
    """The model file's lines (header and meta data excluded), sorted, and the weight bound: the sum
    over feature templates of the largest stored weight (absolute) of each, which bounds any score
    (a token has at most one feature of each template; analysis.postag sizes its fields with it)."""
    plain: dict[str, str] = {}
    largest: dict[str, int] = defaultdict(int)
    grouped: dict[str, list[str]] = defaultdict(list)
    history = {name: k for k, name in enumerate(postag._HISTORY_NAMES)}
    for f, ws in weights.items():
        items = sorted((k, round(w * WEIGHT_SCALE)) for k, w in ws.items())
        items = [(k, w) for k, w in items if abs(w) >= PRUNE]
        if not items:
            continue
        sparse = ",".join(f"{k}:{w}" for k, w in items)
        template = f.partition(" ")[0]
        largest[template] = max(largest[template], *(abs(w) for _, w in items))
        if f.startswith(("tw ", "tsh ")):
            key, _, prev = f.rpartition(" ")
            grouped[key].append((history[prev], sparse))
        else:
            plain[f] = sparse
    for key, parts in grouped.items():
        plain[key] = ";".join(f"{k}={s}" for k, s in sorted(parts))
    lines = [f"@dict\t{w}\t{TAGS[t]}" for w, t in sorted(tagdict.items())]
    lines += [f"{f}\t{plain[f]}" for f in sorted(plain)]
    return lines, sum(largest.values())


def gzip_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buf.getvalue()


HEADER = f"""# Part-of-speech model of analysis/postag.py: a greedy averaged perceptron giving Universal POS tags
# to the package's tokens. Trained by tools/train_tagger.py on Universal Dependencies English Web Treebank
# (UD_English-EWT, https://github.com/UniversalDependencies/UD_English-EWT, commit {COMMIT}),
# re-tokenized; an adaptation of that treebank, licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). Annotations (c) 2013-2021 The Board of Trustees of
# The Leland Stanford Junior University. Cite: Silveira et al. (2014), A Gold Standard Dependency Corpus
# for English, LREC 2014. See analysis/resources/SOURCE-postag_ewt.txt.
# Lines: '@meta<TAB>name<TAB>value'; '@dict<TAB>token<TAB>tag' (tag dictionary); '<feature><TAB>k:w,...'
# (weights times {WEIGHT_SCALE} by tag index k); 'tw <word>' and 'tsh <shape>' lines hold
# 'h=k:w,...;...' by previous-tag index h.
"""


def evaluate(model, sentences) -> dict:
    """Accuracy and the PROPN / NOUN figures of ``model`` (a loaded model) on ``sentences``."""
    confusion: Counter = Counter()
    for _, tokens, gold in sentences:
        for g, p in zip(gold, postag.tag(tokens, model)):
            confusion[TAGS[g], p] += 1
    total = sum(confusion.values())
    correct = sum(n for (g, p), n in confusion.items() if g == p)

    def prf(t):
        tp = confusion[t, t]
        pred = sum(n for (g, p), n in confusion.items() if p == t)
        gold = sum(n for (g, p), n in confusion.items() if g == t)
        return tp / pred if pred else 0.0, tp / gold if gold else 0.0, gold

    out = {"accuracy": correct / total, "tokens": total}
    for t in ("PROPN", "NOUN", "VERB", "ADJ"):
        out[t] = prf(t)
    out["PROPN->NOUN"] = confusion["PROPN", "NOUN"]
    out["NOUN->PROPN"] = confusion["NOUN", "PROPN"]
    # proper names and content words as sets: a PROPN found as PROPN; a content word (NOUN PROPN VERB ADJ)
    content = {"NOUN", "PROPN", "VERB", "ADJ"}
    tp = sum(n for (g, p), n in confusion.items() if g in content and p in content)
    pred = sum(n for (g, p), n in confusion.items() if p in content)
    gold = sum(n for (g, p), n in confusion.items() if g in content)
    out["content"] = (tp / pred, tp / gold, gold)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--choose-iterations",
        type=int,
        metavar="N",
        help="train N passes, print dev accuracy after each, write nothing",
    )
    args = parser.parse_args()
    start = time.perf_counter()
    train_set, train_failed = load_split("train")
    dev_set, dev_failed = load_split("dev")
    test_set, test_failed = load_split("test")
    tagdict = make_tagdict(train_set)
    print(
        f"train {len(train_set)} sentences ({train_failed} not aligned), dev {len(dev_set)} ({dev_failed}), "
        f"test {len(test_set)} ({test_failed}); tag dictionary {len(tagdict)} tokens",
        file=sys.stderr,
    )
    if args.choose_iterations:
        train(train_set, tagdict, args.choose_iterations, dev=dev_set)
        return 0
    weights = train(train_set, tagdict, ITERATIONS)
    shipped_dict = make_tagdict(train_set, SHIPPED_DICT_MIN_COUNT)
    body, bound = model_lines(weights, shipped_dict)
    n_tokens = sum(len(s[1]) for s in train_set)
    meta = {
        "feature_set": postag.FEATURE_SET,
        "tags": " ".join(TAGS),
        "source": "UD English EWT",
        "commit": COMMIT,
        "licence": "CC BY-SA 4.0",
        "iterations": ITERATIONS,
        "train_sentences": len(train_set),
        "train_tokens": n_tokens,
        "weight_bound": bound,
    }

    def text_with(meta: dict) -> str:
        return HEADER + "".join(f"@meta\t{k}\t{v}\n" for k, v in meta.items()) + "\n".join(body) + "\n"

    draft = text_with(meta)
    model = postag._Model(draft, "", 0)
    dev = evaluate(model, dev_set)
    test = evaluate(model, test_set)
    meta["accuracy_dev"] = f"{dev['accuracy']:.4f}"
    meta["accuracy_test"] = f"{test['accuracy']:.4f}"
    data = gzip_bytes(text_with(meta))
    OUT.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    n_features = sum(1 for line in body if not line.startswith("@"))
    failed = (train_failed, dev_failed, test_failed)
    SOURCE.write_text(
        source_text(dict(meta), dev, test, sha, len(data), n_features, len(shipped_dict), failed), encoding="utf-8"
    )
    for name, r in (("dev", dev), ("test", test)):
        print(
            f"{name}: accuracy {r['accuracy']:.4f} on {r['tokens']} tokens; "
            + "; ".join(f"{t} P {r[t][0]:.4f} R {r[t][1]:.4f}" for t in ("PROPN", "NOUN", "content"))
            + f"; PROPN->NOUN {r['PROPN->NOUN']}, NOUN->PROPN {r['NOUN->PROPN']}",
            file=sys.stderr,
        )
    print(f"{OUT}: {len(data):,} bytes, sha256 {sha}; {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


def source_text(meta, dev, test, sha, size, n_features, n_dict, failed) -> str:
    def row(name, r):
        return (
            f"  {name:<5} {r['accuracy']:.4f}   {r['tokens']:>6,}   "
            f"{r['PROPN'][0]:.4f} / {r['PROPN'][1]:.4f}   {r['NOUN'][0]:.4f} / {r['NOUN'][1]:.4f}   "
            f"{r['content'][0]:.4f} / {r['content'][1]:.4f}   {r['PROPN->NOUN']:>4} / {r['NOUN->PROPN']:>4}"
        )

    return f"""postag_ewt.tsv.gz: the part-of-speech model of analysis/postag.py (Universal POS tags
for the package's tokens).

What it is
  A greedy averaged perceptron (Honnibal's tagger, as NLTK's PerceptronTagger) with
  feature set {meta["feature_set"]} of analysis/postag.py (word_features): the word lower-cased
  (digits as 0) and as written, its 1-4 letter suffixes, its first character and first
  2-3 letters, its shape ("Xx", "d-x"), the parts of a hyphenated word, the base and
  clitic of a word with an apostrophe; the words one and two before and after (with
  suffix and shape one before and after); the two previous tags, alone and together; the
  previous tag with the word and with its shape. {n_features:,} features with weights, and
  a tag dictionary of {n_dict:,} tokens that skip the model (seen at least
  {SHIPPED_DICT_MIN_COUNT} times in the train file, with one tag at least {DICT_MIN_SHARE:.0%} of the time;
  training skipped those seen at least {DICT_MIN_COUNT} times).
  Weights are the averaged perceptron's times {WEIGHT_SCALE}, rounded, those below {PRUNE}
  (absolute) dropped. UTF-8, gzip (no name, no time stamp), lines sorted; the format is in
  the file's header.
  sha256 {sha}
  bytes {size}
  (both checked by tests/test_postag.py)

Source
  Universal Dependencies English Web Treebank (UD_English-EWT),
  https://github.com/UniversalDependencies/UD_English-EWT at commit {COMMIT}, as copied
  unchanged in data/external/ud-english-ewt/ (see its SOURCE.txt and README.md).
  Training used the train file: {meta["train_sentences"]:,} sentences, {meta["train_tokens"]:,} tokens
  (sentences not aligned and skipped: train {failed[0]}, dev {failed[1]}, test {failed[2]}).

  Each sentence's '# text' was tokenized by analysis.tokenize.tokens_and_starts and aligned
  to UD's words by character offsets (analysis.postag.aligned_tags). A token holding
  several UD words takes the tag of their syntactic head, a clitic never heading:
  "Putin's" PROPN, "didn't" AUX, "it's" PRON, "27-point" NOUN (UD splits the hyphen:
  27/NUM -/PUNCT point/NOUN, head "point"). A UD word split by our tokenizer gives its
  tag to its pieces, except punctuation pieces of a non-punctuation word, which are
  PUNCT (SYM for symbols): "Mr." -> "Mr" PROPN, "." PUNCT.

Training command
  .venv/bin/python tools/train_tagger.py
  ({meta["iterations"]} passes, shuffled with random.Random({SEED}); iterations chosen once on the dev
  file with --choose-iterations; running it again writes the same bytes)

Accuracy (this model as stored, through analysis.postag.tag, on the package's tokens)
  split accuracy  tokens   PROPN P / R       NOUN P / R        content P / R     PROPN->NOUN / NOUN->PROPN
{row("dev", dev)}
{row("test", test)}
  content: NOUN PROPN VERB ADJ as one class (a content word found as some content word).

Licence
  The treebank's annotations are (c) 2013-2021 The Board of Trustees of The Leland
  Stanford Junior University, licensed under the Creative Commons Attribution-ShareAlike
  4.0 International License (https://creativecommons.org/licenses/by-sa/4.0/; the text is
  data/external/ud-english-ewt/LICENSE.txt). The underlying texts come from the LDC
  English Web Treebank (LDC2012T13); some parts are in the public domain, portions may be
  (c) 2012 Google Inc., (c) 2011 Yahoo! Inc., (c) 2012 Trustees of the University of
  Pennsylvania and/or (c) other original authors.
  This model is an adaptation of the treebank and is shared under CC BY-SA 4.0 too (not
  under the package's MIT licence): credit the treebank as below when you use it, and share
  changed versions under the same licence.

Cite
  Natalia Silveira, Timothy Dozat, Marie-Catherine de Marneffe, Samuel Bowman, Miriam
  Connor, John Bauer and Christopher D. Manning (2014). A Gold Standard Dependency Corpus
  for English. Proceedings of the Ninth International Conference on Language Resources
  and Evaluation (LREC-2014).
"""


if __name__ == "__main__":
    sys.exit(main())
