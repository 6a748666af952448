"""A second reading of each stage's depth, learned from hand-labelled answers.

The depth rules (:mod:`assistant.scoring.structure.depth`) read one sentence at a time:
a number makes it *described*, a "because" makes it *justified*. People who judge an
answer read more than that. "Or an isolation forest, since cheaters are the outliers"
has a reason, but a general one; a sentence mostly about another stage describes this
one only in passing. So the level the rules reach is read again with what else the
answer shows of the stage: how strongly and how often it is spoken for, and what the
sentence that reached the level holds (a quantity, a named technique, words of its own,
a reason, a comparison). How deep the rest of the answer goes is left out on purpose:
with it the head reads more of the labels (leave one question out, depth exact 81 %
against 74 %), but it learns that a short answer is a shallow one, and a concise answer
with a real reason in it loses the reason.

The head is a multinomial logistic regression over those features, trained by
``scripts/train_depth_head.py`` on the development answers (``tests/eval/dev``), with
each answer read by a stage head that never saw its question, as the app reads a new
question. It only lowers a level, or lifts *described* to *justified*: raising a stage
the rules found absent or named would claim something no sentence shows. Nor does it
lower what the labels themselves call described: a sentence mainly about the stage
with a number or a named technique in it, or a time or traffic budget said for the
constraints, whatever else the sentence is about.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from assistant.scoring.structure.depth import WEIGHING_STAGE, StageDepth, pinned_down
from assistant.scoring.structure.heads import read_head_file
from assistant.scoring.structure.serving import SERVES, serving
from assistant.scoring.structure.substance import MODEL_STAGE, Substance

BUDGET_STAGE = "constraints"
"""A sentence that serves this stage with a time or traffic budget in it describes it,
however much else it says: "We have about 200 milliseconds, so the ranker uses
precomputed features" reads as mostly the pipeline, and the head took the budget away."""
OUTCOME_STAGE = "impact"
"""A sentence mainly about this stage that says what a change brings ("Fewer keystrokes
means more successful searches") describes it: concise answers say the impact in a few
plain words, with no figure, and the head took it for a stage said in passing."""
# A sentence that serves WEIGHING_STAGE and says what a choice costs ("Hourly rebuilds
# trade review time for freshness") describes it, however short; one that only names the
# option turned down ("a range instead of one number") need not.
FIGURE_SHARE = 0.7
"""A sentence that puts a figure of its own on a stage ("dairy off by more than fifteen
percent three days in a row", "orders go out at 4 am") describes it when the stage reads
at this share of the sentence's main one or more: plain words spread a sentence over
several stages, and the head, reading a sentence not mainly about the stage, took a
described stage for one said only in passing."""
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"billion|half|third|quarter|tenth)\b"
)
NAMED_OPTIONS = 2
"""Named measures or models a sentence sets against each other, with a reason, to be
grounded: the one chosen and the one turned down."""
REASON_REACH = 3
"""Pieces from the sentence that reached a level (itself included) where its reason may
be said."""
MAX_STRENGTH = 3.0
"""Stage strengths are read up to this (a sentence strongly about a stage and its cues)."""


def depth_features(
    stage_ids: Sequence[str],
    rules: Mapping[str, StageDepth],
    strengths: Sequence[Mapping[str, float]],
    alone: Sequence[Mapping[str, float]],
    substances: Sequence[Substance],
) -> np.ndarray:
    """(stages, features): what the head reads for each stage of one answer."""
    rows = []
    for k, stage in enumerate(stage_ids):
        rule = rules[stage]
        f = [float(rule.level == lv) for lv in range(4)]
        f += [float(k == j) for j in range(len(stage_ids))]
        values = [row.get(stage, 0.0) for row in strengths]
        speaking = [
            i for i, row in enumerate(strengths) if serving(row, stage) and serving(alone[i], stage)
        ]
        mainly = [i for i, row in enumerate(strengths) if row and _top(row) == stage]
        mainly = [i for i in mainly if strengths[i][stage] >= SERVES]
        f += [
            min(max(values, default=0.0), MAX_STRENGTH) / MAX_STRENGTH,
            math.log1p(len(speaking)),
            math.log1p(len(mainly)),
        ]
        f += _sentence(stage, rule.segment, strengths, substances)
        rows.append(f)
    return np.asarray(rows, dtype=np.float64)


