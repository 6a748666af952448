"""Recorders: the real PortAudio input (through an ALSA file plugin, no hardware) and the
real-time file replay."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from speech.recorder import FileReplayRecorder, Recorder, SoundDeviceRecorder

ALSA_CONF = """
pcm.!default {{
    type plug
    slave.pcm "filein"
}}
pcm.filein {{
    type file
    slave.pcm {{ type null }}
    file "/dev/null"
    infile "{infile}"
    format "raw"
}}
"""

CAPTURE = r"""
import json, sys, threading
import numpy as np
from speech.recorder import SoundDeviceRecorder, MicrophoneError
want = int(sys.argv[1])
stop = threading.Event()
got = []
try:
    for block in SoundDeviceRecorder().blocks(stop):
        got.append(block)
        if sum(len(b) for b in got) >= want:
            stop.set()
except MicrophoneError as exc:
    print(json.dumps({"error": str(exc)}))
    sys.exit(0)
samples = np.concatenate(got)[:want]
np.save(sys.argv[2], samples)
print(json.dumps({"n": int(len(samples))}))
"""


def capture(tmp_path: Path, conf: str, want: int) -> dict:
    (tmp_path / "asound.conf").write_text(conf)
    env = {
        "ALSA_CONFIG_PATH": str(tmp_path / "asound.conf"),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(__file__).parents[2]),
    }
    proc = subprocess.run(
        [sys.executable, "-c", CAPTURE, str(want), str(tmp_path / "got.npy")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_sounddevice_recorder_reads_a_real_portaudio_input_bit_exact(tmp_path):
    rng = np.random.default_rng(7)
    truth = (rng.standard_normal(16000 * 3) * 4000).astype("<i2")
    raw = tmp_path / "mic.raw"
    truth.tofile(raw)
    result = capture(tmp_path, ALSA_CONF.format(infile=raw), len(truth))
    assert result == {"n": len(truth)}
    got = np.load(tmp_path / "got.npy")
    assert np.array_equal(got, truth)


NO_CARD = """
pcm.!default {
    type hw
    card 99
}
ctl.!default {
    type hw
    card 99
}
"""


def test_no_microphone_is_a_clear_error(tmp_path):
    """The default device is a sound card that is not there: PortAudio lists nothing."""
    result = capture(tmp_path, NO_CARD, 16000)
    assert "no microphone was found" in result["error"]


def test_file_replay_paces_in_real_time(tmp_path):
    from tests.support.audio import write_wav

    write_wav(tmp_path / "a.wav", np.zeros(16000 * 2, dtype=np.float32))
    now = [0.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    rec = FileReplayRecorder(tmp_path / "a.wav", clock=lambda: now[0], sleep=sleep)
    blocks = list(rec.blocks(threading.Event()))
    assert sum(len(b) for b in blocks) == 32000 and blocks[0].dtype == np.int16
    assert sum(slept) == pytest.approx(2.0, abs=0.01)  # paced: 2 s of audio took 2 s
    stop = threading.Event()
    stop.set()
    assert list(FileReplayRecorder(tmp_path / "a.wav").blocks(stop)) == []


def test_a_replayed_recording_stopped_while_a_block_is_due_hands_over_nothing_more(tmp_path):
    """A replayed answer stopped while its next block was still to be "spoken" (space
    pressed twice fast) hands that block over no more, and says it did not play out; one
    played to its end says it did."""
    from tests.support.audio import write_wav

    write_wav(tmp_path / "a.wav", np.zeros(16000, dtype=np.float32))
    stop = threading.Event()
    rec = FileReplayRecorder(tmp_path / "a.wav", sleep=lambda s: stop.set())
    assert list(rec.blocks(stop)) == [] and not rec.played_out
    rec = FileReplayRecorder(tmp_path / "a.wav", realtime=False)
    assert len(list(rec.blocks(threading.Event()))) == 10 and rec.played_out


def test_every_source_of_a_take_says_whether_it_played_out(tmp_path):
    """The app asks the source of each take whether it was played to its end (a replayed
    recording stopped before a word of it is played again); it probed the replay
    recorder alone with getattr: every source says it, a microphone always yes."""
    from tests.support.app import FakeMicrophone
    from tests.support.audio import write_wav

    write_wav(tmp_path / "a.wav", np.zeros(16000, dtype=np.float32))
    assert "played_out" in Recorder.__annotations__
    assert SoundDeviceRecorder().played_out is True
    assert FakeMicrophone(tmp_path / "a.wav").played_out is True
    assert FileReplayRecorder(tmp_path / "a.wav").played_out is False  # not played yet


def test_a_replayed_recording_waits_while_held(tmp_path):
    """Paused in the app under tmux, a replayed answer played on unheard: 9 s of a 51 s
    answer were lost, and one that ran out while paused was sent with nobody pressing a
    key. Held, it waits where it was, and every sample still arrives."""
    from tests.support.audio import write_wav

    pcm = (np.arange(16000 * 2) % 1000).astype(np.float32) / 1000
    write_wav(tmp_path / "a.wav", pcm)
    now = [0.0]
    hold = threading.Event()

    def sleep(s):
        now[0] += s
        if 0.9 <= now[0] < 1.0:
            hold.set()  # paused 1 s in ...
        if now[0] >= 6.0:
            hold.clear()  # ... for 5 s

    rec = FileReplayRecorder(tmp_path / "a.wav", clock=lambda: now[0], sleep=sleep)
    heard = []
    for block in rec.blocks(threading.Event(), hold):
        assert not hold.is_set(), "a block came while held"
        heard.append(block)
    expected = FileReplayRecorder(tmp_path / "a.wav", realtime=False).blocks(threading.Event())
    assert np.array_equal(np.concatenate(heard), np.concatenate(list(expected)))
    assert now[0] == pytest.approx(7.0, abs=0.3)  # 2 s of audio and 5 s held
    # stopped while held: it ends there, without playing the rest
    hold.set()
    stop = threading.Event()
    now[0] = 0.0

    def stop_soon(s):
        now[0] += s
        if now[0] > 0.5:
            stop.set()

    rec = FileReplayRecorder(tmp_path / "a.wav", clock=lambda: now[0], sleep=stop_soon)
    assert list(rec.blocks(stop, hold)) == []


def test_the_voice_lives_on_one_thread():
    """pyttsx3 cannot be driven from several threads: every turn goes through one."""
    from speech.tts import SpeakerThread

    class Recording:
        def __init__(self):
            self.threads = []

        def say(self, text):
            self.threads.append(threading.get_ident())

    speaker = Recording()
    voice = SpeakerThread(speaker)
    done = threading.Event()
    results = []
    for i in range(3):  # queued from three different threads
        threading.Thread(target=voice.say, args=(f"turn {i}", results.append)).start()
    voice.say("last", lambda error: done.set())
    assert done.wait(5)
    voice.close()
    assert len(set(speaker.threads)) == 1 and len(speaker.threads) == 4
    assert results == [None, None, None]


class BusyMicrophone:
    """PortAudio, as far as the recorder sees it (the one fake: hardware): an input
    stream whose audio thread hands over every block of ``pcm`` the moment it opens, as
    a microphone does while the machine is too busy for the thread that takes them."""

    def __init__(self, pcm: np.ndarray, block: int) -> None:
        self.pcm, self.block = pcm, block
        self.delivered = threading.Event()

    def query_devices(self):
        return [{"name": "busy mic", "max_input_channels": 1}]

    def InputStream(self, *, blocksize, callback, **_kwargs):  # noqa: N802 (sounddevice's name)
        mic = self

        class Stream:
            def __enter__(self):
                for i in range(0, len(mic.pcm), blocksize):
                    piece = mic.pcm[i : i + blocksize]
                    callback(piece[:, None], len(piece), None, None)
                mic.delivered.set()
                return self

            def __exit__(self, *exc):
                return False

        return Stream()


def test_what_was_said_before_stop_is_kept_when_the_machine_is_behind(monkeypatch):
    """On a loaded machine (load 16 on 2 cores, the live transcription beside it) the
    thread taking the microphone's blocks ran up to 0.23 s behind them; stopping then
    ended the recording at once and the blocks still queued, the last words of the
    answer, were never written or transcribed. They are part of the answer."""
    from speech.recorder import BLOCK_S, SoundDeviceRecorder

    pcm = (np.arange(16000 * 2) % 3000 - 1500).astype(np.int16)  # 2 s said
    mic = BusyMicrophone(pcm, int(BLOCK_S * 16000))
    monkeypatch.setitem(sys.modules, "sounddevice", mic)
    stop = threading.Event()
    heard = []
    for block in SoundDeviceRecorder().blocks(stop):
        heard.append(block)
        assert mic.delivered.wait(5)
        stop.set()  # the candidate stops right after the last word; one block was taken
    assert np.array_equal(np.concatenate(heard), pcm)
