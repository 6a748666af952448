"""Your numbers over time, against your own baseline."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from rubrics import RubricError, load_rubric
from sessions.store import SessionRow, Store

METRICS = {  # metric -> (label, lower is better)
    "wpm": ("words per minute", False),
    "fillers_per_min": ("fillers per minute", True),
    "long_pauses_per_min": ("long pauses/min", True),
    "structure_score": ("structure score", False),
}


def _value(row: SessionRow, metric: str) -> float | None:
    """``metric`` of a saved session. Long pauses are a rate over the session's
    recording: two in a 6-minute interview set against none in a 2-minute one read
    "worse" as counts, when the longer answer paused less often."""
    if metric != "long_pauses_per_min":
        return getattr(row, metric)
    if row.long_pauses is None or not row.duration_s:
        return None
    return row.long_pauses / (row.duration_s / 60.0)


def trends_data(
    store: Store, baseline_n: int, wpm_range: tuple[float, float] | None = None
) -> dict[str, Any]:
    """Every metric's series over finished sessions, oldest first; the baseline is the
    median of the ``baseline_n`` sessions before the latest (the latest is what is set
    against it, so it is not in it), and ``change`` says whether the latest is better,
    worse or the same. ``wpm_range`` (slow, fast): words per minute is better nearer it."""
    rows = [r for r in reversed(store.sessions()) if r.status in ("complete", "recovered")]
    out: dict[str, Any] = {"sessions": len(rows), "baseline_of_last": baseline_n, "metrics": {}}
    scored = [r for r in rows if r.structure_score is not None]
    fragments = store.fragments() if rows else set()
    # a story's score is not set against a design's: one structure trend per rubric, the
    # latest's first; after one story, the designs' trend of five sessions was gone
    rubrics = list(dict.fromkeys(r.rubric for r in reversed(scored)))
    for column, (label, lower_better) in METRICS.items():
        kinds: list[tuple[str, str, list[SessionRow]]] = [(column, label, rows)]
        if column == "long_pauses_per_min":  # a fragment's few seconds set no rate
            kinds = [(column, label, [r for r in rows if r.id not in fragments])]
        if column == "structure_score" and len(rubrics) > 1:
            kinds = [
                (
                    column if i == 0 else f"{column}:{rubric}",
                    f"{label}, {_rubric_title(rubric)}",
                    [r for r in rows if r.rubric == rubric],
                )
                for i, rubric in enumerate(rubrics)
            ]
        for key, named, kept in kinds:
            out["metrics"][key] = _metric(column, named, lower_better, kept, baseline_n, wpm_range)
    return out


def _metric(
    column: str,
    label: str,
    lower_better: bool,
    rows: list[SessionRow],
    baseline_n: int,
    wpm_range: tuple[float, float] | None,
) -> dict[str, Any]:
    """One metric's series over ``rows``, its baseline, latest and change."""
    series = [
        {"session": r.id, "at": r.created_at, "value": value}
        for r in rows
        if (value := _value(r, column)) is not None
    ]
    values = [p["value"] for p in series]
    before = values[:-1][-baseline_n:]
    baseline = statistics.median(before) if before else None
    latest = values[-1] if values else None
    target = wpm_range if column == "wpm" else None
    return {
        "column": column,
        "label": label,
        "lower_is_better": lower_better,
        "series": series,
        "baseline": baseline,
        "latest": latest,
        "change": change(
            latest, baseline, lower_better, target, NUMBER_FORMAT[column], SAME_WITHIN[column]
        ),
    }


def _rubric_title(rubric_id: str | None) -> str:
    """ "ML system design", "Behavioural story (STAR)": what a structure score was
    scored on, as the report names it."""
    if rubric_id is None:
        return "rubric not recorded"
    try:
        return load_rubric(rubric_id).title
    except RubricError:
        return rubric_id


def change(
    latest: float | None,
    baseline: float | None,
    lower_better: bool,
    target: tuple[float, float] | None = None,
    shown: str = "g",
    within: float = 0.0,
) -> str | None:
    """ "better", "worse" or "the same" for ``latest`` against ``baseline``, compared as
    they are shown (``shown``: their format); with a ``target`` range, nearer the range
    is better (inside it, every value is as good); ``within`` this of each other they are
    the same. None without both numbers."""
    if latest is None or baseline is None:
        return None
    now, usual = (float(format(v, shown)) for v in (latest, baseline))
    if target is not None:
        # the noise is in the rate itself: 175 wpm (5 over the range) then 134 read
        # "the same" when the distances to the range were set against each other
        near = abs(now - usual) <= within
        now, usual = (max(target[0] - v, v - target[1], 0.0) for v in (now, usual))
        if now == usual == 0.0:
            return "in range"
        if near or now == usual:
            return "the same"
        return "better" if now < usual else "worse"
    if abs(now - usual) <= within:
        return "the same"
    return "better" if (now < usual) == lower_better else "worse"


# -- plot series: trends_data shaped for a chart (no UI here) -----------------------------

