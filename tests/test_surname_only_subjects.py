"""A surname the text never gives in full is a person when it is a sentence's subject and a
pronoun of its clause tells the gender ("Dorsey openly admitted that his pick …"): a later "he"
resolves to it. A common word capitalised by its place ("Audiences", "Recently") is nobody: it
takes no pronoun, and as a speaker it is marked unsure."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of


def test_a_surname_subject_is_the_antecedent_of_he() -> None:
    text = (
        "Governor Kenneth Albright picked the home team.\n\n"
        "Dorsey openly admitted that his pick was about the primary. “With an eye to March, Ohio,” he said."
    )
    assert speaker_of(text, "With an eye to March") == "Dorsey"


def test_an_adverb_opening_the_sentence_is_no_person() -> None:
    text = (
        "Marcus Oduya runs a grocery on the corner.\n\n"
        "Recently, he hired two more workers. “Business is good,” he said."
    )
    assert speaker_of(text, "Business is good") == "Marcus Oduya"


def test_a_capitalised_common_word_takes_no_pronoun() -> None:
    text = (
        "Broadway star Tobias Renn will sing for a small audience on Friday.\n\n"
        "Audiences can expect him to approach the set with “a little more recklessness than they are used to.”\n\n"
        "“It’s straight from the heart,” he said."
    )
    assert speaker_of(text, "It’s straight") == "Tobias Renn"
    q = quote_starting(text, "a little more recklessness")
    assert q.speaker_kind != "person" or q.speaker == "Tobias Renn"


def test_a_frequent_word_capitalised_only_where_sentences_start_is_no_person() -> None:
    # "Contrast" and "Ask" are written nowhere else: how common they are in English and that
    # the text capitalises them only at a sentence's start tell they are no surnames
    text = (
        "The senator was for the pact, then against it.\n\n"
        "Contrast that with the mayor, who called the pact “a betrayal of every worker.”\n\n"
        "Ask yourself: who wins with “more of the same”?"
    )
    for start in ("a betrayal", "more of the same"):
        q = quote_starting(text, start)
        assert q.speaker_kind != "person", q


def test_a_surname_capitalised_inside_a_sentence_stays_a_person() -> None:
    text = "Brown spoke last. “We will win this district,” said Brown, who chairs the county party."
    q = quote_starting(text, "We will win")
    assert (q.speaker, q.speaker_kind) == ("Brown", "person")
