"""A process-level network audit: run a command under ``strace -f`` and list every
connection it (or any thread or child, native code included) tried to open.

Python's audit hooks see only sockets made through Python; onnxruntime's telemetry
resolves its host from C++, so the audit watches the system calls instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NSCD_SOCKETS = ("/var/run/nscd/socket", "/run/nscd/socket")
"""glibc asks the name-service cache daemon here before it sends a DNS query itself."""

_INET = re.compile(
    r"sa_family=AF_INET6?, sin6?_port=htons\((\d+)\).*?"
    r"(?:sin_addr=inet_addr\(\"([^\"]+)\"\)|inet_pton\(AF_INET6, \"([^\"]+)\")"
)
_UNIX = re.compile(r'sa_family=AF_UNIX, sun_path=(?:@)?"([^"]+)"')
_CALL = re.compile(r"^(\d+)\s+(connect|sendto|sendmsg|sendmmsg|bind)\(")


@dataclass(frozen=True)
class Contact:
    """One attempt to reach an address, as strace saw it."""

    call: str
    family: str
    host: str
    port: int | None
    line: str

    @property
    def dns(self) -> bool:
        return self.port == 53 or (self.family == "AF_UNIX" and self.host in NSCD_SOCKETS)


def strace_unusable() -> str | None:
    """Why strace cannot audit here (None: it can). Raises if strace is not installed:
    ``make test`` installs it, so a missing one is a broken setup, not a reason to skip."""
    if sys.platform != "linux":
        return "strace audits Linux processes only"
    exe = shutil.which("strace")
    if exe is None:
        raise RuntimeError(
            "strace is required for the network audit: run `make test` (installs it)"
        )
    probe = subprocess.run(
        [exe, "-f", "-qq", "-e", "trace=network", "-o", os.devnull, "true"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["no reason given"])[-1]
        return f"strace cannot trace processes here (ptrace denied?): {reason}"
    return None


def contacts(log: str) -> list[Contact]:
    """Every connect/send/bind with an address in a ``strace -f -e trace=network`` log."""
    out = []
    for line in log.splitlines():
        call = _CALL.match(line)
        if call is None:
            continue
        if m := _INET.search(line):
            family = "AF_INET6" if "AF_INET6" in line else "AF_INET"
            host = m.group(2) or m.group(3)
            out.append(Contact(call.group(2), family, host, int(m.group(1)), line))
        elif m := _UNIX.search(line):
            out.append(Contact(call.group(2), "AF_UNIX", m.group(1), None, line))
    return out


def leaks(found: list[Contact], allowed: set[tuple[str, int]] = frozenset()) -> list[str]:
    """What left (or tried to leave) the machine: any DNS lookup, and any internet
    address but the allowed ``(host, port)`` endpoints. Local sockets (AF_UNIX, other
    than the name-service cache) are the machine talking to itself."""
    bad = []
    for c in found:
        if c.dns:
            bad.append(c.line)
        elif c.family != "AF_UNIX" and c.call != "bind" and (c.host, c.port) not in allowed:
            bad.append(c.line)
    return bad


def straced(
    argv: list[str], env: dict[str, str], log: Path, *, timeout: float = 600
) -> subprocess.CompletedProcess:
    """Run ``argv`` under ``strace -f``, the network calls (and, to show the trace
    worked, every ``execve``) written to ``log``."""
    exe = shutil.which("strace")
    assert exe is not None
    return subprocess.run(
        [exe, "-f", "-qq", "-s", "64", "-e", "trace=network,execve", "-o", str(log), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def telemetry_files(home: Path) -> list[Path]:
    """Anything onnxruntime's telemetry (or another dependency's) left under ``home``."""
    return [p for p in home.rglob("*") if "onnxruntime" in p.name or "Microsoft" in p.parts]
