"""Hostile codebooks and gold files (issue 12): bounded time and memory, one clean error line, never a traceback.

Times are checked by scaling (four times the input within a small multiple of
the time), never against a wall clock, except generous ceilings far above
the expected seconds.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
import yaml
from conftest import best_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import codebook as cbmod
from analysis.codebook import (
    MAX_ACTORS,
    MAX_CODEBOOK_BYTES,
    MAX_ENTRIES,
    MAX_ENTRY_CHARS,
    MAX_FRAMES,
    MAX_NAME_CHARS,
    MAX_PHRASE_GAPS,
    MAX_PHRASE_WORDS,
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    load_codebook,
    parse_codebook,
)
from analysis.errors import AnalysisError
from analysis.frame_evaluation import MAX_GOLD_BYTES, load_gold
from analysis.framing import CONTEXT_CHARS, kwic
from analysis.matching import GAP, MAX_GAP, Matcher, compile_entry, dateline_end, sentence_units
from analysis.result import analyze_text
from analysis.tokenize import token_spans

HOSTILE = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def one_frame(terms=(), phrases=()) -> str:
    return yaml.safe_dump({"frames": {"f": {"terms": list(terms), "phrases": list(phrases)}}})


def refused(text: str | bytes, source: str = "my.yml") -> str:
    """The one-line message of a refused codebook (given as bytes or text)."""
    with pytest.raises(AnalysisError) as err:
        parse_codebook(text, source=source)
    message = str(err.value)
    assert message.startswith(f"{source}: ") and "\n" not in message and len(message) < 400, message
    return message


# ---------------------------------------------------------------- 1. gaps: linear matching, same results


def reference_match_at(units: list, i: int, pattern: tuple) -> int | None:
    """The depth-first search the matcher used before issue 12: the semantics to keep."""

    def step(ui: int, pi: int) -> int | None:
        if pi == len(pattern):
            return ui
        item = pattern[pi]
        if item is GAP:
            for skip in range(MAX_GAP + 1):
                end = step(ui + skip, pi + 1)
                if end is not None:
                    return end
            return None
        if ui >= len(units):
            return None
        key, upper = item
        unit = units[ui]
        if unit[0] != key or (upper and not unit[1]):
            return None
        return step(ui + 1, pi + 1)

    return step(i, 0)


UNIT = st.tuples(st.sampled_from("abc"), st.booleans(), st.just(0), st.just(0))
ITEM = st.one_of(st.just(GAP), st.tuples(st.sampled_from("abc"), st.booleans()))


@HOSTILE
@given(
    units=st.lists(UNIT, max_size=24),
    first=st.tuples(st.sampled_from("abc"), st.booleans()),
    rest=st.lists(ITEM, max_size=8),
    data=st.data(),
)
def test_match_at_gives_the_depth_first_result(units, first, rest, data):
    """Shortest gaps first, earlier gaps first, the first success wins: as before, for any pattern."""
    pattern = (first, *rest)
    i = data.draw(st.integers(0, len(units)))
    assert Matcher._match_at(units, i, pattern) == reference_match_at(units, i, pattern)


def reference_find_units(matcher: Matcher, units: list) -> list:
    """The matcher before issue 12: each entry of the first stem's list tried in turn with the search above."""
    candidates = []
    for i, unit in enumerate(units):
        for gi, entry, pattern in matcher.index.get(unit[0], ()):
            j = reference_match_at(units, i, pattern) if len(pattern) > 1 else i + 1
            if j is not None and (len(pattern) > 1 or not pattern[0][1] or unit[1]):
                candidates.append((gi, i, j, entry))
    candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
    taken: dict[int, set[int]] = {}
    out = []
    for gi, i, j, entry in candidates:
        used = taken.setdefault(gi, set())
        if used.isdisjoint(range(i, j)):
            used.update(range(i, j))
            out.append((gi, entry, units[i][2], units[j - 1][3]))
    out.sort(key=lambda m: (m[2], -m[3], m[0]))
    return out


