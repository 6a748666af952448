"""The in-process LLM interviewer on held-out weak answers: latency and aim.

    .venv/bin/python benchmarks/local_interviewer.py [--model local/qwen2.5-coder-0.5b ...]
        [--no-read-ahead]

For each model, loads it the way the app does (model, then the system prompt, in
the background at start), then runs a two-move
interview on each held-out weak answer in tests/eval/answers: the weak answer
first, then a short reply. As in the app, the model reads each answer ahead while it
is spoken, all but its last sentence (``--no-read-ahead``: as for a typed answer,
everything is read once it is in). Per follow-up it measures, from the moment the
answer is scored:

- first sentence: when the question's first sentence is ready to be spoken
  (the voice starts here);
- first audio: that, plus espeak-ng's time to its first audio for the sentence
  (measured separately on this machine) = time to the first spoken word;
- whole move: when the move is complete and checked.

It also checks every raw reply against the wording schema, and whether each probe
aims at a stage the hand labels say is missing. Prints Markdown for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")

from assistant.app.build import build_chat_model, structure_spec  # noqa: E402
from assistant.app.config import llm_timeout  # noqa: E402
from assistant.app.context import AppContext  # noqa: E402
from assistant.app.environment import Environment  # noqa: E402
from assistant.interview.llm_interviewer import LLMInterviewer, warm_interviewer  # noqa: E402
from assistant.interview.planner import OfflinePlanner  # noqa: E402
from assistant.interview.session import Interview  # noqa: E402
from assistant.scoring.analyse import analyse_text  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from prompts import load_question  # noqa: E402
from tests.support.llm_helpers import Recording  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WEAK = sorted(p.stem for p in (ROOT / "tests/eval/answers").glob("*-weak-*.toml"))
REPLY = "Hmm, I would need to think about that more. Probably keep it simple at first."


def espeak_first_audio(text: str) -> float:
    """Seconds until espeak-ng has its first audio for ``text``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(["espeak-ng", "--stdout", text], stdout=subprocess.PIPE)
    proc.stdout.read(4096)
    first = time.perf_counter() - t0
    proc.stdout.read()
    proc.wait()
    return first


def run_model(model: str, answers: list[str], settings_kw: dict, read_ahead: bool = True) -> dict:
    env = Environment(environ=dict(os.environ))
    settings = Settings(llm_model=model, **settings_kw)
    chat = Recording(build_chat_model(settings, env.environ))
    t0 = time.perf_counter()
    chat.load()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    warm_interviewer(chat)
    warm_s = time.perf_counter() - t0
    rows = []
    for answer_id in answers:
        answer = tomllib.loads((ROOT / "tests/eval/answers" / f"{answer_id}.toml").read_text())
        question = load_question(answer["question"])
        spec = structure_spec(AppContext(env, Settings()), None, question.id)
        planner = OfflinePlanner(question, spec.rubric)
        interviewer = LLMInterviewer(chat, planner, timeout_s=llm_timeout(settings))
        interview = Interview(planner, interviewer, max_moves=2)
        interview.opening()
        gold_missing = set(spec.rubric.stage_ids) - set(answer["covered"])
        for text in [answer["text"], REPLY]:
            report = analyse_text(text, Settings(), structure=spec, question=question.id)
            if read_ahead:
                spoken(interview, chat.inner.engine(), report.transcript.text)
            said: list[tuple[float, str]] = []
            asked = len(chat.requests)
            t0 = time.perf_counter()
            move = interview.answered(
                report, lambda s, t0=t0, said=said: said.append((time.perf_counter() - t0, s))
            )
            whole = time.perf_counter() - t0
            if move is None:
                break
            # what the model read and wrote (its first try); none for a move the planner
            # words itself (a re-anchor on several basics)
            last = chat.requests[asked] if len(chat.requests) > asked else None
            retried = max(len(chat.requests) - asked - 1, 0)
            first_s, sentence = said[0] if said else (whole, move.question)
            rows.append(
                {
                    "answer": answer_id,
                    "kind": move.kind,
                    "target": move.target,
                    "source": move.source,
                    "on_gap": move.kind in ("follow_up", "challenge")
                    and bool(set(move.targets) & gold_missing),  # a re-anchor aims at several
                    "probe": move.kind in ("follow_up", "challenge"),
                    "first_s": first_s,
                    "spoken_s": first_s + espeak_first_audio(sentence),
                    "whole_s": whole,
                    "question": move.question,
                    "tokens": last
                    and (last.prompt_tokens, last.reused_tokens, last.completion_tokens),
                    "split": last and (last.prefill_s, last.sample_s, last.decode_s),
                    "retried": retried,
                    "reply": chat.replies[asked] if len(chat.replies) > asked else None,
                }
            )
        for notice in interview.notices:
            print(f"  notice ({answer_id}): {notice}")
    valid = 0
    for reply in chat.replies:  # {"question": ...}: the move itself is the planner's
        try:
            valid += isinstance(json.loads(reply)["question"], str)
        except (ValueError, KeyError, TypeError):
            pass
    return {
        "model": model,
        "load_s": load_s,
        "warm_s": warm_s,
        "rows": rows,
        "replies": len(chat.replies),
        "valid": valid,
    }


