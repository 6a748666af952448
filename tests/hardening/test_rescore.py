"""``rescore``: a complete session keeps its report; a session killed the instant an
answer's file was made (a 44-byte WAV, an empty typed take) is still scored from the
answers that hold something, and can then be exported."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from assistant.interview.moves import Move
from sessions.store import Store
from sessions.wav_sink import HEADER_BYTES
from speech.recorder import FileReplayRecorder
from tests.support.cli import run
from tests.support.hardening import refused, tamper, tree
from tests.support.history import dead_pid, fraud_saver
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model

FOLLOW_UP = Move(
    kind="follow_up",
    target="monitoring",
    why="monitoring was never mentioned",
    question="How would you know the model is degrading?",
    source="planner",
)


FIRST_ANSWER = (
    "First I would frame the problem: we want to stop fraudulent card payments at "
    "checkout without blocking good customers. Then I would pick a metric, recall at "
    "a fixed false decline rate, because a false decline costs a sale and some trust. "
    "For data I would use the card payments of the last year, labelled by chargebacks "
    "that arrive up to sixty days later, and I would add the merchant and device history."
)
"""A finished first answer to the fraud question, spoken, that a session was killed after."""


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spoken") / "answer.wav"
    synthesize(
        [
            Silence(0.5),
            Say("First I would frame the problem: we want to stop fraudulent card payments."),
            Silence(0.8),
            Say("Then I would pick a metric, recall at a fixed false decline rate."),
            Silence(0.5),
        ],
        path,
    )
    return path


def crashed(data: Path, answers: list[tuple[int, str]], spoken: Path) -> str:
    """A session whose process died: each (index, kind) answer saved as ``kind`` says:
    "audio" (real speech), "header" (a WAV killed as it began), "typed", "empty-typed",
    "garbage" (a .wav that is not audio)."""
    store = Store.open(data)
    saver = fraud_saver(store)
    for idx, kind in answers:
        move = None if idx == 0 else FOLLOW_UP
        if kind == "audio":
            saver.record(idx, move, FileReplayRecorder(spoken).blocks(threading.Event()))
        elif kind == "header":
            path = saver.record(idx, move, iter(()))
            assert path.stat().st_size == HEADER_BYTES
        elif kind == "garbage":
            path = saver.record(idx, move, iter(()))
            path.write_bytes(b"RIFF this is not audio at all" * 100)
        else:
            saver.typed(idx, move, "We would monitor drift weekly." if kind == "typed" else "")
    sid = saver.session_id
    store.close()
    tamper(data, "UPDATE sessions SET pid=? WHERE id=?", dead_pid(), sid)
    return sid


@pytest.mark.parametrize(
    ("answers", "turns", "left_out"),
    [
        ([(0, "audio"), (1, "header")], 1, "Answer 2 held nothing"),
        ([(0, "audio"), (1, "empty-typed")], 1, "Answer 2 held nothing"),
        ([(0, "header"), (1, "audio")], 1, "Answer 1 held nothing"),
        ([(0, "audio"), (1, "garbage")], 1, "Answer 2 held nothing"),
        ([(0, "typed"), (1, "header"), (2, "header")], 1, "Answers 2 and 3 held nothing"),
        ([(0, "audio"), (0, "header")], 1, None),  # a re-record killed as it began
        ([(0, "audio"), (1, "typed")], 2, None),
    ],
)
def test_an_answer_that_holds_nothing_is_left_out(tmp_path, spoken, answers, turns, left_out):
    data = tmp_path / "data"
    sid = crashed(data, answers, spoken)
    code, out, err = run("rescore", sid, "--json", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    interview = json.loads(out)["interview"]
    assert len(interview["turns"]) == turns
    assert any("stopped as" in n for n in interview["notices"]) == (left_out is not None)
    if left_out:
        assert any(left_out in n for n in interview["notices"])
    code, out, err = run("export", sid, "--format", "md", THINKALOUD_DATA_DIR=str(data))
    assert code == 0 and "## Feedback" in out, err
    code, out, _ = run("history", "--json", THINKALOUD_DATA_DIR=str(data))
    assert json.loads(out)[0]["status"] == "recovered"


def test_a_session_with_nothing_in_any_answer_is_one_line(tmp_path, spoken):
    data = tmp_path / "data"
    sid = crashed(data, [(0, "header"), (1, "empty-typed")], spoken)
    code, _, err = run("rescore", sid, THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 4, "every answer it kept is empty")


def test_a_session_killed_in_its_second_answer_is_said_to_be_cut_short(tmp_path):
    """Under tmux: a session killed 7 s into its second answer, after a finished 31 s
    first answer to a 7-minute question, 91 words in all, was headed "Structure not
    scored (too little to judge)" in `show`, the export and its feedback line: untrue of
    91 words. Heading and line now give the reason the report gives: it was cut short."""
    spoken = synthesize(
        [Silence(0.5), Say(FIRST_ANSWER), Silence(0.5)], tmp_path / "first.wav"
    ).path
    data = tmp_path / "data"
    sid = crashed(data, [(0, "audio"), (1, "typed")], spoken)
    code, out, err = run("rescore", sid, "--json", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    report = json.loads(out)
    assert report["interview"]["cut_short"] and len(report["interview"]["turns"]) == 2
    assert len(report["transcript"]["text"].split()) >= 60  # words enough for a score
    code, out, _ = run("show", sid, THINKALOUD_DATA_DIR=str(data))
    assert code == 0 and "/100" not in out, out
    assert "Structure not scored (cut short) (ml-system-design)" in out, out
    assert "Structure not scored (cut short) on the ML system design rubric" in out, out
    assert "too little to judge" not in out, out
    code, out, _ = run("export", sid, "--format", "md", THINKALOUD_DATA_DIR=str(data))
    assert code == 0 and "## Structure not scored (cut short)" in out, out
    assert "too little to judge" not in out, out


def test_a_complete_session_keeps_its_report(data):
    before = tree(data)
    code, out, err = run("rescore", "last", THINKALOUD_DATA_DIR=str(data))
    refused(code, err, 2, "is complete", "report stands")
    assert out == "" and tree(data) == before
    code, out, _ = run("history", "--json", THINKALOUD_DATA_DIR=str(data))
    assert json.loads(out)[0]["status"] == "complete"


def test_a_complete_session_is_judged_again_when_asked(tmp_path, spoken):
    """Played outside the repo: a replayed take judged from a transcript that lost 10 s of
    its middle ("92 wpm is slow"), and `rescore` refused the complete session, so the
    audio on disk could not mend its report."""
    env = {"THINKALOUD_DATA_DIR": str(tmp_path / "data")}
    code, _, err = run("practice", "--question", "fraud-detection", "--answer", str(spoken), **env)
    assert code == 0, err
    code, out, _ = run("show", "last", "--json", **env)
    saved = json.loads(out)["report"]["interview"]
    code, out, err = run("rescore", "last", "--again", "--json", **env)
    assert code == 0, err
    again = json.loads(out)["interview"]
    assert again["cut_short"] is False and again["closing"] == saved["closing"] != ""
    assert [t["question"] for t in again["turns"]] == [t["question"] for t in saved["turns"]]
    assert any("judged again" in n for n in again["notices"])
    code, out, _ = run("history", "--json", **env)
    assert json.loads(out)[0]["status"] == "complete"


def test_a_recovered_session_can_be_rescored_again(tmp_path, spoken):
    data = tmp_path / "data"
    sid = crashed(data, [(0, "audio")], spoken)
    for _ in range(2):
        code, _, err = run("rescore", sid, "--json", THINKALOUD_DATA_DIR=str(data))
        assert code == 0, err


@pytest.mark.parametrize("cut_off", [False, True])
def test_a_change_left_unmet_costs_a_rescored_session_as_it_costs_a_finished_one(tmp_path, cut_off):
    """Under tmux, a session quit during the answer after a requirement change was
    rescored with "changed the design: no" and no cost, and nothing in the feedback.
    An answer the session's end cut off (the window closed 9 s into it) was then charged
    "−10 for not adapting" for what it never got to say: it is not judged, and says so."""
    data = tmp_path / "data"
    store = Store.open(data)
    saver = fraud_saver(store)
    saver.typed(
        0,
        None,
        "We decide per payment whether to approve, block or send it to review. Labels are "
        "chargebacks, which arrive up to sixty days later. A gradient boosted model scores "
        "each payment on device, merchant and card velocity features in under 50 ms.",
    )
    change = Move(
        kind="new_constraint",
        target="no-device-fingerprint",
        why="tests whether the design adapts",
        question="Legal says a new privacy law bans device fingerprinting, so you lose "
        "every device feature. How does your design change?",
        source="planner",
    )
    saver.typed(1, change, "Sure. We carry on as planned and watch recall.")
    sid = saver.session_id
    store.close()
    tamper(data, "UPDATE sessions SET pid=? WHERE id=?", dead_pid(), sid)
    if not cut_off:  # sent whole, and judged before the session was quit
        tamper(data, "UPDATE answers SET status='complete' WHERE session_id=?", sid)
    code, out, err = run("rescore", sid, "--json", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    report = json.loads(out)
    if cut_off:
        assert report["interview"]["adaptation"] == []
        assert report["structure"]["adaptation_cost"] == 0
        assert any("Answer 2 was cut off" in n for n in report["interview"]["notices"])
        return
    (verdict,) = report["interview"]["adaptation"]
    assert not verdict["revised"]
    assert report["structure"]["adaptation_cost"] == 10
    said = [f["message"] for f in report["feedback"] if f["metric"] == "adaptation"]
    assert len(said) == 1 and said[0].endswith("(−10 on structure)"), said


def test_a_first_answer_cut_short_and_rescored_stays_out_of_the_trends(tmp_path):
    """Played outside the repo: a session killed 28 s into a 150 s question, rescored,
    scored 18 and showed in trends as "worse" (the rescored answer had no budget, so it
    was never found to be a fragment). It is now judged against the question's budget,
    and its structure stays out of history and trends."""
    spoken = synthesize([Silence(0.5), Say(FIRST_ANSWER), Silence(0.5)], tmp_path / "cut.wav").path
    data = tmp_path / "data"
    sid = crashed(data, [(0, "audio")], spoken)
    code, out, err = run("rescore", sid, "--json", THINKALOUD_DATA_DIR=str(data))
    assert code == 0, err
    (turn,) = json.loads(out)["interview"]["turns"]
    assert turn["answer"]["pacing"]["budget"]["budget_s"] == 360  # the fraud question's
    assert json.loads(out)["interview"]["cut_short"]
    code, out, _ = run("history", "--json", THINKALOUD_DATA_DIR=str(data))
    (row,) = json.loads(out)
    assert row["status"] == "recovered" and row["structure_score"] is None
    # `show` and the export say so too: they printed "Structure 25/100" for a session
    # History showed no number for (played outside the repo, 17 s of a 6-minute question)
    code, out, _ = run("show", sid, THINKALOUD_DATA_DIR=str(data))
    assert code == 0 and "Structure not scored" in out and "/100" not in out, out
