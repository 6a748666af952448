"""How soon the app's home screen can be used after the process starts, and what the UI
thread imported before its first frame.

    .venv/bin/python benchmarks/app_start.py [--repeat 5] [--json]

Each run is a fresh interpreter that builds the app as ``thinkaloud`` does (settings,
question bank, store, devices) and runs it headless until the question list is filled;
the time counts from just before the interpreter is started. The speech model and the
sentence encoder load in the background meanwhile, as in the app; ``warm_s`` is when
that is done. ``cpu_check_s``, before and after the runs, is how fast this machine ran
a fixed piece of Python at the time (see :func:`cpu_check_s`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import sys, threading, time
t0 = float(sys.argv[1])
HEAVY = ("faster_whisper", "ctranslate2", "onnxruntime", "litellm", "av", "tokenizers",
         "sounddevice", "pyttsx3", "cyllama")
on_ui = []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in HEAVY and threading.current_thread() is threading.main_thread():
            on_ui.append(name)
        return None

sys.meta_path.insert(0, Watch())
import argparse, asyncio
import assistant.main  # its environment defaults, as `thinkaloud` starts with them
from assistant.app.context import AppContext
from assistant.tui.launch import build_deps
from assistant.tui.app import ThinkaloudApp

args = argparse.Namespace(config=None, llm=None, llm_api_base=None, replay=None, mute=True,
                          no_save=False)
app = ThinkaloudApp(build_deps(args, AppContext.load()))

async def run():
    async with app.run_test(size=(120, 40)) as pilot:
        while type(app.screen).__name__ != "HomeScreen" or not app.screen.query_one(
            "#questions").row_count:
            await pilot.pause(0.01)
        home = time.time() - t0
        before_first_frame = list(on_ui)
        while not app.ready:
            await pilot.pause(0.05)
        print(home, time.time() - t0, ",".join(before_first_frame) or "-")

asyncio.run(run())
"""


def cpu_check_s() -> float:
    """Seconds for a fixed piece of pure Python (ten million additions), best of three:
    this machine's single-core speed at the moment of measuring. On the virtual machine
    the README's numbers come from it took anywhere from 0.36 to 0.61 s, idle each time."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - t)
    return round(best, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    homes, warms, imported = [], [], set()
    cpu_before = cpu_check_s()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "THINKALOUD_DATA_DIR": f"{home}/data", "HOME": home}
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(time.time())],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            homes.append(float(out[0]))
            warms.append(float(out[1]))
            imported |= set(out[2].split(",")) - {"-"}
    result = {
        "home_s": round(statistics.median(homes), 3),
        "home_s_max": round(max(homes), 3),
        "warm_s": round(statistics.median(warms), 2),
        "heavy_on_ui_thread": sorted(imported),
        "runs": args.repeat,
        "cores": len(os.sched_getaffinity(0)),
        "load_average": round(os.getloadavg()[0], 2),
        "cpu_check_s": [cpu_before, cpu_check_s()],
    }
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
