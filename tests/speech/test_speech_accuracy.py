"""The real bundled Whisper model on espeak-ng speech whose truth is known exactly.

Each test here guards a failure mode measured while building thinkaloud:
pace off by miscounting, pauses taken from word gaps (late onsets, missed
pauses), fillers cleaned away by Whisper, the filler prompt dropping whole
30 s windows of fluent speech, and speech between long silences skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.scoring.analyse import analyse_session, score_recording, transcribe_recording
from assistant.scoring.fillers import plain_token
from assistant.scoring.spoken_form import count_words_in_text, spoken_words
from speech.prompt_echo import ECHO_NGRAM, echo_words
from speech.transcriber import (
    FILLER_PROMPT,
    DecodeOptions,
    FasterWhisperTranscriber,
    continues,
    token_budget,
)
from tests.support.cpu_isa import ROOT, isa_env, selected_isa, supported_isas
from tests.support.speech_scripts import (
    FILLER_LINES,
    accuracy_script,
    filler_script,
    fluent_script,
    sparse_script,
)
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model
DATA = Path(__file__).parent / "data"

CASES = [  # voice, espeak rate, room noise (dBFS) under everything
    ("en-us", 140, None),
    ("en-gb", 185, -45),
    ("en-us+f3", 165, -38),
    ("en-us", 215, -50),
]


def test_the_silence_between_two_answers_is_no_pause_of_the_candidates(
    synth_dir, transcriber, settings
):
    """A session lays its answers end to end. The second before the candidate pressed
    stop and the breath before the next answer are not a silence left in an answer: no
    pause there, no time counted against the pace; a real pause inside an answer stays."""
    first = synthesize(
        [
            Silence(0.5),
            Say("We score every card payment at checkout before it is approved."),
            Silence(3.0),
            Say("The label is a chargeback, and it arrives weeks after the payment."),
            Silence(2.0),
        ],
        synth_dir / "seam-1.wav",
    )
    second = synthesize(
        [
            Silence(2.5),
            Say("For monitoring I would watch the share of declined payments every hour."),
            Silence(0.5),
        ],
        synth_dir / "seam-2.wav",
    )
    answers = [transcribe_recording(a.path, transcriber, settings) for a in (first, second)]
    report = analyse_session(answers, settings)
    pacing = report.pacing
    assert pacing is not None
    long = [p for p in pacing.pauses if p.kind == "long"]
    assert [round(p.start) for p in long] == [round(first.silences[1][0])]
    assert not any(p.start < first.duration < p.end for p in pacing.pauses)
    spans = [a.speech_end - a.speech_start for a in (first, second)]
    true_wpm = count_words_in_text(first.text + " " + second.text) * 60 / sum(spans)
    assert pacing.words_per_minute == pytest.approx(true_wpm, rel=0.07)
    assert pacing.speaking_span_s == pytest.approx(sum(spans), abs=0.6)


@pytest.mark.parametrize(("voice", "rate", "noise"), CASES)
def test_pace_and_pauses_match_the_truth(voice, rate, noise, synth_dir, transcriber, settings):
    truth = synthesize(
        accuracy_script(rate, voice), synth_dir / f"acc-{voice}-{rate}.wav", noise_dbfs=noise
    )
    report = score_recording(truth.path, transcriber, settings)
    pacing = report.pacing
    assert pacing is not None

    true_wpm = count_words_in_text(truth.text) * 60 / (truth.speech_end - truth.speech_start)
    print(f"pace {voice}@{rate}: {100 * (pacing.words_per_minute / true_wpm - 1):+.1f} %")
    # measured on the four CPU instruction sets: -0.9 % to +3.6 % on one machine, -0.1 %
    # to +5.2 % on another (en-us at 140: +1.7 % with AVX-512, +4.3 % AVX, +5.2 % AVX2 and
    # GENERIC); the product target, 4 % from 120 to 230 wpm, is benchmarks/filler_accuracy.py's
    # and pacing_accuracy.py's
    assert pacing.words_per_minute == pytest.approx(true_wpm, rel=0.07)
    assert pacing.time_to_first_word_s == pytest.approx(truth.speech_start, abs=0.3)

    inside = [(a, b) for a, b in truth.silences if truth.speech_start < a < truth.speech_end]
    true_long = [(a, b) for a, b in inside if b - a >= settings.long_pause_s]
    found_long = [p for p in pacing.pauses if p.kind == "long"]
    for a, b in true_long:
        match = [p for p in found_long if abs(p.start - a) <= 0.3]
        assert match, f"silence of {b - a:.1f}s at {a:.2f}s not reported as long"
        assert match[0].duration == pytest.approx(b - a, abs=0.3)
    for p in found_long:  # no false long pause
        assert any(abs(p.start - a) <= 0.3 for a, _ in true_long), f"false long pause {p}"

    thinking = [(a, b) for a, b in inside if 1.2 <= b - a <= 1.8]
    for a, _ in thinking:
        assert any(p.kind == "thinking" and abs(p.start - a) <= 0.3 for p in pacing.pauses)


def _filler_scores(report, truth) -> tuple[int, int, int]:
    """True positives, false positives, false negatives, matched sentence by sentence."""
    tp = fp = fn = 0
    items = report.fillers.items
    for spoken, (_, expected) in zip(truth.spoken, FILLER_LINES, strict=True):
        got = sum(1 for f in items if spoken.start - 0.3 <= f.start < spoken.end + 0.3)
        tp += min(got, expected)
        fp += max(got - expected, 0)
        fn += max(expected - got, 0)
    return tp, fp, fn


@pytest.mark.parametrize(("voice", "rate"), [("en-us", 170), ("en-gb", 145), ("en-us+m3", 205)])
def test_fillers_are_kept_and_found(voice, rate, synth_dir, transcriber, settings):
    truth = synthesize(filler_script(rate, voice), synth_dir / f"fill-{voice}.wav", noise_dbfs=-48)
    report = score_recording(truth.path, transcriber, settings)
    tp, fp, fn = _filler_scores(report, truth)
    recall, precision = tp / (tp + fn), tp / max(tp + fp, 1)
    print(f"fillers {voice}@{rate}: recall {recall:.2f} precision {precision:.2f}")
    # measured under CT2_FORCE_CPU_ISA = GENERIC, AVX, AVX2, AVX512: recall 0.83-1.00,
    # precision 0.92-1.00; the bounds allow one filler more missed or found than the worst
    assert recall >= 0.75, report.transcript.text
    assert precision >= 0.84, report.transcript.text


def _recall_of_words(reference: str, hypothesis: list[str]) -> float:
    ref = [w for t in reference.split() for w in spoken_words(t)]
    hyp = {w for t in hypothesis for w in spoken_words(t)}
    return sum(1 for w in ref if w in hyp) / len(ref)


def test_fluent_speech_is_not_dropped_by_the_filler_prompt(synth_dir, transcriber, settings):
    truth = synthesize(fluent_script(175, "en-us"), synth_dir / "fluent.wav", noise_dbfs=-50)
    assert truth.duration > 55  # at least two 30 s decoding windows
    report = score_recording(truth.path, transcriber, settings)
    words = report.transcript.words
    for spoken in truth.spoken:  # every sentence is there, not just most of the text
        heard = [plain_token(w.text) for w in words if spoken.start - 0.5 <= w.start < spoken.end]
        assert _recall_of_words(spoken.text, heard) >= 0.6, (spoken.text, heard)
    assert _recall_of_words(truth.text, [w.text for w in words]) >= 0.85


@pytest.mark.parametrize(("voice", "noise", "seed"), [("en-us", -33, 3), ("en-gb+f2", -33, 43)])
def test_a_fast_speaker_is_counted_by_the_words_said(
    voice, noise, seed, synth_dir, transcriber, settings
):
    """At 230 wpm tiny.en hears long words as several short ones it is unsure of
    ("the feed is optimising for" came back "feeding app to my info", "retrieval" as
    "three hole"), and hears long words right but unsure: counted by their syllables
    those read as more words than were said (en-us 122 for 115, en-gb+f2 118). A run of
    unsure words never counts as more words than the model wrote."""
    truth = synthesize(
        accuracy_script(230, voice),
        synth_dir / f"fast-{voice}.wav",
        noise_dbfs=noise,
        seed=seed,
    )
    pacing = score_recording(truth.path, transcriber, settings).pacing
    assert pacing is not None
    said = count_words_in_text(truth.text)
    print(f"words {voice}@230: {pacing.words} counted, {said} said")
    assert abs(pacing.words - said) <= 0.03 * said


@pytest.mark.parametrize(
    ("voice", "rate", "noise", "seed"), [("en-us", 200, -40, 2), ("en-us+f3", 130, -40, 20)]
)
def test_a_word_split_into_pieces_the_model_is_sure_of_in_part_counts_once(
    voice, rate, noise, seed, synth_dir, transcriber, settings
):
    """tiny.en writes one long word as several short ones and is sure of some of them: at
    200 wpm "optimising for" as "up to my thing for..." (0.73, 0.73, 0.47, 0.67, 0.56),
    "positives" as "part of it is" (0.48, 0.88, 0.41, 0.74); at 130 wpm (en-us+f3) "about"
    as "I'm out in" (0.59, 0.97, 0.26). Counted as tokens the answers read 123 and 121 words
    for 115 (+7 %, +5 %). A sure piece between two unsure ones is counted with them, by
    the run's syllables: 118-119 and 117-118 under CT2_FORCE_CPU_ISA GENERIC, AVX and AVX2
    (2-4 words over; the bound, 5 %, is 5.75)."""
    truth = synthesize(
        accuracy_script(rate, voice),
        synth_dir / f"pieces-{voice}-{rate}.wav",
        noise_dbfs=noise,
        seed=seed,
    )
    pacing = score_recording(truth.path, transcriber, settings).pacing
    assert pacing is not None
    said = count_words_in_text(truth.text)
    print(f"words {voice}@{rate}: {pacing.words} counted, {said} said")
    assert abs(pacing.words - said) <= 0.05 * said


def test_a_figure_said_aloud_is_one_word(synth_dir, transcriber, settings):
    """tiny.en writes "ten thousand" as "10" and ",000": the pieces become one word, so
    the figure is a figure (a stated scale, two spoken words) and not a stray comma."""
    truth = synthesize(
        [Say("I assume around 10,000 requests a second at peak.", wpm=165)],
        synth_dir / "figure.wav",
    )
    words = [w.text for w in score_recording(truth.path, transcriber, settings).transcript.words]
    assert "10,000" in words and not any(w.startswith(",") for w in words), words


@pytest.mark.parametrize(
    ("previous", "piece", "rest"),
    [
        ("trade", "-off", True),
        ("10", ",000", True),
        ("2", ".5", True),
        ("costs", ",000", False),  # a comma after a word is not a number's thousands
        ("10", ",", False),
        ("-", "-", False),
    ],
)
def test_word_pieces_are_joined_only_where_they_belong(previous, piece, rest):
    assert continues(previous, piece) is rest


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        # written into the bundled sample's 1.3 s pause: "Thank" at 0.011, "you." no time
        ([("second.", 0.99, 0.3), ("Thank", 0.011, 0.12), ("you.", 0.98, 0.0)], False),
        ([("second.", 0.99, 0.3), ("Thank", 0.9, 0.2), ("you.", 0.95, 0.0)], False),
        ([("design.", 0.99, 0.3), ("Thank", 0.93, 0.2), ("you.", 0.95, 0.3)], True),
        # "thank you" inside a sentence is the candidate's
        ([("and", 0.99, 0.3), ("Thank", 0.02, 0.2), ("you.", 0.95, 0.3)], True),
    ],
)
def test_a_stock_phrase_written_into_a_pause_is_dropped(said, kept):
    from speech.transcriber import _without_stock_phrases
    from speech.words import Word

    words, t = [], 0.0
    for text, probability, length in said:
        words.append(Word(text, t, t + length, probability))
        t += length + 0.1
    out = [w.text for w in _without_stock_phrases(words)]
    assert out == ([w[0] for w in said] if kept else [said[0][0]])


@pytest.mark.parametrize(
    ("words", "no_speech", "logprob", "dropped"),
    [
        (["Thank", "you."], 0.54, -1.12, True),  # written into the silence after an answer
        (["And", "we'll", "see", "you", "next", "time."], 0.7, -0.8, True),
        # 40 words of a British voice the model was unsure of: speech, kept
        (["We", "deploy", "the", "recogniser", "in", "the", "cloud"] * 6, 0.52, -0.75, False),
        (["word"] * 40, 0.8, -1.3, True),  # as Whisper itself drops a segment
    ],
)
def test_only_short_unsure_segments_are_taken_for_invented_phrases(
    words, no_speech, logprob, dropped
):
    from types import SimpleNamespace

    from speech.transcriber import _hallucinated

    segment = SimpleNamespace(
        words=[SimpleNamespace(word=w) for w in words],
        no_speech_prob=no_speech,
        avg_logprob=logprob,
    )
    assert _hallucinated(segment) is dropped


def test_speech_between_long_silences_is_transcribed(synth_dir, transcriber, settings):
    truth = synthesize(sparse_script(160, "en-us"), synth_dir / "sparse.wav", noise_dbfs=-50)
    report = score_recording(truth.path, transcriber, settings)
    words = report.transcript.words
    for spoken in truth.spoken:
        heard = [w.text for w in words if spoken.start - 0.5 <= w.start < spoken.end + 0.5]
        assert _recall_of_words(spoken.text, heard) >= 0.7, (spoken.text, heard)
    assert sum(1 for p in report.pacing.pauses if p.kind == "long") == len(truth.spoken) - 1


def test_a_minute_of_speech_without_a_pause_is_not_dropped(transcriber, settings):
    """A held-out answer (tests/eval fraud-weak-1) read in one breath by espeak-ng: the
    VAD hears one 64 s stretch. Decoded in one piece, its first 22-27 s were lost; it is
    now cut at its quietest moments."""
    import tomllib

    answer = tomllib.loads(
        (Path(__file__).parents[1] / "eval/answers/fraud-weak-1.toml").read_text()
    )
    report = score_recording(DATA / "no-pause-64s.ogg", transcriber, settings)
    words = report.transcript.words
    assert words[0].start < 1.5
    assert _recall_of_words(answer["text"], [w.text for w in words]) >= 0.8  # 0.52 before


def test_a_long_stretch_without_silence_is_cut_at_its_quietest_moment():
    import numpy as np

    from speech.audio import SAMPLE_RATE
    from speech.transcriber import MAX_CHUNK_S, plan_chunks
    from speech.vad import SpeechRegion

    rng = np.random.default_rng(0)
    samples = (rng.standard_normal(64 * SAMPLE_RATE) * 0.3).astype(np.float32)
    samples[int(21.0 * SAMPLE_RATE) : int(21.1 * SAMPLE_RATE)] *= 0.01  # a breath, too short
    chunks = list(plan_chunks([SpeechRegion(0.0, 64.0)], 64.0, samples=samples))
    assert all(end - start <= MAX_CHUNK_S for start, end in chunks)
    assert chunks[0][1] == pytest.approx(21.05, abs=0.06)
    assert chunks[-1][1] == 64.0 and len(chunks) == 3
    no_audio = list(plan_chunks([SpeechRegion(0.0, 64.0)], 64.0))
    assert [round(e - s) for s, e in no_audio] == [28, 28, 8]


def test_repeated_text_piled_on_one_instant_is_decoded_again(transcriber, settings):
    """A held-out recording on which the prompted model once skipped 20 s, then echoed
    its prompt and earlier text with every word stamped at the same instant."""
    report = score_recording(DATA / "repeat-trap.flac", transcriber, settings)
    words = report.transcript.words
    stamps = [w.start for w in words if w.end - w.start <= 0.02]
    assert max((stamps.count(t) for t in stamps), default=0) <= 2
    text = report.transcript.text.lower()
    assert text.count("snap shot") <= 1 and "let me think, hmm" not in text
    _assert_speech_kept(text)
    _assert_no_prompt_echo(text)


TRAP_SAID = "um let me think about the latency mode"
"""The trap file's first words: the only run of prompt words that was really said (the
VAD hears voice from 0.38 s, "let" starts at 1.0 s)."""


def _assert_no_prompt_echo(text: str) -> None:
    said = echo_words(TRAP_SAID)
    echoed = [
        gram
        for gram in _grams(echo_words(text))
        if gram in _grams(echo_words(FILLER_PROMPT)) and gram not in _grams(said)
    ]
    assert not echoed, text
    assert "hm" not in echo_words(text), text  # nobody hums on the trap file


def _grams(words: list[str], n: int = ECHO_NGRAM) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


TRAP_PHRASES = ("latency", "snapshot", "top account", "more labels", "in practice")
"""Phrases of the trap file's speech tiny.en writes on every CPU tried ("ranking task"
came out as "our timer and can task" with AVX-512 on one machine)."""


def _assert_speech_kept(text: str) -> None:
    """The trap's speech is in ``text``: its 20 s were not lost to the prompt."""
    kept = [p for p in TRAP_PHRASES if p in text]
    assert len(kept) >= len(TRAP_PHRASES) - 1 and len(text.split()) >= 50, text


