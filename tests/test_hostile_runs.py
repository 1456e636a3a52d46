"""Hostile runs (issue 12): signals, dying workers, odd schedulers, file names and file systems.

Every case ends in exit 0, or one ``error:`` line and exit 2 (130 on Ctrl-C,
128 + N on signal N), with no temporary folder and no process left behind.
What needs real signals or processes runs in a subprocess; the rest runs
``main`` in this process.
"""

from __future__ import annotations

import csv
import errno
import glob
import hashlib
import http.server
import io
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import atomic, corpus, figures, sinks, style
from analysis.__main__ import main
from analysis.article import display_name
from analysis.atomic import GENERATOR, atomic_folder, utf8_text
from analysis.errors import AnalysisError
from analysis.processes import death_message

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
TINY = "Headline {i}\n\nThe deal number {i} was a win. Trump begged.\n"
CAFE = os.fsdecode(b"caf\xe9.txt")  # a file name that is not valid UTF-8, as the file system gives it


# --------------------------------------------------------------------------- helpers


def one_error_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), text
    assert "Traceback" not in text
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary or aside folders of the atomic writer (``.NAME.tmp-*``, ``.NAME.old-*``)."""
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def tree_hash(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def wait_until(predicate, what: str, timeout: float = 120.0):
    """Poll ``predicate`` until it is true (generous timeout: this asserts that it happens, not how fast)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def _default_sigint():  # pytest may run with SIGINT ignored (a background job); the child must see Ctrl-C
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job is
        preexec_fn=_default_sigint,
    )


def alive(pids) -> list[int]:
    """The processes of ``pids`` still running (zombies waiting for a reaper count as gone)."""
    running = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                running.append(pid)
        except psutil.NoSuchProcess:
            pass
    return running


def descendants(pid: int) -> list[int]:
    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def temp_folder_of(folder: Path, name: str = "out"):
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.tmp-")]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """1,500 copies of the seed (about 1.6 million words): a run that lasts long enough to be stopped."""
    folder = tmp_path_factory.mktemp("big") / "in"
    folder.mkdir()
    data = SEED.read_bytes()
    for i in range(1500):
        (folder / f"a{i:04d}.txt").write_bytes(data)
    return folder


def write_tiny(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        (folder / name).write_text(TINY.format(i=i), encoding="utf-8")


# --------------------------------------------------------------------------- 1. signals and workers


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig, to_group, code, message",
    [
        (signal.SIGTERM, False, 143, "error: terminated by SIGTERM; nothing was written"),
        (signal.SIGHUP, False, 129, "error: terminated by SIGHUP; nothing was written"),
        (signal.SIGTERM, True, 143, "error: terminated by SIGTERM; nothing was written"),
        (signal.SIGINT, True, 130, "error: interrupted; nothing was written"),  # Ctrl-C: the whole group
    ],
    ids=["term", "hup", "term-group", "ctrl-c"],
)
def test_a_signal_stops_a_corpus_run_and_its_workers(big_corpus, tmp_path, sig, to_group, code, message):
    """Bug fixed: SIGTERM or SIGHUP left both workers sleeping for ever with a `.out.tmp-*` folder open."""
    proc = start("corpus", big_corpus, "--out", tmp_path / "out", "--jobs", "2", cwd=tmp_path)
    wait_until(lambda: temp_folder_of(tmp_path) and len(descendants(proc.pid)) >= 2, "the workers")
    workers = descendants(proc.pid)
    if to_group:
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert one_error_line(err) == message
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()
    wait_until(lambda: not alive(workers), "the workers to end")


@pytest.mark.slow
def test_a_worker_killed_by_the_oom_killer_ends_the_run_cleanly(big_corpus, tmp_path):
    """Bug fixed: a SIGKILLed worker ended the run with a BrokenProcessPool traceback."""
    proc = start("corpus", big_corpus, "--out", tmp_path / "out", "--jobs", "2", cwd=tmp_path)
    wait_until(lambda: temp_folder_of(tmp_path) and len(descendants(proc.pid)) >= 2, "the workers")
    workers = descendants(proc.pid)
    os.kill(workers[0], signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert one_error_line(err) == "error: a worker process died (killed by signal 9; out of memory?)"
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()
    wait_until(lambda: not alive(workers), "the other worker to end")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_parent_killed_by_sigkill(big_corpus, tmp_path):
    proc = start("corpus", big_corpus, "--out", tmp_path / "out", "--jobs", "2", cwd=tmp_path)
    wait_until(lambda: len(descendants(proc.pid)) >= 2, "the workers")
    workers = descendants(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    wait_until(lambda: not alive(workers), "orphaned workers to die")


_SLOW_WRITE = """
import sys, time
from pathlib import Path
from analysis import sinks
real = sinks.records_csv
def slow(*args, **kwargs):
    Path(sys.argv[1]).touch()
    time.sleep(0.5)
    return real(*args, **kwargs)
