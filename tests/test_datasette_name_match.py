"""name_match, the SQL function behind quotes_by_speaker: a name search across spellings."""

from __future__ import annotations

import sqlite3

import pytest

from quotetrace.datasette import name_match, prepare_connection


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Hawash", "Hawach"),
        ("Hawash", "Nanar Hawash"),
        ("Hawach", "Nanar Hawash"),
        ("Nanar Hawach", "Nanar Hawash"),
        ("N. Hawash", "Nanar Hawash"),
        ("HAWASH", "nanar hawash"),
        ("al-Sharaa", "Ahmed al-Sharaa"),
        ("Ahmad Sharaa", "Ahmed al-Sharaa"),
        ("President Trump", "Donald Trump"),
    ],
)
def test_spellings_of_the_searched_name_match(query: str, name: str) -> None:
    assert name_match(query, name) == 1


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Hawash", "Ibrahim Hamidi"),
        ("Nanar Hawash", "Hawach"),  # the searched given name is not there
        ("Hamad", "Hamid Karzai"),
        ("Lund", "Lind"),
        ("", "Nanar Hawash"),
        ("   ", "Nanar Hawash"),
        ("Hawash", ""),
        (None, "Nanar Hawash"),
        ("Hawash", None),
    ],
)
def test_other_names_and_empty_values_do_not_match(query: str | None, name: str | None) -> None:
    assert name_match(query, name) == 0


def test_functions_are_registered_on_a_connection() -> None:
    conn = sqlite3.connect(":memory:")
    prepare_connection(conn)
    conn.execute("CREATE TABLE n (spelling TEXT)")
    conn.executemany("INSERT INTO n VALUES (?)", [("Nanar Hawash",), ("Hawach",), ("Aron Lund",), (None,)])
    found = conn.execute("SELECT spelling FROM n WHERE name_match(?, spelling) ORDER BY 1", ["Hawash"])
    assert found.fetchall() == [("Hawach",), ("Nanar Hawash",)]
    assert conn.execute("SELECT normalise_name('Ahmed el-Sharaa')").fetchone() == ("ahmed al sharaa",)
    assert conn.execute("SELECT name_similarity('Nanar Hawash', 'Nanar Hawach')").fetchone()[0] >= 0.85
