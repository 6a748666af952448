"""Exports are new files: written whole beside their name, readable by the user only,
never over a file that is already there."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from assistant.practice import export_file
from assistant.practice.export_file import ExportError, write_new


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_export_is_private_and_leaves_nothing_else_behind(tmp_path):
    folder = tmp_path / "exports"
    path = write_new(folder, "20261103-200000-ab12", ".md", "# Session\n")
    assert path == folder / "20261103-200000-ab12.md"
    assert path.read_text() == "# Session\n" and mode(path) == 0o600
    assert mode(folder) == 0o700
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_an_existing_file_is_kept_and_the_next_free_name_is_used(tmp_path):
    (tmp_path / "report.md").write_text("mine")
    (tmp_path / "report-2.md").write_text("mine too")
    path = write_new(tmp_path, "report", ".md", "new")
    assert path.name == "report-3.md" and path.read_text() == "new"
    assert (tmp_path / "report.md").read_text() == "mine"
    assert (tmp_path / "report-2.md").read_text() == "mine too"


def test_a_symlink_at_the_name_is_neither_followed_nor_replaced(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    (tmp_path / "report.md").symlink_to(target)
    (tmp_path / "dangling.md").symlink_to(tmp_path / "missing")
    assert write_new(tmp_path, "report", ".md", "new").name == "report-2.md"
    assert write_new(tmp_path, "dangling", ".md", "new").name == "dangling-2.md"
    assert target.read_text() == "keep" and not (tmp_path / "missing").exists()


def test_a_name_taken_between_looking_and_writing_is_skipped(tmp_path, monkeypatch):
    real_link = os.link

    def racing_link(src, dst):
        if dst.name == "report.md":
            dst.write_text("someone else's")  # appears just before our link
        return real_link(src, dst)

    monkeypatch.setattr(export_file.os, "link", racing_link)
    path = write_new(tmp_path, "report", ".md", "ours")
    assert path.name == "report-2.md" and path.read_text() == "ours"
    assert (tmp_path / "report.md").read_text() == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-2.md", "report.md"]


def test_without_hard_links_the_name_is_reserved_first(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(export_file.os, "link", no_links)
    (tmp_path / "report.md").write_text("mine")
    path = write_new(tmp_path, "report", ".md", "ours")
    assert path.name == "report-2.md" and path.read_text() == "ours" and mode(path) == 0o600
    assert (tmp_path / "report.md").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-2.md", "report.md"]


def test_a_folder_that_cannot_be_made_is_one_clear_error(tmp_path):
    blocker = tmp_path / "exports"
    blocker.write_text("a file where the folder should be")
    why = "exports: cannot export there, it is a file, not a folder"
    with pytest.raises(ExportError, match=why):
        write_new(blocker, "report", ".md", "x")
    assert blocker.read_text() == "a file where the folder should be"


def test_a_failed_write_leaves_no_part_file(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_file.os, "fsync", full)
    with pytest.raises(ExportError, match="(?i)no space left"):
        write_new(tmp_path, "report", ".md", "x")
    assert list(tmp_path.iterdir()) == []
