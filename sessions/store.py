"""Practice sessions in SQLite, with each answer's audio in a file beside the database.

* WAL, foreign keys, ``user_version`` migrations, an ``application_id`` stamp: a file
  that is not ours (or is damaged) is reported and never overwritten.
* Files are created readable by the user only. Nothing secret is stored.
* A session being recorded carries the recording process's pid; on the next open, a
  session whose process is gone is marked ``interrupted`` and its audio repaired.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessions.headline import HEADLINE_KEYS, headline
from sessions.wav_sink import repair_wav

APPLICATION_ID = 0x54484B41  # "THKA"
DB_NAME = "thinkaloud.sqlite3"
STATUSES = ("recording", "complete", "interrupted", "recovered")


class StoreError(Exception):
    """The session store cannot be used; the message says why and what was left alone."""

    exit_code = 10


def _v1(db: sqlite3.Connection) -> None:
    # one statement at a time: executescript() would commit the migration's transaction
    db.execute("""
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            question_id TEXT,
            status TEXT NOT NULL,
            pid INTEGER,
            report_json TEXT
        )""")
    db.execute("""
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            audio_path TEXT NOT NULL,
            duration_s REAL,
            move_json TEXT,
            report_json TEXT,
            status TEXT NOT NULL,
            UNIQUE (session_id, idx)
        )""")


def _v2(db: sqlite3.Connection) -> None:
    """Headline numbers and labels as columns, so history needs no JSON parsing."""
    for column in (
        "question_title TEXT",
        "rubric TEXT",
        "interviewer TEXT",
        "updated_at TEXT",
        "wpm REAL",
        "fillers_per_min REAL",
        "long_pauses INTEGER",
        "structure_score INTEGER",
        "duration_s REAL",
    ):
        db.execute(f"ALTER TABLE sessions ADD COLUMN {column}")
    rows = db.execute("SELECT id, report_json FROM sessions WHERE report_json IS NOT NULL")
    for session_id, report_json in rows.fetchall():
        report = json.loads(report_json)
        values = headline(report)
        interview = report.get("interview") or {}
        db.execute(
            "UPDATE sessions SET wpm=?, fillers_per_min=?, long_pauses=?, structure_score=?, "
            "duration_s=?, question_title=?, interviewer=? WHERE id=?",
            (
                *[values[k] for k in HEADLINE_KEYS],
                interview.get("title"),
                interview.get("interviewer"),
                session_id,
            ),
        )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class SessionRow:
    id: str
    created_at: str
    question_id: str | None
    question_title: str | None
    interviewer: str | None
    status: str
    answers: int
    wpm: float | None
    fillers_per_min: float | None
    long_pauses: int | None
    structure_score: int | None
    duration_s: float | None


@dataclass(frozen=True)
class AnswerRow:
    id: int
    idx: int
    audio_path: Path
    duration_s: float | None
    status: str
    move: dict[str, Any] | None
    report: dict[str, Any] | None


def default_data_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("THINKALOUD_DATA_DIR"):
        return Path(env["THINKALOUD_DATA_DIR"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("thinkaloud"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _alive(pid: int | None) -> bool:
    """Whether the process that was recording still runs (a killed one not yet reaped by
    its parent is a zombie: it answers signals but will never write again)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust the signal check
    return stat_line.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


