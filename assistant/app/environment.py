"""What a front touches outside itself (streams, environment variables), so tests can
swap it, and the exit codes every front shares."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """The command line asks for something that cannot be done; the message says why."""

    exit_code = EXIT_USAGE


@dataclass
class Environment:
    """The process's outside world, injected: nothing below reads ``os.environ``."""

    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