sinks.records_csv = slow
from analysis.__main__ import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["term", "hup"])
def test_a_signal_while_analyze_writes_keeps_the_previous_outputs(cli, tmp_path, sig):
    """Bug fixed: SIGTERM to `analyze` while it wrote left its temporary folder."""
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out"
    assert cli("analyze", SEED, "--out", out).returncode == 0
    before = tree_hash(out)
    marker = tmp_path / "writing"
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, marker, "analyze", SEED, "--out", out],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_until(marker.exists, "the writing to start")
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig
    assert one_error_line(err) == f"error: terminated by {signal.Signals(sig).name}; nothing was written"
    assert tree_hash(out) == before
    assert leftovers(work) == []


def test_sigterm_in_process_is_handled_like_ctrl_c_and_the_handler_restored(tmp_path, monkeypatch, capsys):
    previous = signal.getsignal(signal.SIGTERM)
    real = sinks.records_csv

    def terminated(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)  # the handler raises here, in the main thread
        return real(*args, **kwargs)

    monkeypatch.setattr(sinks, "records_csv", terminated)
    assert main(["analyze", str(SEED), "--out", str(tmp_path / "o")]) == 143
    assert one_error_line(capsys.readouterr().err) == "error: terminated by SIGTERM; nothing was written"
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == previous


def test_death_messages():
    assert death_message([-9, -15]) == "a worker process died (killed by signal 9; out of memory?)"
    assert death_message([-15, -11]) == "a worker process died (killed by signal 11, SIGSEGV)"
    assert death_message([-15, -15]) == "a worker process died (killed by signal 15, SIGTERM)"
    assert death_message([None, 3]) == "a worker process died (exit status 3)"
    assert death_message([None, 0]) == "a worker process died unexpectedly"


def test_jobs_has_an_upper_bound(cli, tmp_path):
    """Bug fixed: `--jobs 1000` started 1,000 workers and was killed for lack of memory."""
    write_tiny(tmp_path / "in", ["a.txt"])
    cap = corpus.max_jobs()
    assert cap == 4 * (os.cpu_count() or 1)
    for jobs in (1000, cap + 1):
        res = cli("corpus", tmp_path / "in", "--out", tmp_path / "out", "--jobs", jobs)
        assert res.returncode == 2
        assert f"--jobs must be at most {cap} (4 per CPU" in one_error_line(res.stderr)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- 2. Dask schedulers


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:8786", "127.0.0.1", "inproc://x", "tcp://127.0.0.1", "tls://127.0.0.1:8786", "h:99999", ":80"],
)
def test_a_malformed_scheduler_address_is_one_error_line(cli, tmp_path, address):
    """Bug fixed: these gave ValueError tracebacks from distributed."""
    write_tiny(tmp_path / "in", ["a.txt"])
    res = cli("corpus", tmp_path / "in", "--out", tmp_path / "out", "--engine", "dask", "--scheduler", address)
    assert res.returncode == 2
    assert "--scheduler must be a Dask scheduler's address, tcp://HOST:PORT or HOST:PORT" in one_error_line(res.stderr)
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:8786", "127.0.0.1:8786", "tcp://[::1]:8786", "sched.local:1"])
def test_well_formed_scheduler_addresses(address):
    normalised, host, port = corpus.check_scheduler(address)
    assert normalised.startswith("tcp://") and port in (8786, 1) and host and "[" not in host


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon"])
def test_a_bad_scheduler_timeout_is_refused(cli, tmp_path, value):
    write_tiny(tmp_path / "in", ["a.txt"])
    res = cli("corpus", tmp_path / "in", "--out", tmp_path / "o", "--engine", "dask", "--scheduler-timeout", value)
    assert res.returncode == 2 and "--scheduler-timeout" in one_error_line(res.stderr)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nothing_listening_is_reported_within_the_timeout(cli, tmp_path):
    pytest.importorskip("distributed")
    write_tiny(tmp_path / "in", ["a.txt"])
    address = f"tcp://127.0.0.1:{_free_port()}"
    args = ("--engine", "dask", "--scheduler", address, "--scheduler-timeout", "0.5")
    res = cli("corpus", tmp_path / "in", "--out", tmp_path / "out", *args)
    assert res.returncode == 2
    assert f"cannot reach the Dask scheduler {address} within 0.5 s" in one_error_line(res.stderr)
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()