ENTRY = st.lists(st.sampled_from(["us", "US", "NATO", "b", "a", "*", "*"]), min_size=1, max_size=9).map(
    lambda ws: " ".join(ws).strip(" *") or "a"
)
SENTENCE = st.lists(st.sampled_from(["us", "US", "NATO", "nato", "b", "a", "c"]), max_size=30)


@HOSTILE
@given(groups=st.lists(st.lists(ENTRY, min_size=1, max_size=8), min_size=1, max_size=4), words=SENTENCE)
def test_the_trie_finds_what_each_entry_tried_in_turn_found(groups, words):
    """Random codebooks (several groups, shared beginnings, gaps, capitals, repeats): the same matches, in order."""
    matcher = Matcher([(f"g{k}", tuple(entries)) for k, entries in enumerate(groups)])
    units = [(w.lower(), w.isupper() and len(w) > 1, k, k + 1) for k, w in enumerate(words)]
    assert matcher.find_units(units) == reference_find_units(matcher, units)


PHRASE_WORDS = ["send", "sent", "back", "the", "dish", "US", "us", "real-estate", "fire", "to"]


@HOSTILE
@given(
    words=st.lists(st.sampled_from(PHRASE_WORDS), min_size=2, max_size=5),
    gaps=st.lists(st.integers(0, 2), min_size=4, max_size=4),
    text=st.lists(st.sampled_from(PHRASE_WORDS + ["a", "cold", ",", "and"]), max_size=40),
)
def test_random_codebook_phrases_match_as_before(words, gaps, text):
    """Random valid phrases (up to 4 gaps) on random sentences: every hit the reference search finds."""
    parts = [words[0]]
    for k, word in enumerate(words[1:]):
        parts += ["*"] * gaps[k % 4] + [word]
    while parts.count("*") > MAX_PHRASE_GAPS:
        parts.remove("*")
    phrase = " ".join(parts)
    cb = parse_codebook(one_frame(phrases=[phrase]))
    sentence = " ".join(text)
    units = sentence_units(sentence, token_spans(sentence))
    pattern = compile_entry(phrase)
    expected = []
    for i, unit in enumerate(units):
        if unit[0] == pattern[0][0]:
            j = reference_match_at(units, i, pattern)
            if j is not None:
                expected.append((i, j))
    found = cb.frame_matcher().find_units(units)
    # the longest-match rule may drop overlapping hits; each hit kept is one the reference finds
    spans = {(units[i][2], units[j - 1][3]) for i, j in expected}
    assert {(m[2], m[3]) for m in found} <= spans
    assert bool(found) == bool(expected)


def _gap_time(n_gaps: int, n_words: int) -> float:
    phrase = " * ".join(["the"] * (n_gaps + 1)) + " * zzz"  # never matches: every path is tried
    matcher = Matcher([("f", (phrase,))])
    text = " ".join(["the"] * n_words)
    units = sentence_units(text, token_spans(text))
    return best_time(lambda: matcher.find_units(units))


def test_gap_matching_is_linear_in_the_sentence_and_not_exponential_in_the_gaps():
    # 12 gaps (more than validation allows, built on the matcher directly) took hours before
    small, large = _gap_time(12, 300), _gap_time(12, 1200)
    assert large / small < 10, f"4x the words took {large / small:.1f}x the time"
    assert _gap_time(12, 300) < 20 * _gap_time(2, 300) + 0.05  # was 3.5x per extra gap


def test_a_gap_heavy_phrase_on_an_article_finishes():
    cb = parse_codebook(one_frame(phrases=["the * the * the * the * zzz", "send * * * * back"]))
    text = "Head\n\n" + ("the " * 60 + "sent " + "the " * 4 + "back. ") * 20  # ~7 KB of "the"
    r = analyze_text(text, codebook=cb)
    assert set(r.frame_hits["entry"]) == {"send * * * * back"}


