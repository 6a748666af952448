"""Prompt and phrasing templates (``prompts/templates/*.toml``), rendered with string.Template.

``$name`` placeholders keep JSON braces in prompts safe. Every template file declares
its variables; a placeholder that is not declared, or a declared variable no
template uses, fails at load time with the file and key named.
"""

from __future__ import annotations

import re
import string
from importlib.resources import files
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rubrics.toml_files import Slug, Source, Text, read_model

_CONFIG = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class TemplateError(Exception):
    exit_code = 7


def placeholders(text: str) -> set[str]:
    found = set()
    for match in string.Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            found.add(name)
        if match.group("invalid") is not None:
            raise ValueError(f"stray '$' in template: {text[:40]!r}")
    return found


def render(text: str, values: dict[str, object]) -> str:
    """Fill ``text``; a missing value is a programming error, not a user one."""
    return string.Template(text).substitute({k: str(v) for k, v in values.items()})


def _check(texts: dict[str, str], declared: list[str]) -> None:
    used: set[str] = set()
    for key, text in texts.items():
        names = placeholders(text)
        unknown = names - set(declared)
        if unknown:
            raise ValueError(f"{key}: undeclared variable(s) {', '.join(sorted(unknown))}")
        used |= names
    unused = set(declared) - used
    if unused:
        raise ValueError(f"declared but never used: {', '.join(sorted(unused))}")


class Phrasings(BaseModel):
    """How the offline interviewer words each kind of move."""

    model_config = _CONFIG

    id: Slug
    """File id (``interviewer``)."""
    description: Text
    """What the phrasings are for."""
    variables: list[str]
    """Every placeholder the phrasings may use."""
    moves: dict[str, Annotated[list[Text], Field(min_length=1)]]
    """Move variant (``follow_up``, ``follow_up_named``, ...) -> alternative wordings."""
    stage_questions: dict[str, Text] = {}
    """Stage id -> a generic probing question, used when a question has none for it."""
    basics: dict[str, Text] = {}
    """Stage id -> a clause of the question that re-anchors a model-first answer on the
    objective, the success metric and the limits ("how you would measure success")."""
    asks: dict[str, Text] = {}
    """Generic asks: ``depth`` (why a choice the candidate described), ``push`` (an
    answer that kept its design through a requirement change), ``push_told`` (the same
    for a story or an explanation) and ``push_retell`` (a change that asks for the whole
    answer again, shorter)."""
    depth_asks: dict[str, Text] = {}
    """Stage id -> the depth ask for a stage whose sentence states no choice (a limit, a
    measure), where "what makes that the right call" would not fit; ``asks.depth``
    otherwise."""

    depth_answered_by: dict[str, list[str]] = {}
    """Stage id -> words an answer to its depth ask would use: where one sentence (or two
    in a row) of the candidate's holds two of them, the ask is answered and not asked."""
    stage_answered_by: dict[str, list[str]] = {}
    """Stage id -> words, any one of which in a sentence of the candidate's answers its
    generic question ("three parts" answers "what are the parts of your explanation?"):
    a stage said only in passing is then not asked about in those words."""
    stage_questions_told: dict[str, Text] = {}
    """Stage id -> the generic question once the answer has been landed (its summary
    said: "So in short: …"), where the usual one presumes it is still going ("Before you
    go on: what are the parts…?")."""
    stage_questions_untrained: dict[str, Text] = {}
    """Stage id -> the generic question for a design that trains nothing (an LLM prompted
    over the reviews), where the usual one presumes training ("Where do the training
    labels come from…?")."""
    rivals: dict[str, list[str]] = {}
    """The option a challenge weighs a named model against, with its article ("logistic
    regression", "a gradient boosted tree") -> the model names (as the rubric lists them,
    in lower case) it is the obvious alternative to: "Why a gradient boosted tree rather
    than logistic regression?" says what it would weigh, where "rather than the obvious
    alternative" left the candidate asking which one."""

    def rival_of(self, named: str) -> str | None:
        """The option :attr:`rivals` weighs ``named`` against (None: none listed)."""
        low = " ".join(named.lower().replace("-", " ").split())
        low = re.sub(r"^(?:an?|the) ", "", low)
        for rival, names in self.rivals.items():
            if low in (" ".join(n.replace("-", " ").split()) for n in names):
                return rival
        return None

    @model_validator(mode="after")
    def _declared(self) -> Phrasings:
        texts = {f"moves.{k}.{i}": t for k, v in self.moves.items() for i, t in enumerate(v)}
        texts |= {f"stage_questions.{k}": v for k, v in self.stage_questions.items()}
        texts |= {f"basics.{k}": v for k, v in self.basics.items()}
        texts |= {f"asks.{k}": v for k, v in self.asks.items()}
        texts |= {f"depth_asks.{k}": v for k, v in self.depth_asks.items()}
        texts |= {f"stage_questions_told.{k}": v for k, v in self.stage_questions_told.items()}
        texts |= {
            f"stage_questions_untrained.{k}": v for k, v in self.stage_questions_untrained.items()
        }
        _check(texts, self.variables)
        seen: dict[str, str] = {}
        for rival, names in self.rivals.items():
            for name in names:
                if name in seen:
                    raise ValueError(f"rivals: {name!r} is listed for {seen[name]!r} and {rival!r}")
                seen[name] = rival
        return self


class ChatPrompt(BaseModel):
    """System and user prompts for an LLM, plus the message sent after an invalid reply."""

    model_config = _CONFIG

    id: Slug
    """File id."""
    description: Text
    """What the prompt is for."""
    variables: list[str]
    """Every placeholder the prompts may use."""
    system: Text
    """Fixed system prompt (kept identical across turns so local runtimes can cache it)."""
    user: Text
    """The per-turn request."""
    retry: Text
    """Sent after a reply that failed validation; may use ``$error``."""

    @model_validator(mode="after")
    def _declared(self) -> ChatPrompt:
        _check({"system": self.system, "user": self.user, "retry": self.retry}, self.variables)
        return self


def _source(name: str) -> Source:
    entry = files("prompts") / "templates" / f"{name}.toml"
    return Source(stem=name, path=f"prompts/templates/{name}.toml", file=entry)


def load_phrasings(name: str = "interviewer") -> Phrasings:
    return read_model(_source(name), Phrasings, TemplateError)


def load_chat_prompt(name: str) -> ChatPrompt:
    return read_model(_source(name), ChatPrompt, TemplateError)
