"""The practice session both fronts drive: typed answers (no audio needed), the offline
interviewer and a scripted LLM, a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.clarify import asks_meaning
from assistant.interview.llm_interviewer import LLMInterviewer
from assistant.interview.moves import Move
from assistant.interview.probes import gives_split
from assistant.interview.session import OfflineInterviewer
from assistant.interview.spoken_numbers import figures_disagree
from assistant.llm.scripted import ScriptedChatModel
from assistant.practice.rescoring import rescore_session
from assistant.practice.session import FOLLOW_UP_BUDGET_S, MAX_TYPED_CHARS, PracticeSession
from assistant.scoring.analyse import analyse_text
from sessions.store import Store
from speech.transcriber import CannedTranscriber
from tests.support.interviews import DRIFT, DUPLICATES
from tests.support.sentences import sharing_embedder

WEAK = (
    "I would train an XGBoost model on past transactions with the amount and merchant as "
    "features, and serve it behind an API. We retrain it weekly."
)
REPLY = "We would drop those features, retrain without them and watch recall closely."


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def _joined(text: str) -> str:
    """``text`` as the interviewer goes on with it after a colon: its first word in lower
    case (an ordinary word in every text these tests join)."""
    return text[0].lower() + text[1:]


def start(
    ctx,
    store=None,
    interviewer_for=OfflineInterviewer,
    max_moves=2,
    question="fraud-detection",
    **options,
) -> PracticeSession:
    """``options``: the rest of :meth:`PracticeSession.start`'s (``answers_available``…)."""
    question = ctx.question(question)
    return PracticeSession.start(
        question,
        structure_spec(ctx, None, question.id),
        interviewer_for=interviewer_for,
        transcriber=CannedTranscriber([]),
        settings=ctx.settings,
        store=store,
        max_moves=max_moves,
        **options,
    )


def test_a_skip_leaves_no_recorded_answer_unplayed(ctx):
    """With --replay, a skipped move used a move of the session, and the last recording
    was never played. A skip now gives the move back, as far as the question's budget
    allows (the fraud question's 6 minutes: five moves at most)."""
    replayed = {"max_moves": None, "answers_available": 3}
    session = start(ctx, **replayed, skips_free=True)
    assert session.interview.max_moves == 2
    session.opening()
    assert session.skip().move is not None
    answered = [session.answer_text(WEAK) for _ in range(3)]  # all three recordings
    assert [a.move is None for a in answered] == [False, False, True]
    assert session.interview.finished and session.interview.max_moves == 3
    session = start(ctx, **replayed, skips_free=True)
    session.opening()
    for _ in range(5):
        session.skip()
    assert session.interview.max_moves == 5
    # without skips_free (as `practice` starts it) a skip gives nothing back
    kept = start(ctx, **replayed)
    kept.opening()
    kept.skip()
    assert kept.interview.max_moves == 2


def test_a_typed_session_from_opening_to_report(ctx, tmp_path):
    store = Store.open(tmp_path / "data")
    session = start(ctx, store)
    assert session.move is None and session.index == 0
    opening = session.opening()
    assert opening.kind == "ask" and session.move == opening
    assert session.budget_s == ctx.question("fraud-detection").budget_s
    first = session.answer_text(WEAK)
    assert first.heard and first.report.structure is not None
    assert first.move is not None and first.move.kind != "ask"
    assert session.index == 1 and session.budget_s == FOLLOW_UP_BUDGET_S
    second = session.answer_text(REPLY)
    assert second.move is not None  # two moves allowed: the last one is the owed change
    assert second.move.kind == "new_constraint"
    assert session.answer_text("Without device signals we lean on card history.").move is None
    ended = session.end()
    assert ended.session_id is not None
    turns = ended.report.interview.turns
    assert [t.move for t in turns][0] == "ask" and len(turns) == 3
    row, saved = store.session(ended.session_id)
    assert row.interviewer == "offline"  # the interviewer's name, never a display label
    assert json.dumps(saved)  # the report was written


def test_the_session_goes_no_less_deep_on_a_stage_than_any_answer_did(ctx):
    """Each answer is judged on its own as it comes (the candidate sees how deep it
    went); the session report judges them together. Read beside the other answers, a
    follow-up's answer on monitoring ("I'd track the share of all invitations that go to
    the top one percent… if it keeps climbing, the cap kicks in") read as named only,
    and the report said monitoring was named, not described."""
    folder = Path(__file__).parent / "data" / "people-you-may-know"
    session = start(ctx, max_moves=3, question="people-you-may-know")
    session.opening()
    for i in (1, 2, 3):
        session.answer_text((folder / f"answer-{i}.txt").read_text())
    report = session.end().report
    assert report.structure is not None
    final = {s.id: s for s in report.structure.stages}
    for turn in report.interview.turns:
        if turn.answer is None or turn.answer.structure is None:
            continue
        for s in turn.answer.structure.stages:
            if s.depth >= 2:
                assert final[s.id].depth >= s.depth, (s.id, s.depth, final[s.id].depth)
                assert final[s.id].covered
    assert final["monitoring"].depth >= 2
    said = [f.message for f in report.feedback if "monitoring" in f.message.lower()]
    assert not any(m.startswith("You named monitoring") for m in said), said


# written for this test: a spam answer that names every stage in an empty sentence each,
# then thin answers to the interviewer's follow-ups
EMPTY = (
    "First, I would clarify the requirements. Then we need good data and a robust, scalable "
    "pipeline. We would use a state of the art deep learning model and train it properly. We "
    "deploy it carefully and monitor it for issues. There are tradeoffs between precision and "
    "recall. This has big business impact. To sum up, data, model, deployment, monitoring."
)
THIN = {
    "constraints": "It has to be fast and handle a lot of email, and it should be cheap.",
    "data": "From users, when they click report spam, and we also use the messages they move "
    "back to the inbox.",
}


def test_an_answer_to_a_follow_up_lends_no_depth_to_stages_it_was_not_asked_about(ctx):
    """One sentence on where the labels come from, said to the labels follow-up, was
    credited as framing, deployment and monitoring described: judged on its own by the
    rules alone it reads as all of them, and the session kept every level each answer
    reached. A session of empty sentences scored 49 where the same words alone score 25;
    the follow-up's own stage is still kept."""
    session = start(ctx, max_moves=3, question="spam-filter")
    session.opening()
    move = session.answer_text(EMPTY).move
    asked = []
    while move is not None and move.target in THIN:
        asked.append(move.target)
        move = session.answer_text(THIN[move.target]).move
    assert "data" in asked
    final = session.end().report.structure
    assert final is not None
    labels = THIN["data"]
    for stage in ("framing", "monitoring"):
        s = final.stage(stage)
        assert s.depth < 2 or labels not in s.depth_evidence.quote, (stage, s.depth)
    assert final.stage("data").depth >= 2 and labels in final.stage("data").depth_evidence.quote


# written for this test: a notification answer that describes everything but the labels,
# then an answer to the label question in plain words, with none of the stage's own
SHOPPER = (
    "So the app has many possible notifications per shopper, price drops, restocks, "
    "promotions, and each one sent risks the shopper turning them all off for good. The aim "
    "is to send only the ones worth it, measured as purchases from notifications minus the "
    "cost of people opting out. For data, there's a log of every notification sent and what "
    "happened to it. The features are the shopper's open rate by type, hours since the last "
    "notification, how many they got this week and whether the item is on their wishlist. "
    "The model is gradient boosted trees, since it's tabular and we score hundreds of "
    "millions of candidates a day. An hourly batch job scores each shopper's candidates and "
    "sends the top ones under a cap of three a day, at the hour they usually open the app. "
    "We'd run an A/B test against the current rules with the opt-out rate as the guardrail."
)
TARGETS = (
    "Opens alone reward clickbait, so I wouldn't use them on their own. Opened and "
    "purchased is what the business wants, but only a few percent of opens end in a "
    "purchase, so there are too few positives to learn from. Not disabled is the worst "
    "outcome, but it is rare and hard to pin on one message. So I'd predict the open, "
    "weight each open by its purchase value, and subtract a penalty for a dismiss within a "
    "day."
)


