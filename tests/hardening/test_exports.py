"""``export -o``: never over a file without ``--force``, never into the session store or
a recording (not even with it), never through a link, written whole beside its name and
readable by the user only; every refusal is one line and exit 11."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sessions.store import DB_NAME, Store
from tests.support.cli import run
from tests.support.hardening import (
    in_read_only_folder,
    on_full_disk,
    only_id,
    refused,
    tree,
)


def export(data: Path, target: Path | str, *flags: str) -> tuple[int, str, str]:
    return run("export", "last", "-o", str(target), *flags, THINKALOUD_DATA_DIR=str(data))


def still_readable(data: Path) -> None:
    store = Store.open(data, read_only=True)
    try:
        (row,) = store.sessions()
        assert store.session(row.id)[1]["interview"]["turns"]
    finally:
        store.close()


def test_a_new_file_is_written_whole_and_private(data, tmp_path):
    code, shown, _ = run("export", "last", THINKALOUD_DATA_DIR=str(data))
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    code, out, err = export(data, target)
    assert code == 0, err
    assert target.read_text() == shown and out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temp file left


def test_an_existing_file_needs_force_and_is_then_replaced_whole(data, tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("my own notes")
    code, _, err = export(data, target)
    refused(code, err, 11, "already exists", "--force")
    assert target.read_text() == "my own notes"
    code, _, err = export(data, target, "--force")
    assert code == 0, err
    assert target.read_text().startswith("# Session")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_files_are_private_whatever_the_umask(data, tmp_path):
    target = tmp_path / "wide-open.md"
    env = {**os.environ, "THINKALOUD_DATA_DIR": str(data)}
    subprocess.run(
        [sys.executable, "-m", "assistant", "export", "last", "-o", str(target)],
        env=env,
        check=True,
        preexec_fn=lambda: os.umask(0),
        capture_output=True,
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def _store_targets(data: Path) -> list[Path]:
    sid = only_id(data)
    audio = data / "audio" / sid
    return [
        data / DB_NAME,
        data / f"{DB_NAME}-wal",
        audio / "answer-01.wav",
        audio / "answer-09.md",  # even a new file among the recordings
        data / "audio" / "x.md",
        data / "logs" / "crash.log",
    ]


@pytest.mark.parametrize("which", range(6))
@pytest.mark.parametrize("force", [False, True])
def test_the_store_and_the_recordings_are_never_a_target(data, which, force):
    (data / "logs").mkdir(exist_ok=True)
    before = tree(data)
    target = _store_targets(data)[which]
    code, _, err = export(data, target, *(["--force"] if force else []))
    refused(code, err, 11, "session store")
    assert tree(data) == before
    still_readable(data)


def test_the_store_reached_through_a_linked_folder_is_refused(data, tmp_path):
    (tmp_path / "shortcut").symlink_to(data)
    before = tree(data)
    code, _, err = export(data, tmp_path / "shortcut" / DB_NAME, "--force")
    refused(code, err, 11, "session store")
    assert tree(data) == before


@pytest.mark.parametrize("force", [False, True])
def test_links_are_never_followed(data, tmp_path, force):
    mine = tmp_path / "precious.txt"
    mine.write_text("keep")
    (tmp_path / "link.md").symlink_to(mine)
    (tmp_path / "to-db.md").symlink_to(data / DB_NAME)
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere")
    before = tree(data)
    for name in ("link.md", "to-db.md", "dangling.md"):
        code, _, err = export(data, tmp_path / name, *(["--force"] if force else []))
        refused(code, err, 11, "symbolic link")
    assert mine.read_text() == "keep" and not (tmp_path / "nowhere").exists()
    assert tree(data) == before


BAD_PLACES = [
    ("missing folder", lambda t: t / "no" / "such" / "report.md", "no such folder"),
    ("a folder", lambda t: t, "is a folder"),
    ("an empty name", lambda t: "", "give a file name"),
    ("a file as folder", lambda t: _file(t / "plain.txt") / "report.md", "not a folder"),
    ("a device", lambda t: Path("/dev/null"), "not a regular file"),
]


@pytest.mark.parametrize(("case", "make", "needle"), BAD_PLACES)
def test_a_target_that_cannot_be_a_file_is_one_line(data, tmp_path, case, make, needle):
    code, out, err = export(data, make(tmp_path), "--force")
    refused(code, err, 11, needle)
    assert out == ""


UNWRITABLE = [
    # the system's own folders: "/proc: cannot write there (No such file or directory)"
    ("a system folder", lambda t: Path("/proc/report.md"), "/proc does not take new files"),
    ("a system folder by a link", lambda t: Path("/proc/self/r.md"), "/proc/self does not take"),
    # "no such folder (create it first)": it could not be created
    ("a file above", lambda t: _file(t / "notes") / "june" / "r.md", "notes is a file, not a"),
    ("a device above", lambda t: Path("/dev/null/r.md"), "/dev/null is a device, not a folder"),
]


@pytest.mark.parametrize(("case", "make", "why"), UNWRITABLE)
def test_a_place_that_takes_no_file_is_named_with_why(data, tmp_path, case, make, why):
    """One line, starting with the path as given (not /proc/<pid>/… for /proc/self/…),
    then why, naming the folder at fault."""
    target = make(tmp_path)
    code, out, err = export(data, target)
    line = refused(code, err, 11, why)
    assert line.startswith(f"thinkaloud: error: {target}: cannot be written, "), line
    assert out == ""


def test_a_read_only_folder_is_one_line(data, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    argv = ["export", "last", "-o", str(folder / "r.md"), "--force"]
    proc = in_read_only_folder(folder, argv, THINKALOUD_DATA_DIR=str(data))
    refused(proc.returncode, proc.stderr, 11, f"{folder / 'r.md'}: cannot be written", "read-only")
    assert list(folder.iterdir()) == []


def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(data, tmp_path):
    before = tree(data)
    proc, after = on_full_disk(
        tmp_path, data, ["export", "last", "-o", str(tmp_path / "disk" / "report.md")]
    )
    refused(proc.returncode, proc.stderr, 11, "no space left on the device holding")
    assert tree(after) == before


def _file(path: Path) -> Path:
    path.write_text("x")
    return path
