"""Messages the app's workers post back to the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from assistant.report import Report


class Level(Message):
    """Microphone input level, 0-1 (frequent: newer ones replace older ones)."""

    def __init__(self, rms: float) -> None:
        super().__init__()
        self.rms = rms

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Level)


class Caption(Message):
    """Words transcribed so far in the current answer, and a provisional transcript of
    the phrase still being spoken."""

    def __init__(self, text: str, partial: str = "") -> None:
        super().__init__()
        self.text = text
        self.partial = partial

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Caption)


class Notice(Message):
    def __init__(self, text: str, severity: str = "information") -> None:
        super().__init__()
        self.text = text
        self.severity = severity


class Rescored(Message):
    """An interrupted session was scored from its kept audio and saved."""

    def __init__(self, session_id: str, report: Report) -> None:
        super().__init__()
        self.session_id = session_id
        self.report = report


class RescoreFailed(Message):
    def __init__(self, session_id: str, text: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.text = text
