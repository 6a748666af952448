"""The terminal resized while a question opens: under tmux on a loaded machine, a shrink
to 50x15 and a grow back to 120x40 within two seconds froze the app for good (the main
thread busy, the question never shown, the countdown stopped, keys and Ctrl+Q ignored)."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest
from textual import events
from textual.geometry import Size

from assistant.report.format import clock as clock_text
from assistant.tui.app import ThinkaloudApp
from tests.support.app import Clock, make_deps, open_first_question, until
from tests.support.reports import flat, on_screen, shown

pytestmark = pytest.mark.model


class Froze(Exception):
    """The app's event loop did not come back in time."""


@contextmanager
def unless_frozen(seconds: int):
    """Raises :class:`Froze` in the main thread after ``seconds``: a loop stuck handling
    messages never lets an asyncio timeout fire, so the alarm comes from outside it."""

    def froze(_sig, _frame):
        raise Froze(f"the app did not answer for {seconds} s")

    previous = signal.signal(signal.SIGALRM, froze)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def resized_while_busy(screen, *sizes: tuple[int, int], between: str = "x") -> None:
    """The sizes the terminal took, handed to ``screen`` before it could handle the first:
    what the app does when the screen is busy opening the question on a loaded machine. A
    key typed meanwhile lies between them in the screen's queue."""
    for i, (width, height) in enumerate(sizes):
        if i:
            screen.post_message(events.Key(between, between))
        size = Size(width, height)
        screen.post_message(events.Resize(size, size, size))


@pytest.mark.parametrize(("small", "size"), [((50, 15), (120, 40)), ((120, 40), (80, 24))])
async def test_a_shrink_and_a_grow_as_the_question_opens_leave_the_app_answering(
    transcriber, tmp_path, small, size
):
    clock = Clock()
    deps = make_deps(transcriber, tmp_path, recorder=False, clock=clock)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_question(pilot, app)
        with unless_frozen(60):
            resized_while_busy(screen, small, size)
            await pilot.pause()
            await until(pilot, lambda: screen.phase == "ready", 60)
            box = screen.query_one("#typed")
            await until(pilot, lambda: box.text == "x", 10)  # the key typed between
            # laid out for the terminal as it is now, not for the size it had a moment ago
            assert screen.size == Size(*size)
            assert screen.has_class("short") == (size[1] < screen.SHORT_ROWS)
            opening = " ".join(screen.session.move.question.split()[:4])
            assert f"Interviewer (Question): {opening}" in flat(on_screen(app))
            await pilot.press(*"yz")
            assert box.text == "xyz"
            clock.now += 3  # the countdown runs from the first key
            want = f"{clock_text(screen.session.budget_s - 3)} left"
            await until(pilot, lambda: want in shown(screen.query_one("#countdown")), 10)
