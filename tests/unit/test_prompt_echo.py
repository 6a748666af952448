"""The prompt-echo check: Whisper writing its filler prompt back is caught, speech that
merely shares a word or two with the prompt is not."""

from __future__ import annotations

import pytest

from speech.prompt_echo import echo_words, echoes_prompt
from speech.transcriber import FILLER_PROMPT


def test_words_are_compared_without_case_punctuation_or_spelling_of_fillers():
    assert echo_words("Umm, let me think, HMM... Uhh, you know") == [
        "um", "let", "me", "think", "hm", "uh", "you", "know",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Umm, let me think, hmm, hmm... I mean, the model has to run every height.",  # measured
        "umm let me",  # the prompt's opening, however short
        "We shard by user. So, uh, you know, the cache stays warm.",  # a run in the middle
        "Umm, let us begin",  # opens with the prompt's first two words
        "hmm... So, uh",
    ],
)
def test_a_piece_that_repeats_the_prompt_is_an_echo(text):
    assert echoes_prompt([text], FILLER_PROMPT)


@pytest.mark.parametrize(
    "text",
    [
        "Let me explain the ranking model first.",
        "I think the latency budget is two hundred milliseconds.",
        "You know, latency matters more than anything here.",
        "Um, so the first thing I would like to do is clarify the scope.",
        "",
    ],
)
def test_speech_that_shares_a_few_words_with_the_prompt_is_not(text):
    assert not echoes_prompt([text], FILLER_PROMPT)


def test_each_segment_is_checked():
    assert echoes_prompt(["A fine sentence.", "Like, hmm... so"], FILLER_PROMPT)
