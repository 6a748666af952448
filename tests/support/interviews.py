"""Interviews played on typed answers: the held-out answers and a session runner."""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.app.build import structure_spec
from assistant.interview.moves import Move
from assistant.interview.planner import OfflinePlanner
from assistant.interview.session import Interview, OfflineInterviewer, Turn
from assistant.practice.session import PracticeSession
from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.scorers import build_scorer
from assistant.settings import Settings
from prompts import load_question, load_questions
from rubrics import Rubric, load_rubric
from speech.transcriber import CannedTranscriber
from tests.support.sentences import shared_embedder

EVAL = Path(__file__).parents[1] / "eval" / "answers"
RUBRIC = load_rubric("ml-system-design")

# a strong grocery forecasting answer, written for these tests: its pipeline and success
# measures are described without a reason; the second also says what waste costs
# the chain (then the interviewer asks about the measures, not the impact)
FORECAST = """First, who acts on this? Each store's ordering system places orders every morning, so I'm forecasting units per product per store for the next fourteen days.
We'd judge it by how much stock gets thrown away and how often a shelf runs empty, and offline by sales-weighted absolute error.
There are about nine hundred stores and thirty thousand products, and all forecasts must be ready by five in the morning.
The data is three years of till sales, promotions, prices, public holidays and local weather forecasts, and days when a product was out of stock are flagged so zero sales there are not read as zero demand.
Every night a batch job aggregates yesterday's sales and builds lag features, rolling weekly means and promotion flags.
For the model I'd use one gradient boosted model across all products predicting several quantiles, because most products have short histories and a pooled model borrows strength from similar ones.
Forecasts land in a table the ordering system reads at five, and we'd start with thirty pilot stores against matched control stores.
I'd watch forecast error per category every week and alert when promotions push it up, since promotions are where forecasts break.
The main tradeoff is waste against empty shelves: a higher quantile means fewer empty shelves but more waste, so perishables get a lower quantile than canned goods.
To sum up: pooled quantile boosting on sales, promotions and weather, nightly, piloted in thirty stores.
"""  # noqa: E501
# a duplicate listings answer, written for these tests: its scale is asked as a question
# with a number in it ("say a million"), its success measure opens "What counts as
# success:", and it narrows candidate pairs without saying "pipeline"
DUPLICATES = """So the problem is sellers posting the same item many times to get more visibility, which clutters search and annoys buyers. I'd want to know how many new listings per day we're talking about, say a million, and whether we block at posting time or clean up later. I'll assume we flag at posting time and have a human look at borderline cases.
What counts as success: of the listings we hide, at least ninety five percent should really be duplicates, because hiding a real listing costs a seller money, and we want to catch most of the repeat posters, measured by how often buyers report duplicates.
The signals are the title, the description, the photos and the seller account, plus past moderator decisions, which are our labels.
When a listing comes in, we compute a text embedding and a photo hash, look up the nearest existing listings from the same seller or the same phone number in an index, and only then run the expensive comparison on the top twenty candidates. That keeps it fast, because comparing against every listing would be far too slow.
The comparison itself is a small classifier on pairs: title similarity, photo distance, price difference, same category. I'd train it on moderator decisions.
It runs inside the posting service, and the borderline scores go to a review queue.
After launch, we'd track the share of hidden listings that sellers appeal and win, and the review queue length every day, and retrain every month because sellers change tricks.
One thing I'd weigh: photo hashing catches lazy reposts cheaply, but a seller who crops the photo beats it, so I'd pay for the embedding on the photos too, even though it costs more compute per listing.
"""  # noqa: E501
FORECAST_PRICED = FORECAST.replace(
    "absolute error.\n",
    "absolute error. Waste is the chain's biggest cost it can control, so one point less "
    "waste pays for this whole project.\n",
)


def ml_spec(rubric: Rubric = RUBRIC) -> StructureSpec:
    """The analysis as the app builds it (of the ML design rubric unless ``rubric`` is
    another): it knows each question's title and prompt."""
    scorer, method = build_scorer(rubric, shared_embedder())
    texts = {q.id: q.asked for q in load_questions().values()}
    return StructureSpec(rubric, scorer, method, question_texts=texts)


def explained(text: str, spec: StructureSpec, question: str = "general-teach-concept"):
    """An answer to ``question`` scored as typed: the report, and its stages by id."""
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report, {s.id: s for s in report.structure.stages}


def report_of(text: str, spec):
    return analyse_text(text, Settings(), structure=spec)


def after_change(spec, question_id: str, change_id: str, design: str, reply: str):
    """The ``design`` answer, the change ``change_id``, ``reply`` to it: the session's
    verdict on the change and the move the interviewer makes next (None: none left)."""
    question = load_question(question_id)
    planner = OfflinePlanner(question, RUBRIC, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=4)
    change = next(c for c in question.constraint_changes if c.id == change_id)
    made = Move(
        kind="new_constraint", target=change_id, why="-", question=change.say, source="planner"
    )
    interview.turns = [Turn(planner.opening(), report_of(design, spec)), Turn(made)]
    nxt = interview.answered(report_of(reply, spec))
    (verdict,) = interview.adaptation()
    return verdict, nxt


def eval_answer(answer_id: str) -> dict:
    return tomllib.loads((EVAL / f"{answer_id}.toml").read_text())


def run_session(
    question_id: str,
    texts: list[str],
    spec,
    *,
    seed: int = 0,
    interviewer=None,
    max_moves: int | None = None,
) -> Interview:
    question = load_question(question_id)
    planner = OfflinePlanner(question, RUBRIC, seed=seed, embedder=spec.embedder)
    interview = Interview(
        planner,
        interviewer or OfflineInterviewer(planner),
        max_moves=max_moves or len(texts) - 1,
    )
    interview.opening()
    for text in texts:
        if interview.answered(report_of(text, spec)) is None:
            break
    return interview


# a lesson on data drift told in four answers: the opening, why that order, the
# thirty-second version, and which example first
DRIFT = [
    "I'll explain data drift to a new analyst on the fraud team, because it is why a good model "
    "quietly gets worse. I'll give the idea, an example, and what to do. Data drift is when the "
    "inputs the model sees in production stop looking like the data it was trained on. The "
    "model still answers confidently, so nothing crashes; the answers just get less right. For "
    "example, after a big retailer launched buy now pay later, a third of our card payments "
    "came from a checkout flow the model had never seen, and our fraud catch rate fell from "
    "eighty to sixty percent in six weeks. So the lesson: compare this week's inputs with the "
    "training data every week, and retrain when they part ways.",
    "That order lets the listener hold the idea first, so the example has something to attach to.",
    "Drift is when production inputs stop looking like the training data. Nothing crashes and "
    "the model stays confident, it is just less often right. So compare each week's inputs to "
    "the training set and retrain when they diverge.",
    "I would open with the fraud example, and I would say the lesson before the definition.",
]


def live_session(ctx, question: str, max_moves: int, seed: int = 0) -> PracticeSession:
    """A live practice session with the offline interviewer on typed answers (no store, no
    recordings): the question asked, its moves the candidate's to keep."""
    q = ctx.question(question)
    session = PracticeSession.start(
        q,
        structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        transcriber=CannedTranscriber([]),
        settings=ctx.settings,
        store=None,
        max_moves=max_moves,
        seed=seed,
    )
    session.opening()
    return session
