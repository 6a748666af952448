"""Snapshots of every screen (pytest-textual-snapshot) at 80x24 and 120x40, with nothing
that moves: no clock, no cursor blink, a frozen countdown and a fixed session store.
Update them only after looking at the report (``pytest --snapshot-update``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.tui.app import ThinkaloudApp
from assistant.tui.deps import AppDeps
from sessions.store import Store
from tests.support.app import until
from tests.support.history import add_finished, history_deps
from tests.support.reports import interview_report, save

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def deps(tmp_path: Path, sessions: int = 0, *, mic: bool = False) -> AppDeps:
    store = Store.open(tmp_path / "data")
    for i in range(sessions):
        add_finished(
            store,
            f"2026-11-0{i + 1}T20:00:00",
            wpm=140.0 + 5 * i,
            fillers=3.0 - 0.5 * i,
            long_pauses=2 - i % 2,
            structure=60 + 8 * i,
        )
    d = history_deps(store)
    d.interviewer_label = "offline (rubric-driven)"
    if mic:  # a microphone that is never opened: the snapshot is taken before answering
        d.recorder_for = lambda i: None
        d.mic_label = "default input"
    return d


async def until_ready(pilot) -> None:
    """The interview's opening question has been asked and it is the candidate's turn."""
    for _ in range(100):
        screen = pilot.app.screen
        if getattr(screen, "phase", None) == "ready":
            return
        await pilot.pause(0.1)
    raise AssertionError("the interview did not get ready")


async def start_interview(pilot) -> None:
    pilot.app.screen.query_one("#questions").focus()
    await pilot.press("enter")
    await pilot.pause(0.2)
    await until_ready(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, tmp_path, size):
    assert snap_compare(ThinkaloudApp(deps(tmp_path, sessions=2)), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_interview(snap_compare, tmp_path, size):
    app = ThinkaloudApp(deps(tmp_path, mic=True))
    assert snap_compare(app, terminal_size=size, run_before=start_interview)


@pytest.mark.parametrize("size", SIZES)
def test_interview_typed(snap_compare, tmp_path, size):
    async def typing(pilot):
        await start_interview(pilot)
        pilot.app.screen.query_one("#typed").insert("First, the goal: stop fraud at checkout.")
        await pilot.pause(0.2)

    assert snap_compare(ThinkaloudApp(deps(tmp_path)), terminal_size=size, run_before=typing)


@pytest.mark.parametrize("size", SIZES)
def test_confirm_end(snap_compare, tmp_path, size):
    async def ask(pilot):
        await start_interview(pilot)
        await pilot.press("escape")
        await pilot.pause(0.2)

    assert snap_compare(ThinkaloudApp(deps(tmp_path)), terminal_size=size, run_before=ask)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, tmp_path, size):
    async def help_(pilot):
        await start_interview(pilot)
        await pilot.press("f1")
        await pilot.pause(0.2)

    app = ThinkaloudApp(deps(tmp_path, mic=True))
    assert snap_compare(app, terminal_size=size, run_before=help_)


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare, tmp_path, size):
    from assistant.tui.screens.report import ReportScreen

    d = deps(tmp_path)
    report = interview_report(tmp_path / "audio")
    session_id = "20261103-200000-0000"  # a fixed id: the header shows it
    d.store.db.execute("UPDATE sessions SET id=? WHERE id=?", (session_id, save(d.store, report)))

    async def show(pilot):
        pilot.app.push_screen(ReportScreen(report, session_id))
        await pilot.pause(0.5)

    assert snap_compare(ThinkaloudApp(d), terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, tmp_path, size):
    async def show(pilot):
        await pilot.press("h")
        # the trend plots are mounted after the table is filled, and the layout settles
        # after them: on a busy machine a fixed half-second pause caught the table laid
        # out for a scrollbar that then went away
        await until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "sessions")
        await until(pilot, lambda: len(pilot.app.screen.query("#plots > *")) > 0)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.5)

    assert snap_compare(
        ThinkaloudApp(deps(tmp_path, sessions=3)), terminal_size=size, run_before=show
    )


@pytest.fixture(autouse=True)
def _frozen(monkeypatch):
    """Cursor blink off everywhere."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)