LOWER, HIGHER = "lower is better", "higher is better"
SAME_WITHIN = {
    "wpm": 5.0,
    "fillers_per_min": 0.3,
    "long_pauses_per_min": 0.1,
    "structure_score": 3.0,
}
"""Differences this small are the same evening to evening: a few words a minute, a
filler every few minutes, or a point or two of structure (the same recording scored
twice moves that much, and one long pause more in ten minutes); "170.7 against 167.4
wpm, worse" told nothing."""
NUMBER_FORMAT = {
    "wpm": ".0f",
    "fillers_per_min": ".1f",
    "long_pauses_per_min": ".1f",
    "structure_score": "g",
}
INTEGER_AXIS = {"structure_score"}
CAPS = {"structure_score": 100.0}


@dataclass(frozen=True)
class TrendSeries:
    """One metric ready to plot: a point per finished session (x = 1, 2, ... in order,
    so two sessions on one day stay apart), its date label, the baseline and a y axis
    that starts at 0."""

    column: str
    label: str
    direction: str
    """How to read it: "lower is better", "higher is better" or a target range."""
    dates: list[str]
    values: list[float]
    baseline: float | None
    """The median of the sessions before the latest (None with one session)."""
    latest: float | None
    change: str | None
    """The latest against the baseline: "better", "worse" or "the same"."""
    y_ticks: list[float]
    """From 0 up to just above the highest point (or the metric's cap)."""

    @property
    def x(self) -> list[int]:
        return list(range(1, len(self.values) + 1))

    def fmt(self, value: float) -> str:
        return format(value, NUMBER_FORMAT.get(self.column, "g"))

    @property
    def headline(self) -> str:
        """Latest against baseline, e.g. "Words per minute: latest 152 vs baseline 145
        (better)"."""
        name = self.label[0].upper() + self.label[1:]
        if self.latest is None:
            return f"{name}: no numbers yet"
        if self.baseline is None:
            return f"{name}: {self.fmt(self.latest)} (one session: no trend yet)"
        return (
            f"{name}: latest {self.fmt(self.latest)} vs baseline {self.fmt(self.baseline)}"
            f" ({self.change})"
        )

    @property
    def title(self) -> str:
        """The headline, then how to read it."""
        return f"{self.headline}\n{self.direction}"


def session_time(created_at: str, tz: tzinfo | None = None) -> datetime:
    """When a session was made, in ``tz`` (default: this machine's zone). Stored times
    carry their zone; a time without one is taken as already local."""
    at = datetime.fromisoformat(created_at)
    return at.astimezone(tz) if at.tzinfo is not None else at


def trend_series(
    data: dict[str, Any],
    *,
    wpm_range: tuple[float, float] | None = None,
    tz: tzinfo | None = None,
) -> list[TrendSeries]:
    """The metrics of ``trends_data`` as plot series, dates as ``MM-DD``. ``wpm_range``
    (the report's slow and fast thresholds) is how words per minute is read."""
    out = []
    for key, m in data["metrics"].items():
        column = m.get("column", key)
        values = [float(p["value"]) for p in m["series"]]
        if column == "wpm" and wpm_range is not None:
            direction = f"aim for {wpm_range[0]:.0f}–{wpm_range[1]:.0f}"
        else:
            direction = LOWER if m["lower_is_better"] else HIGHER
        top = max([*values, m["baseline"] or 0.0], default=0.0)
        out.append(
            TrendSeries(
                column=column,
                label=m["label"],
                direction=direction,
                dates=[session_time(p["at"], tz).strftime("%m-%d") for p in m["series"]],
                values=values,
                baseline=m["baseline"],
                latest=m["latest"],
                change=m.get("change"),
                y_ticks=y_ticks(top, integer=column in INTEGER_AXIS, cap=CAPS.get(column)),
            )
        )
    return out


def y_ticks(top: float, *, integer: bool = False, cap: float | None = None) -> list[float]:
    """Round ticks from 0 to just above ``top``, or from 0 to ``cap``."""
    if cap is not None:
        return [cap * i / 4 for i in range(5)]
    if top <= 0:
        return [0.0, 1.0, 2.0] if integer else [0.0, 0.25, 0.5, 0.75, 1.0]
    step = _nice(top / 4)
    if integer:
        step = float(max(1, math.ceil(step)))
    return [round(step * i, 9) for i in range(math.floor(top / step) + 2)]


def _nice(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``x``."""
    power = 10.0 ** math.floor(math.log10(x))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= x)


def tick_indices(labels: list[str], max_ticks: int) -> list[int]:
    """Which labels fit on an axis: at most ``max_ticks``, evenly spread, the first and
    the last always, a label never repeated next to itself (two sessions on one day)."""
    n = len(labels)
    if n == 0:
        return []
    count = max(1, min(n, max_ticks))
    picked = sorted({round(i * (n - 1) / max(count - 1, 1)) for i in range(count)})
    kept: list[int] = []
    for i in picked:
        if kept and labels[kept[-1]] == labels[i]:
            continue
        kept.append(i)
    return kept
