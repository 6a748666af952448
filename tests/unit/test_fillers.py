"""Filler words are found by context, not by a blind word list."""

import pytest

from assistant.scoring.fillers import filled_pause, find_fillers


def found(text: str) -> list[str]:
    tokens = text.split()
    return [h.word for h in find_fillers(tokens)]


@pytest.mark.parametrize(
    "token", ["um", "Um,", "umm", "uh", "Uh...", "uhh", "er", "erm", "ah", "hmm", "Mm.", "mmm"]
)
def test_filled_pauses(token):
    assert filled_pause(token) is not None


@pytest.mark.parametrize(
    "token", ["us", "umbrella", "are", "human", "her", "oh", "a", "'er", "’er,", "'Er"]
)
def test_not_filled_pauses(token):
    """ "'er" is "her" with its h dropped ("I told 'er"), not a hesitation."""
    assert filled_pause(token) is None


@pytest.mark.parametrize(
    ("token", "name"),
    [("(uh)", "uh"), ("(um)", "um"), ("(hm)", "hmm"), ("(hesitation)", "filled pause")],
)
def test_filled_pauses_heard_in_the_audio(token, name):
    assert filled_pause(token) == name


@pytest.mark.parametrize(
    "text",
    [
        "So the model ranks every post by its recency.",  # "so" opening a real sentence
        "The cache is like glue between the services.",  # a comparison
        "It seemed like a good idea at the time.",
        "I gave 'er the numbers and she agreed.",
    ],
)
def test_look_alikes_are_not_fillers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was, like, huge.", ["like"]),
        ("Like, we could shard it.", ["like"]),
        ("we need um like a cache", ["um", "like"]),
        ("I'd like to start with the data.", []),
        ("I would like to start with the data.", []),
        ("It looks like a ranking problem.", []),
        ("Something like a two tower model.", []),
        ("users like short videos", []),
        # after "is"/"was", "like" before a word that describes is a filler, with or
        # without the commas Whisper often leaves out; before a thing compared to, not
        ("the labels were like useless for new shops", ["like"]),
        ("it's like really slow at peak", ["like"]),
        ("the queue is like a buffer between the jobs", []),
        ("the model is like logistic regression", []),
        ("it is like cable for the data", []),
        ("the latency was like 200 ms", []),
        ("You know, latency matters.", ["you know"]),
        ("the labels are, you know, noisy", ["you know"]),
        ("Do you know the request rate?", []),
        ("if you know the label you can train", []),
        ("I mean, we could batch it.", ["i mean"]),
        ("What I mean is that we batch it.", []),
        ("It's kind of slow.", ["kind of"]),
        ("What kind of model would work?", []),
        # played outside the repo: set off by commas, "like" after "would" is no verb
        ("We would, like, retrain every week.", ["like"]),
        ("I would like to test it first.", []),
        # written outside the repo: a like is one of the actions a post gets
        ("We predict a few actions, a like, a comment, a share.", []),
        ("Each like counts once.", []),
        ("It was a, like, huge launch.", ["like"]),
        # played outside the repo: a like with a word describing it is the noun
        ("A skip is a strong dislike, while a full listen is a weak like.", []),
        ("Every single like counts once.", []),
        ("While a full listen in a week like. Uh, for the model", ["uh"]),
        ("The first like, the first share.", []),
        ("The feed was, like, a weak like, honestly.", ["like"]),
        ("It is weak, like.", ["like"]),
        ("I was like.", ["like"]),
        # written outside the repo: a kind counted per kind is the noun
        ("I'd set a different lean per kind of product.", []),
        # a sort with a word describing it is the noun: played outside the repo
        ("Then a careful sort of those few hundred by the big model.", []),
        ("We run a quick kind of check first.", []),
        ("The model is a really kind of messy one.", ["kind of"]),
        ("The labels are kinda noisy.", ["kind of"]),  # Whisper's spelling of it said fast
        ("What kinda model would work?", []),
        ("we sorta need more data", ["sort of"]),
        ("this sort of problem is common", []),
        ("we sort of need more data", ["sort of"]),
        ("Basically we retrain weekly.", ["basically"]),
        ("Actually, let me step back.", ["actually"]),
        # typed outside the repo: emphasis that says what really happened, and a verb
        ("how far off the guess is compared with what actually sold", []),
        ("the top list is what the analyst team can actually handle per day", []),
        ("we should actually, you know, retrain", ["you know"]),
        # inside a phrase "actually" and "literally" say something; set off, they fill
        ("the goal is that the product they actually want is in the first slots", []),
        ("only posts that were actually on screen for a second", []),
        ("an lstm or actually a transformer", []),
        ("it literally doubles the serving cost", []),
        ("and, actually, we retrain nightly", ["actually"]),
        ("so, literally, we retrain nightly", ["literally"]),
        ("so actually um we retrain", ["actually", "um"]),
        # a filled pause heard inside the phrase: both count ("I (um) mean" hid "I mean")
        ("Um, I (um) mean, we could also use something else.", ["um", "um", "i mean"]),
        ("you (uh) know, it scales", ["uh", "you know"]),
        ("so I (um) mean what I said", ["um"]),
        ("30 songs they haven't heard but will probably like, and the goal is", []),
        ("It scales, right?", ["right"]),
        ("Right? So we shard by user.", ["right"]),
        # played outside the repo: a word asked about, not a tag
        ("of everything the model flagged, how much was actually right?", []),
        ("Is that right?", []),
        # typed outside the repo: "like" hedging an amount is a filler; giving one as an
        # example it is not
        ("we had like three weeks to ship it", ["like"]),
        ("for like two days", ["like"]),
        ("it takes like 50 ms", ["like"]),
        ("values like 50 ms are fine", []),
        # spoken outside the repo: the speech model wrote a comma after a "like" that
        # brings in examples, read aloud without one
        ("Simple words like, stop, we understand inside the speaker too.", []),
        ("We keep the details like, 10 minutes, on the device.", []),
        ("it takes like, two seconds", ["like"]),
        ("it runs like, twice as fast", ["like"]),
        ("the users, like, they want it fast", ["like"]),
        ("something like 50 ms", []),
        # spoken outside the repo: "a cache, like Redis, and" came back "a cache, like,
        # release and": a thing named with its article, then one name, is an example
        ("keep namming a cache, like, release and the model is served", []),
        ("We pick a store, like, Postgres.", []),
        ("we need a model, like, really fast", ["like"]),
        ("we train a model, like, every week", ["like"]),
        ("I bought the thing, like, yesterday.", ["like"]),
        # typed outside the repo: "actually" opening a clause with nothing setting it
        # off puts something right; "basically" after "is" says "in essence"
        ("Okay, actually I should have said this first.", []),
        ("Actually we need two models here.", []),
        ("so that's basically how I'd do it", []),
        ("the weights are basically a product decision", []),
        ("it is basically, um, a lookup", ["basically", "um"]),
        ("Pick the right model.", []),
        ("So we shard by user.", []),
        ("and then, so...", ["so"]),
        ("I think so.", []),
        ("so so the model is big", ["so"]),
        # typed outside the repo: "or so" says about how long, then "so" goes on
        ("within ten seconds or so, so the quick check has to be fast", []),
        ("a week or so so we retrain weekly", []),
    ],
)
def test_fillers_in_context(text, expected):
    assert found(text) == expected


