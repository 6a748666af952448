"""The CPU instruction sets CTranslate2 can be forced to on this machine.

CTranslate2 picks the widest instruction set the CPU has; ``CT2_FORCE_CPU_ISA`` picks
another, and transcripts differ slightly between them (rounding in the int8 kernels).
A machine with AVX-512 therefore runs the code paths of older CPUs too, one process
each (the variable is read once, when the library starts).
"""

from __future__ import annotations

import functools
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = (
    ("GENERIC", "AVX", "AVX2", "AVX512")
    if platform.machine().lower() in ("x86_64", "amd64")
    else ("GENERIC", "NEON")
)
_PROBE = (  # loading the model makes CTranslate2 pick (and log) its instruction set
    "import ctranslate2\n"
    "from speech.models import resolve_model\n"
    "ctranslate2.models.Whisper(str(resolve_model(None).path), device='cpu', compute_type='int8')"
)


def isa_env(isa: str) -> dict[str, str]:
    """The environment of a child process that runs CTranslate2 with ``isa`` (and says
    so on stderr: "Selected ISA: ...")."""
    env = dict(os.environ, CT2_FORCE_CPU_ISA=isa, CT2_VERBOSE="1")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def selected_isa(stderr: str) -> str | None:
    for line in stderr.splitlines():
        if "Selected ISA:" in line:
            return line.rsplit(":", 1)[1].strip()
    return None


@functools.cache
def supported_isas() -> tuple[str, ...]:
    """Every instruction set CTranslate2 accepts and really uses on this CPU."""
    found = []
    for isa in CANDIDATES:
        run = subprocess.run(
            [sys.executable, "-c", _PROBE],
            env=isa_env(isa),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if run.returncode == 0 and selected_isa(run.stderr) == isa:
            found.append(isa)
    return tuple(found)


if __name__ == "__main__":  # `make test-isa` asks which ones to run
    print(" ".join(supported_isas()))
