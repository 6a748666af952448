"""The readable report: the same facts as the JSON, laid out for a terminal.

Everything that comes from outside (transcripts, paths, titles, model replies, ids read
from the store) reaches rich as :class:`~rich.text.Text`, never as a string rich would
read as markup: "[/INST]" in a reply or "[/x]" in a path prints as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assistant.report import Report
from assistant.report.format import (
    NO_ANSWER,
    REACH_STYLE,
    SKIPPED_KEPT,
    adaptation_verdict,
    asked_reply,
    clock,
    counted,
    feedback_message,
    interviewer_named,
    move_label,
    only_asks,
    report_change_words,
    seconds,
    shown_feedback,
    stage_first,
    stage_reach,
    structure_heading,
    unscored_reason,
)
from assistant.scoring.fillers import filled_pause, plain_token
from prompts import UnknownQuestionError, load_question
from sessions.headline import JUDGED_WORDS, structure_scored

_SEVERITY_STYLE = {"good": "green", "info": "cyan", "warning": "yellow"}
_SEVERITY_MARK = {"good": "✓", "info": "•", "warning": "!"}


class Output(Console):
    """The console a command prints with. A reader that stops reading ("thinkaloud show
    last | head") ends the command quietly: rich would exit with 1, which reads as a
    failure; :func:`assistant.main.main` makes it 0."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def plain(value: object) -> Text:
    """``value`` as literal text: brackets, colons and emoji codes stay as they are."""
    return Text(str(value))


def filler_key(word: str) -> str:
    """The filler name a transcript word would have (``Um,`` -> ``um``)."""
    return filled_pause(word) or plain_token(word)


def _transcript_text(report: Report) -> Text:
    """Transcript with fillers dimmed and thinking pauses and long silences marked inline."""
    text = Text()
    filler_keys = {
        (f.start, f.text.split()[0]) for f in report.fillers.items if f.start is not None
    }
    pauses = list(report.pacing.pauses) if report.pacing else []
    pause_i = 0
    for w in report.transcript.words:
        while (
            pause_i < len(pauses) and w.start is not None and pauses[pause_i].end <= w.start + 1e-6
        ):
            p = pauses[pause_i]
            if p.kind != "short":
                style = "bold red" if p.kind == "long" else "magenta"
                text.append(f"[{seconds(p.duration).replace(' ', '')}] ", style=style)
            pause_i += 1
        style = "dim italic" if (w.start, filler_key(w.text)) in filler_keys else ""
        text.append(w.text + " ", style=style)
    return text


def _question_title(question_id: str) -> Text:
    """The bank question's title, or its id for one the bank does not have (a question
    of the user's own, or one the bank no longer holds)."""
    try:
        return plain(load_question(question_id).title)
    except UnknownQuestionError:
        return plain(question_id)


def render(report: Report, console: Console, title: str | None = None) -> None:
    """``title``: the question's, where the report holds only its id (a question of the
    user's own, scored on its own: the bank does not know it)."""
    head = Table.grid(padding=(0, 2))
    title = title or (report.interview.title if report.interview else None)
    if title:
        head.add_row("Question", plain(title))
    elif report.question:
        head.add_row("Question", _question_title(report.question))
    if report.interview:
        head.add_row("Interviewer", plain(interviewer_named(report.interview)))
    if report.audio:
        recording = Text(f"{report.audio.path} ({clock(report.audio.duration_s)})")
        if report.audio.truncated:
            recording.append("  cut short: scored what was there", style="yellow")
        head.add_row("Recording", recording)
    if report.model:
        head.add_row("Speech model", plain(report.model))
    if not report.audio:
        head.add_row("Answer", "typed: fillers and structure, no pacing (no timings)")
    console.print(Panel(head, title="thinkaloud report", border_style="blue"))

    if not report.speech_detected:
        console.print(Text("No speech found in the recording.", style="yellow"))
    else:
        console.print(Panel(_transcript_text(report), title="Transcript", border_style="dim"))

    if report.pacing:
        p = report.pacing
        t = Table(title="Pacing", show_header=False, title_justify="left")
        t.add_row("Words", str(p.words))
        t.add_row("Speech rate", f"{p.words_per_minute:.0f} wpm over {clock(p.speaking_span_s)}")
        t.add_row("Articulation rate", f"{p.articulation_wpm:.0f} wpm (pauses removed)")
        t.add_row("Time to first word", f"{p.time_to_first_word_s:.1f} s")
        kinds = {k: sum(1 for x in p.pauses if x.kind == k) for k in ("short", "thinking", "long")}
        t.add_row(
            "Pauses", f"{kinds['long']} long, {kinds['thinking']} thinking, {kinds['short']} short"
        )
        if p.pace_windows:
            t.add_row(
                "Pace over time", "  ".join(f"{clock(w.start)} {w.wpm:.0f}" for w in p.pace_windows)
            )
        if p.budget:
            b = p.budget
            status = (
                f"[red]{clock(b.overrun_s)} over[/]"
                if b.overrun_s
                else f"{clock(b.remaining_s)} left"
            )
            t.add_row("Time budget", f"used {clock(b.used_s)} of {clock(b.budget_s)}, {status}")
        console.print(t)
        longs = [x for x in p.pauses if x.kind != "short"]
        if longs:
            pt = Table(title="Thinking pauses and long silences", title_justify="left")
            for col in ("at", "length", "kind", "where"):
                pt.add_column(col)
            for x in longs:
                pt.add_row(
                    clock(x.start), seconds(x.duration), x.kind, x.position.replace("_", " ")
                )
            console.print(pt)

    f = report.fillers
    ft = Table(title="Fillers", title_justify="left", show_header=False)
    rate = f" · {f.per_minute:.1f}/min" if f.per_minute is not None else ""
    ft.add_row("Total", f"{f.count}{rate} · {f.percent_of_words:.1f}% of words")
    for word, n in f.by_word.items():
        times = [clock(i.start) for i in f.items if i.text == word and i.start is not None]
        shown = ", ".join(times[:6]) + (" …" if len(times) > 6 else "")
        ft.add_row(plain(f"“{word}”"), f"{n}×  {shown}")
    console.print(ft)

    scored = structure_scored(report)
    why = unscored_reason(len(report.transcript.text.split()), JUDGED_WORDS)
    if report.structure:
        _render_structure(report, scored, why, console)
    if report.interview:
        _render_turns(report, scored, console)

    lines = []
    for item in shown_feedback(report, scored):
        style = _SEVERITY_STYLE[item.severity]
        line = Text(f"{_SEVERITY_MARK[item.severity]} ", style=style)
        line.append(feedback_message(item.message, item.metric, scored, why))
        if item.evidence and item.evidence.quote:
            at = f"{clock(item.evidence.start)} " if item.evidence.start is not None else ""
            line.append(f"\n    {at}“{item.evidence.quote}”", style="dim")
        lines.append(line)
    console.print(Panel(Group(*lines), title="Feedback", border_style="green"))


def _render_structure(report: Report, scored: bool, why: str, console: Console) -> None:
    st = report.structure
    assert st is not None
    # the places options were set against each other: at least the one the stage table
    # quotes for tradeoffs ("0 options" beside "✓ Options were weighed" contradicted it)
    weighed = len(st.tradeoffs)
    if not weighed and any(s.id == "tradeoffs" and s.depth >= 2 for s in st.stages):
        weighed = 1
    table = Table(
        title=plain(structure_heading(st, scored, why)),
        title_justify="left",
        caption=plain(
            f"{counted(st.signposts, 'signpost')} · "
            f"{counted(weighed, 'option')} set against another · "
            f"models named: {', '.join(st.models.named) or 'none'}"
        ),
        caption_justify="left",
    )
    for col in ("stage", "depth", "first", "share", "clearest moment"):
        table.add_column(col, overflow="fold")
    old = report.schema_.endswith("/1")
    for s in st.stages:
        reach = stage_reach(s, old)
        shown = s.depth_evidence or s.evidence
        quote = f"“{shown.quote}”" if shown else ""
        table.add_row(
            plain(s.title),
            Text(reach, style=REACH_STYLE.get(reach, "")),
            stage_first(s),
            f"{s.share:.0%}",
            plain(quote),
        )
    console.print(table)


def render_conversation(
    report: Report, console: Console, kept: Mapping[int, str] | None = None
) -> None:
    """Who said what in a practice session. ``kept``: for a skipped answer (counted from
    0) whose typed words were kept, the file holding them."""
    if not report.interview:
        return
    words = report_change_words(report)
    n = 0  # answers counted from 0, as the session's files are
    for t in report.interview.turns:
        label = "Interviewer" if t.move == "ask" else f"Interviewer ({move_label(t.move, words)})"
        console.print(Text.assemble((f"{label}: ", "bold cyan"), t.question))
        if t.answer is not None:
            said = t.answer.transcript.text.strip()
            skipped = SKIPPED_KEPT if (kept or {}).get(n) else NO_ANSWER
            n += 1
            you = (said, "") if said else (skipped, "dim italic")
            who = "You asked: " if only_asks(t.answer) else "You: "
            console.print(Text.assemble((who, "bold"), you, "\n"))
    if report.interview.closing:
        console.print(Text.assemble(("Interviewer: ", "bold cyan"), report.interview.closing, "\n"))


def _turn_structure(
    answer: Report, *, first: bool, scored: bool = True, counted: set[str] | None = None
) -> str:
    """The design answer's structure score; a later answer, which answers one follow-up,
    by the stages it described ("monitoring, tradeoffs"): against the whole rubric, a
    clean wrap-up read "structure 0". Of those, only the ones the session counts as
    covered (``counted``, None: all): a later answer is judged on its own by the rules
    alone, which read "…and monitor drift" as monitoring described where the session's
    report, over the whole, said monitoring was only named."""
    if answer.structure is None:
        return "—"
    if first:  # a session too short to judge has no number, as in History
        return f"{answer.structure.score}/100" if scored else "—"
    said = [
        s.title.lower()
        for s in answer.structure.stages
        if s.covered and (counted is None or s.id in counted)
    ]
    return ", ".join(said) if said else "—"


def _render_turns(report: Report, scored: bool, console: Console) -> None:
    """Each turn on its own: what was asked, and how that answer did."""
    iv = report.interview
    words = report_change_words(report)
    assert iv is not None
    table = Table(title="Turn by turn", title_justify="left")
    for col in ("#", "interviewer", "your answer", "wpm", "fillers", "structure"):
        table.add_column(col, overflow="fold")
    counted = {s.id for s in report.structure.stages if s.covered} if report.structure else None
    for n, t in enumerate(iv.turns, 1):
        a = t.answer
        asked = (
            "question" if t.move == "ask" else f"{move_label(t.move, words).lower()} ({t.target})"
        )
        if a is None:
            table.add_row(str(n), plain(asked), "[dim]not answered[/]", "", "", "")
            continue
        if a.audio:
            span = clock(a.audio.duration_s)
        else:
            span = "typed" if a.transcript.text.strip() else "[dim]skipped[/]"
        wpm = f"{a.pacing.words_per_minute:.0f}" if a.pacing else "—"
        score = _turn_structure(a, first=n == 1, scored=scored, counted=counted)
        if only_asks(a):
            # a question put to the interviewer answers no move: no stage to its name
            score = asked_reply(iv.turns, n - 1)
        table.add_row(str(n), plain(asked), span, wpm, str(a.fillers.count), score)
    console.print(table)
    if iv.adaptation:
        adapt = Table(title=words.section, title_justify="left")
        for col in ("change", "took it up", words.revised, "where (in that answer)"):
            adapt.add_column(col, overflow="fold")
        for x in iv.adaptation:
            where = ""
            if x.evidence:
                at = f"{clock(x.evidence.start)} " if x.evidence.start is not None else ""
                where = f"{at}“{x.evidence.quote}”"
            after_push = x.revised_after_push or x.held_after_push or x.changed_otherwise_after_push
            if after_push and x.push_evidence and not (x.revised or x.held):
                # "no, then yes once pushed" is shown where the design changed, not only
                # the answer that left it as it was
                e = x.push_evidence
                at = f"{clock(e.start)} " if e.start is not None else ""
                pushed = f"once pushed: {at}“{e.quote}”"
                where = f"{where}; {pushed}" if where else pushed
            took, design = adaptation_verdict(x)
            tint = {"yes": "green", "no": "red"}.get(took, "dim")
            shade = "dim" if x.skipped else "green" if x.revised or x.held else "yellow"
            adapt.add_row(
                plain(x.said or x.constraint),
                f"[{tint}]{took}[/]",
                f"[{shade}]{design}[/]",
                plain(where),
            )
        console.print(adapt)
    for notice in iv.notices:
        console.print(Text.assemble(("Note: ", "yellow"), notice))
