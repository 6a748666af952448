"""An app closed from outside ends, whatever keeping what was said meets on the way, and
a thread left reading a closed terminal does not keep the process alive. A window closed
at the report left the app running for half an hour, a quarter of a core spent on one
thread reading the end of its dead terminal, and SIGTERM did not end it. Each case runs
in a process of its own: the question is whether that process ends."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

WATCHDOG = textwrap.dedent(
    """
    import sys, threading, time
    from pathlib import Path
    from assistant.tui.app import ThinkaloudApp
    from tests.support.app import make_deps

    app = ThinkaloudApp(make_deps(None, Path(sys.argv[1]), recorder=False))
    app.CLOSING_GRACE_S = 0.0

    def interview():
        if sys.argv[2] == "fails":
            raise RuntimeError("the screens are gone")
        threading.Event().wait()  # a lock the stuck app holds: never returns

    app._interview = interview
    app._signal_code = 129  # the window closed (SIGHUP)
    app._signalled.set()
    threading.Thread(target=app._end_if_stuck, daemon=True).start()
    time.sleep(60)
    sys.exit(3)  # still here: the process would have run on
    """
)


@pytest.mark.parametrize("meets", ["fails", "hangs"])
def test_an_app_closed_from_outside_ends_whatever_keeping_its_words_meets(tmp_path, meets):
    """The closing watchdog ends the process with the signal's code even when finding
    the answer being given fails, or waits on something that never comes."""
    done = subprocess.run(
        [sys.executable, "-c", WATCHDOG, str(tmp_path), meets],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 129, done.stderr[-2000:]


THREADS = textwrap.dedent(
    """
    import sys, threading, time
    from assistant.tui.launch import _threads_running

    stop = threading.Event()
    def reader():  # a terminal's input thread reading a window that was closed
        while not stop.is_set():
            time.sleep(0.01 if sys.argv[1] == "spins" else 0.3)
            if sys.argv[1] == "ends":
                return
    threading.Thread(target=reader, name="input").start()  # not a daemon
    print(_threads_running())
    stop.set()
    """
)


@pytest.mark.parametrize(("thread", "left"), [("spins", "True"), ("ends", "False")])
def test_a_thread_the_interpreter_would_wait_for_is_given_a_moment_then_left(thread, left):
    """A thread the interpreter waits for at exit (not a daemon) that has not ended a
    few seconds after the app closed makes the app end its process itself; one that
    ends in that time is waited for."""
    done = subprocess.run(
        [sys.executable, "-c", THREADS, thread],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.split() == [left], done.stderr[-2000:]
