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
        tmp = _written(folder, stem, text)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot export there, {_why(exc, folder)}") from exc
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
        raise ExportError(f"{folder}: cannot export there, {_why(exc, folder)}") from exc
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
    if _nearest(folder).exists() and not _nearest(folder).is_dir():
        raise ExportError(f"{target}: cannot be written, {_why(OSError(), folder, target)}")
    if not folder.exists():
        raise ExportError(f"{target}: cannot be written, no such folder {folder} (create it first)")
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
    try:
        tmp = _written(final.parent, final.stem or "export", text)
    except OSError as exc:
        raise ExportError(f"{target}: cannot be written, {_why(exc, folder, target)}") from exc
    try:
        if force:
            os.replace(tmp, final)  # one step: the old file or the new one, never half
        else:
            _claim(tmp, final)
        _sync_folder(final.parent)
    except FileExistsError as exc:
        raise ExportError(f"{target}: already exists; add --force to replace it") from exc
    except OSError as exc:
        raise ExportError(f"{target}: cannot be written, {_why(exc, folder, target)}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _written(folder: Path, stem: str, text: str) -> Path:
    """``text`` in a new private temp file in ``folder``, flushed to the disk (an
    OSError, with nothing left behind, if it cannot be)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _why(exc: OSError, folder: Path, named: Path | None = None) -> str:
    """Why nothing could be written in ``folder``, in words naming the place at fault:
    the folder, the nearest one above it that is there (when it is missing), or a file
    standing where a folder should be; never the system's "No such file or directory"
    about a folder that is plainly there (/proc). ``named`` is the path the message
    starts with (the folder unless given): that one is "it"."""
    place = _nearest(folder)
    it = "it" if place == (named or folder) else str(place)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device holding {place}"
    if folder.is_symlink() and not folder.exists():
        link = "it" if folder == (named or folder) else str(folder)
        return f"{link} is a link to {os.readlink(folder)}, which is not there"
    if not place.is_dir():
        return f"{it} is {'a file' if place.is_file() else 'a device'}, not a folder"
    if exc.errno == errno.EROFS:
        return f"{it} is on a read-only disk"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"you may not write in {it} (permission denied)"
    if exc.errno == errno.ENOENT:  # /proc, /sys: folders the system keeps, not for files
        return f"{it} does not take new files" if place.exists() else f"{it} no longer exists"
    return exc.strerror or str(exc)


def _nearest(folder: Path) -> Path:
    """``folder`` itself if it is there, else the nearest folder above it that is (or the
    file or device in the way)."""
    for place in (folder, *folder.parents):
        if place.exists():
            return place
    return folder


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
