"""Writing an export beside the user's sessions without ever replacing a file.

The text goes to a temporary file in the target folder (readable by the user only) and
is then linked to the first free name: ``report.md``, ``report-2.md``, ``report-3.md``...
Linking fails if the name was taken in the meantime, so an existing file is never
overwritten, and a run that fails leaves no half-written export behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

MAX_COPIES = 1000


class ExportError(Exception):
    """The export could not be written; the message names the folder and why."""


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
        fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot write there ({exc.strerror or exc})") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        for target in candidates(folder, stem, suffix):
            if target.exists() or target.is_symlink():
                continue
            try:
                _claim(tmp, target)
                return target
            except FileExistsError:
                continue  # taken since we looked: try the next name
    except OSError as exc:
        raise ExportError(f"{folder}: cannot write the export ({exc.strerror or exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    raise ExportError(f"{folder}: {MAX_COPIES} copies of {stem}{suffix} already; tidy up first")


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
