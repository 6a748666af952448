"""History: past sessions, and trends against the person's own baseline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static


class HistoryScreen(Screen):
    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        from assistant.practice.trends import trends_data

        store = self.app.deps.store
        yield Header()
        with VerticalScroll():
            if store is None:
                yield Static("Sessions are not being saved (--no-save).")
            else:
                data = trends_data(store, 5)
                yield Static(
                    f"Trends over {data['sessions']} session(s); baseline = median of your last 5",
                    classes="title",
                )
                for m in data["metrics"].values():
                    values = [p["value"] for p in m["series"]]
                    base = "—" if m["baseline"] is None else f"{m['baseline']:.1f}"
                    latest = "—" if m["latest"] is None else f"{m['latest']:.1f}"
                    yield Static(
                        f"{m['label']}: latest {latest}, baseline {base}"
                        + (" (lower is better)" if m["lower_is_better"] else "")
                    )
                    yield Sparkline(values or [0], classes="trend")
                yield Static("Sessions", classes="title")
                yield DataTable(id="sessions", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        store = self.app.deps.store
        if store is None:
            return
        table = self.query_one("#sessions", DataTable)
        table.add_columns(
            "id", "question", "status", "wpm", "fillers/min", "long pauses", "structure"
        )
        for r in store.sessions():
            table.add_row(
                r.id,
                r.question_id or "—",
                r.status,
                "—" if r.wpm is None else f"{r.wpm:.0f}",
                "—" if r.fillers_per_min is None else f"{r.fillers_per_min:.1f}",
                "—" if r.long_pauses is None else str(r.long_pauses),
                "—" if r.structure_score is None else str(r.structure_score),
            )

    def action_back(self) -> None:
        self.app.pop_screen()
