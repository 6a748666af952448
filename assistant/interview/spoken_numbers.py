"""Numbers and times as a candidate says them: "three hundred" is 300, "a tenth of a
second" 0.1 s, "p ninety nine" a percentile and no number; the limits a sentence sets
("within 1 minute", "now gets 30 ms")."""

from __future__ import annotations

import re

from assistant.scoring.structure.cues import normalise_text

_IN_SECONDS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "day": 86400.0}
_TIME_UNIT = (
    r"(?:(?P<ms>ms|msec|milliseconds?)|(?P<s>s|secs?|seconds?)|(?P<min>mins?|minutes?)|"
    r"(?P<h>h|hrs?|hours?)|(?P<day>days?))"
)
_DURATION = re.compile(rf"(?<![\d.])(?P<n>\d+(?:\.\d+)?|an?|one)\s*{_TIME_UNIT}\b")
_UPPER_BOUND = re.compile(
    rf"\b(?:within|under|in under|in|less than|at most|no more than|gets|budget of)\s+"
    rf"(?:about\s+)?(?<![\d.])(?P<n>\d+(?:\.\d+)?|an?|one)\s*{_TIME_UNIT}\b"
)
"""A time a change allows ("within 1 minute", "now gets 30 ms", "finish in 10 ms"); not
one it asks to last ("a quote must hold for 5 minutes") or a rate ("every 2 hours")."""


def _seconds(m: re.Match[str]) -> float:
    n = 1.0 if m.group("n") in ("a", "an", "one") else float(m.group("n"))
    unit = next(u for u in _IN_SECONDS if m.group(u))
    return n * _IN_SECONDS[unit]


def tightest_limit(text: str) -> float | None:
    """The tightest time, in seconds, ``text`` allows (None: it sets none)."""
    limits = [_seconds(m) for m in _UPPER_BOUND.finditer(number_text(text))]
    return min(limits) if limits else None


_PARTS = {"tenth": 0.1, "fifth": 0.2, "quarter": 0.25, "third": 1 / 3, "50": 0.5}
_FRACTION = re.compile(
    rf"\b(?:(?P<whole>\d+|one) and an? 50|(?:an?|one) (?P<part>tenth|fifth|quarter|third) of an?|"
    rf"(?P<half>50) an?|an? (?P<half_>50)) {_TIME_UNIT}\b"
)
"""A part of a unit, in words: "a tenth of a second", "half a second", "a half minute",
"one and a half seconds" ("half" is "50" in :func:`number_text`)."""


def _fraction(m: re.Match[str]) -> float:
    unit = _IN_SECONDS[next(u for u in _IN_SECONDS if m.group(u))]
    if m.group("whole"):
        whole = m.group("whole")
        return ((1 if whole == "one" else int(whole)) + 0.5) * unit
    return _PARTS[m.group("part") or "50"] * unit


def times(norm: str) -> list[float]:
    """The times ``norm`` (see :func:`number_text`) states, in seconds: "50 ms", "a
    minute", "a tenth of a second"."""
    parts = [_fraction(m) for m in _FRACTION.finditer(norm)]
    rest = _FRACTION.sub(" ", norm)
    return parts + [_seconds(m) for m in _DURATION.finditer(rest)]


