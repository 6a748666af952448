"""``thinkaloud`` with no arguments: pick a question, answer out loud, get probed, get a report."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notification
from textual.screen import Screen

from assistant.tui.deps import RECORDING_CLOSE_S, WORKER_THREAD, AppDeps
from assistant.tui.messages import Notice
from assistant.tui.screens.dialogs import ConfirmScreen, HelpScreen, Palette
from assistant.tui.screens.home import HomeScreen


class DaemonExecutor(concurrent.futures.ThreadPoolExecutor):
    """The event loop's executor for the app's thread workers: each job on a daemon
    thread, and shutting down waits for none. asyncio's own pool is joined as the app
    closes, so quitting mid-answer left a blank terminal for 12-25 s (a loaded machine)
    while a caption's transcription finished; what must finish, the answer being
    written to disk, is waited for by name (``AppDeps.recording_idle``). A pool by type
    only (asyncio takes no other kind): it starts no pool threads of its own."""

    def submit(self, fn, /, *args, **kwargs) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

        threading.Thread(target=run, name=WORKER_THREAD, daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        return None


QUIT_HINT_S = 5.0
"""How long the Ctrl+Q hint stays (Textual's own time for a notice)."""


class ThinkaloudApp(App):
    TITLE = "thinkaloud"
    SUB_TITLE = "practise ML system design out loud"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark,f1", "help", "Help"),
    ]

    def __init__(self, deps: AppDeps) -> None:
        super().__init__()
        self.deps = deps
        self.ready = False
        self.crash_log: Path | None = None
        self.kept_unjudged: str | None = None
        """A session quit mid-answer, kept for ``thinkaloud rescore``."""
        self.kept_unasked: Path | None = None
        """Where words typed for a question not asked yet were kept, when quit then."""
        self._caught: dict[int, object] = {}
        """The closing signals' handlers before the app's (put back as it closes)."""
        self._signal_code: int | None = None
        self._signalled = threading.Event()  # set from a signal handler: no lock is shared
        self._quit_hint_until = float("-inf")
        """Until when the Ctrl+Q hint is on screen (the app's clock)."""
        self._startup_notices_due = False
        """The launch's notices wait for Home (keys typed as the app started opened a
        question first)."""
        self._startup_notifications: list[Notification] = []
        """The launch's notices on screen: taken away when Home is left."""

    def on_load(self) -> None:
        asyncio.get_running_loop().set_default_executor(DaemonExecutor())

    def on_mount(self) -> None:
        from speech.tts import SpeakerThread

        self._catch_closing()

        self.voice = SpeakerThread(self.deps.speaker)
        self.push_screen(HomeScreen())
        self.call_after_refresh(self.say_startup_notices)
        # after the first frame: the loaders' imports would hold the interpreter's lock
        # while the home screen is being laid out
        self.call_after_refresh(self.warm_up)

    def say_startup_notices(self) -> None:
        """What the launch found wrong (a question file left out) is Home's to say, once:
        said while Home is on screen (else when it is back: keys typed as the app started
        may have opened a question first), and taken away when Home is left, so it never
        sits over a question or a dialog's buttons."""
        if not isinstance(self.screen, HomeScreen):
            self._startup_notices_due = True
            return
        self._startup_notices_due = False
        for notice in self.deps.startup_notices:
            notification = Notification(notice, severity="warning", timeout=20, markup=False)
            self._startup_notifications.append(notification)
            self._notifications.add(notification)  # at once: Home may be left next
        self._refresh_notifications()

    def home_resumed(self) -> None:
        if self._startup_notices_due:
            self.say_startup_notices()

    def home_left(self) -> None:
        """Home's own notices go with it (said once: not again when Home is back)."""
        for notification in self._startup_notifications:
            if notification in self._notifications:
                self._unnotify(notification)
        self._startup_notifications.clear()

    def on_unmount(self) -> None:
        self.voice.close()
        for sig, previous in self._caught.items():
            signal.signal(sig, previous)
        if self._signal_code is None:  # closed from inside: the watchdog is not needed
            self._signalled.set()

    CLOSING = tuple(
        getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
    )
    """Signals that close the app from outside: the terminal window closed (SIGHUP), the
    process told to stop (SIGTERM)."""

    def _catch_closing(self) -> None:
        """Each closing signal is caught by a plain handler, not by the event loop: with
        the terminal's output stalled, the loop itself waits on the driver to take a frame,
        and a handler the loop had to run never ran (the app recorded on, for as long as
        it was left, after its window was closed). The handler starts the watchdog and
        asks the loop to close the app, which it does at once when it can."""
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._end_if_stuck, name="closing", daemon=True).start()

        def closed(sig: int, _frame) -> None:
            self._signal_code = 128 + sig
            self._signalled.set()
            with contextlib.suppress(RuntimeError):  # the loop has closed: nothing to do
                loop.call_soon_threadsafe(self._closed_from_outside, sig)

        for sig in self.CLOSING:
            try:
                self._caught[sig] = signal.signal(sig, closed)
            except (OSError, ValueError):  # no signals here
                continue
        if hasattr(signal, "SIGHUP"):
            threading.Thread(
                target=self._watch_terminal, args=(closed,), name="terminal", daemon=True
            ).start()

    TERMINAL_CHECK_S = 1.0
    """How often the app looks whether its terminal is still there."""

    def _watch_terminal(self, closed) -> None:
        """A terminal that is gone with no hangup signal (its window's end closed while it
        was not the app's controlling terminal) closes the app as a hangup does: the app
        ran on for as long as it was left, half a core spent reading the end of its input,
        its screen waiting on a terminal that took no more output. A terminal hung up
        answers no question about its settings (EIO)."""
        try:
            import termios  # not on every system: there, signals alone close the app
        except ImportError:
            return
        stdin = sys.__stdin__
        try:
            fd = stdin.fileno() if stdin is not None else -1
            if fd < 0 or not os.isatty(fd):
                return  # no terminal to lose (tests driving the app headless)
        except (OSError, ValueError):
            return
        while not self._signalled.wait(self.TERMINAL_CHECK_S):
            try:
                termios.tcgetattr(fd)
            except (OSError, termios.error):
                closed(signal.SIGHUP, None)
                return

    def _closed_from_outside(self, sig: int) -> None:
        """Closed from outside, mid-answer too: what Ctrl+Q does, without asking (there is
        nobody left to ask). What was said or typed is kept, and the terminal put back."""
        interview = self._interview()
        if interview is not None:
            interview.stop_for_quit()
        self.exit(return_code=128 + sig)

    CLOSING_GRACE_S = 5.0
    """How long an app closed from outside may take to close before it is ended."""

    def _end_if_stuck(self) -> None:
        """Still here a while after a closing signal (the terminal gone, or its output
        stalled: the driver's writes wait for ever; or the screen stuck): the answer being
        recorded is stopped and written out, the answer being typed is on disk as it was
        typed (kept as the keys came), then the process ends; the session is listed as
        interrupted, and the store's journal is folded back in on its next open."""
        self._signalled.wait()
        if self._signal_code is None:  # the app closed from inside
            return
        time.sleep(self.CLOSING_GRACE_S)
        # whatever keeping what was said meets (an error, a lock the stuck app holds),
        # the process ends: a window closed at the report left it running on, spinning
        # on its dead terminal, until it was killed
        keeper = threading.Thread(target=self._keep_what_was_said, name="keeping", daemon=True)
        try:
            keeper.start()
            keeper.join(RECORDING_CLOSE_S + 1.0)
        finally:
            os._exit(self._signal_code)

    def _keep_what_was_said(self) -> None:
        """The answer being recorded stopped and written out, the answer being typed on
        disk as last kept (for :meth:`_end_if_stuck`, from its own thread)."""
        interview = self._interview()
        if interview is not None:
            interview.stop.set()  # an Event: safe from this thread
            session = getattr(interview, "session", None)
            if session is not None:  # the answer being typed, as last kept: on disk now
                with contextlib.suppress(Exception):
                    session.flush_draft()
        self.deps.recording_idle.wait(RECORDING_CLOSE_S)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed before the app takes over the terminal pass through its line
        # discipline, which turns Enter into a line feed: Ctrl+J. A shell reads Ctrl+J as
        # Enter too, so it is one here ("Down Enter" typed as the app starts, starts).
        if isinstance(event, events.Key) and event.key == "ctrl+j" and not event.is_forwarded:
            event = events.Key("enter", "\r")
        # The answer box takes its text straight from here (the interview screen's
        # AnswerBox: a paste sent as keys is thousands of them, and Textual's lookup of
        # the bindings for each took longer than putting them in)
        if isinstance(event, events.InputEvent) and not event.is_forwarded and self.screen_stack:
            box = self.focused
            if hasattr(box, "keep_key") and hasattr(box, "hold_keys"):
                key = isinstance(event, events.Key)
                if key and not box.hold_keys() and box.keep_key(event):
                    self.app_focus = True
                    return  # text, which no binding takes from the box it goes to
                box.take_keys()  # any other key, a click or a paste acts after them
                await super().on_event(event)
                if key:  # handed to the box through the queue: the keys behind it follow
                    box.handed()
                return
        await super().on_event(event)

    @work(thread=True, exclusive=True, group="warm-up")
    def warm_up(self) -> None:
        """Load the speech model (and friends) while the first screen is already usable."""
        for load in self.deps.warm_up:
            try:
                load()
            except Exception as exc:  # a model that fails to load: say so, keep the app
                self.post_message(Notice(f"{exc}", "error"))
            self.call_from_thread(self.show_interviewer)
        self.ready = True

    def show_interviewer(self) -> None:
        """The home screen says which interviewer will ask and which microphone is used,
        as the background setup finds them."""
        if self.deps.audio_ready.is_set():
            self.voice.speaker = self.deps.speaker
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen) and screen.is_mounted:
                screen.show_interviewer()
                screen.show_audio()
            elif isinstance(screen, HelpScreen) and screen.is_mounted:
                screen.show_keys()  # opened while the microphone was looked for

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, timeout=8)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Notices are plain text: they carry paths, model names and error messages, whose
        brackets must not be read as markup. The same notice again (Enter pressed three
        times on an answer too long to send) replaces the one on screen, its time starting
        over: copies of it stacked over the answer box."""
        title = kwargs.get("title", "")
        for shown in list(self._notifications):
            if shown.message == message and shown.title == title:
                self._unnotify(shown, refresh=False)
        super().notify(message, markup=markup, **kwargs)

    # -- keys and commands ------------------------------------------------------------------

    def action_help_quit(self) -> None:
        """Ctrl+C (copy in a text box) is pressed by habit to quit: say which key quits.
        Textual's own notice is written in markup, which plain notices show as it is.
        Pressed again while the hint is on screen (twice, by habit), it is not stacked a
        second time."""
        now = (self.deps.clock or time.monotonic)()
        if now < self._quit_hint_until:
            return
        self._quit_hint_until = now + QUIT_HINT_S
        self.notify(
            "Press Ctrl+Q to quit the app.", title="Do you want to quit?", timeout=QUIT_HINT_S
        )

    def action_command_palette(self) -> None:
        """Textual's palette, with Ctrl+C saying how to quit there too."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen | ConfirmScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit at once, asking first while an answer is being recorded or typed; what was
        said or typed is kept (the session shows as interrupted, and ``thinkaloud rescore``
        judges it)."""
        interview = self._interview()
        if interview is not None and (interview.recording or interview.draft()):

            def answer(yes: bool | None) -> None:
                if yes:
                    interview.stop_for_quit()
                    self.exit()

            said, going = ("said", "recording") if interview.recording else ("typed", "typing")
            # paused, "keep recording" would promise what "no" does not do: it stays paused
            stay = "Stay paused" if interview.recording and interview.paused.is_set() else None
            interview.ask(
                ConfirmScreen(
                    f"Quit while {going}? What you {said} so far is kept with the session; "
                    "\u201cthinkaloud rescore\u201d can judge it later.",
                    yes="Quit",
                    no=stay or f"Keep {going}",
                ),
                answer,
            )
            return
        if interview is not None:
            interview.stop_for_quit()
        self.exit()

    def _interview(self):
        from assistant.tui.screens.interview import InterviewScreen

        return next((s for s in self.screen_stack if isinstance(s, InterviewScreen)), None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Help", "Every key on this screen", self.action_help)
        yield from getattr(screen, "commands", lambda: [])()
        yield from super().get_system_commands(screen)

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """The palette's "Screenshot": an SVG in the Downloads folder, made if it is missing
        (Textual only wrote into one that existed, and said "Failed to save screenshot"
        without saying where it tried), else in the data folder; the notice says where."""
        from platformdirs import user_downloads_path

        places = [Path(path) if path else user_downloads_path()]
        if self.deps.store is not None:
            places.append(self.deps.store.data_dir / "screenshots")
        name = filename or _dated_name(self.title, ".svg", time_format)
        svg = self.export_screenshot()
        failed = []
        for folder in places:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(svg, encoding="utf-8")
            except OSError as exc:
                failed.append(f"{folder} ({exc.strerror or exc})")
                continue
            self.notify(f"Screenshot saved: {folder / name}", title="Screenshot")
            return str(folder / name)
        self.notify(
            f"The screenshot could not be saved in {' or '.join(failed)}.",
            title="Screenshot",
            severity="error",
        )
        return None

    # -- a bug must not cost the user their session ------------------------------------------

    def _fatal_error(self) -> None:
        """An unexpected error: the traceback goes to a log file in the data dir (never to
        the screen, where it would show settings), the session in progress is kept as
        interrupted, and the app exits with a non-zero code and one line."""
        error = self._exception
        text = "".join(traceback.format_exception(error)) if error else traceback.format_exc()
        interview = self._interview()
        if interview is not None:
            try:
                interview.stop_for_quit()
            except Exception:  # the session store may be what failed
                text += "\n(the session could not be marked interrupted)\n"
        self.crash_log = self._write_crash_log(text)
        where = f"; details in {self.crash_log}" if self.crash_log else ""
        self._exit_renderables.append(
            Text(
                f"thinkaloud: internal error: the app stopped{where}",
                style="red",
                no_wrap=True,
                overflow="ignore",
            )
        )
        self._close_messages_no_wait()

    def _write_crash_log(self, text: str) -> Path | None:
        """The log in the data folder, else in the user's log folder: on a full data disk
        the first left an empty file and the one line pointed at it."""
        from platformdirs import user_log_dir

        store = self.deps.store
        folders = [store.data_dir / "logs"] if store is not None else []
        name = datetime.now().strftime("crash-%Y%m%d-%H%M%S.log")
        for folder in [*folders, Path(user_log_dir("thinkaloud"))]:
            path = folder / name
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
            except OSError:
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            return path
        return None


def _dated_name(prefix: str, suffix: str, time_format: str | None = None) -> str:
    """A file name with the date and time in it, as Textual names its screenshots
    ("thinkaloud_2026-12-07T07_40_12_123456.svg": a space and the characters a file name
    cannot hold as "_"), without reaching into Textual's private modules."""
    now = datetime.now()
    stem = f"{prefix} {now.isoformat() if time_format is None else now.strftime(time_format)}"
    for reserved in ' <>:"/\\|?*.':
        stem = stem.replace(reserved, "_")
    return stem + suffix
