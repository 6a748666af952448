"""Interview: the question, a countdown, a live level meter and captions, the conversation.

The screen is a view of a :class:`~assistant.practice.session.PracticeSession`: it keeps
a :class:`Phase` and its widgets, and runs the session's calls (recording, transcription,
the interviewer, the voice) in thread workers that post messages back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from enum import StrEnum
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static, TextArea

from assistant.interview.moves import Move
from assistant.practice.session import MAX_TYPED_CHARS, Answered, Ended, PracticeSession
from assistant.report.format import NO_ANSWER, SKIPPED_KEPT, change_words, clock, move_label
from assistant.scoring.live import STEP_EVERY_S, LiveTranscription
from assistant.tui.late import LateWords, shortened
from assistant.tui.messages import Caption, Level, Notice
from assistant.tui.screens.dialogs import ConfirmScreen
from assistant.tui.sizing import SizedToTerminal
from assistant.tui.title_bar import TitleBar
from assistant.tui.waiting import Abandoned, unless_quitting
from prompts import Question
from sessions.store import StoreError
from speech.errors import SpeechError
from speech.recorder import Recorder, block_level

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
CATCHING_UP_S = 5.0
"""After the stop, with this much of the answer still to transcribe, the wait says how
far it has got (on an idle machine only the last phrase is left, a second's work)."""
SKIP_HINT_S = 6.0
"""How long the state line says, after s pressed mid-answer, that s skips before it."""
EMPTY_HINT_S = 4.0
"""How long the state line says, after Enter on an empty answer box, to type first."""
SENT_ONCE_ASKED = " (your answer is sent once it asks)"
"""The state line's word, while an answer is read, that Enter on the next one took."""
NOTICE_S = 20.0
"""How long a notice over the report stays (recordings not played): long enough to read
beside a report, where Textual's 5 s default was gone before it was seen."""


class Phase(StrEnum):
    LOADING = "loading"
    """Getting the session ready (the structure scorer may still be loading)."""
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


class SessionReady(Message):
    def __init__(self, session: PracticeSession) -> None:
        super().__init__()
        self.session = session


class NotSaving(Message):
    """The session could not be started in the store: it goes on unsaved."""

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why


class Spoken(Message):
    """The interviewer finished speaking a turn."""


class NothingHeard(Message):
    """The recording held no speech: the same move waits for an answer."""


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
    def __init__(self, answered: Answered, *, kept: bool = False) -> None:
        """``kept``: a skip whose typed words were kept in the session's folder."""
        super().__init__()
        self.answered = answered
        self.kept = kept


class SessionDone(Message):
    def __init__(self, ended: Ended) -> None:
        super().__init__()
        self.ended = ended


class AnswerBox(TextArea):
    """Where answers are typed when there is no microphone: it wraps long lines, keeps
    every key it is given (none reaches the screen as a command), and Enter sends.

    Printable keys that come in a burst go in together: a paste that a terminal sends
    as keys (tmux's paste-buffer, a terminal without bracketed paste) arrives as
    thousands of keys at once, and the box rewraps its whole line for each one, so
    21,512 characters took over a minute at full CPU, keys typed after it did not show,
    and the draft on disk lagged far behind. Each key waits only for the keys already
    queued behind it; any other key, a click or a paste, and :attr:`typed`, put them in
    first. The app hands such keys straight to the box (see ``ThinkaloudApp.on_event``):
    Textual's own handling of each key, its bindings looked up for every one, took
    longer than the edit once the edits were one."""

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    PASTE_GAP_S = 0.02
    """Keys this close together come from one read of the terminal, not from fingers: an
    Enter followed this closely by more text is a line break inside a paste sent as keys
    (each line of it sent the answer, cut the paste in pieces and lost the words typed
    meanwhile), not the candidate sending."""
    ENTER_WAIT_S = 0.15
    """How long an Enter waits for the paste it may be part of before it sends."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._keys: list[str] = []
        self._behind = 0
        """Keys handed to the box through Textual's queue that it has not taken yet: the
        text keys after them take the same road, so that they land in the order typed."""
        self._enter_at: float | None = None
        """When an Enter not yet known to send (or to break a pasted line) was pressed."""

    @property
    def typed(self) -> str:
        """Everything typed, the keys still on their way into the box included."""
        self.take_keys()
        return self.text

    def keep_key(self, event: events.Key) -> bool:
        """Whether ``event`` is a key of text (printable, without Alt), kept to go in
        with the keys queued behind it. No binding acts on such a key while the box has
        the focus: the box takes it first."""
        char = event.character
        if self.read_only or not event.is_printable or char is None or event.key.startswith("alt+"):
            return False
        if self._enter_at is not None:  # the Enter before it: a pasted line's end, or sent
            if event.time - self._enter_at <= self.PASTE_GAP_S:
                self._enter_at = None
                self._queue("\n")
            else:
                self.send_enter()
        self._queue(char)
        return True

    def _queue(self, char: str) -> None:
        if not self._keys:  # in after the keys queued now: one edit for all
            self.call_later(self.take_keys)
        self._keys.append(char)

    def take_keys(self) -> None:
        """The printable keys received and not in the box yet, in at the cursor now."""
        if not self._keys:
            return
        keys = "".join(self._keys)
        self._keys.clear()
        self._restart_blink()
        self._replace_via_keyboard(keys, *self.selection)

    def sent(self, text: str) -> None:
        """``text`` left the box as the answer: keys typed after the Enter that sent it
        stay, for the next answer."""
        self.take_keys()
        after = self.text[len(text) :] if self.text.startswith(text) else ""
        self.clear()
        if after.strip():
            self.insert(after.lstrip("\n"))

    def hold_keys(self) -> bool:
        """Whether a text key now must wait behind keys handed to the box that it has
        not taken: it is then handed through the same queue, not put straight in."""
        return self._behind > 0 or self._enter_at is not None

    def handed(self) -> None:
        """A key other than text was handed to the box through Textual's queue."""
        self._behind += 1
        self.call_later(self._taken)

    def _taken(self) -> None:
        self._behind -= 1

    def send_enter(self) -> None:
        """The Enter pressed sends the answer (no pasted text came right behind it)."""
        if self._enter_at is None:
            return
        self._enter_at = None
        self.take_keys()
        self.post_message(self.Submitted(self.text))

    WORD_KEYS = {
        "alt+b": "cursor_word_left",
        "alt+f": "cursor_word_right",
        "alt+d": "delete_word_right",
    }
    """The shell's word moves, which Alt (or Option sent as Meta) gives in most terminals;
    Alt+Backspace, the fourth, is the text area's own."""

    async def _on_key(self, event: events.Key) -> None:
        if self.keep_key(event):
            event.stop()
            event.prevent_default()
            return
        self.take_keys()  # in the order they were typed: before this key acts
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self._enter_at is not None:  # Enter after Enter: a blank line of a paste
                if event.time - self._enter_at > self.PASTE_GAP_S:
                    self.send_enter()  # or Enter pressed twice: the answer went at the first
                    return
                self._queue("\n")
            self._enter_at = event.time
            self.set_timer(self.ENTER_WAIT_S, self.send_enter)
            return
        self.send_enter()  # any other key: the Enter before it was pressed to send
        char = event.character
        if move := self.WORD_KEYS.get(event.key):
            # on a Meta terminal these are "\x1bb" and the like: read as Escape then b
            # they opened "End the interview?" in the middle of an edit
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{move}")()
            return
        if event.key.startswith("alt+") and char and len(char) == 1 and char.isprintable():
            # Escape and a key typed right behind it reach the app as one alt+key (the
            # terminal's bytes "\x1by"), which typed the y into the answer and lost the
            # Escape: they are the two keys the candidate pressed
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key("escape", "\x1b"))
            self.app.post_message(events.Key(event.key.removeprefix("alt+"), char))
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            # the box's own editing keys (Backspace, arrows…) act now, in their place
            # among the keys typed: left to bubble up to the app, they waited behind every
            # key queued there, and a Backspace typed fast took letters typed after it.
            # One that does nothing here (Ctrl+C with nothing selected) still goes on up.
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)