class Store:
    def __init__(self, data_dir: Path, db: sqlite3.Connection) -> None:
        self.data_dir = data_dir
        self.audio_dir = data_dir / "audio"
        self.db = db
        self.lock = threading.RLock()

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, *, recover: bool = True) -> Store:
        """Open (or create) the store in ``data_dir``; migrate; find interrupted sessions."""
        data_dir = data_dir.expanduser()
        try:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StoreError(
                f"{data_dir}: cannot create the session folder ({exc.strerror})"
            ) from exc
        path = data_dir / DB_NAME
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"{path}: cannot be read and written (permissions)")
        if not os.access(data_dir, os.W_OK):
            raise StoreError(f"{data_dir}: the session folder is read-only")
        fresh = not path.exists() or path.stat().st_size == 0
        old_umask = os.umask(0o077)
        try:
            # the app writes from worker threads; every use goes through self.lock
            db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the session database ({exc})") from exc
        finally:
            os.umask(old_umask)
        store = cls(data_dir, db)
        try:
            store._check(path, fresh)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            store._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(
                f"{path}: not a readable thinkaloud database ({exc}); it was left "
                "untouched. Move it aside to start a new one."
            ) from exc
        except StoreError:
            db.close()
            raise
        store.audio_dir.mkdir(exist_ok=True, mode=0o700)
        for extra in (path, path.with_name(DB_NAME + "-wal"), path.with_name(DB_NAME + "-shm")):
            if extra.exists():
                extra.chmod(0o600)  # the WAL files are created later, under the user's umask
        if recover:
            store.recover()
        return store

    def _check(self, path: Path, fresh: bool) -> None:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if fresh:
            self.db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            return
        tables = {
            r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if app_id != APPLICATION_ID and (tables or app_id):
            raise StoreError(
                f"{path}: this database does not belong to thinkaloud; it was left "
                "untouched. Point THINKALOUD_DATA_DIR at another folder."
            )
        if app_id != APPLICATION_ID:
            self.db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        status = self.db.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise StoreError(
                f"{path}: the session database is damaged ({status}); it was left "
                "untouched. Move it aside to start a new one."
            )
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: written by a newer thinkaloud (schema {version}); "
                "upgrade thinkaloud to read it"
            )

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                MIGRATIONS[number](self.db)
                self.db.execute(f"PRAGMA user_version={number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            else:
                self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # -- writing ------------------------------------------------------------------------

    def new_session(
        self,
        *,
        question_id: str | None,
        question_title: str | None,
        rubric: str | None,
        interviewer: str | None,
    ) -> str:
        session_id = datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)
        now = _now()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO sessions (id, created_at, updated_at, question_id, question_title, "
                "rubric, interviewer, status, pid) VALUES (?, ?, ?, ?, ?, ?, ?, 'recording', ?)",
                (
                    session_id,
                    now,
                    now,
                    question_id,
                    question_title,
                    rubric,
                    interviewer,
                    os.getpid(),
                ),
            )
        return session_id

    def new_answer(
        self, session_id: str, idx: int, move: dict[str, Any] | None, *, suffix: str = ".wav"
    ) -> tuple[int, Path]:
        """A new file for answer ``idx`` (``.wav`` audio, ``.txt`` for a typed answer).
        Answering the same move again (a re-recorded take, or a take with no speech in it)
        points the answer at a new file, ``answer-01-take2.wav``; earlier takes stay on
        disk in the session's folder."""
        folder = Path("audio") / session_id
        stem = f"answer-{idx + 1:02d}"
        relative = folder / f"{stem}{suffix}"
        take = 1
        while (self.data_dir / relative).exists():
            take += 1
            relative = folder / f"{stem}-take{take}{suffix}"
        move_json = json.dumps(move) if move else None
        with self.transaction() as db:
            old = db.execute(
                "SELECT id FROM answers WHERE session_id=? AND idx=?", (session_id, idx)
            ).fetchone()
            if old is None:
                cur = db.execute(
                    "INSERT INTO answers (session_id, idx, audio_path, move_json, status) "
                    "VALUES (?, ?, ?, ?, 'recording')",
                    (session_id, idx, str(relative), move_json),
                )
                answer_id = int(cur.lastrowid)
            else:
                answer_id = int(old[0])
                db.execute(
                    "UPDATE answers SET audio_path=?, move_json=?, status='recording', "
                    "duration_s=NULL, report_json=NULL WHERE id=?",
                    (str(relative), move_json, answer_id),
                )
        return answer_id, self.data_dir / relative

    def finish_answer(self, answer_id: int, duration_s: float, report: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE answers SET duration_s=?, report_json=?, status='complete' WHERE id=?",
                (duration_s, json.dumps(report), answer_id),
            )

    def finish_session(
        self, session_id: str, report: dict[str, Any], status: str = "complete"
    ) -> None:
        values = headline(report)
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET report_json=?, status=?, pid=NULL, updated_at=?, wpm=?, "
                "fillers_per_min=?, long_pauses=?, structure_score=?, duration_s=? WHERE id=?",
                (
                    json.dumps(report),
                    status,
                    _now(),
                    *[values[k] for k in HEADLINE_KEYS],
                    session_id,
                ),
            )

    def interrupt(self, session_id: str) -> None:
        """The session stopped before its report (the app was quit mid-answer): what was
        recorded is kept, and ``rescore`` can judge it."""
        with self.transaction() as db:
            db.execute(
                "UPDATE answers SET status='interrupted' WHERE session_id=? AND status='recording'",
                (session_id,),
            )
            db.execute(
                "UPDATE sessions SET status='interrupted', pid=NULL, updated_at=? WHERE id=?",
                (_now(), session_id),
            )

    def delete(self, session_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM sessions WHERE id=?", (session_id,))
        shutil.rmtree(self.audio_dir / session_id, ignore_errors=True)

    # -- crash recovery -----------------------------------------------------------------

    def recover(self) -> list[str]:
        """Sessions left 'recording' by a process that is gone: repair their audio, keep
        every answer, and mark them interrupted."""
        stale = [
            r[0]
            for r in self.db.execute("SELECT id, pid FROM sessions WHERE status='recording'")
            if not _alive(r[1])
        ]
        for session_id in stale:
            with self.transaction() as db:
                for answer_id, rel, status in db.execute(
                    "SELECT id, audio_path, status FROM answers WHERE session_id=?", (session_id,)
                ).fetchall():
                    path = self.data_dir / rel
                    audio = path.suffix == ".wav" and path.exists()
                    duration = repair_wav(path) if audio else 0.0
                    new_status = "interrupted" if status == "recording" else status
                    db.execute(
                        "UPDATE answers SET duration_s=?, status=? WHERE id=?",
                        (duration, new_status, answer_id),
                    )
                db.execute(
                    "UPDATE sessions SET status='interrupted', pid=NULL, updated_at=? WHERE id=?",
                    (_now(), session_id),
                )
        return stale

    # -- reading ------------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """A session id from a unique prefix (or ``last``)."""
        if ref == "last":
            row = self.db.execute(
                "SELECT id FROM sessions ORDER BY created_at DESC, id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                raise StoreError("there are no saved sessions yet")
            return row[0]
        rows = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\'",
                (ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            )
        ]
        if not rows:
            raise StoreError(f"no session {ref!r} (see `thinkaloud history`)")
        if len(rows) > 1:
            raise StoreError(f"{ref!r} matches {len(rows)} sessions; give more of the id")
        return rows[0]

    def sessions(self, limit: int | None = None) -> list[SessionRow]:
        sql = (
            "SELECT s.id, s.created_at, s.question_id, s.question_title, s.interviewer, "
            "s.status, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id), s.wpm, "
            "s.fillers_per_min, s.long_pauses, s.structure_score, s.duration_s "
            "FROM sessions s ORDER BY s.created_at DESC, s.id DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self.lock:
            return [SessionRow(*row) for row in self.db.execute(sql).fetchall()]

    def session(self, session_id: str) -> tuple[SessionRow, dict[str, Any] | None]:
        row = next((r for r in self.sessions() if r.id == session_id), None)
        if row is None:
            raise StoreError(f"no session {session_id!r}")
        with self.lock:
            report_json = self.db.execute(
                "SELECT report_json FROM sessions WHERE id=?", (session_id,)
            ).fetchone()[0]
        return row, json.loads(report_json) if report_json else None

    def answers(self, session_id: str) -> list[AnswerRow]:
        with self.lock:
            rows = self.db.execute(
                "SELECT id, idx, audio_path, duration_s, status, move_json, report_json "
                "FROM answers WHERE session_id=? ORDER BY idx",
                (session_id,),
            ).fetchall()
        return [
            AnswerRow(
                r[0],
                r[1],
                self.data_dir / r[2],
                r[3],
                r[4],
                json.loads(r[5]) if r[5] else None,
                json.loads(r[6]) if r[6] else None,
            )
            for r in rows
        ]
