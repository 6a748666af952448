"""The app with an LLM interviewer in this process: built by the real composition root
(``build_deps``) with ``--llm local/...``, driven by Textual's Pilot."""

from __future__ import annotations

import argparse
import json
import os
import re

import pytest

from assistant.app.context import AppContext
from assistant.app.environment import Environment
from assistant.llm.litellm_chat import LiteLLMChatModel
from assistant.tui.app import ThinkaloudApp
from assistant.tui.launch import build_deps
from tests.support.app import (
    asked_by_llm,
    make_deps,
    open_first_question,
    screen_name,
    type_answer,
    until,
)

pytestmark = [pytest.mark.model, pytest.mark.llm]

WEAK = (
    "I would train an XGBoost model on past transactions with the amount and merchant "
    "as features, and serve it behind an API. We retrain it weekly. We pick the model "
    "with the best accuracy on the test set."
)
"""A model-first answer with a pitfall: the probe challenges it, and the model words it (a
re-anchor on several basics would be said as the planner words it)."""


def app_for(llm: str) -> ThinkaloudApp:
    args = argparse.Namespace(
        config=None, llm=llm, llm_api_base=None, replay=None, mute=True, no_save=True
    )
    deps = build_deps(
        args, AppContext.load(Environment(environ=dict(os.environ)), None, {"llm_model": llm})
    )
    deps.recorder_for = None  # type the answers (this machine may or may not see a mic)
    return ThinkaloudApp(deps)


async def answer_by_typing(pilot, screen, text: str) -> None:
    await until(pilot, lambda: screen.phase == "ready", timeout=120)
    await type_answer(pilot, screen, text)


async def test_a_local_model_loads_in_the_background_and_asks_the_follow_up():
    app = app_for("local/smollm2")
    messages = []
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.ready, timeout=120)
        await until(pilot, lambda: "loaded" in str(app.screen.query_one("#llm").render()), 30)
        label = str(app.screen.query_one("#llm").render())
        assert "local/smollm2 (in this process" in label
        screen = await open_first_question(pilot, app)
        assert "Interviewer: local/smollm2" in str(screen.query_one("#who").render())
        await answer_by_typing(pilot, screen, WEAK)
        await until(pilot, lambda: len(screen.interview.turns) == 2, timeout=180)
        move = screen.interview.turns[1].move
        # the turn is on record before its message reaches the screen (a loaded machine)
        await until(pilot, lambda: any(type(m).__name__ == "AnswerScored" for m in messages), 30)
        scored = [m for m in messages if type(m).__name__ == "AnswerScored"]
        if move.source == "fallback":  # a 135M model may word an unusable move
            assert "not a usable move" in scored[0].answered.notice
        else:
            assert move.source == "llm" and scored[0].answered.notice is None
        assert not screen.interview.interviewer.down


async def test_a_missing_local_model_is_told_and_the_offline_interviewer_asks():
    app = app_for("local/qwen2.5-coder-0.5b")  # the test's models dir is empty
    messages = []
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.ready, timeout=120)
        notices = lambda: [m.text for m in messages if type(m).__name__ == "Notice"]  # noqa: E731
        await until(
            pilot,
            lambda: any("thinkaloud models prepare qwen2.5-coder-0.5b" in n for n in notices()),
            30,
        )
        await until(
            pilot, lambda: "could not be loaded" in str(app.screen.query_one("#llm").render()), 30
        )
        screen = await open_first_question(pilot, app)
        await answer_by_typing(pilot, screen, WEAK)
        await until(pilot, lambda: len(screen.interview.turns) == 2, timeout=120)
        assert screen.interview.turns[1].move.source == "fallback"
        await until(pilot, lambda: "unavailable" in str(screen.query_one("#who").render()), 30)
        assert screen_name(app) == "InterviewScreen"


class EchoesTheSuggestion(LiteLLMChatModel):
    """litellm's mock_response, streamed in small pieces like a real server: the reply
    takes the planner's suggested move and words it in two sentences."""

    def complete(self, messages, **kwargs):
        kind, target = re.search(r"move \(from the rubric analysis\): (\w+) on \"([^\"]+)\"",
                                 messages[-1]["content"]).groups()  # fmt: skip
        reply = {
            "kind": kind,
            "target": target,
            "question": "Let's stay with your design for a moment. What happens next?",
            "why": "the planner's gap",
        }
        self.completion_kwargs["mock_response"] = json.dumps(reply)
        return super().complete(messages, **kwargs)


async def test_the_voice_starts_at_the_first_sentence_of_a_streamed_question(transcriber, tmp_path):
    deps = make_deps(transcriber, tmp_path, recorder=False)
    asked_by_llm(deps, EchoesTheSuggestion("openai/streaming"), 10)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: app.ready)
        await answer_by_typing(pilot, screen, WEAK)
        await until(pilot, lambda: len(screen.interview.turns) == 2, timeout=60)
        await until(pilot, lambda: screen.phase == "ready", timeout=30)
        spoken = deps.speaker.spoken
        assert screen.interview.turns[1].move.source == "llm"
        # said in two parts: the first sentence while the move was still streaming
        assert spoken[-2:] == ["Let's stay with your design for a moment.", "What happens next?"]


async def test_the_state_line_says_the_llm_is_loading_before_it_is_asked(
    transcriber, tmp_path, monkeypatch
):
    """Under tmux at load 32: "The interviewer is thinking…" showed for 30 s against a
    20 s deadline, the request reaching the server 10 s after it showed: litellm was still
    being imported (10-70 s on a busy machine), which comes before the request and its
    deadline. The state line says the LLM is loading until it is, then that it thinks."""
    import threading

    import assistant.llm.litellm_chat as litellm_chat
    from assistant.interview.llm_interviewer import LLMInterviewer

    loading = threading.Event()
    real = litellm_chat._warm_request_path

    def held(*args, **kwargs):  # the import, as slow as a loaded machine makes it
        loading.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(litellm_chat, "_warm_request_path", held)
    chat = EchoesTheSuggestion("openai/loading")
    deps = make_deps(transcriber, tmp_path, recorder=False)
    deps.interviewer_for = lambda planner: LLMInterviewer(chat, planner, timeout_s=10)
    deps.llm = chat  # not warmed: the first move's request loads it
    app = ThinkaloudApp(deps)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_first_question(pilot, app)
            await answer_by_typing(pilot, screen, WEAK)
            state = lambda: str(screen.query_one("#state").render())  # noqa: E731
            await until(pilot, lambda: "Loading the LLM interviewer…" in state(), timeout=60)
            assert not chat.ready and screen.session.deciding
            loading.set()
            await until(pilot, lambda: len(screen.interview.turns) == 2, timeout=60)
            assert screen.interview.turns[1].move.source == "llm"
    finally:
        loading.set()
