"""The optional LLM judge of structure: quotes are verified, failures fall back."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from assistant.llm.litellm_chat import LiteLLMChatModel
from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.llm_judge import judge_structure
from assistant.scoring.structure.scorers import build_scorer
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.cli import run
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")
TEXT = tomllib.loads(
    (Path(__file__).parents[1] / "eval" / "answers" / "fraud-weak-1.toml").read_text()
)["text"]


@pytest.fixture(scope="module")
def local():
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    return analyse_text(TEXT, Settings(), structure=StructureSpec(RUBRIC, scorer, method))


def grades(**covered: str) -> str:
    return json.dumps(
        {
            "stages": [
                {"id": s, "covered": s in covered, "quote": covered.get(s, "")}
                for s in RUBRIC.stage_ids
            ]
        }
    )


def test_verified_quotes_replace_the_local_judgement(local):
    words = TEXT.split()
    real = " ".join(words[3:9])
    reply = grades(monitoring=real, summary="we will sell it to the moon")  # 2nd is invented
    chat = LiteLLMChatModel("openai/judge", mock_response=reply)
    out, notice = judge_structure(chat, RUBRIC, "", local.transcript.words, local.structure)
    by_id = {s.id: s for s in out.stages}
    assert by_id["monitoring"].covered and by_id["monitoring"].evidence.quote == real
    local_summary = local.structure.stage("summary")
    assert by_id["summary"] == local_summary  # the invented quote was dropped
    assert "1 LLM grade quoted" in notice and out.method.startswith("llm")


def test_a_broken_judge_leaves_the_local_analysis(local):
    chat = LiteLLMChatModel("openai/judge", mock_response="not json at all")
    out, notice = judge_structure(chat, RUBRIC, "", local.transcript.words, local.structure)
    assert out == local.structure and "local analysis stands" in notice
    chat = LiteLLMChatModel("openai/judge", api_base="http://127.0.0.1:9/v1")
    out, notice = judge_structure(
        chat, RUBRIC, "", local.transcript.words, local.structure, timeout_s=3
    )
    assert out == local.structure and notice


def test_judge_from_the_command_line_needs_an_llm(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    code, _, err = run("score", "--transcript", str(f), "--judge")
    assert code == 2 and "needs an LLM" in err


def test_a_judge_quote_about_another_stage_lifts_nothing_and_the_score_is_told_once(tmp_path):
    """Played outside the repo with a server LLM: `score --judge` took "I assume around
    200 million daily users and" as the business impact, described, and the report read
    "Structure 77/100" above a feedback line of "Structure 36/100" (the judge had a score
    formula of its own)."""
    from tests.support.openai_server import serving

    scale = "I assume around 200 million daily users and about 2000 posts per feed open."
    text = TEXT + " " + scale
    f = tmp_path / "answer.txt"
    f.write_text(text)
    reply = json.loads(grades(impact=scale, monitoring=" ".join(TEXT.split()[3:9])))
    with serving(["good"], reply=reply) as url:
        argv = ("score", "--transcript", str(f), "--question", "fraud-detection", "--json")
        code, out, err = run(*argv, "--judge", "--llm", "openai/judge", "--llm-api-base", url)
    assert code == 0, err
    report = json.loads(out)
    stages = {s["id"]: s for s in report["structure"]["stages"]}
    assert not stages["impact"]["covered"]  # read on its own, the quote is the scale
    assert "about another stage" in err
    (line,) = [f["message"] for f in report["feedback"] if f["metric"] == "structure"]
    assert line.startswith(f"Structure {report['structure']['score']}/100")


MODEL_FIRST = (
    "I would use XGBoost on transaction features like the amount, the merchant category and "
    "the time since the last purchase. We train it on last year's chargebacks as labels. We "
    "serve it behind a REST endpoint that answers in under 50 milliseconds. We retrain it "
    "every week on the newest chargebacks."
)


def test_the_judge_keeps_an_answer_that_never_framed_the_problem_held():
    """A design answer that says neither what problem it solves nor how success is
    measured is held at 10 by the local analysis. The judge lifting its data or monitoring
    must not undo that hold (the score had risen to 10 plus the lift); the judge finding
    the framing the local reading missed does undo it."""
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    local = analyse_text(MODEL_FIRST, Settings(), structure=StructureSpec(RUBRIC, scorer, method))
    held = 100 * RUBRIC.named_credit
    assert local.structure.score <= held
    assert not local.structure.stage("framing").covered
    words = local.transcript.words

    found = dict(  # what the local reading found, confirmed by the judge
        constraints="We serve it behind a REST endpoint that answers in under 50 milliseconds.",
        model="I would use XGBoost on transaction features",
        pipeline="the amount, the merchant category and the time since the last purchase",
        deployment="We serve it behind a REST endpoint that answers in under 50 milliseconds.",
        monitoring="We retrain it every week on the newest chargebacks.",
    )
    lift = grades(
        **found,
        data="We train it on last year's chargebacks as labels.",
        tradeoffs="XGBoost on transaction features",
    )
    out, _ = judge_structure(
        LiteLLMChatModel("openai/judge", mock_response=lift), RUBRIC, "", words, local.structure
    )
    assert out.stage("tradeoffs").covered  # the judge's lift was taken ...
    assert out.score <= held  # ... and the hold stands

    framed = grades(**found, framing="I would use XGBoost on transaction features")
    out, _ = judge_structure(
        LiteLLMChatModel("openai/judge", mock_response=framed), RUBRIC, "", words, local.structure
    )
    assert out.stage("framing").covered
    # no longer held: the model, pipeline and serving the local reading found count again
    framing_share = 100 * RUBRIC.stage("framing").weight / sum(s.weight for s in RUBRIC.stages)
    assert out.score > held + framing_share


@pytest.mark.parametrize("lift", [None, "tradeoffs"], ids=["confirmed", "lifted"])
def test_a_judged_answer_still_unframed_is_told_its_hold_once_at_the_judged_score(tmp_path, lift):
    """`score --judge` on a design that never frames the problem nor a success metric:
    the line on the hold was replaced by a second copy of the structure line, so the
    report said the score twice and never why it was held."""
    from tests.support.openai_server import serving
    from tests.unit.test_structure_unframed import WIDE_WRITTEN

    said = WIDE_WRITTEN.split("\n")
    f = tmp_path / "answer.txt"
    f.write_text(WIDE_WRITTEN + "\n")
    found = dict(constraints=said[0], data=said[1], pipeline=said[2], model=said[3])
    found.update(deployment=said[4], monitoring=said[5])
    if lift:
        found[lift] = said[6]
    with serving(["good"], reply=json.loads(grades(**found))) as url:
        argv = ("score", "--transcript", str(f), "--question", "fraud-detection", "--json")
        code, out, err = run(*argv, "--judge", "--llm", "openai/judge", "--llm-api-base", url)
    assert code == 0, err
    report = json.loads(out)
    score = report["structure"]["score"]
    lines = [x["message"] for x in report["feedback"] if x["metric"] == "structure"]
    assert [x for x in lines if x.startswith("Structure ")] == [lines[0]]
    (held,) = [x for x in lines if x.startswith("The score is held at")]
    assert held.startswith(f"The score is held at {score} (its design alone earned ")
    assert 10 < score < int(held.split("earned ", 1)[1].split(")", 1)[0])
