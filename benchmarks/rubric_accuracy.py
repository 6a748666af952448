"""How well behavioural stories and timed explanations are read: stages, depth, scores.

    .venv/bin/python benchmarks/rubric_accuracy.py                      # held-out stories
    .venv/bin/python benchmarks/rubric_accuracy.py --rubric general     # held-out explanations
    .venv/bin/python benchmarks/rubric_accuracy.py --split dev --cv     # each development
                                                  #   question read by a head trained without it
    .venv/bin/python benchmarks/rubric_accuracy.py --reader prototypes  # no trained head:
                                                  #   similarity to the rubric's examples
    .venv/bin/python benchmarks/rubric_accuracy.py -v                   # a line per answer
    .venv/bin/python benchmarks/rubric_accuracy.py --audio              # read by espeak-ng,
                                                  #   a sentence at a time, heard by tiny.en

Each answer in ``tests/eval/stories/{dev,held-out}`` (the ``behavioral-star`` rubric) or
``tests/eval/explanations/{dev,held-out}`` (``general``) is labelled by sentence (which
stages it serves) and by answer (a depth 0-3 per stage; a stage is covered at depth 2 or
more). The analysis reads the answer's text as the app reads a typed answer to its
question. Prints precision, recall and F1 of covered stages, depth exact and off by more
than one, the scores by grade, and whether every strong story outscores every medium one,
every medium one every weak one, and every buzzword-only story sits at 35 or below and 30
under every strong one. ``held-out`` is for measuring only: nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.report import Report  # noqa: E402
from assistant.scoring.analyse import StructureSpec  # noqa: E402
from assistant.scoring.structure.embedder import MiniLMEmbedder  # noqa: E402
from assistant.scoring.structure.scorers import EmbeddingScorer, build_scorer  # noqa: E402
from benchmarks.structure_accuracy import score_audio, score_text  # noqa: E402
from prompts import load_questions  # noqa: E402
from rubrics import load_rubric  # noqa: E402

EVAL = {
    "behavioral-star": ROOT / "tests" / "eval" / "stories",
    "general": ROOT / "tests" / "eval" / "explanations",
}
GRADES = ("strong", "medium", "weak", "buzzword")


def load(rubric: str, split: str) -> list[dict]:
    out = []
    for path in sorted((EVAL[rubric] / split).glob("*.toml")):
        a = tomllib.loads(path.read_text())
        a["text"] = "\n".join(s["text"] for s in a["sentences"])
        a["covered"] = {k for k, v in a["depth"].items() if v >= 2}
        out.append(a)
    return out


def spec(rubric_id: str, embedder: MiniLMEmbedder, reader: str, head=None) -> StructureSpec:
    """The analysis of a whole answer: the shipped one (``shipped``), one with no stage
    head (``prototypes``), or one whose stage head is ``head``."""
    rubric = load_rubric(rubric_id)
    if head is not None:
        scorer = EmbeddingScorer(rubric, embedder, head)
        method = scorer.method
    elif reader == "prototypes":
        scorer = EmbeddingScorer(rubric, embedder, None)
        method = scorer.method
    else:
        scorer, method = build_scorer(rubric, embedder)
    texts = {q.id: q.asked for q in load_questions().values()}
    return StructureSpec(rubric, scorer, method, question_texts=texts, whole=True)


def score(story: dict, s: StructureSpec, audio: bool = False) -> Report:
    """The answer typed, or (``audio``) read by espeak-ng and heard by the speech model as
    the app hears a recording (both cached), as the structure benchmark scores its own."""
    return score_audio(story, s, None) if audio else score_text(story, s)


def ordering(scores: dict[str, list[tuple[str, int]]]) -> list[str]:
    """The pairs of grades out of order, as "strong X 60 <= medium Y 62"."""
    wrong = []
    for hi, lo in (("strong", "medium"), ("medium", "weak"), ("strong", "weak")):
        for a, sa in scores.get(hi, []):
            for b, sb in scores.get(lo, []):
                if sa <= sb:
                    wrong.append(f"{hi} {a} {sa} <= {lo} {b} {sb}")
    for b, sb in scores.get("buzzword", []):
        if sb > 35:
            wrong.append(f"buzzword {b} {sb} > 35")
        for a, sa in scores.get("strong", []):
            if sa - sb < 30:
                wrong.append(f"buzzword {b} {sb} within 30 of strong {a} {sa}")
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rubric", choices=sorted(EVAL), default="behavioral-star")
    parser.add_argument("--split", choices=("held-out", "dev"), default="held-out")
    parser.add_argument("--reader", choices=("shipped", "prototypes"), default="shipped")
    parser.add_argument(
        "--cv", action="store_true", help="dev: each question read by a head trained without it"
    )
    parser.add_argument("--audio", action="store_true", help="heard, not typed")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    stories = load(args.rubric, args.split)
    embedder = MiniLMEmbedder()
    if args.cv:
        from scripts.train_stage_head import DevSet

        dev = DevSet(load_rubric(args.rubric), embedder)
        specs = {
            q: spec(args.rubric, embedder, args.reader, dev.head(leave_out=q))
            for q in {a["question"] for a in stories}
        }
    else:
        shared = spec(args.rubric, embedder, args.reader)
        specs = {a["question"]: shared for a in stories}
    ids = load_rubric(args.rubric).stage_ids
    tp = fp = fn = exact = off = pairs = 0
    scores: dict[str, list[tuple[str, int]]] = {}
    for a in stories:
        report = score(a, specs[a["question"]], args.audio)
        st = report.structure
        assert st is not None
        got = {s.id for s in st.stages if s.covered}
        gold = a["covered"]
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
        depth = {s.id: s.depth for s in st.stages}
        for k in ids:
            pairs += 1
            exact += depth[k] == a["depth"][k]
            off += abs(depth[k] - a["depth"][k]) > 1
        scores.setdefault(a["quality"], []).append((a["id"], st.score))
        if args.verbose:
            levels = " ".join(f"{k[:4]}={depth[k]}/{a['depth'][k]}" for k in ids)
            miss = ",".join(sorted(gold - got)) or "-"
            extra = ",".join(sorted(got - gold)) or "-"
            print(f"{a['id']:44} {st.score:3d}  {levels}  missed {miss}  extra {extra}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    reader = "head trained without the question" if args.cv else args.reader
    method = specs[stories[0]["question"]].method
    how = "spoken (espeak-ng, tiny.en)" if args.audio else "text"
    print(
        f"{len(stories)} answers ({args.rubric}, {args.split}, {how}), read by: {reader} ({method})"
    )
    print(f"covered stages: precision {p:.2f}  recall {r:.2f}  F1 {f1:.2f}")
    print(f"depth: exact {exact / pairs:.1%}  off by more than one {off / pairs:.1%}")
    for g in GRADES:
        got = sorted(s for _, s in scores.get(g, []))
        if got:
            print(f"{g:9} median {median(got):5.1f}  {got}")
    wrong = ordering(scores)
    print(f"grades in order: {'yes' if not wrong else f'no, {len(wrong)} pairs'}")
    for w in wrong[:12]:
        print(f"  {w}")


if __name__ == "__main__":
    main()
