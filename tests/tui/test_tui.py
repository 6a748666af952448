"""The Textual app driven by its Pilot: a whole interview answered by replayed recordings,
with the real bundled transcriber and the offline interviewer."""

from __future__ import annotations

import re

import pytest

from assistant.tui.app import ThinkaloudApp
from speech.recorder import FileReplayRecorder
from tests.support.app import (
    asked_by_llm,
    make_deps,
    noticed,
    open_first_question,
    screen_name,
    type_answer,
    until,
)
from tests.support.reports import flat, on_screen, save, shown, typed_report

pytestmark = pytest.mark.model


async def test_a_whole_interview_with_replayed_answers(transcriber, tmp_path):
    deps = make_deps(transcriber, tmp_path)
    messages = []
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40), message_hook=messages.append) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await pilot.press("/")
        await pilot.press(*"fraud")
        await pilot.press("tab", "tab", "tab")  # back to the question list
        app.screen.query_one("#questions").focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "InterviewScreen")
        interview = app.screen
        assert interview.question.id == "fraud-detection"
        for _ in range(2):
            await until(pilot, lambda: interview.phase == "ready")
            await pilot.press("space")
            await until(
                pilot,
                lambda: (
                    interview.phase in ("speaking", "ready", "done")
                    and not interview.workers_busy()
                ),
            )
        await pilot.press("e")
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await until(pilot, lambda: screen_name(app) == "ReportScreen", timeout=60)
        report = app.screen.report
        turns = report.interview.turns
        # the first answer asks "can I assume this runs in real time?": answered from the
        # facts in one line, and the same turn goes on to probe
        assert (turns[0].move, turns[0].target) == ("ask", "fraud-detection")
        assert "latency" in turns[1].answered.split("+")
        assert turns[1].move in ("follow_up", "challenge")
        assert "150 ms" in turns[1].question.split(". ")[1]  # right after "Sure."
        assert len(turns) == 3 and turns[2].answer is None  # ended before answering it
        assert turns[0].answer.transcript.text.lower().startswith("okay")
        # the two sample answers together describe most of a design, some of it only named
        covered = [s.id for s in report.structure.stages if s.covered]
        print("session structure", report.structure.score, covered)
        assert report.structure.score >= 35 and len(covered) >= 6
        kinds = {type(m).__name__ for m in messages}
        assert {"Level", "AnswerRecorded", "AnswerScored", "SessionDone"} <= kinds
        # choosing a feedback item with a timed quote plays the audio from that moment
        feedback = app.screen.query_one("#feedback")
        timed = next(
            i for i, f in enumerate(report.feedback) if f.evidence and f.evidence.start is not None
        )
        feedback.focus()
        feedback.index = timed
        await pilot.press("enter")
        await until(pilot, lambda: deps.player.played, 30)
        assert deps.player.played[0][0].exists()
    (row,) = deps.store.sessions()
    assert row.status == "complete" and row.answers == 2
    assert row.interviewer == "offline"  # what the session used, not the screen's label


async def test_without_a_microphone_answers_are_typed(transcriber, tmp_path):
    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_first_question(pilot, app)
        assert screen.query_one("#typed").display
        await until(pilot, lambda: screen.phase == "ready")
        await type_answer(pilot, screen, "I would use xgboost. It is, like, fast.")
        await until(pilot, lambda: len(screen.interview.turns) == 2)
        assert screen.interview.turns[0].answer.fillers.count == 1


@pytest.mark.parametrize("mic", [True, False], ids=["microphone", "none"])
async def test_home_offers_a_microphone_test_only_with_a_microphone(transcriber, tmp_path, mic):
    """With no microphone, "t Test mic" only said there was none to test, and an empty
    level bar sat under "Microphone: none found"."""
    deps = make_deps(transcriber, tmp_path, recorder=mic)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen" and app.ready)
        await pilot.pause(0.2)
        footer = on_screen(app).splitlines()[-1]
        assert ("Test mic" in footer) is mic
        assert app.screen.query_one("#mic-level").display is mic
        # nor does the help list it (under tmux it did, with the footer rightly without it)
        await pilot.press("question_mark")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        assert ("Test mic" in str(app.screen.query_one("#keys").render())) is mic


