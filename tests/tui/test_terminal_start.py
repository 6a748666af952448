"""The app in a real terminal (a pseudo-terminal), as a candidate starts it: a Ctrl+Q
pressed before the app has taken the terminal still quits it, and the terminal's own
settings are back afterwards."""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

pytestmark = pytest.mark.model


def flags(fd: int) -> tuple[int, int]:
    """The terminal's input and local mode flags."""
    attrs = termios.tcgetattr(fd)
    return attrs[0], attrs[3]


def test_ctrl_q_pressed_while_the_app_starts_quits_it(tmp_path):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[0] |= termios.IXON  # flow control on, as a terminal has it by default
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "THINKALOUD_CONFIG_DIR": str(tmp_path / "config"),
        "THINKALOUD_DATA_DIR": str(tmp_path / "data"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--mute"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    shown = bytearray()

    def drain() -> None:  # the app's screen output, read so it never blocks on a full pty
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while flags(slave)[0] & termios.IXON:  # the process has not started yet
            assert proc.poll() is None and time.monotonic() < deadline, bytes(shown[-500:])
            time.sleep(0.001)
        os.write(master, b"\x11")  # Ctrl+Q
        # it was pressed before the app took the terminal (still line by line then)
        assert flags(slave)[1] & termios.ICANON
        assert proc.wait(timeout=120) == 0, bytes(shown[-2000:])
        assert flags(slave)[0] & termios.IXON  # flow control is the terminal's again
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(slave)
        os.close(master)
        reader.join(timeout=5)