@pytest.fixture
def http_server():
    """A web server on loopback: it accepts connections and never answers as Dask does."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_a_web_server_is_not_a_scheduler_and_the_wait_is_bounded(cli_process, http_server, tmp_path):
    """Bug fixed: an address that accepts connections but is not a scheduler hung for ever, silently."""
    pytest.importorskip("distributed")
    write_tiny(tmp_path / "in", ["a.txt"])
    args = ("--engine", "dask", "--scheduler", http_server, "--scheduler-timeout", "2")
    res = cli_process("corpus", tmp_path / "in", "--out", tmp_path / "out", *args)  # a hang fails at its timeout
    assert res.returncode == 2
    line = one_error_line(res.stderr)
    assert f"tcp://{http_server} does not answer as a Dask scheduler" in line
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig, to_group, code, message",
    [
        (signal.SIGINT, True, 130, "error: interrupted; nothing was written"),
        (signal.SIGTERM, False, 143, "error: terminated by SIGTERM; nothing was written"),
    ],
    ids=["ctrl-c", "term"],
)
def test_a_signal_with_dask_prints_one_line_and_closes_the_cluster(big_corpus, tmp_path, sig, to_group, code, message):
    """Bugs fixed: Ctrl-C printed every Dask worker's KeyboardInterrupt traceback; SIGTERM left the temporary folder."""
    pytest.importorskip("distributed")
    proc = start("corpus", big_corpus, "--out", tmp_path / "out", "--engine", "dask", "--jobs", "2", cwd=tmp_path)

    def workers():
        found = []
        for pid in descendants(proc.pid):
            try:
                if "spawn_main" in " ".join(psutil.Process(pid).cmdline()):
                    found.append(pid)
            except psutil.NoSuchProcess:
                pass
        return len(found) >= 2

    def writing():  # results are coming in: the cluster has started (a Ctrl-C during its start-up can be
        # lost, README "Corpus mode"), and the workers are busy
        tmp = temp_folder_of(tmp_path)
        return tmp and any(p.is_file() and p.stat().st_size > 10_000 for p in tmp[0].iterdir())

    wait_until(lambda: temp_folder_of(tmp_path) and workers(), "the Dask workers")
    wait_until(writing, "the first results")
    everyone = descendants(proc.pid)
    if to_group:
        os.killpg(proc.pid, sig)  # what the terminal does on Ctrl-C
    else:
        os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code
    assert one_error_line(err) == message
    assert leftovers(tmp_path) == [] and not (tmp_path / "out").exists()
    wait_until(lambda: not alive(everyone), "the cluster's processes to end")


# --------------------------------------------------------------------------- 3. file names that are not UTF-8

NAME_BYTES = st.binary(min_size=1, max_size=30).filter(
    lambda b: b"/" not in b and b"\0" not in b and not b.startswith(b".")
)


@given(NAME_BYTES)
def test_display_name_is_always_writable_and_faithful(raw):
    shown = display_name(os.fsdecode(raw))
    shown.encode("utf-8")  # never raises
    assert "\n" not in shown and "\r" not in shown
    assert display_name(raw) == display_name(Path(os.fsdecode(raw))) == shown
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        assert "\\x" in shown
    else:
        if text.isprintable():
            assert shown == text  # printable names are unchanged