async def test_answering_from_recordings_offers_no_microphone_test(transcriber, tmp_path):
    """With --replay, "t Test mic" played the first recording and said "Microphone test:
    good level" on a machine with no microphone at all. No microphone is in use then:
    the test is not offered (footer, help, level bar), and t says nothing of a level."""
    from tests.support.app import SAMPLES

    deps = make_deps(transcriber, tmp_path)  # answers from recordings, as --replay does
    deps.replay = list(SAMPLES)
    messages = []
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen" and app.ready)
        await pilot.pause(0.2)
        assert "Test mic" not in on_screen(app).splitlines()[-1]
        assert not app.screen.query_one("#mic-level").display
        await pilot.press("t")
        await pilot.pause(3)  # the test listened for two seconds
        said = [str(m.notification.message) for m in messages if type(m).__name__ == "Notify"]
        assert not any("Microphone test" in m for m in said), said
        await pilot.press("question_mark")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        assert "Test mic" not in str(app.screen.query_one("#keys").render())


async def test_help_opened_while_the_microphone_is_looked_for_drops_the_test_once_none_is_found(
    transcriber, tmp_path
):
    """Help pressed in the first seconds listed "t Test mic" and kept it after the search
    found no microphone (the footer rightly dropped it)."""
    import threading

    deps = make_deps(transcriber, tmp_path, recorder=False)
    deps.audio_ready = threading.Event()
    go = threading.Event()

    def find_audio() -> None:  # as the app's own search: the microphone comes first
        go.wait(30)
        deps.audio_ready.set()

    deps.warm_up = [find_audio, *deps.warm_up]
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await pilot.press("question_mark")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        help_keys = app.screen.query_one("#keys")
        assert "Test mic" in str(help_keys.render())  # still looking: t says so
        go.set()
        await until(pilot, lambda: app.ready)
        await pilot.pause(0.2)
        assert "Test mic" not in str(help_keys.render())
        assert "Escape closes this help" in str(help_keys.render())


