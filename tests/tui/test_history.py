"""The History screen, driven as a user drives it: plots of their numbers over dates
against their baseline, the sessions list, opening a saved report, rescoring an
interrupted session, and back home. A real store in tmp_path, the real app, each journey
at 80x24 and 120x40."""

from __future__ import annotations

import pytest
from textual.notifications import Notify
from textual.widgets import DataTable, Static
from textual.widgets._toast import Toast

from assistant.tui.app import ThinkaloudApp
from assistant.tui.screens.history import NONE_YET, HistoryScreen, TrendPlot
from assistant.tui.screens.report import ReportScreen
from sessions.store import Store
from tests.support.app import screen_name, until
from tests.support.history import add_finished, add_interrupted, history_deps
from tests.support.reports import shown

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def text_of(widget: Static) -> str:
    return str(widget.render())


def plot_text(plot: TrendPlot) -> str:
    return plot.render().plain


async def open_history(pilot, app) -> HistoryScreen:
    await until(pilot, lambda: screen_name(app) == "HomeScreen")
    await pilot.press("h")
    await until(pilot, lambda: screen_name(app) == "HistoryScreen")
    await pilot.pause(0.2)
    return app.screen


def shows(cell: str, title: str) -> bool:
    """The cell is the title, or its beginning cut with an ellipsis on a narrow screen."""
    return cell == title or (cell.endswith("…") and len(cell) > 10 and title.startswith(cell[:-1]))


def baseline_rows(drawn: str) -> int:
    """Rows of a plot crossed by the horizontal baseline (├───┤, not the frame)."""
    rows = [line.lstrip(" 0123456789.") for line in drawn.splitlines()]
    return sum(1 for r in rows if r.startswith("├") and r.rstrip().endswith("┤"))


def shown_actions(screen) -> set[str]:
    """The actions the footer offers now."""
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


def table_rows(screen) -> list[list[str]]:
    table = screen.query_one("#sessions", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def six_sessions(store: Store) -> list[str]:
    """Six evenings of practice, oldest first: faster, fewer fillers, better structure."""
    return [
        add_finished(
            store,
            f"2026-11-{day:02d}T20:00:00",
            wpm=120 + 10 * day,
            fillers=4.0 - 0.5 * day,
            long_pauses=day % 3,
            structure=50 + 5 * day,
        )
        for day in range(1, 7)
    ]


async def back_home(pilot, app) -> None:
    await pilot.press("escape")
    await until(pilot, lambda: screen_name(app) == "HomeScreen")


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_history_says_so_without_empty_plots(tmp_path, size):
    app = ThinkaloudApp(history_deps(Store.open(tmp_path / "data")))
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot, app)
        assert text_of(screen.query_one("#summary", Static)) == NONE_YET
        assert not screen.query(TrendPlot)
        assert not screen.query_one("#sessions", DataTable).display
        assert "rescore" not in shown_actions(screen)
        await back_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
async def test_without_saving_history_says_so(tmp_path, size):
    deps = history_deps(Store.open(tmp_path / "data"))
    deps.store = None
    app = ThinkaloudApp(deps)
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot, app)
        assert "not being saved" in text_of(screen.query_one("#summary", Static))
        assert not screen.query(TrendPlot) and not screen.query(DataTable)
        await back_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_history_shows_every_column_whole(tmp_path, size):
    """Played outside the repo: with eleven sessions at 80x24 the list's scrollbar took
    the last two columns of the screen and the structure header read "struc"."""
    store = Store.open(tmp_path / "data")
    for day in range(1, 15):
        add_finished(store, f"2026-11-{day:02d}T20:00:00", structure=50 + day)
    store.close()
    store, _ = add_interrupted(tmp_path / "data")  # the widest status, "interrupted"
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.max_scroll_y > 0)  # it scrolls: the bar is shown
        assert table.max_scroll_x == 0, (table.virtual_size, table.size)