@given(st.text())
def test_utf8_text_changes_only_what_cannot_be_written(text):
    assert utf8_text(text) == text  # any valid text is left alone
    escaped = os.fsdecode(b"caf\xe9 ") + text
    assert utf8_text(escaped) == "caf\\xe9 " + text


# (C1 control characters are left out: the helper shows U+0080 as "\x80", as it shows the byte 0x80)
@given(st.lists(NAME_BYTES.filter(lambda b: b"\\" not in b and b"\xc2" not in b), min_size=2, max_size=2, unique=True))
def test_display_names_of_distinct_names_differ(pair):
    a, b = (display_name(os.fsdecode(x)) for x in pair)
    assert a != b


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(NAME_BYTES.filter(lambda b: len(b) < 200), min_size=1, max_size=3, unique=True))
def test_a_corpus_of_any_file_names_is_written(tmp_path_factory, names):
    """Every CSV cell and the manifest stay valid UTF-8 whatever bytes the names hold."""
    base = tmp_path_factory.mktemp("names")
    folder = base / "in"
    folder.mkdir()
    for i, raw in enumerate(names):
        (folder / os.fsdecode(raw + b".txt")).write_text(TINY.format(i=i), encoding="utf-8")
    warnings = []
    manifest = corpus.run_corpus([str(folder)], base / "out", progress=False, warn=warnings.append)
    assert manifest["inputs"]["analysed"] == len(names)
    text = (base / "out" / "articles.csv").read_bytes().decode("utf-8")
    names_written = [row[0] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    assert sorted(names_written) == sorted(display_name(os.fsdecode(raw + b".txt")) for raw in names)
    json.loads((base / "out" / "manifest.json").read_bytes().decode("utf-8"))
    for table in (base / "out").iterdir():
        table.read_bytes().decode("utf-8")


def test_analyze_an_article_whose_name_is_not_utf8(cli, tmp_path):
    """Bug fixed: writing annotated.html and the manifest raised UnicodeEncodeError."""
    article = tmp_path / CAFE
    shutil.copy(SEED, article)
    out = tmp_path / os.fsdecode(b"out\xff")
    res = cli("analyze", article, "--out", out)
    assert res.returncode == 0, res.stderr
    res.stdout.encode("utf-8")
    assert res.stdout.startswith(f"{tmp_path}/out\\xff: 16 body paragraphs")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["input"]["file"] == "caf\\xe9.txt" and manifest["generator"] == GENERATOR
    assert "caf\\xe9.txt" in (out / "annotated.html").read_text("utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_corpus_with_names_that_are_not_utf8_and_skip_bad(cli, tmp_path, jobs):
    """Bug fixed: one such name crashed the whole corpus run, --skip-bad or not."""
    folder = tmp_path / "in"
    write_tiny(folder, ["a.txt", CAFE])
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")
    out = tmp_path / "out"
    res = cli("corpus", folder, "--out", out, "--jobs", jobs)
    assert res.returncode == 2
    assert "bad\\xff.txt: empty file" in one_error_line(res.stderr)
    assert not out.exists() and leftovers(tmp_path) == []

    res = cli("corpus", folder, "--out", out, "--jobs", jobs, "--skip-bad")
    assert res.returncode == 0, res.stderr
    res.stdout.encode("utf-8"), res.stderr.encode("utf-8")
    warning = res.stderr.strip()
    assert warning.startswith("warning: skipped ") and "bad\\xff.txt" in warning and "\n" not in warning
    rows = (out / "articles.csv").read_text("utf-8").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["a.txt", "caf\\xe9.txt"]
    assert "caf\\xe9.txt," in (out / "tokens.csv").read_text("utf-8")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [s["article"] for s in manifest["inputs"]["skipped"]] == ["bad\\xff.txt"]


@pytest.mark.slow
def test_non_utf8_names_in_a_real_process(cli_process, tmp_path):
    """The real stdout and stderr (strict UTF-8 where the locale is UTF-8) never see a raw surrogate."""
    folder = tmp_path / "in"
    write_tiny(folder, ["a.txt", CAFE])
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")
    res = cli_process("corpus", folder, "--out", tmp_path / os.fsdecode(b"o\xe9"), "--skip-bad")
    assert res.returncode == 0, res.stderr
    assert res.stdout == f"{tmp_path}/o\\xe9: 2 articles analysed, 1 skipped\n"
    assert "bad\\xff.txt" in res.stderr and "Traceback" not in res.stderr


# --------------------------------------------------------------------------- 4. the atomic --out


def test_out_a_symlink_to_another_file_system(cli, tmp_path):
    """Bug fixed: "cross-device link", and one `.old-*` folder left by every try."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)) or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("needs a second, writable file system (/dev/shm)")
    other = Path(tempfile.mkdtemp(dir=shm))
    try:
        target = other / "results"
        target.mkdir()
        link = tmp_path / "out"
        link.symlink_to(target, target_is_directory=True)
        for _ in range(2):
            res = cli("analyze", SEED, "--out", link)
            assert res.returncode == 0, res.stderr
        assert link.is_symlink() and (target / "manifest.json").exists()
        assert leftovers(tmp_path) == [] and leftovers(other) == []
    finally:
        shutil.rmtree(other)


def test_a_dangling_out_symlink_is_refused(cli, tmp_path):
    """Bug fixed: the missing parent folders of its target were created."""
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "missing" / "deeper")
    res = cli("analyze", SEED, "--out", link)
    assert res.returncode == 2
    assert "is a symbolic link to" in one_error_line(res.stderr) and "which does not exist" in res.stderr
    assert not (tmp_path / "missing").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _our_output(tmp: Path, owner: str) -> None:
    (tmp / "owner.txt").write_text(owner)
    manifest = {"generator": GENERATOR, "outputs": {"owner.txt": {}}}
    (tmp / "manifest.json").write_text(json.dumps(manifest))


def test_concurrent_writers_leave_one_whole_output_and_nothing_aside(tmp_path):
    """Bug fixed: concurrent writers sometimes left `.old-*/previous` behind."""
    out = tmp_path / "out"
    errors = []

    def writer(n):
        for i in range(15):
            try:
                with atomic_folder(out) as tmp:
                    _our_output(tmp, f"{n}-{i}")
            except AnalysisError as exc:  # "other runs keep replacing this folder": allowed, nothing left over
                errors.append(str(exc))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "owner.txt"]
    assert leftovers(tmp_path) == []
    assert all("at the same time" in e for e in errors), errors


def test_another_run_finishing_between_the_two_renames(tmp_path, monkeypatch):
    """The race made deterministic: a competing output appears after ours moved the old one aside."""
    out = tmp_path / "out"
    with atomic_folder(out) as tmp:
        _our_output(tmp, "first")
    real = os.rename
    raced = []

    def rename(src, dst):
        if Path(dst) == out and ".tmp-" in Path(src).name and not raced:
            raced.append(True)
            competitor = tmp_path / "competitor"
            competitor.mkdir()
            _our_output(competitor, "competitor")
            real(competitor, out)
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "rename", rename)
    with atomic_folder(out) as tmp:
        _our_output(tmp, "second")
    assert raced and (out / "owner.txt").read_text() == "second"
    assert leftovers(tmp_path) == []


def test_a_failed_swap_puts_the_previous_output_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    with atomic_folder(out) as tmp:
        _our_output(tmp, "first")
    real = os.rename

    def rename(src, dst):
        if Path(dst) == out and ".tmp-" in Path(src).name:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "rename", rename)
    with pytest.raises(AnalysisError, match="cannot write here"):
        with atomic_folder(out) as tmp:
            _our_output(tmp, "second")
    assert (out / "owner.txt").read_text() == "first"
    assert leftovers(tmp_path) == []


def test_a_user_file_added_during_the_run_is_never_deleted(tmp_path):
    out = tmp_path / "out"
    with atomic_folder(out) as tmp:
        _our_output(tmp, "first")
    with pytest.raises(AnalysisError, match="notes.md"):
        with atomic_folder(out) as tmp:
            (out / "notes.md").write_text("mine")  # while the run writes
            _our_output(tmp, "second")
    assert (out / "notes.md").read_text() == "mine" and (out / "owner.txt").read_text() == "first"
    assert leftovers(tmp_path) == []


def test_someone_elses_manifest_is_not_trusted(cli, tmp_path):
    """Bug fixed: a folder holding only someone else's manifest was overwritten, its `outputs` deleted."""
    out = tmp_path / "theirs"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"outputs": {"README.md": {}, "data.csv": {}}}))
    (out / "README.md").write_text("their readme")
    (out / "data.csv").write_text("a,b\n")
    before = tree_hash(out)
    res = cli("analyze", SEED, "--out", out)
    assert res.returncode == 2 and "holds no earlier output of this tool" in one_error_line(res.stderr)
    assert tree_hash(out) == before