@pytest.mark.parametrize("downloads", ["missing", "not a folder"])
async def test_the_palettes_screenshot_is_saved_and_says_where(
    transcriber, tmp_path, monkeypatch, downloads
):
    """With no ~/Downloads the palette's "Screenshot" said only "Failed to save
    screenshot": the folder is made, and where it cannot be, the data folder is used."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    if downloads == "not a folder":
        (home / "Downloads").write_text("a file where the folder should be")
    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"screenshot")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: any("Screenshot" in n.message for n in app._notifications))
        (notice,) = [n.message for n in app._notifications if "Screenshot" in n.message]
    folder = home / "Downloads" if downloads == "missing" else tmp_path / "data" / "screenshots"
    (saved,) = folder.glob("*.svg")
    assert saved.read_text(encoding="utf-8").startswith("<svg")
    assert notice == f"Screenshot saved: {saved}"


async def test_an_unreachable_llm_falls_back_with_a_notice(transcriber, tmp_path):
    from assistant.llm.litellm_chat import LiteLLMChatModel
    from assistant.practice.exporting import to_markdown

    deps = make_deps(transcriber, tmp_path, recorder=False)
    asked_by_llm(deps, LiteLLMChatModel("openai/local", api_base="http://127.0.0.1:9/v1"), 3)
    messages = []
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40), message_hook=messages.append) as pilot:
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready" and app.ready)
        await type_answer(
            pilot, screen, "I would train a gradient boosted model on historical clicks."
        )
        # the next turn is on record a moment before the app hears the answer was scored
        await until(pilot, lambda: any(type(m).__name__ == "AnswerScored" for m in messages))
        await until(pilot, lambda: len(screen.interview.turns) == 2, timeout=60)
        scored = [m for m in messages if type(m).__name__ == "AnswerScored"]
        assert "could not be used" in scored[0].answered.notice
        # said in the conversation, above the question it is about (a toast covered it)
        lines = [str(turn.render()) for turn in screen.query(".turn")]
        assert any(line.startswith("Note: The LLM interviewer") for line in lines), lines
        assert not any("could not be used" in n.message for n in app._notifications)
        assert screen.interview.turns[1].move.source == "fallback"
        assert screen.phase in ("speaking", "ready")  # the interview goes on
        # the line under the conversation says so whole, at 80x24 too ("· voice" was cut)
        line = screen.query_one("#who")
        who = "Interviewer: offline (openai/local unavailable) · voice on"
        await until(pilot, lambda: shown(line).strip() == who)
        await pilot.resize_terminal(80, 24)
        short = "Interviewer: offline (LLM unavailable) · voice on"
        await until(pilot, lambda: shown(line).strip() == short)
        await pilot.resize_terminal(110, 40)
        await until(pilot, lambda: shown(line).strip() == who)
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("y")
        await until(pilot, lambda: screen_name(app) == "ReportScreen", timeout=60)
        # the report named only the LLM, as if it had asked every question; then, as if
        # it had asked the first ("then offline from question 2 of 2")
        said = "interviewer: offline; openai/local asked no question"
        await until(pilot, lambda: said in on_screen(app))
        markdown = to_markdown(app.screen.report)
        assert "**Interviewer:** offline; openai/local asked no question" in markdown


async def test_an_llm_server_that_does_not_stream_is_used_in_the_app(transcriber, tmp_path):
    """A minimal OpenAI-compatible server answers the app's streamed request with one
    plain JSON body: the app said "its server sent no reply text" and went offline,
    where ``practice`` used the same server. Its question is asked, with no notice."""
    from assistant.llm.litellm_chat import LiteLLMChatModel
    from tests.support.openai_server import GOOD, FakeOpenAI, serving

    with serving(["plain"] * 20) as url:
        deps = make_deps(transcriber, tmp_path, recorder=False)
        asked_by_llm(deps, LiteLLMChatModel("openai/local", api_base=url), 60)
        messages = []
        app = ThinkaloudApp(deps)
        async with app.run_test(size=(110, 40), message_hook=messages.append) as pilot:
            screen = await open_first_question(pilot, app)
            await until(pilot, lambda: screen.phase == "ready" and app.ready)
            await type_answer(
                pilot, screen, "I would train a gradient boosted model on historical clicks."
            )
            await until(pilot, lambda: len(screen.interview.turns) == 2, timeout=90)
            move = screen.interview.turns[1].move
            assert (move.source, move.question) == ("llm", GOOD["question"])
            assert FakeOpenAI.requests[0].get("stream") is True  # the app's path streams
            await until(pilot, lambda: GOOD["question"] in on_screen(app))
            assert "could not be used" not in on_screen(app)
            scored = [m for m in messages if type(m).__name__ == "AnswerScored"]
            assert not scored[0].answered.notice


async def test_ending_while_the_llm_interviewer_thinks_shows_the_report_now(transcriber, tmp_path):
    """Escape, End, while an LLM interviewer that never answers decides its next move:
    the report comes at once, with the answer that was given and without a follow-up
    the candidate never saw ("You: (no answer)" under it)."""
    from assistant.llm.litellm_chat import LiteLLMChatModel
    from tests.support.openai_server import FakeOpenAI, serving

    with serving(["hang"] * 20) as url:
        deps = make_deps(transcriber, tmp_path, recorder=False)
        asked_by_llm(deps, LiteLLMChatModel("openai/local", api_base=url), 300)
        app = ThinkaloudApp(deps)
        async with app.run_test(size=(110, 40)) as pilot:
            screen = await open_first_question(pilot, app)
            await until(pilot, lambda: screen.phase == "ready" and app.ready)
            await type_answer(pilot, screen, "I would first ask who pays for a missed fraud.")
            await until(pilot, lambda: screen.session.deciding and FakeOpenAI.requests)
            # the answer is in the conversation while the interviewer thinks (it vanished
            # until the next question came, up to the LLM's deadline)
            await until(pilot, lambda: "You: I would first ask who pays" in on_screen(app))
            # the answer is read: it is the LLM that is taking its time ("Reading your
            # answer…" stayed up for as long as it thought)
            await until(pilot, lambda: "The interviewer is thinking…" in on_screen(app))
            await pilot.press("escape")
            await until(pilot, lambda: screen_name(app) == "ConfirmScreen")
            await pilot.press("y")
            await until(pilot, lambda: screen_name(app) == "ReportScreen", timeout=30)
            assert not FakeOpenAI.stop.is_set()  # the LLM has still not answered
            report = app.screen.report
            assert [t.answer is not None for t in report.interview.turns] == [True]
            assert "missed fraud" in report.transcript.text
        (row,) = deps.store.sessions()
        assert row.status == "complete" and row.answers == 1


async def test_a_model_that_fails_to_load_is_told_not_crashed(transcriber, tmp_path):
    from speech.errors import ModelError

    deps = make_deps(transcriber, tmp_path)

    def broken():
        raise ModelError("speech model small.en failed to load: bad file")

    deps.warm_up = [broken]
    messages = []
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40), message_hook=messages.append) as pilot:
        await until(pilot, lambda: app.ready)
        notices = lambda: [m.text for m in messages if type(m).__name__ == "Notice"]  # noqa: E731
        await until(pilot, lambda: any("failed to load" in n for n in notices()), 30)
        assert screen_name(app) == "HomeScreen"


async def test_microphone_level_test_and_llm_reachability(transcriber, tmp_path):
    import threading
    from http.server import ThreadingHTTPServer

    from tests.support.openai_server import FakeOpenAI

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    deps = make_deps(transcriber, tmp_path)
    deps.llm_endpoint = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    app = ThinkaloudApp(deps)
    try:
        async with app.run_test(size=(110, 40)) as pilot:
            await until(pilot, lambda: screen_name(app) == "HomeScreen")
            home = app.screen
            label = home.query_one("#llm")
            await until(pilot, lambda: "reachable" in str(label.render()))
            assert "not reachable" not in str(label.render())
            await pilot.press("t")
            await until(pilot, lambda: getattr(home, "peak", None) is not None)
            assert home.peak > 0.02  # the replayed answer has a healthy level
    finally:
        httpd.shutdown()
    deps = make_deps(transcriber, tmp_path / "b")
    deps.llm_endpoint = "http://127.0.0.1:9/v1"
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        label = app.screen.query_one("#llm")
        await until(pilot, lambda: "not reachable" in str(label.render()))
        await until(pilot, lambda: app.ready)
        app.show_interviewer()  # what the warm-up does when a model has loaded
        await pilot.pause(0.1)
        assert "not reachable" in str(label.render())  # the check's verdict stays


@pytest.mark.parametrize("replayed", [False, True], ids=["microphone", "--replay"])
async def test_a_silent_answer_is_asked_again_not_judged(transcriber, tmp_path, replayed):
    """With a microphone, check it; with --replay, the advice names the recording (it said
    to check the microphone) and, when it was the last, says none is left to play."""
    import numpy as np

    from tests.support.audio import write_wav

    quiet = tmp_path / "quiet.wav"
    write_wav(quiet, np.random.default_rng(0).standard_normal(16000 * 3) * 0.001)
    deps = make_deps(transcriber, tmp_path)
    deps.recorder_for = lambda i: FileReplayRecorder(quiet, realtime=False)
    deps.replay = [quiet] if replayed else []
    deps.answers_available = 1 if replayed else None
    advice = "Check the microphone"
    if replayed:
        advice = "Nothing was heard in quiet.wav, and no recording is left to play"
    messages = []
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40), message_hook=messages.append) as pilot:
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        await pilot.press("space")
        await until(
            pilot,
            lambda: noticed(messages, advice),
        )
        await until(pilot, lambda: screen.phase == "ready")
        assert len(screen.interview.turns) == 1 and screen.interview.turns[0].answer is None
        if replayed:  # played: not again
            await pilot.press("space")
            await pilot.pause(0.2)
            assert screen.phase == "ready"
            assert any("No recording is left" in n.message for n in app._notifications)


async def test_a_question_of_your_own_with_square_brackets(transcriber, tmp_path, monkeypatch):
    """Titles and topics are the user's own text, not markup: "[v2]" stays in the list, and
    "[/b]" or "[/i]" stops neither the app, the topic picker nor the command palette,
    which can start the question."""
    from importlib.resources import files

    from prompts import load_questions

    monkeypatch.setenv("THINKALOUD_CONFIG_DIR", str(tmp_path / "config"))
    mine = tmp_path / "config" / "questions"  # where the app finds them
    mine.mkdir(parents=True)
    text = (files("prompts") / "questions" / "search-ranking.toml").read_text()
    text = text.replace('id = "search-ranking"', 'id = "my-ranking"', 1)
    text = re.sub(r"(?m)^title = .*$", 'title = "Ranking [v2] for search [/b]"', text, count=1)
    text = re.sub(r"(?m)^topic = .*$", 'topic = "search [/i]"', text, count=1)
    (mine / "my-ranking.toml").write_text(text)
    deps = make_deps(transcriber, tmp_path, recorder=False)
    deps.questions = load_questions([mine])
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        table = app.screen.query_one("#questions")
        row = table.get_row("my-ranking")
        assert [str(c) for c in row[:2]] == ["Ranking [v2] for search [/b]", "search [/i]"]
        topic = app.screen.query_one("#topic")
        topic.focus()
        await pilot.press("enter")  # the picker's list of topics opens
        await pilot.pause(0.3)
        await pilot.press("escape")
        topic.value = "search [/i]"
        await pilot.pause(0.3)
        assert table.row_count == 1
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"v2")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "InterviewScreen")
        assert app.screen.question.id == "my-ranking"


async def test_a_narrow_terminal_shows_each_questions_level_and_time(transcriber, tmp_path):
    """80 columns: the list drops its topic (said in the details beside it) and cuts long
    titles, so every question's level and time fit; wider, the topic comes back, on the
    question that was highlighted."""
    deps = make_deps(transcriber, tmp_path, recorder=False)
    report = typed_report()
    save(deps.store, report, created_at="2026-11-03T20:00:00")
    score = str(report.structure.score)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        home = app.screen
        table = home.query_one("#questions")
        recent = home.query_one("#recent")
        # the recent session beside the list: its day, its question cut to fit, its score
        assert [str(c.label) for c in recent.columns.values()] == ["day", "question", "score"]
        assert [str(c) for c in recent.get_row_at(0)] == ["11-03", "fraud-detec…", score]
        assert sum(c.get_render_width(recent) for c in recent.columns.values()) <= (
            recent.scrollable_content_region.width
        )
        await pilot.press("down", "down")
        await pilot.pause()
        chosen = home.selected()

        def fits() -> bool:
            used = sum(c.get_render_width(table) for c in table.columns.values())
            return used <= table.scrollable_content_region.width

        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["question", "level", "time"]
        assert fits()
        titles = [str(table.get_row(q.id)[0]) for q in home.visible()]
        assert any(t.endswith("…") for t in titles)  # "Anomaly detection on busine…"
        lines = on_screen(app).splitlines()
        for title in titles[:10]:  # the rows in sight end with their level and time
            (line,) = [x for x in lines if x.startswith(" " + title + " ")]
            assert re.search(r"(easy|medium|hard)\s+\d+(:\d\d)? min\s", line), line
        detail = flat(shown(home.query_one("#detail")))
        assert chosen.title in detail and f"{chosen.topic} · {chosen.difficulty} ·" in detail
        # the microphone and interviewer lines beside the list are below the fold: the
        # line under the list says them in short
        assert " no mic: answers typed · offline interviewer " in on_screen(app)
        await pilot.resize_terminal(130, 40)
        await until(pilot, lambda: len(table.columns) == 4)
        assert [str(c.label) for c in table.columns.values()] == [
            "question",
            "topic",
            "level",
            "time",
        ]
        assert home.selected() is chosen and fits()
        assert all(str(table.get_row(q.id)[0]) == q.title for q in home.visible())
        for width in (110, 120):  # the time was pushed out ("7 mi") with every title whole
            await pilot.resize_terminal(width, 40)
            await pilot.pause(0.3)
            assert len(table.columns) == 4 and fits(), width
            assert re.search(r"\d+(:\d\d)? min\s", on_screen(app).splitlines()[5]), width
        await pilot.resize_terminal(130, 40)
        await pilot.pause(0.3)
        await until(pilot, lambda: len(recent.columns) == 4)
        assert [str(c) for c in recent.get_row_at(0)] == [
            "11-03 20:00",
            "fraud-detection",
            "—",
            score,
        ]
        await pilot.pause(0.3)  # drawn at the new width: every column wide enough
        assert re.search(rf"11-03 20:00 +fraud-detection +— +{score}\b", on_screen(app))
        assert "↑↓ choose · Enter start" in on_screen(app)


def _drawn_in(app, region) -> list[str]:
    """The lines of the terminal inside ``region``, as the user sees them."""
    lines = on_screen(app).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right] for line in lines]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_pickers_name_each_topic_and_rubric_whole(transcriber, tmp_path, size):
    """At 80x24 the topic picker broke names mid-word ("behaviour" over "al", the rest
    written over its border once chosen), and the rubric picker listed ids
    ("behavioral-star", "general") where the report says "Behavioural story (STAR)" and
    "Timed explanation": each rubric is named by its title, the details too, and every
    name stands whole on one line, in the open list and once chosen."""
    from textual.widgets._select import SelectCurrent, SelectOverlay

    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        home = app.screen
        topics = sorted({q.topic for q in deps.questions.values()})
        rubrics = {
            "Behavioural story (STAR)": "behavioral-star",
            "ML system design": "ml-system-design",
            "Timed explanation": "general",
        }
        for picker_id, names in (("#topic", {t: t for t in topics}), ("#rubric", rubrics)):
            picker = home.query_one(picker_id)
            picker.focus()
            await pilot.press("enter")  # the list opens
            overlay = picker.query_one(SelectOverlay)
            await until(pilot, lambda overlay=overlay: overlay.display and overlay.region)
            await pilot.pause(0.2)
            listed = _drawn_in(app, overlay.region)
            seen = [n for n in names if any(f" {n} " in line for line in listed)]
            assert len(seen) >= min(len(names), 8), (picker_id, listed)
            await pilot.press("escape")
            for name, value in names.items():
                picker.value = value
                await pilot.pause(0.05)
                drawn = _drawn_in(app, picker.query_one(SelectCurrent).region)
                assert any(f" {name} " in line for line in drawn), (name, drawn)
            picker.clear()
        picker.value = "general"  # the rubric of the explanation questions
        await pilot.pause(0.1)
        chosen = home.selected()
        assert chosen.rubric == "general"
        assert "Timed explanation" in flat(shown(home.query_one("#detail")))


@pytest.mark.parametrize("size", [(60, 20), (50, 15)])
async def test_a_short_terminal_keeps_the_newest_question_and_the_answer_box(
    transcriber, tmp_path, size
):
    """At 60x20 the interviewer's newest question was off the screen, and at 50x15 the
    answer box too (typing went in blind): the question's box gives way, and the
    conversation shows its newest turn."""
    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        await type_answer(pilot, screen, "I would use xgboost on the payment history.")
        await until(pilot, lambda: screen.phase == "ready" and len(screen.interview.turns) == 2)
        await pilot.pause(0.3)
        shown = app.screen.region
        box = screen.query_one("#typed")
        assert box.display and shown.contains_region(box.region) and box.region.height >= 3
        conversation = screen.query_one("#conversation")
        newest = list(conversation.children)[-1]
        assert "Interviewer" in str(newest.render())
        visible = conversation.region.intersection(newest.region)
        assert visible.height >= min(newest.region.height, conversation.region.height)


async def test_a_question_file_left_out_is_said_on_the_home_screen(transcriber, tmp_path):
    """A half-written question file of the user's own no longer stops the app: it is
    left out of the list, and the home screen says which and why."""
    deps = make_deps(transcriber, tmp_path, recorder=False)
    deps.startup_notices = ["Left out /x/questions/draft.toml: prompt: Field required"]
    app = ThinkaloudApp(deps)
    async with app.run_test(size=(110, 40)) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        notices = lambda: [n.message for n in app._notifications]  # noqa: E731
        await until(pilot, lambda: any("draft.toml" in n for n in notices()))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_question_file_left_out_is_said_on_home_only(transcriber, tmp_path, size):
    """The warning about a broken question file of the user's own followed them into the
    interview for its 20 s: at 80x24 it sat over the interviewer's question and over the
    "Skip the question?" buttons, and came back over Home after it. It is Home's: gone
    when a question opens (or a dialog is asked), and not said again after. Typed
    before the app had drawn Home, the keys that open a question leave it for Home too."""
    deps = make_deps(transcriber, tmp_path, recorder=False)
    problem = (
        "Left out /x/questions/draft.toml: prompt: Field required; rubric: Field required; "
        "topic: Field required; difficulty: Field required; budget_s: Field required"
    )
    deps.startup_notices = [problem]
    app = ThinkaloudApp(deps)
    warned = lambda: "draft.toml" in on_screen(app)  # noqa: E731
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await until(pilot, warned, 10)
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        await pilot.pause(0.5)
        assert not warned()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.pause(0.5)
        assert not warned()
        await pilot.press("n", "escape", "y")  # no skip; end: nothing answered, nothing kept
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await pilot.pause(0.5)
        assert not warned()  # said once, on Home


async def test_a_question_file_left_out_waits_for_home(transcriber, tmp_path):
    """Keys typed as the app starts ("/eta", Enter, Enter) can open a question before
    the app's first frame has said anything: the warning is then said once Home is back,
    not over the question."""
    deps = make_deps(transcriber, tmp_path, recorder=False)
    app = ThinkaloudApp(deps)
    warned = lambda: "draft.toml" in on_screen(app)  # noqa: E731
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        deps.startup_notices = ["Left out /x/questions/draft.toml: prompt: Field required"]
        app.say_startup_notices()  # as when the first frame comes after the keys
        await pilot.pause(0.5)
        assert not warned()
        await pilot.press("escape", "y")
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await until(pilot, warned, 10)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_ctrl_c_in_a_dialog_says_how_to_quit(transcriber, tmp_path, size):
    """Ctrl+C pressed by habit while the keys (F1) or a confirmation (Escape: "End the
    interview?") were open showed nothing at all: those dialogs kept the app's keys from
    it. The hint is shown over them, whole, as over any other screen."""
    from tests.support.app import Clock

    clock = Clock()
    app = ThinkaloudApp(make_deps(transcriber, tmp_path, recorder=False, clock=clock))
    hint = "Press Ctrl+Q to quit the app."

    async def ctrl_c_shows_the_hint(where: str) -> None:
        clock.now += 10  # the hint before has gone
        app.clear_notifications()
        await pilot.press("ctrl+c")
        await until(pilot, lambda: hint in on_screen(app), 5)
        assert screen_name(app) == where
        assert "Do you want to quit?" in on_screen(app)

    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: screen_name(app) == "HomeScreen")
        await ctrl_c_shows_the_hint("HomeScreen")
        await pilot.press("f1")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        await ctrl_c_shows_the_hint("HelpScreen")
        await pilot.press("escape")
        screen = await open_first_question(pilot, app)
        await until(pilot, lambda: screen.phase == "ready")
        await ctrl_c_shows_the_hint("InterviewScreen")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await ctrl_c_shows_the_hint("ConfirmScreen")
        await pilot.press("n")  # the hint answered nothing: the confirmation still asks
        await until(pilot, lambda: screen_name(app) == "InterviewScreen")
        await pilot.press("ctrl+p")  # the palette: Ctrl+C closes it and says the same
        await until(pilot, lambda: app.screen.has_class("--textual-command-palette"))
        await ctrl_c_shows_the_hint("InterviewScreen")


async def test_ctrl_c_pressed_again_does_not_stack_the_same_hint(transcriber, tmp_path):
    """Ctrl+C pressed twice by habit (under tmux, on Home, the interview and the report)
    stacked two identical "Press Ctrl+Q to quit the app." notices; the hint is shown once
    while it is on screen, and again once it has gone."""
    from tests.support.app import Clock

    clock = Clock()
    deps = make_deps(transcriber, tmp_path, clock=clock)
    messages = []
    app = ThinkaloudApp(deps)

    def hints() -> int:
        return sum(
            1
            for m in messages
            if type(m).__name__ == "Notify" and "Ctrl+Q" in str(m.notification.message)
        )

    async with app.run_test(size=(110, 40), message_hook=messages.append) as pilot:
        await pilot.press("ctrl+c", "ctrl+c")
        await pilot.pause(0.2)
        assert hints() == 1
        clock.now += 10  # the first hint has gone
        await pilot.press("ctrl+c")
        await pilot.pause(0.2)
        assert hints() == 2
