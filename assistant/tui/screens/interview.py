"""Interview: the question, a countdown, a live level meter and captions, the conversation.

The screen is a view of a :class:`~assistant.practice.session.PracticeSession`: it keeps
a :class:`Phase` and its widgets, and runs the session's calls (recording, transcription,
the interviewer, the voice) in thread workers that post messages back.
"""

from __future__ import annotations

import threading
import time
from enum import StrEnum

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static

from assistant.interview.moves import Move
from assistant.practice.session import Answered, Ended, PracticeSession
from assistant.report.format import clock
from assistant.scoring.live import LiveTranscription
from assistant.tui.messages import Caption, Level, Notice
from prompts import Question
from speech.recorder import MicrophoneError, block_level

APP_MAX_MOVES = 3
"""Interviewer moves in an app session: the wrap-up is the last."""


class Phase(StrEnum):
    SPEAKING = "speaking"
    """The interviewer is saying its turn; the answer waits until it is said."""
    EARLY = "early"
    """Saying the first sentence of a move the LLM is still writing."""
    READY = "ready"
    """The candidate's turn."""
    RECORDING = "recording"
    RERECORD = "rerecord"
    """Recording stops, then starts again from nothing."""
    THINKING = "thinking"
    """The answer is being transcribed and judged, and the next move chosen."""
    DONE = "done"


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
    def __init__(self, answered: Answered) -> None:
        super().__init__()
        self.answered = answered