def test_an_answer_in_plain_words_counts_for_the_stage_its_follow_up_asked_about(ctx):
    """Asked "What is the training label: opened, opened and purchased, or not
    disabled?", an answer that weighs each of them says nothing a sentence on data and
    labels usually says; it takes up the follow-up's own words, and the answer is judged
    as one on the labels (it read as named, and the report told the candidate to say
    where the labels come from)."""
    session = start(ctx, max_moves=3, question="notification-ranking")
    session.opening()
    asked = session.answer_text(SHOPPER).move
    assert (asked.kind, asked.target) == ("follow_up", "data")
    assert "opened and purchased" in asked.question
    data = session.answer_text(TARGETS).report.structure.stage("data")
    assert data.depth >= 2 and data.depth_evidence.quote in TARGETS


def test_the_answer_to_the_wrap_up_is_the_recap(ctx):
    """Asked for "a thirty-second summary of your design", a recap that opens by saying
    the goal again and goes over the design stage by stage is the summary; each of its
    sentences is about one stage, and the session said it never summed up."""
    recap = (
        "To sum up, we want to find duplicate listings. The data is reports that support "
        "confirmed, plus pairs that look alike but are not the same item. Listings are "
        "grouped by city, category and price, a nearest neighbour search on text and photo "
        "embeddings finds candidates, and a boosted tree decides. We measure precision and "
        "recall, with precision first. Next I would check how many duplicates nobody reports."
    )
    session = start(ctx, max_moves=3, question="duplicate-listings")
    session.opening()
    move = session.answer_text(DUPLICATES).move
    while move is not None and move.kind != "wrap_up":
        move = session.answer_text("We would keep the rest as it is.").move
    assert move is not None and move.kind == "wrap_up"
    turn = session.answer_text(recap).report.structure.stage("summary")
    assert turn.depth == 2
    summary = session.end().report.structure.stage("summary")
    assert summary.depth == 2 and summary.depth_evidence.quote in recap


RAG = (
    "Okay, an assistant that answers employee questions from internal documents. Let me "
    "first clarify the scope. I'm assuming the documents are wikis, tickets and policies, "
    "and um, that answers must link back to their sources. The key constraints are access "
    "control and freshness. An employee should never see an answer built from a document "
    "they're not allowed to read, and, uh, policies change, so the index has to be updated "
    "within a day. For success metrics I'd measure answer accuracy on a set of real "
    "questions graded by experts, the citation precision, and how often people click thumbs "
    "up. The pipeline starts with ingestion. We pull documents from each source, split them "
    "into chunks of a few hundred tokens, and store embeddings in a vector index together "
    "with the permission list of each document. At query time we retrieve the top chunks, "
    "filter them by the user's permissions, and rerank them with a cross encoder. Then a "
    "language model writes the answer using only those chunks and cites each one. For the "
    "model, I'd start with a hosted model because it's quicker to ship, but, like, if legal "
    "says the data can't leave our network, we'd move to an open model we host ourselves. "
    "Um, the main tradeoff is cost against quality, since the reranker and a bigger model "
    "both add latency. So to summarise, permission-aware retrieval, a reranker, grounded "
    "answers with citations, and feedback to keep improving it."
)


def test_the_opening_answer_is_judged_as_score_judges_it(ctx):
    """The answer to the opening question answers the question: the app judges it as a
    whole answer, as ``score`` judges the same words. Judged by the rules alone, a
    one-answer session kept the rules' levels: one transcript scored 24 in the app and
    12 as ``score`` reads it."""
    spec = structure_spec(ctx, None, "rag-assistant")

    def depths(report):
        return {s.id: s.depth for s in report.structure.stages}

    scored = analyse_text(RAG, ctx.settings, structure=spec.as_whole(), question="rag-assistant")
    rules = analyse_text(RAG, ctx.settings, structure=spec, question="rag-assistant")
    assert depths(rules) != depths(scored)  # the depth head reads this answer again
    session = start(ctx, max_moves=1, question="rag-assistant")
    session.opening()
    turn = session.answer_text(RAG).report
    assert depths(turn) == depths(scored) and turn.structure.score == scored.structure.score
    assert depths(session.end().report) == depths(scored)


def test_skipping_moves_on_without_an_answer(ctx):
    session = start(ctx)
    session.opening()
    skipped = session.skip()
    assert skipped.report is not None and not skipped.report.speech_detected
    assert skipped.move is not None


def test_live_transcription_uses_the_vad_threshold_setting(ctx):
    strict = AppContext(ctx.env, ctx.settings.model_copy(update={"vad_threshold": 0.8}))
    session = start(strict)
    assert session.live_transcription().vad.config.threshold == 0.8


def test_an_llm_interviewer_words_the_move_and_falls_back_with_one_notice(ctx):
    chat = ScriptedChatModel(
        [
            json.dumps(
                {
                    "kind": "follow_up",
                    "target": "metrics",
                    "question": "How would you know the model works? Which number?",
                    "why": "no success metric was named",
                }
            ),
            TimeoutError("timed out"),
        ]
    )
    session = start(ctx, interviewer_for=lambda p: LLMInterviewer(chat, p, timeout_s=5))
    session.opening()
    worded = session.answer_text(WEAK)
    assert worded.move.source == "llm" and worded.notice is None
    assert worded.move.question.startswith("How would you know")
    fallback = session.answer_text(REPLY)
    assert fallback.move.source == "fallback"
    assert "did not answer in time" in fallback.notice
    assert not session.interviewer.available
    assert chat.requests[0][0]["role"] == "system"


def test_a_change_said_early_is_not_said_again_when_the_model_fails(ctx):
    """The owed change is said at once for a local model; if the model then fails, the
    planner's question goes on from it instead of repeating it."""
    chat = ScriptedChatModel([TimeoutError("timed out")], in_process=True)
    session = start(
        ctx, interviewer_for=lambda p: LLMInterviewer(chat, p, timeout_s=5), max_moves=1
    )
    session.opening()
    said: list[str] = []
    answered = session.answer_text(WEAK, said.append)
    move = answered.move
    assert move.kind == "new_constraint" and move.source == "fallback"
    change = next(c for c in session.question.constraint_changes if c.id == move.target)
    assert said == [" ".join(change.say.split())]
    assert move.question.startswith(said[0]) and move.question.count(said[0]) == 1


def test_a_skipped_change_is_reported_as_skipped_not_as_ignored(ctx):
    """Skipping the answer after a requirement change is the candidate's choice: the report
    says it was skipped and what to try, not that the answer failed to take it up."""
    session = start(ctx)
    session.opening()
    session.answer_text(WEAK)
    changed = session.answer_text(REPLY)
    assert changed.move is not None and changed.move.kind == "new_constraint"
    session.skip()
    report = session.end().report
    (adapted,) = report.interview.adaptation
    assert adapted.skipped and not adapted.acknowledged and adapted.evidence is None
    said = [f.message for f in report.feedback if f.metric == "adaptation"]
    first = " ".join(adapted.said.split()[:5])
    assert len(said) == 1 and said[0].startswith(
        f"You skipped the answer after the change (\u201c{first}"
    )
    assert adapted.constraint not in said[0]  # its id means nothing to the candidate
    assert not any("did not take up" in m for m in said)
    # answered, the same change is judged as before
    session = start(ctx)
    session.opening()
    session.answer_text(WEAK)
    session.answer_text(REPLY)
    session.answer_text("Fine.")
    (adapted,) = session.end().report.interview.adaptation
    assert not adapted.skipped


def test_a_skipped_change_answered_once_the_interviewer_comes_back_says_so(ctx):
    """In the app: a change skipped, the interviewer came back to it ("Back to the
    change: …") and the answer rebuilt the design. The feedback charged "changed only once
    pushed" while the verdict line, the table and the export said "skipped, not answered"."""
    from assistant.report.format import adaptation_line, adaptation_verdict

    session = start(ctx, max_moves=4)
    session.opening()
    session.answer_text(WEAK)
    changed = session.answer_text(REPLY)
    assert changed.move is not None and changed.move.kind == "new_constraint"
    back = session.skip()
    assert back.move is not None and back.move.target == changed.move.target, back.move
    session.answer_text(ADAPTS)
    report = session.end().report
    (adapted,) = report.interview.adaptation
    assert adapted.skipped and adapted.revised_after_push
    assert adaptation_verdict(adapted) == ("skipped", "skipped, then yes once pushed")
    assert "not answered" not in adaptation_line(adapted)
    said = [f.message for f in report.feedback if f.metric == "adaptation"]
    assert len(said) == 1 and "once" in said[0] and "pushed" in said[0], said


