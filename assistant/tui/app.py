"""``thinkaloud`` with no arguments: pick a question, answer out loud, get probed, get a report."""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.binding import Binding

from assistant.tui.deps import AppDeps
from assistant.tui.messages import Notice
from assistant.tui.screens.home import HomeScreen


class ThinkaloudApp(App):
    TITLE = "thinkaloud"
    SUB_TITLE = "practise ML system design out loud"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, deps: AppDeps) -> None:
        super().__init__()
        self.deps = deps
        self.ready = False

    def on_mount(self) -> None:
        from speech.tts import SpeakerThread

        self.voice = SpeakerThread(self.deps.speaker)
        self.push_screen(HomeScreen())
        self.warm_up()

    def on_unmount(self) -> None:
        self.voice.close()

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
        """The home screen says which interviewer will ask, once its model is loaded."""
        for screen in self.screen_stack:
            if hasattr(screen, "show_interviewer"):
                screen.show_interviewer()

    def on_notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, timeout=8)
