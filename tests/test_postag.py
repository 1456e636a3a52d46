import hashlib
import re
import socket
import struct
from itertools import islice
from pathlib import Path

import pytest

from analysis import postag
from analysis.postag import TAGS, aligned_tags, read_conllu, tag, word_features, word_shape
from analysis.tokenize import tokens_and_starts

ROOT = Path(__file__).resolve().parents[1]
EWT = ROOT / "data" / "external" / "ud-english-ewt"
RESOURCES = ROOT / "analysis" / "resources"


def tags_of(sentence: str) -> list[str]:
    return tag(tokens_and_starts(sentence)[0])


@pytest.fixture(scope="module")
def dev_slice():
    """The first 300 sentences of the dev file with the package's tokens and aligned tags."""
    sentences = list(islice(read_conllu(EWT / "en_ewt-ud-dev.conllu.gz"), 300))
    aligned = [aligned_tags(s) for s in sentences]
    assert None not in aligned
    return [(s.text, tokens, tags) for s, (tokens, tags) in zip(sentences, aligned)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Putin's envoy didn't go to the U.S. on Monday.",
            "PROPN NOUN AUX VERB ADP DET PROPN ADP PROPN PUNCT",
        ),
        (
            "The Kremlin said it would not negotiate.",
            "DET PROPN VERB PRON AUX PART VERB PUNCT",
        ),
        (
            "Ukraine has endured nearly four years of Russian invasion.",
            "PROPN AUX VERB ADV NUM NOUN ADP ADJ NOUN PUNCT",
        ),
        (
            "Yuri Ushakov referred to a 27-point plan and four other documents.",
            "PROPN PROPN VERB ADP DET NOUN NOUN CCONJ NUM ADJ NOUN PUNCT",
        ),
        (
            "His team will brief the Europeans and then meet the Americans again, and he is returning to Kyiv.",
            "PRON NOUN AUX VERB DET PROPN CCONJ ADV VERB DET PROPN ADV PUNCT CCONJ PRON AUX VERB ADP PROPN PUNCT",
        ),
    ],
)
def test_hand_checked_news_sentences(sentence, expected):
    assert tags_of(sentence) == expected.split()


def test_one_tag_per_token_from_the_tag_set():
    odd = ["", "\u2014", "\U0001f600", "-", "--", "'", "'s", "n't", "\u00c9COLE", "na\u00efve-ish", "x-", "-x", "<S1>"]
    odd += ["<E2>", "a\u2010b", "O'Neill's", "didn\u2019t", "1,000", "10:42", "U.S.A.", "AT&T", "#", "@user", "x" * 500]
    for tokens in ([], ["word"], odd, odd[::-1], ["."] * 50):
        out = tag(tokens)
        assert len(out) == len(tokens) and set(out) <= set(TAGS)
    assert tag(()) == [] and tag(tuple(odd)) == tag(odd)


def test_deterministic_and_offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the tagger must not open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    tokens = tokens_and_starts("Trump's envoy met Zelensky's aides in Berlin on Friday, officials said.")[0]
    first = tag(tokens)
    assert tag(tokens) == first
    fresh = postag.load_model()  # read anew: cold caches, weights unpacked anew
    assert tag(tokens, fresh) == first
    fresh.clear_caches()
    assert tag(tokens, fresh) == first
    assert tag(["Putin", "left", "."], fresh) == ["PROPN", "VERB", "PUNCT"]


def test_accuracy_on_a_dev_slice(dev_slice):
    gold = [t for _, _, tags in dev_slice for t in tags]
    pred = [t for _, tokens, _ in dev_slice for t in tag(tokens)]
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    assert len(gold) > 3000 and accuracy > 0.92


def test_grouped_sums_equal_the_feature_by_feature_sums(dev_slice):
    """What tag() adds (each token string's sums, from cached word / suffix / prefix / shape parts)
    is the sum of the weights of the features the trainer used (word_features, sentence_features)."""
    model = postag._model()
    odd = "- ' 's Jesus' rock'n'roll x- -x A- e-mail O'Neill's 27-point U.S. PG&E 2025".split()
    odd += ["", "\n", "a\nb", "a\u2010b", "x\u2011y", "\u00c9COLE", "na\u00efve-ish", "didn\u2019t", "\u201c"]
    words = {t for _, tokens, _ in dev_slice[:100] for t in tokens} | set(odd)
    for word in sorted(words):
        assert model._info(word) == model.reference_info(word), word

    def reference_tag(tokens):
        """Greedy decoding from sentence_features, feature by feature (slow, obviously the trainer's)."""
        infos = [word_features(t) for t in tokens]
        pads = [word_features(p) for p in postag.PADDING]
        prev1, prev2, out = postag._BEFORE1, postag._BEFORE2, []
        for i, token in enumerate(tokens):
            t = model.tagdict.get(token)
            if t is None:
                total = postag._BASE  # 2**31 + k in field k
                for f in postag.sentence_features(infos, i, prev1, prev2, pads):
                    template, _, arg = f.partition(" ")
                    if template in ("tw", "tsh"):
                        key, _, history = f.rpartition(" ")
                        k = postag._HISTORY_NAMES.index(history)
                        total += dict(model._word(key[3:])[5]).get(k, 0) if template == "tw" else model._grouped(key)[k]
                    elif template in postag._WORD_SLOT:
                        total += model._word(arg)[postag._WORD_SLOT[template]]
                    else:
                        total += model._vector(f)
                fields = struct.unpack(f"<{len(TAGS)}I", total.to_bytes(4 * len(TAGS), "little"))
                scores = [f >> 5 for f in fields]  # without the tag bits
                t = max(range(len(TAGS)), key=lambda k: (scores[k], k))
            out.append(TAGS[t])
            prev1, prev2 = t, prev1
        return out

    for _, tokens, _ in dev_slice[:30]:
        assert tag(tokens, model) == reference_tag(tokens)


