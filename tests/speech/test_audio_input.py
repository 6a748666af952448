"""Any common audio file loads as 16 kHz mono; bad files fail with one clear line."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from speech.audio import SAMPLE_RATE, load_audio
from speech.errors import AudioDecodeError, AudioTooLongError, InputMissingError


def tone(seconds: float, rate: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def encode(path: Path, codec: str, rate: int, channels: int, seconds: float = 2.0) -> Path:
    """Write a tone with PyAV in any container/codec."""
    samples = tone(seconds, rate)
    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        fmt = stream.codec_context.codec.audio_formats[0].name
        data = np.tile(samples, (channels, 1)) if channels == 2 else samples[None, :]
        frame_size = stream.codec_context.frame_size or 1024
        for i in range(0, data.shape[1], frame_size):
            block = np.ascontiguousarray(data[:, i : i + frame_size])
            frame = av.AudioFrame.from_ndarray(
                block.reshape(1, -1) if channels == 2 and not fmt.endswith("p") else block,
                format="flt" if not fmt.endswith("p") and channels == 2 else "fltp",
                layout=layout,
            )
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def write_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> Path:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    if channels == 2:
        pcm = np.repeat(pcm, 2)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return path


@pytest.mark.parametrize(
    ("name", "codec", "rate", "channels"),
    [
        ("a.flac", "flac", 44100, 2),
        ("a.mp3", "mp3", 44100, 2),
        ("a.m4a", "aac", 22050, 1),
        ("a.opus", "libopus", 48000, 1),
    ],
)
def test_compressed_formats_load_as_16k_mono(tmp_path, name, codec, rate, channels):
    audio = load_audio(encode(tmp_path / name, codec, rate, channels))
    assert audio.pcm.dtype == np.int16  # held at half float32's size
    assert audio.pcm.ndim == 1
    assert audio.duration_s == pytest.approx(2.0, abs=0.1)
    samples = audio.float32()
    assert samples.dtype == np.float32
    assert 0.1 < np.abs(samples).max() <= 1.0
    half = len(audio.samples) // 2
    assert np.array_equal(audio.samples[half : half + 800], samples[half : half + 800])


def test_ogg_vorbis_from_sox(tmp_path):
    src = write_wav(tmp_path / "a.wav", tone(2, 48000), 48000, channels=2)
    subprocess.run(["sox", str(src), str(tmp_path / "a.ogg")], check=True)
    audio = load_audio(tmp_path / "a.ogg")
    assert audio.duration_s == pytest.approx(2.0, abs=0.1)


def test_wav_any_rate_and_channels(tmp_path):
    audio = load_audio(write_wav(tmp_path / "a.wav", tone(1.5, 8000), 8000, channels=2))
    assert len(audio.samples) == pytest.approx(1.5 * SAMPLE_RATE, abs=20)
    assert not audio.truncated


def test_missing_file(tmp_path):
    with pytest.raises(InputMissingError, match="no such file"):
        load_audio(tmp_path / "nope.wav")


def test_directory(tmp_path):
    with pytest.raises(InputMissingError, match="is a directory"):
        load_audio(tmp_path)


def test_empty_file(tmp_path):
    (tmp_path / "a.wav").write_bytes(b"")
    with pytest.raises(AudioDecodeError, match="empty"):
        load_audio(tmp_path / "a.wav")


def test_text_file(tmp_path):
    (tmp_path / "notes.wav").write_text("these are my notes, not audio\n" * 50)
    with pytest.raises(AudioDecodeError, match="not an audio file"):
        load_audio(tmp_path / "notes.wav")


def test_header_only_wav(tmp_path):
    full = write_wav(tmp_path / "a.wav", tone(1, 16000), 16000).read_bytes()
    (tmp_path / "b.wav").write_bytes(full[:44])
    with pytest.raises(AudioDecodeError, match="no audio samples"):
        load_audio(tmp_path / "b.wav")


def test_cut_inside_the_header(tmp_path):
    full = write_wav(tmp_path / "a.wav", tone(1, 16000), 16000).read_bytes()
    (tmp_path / "b.wav").write_bytes(full[:30])
    with pytest.raises(AudioDecodeError):
        load_audio(tmp_path / "b.wav")


def test_truncated_wav_keeps_what_is_there(tmp_path):
    full = write_wav(tmp_path / "a.wav", tone(4, 16000), 16000).read_bytes()
    (tmp_path / "b.wav").write_bytes(full[: 44 + 2 * 16000])  # one second of four
    audio = load_audio(tmp_path / "b.wav")
    assert audio.truncated
    assert audio.duration_s == pytest.approx(1.0, abs=0.01)


def test_truncated_mp3_keeps_what_is_there(tmp_path):
    full = encode(tmp_path / "a.mp3", "mp3", 44100, 1, seconds=6).read_bytes()
    (tmp_path / "b.mp3").write_bytes(full[: len(full) // 2])
    audio = load_audio(tmp_path / "b.mp3")
    assert 2.0 < audio.duration_s < 4.0


def test_too_long_is_refused_before_decoding(tmp_path):
    path = write_wav(tmp_path / "a.wav", tone(5, 16000), 16000)
    with pytest.raises(AudioTooLongError, match="limit"):
        load_audio(path, max_seconds=3)


def test_too_long_without_a_declared_length_stops_decoding(tmp_path):
    path = write_wav(tmp_path / "a.wav", tone(5, 16000), 16000)
    raw = bytearray(path.read_bytes())
    raw[40:44] = b"\xff\xff\xff\xff"  # a streaming writer's "unknown length"
    raw[4:8] = b"\xff\xff\xff\xff"
    path.write_bytes(bytes(raw))
    with pytest.raises(AudioTooLongError):
        load_audio(path, max_seconds=3)
