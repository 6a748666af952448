"""Words typed on after the interview ended.

A candidate typing an answer ahead does not know it was the last: the interview ends, the
report opens under their fingers, and their letters would be its keys ("n" opened the
question list, then "h" History: the report was gone before it was read). While they go
on typing, their keys are words: kept with the session and shown, not acted on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import events

GAP_S = 1.0
"""A key this long after the one before is a new intent: the typing has stopped."""


@dataclass
class LateWords:
    """What is typed on after the interview ended, while the typing goes on."""

    keep: Callable[[str], Path | None]
    """Keeps the words with the session (the file, or None when nothing is saved)."""
    last: float
    """When the last key was typed (the app's clock)."""
    text: str = ""

    def going(self, now: float) -> bool:
        """Whether the typing is still going on at ``now``."""
        return now - self.last < GAP_S

    def take(self, event: events.Key, now: float) -> bool:
        """``event`` as a word's key, if it is one and the typing goes on; whether taken."""
        if not self.going(now):
            return False
        if event.key == "backspace":
            self.text = self.text[:-1]
        elif event.key == "enter":  # sent, as the candidate thinks: a line of its own
            self.text += "\n"
        elif event.is_printable and event.character is not None:
            self.text += event.character
        else:
            return False  # arrows, Escape, ctrl keys: the candidate's commands
        self.last = now
        return True

    def settled(self) -> str:
        """The words typed, once the typing stopped."""
        return self.text.strip()


def shortened(text: str, most: int = 160) -> str:
    """``text`` up to ``most`` characters, cut at a word with "…" when longer."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0] + "…"


def late_notice(text: str, kept: Path | None) -> str:
    """The notice over the report that names the words."""
    where = f" It is kept in {kept}." if kept is not None else ""
    return (
        "The interview had ended, so what you typed after your last answer was not sent: "
        f"“{shortened(' '.join(text.split()))}”{where}"
    )