def test_word_shape_is_the_character_classes_with_runs_collapsed():
    def slow(token):
        classes = ["X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in token]
        classes = ["'" if c == "\u2019" else c for c in classes]
        return "".join(c for i, c in enumerate(classes) if i == 0 or c != classes[i - 1])

    for token in ["Putin's", "U.S.", "27-point", "iPhone", "NATO", "a", "A", "", "...", "\u00c9cole", "na\u00efve"]:
        assert word_shape(token) == slow(token)
    assert word_shape("Putin\u2019s") == "Xx'x" and word_shape("27-point") == "d-x"


CONLLU = """# sent_id = t1
# text = Putin's envoy didn't go, Mr. Smith said: a 27-point plan.
1-2\tPutin's\t_\t_\t_\t_\t_\t_\t_\t_
1\tPutin\tPutin\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tenvoy\tenvoy\tNOUN\tNN\t_\t6\tnsubj\t_\t_
4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t_\t_
5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_
6\tgo\tgo\tVERB\tVB\t_\t10\tccomp\t_\tSpaceAfter=No
7\t,\t,\tPUNCT\t,\t_\t10\tpunct\t_\t_
8\tMr.\tMr.\tPROPN\tNNP\t_\t9\tcompound\t_\t_
9\tSmith\tSmith\tPROPN\tNNP\t_\t10\tnsubj\t_\t_
10\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
11\t:\t:\tPUNCT\t:\t_\t10\tpunct\t_\t_
12\ta\ta\tDET\tDT\t_\t15\tdet\t_\t_
13\t27\t27\tNUM\tCD\t_\t15\tnummod\t_\tSpaceAfter=No
14\t-\t-\tPUNCT\tHYPH\t_\t15\tpunct\t_\tSpaceAfter=No
15\tpoint\tpoint\tNOUN\tNN\t_\t16\tcompound\t_\t_
16\tplan\tplan\tNOUN\tNN\t_\t10\tparataxis\t_\tSpaceAfter=No
17\t.\t.\tPUNCT\t.\t_\t10\tpunct\t_\t_

# sent_id = t2
# text = No such words here
1\tNo\tno\tDET\tDT\t_\t2\tdet\t_\t_
2\tsuch\tsuch\tADJ\tJJ\t_\t0\troot\t_\t_
"""


def test_alignment_to_the_package_tokens(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    first, second = read_conllu(path)
    tokens, tags = aligned_tags(first)
    assert tokens == tokens_and_starts(first.text)[0]
    assert list(zip(tokens, tags)) == [
        ("Putin's", "PROPN"),  # the clitic never heads
        ("envoy", "NOUN"),
        ("didn't", "AUX"),
        ("go", "VERB"),
        (",", "PUNCT"),
        ("Mr", "PROPN"),  # a UD word split by our tokenizer: the word's tag ...
        (".", "PUNCT"),  # ... but PUNCT for its punctuation piece
        ("Smith", "PROPN"),
        ("said", "VERB"),
        (":", "PUNCT"),
        ("a", "DET"),
        ("27-point", "NOUN"),  # the head of 27 - point
        ("plan", "NOUN"),
        (".", "PUNCT"),
    ]
    assert aligned_tags(second) is None  # its text does not hold its words


def test_model_file_is_the_one_its_source_file_describes():
    data = (RESOURCES / postag.MODEL_FILE).read_bytes()
    source = (RESOURCES / "SOURCE-postag_ewt.txt").read_text(encoding="utf-8")
    assert re.search(rf"^\s*sha256 {hashlib.sha256(data).hexdigest()}$", source, re.M)
    assert re.search(rf"^\s*bytes {len(data)}$", source, re.M)
    assert len(data) < 3_000_000
    info = postag.MODEL_INFO
    assert info["sha256"] == hashlib.sha256(data).hexdigest() and info["bytes"] == len(data)
    assert info["commit"] == "15d613d8447b" and info["licence"] == "CC BY-SA 4.0"
    assert info["feature_set"] == postag.FEATURE_SET and info["accuracy_test"] >= 0.94
    assert f"{info['accuracy_test']:.4f}" in source and f"{info['accuracy_dev']:.4f}" in source
