"""``thinkaloud score`` end to end: the report contract and every kind of bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.support.cli import one_error_line, run
from tests.support.synth import Say, Silence, synthesize


@pytest.fixture(scope="module")
def short_answer(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("answers") / "short.wav"
    synthesize(
        [
            Silence(0.8),
            Say("So, um, I would start by asking who the users are."),
            Silence(2.5),
            Say("Then I would pick a simple baseline, like, logistic regression."),
            Silence(0.5),
        ],
        path,
        noise_dbfs=-50,
    )
    return path


@pytest.fixture
def silence_only(tmp_path) -> Path:
    path = tmp_path / "quiet.wav"
    rng = np.random.default_rng(0)
    pcm = (rng.standard_normal(16000 * 4) * 30).astype("<i2")  # a quiet room, nobody talking
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(pcm.tobytes())
    return path


@pytest.mark.model
def test_json_report_contract(short_answer):
    code, out, err = run("score", str(short_answer), "--json", "--budget", "10s")
    assert code == 0, err
    report = json.loads(out)
    assert report["schema"] == "thinkaloud.report/2"
    assert set(report["audio"]) >= {"path", "duration_s"}
    assert report["audio"]["duration_s"] == pytest.approx(short_answer_duration(short_answer), 0.01)
    words = report["transcript"]["words"]
    assert words and set(words[0]) == {"text", "start", "end", "probability"}
    assert report["transcript"]["text"].lower().startswith("so")
    pacing = report["pacing"]
    assert set(pacing) >= {
        "words",
        "speaking_span_s",
        "words_per_minute",
        "articulation_wpm",
        "time_to_first_word_s",
        "pace_windows",
        "long_pause_threshold_s",
        "pauses",
    }
    assert pacing["time_to_first_word_s"] == pytest.approx(0.8, abs=0.3)
    (long_pause,) = [p for p in pacing["pauses"] if p["kind"] == "long"]
    assert set(long_pause) == {"start", "end", "duration", "kind", "position"}
    assert long_pause["duration"] == pytest.approx(2.5, abs=0.3)
    assert pacing["budget"]["budget_s"] == 10
    fillers = report["fillers"]
    assert set(fillers) == {"count", "per_minute", "percent_of_words", "by_word", "items"}
    assert fillers["by_word"].get("um") == 1
    assert all(set(i) == {"text", "start", "end", "heard_in_audio"} for i in fillers["items"])
    for item in report["feedback"]:
        assert set(item) == {"metric", "severity", "message", "evidence"}
        if item["evidence"]:
            assert set(item["evidence"]) == {"quote", "start"}
    assert {i["metric"] for i in report["feedback"]} >= {"pace", "pauses", "fillers", "budget"}


def short_answer_duration(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@pytest.mark.model
def test_readable_report(short_answer):
    code, out, _ = run("score", str(short_answer))
    assert code == 0
    for heading in ("Transcript", "Pacing", "Fillers", "Feedback"):
        assert heading in out
    assert "long" in out


@pytest.mark.model
def test_silence_only_says_no_speech(silence_only):
    code, out, err = run("score", str(silence_only), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["speech_detected"] is False
    assert report["pacing"] is None
    assert report["feedback"][0]["metric"] == "speech"


def test_typed_transcript_has_fillers_but_no_pacing(tmp_path):
    text = tmp_path / "answer.txt"
    text.write_text("So, um, first I'd like to frame the problem. It is, like, a ranking task.")
    code, out, err = run("score", "--transcript", str(text), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["audio"] is None and report["pacing"] is None
    assert report["fillers"]["by_word"] == {"um": 1, "like": 1}
    assert report["fillers"]["per_minute"] is None
    assert all(w["start"] is None for w in report["transcript"]["words"])


def test_a_typed_answers_report_opens_on_its_question_and_says_it_was_typed(tmp_path):
    """The report's head names the question and, with no recording, says the answer was
    typed and why pacing is missing (it was an empty box)."""
    text = tmp_path / "answer.txt"
    text.write_text("First I'd frame the problem: which payments to block before they settle.")
    code, out, err = run("score", "--transcript", str(text), "--question", "fraud-detection")
    assert code == 0, err
    head = out.split("Transcript")[0]
    assert "Question" in head and "Card fraud" in head
    assert "typed" in head and "no pacing" in head
    code, out, err = run("score", "--transcript", str(text))
    assert code == 0, err
    assert "Question" not in out.split("Transcript")[0]


@pytest.mark.model
def test_no_filler_heard_is_not_sold_as_certain(tmp_path):
    """The speech model misses some soft "uh"s: a recording where none was heard says
    so, and where to check; a typed answer is exactly what was typed."""
    clean = tmp_path / "clean.wav"
    synthesize(
        [Silence(0.5), Say("I would rank the posts by predicted engagement."), Silence(0.5)],
        clean,
        noise_dbfs=-50,
    )
    typed = tmp_path / "clean.txt"
    typed.write_text("I would rank the posts by predicted engagement.")
    for path, heard in ((clean, True), (typed, False)):
        code, out, err = run("score", *(["--transcript"] if not heard else []), str(path), "--json")
        assert code == 0, err
        report = json.loads(out)
        assert report["fillers"]["count"] == 0
        (item,) = [f for f in report["feedback"] if f["metric"] == "fillers"]
        assert ("misses some soft" in item["message"]) == heard, item["message"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("said", "likes"),
    [
        ("Honestly the old model was, like, terrible at night.", 1),
        ("The ranking service is like a big sorting machine.", 0),
    ],
)
def test_a_filler_like_is_counted_where_the_speech_model_drops_its_commas(tmp_path, said, likes):
    """Said alone by espeak-ng's British voice, "was, like, terrible" is written by tiny.en
    as "was like terrible"; a "like" that compares stays uncounted."""
    clip = tmp_path / "like.wav"
    synthesize([Silence(0.5), Say(said, voice="en-gb"), Silence(0.5)], clip, noise_dbfs=-50)
    code, out, err = run("score", str(clip), "--json")
    assert code == 0, err
    report = json.loads(out)
    found = [f for f in report["fillers"]["items"] if f["text"].strip(",") == "like"]
    assert len(found) == likes, report["transcript"]["text"]


@pytest.mark.parametrize("repeat", [20, 700])
def test_a_long_transcript_says_it_will_take_a_while(tmp_path, repeat):
    text = tmp_path / "answer.txt"
    text.write_text("We log every payment and its chargeback label. " * repeat)
    code, out, err = run("score", "--transcript", str(text), "--rubric", "none", "--json")
    assert code == 0, err
    assert json.loads(out)["transcript"]["text"].startswith("We log every payment")
    said = "scoring a long transcript (32 KB, about 5,600 words)" in err
    assert said == (repeat == 700), err


@pytest.mark.model
def test_truncated_recording_is_scored_with_a_warning(short_answer, tmp_path):
    data = short_answer.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: len(data) // 2])
    code, out, err = run("score", str(cut), "--json")
    assert code == 0
    assert "warning" in err and "cut.wav" in err
    report = json.loads(out)
    assert report["audio"]["truncated"] is True
    assert report["speech_detected"] is True


@pytest.mark.parametrize(
    ("make", "code", "needle"),
    [
        (lambda p: p / "missing.wav", 3, "no such file"),
        (lambda p: p, 3, "is a directory"),
        (lambda p: _write(p / "empty.wav", b""), 4, "empty"),
        (lambda p: _write(p / "notes.mp3", b"shopping list: eggs\n" * 40), 4, "not an audio file"),
        (lambda p: _write(p / "header.wav", _wav_header_only()), 4, "no audio samples"),
    ],
)
def test_bad_input_gets_one_line_and_its_own_exit_code(tmp_path, make, code, needle):
    got, out, err = run("score", str(make(tmp_path)))
    assert got == code
    assert needle in one_error_line(err)
    assert out == ""


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path):
    """A recording must be read more than once, so a pipe cannot be scored; and opening
    one that nobody writes to waited for ever, with nothing on the screen."""
    pipe = tmp_path / "answer.wav"
    os.mkfifo(pipe)
    result: list[tuple[int, str, str]] = []
    scoring = threading.Thread(target=lambda: result.append(run("score", str(pipe))), daemon=True)
    scoring.start()
    scoring.join(20)
    if not result:  # still waiting: a writer lets it go on, so the test can end
        with pipe.open("wb"):
            pass
        scoring.join(20)
    code, out, err = result[0]
    assert code == 3 and "not a regular file" in one_error_line(err), err
    assert out == ""


@pytest.mark.parametrize(
    ("make", "code", "needle"),
    [
        (lambda p: p / "missing.wav", 3, "no such file"),
        (lambda p: _write(p / "empty.wav", b""), 4, "empty"),
        (lambda p: _write(p / "notes.wav", b"shopping list: eggs\n" * 40), 4, "not an audio file"),
    ],
)
def test_a_bad_recording_to_replay_is_refused_before_the_app_starts(tmp_path, make, code, needle):
    """Not audio at all used to open the app and end it with an internal error at the
    first answer, leaving an interrupted session with nothing in it to judge."""
    data = tmp_path / "data"
    got, out, err = run("--mute", "--replay", str(make(tmp_path)), THINKALOUD_DATA_DIR=str(data))
    assert got == code
    assert needle in one_error_line(err)
    assert (
        not (data / "sessions.db").exists()
        or "interrupted" not in run("history", THINKALOUD_DATA_DIR=str(data))[1]
    )


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _wav_header_only() -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    return buf.getvalue()


def test_recording_over_the_length_limit(short_answer, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("max_audio_minutes = 0.05\n")
    code, _, err = run("--config", str(config), "score", str(short_answer))
    assert code == 5
    assert "limit" in one_error_line(err)


@pytest.mark.parametrize(
    ("model", "needle"),
    [
        ("/no/such/model", "does not exist"),
        ("small.en", "not available offline"),
    ],
)
@pytest.mark.parametrize("before", [False, True], ids=["after the command", "before it"])
def test_unavailable_models(short_answer, model, needle, before):
    """``--model`` counts said before the command as after it: the help lists it there."""
    args = ["score", str(short_answer)]
    code, _, err = run(*(["--model", model, *args] if before else [*args, "--model", model]))
    assert code == 6
    assert needle in one_error_line(err)


def test_model_folder_without_a_model(short_answer, tmp_path):
    code, _, err = run("score", str(short_answer), "--model", str(tmp_path))
    assert code == 6
    assert "model.bin" in one_error_line(err)


def test_corrupt_model_fails_to_load(short_answer, tmp_path):
    from speech.models import bundled_model_path

    broken = tmp_path / "broken"
    broken.mkdir()
    for f in bundled_model_path().iterdir():
        if f.is_file() and f.name != "model.bin":
            (broken / f.name).write_bytes(f.read_bytes())
    (broken / "model.bin").write_bytes(b"\x00" * 1000)
    code, _, err = run("score", str(short_answer), "--model", str(broken))
    assert code == 6
    assert "failed to load" in one_error_line(err)


def test_bad_budget_is_a_usage_error(short_answer):
    code, _, err = run("score", str(short_answer), "--budget", "soon")
    assert code == 2
    assert "not a duration" in one_error_line(err)


def test_broken_config_names_the_key(short_answer, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('long_pause_s = "long"\n')
    code, _, err = run("--config", str(config), "score", str(short_answer))
    assert code == 7
    line = one_error_line(err)
    assert str(config) in line and "long_pause_s" in line


def test_no_traceback_from_the_real_command(tmp_path):
    """The installed entry point, in its own process, on a file that is not there."""
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "score", str(tmp_path / "nope.wav")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3m", 180), ("90s", 90), ("2m30s", 150), ("1:30", 90), ("150", 150), ("2.5min", 150)],
)
def test_budget_formats(text, seconds):
    from assistant.cli import parse_duration

    assert parse_duration(text) == seconds


def test_a_named_config_file_must_exist(short_answer, tmp_path):
    missing = tmp_path / "nope.toml"
    code, _, err = run("score", str(short_answer), THINKALOUD_CONFIG=str(missing))
    assert code == 7 and "no such config file" in one_error_line(err)
    code, _, err = run("score", str(short_answer), "--config", str(missing))  # after the verb
    assert code == 7 and str(missing) in one_error_line(err)


@pytest.mark.parametrize(
    ("var", "value", "needle"),
    [
        ("THINKALOUD_LONG_PAUSE_S", "abc", "THINKALOUD_LONG_PAUSE_S"),
        ("THINKALOUD_THINKING_PAUSE_S", "5", "thinking_pause_s <= long_pause_s"),
        ("THINKALOUD_MAX_AUDIO_MINUTES", "0", "greater than 0"),
    ],
)
def test_a_bad_environment_value_is_named(short_answer, monkeypatch, var, value, needle):
    monkeypatch.setenv(var, value)
    code, _, err = run("score", str(short_answer))
    assert code == 7 and needle in one_error_line(err)


def test_a_zero_budget_is_a_usage_error(short_answer):
    code, _, err = run("score", str(short_answer), "--budget", "0")
    assert code == 2 and "longer than zero" in one_error_line(err)


@pytest.mark.model
def test_a_telephone_quality_recording_is_warned_about(short_answer, tmp_path):
    """An 8 kHz recording scored 17 against 44 for the same answer, with "200 million
    million million users", and nothing said it was the recording."""
    import subprocess

    narrow = tmp_path / "phone.wav"
    subprocess.run(["sox", str(short_answer), "-r", "8000", str(narrow)], check=True)
    code, out, err = run("score", str(narrow), "--json", "--rubric", "none")
    assert code == 0 and json.loads(out)["transcript"]["text"]
    assert "phone.wav was recorded at 8 kHz, below the 16 kHz" in err
    code, _, err = run("score", str(short_answer), "--json", "--rubric", "none")
    assert code == 0 and "kHz" not in err


