"""Practice sessions in SQLite, with each answer's audio in a file beside the database.

* WAL, foreign keys, ``user_version`` migrations, an ``application_id`` stamp: a file
  that is not ours (or is damaged) is reported and never overwritten.
* Files are created readable by the user only. Nothing secret is stored.
* A session being recorded carries the recording process's pid; on the next open for
  writing, a session whose process is gone is marked ``interrupted`` and its audio
  repaired. Reading commands open the database read-only and write nothing: such a
  session is shown as interrupted, and left for the next writer to repair.
* Ids and file names read from the database are checked before use: a session id must
  look like one thinkaloud writes, and every file must resolve inside ``audio/``.
* A full disk is reported as a full disk, never as a damaged database.
"""

from __future__ import annotations

import errno
import json
import os
import re
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

from sessions.headline import HEADLINE_KEYS, fragment, headline
from sessions.wav_sink import repair_wav

APPLICATION_ID = 0x54484B41  # "THKA"
DB_NAME = "thinkaloud.sqlite3"
STATUSES = ("recording", "complete", "interrupted", "recovered")
"""A session's states; an answer's are these and ``recorded`` (its recording ended
whole, not yet judged: an app quit while it was judged did not cut it off)."""


class StoreError(Exception):
    """The session store cannot be used; the message says why and what was left alone."""

    exit_code = 10


SESSION_ID = re.compile(r"\d{8}-\d{6}-[0-9a-f]{4}")
"""What :meth:`Store.new_session` writes: local date and time, and 4 random hex digits."""
_ID_PREFIX = re.compile(r"\d{1,8}(?:-(?:\d{1,6}(?:-[0-9a-f]{0,4})?)?)?")


UNASKED_NAME = "typed-after-last-answer.txt"
"""Words typed while the last answer was read, for a question that then never came."""


def is_session_id(text: str) -> bool:
    return SESSION_ID.fullmatch(text) is not None


LOW_SPACE_BYTES = 1 << 20
"""Below this much free space, SQLite's "disk I/O error" (it could not grow its
shared-memory index) means the disk is full."""


