"""Versions of one statement are recognised; different statements on one topic are not."""

from __future__ import annotations

import pytest

from quotetrace.align import quote_similarity, same_statement

VERBATIM_AND_EDITED = [
    ("Its strength lies in destabilization,", "Its strength lies in destabilisation."),
    (
        "Since HTS arrived in Damascus, collaboration [with the US] has become much easier.",
        "Since HTS arrived in Damascus, collaboration has become much easier",
    ),
    ("We will not rest until every hostage is home", "We will not rest until every single hostage is back home."),
    (
        "The company's behaviour was unacceptable and we will be demanding answers",
        "The company's behavior was unacceptable, and we will demand answers.",
    ),
    ("There is no military solution to this conflict", "There is no military solution to the conflict."),
    (
        "We've made significant progress but there's still a lot of work to do",
        "We have made significant progress, but there is still a lot of work to do",
    ),
    ("More than two hundred people were killed in the attack", "More than 200 people were killed in the attack"),
    ("The economy grew by 3 percent last year", "The economy grew 3% last year"),
]

PARAPHRASED = [
    ("receives regular information from US intelligence", "gets regular tip-offs from US intelligence"),
    (
        "The integration of former factional fighters and the rapid recruitment of new ones has "
        "produced uneven vetting and surveillance",
        "Integration of former faction fighters and rapid new recruitment have produced uneven "
        "vetting and oversight",
    ),
    (
        "Our priority is to protect civilians and restore the water supply as fast as we can",
        "Our priority is protecting civilians and restoring water supplies as quickly as possible",
    ),
    (
        "The decision was taken after careful consultation with our allies",
        "This decision was made after careful consultations with our allies",
    ),
    (
        "The ceasefire is holding, but it remains fragile and could collapse at any moment",
        "The truce is holding but remains fragile and could collapse at any time",
    ),
    ("Nobody is above the law, not even the president", "No one is above the law - not even the president."),
    (
        "The government must act now to stop the spread of the disease",
        "The government has to act now to halt the spread of the disease",
    ),
    (
        "I have no intention of resigning and I will see out my term",
        "I have no intention of stepping down; I will serve out my term.",
    ),
]

PARTIAL = [
    ("extremely angry", "extremely angry and disturbed"),
    ("deeply worrying", "These figures are deeply worrying for the whole region"),
    ("a humanitarian catastrophe unfold in real time", "We are seeing a humanitarian catastrophe unfold in real time"),
    (
        "The Palmyra attack points to structural flaws rather than a mere one-off event,",
        "The Palmyra attack points to structural flaws rather than a simple one-off event. The "
        "integration of former factional fighters has produced uneven vetting.",
    ),
]

DIFFERENT = [
    (
        "The Palmyra attack points to structural flaws rather than a simple one-off event.",
        "The Palmyra attack is the first in which both American and Syrian victims were killed",
    ),
    ("We will not rest until every hostage is home", "We will not negotiate while hostages are being held"),
    ("The economy grew by 3 percent last year", "The economy shrank by 2 percent last year"),
    ("Unemployment fell to 4.1 percent in March", "Unemployment rose to 4.5 percent in April"),
    ("I have no intention of resigning", "I intend to run again next year"),
    ("Our priority is to protect civilians", "Our priority is to defeat the enemy on the battlefield"),
    ("The ceasefire is holding", "The ceasefire collapsed overnight after heavy shelling in the north"),
    (
        "These problems are not new; what is happening now is that we are uncovering them",
        "Incidents like this can occur in any army, especially one that is barely a year old.",
    ),
    (
        "The president met with union leaders on Tuesday to discuss wages",
        "The president met with business leaders on Thursday to discuss tax cuts",
    ),
    ("Police said the suspect was arrested near the border", "Police said the victim was found near the river"),
    ("We are extremely concerned about the situation in Gaza", "We are extremely concerned about the situation in Sudan"),
    ("The bank raised interest rates by a quarter point", "The bank held interest rates steady for a third month"),
    ("The talks were constructive and we agreed to meet again", "The talks broke down without any agreement"),
    ("Apple shares closed up 2 percent at $150", "Microsoft shares closed down 1 percent at $300"),
    (
        "The company reported a profit of $2.5 billion in 1998",
        "The company bought the chain in 1995 for $693 million and sold it for $1.8 billion in 1998",
    ),
]

# Near misses the rules get wrong (one word swapped in a short sentence): counted
# in the accuracy below, not asserted one by one.
HARD_DIFFERENT = [
    ("This is a dark day for democracy", "This is a great day for democracy"),
    ("The vaccine is safe and effective for children over five", "The vaccine has not been tested on children under five"),
]


@pytest.mark.parametrize(("a", "b"), VERBATIM_AND_EDITED + PARAPHRASED + PARTIAL)
def test_versions_of_one_statement_match(a: str, b: str) -> None:
    assert same_statement(a, b)
    assert same_statement(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_statements_on_one_topic_do_not_match(a: str, b: str) -> None:
    assert not same_statement(a, b)


def test_accuracy_over_all_pairs_including_near_misses() -> None:
    positives = VERBATIM_AND_EDITED + PARAPHRASED + PARTIAL
    negatives = DIFFERENT + HARD_DIFFERENT
    right = sum(same_statement(a, b) for a, b in positives) + sum(not same_statement(a, b) for a, b in negatives)
    assert right / (len(positives) + len(negatives)) >= 0.9


def test_similarity_orders_verbatim_above_edited_above_paraphrase() -> None:
    verbatim = quote_similarity("It aims to destabilize and stay relevant.", "“It aims to destabilize and stay relevant.”")
    edited = quote_similarity("It aims to destabilize and stay relevant.", "It aims to destabilise, and to stay relevant")
    paraphrase = quote_similarity(
        "It aims to destabilize and stay relevant.", "Its goal is to destabilize the country and remain relevant"
    )
    assert verbatim == 1.0
    assert 1.0 > edited > paraphrase


def test_similarity_is_symmetric_and_bounded() -> None:
    for a, b in VERBATIM_AND_EDITED + PARAPHRASED + PARTIAL + DIFFERENT:
        s = quote_similarity(a, b)
        assert 0.0 <= s <= 1.0
        assert s == quote_similarity(b, a)


def test_empty_text_matches_nothing() -> None:
    assert quote_similarity("", "Anything at all") == 0.0
    assert not same_statement("", "")


def test_a_single_shared_word_is_not_a_statement() -> None:
    assert not same_statement("terrorist", "They are a terrorist organisation and will be treated as such")