ADAPTS = (
    "Without device fingerprints we lose our strongest features, so I'd replace them with "
    "account-level behaviour: card velocity over the last hour, the merchant's chargeback "
    "rate and distance from the usual shipping address, and recalibrate the threshold so "
    "recall holds."
)
KEEPS = (
    "Sure, device fingerprinting is banned. I think the design I described covers it. We "
    "keep retraining weekly and watch recall."
)


def test_a_requirement_change_left_unmet_costs_the_session_structure_points(ctx):
    """A played session that carried on as before after the change scored 92, above the
    one that adapted (86): the verdict said "changed the design: no", the score did not."""
    from assistant.report.format import adaptation_line, score_meaning

    # a design that uses the device: the ban on device fingerprinting bites on it (on one
    # that never named a device, another change is made)
    design = WEAK.replace("the amount and merchant", "the amount, merchant and device")
    reports = {}
    for name, after in (("adapts", ADAPTS), ("keeps", KEEPS), ("misses", "Fine.")):
        session = start(ctx, max_moves=3)
        session.opening()
        session.answer_text(design)
        changed = session.answer_text(REPLY)
        assert changed.move is not None and changed.move.kind == "new_constraint"
        assert changed.move.target == "no-device-fingerprint"
        session.answer_text(after)
        reports[name] = session.end().report
    (kept,) = reports["keeps"].interview.adaptation
    # "I think the design I described covers it" only claims it: what the answer added to
    # the structure score ("we keep retraining weekly and watch recall") is taken back too
    cost = 10 + kept.claim_points
    costs = {name: r.structure.adaptation_cost for name, r in reports.items()}
    assert costs == {"adapts": 0, "keeps": cost, "misses": 10}
    assert reports["adapts"].structure.score > reports["keeps"].structure.score
    said = [f.message for f in reports["keeps"].feedback if f.metric == "adaptation"]
    taken = f", and the {kept.claim_points} points the claim had earned taken back"
    assert len(said) == 1 and said[0].endswith(f"(−10 on structure{taken if cost > 10 else ''})")
    # an answer that keeps the design is told so, not that it named the change
    assert "kept the design as it was without showing how it meets" in said[0]
    assert kept.kept and adaptation_line(kept).endswith("changed the design: no, kept as it was")
    assert not any(a.kept for a in reports["adapts"].interview.adaptation)
    assert score_meaning(reports["keeps"].structure).endswith(f"; −{cost} for not adapting")
    # the feedback's structure line gives the same score as the heading, and says why
    keeps = reports["keeps"].structure.score
    (line,) = [f.message for f in reports["keeps"].feedback if f.metric == "structure"]
    assert line.startswith(f"Structure {keeps}/100 (")
    assert f", less {cost} for not adapting)" in line
    if keeps:  # above 0, the score before the cost is the score plus the cost
        assert line.startswith(f"Structure {keeps}/100 ({keeps + cost}, ")
    assert "adapting" not in score_meaning(reports["adapts"].structure)
    # the Markdown export heads the structure as `show` does (it left the cost out)
    from assistant.practice.exporting import to_markdown
    from assistant.report.format import structure_heading
    from sessions.headline import structure_scored

    heading = f"Structure {keeps}/100 (ml-system-design; −{cost} for not adapting)"
    assert structure_heading(reports["keeps"].structure, True) == heading
    adapts = f"Structure {reports['adapts'].structure.score}/100 (ml-system-design)"
    assert structure_heading(reports["adapts"].structure, True) == adapts
    for report in reports.values():  # these sessions are short: History shows no number
        shown = structure_heading(report.structure, structure_scored(report))
        assert f"## {shown}\n" in to_markdown(report)
    # one answer on its own is judged as before: no change, nothing to meet
    (first, *_) = reports["keeps"].interview.turns
    assert first.answer.structure.adaptation_cost == 0


# written for this test: a prepared answer pasted whole, longer than an answer may hold
LONG = (
    "We would score each payment with gradient boosted trees on streaming features. "
    "We watch the chargeback rate every week and retrain every month. "
) * 150


def test_an_answer_too_long_to_judge_whole_is_kept_whole(ctx, tmp_path):
    """A typed answer over 20,000 characters, ended with (the app's End) or sent, was
    refused: End then dropped it and the session with it, though the dialog said it
    counted. It is kept whole now, judged up to a sentence end, and the report says so."""
    assert len(LONG) > MAX_TYPED_CHARS
    store = Store.open(tmp_path / "data")
    session = start(ctx, store)
    session.opening()
    answered = session.answer_text(LONG, last=True)
    assert answered.report.structure is not None and answered.move is None
    assert answered.notice is not None and f"{len(LONG):,} characters" in answered.notice
    ended = session.end()
    assert ended.session_id is not None
    (kept,) = store.answers(ended.session_id)
    assert kept.audio_path.read_text() == LONG  # all of it, not the part judged
    assert any("all of it is kept" in n for n in ended.report.interview.notices)
    judged = ended.report.transcript.text
    assert 10_000 < len(judged) <= MAX_TYPED_CHARS and judged.endswith("streaming features.")


def test_a_draft_too_long_to_judge_whole_outlives_a_quit(ctx, tmp_path):
    """Quit (ctrl+q, SIGTERM) with a 20,001-character draft as the first answer: the
    draft was dropped and the session deleted, so `rescore` had nothing to judge. It is
    kept whole, and `rescore` judges its first part and says so."""
    store = Store.open(tmp_path / "data")
    session = start(ctx, store)
    session.opening()
    session.keep_typed(LONG)
    session_id = session.stop_midway()
    assert session_id is not None
    (kept,) = store.answers(session_id)
    assert kept.audio_path.read_text() == LONG
    question = ctx.question("fraud-detection")
    report = rescore_session(
        store,
        session_id,
        ctx.settings,
        transcriber=CannedTranscriber([]),
        structure=structure_spec(ctx, None, question.id),
        question=question,
    )
    assert len(report.transcript.text) <= MAX_TYPED_CHARS
    assert any(n.startswith("Answer 1 was 21,600") for n in report.interview.notices), (
        report.interview.notices
    )


@pytest.mark.parametrize(
    ("question", "answer", "opens"),
    [
        ("general-teach-concept", "", "Let's start smaller. In a sentence or two"),
        ("general-teach-concept", "Um, uh.", "Take your time, there's no rush. A small first step"),
        ("behavioural-conflict", "Um, uh, um, well, uh.", "Take your time, there's no rush. Just"),
        ("fraud-detection", "Uh, um, well, uh.", "Take your time, there's no rush. A small"),
        ("general-teach-concept", "Transformers.", "Let's start smaller. In a sentence or two"),
        ("behavioural-conflict", "Kubernetes.", "Let's start smaller. Pick one time"),
        ("dynamic-pricing", "Pricing.", "Let's start from the problem."),
        ("fraud-detection", "Um, fraud, right.", "Let's start from the problem."),
    ],
    ids=[
        "teach-skipped",
        "teach-fillers",
        "story-fillers",
        "design-fillers",
        "teach-a-name",
        "story-a-name",
        "design-a-word",
        "design-two-words",
    ],
)
def test_after_nothing_said_the_interviewer_starts_smaller(ctx, question, answer, opens):
    """Played in the app: after a skipped opening of "Teach an ML concept", "Let me pull on
    one thread. Before you go on: what are the parts of your explanation, in order?"; after
    "Um, uh, um, well, uh." to the disagreement story, "Let me pull on one thread. What
    exactly did you say to them in that first conversation?" about a colleague never
    mentioned; after "Kubernetes." to the same story, the same question; after "Pricing."
    as the whole answer to dynamic pricing, "Let's step back for a moment", as if a design
    had run ahead. Nothing said, or a name alone, there is no thread: a smaller opening
    question, on a design the problem to start from; after hesitation alone ("Um, uh."),
    time to think first ("Take your time, there's no rush.")."""
    session = start_(ctx, question)
    session.opening()
    move = (session.answer_text(answer) if answer else session.skip()).move
    assert move is not None and move.question.startswith(opens), move.question
    assert "pull on one thread" not in move.question and "nothing answered yet" in move.why