def test_entries_sharing_a_beginning_are_matched_together():
    """Thousands of phrases with one long beginning: the work is the beginning's, not once per phrase."""
    text = " ".join(["the"] * 300)
    units = sentence_units(text, token_spans(text))

    def run(k):
        entries = tuple(f"the * the * the * the * the the the the the the the x{i}" for i in range(k))
        matcher = Matcher([("f", entries)])
        return best_time(lambda: matcher.find_units(units))

    small, large = run(500), run(8000)
    assert large / small < 6, f"16x the phrases took {large / small:.1f}x the time"


# ---------------------------------------------------------------- 1. limits per entry


@pytest.mark.parametrize(
    "terms, phrases, message",
    [
        (
            [],
            ["a * b * c * d * e * f"],
            f"frames.f.phrases[0]: a phrase has at most {MAX_PHRASE_GAPS} '*' gaps, not 5",
        ),
        (
            [],
            [" ".join(f"w{i}" for i in range(13))],
            f"frames.f.phrases[0]: an entry has at most {MAX_PHRASE_WORDS} words "
            "(each part of a hyphenated word counts), not 13",
        ),
        (["-".join("abcdefghijklm")], [], "frames.f.terms[0]: an entry has at most 12 words"),
        (["x" * (MAX_ENTRY_CHARS + 1)], [], f"an entry has at most {MAX_ENTRY_CHARS} characters, not 201"),
        ([], ["!!! * deal"], "a phrase cannot start or end with '*' ('!!! * deal': '!!!' is no word)"),
        ([], ["deal * ?"], "a phrase cannot start or end with '*' ('deal * ?': '?' is no word)"),
    ],
)
def test_entry_limits(terms, phrases, message):
    assert message in refused(one_frame(terms, phrases))


def test_entries_at_the_limits_are_valid():
    phrase = " * ".join(["w"] * (MAX_PHRASE_GAPS + 1)) + " " + " ".join(["v"] * (MAX_PHRASE_WORDS - 5))
    assert compile_entry(phrase).count(GAP) == MAX_PHRASE_GAPS
    cb = parse_codebook(one_frame(["x" * MAX_ENTRY_CHARS], [phrase]))
    assert cb.frames["f"].phrases == (phrase,)


@HOSTILE
@given(n_words=st.integers(1, 16), gap_after=st.lists(st.integers(0, 2), min_size=16, max_size=16))
def test_phrases_are_refused_exactly_past_the_limits(n_words, gap_after):
    parts = []
    for k in range(n_words):
        parts.append(f"w{k}")
        if k < n_words - 1:
            parts += ["*"] * gap_after[k]
    gaps = parts.count("*")
    text = one_frame(phrases=[" ".join(parts)] if n_words > 1 else [], terms=["w0"] if n_words == 1 else [])
    if gaps <= MAX_PHRASE_GAPS and n_words <= MAX_PHRASE_WORDS and len(" ".join(parts)) <= MAX_ENTRY_CHARS:
        parse_codebook(text)
    else:
        assert "at most" in refused(text)


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"frames": {"f" * (MAX_NAME_CHARS + 1): {"terms": ["x"]}}}, "an id has at most 100 characters"),
        ({"frames": {"f": {"label": "L" * 101, "terms": ["x"]}}}, "frames.f.label: a label has at most 100"),
        ({"actors": {"A" * 101: ["x"]}}, "an actor name has at most 100 characters"),
    ],
)
def test_name_limits(doc, message):
    assert message in refused(yaml.safe_dump(doc))


