"""The interviewer's voice: pyttsx3 (espeak-ng on Linux), behind a small protocol.

pyttsx3's engine is not re-entrant: one engine, driven from one thread, for the
life of the program (the Textual app gives it a thread of its own).
"""

from __future__ import annotations

import contextlib
import io
import threading
from pathlib import Path
from typing import Protocol

from speech.errors import SpeechError


class SpeakerError(SpeechError):
    exit_code = 8


SAVE_TRIES = 3
"""pyttsx3's espeak driver writes the file from espeak's own thread; on a busy machine a
`practice --tts-out` run once found no file for its second turn (and passed when run
again). The same text is saved again before giving up."""
WAV_HEADER = 44


class Speaker(Protocol):
    def say(self, text: str) -> None:
        """Speak ``text`` aloud and return when done."""
        ...

    def save(self, text: str, path: Path) -> None:
        """Write ``text`` as speech to a WAV file at ``path``."""
        ...


class SilentSpeaker:
    """No voice: for muted sessions and tests. ``spoken`` records what would have been said."""

    def __init__(self) -> None:
        self.spoken: list[str] = []

    def say(self, text: str) -> None:
        self.spoken.append(text)

    def save(self, text: str, path: Path) -> None:
        raise SpeakerError("no voice is configured, so nothing can be saved")


def output_device_available() -> bool:
    """Whether PortAudio sees any output device (pyttsx3 fails silently without one)."""
    try:
        import sounddevice
    except (ImportError, OSError):
        return False
    try:
        return any(d.get("max_output_channels", 0) > 0 for d in sounddevice.query_devices())
    except Exception:  # PortAudio errors have no common base class worth importing
        return False


class Pyttsx3Speaker:
    def __init__(self, rate_wpm: int = 170, engine=None) -> None:
        """``engine``: a pyttsx3 engine already made (made on first use otherwise); it is
        driven from the thread that makes this speaker."""
        self.rate_wpm = rate_wpm
        self._engine = engine
        self._owner: int | None = None if engine is None else threading.get_ident()

    def _get(self):
        if self._engine is None:
            try:
                import pyttsx3

                self._engine = pyttsx3.init()
            except Exception as exc:  # no driver (espeak-ng missing), broken install
                raise SpeakerError(
                    f"the interviewer's voice cannot start ({exc}); on Linux install "
                    "espeak-ng, or practise without --speak"
                ) from exc
            self._engine.setProperty("rate", self.rate_wpm)
            self._owner = threading.get_ident()
        elif threading.get_ident() != self._owner:
            raise RuntimeError("pyttsx3 must be driven from the thread that created it")
        return self._engine

    def say(self, text: str) -> None:
        engine = self._get()
        engine.say(text)
        engine.runAndWait()

    def save(self, text: str, path: Path) -> None:
        engine = self._get()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SpeakerError(
                f"{path.parent}: cannot hold the interviewer's voice ({exc.strerror})"
            ) from exc
        for _ in range(SAVE_TRIES):
            # the espeak driver prints "Audio saved to ..." on stdout, which would corrupt --json
            with contextlib.redirect_stdout(io.StringIO()):
                engine.save_to_file(text, str(path))
                engine.runAndWait()
                _wait_for_espeak()
            if path.exists() and path.stat().st_size > WAV_HEADER:
                return
        raise SpeakerError(f"{path}: the interviewer's voice was not written")


def _wait_for_espeak() -> None:
    """With the espeak driver, runAndWait() returns before the WAV is written; a short
    question was lost when the process exited. Synchronize() waits for espeak."""
    try:
        from pyttsx3.drivers import _espeak
    except ImportError:
        return
    sync = getattr(_espeak, "Synchronize", None)
    if sync is not None:
        sync()


class SpeakerThread:
    """One long-lived thread that owns the speaker (pyttsx3 cannot be driven from more
    than one thread, nor re-entered): callers queue text and get a callback when done."""

    def __init__(self, speaker: Speaker) -> None:
        import queue

        self.speaker = speaker
        self._queue: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="thinkaloud-voice", daemon=True)
        self._thread.start()

    def say(self, text: str, done=None) -> None:
        """Queue ``text``; ``done(error)`` runs on the voice thread when it has been said."""
        self._queue.put((text, done))

    def _run(self) -> None:
        import queue

        while not self._stop.is_set():
            try:
                text, done = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            error = None
            try:
                if text:  # empty: just the callback, in order
                    self.speaker.say(text)
            except Exception as exc:  # no driver, no device: report, keep serving
                error = exc
            if done is not None:
                done(error)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
