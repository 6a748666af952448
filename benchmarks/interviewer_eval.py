"""The interviewer evaluation: scripted candidates against the offline interviewer.

    .venv/bin/python benchmarks/interviewer_eval.py [--details] [--audio DIR]

Plays every scenario in ``tests/eval/interviewer/`` through a real
:class:`~assistant.practice.session.PracticeSession` (typed answers, the session
length the app would plan from the question's budget, the bundled sentence model),
then grades the interviewer the way a watching interviewer would grade a colleague
(in the spirit of the grader in IliaLarchenko/Interviewer): did the first probe hit
the gap that matters, did probes land on labelled gaps, were mistakes found, did it
answer questions nobody asked, did it claim an omission that was not made, did it
repeat itself. Adaptation pairs (a design, a requirement change, a reply) check the
``revised`` verdict and whether the interviewer pushes when the design did not change.

Prints a Markdown table; ``tests/unit/test_interviewer_eval.py`` holds the targets.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.interview.adaptation import check_adaptation  # noqa: E402
from assistant.interview.moves import Move  # noqa: E402
from assistant.interview.planner import OfflinePlanner, PlannerState  # noqa: E402
from assistant.interview.session import OfflineInterviewer  # noqa: E402
from assistant.interview.view import AnswerView, split_sentences  # noqa: E402
from assistant.practice.session import PracticeSession  # noqa: E402
from assistant.scoring.analyse import StructureSpec, analyse_text  # noqa: E402
from assistant.scoring.structure.embedder import MiniLMEmbedder  # noqa: E402
from assistant.scoring.structure.embedding_cache import CachedEmbedder  # noqa: E402
from assistant.scoring.structure.scorers import build_scorer  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from prompts import load_question  # noqa: E402
from rubrics import load_rubric  # noqa: E402

SCENARIOS = ROOT / "tests" / "eval" / "interviewer"
HELD_OUT = ROOT / "tests" / "eval" / "interviewer-heldout"
"""Written after the rules were frozen: measured, never tuned on."""
HELD_OUT_2 = ROOT / "tests" / "eval" / "interviewer-heldout2"
"""A second held-out set on other questions and phrasings (plain-word tradeoffs,
paraphrased changes, acknowledges-but-keeps), written before the next round of tuning."""
REPLY = "I'd need to think about that more."
"""What the scripted candidate says once its script runs out."""
ABSENCE = ("not in any answer", "no answer so far weighed", "before settling", "not on the table")
"""A move whose reason says one of these claims the candidate left something out."""
PROBES = ("follow_up", "challenge")


def load_scenarios(folder: Path = SCENARIOS) -> list[dict]:
    return [tomllib.loads(p.read_text()) for p in sorted(folder.glob("*.toml"))]


def structure_spec() -> StructureSpec:
    rubric = load_rubric("ml-system-design")
    scorer, method = build_scorer(rubric, CachedEmbedder(MiniLMEmbedder()))
    return StructureSpec(rubric, scorer, method)


def tally(items: list, hit) -> tuple[int, int]:
    """(how many of ``items`` ``hit`` holds for, how many there are): a table cell."""
    return sum(bool(hit(x)) for x in items), len(items)


def revised(a) -> bool:
    return a.revised


def pushed(a) -> bool:
    return a.pushed


@dataclass
class SessionResult:
    scenario: dict
    moves: list[Move]
    budget_s: int

    @property
    def probes(self) -> list[Move]:
        """Probes on the candidate's design (a push after a change aims at the change)."""
        changes = {c for m in self.moves if m.kind == "new_constraint" for c in [m.target]}
        return [m for m in self.moves if m.kind in PROBES and m.target not in changes]

    def claims(self) -> list[tuple[Move, str]]:
        """(move, stage) for every stage a move says was left out."""
        return [
            (m, t)
            for m in self.moves
            if m.kind in PROBES and any(a in m.why for a in ABSENCE)
            for t in m.targets
        ]

    def false_claims(self) -> list[tuple[Move, str]]:
        present = set(self.scenario.get("present", []))
        return [(m, t) for m, t in self.claims() if t in present]

    def clarifications(self) -> tuple[int, int, int]:
        """(answered although nothing was asked, asked but not answered, right answers)."""
        wrong = missed = right = 0
        for i, answer in enumerate(self.scenario["answers"]):
            if i >= len(self.moves):
                break
            asked = set(answer.get("asks", []))
            got = {t for t in self.moves[i].answered.split("+") if t}
            if got and not asked:
                wrong += 1
            elif asked and not got:
                missed += 1
            elif asked:
                right += got == asked
        return wrong, missed, right

    def forbidden(self) -> list[str]:
        said = []
        for rule in self.scenario.get("forbid", []):
            kind, _, target = rule.partition(":")
            said += [
                rule for m in self.moves if m.kind == kind and (not target or target in m.targets)
            ]
        keys = [m.key for m in self.moves]
        if len(set(keys)) != len(keys):
            said.append("the same move twice")
        if self.moves and self.moves[-1].kind != "wrap_up":
            said.append("no wrap-up at the end")
        return said

    @property
    def pitfalls_found(self) -> list[str]:
        wanted = self.scenario.get("pitfalls", [])
        return [p for p in wanted if any(f"pitfall {p}:" in m.why for m in self.moves)]

    @property
    def pitfall_false_alarms(self) -> list[str]:
        wanted = set(self.scenario.get("pitfalls", []))
        out = []
        for m in self.moves:
            if "pitfall " in m.why:
                pid = m.why.split("pitfall ", 1)[1].split(":", 1)[0]
                if pid not in wanted:
                    out.append(pid)
        return out


