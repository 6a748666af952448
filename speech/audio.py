"""Load any common audio file as 16 kHz mono float32, in bounded memory.

PyAV (which faster-whisper already depends on) decodes WAV, FLAC, MP3, OGG,
M4A and more. Decoding streams frame by frame and stops as soon as the
recording passes the length limit, so a two-hour file never fills memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.errors import AudioDecodeError, AudioTooLongError, InputMissingError

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class Audio:
    """Decoded mono audio at :data:`SAMPLE_RATE`."""

    samples: np.ndarray
    source: str
    truncated: bool = False
    """True when the file ended before its header said it would (a cut recording)."""

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


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


def load_audio(path: Path, *, max_seconds: float | None = None) -> Audio:
    """Decode ``path`` to 16 kHz mono float32.

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
        samples, cut_short = _decode_stream(container, stream, path, max_seconds)
    if samples.size == 0:
        raise AudioDecodeError(f"{path}: the file holds no audio samples (empty or cut short)")
    promised = _wav_header_duration(path) or declared
    truncated = cut_short or (
        promised is not None and len(samples) / SAMPLE_RATE < promised * 0.95 - 0.5
    )
    return Audio(samples=samples, source=str(path), truncated=truncated)


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


def _decode_stream(container, stream, path: Path, max_seconds: float | None):
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    limit = None if max_seconds is None else int(max_seconds * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    cut_short = False

    def take(frames) -> None:
        nonlocal total
        for out in frames:
            block = out.to_ndarray().reshape(-1)
            chunks.append(block)
            total += block.size
            if limit is not None and total > limit:
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
        if total == 0:
            raise AudioDecodeError(f"{path}: not an audio file thinkaloud can read") from exc
        cut_short = True  # decodable up to a point: keep what is there
    try:
        take(resampler.resample(None))
    except (av.error.FFmpegError, ValueError):
        pass
    if not chunks:
        return np.zeros(0, dtype=np.float32), cut_short
    pcm = np.concatenate(chunks)
    return (pcm.astype(np.float32) / 32768.0), cut_short
