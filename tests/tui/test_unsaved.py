"""The app when the session store cannot take a new session (a full disk)."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from assistant.tui.app import ThinkaloudApp
from sessions.store import StoreError
from tests.support.app import make_deps, noticed, open_first_question, type_answer, until
from tests.support.reports import flat, on_screen, shown

pytestmark = pytest.mark.model


def fill_up(store) -> int:
    """The session database may not grow by another page, and its pages are full:
    SQLite says "database or disk is full", as it does when the disk under it is.
    Returns how many sessions it holds."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="no space left"):
        for _ in range(1000):
            with contextlib.suppress(sqlite3.IntegrityError):  # an id drawn twice in a second
                store.new_session(
                    question_id="fraud-detection",
                    question_title="Fraud",
                    rubric=None,
                    interviewer=None,
                )
    return len(store.sessions())


async def test_an_interview_the_store_cannot_take_goes_on_unsaved_and_says_so(
    transcriber, tmp_path
):
    """On a full data disk the app stopped as the question opened ("thinkaloud: internal
    error: the app stopped", an empty crash log), and an answer pasted at once landed on
    the shell's prompt. The interview goes on, told that it is not being saved and why,
    and its report says so."""
    deps = make_deps(transcriber, tmp_path, recorder=False)
    saved = fill_up(deps.store)
    messages = []
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        assert noticed(messages, "This session is not being saved: no space left on the device")
        said = " ".join(flat(shown(turn)) for turn in screen.query(".turn"))
        assert "Not saved: no space left on the device" in said, said
        await type_answer(pilot, screen, "I would start from what a fraudulent payment costs us.")
        await until(pilot, lambda: len(screen.interview.turns) == 2)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ != "InterviewScreen", 60)
        if type(app.screen).__name__ == "ConfirmScreen":
            await pilot.press("y")
        await until(pilot, lambda: type(app.screen).__name__ == "ReportScreen", 120)
        assert "not saved" in on_screen(app)
    assert app._exception is None
    assert len(deps.store.sessions()) == saved  # and the sessions there are intact


async def test_a_crash_log_the_data_folder_cannot_take_goes_to_the_users_log_folder(
    transcriber, tmp_path, monkeypatch
):
    """On a full data disk the crash log was an empty file in the data folder, and the one
    line pointed at it. Where the data folder cannot take it, it is written in the user's
    log folder, whole, and no empty file is left behind."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    deps = make_deps(transcriber, tmp_path)
    (deps.store.data_dir / "logs").write_text("not a folder")  # nothing can be written there

    def broken(question):
        raise RuntimeError("a bug in the structure scorer")

    deps.structure_for = broken
    app = ThinkaloudApp(deps)
    with pytest.raises(Exception, match="a bug in the structure scorer"):  # run_test re-raises
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            await pilot.press("enter")
            await pilot.pause(1.0)
    assert app.return_code == 1
    assert app.crash_log is not None and app.crash_log.is_relative_to(tmp_path)
    assert app.crash_log.parent != deps.store.data_dir / "logs"
    assert "a bug in the structure scorer" in app.crash_log.read_text()