def run_session(
    scenario: dict,
    spec: StructureSpec,
    settings: Settings,
    transcriber=None,
    audio_dir: Path | None = None,
) -> SessionResult:
    """Typed answers, or, with ``transcriber`` and ``audio_dir``, each answer read aloud
    by espeak-ng and heard by the speech model, as a recording would be."""
    question = load_question(scenario["question"])
    session = PracticeSession.start(
        question,
        spec,
        interviewer_for=OfflineInterviewer,
        transcriber=transcriber,
        settings=settings,
        store=None,
    )
    session.opening()
    script = [a["text"] for a in scenario["answers"]]
    i = 0
    while True:
        text = script[i] if i < len(script) else REPLY
        if audio_dir is None:
            answered = session.answer_text(text)
        else:
            wav = audio_dir / f"{scenario['id']}-{i + 1}.wav"
            answered = session.answer_recording(read_aloud(text, wav))
        i += 1
        if answered.move is None:
            break
    return SessionResult(scenario, session.interview.moves, question.budget_s)


def read_aloud(text: str, wav: Path) -> Path:
    """``text`` said by espeak-ng, a short breath after each sentence (cached by name)."""
    from tests.support.synth import Say, Silence, synthesize

    if not wav.exists():
        script = []
        for sentence in split_sentences(" ".join(text.split())):
            script += [Say(sentence, wpm=165), Silence(0.5)]
        synthesize(script, wav)
    return wav


@dataclass
class AdaptationResult:
    scenario: dict
    acknowledged: bool
    revised: bool
    pushed: bool
    move: Move = field(repr=False)


def run_adaptation(scenario: dict, spec: StructureSpec) -> AdaptationResult:
    question = load_question(scenario["question"])
    change = next(c for c in question.constraint_changes if c.id == scenario["change"])
    settings = Settings()
    reports = [
        analyse_text(a["text"], settings, structure=spec, question=question.id)
        for a in scenario["answers"]
    ]
    verdict = check_adaptation(
        change,
        reports[-1],
        question.words,
        earlier=reports[:-1],
        embedder=spec.embedder,
        alternatives=question.constraint_changes,
    )
    planner = OfflinePlanner(question, spec.rubric, embedder=spec.embedder)
    injected = Move(
        kind="new_constraint",
        target=change.id,
        why="scripted",
        question=change.say,
        source="planner",
    )
    views = [AnswerView.of(r) for r in reports]
    move = planner.choose(PlannerState([injected], views, moves_left=3))
    pushed = move.kind == "follow_up" and move.target == change.id
    return AdaptationResult(scenario, verdict.acknowledged, verdict.revised, pushed, move)


@dataclass
class Evaluation:
    sessions: list[SessionResult]
    adaptations: list[AdaptationResult]

    def table(self) -> dict[str, tuple[int, int]]:
        """Measure -> (count, out of)."""
        rows: dict[str, tuple[int, int]] = {}
        graded = [s for s in self.sessions if s.scenario["kind"] != "strong"]
        first_hits = sum(
            bool(s.probes) and bool(set(s.probes[0].targets) & set(s.scenario["first"]))
            for s in graded
        )
        rows["first probe hits the most important gap (weak/medium/trap)"] = (
            first_hits,
            len(graded),
        )
        probes = [(s, m) for s in self.sessions for m in s.probes]
        on_gap = sum(
            bool(set(m.targets) & set(s.scenario["gaps"]))
            or any(f"pitfall {p}:" in m.why for p in s.scenario.get("pitfalls", []))
            for s, m in probes
        )
        rows["probes on a labelled gap"] = (on_gap, len(probes))
        wanted = sum(len(s.scenario.get("pitfalls", [])) > 0 for s in self.sessions)
        found = sum(bool(s.pitfalls_found) for s in self.sessions if s.scenario.get("pitfalls"))
        rows["trap answers whose mistake is challenged"] = (found, wanted)
        alarms = sum(len(s.pitfall_false_alarms) for s in self.sessions)
        rows["pitfall challenges on a mistake not made"] = (alarms, len(probes))
        clar = [s.clarifications() for s in self.sessions]
        asked = sum(
            len(a.get("asks", [])) > 0 for s in self.sessions for a in s.scenario["answers"]
        )
        not_asked = sum(
            len(a.get("asks", [])) == 0 for s in self.sessions for a in s.scenario["answers"]
        )
        rows["clarifications to non-questions"] = (sum(c[0] for c in clar), not_asked)
        rows["questions to the interviewer answered with the right fact"] = (
            sum(c[2] for c in clar),
            asked,
        )
        claims = [c for s in self.sessions for c in s.claims()]
        false = [c for s in self.sessions for c in s.false_claims()]
        rows["omission claims about a stage the answer covered"] = (len(false), len(claims))
        bad = sum(len(s.forbidden()) for s in self.sessions)
        rows["forbidden moves (incl. repeats, no wrap-up last)"] = (bad, len(self.sessions))
        six = [s for s in self.sessions if 360 <= s.budget_s <= 420]
        rows["6-7 min sessions with >= 2 probes before the wrap-up"] = tally(
            six, lambda s: len(s.probes) >= 2
        )
        keep = [a for a in self.adaptations if not a.scenario["revised"]]
        real = [a for a in self.adaptations if a.scenario["revised"]]
        rows["adaptation: false 'revised' on ignoring/keeping/replayed answers"] = tally(
            keep, revised
        )
        rows["adaptation: real adaptations recognised (paraphrases included)"] = tally(
            real, revised
        )
        para = [a for a in real if a.scenario["kind"] == "paraphrase"]
        rows["adaptation: paraphrased adaptations recognised"] = tally(para, revised)
        rows["adaptation: push follow-up after a design that did not change"] = tally(keep, pushed)
        rows["adaptation: push after a real adaptation (should be 0)"] = tally(real, pushed)
        return rows


