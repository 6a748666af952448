"""Nothing leaves the laptop: ``score``, ``practice`` (offline and with an LLM on
127.0.0.1) and the app's first screen run under ``strace -f``, and no thread, child or
native library may look a name up or connect anywhere but the configured LLM endpoint.
No dependency may leave telemetry files in the home folder either."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from assistant.main import PRIVACY_DEFAULTS
from tests.support.netaudit import contacts, leaks, strace_unusable, straced, telemetry_files
from tests.support.openai_server import serving

pytestmark = pytest.mark.model

APP_FIRST_SCREEN = r"""
import asyncio, sys
import assistant.tui.launch as launch

def run_app(args, ctx):  # the real app, driven headless until its warm-up is done
    from assistant.tui.app import ThinkaloudApp
    app = ThinkaloudApp(launch.build_deps(args, ctx))
    async def go():
        async with app.run_test(size=(80, 24)) as pilot:
            while not app.ready:
                await pilot.pause(0.1)
            await pilot.pause(0.5)
            print("SCREEN", type(app.screen).__name__, flush=True)
    asyncio.run(go())
    return 0

launch.run_app = run_app
from assistant.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def usable():
    try:
        reason = strace_unusable()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    if reason:
        pytest.skip(reason)


def bare_env(home: Path) -> dict[str, str]:
    """The environment of a user who set nothing: no privacy variables (thinkaloud must
    set them itself), a fresh home and data folder."""
    env = {k: v for k, v in os.environ.items() if k not in PRIVACY_DEFAULTS}
    env = {k: v for k, v in env.items() if not k.startswith(("XDG_", "THINKALOUD_"))}
    env.update(
        HOME=str(home),
        THINKALOUD_DATA_DIR=str(home / "data"),
        THINKALOUD_CONFIG_DIR=str(home / "config"),
    )
    return env


def audit(tmp_path: Path, argv: list[str], allowed=frozenset()):
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "strace.log"
    proc = straced([sys.executable, *argv], bare_env(home), log)
    text = log.read_text()
    assert "execve(" in text, "strace recorded nothing: the audit did not run"
    found = contacts(text)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert leaks(found, set(allowed)) == []
    assert telemetry_files(home) == []
    return proc, found


def test_scoring_the_sample_looks_up_no_name_and_connects_nowhere(usable, tmp_path):
    proc, _ = audit(tmp_path, ["-m", "assistant", "score", "--sample", "--json"])
    assert json.loads(proc.stdout)["structure"]["method"] != "cues"  # the encoder ran


def test_an_offline_practice_session_looks_up_no_name(usable, tmp_path):
    proc, _ = audit(tmp_path, ["-m", "assistant", "practice", "--sample", "--json"])
    assert json.loads(proc.stdout)["interview"]["interviewer"] == "offline"


def test_a_practice_session_with_an_llm_talks_only_to_its_endpoint(usable, tmp_path):
    with serving(["good"], reply=_owed_change()) as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        argv = ["-m", "assistant", "practice", "--sample", "--json", "--llm", "openai/local"]
        proc, found = audit(tmp_path, [*argv, "--llm-api-base", url], allowed={("127.0.0.1", port)})
    assert ("127.0.0.1", port) in {(c.host, c.port) for c in found if c.call == "connect"}
    assert json.loads(proc.stdout)["interview"]["turns"][1]["source"] == "llm"


def test_the_apps_first_screen_looks_up_no_name(usable, tmp_path):
    proc, _ = audit(tmp_path, ["-c", APP_FIRST_SCREEN, "--mute"])
    assert "SCREEN HomeScreen" in proc.stdout


# the parser itself, on what strace printed here when onnxruntime's telemetry was on
PHONING_HOME = """\
27571 connect(9, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT
27570 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16 <unfinished ...>
27570 sendto(8, " f\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\6mobile\\6events\\4data\\t"..., 50, MSG_NOSIGNAL, NULL, 0) = 50
27600 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2603:1030::5", &sin6_addr), sin6_scope_id=0}, 28) = 0
27601 connect(6, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
27602 connect(7, {sa_family=AF_UNIX, sun_path="/run/user/0/pulse/native"}, 110) = 0
"""  # noqa: E501


def test_the_audit_catches_lookups_and_foreign_connections():
    found = contacts(PHONING_HOME)
    bad = leaks(found, {("127.0.0.1", 8080)})
    assert len(bad) == 3
    assert "nscd" in bad[0] and "htons(53)" in bad[1] and "2603:1030::5" in bad[2]
    assert len(leaks(found)) == 4  # the LLM port is allowed only when configured


def _owed_change() -> dict:
    return {  # the sample's one move is the owed requirement change
        "kind": "new_constraint",
        "target": "no-device-fingerprint",
        "why": "test the design against losing a strong signal",
        "question": "A privacy law now bans device fingerprinting. What changes?",
    }