def test_manifests_written_before_the_generator_key_are_ours(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("analyze", SEED, "--out", out).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text())
    del manifest["generator"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert cli("analyze", SEED, "--out", out).returncode == 0
    assert json.loads((out / "manifest.json").read_text())["generator"] == GENERATOR


def test_an_output_folder_inside_an_output_folder_is_kept(cli, tmp_path):
    """`figures ARTICLE` writes figures/<stem>/ inside the folder `make figures` replaces."""
    out = tmp_path / "out"
    assert cli("analyze", SEED, "--out", out).returncode == 0
    assert cli("analyze", SEED, "--out", out / "inner").returncode == 0
    inner = tree_hash(out / "inner")
    assert cli("analyze", SEED, "--out", out).returncode == 0
    assert tree_hash(out / "inner") == inner
    assert leftovers(tmp_path) == [] and leftovers(out) == []


@pytest.fixture
def quick_figures(monkeypatch):
    """write_figures with stand-in drawings: a few bytes per file, no matplotlib."""

    def render(name, folder):
        for ext in ("png", "svg"):
            (folder / f"{name}.{ext}").write_bytes(name.encode())
        return name

    monkeypatch.setattr(figures, "_render", render)
    return figures.write_figures


FIGURE_FILES = {f"{n}.{e}" for n in figures.FIGURES for e in ("png", "svg")} | {"README.md"}


def test_figures_never_overwrite_a_users_folder(quick_figures, seed_result, tmp_path):
    """Bug fixed: `figures --out DIR` wrote into any folder and overwrote a user's README.md."""
    out = tmp_path / "mine"
    out.mkdir()
    (out / "README.md").write_text("my own readme")
    with pytest.raises(AnalysisError, match="holds no earlier output"):
        quick_figures(seed_result, out, jobs=1)
    assert [p.name for p in out.iterdir()] == ["README.md"] and (out / "README.md").read_text() == "my own readme"
    assert leftovers(tmp_path) == []


def test_figures_folders_have_a_manifest_and_reruns_replace_only_them(quick_figures, seed_result, tmp_path):
    out = tmp_path / "figs"
    written = quick_figures(seed_result, out, jobs=1)
    assert {p.name for p in written} == FIGURE_FILES
    assert {p.name for p in out.iterdir()} == FIGURE_FILES | {"manifest.json"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["generator"] == GENERATOR and set(manifest["outputs"]) == FIGURE_FILES
    quick_figures(seed_result, out, jobs=1)
    (out / "notes.md").write_text("mine")
    with pytest.raises(AnalysisError, match="notes.md"):
        quick_figures(seed_result, out, jobs=1)
    assert (out / "notes.md").read_text() == "mine"


def test_a_figures_folder_from_before_manifests_is_adopted(quick_figures, seed_result, tmp_path):
    """The committed figures/ has no manifest.json yet: `make figures` must still replace it."""
    out = tmp_path / "figures"
    out.mkdir()
    for name in FIGURE_FILES - {"README.md"}:
        (out / name).write_bytes(b"old")
    (out / "README.md").write_text(figures.README_HEAD + "x`; do not edit by hand.\n")
    quick_figures(seed_result, out, jobs=1)
    assert (out / "manifest.json").exists() and (out / "actors.png").read_bytes() == b"actors"
    shutil.rmtree(out)
    out.mkdir()
    (out / "README.md").write_text(figures.README_HEAD + "x`\n")
    (out / "mine.txt").write_text("mine")
    with pytest.raises(AnalysisError, match="mine.txt"):
        quick_figures(seed_result, out, jobs=1)
    assert (out / "mine.txt").read_text() == "mine"


def test_figures_on_a_full_disk(seed_result, tmp_path, monkeypatch):
    """ENOSPC in a forked worker: one clear error, no temporary folder, the previous figures kept, no worker left."""
    out = tmp_path / "figs"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"generator": GENERATOR, "outputs": {"old.png": {}}}))
    (out / "old.png").write_bytes(b"old")

    def full(fig, stem):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(style, "save_figure", full)
    with pytest.raises(AnalysisError, match=r"figs: cannot write here \(No space left on device\)"):
        figures.write_figures(seed_result, out, jobs=2)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "old.png"]
    assert leftovers(tmp_path) == [] and multiprocessing.active_children() == []


