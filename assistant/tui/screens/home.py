"""Home: the question bank with filters, the interviewer and microphone in use, recent
sessions."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, ProgressBar, Select, Static

from assistant.tui.sizing import SizedToTerminal
from assistant.tui.title_bar import TitleBar

RECENT_TITLE = 18
"""Characters of a question's title in the recent sessions, which sit beside the list."""
NARROW_WIDTH = 110
"""Under this many columns the question list leaves its topic to the details beside it
and cuts long titles, so the level and time stay in sight (the pickers keep their width:
their names stay whole, and the filter box gives up the room)."""
LIST_CHROME_ROWS = 6
"""Rows of the home screen that are not the question list: title, filters, hint, footer."""


KEYS_HINT = "↑↓ choose · Enter start · / filter · h history · ? help"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _options(names: Iterable[str]) -> list[tuple[Text, str]]:
    """A picker's options, each labelled with its name as written: a str label is read
    as markup, and topics, rubric ids and device names are not ours ("search [/i]"
    stopped the app)."""
    return [(Text(name), name) for name in names]


class FilterInput(Input):
    """The question filter: its first Enter goes back to the list, a second one starts
    the question. The keys typed after that are the answer's: they pass on to the
    screen, which holds them for the question. (This is decided here, as the filter
    takes each key: the screen hears of the Enter only after the filter has taken the
    keys typed after it.)"""

    enters = 0
    """Enters pressed since the filter took the focus."""

    def _on_focus(self, event: events.Focus) -> None:
        self.enters = 0
        super()._on_focus(event)

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if not isinstance(screen, HomeScreen):
            await super()._on_key(event)
            return
        if screen.starting_key is not None:  # typed after the Enter that starts a question
            screen.for_question.append(event)
            event.prevent_default()  # not the filter's: on to the screen, which holds it
            return
        if event.key == "enter":
            self.enters += 1
            if (self.enters >= 2 or screen.leaving_filter) and screen.rows():
                screen.starting_key = event
        await super()._on_key(event)


