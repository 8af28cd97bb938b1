"""An affiliation comes whole from the words before a name: "Moody’s Analytics", not "Moody";
"Channel 4", not "Channel"; no "Air" from "Air Vice Marshal", no "Presumptive" from a
capitalised adjective; and "Howard Dean" is a name though "dean" is a role."""

from __future__ import annotations

from quote_helpers import quote_starting


def _of(text: str) -> tuple[str | None, str | None, str | None]:
    q = quote_starting(text, "It")
    return q.speaker, q.title, q.affiliation


def test_a_possessive_inside_an_organisation_name() -> None:
    assert _of("“It will slow,” Harlow’s Analytics economist Dana Pike said.") == ("Dana Pike", "economist", "Harlow’s Analytics")


def test_a_number_inside_an_organisation_name() -> None:
    assert _of("“It was a joke,” Channel 9 co-host Lena Marsh said.") == ("Lena Marsh", "co-host", "Channel 9")


def test_a_compound_rank_is_all_title() -> None:
    assert _of("“It is ready,” Air Vice Marshal Tomas Reed said.") == ("Tomas Reed", "Air Vice Marshal", None)


def test_a_capitalised_adjective_is_no_organisation() -> None:
    assert _of("“It is over,” Presumptive nominee Ana Ruiz said.")[2] is None


def test_a_role_word_as_a_surname() -> None:
    assert _of("“It is a crisis,” Howard Dean told the crowd.")[0] == "Howard Dean"
