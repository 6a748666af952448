"""What every case of the hardening corpus checks: one clear line, the documented exit
code, no traceback, and nothing the user made lost or overwritten."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests.support.cli import one_error_line


def refused(code: int, err: str, exit_code: int, *needles: str) -> str:
    """The command failed with ``exit_code`` and said why in one line naming ``needles``."""
    line = one_error_line(err)
    assert code == exit_code, (code, err)
    assert "internal error" not in line and "Traceback" not in err, err
    for needle in needles:
        assert needle.lower() in line.lower(), (needle, line)
    return line


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links as links), by relative path, with a hash of its
    bytes: compare before and after to see that nothing was lost or changed."""
    out: dict[str, str] = {}
    if not folder.exists():
        return out
    for root, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if (Path(root) / d).is_symlink()]:
            path = Path(root) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif name.endswith(("-wal", "-shm")):
                continue  # SQLite's own journal files come and go
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def thinkaloud(
    *argv: str, env: dict[str, str] | None = None, timeout: float = 300, **extra: str
) -> subprocess.CompletedProcess:
    """The real command in a process of its own (``extra`` adds variables)."""
    environ = {**os.environ, **(env or {}), **extra}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *argv],
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def on_full_disk(
    tmp_path: Path,
    data: Path | None,
    argv: list[str],
    *,
    size_kb: int = 1024,
    fill: bool = True,
) -> tuple[subprocess.CompletedProcess, Path]:
    """Run the command with its data folder on a full disk: a small tmpfs mounted in a
    mount namespace of its own (nothing outside sees it), ``data`` copied onto it, the
    rest filled with zeros (``fill``; else the command fills it). Returns the run and a
    copy of the data folder as the command left it. Skips where a private mount cannot
    be made."""
    import shlex
    import shutil

    import pytest

    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is needed to make a full disk")
    disk, after = tmp_path / "disk", tmp_path / "after"
    disk.mkdir()
    run = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "assistant", *argv])
    script = f"""
mount -t tmpfs -o size={size_kb}k tmpfs {shlex.quote(str(disk))} || exit 97
{f"cp -a {shlex.quote(str(data))} {shlex.quote(str(disk / 'data'))}" if data else ""}
{f"dd if=/dev/zero of={shlex.quote(str(disk / 'fill'))} bs=4k >/dev/null 2>&1" if fill else ""}
{run}
code=$?
[ -d {shlex.quote(str(disk / "data"))} ] && cp -a {shlex.quote(str(disk / "data"))} \
    {shlex.quote(str(after))}
exit $code
"""
    env = {**os.environ, "THINKALOUD_DATA_DIR": str(disk / "data")}
    proc = subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode == 97 or "unshare failed" in proc.stderr:
        pytest.skip(f"cannot mount a small disk here: {proc.stderr.strip()[-200:]}")
    return proc, after


def only_id(data: Path) -> str:
    """The id of the one session in the data folder ``data``."""
    from sessions.store import Store

    store = Store.open(data, read_only=True)
    try:
        (row,) = store.sessions()
        return row.id
    finally:
        store.close()


def tamper(data: Path, sql: str, *args) -> None:
    """Change the database by hand, as something other than thinkaloud would."""
    import sqlite3

    from sessions.store import DB_NAME

    db = sqlite3.connect(data / DB_NAME)
    db.execute(sql, args)
    db.commit()
    db.close()


def in_read_only_folder(folder: Path, argv: list[str], **extra: str) -> subprocess.CompletedProcess:
    """Run the command with ``folder`` mounted read-only (a bind mount in a mount
    namespace of its own: root, who may write anywhere, is refused too). Skips where a
    private mount cannot be made."""
    import shlex
    import shutil

    import pytest

    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is needed to make a read-only folder")
    f = shlex.quote(str(folder))
    run = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "assistant", *argv])
    script = f"mount --bind {f} {f} && mount -o remount,bind,ro {f} || exit 97\n{run}\n"
    proc = subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", script],
        env={**os.environ, **extra},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode == 97:
        pytest.skip(f"cannot mount a read-only folder here: {proc.stderr.strip()[-200:]}")
    return proc
