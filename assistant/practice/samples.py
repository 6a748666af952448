"""The sample interview that ships with thinkaloud: the fraud-detection question and two
recorded answers (the second responds to the requirement change the planner picks)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SAMPLE_QUESTION = "fraud-detection"
SAMPLE_ANSWERS = ("answer-fraud-1.ogg", "answer-fraud-2.ogg")


def sample_answers() -> list[Path]:
    folder = files("assistant") / "samples"
    return [Path(str(folder / name)) for name in SAMPLE_ANSWERS]


def sample_answer_path() -> Path:
    """The first sample answer, for ``score --sample``."""
    return sample_answers()[0]
