"""Train a rubric's stage head from its development answers.

    .venv/bin/python scripts/train_stage_head.py [--cv]                   # ml-system-design
    .venv/bin/python scripts/train_stage_head.py --rubric behavioral-star [--cv]  # or general
    .venv/bin/python scripts/train_stage_head.py --warm   # start from the shipped weights

Training data: every sentence of the rubric's development answers (``DEV``:
``tests/eval/dev/*.toml`` for system design, ``tests/eval/stories/dev/*.toml`` for
behavioural stories, ``tests/eval/explanations/dev/*.toml`` for timed explanations;
hand-labelled, written independently of the rubric's cue lists; for system design only
those listed in ``scripts/stage_head_answers.txt``) plus the rubric's example phrasings.
``--cv`` first prints leave-one-question-out sentence-level precision/recall. The held-out
sets (``tests/eval/answers``, ``tests/eval/fresh``, ``tests/eval/stories/held-out``,
``tests/eval/explanations/held-out``) are never used here. ``--warm`` starts Newton's
method at the shipped head's weights: the same head (the fit is convex), in a few steps
instead of about ten per stage when a few answers were added (minutes, not a quarter of
an hour, on a loaded machine).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.scoring.structure.embedder import Embedder, MiniLMEmbedder  # noqa: E402
from assistant.scoring.structure.heads import (  # noqa: E402
    StageHead,
    head_path,
    load_head,
    train_head,
    with_neighbours,
)
from rubrics import Rubric, load_rubric  # noqa: E402

RUBRIC = "ml-system-design"
DEV = {
    "ml-system-design": ROOT / "tests" / "eval" / "dev",
    "behavioral-star": ROOT / "tests" / "eval" / "stories" / "dev",
    "general": ROOT / "tests" / "eval" / "explanations" / "dev",
}
"""Each rubric with a head, and the folder of development answers it is trained on."""
MIN_PROBABILITY = {"ml-system-design": 0.4, "behavioral-star": 0.7, "general": 0.6}
"""From what probability a sentence adds to a stage, per rubric: chosen on the
development answers read question by question with heads trained without the question
(``benchmarks/structure_accuracy.py --split dev --cv``, ``benchmarks/rubric_accuracy.py
--split dev --cv``)."""
L2 = 1.0
NEIGHBOURS = True
TRAINED_ON = ROOT / "scripts" / "stage_head_answers.txt"
"""The development answers the system-design head learns from: the 93 the shipped head was
trained on. Heads trained on every development answer (141, 189) were measured and not
shipped (``docs/measured-history.md``), so a later answer joins this list only with a head
retrained and measured; the other rubrics' heads learn from all of theirs."""


def trained_on(rubric_id: str) -> set[str] | None:
    """Ids of the development answers ``rubric_id``'s head learns from (None: all)."""
    if rubric_id != RUBRIC:
        return None
    lines = TRAINED_ON.read_text().splitlines()
    return {x.strip() for x in lines if x.strip() and not x.startswith("#")}


class DevSet:
    """The development answers' sentences as embeddings and stage labels, by answer."""

    def __init__(self, rubric: Rubric, embedder: Embedder) -> None:
        self.rubric = rubric
        self.embedder = embedder
        ids = rubric.stage_ids
        self.answers = [tomllib.loads(p.read_text()) for p in sorted(DEV[rubric.id].glob("*.toml"))]
        self.data = {}
        for a in self.answers:
            x = embedder.embed([s["text"] for s in a["sentences"]])
            y = np.array([[float(i in s["stages"]) for i in ids] for s in a["sentences"]])
            self.data[a["id"]] = (x, y)
        phrasings = [(t, k) for k, st in enumerate(rubric.stages) for t in st.phrasings]
        self.px = embedder.embed([t for t, _ in phrasings])
        if NEIGHBOURS:  # a phrasing stands alone: its own neighbour
            self.px = np.hstack([self.px, self.px])
        self.py = np.eye(len(ids))[[k for _, k in phrasings]]

    def kept(
        self, leave_out: str | set[str] | None = None, among: set[str] | None = None
    ) -> list[str]:
        """Ids of the answers :meth:`head` learns from with these arguments."""
        out = {leave_out} if isinstance(leave_out, str) else (leave_out or set())
        return [
            a["id"]
            for a in self.answers
            if a["question"] not in out and (among is None or a["id"] in among)
        ]

    def head(
        self,
        leave_out: str | set[str] | None = None,
        among: set[str] | None = None,
        start: StageHead | None = None,
    ) -> StageHead:
        """A head trained on every answer (or every one ``among`` these ids) but those
        to question ``leave_out`` (or to any of these questions); Newton's method begins
        at ``start`` if given."""
        keep = self.kept(leave_out, among)
        read = with_neighbours if NEIGHBOURS else (lambda x: x)
        return train_head(
            self.rubric.id,
            self.rubric.stage_ids,
            np.vstack([read(self.data[i][0]) for i in keep] + [self.px]),
            np.vstack([self.data[i][1] for i in keep] + [self.py]),
            l2=L2,
            neighbours=NEIGHBOURS,
            min_probability=MIN_PROBABILITY[self.rubric.id],
            start=start,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--rubric", choices=sorted(DEV), default=RUBRIC)
    parser.add_argument("--warm", action="store_true", help="start from the shipped weights")
    args = parser.parse_args()
    rubric = load_rubric(args.rubric)
    dev = DevSet(rubric, MiniLMEmbedder())
    start = load_head(rubric.id, rubric.stage_ids) if args.warm else None
    if args.cv:
        probs, gold = [], []
        among = trained_on(args.rubric)
        for q in sorted({a["question"] for a in dev.answers if among is None or a["id"] in among}):
            head = dev.head(leave_out=q, among=among)
            for a in dev.answers:
                if a["question"] == q and (among is None or a["id"] in among):
                    probs.append(head.probabilities(dev.data[a["id"]][0]))
                    gold.append(dev.data[a["id"]][1])
        p, y = np.vstack(probs) >= 0.6, np.vstack(gold) > 0
        tp, fp, fn = (p & y).sum(), (p & ~y).sum(), (~p & y).sum()
        print(
            f"leave-one-question-out, sentence level at p>=0.6: precision {tp / (tp + fp):.2f}, "
            f"recall {tp / (tp + fn):.2f}"
        )
    among = trained_on(args.rubric)
    head = dev.head(among=among, start=start)
    head.save(head_path(args.rubric))
    n = sum(len(y) for i, (_, y) in dev.data.items() if among is None or i in among)
    print(f"wrote {head_path(args.rubric)} from {n} sentences and {len(dev.py)} phrasings")


if __name__ == "__main__":
    main()