def evaluate(
    folder: Path = SCENARIOS,
    *,
    audio_dir: Path | None = None,
    only: set[str] | None = None,
    transcriber=None,
) -> Evaluation:
    """Every scenario in ``folder`` (those in ``only``, when given); with ``audio_dir``
    the sessions are spoken (espeak-ng, then ``transcriber``, by default the bundled
    tiny.en) and adaptation pairs, which judge text, are left out."""
    spec = structure_spec()
    settings = Settings()
    if audio_dir is not None and transcriber is None:
        from speech.models import resolve_model
        from speech.transcriber import FasterWhisperTranscriber

        transcriber = FasterWhisperTranscriber(resolve_model(None), cpu_threads=2)
        transcriber.load()
    if audio_dir is not None:
        audio_dir.mkdir(parents=True, exist_ok=True)
    sessions, adaptations = [], []
    for scenario in load_scenarios(folder):
        if only is not None and scenario["id"] not in only:
            continue
        if "change" in scenario:
            if audio_dir is None:
                adaptations.append(run_adaptation(scenario, spec))
        else:
            sessions.append(run_session(scenario, spec, settings, transcriber, audio_dir))
    return Evaluation(sessions, adaptations)


def markdown(ev: Evaluation) -> str:
    lines = ["| measure | result |", "|---|---|"]
    for name, (n, out_of) in ev.table().items():
        share = f" ({100 * n / out_of:.0f} %)" if out_of else ""
        lines.append(f"| {name} | {n} / {out_of}{share} |")
    return "\n".join(lines)


def details(ev: Evaluation) -> str:
    out = []
    for s in ev.sessions:
        out.append(f"## {s.scenario['id']} ({s.scenario['kind']})")
        gaps = set(s.scenario["gaps"])
        probes = {id(m) for m in s.probes}
        for m in s.moves:
            said = f" [answers {m.answered}]" if m.answered else ""
            off = id(m) in probes and not (set(m.targets) & gaps) and "pitfall " not in m.why
            mark = " (off the labelled gaps)" if off else ""
            out.append(f"- {m.kind} {m.target}{said}{mark}: {m.question}\n  why: {m.why}")
        for problem in s.forbidden() + [f"false claim: {t}" for _, t in s.false_claims()]:
            out.append(f"  !! {problem}")
    for a in ev.adaptations:
        sc = a.scenario
        out.append(
            f"## {sc['id']}: acknowledged {a.acknowledged} (label {sc['acknowledged']}), "
            f"revised {a.revised} (label {sc['revised']}), next: {a.move.kind} {a.move.target}"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="print every move")
    parser.add_argument(
        "--audio",
        type=Path,
        metavar="DIR",
        help="speak the sessions with espeak-ng into DIR and hear them with tiny.en",
    )
    args = parser.parse_args()
    sets = (("development", SCENARIOS), ("held-out", HELD_OUT), ("held-out 2", HELD_OUT_2))
    for name, folder in sets:
        ev = evaluate(folder, audio_dir=args.audio / name.replace(" ", "") if args.audio else None)
        name += ", spoken" if args.audio else ""
        n_sessions, n_adapt = len(ev.sessions), len(ev.adaptations)
        print(
            f"{name}: {n_sessions} sessions and {n_adapt} adaptation pairs, offline interviewer\n"
        )
        print(markdown(ev))
        print()
        if args.details:
            print(details(ev))
            print()


if __name__ == "__main__":
    main()
