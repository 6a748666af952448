"""Linear stage classifiers over sentence embeddings ("heads"), one file per rubric.

A head is a logistic regression per stage, trained by
``scripts/train_stage_head.py`` on the hand-labelled development answers in
``tests/eval/dev`` plus the rubric's own example phrasings. Rubrics without a
head (a user's own, say) are scored by similarity to their example phrasings.

A head may read each sentence with its neighbours: a stage usually runs over several
sentences, and a short or plain one ("and when.", "like recall at 30") says what it is
about only next to the sentences around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np


def with_neighbours(embeddings: np.ndarray, quiet: np.ndarray | None = None) -> np.ndarray:
    """Each row beside the mean of itself and the rows before and after it, for segments
    in the order they were said (at either end, of itself and the one neighbour). A
    ``quiet`` row (a sentence that serves no stage: thanks, a sign-off) is no one's
    neighbour: "Thank you for the question." before a model named made it read as a
    summary."""
    n = len(embeddings)
    lends = np.ones(n) if quiet is None else (~np.asarray(quiet, dtype=bool)).astype(float)
    lent = embeddings * lends[:, None]
    around = embeddings.copy()
    around[1:] += lent[:-1]
    around[:-1] += lent[1:]
    counts = np.ones((n, 1))
    counts[1:, 0] += lends[:-1]
    counts[:-1, 0] += lends[1:]
    return np.hstack([embeddings, around / counts])


DEFAULT_MIN_PROBABILITY = 0.4
"""The floor of a head saved before heads carried their own (the system-design head)."""


@dataclass(frozen=True)
class StageHead:
    rubric: str
    stage_ids: tuple[str, ...]
    weights: np.ndarray
    """(stages, dims), dims twice the embedding's when it reads neighbours"""
    bias: np.ndarray
    """(stages,)"""
    neighbours: bool = False
    """Reads each segment beside the mean of the segments around it."""
    min_probability: float = DEFAULT_MIN_PROBABILITY
    """From this probability up a segment adds to a stage (chosen per rubric on its
    development answers, each question read by a head trained without it)."""

    def probabilities(
        self, embeddings: np.ndarray, *, alone: bool = False, quiet: np.ndarray | None = None
    ) -> np.ndarray:
        """(segments, stages) probability that each segment serves each stage; the
        segments of one answer, in order. ``alone`` reads each segment as if nothing
        were said around it (its own neighbour), as a quote of it is read; ``quiet``
        segments lend their neighbours nothing (:func:`with_neighbours`)."""
        if not self.neighbours:
            x = embeddings
        elif alone:
            x = np.hstack([embeddings, embeddings])
        else:
            x = with_neighbours(embeddings, quiet)
        logits = x @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            rubric=self.rubric,
            stage_ids=np.array(self.stage_ids),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            neighbours=self.neighbours,
            min_probability=self.min_probability,
        )


def head_path(rubric_id: str) -> Path:
    return Path(str(files("assistant.scoring.structure") / "data" / f"{rubric_id}.head.npz"))


def read_head_file(path: Path, stage_ids: tuple[str, ...]) -> dict[str, np.ndarray] | None:
    """The arrays of a head file, if there is one and it was trained for ``stage_ids``
    (a rubric edited or overridden by the user no longer fits its head)."""
    if not path.is_file():
        return None
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    if tuple(str(s) for s in arrays["stage_ids"]) != stage_ids:
        return None
    return arrays


def load_head(rubric_id: str, stage_ids: tuple[str, ...]) -> StageHead | None:
    """The shipped head for ``rubric_id``, if there is one and it matches the stages."""
    data = read_head_file(head_path(rubric_id), stage_ids)
    if data is None:
        return None
    neighbours = bool(data["neighbours"]) if "neighbours" in data else False
    floor = float(data.get("min_probability", DEFAULT_MIN_PROBABILITY))
    return StageHead(
        str(data["rubric"]), stage_ids, data["weights"], data["bias"], neighbours, floor
    )


def train_head(
    rubric_id: str,
    stage_ids: tuple[str, ...],
    x: np.ndarray,
    y: np.ndarray,
    *,
    l2: float = 1.0,
    iterations: int = 25,
    neighbours: bool = False,
    min_probability: float = DEFAULT_MIN_PROBABILITY,
    start: StageHead | None = None,
) -> StageHead:
    """Fit one L2-regularised logistic regression per stage by Newton's method,
    with positive and negative sentences weighted to balance. With ``neighbours``,
    ``x`` rows are already :func:`with_neighbours` features. ``start`` (a head of the
    same stages and width, fitted to nearly the same rows) is where Newton's method
    begins: the fit is convex, so it ends at the same head as from zero, in fewer steps.
    Plain Newton steps can overshoot from a start far from the fit; zero is the safe one."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    reg = l2 * np.eye(d + 1)
    reg[-1, -1] = 0.0  # the bias is not shrunk
    weights = np.zeros((len(stage_ids), d))
    bias = np.zeros(len(stage_ids))
    for k in range(len(stage_ids)):
        t = y[:, k]
        pos = max(t.sum(), 1.0)
        sw = np.where(t > 0, n / (2 * pos), n / (2 * max(n - pos, 1.0)))
        beta = np.zeros(d + 1)
        if start is not None:
            beta = np.concatenate([start.weights[k], [start.bias[k]]]).astype(np.float64)
        for _ in range(iterations):
            p = 1 / (1 + np.exp(-(xb @ beta)))
            grad = xb.T @ (sw * (p - t)) + reg @ beta
            hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + reg
            step = np.linalg.solve(hess, grad)
            beta -= step
            if np.abs(step).max() < 1e-6:
                break
        weights[k], bias[k] = beta[:-1], beta[-1]
    return StageHead(rubric_id, stage_ids, weights, bias, neighbours, min_probability)