def full_disk(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether ``exc`` says the disk (or the user's quota) is full; with ``folder``, an
    I/O error on a device with (almost) no space left counts too."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
            return True
        io_error = code == sqlite3.SQLITE_IOERR or "disk I/O error" in str(exc)
        return io_error and folder is not None and _free_bytes(folder) < LOW_SPACE_BYTES
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _free_bytes(folder: Path) -> int:
    try:
        st = os.statvfs(folder)
    except OSError:
        return LOW_SPACE_BYTES  # cannot tell: do not blame the disk
    return st.f_bavail * st.f_frsize


def no_space(folder: Path) -> str:
    return f"no space left on the device holding {folder}"


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
    rubric: str | None = None
    """The rubric the structure was scored on (a design, a story, an explanation)."""


@dataclass(frozen=True)
class AnswerRow:
    id: int
    idx: int
    audio_path: Path
    duration_s: float | None
    status: str
    move: dict[str, Any] | None
    report: dict[str, Any] | None

    @property
    def skipped(self) -> bool:
        """The move was left unanswered: the row keeps the question, and no file."""
        return bool(self.move and self.move.get("skipped"))


def default_data_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("THINKALOUD_DATA_DIR"):
        return Path(env["THINKALOUD_DATA_DIR"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("thinkaloud"))


def _private(folder: Path) -> None:
    """Readable by the user only, even when the folder was there before (0755)."""
    try:
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError:
        pass  # not ours to change (another owner, a read-only mount): left as it is


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link followed, is ``folder`` or lies inside it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def _connect_read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?{flags}",
        uri=True,
        timeout=10,
        isolation_level=None,
        check_same_thread=False,
    )


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
    def __init__(self, data_dir: Path, db: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.data_dir = data_dir
        self.audio_dir = data_dir / "audio"
        self.db = db
        self.read_only = read_only
        self.lock = threading.RLock()

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path, *, recover: bool = True, read_only: bool = False) -> Store:
        """Open (or create) the store in ``data_dir``; migrate; find interrupted sessions.

        ``read_only`` (history, show, export, trends): the database is opened read-only
        and nothing is written, so these work on a full disk; a store that does not
        exist yet, or needs migrating, is opened for writing once."""
        data_dir = data_dir.expanduser()
        path = data_dir / DB_NAME
        if read_only and path.is_file() and path.stat().st_size > 0:
            store = cls._open_read_only(data_dir)
            if store is not None:
                return store
        try:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            if full_disk(exc):
                raise StoreError(f"{no_space(data_dir.parent)}: cannot create {data_dir}") from exc
            raise StoreError(
                f"{data_dir}: cannot create the session folder ({exc.strerror})"
            ) from exc
        _private(data_dir)
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
            if full_disk(exc, data_dir):
                raise StoreError(
                    f"{no_space(data_dir)}; the session database was left as it was. "
                    "Free some space and run the command again."
                ) from exc
            raise StoreError(
                f"{path}: not a readable thinkaloud database ({exc}); it was left "
                "untouched. Move it aside to start a new one."
            ) from exc
        except StoreError:
            db.close()
            raise
        try:
            store.audio_dir.mkdir(exist_ok=True, mode=0o700)
        except OSError as exc:
            db.close()
            reason = no_space(data_dir) if full_disk(exc) else exc.strerror
            raise StoreError(
                f"{store.audio_dir}: cannot create the audio folder ({reason})"
            ) from exc
        _private(store.audio_dir)
        for extra in (path, path.with_name(DB_NAME + "-wal"), path.with_name(DB_NAME + "-shm")):
            if extra.exists():
                extra.chmod(0o600)  # the WAL files are created later, under the user's umask
        if recover:
            store.recover()
        return store

    @classmethod
    def _open_read_only(cls, data_dir: Path) -> Store | None:
        """The store, opened read-only (None: it must be opened for writing first, to
        migrate it or to stamp it as ours)."""
        path = data_dir / DB_NAME
        _private(data_dir)
        if not os.access(path, os.R_OK):
            raise StoreError(f"{path}: cannot be read (permissions)")
        try:
            db = _connect_read_only(path, immutable=False)
            try:
                db.execute("PRAGMA application_id").fetchone()
            except sqlite3.OperationalError:
                # WAL readers need a shared-memory file beside the database, which a full
                # disk (or a read-only folder) refuses. With no journal waiting to be read,
                # the database file alone is the whole truth: read it as it is.
                db.close()
                wal = path.with_name(DB_NAME + "-wal")
                if wal.exists() and wal.stat().st_size > 0:
                    raise
                db = _connect_read_only(path, immutable=True)
        except sqlite3.Error as exc:
            if full_disk(exc, data_dir):
                raise StoreError(
                    f"{no_space(data_dir)}: the sessions being written cannot be read "
                    "without room for SQLite's index; nothing was changed"
                ) from exc
            raise StoreError(
                f"{path}: not a readable thinkaloud database ({exc}); it was left "
                "untouched. Move it aside to start a new one."
            ) from exc
        store = cls(data_dir, db, read_only=True)
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                db.close()
                return None  # not stamped yet (or not ours): the writable open decides
            store._check(path, fresh=False)
            db.execute("PRAGMA query_only=ON")
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                db.close()
                return None
        except sqlite3.DatabaseError as exc:
            db.close()
            if full_disk(exc, data_dir):
                raise StoreError(
                    f"{no_space(data_dir)}; the session database was left as it was"
                ) from exc
            raise StoreError(
                f"{path}: not a readable thinkaloud database ({exc}); it was left "
                "untouched. Move it aside to start a new one."
            ) from exc
        except StoreError:
            db.close()
            raise
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
        """All or nothing; a full disk or a folder gone read-only is a :class:`StoreError`
        saying so (nothing of the transaction was kept)."""
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                try:
                    yield self.db
                except BaseException:
                    if self.db.in_transaction:
                        self.db.execute("ROLLBACK")
                    raise
                else:
                    self.db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    try:
                        self.db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                if full_disk(exc, self.data_dir):
                    raise StoreError(
                        f"{no_space(self.data_dir)}: the change was not saved (what was "
                        "saved before is intact); free some space and try again"
                    ) from exc
                if getattr(exc, "sqlite_errorcode", None) in (
                    sqlite3.SQLITE_READONLY,
                    sqlite3.SQLITE_IOERR,
                ) or "readonly" in str(exc):
                    raise StoreError(
                        f"{self.data_dir}: the session store cannot be written ({exc})"
                    ) from exc
                raise

    def close(self) -> None:
        self.db.close()

    def own_files(self) -> list[Path]:
        """What nothing else may ever write: the database and its journals, the
        recordings, the crash logs."""
        db = self.data_dir / DB_NAME
        journals = [db.with_name(DB_NAME + x) for x in ("-wal", "-shm", "-journal")]
        return [db, *journals, self.audio_dir, self.data_dir / "logs"]

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

    def finish_answer(
        self, answer_id: int, duration_s: float, report: dict[str, Any], status: str = "complete"
    ) -> None:
        """``status``: "interrupted" keeps an answer cut off by the session's end known as
        such when it is judged later (``rescore``)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE answers SET duration_s=?, report_json=?, status=? WHERE id=?",
                (duration_s, json.dumps(report), status, answer_id),
            )

    def answer_recorded(self, answer_id: int) -> None:
        """Answer ``answer_id``'s recording ended whole (stopped by the candidate, or
        its replayed file played out): the session quit while it was judged did not cut
        it off, and ``rescore`` judges it as a finished answer."""
        with self.transaction() as db:
            db.execute(
                "UPDATE answers SET status='recorded' WHERE id=? AND status='recording'",
                (answer_id,),
            )

    def finish_session(
        self, session_id: str, report: dict[str, Any], status: str = "complete"
    ) -> None:
        values = headline(report, whole=status == "complete")
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

    def session_folder(self, session_id: str) -> Path:
        """``audio/<id>``, for an id as thinkaloud writes them and a folder that stays
        inside ``audio/``; a StoreError otherwise (the database was changed by hand)."""
        folder = self.audio_dir / session_id
        if not is_session_id(session_id) or folder.is_symlink():
            raise StoreError(
                f"session id {session_id!r} is not one thinkaloud writes (the database was "
                "changed outside thinkaloud); nothing was deleted"
            )
        if not _inside(folder, self.audio_dir):
            raise StoreError(f"{folder}: outside {self.audio_dir}; nothing was deleted")
        return folder

    def delete(self, session_id: str) -> None:
        folder = self.session_folder(session_id)  # checked before anything is deleted
        with self.transaction() as db:
            db.execute("DELETE FROM sessions WHERE id=?", (session_id,))
        shutil.rmtree(folder, ignore_errors=True)

    def unasked_file(self, session_id: str) -> Path:
        """Where words typed after the last answer, for a question that never came, are
        kept: in the session's folder, beside its answers, but no answer of it (nothing
        judges them; ``show`` and ``rescore`` name them)."""
        return self.session_folder(session_id) / UNASKED_NAME

    def skipped_file(self, session_id: str, idx: int) -> Path:
        """Where what was typed for move ``idx`` before it was skipped is kept
        (``answer-02-skipped.txt``): beside the answers, like an earlier take, but never
        read as one (``show`` names it; ``rescore`` leaves the move skipped)."""
        return self.session_folder(session_id) / f"answer-{idx + 1:02d}-skipped.txt"

    def set_aside(self, session_id: str, answer: AnswerRow) -> Path | None:
        """The file of what was typed for ``answer``'s move before it was skipped, if it
        was skipped with words in the box (:meth:`skipped_file`); else None."""
        path = self.skipped_file(session_id, answer.idx)
        return path if answer.skipped and path.is_file() else None

    def answer_file(self, session_id: str, stored: str) -> Path | None:
        """The file an answer row names, if it is inside that session's audio folder
        (a name changed by hand to point elsewhere gives None: it is never read or
        written)."""
        if Path(stored).is_absolute() or not is_session_id(session_id):
            return None
        path = self.data_dir / stored
        return path if _inside(path, self.audio_dir / session_id) else None

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
                    path = self.answer_file(session_id, rel)
                    audio = path is not None and path.suffix == ".wav" and path.is_file()
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

    def resolve(self, ref: str, *, whole: bool = False) -> str:
        """A session id from a unique prefix (or ``last``); ``whole``: only the whole id
        (or ``last``) will do. An empty ref, or one that is not the start of an id, is
        refused: it must never match every session."""
        if ref != "last" and not (SESSION_ID if whole else _ID_PREFIX).fullmatch(ref):
            wanted = "the whole id" if whole else "an id, the start of one,"
            raise StoreError(
                f"no session {ref!r}: give {wanted} or 'last' (ids look like "
                "20261103-200000-ab12; see `thinkaloud history`)"
            )
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
            # a skipped move keeps its row (the question it left unanswered): not an answer
            "s.status, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id AND "
            "COALESCE(json_extract(a.move_json, '$.skipped'), 0) = 0), s.wpm, "
            "s.fillers_per_min, s.long_pauses, s.structure_score, s.duration_s, s.pid, s.rubric "
            "FROM sessions s ORDER BY s.created_at DESC, s.id DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self.lock:
            rows = self.db.execute(sql).fetchall()
        return [
            SessionRow(*row[:5], self._status(row[5], row[12]), *row[6:12], rubric=row[13])
            for row in rows
        ]

    def fragments(self) -> set[str]:
        """Ids of the sessions cut short in a first answer that used under a third of its
        budget (:func:`sessions.headline.fragment`): History shows their long pauses, as
        their reports do, and the trends leave them out."""
        with self.lock:
            rows = self.db.execute(
                "SELECT id, report_json FROM sessions "
                "WHERE status != 'complete' AND report_json IS NOT NULL"
            ).fetchall()
        found = set()
        for session_id, report_json in rows:
            try:
                report = json.loads(report_json)
            except ValueError:
                continue
            if isinstance(report, dict) and fragment(report, whole=False):
                found.add(session_id)
        return found

    def count(self) -> int:
        """How many sessions are saved."""
        with self.lock:
            return self.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]

    def _status(self, status: str, pid: int | None) -> str:
        """As stored; a session still 'recording' by a process that is gone reads as
        interrupted (a read-only store leaves the repair to the next writer)."""
        return "interrupted" if status == "recording" and not _alive(pid) else status

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
        out = []
        for r in rows:
            path = self.answer_file(session_id, r[2])
            if path is None:
                raise StoreError(
                    f"session {session_id}: answer {r[1] + 1} names the file {r[2]!r}, "
                    f"outside {self.audio_dir / session_id} (the database was changed "
                    "outside thinkaloud); it was neither read nor written"
                )
            out.append(
                AnswerRow(
                    r[0],
                    r[1],
                    path,
                    r[3],
                    r[4],
                    json.loads(r[5]) if r[5] else None,
                    json.loads(r[6]) if r[6] else None,
                )
            )
        return out
