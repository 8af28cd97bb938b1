"""Someone the text names by one given name ("a resident named Caroline", "a man who identified
himself only as Dev") is a person of the cast: a later pronoun resolves to them."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of


def test_a_resident_named_by_a_given_name_is_the_pronouns_antecedent() -> None:
    text = (
        "“That was a serious reprimand,” Governor Alan Pryce said.\n\n"
        "The woman who started it identified herself to reporters as a 52-year-old Dover resident named Margaret.\n\n"
        "“He truly cares about us,” she said."
    )
    q = quote_starting(text, "He truly cares")
    assert (q.speaker, q.speaker_kind) == ("Margaret", "person")


def test_a_man_who_gave_only_a_first_name() -> None:
    text = (
        "A man who identified himself only as Dev waited outside the plant.\n\n"
        "“Nobody told us anything,” he said."
    )
    assert speaker_of(text, "Nobody told us") == "Dev"