@pytest.mark.parametrize("size", SIZES)
async def test_one_session_is_one_point_and_no_trend_yet(tmp_path, size):
    store = Store.open(tmp_path / "data")
    add_finished(store, "2026-11-03T20:15:00", wpm=142, fillers=2.5, long_pauses=2, structure=70)
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot, app)
        assert "a trend needs more sessions" in text_of(screen.query_one("#trends-note", Static))
        plots = list(screen.query(TrendPlot))
        assert len(plots) == 4
        for plot in plots:
            assert "11-03" in plot_text(plot)
            assert plot.series.values == [plot.series.latest]
        titles = [text_of(t) for t in screen.query(".plot-title")]
        assert titles[0].startswith("Words per minute: 142 (one session")
        assert "lower is better" in titles[1]
        ((date, title, *rest),) = table_rows(screen)
        assert date == "11-03 20:15" and shows(title, "Card fraud detection")
        header = [str(c.label) for c in screen.query_one("#sessions").columns.values()]
        assert header[0] == "when" and header[-1] == "struct"  # "structur" at 80 columns
        assert rest == ["complete", "142", "2.5", "2", "70"]
        await back_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
async def test_several_sessions_plot_dates_and_the_baseline(tmp_path, size):
    store = Store.open(tmp_path / "data")
    six_sessions(store)
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot, app)
        note = text_of(screen.query_one("#trends-note", Static))
        assert "6 finished sessions" in note and "median of the 5 sessions before" in note
        plots = {p.series.column: p for p in screen.query(TrendPlot)}
        assert set(plots) == {"wpm", "fillers_per_min", "long_pauses_per_min", "structure_score"}
        wpm = plots["wpm"]
        assert wpm.series.values == [130, 140, 150, 160, 170, 180]
        assert wpm.series.baseline == 150  # median of the five before the latest
        drawn = plot_text(wpm)
        assert "11-01" in drawn and "11-06" in drawn
        assert baseline_rows(drawn) == 1
        assert "0┤" in drawn  # the axis starts at 0, not at the lowest session
        assert "100┤" in plot_text(plots["structure_score"])
        titles = [text_of(t) for t in screen.query(".plot-title")]
        assert titles[0] == (
            "Words per minute: latest 180 vs baseline 150 (worse)\naim for 110–170"
        )
        assert titles[1] == (
            "Fillers per minute: latest 1.0 vs baseline 2.5 (better)\nlower is better"
        )
        assert titles[3].endswith("higher is better")
        first, second = (p.region for p in list(screen.query(TrendPlot))[:2])
        if size[0] >= 100:
            assert first.y == second.y and first.x < second.x  # two plots a row
        else:
            assert second.y > first.y  # one plot a row
        rows = table_rows(screen)
        assert [r[0] for r in rows] == [f"11-{d:02d} 20:00" for d in range(6, 0, -1)]
        assert all(shows(r[1], "Card fraud detection") for r in rows)
        await back_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
async def test_titles_come_from_the_bank_and_are_never_markup(tmp_path, size):
    store = Store.open(tmp_path / "data")
    add_finished(store, "2026-11-01T20:00:00", title=None)
    add_finished(store, "2026-11-02T20:00:00", title="[b]Mine[/b] [link=x]")
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size) as pilot:
        screen = await open_history(pilot, app)
        titles = [r[1] for r in table_rows(screen)]
        assert shows(titles[1], "Card fraud at checkout")  # the bank's, for fraud-detection
        assert shows(titles[0], "[b]Mine[/b] [link=x]")


@pytest.mark.parametrize("size", SIZES)
async def test_enter_opens_the_saved_report_of_that_session(tmp_path, size):
    store = Store.open(tmp_path / "data")
    ids = six_sessions(store)
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size) as pilot:
        await open_history(pilot, app)
        await pilot.press("down", "enter")  # the second newest: the 5th of November
        await until(pilot, lambda: screen_name(app) == "ReportScreen")
        await pilot.pause(0.3)  # let the report screen finish mounting
        report_screen = app.screen
        assert isinstance(report_screen, ReportScreen)
        assert report_screen.session_id == ids[4]
        assert report_screen.report.pacing.words_per_minute == 170
        assert ids[4] in text_of(report_screen.query_one("#heading", Static))
        # opened from History, Escape goes back there, and the report says so
        await until(
            pilot,
            lambda: "esc back to history" in text_of(report_screen.query_one("#next", Static)),
        )
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "HistoryScreen")