class SessionDone(Message):
    def __init__(self, ended: Ended) -> None:
        super().__init__()
        self.ended = ended


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
        self.phase = Phase.SPEAKING
        self.started_at: float | None = None
        self.paused = threading.Event()
        self.stop = threading.Event()
        self.muted = False
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
        self.session = PracticeSession.start(
            self.question,
            deps.structure_for(self.question),
            interviewer_for=deps.interviewer_for,
            transcriber=deps.transcriber,
            settings=deps.settings,
            store=deps.store,
            max_moves=APP_MAX_MOVES,
        )
        typed = self.query_one("#typed", Input)
        typed.display = deps.recorder_for is None
        typed.cursor_blink = False
        self.set_interval(0.25, self.tick)
        self.show_interviewer()
        self.say(self.session.opening())

    @property
    def interview(self):
        return self.session.interview

    def show_interviewer(self) -> None:
        interviewer = self.session.interviewer
        name = interviewer.name
        if not interviewer.available:
            name = f"offline ({interviewer.name} is unavailable)"
        self.query_one("#who", Static).update(f"Interviewer: {name}")

    # -- the interviewer's turns ----------------------------------------------------------

    def say(self, move: Move) -> None:
        label = "Interviewer" if move.kind == "ask" else f"Interviewer ({move.kind})"
        self.add_line(f"[b cyan]{label}:[/] {move.question}")
        self.set_phase(Phase.SPEAKING)
        text, early, self.early = move.question, self.early, None
        if early is not None and text.startswith(early):
            text = text[len(early) :].strip()  # the voice has said the start already
        self.speak(text)

    def on_early_speech(self, message: EarlySpeech) -> None:
        """Start saying the next question before the model has finished writing it."""
        if self.muted or self.phase != Phase.THINKING:
            return
        self.early = message.text
        self.set_phase(Phase.EARLY)  # like speaking, but the move is not in yet
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
        if self.phase == Phase.THINKING:  # an answer with no speech: the same turn again
            self.set_phase(Phase.READY)
            return
        if self.phase == Phase.SPEAKING:
            self.set_phase(Phase.READY)
            if self.start_when_said:
                self.start_when_said = False
                self.start_answer()

    # -- recording ------------------------------------------------------------------------

    def action_toggle(self) -> None:
        if self.app.deps.recorder_for is None:
            return
        if self.phase in (Phase.SPEAKING, Phase.EARLY):  # recording waits until it is said
            self.start_when_said = True
            self.set_phase(self.phase)
        elif self.phase == Phase.READY:
            self.start_answer()
        elif self.phase == Phase.RECORDING:
            self.stop.set()

    def start_answer(self) -> None:
        self.stop = threading.Event()
        self.paused.clear()
        self.live = self.session.live_transcription()
        self.started_at = self.now()
        self.set_phase(Phase.RECORDING)
        self.record()
        self.caption_timer = self.set_interval(2.0, self.caption_tick)

    def now(self) -> float:
        return (self.app.deps.clock or time.monotonic)()

    @work(thread=True, exclusive=True, group="record")
    def record(self) -> None:
        live = self.live
        recorder = self.app.deps.recorder_for(self.session.index)

        def heard():
            for block in recorder.blocks(self.stop):
                if self.paused.is_set():
                    continue
                live.feed(block)
                self.post_message(Level(min(1.0, block_level(block) * 4)))
                yield block

        try:
            path = self.session.record(heard())
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
        if live is not None and self.phase == Phase.RECORDING:
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
            self.set_phase(Phase.READY)
            return
        if self.phase == Phase.RERECORD:
            self.start_answer()
            return
        self.set_phase(Phase.THINKING)
        self.score_answer(message.live, message.path)

    def speak_early(self, text: str) -> None:
        """Handed to the interviewer: called on a worker thread with a first sentence."""
        self.post_message(EarlySpeech(text))

    @work(thread=True, exclusive=True, group="score")
    def score_answer(self, live: LiveTranscription, path) -> None:
        answered = self.session.answer_live(live, path, self.speak_early)
        if not answered.heard:  # nothing heard: ask again rather than judge a silence
            self.post_message(
                Notice(
                    "Nothing was heard in that answer. Check the microphone "
                    "(t on the home screen tests it) and answer again.",
                    "warning",
                )
            )
            self.post_message(Spoken())
            return
        self.post_message(AnswerScored(answered))

    def on_answer_scored(self, message: AnswerScored) -> None:
        answered = message.answered
        text = answered.report.transcript.text or "(no speech)"
        self.add_line(f"[b]You:[/] {text}")
        self.query_one("#caption", Static).update("")
        if answered.notice:
            self.app.notify(answered.notice, severity="warning", timeout=10)
            self.show_interviewer()
        if answered.move is None:
            self.wrap_up()
        else:
            self.say(answered.move)

    # -- typed answers ----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip() or self.phase not in (Phase.READY, Phase.SPEAKING):
            return
        text = event.value
        event.input.value = ""
        self.set_phase(Phase.THINKING)
        self.score_typed(text)

    @work(thread=True, exclusive=True, group="score")
    def score_typed(self, text: str) -> None:
        self.post_message(AnswerScored(self.session.answer_text(text, self.speak_early)))

    # -- other keys -----------------------------------------------------------------------

    def action_pause(self) -> None:
        if self.phase == Phase.RECORDING:
            if self.paused.is_set():
                self.paused.clear()
            else:
                self.paused.set()
            self.set_phase(Phase.RECORDING)

    def action_rerecord(self) -> None:
        if self.phase == Phase.RECORDING:
            self.set_phase(Phase.RERECORD)
            self.stop.set()

    def action_skip(self) -> None:
        if self.phase in (Phase.READY, Phase.SPEAKING):
            self.set_phase(Phase.THINKING)
            self.score_typed("")

    def action_mute(self) -> None:
        self.muted = not self.muted
        self.app.notify("Interviewer voice " + ("muted" if self.muted else "on"))

    def action_end(self) -> None:
        if self.phase == Phase.RECORDING:
            self.stop.set()
        self.interview.end()
        self.wrap_up()

    # -- the end ----------------------------------------------------------------------------

    def wrap_up(self) -> None:
        if self.phase == Phase.DONE:
            return
        self.set_phase(Phase.DONE)
        self.add_line(f"[b cyan]Interviewer:[/] {self.interview.planner.closing()}")
        self.build_report()

    @work(thread=True, exclusive=True, group="score")
    def build_report(self) -> None:
        self.post_message(SessionDone(self.session.end()))

    def on_session_done(self, message: SessionDone) -> None:
        from assistant.tui.screens.report import ReportScreen

        ended = message.ended
        self.app.switch_screen(ReportScreen(ended.report, ended.session_id))

    def workers_busy(self) -> bool:
        return any(w.is_running and w.group in ("record", "score") for w in self.workers)

    # -- display ----------------------------------------------------------------------------

    def add_line(self, markup: str) -> None:
        box = self.query_one("#conversation", VerticalScroll)
        box.mount(Static(markup, classes="turn"))
        box.scroll_end(animate=False)

    def set_phase(self, phase: Phase) -> None:
        self.phase = phase
        speaking = "[cyan]Interviewer speaking…[/]" + (
            " (you answer when it finishes)" if self.start_when_said else ""
        )
        labels = {
            Phase.SPEAKING: speaking,
            Phase.EARLY: speaking,
            Phase.READY: "[green]Your turn[/]: press space to start answering",
            Phase.RECORDING: "[red]● Recording[/] (space to stop)"
            + (" [yellow]paused[/]" if self.paused.is_set() else ""),
            Phase.RERECORD: "Starting over…",
            Phase.THINKING: "Listening back…",
            Phase.DONE: "Interview over: building your report…",
        }
        self.query_one("#state", Static).update(labels[phase])

    def tick(self) -> None:
        widget = self.query_one("#countdown", Static)
        if self.phase != Phase.RECORDING or self.started_at is None:
            widget.update("")
            return
        left = self.session.budget_s - (self.now() - self.started_at)
        widget.update(f"[red]+{clock(-left)}[/]" if left < 0 else f"{clock(left)} left")
