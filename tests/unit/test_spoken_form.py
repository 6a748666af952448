import pytest

from assistant.scoring.spoken_form import count_words_in_text, integer_words, spoken_words


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("100", "one hundred"),
        ("1%", "one percent"),
        ("99.9%", "ninety nine point nine percent"),
        ("$20", "twenty dollars"),
        ("p99", "p ninety nine"),
        ("P99.", "p ninety nine"),
        ("10x", "ten times"),
        ("50ms", "fifty milliseconds"),
        ("2024", "twenty twenty four"),
        ("2000", "two thousand"),
        ("1,000,000", "one million"),
        ("real-time", "real time"),
        ("gpt-4", "gpt four"),
        ("10-15", "ten fifteen"),
        ("A/B", "a b"),
        ("latency,", "latency"),
        ("...", ""),
        ("21st", "twenty one"),
    ],
)
def test_spoken_words(token, expected):
    assert " ".join(spoken_words(token)) == expected


def test_integer_words_large():
    assert integer_words(3_000_405) == ["three", "million", "four", "hundred", "five"]
    assert integer_words(110) == ["one", "hundred", "ten"]


def test_numbers_count_as_the_words_spoken():
    assert count_words_in_text("The p99 must be under 50 ms at 10k QPS.") == 13
