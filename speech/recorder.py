"""Where answers come from: a microphone, or a recording replayed as if it were one.

A recorder yields blocks of 16 kHz mono int16 samples until it runs out or the
caller's stop event is set. :class:`FileReplayRecorder` feeds a file at real-time
speed (or as fast as possible), so the whole recording path - streaming to disk,
crash recovery, live transcription - can be exercised without a microphone.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import numpy as np

from speech.audio import SAMPLE_RATE, load_audio
from speech.errors import SpeechError

BLOCK_S = 0.1


def block_level(block: np.ndarray) -> float:
    """RMS of an int16 block, 0-1 (for level meters)."""
    return float(np.sqrt(np.mean((block / 32768.0) ** 2))) if block.size else 0.0


class Recorder(Protocol):
    played_out: bool
    """The take's source was given out to its end: a recording replayed was not stopped
    before it ended (space pressed twice fast stops one before a word of it was heard,
    and it is played again, not taken for a recording with no speech). A microphone
    has no end to reach: its takes are always played out."""

    def blocks(
        self, stop: threading.Event, hold: threading.Event | None = None
    ) -> Iterator[np.ndarray]:
        """int16 blocks of 16 kHz mono audio, until the source ends or ``stop`` is set
        (a microphone then still hands over what it heard before the stop). While
        ``hold`` is set a source that can wait (a recording replayed) waits; a microphone
        cannot, and the caller drops what it hears meanwhile."""
        ...


class FileReplayRecorder:
    def __init__(
        self,
        path: Path,
        *,
        realtime: bool = True,
        block_s: float = BLOCK_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = path
        self.realtime = realtime
        self.block = int(block_s * SAMPLE_RATE)
        self.clock = clock
        self.sleep = sleep
        self.played_out = False
        """The whole recording has been handed over (not stopped before its end)."""

    def blocks(
        self, stop: threading.Event, hold: threading.Event | None = None
    ) -> Iterator[np.ndarray]:
        pcm = load_audio(self.path).pcm
        started = self.clock()
        for i in range(0, len(pcm), self.block):
            if stop.is_set():
                return
            if self.realtime:  # a block is available only once it has been "spoken"
                due = started + (i + self.block) / SAMPLE_RATE
                wait = due - self.clock()
                if wait > 0:
                    self.sleep(wait)
                if stop.is_set():  # stopped before this block was "spoken"
                    return
            if hold is not None and hold.is_set():
                # paused: the recording waits where it was, as a speaker would; it does
                # not play on unheard, or end while nobody listens
                held = self.clock()
                while hold.is_set() and not stop.is_set():
                    self.sleep(self.block / SAMPLE_RATE)
                if stop.is_set():
                    return
                started += self.clock() - held
            yield pcm[i : i + self.block]
        self.played_out = True


class MicrophoneError(SpeechError):
    """No usable microphone: missing, busy, or PortAudio not installed."""

    exit_code = 11


def input_devices() -> list[dict]:
    """Input devices PortAudio can see ([] when there are none, or no PortAudio)."""
    try:
        import sounddevice
    except (ImportError, OSError):
        return []
    try:
        devices = sounddevice.query_devices()
    except Exception:  # PortAudioError: no common base worth importing
        return []
    return [dict(d) for d in devices if d.get("max_input_channels", 0) > 0]


class SoundDeviceRecorder:
    """The microphone through PortAudio, 16 kHz mono int16.

    The PortAudio callback only copies each block onto a queue (it runs on an
    audio thread that must never block); the caller's thread takes blocks from
    there. int16 is asked of PortAudio directly: with float32 through an ALSA
    plug the first seconds were lost, with int16 the samples arrive bit-exact.
    """

    played_out = True
    """A microphone has no recording to play again: whatever it heard is the take."""

    def __init__(
        self,
        device: int | str | None = None,
        *,
        block_s: float = BLOCK_S,
        max_queue_s: float = 60.0,
    ) -> None:
        self.device = device
        self.block = int(block_s * SAMPLE_RATE)
        self._queue: queue.Queue[np.ndarray] = queue.Queue(maxsize=int(max_queue_s / block_s))
        self.dropped_blocks = 0
        self.level = 0.0
        """RMS of the latest block, 0-1, for a live level meter."""

    def _callback(self, indata, frames, time_info, status) -> None:
        block = indata[:, 0].copy()
        try:
            self._queue.put_nowait(block)
        except queue.Full:
            self.dropped_blocks += 1

    def blocks(
        self, stop: threading.Event, hold: threading.Event | None = None
    ) -> Iterator[np.ndarray]:
        try:
            import sounddevice
        except OSError as exc:  # the PortAudio library itself is missing
            raise MicrophoneError(
                "PortAudio is not installed, so no microphone can be used "
                "(Debian/Ubuntu: apt-get install libportaudio2)"
            ) from exc
        if not input_devices():
            raise MicrophoneError(
                "no microphone was found: plug one in (or check the system's sound "
                "settings), or answer from recordings with --answer / --replay"
            )
        try:
            stream = sounddevice.InputStream(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="int16",
                blocksize=self.block,
                device=self.device,
                callback=self._callback,
            )
        except Exception as exc:  # PortAudioError, ValueError for a bad device
            raise MicrophoneError(f"the microphone could not be opened ({exc})") from exc
        with stream:
            while not stop.is_set():
                try:
                    block = self._queue.get(timeout=0.1)
                except queue.Empty:
                    continue
                self.level = block_level(block)
                yield block
        # the stream is closed: blocks heard before the stop and not taken yet (a busy
        # machine takes them late) are the answer's last words, not to be left behind
        while True:
            try:
                block = self._queue.get_nowait()
            except queue.Empty:
                return
            self.level = block_level(block)
            yield block
