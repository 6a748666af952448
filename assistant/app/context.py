"""One process's view of the world: its environment and the settings resolved from it,
once, at the entry point; the question bank and rubrics (the user's own included),
read on first use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.app.config import llm_timeout, load_settings, user_data_dirs
from assistant.app.environment import Environment
from assistant.settings import Settings
from prompts import Question, load_question, load_questions
from rubrics import Rubric, load_rubric, load_rubrics


@dataclass
class AppContext:
    env: Environment
    settings: Settings
    shared: dict[str, Any] = field(default_factory=dict, repr=False)
    question_problems: list[str] = field(default_factory=list, repr=False)
    """The user's own question files left out of the bank, each with its problem."""
    """Adapters built once for the whole process (the sentence encoder), by app.build."""

    @classmethod
    def load(
        cls,
        env: Environment | None = None,
        config: Path | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> AppContext:
        """Settings from ``config`` (a file the user named must exist), the environment's
        THINKALOUD_* variables and ``overrides`` (command-line flags)."""
        env = env or Environment()
        settings = load_settings(
            config, overrides, required=config is not None, environ=env.environ
        )
        return cls(env, settings)

    def user_dirs(self, kind: str) -> list[Path]:
        """Where the user's own ``rubrics`` or ``questions`` live."""
        return user_data_dirs(self.env.environ, kind)

    @cached_property
    def rubrics(self) -> dict[str, Rubric]:
        """Every rubric, shipped and the user's own."""
        return load_rubrics(self.user_dirs("rubrics"))

    @cached_property
    def questions(self) -> dict[str, Question]:
        """The whole question bank, shipped and the user's own; a file of the user's own
        that cannot be used is left out with a warning (``question_problems``). Asked for
        by its id, it is refused with its problems (:meth:`question`)."""
        questions = load_questions(
            self.user_dirs("questions"), rubrics=self.rubrics, skipped=self.question_problems
        )
        for problem in self.question_problems:
            print(f"thinkaloud: warning: left out {problem}", file=self.env.stderr)
        return questions

    def question(self, question_id: str) -> Question:
        """One question (the user's own included); an unknown id names the known ones."""
        return load_question(question_id, self.user_dirs("questions"), rubrics=self.rubrics)

    def rubric(self, rubric_id: str) -> Rubric:
        return load_rubric(rubric_id, self.user_dirs("rubrics"))

    @property
    def llm_timeout(self) -> float:
        return llm_timeout(self.settings)