def test_a_budget_for_a_typed_transcript_is_said_to_measure_nothing(tmp_path):
    """`--budget 4m` with `--transcript` was accepted and silently ignored."""
    text = tmp_path / "answer.txt"
    text.write_text("I would use gradient boosted trees on the card features.\n")
    code, out, err = run("score", "--transcript", str(text), "--budget", "4m", "--json")
    assert code == 0 and json.loads(out)["pacing"] is None
    assert err.startswith("thinkaloud: warning: --budget is for recordings")


@pytest.mark.model
def test_a_short_clip_is_too_short_to_judge(short_answer):
    code, out, _ = run("score", str(short_answer), "--json", "--rubric", "none")
    pace = next(f for f in json.loads(out)["feedback"] if f["metric"] == "pace")
    assert "too short to judge" in pace["message"]


def test_pause_lengths_are_shown_rounded_down():
    from assistant.report.format import seconds

    assert seconds(1.98) == "1.9 s" and seconds(2.0) == "2.0 s" and seconds(3.04) == "3.0 s"


def test_a_typed_answer_gets_depth_per_stage_and_its_question_back_earns_nothing(tmp_path):
    """`--question` threads what was asked into the analysis: the question said back is
    named framing, not described; the same words with no question asked describe."""
    text = tmp_path / "answer.txt"
    text.write_text(
        "We make a system that decides for each online card payment whether to approve it, "
        "block it or send it for a closer look, for thousands of merchants.\n"
        "We need good metrics.\n"
        "There are tradeoffs.\n"
        "I'd use gradient boosted trees on velocity counts, because they score 300 payments "
        "in under 5 ms.\n"
    )
    asked = run("score", "--transcript", str(text), "--question", "fraud-detection", "--json")
    unasked = run("score", "--transcript", str(text), "--json")
    assert asked[0] == 0 and unasked[0] == 0, asked[2] + unasked[2]
    report, plain = json.loads(asked[1]), json.loads(unasked[1])
    assert report["schema"] == "thinkaloud.report/2"
    stages = {s["id"]: s for s in report["structure"]["stages"]}
    assert stages["framing"]["depth"] == 1 and not stages["framing"]["covered"]
    assert {s["id"]: s for s in plain["structure"]["stages"]}["framing"]["depth"] >= 2
    assert stages["metrics"]["depth"] == 1 and stages["metrics"]["missing"]
    model = stages["model"]
    assert model["depth"] == 3 and model["depth_label"] == "justified" and model["covered"]
    assert "because" in model["depth_evidence"]["quote"] and model["missing"] is None
    quotes = [g["quote"] for g in report["structure"]["generic"]]
    assert "There are tradeoffs." in quotes and "We need good metrics." in quotes
    assert report["structure"]["tradeoffs"] == []  # "there are tradeoffs" weighed nothing
    named = [f for f in report["feedback"] if f["metric"] == "structure.metrics"]
    assert named and "We need good metrics." in named[0]["message"]


