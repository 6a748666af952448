"""Writing an export without ever harming a file the user has.

The text goes to a temporary file in the target folder (readable by the user only,
whatever the umask), written whole and flushed, and only then given its name:
:func:`write_new` links it to the first free name (``report.md``, ``report-2.md``...),
:func:`write_file` to the name the user gave, which must be free unless ``force``
(then the old file is replaced in one step, never written into). Linking fails if the
name was taken in the meantime, so an existing file is never overwritten by accident,
and a run that fails leaves no half-written export behind. Links are never followed,
and the session store's own files are never a valid target, even with ``force``.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

MAX_COPIES = 1000


class ExportError(Exception):
    """The export could not be written; the message names the file or folder and why."""

    exit_code = 11


def candidates(folder: Path, stem: str, suffix: str) -> Iterator[Path]:
    """``stem + suffix`` in ``folder``, then ``stem-2 + suffix``, ``stem-3 + suffix``..."""
    yield folder / f"{stem}{suffix}"
    for n in range(2, MAX_COPIES + 1):
        yield folder / f"{stem}-{n}{suffix}"


def write_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write ``text`` to a new file in ``folder`` (created 0700 if missing; the file is
    0600) and return its path; existing files are left as they are."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot write there ({_why(exc, folder)})") from exc
    tmp = _written(folder, stem, text)
    try:
        for target in candidates(folder, stem, suffix):
            if target.exists() or target.is_symlink():
                continue
            try:
                _claim(tmp, target)
                return target
            except FileExistsError:
                continue  # taken since we looked: try the next name
    except OSError as exc:
        raise ExportError(f"{folder}: cannot write the export ({_why(exc, folder)})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    raise ExportError(f"{folder}: {MAX_COPIES} copies of {stem}{suffix} already; tidy up first")


def write_file(
    target: Path, text: str, *, force: bool = False, protected: Sequence[Path] = ()
) -> Path:
    """Write ``text`` to ``target`` (0600) and return where it went. The folder must
    exist; a file already there is refused unless ``force``, and even then it is
    replaced whole, never written into. Links, folders, special files and anything in
    ``protected`` (files, or folders and all they hold) are refused in any case."""
    folder = target.parent
    if not target.name or target.name in (".", ".."):
        raise ExportError(f"{target}: give a file name, not a folder")
    if not folder.exists():
        raise ExportError(f"{folder}: no such folder (create it first)")
    if not folder.is_dir():
        raise ExportError(f"{folder}: not a folder")
    if target.is_symlink():
        raise ExportError(
            f"{target}: is a symbolic link; exports never write through links "
            "(remove it or pick another name)"
        )
    final = folder.resolve() / target.name  # the folder's own links are the user's choice
    for p in protected:
        p = p.resolve()
        if final == p or final.is_relative_to(p):
            raise ExportError(
                f"{target}: is part of thinkaloud's session store (the database or a "
                "recording); an export never goes there, not even with --force"
            )
    if final.is_dir():
        raise ExportError(f"{target}: is a folder; give a file name inside it")
    if final.exists() and not final.is_file():
        raise ExportError(f"{target}: not a regular file (a device or a pipe); not replaced")
    if final.exists() and not force:
        raise ExportError(f"{target}: already exists; add --force to replace it")
    tmp = _written(final.parent, final.stem or "export", text)
    try:
        if force:
            os.replace(tmp, final)  # one step: the old file or the new one, never half
        else:
            _claim(tmp, final)
        _sync_folder(final.parent)
    except FileExistsError as exc:
        raise ExportError(f"{target}: already exists; add --force to replace it") from exc
    except OSError as exc:
        raise ExportError(f"{target}: cannot write the export ({_why(exc, folder)})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _written(folder: Path, stem: str, text: str) -> Path:
    """``text`` in a new private temp file in ``folder``, flushed to the disk."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot write there ({_why(exc, folder)})") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{folder}: cannot write the export ({_why(exc, folder)})") from exc
    return tmp


def _why(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device holding {folder}"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable (best effort: not every system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _claim(tmp: Path, target: Path) -> None:
    """Give the finished ``tmp`` the name ``target``, which must not exist (else
    FileExistsError)."""
    try:
        os.link(tmp, target)  # atomic, and fails when the name exists
    except FileExistsError:
        raise
    except OSError:
        # a filesystem without hard links: reserve the name, then move the text onto
        # our own empty reservation
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(tmp, target)
