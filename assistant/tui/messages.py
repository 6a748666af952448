"""Messages the app's workers post back to the screens."""

from __future__ import annotations

from textual.message import Message


class Level(Message):
    """Microphone input level, 0-1 (frequent: newer ones replace older ones)."""

    def __init__(self, rms: float) -> None:
        super().__init__()
        self.rms = rms

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Level)


class Caption(Message):
    """Words transcribed so far in the current answer."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Caption)


class Notice(Message):
    def __init__(self, text: str, severity: str = "information") -> None:
        super().__init__()
        self.text = text
        self.severity = severity