def test_a_piece_that_echoes_the_prompt_is_decoded_again_without_it(transcriber):
    """Decoded in one piece with the prompt, the trap file comes out as the prompt
    ("Umm, let me think, hmm, hmm...") and 20 s of speech are lost: the piece is decoded
    again without the prompt, so its words are there and the prompt's are not."""
    from speech.audio import load_audio

    samples = load_audio(DATA / "repeat-trap.flac").float32()
    words = transcriber.transcribe(samples)
    text = " ".join(w.text for w in words).lower()
    _assert_speech_kept(text)
    assert words[0].start < 1.5, text
    _assert_no_prompt_echo(text)


def test_a_clip_that_sends_the_model_into_a_loop_writes_no_more_than_its_budget(transcriber):
    """2.4 s around a hesitation in a synthetic answer, with a gap either side, as the
    filled-pause check asks about it. Greedily decoded with the filler-only prompt,
    tiny.en writes "Dead." over and over: uncapped, 112 of them, and the same again at
    each temperature of the fallback (76 s for this clip on a machine at load 10)."""
    from speech.audio import load_audio

    greedy = FasterWhisperTranscriber(
        transcriber.model, cpu_threads=2, options=DecodeOptions(temperatures=(0.0,))
    )
    samples = load_audio(DATA / "loop-trap.flac").float32()
    words = greedy.filler_words(samples)
    assert 0 < len(words) <= token_budget(len(samples) / 16000) // 2, words