@pytest.mark.parametrize("size", SIZES)
async def test_a_report_that_cannot_be_read_is_an_error_not_a_crash(tmp_path, size):
    store = Store.open(tmp_path / "data")
    sid = add_finished(store, "2026-11-01T20:00:00")
    store.db.execute("UPDATE sessions SET report_json=? WHERE id=?", ('{"pacing": 1}', sid))
    messages = []
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        await open_history(pilot, app)
        await pilot.press("enter")
        notes = lambda: [m.notification for m in messages if isinstance(m, Notify)]  # noqa: E731
        await until(
            pilot,
            lambda: any(
                f"Cannot open {sid}" in n.message and n.severity == "error" for n in notes()
            ),
            15,
        )
        assert screen_name(app) == "HistoryScreen"


@pytest.mark.parametrize("size", SIZES)
async def test_a_session_still_recording_is_not_opened(tmp_path, size):
    store = Store.open(tmp_path / "data")
    store.new_session(
        question_id="fraud-detection",
        question_title="Card fraud detection",
        rubric="ml-system-design",
        interviewer="offline",
    )  # this process is alive: the session stays 'recording'
    messages = []
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        screen = await open_history(pilot, app)
        assert table_rows(screen)[0][2] == "in progress"
        assert "no report yet" in text_of(screen.query_one("#status", Static))
        await pilot.press("enter")
        notes = lambda: [m.notification.message for m in messages if isinstance(m, Notify)]  # noqa: E731
        await until(pilot, lambda: any("still being recorded" in n for n in notes()), 15)
        assert screen_name(app) == "HistoryScreen"
        await back_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_failed_rescore_is_reported_and_the_screen_stays(tmp_path, size):
    store, sid = add_interrupted(tmp_path / "data")
    for answer in store.answers(sid):
        answer.audio_path.unlink()
    messages = []
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        screen = await open_history(pilot, app)
        assert table_rows(screen)[0][2] == "interrupted"
        await pilot.press("r")
        await until(pilot, lambda: screen.rescoring is None and "Could not" in status(screen))
        assert "kept no answer" in status(screen)
        notes = [m.notification for m in messages if isinstance(m, Notify)]
        assert any("kept no answer" in n.message and n.severity == "error" for n in notes)
        assert screen_name(app) == "HistoryScreen"
        assert store.session(sid)[0].status == "interrupted"
        await back_home(pilot, app)


def status(screen) -> str:
    return text_of(screen.query_one("#status", Static))


@pytest.mark.model
@pytest.mark.parametrize("size", SIZES)
async def test_an_interrupted_session_is_rescored_from_the_app(tmp_path, size, transcriber):
    store, sid = add_interrupted(tmp_path / "data")
    assert store.session(sid)[0].status == "interrupted"
    add_finished(store, "2020-01-01T20:00:00")  # older: the interrupted one stays on top
    messages = []
    app = ThinkaloudApp(history_deps(store, transcriber))
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        history = await open_history(pilot, app)
        assert table_rows(history)[0][2] == "interrupted"
        assert "press r" in status(history)
        assert "rescore" in shown_actions(history)
        await pilot.press("enter")  # offers, does not start
        notes = lambda: [m.notification.message for m in messages if isinstance(m, Notify)]  # noqa: E731
        await until(pilot, lambda: any("Press r" in n for n in notes()), 15)
        assert history.rescoring is None and screen_name(app) == "HistoryScreen"
        await pilot.press("r")
        assert history.rescoring == sid and history.has_class("-working")
        assert "from the answers it kept" in status(history)
        await until(pilot, lambda: screen_name(app) == "ReportScreen")
        await pilot.pause(0.3)  # let the report screen finish mounting
        report_screen = app.screen
        assert report_screen.session_id == sid
        report = report_screen.report
        assert report.speech_detected and report.transcript.text.lower().startswith("okay")
        assert "interrupted" in report.interview.notices[0]
        row, saved = store.session(sid)
        assert row.status == "recovered" and saved is not None
        assert not history.has_class("-working")
        assert table_rows(history)[0][2] == "recovered"
        assert len(list(history.query(TrendPlot))) == 4  # two finished sessions now