def start_(ctx, question: str) -> PracticeSession:
    return start(ctx, max_moves=3, question=question)


def test_after_a_clarifying_question_the_floor_goes_back_to_the_candidate(ctx):
    """In the app: "Before I start, how many payments per second do we handle, and is
    there a latency limit?" was answered with the figures, then "Let's step back for a
    moment. Tell me how you would know it works…", as if the candidate had dived into a
    model; asking first is what they should do."""
    session = start_(ctx, "fraud-detection")
    session.opening()
    move = session.answer_text(
        "Before I start, how many payments per second do we handle, and is there a latency limit?"
    ).move
    assert move is not None and "step back" not in move.question, move.question
    assert "Over to you, with that in mind. How would you design it?" in move.question, move


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "eta-prediction",
            "Before I start, two questions: how many orders a day do we handle, and how fast "
            "does the restaurant list page have to load?",
        ),
        ("job-matching", "Before I design anything: how many job seekers and jobs do we have?"),
        ("fraud-detection", "Quick question first. What share of payments is fraud?"),
    ],
)
def test_a_design_is_handed_back_whole_after_only_questions(ctx, question, asked):
    """In the app: "Before I start, two questions: how many orders a day…, and how fast
    does the restaurant list page have to load?" was answered, then "Over to you, with
    that in mind. Tell me how you would know it works, in offline tests and once it is
    live.": one stage pushed before any design, on a follow-up's two minutes of the
    question's six, and a move of the session spent. The question goes back whole, on
    its own time, and a live session keeps its moves for the design."""
    session = start_(ctx, question)
    session.opening()
    planned = session.interview.max_moves
    move = session.answer_text(asked).move
    assert move is not None and move.reopens, move
    assert move.question.endswith("Over to you, with that in mind. How would you design it?")
    assert move.answered and move.answered != "unknown", move  # the facts told first
    assert session.budget_s == session.question.budget_s > 120
    assert session.interview.max_moves == planned + 1
    design = session.answer_text(
        "The system decides a number for each case, for the people who act on it. I would "
        "train a gradient boosted model on last year's labelled cases and serve it behind "
        "an API, and I would watch the daily share of cases it flags."
    ).move
    assert design is not None and not design.reopens and session.budget_s == 120.0, design


def test_a_recorded_session_keeps_its_length_when_the_question_is_handed_back(ctx):
    """With recordings to play (``practice --answer``, ``--replay``) there is one move per
    recording after the first: the hand-back spends one, so none is left unplayed."""
    session = start(ctx, question="eta-prediction", answers_available=3)
    session.opening()
    planned = session.interview.max_moves
    move = session.answer_text("How many orders a day do we handle?").move
    assert move is not None and move.reopens and session.interview.max_moves == planned


def test_after_a_clarifying_question_the_probe_asks_for_nothing_just_told(ctx):
    """In the app: "Before I design, how many searches per second at peak, and how much
    of the latency budget does ranking get?" was answered "…within 250 ms at p99; ranking
    has 60 ms of that. Before we move on: How do retrieval and ranking split the 250 ms
    budget?", asking for the split just given, and "moving on" from no design at all."""
    session = start_(ctx, "search-ranking")
    session.opening()
    session.answer_text("We rank the products a shopper is most likely to buy for the query typed.")
    move = session.answer_text(
        "Before I design, how many searches per second at peak, and how much of the latency "
        "budget does ranking get?"
    ).move
    assert move is not None and "ranking has 60 ms of that" in move.question, move.question
    assert "split the 250 ms" not in move.question, move.question
    assert "move on" not in move.question and "one thread" not in move.question, move.question
    assert "Over to you, with that in mind." in move.question, move.question


@pytest.mark.parametrize(
    ("fact", "ask", "given"),
    [
        (
            "Search results must come back within 250 ms at p99; ranking has 60 ms of that.",
            "How do retrieval and ranking split the 250 ms budget?",
            True,
        ),
        (  # the budget alone: the split is the candidate's to make
            "The reply should start within 1 second of the user finishing speaking.",
            "How do you split work between the device and the cloud to hit the 1 second target?",
            False,
        ),
        (  # a part of the budget, said as the question's premise: not asked for
            "The feed must render within 300 ms at p99, and ranking gets 120 ms of that.",
            "Ranking gets 120 ms of the 300 ms for about 2,000 eligible posts. How do you fit "
            "your model into that?",
            False,
        ),
    ],
)
def test_a_fact_gives_a_split_only_when_it_states_a_part_of_the_budget(fact, ask, given):
    assert gives_split(fact, ask) is given


def test_an_answer_with_words_of_its_own_is_probed_as_before(ctx):
    """The smaller start is for an answer with nothing in it, not a short one."""
    session = start_(ctx, "general-teach-concept")
    session.opening()
    move = session.answer_text("Um, gradient descent, uh, walks downhill on the loss.").move
    assert move is not None and "nothing answered yet" not in move.why


def test_questions_the_candidate_answers_themselves_do_not_hand_the_floor_back(ctx):
    """ "Over to you, with that in mind" followed an answer of musings the candidate
    answered on the spot, as if the interviewer had just told them something."""
    session = start_(ctx, "fraud-detection")
    session.opening()
    move = session.answer_text(
        "Where do I even start? I guess it depends. What does fraud even mean here? "
        "Hard to say, honestly."
    ).move
    assert move is not None and "Over to you" not in move.question, move.question


def test_after_a_clarifying_question_a_story_is_handed_back_not_probed(ctx):
    """Played outside the repo: "Should it be a work example, and how technical should I
    get?" was answered, then "Let me pull on one thread. What exactly did you say to them
    in that first conversation?" of a story not yet begun."""
    session = start_(ctx, "behavioural-conflict")
    session.opening()
    move = session.answer_text("Should it be a work example, and how technical should I get?").move
    assert move is not None and "pull on one thread" not in move.question, move.question
    assert "Over to you, with that in mind. Pick one time it happened" in move.question


@pytest.mark.parametrize("question", ["behavioural-ambiguity", "behavioural-conflict"])
def test_the_one_move_after_only_a_clarifying_question_hands_the_story_back(ctx, question):
    """Seen by a tester: with two recordings (one move), "Before I answer: how long should
    the story be, and do you want the technical details?" was met with the twist ("Let me
    change one thing. Halfway through, the goal changed completely…") before any story
    was told, and the story that followed was judged against it."""
    session = start(ctx, question=question, max_moves=1)
    session.opening()
    asked = "Before I start: should it be a work example, and how long should the story be?"
    move = session.answer_text(asked).move
    assert move is not None and move.kind != "new_constraint", move
    assert "Pick one time it happened" in move.question, move.question


@pytest.mark.parametrize(
    "asked", ["Sorry, could you repeat the question?", "Can you say that again? I didn't catch it."]
)
def test_a_request_to_hear_the_question_again_is_no_answer(ctx, tmp_path, asked):
    """Played outside the repo: "Sorry, could you repeat the question?" was answered "I
    don't have a figure for that; make a reasonable assumption", used up the opening and
    its six minutes (the next budget was a follow-up's two), and was quoted as the
    answer's problem framing. The question is now said again, and the answer after it is
    the first answer."""
    store = Store.open(tmp_path / "data")
    session = start(ctx, store=store, question="search-ranking")
    opening = session.opening()
    budget = session.budget_s
    again = session.answer_text(asked)
    assert again.repeat and again.report is None and again.said == asked
    assert again.move.question == f"Sure, here it is again. {opening.question}"
    assert session.index == 0 and session.budget_s == budget and session.answered == 0
    assert store.answers(session.saver.session_id) == []  # nothing kept: no answer given
    answer = "We rank the products a shopper is most likely to buy for the query typed."
    moved = session.answer_text(answer)
    assert moved.report is not None and "figure" not in moved.move.question
    (kept,) = store.answers(session.saver.session_id)
    assert kept.audio_path.read_text() == answer
    ended = session.end()
    assert ended.report.interview.turns[0].answer.transcript.text == answer


