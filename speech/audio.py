"""Load any common audio file as 16 kHz mono 16-bit samples, in bounded memory.

PyAV (which faster-whisper already depends on) decodes WAV, FLAC, MP3, OGG,
M4A and more. Decoding streams frame by frame and stops as soon as the
recording passes the length limit, so a two-hour file never fills memory. The
samples are kept as 16-bit integers (half the memory of float32: 230 MB for two
hours) and read as float32 a piece at a time through :class:`Samples`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.errors import (
    AudioDecodeError,
    AudioTooLongError,
    InputMissingError,
    InputUnusableError,
)

SAMPLE_RATE = 16_000


def as_float(pcm: np.ndarray) -> np.ndarray:
    """16-bit samples as float32 in [-1, 1)."""
    return np.multiply(pcm, 1 / 32768.0, dtype=np.float32)


class Samples:
    """16-bit samples read as float32 in [-1, 1) a slice at a time, so the whole
    recording is never held as float32. Scoring only ever reads pieces of it: the VAD
    32 s at a time, Whisper one chunk at a time."""

    __slots__ = ("pcm",)

    def __init__(self, pcm: np.ndarray) -> None:
        self.pcm = pcm

    def __len__(self) -> int:
        return self.pcm.size

    @property
    def size(self) -> int:
        return self.pcm.size

    def __getitem__(self, part: slice) -> np.ndarray:
        if not isinstance(part, slice):
            raise TypeError("Samples are read by slice")
        return as_float(self.pcm[part])


@dataclass(frozen=True)
class Audio:
    """Decoded mono audio at :data:`SAMPLE_RATE`, as 16-bit samples."""

    pcm: np.ndarray
    source: str
    truncated: bool = False
    """True when the file ended before its header said it would (a cut recording)."""

    @property
    def samples(self) -> Samples:
        """The recording as float32, read a piece at a time."""
        return Samples(self.pcm)

    def float32(self) -> np.ndarray:
        """The whole recording as one float32 array: for short clips only."""
        return self.samples[:]

    @property
    def duration_s(self) -> float:
        return self.pcm.size / SAMPLE_RATE


def _fmt_minutes(seconds: float) -> str:
    if seconds >= 60:
        return f"{seconds / 60:.1f} min".replace(".0 min", " min")
    return f"{seconds:.1f} s".replace(".0 s", " s")


def check_input_file(path: Path) -> None:
    """Fail with a one-line reason if ``path`` is not a readable, non-empty file."""
    if not path.exists():
        raise InputMissingError(f"{path}: no such file")
    if path.is_dir():
        raise InputMissingError(f"{path}: is a directory, not an audio file")
    if not path.is_file():  # opening a pipe with no writer waits for ever
        raise InputUnusableError(
            f"{path}: not a regular file (a pipe or a device); save the recording to a file"
        )
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputMissingError(f"{path}: cannot be read ({exc.strerror})") from exc
    if path.stat().st_size == 0:
        raise AudioDecodeError(f"{path}: the file is empty (0 bytes)")


class AudioStream:
    """A recording decoded a block of 16-bit samples at a time, each time it is iterated
    (the same samples every time), so scoring never has to hold it whole.

    Opening it checks the file and the length it declares; iterating raises
    :class:`AudioTooLongError` past ``max_seconds`` and :class:`AudioDecodeError` if no
    sample can be decoded. A file that stops decoding part way through gives what is
    there, and :attr:`truncated` says so.
    """

    def __init__(self, path: Path, *, max_seconds: float | None = None) -> None:
        check_input_file(path)
        self.path = path
        self.max_seconds = max_seconds
        with self._open() as (container, stream):
            self.declared = _declared_duration(container, stream)
            self.source_rate: int | None = stream.rate or None
            """Samples a second as recorded (before resampling to 16 kHz)."""
        if max_seconds is not None and self.declared is not None and self.declared > max_seconds:
            raise AudioTooLongError(
                f"{path}: the recording is {_fmt_minutes(self.declared)} long; the limit is "
                f"{_fmt_minutes(max_seconds)} (raise max_audio_minutes in the config to allow more)"
            )
        self.n_samples = 0
        """Samples the last full pass decoded."""
        self.cut_short = False

    def _unreadable(self) -> AudioDecodeError:
        return AudioDecodeError(f"{self.path}: not an audio file thinkaloud can read")

    @contextmanager
    def _open(self):
        import av  # lazy: PyAV pulls in FFmpeg

        try:
            container = av.open(str(self.path), mode="r", metadata_errors="ignore")
        except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
            raise self._unreadable() from exc
        with container:
            if not container.streams.audio:
                raise AudioDecodeError(f"{self.path}: the file has no audio track")
            yield container, container.streams.audio[0]

    @property
    def expected_samples(self) -> int | None:
        """About how many samples the file declares (a second over), within the limit."""
        if self.declared is None or self.declared <= 0:
            return None
        expected = int(self.declared * SAMPLE_RATE) + SAMPLE_RATE
        if self.max_seconds is not None:
            expected = min(expected, int(self.max_seconds * SAMPLE_RATE) + SAMPLE_RATE)
        return expected

    def __iter__(self) -> Iterator[np.ndarray]:
        import av

        limit = None if self.max_seconds is None else int(self.max_seconds * SAMPLE_RATE)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        n, cut_short = 0, False
        with self._open() as (container, stream):
            frames = container.decode(stream)
            flushed = False
            while not flushed:
                try:
                    frame = next(frames, None)
                except (av.error.FFmpegError, ValueError) as exc:
                    if n == 0:
                        raise self._unreadable() from exc
                    frame, cut_short = None, True  # decodable up to a point: keep that
                flushed = frame is None  # None flushes the resampler
                try:
                    outs = resampler.resample(frame)
                except (av.error.FFmpegError, ValueError):
                    if n == 0 and not flushed:
                        raise self._unreadable() from None
                    outs, cut_short = [], cut_short or not flushed
                    flushed = True
                for out in outs:
                    block = out.to_ndarray().reshape(-1)
                    n += block.size
                    if limit is not None and n > limit:
                        raise AudioTooLongError(
                            f"{self.path}: the recording is longer than the "
                            f"{_fmt_minutes(self.max_seconds)} limit "
                            "(raise max_audio_minutes in the config to allow more)"
                        )
                    yield block
        if n == 0:
            raise AudioDecodeError(
                f"{self.path}: the file holds no audio samples (empty or cut short)"
            )
        self.n_samples, self.cut_short = n, cut_short

    @property
    def truncated(self) -> bool:
        """After a full pass: the file ended before its header said it would."""
        promised = _wav_header_duration(self.path) or self.declared
        return self.cut_short or (
            promised is not None and self.n_samples / SAMPLE_RATE < promised * 0.95 - 0.5
        )


def load_audio(path: Path, *, max_seconds: float | None = None) -> Audio:
    """Decode ``path`` whole to 16 kHz mono 16-bit samples.

    Raises :class:`InputMissingError`, :class:`AudioDecodeError` or
    :class:`AudioTooLongError` with a message fit to show as is.
    """
    stream = AudioStream(path, max_seconds=max_seconds)
    pcm = _Pcm(stream.expected_samples)
    for block in stream:
        pcm.add(block)
    return Audio(pcm=pcm.samples(), source=str(path), truncated=stream.truncated)


def batched(blocks: Iterable[np.ndarray], at_least: int) -> Iterator[np.ndarray]:
    """The blocks joined into arrays of ``at_least`` samples (the last may be shorter):
    the VAD scores a batch of windows in one call far faster than one at a time."""
    held: list[np.ndarray] = []
    size = 0
    for block in blocks:
        held.append(block)
        size += block.size
        if size >= at_least:
            yield np.concatenate(held)
            held, size = [], 0
    if held:
        yield np.concatenate(held)


class StreamedSamples:
    """A recording read front to back a second time, sliced like :class:`Samples`, from a
    window of the last ``keep_s`` seconds read: memory stays the same for any length.

    Transcription reads a chunk, the chunk's pieces again, and looks at most one chunk
    ahead for where to cut the next; reading further back than the window is a bug and
    raises :class:`LookupError`.
    """

    def __init__(self, blocks: Iterable[np.ndarray], total: int, keep_s: float) -> None:
        self._blocks = iter(blocks)
        self.total = total
        self.keep = int(keep_s * SAMPLE_RATE)
        self._buf = np.zeros(0, np.int16)
        self._begin = 0  # sample index of _buf[0]

    def __len__(self) -> int:
        return self.total

    @property
    def size(self) -> int:
        return self.total

    def __getitem__(self, part: slice) -> np.ndarray:
        if not isinstance(part, slice):
            raise TypeError("Samples are read by slice")
        start, stop, _ = part.indices(self.total)
        stop = max(start, stop)
        end = self._begin + self._buf.size
        if stop > end:
            more = [self._buf]
            while end < stop and (block := next(self._blocks, None)) is not None:
                more.append(block)
                end += block.size
            self._buf = np.concatenate(more)
            drop = max(self._buf.size - self.keep, 0)
            self._buf, self._begin = self._buf[drop:], self._begin + drop
        if start < self._begin:
            raise LookupError(
                f"samples from {start} were let go (the window starts at {self._begin})"
            )
        piece = self._buf[start - self._begin : stop - self._begin]
        return as_float(piece)


def _wav_header_duration(path: Path) -> float | None:
    """Duration a RIFF/WAVE header promises, read from its ``fmt`` and ``data`` chunks.

    FFmpeg estimates a WAV's duration from the file size, so a recording cut
    short (the app killed, a copy interrupted) looks whole to it; the header
    still holds the length the writer meant.
    """
    import struct

    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            byte_rate = None
            while True:
                chunk = fh.read(8)
                if len(chunk) < 8:
                    return None
                cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if cid == b"fmt ":
                    fmt = fh.read(size)
                    if len(fmt) < 12:
                        return None
                    byte_rate = struct.unpack("<I", fmt[8:12])[0]
                    if size % 2:
                        fh.read(1)
                elif cid == b"data":
                    if not byte_rate or size in (0, 0xFFFFFFFF):
                        return None  # streaming writers leave 0 or -1 here
                    return size / byte_rate
                else:
                    fh.seek(size + (size % 2), 1)
    except OSError:
        return None


def _declared_duration(container, stream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


class _Pcm:
    """Decoded samples gathered straight into one 16-bit array, sized from the length
    the file declares, so a long recording is held once (not as pieces, then their
    join)."""

    def __init__(self, expected: int | None) -> None:
        self.buf = np.empty(expected or 0, dtype=np.int16)
        self.size = 0
        self.extra: list[np.ndarray] = []  # beyond the declared length (rare), or no length

    def add(self, block: np.ndarray) -> None:
        end = self.size + block.size
        if not self.extra and end <= self.buf.size:
            self.buf[self.size : end] = block
            self.size = end
        else:
            self.extra.append(block)

    @property
    def total(self) -> int:
        return self.size + sum(b.size for b in self.extra)

    def samples(self) -> np.ndarray:
        if self.extra:  # one array, the pieces released as they are copied
            out = np.empty(self.total, dtype=np.int16)
            out[: self.size] = self.buf[: self.size]
            self.buf = np.empty(0, dtype=np.int16)
            at = self.size
            while self.extra:
                block = self.extra.pop(0)
                out[at : at + block.size] = block
                at += block.size
            return out
        if self.size < self.buf.size // 2:
            return self.buf[: self.size].copy()  # the file was much shorter than declared
        return self.buf[: self.size]


NARROW_RATE = 16_000


def narrow_band_warning(stream: AudioStream) -> str | None:
    """A line for a recording made below 16 kHz (a telephone's 8 kHz): the speech model
    hears such audio poorly, and the report does not say so by itself (an answer scored
    17 at 8 kHz against 44 at 22 kHz, with "200 million million million users")."""
    rate = stream.source_rate
    if rate is None or rate >= NARROW_RATE:
        return None
    return (
        f"{stream.path} was recorded at {rate / 1000:g} kHz, below the 16 kHz the speech "
        "model hears best: expect misheard words and a lower structure score"
    )
