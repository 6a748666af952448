"""Report: structure and stage timeline, pace over time, pauses and fillers, adaptation,
and feedback whose moments can be played back."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ListItem, ListView, Sparkline, Static

from assistant.report import Report
from assistant.report.format import clock, seconds


class ReportScreen(Screen):
    CSS_PATH = "report.tcss"
    BINDINGS = [Binding("escape", "home", "Home"), Binding("h", "history", "History")]

    def __init__(self, report: Report, session_id: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        r = self.report
        yield Header()
        with VerticalScroll():
            s = r.structure
            head = f"Structure {s.score}/100" if s else "Report"
            if r.pacing:
                head += (
                    f"  ·  {r.pacing.words_per_minute:.0f} wpm  ·  "
                    f"{r.fillers.per_minute or 0:.1f} fillers/min  ·  "
                    f"{sum(1 for p in r.pacing.pauses if p.kind == 'long')} long pauses"
                )
            if self.session_id:
                head += f"  ·  saved as {self.session_id}"
            yield Static(head, classes="title")
            if s:
                yield Static("Stage timeline", classes="section")
                yield DataTable(id="stages", cursor_type="none")
            if r.pacing and r.pacing.pace_windows:
                yield Static("Pace over time (words per minute while talking)", classes="section")
                yield Sparkline([w.wpm for w in r.pacing.pace_windows], id="pace")
                yield Static(
                    "  ".join(f"{clock(w.start)} {w.wpm:.0f}" for w in r.pacing.pace_windows),
                    classes="muted",
                )
            yield Static("Pauses and fillers", classes="section")
            yield DataTable(id="moments", cursor_type="none")
            if r.interview and r.interview.adaptation:
                yield Static("Adapting to the changed requirement", classes="section")
                for a in r.interview.adaptation:
                    yield Static(
                        f"{a.constraint}: took it up "
                        f"{'yes' if a.acknowledged else 'no'}, changed the design "
                        f"{'yes' if a.revised else 'no'}"
                    )
            yield Static("Feedback (enter plays the moment)", classes="section")
            yield ListView(*[ListItem(Static(self._item(f))) for f in r.feedback], id="feedback")
        yield Footer()

    @staticmethod
    def _item(f) -> str:
        mark = {"good": "[green]✓[/]", "info": "[cyan]•[/]", "warning": "[yellow]![/]"}
        text = f"{mark[f.severity]} {f.message}"
        if f.evidence and f.evidence.quote:
            at = f"{clock(f.evidence.start)} " if f.evidence.start is not None else ""
            text += f"\n   [dim]{at}“{f.evidence.quote}”[/]"
        return text

    def on_mount(self) -> None:
        r = self.report
        if r.structure:
            table = self.query_one("#stages", DataTable)
            table.add_columns("stage", "covered", "first", "share")
            for st in r.structure.stages:
                covered = (
                    "[green]yes[/]"
                    if st.covered
                    else ("[yellow]passing[/]" if st.strength else "[red]gap[/]")
                )
                first = clock(st.first_at_s) if st.first_at_s is not None else "—"
                table.add_row(st.title, covered, first, f"{st.share:.0%}")
        moments = self.query_one("#moments", DataTable)
        moments.add_columns("at", "what")
        rows = []
        if r.pacing:
            rows += [
                (p.start, f"{p.kind} pause, {seconds(p.duration)}")
                for p in r.pacing.pauses
                if p.kind != "short"
            ]
        rows += [(f.start, f"filler “{f.text}”") for f in r.fillers.items if f.start is not None]
        for at, what in sorted(rows):
            moments.add_row(clock(at), what)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        index = event.list_view.index
        if index is None:
            return
        item = self.report.feedback[index]
        if not item.evidence or item.evidence.start is None or not self.report.audio:
            return
        path, start = self.locate(item.evidence.start)
        if path is not None:
            self.app.deps.player.play(path, start)
            self.app.notify(f"Playing {path.name} from {clock(start)}")

    def locate(self, t: float) -> tuple[Path | None, float]:
        """Map a time on the session timeline to an answer file and a time in it."""
        offset = 0.0
        turns = self.report.interview.turns if self.report.interview else []
        for turn in turns:
            a = turn.answer
            if a is None or a.audio is None:
                continue
            if t < offset + a.audio.duration_s:
                return Path(a.audio.path), max(0.0, t - offset)
            offset += a.audio.duration_s
        path = Path(self.report.audio.path) if self.report.audio else None
        return (path, t) if path and path.exists() else (None, t)

    def action_home(self) -> None:
        from assistant.tui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen())

    def action_history(self) -> None:
        from assistant.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())