class HomeScreen(SizedToTerminal, Screen):
    CSS_PATH = "home.tcss"
    HELP_TITLE = "Questions"
    HELP_TEXT = (
        "Pick a question with the arrow keys and press Enter: the interviewer asks it and "
        "you answer out loud. Type / to filter by words; the pickers narrow by topic, "
        "level and rubric."
    )
    BINDINGS = [
        Binding("enter", "start", "Start", show=True),
        Binding("h", "history", "History"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("t", "test_mic", "Test mic"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    AUTO_FOCUS = "#questions"
    """The list has the keys from the first frame: "/" typed as the app starts opens the
    filter, not a "/" in it."""
    entering_filter = False
    """"/" was pressed and the focus is on its way to the filter."""
    leaving_filter = False
    """Enter was pressed in the filter and the focus is on its way to the list."""
    starting = False
    """Enter was pressed on the list and the question is on its way."""
    starting_key: events.Key | None = None
    """The Enter that started it, when the filter took it (the filter marks the keys
    after it, since this screen hears of them in the order the filter passes them on)."""

    def __init__(self) -> None:
        super().__init__()
        self.typed_ahead: list[events.Key] = []
        """Keys typed after that Enter, for the question once it is open."""
        self.for_question: list[events.Key] = []
        """Keys the filter took after the Enter that starts a question."""

    def compose(self) -> ComposeResult:
        deps = self.app.deps
        topics = sorted({q.topic for q in deps.questions.values()})
        yield TitleBar()
        with Horizontal(id="filters"):
            yield FilterInput(placeholder="filter questions…", id="filter")
            yield Select(_options(topics), prompt="any topic", id="topic")
            yield Select(
                [(d, d) for d in ("easy", "medium", "hard")],
                prompt="any level",
                id="difficulty",
            )
            rubrics = sorted({q.rubric for q in deps.questions.values()}, key=self.rubric_title)
            yield Select(
                [(Text(self.rubric_title(r)), r) for r in rubrics], prompt="any rubric", id="rubric"
            )
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
                yield Static(KEYS_HINT, id="hint", classes="muted")
            with VerticalScroll(id="side"):
                yield Static(id="detail")
                yield Static("Recent sessions", classes="title")
                yield DataTable(id="recent", cursor_type="none")
                yield Static(self.interviewer_text(), id="llm", classes="muted")
                yield Static(Text(f"Microphone: {deps.mic_label}"), id="setup", classes="muted")
                picker = Select(_options(deps.devices), prompt="default input", id="device")
                picker.display = bool(deps.devices)
                yield picker
                yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="mic-level")
        yield Footer()

    def on_resize(self, event) -> None:
        """Narrow terminals get a narrower filter box and a shorter list of recent sessions;
        the question list is laid out again for the new width, on the same question."""
        self.set_class(self.size.width < NARROW_WIDTH, "narrow")
        self.show_hint()
        if self.shape is not None and self.shape != self.list_shape():
            self.refill(keep=True)
        if self.recent_shape is not None and self.recent_shape != self.recent_cut():
            self.show_recent()

    shape: tuple[int, bool] | None = None
    """How the question list is laid out (see :meth:`list_shape`); None until it is."""

    def rubric_title(self, rubric_id: str) -> str:
        """ "Timed explanation" for "general": a rubric as the report names it (its id,
        where it has no title)."""
        return self.app.deps.rubric_titles.get(rubric_id, rubric_id)

    def list_shape(self) -> tuple[int, bool]:
        """(cut, topic): titles are cut to ``cut`` characters (0: not at all) and the topic
        is shown or not, so that level and time always fit in the list's three fifths of
        the width (80 columns: titles cut to 29, no topic). At 110-125 columns the whole
        titles and topics pushed the time out ("7 mi")."""
        questions = self.app.deps.questions.values()
        # the time column is as wide as its widest budget ("6 min", "2:30 min")
        widest = max((len(q.budget_words) for q in questions), default=5)
        width = self.size.width * 3 // 5
        if self.size.width < NARROW_WIDTH:  # level and time: 14 with the cell padding
            return max(16, width - 14 - widest), False
        topic = max((len(q.topic) for q in questions), default=5)
        bar = 2 if len(questions) + 1 > self.size.height - LIST_CHROME_ROWS else 0
        room = width - 14 - bar - topic - widest  # the level, four columns' padding
        title = max((len(q.title) for q in questions), default=8)
        return (0 if title <= room else max(16, room)), True

    recent_shape: int | None = None
    """How the recent sessions are laid out (see :meth:`recent_cut`); None until they are."""

    def recent_cut(self) -> int:
        """0: when, question, wpm and score; otherwise the day, the question cut to this
        many characters and the score, to fit the column beside the list (80: 12)."""
        if self.size.width >= NARROW_WIDTH:
            return 0
        return max(8, self.size.width - self.size.width * 3 // 5 - 20)

    def on_mount(self) -> None:
        if not self.app.is_running:  # quit as this screen opened: its parts may be gone
            return
        table = self.query_one("#questions", DataTable)
        self.refill()
        self.show_recent()
        self.show_audio()
        table.focus()
        if self.app.deps.llm_endpoint:
            self.check_llm()

    def on_screen_resume(self) -> None:
        """Back from an interview or History: the session just saved is listed."""
        self.held_keys()
        self.opening = None
        self.show_hint()
        self.show_recent()
        self.app.home_resumed()

    def on_screen_suspend(self) -> None:
        self.app.home_left()

    def show_recent(self) -> None:
        """The last three sessions; titles cut to fit beside the question list, and in a
        narrow terminal only the day, the question and the score."""
        recent = self.query_one("#recent", DataTable)
        cut = self.recent_cut()
        if cut == self.recent_shape:
            recent.clear()
        else:  # columns rebuilt only when the layout changes
            recent.clear(columns=True)
            recent.add_columns(
                *(["day", "question", "score"] if cut else ["when", "question", "wpm", "score"])
            )
        self.recent_shape = cut
        store = self.app.deps.store
        for r in store.sessions(3) if store else []:
            title = Text(_short(r.question_title or r.question_id or "—", cut or RECENT_TITLE))
            score = "—" if r.structure_score is None else str(r.structure_score)
            if cut:
                recent.add_row(r.created_at[5:10], title, score)
            else:
                wpm = "—" if r.wpm is None else f"{r.wpm:.0f}"
                recent.add_row(r.created_at[5:16].replace("T", " "), title, wpm, score)

    def interviewer_text(self) -> Text:
        deps = self.app.deps
        text = Text(f"Interviewer: {deps.interviewer_label}")
        if deps.interviewer_status:
            text.append(": ")
            text.append_text(Text.from_markup(deps.interviewer_status))
        reachable = getattr(self, "reachable", None)
        if reachable is not None:
            text.append(": ")
            text.append(
                "server reachable"
                if reachable
                else "server not reachable: the offline interviewer will ask",
                style="green" if reachable else "yellow",
            )
        return text

    def show_interviewer(self) -> None:
        try:
            self.query_one("#llm", Static).update(self.interviewer_text())
        except NoMatches:  # the app quit as it opened: the screen's parts are gone
            return
        self.show_hint()

    def hint_text(self) -> str:
        """The line under the list: the keys; in a narrow terminal, where the interviewer
        and microphone lines beside the list are below the fold (80x24), what will hear
        the answers and who will ask, in short (the footer has the keys)."""
        if self.opening is not None:
            return f"Opening “{self.opening}”…"
        if self.size.width >= NARROW_WIDTH:
            return KEYS_HINT
        deps = self.app.deps
        if not deps.audio_ready.is_set():
            mic = "looking for a mic…"
        elif deps.recorder_for is None:
            mic = "no mic: answers typed"
        elif deps.devices:
            mic = "mic ready, t tests it"
        else:
            mic = deps.mic_label  # "replaying 2 recordings"
        name = deps.interviewer_label.split(" (")[0]
        if name == "offline":
            who = "offline interviewer"
        elif getattr(self, "reachable", None) is False:
            who = "LLM down, offline asks"
        else:
            who = f"LLM {name}"
        return _short(f"{mic} · {who}", max(16, self.size.width * 3 // 5 - 2))

    def show_hint(self) -> None:
        try:
            self.query_one("#hint", Static).update(Text(self.hint_text()))
        except NoMatches:  # the app quit as it opened
            return

    def show_audio(self) -> None:
        """The microphone found in the background, and the picker once there is a choice."""
        deps = self.app.deps
        try:
            self.query_one("#setup", Static).update(Text(f"Microphone: {deps.mic_label}"))
            picker = self.query_one("#device", Select)
        except NoMatches:  # the app quit as it opened
            return
        self.show_hint()
        # no microphone: no level to show, nothing to test
        self.query_one("#mic-level", ProgressBar).display = not self.no_mic()
        self.refresh_bindings()
        if deps.devices and not picker.display:
            picker.set_options(_options(deps.devices))
            picker.display = True

    @work(thread=True, exclusive=True, group="llm-check")
    def check_llm(self) -> None:
        """Is the configured LLM server answering? (only that address is contacted)"""
        import urllib.error
        import urllib.request

        url = self.app.deps.llm_endpoint.rstrip("/") + "/models"
        try:
            with urllib.request.urlopen(url, timeout=2):
                ok = True
        except urllib.error.HTTPError:
            ok = True  # the server answered, even if not with a model list
        except Exception:
            ok = False
        self.reachable = ok  # kept, so a later status update does not hide it
        self.app.call_from_thread(self.show_interviewer)

    def no_mic(self) -> bool:
        """The background setup has looked, and found no microphone (answers are typed),
        or none is in use: answers come from recordings (``--replay``), and testing "the
        microphone" played the first of them ("good level" with no microphone at all)."""
        deps = self.app.deps
        return deps.audio_ready.is_set() and (deps.recorder_for is None or bool(deps.replay))

    def help_bindings(self) -> list[Binding]:
        """The keys the help lists: as the footer, no "t Test mic" with no microphone (it
        did nothing)."""
        keys = [b for b in self.BINDINGS if isinstance(b, Binding)]
        return [b for b in keys if self.check_action(b.action, ())]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "test_mic" and self.no_mic():
            return False
        return True

    def action_test_mic(self) -> None:
        if not self.app.deps.audio_ready.is_set():
            self.app.notify("Still looking for the microphone: try again in a moment.")
            return
        if self.app.deps.recorder_for is None:
            self.app.notify("No microphone to test: answers will be typed.", severity="warning")
            return
        self.test_level()

    @work(thread=True, exclusive=True, group="mic-test")
    def test_level(self) -> None:
        """Listen for two seconds and show the input level."""
        import threading

        from speech.recorder import block_level

        stop = threading.Event()
        bar = self.query_one("#mic-level", ProgressBar)
        heard = 0
        peak = 0.0
        try:
            for block in self.app.deps.recorder_for(0).blocks(stop):
                rms = block_level(block)
                peak = max(peak, rms)
                self.app.call_from_thread(bar.update, progress=min(1.0, rms * 4))
                heard += len(block)
                if heard >= 32000:
                    stop.set()
        except Exception as exc:
            self.app.call_from_thread(self.app.notify, f"{exc}", severity="error")
            return
        self.peak = peak
        verdict = "good level" if peak > 0.02 else "very quiet: move closer or raise the gain"
        self.app.call_from_thread(self.app.notify, f"Microphone test: {verdict}")

    def visible(self) -> list:
        text = self.query_one("#filter", Input).value.lower().strip()
        topic = self.query_one("#topic", Select).value
        level = self.query_one("#difficulty", Select).value
        rubric = self.query_one("#rubric", Select).value
        out = []
        for q in self.app.deps.questions.values():
            if text and text not in (q.title + " " + q.prompt + " " + q.id).lower():
                continue
            if isinstance(topic, str) and q.topic != topic:
                continue
            if isinstance(level, str) and q.difficulty != level:
                continue
            if isinstance(rubric, str) and q.rubric != rubric:
                continue
            out.append(q)
        if text:  # "/people" Enter Enter starts People you may know, not a question whose
            # prompt says "people": questions whose title says the words come first
            out.sort(key=lambda q: text not in (q.title + " " + q.id).lower())
        return out

    def refill(self, keep: bool = False) -> None:
        """List the questions the filters select; ``keep`` stays on the one highlighted."""
        table = self.query_one("#questions", DataTable)
        current = self.selected() if keep else None
        shape = self.list_shape()
        cut, with_topic = shape
        if shape == self.shape:  # a filter changed: the same columns, other rows
            table.clear()
        else:  # columns rebuilt only when the layout changes
            table.clear(columns=True)
            table.add_columns(
                *(
                    ["question", "topic", "level", "time"]
                    if with_topic
                    else ["question", "level", "time"]
                )
            )
        self.shape = shape
        for q in self.visible():
            # Text, not str: a str cell is read as markup, and a title of the user's own
            # ("Ranking [v2]") lost its brackets or, with "[/b]", stopped the app
            title = Text(_short(q.title, cut) if cut else q.title)
            topic = [Text(q.topic)] if with_topic else []
            table.add_row(title, *topic, q.difficulty, q.budget_words, key=q.id)
        if current is not None and current.id in table.rows:
            table.move_cursor(row=table.get_row_index(current.id))
        self.show_detail()

    def refill_if_stale(self) -> None:
        """The list shows what the filters select. Letters typed ahead reach the filter at
        once, but the list refills on a message that may come after an Enter typed ahead
        too ("/eta", Enter, Enter in one go, on a loaded machine): then the list refills
        first, on the first match, instead of starting the question it showed before."""
        table = self.query_one("#questions", DataTable)
        if [k.value for k in table.rows] != [q.id for q in self.visible()]:
            self.refill()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill_if_stale()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter: back to the list, on the first match. A second Enter
        typed before the focus got there ("/eta", Enter, Enter in one go) starts it."""
        if self.leaving_filter:
            self.action_start()
            return
        self.back_to_list()

    def back_to_list(self) -> None:
        """The filter is done: the list takes the focus, on the first match."""
        self.entering_filter = False
        self.leaving_filter = True
        self.query_one("#questions", DataTable).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "filter":
            self.leaving_filter = False
            self.entering_filter = False
            event.widget.cursor_position = len(event.widget.value)

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.query_one("#questions", DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "device":
            self.app.deps.device = event.value if isinstance(event.value, str) else None
            return
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
            Text.assemble(
                (q.title, "bold"),
                "\n",
                (
                    f"{q.topic} · {q.difficulty} · {self.rubric_title(q.rubric)} · "
                    f"{q.budget_words}",
                    "dim",
                ),
                "\n\n",
                q.asked,
                ("\n\nEnter starts the interview.", "dim"),
            )
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "questions":
            self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "questions":
            self.action_start()

    def action_focus_filter(self) -> None:
        """ "/" starts a new search: back from a report with "churn" still in the filter,
        "/spam" made "churnspam", which matched nothing."""
        box = self.query_one("#filter", Input)
        if not box.has_focus:
            box.value = ""
        box.focus()
        self.entering_filter = True

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after "/" ("/eta", Enter, Enter in one go, or typed while the
        app starts) can reach the list before the focus reaches the filter: they are the
        filter's, not the list's shortcuts ("t" would test the microphone)."""
        marked = any(event is k for k in self.for_question)
        if not self.is_active or marked or self.starting:
            # typed straight after the Enter that starts a question, these keys are its
            # answer, not this screen's commands ("h" would open History): they wait for
            # the question, or go on to it if it is open already
            if self.is_active:
                self.typed_ahead.append(events.Key(event.key, event.character))
            else:
                self.app.post_message(events.Key(event.key, event.character))
            event.stop()
            event.prevent_default()
            return
        box = self.query_one("#filter", Input)
        typed = event.is_printable and event.character is not None and event.key != "slash"
        if box.has_focus:
            # the filter keeps the keys sent to it; a letter (or the "/") that reaches the
            # screen was sent to the list an instant before the filter took the focus
            if typed:
                self.type_into_filter(event.character)
            elif event.key != "slash":
                return
        elif event.key == "slash":  # at once: the binding's action would come after the keys
            self.action_focus_filter()
        elif event.key == "enter" and not self.entering_filter and self.list_focused():
            # the list starts the question once the keys before this one have moved it;
            # the keys typed after it are held for the question
            self.starting = self.rows() > 0
            return
        elif not self.entering_filter:
            return
        elif event.key == "enter":
            self.back_to_list()
        elif event.key == "escape":  # changed their mind before the filter opened
            self.entering_filter = False
            self.action_clear_filter()
        elif event.key == "backspace":
            box.value = box.value[:-1]
        elif typed:
            self.type_into_filter(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def list_focused(self) -> bool:
        return self.query_one("#questions", DataTable).has_focus

    def type_into_filter(self, character: str) -> None:
        """A letter typed ahead of the filter's focus goes at its end."""
        box = self.query_one("#filter", Input)
        box.value += character
        box.cursor_position = len(box.value)

    def action_start(self) -> None:
        self.refill_if_stale()
        q = self.selected()
        if q is not None:
            self.start(q)
        else:  # nothing to start (the filter matches nothing): the keys are this screen's
            for key in self.held_keys():
                self.app.post_message(key)

    def action_history(self) -> None:
        from assistant.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def commands(self) -> list[SystemCommand]:
        """The command palette on this screen: start any question, or see history."""
        out = [SystemCommand("History", "Your numbers over time", self.action_history)]
        for q in self.app.deps.questions.values():
            out.append(  # the palette reads markup: "[/b]" in a title of your own stopped it
                SystemCommand(
                    escape(f"Start: {q.title}"),
                    escape(f"{q.topic}, {q.difficulty}, {q.budget_words}"),
                    lambda q=q: self.start(q),
                )
            )
        return out

    opening: str | None = None
    """The title of the question on its way (None: none is)."""

    def start(self, question) -> None:
        """Open ``question``: the list first shows what was typed (the filter, its
        matches) and, under it, which question is opening; then the interview screen is
        built. On a busy machine that takes seconds (7-11 s at load 23-40), during which
        the list stood blank under an empty filter, saying nothing."""
        if self.opening is not None:  # on its way already
            return
        self.opening = question.title
        self.show_hint()
        self.call_after_refresh(self.open_question, question)

    def open_question(self, question) -> None:
        from assistant.tui.screens.interview import InterviewScreen

        if not self.app.is_running or not self.is_attached:  # quit meanwhile
            self.opening = None
            return
        self.app.push_screen(InterviewScreen(question))
        for key in self.held_keys():  # on to the question
            self.app.post_message(key)

    def held_keys(self) -> list[events.Key]:
        """The keys held since a question was started, no longer held."""
        ahead, self.typed_ahead, self.for_question = self.typed_ahead, [], []
        self.starting, self.starting_key = False, None
        return ahead

    def rows(self) -> int:
        return self.query_one("#questions", DataTable).row_count
