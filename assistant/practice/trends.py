"""Your numbers over time, against your own baseline."""

from __future__ import annotations

import statistics
from typing import Any

from sessions.store import Store

METRICS = {  # column -> (label, lower is better)
    "wpm": ("words per minute", False),
    "fillers_per_min": ("fillers per minute", True),
    "long_pauses": ("long pauses", True),
    "structure_score": ("structure score", False),
}


def trends_data(store: Store, baseline_n: int) -> dict[str, Any]:
    """Every metric's series over finished sessions, oldest first, with the median of
    the last ``baseline_n`` as the baseline."""
    rows = [r for r in reversed(store.sessions()) if r.status in ("complete", "recovered")]
    out: dict[str, Any] = {"sessions": len(rows), "baseline_of_last": baseline_n, "metrics": {}}
    for column, (label, lower_better) in METRICS.items():
        series = [
            {"session": r.id, "at": r.created_at, "value": getattr(r, column)}
            for r in rows
            if getattr(r, column) is not None
        ]
        values = [p["value"] for p in series]
        recent = values[-baseline_n:]
        out["metrics"][column] = {
            "label": label,
            "lower_is_better": lower_better,
            "series": series,
            "baseline": statistics.median(recent) if recent else None,
            "latest": values[-1] if values else None,
        }
    return out
