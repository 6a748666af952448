"""Load any common audio file as 16 kHz mono 16-bit samples, in bounded memory.

PyAV (which faster-whisper already depends on) decodes WAV, FLAC, MP3, OGG,
M4A and more. Decoding streams frame by frame and stops as soon as the
recording passes the length limit, so a two-hour file never fills memory. The
samples are kept as 16-bit integers (half the memory of float32: 230 MB for two
hours) and read as float32 a piece at a time through :class:`Samples`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.errors import AudioDecodeError, AudioTooLongError, InputMissingError

SAMPLE_RATE = 16_000


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
        return np.multiply(self.pcm[part], 1 / 32768.0, dtype=np.float32)


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
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputMissingError(f"{path}: cannot be read ({exc.strerror})") from exc
    if path.is_file() and path.stat().st_size == 0:  # pipes report size 0 too
        raise AudioDecodeError(f"{path}: the file is empty (0 bytes)")


BYTES_PER_SECOND = SAMPLE_RATE * 2
"""Decoded audio is 16-bit: two hours hold 230 MB."""
HEADROOM = 1.25
"""What scoring needs beyond the samples themselves, as a share of them (the VAD and
Whisper read them in pieces of bounded size)."""


def available_memory() -> int | None:
    """Bytes of memory this machine can give without swapping (None: cannot tell)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def check_memory(path: Path, seconds: float, available: int | None = None) -> None:
    """Refuse, before decoding, a recording this machine has not the memory to score
    (raise max_audio_minutes does not help there: free memory, or cut the file)."""
    free = available if available is not None else available_memory()
    need = int(seconds * BYTES_PER_SECOND * HEADROOM)
    if free is not None and need > free:
        raise AudioTooLongError(
            f"{path}: a recording of {_fmt_minutes(seconds)} needs about "
            f"{need / 1e9:.1f} GB of memory to score and {free / 1e9:.1f} GB is free; "
            "close other programs or score a shorter piece"
        )


def load_audio(path: Path, *, max_seconds: float | None = None) -> Audio:
    """Decode ``path`` to 16 kHz mono 16-bit samples.

    Raises :class:`InputMissingError`, :class:`AudioDecodeError` or
    :class:`AudioTooLongError` with a message fit to show as is.
    """
    import av  # lazy: PyAV pulls in FFmpeg

    check_input_file(path)
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise AudioDecodeError(f"{path}: not an audio file thinkaloud can read") from exc
    with container:
        if not container.streams.audio:
            raise AudioDecodeError(f"{path}: the file has no audio track")
        stream = container.streams.audio[0]
        declared = _declared_duration(container, stream)
        if max_seconds is not None and declared is not None and declared > max_seconds:
            raise AudioTooLongError(
                f"{path}: the recording is {_fmt_minutes(declared)} long; the limit is "
                f"{_fmt_minutes(max_seconds)} (raise max_audio_minutes in the config to allow more)"
            )
        if declared is not None:
            check_memory(path, declared)
        pcm, cut_short = _decode_stream(container, stream, path, max_seconds)
    if pcm.size == 0:
        raise AudioDecodeError(f"{path}: the file holds no audio samples (empty or cut short)")
    promised = _wav_header_duration(path) or declared
    truncated = cut_short or (
        promised is not None and pcm.size / SAMPLE_RATE < promised * 0.95 - 0.5
    )
    return Audio(pcm=pcm, source=str(path), truncated=truncated)


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


def _decode_stream(container, stream, path: Path, max_seconds: float | None):
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    limit = None if max_seconds is None else int(max_seconds * SAMPLE_RATE)
    declared = _declared_duration(container, stream)
    expected = None
    if declared is not None and declared > 0:
        expected = int(declared * SAMPLE_RATE) + SAMPLE_RATE
        if limit is not None:
            expected = min(expected, limit + SAMPLE_RATE)
    pcm = _Pcm(expected)
    cut_short = False

    def take(frames) -> None:
        for out in frames:
            pcm.add(out.to_ndarray().reshape(-1))
            if limit is not None and pcm.total > limit:
                raise AudioTooLongError(
                    f"{path}: the recording is longer than the {_fmt_minutes(max_seconds)} limit "
                    "(raise max_audio_minutes in the config to allow more)"
                )

    try:
        for frame in container.decode(stream):
            take(resampler.resample(frame))
    except AudioTooLongError:
        raise
    except (av.error.FFmpegError, ValueError) as exc:
        if pcm.total == 0:
            raise AudioDecodeError(f"{path}: not an audio file thinkaloud can read") from exc
        cut_short = True  # decodable up to a point: keep what is there
    try:
        take(resampler.resample(None))
    except (av.error.FFmpegError, ValueError):
        pass
    return pcm.samples(), cut_short