@pytest.mark.parametrize(
    "asked",
    [
        "Sorry, what's that question again?",
        "Could you ask that again, please?",
        "Would you rephrase it?",
        "Sorry, I lost the question.",
    ],
)
def test_other_ways_of_asking_for_the_question_again_hear_it_again(ctx, asked):
    """Played in the app: "What was the question?", "Could you ask it again?" and "Could
    you rephrase the question?" got "I don't have a figure for that; make a reasonable
    assumption", and the question asked was dropped; only "repeat" and "say that again"
    were heard as a request. Any plain way of asking for the question again hears it."""
    session = start_(ctx, "search-ranking")
    opening = session.opening()
    again = session.answer_text(asked)
    assert again.repeat and again.report is None, again.move.question
    assert again.move.question == f"Sure, here it is again. {opening.question}"
    assert session.index == 0 and session.answered == 0


def test_the_question_said_again_does_not_nod_to_an_assumption_not_made(ctx):
    """Played in the app: "Sorry, could you say that again? I didn't catch it." after the
    reply to an assumption got "Sure, here it is again. Good that you said your assumption
    out loud. About 250,000 ad requests…": the nod was to the answer before, and the fact,
    told again, came as if new. Said again, the question comes back, not the reply."""
    session = start_(ctx, "ad-click-prediction")
    session.opening()
    first = session.answer_text(
        "Let me assume something like fifty thousand ad requests a second, and I'd score the "
        "candidates with a gradient boosted tree."
    ).move
    assert first is not None and first.question.startswith("Good that you said your assumption")
    again = session.answer_text("Sorry, can you repeat that, please?")
    assert again.repeat, again
    fact = first.question.split("out loud", 1)[1].split(". ", 1)[1].split(". ")[0]
    assert again.move.question.startswith("Sure, here it is again. "), again.move.question
    assert "assumption" not in again.move.question, again.move.question
    assert fact not in again.move.question, again.move.question
    assert first.question.endswith(again.move.question.removeprefix("Sure, here it is again. "))


def test_a_change_said_again_comes_without_the_facts_told_before_it(ctx):
    """ "Sorry, can you repeat that?" after "Good question. The whole auction has 80 ms;
    click prediction … gets 25 ms at p99. Let me change one thing. … must now finish in
    10 ms…" told the 25 ms again as if new, then the 10 ms. Said again: the change alone.
    A reply that is the change itself ("Take it as it stands: …") is said again with it."""
    session = start_(ctx, "ad-click-prediction")
    session.opening()
    session.answer_text(
        "We predict the chance that a user clicks each candidate ad, so the auction can rank "
        "them. I'd train a logistic regression on hashed user and ad features from the click "
        "logs, and serve it from a low latency service next to the auction."
    )
    asked = session.answer_text("How much time does click prediction get in the auction?").move
    assert asked is not None and asked.reply and asked.question.startswith(asked.reply), asked
    again = session.answer_text("Sorry, can you repeat that?")
    assert again.repeat, again
    assert (
        again.move.question
        == "Sure, here it is again. " + asked.question.removeprefix(asked.reply).strip()
    ), again.move.question
    assert asked.reply.split(". ", 1)[1] not in again.move.question


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        ("speech-assistant", "Let's start from the problem. Tell me"),
        ("behavioural-conflict", "Let's start smaller. Pick one time it happened"),
    ],
)
def test_a_request_for_a_hint_points_where_to_start(ctx, question, opens):
    """Played outside the repo: "Where should I start? Can you give me a hint?" was told
    "I don't have a figure for that; make a reasonable assumption and say it out loud"."""
    session = start_(ctx, question)
    session.opening()
    move = session.answer_text("Where should I start? Can you give me a hint?").move
    assert move is not None and move.question.startswith(opens), move.question
    assert "figure" not in move.question and "Over to you" not in move.question


HEARD = (  # "People you may know" as tiny.en heard it in the app, under load
    "Okay, so, uh, the goal is to suggest people a member will actually connect with... And "
    "the success metric is accepted in Vitations per member, not invitations and... um, I "
    "assume around 900 million members and reply within 200 milliseconds when the page loads. "
    "For data, a positive example in a suggestion that was shown and accepted, and a negative "
    "is one that was shown and ignored. Uhh, candidates come from friends and friends and "
    "people at the same company or school. And an radiant-boosted model ranks the top few "
    "(um) hundred. Umm, we pre-compute candidates every night with Park and Cornem on "
    "request. The tradeoff is fresh as against cost, so new members get computed on the fly. "
    "To sum up, friends and friends are anchor and I play jobs.",
    "Umm, we would watch the Sharon suggestions that go to members who are already very well "
    "connected, and who's to members if that shared rose.",
    "",  # two moves skipped
    "",
    "With that change, I would drop the address book features for European members, "
    "Retrain the model (um) on graph and employ a signal only and compare acceptance rates "
    "region.",
    "So to summarize, candidate from the graph, a boosted ranker trained on accepted "
    "invitations, nightly jobs with un-request scoring for new members, and monitoring for "
    "concentration. Next, I will test a graphical network.",
)


def test_a_design_whose_model_name_was_misheard_still_meets_a_requirement_change(ctx):
    """In the app, a 7-minute interview replayed from four recordings, two moves skipped,
    went by with probes alone: the model's name was misheard ("an radiant-boosted model"),
    so with the data, the pipeline and the serving described no design was "on the table"
    and the change never came, however the skips grew the session."""
    replayed = {"max_moves": None, "answers_available": 4, "skips_free": True}
    session = start(ctx, question="people-you-may-know", **replayed)
    session.opening()
    for text in HEARD:
        if (session.skip() if not text else session.answer_text(text)).move is None:
            break
    kinds = [m.kind for m in session.interview.moves]
    assert kinds.count("new_constraint") == 1, kinds
    assert kinds.index("new_constraint") < len(kinds) - 1 and kinds[-1] == "wrap_up", kinds


@pytest.mark.parametrize(
    ("question", "asked", "meant"),
    [
        ("people-you-may-know", "What do you mean by a connection?", "60 billion connections"),
        ("dynamic-pricing", "Sorry, what do you mean by real time here?", "within 150 ms at p99"),
    ],
)
def test_a_request_to_explain_a_term_gets_its_meaning_and_the_floor_back(
    ctx, tmp_path, question, asked, meant
):
    """Played outside the repo: "What do you mean by a connection?" was told "I don't have
    a figure for that; make a reasonable assumption", and used up the opening and its
    budget. The interviewer now says what it means, from the question's facts, and asks
    the same question again; the answer after it is the first answer."""
    store = Store.open(tmp_path / "data")
    session = start(ctx, store=store, question=question)
    opening = session.opening()
    budget = session.budget_s
    explained = session.answer_text(asked)
    assert explained.repeat and explained.report is None and explained.said == asked
    text = explained.move.question
    assert meant in text and "figure" not in text, text
    assert text.endswith(f"So, over to you: {_joined(opening.question)}"), text
    assert session.index == 0 and session.budget_s == budget and session.answered == 0
    assert store.answers(session.saver.session_id) == []  # nothing kept: no answer given
    assert session.answer_text(WEAK).report is not None and session.index == 1


def test_a_term_of_a_probe_no_fact_explains_is_left_to_the_candidate_to_read(ctx):
    """ "Sorry, what do you mean by a rich-get-richer loop?" after the probe that said it
    was told "I don't have a figure for that" and the probe was dropped for a requirement
    change. The probe is asked again, the term left to the candidate's reading."""
    session = start(ctx, max_moves=3, question="people-you-may-know")
    session.opening()
    probe = session.answer_text(HEARD[0]).move
    assert "rich-get-richer loop" in probe.question, probe.question
    explained = session.answer_text("Sorry, what do you mean by a rich-get-richer loop?")
    text = explained.move.question
    assert explained.repeat and "figure" not in text, text
    assert text.startswith("Take \u201ca rich-get-richer loop\u201d the way you understand it")
    assert text.endswith(
        "So, over to you: how could this feature create a rich-get-richer "
        "loop, and how would you spot it?"
    ), text
    assert len(session.interview.moves) == 1 and session.interview.max_moves == 3


def test_a_term_the_interviewer_never_said_is_told_as_not_said(ctx):
    """s45 hT E14: "What do you mean by the top 20 commands?" about the candidate's own
    words was told "Take it the way you understand it", as if the interviewer had said
    them. The interviewer now says it did not use them, and asks its question again."""
    session = start(ctx, max_moves=3, question="people-you-may-know")
    opening = session.opening()
    explained = session.answer_text("Sorry, what do you mean by the two-hop shortlist?")
    text = explained.move.question
    assert explained.repeat and text.startswith("I didn't use \u201cthe two-hop shortlist\u201d")
    assert text.endswith(f"So, over to you: {_joined(opening.question)}"), text