def test_frame_and_actor_counts_are_limited():
    frames = {f"f{i}": {"terms": [f"w{i}"]} for i in range(MAX_FRAMES)}
    actors = {f"A{i}": [f"a{i}"] for i in range(MAX_ACTORS)}
    cb = parse_codebook(yaml.safe_dump({"frames": frames, "actors": actors}))
    assert len(cb.frames) == MAX_FRAMES and len(cb.actors) == MAX_ACTORS
    frames["extra"] = {"terms": ["x"]}
    assert (
        refused(yaml.safe_dump({"frames": frames})) == f"my.yml: frames: {MAX_FRAMES + 1} frames; at most {MAX_FRAMES}"
    )
    actors["Extra"] = ["x"]
    assert (
        refused(yaml.safe_dump({"actors": actors})) == f"my.yml: actors: {MAX_ACTORS + 1} actors; at most {MAX_ACTORS}"
    )


# ---------------------------------------------------------------- 2. entries, nodes and aliases


def alias_codebook(n_terms: int, n_aliases: int = 99) -> str:
    """One list of terms, repeated by YAML aliases into many frames (the 4.6 MB, 99-alias codebook, scaled)."""
    words = ", ".join(f"w{i}" for i in range(n_terms))
    lines = ["frames:", f"  f0:\n    terms: &t [{words}]"]
    lines += [f"  f{k}: {{terms: *t}}" for k in range(1, n_aliases + 1)]
    return "\n".join(lines) + "\n"


def test_aliases_multiplying_a_list_are_refused_early():
    text = alias_codebook(2_000)  # 100 frames x 2,000 terms: 200,000 nodes from a 16 KB file
    message = refused(text)
    assert message.startswith("my.yml: line ") and f"more than {MAX_YAML_NODES} YAML nodes" in message
    # under the nodes limit, the entries limit decides (frames may repeat a list: they are apart)
    message = refused(alias_codebook(250))
    assert (
        message
        == f"my.yml: 25000 entries (terms, phrases and actor aliases, YAML aliases expanded); at most {MAX_ENTRIES}"
    )
    assert len(parse_codebook(alias_codebook(150)).frames) == 100  # 15,000 entries


def test_entries_at_the_limit_are_valid_and_one_more_is_refused():
    terms = [f"w{i}" for i in range(MAX_ENTRIES)]
    cb = parse_codebook(yaml.safe_dump({"frames": {"f": {"terms": terms}}}))
    assert len(cb.frames["f"].terms) == MAX_ENTRIES
    message = refused(yaml.safe_dump({"frames": {"f": {"terms": terms}}, "actors": {"A": ["x"]}}))
    assert f"{MAX_ENTRIES + 1} entries" in message


def test_alias_count_limit_keeps_its_place():
    text = "x: &x [a]\n" + "".join(f"y{i}: *x\n" for i in range(MAX_YAML_ALIASES + 1))
    message = refused(text)
    assert message == f"my.yml: line {MAX_YAML_ALIASES + 2}: more than {MAX_YAML_ALIASES} YAML aliases"


def test_doubling_aliases_under_the_alias_limit_are_refused_by_nodes():
    bomb = "a: &a [x, x]\n" + "".join(
        f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(48)
    )  # 96 aliases, 2**49 values: not composed, not printed
    assert f"more than {MAX_YAML_NODES} YAML nodes" in refused(bomb + "frames:\n  f: {terms: *b47}\n")


def test_validation_time_is_linear_in_the_entries():
    def doc(n):
        frames = {f"f{k}": {"terms": [f"w{k}x{i}" for i in range(100)], "phrases": [f"p{k} * q{k}"]} for k in range(n)}
        return yaml.safe_dump({"frames": frames})

    small, large = doc(40), doc(160)  # 4,040 and 16,160 entries
    parse_codebook(small)
    ratio = best_time(lambda: parse_codebook(large)) / best_time(lambda: parse_codebook(small))
    assert ratio < 10, f"4x the entries took {ratio:.1f}x the time"