def test_analyze_on_a_full_disk(cli, tmp_path, monkeypatch):
    from analysis import report

    def full(result):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "annotated_html", full)
    res = cli("analyze", SEED, "--out", tmp_path / "out")
    assert res.returncode == 2
    assert one_error_line(res.stderr).endswith("out: cannot write here (No space left on device)")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- 5. other tracebacks, now errors


@pytest.mark.parametrize("codec", ["base64", "rot13", "zlib", "idna", "hex", "no-such-codec"])
@pytest.mark.parametrize("command", ["analyze", "figures", "corpus"])
def test_codecs_that_do_not_decode_text_files_are_refused(cli, tmp_path, codec, command):
    """Bug fixed: `--encoding base64` and the like gave LookupError tracebacks."""
    out = ("--out", tmp_path / "out")
    res = cli(command, SEED, "--encoding", codec, *out)
    assert res.returncode == 2
    assert f"--encoding '{codec}'" in one_error_line(res.stderr)
    assert not (tmp_path / "out").exists()


def test_names_too_long_for_the_file_system(cli, tmp_path):
    long = "y" * 300
    for args in (
        ("analyze", tmp_path / f"{long}.txt", "--out", tmp_path / "o"),
        ("analyze", SEED, "--out", tmp_path / long),
        ("corpus", tmp_path / f"{long}.txt", "--out", tmp_path / "o"),
        ("figures", SEED, "--out", tmp_path / long),
    ):
        res = cli(*args)
        assert res.returncode == 2 and "File name too long" in one_error_line(res.stderr), args
    assert list(tmp_path.iterdir()) == []
    # a 250-byte name fits: the temporary folder beside it is named short
    res = cli("analyze", SEED, "--out", tmp_path / ("z" * 250))
    assert res.returncode == 0, res.stderr
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("pattern", ["/etc/*.txt", "../*.txt", "a/../../*.txt", "", "a//b.txt"])
def test_patterns_that_leave_the_folder_are_refused(cli, tmp_path, pattern):
    write_tiny(tmp_path / "in", ["a.txt"])
    res = cli("corpus", tmp_path / "in", "--out", tmp_path / "out", "--pattern", pattern)
    assert res.returncode == 2 and "--pattern must be a relative pattern" in one_error_line(res.stderr)


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--seed", "-1"], "--seed must be 0 or more, not -1"),
        (["--bootstrap", "10001"], "--bootstrap must be from 1 to 10,000, not 10001"),
        (["--bootstrap", "0"], "--bootstrap must be from 1 to 10,000, not 0"),
    ],
)
def test_validate_sentiment_limits(cli, args, needle):
    res = cli("validate-sentiment", *args)
    assert res.returncode == 2 and needle in one_error_line(res.stderr)


