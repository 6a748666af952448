"""Report: what was asked and answered, what the score means, the feedback (whose moments
can be played back), the stage timeline, pace over time, pauses and fillers, and what
to do next.

Everything said in the session (transcripts, quotes, the interviewer's words, titles,
paths) reaches the screen as :class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ListItem, ListView, Static
from textual_plotext import PlotextPlot

from assistant.report import FeedbackItem, Report, TurnOut
from assistant.report.format import (
    REACH_STYLE,
    ChangeWords,
    adaptation_line,
    answer_summary,
    clock,
    counted,
    feedback_message,
    interviewer_named,
    move_label,
    only_asks,
    pace_ceiling,
    report_change_words,
    report_title,
    score_meaning,
    seconds,
    session_date,
    shown_feedback,
    stage_first,
    stage_reach,
    time_ticks,
    unscored_meaning,
    unscored_reason,
)
from assistant.tui.late import GAP_S, LateWords, late_notice
from assistant.tui.screens.interview import NOTICE_S
from assistant.tui.sizing import SizedToTerminal
from assistant.tui.title_bar import TitleBar
from sessions.headline import JUDGED_SPAN_S, JUDGED_WORDS, structure_scored

MARKS = {"good": ("✓", "green"), "info": ("•", "cyan"), "warning": ("!", "yellow")}
NEXT_STEPS = "Next: t try again · n/esc another question · x export Markdown · h history"
NEXT_STEPS_FROM_HISTORY = (
    "Next: t try again · n another question · esc back to history · x export Markdown"
)
NEXT_STEPS_NOT_SAVED = "Next: t try again · n/esc another question · h history"
"""With --no-save there is nothing to export to: x is not offered (pressed, it says why)."""
NOT_SAVED = "Sessions are not being saved (--no-save), so there is nowhere to export to"
PACE_HEADROOM_WPM = 30.0
"""The pace axis reaches at least this far above the "fast" line."""


class FeedbackList(ListView):
    """The feedback items. Home goes to the top of the report with the first item
    selected, End to the last item, in view: Enter plays what is on the screen (they
    scrolled the report and left the selection where it was)."""

    BINDINGS = [
        Binding("home", "first", "First item", show=False),
        Binding("end", "last", "Last item", show=False),
    ]

    def action_first(self) -> None:
        if self.children:
            self.index = 0
        self.screen.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def action_last(self) -> None:
        if self.children:
            self.index = len(self.children) - 1  # and scrolled to (ListView.watch_index)


class ReportScreen(SizedToTerminal, Screen):
    CSS_PATH = "report.tcss"
    HELP_TITLE = "Report"
    AUTO_FOCUS = None
    """The feedback list takes the focus on mount (see on_mount), not the first widget."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("t", "retry", "Try again"),
        # back to the list ("Another question" cut the footer at 80 columns, "? He")
        Binding("n", "home", "Questions"),
        Binding("escape", "back", "Back", show=False),
        Binding("x", "export", "Export"),
        Binding("h", "history", "History"),
    ]

    def __init__(
        self, report: Report, session_id: str | None = None, *, late: LateWords | None = None
    ) -> None:
        super().__init__()
        self.report = report
        self.session_id = session_id
        self.late = late
        """Typing that went on as the interview ended: its keys are words until it stops."""
        self.sub_title = "report"  # on the title bar from its first frame
        self.scored: bool | None = None
        """Whether the structure score stands (see :meth:`structure_scored`)."""
        self.feedback: list[FeedbackItem] = list(report.feedback)
        """The feedback as listed (:func:`shown_feedback`, set when composed)."""

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        r = self.report
        yield TitleBar()
        with VerticalScroll(id="body"):
            yield Static(self.heading(), id="heading")
            saved = self.app.deps.store is not None
            yield Static(NEXT_STEPS if saved else NEXT_STEPS_NOT_SAVED, id="next")
            with Container(id="columns"):
                with Vertical(id="main"):
                    self.feedback = shown_feedback(r, self.structure_scored())
                    timed = any(f.evidence and f.evidence.start is not None for f in self.feedback)
                    # a typed answer has no moment to play
                    heading = "Feedback (enter plays the moment ▶)" if timed else "Feedback"
                    yield Static(heading, classes="section")
                    yield FeedbackList(
                        *[ListItem(Static(self.feedback_text(f))) for f in self.feedback],
                        id="feedback",
                    )
                    if not self.feedback:
                        yield Static("Nothing to report.", classes="muted item")
                    words = report_change_words(r)
                    if r.interview and r.interview.turns:
                        yield Static("Conversation", classes="section")
                        for n, turn in enumerate(r.interview.turns, 1):
                            yield Static(self.turn_text(n, turn, words), classes="turn")
                    for notice in r.interview.notices if r.interview else []:
                        # an answer judged in part, a session rescored: as `show` says it
                        note = Text.assemble(("Note: ", "bold yellow"), (notice, "yellow"))
                        yield Static(note, classes="item")
                with Vertical(id="details"):
                    if r.structure:
                        yield Static("Stage timeline", classes="section")
                        yield DataTable(id="stages", cursor_type="none")
                    if r.pacing and r.pacing.pace_windows:
                        yield Static(
                            "Pace over time (words per minute while talking)", classes="section"
                        )
                        yield PlotextPlot(id="pace")
                        yield Static(self.pace_caption(), classes="muted item")
                    yield Static("Pauses and fillers", classes="section")
                    yield DataTable(id="moments", cursor_type="none")
                    if r.interview and r.interview.adaptation:
                        yield Static(words.section, classes="section")
                        for a in r.interview.adaptation:
                            yield Static(
                                Text(adaptation_line(a, words)),
                                classes="item",
                            )
        yield Footer()

    def heading(self) -> Text:
        """Question, date and interviewer, what the score means, the headline numbers."""
        r = self.report
        stored_title, date = self.stored()
        text = Text(report_title(r, stored_title), style="bold")
        about = []
        if date:
            about.append(date)
        if r.interview:
            about.append(f"interviewer: {interviewer_named(r.interview)}")
        if self.session_id:
            about.append(f"saved as {self.session_id}")
        elif self.app.deps.store is None:
            about.append("not saved (--no-save)")
        else:  # the store could not take it (a full disk): said when it began, and here
            about.append("not saved")
        if about:
            text.append("\n" + " · ".join(about), style="dim")
        if r.structure and self.structure_scored():
            text.append("\n" + score_meaning(r.structure))
        elif r.structure:
            words = len(r.transcript.text.split())
            text.append("\n" + unscored_meaning(r.structure, words, JUDGED_WORDS))
        numbers = []
        if r.pacing:
            long_pauses = sum(1 for p in r.pacing.pauses if p.kind == "long")
            judged = r.pacing.speaking_span_s >= JUDGED_SPAN_S
            numbers += [
                f"{r.pacing.words_per_minute:.0f} wpm"
                if judged
                else f"pace not judged ({r.pacing.speaking_span_s:.0f} s of speech)",
                f"{r.fillers.per_minute or 0:.1f} fillers/min"
                if judged
                else counted(r.fillers.count, "filler"),
                counted(long_pauses, "long pause"),
            ]
        else:
            numbers.append(counted(r.fillers.count, "filler"))
            if r.speech_detected:
                numbers.append("no timings, so no pacing")
        text.append("\n" + " · ".join(numbers))
        return text

    def stored(self) -> tuple[str | None, str | None]:
        """The session's title and date as saved (None, None when not saved)."""
        store = self.app.deps.store
        if store is None or self.session_id is None:
            return None, None
        from sessions.store import StoreError

        try:
            row, _ = store.session(self.session_id)
        except StoreError:
            return None, None
        return row.question_title, session_date(row.created_at)

    def structure_scored(self) -> bool:
        """The structure score stands: History and the trends show none for a session too
        short to judge (under 60 words, or cut short early in its first answer), and the
        report says the same rather than "Structure 0/100"."""
        if self.scored is None:
            self.scored = self.judged_in_store()
        return self.scored

    def judged_in_store(self) -> bool:
        """As History has it (the session's row), or by History's rule when not saved."""
        store = self.app.deps.store
        if store is not None and self.session_id is not None:
            from sessions.store import StoreError

            try:
                row, _ = store.session(self.session_id)
            except StoreError:
                pass
            else:
                return row.structure_score is not None
        return structure_scored(self.report)

    def pace_caption(self) -> Text:
        settings = self.app.deps.settings
        assert self.report.pacing is not None
        slow, fast = settings.slow_wpm, settings.fast_wpm
        text = Text(
            f"The lines mark {slow:.0f} and {fast:.0f} wpm; a stretch faster is marked ▲, "
            "slower ▼.\n"
        )
        for k, w in enumerate(self.report.pacing.pace_windows):
            mark = "▲" if round(w.wpm) > fast else "▼" if round(w.wpm) < slow else ""
            text.append(("  " if k else "") + f"{clock(w.start)} ")
            text.append(f"{w.wpm:.0f}{mark}", style="bold yellow" if mark else "")
        return text

    def playable(self, item: FeedbackItem) -> bool:
        return bool(
            item.evidence and item.evidence.start is not None and self.report.audio is not None
        )

    def feedback_text(self, f: FeedbackItem) -> Text:
        mark, colour = MARKS.get(f.severity, ("•", ""))
        why = unscored_reason(len(self.report.transcript.text.split()), JUDGED_WORDS)
        message = feedback_message(f.message, f.metric, self.structure_scored(), why)
        text = Text.assemble((mark, f"bold {colour}"), " ", message)
        if f.evidence and f.evidence.quote:
            at = f"{clock(f.evidence.start)} " if f.evidence.start is not None else ""
            play = "▶ " if self.playable(f) else ""
            text.append(f"\n  {play}{at}“{f.evidence.quote}”", style="dim")
        return text

    @staticmethod
    def turn_text(n: int, turn: TurnOut, words: ChangeWords | None = None) -> Text:
        text = Text.assemble((f"{n}. {move_label(turn.move, words)}", "bold cyan"), "  ")
        text.append(" ".join(turn.question.split()))
        if turn.why:
            text.append(f"\n   why: {turn.why}", style="dim")
        # a question put to the interviewer is shown as one: the reply opens the next turn
        text.append("\n   You asked: " if only_asks(turn.answer) else "\n   You: ", style="bold")
        summary = answer_summary(turn.answer)
        heard = turn.answer is not None and bool(turn.answer.transcript.text.strip())
        text.append(summary, style="" if heard else "dim italic")
        return text

    def now(self) -> float:
        return (self.app.deps.clock or time.monotonic)()

    def on_key(self, event: events.Key) -> None:
        """Keys typed on after the interview ended are words of an answer, not this
        screen's commands ("n" and "h" took the report away before it was read)."""
        if self.late is not None and self.late.take(event, self.now()):
            event.stop()
            event.prevent_default()
            self.set_timer(GAP_S, self.settle_late)

    def settle_late(self) -> None:
        """Once the typing stopped: the words typed on are kept and named."""
        late = self.late
        if late is None:
            return
        if late.going(self.now()):
            self.set_timer(GAP_S, self.settle_late)
            return
        self.late = None
        if not (text := late.settled()):
            return
        try:
            kept = late.keep(text)
        except OSError as exc:  # the disk refused it (full, removed): said, and shown
            said = f"{late_notice(text, None)} It could not be kept: {exc.strerror or exc}."
            self.app.notify(said, severity="error", timeout=NOTICE_S)
            return
        self.app.notify(late_notice(text, kept), severity="warning", timeout=NOTICE_S)

    def on_mount(self) -> None:
        if not self.app.is_running:  # quit as this screen opened: its parts may be gone
            return
        if self.late is not None:
            self.settle_late()
        r = self.report
        if self.from_history():
            self.query_one("#next", Static).update(NEXT_STEPS_FROM_HISTORY)
        # the feedback is one key away: enter plays the highlighted moment; the heading
        # above it stays in view
        self.set_focus(self.query_one("#feedback", ListView), scroll_visible=False)
        if r.structure:
            table = self.query_one("#stages", DataTable)
            table.can_focus = False
            # one column for how far each stage went (covered is depth 2 or more); a
            # report of schema /1 has no depth, only covered or mentioned in passing
            old = r.schema_.endswith("/1")
            table.add_columns("stage", "covered" if old else "depth", "first", "share")
            for st in r.structure.stages:
                reach = stage_reach(st, old)
                depth = Text(reach, style=REACH_STYLE.get(reach, ""))
                table.add_row(Text(st.title), depth, stage_first(st), f"{st.share:.0%}")
        moments = self.query_one("#moments", DataTable)
        moments.can_focus = False
        moments.add_columns("at", "what")
        rows: list[tuple[float, str]] = []
        if r.pacing:
            rows += [
                (p.start, f"{p.kind} pause, {seconds(p.duration)}")
                for p in r.pacing.pauses
                if p.kind != "short"
            ]
        rows += [(f.start, f"filler “{f.text}”") for f in r.fillers.items if f.start is not None]
        for at, what in sorted(rows):
            moments.add_row(clock(at), Text(what))
        if not rows:
            moments.add_row("—", "none" if r.pacing else "no timings (typed answer)")
        if r.pacing and r.pacing.pace_windows:
            self.draw_pace()

    def draw_pace(self) -> None:
        """Words per minute over time on an axis from 0, so 161 against 163 wpm looks like
        the small difference it is; the comfortable band is marked."""
        assert self.report.pacing is not None
        windows = self.report.pacing.pace_windows
        settings = self.app.deps.settings
        plt = self.query_one("#pace", PlotextPlot).plt
        xs = [(w.start + w.end) / 2 for w in windows]
        ys = [w.wpm for w in windows]
        end = max(w.end for w in windows)
        top = pace_ceiling(ys, at_least=settings.fast_wpm + PACE_HEADROOM_WPM)
        slow, fast = f"{settings.slow_wpm:.0f}", f"{settings.fast_wpm:.0f}"
        plt.clear_figure()
        for limit in (settings.slow_wpm, settings.fast_wpm):
            plt.hline(limit, "gray")
        plt.plot(xs, ys, marker="braille" if len(xs) > 1 else "dot", color="cyan")
        plt.ylim(0, top)
        plt.xlim(0, end)
        # the guide lines carry their own labels: a tick every 50 wpm put the 170 line on
        # the row labelled 150 (a row of a small chart spans 30 wpm or more)
        plt.yticks([0, settings.slow_wpm, settings.fast_wpm, top], ["0", slow, fast, f"{top:.0f}"])
        ticks = time_ticks(end)
        plt.xticks([t for t, _ in ticks], [label for _, label in ticks])
        plt.frame(False)

    # -- playing a moment -----------------------------------------------------------------

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        """The list grows with its items inside the scrolling page: the page follows the
        highlight, or arrow keys move it off screen and enter acts on an item not seen."""
        if event.list_view.id == "feedback" and event.item is not None:
            self.query_one("#body", VerticalScroll).scroll_to_widget(event.item, animate=False)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.list_view.id != "feedback":
            return
        index = event.list_view.index
        if index is None or index >= len(self.feedback):
            return
        item = self.feedback[index]
        if not item.evidence or item.evidence.start is None:
            self.app.notify("This item has no moment to play.", timeout=3)
            return
        if not self.report.audio:
            self.app.notify("A typed answer has no recording to play.", timeout=3)
            return
        path, start = self.locate(item.evidence.start)
        if path is None or not path.exists():
            self.app.notify("The recording of this moment is not on disk.", severity="warning")
            return
        player = self.app.deps.player
        try:
            player.play(path, start)
        except Exception as exc:  # no output device, a file that will not decode
            self.app.notify(f"Cannot play {path.name}: {exc}", severity="error", markup=False)
            return
        if player.audible:
            self.app.notify(f"Playing {path.name} from {clock(start)}", markup=False)
        else:
            where = f"{path.name} at {clock(start)}"
            self.app.notify(
                f"No audio output, so nothing plays (the moment is {where}).",
                severity="warning",
                markup=False,
            )

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

    # -- next steps -------------------------------------------------------------------------

    def action_retry(self) -> None:
        """The same question again, from the start."""
        r = self.report
        question_id = r.interview.question if r.interview else r.question
        question = self.app.deps.questions.get(question_id) if question_id else None
        if question is None:
            self.app.notify(
                f"The question {question_id!r} is not in your question bank, so it cannot be "
                "tried again; press n to pick another."
                if question_id
                else "This answer was not given to a question from the bank; n picks one.",
                severity="warning",
                markup=False,
            )
            return
        from assistant.tui.screens.interview import InterviewScreen

        self.app.switch_screen(InterviewScreen(question))

    def action_export(self) -> None:
        """The report as Markdown in the data folder's exports/, never over another file."""
        from assistant.practice.export_file import ExportError, write_new
        from assistant.practice.exporting import to_markdown

        store = self.app.deps.store
        if store is None:
            self.app.notify(NOT_SAVED, severity="warning", markup=False)
            return
        if self.session_id:
            _, date = self.stored()
            text = to_markdown(self.report, title=f"Session {self.session_id}", date=date)
        else:
            text = to_markdown(self.report)
        try:
            path = write_new(store.data_dir / "exports", self.session_id or "report", ".md", text)
        except ExportError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        # the file's name whole on a line of its own: at 80x24 "Exported to /…/exports/
        # 20261205-23…" broke it across two lines of the toast
        self.app.notify(f"Exported {path.name}\nto {path.parent}", markup=False, timeout=8)

    def commands(self) -> list[SystemCommand]:
        """The command palette on this screen: its keys, by name ("export" found nothing)."""
        return [
            SystemCommand("Export", "This report as Markdown (x)", self.action_export),
            SystemCommand("Try again", "The same question from the start (t)", self.action_retry),
            SystemCommand("Questions", "Back to the question list (n)", self.action_home),
            SystemCommand("History", "Your sessions over time (h)", self.action_history),
        ]

    def from_history(self) -> bool:
        """Opened from History (Escape goes back there, not to the question list)."""
        from assistant.tui.screens.history import HistoryScreen

        stack = self.app.screen_stack
        below = stack.index(self) - 1 if self in stack else -1
        return below >= 0 and isinstance(stack[below], HistoryScreen)

    def action_back(self) -> None:
        """To where the report was opened from: History, or the question list."""
        self.app.pop_screen()

    def action_home(self) -> None:
        """Back to the question list (History, if it is open, closes too)."""
        from assistant.tui.screens.home import HomeScreen

        for screen in reversed(self.app.screen_stack[1:]):
            if isinstance(screen, HomeScreen):
                break
            self.app.pop_screen()

    def action_history(self) -> None:
        from assistant.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())