def test_wildcard_matching_is_linear_in_the_text_and_bounded_by_prefix_lengths():
    """Prefix wildcards of every length a word could start with: one look-up per distinct length, per word."""
    word = "a" * 60

    def run(n_entries, n_words):
        entries = tuple(f"{'a' * (3 + k % 57)}{k // 57}*" for k in range(n_entries)) + ("a" * 50 + "*",)
        matcher = Matcher([("f", entries), ("g", tuple(f"zz{k} {'a' * 3 + str(k)}*" for k in range(n_entries)))])
        text = " ".join([word] * n_words)
        units = sentence_units(text, token_spans(text))
        assert len(matcher.find_units(units)) == n_words  # every word matched once, by the 50-letter prefix
        return best_time(lambda: matcher.find_units(units), runs=2)

    small, large = run(300, 100), run(300, 400)
    assert large / small < 10, f"4x the words took {large / small:.1f}x the time"
    many = run(2400, 100)
    assert many / small < 6, f"8x the wildcard entries took {many / small:.1f}x the time"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "A" * n,
        lambda n: "A " * n,
        lambda n: "A, " * n + "-",
        lambda n: "WASHINGTON (" + "x" * n,
        lambda n: "Washington, " + "1 " * n + "(Reuters) - ",
    ],
)
def test_the_dateline_rule_takes_bounded_time(make):
    text = make(200_000)
    start = time.perf_counter()
    assert dateline_end(text) == 0
    assert time.perf_counter() - start < 0.5  # microseconds: every part of the rule is bounded


def test_a_file_of_only_nodes_is_refused_after_the_node_limit():
    text = "frames:\n  f: {terms: [" + ", ".join(f"w{i}" for i in range(3 * MAX_YAML_NODES)) + "]}\n"
    assert len(text) < MAX_CODEBOOK_BYTES
    start = time.perf_counter()
    assert "YAML nodes" in refused(text)
    assert time.perf_counter() - start < 60  # a few seconds: composing stops at the limit


# ---------------------------------------------------------------- 4. nesting


@pytest.mark.parametrize(
    "text",
    [
        "frames: " + "[" * 330 + "]" * 330,
        "frames:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(300)),
        "frames: " + "{a: " * 200 + "b" + "}" * 200,
        # 15 levels, aliased ten times inside one another: 150 levels once expanded
        "".join(f"x{i}: &x{i} " + "[" * 15 + (f"*x{i - 1}" if i else "a") + "]" * 15 + "\n" for i in range(10)),
    ],
)
def test_deep_nesting_is_refused(text):
    assert f"nested deeper than {MAX_YAML_DEPTH} levels (aliases expanded)" in refused(text)


def test_nesting_at_the_limit_is_composed():
    deep = "[" * (MAX_YAML_DEPTH - 4) + "x" + "]" * (MAX_YAML_DEPTH - 4)  # the top, frames, f: 3 levels; x: 1
    assert "must be a string, not list" in refused(f"frames:\n  f:\n    terms: {deep}\n")
    assert "nested deeper than" in refused(f"frames:\n  f:\n    terms: [{deep}]\n")


@pytest.mark.parametrize(
    "text",
    ["frames:\n  f: &a {terms: [*a]}\n", "frames:\n  f: {terms: &t [x, *t]}\n", "a: &a {b: *a}\n"],
)
def test_recursive_aliases_are_refused(text):
    assert "is inside its own anchor (a recursive value)" in refused(text)


@pytest.mark.parametrize("where", ["load", "validate"])
def test_a_recursion_error_anywhere_in_loading_is_a_clean_error(monkeypatch, where):
    def deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cbmod.yaml if where == "load" else cbmod, "load" if where == "load" else "_validate", deep)
    assert refused(one_frame(["x"])) == "my.yml: not a valid codebook (nested too deeply)"


# ---------------------------------------------------------------- errors are one short line for any structure

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=300))
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=80), inner, max_size=5)
)


