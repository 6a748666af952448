"""Small modal screens: a yes/no confirmation, and the list of keys (``?``)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from assistant.tui.sizing import SizedToTerminal


class _Dialog(SizedToTerminal, ModalScreen):
    """A dialog keeps the app's own keys from the screens under it, Ctrl+C's hint
    included: pressed by habit to quit while a dialog was open, it showed nothing. It
    copies selected text, as everywhere; with none, it says which key quits."""

    def action_copy_text(self) -> None:
        if self.get_selected_text() is None:
            self.app.action_help_quit()
            return
        super().action_copy_text()


class Palette(SizedToTerminal, CommandPalette):
    """The command palette (ctrl+p), whose Ctrl+C said nothing either. Pressed with no
    text selected, Ctrl+C closes it (at 80x24 its list covers where the hint is shown)
    and says which key quits."""

    def action_copy_text(self) -> None:
        if self.get_selected_text() is None:
            self.dismiss()
            self.app.action_help_quit()
            return
        super().action_copy_text()


class ConfirmScreen(_Dialog, ModalScreen[bool]):
    """Asks before something that cannot be taken back; dismisses with True for yes."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    REPLIES = frozenset("yn")
    """The letters that answer it."""

    def __init__(
        self,
        question: str,
        yes: str = "Yes",
        no: str = "No",
        typed_on: Callable[[str], None] | None = None,
    ) -> None:
        """``typed_on``: where keys go when the person was typing on, not answering: a
        letter that is no reply ("my agent" typed straight after ctrl+n had its "m"
        swallowed and its "y" taken as "skip", the draft with it) closes the question as
        "no", and it and every key after it are handed on, in order."""
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.typed_on = typed_on
        self.typing_on = False

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if self.typed_on is None or not char or not event.is_printable:
            return
        if not self.typing_on and (char in self.REPLIES or char.isspace()):
            return
        event.stop()
        event.prevent_default()
        self.typed_on(char)
        if not self.typing_on:
            self.typing_on = True
            self.dismiss(False)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question), id="ask")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        if not self.typing_on:  # closed already, as "no"
            self.dismiss(yes)


class HelpScreen(_Dialog, ModalScreen[None]):
    """Every key of the screen underneath, and the app's own."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, under: Screen, extra: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.under = under
        self.extra = extra or []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="help"):
            yield Static(self.listing(), id="keys")

    def show_keys(self) -> None:
        """List the keys again: what the screen underneath offers can change while the help
        is open (the microphone search ends and finds none: no "t Test mic")."""
        self.query_one("#keys", Static).update(self.listing())

    def listing(self) -> Text:
        title = getattr(self.under, "HELP_TITLE", type(self.under).__name__)
        lines = Text()
        lines.append(f"{title}\n\n", style="bold")
        for key, what in self.keys():
            lines.append(f"  {key:<12}", style="bold cyan")
            lines.append(f"{what}\n")
        about = getattr(self.under, "HELP_TEXT", "")
        if about:
            lines.append(f"\n{about}\n", style="italic")
        lines.append("\nEscape closes this help.", style="dim")
        return lines

    def keys(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        under = getattr(self.under, "help_bindings", lambda: self.under.BINDINGS)()
        typing = getattr(self.under, "typing", lambda: False)()
        for bindings in (under, self.app.BINDINGS):
            for b in bindings:
                name = _key_name(b.key, typing) if isinstance(b, Binding) else ""
                if name and b.description and name not in seen:
                    seen[name] = b.description
        for key, what in self.extra:
            seen.setdefault(key, what)
        return list(seen.items())

    def action_close(self) -> None:
        self.dismiss(None)


_NAMES = {"question_mark": "?", "ctrl+q": "ctrl+q", "escape": "Escape", "space": "Space",
          "enter": "Enter", "slash": "/", "f1": "F1"}  # fmt: skip


_TEXT_KEYS = {"question_mark", "slash"}


def _key_name(key: str, typing: bool = False) -> str:
    """How a binding's keys are written; while an answer is typed, a key that types text
    ("?") is no command and is left out."""
    keys = [k for k in key.split(",") if not (typing and (k in _TEXT_KEYS or len(k) == 1))]
    return ", ".join(_NAMES.get(k, k) for k in keys)