def same_time(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(a, b, 1.0)


def inside(norm: str, limit: float) -> bool:
    """``norm`` states a time at or under ``limit`` seconds, in any unit: "30 seconds" is
    inside "within 1 minute", "50 ms" inside "0.05 s"."""
    return any(0 < t < limit or same_time(t, limit) for t in times(norm))


_NUMBER_WORDS = {
    # not "one": "one model" says nothing about a 1-minute limit
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",  # "a hundred ms"
    "thousand": "1000",
    "half": "50",
}


_SCALES = {"hundred": 100, "thousand": 1000}


def join_thousands(text: str) -> str:
    """ "10,000" -> "10000" in raw text (before the comma is lost): one number, not two.
    "50, 100 and 200 ms" stays three numbers."""
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


_PERCENTILE = re.compile(
    r"(?<![\w.])p (\d{1,2}(?:\.\d+)?)(?![\w.])"
    r"|(?<![\w.])(\d{1,2}(?:\.\d+)?)(?:st|nd|rd|th)? percentile\b"
)
"""A percentile as heard ("p ninety nine" is "p 99") or said in full ("the 99th
percentile"): written "p99", it names which requests a limit holds for."""
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
"""A number on its own: not the 99 of "p99", the 4 of "gpt4" or the 2 of "l2"."""


def number_text(text: str) -> str:
    """``text`` normalised with its numbers as digits (see :func:`digits`), percentiles
    as "p99"."""
    norm = digits(normalise_text(join_thousands(text)))
    return _PERCENTILE.sub(lambda m: f"p{m.group(1) or m.group(2)}", norm)


def numbers_in(norm: str) -> list[str]:
    """The numbers normalised text says: "under 50 ms at p99" says 50, not 99 (a
    percentile says which requests a limit is for, not a figure)."""
    return _NUMBER.findall(norm)


_HALF_OF_BIG = re.compile(
    r"\b(?P<half>half an?|an? half|(?P<and>and an? half)) (?=(?:million|billion|trillion)\b)"
)
"""Half of a big number, in words: "half a million", "a half million", "two and a half
billion"."""


def _halves(norm: str) -> str:
    """ "half a million" -> "0.5 million", "two and a half million" -> "two point 5 million"
    (a decimal said aloud, read as one by :func:`_with_points`)."""
    return _HALF_OF_BIG.sub(lambda m: "point 5 " if m.group("and") else "0.5 ", norm)


def digits(norm: str) -> str:
    """ "thirty milliseconds" -> "30 milliseconds", "three hundred" -> "300", "twenty
    five" -> "25", "two thousand five hundred" -> "2500", "half a million" -> "0.5
    million", "two and a half million" -> "2.5 million": a spoken number is a number
    ("one" is not read: "one model" says nothing about a 1-minute limit; "half" of
    anything smaller is "50", as "half a second" is read by :func:`times`). ``norm`` is
    normalised text."""
    out: list[str] = []
    spoken: list[bool] = []  # out[i] came from a number word
    for w in _halves(norm).split():
        d = _NUMBER_WORDS.get(w, w)
        if w in _SCALES and out and out[-1].isdigit():
            out[-1] = str(int(out[-1]) * _SCALES[w])
            spoken[-1] = True
            continue
        tens = out and spoken[-1] and out[-1].isdigit() and int(out[-1]) in range(20, 100, 10)
        if tens and d != w and d.isdigit() and int(d) < 10:
            out[-1] = str(int(out[-1]) + int(d))  # "twenty five"
            continue
        out.append(d)
        spoken.append(d != w)
    # "two thousand" then "five hundred": one number
    i = len(out) - 1
    while i > 0:
        head, tail = out[i - 1], out[i]
        if spoken[i - 1] and spoken[i] and head.isdigit() and tail.isdigit():
            if int(head) % 1000 == 0 and int(tail) < 1000:
                out[i - 1 : i + 1] = [str(int(head) + int(tail))]
                del spoken[i]
        i -= 1
    return " ".join(_with_points(out))


_POINT_DIGITS = {"zero": "0", "oh": "0", "one": "1"}
"""Said beside "point", these are digits ("zero point nine eight", "one point five")."""


def _with_points(tokens: list[str]) -> list[str]:
    """ "99 point 7" -> "99.7", "zero point 9 8" -> "0.98": a decimal said aloud."""
    out = list(tokens)
    i = 1
    while i < len(out) - 1:
        if out[i] == "point":
            whole = _POINT_DIGITS.get(out[i - 1], out[i - 1])
            j, frac = i + 1, ""
            while j < len(out) and len(d := _POINT_DIGITS.get(out[j], out[j])) == 1 and d.isdigit():
                frac, j = frac + d, j + 1
            if whole.isdigit() and frac:
                out[i - 1 : j] = [f"{whole}.{frac}"]
                continue
        i += 1
    return out


OFF_BY = 2.0
"""How far an assumed figure may be from the real one, as a factor, and still be right."""
_BIG = {"thousand": 1e3, "k": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NOT_WHAT = frozenset(
    "a an the of and or to at on in per about around roughly up we see it is are with".split()
)
"""Words after a figure that do not say what it counts."""


_VAGUE = {"few": (2.0, 9.0), "several": (3.0, 9.0), "couple": (2.0, 3.0)}
"""A figure said as a rough count of its unit ("a few hundred million", "several
thousand", "a couple of million"): the span of values it stands for, as factors."""


def _figures(text: str) -> list[tuple[float, set[str]]]:
    """Each figure in ``text`` with the words after it that say what it counts: "35
    million payments a day" is (35e6, {payments, day}). What a figure counts ends with its
    clause: "…before a post gets 100 views; most posts get…" counts views, not posts."""
    return [(low, what) for low, _, what in _spans(text)]


def _spans(text: str) -> list[tuple[float, float, set[str]]]:
    """:func:`_figures` with the span each stands for: "a few hundred million videos" is
    anything from 200 to 900 million; a plain figure is itself."""
    out = []
    for clause in re.split(r"[;:,.!?](?=\s|$)", text):
        words = number_text(clause).split()
        for i, w in enumerate(words):
            if not _NUMBER.fullmatch(w):
                continue
            value, j = float(w), i + 1
            if j < len(words) and words[j] in _BIG:
                value, j = value * _BIG[words[j]], j + 1
            before = words[max(0, i - 2) : i]
            vague = next((_VAGUE[b] for b in before if b in _VAGUE), None)
            if vague is not None and w in ("100", "1000"):
                # "a few hundred million" is a few times a hundred million
                low, high = value * vague[0], value * vague[1]
            else:
                low = high = value
            out.append((low, high, set(words[j : j + 3]) - _NOT_WHAT))
    return out


def _compared(assumed: str, told: str) -> list[tuple[float, float]]:
    """Pairs of figures of ``assumed`` and ``told`` that count the same thing."""
    return [(low, t) for low, _, t in _compared_spans(assumed, told)]


def _compared_spans(assumed: str, told: str) -> list[tuple[float, float, float]]:
    """:func:`_compared` with the span of each assumed figure: (low, high, told)."""
    told_figures = _figures(told)
    return [
        (low, high, t)
        for low, high, what in _spans(assumed)
        for t, counted in told_figures
        if what & counted and low > 0 and t > 0
    ]


def counts_the_same(assumed: str, told: str) -> bool:
    """``assumed`` puts a figure on something ``told`` counts too ("five hundred million
    new posts a day" and "About 500 million new posts a day")."""
    return bool(_compared(assumed, told))


def figures_disagree(assumed: str, told: str) -> bool:
    """An assumption's figures are off from those the interviewer tells, by more than
    :data:`OFF_BY` times, comparing figures that count the same thing ("100 million
    members" against "900 million members", not against "60 billion connections").
    False when nothing can be compared, or when any figure compared agrees; a rough
    count ("a few hundred million") agrees with any figure in its span."""
    pairs = _compared_spans(assumed, told)
    # "a few hundred million videos" against "About 800 million videos" is right: the
    # figure told is inside what was assumed
    return bool(pairs) and all(max(low / t, t / high) > OFF_BY for low, high, t in pairs)
