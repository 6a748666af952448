"""The LLM's adaptation verdict, from an OpenAI-compatible server on 127.0.0.1, decides
only where the cue verdict is unsure: it may not overturn a design the cues saw change,
nor credit an answer that says it keeps the design."""

from __future__ import annotations

import pytest

from assistant.interview.llm_interviewer import LLMInterviewer
from assistant.interview.moves import Move
from assistant.interview.planner import OfflinePlanner
from assistant.interview.session import Interview, Turn
from assistant.llm.litellm_chat import LiteLLMChatModel
from prompts import load_question
from tests.support.interviews import RUBRIC, ml_spec, report_of
from tests.support.openai_server import FakeOpenAI, serving

FRAUD = (
    "I'd score each payment with a gradient boosted tree trained on past payments with "
    "chargebacks as the label, using the amount, the merchant category, the card's payments "
    "in the last hour and whether the device was seen before. It is served behind an API "
    "next to the payment service, with features read from a feature store."
)
FRAUD_ADAPTS = (
    "Okay, so the device features are gone. I'd drop them from the feature set and retrain, "
    "then compare recall at the same review rate on a held-out month. To replace them I'd "
    "lean on behavioural signals: how fast the card is used across merchants and whether the "
    "shipping address is new for this card. Borderline scores get a 3D Secure step-up "
    "instead of a block."
)
RAG = (
    "I'd chunk the policy documents, index them for hybrid retrieval with BM25 and "
    "embeddings, rerank the top fifty with a cross encoder and have a hosted LLM answer with "
    "citations. The index is rebuilt every night from the document store."
)
RAG_LIP = (
    "Good point, freshness is important for users. We'd make sure the index is kept up to "
    "date. Everything else stays the same: the chunking, the hybrid retrieval, the cross "
    "encoder and the hosted LLM with citations."
)
FRAUD_NAMES = (
    "Right, no device fingerprinting from now on. The tree would then have to work from "
    "what the card has done across merchants this week."
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def judged(spec, question_id: str, change_id: str, first: str, reply: str, llm: dict):
    planner = OfflinePlanner(load_question(question_id), RUBRIC, embedder=spec.embedder)
    with serving(["good"], reply=llm) as url:
        chat = LiteLLMChatModel("openai/judge", api_base=url)
        interview = Interview(planner, LLMInterviewer(chat, planner, timeout_s=20.0))
        change = next(c for c in planner.question.constraint_changes if c.id == change_id)
        moves = [
            planner.opening(),
            Move(
                kind="new_constraint", target=change.id, why="-", question=change.say, source="llm"
            ),
        ]
        texts = [first, reply]
        interview.turns = [Turn(m, report_of(t, spec)) for m, t in zip(moves, texts, strict=True)]
        (verdict,) = interview.adaptation()
        asked = len(FakeOpenAI.requests)
    return verdict, asked


def test_an_llm_no_does_not_erase_a_design_change_the_cues_found(spec):
    """L7: a full adaptation (drop, retrain, behavioural signals, step-up) was charged 10
    points because the LLM said "not revised", quoting its first sentence."""
    llm = {"acknowledged": True, "revised": False, "quote": "so the device features are gone"}
    verdict, asked = judged(
        spec, "fraud-detection", "no-device-fingerprint", FRAUD, FRAUD_ADAPTS, llm
    )
    assert asked == 1  # the LLM was asked
    assert verdict.revised and verdict.judged_by == "cues"


def test_an_llm_yes_does_not_credit_an_answer_that_keeps_the_design(spec):
    """L2: "Everything else stays the same" was credited as a design change on the LLM's
    word, quoting "Good point, freshness is important for users."."""
    llm = {
        "acknowledged": True,
        "revised": True,
        "quote": "Good point, freshness is important for users.",
    }
    verdict, asked = judged(spec, "rag-assistant", "fresh-within-minutes", RAG, RAG_LIP, llm)
    assert asked == 1
    assert not verdict.revised and verdict.kept and verdict.judged_by == "cues"


def test_where_the_cues_are_unsure_the_llm_decides(spec):
    """The change named, the design not visibly changed by the cues' reading: the LLM's
    verdict, with a quote that speaks of the change, stands."""
    llm = {
        "acknowledged": True,
        "revised": True,
        "quote": "The tree would then have to work from what the card has done across "
        "merchants this week.",
    }
    verdict, _ = judged(spec, "fraud-detection", "no-device-fingerprint", FRAUD, FRAUD_NAMES, llm)
    assert verdict.judged_by == "llm" and verdict.revised


SPAM = (
    "A cheap sender reputation check on IP and domain rejects the obvious senders, then a "
    "gradient boosted tree on header features, link domains and a small text model scores "
    "what passes. Thresholds are tuned for very few false positives on legitimate mail."
)
SPAM_HOLDS = (
    "I think the design holds up. The gradient boosted tree on headers and text is fast, the "
    "reputation check catches most of the volume, and the band in the middle protects "
    "legitimate mail. I'd keep tuning the thresholds on the false positive rate."
)


def test_an_llm_yes_quoting_the_design_holds_up_is_not_credited(spec):
    """hI L01: with an LLM interviewer "I think the design holds up." was judged "took it
    up: yes / changed the design: yes" at no cost, quoting that very sentence, while the
    interviewer itself pushed because the design was kept."""
    llm = {"acknowledged": True, "revised": True, "quote": "I think the design holds up."}
    verdict, asked = judged(spec, "spam-filter", "llm-spam-wave", SPAM, SPAM_HOLDS, llm)
    assert asked == 1
    assert not verdict.revised and verdict.kept and verdict.judged_by == "cues"
