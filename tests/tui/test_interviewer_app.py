"""The interviewer in the app, typed answers, the real planner and sentence model: a
6-minute question gets the same session as ``thinkaloud practice`` (probes before the
wrap-up, a question answered in the same turn as a probe)."""

from __future__ import annotations

import pytest

from assistant.tui.app import ThinkaloudApp
from tests.cli.test_practice_typed import ADAPTS, BASICS, MODEL_FIRST, SERVING, SUMMARY
from tests.support.app import make_deps, screen_name, type_answer, until
from tests.tui.test_rehearsal import confirm, open_fraud, shown

pytestmark = pytest.mark.model


async def test_a_six_minute_question_probes_twice_before_the_wrap_up(transcriber, tmp_path):
    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_fraud(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        assert "Answer 1 of up to 6" in shown(screen.query_one("#turn"))
        for i, text in enumerate([MODEL_FIRST, BASICS, SERVING, ADAPTS, SUMMARY], start=1):
            await type_answer(pilot, screen, text)
            await until(pilot, lambda i=i: screen.session.answered == i, timeout=60)
            await until(pilot, lambda: screen.phase in ("ready", "done"))
        moves = screen.interview.moves
        await type_answer(pilot, screen, SUMMARY)  # the wrap-up's answer ends the session
        await until(pilot, lambda: screen_name(app) == "ReportScreen", timeout=60)
    kinds = [m.kind for m in moves]
    assert kinds[-1] == "wrap_up" and len(moves) == 5
    before_wrap_up = [m for m in moves[:-1] if m.kind in ("follow_up", "challenge")]
    assert len(before_wrap_up) >= 2
    assert moves[1].answered == "scale" and moves[1].target == "deployment"
    assert "new_constraint" in kinds


async def test_ending_early_still_keeps_what_was_said(transcriber, tmp_path):
    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fraud(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        await type_answer(pilot, screen, MODEL_FIRST)
        await until(pilot, lambda: screen.session.answered == 1, timeout=60)
        await until(pilot, lambda: screen.phase == "ready")
        first = screen.interview.moves[0]
        assert first.kind == "follow_up" and "gradient boosted trees" in first.question
        await pilot.press("escape")
        await confirm(pilot, app)
        await until(pilot, lambda: screen_name(app) == "ReportScreen", timeout=60)
    (row,) = deps.store.sessions()
    assert row.status == "complete" and row.answers == 1