def tokens(row: dict) -> str:
    if row["tokens"] is None:
        return "the model was not asked"
    prompt, cached, reply = row["tokens"]
    reading, choosing, writing = row["split"]
    again = f", asked again {row['retried']}x" if row["retried"] else ""
    return (
        f"prompt {prompt} tokens ({cached} read before), reply {reply}; "
        f"reading {reading:.1f} s, choosing {choosing:.1f} s, writing {writing:.1f} s{again}"
    )


def spoken(interview: Interview, engine, text: str) -> None:
    """The answer as the app hears it: the interviewer reads it ahead sentence by sentence
    while it is spoken (minutes, so the reader keeps up), all but the last sentence."""
    ends = [m.end() for m in re.finditer(r"[.?!](?= )", text)]
    for end in ends[:-1] if len(ends) > 1 else []:
        interview.read_ahead(text[:end])
        engine.wait_read_ahead()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", action="append", help="local/<name> (repeat)")
    parser.add_argument("--answers", nargs="+", default=WEAK, help="tests/eval/answers ids")
    parser.add_argument("--threads", type=int, default=0, help="local_threads (0: auto)")
    parser.add_argument(
        "--no-read-ahead",
        action="store_true",
        help="the answer is not read while spoken (a typed or recorded answer)",
    )
    args = parser.parse_args()
    models = args.model or ["local/qwen2.5-coder-0.5b"]
    kw = {"local_threads": args.threads}
    results = [run_model(m, args.answers, kw, not args.no_read_ahead) for m in models]
    print(f"\ncores: {os.cpu_count()}")
    for r in results:
        print(f"\n## {r['model']}: load {r['load_s']:.2f} s, warm-up {r['warm_s']:.2f} s")
        for row in r["rows"]:
            print(
                f"- {row['answer']}: {row['kind']} on {row['target']} [{row['source']}] "
                f"first sentence {row['first_s']:.1f} s, spoken {row['spoken_s']:.1f} s, "
                f"whole {row['whole_s']:.1f} s; {tokens(row)} — {row['question']}"
            )
            if row["source"] == "fallback" and row["reply"]:
                print(f"  (the model's reply, not used: {row['reply']})")
    print(
        "\n| model | schema-valid replies | worded by the LLM | probes on real gaps "
        "| first spoken word: probes, median (max) | requirement changes | whole move, "
        "median (max) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        rows = r["rows"]
        probes = [x for x in rows if x["probe"]]
        changes = [x["spoken_s"] for x in rows if x["kind"] == "new_constraint"]
        whole = [x["whole_s"] for x in rows]
        print(
            f"| {r['model']} | {r['valid']}/{r['replies']} "
            f"| {sum(x['source'] == 'llm' for x in rows)}/{len(rows)} "
            f"| {sum(x['on_gap'] for x in probes)}/{len(probes)} "
            f"| {spread([x['spoken_s'] for x in probes])} | {spread(changes)} "
            f"| {spread(whole)} |"
        )


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.1f} s ({max(values):.1f} s)"


if __name__ == "__main__":
    main()