@pytest.mark.parametrize(
    ("said", "term"),
    [
        ("Sorry, what do you mean by a connection?", "a connection"),
        ("What does real time mean in this context?", "real time"),
        ("I'd use real time features there, what do you mean?", None),
        ("What latency budget does ranking get?", None),
        # s45 hT E14: the whole clause was quoted back as the term
        (
            "What do you mean by cold start, and by fresh items, are those from this week?",
            "cold start",
        ),
        ("What do you mean by a hard limit here, does it ever bend?", "a hard limit"),
    ],
)
def test_a_request_to_explain_names_its_term(said, term):
    assert asks_meaning(said) == term


@pytest.mark.parametrize(
    ("said", "term"),
    [
        ("Can you clarify what you mean by drift?", "drift"),
        ("When you say fresh, do you mean minutes or hours?", "fresh"),
        ("Sorry, what do you mean by a business metric here, and how many are there?", None),
    ],
)
def test_other_ways_of_asking_what_a_word_means_name_the_word(said, term):
    """ "Can you clarify what you mean by first?" and "When you say first, do you mean the
    top of the feed?" were told "I don't have a figure for that"; "what do you mean by X
    here, and how many Y are there?" quoted "X here, and how many Y are" as the term."""
    assert asks_meaning(said) == (term or "a business metric")


def test_a_term_the_question_gives_examples_of_is_explained_with_them(ctx):
    """ "What do you mean by harmful?" is answered with the question's own examples of
    it, and a second thing asked in the same breath is answered from the facts."""
    session = start(ctx, question="harmful-content")
    opening = session.opening()
    text = session.answer_text(
        "Sorry, what do you mean by harmful here, and how many posts are there?"
    ).move.question
    assert text.startswith(
        "By \u201charmful\u201d I mean this: harmful posts on a social platform, such as hate "
        "speech, graphic violence and harassment. About 500 million new posts a day"
    ), text
    assert text.endswith(f"So, over to you: {_joined(opening.question)}"), text


def test_a_term_of_a_change_is_not_explained_with_the_change_itself(ctx):
    """ "What do you mean by non-transactional?" right after the change that says it was
    answered "By “non-transactional” I mean this: Leadership sets a hard cap…", and the
    change was then said a second time. The change is said once, the reading left to the
    candidate."""
    session = start(ctx, question="notification-ranking")
    session.opening()
    planner = session.interview.planner
    change = next(c for c in planner.question.constraint_changes if c.id == "daily-cap")
    move = Move(
        kind="new_constraint",
        target=change.id,
        why="a change",
        question=f"Here is a change: {change.say} Walk me through what you would change.",
        source="planner",
    )
    moves = [*session.interview.moves, move]
    text = planner.explained(move, "non-transactional", moves)
    said = text.question
    assert said.count(change.say) == 1, said
    assert said.startswith("Take \u201cnon-transactional\u201d the way you understand it"), said


def _change_move(planner, change_id: str, kind: str) -> Move:
    change = next(c for c in planner.question.constraint_changes if c.id == change_id)
    said = {
        "new_constraint": f"Here is a change: {change.say} Walk me through what you would change.",
        "follow_up": f"Back to the change: {change.say} Which part of your design does that "
        "break, and what would you build in its place?",
    }[kind]
    return Move(kind=kind, target=change.id, why="a change", question=said, source="planner")


@pytest.mark.parametrize("kind", ["new_constraint", "follow_up"])
@pytest.mark.parametrize(
    ("question", "change", "term", "fact"),
    [
        # the scale fact counts stores: "About 1,200 stores and 40,000 products…"
        ("demand-forecasting", "new-stores", "150 new stores", "1,200 stores"),
        ("demand-forecasting", "new-stores", "a hundred and fifty new stores", "1,200 stores"),
        # the volume fact counts price quotes: "…about 8 price quotes per booked ride"
        ("dynamic-pricing", "price-stability", "a quote", "price quotes"),
    ],
)
def test_a_term_of_a_change_is_not_explained_with_a_fact_that_shares_a_word(
    ctx, kind, question, change, term, fact
):
    """ "What do you mean by 150 new stores?" right after "We're opening 150 new stores this
    year, with no sales history." was answered with the scale fact ("By “150 new stores” I
    mean this: About 1,200 stores and 40,000 products…"), which only shares the word
    "stores": the term is the change's own, and its reading is left to the candidate,
    whether the change was just made or pushed on."""
    session = start(ctx, question=question)
    session.opening()
    planner = session.interview.planner
    move = _change_move(planner, change, kind)
    said = planner.explained(move, term, [*session.interview.moves, move]).question
    assert fact not in said, said
    assert said.startswith(f"Take \u201c{term}\u201d the way you understand it"), said


@pytest.mark.parametrize(
    ("question", "stage", "term", "meant"),
    [
        # shares "team" with "There is a review team of 40 analysts…", and no more
        ("fraud-detection", "impact", "the finance team", None),
        # the fact's keyword is the term: "opt out"
        ("notification-ranking", "metrics", "opt-outs", "1% of users turn notifications off"),
    ],
)
def test_a_term_of_a_probe_is_explained_only_by_a_fact_that_speaks_of_it(
    ctx, question, stage, term, meant
):
    """ "What do you mean by the finance team?" after "How would you explain to the finance
    team what a one-point gain in recall is worth?" was answered "By “the finance team” I
    mean this: There is a review team of 40 analysts…": a fact that shares one word of a
    term says nothing of what it is. A fact one of whose keywords is the term ("opt out")
    still explains it."""
    session = start(ctx, question=question)
    session.opening()
    planner = session.interview.planner
    probe = next(f for f in planner.question.follow_ups if f.stage == stage)
    move = Move(
        kind="follow_up",
        target=stage,
        why="a probe",
        question=f"Let me ask you this. {probe.ask}",
        source="planner",
    )
    said = planner.explained(move, term, [*session.interview.moves, move]).question
    if meant is None:
        assert said.startswith(f"Take \u201c{term}\u201d the way you understand it"), said
    else:
        assert said.startswith(f"By \u201c{term}\u201d I mean this:") and meant in said, said
    last = probe.ask.split(". ")[-1]
    assert "So, over to you: " in said and said.lower().endswith(last.lower()), said


@pytest.mark.parametrize(
    "said",
    [
        "Take it as it stands: {change} So, with that in mind. {push}",
        "Back to the change: {change} {push}",
    ],
)
def test_a_term_asked_after_a_push_gets_the_change_with_the_question(ctx, said):
    """After "Take it as it stands: Leadership sets a hard cap… So, with that in mind.
    Which part of your design does that break…?", "What do you mean by
    non-transactional?" got "…So, over to you: Which part of your design does that
    break…?": "that" no longer pointed at anything. The change is said with it, once."""
    session = start(ctx, question="notification-ranking")
    session.opening()
    planner = session.interview.planner
    change = next(c for c in planner.question.constraint_changes if c.id == "daily-cap")
    push = planner.phrasings.asks["push"]
    move = Move(
        kind="follow_up",
        target=change.id,
        why="the candidate asked about the change",
        question=said.format(change=change.say, push=push),
        source="planner",
    )
    text = planner.explained(move, "non-transactional", [*session.interview.moves, move]).question
    assert text.endswith(f"So, over to you: {_joined(change.say)} {push}"), text
    assert text.count(_joined(change.say)) == 1, text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("churn-prediction", "How many subscribers are there, and what is the monthly churn rate?"),
        ("churn-prediction", "What's the churn rate today, and how many people subscribe?"),
        ("fraud-detection", "What is the fraud rate, and how many payments a second do we get?"),
    ],
)
def test_a_question_that_names_a_metric_is_still_no_design_to_step_back_from(ctx, question, asked):
    """ "What is the monthly churn rate, and how many subscribers do we have?" was answered,
    then "Let's step back for a moment.": the rate it asked for read as the metrics
    covered, though the candidate had designed nothing yet."""
    session = start_(ctx, question)
    session.opening()
    move = session.answer_text(asked).move
    assert move is not None and "step back" not in move.question, move.question
    assert "Over to you, with that in mind." in move.question, move.question


