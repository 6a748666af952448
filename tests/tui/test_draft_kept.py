"""The answer being typed outlives the app however it ends: kill -9, and a close from
outside while the app's screen cannot move (it used to be written only by the screen,
as it closed: a stuck screen, or a killed process, lost every word)."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.tui.test_terminal_start import Terminal

pytestmark = pytest.mark.model

DRAFT = "DRAFT we would hold out the last month of payments"


def typing(tmp_path: Path) -> tuple[Terminal, int]:
    """The app with the first question asked and the draft typed (no microphone here:
    answers are typed), and where the draft showed in its output."""
    term = Terminal(["--mute"], tmp_path)
    try:
        at = term.wait_for("Enter start")
        term.press(b"\r")
        at = term.wait_for("Enter sends", at)
        term.press(DRAFT.encode())
        return term, term.wait_for("last month of payments", at)
    except BaseException:
        term.close()
        raise


def kept_draft(tmp_path: Path) -> str:
    """The one session listed by ``history``, interrupted with one answer, and the text of
    that answer as kept in the session's folder."""
    data = tmp_path / "data"
    code, out, err = run("history", "--json", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    (session,) = json.loads(out)
    assert (session["status"], session["answers"]) == ("interrupted", 1), session
    (kept,) = (data / "audio" / session["id"]).glob("answer-01*.txt")
    assert not list(kept.parent.glob(".*")), "no half-written file left beside it"
    return kept.read_text()


def test_a_draft_outlives_kill_9(tmp_path):
    """kill -9 a second and a half after the last key: the words typed are on disk."""
    term, _ = typing(tmp_path)
    try:
        time.sleep(1.5)
        term.proc.send_signal(signal.SIGKILL)
        assert term.proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        term.close()
    assert kept_draft(tmp_path) == DRAFT


def test_a_draft_outlives_a_close_while_the_screen_cannot_move(tmp_path):
    """The terminal stopped taking output with a draft in the box (the app's screen waits
    on it for ever, as a stuck screen would), then the window closed: the app ends itself
    five seconds on, and the draft is kept with the session."""
    term, _ = typing(tmp_path)
    try:
        time.sleep(1.5)
        term.stall()
        for _ in range(300):  # each key draws the box again: the frames fill the queue
            term.press(b".")
            time.sleep(0.02)
        time.sleep(5)
        term.proc.send_signal(signal.SIGHUP)
        assert term.proc.wait(timeout=90) == 128 + signal.SIGHUP
    finally:
        term.close()
    assert kept_draft(tmp_path).rstrip(".") == DRAFT  # the keys the screen took, too


def test_a_draft_outlives_a_terminal_gone_without_a_hangup(tmp_path):
    """The terminal's end closed with no hangup signal sent (it was not the app's
    controlling terminal, as when the program that opened it was killed): the app ran on
    for almost two hours at half a core. It ends as if hung up, the draft kept."""
    term, _ = typing(tmp_path)
    try:
        time.sleep(1.5)  # the draft on disk, as it is while typing
        os.close(term.master)
        term.master = os.open(os.devnull, os.O_RDWR)  # for close() to close
        assert term.proc.wait(timeout=90) == 128 + signal.SIGHUP
    finally:
        term.close()
    assert kept_draft(tmp_path) == DRAFT


def test_a_draft_skipped_then_kill_9_is_kept_and_never_judged(tmp_path):
    """ctrl+n with a draft in the box, y, then an answer typed to the smaller question
    that came, and kill -9: the skipped draft is in the session's folder (it used to be
    deleted with the skip), ``show`` names it, and ``rescore`` judges only the answer
    typed after it, the first question left skipped."""
    data = tmp_path / "data"
    term, at = typing(tmp_path)
    try:
        time.sleep(1.5)  # the draft on disk as the first answer, as it is while typing
        term.press(b"\x0e")  # ctrl+n
        at = term.wait_for("Skip the question", at)
        term.press(b"y")
        # the skip told, its words said to be kept, and the next question counted (the
        # "Enter sends" hint may not be drawn again: it reads the same before and after)
        told = term.wait_for("(skipped: what was typed for it is kept", at)
        at = max(told, term.wait_for("Answer 2 of", at))
        time.sleep(1)
        term.press(b"NEXT I would label a month of payments by hand")
        term.wait_for("by hand", at)
        time.sleep(1.5)
        term.proc.send_signal(signal.SIGKILL)
        assert term.proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        term.close()
    code, out, err = run("history", "--json", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    (session,) = json.loads(out)
    assert session["answers"] == 1, session  # the skipped move is no answer
    folder = data / "audio" / session["id"]
    assert (folder / "answer-01-skipped.txt").read_text() == DRAFT
    assert not (folder / "answer-01.txt").exists()
    assert (folder / "answer-02.txt").read_text().startswith("NEXT")
    code, out, err = run("show", session["id"], THINKALOUD_DATA_DIR=str(data))
    assert code == 0 and "answer 1: skipped" in out and "answer-01-skipped.txt" in out, out
    # the draft is said to be a draft waiting to be judged (it read "(typed, recording)")
    flat = " ".join(out.split())
    assert "answer-02.txt (typed, draft kept, not judged yet)" in flat, out
    code, out, err = run("rescore", session["id"], THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    code, out, err = run("show", session["id"], THINKALOUD_DATA_DIR=str(data))
    assert "judged)" in out and "not judged yet" not in out, out
    code, out, err = run("show", session["id"], "--json", THINKALOUD_DATA_DIR=str(data))
    turns = json.loads(out)["report"]["interview"]["turns"]
    said = [((t.get("answer") or {}).get("transcript") or {}).get("text", "") for t in turns]
    assert not said[0] and said[1].startswith("NEXT"), said
    assert not any("last month of payments" in s for s in said), said


def test_a_paste_in_paragraphs_sent_as_keys_through_a_terminal_stays_one_draft(tmp_path):
    """Through a real terminal, a paste sent as keys (each line break an Enter, "\\r", as
    tmux's paste-buffer sends it) stays in the box with its line breaks and nothing is
    sent: each paragraph used to send the answer so far."""
    pasted = "Let me frame it first.\r\rFor the data, impressions and clicks.\rThat is all"
    term = Terminal(["--mute"], tmp_path)
    try:
        at = term.wait_for("Enter start")
        term.press(b"\r")
        at = term.wait_for("Enter sends", at)
        term.press(pasted.encode())  # one write: the keys come in one read, as a paste's
        term.wait_for("That is all", at)
        time.sleep(2)  # the draft on disk, and time for a wrongly sent answer to show
        assert b"Answer 2 of" not in term.out[at:]
        term.proc.send_signal(signal.SIGKILL)
        assert term.proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        term.close()
    assert kept_draft(tmp_path) == pasted.replace("\r", "\n")
