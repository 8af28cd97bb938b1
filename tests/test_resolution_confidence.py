"""speaker_confidence says how sure resolution is: a pronoun with another person of its gender
named near, or a surname two people share, is less sure than a full name or a lone candidate."""

from __future__ import annotations

from quote_helpers import quote_starting

from quotetrace.records import CHECKED_CONFIDENCE


def test_a_pronoun_with_a_rival_of_its_gender_nearby_is_less_sure() -> None:
    alone = "Mayor Ruth Okafor spoke on Monday. “We will rebuild,” she said."
    rival = "Mayor Ruth Okafor met Governor Mary Price on Monday. “We will rebuild,” she said."
    sure = quote_starting(alone, "We will rebuild").speaker_confidence
    unsure = quote_starting(rival, "We will rebuild").speaker_confidence
    assert unsure < sure


def test_a_surname_two_people_share_is_less_sure() -> None:
    one = "Eliza Marden spoke first. “Not today,” Marden said."
    two = "Eliza Marden and her brother Thomas Marden spoke. “Not today,” Marden said."
    assert quote_starting(two, "Not today").speaker_confidence < quote_starting(one, "Not today").speaker_confidence


def test_a_full_name_is_surest() -> None:
    text = "Eliza Marden and her brother Thomas Marden spoke. “Not today,” Eliza Marden said."
    assert quote_starting(text, "Not today").speaker_confidence >= CHECKED_CONFIDENCE