def _top(row: Mapping[str, float]) -> str:
    return max(row, key=lambda k: row[k])


def concrete(
    stage: str,
    depth: StageDepth,
    strengths: Sequence[Mapping[str, float]],
    substances: Sequence[Substance],
) -> bool:
    """A sentence that describes ``stage`` is mainly about it and puts a number or a named
    technique on it ("we have two million orders a day, and the estimate has 100 ms"):
    described, as the labels define it, however the head reads it. It need not be the
    sentence that reached the rules' level (a framing sentence may justify the stage in
    passing). A budget ("about 200 milliseconds") serving the constraints describes them
    even in a sentence mostly about something else."""
    shown = depth.at_level[1] if len(depth.at_level) >= 2 else depth.segment
    if shown is None:
        return False
    if stage == BUDGET_STAGE and substances[shown].budget and serving(strengths[shown], stage):
        return True  # "we have about 200 milliseconds, so the ranker…"
    if figured(substances[shown]) and _near_top(strengths[shown], stage):
        return True  # "…if, say, dairy is off by more than fifteen percent three days in a row"
    if stage == OUTCOME_STAGE and substances[shown].outcome and _near_top(strengths[shown], stage):
        return True  # "Fewer transfers mean shorter calls and retained customers."
    if _weighing(stage, depth, strengths, substances) is not None:
        return True  # "Hourly rebuilds trade review time for freshness."
    return pinned_down(strengths[shown], substances[shown], stage)


def _weighing(
    stage: str,
    depth: StageDepth,
    strengths: Sequence[Mapping[str, float]],
    substances: Sequence[Substance],
) -> int | None:
    """Of the sentences that reached a level of :data:`WEIGHING_STAGE`, the first that
    serves it and says what a choice costs."""
    if stage != WEIGHING_STAGE:
        return None
    return next(
        (
            i
            for i in sorted(set(depth.at_level) - {None})
            if substances[i].weighs and serving(strengths[i], stage)
        ),
        None,
    )


def figured(sub: Substance) -> bool:
    """A quantity with a figure in it ("fifteen percent", "at 4 am", "the last four
    weeks"), not a round scale ("a few hundred", "a thousand") nor a bare frequency
    ("every night")."""
    said = sub.specifics[: sub.quantities]
    return any(_FIGURE.search(q) and not q.startswith("a ") for q in said)


def _near_top(row: Mapping[str, float], stage: str) -> bool:
    return bool(row) and row.get(stage, 0.0) >= FIGURE_SHARE * max(row.values())


def bounded(
    rules: np.ndarray,
    read: np.ndarray,
    *,
    firm: np.ndarray,
    concrete: np.ndarray,
    asked: np.ndarray | None = None,
    reasoned: np.ndarray | None = None,
) -> np.ndarray:
    """What the head may make of the rules' levels (arrays, a row per stage): the level it
    ``read`` where that is lower, or justified where the rules reached described and the
    sentence gives some reason where one is owed (``reasoned``: a model picked with no
    word of why stays described; every stage when None); a ``firm`` level
    stays as it is, a ``concrete`` sentence stays described, and a level reached in answer
    to a follow-up on the stage (``asked``) is not lowered."""
    lift = (rules == 2) & (read == 3)
    if reasoned is not None:
        lift &= reasoned
    out = np.where(lift, 3, np.minimum(rules, read))
    out = np.where(concrete & (rules >= 2), np.maximum(out, 2), out)
    if asked is not None:
        out = np.where(asked, np.maximum(out, rules), out)
    return np.where(firm, rules, out)


