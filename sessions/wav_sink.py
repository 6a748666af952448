"""Audio streamed to disk as it is recorded, so a crash loses at most the last second.

The WAV header is written first with the data size still unknown, PCM blocks are
appended and flushed to the disk (fsync) at least every ``sync_s`` seconds of
audio, and the header's sizes are rewritten at each sync. If the process dies
(even ``kill -9``), :func:`repair_wav` recomputes the header from the bytes that
reached the disk.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


RATE = 16_000
HEADER_BYTES = 44


class RecordingWriteError(OSError):
    """The disk refused the recording (full, read-only, removed)."""

    exit_code = 9


def _header(data_bytes: int, rate: int = RATE) -> bytes:
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVE"
        + b"fmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


class WavSink:
    """Append-only 16-bit mono WAV writer that survives being killed."""

    def __init__(self, path: Path, *, rate: int = RATE, sync_s: float = 0.5, opener=open) -> None:
        self.path = path
        self.rate = rate
        self.sync_bytes = int(sync_s * rate) * 2
        self.data_bytes = 0
        self._unsynced = 0
        path.parent.mkdir(exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            self._file = opener(fd, "wb", buffering=0)
            self._file.write(_header(0, rate))
        except OSError as exc:
            raise RecordingWriteError(
                exc.errno, f"{path}: cannot write the recording ({exc.strerror})"
            ) from exc

    def write(self, block: np.ndarray) -> None:
        """Append int16 samples (float blocks in [-1, 1] are converted)."""
        if block.dtype.name != "int16":
            import numpy as np  # the store opens without numpy; a recording needs it

            block = (np.clip(block, -1, 1) * 32767).astype(np.int16)
        data = block.astype("<i2", copy=False).tobytes()
        try:
            self._file.write(data)
        except OSError as exc:
            raise RecordingWriteError(
                exc.errno,
                f"{self.path}: the recording could not be "
                f"saved ({exc.strerror}); what was saved before is "
                "kept",
            ) from exc
        self.data_bytes += len(data)
        self._unsynced += len(data)
        if self._unsynced >= self.sync_bytes:
            self.sync()

    @property
    def duration_s(self) -> float:
        return self.data_bytes / 2 / self.rate

    def sync(self) -> None:
        """Rewrite the header's sizes and push everything to the disk."""
        try:
            self._file.seek(0)
            self._file.write(_header(self.data_bytes, self.rate))
            self._file.seek(0, os.SEEK_END)
            os.fsync(self._file.fileno())
        except OSError as exc:
            raise RecordingWriteError(
                exc.errno, f"{self.path}: the recording could not be saved ({exc.strerror})"
            ) from exc
        self._unsynced = 0

    def close(self) -> None:
        if self._file.closed:
            return
        try:
            self.sync()
        finally:
            self._file.close()


def wav_seconds(path: Path, rate: int = RATE) -> float | None:
    """How long the audio streamed to ``path`` is, from its size (the header of one cut
    short says nothing yet); None when there is no such file."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return max(0, size - HEADER_BYTES) // 2 / rate


def repair_wav(path: Path) -> float:
    """Fix the header of a WAV cut short by a crash; returns its duration in seconds.

    Only whole 16-bit samples are kept; nothing else in the file is changed.
    """
    size = path.stat().st_size
    if size < HEADER_BYTES:
        with path.open("r+b") as fh:
            fh.truncate(0)
            fh.write(_header(0))
        return 0.0
    with path.open("r+b") as fh:
        head = fh.read(HEADER_BYTES)
        rate = struct.unpack("<I", head[24:28])[0] if head[:4] == b"RIFF" else RATE
        data = size - HEADER_BYTES
        data -= data % 2
        fh.truncate(HEADER_BYTES + data)
        fh.seek(0)
        fh.write(_header(data, rate or RATE))
        fh.flush()
        os.fsync(fh.fileno())
    return data / 2 / (rate or RATE)
