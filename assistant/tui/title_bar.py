"""The line at the top of every screen: the app's name and what the screen is for."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """Draws the screen's title (or the app's) and sub-title, at once and on every change.

    Textual's ``Header`` draws its title from a coroutine queued on the app. When a screen
    closed, or the app quit, the instant after the screen opened ("Down Enter Ctrl+Q" typed
    ahead), that coroutine found the header's parts already gone and the app stopped with
    an internal error. This bar's watchers run as the title changes, not later.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self.show_title)
            self.watch(owner, "sub_title", self.show_title)

    def show_title(self) -> None:
        if not self.is_attached:
            return
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        self.update(app.format_title(title, sub_title))