def test_validate_sentiment_out_on_a_read_only_file_system(cli, tmp_path, monkeypatch):
    import pandas as pd

    from analysis import tone_validity

    monkeypatch.setattr(tone_validity, "run_study", lambda *a, **k: {"aggregation": pd.DataFrame({"r": [0.5]})})
    monkeypatch.setattr(tone_validity, "format_report", lambda study: "report")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    res = cli("validate-sentiment", "--out", tmp_path / "agg.csv")
    assert res.returncode == 2 and "cannot write here (the folder is read-only)" in one_error_line(res.stderr)
    monkeypatch.setattr(os, "access", real_access)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    res = cli("validate-sentiment", "--out", tmp_path / "agg.csv")
    assert res.returncode == 2 and "agg.csv: cannot write here (Read-only file system)" in one_error_line(res.stderr)
    assert list(tmp_path.iterdir()) == []


def _loop_folder(root: Path) -> Path:
    folder = root / "in"
    write_tiny(folder / "sub", ["a.txt", "b.txt"])
    (folder / "sub" / "self").symlink_to(".", target_is_directory=True)
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    return folder


def test_a_recursive_glob_over_a_symlink_loop_ends(cli, tmp_path):
    """Bug fixed: a quoted `**` glob over a folder holding a link to `.` grew without bound."""
    folder = _loop_folder(tmp_path)
    out = tmp_path / "out"
    res = cli("corpus", f"{folder}/**/*.txt", "--out", out)
    assert res.returncode == 0, res.stderr
    assert res.stdout.endswith(": 2 articles analysed, 0 skipped\n")
    for pattern in ("**/*.txt", "sub/*.txt", "*.txt"):  # folder inputs: --pattern with and without folders
        res = cli("corpus", folder, "--out", out, "--pattern", pattern)
        assert res.returncode == 0 and ": 2 articles analysed" in res.stdout, (pattern, res.stderr)


