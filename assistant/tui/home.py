"""Home: the question bank with filters, the interviewer and microphone in use, recent
sessions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("enter", "start", "Start interview", show=True),
        Binding("h", "history", "History"),
        Binding("/", "focus_filter", "Filter"),
    ]

    def compose(self) -> ComposeResult:
        deps = self.app.deps
        topics = sorted({q.topic for q in deps.questions.values()})
        yield Header()
        with Horizontal(id="filters"):
            yield Input(placeholder="filter questions…", id="filter")
            yield Select([(t, t) for t in topics], prompt="any topic", id="topic")
            yield Select(
                [(d, d) for d in ("easy", "medium", "hard")],
                prompt="any difficulty",
                id="difficulty",
            )
        with Horizontal(id="main"):
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            with Vertical(id="side"):
                yield Static(id="detail")
                yield Static(
                    f"Interviewer: {deps.interviewer_label}\nMicrophone: {deps.mic_label}",
                    id="setup",
                    classes="muted",
                )
                yield Static("Recent sessions", classes="title")
                yield DataTable(id="recent", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#questions", DataTable)
        table.add_columns("question", "topic", "level", "time")
        self.refill()
        recent = self.query_one("#recent", DataTable)
        recent.add_columns("when", "question", "wpm", "structure")
        store = self.app.deps.store
        for r in store.sessions(5) if store else []:
            recent.add_row(
                r.created_at[5:16].replace("T", " "),
                r.question_id or "—",
                "—" if r.wpm is None else f"{r.wpm:.0f}",
                "—" if r.structure_score is None else str(r.structure_score),
            )
        table.focus()

    def visible(self) -> list:
        text = self.query_one("#filter", Input).value.lower().strip()
        topic = self.query_one("#topic", Select).value
        level = self.query_one("#difficulty", Select).value
        out = []
        for q in self.app.deps.questions.values():
            if text and text not in (q.title + " " + q.prompt + " " + q.id).lower():
                continue
            if isinstance(topic, str) and q.topic != topic:
                continue
            if isinstance(level, str) and q.difficulty != level:
                continue
            out.append(q)
        return out

    def refill(self) -> None:
        table = self.query_one("#questions", DataTable)
        table.clear()
        for q in self.visible():
            table.add_row(q.title, q.topic, q.difficulty, f"{q.budget_s // 60} min", key=q.id)
        self.show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refill()

    def selected(self):
        table = self.query_one("#questions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.app.deps.questions[key]

    def show_detail(self) -> None:
        q = self.selected()
        detail = self.query_one("#detail", Static)
        if q is None:
            detail.update("No question matches the filter.")
            return
        detail.update(
            f"[b]{q.title}[/b]  ({q.rubric}, {q.budget_s // 60} min)\n\n"
            + " ".join(q.prompt.split())
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "questions":
            self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "questions":
            self.action_start()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_start(self) -> None:
        q = self.selected()
        if q is None:
            return
        from assistant.tui.interview import InterviewScreen

        self.app.push_screen(InterviewScreen(q))

    def action_history(self) -> None:
        from assistant.tui.history import HistoryScreen

        self.app.push_screen(HistoryScreen())
