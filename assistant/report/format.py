"""Times and lengths as the report shows them, in every front (terminal, app, exports)."""

from __future__ import annotations

import math


def clock(seconds: float | None) -> str:
    """m:ss (or h:mm:ss) for a time in the answer."""
    if seconds is None:
        return "--:--"
    total = int(round(max(seconds, 0.0)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds(value: float) -> str:
    """A pause length for display, rounded down to 0.1 s so that a 1.98 s pause does not
    read "2.0 s" next to a 2 s threshold it did not reach."""
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f} s"
