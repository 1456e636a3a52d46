"""The one atomic writer: outputs appear whole or not at all.

:func:`atomic_folder` builds an output folder next to its target and swaps
it in when every file is written; :func:`atomic_file` does the same for one
file. A failure, Ctrl-C or SIGTERM leaves the previous outputs as they were
and no temporary file or folder behind. Nothing here knows what the files
hold, except how to recognise a folder this tool wrote (its manifest).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .article import display_name
from .errors import AnalysisError

#: the file an output folder lists its outputs in (how a re-run knows a folder is its own)
MANIFEST = "manifest.json"
#: the ``generator`` of every manifest this tool writes: a ``manifest.json`` without it is someone else's
GENERATOR = "discourse-analysis"
#: renames tried when other runs replace the same folder at the same moment
_SWAP_ATTEMPTS = 20


def utf8_text(text: str) -> str:
    """Any text (a message, a manifest's string) made UTF-8 writable: undecodable bytes shown as ``\\xNN``.

    A file name whose bytes are not UTF-8 arrives from the file system with
    those bytes as lone surrogates (``os.fsdecode``); printing or encoding
    such text raises. Here they become ``\\xNN`` (``caf\\xe9.txt``); other
    text comes back unchanged. File names themselves are shown with
    :func:`analysis.article.display_name` (the same, on one line).
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from an undecodable byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def is_own_manifest(data) -> bool:
    """True for a manifest this tool wrote: a ``generator`` of :data:`GENERATOR` and an ``outputs`` table.

    Manifests written before the ``generator`` key (version 0.1.0) are
    recognised by this package's name among their ``packages``.
    """
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
        return False
    packages = data.get("packages")
    return data.get("generator") == GENERATOR or (isinstance(packages, dict) and GENERATOR in packages)


def _read_manifest(folder: Path):
    try:
        return json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _survey(folder: Path, adopt: Callable[[Path], set[str] | None] | None) -> tuple[list[str], list[str]] | None:
    """What replacing an earlier output folder would do: (foreign entries, nested output folders to keep).

    Returns None when ``folder`` is not an earlier output: no manifest of this
    tool, and ``adopt`` (for folders written before manifests) does not claim it.
    """
    data = _read_manifest(folder)
    if is_own_manifest(data):
        ours = {str(name) for name in data["outputs"]} | {MANIFEST}
    else:
        claimed = adopt(folder) if adopt is not None else None
        if claimed is None:
            return None
        ours = set(claimed)
    foreign, kept = [], []
    for entry in sorted(folder.iterdir()):
        is_folder = entry.is_dir() and not entry.is_symlink()
        if (entry.name in ours and not is_folder) or (is_folder and f"{entry.name}/" in ours):
            continue  # a file, or a folder listed as "NAME/" (a report's tables/, figures/, notebooks/)
        if is_folder and entry.name not in ours and is_own_manifest(_read_manifest(entry)):
            kept.append(entry.name)  # another run's output folder inside this one (figures/<article>/): moved over
        else:
            foreign.append(entry.name)
    return [display_name(n) for n in foreign], kept


def _replaceable(shown: str, target: Path, adopt) -> list[str]:
    """Check that ``target`` may be replaced; return the nested output folders to carry over.

    A folder that another run moves away or swaps while it is read is read
    again; one that is gone needs no check.

    Raises:
        AnalysisError: ``target`` is not a folder, or a non-empty folder that
            is not an earlier output or holds files that are not outputs.
    """
    for _ in range(_SWAP_ATTEMPTS):
        try:
            before = os.stat(target)
        except FileNotFoundError:
            return []
        if not stat.S_ISDIR(before.st_mode):
            raise AnalysisError(f"{shown}: exists and is not a folder")
        try:
            empty = not any(target.iterdir())
            survey = None if empty else _survey(target, adopt)
            after = os.stat(target)
        except FileNotFoundError:
            continue
        if (before.st_dev, before.st_ino) != (after.st_dev, after.st_ino):
            continue  # another run replaced it while it was read
        if empty:
            return []
        if survey is None:
            raise AnalysisError(
                f"{shown}: folder is not empty and holds no earlier output of this tool ({MANIFEST}); "
                "choose a new or empty folder"
            )
        foreign, kept = survey
        if foreign:
            raise AnalysisError(
                f"{shown}: holds files that are not outputs of this tool ({', '.join(foreign[:3])}"
                f"{' ...' if len(foreign) > 3 else ''}); move them or choose another folder"
            )
        return kept
    raise _busy(shown)


def _busy(shown: str) -> AnalysisError:
    return AnalysisError(f"{shown}: other runs keep replacing this folder at the same time; try again")


def _cannot_write(shown: str, exc: OSError) -> AnalysisError:
    return AnalysisError(f"{shown}: cannot write here ({exc.strerror or exc})")


def _prefix(name: str, kind: str, pid: int | None = None) -> str:
    """``.NAME.KIND-PID-`` for a temporary sibling of ``name`` made by process ``PID`` (this one by
    default), short enough for any file system's 255 bytes."""
    raw = os.fsencode(name)
    short = name if len(raw) <= 200 else hashlib.sha256(raw).hexdigest()[:16]
    return f".{short}.{kind}-{os.getpid() if pid is None else pid}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def _sweep_stale(target: Path) -> None:
    """Remove the temporary siblings of ``target`` left by runs that were killed (SIGKILL, a power cut):
    those named for a process that no longer exists. A live process's folders are never touched."""
    head = _prefix(target.name, "", 0)[: -len("-0-")]  # ".NAME."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not name.startswith(head):
            continue
        kind, _, rest = name[len(head) :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in ("tmp", "old") and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def _target(out: Path, shown: str) -> Path:
    """The real path ``out`` names: symbolic links followed (the folder is replaced where it really is).

    Raises:
        AnalysisError: ``out`` is a symbolic link to nothing.
    """
    if out.is_symlink() and not out.exists():
        raise AnalysisError(
            f"{shown}: is a symbolic link to {display_name(os.readlink(out))}, which does not exist; "
            "create that folder or choose another"
        )
    target = Path(os.path.realpath(out))
    if not target.name:
        raise AnalysisError(f"{shown}: cannot write here (the root folder)")
    return target


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, deepest first."""
    missing = []
    p = folder
    while not p.exists() and p.parent != p:
        missing.append(p)
        p = p.parent
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _swap_in(tmp: Path, target: Path, shown: str, adopt) -> None:
    """Rename ``tmp`` to ``target``: the previous folder renamed aside first, removed once ``tmp`` is in.

    Another run replacing the same folder at the same moment makes a rename
    fail; it is tried again (up to :data:`_SWAP_ATTEMPTS` times), and the last
    run wins. On failure the previous folder is put back unless another run's
    took its place. No ``.old-`` folder is left behind, unless the previous
    outputs could not be put back (then they are kept there).
    """
    old: Path | None = None
    aside: Path | None = None
    kept: list[str] = []
    keep_old = False
    try:
        for attempt in range(_SWAP_ATTEMPTS):
            if attempt:
                time.sleep(random.uniform(0, 0.002 * attempt))  # let the other run finish its two renames
            if os.path.lexists(target):
                kept = _replaceable(shown, target, adopt)  # again: files may have appeared during the run
                if old is None:
                    old = Path(tempfile.mkdtemp(prefix=_prefix(target.name, "old"), dir=target.parent))
                aside = old / f"previous-{attempt}"
                try:
                    os.rename(target, aside)
                except FileNotFoundError:  # another run moved it meanwhile
                    aside = None
                    continue
                for name in kept:  # nested output folders of other runs go into the new folder
                    os.rename(aside / name, tmp / name)
            try:
                os.rename(tmp, target)
                return
            except OSError as exc:
                if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
                # another run's folder appeared between the two renames: go round again
                for name in kept:
                    os.rename(tmp / name, aside / name)
                kept = []
        raise _busy(shown)
    except BaseException:
        if aside is not None and aside.exists():
            try:
                for name in kept:
                    if (tmp / name).exists():
                        os.rename(tmp / name, aside / name)
                os.rename(aside, target)  # the previous outputs back where they were
            except OSError as exc:
                # another run's outputs took their place (fine), or they cannot be put back: then kept
                keep_old = exc.errno not in (errno.EEXIST, errno.ENOTEMPTY)
        raise
    finally:
        if old is not None and not keep_old:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_folder(out_dir: str | Path, *, adopt: Callable[[Path], set[str] | None] | None = None) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``out_dir`` when the block succeeds.

    An existing ``out_dir`` is replaced only if it is empty or holds nothing
    but a previous output (the files its ``manifest.json``, written by this
    tool, lists), so neither a mistyped ``--out .`` nor a re-run can delete a
    user's own files. A sub-folder holding another output of this tool (its
    own manifest) is moved into the new folder. A symbolic link is followed:
    the folder it points to is replaced, with the temporary folder built next
    to it (the same file system). Missing parent folders are created (and
    removed again if the block fails).

    Args:
        out_dir: the output folder.
        adopt: for a non-empty folder without a manifest of this tool: the
            names it may replace if it is an earlier output written before
            manifests existed, or None if it is not.

    Raises:
        AnalysisError: ``out_dir`` is a file, a dangling symbolic link, a
            foreign non-empty folder, or cannot be written (the block's own
            ``OSError``, such as a full disk, included).
    """
    out = Path(out_dir)
    shown = display_name(out)
    created: list[Path] = []
    try:
        target = _target(out, shown)
        if os.path.lexists(target):
            _replaceable(shown, target, adopt)
        created = _make_parents(target.parent)
        _sweep_stale(target)
        tmp = Path(tempfile.mkdtemp(prefix=_prefix(target.name, "tmp"), dir=target.parent))
    except OSError as exc:
        _remove_empty(created)
        raise _cannot_write(shown, exc) from None
    done = False
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)
        yield tmp
        _swap_in(tmp, target, shown, adopt)
        done = True
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    finally:
        if not done:
            shutil.rmtree(tmp, ignore_errors=True)
            _remove_empty(created)


@contextmanager
def atomic_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path`` that replaces it when the block succeeds.

    A symbolic link is followed: the file it points to is replaced.

    Raises:
        AnalysisError: the folder does not exist or cannot be written (the
            block's own ``OSError``, such as a full disk, included).
    """
    out = Path(path)
    shown = display_name(out)
    try:
        target = Path(os.path.realpath(out))
        if not target.parent.is_dir():
            raise AnalysisError(f"{shown}: the folder {display_name(out.parent)} does not exist")
        fd, name = tempfile.mkstemp(prefix=_prefix(target.name, "tmp"), suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AnalysisError(f"{shown}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_files(out_dir: str | Path) -> Iterator[Path]:
    """Yield a temporary folder inside ``out_dir`` whose files replace their namesakes there, one by one.

    For a folder that also holds other files: each file is written whole
    before it is renamed into place, so a reader never sees a half-written
    one; files not written in the block are left as they are.

    Raises:
        AnalysisError: ``out_dir`` is a file or cannot be written.
    """
    out = Path(out_dir)
    shown = display_name(out)
    try:
        if out.exists() and not out.is_dir():
            raise AnalysisError(f"{shown}: exists and is not a folder")
        out.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=out, prefix=".tmp-"))
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    try:
        yield tmp
        for path in sorted(tmp.iterdir()):
            os.replace(path, out / path.name)
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