@HOSTILE
@given(
    frames=st.dictionaries(st.text(max_size=120), VALUES, max_size=4),
    actors=st.dictionaries(st.text(max_size=120), VALUES, max_size=4),
)
def test_any_structure_is_valid_or_one_short_error_line(frames, actors):
    text = yaml.safe_dump({"frames": frames, "actors": actors})
    try:
        parse_codebook(text, source="my.yml")
    except AnalysisError as exc:
        assert str(exc).startswith("my.yml: ") and "\n" not in str(exc) and len(str(exc)) < 400


# ---------------------------------------------------------------- 3. reading: devices, pipes, endless files


def test_dev_zero_is_read_up_to_the_limit_only(tmp_path):
    with pytest.raises(AnalysisError, match=f"^/dev/zero: codebook larger than {MAX_CODEBOOK_BYTES} bytes$"):
        load_codebook("/dev/zero")
    with pytest.raises(AnalysisError, match=f"^/dev/zero: gold file larger than {MAX_GOLD_BYTES} bytes$"):
        load_gold("/dev/zero", None)


def test_cli_refuses_dev_zero_in_one_line(cli, seed_path):
    res = cli("check-codebook", "/dev/zero")
    assert res.returncode == 2 and res.stderr == f"error: /dev/zero: codebook larger than {MAX_CODEBOOK_BYTES} bytes\n"
    res = cli("evaluate", seed_path, "--gold", "/dev/zero")
    assert res.returncode == 2 and res.stderr == f"error: /dev/zero: gold file larger than {MAX_GOLD_BYTES} bytes\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_fifo_without_a_writer_does_not_wait(tmp_path):
    fifo = tmp_path / "cb.yml"
    os.mkfifo(fifo)
    with pytest.raises(AnalysisError, match="empty codebook"):
        load_codebook(fifo)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_an_endless_fifo_is_read_up_to_the_limit(tmp_path):
    fifo = tmp_path / "cb.yml"
    os.mkfifo(fifo)
    written = []

    def endless():
        fd = None
        while fd is None:  # the reader opens without waiting; open for writing once it has
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.01)
        os.set_blocking(fd, True)
        try:
            while True:
                written.append(os.write(fd, b"# " + b"x" * 65_534))
        except OSError:  # the reader closed the pipe
            pass
        finally:
            os.close(fd)

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    time.sleep(0.05)
    fh = open(fifo, "rb")  # noqa: SIM115 - keeps the pipe open for the writer until the codebook is read
    try:
        with pytest.raises(AnalysisError, match="codebook larger than"):
            load_codebook(fifo)
    finally:
        fh.close()
    writer.join(10)
    assert not writer.is_alive() and sum(written) < 3 * MAX_CODEBOOK_BYTES


def test_a_big_file_is_not_read_whole(tmp_path, monkeypatch):
    big = tmp_path / "big.yml"
    with open(big, "wb") as fh:
        fh.truncate(200 * MAX_CODEBOOK_BYTES)  # a sparse gigabyte
    with pytest.raises(AnalysisError, match="larger than"):
        load_codebook(big)


@pytest.mark.parametrize(
    "content",
    [
        "frames:\n  f: {phrases: ['a * b * c * d * e * f']}\n",
        "frames: " + "[" * 330 + "]" * 330,
        "frames:\n  f: {terms: [" + ", ".join(f"w{i}" for i in range(MAX_ENTRIES + 1)) + "]}\n",
        "frames:\n  f: &a {terms: [*a]}\n",
        "frames:\n  f: {terms: ['" + "x" * 300 + "']}\n",
        "a: &a [x, x]\n"
        + "".join(
            f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(30)
        ),
        "#" * (MAX_CODEBOOK_BYTES + 1),
    ],
)
def test_the_same_limits_for_a_file_and_for_bytes(tmp_path, content, cli, seed_path):
    path = tmp_path / "cb.yml"
    path.write_text(content)
    with pytest.raises(AnalysisError) as from_file:
        load_codebook(path)
    assert str(from_file.value) == refused(content.encode(), source=str(path)) == refused(content, source=str(path))
    res = cli("analyze", seed_path, "--codebook", path, "--out", tmp_path / "o")
    assert res.returncode == 2 and res.stderr == f"error: {from_file.value}\n" and not (tmp_path / "o").exists()