def test_a_figure_counts_only_what_its_own_clause_names():
    """ "…before it gets 50 views; most uploads are watched…": the 50 counts views, and
    an assumption of 300 million uploads a day is not "quite different" from it."""
    told = "Check a video before it gets 50 views; most uploads are watched within an hour."
    assert not figures_disagree("I assume about 300 million uploads a day.", told)
    assert figures_disagree("I assume about 300 million views a day.", told)


def test_an_assumption_of_the_right_figure_is_confirmed_whatever_else_it_says(ctx):
    """A strong answer assumed the question's post volume exactly, with a first decision
    within seconds, and was told "because the real figure is quite different" with the
    latency fact: the volume fact is the one its figure counts."""
    session = start_(ctx, "harmful-content")
    session.opening()
    move = session.answer_text(
        "The goal is to find harmful posts and act on them before many people see them. "
        "I assume about 450 million new posts a day, mostly video, and a first decision "
        "within a few seconds. I would train a multimodal classifier on moderator labels."
    ).move
    assert move.question.startswith(
        "Good that you said your assumption out loud. About 500 million new posts a day"
    ), move.question


def test_the_floor_given_back_said_again_has_nothing_in_mind(ctx):
    """A question asked before designing is answered, then "Over to you, with that in
    mind. …"; said again without the answer, it is "Over to you." and the question."""
    session = start_(ctx, "churn-prediction")
    session.opening()
    asked = session.answer_text("How many subscribers do we have?").move
    assert asked is not None and "Over to you, with that in mind." in asked.question, asked
    again = session.answer_text("Sorry, can you repeat that?").move
    assert again is not None and "in mind" not in again.question, again.question
    assert again.question.startswith("Sure, here it is again. Over to you. "), again.question


RIDES_ASSUMED = (
    "The aim is to price each ride request so a rider is matched fast and drivers earn enough "
    "to keep driving; we care about completed trips and driver earnings rather than revenue "
    "this week. I'll assume around ten million rides each day in a few hundred cities, and "
    "each quote has to be back in under two hundred milliseconds. Offline I would judge the "
    "acceptance model by log loss, and online by completed trips per hour and rider waiting "
    "time, with driver hourly earnings as a guardrail. We record every quote a rider saw, "
    "whether they booked, driver positions every few seconds, and weather and local events. "
    "A pipeline rolls up demand and supply per map cell each minute into a feature store. A "
    "gradient boosted model forecasts demand and supply per cell for the next quarter hour, "
    "and a small optimiser chooses a capped surge multiplier per cell trading waiting time "
    "against conversion. For serving, multipliers are computed every minute and held in "
    "memory, so a quote is one key lookup plus the base fare. We monitor how often quotes "
    "hit the cap, complaints and conversion per city, with a switch back to base fares. The "
    "tradeoff is rider price sensitivity against driver supply, and I would give up some "
    "conversion rather than let riders wait twenty minutes. In short: forecast per cell, "
    "optimise a capped multiplier, precompute it and guard it."
)


def test_an_assumed_figure_just_confirmed_is_not_asked_where_it_comes_from(ctx):
    """ "I'll assume around ten million rides each day…" was confirmed ("Good that you said
    your assumption out loud. About 10 million rides a day in 500 cities…") and, in the same
    breath, asked "Where do those numbers come from…?": the interviewer had just said the
    figure is right. The next probe is on something else."""
    session = start(ctx, max_moves=4, question="dynamic-pricing")
    session.opening()
    said = session.answer_text(RIDES_ASSUMED).move.question
    assert said.startswith("Good that you said your assumption out loud. About 10 million"), said
    assert "come from" not in said and "ten million rides" not in said, said


@pytest.mark.parametrize(
    ("question", "assumed", "real"),
    [
        (
            "video-recommendation",
            "I'd assume about half a million new uploads a day, and I'll rank for watch time.",
            "500,000 new uploads a day",
        ),
        (
            "harmful-content",
            "Let's assume the moderators can review about one and a half million items a day.",
            "1.5 million items a day",
        ),
    ],
)
def test_half_of_a_big_figure_said_in_words_is_confirmed_when_right(ctx, question, assumed, real):
    """ "About half a million new uploads a day" was read as 50 ("half" is 50 in a spoken
    time, "half a second") and told "the real figure is quite different" next to the fact
    "500,000 new uploads a day"."""
    session = start(ctx, question=question)
    session.opening()
    said = session.answer_text(assumed).move.question
    assert real in said and "quite different" not in said, said


def test_a_change_that_names_the_time_sets_the_clock_for_its_answer(ctx):
    """Seen by a tester: after "Give me the thirty-second version" (or "You have one minute
    instead. Go.") the clock said "budget 2:00", the time of any follow-up. The answer to
    such a change has the time the change names; the follow-ups around it keep two
    minutes."""
    session = start(ctx, question="general-teach-concept", max_moves=4)
    session.opening()
    budgets = {}
    for said in DRIFT:
        move = session.move
        if move is None:
            break
        budgets[move.kind, move.target] = session.budget_s
        session.answer_text(said)
    assert budgets["new_constraint", "thirty-seconds"] == 30
    others = {k: v for k, v in budgets.items() if k[0] not in ("ask", "new_constraint")}
    assert others and set(others.values()) == {FOLLOW_UP_BUDGET_S}
    assert budgets["ask", "general-teach-concept"] == ctx.question("general-teach-concept").budget_s


ASKS_FIRST = (
    "Before I design anything, a few questions. How many payments do we see a day, and "
    "how fast must each one be decided?"
)
FRAMED = (
    "So the goal is to stop fraudulent card payments before they settle, for the bank's "
    "risk team, without blocking good customers. Success is the share of fraud dollars "
    "caught at a fixed false decline rate. I would train a gradient boosted model on "
    "labelled past payments with amount, merchant and device features, and score each "
    "payment behind an API within the latency budget. To sum up: a boosted model, served "
    "in real time, judged on fraud caught at a fixed decline rate."
)
MODEL_FIRST = (
    "I would train a gradient boosted model on labelled past payments with amount, merchant "
    "and device features. So the goal is to stop fraudulent card payments for the bank's "
    "risk team. To sum up: a boosted model, served in real time."
)


def order_items(report) -> list[str]:
    return [f.message for f in report.feedback if f.metric == "structure.order"]


def test_questions_asked_first_are_not_judged_as_the_opening(ctx):
    """Seen by a tester: a first answer that only asked the interviewer questions ("Before
    I design anything, a few questions. How many documents…?") was told "Opening on
    problem framing only in passing also counts against the order", though the next
    answer opened by framing the problem. Asking first is what an interviewer hopes for:
    the order is judged on the answer after the questions."""
    session = start(ctx)
    session.opening()
    replied = session.answer_text(ASKS_FIRST)
    assert replied.move is not None and "a day" in replied.move.question  # the facts told
    session.answer_text(FRAMED)
    report = session.end().report
    assert not order_items(report), order_items(report)
    assert not report.structure.order_findings
    # the answer after the questions is judged as the opening: one that jumps to a
    # model is told so, of that answer, with its own words
    session = start(ctx)
    session.opening()
    session.answer_text(ASKS_FIRST)
    session.answer_text(MODEL_FIRST)
    report = session.end().report
    quoted = [f.evidence.quote for f in report.feedback if f.metric == "structure.order"]
    assert quoted and all(q.rstrip("…") in MODEL_FIRST for q in quoted), quoted


FRAUD_TREE = (
    "The goal is to block fraudulent card payments at checkout without annoying good "
    "customers. I would measure recall of fraud at a fixed false positive rate, and online "
    "the chargeback rate. The labels are chargebacks, which arrive weeks later, so I would "
    "also use reports from the bank. The model is a gradient boosted tree on the amount, the "
    "merchant, the device and how many payments this card made in the last hour. It scores "
    "each payment in under fifty milliseconds, and we retrain every week."
)


@pytest.mark.parametrize(
    ("said", "term"),
    [
        ("What is the obvious alternative you have in mind?", "the obvious alternative"),
        ("Which alternative do you mean?", "alternative"),
        ("Sorry, which option are you thinking of?", "option"),
        ("Which one do you mean?", None),  # names nothing to explain
        ("What do you have in mind?", None),
    ],
)
def test_a_question_back_about_the_interviewers_own_words_names_them(said, term):
    """hT E17: "What is the obvious alternative you have in mind?" was read as asking for a
    figure ("I don't have a figure for that")."""
    assert asks_meaning(said) == term