def _sentence(
    stage: str,
    i: int | None,
    strengths: Sequence[Mapping[str, float]],
    substances: Sequence[Substance],
) -> list[float]:
    """What the sentence that reached the level holds (zeros when there is none)."""
    if i is None:
        return [0.0] * 11
    row, sub = strengths[i], substances[i]
    top = max(row.values(), default=0.0) or 1e-9
    own = len(sub.specifics) - sub.quantities
    return [
        row.get(stage, 0.0) / top,
        float(bool(row) and _top(row) == stage),
        sum(1 for k in row if serving(row, k)) / 3,
        float(sub.quantities > 0),
        float(sub.terms > 0),
        math.log1p(own),
        math.log1p(sub.words),
        float(sub.reason),
        float(sub.comparison),
        float(sub.reason and not sub.comparison),
        1.0,
    ]


@dataclass(frozen=True)
class DepthHead:
    rubric: str
    stage_ids: tuple[str, ...]
    mean: np.ndarray
    """(features,) the training features' mean, taken off before weighing"""
    scale: np.ndarray
    """(features,) and their spread"""
    weights: np.ndarray
    """(features + 1, 4): a column per level, the last row the bias"""

    def levels(self, features: np.ndarray) -> np.ndarray:
        """The most likely level (0-3) per row of ``features``."""
        return (self._standard(features) @ self.weights).argmax(axis=1)

    def _standard(self, features: np.ndarray) -> np.ndarray:
        x = (features - self.mean) / self.scale
        return np.hstack([x, np.ones((len(x), 1))])

    def reread(
        self,
        rules: Mapping[str, StageDepth],
        strengths: Sequence[Mapping[str, float]],
        alone: Sequence[Mapping[str, float]],
        substances: Sequence[Substance],
        texts: Sequence[str] | None = None,
    ) -> dict[str, StageDepth]:
        """The rules' depths, each lowered where the head reads less, or lifted from
        described to justified (a model choice only where some reason is said near it:
        ``texts``, the sentences, show it in plain words too); a stage lowered to absent
        has no sentence, one lowered to another level is quoted from the sentence that
        shows that level best. A firm level
        (a recap that says it is one) stays, and a sentence mainly about the stage with a
        number or a named technique in it keeps it described. A justified stage lowered
        below described keeps what its described sentence, read on its own, shows."""
        x = depth_features(self.stage_ids, rules, strengths, alone, substances)
        given = [rules[s] for s in self.stage_ids]
        given_by = list(zip(self.stage_ids, given, strict=True))
        sure = [concrete(s, rules[s], strengths, substances) for s in self.stage_ids]
        levels = bounded(
            np.array([r.level for r in given]),
            self.levels(x),
            firm=np.array([r.firm or _grounded(s, r, strengths, substances) for s, r in given_by]),
            concrete=np.array(sure),
            asked=np.array([r.asked for r in given]),
            reasoned=np.array(
                [s != MODEL_STAGE or reasoned(r.segment, substances, texts) for s, r in given_by]
            ),
        )
        out = {
            s: r.read_at(int(lv)) for s, r, lv in zip(self.stage_ids, given, levels, strict=True)
        }
        # a stage lowered from justified to below described was read off the sentence that
        # justified it, which may be mostly about something else (in speech, often a piece
        # of a sentence the speech model ran on); the sentence that described it is read
        # on its own, as it would be had nothing gone deeper
        lower = {
            s: r.read_at(2)
            for s, r in given_by
            if r.level == 3 and out[s].level < 2 and r.read_at(2).segment != r.segment
        }
        if lower:
            again = self.reread({**rules, **lower}, strengths, alone, substances, texts)
            out |= {s: again[s] for s in lower if again[s].level > out[s].level}
        for s, r in given_by:
            weighed = _weighing(s, r, strengths, substances)
            if out[s].level == 2 and r.level > 2 and weighed is not None:
                # quoted from the sentence that weighs, not one that reached "described"
                # by being mostly about something else ("Fewer keystrokes means more…")
                out[s] = replace(out[s], segment=weighed)
        return out

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            rubric=self.rubric,
            stage_ids=np.array(self.stage_ids),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            weights=self.weights.astype(np.float32),
        )


