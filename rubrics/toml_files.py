"""Reading validated TOML data files: shipped ones inside a package, user ones in extra dirs.

Shared by :mod:`rubrics` and :mod:`prompts`. Every failure becomes the caller's error class
with a one-line message that starts with the file path and, where there is one, the key path.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, StringConstraints, ValidationError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A lowercase id made of letters, digits and single hyphens, e.g. ``ml-system-design``."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty prose."""


def _lower_phrase(value: str) -> str:
    if value != value.strip() or not value:
        raise ValueError("must be non-empty with no leading or trailing spaces")
    if value != value.lower():
        raise ValueError(f"must be lowercase: {value!r}")
    if "  " in value:
        raise ValueError(f"must use single spaces: {value!r}")
    return value


Phrase = Annotated[str, AfterValidator(_lower_phrase)]
"""A lowercase word or short phrase matched against a lowercased transcript."""

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Source:
    """One data file, shipped or the user's; ``path`` is what error messages show."""

    stem: str
    path: str
    file: Traversable

    def read_text(self) -> str:
        return self.file.read_text(encoding="utf-8-sig")  # a byte-order mark is no text


def one_line(text: str) -> str:
    """Collapse any run of whitespace (newlines included) into one space."""
    return re.sub(r"\s+", " ", text).strip()


def _toml_files(folder: Traversable) -> Iterable[Traversable]:
    return (f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file())


def find_sources(
    shipped: Traversable, extra_dirs: Sequence[Path | str], error: type[Exception]
) -> dict[str, Source]:
    """Map file stem to source: shipped files first, then each extra dir in order, later
    ones replacing earlier ones with the same stem. Missing extra dirs are skipped."""
    found: dict[str, Source] = {}
    folders: list[Traversable] = [shipped]
    for d in extra_dirs:
        path = Path(d).expanduser()
        if not path.exists():
            continue
        if not path.is_dir():
            raise error(f"{path}: not a directory")
        folders.append(path)
    for folder in folders:
        for f in sorted(_toml_files(folder), key=lambda t: t.name):
            stem = f.name.removesuffix(".toml")
            found[stem] = Source(stem=stem, path=str(f), file=f)
    return dict(sorted(found.items()))


def _key_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def read_model(source: Source, model: type[ModelT], error: type[Exception]) -> ModelT:
    """Parse ``source`` as TOML into ``model``; its ``id`` must equal the file stem."""
    try:
        data: dict[str, Any] = tomllib.loads(source.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{source.path}: not valid TOML: {one_line(str(exc))}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{source.path}: cannot be read: {one_line(str(exc))}") from exc
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        # every problem, in one line: a file fixed one problem a run, "(and 2 more
        # problems)" never named, took as many runs as it had problems
        problems = [
            f"{_key_path(e['loc']) or '(top level)'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        ]
        raise error(one_line(f"{source.path}: {'; '.join(problems)}")) from exc
    file_id = getattr(value, "id", None)
    if file_id != source.stem:
        raise error(f"{source.path}: id: {file_id!r} must match the file name ({source.stem!r})")
    return value


def fail(error: type[Exception], source: Source, key: str, msg: str) -> Exception:
    """Build a one-line ``error`` for a problem found after the model validated."""
    return error(one_line(f"{source.path}: {key}: {msg}"))


def unknown(error: type[Exception], kind: str, name: str, known: Iterable[str]) -> Exception:
    return error(f"unknown {kind} {name!r} (known: {', '.join(known) or 'none'})")


def check_unique(values: Sequence[str], what: str) -> None:
    """Raise ``ValueError`` naming the first repeated value."""
    seen: dict[str, int] = {}
    for i, v in enumerate(values):
        if v in seen:
            raise ValueError(f"duplicate {what} {v!r} (items {seen[v]} and {i})")
        seen[v] = i
