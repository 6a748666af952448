"""Rebuild the sample answers that ship with thinkaloud (needs espeak-ng and sox).

    .venv/bin/python scripts/make_samples.py

The samples are synthetic (espeak-ng) so they can be regenerated and carry no
one's voice. They are compressed to Ogg Vorbis to keep the package small.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.synth import Say, Silence, synthesize  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "assistant" / "samples"

FRAUD_1 = [
    Silence(1.5),
    Say(
        "Okay, um, so let me restate the problem first. We want to catch fraudulent card "
        "payments before they are approved, without blocking good customers."
    ),
    Silence(0.7),
    Say("Can I assume this runs in real time, inside the payment authorisation?"),
    Silence(0.6),
    Say(
        "I will assume yes, so latency is the main constraint, maybe 100 milliseconds, "
        "at a few thousand transactions per second."
    ),
    Silence(1.3),
    Say(
        "For success, uh, I would measure recall at a fixed false positive rate, and the money "
        "we save from fraud that we stop."
    ),
    Silence(3.2),
    Say(
        "On the data side, like, we have chargebacks as labels, but they arrive weeks late, "
        "so the labels are delayed and very imbalanced."
    ),
    Silence(0.6),
    Say(
        "The pipeline would compute velocity features per card and per merchant in a "
        "streaming job, and the same code feeds training, to avoid skew."
    ),
    Silence(0.8),
    Say(
        "For the model, I would start with gradient boosted trees. They are fast to serve, "
        "and, you know, they work well on tabular features."
    ),
    Silence(2.4),
    Say(
        "A deep model might be a bit more accurate, but the tradeoff is latency and "
        "explainability, which matter more here."
    ),
    Silence(0.7),
    Say(
        "We deploy it in shadow mode first, then roll it out slowly, and monitor drift in "
        "the score distribution and the alert rate every day."
    ),
    Silence(0.6),
    Say(
        "So to summarise: a fast tree model on streaming features, measured by fraud losses "
        "saved, with careful monitoring."
    ),
    Silence(1.0),
]

# The second answer responds to the constraint change the offline interviewer makes
# after the first one (a privacy law bans device fingerprinting).
FRAUD_2 = [
    Silence(1.0),
    Say(
        "Losing device features hurts, um, because the device fingerprint was one of our "
        "strongest signals for account takeover."
    ),
    Silence(0.6),
    Say(
        "I would drop those features, retrain the model without them, and measure how much "
        "recall we lose on a holdout month."
    ),
    Silence(1.8),
    Say(
        "To make up for it, I would lean on behavioural velocity features, like how many "
        "cards a customer used today, and on merchant risk scores."
    ),
    Silence(0.6),
    Say(
        "For a while we could send more borderline payments to manual review, at the cost "
        "of review capacity, and we watch fraud losses closely after the switch."
    ),
    Silence(1.0),
]


def build(name: str, script, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / f"{name}.wav"
        synthesize(script, wav, noise_dbfs=-55, seed=seed)
        target = OUT / f"{name}.ogg"
        subprocess.run(
            [shutil.which("sox") or "sox", str(wav), "-r", "16000", "-C", "2", str(target)],
            check=True,
        )
        print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    names = sys.argv[1:] or ["answer-fraud-1", "answer-fraud-2"]
    scripts = {"answer-fraud-1": (FRAUD_1, 1), "answer-fraud-2": (FRAUD_2, 2)}
    for name in names:
        script, seed = scripts[name]
        build(name, script, seed=seed)
