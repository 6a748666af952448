"""One heavy model at a time.

Speech-to-text and the in-process LLM both want every core; run together on a
laptop, generation collapsed from ~14 to 0.3 tokens/s. Both hold this lock while
they compute, so they take turns instead of fighting.
"""

from __future__ import annotations

import os
import threading

HEAVY_COMPUTE = threading.RLock()


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS and Windows have no sched_getaffinity
        return os.cpu_count() or 1
