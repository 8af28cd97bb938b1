"""Organisations come whole: a capitalised name after "the", spelled out as the article
spells it out elsewhere, continued where the mention stopped short; a person's office or
campaign is an organisation named after the person; a person's document speaks for them."""

from __future__ import annotations

from quote_helpers import quote_starting

from quotetrace import extract_quotes


def test_a_capitalised_name_after_the_is_an_organisation() -> None:
    q = quote_starting("“We reviewed every file,” the Treasury Department said on Friday.", "We reviewed")
    assert (q.speaker, q.speaker_kind) == ("Treasury Department", "organisation")


def test_a_short_form_is_spelled_out_as_the_article_does() -> None:
    text = (
        "The Lakeside Daily Chronicle first reported the audit.\n"
        "“The numbers do not add up,” the Chronicle wrote in an editorial."
    )
    assert quote_starting(text, "The numbers").speaker == "Lakeside Daily Chronicle"


def test_a_mention_cut_short_goes_on_to_the_whole_name() -> None:
    text = "Bridge Fund for Rural Schools, a charity, objected. “This is theft,” Bridge Fund for Rural Schools said."
    q = next(q for q in extract_quotes(text) if q.text.startswith("This is theft"))
    assert q.speaker == "Bridge Fund for Rural Schools"


def test_a_persons_campaign_is_named_after_the_person_in_full() -> None:
    text = (
        "Senator Ilse Marchetti leads the primary.\n"
        "Marchetti’s campaign said it was “ready to win.”"
    )
    q = quote_starting(text, "ready to win")
    assert q.speaker_kind == "organisation"
    assert q.speaker == "Ilse Marchetti’s campaign"


def test_a_persons_document_speaks_for_the_person() -> None:
    text = (
        "Governor Teodor Halvorsen faces a recall.\n"
        "“Stand with me,” Halvorsen’s fundraising email told supporters."
    )
    assert quote_starting(text, "Stand with me").speaker == "Teodor Halvorsen"


def test_a_verb_after_the_mention_is_not_part_of_the_speaker() -> None:
    text = (
        "Senator Ilse Marchetti leads the primary.\n"
        "Marchetti celebrated in Dayton with supporters, calling the plan “a disaster for farmers.”"
    )
    assert quote_starting(text, "a disaster").speaker == "Ilse Marchetti"


def test_a_description_stands_for_the_organisation_named_so_before() -> None:
    text = (
        "The Lakeside Courier editorial board endorsed the levy on Sunday.\n"
        "“Voters should say yes,” the editorial board wrote."
    )
    assert quote_starting(text, "Voters should").speaker == "Lakeside Courier editorial board"


def test_the_campaign_of_a_named_person_is_named_after_them_in_full() -> None:
    text = (
        "Senator Tobias Ferrante leads in the polls.\n"
        "“We are winning,” the Ferrante campaign said."
    )
    q = quote_starting(text, "We are winning")
    assert (q.speaker, q.speaker_kind) == ("Tobias Ferrante campaign", "organisation")


def test_a_short_name_of_an_organisation_is_the_organisation() -> None:
    text = (
        "A survey by the Lindqvist Research Center found support was low.\n"
        "“Only a third agree,” Lindqvist said."
    )
    q = quote_starting(text, "Only a third")
    assert (q.speaker, q.speaker_kind) == ("Lindqvist Research Center", "organisation")