GLOB_NAMES = ["a", "b", ".h", "a.txt", "b.txt", ".h.txt", "x.md"]
GLOB_PARTS = ["**", "*", "*.txt", "a*", "a", ".h", "?.txt", "[ab].txt", ".*", "b"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(GLOB_NAMES), min_size=1, max_size=4), max_size=10),
    st.lists(st.sampled_from(GLOB_PARTS), min_size=1, max_size=4).filter(lambda parts: "**" in parts),
)
def test_recursive_globs_match_what_glob_matches_without_links(tree, parts):
    """Without symbolic links, the finite `**` walk finds exactly the files glob.glob finds."""
    with tempfile.TemporaryDirectory() as root:
        for path in tree:
            try:
                (Path(root).joinpath(*path[:-1])).mkdir(parents=True, exist_ok=True)
                Path(root).joinpath(*path).write_text("x")
            except OSError:  # a name used as both a file and a folder
                pass
        pattern = os.path.join(root, *parts)
        expected = {p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p)}
        assert {p for p in corpus._glob(pattern) if os.path.isfile(p)} == expected


# --------------------------------------------------------------------------- 6. the catch-all


def test_an_unexpected_os_error_is_one_line_naming_the_file(cli, monkeypatch):
    import analysis.result

    def failing(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", os.fsdecode(b"/data/caf\xe9.txt"))

    monkeypatch.setattr(analysis.result, "analyze", failing)
    res = cli("analyze", SEED)
    assert res.returncode == 2
    assert one_error_line(res.stderr) == "error: /data/caf\\xe9.txt: Input/output error"


def test_out_of_memory_is_one_line(cli, monkeypatch):
    import analysis.result

    def failing(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(analysis.result, "analyze", failing)
    res = cli("analyze", SEED)
    assert res.returncode == 2 and one_error_line(res.stderr).startswith("error: out of memory")


def test_a_programming_error_still_shows_its_traceback(monkeypatch):
    """Bugs are not hidden behind `error:`: anything but OSError and MemoryError propagates."""
    import analysis.result

    def buggy(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(analysis.result, "analyze", buggy)
    with pytest.raises(ValueError, match="a bug"):
        main(["analyze", str(SEED)])


def test_a_killed_runs_temporary_folder_is_removed_by_the_next_run(cli, seed_path, tmp_path):
    """SIGKILL leaves a run's temporary folder (nothing can run to remove it); the next run to the
    same --out removes the folders of processes that no longer exist, and never a live one's."""
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    out = tmp_path / "out"
    stale = tmp_path / f".out.tmp-{gone.pid}-abc123"
    stale.mkdir()
    (stale / "tokens.csv").write_text("half written")
    aside = tmp_path / f".out.old-{gone.pid}-def456"
    aside.mkdir()
    live = tmp_path / f".out.tmp-{os.getppid()}-xyz789"  # a process that exists
    live.mkdir()
    other = tmp_path / f".notes.tmp-{gone.pid}-zzz"  # another output's: not ours to sweep
    other.mkdir()
    res = cli("analyze", seed_path, "--out", out)
    assert res.returncode == 0, res.stderr
    assert not stale.exists() and not aside.exists()
    assert live.exists() and other.exists() and (out / "manifest.json").exists()
