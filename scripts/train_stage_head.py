"""Train the ml-system-design stage head from the development answers.

    .venv/bin/python scripts/train_stage_head.py [--cv]

Training data: every sentence of ``tests/eval/dev/*.toml`` (hand-labelled,
written independently of the rubric's cue lists) plus the rubric's example
phrasings. ``--cv`` first prints leave-one-question-out sentence-level
precision/recall. The held-out set in ``tests/eval/answers`` is never used here.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.scoring.structure.embedder import MiniLMEmbedder  # noqa: E402
from assistant.scoring.structure.heads import head_path, train_head  # noqa: E402
from rubrics import load_rubric  # noqa: E402

RUBRIC = "ml-system-design"
L2 = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    rubric = load_rubric(RUBRIC)
    ids = rubric.stage_ids
    embedder = MiniLMEmbedder()
    dev = sorted((ROOT / "tests" / "eval" / "dev").glob("*.toml"))
    answers = [tomllib.loads(p.read_text()) for p in dev]

    def labelled(answer):
        x = embedder.embed([s["text"] for s in answer["sentences"]])
        y = np.array([[float(i in s["stages"]) for i in ids] for s in answer["sentences"]])
        return x, y

    data = {a["id"]: labelled(a) for a in answers}
    phrasings = [(t, k) for k, st in enumerate(rubric.stages) for t in st.phrasings]
    px = embedder.embed([t for t, _ in phrasings])
    py = np.eye(len(ids))[[k for _, k in phrasings]]

    if args.cv:
        probs, gold = [], []
        for q in sorted({a["question"] for a in answers}):
            train = [a["id"] for a in answers if a["question"] != q]
            head = train_head(
                RUBRIC,
                ids,
                np.vstack([data[i][0] for i in train] + [px]),
                np.vstack([data[i][1] for i in train] + [py]),
                l2=L2,
            )
            for a in answers:
                if a["question"] == q:
                    probs.append(head.probabilities(data[a["id"]][0]))
                    gold.append(data[a["id"]][1])
        p, y = np.vstack(probs) >= 0.6, np.vstack(gold) > 0
        tp, fp, fn = (p & y).sum(), (p & ~y).sum(), (~p & y).sum()
        print(
            f"leave-one-question-out, sentence level at p>=0.6: precision {tp / (tp + fp):.2f}, "
            f"recall {tp / (tp + fn):.2f}"
        )

    head = train_head(
        RUBRIC,
        ids,
        np.vstack([x for x, _ in data.values()] + [px]),
        np.vstack([y for _, y in data.values()] + [py]),
        l2=L2,
    )
    head.save(head_path(RUBRIC))
    n = sum(len(y) for _, y in data.values())
    print(f"wrote {head_path(RUBRIC)} from {n} sentences and {len(phrasings)} phrasings")


if __name__ == "__main__":
    main()