def test_read_codebook_bytes_gives_what_parse_codebook_validates(tmp_path):
    path = tmp_path / "cb.yml"
    path.write_text(one_frame(["deal"]))
    data = cbmod.read_codebook_bytes(path)
    assert parse_codebook(data, source=str(path)).sha256 == load_codebook(path).sha256
    assert cbmod.read_codebook_bytes(None) == cbmod.default_codebook_path().read_bytes()


# ---------------------------------------------------------------- 3. gold files


@pytest.fixture(scope="module")
def small():
    cb = parse_codebook("frames:\n  estate: {terms: [tycoon, hotel]}\n")
    return analyze_text("Head\n\nThe tycoon bought a hotel.", codebook=cb)


def test_a_gold_field_over_the_csv_limit_is_one_clean_error(small, tmp_path, cli, seed_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("para,frame,text\n1,estate,tycoon\n1,estate," + "x" * 200_000 + "\n")
    with pytest.raises(AnalysisError) as err:
        load_gold(gold, small.paragraphs)
    assert str(err.value) == f"{gold}: line 3: a field is longer than 131072 characters"
    gold.write_text("para,frame,text\n" + "1" * 200_000 + ",game,win\n")
    res = cli("evaluate", seed_path, "--gold", gold)
    assert res.returncode == 2 and res.stderr == f"error: {gold}: line 2: a field is longer than 131072 characters\n"


def test_an_oversized_gold_file_is_refused(small, tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_bytes(b"para,frame,text\n" + b"1,estate,tycoon\n" * (MAX_GOLD_BYTES // 16 + 1))
    with pytest.raises(AnalysisError, match=f"gold file larger than {MAX_GOLD_BYTES} bytes"):
        load_gold(gold, small.paragraphs)


def test_gold_messages_stay_short(small, tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("para,frame,text\n1,estate," + "castle " * 10_000 + "\n")
    with pytest.raises(AnalysisError) as err:
        load_gold(gold, small.paragraphs)
    assert "not found in paragraph 1" in str(err.value) and len(str(err.value)) < 300


# ---------------------------------------------------------------- 5. kwic


def test_kwic_window_is_clamped_to_the_stored_context(seed_result):
    wide = kwic(seed_result, window=10**9)
    assert wide.equals(kwic(seed_result, window=CONTEXT_CHARS))
    assert wide["left"].str.len().max() == CONTEXT_CHARS


@pytest.mark.parametrize("window, error", [(0, ValueError), (-5, ValueError), (2.5, TypeError), ("60", TypeError)])
def test_kwic_refuses_a_bad_window(seed_result, window, error):
    with pytest.raises(error):
        kwic(seed_result, window=window)


def test_kwic_with_an_unknown_frame_names_the_known_frames(seed_result):
    with pytest.raises(ValueError, match="unknown frame 'real_estat' \\(the codebook's frames: real_estate, food"):
        kwic(seed_result, "real_estat")
    with pytest.raises(ValueError, match="unknown frame .nope. \\(the frames of this table: game, real_estate"):
        kwic(seed_result.frame_hits, "nope")
    assert len(kwic(seed_result, "real_estate")) > 0


def test_kwic_of_a_frame_without_hits_is_empty():
    cb = parse_codebook("frames:\n  a: {terms: [deal]}\n  b: {terms: [zebra]}\n")
    r = analysis.analyze_text("Head\n\nA deal.", codebook=cb)
    assert kwic(r, "b").empty and list(kwic(r, "a")["match"]) == ["deal"]