def test_the_json_report_points_at_an_item_by_its_stage_not_its_place(tmp_path):
    """`score --json` said "Opening on problem framing only in passing (the item above)"
    under "No monitoring and iteration…": the JSON lists the items in its own order, so
    the pointer names the stage, and the text report still says where it stands."""
    text = tmp_path / "answer.txt"
    text.write_text(
        "The goal is to predict delivery time for each order so customers see an honest "
        "ETA. I assume two million orders a day and 100 ms latency. We use a gradient "
        "boosted tree on past orders."
    )
    asked = ("score", "--transcript", str(text), "--question", "eta-prediction")
    code, out, err = run(*asked, "--json")
    assert code == 0, err
    items = json.loads(out)["feedback"]
    (n,) = [i for i, f in enumerate(items) if f["message"].startswith("Opening on")]
    assert items[n - 1]["metric"] != "structure.framing", "the case needs another item above"
    assert "(see the item on problem framing)" in items[n]["message"]
    assert not any("(the item above)" in f["message"] for f in items)
    code, out, err = run(*asked)
    assert code == 0, err
    assert "(the item on problem framing above)" in " ".join(out.replace("│", " ").split())


def test_a_plan_named_in_an_explanation_says_where_it_came_up(tmp_path):
    """An explanation's stage table read "Signposted structure | named | — | 0%": a stage
    said to be named, with no moment it came up. A plan is read from the answer's moves,
    which no sentence serves on its own: it came up where it was heard."""
    text = tmp_path / "answer.txt"
    text.write_text(
        "So, the tradeoff I want to explain is precision against recall in a spam filter. "
        "The context is, we filter email for a million users, and a good email lost in spam "
        "hurts more than a spammy mail in the inbox. The options were a strict threshold, "
        "which catches more spam, or a loose threshold, which keeps almost every good "
        "email. We chose the loose threshold, because users trust the product only if they "
        "never lose real mail. The cost was about 5% more spam reaching the inbox. In "
        "summary, we gave up some recall to keep precision above 99%, and we would revisit "
        "it with per-user thresholds."
    )
    asked = ("score", "--transcript", str(text), "--question", "general-explain-tradeoff")
    code, out, err = run(*asked, "--json")
    assert code == 0, err
    stages = {s["id"]: s for s in json.loads(out)["structure"]["stages"]}
    plan = stages["structure"]
    assert plan["depth_label"] == "named", plan
    assert plan["first_at_share"] is not None and plan["first_at_share"] > 0.5, plan
    code, out, err = run(*asked)
    assert code == 0, err
    (row,) = [line for line in out.splitlines() if "Signposted structure" in line]
    assert "—" not in row, row
