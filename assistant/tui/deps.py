"""Everything the app needs from outside, handed in by the CLI (or by a test)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # nothing of the audio or scoring stack before the first frame
    from assistant.interview.planner import OfflinePlanner
    from assistant.interview.session import Interviewer
    from assistant.llm.port import ChatModel
    from assistant.scoring.analyse import StructureSpec
    from assistant.settings import Settings
    from prompts import Question
    from sessions.store import Store
    from speech.recorder import Recorder
    from speech.transcriber import Transcriber
    from speech.tts import Speaker


def _set() -> threading.Event:
    ready = threading.Event()
    ready.set()
    return ready


class Player(Protocol):
    audible: bool
    """False when nothing can be heard (no audio output): the app says so instead."""

    def play(self, path: Path, start_s: float) -> None:
        """Play ``path`` from ``start_s`` (returns at once)."""
        ...


class SilentPlayer:
    """No audio output: remembers what would have been played."""

    audible = False

    def __init__(self) -> None:
        self.played: list[tuple[Path, float]] = []

    def play(self, path: Path, start_s: float) -> None:
        self.played.append((path, start_s))


class SoundDevicePlayer:
    audible = True

    def play(self, path: Path, start_s: float) -> None:
        import sounddevice

        from speech.audio import SAMPLE_RATE, load_audio

        audio = load_audio(path).pcm[int(start_s * SAMPLE_RATE) :]
        sounddevice.stop()
        sounddevice.play(audio, SAMPLE_RATE)


def _shipped_rubric_titles() -> dict[str, str]:
    from rubrics import load_rubrics

    return {rubric_id: rubric.title for rubric_id, rubric in load_rubrics().items()}


WORKER_THREAD = "thinkaloud-worker"
"""The name of the app's worker threads (``tui.app.DaemonExecutor``)."""

RECORDING_CLOSE_S = 10.0
"""How long quitting waits for an answer being recorded to be written out."""


@dataclass
class AppDeps:
    settings: Settings
    questions: dict[str, Question]
    transcriber: Transcriber | None
    """None until the audio stack is set up (see ``audio_ready``)."""
    structure_for: Callable[[Question], StructureSpec]
    interviewer_for: Callable[[OfflinePlanner], Interviewer]
    interviewer_label: str
    recorder_for: Callable[[int], Recorder] | None
    """How many answers were recorded before -> the recorder for the next one (a
    microphone, or the next replayed file: a skip or a typed answer uses none up, a take
    again replays the same one); None: type answers."""
    mic_label: str
    speaker: Speaker
    player: Player
    store: Store | None
    rubric_titles: dict[str, str] = field(default_factory=_shipped_rubric_titles)
    """Each rubric's title by its id ("Timed explanation" for "general"): the rubric as
    Home's picker and details name it, as the report does (the shipped ones unless
    given, the user's own included)."""
    warm_up: list[Callable[[], None]] = field(default_factory=list)
    """Slow loads (speech model, sentence model, litellm) run in the background at start."""
    clock: Callable[[], float] | None = None
    """Seconds, for countdowns; tests freeze it."""
    devices: list[str] = field(default_factory=list)
    """Input device names for the picker (empty: nothing to pick)."""
    device: str | None = None
    """The chosen input device (None: the system default)."""
    llm: ChatModel | None = None
    """The LLM interviewer's model (None: the offline interviewer asks): whether it is
    loaded yet is said while the interviewer decides."""
    llm_endpoint: str | None = None
    """The configured LLM server's base URL, for the reachability check."""
    startup_notices: list[str] = field(default_factory=list)
    """Said once the home screen shows (a question file of the user's own left out)."""
    interviewer_status: str = ""
    """How the interviewer's model is doing (loading, ready, failed), shown on the home screen."""
    answers_available: int | None = None
    """Recorded answers to replay (None: a live candidate). The session's length comes
    from the question's budget, as in ``thinkaloud practice``, and ends when they run out."""
    sound_out: bool = True
    """An audio output device exists: the interviewer speaks and answers play back."""
    replay: list[Path] = field(default_factory=list)
    """Recordings to answer with, in order, instead of a microphone (``--replay``)."""
    audio_ready: threading.Event = field(default_factory=_set)
    """Set once the transcriber, microphone, voice and player are known. The app finds
    them in the background after its first frame; an interview waits for this."""
    recording_idle: threading.Event = field(default_factory=_set)
    """Clear while an answer is being written to disk: quitting waits for this, and for
    nothing else the app's threads are doing (a transcription in flight)."""