def test_a_challenge_says_what_it_weighs_the_choice_against_and_says_it_again_when_asked(ctx):
    """hT E17: "Why a gradient boosted tree rather than the obvious alternative?" never said
    which; asked "What is the obvious alternative you have in mind?", the interviewer said
    "I don't have a figure for that" and moved on to a requirement change. The challenge
    names its rival, and a question back about it is answered from the challenge, which
    is asked again with no move used up."""
    session = start(ctx, max_moves=3)
    session.opening()
    challenge = session.answer_text(FRAUD_TREE).move
    assert challenge.kind == "challenge", challenge
    assert "logistic regression" in challenge.question, challenge.question
    assert "obvious alternative" not in challenge.question
    asked = session.answer_text("What is the obvious alternative you have in mind?")
    text = asked.move.question
    assert asked.repeat and asked.report is None, text
    assert text.startswith(
        "By \u201cthe obvious alternative\u201d I mean this: logistic regression."
    ), text
    assert text.endswith(f"So, over to you: {_joined(challenge.question)}"), text
    assert "figure" not in text and len(session.interview.moves) == 1


@pytest.mark.parametrize(
    "said",
    [
        "and I would compare it with logistic regression as a baseline.",
        "and keep a logistic regression next to it as the baseline.",
        "and I would also try logistic regressions on the same features.",
    ],
)
def test_a_challenge_does_not_put_a_rival_the_answer_named_as_if_it_were_new(ctx, said):
    """An answer that chose a gradient boosted tree "and compare it with logistic
    regression as a baseline" was asked "Why a gradient boosted tree rather than logistic
    regression?", a question it seemed to have answered. The challenge says the candidate
    named the rival and asks what sets the two apart; an answer that never named it is
    still asked about it by name (the test above)."""
    session = start(ctx, max_moves=3)
    session.opening()
    answer = FRAUD_TREE.replace("in the last hour.", f"in the last hour, {said}")
    challenge = session.answer_text(answer).move
    assert challenge.kind == "challenge", challenge
    question = challenge.question
    assert "rather than logistic regression" not in question, question
    assert "logistic regression" in question, question
    assert "named too" in challenge.why, challenge.why
    # asked back which alternative it means, the interviewer still names it
    asked = session.answer_text("Which alternative do you mean?")
    assert "logistic regression" in asked.move.question, asked.move.question


def test_a_challenge_with_no_rival_of_its_own_leaves_the_pick_to_the_candidate(ctx):
    """A challenge on a model the interviewer has no obvious rival for ("Why a Kalman
    filter?") is asked what alternative it means: the candidate's own pick, not "take
    “the alternative” the way you understand it"."""
    session = start(ctx)
    session.opening()
    planner = session.interview.planner
    move = Move(
        kind="challenge",
        target="tradeoffs",
        why="chose a Kalman filter",
        question="Why a Kalman filter? Which alternative would you weigh it against, and what "
        "do you give up with it?",
        source="planner",
    )
    text = planner.explained(move, "the alternative", [move]).question
    assert text.startswith(
        "By \u201cthe alternative\u201d I mean this: whichever option you see as its main "
        "rival: name it, and weigh the two."
    ), text
    assert text.endswith(f"So, over to you: {_joined(move.question)}"), text


def test_a_model_given_two_rivals_is_refused():
    """One model weighed against two options would be challenged by chance of the file's
    order: the phrasings refuse it, naming the model."""
    from pydantic import ValidationError

    from prompts.templates import Phrasings, load_phrasings

    data = load_phrasings().model_dump()
    data["rivals"] = {"logistic regression": ["xgboost"], "a neural network": ["xgboost"]}
    with pytest.raises(ValidationError, match="'xgboost' is listed for"):
        Phrasings.model_validate(data)


NO_STORY = (
    "I don't really have anything like that. I get along with everyone and it all goes "
    "fine, so there is nothing to tell."
)


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        ("behavioural-conflict", "Pick the smallest time something like it happened"),
        ("behavioural-failure", "Pick the smallest time something like it happened"),
        ("general-explain-project", "Pick something smaller you know well"),
    ],
)
@pytest.mark.parametrize("asked_first", [False, True])
def test_an_answer_with_no_story_gets_a_smaller_opening_not_a_twist(
    ctx, question, opens, asked_first
):
    """hT E10: "I don't really have conflicts… so there is nothing to tell" was met with
    "Here is a twist. Let's say it later turned out you were the one who was wrong. How
    would that change the story?" (and, as the first answer, "What exactly did you say to
    them in that first conversation?"): there is no story to twist or pull on. The
    interviewer asks for a smaller one, as it does after a skipped opening."""
    session = start(ctx, max_moves=4, question=question)
    session.opening()
    if asked_first:
        session.answer_text("Does it have to be from work, or can it be from university?")
    move = session.answer_text(NO_STORY).move
    assert move.kind == "follow_up", move
    assert move.question.startswith("That's fine, it doesn't have to be a big one."), move
    assert opens in move.question, move.question


@pytest.mark.parametrize(
    ("part", "yes_or_no"),
    [
        ("and do drivers see the multiplier too?", True),
        ("Do we know the proportion of fake reviews?", False),
        ("Is the prevalence of spam known?", False),
        ("Do we know the share of encrypted mail?", False),
        ("Is it more than a million a day?", False),
    ],
)
def test_a_part_that_asks_for_a_rate_is_not_a_yes_or_no(part, yes_or_no):
    """One check for "asks for a figure": "Do we know the proportion of fake reviews?" was
    read as a yes or a no ("The rest is yours to decide") where "…the share of…" asked
    for a figure ("I don't have a figure for the rest"); both ask for a rate, as the
    facts are matched."""
    from assistant.interview.clarify import asks_yes_or_no

    assert asks_yes_or_no(part) is yes_or_no


CONFLICT_STORY = (
    "At my last job I was the ML engineer on a search team, and I had a disagreement with "
    "our product manager about launching a new ranking model. She wanted to ship it "
    "before the holiday sale because the offline numbers looked good, and I was worried "
    "because the model had only been tested on two weeks of data and I had seen it rank "
    "out of stock items higher. My job was to make sure we did not break search during "
    "our biggest week. So I did not just say no; I set up a meeting, showed her ten real "
    "queries where the new model was worse, and proposed a small experiment on five "
    "percent of traffic for one week before the sale. She agreed but was not happy about "
    "the delay. The experiment showed a two percent lift in clicks but a small drop in "
    "purchases because of the out of stock problem, so we fixed the stock filter and then "
    "launched three days before the sale. Purchases went up about one and a half percent. "
    "What I learned is to bring examples, not opinions, and to offer a path to yes "
    "instead of a blocker. We still work together well."
)


@pytest.mark.parametrize(
    "asked",
    [
        "Sorry, do you want the same story again, or a different one? I can do the same one "
        "shorter.",
        # seen in the app: "I don't have a figure for that"
        "What do you mean, the same story or another one?",
    ],
)
def test_a_question_about_a_retelling_twist_is_told_to_go_ahead_on_its_own_time(ctx, asked):
    """In the app: to "We're short on time: give me the same story again in one minute.",
    "Sorry, do you want the same story again, or a different one?" was met with "Take it
    as it stands: … So, with that in mind. Which part of your design does that break, and
    what would you build in its place?" of a story, on two minutes. The push says to go
    ahead with the same story, and its answer has the twist's minute."""
    session = start(ctx, question="behavioural-conflict", max_moves=4)
    session.opening()
    move = session.answer_text(CONFLICT_STORY).move
    while move is not None and move.kind != "new_constraint":
        move = session.answer_text(
            "I told her I shared the goal of launching before the sale, asked what she needed "
            "to feel safe, and proposed a one week experiment on five percent of traffic."
        ).move
    assert move is not None and move.target == "one-minute", move
    assert session.budget_s == 60.0
    push = session.answer_text(asked).move
    assert push is not None and push.target == "one-minute", push
    assert "design" not in push.question and "Go ahead" in push.question, push.question
    assert "doesn't say" not in push.question, push.question  # it says: the same one
    assert session.budget_s == 60.0
