"""Interview: the question, a countdown, a live level meter and captions, the conversation.

Screens stay thin: recording, transcription, the interviewer and the voice run in thread
workers that call the core and post messages back.
"""

from __future__ import annotations

import threading
import time

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static

from assistant.interview.moves import Move
from assistant.interview.planner import OfflinePlanner
from assistant.interview.practice import session_report
from assistant.interview.session import Interview
from assistant.report import AudioInfo, Report
from assistant.report.format import clock
from assistant.scoring.analyse import Transcribed, analyse, analyse_text
from assistant.scoring.live import LiveTranscription
from assistant.tui.messages import Caption, Level, Notice
from prompts import Question
from speech.recorder import MicrophoneError, block_level
from speech.vad import VadConfig, detect_speech

FOLLOW_UP_BUDGET_S = 120


class Spoken(Message):
    """The interviewer finished speaking a turn."""


class EarlySpeech(Message):
    """The next question's first sentence, while the LLM is still writing the rest."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class AnswerRecorded(Message):
    def __init__(self, live: LiveTranscription | None, path, error: str | None = None) -> None:
        super().__init__()
        self.live, self.path, self.error = live, path, error


class AnswerScored(Message):
    def __init__(
        self, report: Report, transcribed: Transcribed | None, move: Move | None, notice: str | None
    ) -> None:
        super().__init__()
        self.report, self.transcribed, self.move, self.notice = report, transcribed, move, notice


class SessionDone(Message):
    def __init__(self, report: Report, session_id: str | None) -> None:
        super().__init__()
        self.report, self.session_id = report, session_id


class InterviewScreen(Screen):
    CSS_PATH = "interview.tcss"
    BINDINGS = [
        Binding("space", "toggle", "Start/stop answer"),
        Binding("p", "pause", "Pause"),
        Binding("r", "rerecord", "Re-record"),
        Binding("s", "skip", "Skip"),
        Binding("e", "end", "End interview"),
        Binding("m", "mute", "Mute voice"),
    ]

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question
        self.state = "speaking"
        self.answer_index = 0
        self.started_at: float | None = None
        self.paused = threading.Event()
        self.stop = threading.Event()
        self.muted = False
        self.recordings: list[Transcribed] = []
        self.saver = None
        self.current_move: Move | None = None
        self.start_when_said = False
        self.live: LiveTranscription | None = None
        self.early: str | None = None
        """What the voice has already started saying of the next question."""

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(" ".join(self.question.prompt.split()), id="question")
        with Horizontal(id="status"):
            yield Static("", id="state")
            yield Static("", id="who", classes="muted")
            yield Static("", id="countdown")
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="level")
        yield VerticalScroll(id="conversation")
        yield Static("", id="caption", classes="muted")
        yield Input(placeholder="No microphone: type your answer and press Enter", id="typed")
        yield Footer()

    def on_mount(self) -> None:
        deps = self.app.deps
        self.structure = deps.structure_for(self.question)
        planner = OfflinePlanner(self.question, self.structure.rubric)
        self.interview = Interview(planner, deps.interviewer_for(planner), max_moves=3)
        if deps.store is not None:
            from assistant.saving import SessionSaver

            self.saver = SessionSaver(
                deps.store,
                question_id=self.question.id,
                question_title=self.question.title,
                rubric=self.structure.rubric.id,
                interviewer=deps.interviewer_label,
            )
        typed = self.query_one("#typed", Input)
        typed.display = deps.recorder_for is None
        typed.cursor_blink = False
        self.set_interval(0.25, self.tick)
        self.show_interviewer()
        self.say(self.interview.opening())

    def show_interviewer(self) -> None:
        interviewer = self.interview.interviewer
        name = interviewer.name
        if not interviewer.available:
            name = f"offline ({interviewer.name} is unavailable)"
        self.query_one("#who", Static).update(f"Interviewer: {name}")

    # -- the interviewer's turns ----------------------------------------------------------

    def say(self, move: Move) -> None:
        self.current_move = move
        label = "Interviewer" if move.kind == "ask" else f"Interviewer ({move.kind})"
        self.add_line(f"[b cyan]{label}:[/] {move.question}")
        self.set_state("speaking")
        text, early, self.early = move.question, self.early, None
        if early is not None and text.startswith(early):
            text = text[len(early) :].strip()  # the voice has said the start already
        self.speak(text)

    def on_early_speech(self, message: EarlySpeech) -> None:
        """Start saying the next question before the model has finished writing it."""
        if self.muted or self.state != "thinking":
            return
        self.early = message.text
        self.set_state("early")  # like speaking, but the move is not in yet
        self.app.voice.say(message.text, self.voice_failed)

    def speak(self, text: str) -> None:
        """Queue the turn on the app's voice thread; the answer waits until it is said."""
        if self.muted:
            self.post_message(Spoken())
            return

        def done(error: Exception | None) -> None:
            self.voice_failed(error)
            self.post_message(Spoken())

        self.app.voice.say(text, done)

    def voice_failed(self, error: Exception | None) -> None:
        """Called on the voice thread after each piece; no voice: the text is on screen."""
        if error is not None:
            self.post_message(Notice(f"The interviewer's voice is off: {error}", "warning"))
            self.muted = True

    def on_spoken(self, message: Spoken) -> None:
        if self.state == "thinking":  # an answer with no speech: the same turn again
            self.set_state("ready")
            return
        if self.state == "speaking":
            self.set_state("ready")
            if self.start_when_said:
                self.start_when_said = False
                self.start_answer()

    # -- recording ------------------------------------------------------------------------

    def action_toggle(self) -> None:
        if self.app.deps.recorder_for is None:
            return
        if self.state in ("speaking", "early"):  # recording waits until the turn is said
            self.start_when_said = True
            self.set_state(self.state)
        elif self.state == "ready":
            self.start_answer()
        elif self.state == "recording":
            self.stop.set()

    def start_answer(self) -> None:
        self.stop = threading.Event()
        self.paused.clear()
        self.live = LiveTranscription(self.app.deps.transcriber)
        self.started_at = self.now()
        self.set_state("recording")
        self.record()
        self.caption_timer = self.set_interval(2.0, self.caption_tick)

    def now(self) -> float:
        return (self.app.deps.clock or time.monotonic)()

    @work(thread=True, exclusive=True, group="record")
    def record(self) -> None:
        deps = self.app.deps
        live = self.live
        recorder = deps.recorder_for(self.answer_index)
        path = None

        def heard():
            for block in recorder.blocks(self.stop):
                if self.paused.is_set():
                    continue
                live.feed(block)
                self.post_message(Level(min(1.0, block_level(block) * 4)))
                yield block

        try:
            if self.saver is not None:
                path = self.saver.record(self.answer_index, self.current_move, heard())
            else:
                for _ in heard():
                    pass
        except MicrophoneError as exc:
            self.post_message(AnswerRecorded(None, None, str(exc)))
            return
        except OSError as exc:
            self.post_message(AnswerRecorded(None, None, f"recording failed: {exc}"))
            return
        self.post_message(AnswerRecorded(live, path))

    @work(thread=True, exclusive=True, group="caption")
    def caption_tick(self) -> None:
        live = self.live
        if live is not None and self.state == "recording":
            live.step()
            self.post_message(Caption(" ".join(w.text for w in live.words[-40:])))

    def on_level(self, message: Level) -> None:
        self.query_one("#level", ProgressBar).update(progress=message.rms)

    def on_caption(self, message: Caption) -> None:
        self.query_one("#caption", Static).update(message.text)

    def on_answer_recorded(self, message: AnswerRecorded) -> None:
        if hasattr(self, "caption_timer"):
            self.caption_timer.stop()
        self.query_one("#level", ProgressBar).update(progress=0)
        if message.error:
            self.app.notify(
                f"{message.error}. You can type your answer instead.", severity="error", timeout=10
            )
            self.app.deps.recorder_for = None
            self.query_one("#typed", Input).display = True
            self.set_state("ready")
            return
        if self.state == "rerecord":
            self.start_answer()
            return
        self.set_state("thinking")
        self.score_answer(message.live, message.path)

    @work(thread=True, exclusive=True, group="score")
    def score_answer(self, live: LiveTranscription, path) -> None:
        deps = self.app.deps
        words = live.finish()
        if not words:  # nothing heard: ask again rather than judge a silence
            self.post_message(
                Notice(
                    "Nothing was heard in that answer. Check the microphone "
                    "(t on the home screen tests it) and answer again.",
                    "warning",
                )
            )
            self.post_message(Spoken())
            return
        samples = live.samples()
        regions = detect_speech(samples, VadConfig(threshold=deps.settings.vad_threshold))
        info = AudioInfo(
            path=str(path or f"answer-{self.answer_index + 1}"),
            duration_s=round(live.duration_s, 2),
        )
        transcribed = Transcribed(info, words, regions, live.duration_s, deps.transcriber.name)
        budget = self.question.budget_s if self.answer_index == 0 else FOLLOW_UP_BUDGET_S
        report = analyse(
            words,
            regions,
            live.duration_s,
            deps.settings,
            audio=info,
            model=deps.transcriber.name,
            structure=self.structure,
            question=self.question.id,
            budget_s=budget,
        )
        self.finish_answer(report, transcribed)

    def finish_answer(self, report: Report, transcribed: Transcribed | None) -> None:
        """Record the answer and let the interviewer move (on a worker thread)."""
        if self.saver is not None and transcribed is not None:
            self.saver.answered(self.answer_index, report)
        before = len(self.interview.notices)
        move = self.interview.answered(report, lambda text: self.post_message(EarlySpeech(text)))
        notice = self.interview.notices[-1] if len(self.interview.notices) > before else None
        self.post_message(AnswerScored(report, transcribed, move, notice))

    def on_answer_scored(self, message: AnswerScored) -> None:
        if message.transcribed is not None:
            self.recordings.append(message.transcribed)
        text = message.report.transcript.text or "(no speech)"
        self.add_line(f"[b]You:[/] {text}")
        self.query_one("#caption", Static).update("")
        if message.notice:
            self.app.notify(message.notice, severity="warning", timeout=10)
            self.show_interviewer()
        self.answer_index += 1
        if message.move is None:
            self.wrap_up()
        else:
            self.say(message.move)

    # -- typed answers ----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip() or self.state not in ("ready", "speaking"):
            return
        text = event.value
        event.input.value = ""
        self.set_state("thinking")
        self.score_typed(text)

    @work(thread=True, exclusive=True, group="score")
    def score_typed(self, text: str) -> None:
        report = analyse_text(
            text, self.app.deps.settings, structure=self.structure, question=self.question.id
        )
        self.finish_answer(report, None)

    # -- other keys -----------------------------------------------------------------------

    def action_pause(self) -> None:
        if self.state == "recording":
            if self.paused.is_set():
                self.paused.clear()
            else:
                self.paused.set()
            self.set_state("recording")

    def action_rerecord(self) -> None:
        if self.state == "recording":
            self.set_state("rerecord")
            self.stop.set()

    def action_skip(self) -> None:
        if self.state in ("ready", "speaking"):
            self.set_state("thinking")
            self.score_typed("")

    def action_mute(self) -> None:
        self.muted = not self.muted
        self.app.notify("Interviewer voice " + ("muted" if self.muted else "on"))

    def action_end(self) -> None:
        if self.state == "recording":
            self.stop.set()
        self.interview.end()
        self.wrap_up()

    # -- the end ----------------------------------------------------------------------------

    def wrap_up(self) -> None:
        if self.state == "done":
            return
        self.set_state("done")
        self.add_line(f"[b cyan]Interviewer:[/] {self.interview.planner.closing()}")
        self.build_report()

    @work(thread=True, exclusive=True, group="score")
    def build_report(self) -> None:
        self.interview.end()
        report = session_report(
            self.interview, self.recordings, self.app.deps.settings, self.structure
        )
        session_id = self.saver.finish(report) if self.saver is not None else None
        self.post_message(SessionDone(report, session_id))

    def on_session_done(self, message: SessionDone) -> None:
        from assistant.tui.report import ReportScreen

        self.app.switch_screen(ReportScreen(message.report, message.session_id))

    def workers_busy(self) -> bool:
        return any(w.is_running and w.group in ("record", "score") for w in self.workers)

    # -- display ----------------------------------------------------------------------------

    def add_line(self, markup: str) -> None:
        box = self.query_one("#conversation", VerticalScroll)
        box.mount(Static(markup, classes="turn"))
        box.scroll_end(animate=False)

    def set_state(self, state: str) -> None:
        self.state = state
        speaking = "[cyan]Interviewer speaking…[/]" + (
            " (you answer when it finishes)" if self.start_when_said else ""
        )
        labels = {
            "speaking": speaking,
            "early": speaking,
            "ready": "[green]Your turn[/]: press space to start answering",
            "recording": "[red]● Recording[/] (space to stop)"
            + (" [yellow]paused[/]" if self.paused.is_set() else ""),
            "rerecord": "Starting over…",
            "thinking": "Listening back…",
            "done": "Interview over: building your report…",
        }
        self.query_one("#state", Static).update(labels.get(state, state))

    def tick(self) -> None:
        widget = self.query_one("#countdown", Static)
        if self.state != "recording" or self.started_at is None:
            widget.update("")
            return
        budget = self.question.budget_s if self.answer_index == 0 else FOLLOW_UP_BUDGET_S
        left = budget - (self.now() - self.started_at)
        widget.update(f"[red]+{clock(-left)}[/]" if left < 0 else f"{clock(left)} left")
