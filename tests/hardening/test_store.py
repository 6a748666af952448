"""The session store: ids that are not ids, a database changed by hand, reading commands
that write nothing, a full disk, and a data folder left readable by others."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from sessions.store import DB_NAME, Store
from tests.support.cli import one_error_line, run
from tests.support.hardening import on_full_disk, only_id, refused, tamper, tree
from tests.support.history import dead_pid

# --- ids that are not ids ---------------------------------------------------------------

BAD_IDS = [
    ("delete", ""),
    ("delete", " "),
    ("delete", "%"),
    ("delete", "_"),
    ("delete", "2026"),  # a prefix: deleting takes the whole id
    ("delete", "../../etc"),
    ("delete", "LAST"),
    ("show", ""),
    ("show", "%"),
    ("show", "*"),
    ("show", "../audio"),
    ("export", ""),
    ("rescore", ""),
    ("rescore", "' OR 1=1 --"),
]


@pytest.mark.parametrize(("verb", "ref"), BAD_IDS)
def test_an_id_that_is_not_an_id_matches_nothing(data, verb, ref):
    before = tree(data)
    code, out, err = run(verb, ref, THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 10, "no session")
    assert out == "" and tree(data) == before


def test_delete_takes_the_whole_id_and_keeps_the_others(data):
    sid = only_id(data)
    code, _, err = run("delete", sid[:-1], "--yes", THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 10, "whole id")
    assert (data / "audio" / sid).is_dir()
    code, out, err = run("delete", sid, "--yes", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    assert not (data / "audio" / sid).exists()


def test_delete_with_no_terminal_to_ask_on_needs_yes(data):
    """A script (stdin not a terminal) deleted at once; now it must say --yes."""
    before = tree(data)
    code, out, err = run("delete", "last", stdin="y\n", THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 2, "add --yes", "nothing was deleted")
    assert out == "" and tree(data) == before


@pytest.mark.parametrize(
    ("reply", "deleted"),
    [("y\n", True), ("yes\n", True), ("\n", False), ("n\n", False), ("", False)],
)
def test_delete_asks_on_a_terminal_first(data, reply, deleted):
    """On a terminal, `delete` asks y/N (it deleted the session and its audio at once:
    one wrong word, delete for show, lost a session); Enter, n or the end of input keep it."""
    import os
    import subprocess
    import sys

    sid = only_id(data)
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "delete", "last"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "THINKALOUD_DATA_DIR": str(data)},
        )
        os.write(master, reply.encode() if reply else b"\x04")  # Ctrl+D: the end of input
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 0, err
    assert err.startswith(f"Delete session {sid} (") and "[y/N]" in err, err
    assert (data / "audio" / sid).exists() != deleted
    said = f"deleted session {sid}" if deleted else f"kept session {sid} (nothing was deleted)"
    assert out.startswith(said), out


def test_a_session_being_recorded_now_is_not_deleted(data):
    import os

    sid = only_id(data)
    tamper(data, "UPDATE sessions SET status='recording', pid=?", os.getpid())  # alive
    before = tree(data)
    for ref in (sid, "last"):
        code, _, err = run("delete", ref, "--yes", THINKALOUD_DATA_DIR=str(data))
        refused(code, err, 10, "being recorded right now")
    assert tree(data) == before


def test_show_with_no_sessions_says_so(tmp_path):
    code, _, err = run("show", "last", THINKALOUD_DATA_DIR=str(tmp_path / "data"))
    refused(code, err, 10, "no saved sessions")


# --- a database changed by hand ----------------------------------------------------------


def test_a_tampered_id_never_deletes_outside_the_data_folder(data, tmp_path):
    victim = tmp_path / "victimdir"
    victim.mkdir()
    (victim / "thesis.tex").write_text("years of work")
    sid = only_id(data)
    rel = Path("..") / ".." / victim.relative_to(tmp_path)
    tamper(data, "UPDATE sessions SET id=? WHERE id=?", str(rel), sid)
    tamper(data, "UPDATE answers SET session_id=? WHERE session_id=?", str(rel), sid)
    code, _, err = run("delete", "last", "--yes", THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 10, "not one thinkaloud writes")
    assert (victim / "thesis.tex").read_text() == "years of work"


def test_a_session_folder_turned_into_a_link_is_not_followed(data, tmp_path):
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    sid = only_id(data)
    shutil.rmtree(data / "audio" / sid)
    (data / "audio" / sid).symlink_to(victim)
    code, _, err = run("delete", sid, "--yes", THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 10, "nothing was deleted")
    assert (victim / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("where", ["absolute", "relative", "link"])
def test_a_tampered_audio_path_is_neither_repaired_nor_read(data, tmp_path, where):
    victim = tmp_path / "victim.wav"
    victim.write_bytes(b"precious bytes that must stay exactly as they are" * 4)
    before = victim.read_bytes()
    sid = only_id(data)
    if where == "absolute":
        stored = str(victim)
    elif where == "relative":
        stored = str(Path("..") / ".." / victim.relative_to(tmp_path))
    else:  # a link inside the session's folder that points outside it
        (data / "audio" / sid / "answer-09.wav").symlink_to(victim)
        stored = f"audio/{sid}/answer-09.wav"
    tamper(data, "UPDATE answers SET audio_path=?", stored)
    # a crashed session: the next writer repairs what it recorded
    tamper(data, "UPDATE sessions SET status='recording', pid=?", dead_pid())
    for argv in (["history"], ["show", sid], ["rescore", sid]):
        code, _, err = run(*argv, THINKALOUD_DATA_DIR=str(data))
        if argv[0] != "history":
            refused(code, err, 10, "outside")
        assert victim.read_bytes() == before, argv


# --- reading commands write nothing -----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["history"], ["history", "--json"], ["show", "last"], ["export", "last"], ["trends"]],
)
def test_reading_commands_change_nothing(data, argv):
    sid = only_id(data)
    tamper(data, "UPDATE sessions SET status='recording', pid=?", dead_pid())
    wav = data / "audio" / sid / "answer-01.wav"
    with wav.open("r+b") as fh:  # as a crash leaves it: the header says 0 bytes
        fh.seek(40)
        fh.write(b"\0\0\0\0")
    before, mtime = tree(data), (data / DB_NAME).stat().st_mtime_ns
    code, out, err = run(*argv, THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    assert tree(data) == before and (data / DB_NAME).stat().st_mtime_ns == mtime
    if argv == ["history", "--json"]:
        assert json.loads(out)[0]["status"] == "interrupted"  # as read, not as written
    code, _, err = run("delete", sid, "--yes", THINKALOUD_DATA_DIR=str(data))  # a writer repairs
    assert code == 0, err


def test_a_saved_report_that_cannot_be_read_is_one_line(data):
    tamper(data, "UPDATE sessions SET report_json=?", json.dumps({"schema": "x"}))
    for verb in ("show", "export"):
        code, _, err = run(verb, "last", THINKALOUD_DATA_DIR=str(data))
        refused(code, err, 10, "saved report cannot be read")


# --- a full disk --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "--json"],
        ["show", "last"],
        ["export", "last", "--format", "md"],
        ["trends", "--json"],
    ],
)
def test_reading_commands_work_on_a_full_disk(data, tmp_path, argv):
    before = tree(data)
    proc, after = on_full_disk(tmp_path, data, argv)
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr and tree(after) == before


@pytest.mark.parametrize("argv", [["delete", "last", "--yes"], ["rescore", "last"]])
def test_writing_on_a_full_disk_says_the_disk_is_full(data, tmp_path, argv):
    tamper(data, "UPDATE sessions SET status='recording', pid=?", dead_pid())
    before = tree(data)
    proc, after = on_full_disk(tmp_path, data, argv)
    line = refused(proc.returncode, proc.stderr, 10, "no space left on the device holding")
    assert "damaged" not in line and "not a readable" not in line
    assert tree(after) == before  # nothing lost, nothing half-written


def test_a_first_run_on_a_full_disk_says_so(tmp_path):
    proc, _ = on_full_disk(tmp_path, None, ["history"], size_kb=64)
    refused(proc.returncode, proc.stderr, 10, "no space left on the device holding")


# --- permissions ---------------------------------------------------------------------------


def test_a_data_folder_left_open_to_others_is_made_private(data):
    data.chmod(0o755)
    (data / "audio").chmod(0o755)
    code, _, err = run("history", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    code, _, err = run("delete", only_id(data), "--yes", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    assert stat.S_IMODE((data / "audio").stat().st_mode) == 0o700


@pytest.mark.model
@pytest.mark.parametrize(("fill", "size_kb"), [(True, 1024), (False, 3000)])
def test_practice_on_a_full_disk_stops_with_one_line_and_keeps_earlier_sessions(
    data, tmp_path, fill, size_kb
):
    """Full before it starts (the store cannot open), or filled by the recordings."""
    sid = only_id(data)
    audio = {k: v for k, v in tree(data).items() if k.startswith("audio/")}
    proc, after = on_full_disk(
        tmp_path, data, ["practice", "--sample", "--json"], size_kb=size_kb, fill=fill
    )
    line = one_error_line(proc.stderr)
    assert proc.returncode in (9, 10) and "no space left" in line.lower(), line
    kept = tree(after)
    assert {k: v for k, v in kept.items() if k in audio} == audio  # no recording lost
    store = Store.open(after, read_only=True)
    assert store.session(sid)[1]["interview"]["turns"]  # the earlier report is intact
    store.close()


def test_history_with_a_limit_says_how_many_sessions_there_are(tmp_path):
    """`history --limit 2` with twelve sessions saved was titled "2 saved sessions": the
    title says they are the newest of how many."""
    store = Store.open(tmp_path)
    for _ in range(3):
        store.new_session(
            question_id="fraud-detection", question_title="Fraud", rubric=None, interviewer=None
        )
    store.close()
    code, out, _ = run("history", "--limit", "2", THINKALOUD_DATA_DIR=str(tmp_path))
    assert code == 0 and "The newest 2 of 3 saved sessions" in out, out
    code, out, _ = run("history", "--limit", "3", THINKALOUD_DATA_DIR=str(tmp_path))
    assert code == 0 and "3 saved sessions" in out and "newest" not in out, out