_WHY = re.compile(
    r"\b(?:because|since|so that|than|instead|rather|handles?|suits?|fits?|copes?|"
    r"works? well|good at|best at|made for|built for|designed for|avoids?|needs? no|"
    r"easier|cheaper|faster|simpler|lighter|smaller|cheap|fast|explainable|interpretable)\b"
)
"""Plain words of why near a model choice ("trees handle the mix of weather and time of day
well, and they're easier to explain than a neural network")."""


def reasoned(
    i: int | None, substances: Sequence[Substance], texts: Sequence[str] | None = None
) -> bool:
    """Sentence ``i``, or one of the two pieces after it (the rest of a sentence cut for
    length, the next sentence), says why in some words of its own ("because", "so that",
    "rather than"): the head may read a described model choice as justified, not "I'd
    train a gradient boosted tree, XGBoost probably, to predict the minutes", which gives
    no reason at all (the candidate was told it came "with reasons")."""
    if i is None:
        return False
    near = range(i, min(len(substances), i + REASON_REACH))
    return any(
        not substances[k].garbled
        and (
            substances[k].linked
            or substances[k].reason
            or substances[k].comparison
            or (texts is not None and bool(_WHY.search(texts[k].lower())))
        )
        for k in near
    )


def _grounded(
    stage: str,
    depth: StageDepth,
    strengths: Sequence[Mapping[str, float]],
    substances: Sequence[Substance],
) -> bool:
    """Justified, in a sentence mainly about the stage, by a reason that carries a figure
    ("…so a breaking news query shows up within an hour"), that names what the step
    protects ("…, for privacy"), or that sets two named options against each other with
    the fault of the one turned down ("WAPE rather than MAPE, because MAPE explodes on
    items that mostly sell zero"): tied to this problem, whatever the head reads."""
    if depth.level < 3 or depth.segment is None:
        return False
    row = strengths[depth.segment]
    mainly = bool(row) and _top(row) == stage
    sub = substances[depth.segment]
    weighed = sub.reason and sub.comparison and sub.terms + sub.models >= NAMED_OPTIONS
    return mainly and (sub.reason_figure or sub.purpose or weighed)


def depth_head_path(rubric_id: str) -> Path:
    return Path(str(files("assistant.scoring.structure") / "data" / f"{rubric_id}.depth.npz"))


@cache
def load_depth_head(rubric_id: str, stage_ids: tuple[str, ...]) -> DepthHead | None:
    """The shipped depth head for ``rubric_id``, if there is one and it fits its stages
    (a rubric edited or overridden by the user is judged by the rules alone); read once."""
    data = read_head_file(depth_head_path(rubric_id), tuple(stage_ids))
    if data is None:
        return None
    as64 = {k: data[k].astype(np.float64) for k in ("mean", "scale", "weights")}
    return DepthHead(str(data["rubric"]), stage_ids, **as64)


def train_depth_head(
    rubric_id: str,
    stage_ids: tuple[str, ...],
    x: np.ndarray,
    y: np.ndarray,
    *,
    l2: float = 1.0,
    iterations: int = 400,
) -> DepthHead:
    """Fit the levels ``y`` (0-3) from the features ``x`` by gradient descent on the
    L2-regularised multinomial log loss (the bias not shrunk)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    xs = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    target = np.eye(4)[y]
    w = np.zeros((xs.shape[1], 4))
    shrink = np.ones((xs.shape[1], 1))
    shrink[-1] = 0.0
    for _ in range(iterations):
        z = xs @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (xs.T @ (p - target) + l2 * shrink * w) / len(xs)
        w -= 0.5 * grad
    return DepthHead(rubric_id, stage_ids, mean, scale, w)