class FittingLine(Static):
    """One line that says the longest of its wordings its width has room for (the last,
    where none fits, cut with "…"), again whenever its width changes."""

    def __init__(self, *, id: str) -> None:  # noqa: A002 (Textual's name)
        super().__init__("", id=id)
        self.wordings: tuple[str, ...] = ()

    def say(self, *wordings: str) -> None:
        self.wordings = wordings
        self.fit()

    def fit(self) -> None:
        room = self.size.width
        fits = [w for w in self.wordings if not room or len(w) <= room]
        said = fits[0] if fits else self.wordings[-1] if self.wordings else ""
        self.update(Text(said))

    def on_resize(self, event: events.Resize) -> None:
        self.fit()


PRACTISING = {
    "ml-system-design": "practise ML system design out loud",
    "behavioral-star": "practise a behavioural story out loud",
    "general": "practise a timed explanation out loud",
}
"""What the title bar says is being practised, by the question's rubric."""


class InterviewScreen(SizedToTerminal, Screen):
    CSS_PATH = "interview.tcss"
    HELP_TITLE = "Interview"
    HELP_TEXT = (
        "The interviewer asks; you answer out loud (space starts and stops). After each "
        "answer it follows up, may change a requirement, and wraps up. With no microphone, "
        "type your answer in the box and press Enter."
    )
    BINDINGS = [
        Binding("space", "toggle", "Talk/stop"),
        Binding("p", "pause", "Pause"),
        Binding("r", "rerecord", "Redo"),
        Binding("s", "skip", "Skip"),
        Binding("s", "skip_while_answering", show=False),  # says why it cannot skip now
        Binding("e", "end", "End"),
        Binding("m", "mute", "Voice", show=False),
        # the keys that open a confirmation act the moment the app reads them (priority),
        # before the focused answer box is handed the keys typed after them: "Escape y"
        # typed fast under load put the y in the answer and left "End the interview?" open
        Binding("escape", "leave", "End", show=False, priority=True),  # as e: it ends
        # typing an answer, every plain key is text: these are the commands then
        Binding("ctrl+n", "skip", "Skip", key_display="^n", priority=True),
        Binding("escape", "end", "End", priority=True),
    ]

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question
        self.title = question.title  # on the title bar from its first frame
        self.sub_title = PRACTISING.get(question.rubric, "practise out loud")
        self.phase = Phase.LOADING
        self.started_at: float | None = None
        self.paused_at: float | None = None
        self.paused_for = 0.0
        self.paused = threading.Event()
        self.hold = threading.Event()
        """Set while paused or asked whether to start again: a replayed recording waits
        (a microphone cannot; what it hears while paused is dropped)."""
        self.stop = threading.Event()
        self.ending = threading.Event()
        """Set when the interview is ended while the interviewer decides its next move:
        the answer is on record, and the move is not waited for."""
        self.muted = False
        self.start_when_said = False
        self.quitting = False
        self.typed_ahead = ""
        """Keys of the answer typed before its box was there."""
        self.send_when_ready = False
        """Enter was pressed on an answer typed before its question was asked (while the
        interviewer got ready, or while the previous answer was read): it is sent once
        the question is."""
        self.typed_shown = False
        """The typed answer being judged is in the conversation already."""
        self.playing = 0
        """With ``--replay``: which recording the answer being recorded plays."""
        self.typing_since: float | None = None
        """When the answer being typed got its first key: its countdown runs from there,
        as a spoken one runs from the space that starts it."""
        self.last_key_at: float | None = None
        """When the answer box last changed: typing may go on after the interview ends."""
        self.ended_with = ""
        """What was in the answer box when the interview ended (kept, and named, then)."""
        self.asking = False
        """A confirmation is open: a take paused for it says so, not "p resumes"."""
        self.skip_hint = False
        """s was pressed mid-answer: the state line says when it skips, for a moment (a
        toast covered the live captions)."""
        self.empty_hint: Timer | None = None
        """Enter was pressed on an empty answer box: the state line says to type first
        until this timer fires (a toast for each Enter stacked over the follow-up and the
        box at 80x24)."""
        self.typing_held_at: float | None = None
        """When a confirmation opened over the answer being typed: deciding is not
        answering, so its countdown stops until the reply, as a recording's does."""
        self.end_after_answer = False
        """End was chosen while an answer was being recorded or judged: it counts, then
        the interview ends."""
        self.live: LiveTranscription | None = None
        self.recorder: Recorder | None = None
        """The source of the answer being recorded."""
        self.early: str | None = None
        """What the voice has already started saying of the next question."""
        self.spin = 0
        self.unseen_turn = False
        """A turn came into the conversation while a dialog was over the screen: it is
        scrolled into view when the dialog closes."""

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        title = Text.assemble((self.question.title, "bold"), "\n", self.question.asked)
        yield Static(title, id="question")
        with Horizontal(id="status"):
            yield Static("", id="state")
            yield Static("", id="countdown")
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="level")
        yield VerticalScroll(id="conversation")
        yield Static("", id="caption", classes="muted")
        with Horizontal(id="about", classes="muted"):
            yield Static("", id="turn")
            yield FittingLine(id="who")
        yield AnswerBox(id="typed", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    SHORT_ROWS = 24
    """Below this many rows the question's box gives way: the conversation, which holds
    the question too, and the answer box need the room (at 50x15 the box was pushed off
    the screen, and at 60x20 the interviewer's newest question)."""

    def on_resize(self, event: events.Resize) -> None:
        # the terminal's height now: a resize handled late (a shrink and the grow back
        # both waiting) carries a height the terminal no longer has
        self.set_class(self.app.size.height < self.SHORT_ROWS, "short")
        self.call_after_refresh(self.show_newest)

    def on_mount(self) -> None:
        if not self.app.is_running:  # quit as this screen opened: its parts may be gone
            return
        self.set_class(self.app.size.height < self.SHORT_ROWS, "short")
        typed = self.query_one("#typed", AnswerBox)
        typed.display = not self.has_mic
        typed.cursor_blink = False
        if self.typed_ahead:
            typed.insert(self.typed_ahead)
            self.typed_ahead = ""
        self.set_interval(0.25, self.tick)
        self.set_phase(Phase.LOADING)
        self.prepare()

    @work(thread=True, exclusive=True, group="prepare")
    def prepare(self) -> None:
        """The session, built off the UI thread (the structure scorer may be loading, and
        the microphone and speech model may still be being found)."""
        deps = self.app.deps

        def start(store=deps.store) -> PracticeSession:
            deps.audio_ready.wait()
            return PracticeSession.start(
                self.question,
                deps.structure_for(self.question),
                interviewer_for=deps.interviewer_for,
                transcriber=deps.transcriber,
                settings=deps.settings,
                store=store,
                answers_available=deps.answers_available,
                skips_free=True,
            )

        try:
            try:
                session = unless_quitting(start)
            except StoreError as exc:
                # the store cannot take a new session (a full disk, a folder made
                # read-only): the app stopped here with "internal error", and what had
                # been typed ahead went with it. The interview goes on, unsaved and said so
                self.post_message(Notice(f"This session is not being saved: {exc}", "error"))
                self.post_message(NotSaving(str(exc)))
                session = unless_quitting(lambda: start(None))
        except Abandoned:
            return
        self.post_message(SessionReady(session))

    def on_not_saving(self, message: NotSaving) -> None:
        self.add_line(Text(f"Not saved: {message.why}", style="bold red"))

    def on_session_ready(self, message: SessionReady) -> None:
        self.session = message.session
        if self.phase == Phase.DONE:  # left while it was getting ready
            self.session.discard()
            return
        self.query_one("#typed", AnswerBox).display = not self.has_mic
        self.show_interviewer()
        self.say(self.session.opening())

    @property
    def has_mic(self) -> bool:
        return self.app.deps.recorder_for is not None

    @property
    def interview(self):
        return self.session.interview

    def show_interviewer(self) -> None:
        session = getattr(self, "session", None)
        if session is None:  # not mounted yet: on_mount shows it
            return
        interviewer = session.interviewer
        voice = "voice off" if self.silent() else "voice on"
        who = self.query_one("#who", FittingLine)
        if interviewer.available:
            who.say(f"Interviewer: {interviewer.name} · {voice}")
        else:  # the model's name where the line has room: 80x24 cut "voice off" to "voice"
            who.say(
                f"Interviewer: offline ({interviewer.name} unavailable) · {voice}",
                f"Interviewer: offline (LLM unavailable) · {voice}",
            )

    # -- the interviewer's turns ----------------------------------------------------------

    def move_named(self, move: Move) -> str:
        """The move as the conversation names it: "Follow-up", "New requirement"…"""
        return move_label(move.kind, change_words(self.question.rubric))

    def say(self, move: Move) -> None:
        label = self.move_named(move)
        self.add_line(Text.assemble((f"Interviewer ({label}): ", "bold cyan"), move.question))
        self.set_phase(Phase.SPEAKING)
        if self.send_when_ready:  # Enter pressed before it was asked: sent now it is
            self.send_when_ready = False
            if self.typing():
                self.submit(self.query_one("#typed", AnswerBox).typed)
        text, early, self.early = move.question, self.early, None
        if early is not None and text.startswith(early):
            text = text[len(early) :].strip()  # the voice has said the start already
        self.speak(text)

    def on_early_speech(self, message: EarlySpeech) -> None:
        """Start saying the next question before the model has finished writing it."""
        if self.silent() or self.phase != Phase.THINKING:
            return  # voice off (--mute included): "The interviewer is thinking…" stays up
        self.early = message.text
        self.set_phase(Phase.EARLY)  # like speaking, but the move is not in yet
        self.app.voice.say(message.text, self.voice_failed)

    def silent(self) -> bool:
        """Nothing is said aloud: muted with m, or started with --mute / no speaker."""
        return self.muted or not self.app.deps.sound_out

    def speak(self, text: str) -> None:
        """Queue the turn on the app's voice thread; the answer waits until it is said."""
        if self.silent():
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
        if self.phase != Phase.SPEAKING:
            return
        self.set_phase(Phase.READY)
        if self.start_when_said:
            self.start_when_said = False
            self.start_answer()

    def on_nothing_heard(self, message: NothingHeard) -> None:
        if self.phase == Phase.THINKING:  # no answer was taken: it is the same turn again
            self.set_phase(Phase.READY)
        if self.end_after_answer:  # ended as it began (space, then End at once): the end
            self.end_now()

    # -- recording ------------------------------------------------------------------------

    def action_toggle(self) -> None:
        if not self.has_mic:
            return
        # pressed before the question is asked (still getting ready, or being said):
        # recording starts once it is said
        if self.phase in (Phase.LOADING, Phase.SPEAKING, Phase.EARLY):
            self.start_when_said = not self.start_when_said
            self.set_phase(self.phase)
        elif self.phase == Phase.READY:
            if self.session.recordings_left == 0:  # --replay: every recording was played
                self.app.notify(
                    "No recording is left to play: Escape ends the interview.", timeout=6
                )
                return
            self.start_answer()
        elif self.phase == Phase.RECORDING:
            self.stop.set()

    def start_answer(self) -> None:
        if self.quitting or not self.is_attached:
            return  # a timer that fired as the app closed: no microphone nobody will stop
        self.stop = threading.Event()
        self.paused.clear()
        self.hold.clear()
        self.paused_at, self.paused_for = None, 0.0
        self.live = self.session.live_transcription()
        self.started_at = self.now()
        self.set_phase(Phase.RECORDING)
        self.record()
        self.caption_timer = self.set_interval(STEP_EVERY_S, self.caption_tick)

    def now(self) -> float:
        return (self.app.deps.clock or time.monotonic)()

    @work(thread=True, exclusive=True, group="record")
    def record(self) -> None:
        idle = self.app.deps.recording_idle
        idle.clear()  # quitting waits until the answer is on disk
        try:
            self.record_answer()
        finally:
            idle.set()

    def record_answer(self) -> None:
        live = self.live
        self.playing = self.session.recorded  # with --replay: the recording it plays
        recorder = self.app.deps.recorder_for(self.playing)
        self.recorder = recorder

        def heard():
            for block in recorder.blocks(self.stop, self.hold):
                if self.paused.is_set():
                    continue
                live.feed(block)
                self.post_message(Level(min(1.0, block_level(block) * 4)))
                yield block

        try:
            path = self.session.record(heard())
        except SpeechError as exc:  # no microphone, or a replayed recording that stops decoding
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
            self.post_message(Caption(*live.caption()))

    def on_level(self, message: Level) -> None:
        level = 0.0 if self.paused.is_set() else message.rms
        self.query_one("#level", ProgressBar).update(progress=level)

    def on_caption(self, message: Caption) -> None:
        text = Text(message.text)
        if message.partial:  # still being spoken: shown, marked as provisional
            text.append((" " if message.text else "") + message.partial, style="italic dim")
        self.query_one("#caption", Static).update(text)

    def on_answer_recorded(self, message: AnswerRecorded) -> None:
        if hasattr(self, "caption_timer"):
            self.caption_timer.stop()
        self.query_one("#level", ProgressBar).update(progress=0)
        if self.quitting:
            return
        if message.error:
            self.app.notify(
                f"{message.error}. You can type your answer instead.", severity="error", timeout=10
            )
            self.app.deps.recorder_for = None
            typed = self.query_one("#typed", AnswerBox)
            typed.display = True
            self.set_phase(Phase.READY)
            return
        if self.phase == Phase.RERECORD and not self.end_after_answer:
            self.start_answer()
            return
        if message.path is not None:  # whole: a quit while it is judged cuts nothing off
            self.session.recording_ended()
        self.set_phase(Phase.THINKING)
        self.score_answer(message.live, message.path)

    def speak_early(self, text: str) -> None:
        """Handed to the interviewer: called on a worker thread with a first sentence."""
        self.post_message(EarlySpeech(text))

    @work(thread=True, exclusive=True, group="score")
    def score_answer(self, live: LiveTranscription, path) -> None:
        # a recording stopped before its end (space pressed twice) with nothing heard yet
        # is played again, not taken for a recording that holds no speech
        played_out = self.recorder is None or self.recorder.played_out
        answered = self.judged(
            lambda: self.session.answer_live(
                live, path, self.speak_early, last=self.end_after_answer, played_out=played_out
            )
        )
        if answered is None:
            return
        if not answered.heard:  # nothing heard: ask again rather than judge a silence
            replay = self.app.deps.replay
            if replay and not played_out:
                advice = (
                    f"The answer stopped before a word of {self.played(replay)} was heard. "
                    "Space plays it again from the start."
                )
            elif replay:  # no microphone to check: say which recording held nothing
                advice = self.unheard_advice(replay)
            else:
                advice = (
                    "Nothing was heard in that answer. Check the microphone "
                    "(t on the home screen tests it) and answer again."
                )
            if not self.end_after_answer:  # ended before a word: no advice
                self.post_message(Notice(advice, "warning"))
            self.post_message(NothingHeard())
            return
        self.post_message(AnswerScored(answered))

    def played(self, replay: list[Path]) -> str:
        """The name of the recording the answer just taken played."""
        return replay[min(self.playing, len(replay) - 1)].name

    def unheard_advice(self, replay: list[Path]) -> str:
        """What to do after the replayed recording just played held no speech: it is not
        played again, the next one answers this question, or none is left."""
        said = self.played(replay)
        left = self.session.recordings_left
        if left == 0 or self.session.recorded >= len(replay):
            return (
                f"Nothing was heard in {said}, and no recording is left to play: "
                "Escape ends the interview."
            )
        after = replay[self.session.recorded].name
        return (
            f"Nothing was heard in {said}. Space plays the next recording, {after}, "
            "for this question; s skips it."
        )

    def on_answer_scored(self, message: AnswerScored) -> None:
        answered = message.answered
        said = answered.report.transcript.text if answered.report is not None else answered.said
        text = said or (SKIPPED_KEPT if message.kept else NO_ANSWER)
        if not self.typed_shown:
            self.add_line(Text.assemble(("You: ", "bold"), text))
        self.typed_shown = False
        self.query_one("#caption", Static).update("")
        if answered.notice:  # in the conversation, above the question it is about: as a
            # toast it covered that question at 80x24 for its ten seconds
            self.add_line(Text.assemble(("Note: ", "bold yellow"), (answered.notice, "yellow")))
            self.show_interviewer()
        if answered.move is None or self.end_after_answer:
            if answered.notice:  # the conversation closes now: said where it stays in view
                self.app.notify(answered.notice, severity="warning", timeout=NOTICE_S)
            self.wrap_up()
        else:
            self.say(answered.move)

    # -- typed answers ----------------------------------------------------------------------

    def on_answer_box_submitted(self, event: AnswerBox.Submitted) -> None:
        self.enter(event.text)

    def enter(self, text: str) -> None:
        """Enter pressed on the typed answer: sent, or, with nothing typed, says so."""
        if not text.strip() and self.phase in (Phase.READY, Phase.SPEAKING):
            self.say_type_first()
            return
        self.submit(text)

    def say_type_first(self) -> None:
        """Enter on an empty box: the state line says to type first, for a few seconds
        from the latest such Enter."""
        if self.empty_hint is not None:
            self.empty_hint.stop()

        def done() -> None:
            self.empty_hint = None
            self.show_state()

        self.empty_hint = self.set_timer(EMPTY_HINT_S, done)
        self.show_state()

    def submit(self, text: str) -> None:
        if not text.strip():
            return
        if self.phase == Phase.LOADING:  # typed the instant the question opened
            self.send_when_ready = True
            return
        if self.phase in (Phase.THINKING, Phase.EARLY) and not self.end_after_answer:
            # typed ahead while the answer before was read, or while the question's
            # start is said and the rest still written: sent once it is asked, as the
            # state line says (the Enter was dropped without a word, the answer left
            # waiting in the box while its countdown ran)
            self.send_when_ready = True
            self.show_state()
            return
        if self.phase not in (Phase.READY, Phase.SPEAKING):
            return
        if len(text) > MAX_TYPED_CHARS:  # kept in the box: nothing typed is lost
            self.app.notify(
                f"This answer is {len(text):,} characters; an answer may hold "
                f"{MAX_TYPED_CHARS:,} (about 20 minutes of talk). Shorten it and press Enter.",
                severity="warning",
                timeout=10,
            )
            return
        self.send_typed(text)

    def on_key(self, event: events.Key) -> None:
        """Typing an answer, every plain key is text: one typed the instant the question
        opened, before the box had the focus, is the answer's ("First" arrived as "st",
        and the "e" of "the" ended the interview), and none is a command meanwhile."""
        if not self.typing() or self.phase == Phase.DONE:
            return
        box = self.answer_box()
        writing = self.phase in (Phase.LOADING, Phase.READY, Phase.SPEAKING)
        if event.is_printable and event.character is not None:
            if writing and box is None:  # before the box is there: it takes them on
                self.typed_ahead += event.character
            elif writing and box is not None:  # the box keeps its own keys: not this one
                box.move_cursor(box.document.end)
                box.insert(event.character)
                box.focus()
        elif event.key == "enter" and writing:  # the box sends its own Enter: not this one
            if box is None:
                self.send_when_ready = True
            else:
                self.enter(box.typed)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The first key of a typed answer starts its countdown (and ends the hint to
        type first)."""
        if self.typing_since is None and event.text_area.text.strip() and self.typing():
            self.typing_since = self.now()
        self.last_key_at = self.now()
        self.keep_draft()
        if self.empty_hint is not None and event.text_area.text.strip():
            self.empty_hint.stop()
            self.empty_hint = None
            self.show_state()

    def keep_draft(self) -> None:
        """The answer box as it stands, on disk within a moment as this move's answer: the
        words outlive the app however it ends, its screen stuck or the process killed."""
        session = getattr(self, "session", None)
        box = self.answer_box()
        if session is None or box is None or not box.display or self.quitting:
            return
        if self.phase in (Phase.READY, Phase.SPEAKING):  # the question it answers is asked
            session.keep_draft(box.text)

    def send_typed(self, text: str) -> None:
        """The typed answer leaves the box for the conversation and is judged."""
        self.typing_since = None
        self.send_when_ready = False
        self.query_one("#typed", AnswerBox).sent(text)
        self.add_line(Text.assemble(("You: ", "bold"), text.strip()))
        self.typed_shown = True  # not again when it has been judged
        self.set_phase(Phase.THINKING)
        # on disk before the judging starts: a quit while it is read keeps it for rescore
        self.session.keep_typed(text)
        self.score_typed(text)

    @work(thread=True, exclusive=True, group="score")
    def score_typed(self, text: str, set_aside: str = "") -> None:
        """``set_aside``: with a skip (``text`` empty), what was typed for the move, kept
        in the session's folder and never judged."""
        answered = self.judged(
            lambda: self.session.answer_text(
                text, self.speak_early, last=self.end_after_answer, set_aside=set_aside
            )
        )
        if answered is not None:
            self.post_message(AnswerScored(answered, kept=bool(set_aside.strip())))

    def judged(self, answer: Callable[[], Answered]) -> Answered | None:
        """``answer()`` (the answer judged, then the interviewer's next move decided), or
        None when the app quits or the interview is ended while the move is decided: the
        answer is on record by then, and the interviewer is not waited for."""
        try:
            return unless_quitting(answer, or_when=self.ending)
        except Abandoned:
            return None

    # -- other keys -----------------------------------------------------------------------

    TYPING_KEYS = {("ctrl+n", "skip"), ("escape", "end")}
    """The commands while an answer is typed (every plain key is text then)."""

    def help_bindings(self) -> list[Binding]:
        """The keys the help lists: typing an answer, only the typing-mode commands; with
        a microphone, the single keys."""
        typing = self.typing()
        keys = [b for b in self.BINDINGS if isinstance(b, Binding)]
        return [b for b in keys if ((b.key, b.action) in self.TYPING_KEYS) == typing]

    def typing(self) -> bool:
        """Answers are typed (no microphone, or it failed): the answer box is shown."""
        box = self.answer_box()
        return bool(box.display) if box is not None else not self.has_mic

    def typed_on(self) -> Callable[[str], None] | None:
        """Where a key typed on into a confirmation goes: the answer box, while it shows
        (none while recording)."""
        box = self.answer_box()
        if box is None or not box.display:
            return None

        def type_on(char: str) -> None:
            box.take_keys()  # a letter still on its way in came first ("t" of "they")
            box.insert(char)

        return type_on

    def answer_box(self) -> AnswerBox | None:
        """The box answers are typed in (None while the screen is opening or closing)."""
        try:
            return self.query_one("#typed", AnswerBox)
        except NoMatches:
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that can do something now are offered (the footer fits 80 columns)."""
        if action in ("toggle", "pause", "rerecord") and not self.has_mic:
            return False
        if action == "leave" and self.typing():
            return False  # escape says End: it ends the interview (after asking)
        if action in ("pause", "rerecord") and self.phase != Phase.RECORDING:
            return False
        if action == "skip" and self.phase not in (Phase.READY, Phase.SPEAKING):
            return False
        if action == "skip_while_answering" and self.phase != Phase.RECORDING:
            return False
        if self.phase == Phase.LOADING and action in ("skip", "mute"):
            return False
        return True

    def action_pause(self) -> None:
        if self.phase != Phase.RECORDING:
            return
        if self.paused.is_set():
            if self.paused_at is not None:
                self.paused_for += self.now() - self.paused_at
            self.paused_at = None
            self.paused.clear()
            self.hold.clear()
        else:
            self.paused_at = self.now()
            self.paused.set()
            self.hold.set()
            self.query_one("#level", ProgressBar).update(progress=0)
        self.set_phase(Phase.RECORDING)

    def ask(self, dialog: ConfirmScreen, then: Callable[[bool | None], None]) -> None:
        """``dialog``, then ``then`` with the reply. Deciding is no answering: asked while
        recording, the take is paused (the countdown stops, what the microphone hears is
        dropped, a replayed recording waits); "no" goes on from there, and "yes" acts on
        the take as it was when the question came up (an End confirmed ten seconds on
        had recorded ten seconds of silence into the answer)."""
        pausing = self.phase == Phase.RECORDING and not self.paused.is_set()
        self.asking = True
        if pausing:
            self.action_pause()
            dialog.question += " The recording is paused while you decide."
        holding = self.typing_since is not None and self.typing_held_at is None
        if holding:
            self.typing_held_at = self.now()

        def answer(yes: bool | None) -> None:
            self.asking = False
            if holding and self.typing_held_at is not None:
                if self.typing_since is not None:  # the time asked is not the answer's
                    self.typing_since += self.now() - self.typing_held_at
                self.typing_held_at = None
            if not yes and pausing and self.phase == Phase.RECORDING and self.paused.is_set():
                self.action_pause()
            self.show_state()
            then(yes)

        self.app.push_screen(dialog, answer)

    def action_rerecord(self) -> None:
        if self.phase != Phase.RECORDING:
            return

        def answer(yes: bool | None) -> None:
            if yes and self.phase == Phase.RECORDING:
                self.set_phase(Phase.RERECORD)
                self.stop.set()

        self.ask(
            ConfirmScreen("Start this answer again? What you said in this take is set aside."),
            answer,
        )

    def action_skip(self) -> None:
        if self.phase not in (Phase.READY, Phase.SPEAKING):
            return
        opening = self.session.index == 0
        move = self.session.move
        asked = "follow-up"  # a requirement change, a challenge… said as what it is
        if move is not None:
            asked = self.move_named(move).lower()
        ask = (
            "Skip the question? The interviewer will start you off with a smaller one."
            if opening
            else f"Skip this {asked} without answering?"
        )
        if self.draft():  # kept, not sent: the box is cleared for the next question
            ask += " What you typed for it is kept in the session's folder, not judged."

        def answer(yes: bool | None) -> None:
            if yes and self.phase in (Phase.READY, Phase.SPEAKING):
                typed = self.typed_text()
                box = self.answer_box()
                if box is not None:
                    box.clear()
                self.typing_since = None  # the next move's countdown waits for its own key
                self.set_phase(Phase.THINKING)
                self.score_typed("", set_aside=typed)

        self.ask(ConfirmScreen(ask, typed_on=self.typed_on()), answer)

    def action_skip_while_answering(self) -> None:
        """``s`` pressed mid-answer did nothing, with nothing said; a toast saying why
        covered the live captions for its five seconds: the state line says it."""
        self.skip_hint = True
        self.show_state()

        def done() -> None:
            self.skip_hint = False
            self.show_state()

        self.set_timer(SKIP_HINT_S, done)

    def action_mute(self) -> None:
        if not self.app.deps.sound_out:
            self.app.notify("No audio output device: the interviewer's turns are shown as text.")
            return
        self.muted = not self.muted
        self.app.notify("Interviewer voice " + ("off" if self.muted else "on"))
        self.show_interviewer()

    def action_end(self) -> None:
        if self.phase == Phase.DONE:
            return
        if self.phase == Phase.LOADING:  # nothing started yet: just go back
            self.phase = Phase.DONE
            self.app.pop_screen()
            return
        draft = self.draft()
        in_hand = self.recording or self.phase == Phase.THINKING  # being recorded or read
        if self.session.answered == 0 and not in_hand and not draft and self.session.set_aside:
            ask = "End without answering? No report; what you typed before skipping is kept."
        elif self.session.answered == 0 and not in_hand and not draft:
            ask = "End without answering? Nothing is saved."
        elif self.session.answered == 0 and self.recording and not draft:  # the first one
            ask = (
                "End the interview? What you have said so far counts, then you get the "
                "report; if nothing was heard yet, nothing is saved."
            )
        elif draft and len(draft) > MAX_TYPED_CHARS:  # kept whole, judged in part
            ask = (
                f"End the interview? This answer counts: its first {MAX_TYPED_CHARS:,} "
                f"characters of {len(draft):,} are judged, all of it is kept; then you "
                "get the report."
            )
        elif in_hand or draft:
            ask = "End the interview? This answer counts, then you get the report."
        else:
            ask = "End the interview now and see the report?"

        def answer(ok: bool | None) -> None:
            if ok:
                self.end_now()

        self.ask(ConfirmScreen(ask, yes="End", no="Keep going", typed_on=self.typed_on()), answer)

    def action_leave(self) -> None:
        """Escape: back to the question list, asking first if an answer was given."""
        self.action_end()

    def end_now(self) -> None:
        if self.phase == Phase.DONE:
            return
        draft = self.draft()
        if draft:  # typed, not sent: it counts (a long one judged in part), then the end
            self.end_after_answer = True
            self.send_typed(draft)
            return
        if self.phase == Phase.THINKING:  # the answer in hand counts, no move after it
            self.end_after_answer = True
            self.session.last_answer()
            if self.session.deciding:  # it is on record: the interviewer is not waited for
                self.ending.set()
                self.wrap_up()
            return
        if self.phase in (Phase.RECORDING, Phase.RERECORD, Phase.EARLY):
            self.end_after_answer = True  # the answer in hand counts, then the end
            if self.phase == Phase.RERECORD:
                self.phase = Phase.RECORDING
            self.stop.set()
            return
        if self.session.answered == 0 and self.session.set_aside:
            self.set_phase(Phase.DONE)  # no report, but what was typed is not deleted
            self.session.interrupt()
            self.app.notify(
                "Nothing was answered, so there is no report. What you typed before "
                f"skipping is kept: thinkaloud show {self.session.saved_as}"
            )
            self.app.pop_screen()
            return
        if self.session.answered == 0:
            if self.end_after_answer:  # ended as it began: say why there is no report
                self.app.notify("Nothing was heard before the end, so nothing was saved.")
            self.set_phase(Phase.DONE)
            self.session.discard()
            self.app.pop_screen()
            return
        self.wrap_up()

    def typed_text(self) -> str:
        """What is in the answer box ("" when it is not shown, or when the screen is still
        opening or already closing)."""
        box = self.answer_box()
        return box.typed if box is not None and box.display else ""

    def draft(self) -> str:
        """What is typed in the answer box and not sent yet ("" when none, or when the
        screen is still opening or already closing)."""
        text = self.typed_text() if self.phase in (Phase.READY, Phase.SPEAKING) else ""
        return text if text.strip() else ""

    def stop_for_quit(self) -> None:
        """The app is quitting: stop recording at once, keep what was said, and what was
        typed but not sent."""
        self.quitting = True
        self.stop.set()
        if self.phase == Phase.DONE or not hasattr(self, "session"):
            if hasattr(self, "session") and self.phase == Phase.DONE and not self.session.finished:
                # quit while the report was being made: kept, for `rescore`, as any quit
                if late := self.late_text().strip():
                    self.app.kept_unasked = self.session.keep_unasked(late)
                self.app.kept_unjudged = self.session.saved_as
            self.phase = Phase.DONE
            return
        draft = self.draft()
        ahead = self.unasked_draft()
        self.phase = Phase.DONE
        if draft:
            self.session.keep_typed(draft)
        elif ahead:  # for a question not asked yet: kept, not as its answer
            self.app.kept_unasked = self.session.keep_unasked(ahead)
        self.app.kept_unjudged = self.session.stop_midway()

    def unasked_draft(self) -> str:
        """What is typed in the answer box while the answer before is read, for a
        question not asked yet ("" when none)."""
        text = self.typed_text() if self.phase in (Phase.THINKING, Phase.EARLY) else ""
        return text if text.strip() else ""

    def on_unmount(self) -> None:
        """However the screen goes, the app closing under it included, the microphone
        stops: a recording thread left running would keep the process from exiting."""
        self.stop.set()

    @property
    def recording(self) -> bool:
        return self.phase in (Phase.RECORDING, Phase.RERECORD)

    # -- the end ----------------------------------------------------------------------------

    def wrap_up(self) -> None:
        if self.phase == Phase.DONE:
            return
        ahead = self.typed_text()
        self.ended_with = ahead
        if ahead.strip():  # typed while the last answer was read: no question came for it
            try:
                kept = self.session.keep_unasked(ahead)  # before the report, which names it
                where = f" It is kept in {kept}." if kept is not None else ""
            except OSError as exc:  # the disk refused it (full, removed): said
                where = f" It could not be kept: {exc.strerror or exc}."
            self.app.notify(
                "The interview ended before another question, so what you typed after "
                f"your last answer was not sent: “{shortened(ahead.strip())}”{where}",
                severity="warning",
                timeout=NOTICE_S,
            )
        self.set_phase(Phase.DONE)
        self.add_line(Text.assemble(("Interviewer: ", "bold cyan"), self.session.closing()))
        self.build_report()

    @work(thread=True, exclusive=True, group="report")
    def build_report(self) -> None:
        try:
            self.post_message(SessionDone(unless_quitting(self.session.end)))
        except Abandoned:
            return

    def on_session_done(self, message: SessionDone) -> None:
        from assistant.tui.screens.report import ReportScreen

        ended = message.ended
        self.app.switch_screen(ReportScreen(ended.report, ended.session_id, late=self.late()))
        given = self.app.deps.answers_available  # with --replay: say what was not played
        if given is not None and (left := given - self.session.recorded) > 0:
            self.app.notify(
                f"{left} of your recordings {'was' if left == 1 else 'were'} not played: "
                "the interview ended first.",
                timeout=NOTICE_S,
            )

    def late_text(self) -> str:
        """What was typed into the box after the interview ended."""
        typed = self.typed_text()
        return typed.removeprefix(self.ended_with) if self.ended_with else typed

    def late(self) -> LateWords | None:
        """The typing that goes on as the report opens (its keys are words, not the
        report's), or the words typed since the interview ended; None when neither."""
        if self.last_key_at is None or not self.typing():
            return None
        late = LateWords(self.session.keep_unasked, self.last_key_at, self.late_text())
        return late if late.text.strip() or late.going(self.now()) else None

    def workers_busy(self) -> bool:
        return any(w.is_running and w.group in ("record", "score") for w in self.workers)

    def commands(self) -> list[SystemCommand]:
        """The command palette on this screen."""
        return [
            SystemCommand("End interview", "Stop and see the report", self.action_end),
            SystemCommand("Skip", "Move on without answering", self.action_skip),
            SystemCommand("Toggle voice", "The interviewer's voice on or off", self.action_mute),
        ]

    # -- display ----------------------------------------------------------------------------

    def add_line(self, text: Text) -> None:
        box = self.query_one("#conversation", VerticalScroll)
        box.mount(Static(text, classes="turn"))
        box.scroll_end(animate=False)
        box.call_after_refresh(self.show_newest)
        if not self.is_active:  # under a dialog, the scroll above did not reach it
            self.unseen_turn = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """A dialog closed: a follow-up that arrived behind it stayed below the fold at
        80x24 after "Keep going", the candidate asked to answer a question not in view."""
        if self.unseen_turn:
            self.unseen_turn = False
            self.call_after_refresh(self.show_newest)

    def show_newest(self) -> None:
        """The newest turn in view from its first line: a question taller than the
        conversation (a short terminal) is read from its start, not its end."""
        with suppress(NoMatches):
            box = self.query_one("#conversation", VerticalScroll)
            turns = list(box.children)
            if turns:
                newest = turns[-1]
                tall = newest.outer_size.height >= box.scrollable_content_region.height
                box.scroll_to_widget(newest, animate=False, top=tall)

    def set_phase(self, phase: Phase) -> None:
        self.phase = phase
        self.refresh_bindings()
        typed = self.query_one("#typed", AnswerBox)
        # typing, there are no captions and no level to show: their rows go to the talk
        self.query_one("#caption", Static).display = not typed.display
        self.query_one("#level", ProgressBar).display = not typed.display
        if typed.display and phase in (Phase.LOADING, Phase.READY, Phase.SPEAKING):
            typed.focus()  # typing may start the instant the question opens
        if typed.text.strip():  # typed before the question was asked: its answer now
            self.keep_draft()
        self.show_state()
        self.show_countdown()

    def show_state(self) -> None:
        phase = self.phase
        spinner = SPINNER[self.spin % len(SPINNER)]
        if self.empty_hint is not None and phase in (Phase.READY, Phase.SPEAKING):
            label = Text("Nothing to send yet: type an answer first", style="bold yellow")
            label.append(" (ctrl+n skips it)")
        elif phase == Phase.LOADING:
            label = Text(f"{spinner} Getting the interviewer ready…", style="cyan")
            if self.start_when_said:
                label.append(" (you answer once it has asked)")
        elif phase in (Phase.SPEAKING, Phase.EARLY):
            label = Text("Interviewer speaking…", style="cyan")
            if self.start_when_said:
                label.append(" (you answer when it finishes)")
            elif self.send_when_ready and phase == Phase.EARLY:
                label.append(SENT_ONCE_ASKED)
            elif not self.has_mic:
                label.append(" (you can type already)")
        elif phase == Phase.READY:
            label = Text("Your turn: ", style="bold green")
            label.append("press space to start answering" if self.has_mic else "type, Enter sends")
        elif phase == Phase.RECORDING and self.paused.is_set():
            resume = "while you decide" if self.asking else "(p resumes)"
            label = Text(f"⏸ Paused {resume}", style="bold yellow")
        elif phase == Phase.RECORDING:
            label = Text("● Recording", style="bold red")
            label.append(
                " (space stops; s skips before you start)" if self.skip_hint else " (space stops)"
            )
        elif phase == Phase.RERECORD:
            label = Text("Starting over…")
        elif phase == Phase.THINKING:
            reading = "Reading your answer…" if self.typing() else "Listening back…"
            interviewer = self.session.interviewer
            if self.session.deciding and interviewer.timeout_s and interviewer.available:
                # the answer is judged; an LLM takes its time (the offline one: no time)
                reading = "The interviewer is thinking…"
                llm = self.app.deps.llm
                if llm is not None and not llm.ready:
                    # its library still loading (litellm: 10-70 s on a busy machine), the
                    # request not sent, its deadline not started: "thinking" ran 30 s
                    # against a 20 s deadline, 10 s of it before the request went out
                    reading = "Loading the LLM interviewer…"
            label = Text(f"{spinner} {reading}", style="cyan")
            if self.send_when_ready:
                label.append(SENT_ONCE_ASKED)
            behind = self.live is not None and not self.typing()
            if behind and self.live.duration_s - self.live.reached_s >= CATCHING_UP_S:
                live = self.live  # a busy machine fell behind the speech: say how far it is
                label.append(f" {clock(live.reached_s)} of {clock(live.duration_s)} transcribed")
        else:
            label = Text(f"{spinner} Interview over: building your report…", style="cyan")
        self.query_one("#state", Static).update(label)
        if not hasattr(self, "session"):  # how many answers is not known yet ("of up to 1")
            self.query_one("#turn", Static).update("Answer 1 ·")
            return
        turn = self.session.index + 1
        most = self.session.interview.max_moves + 1
        self.query_one("#turn", Static).update(f"Answer {min(turn, most)} of up to {most} ·")

    def elapsed(self) -> float:
        if self.started_at is None:
            return 0.0
        paused = self.paused_for + (self.now() - self.paused_at if self.paused_at else 0.0)
        return self.now() - self.started_at - paused

    def tick(self) -> None:
        self.spin += 1
        if self.phase in (Phase.THINKING, Phase.DONE, Phase.LOADING):
            self.show_state()
        self.show_countdown()

    def show_countdown(self) -> None:
        widget = self.query_one("#countdown", Static)
        # judging an answer, no clock runs: "budget 6:00" beside "Listening back… 0:15 of
        # 0:24 transcribed" read as time still being counted
        if not hasattr(self, "session") or self.phase in (Phase.DONE, Phase.THINKING):
            widget.update("")
            return
        budget = self.session.budget_s
        since = self.typing_since
        if self.phase != Phase.RECORDING and since is None:
            widget.update(f"budget {clock(budget)}")
            return
        if since is not None:  # typing: a confirmation open over it holds the clock
            held = self.typing_held_at
            left = budget - ((held if held is not None else self.now()) - since)
        else:
            left = budget - self.elapsed()
        widget.update(
            Text(f"+{clock(-left)} over", style="bold red") if left < 0 else f"{clock(left)} left"
        )
