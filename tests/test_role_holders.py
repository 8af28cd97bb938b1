"""Who holds the role a description names ("the senator", "the Florida senator", "the actress"):
the person introduced with it, unless the story has moved on to someone given no role; never
someone of another state, party or gender, someone holding another office, or a journalist for
a politician's role. Resolved by a guess, the speaker is marked less sure than a name."""

from __future__ import annotations

from quote_helpers import quote_starting, speaker_of

from quotetrace.records import CHECKED_CONFIDENCE


def test_the_story_moved_on_from_a_senator_named_paragraphs_ago() -> None:
    text = (
        "Tess Marlowe has run as an outsider all year.\n\n"
        "Recall Sen. Owen Pryde, who lost his seat in 2010 after a long fight over the farm bill.\n\n"
        "Critics say the same fate awaits her.\n\n"
        "Voters in Dubuque heard the pitch again on Friday.\n\n"
        "Marlowe defends her record in a new commercial: “I kept every promise,” the senator says."
    )
    q = quote_starting(text, "I kept every promise")
    assert q.speaker == "Tess Marlowe"
    assert q.speaker_confidence < CHECKED_CONFIDENCE  # a role it had to guess: a person checks


def test_a_senator_of_another_state_is_not_the_florida_senator() -> None:
    text = (
        "Gil Ardent, who trails in the polls, campaigned with Sen. Rhea Mott, R-Iowa.\n\n"
        "The Florida senator told reporters “we will see what happens next week.”"
    )
    assert speaker_of(text, "we will see") == "Gil Ardent"


def test_a_journalist_asking_is_not_the_senator_answering() -> None:
    text = (
        "Linus Brandt has few friends in the chamber, and he knows it.\n\n"
        "“I am the outsider here,” Brandt said in an interview with CNN's Petra Vale.\n\n"
        "“That would be you?” Vale asked.\n\n"
        "“That would be me,” the senator said."
    )
    assert speaker_of(text, "That would be me") == "Linus Brandt"


def test_a_pronoun_opening_the_sentence_tells_the_gender_of_the_description() -> None:
    text = (
        "Mara Quill and Peter Fenn shared a stage in Ames on Monday.\n\n"
        "“We need bold changes,” Fenn said.\n\n"
        "Reprising one of her favorite lines, the former secretary of state talked about “progress we can keep.”"
    )
    assert speaker_of(text, "progress we can keep") == "Mara Quill"


def test_a_role_given_in_the_clause_is_held() -> None:
    text = (
        "Nadia Orlov accepted the nomination on Thursday as the Democratic nominee, while Victor Kane watched.\n\n"
        "“A man you can bait with a tweet is not a man we can trust,” said the Democratic nominee."
    )
    assert speaker_of(text, "A man you can bait") == "Nadia Orlov"


def test_a_star_is_the_actress_and_a_verb_ends_the_description() -> None:
    text = (
        "“Harbor Lights” actress Ivy Dumont spoke first.\n\n"
        "Later, “Night Shift” star Coral Beane opened up about casting.\n\n"
        "The actress explained why she calls it a “backhanded compliment.”\n\n"
        "With the help of a friend, the actress held a fake audition and asked actors to act “whiter.”"
    )
    assert speaker_of(text, "backhanded compliment") == "Coral Beane"
    assert speaker_of(text, "whiter") == "Coral Beane"


def test_an_analyst_in_between_does_not_take_the_chief_executives_words() -> None:
    text = (
        "“We did not price fast enough,” Chief Executive Lydia Vance told analysts.\n\n"
        "“The brand is in trouble,” said Omar Pell, an analyst at Brightline Securities.\n\n"
        "Asked about layoffs, the chief executive said, “Everything is on the table.”"
    )
    assert speaker_of(text, "Everything is on the table") == "Lydia Vance"


def test_the_mother_of_an_unnamed_victim_is_someone_new() -> None:
    text = (
        "Detective Carla Munez said the stolen laptops were recovered on Monday.\n\n"
        "The mother of one of the burglary victims said, “It was not a mistake.”"
    )
    assert speaker_of(text, "It was not a mistake") != "Carla Munez"


def test_a_radioman_is_a_person_noun() -> None:
    text = (
        "Radio host Dwight Oakes minced no words on Tuesday about the endorsement.\n\n"
        "The radioman pointed out that the governor once favored “bailouts and bigger government.”"
    )
    assert speaker_of(text, "bailouts and bigger government") == "Dwight Oakes"
