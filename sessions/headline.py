"""The few numbers a history list shows, read from a saved report (the public contract)."""

from __future__ import annotations

from typing import Any

HEADLINE_KEYS = ("wpm", "fillers_per_min", "long_pauses", "structure_score", "duration_s")


def headline(report: dict[str, Any]) -> dict[str, float | int | None]:
    pacing = report.get("pacing") or {}
    fillers = report.get("fillers") or {}
    structure = report.get("structure") or {}
    audio = report.get("audio") or {}
    pauses = pacing.get("pauses") or []
    return {
        "wpm": pacing.get("words_per_minute"),
        "fillers_per_min": fillers.get("per_minute"),
        "long_pauses": sum(1 for p in pauses if p.get("kind") == "long") if pacing else None,
        "structure_score": structure.get("score"),
        "duration_s": audio.get("duration_s"),
    }