def test_hits_point_at_the_tokens():
    tokens = "the model, you know, is fast".split()
    (hit,) = find_fillers(tokens)
    assert (hit.first, hit.last) == (2, 3)
    assert tokens[hit.first : hit.last + 1] == ["you", "know,"]


@pytest.mark.parametrize(
    ("guessed", "expected"),
    [
        (set(), ["i mean"]),  # written with confidence: said
        ({0}, ["i mean"]),  # one word of it sure: said
        ({0, 1}, []),  # every word a guess: the model's, not the speaker's
    ],
)
def test_a_filler_word_the_model_guessed_every_word_of_is_not_counted(guessed, expected):
    """ "There is a real choice here" (an espeak-ng answer with no filler in it) came
    back "I mean, a real choice" at probabilities 0.11 and 0.13, and was counted."""
    tokens = "team. I mean, a real choice".split()
    hits = find_fillers(tokens, guessed={k + 1 for k in guessed})
    assert [h.word for h in hits] == expected


def test_a_filled_pause_the_model_was_unsure_of_still_counts():
    """The model writes a said "Umm" at probability 0.04-0.35 (synthetic dev lines)."""
    tokens = "today. Umm, and we learn".split()
    assert [h.word for h in find_fillers(tokens, guessed={1})] == ["um"]


def test_the_report_leaves_out_a_filler_word_the_model_guessed():
    """The report counts a filler word only where the model wrote it with some
    confidence: "like" at 0.14 with no time of its own, for an "I" (an espeak-ng
    answer with no filler in it), was counted as a filler."""
    from assistant.report import AudioInfo
    from assistant.scoring.analyse import analyse
    from assistant.settings import Settings
    from speech.vad import SpeechRegion
    from speech.words import Word

    def report(p_like: float):
        spec = [("the", 0.5), ("model,", 0.8), ("like,", 1.1), ("would", 1.1), ("pick", 1.4)]
        spec += [("trees,", 1.7), ("so,", 2.0), ("uh,", 2.3), ("fast.", 2.6)]
        words = [
            Word(t, s, s if t == "like," else s + 0.25, p_like if t == "like," else 0.9)
            for t, s in spec
        ]
        audio = AudioInfo(path="answer.wav", duration_s=3.0)
        return analyse(words, [SpeechRegion(0.5, 2.9)], 3.0, Settings(), audio=audio)

    assert [f.text for f in report(0.9).fillers.items] == ["like", "uh"]
    assert [f.text for f in report(0.14).fillers.items] == ["uh"]