def test_the_filler_only_decode_of_a_clip_does_not_depend_on_what_came_before(
    synth_dir, transcriber
):
    """Whether a held sound is a filler is asked of the model with the filler-only
    prompt; its answer must be the same whatever the process decoded before. 0.6 s of
    "the same phone number," (a helper's espeak-ng answer, where the held "er" before a
    pause was counted as an "(uh)" never said), decoded four times among other clips,
    came back "Same phone to that." and "I'm going to throw you that.": Whisper sampled
    again where the greedy decode failed its checks, from a random state that runs on
    from one decode to the next."""
    import numpy as np

    syn = synthesize(
        [Say("the distance, the same phone number,", 155, "en-gb"), Silence(1.0)],
        synth_dir / "phone-number.wav",
    )
    from speech.audio import load_audio

    samples = load_audio(syn.path).float32()
    gap = np.zeros(int(0.6 * 16000), np.float32)
    end = syn.spoken[-1].end

    def clip(a: float, b: float) -> np.ndarray:
        return np.concatenate([gap, samples[int(a * 16000) : int(b * 16000)], gap])

    answers = []
    for k in range(4):
        heard = transcriber.filler_words(clip(end - 1.0, end - 0.4))
        answers.append(" ".join(w.text for w in heard))
        transcriber.filler_words(clip(0.2 * k, 0.2 * k + 0.6))  # another clip in between
    assert len(set(answers)) == 1, answers


def test_the_prompt_is_never_echoed_on_any_cpu_instruction_set():
    """The trap file scored by `thinkaloud score --json` with CTranslate2 forced to each
    instruction set this CPU has: on another machine the prompted model wrote "Umm, let me
    think, hmm, hmm..." into the report, so it counted fillers nobody said."""
    isas = supported_isas()
    assert "GENERIC" in isas, isas
    for isa in isas:
        run = subprocess.run(
            [sys.executable, "-m", "assistant", "score", str(DATA / "repeat-trap.flac")]
            + ["--json", "--rubric", "none", "--no-progress"],
            env=isa_env(isa),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        assert selected_isa(run.stderr) == isa
        text = json.loads(run.stdout)["transcript"]["text"].lower()
        _assert_speech_kept(text)
        _assert_no_prompt_echo(text)
