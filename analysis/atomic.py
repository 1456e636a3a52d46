"""The one atomic writer: outputs appear whole or not at all.

:func:`atomic_folder` builds an output folder next to its target and swaps
it in when every file is written; :func:`atomic_file` does the same for one
file. A failure or Ctrl-C leaves the previous outputs as they were and no
temporary file or folder behind. Nothing here knows what the files hold.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import AnalysisError

#: the file an output folder lists its outputs in (how a re-run knows a folder is its own)
MANIFEST = "manifest.json"


def _foreign_files(folder: Path) -> list[str] | None:
    """Files in a previous output folder that its manifest does not list (None: no readable manifest)."""
    try:
        listed = set(json.loads((folder / MANIFEST).read_text("utf-8")).get("outputs", {}))
    except (OSError, ValueError, AttributeError):
        return None
    return sorted(p.name for p in folder.iterdir() if p.name not in listed | {MANIFEST})


def _cannot_write(out: Path, exc: OSError) -> AnalysisError:
    return AnalysisError(f"{out}: cannot write here ({exc.strerror or exc})")


@contextmanager
def atomic_folder(out_dir: str | Path) -> Iterator[Path]:
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
            raise AnalysisError(
                f"{out}: folder is not empty and holds no earlier output ({MANIFEST}); choose a new or empty folder"
            )
        if foreign:
            raise AnalysisError(
                f"{out}: holds files that are not outputs of this tool ({', '.join(foreign[:3])}"
                f"{' ...' if len(foreign) > 3 else ''}); move them or choose another folder"
            )
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    except OSError as exc:
        raise _cannot_write(out, exc) from None
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
        raise _cannot_write(out, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextmanager
def atomic_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path`` that replaces it when the block succeeds.

    Raises:
        AnalysisError: the folder does not exist or cannot be written.
    """
    out = Path(path)
    if not out.parent.is_dir():
        raise AnalysisError(f"{out}: the folder {out.parent} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AnalysisError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_files(out_dir: str | Path) -> Iterator[Path]:
    """Yield a temporary folder inside ``out_dir`` whose files replace their namesakes there, one by one.

    For a folder that also holds other files (``figures/``): each file is
    written whole before it is renamed into place, so a reader never sees a
    half-written one; files not written in the block are left as they are.

    Raises:
        AnalysisError: ``out_dir`` is a file or cannot be written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise AnalysisError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=out, prefix=".tmp-"))
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    try:
        yield tmp
        for path in sorted(tmp.iterdir()):
            os.replace(path, out / path.name)
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
