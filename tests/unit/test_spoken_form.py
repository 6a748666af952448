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


def test_syllables_of_written_words():
    from assistant.scoring.spoken_form import syllables

    counts = {w: syllables(w) for w in ["a", "the", "model", "candidates", "optimising", "page"]}
    assert counts == {"a": 1, "the": 1, "model": 2, "candidates": 3, "optimising": 4, "page": 1}


def test_a_long_word_split_into_unsure_pieces_counts_by_its_sound():
    """tiny.en at 230 wpm: "candidates come from follows" came out as "can the dates come
    from far-long" with the pieces unsure; counted as tokens that is 6 words for 4."""
    from assistant.scoring.spoken_form import word_weights

    sure = ["we", "rank", "posts", "for", "each", "member", "by", "the", "chance", "they"] * 3
    tokens = [*sure, "Can", "the", "dates", "come", "from", "far-long"]
    confidence = [0.95] * len(sure) + [0.3, 0.2, 0.4, 0.9, 0.9, 0.4]
    weights = word_weights(tokens, confidence)
    assert weights[: len(sure)] == [1.0] * len(sure)  # what the model is sure of: as written
    ratio = 35 / 32  # the answer's own syllables per confident word
    assert sum(weights[len(sure) : len(sure) + 3]) == pytest.approx(3 / ratio)  # not 3 words
    assert weights[-1] == pytest.approx(2 / ratio)  # a hyphenated piece: not 2 words
    assert weights[-3:-1] == [1.0, 1.0]
    # typed text (confidence 1) and filled pauses heard in the audio count as written
    assert word_weights(["real-time", "(uh)"], [1.0, 0.0], [False, True]) == [2.0, 1.0]


def test_long_words_heard_right_but_unsure_count_no_more_than_written():
    """tiny.en at 230 wpm wrote "Offline we compare normalised discounted gain" right but
    at 0.2-0.5 ("we" at 0.9 between two of them): by syllables alone the run read as twelve
    words for six; and a run of pieces counts by its syllables however many tokens the
    model made of it."""
    from assistant.scoring.spoken_form import word_weights

    sure = ["we", "rank", "posts", "for", "each", "member", "by", "the", "chance", "they"] * 3
    tokens = [*sure, "Offline", "we", "compare", "normalised", "discounted", "gain."]
    confidence = [0.95] * len(sure) + [0.23, 0.9, 0.4, 0.44, 0.35, 0.5]
    weights = word_weights(tokens, confidence)
    assert sum(weights[-4:]) == pytest.approx(4.0)  # what was said, not 8 syllables / 1.09
    assert weights[-6:] == [1.0] * 6  # a run worth as many words as written: each as written
    pieces = word_weights([*sure, "up", "to", "my", "thing"], [0.95] * len(sure) + [0.3] * 4)
    assert sum(pieces[-4:]) == pytest.approx(4 / 1.1)  # 4 syllables at 11 per 10 sure words


def test_a_piece_the_model_is_sure_of_between_unsure_ones_is_counted_with_them():
    """tiny.en at 200 wpm (en-us): "optimising for. I would rank" came back "up to my thing
    for... I would rank" with "thing" (0.67) and "I" (0.75) sure between unsure pieces;
    each counted as a word, the five tokens between "to" and "rank" read as five words (for
    the end of "optimising", "for", "I", "would"), and the answer 123 words for 115 (+7 %)."""
    from assistant.scoring.spoken_form import word_weights

    sure = ["we", "rank", "posts", "for", "each", "member", "by", "the", "chance", "they"] * 3
    ratio = 38 / 35  # the answer's syllables per confident word ("thing" and "I" too)
    tokens = [*sure, "up", "to", "my", "thing", "for...", "I", "would", "rank"]
    confidence = [0.95] * len(sure) + [0.73, 0.73, 0.47, 0.67, 0.56, 0.75, 0.57, 0.97]
    weights = word_weights(tokens, confidence)
    assert sum(weights[-6:-1]) == pytest.approx(5 / ratio)  # one run, by its syllables
    assert weights[-8:-6] == [1.0, 1.0] and weights[-1] == 1.0  # sure, outside the run
    # two sure words between unsure ones: no run, every token as written
    tokens = [*sure, "both", "for", "each", "member", "of"]
    confidence = [0.95] * len(sure) + [0.38, 0.98, 1.0, 0.99, 0.21]
    assert word_weights(tokens, confidence)[-5:] == [1.0] * 5
    # a filled pause heard in the audio is no piece of a word: it joins no run
    tokens = [*sure, "my", "(um)", "thing", "for"]
    confidence = [0.95] * len(sure) + [0.47, 1.0, 0.5, 0.95]
    assert (
        word_weights(tokens, confidence, [False] * len(sure) + [False, True, False, False])[-4:]
        == [1.0] * 4
    )


def test_a_lone_unsure_word_still_counts_as_written():
    from assistant.scoring.spoken_form import word_weights

    assert word_weights(["the", "p99", "latency"], [0.9, 0.3, 0.9]) == [1.0, 3.0, 1.0]


def test_a_word_the_model_writes_again_and_again_while_unsure_counts_once():
    """tiny.en at 200 wpm (en-us+m3): "Then a heavier ranker scores" came back "Never,
    never, never, and curse corns, but" at 0.05-0.39; the repeats, counted by their
    syllables, made the run seven words for four said. Going round on sound it cannot
    make out, the model adds tokens, not sound."""
    from assistant.scoring.spoken_form import word_weights

    sure = ["we", "rank", "posts", "for", "each", "member", "by", "the", "chance", "they"] * 3
    ratio = 34 / 31  # the answer's syllables per confident word ("we'll" too)
    tokens = [*sure, "Never,", "never,", "never,", "and", "curse", "corns,", "but", "we'll"]
    confidence = [0.95] * len(sure) + [0.05, 0.32, 0.28, 0.17, 0.09, 0.34, 0.39, 0.71]
    weights = word_weights(tokens, confidence)
    assert sum(weights[-8:-1]) == pytest.approx(6 / ratio)  # "never" once: 6 syllables
    assert weights[-7:-5] == [0.0, 0.0] and weights[-1] == 1.0
    # the same word twice where the model is sure of it is said twice ("very, very")
    tokens = [*sure, "a", "very,", "very", "long", "queue"]
    confidence = [0.95] * len(sure) + [0.9, 0.95, 0.95, 0.9, 0.9]
    assert word_weights(tokens, confidence)[-5:] == [1.0] * 5
    # and a run of unsure words with no repeat counts as before: 6 syllables, as written
    tokens = [*sure, "never", "the", "less", "curse", "corns"]
    confidence = [0.95] * len(sure) + [0.05, 0.32, 0.28, 0.17, 0.09]
    assert word_weights(tokens, confidence)[-5:] == [1.0] * 5