async def test_the_baseline_heading_counts_the_sessions_a_baseline_is_made_of(tmp_path):
    """Under tmux: "Trends over 5 finished sessions: … baseline (median of the 4 sessions
    before the latest)" when the pace baseline came from 1 session and structure's from
    2 (two of the five were recovered fragments with no numbers)."""
    store = Store.open(tmp_path / "data")
    for day in range(1, 6):
        sid = add_finished(store, f"2026-11-0{day}T20:00:00")
        if day <= 2:
            store.db.execute(
                "UPDATE sessions SET wpm=NULL, fillers_per_min=NULL, long_pauses=NULL, "
                "structure_score=NULL WHERE id=?",
                (sid,),
            )
        elif day == 3:
            store.db.execute("UPDATE sessions SET wpm=NULL WHERE id=?", (sid,))
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, app)
        note = text_of(screen.query_one("#trends-note", Static))
    assert "5 finished sessions" in note and "the 4 sessions" not in note, note
    assert "up to 2 sessions before the latest, fewer where fewer measured" in note, note


async def test_each_rubric_keeps_its_structure_plot_and_no_baseline_is_said_so(tmp_path):
    """After one story, History showed only "Structure score, Behavioural story (STAR):
    65 (one session: no trend yet)": the designs' plot was gone. And after two sessions,
    the first with none of the numbers, the note promised a baseline no plot had."""
    store = Store.open(tmp_path / "data")
    first = add_finished(store, "2026-11-01T20:00:00")
    store.db.execute(
        "UPDATE sessions SET wpm=NULL, fillers_per_min=NULL, long_pauses=NULL, "
        "structure_score=NULL WHERE id=?",
        (first,),
    )
    add_finished(store, "2026-11-02T20:00:00", structure=60)
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, app)
        note = text_of(screen.query_one("#trends-note", Static))
        assert "no baseline yet" in note and "median" not in note, note
        await back_home(pilot, app)
    add_finished(store, "2026-11-03T20:00:00", structure=80)
    add_finished(
        store,
        "2026-11-04T20:00:00",
        structure=65,
        question_id="behavioural-conflict",
        rubric="behavioral-star",
    )
    app = ThinkaloudApp(history_deps(store))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, app)
        titles = [text_of(t) for t in screen.query(".plot-title")]
        story = [t for t in titles if t.startswith("Structure score, Behavioural story")]
        design = [t for t in titles if t.startswith("Structure score, ML system design")]
        assert story and design, titles
        assert "latest 80 vs baseline 60" in design[0]
        await back_home(pilot, app)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("blocked", ["a file", "a link to nowhere"])
async def test_an_export_that_cannot_be_written_says_where_and_why(tmp_path, size, blocked):
    """x on a report opened from History, with a file where the exports folder should
    be, said "…/exports: cannot write there (File exists)", and with a link to a folder
    that is gone the same: one line now names the folder and what is wrong with it, shown
    whole; what is there is left as it was and nothing is exported."""
    store = Store.open(tmp_path / "data")
    add_finished(store, "2026-11-01T20:00:00")
    exports = store.data_dir / "exports"
    if blocked == "a file":
        exports.write_text("mine")
        why = "it is a file, not a folder"
    else:
        exports.symlink_to(tmp_path / "gone")
        why = f"it is a link to {tmp_path / 'gone'}, which is not there"
    app = ThinkaloudApp(history_deps(store))
    messages = []
    async with app.run_test(size=size, message_hook=messages.append, notifications=True) as pilot:
        await open_history(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ReportScreen")
        await pilot.pause(0.3)
        await pilot.press("x")
        await until(pilot, lambda: any(isinstance(m, Notify) for m in messages), 10)
        (said,) = [str(m.notification.message) for m in messages if isinstance(m, Notify)]
        assert said == f"{exports}: cannot export there, {why}"
        await until(pilot, lambda: len(app.screen.query(Toast)) == 1, 5)
        toast = app.screen.query_one(Toast)
        assert app.screen.region.contains_region(toast.region)  # whole, not cut
        drawn = "".join(shown(toast).replace("▌", "").split())  # the toast wraps anywhere
        assert "".join(said.split()) in drawn
    assert (exports.read_text() == "mine") if blocked == "a file" else exports.is_symlink()
    assert not (tmp_path / "gone").exists()
