"""History: past sessions (open one, rescore an interrupted one), and trends against the
person's own baseline."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, LoadingIndicator, Static
from textual_plotext import PlotextPlot

from assistant.practice.trends import (
    TrendSeries,
    session_time,
    tick_indices,
    trend_series,
    trends_data,
)
from assistant.report import Report
from assistant.report.format import counted
from assistant.tui.messages import Notice, Rescored, RescoreFailed
from assistant.tui.screens.report import ReportScreen
from assistant.tui.sizing import SizedToTerminal
from assistant.tui.title_bar import TitleBar
from sessions.store import SessionRow, StoreError

BASELINE_OF = 5
NONE_YET = "No finished sessions yet: answer a question and your numbers appear here."
STATUS_LABEL = {"recording": "in progress"}
FIXED_COLUMNS = 11 + 11 + 3 + 7 + 6 + 6 + 7 * 2 + 4 + 2
"""Every column but the title, padded, and the scrollbar a long history shows (without
room for it the last header read "struc" at 80 columns)."""


class TrendPlot(PlotextPlot):
    """One metric: a point per session over its date, the baseline as a line, the y axis
    from 0. Drawn afresh for the widget's size (no animation, no clock)."""

    def __init__(self, series: TrendSeries, **kwargs) -> None:
        super().__init__(**kwargs)
        self.series = series

    def render(self) -> RenderResult:
        s, plt = self.series, self.plt
        plt.clear_figure()
        x = s.x
        if len(x) > 1:
            plt.plot(x, s.values, marker="dot", color="cyan")
        plt.scatter(x, s.values, marker="●", color="cyan")
        if s.baseline is not None:
            plt.hline(s.baseline, color="orange")
        ticks = tick_indices(s.dates, max(1, (self.size.width - 8) // 7))
        plt.xticks([x[i] for i in ticks], [s.dates[i] for i in ticks])
        plt.xlim(0.5, len(x) + 0.5)
        plt.yticks(s.y_ticks, [f"{t:g}" for t in s.y_ticks])
        plt.ylim(s.y_ticks[0], s.y_ticks[-1])
        return super().render()


class HistoryScreen(SizedToTerminal, Screen):
    CSS_PATH = "history.tcss"
    HELP_TITLE = "History"
    AUTO_FOCUS = None  # focused once filled, without the animated scroll of auto focus
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("r,R", "rescore", "Rescore interrupted"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, SessionRow] = {}
        self.rescoring: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="history"):
            if self.app.deps.store is None:
                yield Static("Sessions are not being saved (--no-save).", id="summary")
            else:
                yield Static(id="summary", classes="title")
                yield DataTable(id="sessions", cursor_type="row", header_height=2)
                yield Static(id="status", classes="muted")
                yield LoadingIndicator(id="working")
                yield Static(id="trends-note", classes="section")
                yield Container(id="plots")
        yield Footer()

    async def on_mount(self) -> None:
        if not self.app.is_running:  # quit as this screen opened: its parts may be gone
            return
        if self.app.deps.store is not None:
            await self.reload()
            self.query_one("#sessions", DataTable).focus(scroll_visible=False)

    async def reload(self) -> None:
        """Read the store again: the table, the summary and the plots."""
        deps = self.app.deps
        rows = deps.store.sessions()
        self.rows = {r.id: r for r in rows}
        pace = (deps.settings.slow_wpm, deps.settings.fast_wpm)
        data = trends_data(deps.store, BASELINE_OF, pace)
        finished = data["sessions"]
        self.fill_table()
        table = self.query_one("#sessions", DataTable)
        table.display = bool(rows)
        summary = self.query_one("#summary", Static)
        if not rows:
            summary.update(NONE_YET)
        else:
            summary.update(f"{counted(len(rows), 'saved session')}, {finished} finished")
            self.hint()
        note = self.query_one("#trends-note", Static)
        note.display = bool(rows)
        if finished == 0:
            note.update(NONE_YET)
        elif finished == 1:
            note.update(
                "Trends: one finished session so far; a trend needs more sessions. "
                "● your session, ── baseline"
            )
        elif not any(m["baseline"] is not None for m in data["metrics"].values()):
            # "── baseline (median of the 1 session before…)" above no baseline at all
            note.update(
                f"Trends over {finished} finished sessions: ● each session; no baseline yet "
                "(no session before the latest measured these numbers)"
            )
        else:
            # how many sessions each baseline is the median of: those before the latest
            # that measured the number (a recovered fragment has no pace, a typed answer none)
            used = {
                min(BASELINE_OF, len(m["series"]) - 1)
                for m in data["metrics"].values()
                if m["baseline"] is not None
            }
            of = (
                f"the {counted(max(used), 'session')} before the latest"
                if len(used) == 1
                else f"up to {counted(max(used), 'session')} before the latest, fewer where "
                "fewer measured the number"
            )
            note.update(
                f"Trends over {finished} finished sessions: ● each session, "
                f"── baseline (median of {of})"
            )
        plots = self.query_one("#plots", Container)
        await plots.remove_children()
        if finished:
            series = trend_series(data, wpm_range=pace)
            await plots.mount_all(self.plot_cell(s) for s in series)

    @staticmethod
    def plot_cell(series: TrendSeries) -> Vertical:
        title = Text.assemble((series.headline, "bold"), "\n", (series.direction, "dim"))
        parts: list = [Static(title, classes="plot-title")]
        if series.values:
            parts.append(TrendPlot(series, classes="trend"))
        return Vertical(*parts, classes="plot-cell")

    def fill_table(self) -> None:
        table = self.query_one("#sessions", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        width = max(12, min(40, self.app.size.width - FIXED_COLUMNS))
        # the day and the time, as on Home: one evening's sessions on one question told
        # apart (a date alone made them look alike)
        table.add_column("when")
        table.add_column("question", width=width)
        for label in ("status", "wpm", "fillers\n/min", "long\npauses", "struct"):
            table.add_column(label)
        for r in self.rows.values():
            table.add_row(
                session_time(r.created_at).strftime("%m-%d %H:%M"),
                Text(_ellipsis(self.title_of(r), width)),
                Text(STATUS_LABEL.get(r.status, r.status)),
                _num(r.wpm, ".0f"),
                _num(r.fillers_per_min, ".1f"),
                _num(r.long_pauses, "d"),
                _num(r.structure_score, "d"),
                key=r.id,
            )
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    def title_of(self, row: SessionRow) -> str:
        if row.question_title:
            return row.question_title
        question = self.app.deps.questions.get(row.question_id or "")
        return question.title if question else (row.question_id or "—")

    def highlighted(self) -> SessionRow | None:
        tables = self.query("#sessions").results(DataTable)
        table = next(tables, None)
        if table is None or not self.rows or not table.is_valid_row_index(table.cursor_row):
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    def hint(self, text: str | None = None) -> None:
        row = self.highlighted()
        if text is None:
            if row is None:
                text = ""
            elif row.status == "interrupted":
                text = "Interrupted session: press r to score it from the answers it kept."
            elif row.status == "recording":
                text = "Still being recorded (here or in another thinkaloud): no report yet."
            else:
                text = "enter opens this session's report."
        self.query_one("#status", Static).update(Text(text))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.rescoring is None:
            self.hint()
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = self.rows.get(event.row_key.value or "")
        if row is None:
            return
        if row.status == "interrupted":
            self.hint()
            self.app.notify(
                "This session was interrupted. Press r to score it from the answers it "
                "kept (recorded or typed).",
                markup=False,
            )
            return
        if row.status == "recording":
            self.app.notify(
                "This session is still being recorded (here or in another thinkaloud "
                "window): its report appears once it ends.",
                markup=False,
            )
            return
        self.open_report(row.id)

    def open_report(self, session_id: str) -> None:
        from pydantic import ValidationError

        try:
            _, data = self.app.deps.store.session(session_id)
            if data is None:
                raise StoreError(f"session {session_id} has no saved report")
            report = Report.model_validate(data)
        except (StoreError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            self.app.notify(f"Cannot open {session_id}: {first}", severity="error", markup=False)
            return
        self.app.push_screen(ReportScreen(report, session_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rescore":
            row = self.highlighted()
            return row is not None and row.status == "interrupted" and self.rescoring is None
        return True

    def action_rescore(self) -> None:
        row = self.highlighted()
        if row is None or row.status != "interrupted" or self.rescoring is not None:
            return
        self.rescoring = row.id
        self.add_class("-working")
        self.hint(f"Scoring {row.id} from the answers it kept…")
        self.refresh_bindings()
        self.rescore(row)

    @work(thread=True, exclusive=True, group="rescore")
    def rescore(self, row: SessionRow) -> None:
        from assistant.practice.rescoring import rescore_session

        deps = self.app.deps
        deps.audio_ready.wait()  # the speech model is found in the background at start
        try:
            question = deps.questions.get(row.question_id or "")
            report = rescore_session(
                deps.store,
                row.id,
                deps.settings,
                transcriber=deps.transcriber,
                structure=deps.structure_for(question) if question else None,
                question=question,
            )
        except Exception as exc:  # a store, audio or model error: say so, keep the app
            text = str(exc) or type(exc).__name__
            if not self.post_message(RescoreFailed(row.id, text)):  # the screen was left
                said = f"Could not rescore {row.id}: {text}"  # notices are plain text
                self.app.post_message(Notice(said, "error"))
        else:
            if not self.post_message(Rescored(row.id, report)):
                self.app.post_message(Notice(f"Session {row.id} was rescored and saved."))

    async def on_rescored(self, message: Rescored) -> None:
        self.rescoring = None
        self.remove_class("-working")
        await self.reload()
        self.refresh_bindings()
        self.app.push_screen(ReportScreen(message.report, message.session_id))

    def on_rescore_failed(self, message: RescoreFailed) -> None:
        self.rescoring = None
        self.remove_class("-working")
        self.hint(f"Could not rescore: {message.text}")
        self.refresh_bindings()
        self.app.notify(
            f"Could not rescore: {message.text}",
            severity="error",
            timeout=8,
            markup=False,
        )

    def on_resize(self) -> None:
        if self.rows:
            self.fill_table()

    def action_back(self) -> None:
        self.app.pop_screen()


def _num(value: float | int | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def _ellipsis(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
