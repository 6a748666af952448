"""When a sentence speaks for a stage: strongly enough, and as one of its main stages."""

from __future__ import annotations

SERVES = 0.9
"""Strength a sentence needs on a stage to speak for it."""
SERVES_SHARE = 0.5
"""...and it must be at least this share of the sentence's strongest stage."""


def serving(row: dict[str, float], stage: str) -> bool:
    """``row`` (stage -> strength, one sentence's) speaks for ``stage``."""
    v = row.get(stage, 0.0)
    top = max(row.values(), default=0.0)
    return v >= SERVES and v >= SERVES_SHARE * top
